import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cargoTomlFormat, parseCargoToml } from '../../../../../src/core/manifests/cargo/cargoToml';
import type { Dependency, Range } from '../../../../../src/core/model';
import { LineIndex } from '../../../../../src/core/text';
import { FIXTURES } from '../../../repo';

const MANIFESTS = path.join(FIXTURES, 'manifests', 'cargo');
const read = (name: string): string => fs.readFileSync(path.join(MANIFESTS, name), 'utf8');

function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

const summary = (dependencies: readonly Dependency[]): string[][] => dependencies.map((d) => [d.name, d.scope, d.requested]);
const named = (text: string, name: string): Dependency[] => parseCargoToml(text).dependencies.filter((d) => d.name === name);

describe('Cargo.toml parser', () => {
  describe('on real-world manifests', () => {
    it('lists the dependencies of ripgrep with their scope and requirement, skipping its own path crates', () => {
      assert.deepEqual(summary(parseCargoToml(read('ripgrep.Cargo.toml')).dependencies), [
        ['anyhow', 'runtime', '1.0.75'],
        ['bstr', 'runtime', '1.7.0'],
        ['lexopt', 'runtime', '0.3.0'],
        ['log', 'runtime', '0.4.5'],
        ['serde_json', 'runtime', '1.0.23'],
        ['termcolor', 'runtime', '1.1.0'],
        ['textwrap', 'runtime', '0.16.0'],
        ['tikv-jemallocator', 'runtime', '0.6.0'],
        ['serde', 'dev', '1.0.77'],
        ['serde_derive', 'dev', '1.0.77'],
        ['walkdir', 'dev', '2'],
      ]);
    });

    it('reports no errors for valid manifests', () => {
      for (const file of ['ripgrep.Cargo.toml', 'tokio.Cargo.toml', 'zstd-sys.Cargo.toml', 'helix/Cargo.toml', 'helix/helix-core.Cargo.toml']) {
        assert.deepEqual(parseCargoToml(read(file)).errors, [], file);
      }
    });

    it('gives the exact range of every name (the key as written) and every requirement', () => {
      const files = ['ripgrep.Cargo.toml', 'tokio.Cargo.toml', 'zstd-sys.Cargo.toml', 'helix/Cargo.toml', 'helix/helix-core.Cargo.toml', 'substrate-node-template/pallet-template.Cargo.toml', 'substrate-node-template/runtime.Cargo.toml'];
      for (const file of files) {
        const text = read(file);
        for (const dependency of parseCargoToml(text).dependencies) {
          const written = dependency.name === 'parity-scale-codec' ? 'codec' : dependency.name;
          assert.equal(textAt(text, dependency.range), written, `${file}: ${dependency.name}`);
          if (dependency.requestedRange) {
            assert.equal(textAt(text, dependency.requestedRange), dependency.requested.replace(/^git:/, ''), `${file}: ${dependency.name}`);
          }
        }
      }
    });

    it('ranges a dependency declared as its own table on the name in the header', () => {
      const text = read('ripgrep.Cargo.toml');
      const [jemalloc] = named(text, 'tikv-jemallocator');
      assert.equal(jemalloc.range.start.line, 61);
      assert.equal(textAt(text, jemalloc.range), 'tikv-jemallocator');
      assert.equal(textAt(text, jemalloc.requestedRange as Range), '0.6.0');
    });

    it("reads the tables of tokio's target-specific dependencies with their scope", () => {
      const text = read('tokio.Cargo.toml');
      assert.deepEqual(summary(named(text, 'libc')), [
        ['libc', 'optional', '0.2.168'],
        ['libc', 'dev', '0.2.168'],
      ]);
      assert.deepEqual(summary(named(text, 'windows-sys')), [
        ['windows-sys', 'optional', '0.52'],
        ['windows-sys', 'dev', '0.52'],
      ]);
      assert.deepEqual(summary(named(text, 'loom')), [['loom', 'dev', '0.7']]);
    });

    it('marks a runtime dependency with optional = true as optional', () => {
      const text = read('tokio.Cargo.toml');
      assert.deepEqual(summary(named(text, 'bytes')), [['bytes', 'optional', '1.0.0']]);
      assert.deepEqual(summary(named(text, 'pin-project-lite')), [['pin-project-lite', 'runtime', '0.2.11']]);
    });

    it('reads build-dependencies, keeping an optional one development-only', () => {
      assert.deepEqual(summary(parseCargoToml(read('zstd-sys.Cargo.toml')).dependencies), [
        ['bindgen', 'build', '0.71'],
        ['cc', 'build', '1.0.45'],
        ['pkg-config', 'build', '0.3.28'],
      ]);
    });

    it('lists [workspace.dependencies] as runtime declarations', () => {
      const dependencies = parseCargoToml(read('helix/Cargo.toml')).dependencies;
      assert.equal(dependencies.length, 14);
      assert.deepEqual(summary(dependencies.filter((d) => d.name === 'ropey')), [['ropey', 'runtime', '1.6.1']]);
      assert.ok(dependencies.every((d) => d.scope === 'runtime'));
    });

    it('reports a dependency inherited with workspace = true as requested "workspace", without a version range', () => {
      const text = read('helix/helix-core.Cargo.toml');
      const [ropey] = named(text, 'ropey');
      assert.deepEqual([ropey.scope, ropey.requested, ropey.requestedRange], ['runtime', 'workspace', undefined]);
      assert.equal(textAt(text, ropey.range), 'ropey');
      assert.equal(parseCargoToml(text).dependencies.filter((d) => d.requested === 'workspace').length, 8);
    });

    it("skips path dependencies: they are the project's own crates", () => {
      const names = parseCargoToml(read('helix/helix-core.Cargo.toml')).dependencies.map((d) => d.name);
      assert.ok(!names.some((name) => name.startsWith('helix-')));
      const runtime = parseCargoToml(read('substrate-node-template/runtime.Cargo.toml')).dependencies.map((d) => d.name);
      assert.ok(!runtime.includes('pallet-template'), 'a path dependency with a version is still local code');
    });

    it('names a renamed dependency by its real package and ranges it on the alias as written', () => {
      const text = read('substrate-node-template/pallet-template.Cargo.toml');
      const [codec] = named(text, 'parity-scale-codec');
      assert.deepEqual([codec.scope, codec.requested], ['runtime', '3.2.2']);
      assert.equal(textAt(text, codec.range), 'codec');
      assert.deepEqual(named(text, 'codec'), []);
    });

    it('reports a git dependency as requested "git:<url>", ranged on the URL', () => {
      const text = read('substrate-node-template/pallet-template.Cargo.toml');
      const [support] = named(text, 'frame-support');
      assert.equal(support.requested, 'git:https://github.com/paritytech/substrate.git');
      assert.equal(textAt(text, support.requestedRange as Range), 'https://github.com/paritytech/substrate.git');
      assert.deepEqual(summary(named(text, 'frame-benchmarking')), [['frame-benchmarking', 'optional', 'git:https://github.com/paritytech/substrate.git']]);
      assert.deepEqual(summary(named(read('substrate-node-template/runtime.Cargo.toml'), 'substrate-wasm-builder')), [
        ['substrate-wasm-builder', 'build', 'git:https://github.com/paritytech/substrate.git'],
      ]);
    });

    it("reads the project's own license from [package] license", () => {
      assert.equal(parseCargoToml(read('ripgrep.Cargo.toml')).projectLicense, 'Unlicense OR MIT');
      assert.equal(parseCargoToml(read('zstd-sys.Cargo.toml')).projectLicense, 'MIT/Apache-2.0');
    });

    it('has no project license when a member inherits it with license.workspace = true', () => {
      assert.equal(parseCargoToml(read('helix/helix-core.Cargo.toml')).projectLicense, undefined);
    });

    it("takes a virtual workspace's license from [workspace.package]", () => {
      assert.equal(parseCargoToml(read('helix/Cargo.toml')).projectLicense, 'MPL-2.0');
    });
  });

  describe('every form Cargo accepts', () => {
    it('reads dotted keys inside a dependency table', () => {
      const text = '[dependencies]\nserde.version = "1.0"\nserde.features = ["derive"]\n';
      const [serde] = parseCargoToml(text).dependencies;
      assert.deepEqual([serde.name, serde.requested], ['serde', '1.0']);
      assert.deepEqual(serde.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
    });

    it('reads a dependency written entirely as a top-level dotted key', () => {
      assert.deepEqual(summary(parseCargoToml('dev-dependencies.proptest = "1"\n').dependencies), [['proptest', 'dev', '1']]);
    });

    it('gives quoted keys without their quotes', () => {
      const text = `[target."cfg(unix)".dependencies]\n"nix" = '0.29'\n`;
      const [nix] = parseCargoToml(text).dependencies;
      assert.deepEqual([nix.name, nix.scope, nix.requested], ['nix', 'runtime', '0.29']);
      assert.equal(textAt(text, nix.range), 'nix');
      assert.equal(textAt(text, nix.requestedRange as Range), '0.29');
    });

    it('reads target tables named by a target triple', () => {
      assert.deepEqual(summary(parseCargoToml('[target.x86_64-pc-windows-gnu.build-dependencies]\nwinres = "0.1"\n').dependencies), [['winres', 'build', '0.1']]);
    });

    it('accepts the legacy dev_dependencies and build_dependencies spellings', () => {
      const text = '[dev_dependencies]\nquickcheck = "1"\n[build_dependencies]\ncc = "1"\n';
      assert.deepEqual(summary(parseCargoToml(text).dependencies), [
        ['quickcheck', 'dev', '1'],
        ['cc', 'build', '1'],
      ]);
    });

    it('treats a dependency without a version as any version, as Cargo does', () => {
      const text = '[dependencies]\nlog = { features = ["std"] }\n\n[dependencies.serde]\n';
      assert.deepEqual(summary(parseCargoToml(text).dependencies), [
        ['log', 'runtime', '*'],
        ['serde', 'runtime', '*'],
      ]);
    });

    it('does not report values Cargo would reject as dependencies', () => {
      assert.deepEqual(parseCargoToml('[dependencies]\na = 1\nb = true\nc = ["1"]\n"" = "1"\n').dependencies, []);
    });

    it('ignores [patch], [replace], [features] and [package.metadata] tables', () => {
      const text = '[patch.crates-io]\nserde = { git = "https://github.com/serde-rs/serde" }\n[replace]\n"foo:0.1.0" = { path = "x" }\n[features]\ndefault = ["serde"]\n';
      assert.deepEqual(parseCargoToml(text).dependencies, []);
    });

    it('keeps the requirement of an alternative registry dependency', () => {
      assert.deepEqual(summary(parseCargoToml('[dependencies]\nacme-core = { version = "2.3", registry = "acme" }\n').dependencies), [['acme-core', 'runtime', '2.3']]);
    });

    it('handles CRLF line endings in ranges', () => {
      const text = '[package]\r\nname = "x"\r\n\r\n[dependencies]\r\nserde = "1"\r\n';
      const [serde] = parseCargoToml(text).dependencies;
      assert.deepEqual(serde.range.start, { line: 4, character: 0 });
      assert.equal(textAt(text, serde.range), 'serde');
    });

    it('counts characters after non-ASCII text in UTF-16 units', () => {
      const text = '[dependencies]\n"ünï" = "1" # 🦀\n🦀 = 1\n';
      const parsed = parseCargoToml(text);
      assert.equal(textAt(text, parsed.dependencies[0].range), 'ünï');
    });
  });

  describe('while the user types', () => {
    const manifest = (line: string): string =>
      `[package]\nname = "app"\nlicense = "MIT"\n\n[dependencies]\nanyhow = "1"\n${line}\nlog = "0.4"\n\n[dev-dependencies]\nwalkdir = "2"\n`;

    for (const line of ['serde', 'serde =', 'serde = "1.0', 'serde = { version = "1"', 'serde = { version = "1", features = [', '= "1"', 'se rde = "1"', '"serde = "1"']) {
      it(`keeps the other dependencies of the table when a line reads ${JSON.stringify(line)}`, () => {
        const parsed = parseCargoToml(manifest(line));
        assert.deepEqual(summary(parsed.dependencies), [
          ['anyhow', 'runtime', '1'],
          ['log', 'runtime', '0.4'],
          ['walkdir', 'dev', '2'],
        ]);
        assert.equal(parsed.projectLicense, 'MIT');
      });
    }

    it('reports the half-typed line itself as the error', () => {
      const parsed = parseCargoToml(manifest('serde = { version = "1"'));
      assert.equal(parsed.errors.length, 1);
      assert.match(parsed.errors[0].message, /invalid TOML/);
      assert.deepEqual(parsed.errors[0].range, { start: { line: 6, character: 0 }, end: { line: 6, character: 23 } });
    });

    it('keeps the first of two entries for the same name and reports the second', () => {
      const parsed = parseCargoToml(manifest('anyhow = "2"'));
      assert.deepEqual(summary(parsed.dependencies.filter((d) => d.name === 'anyhow')), [['anyhow', 'runtime', '1']]);
      assert.equal(parsed.errors[0].range.start.line, 6);
    });

    it('never moves dependencies into another table when a table header is half-typed', () => {
      const text = '[dev-dependencies]\nwalkdir = "2"\n\n[dependencie\ngpl-lib = "1"\n\n[build-dependencies]\ncc = "1"\n';
      const parsed = parseCargoToml(text);
      assert.deepEqual(summary(parsed.dependencies), [
        ['walkdir', 'dev', '2'],
        ['cc', 'build', '1'],
      ]);
      assert.ok(parsed.errors.length > 0);
    });

    it('keeps the dependencies of a real manifest before and after a broken line', () => {
      const text = read('tokio.Cargo.toml').replace('mockall = "0.11.1"', 'mockall = "0.11.1');
      const names = parseCargoToml(text).dependencies.map((d) => d.name);
      assert.ok(names.includes('futures') && names.includes('async-stream') && names.includes('loom'));
      assert.ok(!names.includes('mockall'));
    });

    it('never throws, whatever the text', () => {
      const texts = ['', '[', ']]', '[[dependencies]]\nx = "1"', '[dependencies]\n=', '[dependencies.]', 'dependencies = 3', 'dependencies = ["a"]', '[target]\ndependencies = 1',
        '[target.dependencies]\na = "1"', '\u0000\uffff\ud800', 'a={'.repeat(2000), '['.repeat(10000), '"'.repeat(1000), '[dependencies]\n' + 'x = { y = '.repeat(500)];
      for (const text of texts) assert.doesNotThrow(() => parseCargoToml(text), JSON.stringify(text.slice(0, 40)));
    });

    it('never throws on any truncation of a real manifest', () => {
      const text = read('substrate-node-template/pallet-template.Cargo.toml');
      for (let end = 0; end <= text.length; end += 7) assert.doesNotThrow(() => parseCargoToml(text.slice(0, end)));
    });

    it('reads a manifest with thousands of dependencies', () => {
      const text = '[dependencies]\n' + Array.from({ length: 5000 }, (_, i) => `crate-${i} = "1.${i}"`).join('\n') + '\nbroken = "';
      const started = Date.now();
      const parsed = parseCargoToml(text);
      assert.equal(parsed.dependencies.length, 5000);
      assert.ok(Date.now() - started < 5000, 'took too long');
    });
  });

  describe('file matching', () => {
    it('matches Cargo.toml files of the project', () => {
      assert.ok(cargoTomlFormat.matches('/w/app/Cargo.toml'));
      assert.ok(cargoTomlFormat.matches('C:\\w\\app\\crates\\core\\Cargo.toml'));
      assert.ok(cargoTomlFormat.matches('Cargo.toml'));
      assert.equal(cargoTomlFormat.filePattern, '**/Cargo.toml');
    });

    it("does not match Cargo's copies of downloaded crates", () => {
      assert.ok(!cargoTomlFormat.matches('/w/app/vendor/serde/Cargo.toml'));
      assert.ok(!cargoTomlFormat.matches('/home/u/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/serde-1.0.219/Cargo.toml'));
      assert.ok(!cargoTomlFormat.matches('/home/u/.cargo/git/checkouts/substrate-7e08433d4c370a21/948fbd2/frame/support/Cargo.toml'));
      assert.ok(!cargoTomlFormat.matches('/w/app/target/package/app-0.1.0/Cargo.toml'));
    });

    it('does not match other files', () => {
      assert.ok(!cargoTomlFormat.matches('/w/app/Cargo.lock'));
      assert.ok(!cargoTomlFormat.matches('/w/app/Cargo.toml.orig'));
      assert.ok(!cargoTomlFormat.matches('/w/app/NotCargo.toml'));
    });
  });
});
