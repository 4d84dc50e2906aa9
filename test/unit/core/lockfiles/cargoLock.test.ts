import * as assert from 'node:assert/strict';
import { cargoPackageName, parseCargoLock } from '../../../../src/core/lockfiles/cargoLock';
import { dep, find, fixtureText, transitiveOf, walk } from './helpers';

const crate = (name: string, requested = '1', scope: 'runtime' | 'dev' = 'runtime') => dep(name, scope, requested, 'cargo');

describe('Cargo.lock', () => {
  it('lists what each dependency pulls in, with the chain', async () => {
    const search = await transitiveOf('cargo/Cargo.toml');
    assert.deepEqual(find(search, 'unicode-ident')?.via, ['serde', 'serde_derive', 'proc-macro2']);
    assert.equal(find(search, 'unicode-ident')?.ecosystem, 'cargo');
  });

  it('resolves "name version" references when several versions are locked', async () => {
    const search = await transitiveOf('cargo/crates/core/Cargo.toml');
    assert.deepEqual([find(search, 'syn', '1.0.109')?.via, find(search, 'syn', '2.0.66')?.via], [['derive_more'], ['thiserror', 'thiserror-impl']]);
  });

  it('uses the workspace lockfile for a member crate', async () => {
    const search = await transitiveOf('cargo/crates/core/Cargo.toml');
    assert.match(search.lockfile ?? '', /cargo[\\/]Cargo\.lock$/);
  });

  it('makes what a dev-dependency pulls in dev', async () => {
    const search = await transitiveOf('cargo/Cargo.toml');
    assert.deepEqual([find(search, 'rustix')?.scope, find(search, 'rustix')?.via], ['dev', ['tempfile']]);
  });

  it("never reports the workspace's own crates", async () => {
    const search = await transitiveOf('cargo/Cargo.toml');
    assert.equal(find(search, 'shipper-core'), undefined);
  });

  it("picks the version the manifest's own crate is locked with when several are", () => {
    const lock = parseCargoLock(
      ['[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "rand 0.8.5",\n "tool",\n]', '[[package]]\nname = "tool"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\ndependencies = [\n "rand 0.9.0",\n]', ...['0.8.5', '0.9.0'].map((v) => `[[package]]\nname = "rand"\nversion = "${v}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"`)].join('\n\n'),
    );
    const [[node]] = lock.roots({ member: '', direct: [crate('rand', '*')], manifestText: '[package]\nname = "app"\n' }).roots;
    assert.equal(lock.graph.nodes[node].version, '0.8.5');
  });

  it('picks the version the requirement allows when the crate is not in the lockfile yet', () => {
    const lock = parseCargoLock(fixtureText('cargo/Cargo.lock'));
    const [[node]] = lock.roots({ member: '', direct: [crate('syn', '1.0')], manifestText: '[package]\nname = "new-crate"\n' }).roots;
    assert.equal(lock.graph.nodes[node].version, '1.0.109');
  });

  it('says when the crate is not in the lockfile found above it (not a workspace member)', () => {
    const lock = parseCargoLock(fixtureText('cargo/Cargo.lock'));
    const resolution = lock.roots({ member: 'examples/demo', direct: [crate('regex')], manifestText: '[package]\nname = "demo"\n' });
    assert.match(resolution.problems[0], /Cargo\.lock does not list the crate "demo".*run cargo generate-lockfile/);
  });

  it('resolves v1 lockfile references with a source in parentheses', () => {
    const v1 = [
      '[[package]]',
      'name = "app"',
      'version = "0.1.0"',
      'dependencies = [',
      ' "libc 0.2.80 (registry+https://github.com/rust-lang/crates.io-index)",',
      ']',
      '',
      '[[package]]',
      'name = "libc"',
      'version = "0.2.80"',
      'source = "registry+https://github.com/rust-lang/crates.io-index"',
      '',
      '[metadata]',
      '"checksum libc 0.2.80 (registry+https://github.com/rust-lang/crates.io-index)" = "4d58d1b70b004888f764dfbf6a26a3b0342a1632d33968e4a179d8011c760614"',
    ].join('\n');
    const lock = parseCargoLock(v1);
    assert.deepEqual(lock.problems, []);
    assert.deepEqual(lock.graph.nodes[0].edges.map((e) => lock.graph.nodes[e].name), ['libc']);
  });

  it('says which dependencies Cargo.lock does not lock', () => {
    const lock = parseCargoLock(fixtureText('cargo/Cargo.lock'));
    assert.match(lock.roots({ member: '', direct: [crate('tokio')] }).problems[0], /Cargo\.lock does not lock "tokio"/);
  });

  it('keeps the other crates when one [[package]] is left with a merge conflict', () => {
    const text = fixtureText('cargo/Cargo.lock').replace('name = "memchr"\nversion = "2.7.4"', 'name = "memchr"\n<<<<<<< HEAD\nversion = "2.7.4"\n=======\nversion = "2.7.2"\n>>>>>>> main');
    const lock = parseCargoLock(text);
    assert.match(lock.problems.join('\n'), /the \[\[package\]\] entry at line \d+ could not be read/);
    assert.match(lock.problems.join('\n'), /does not lock 3 dependencies of its own packages \("memchr" needed by "aho-corasick"/);
    assert.deepEqual(walk(lock, [crate('regex')], '', '[package]\nname = "log-shipper"\n').map((w) => w.name), ['aho-corasick', 'regex-automata', 'regex-syntax']);
  });

  it("reads the manifest's package name, even from a half-typed Cargo.toml", () => {
    assert.equal(cargoPackageName('[workspace]\nmembers = []\n\n[package]\nversion = "1"\nname = "log-shipper"\n[dependencies]\nname = "x"'), 'log-shipper');
    assert.equal(cargoPackageName('[package]\nname = "half'), undefined);
    assert.equal(cargoPackageName('[workspace]\n'), undefined);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', '[[package]]\nname = "a"\nversion = "1"\ndependencies = [1, "b 1 (", " "]\n', '[[package]]\ndependencies = "x"\n', 'version = 4\n[[package]]\n[[package]]\nname=']) {
      assert.doesNotThrow(() => parseCargoLock(text).roots({ member: '', direct: [crate('a')], manifestText: '[package]\nname = "a"' }), text);
    }
  });
});
