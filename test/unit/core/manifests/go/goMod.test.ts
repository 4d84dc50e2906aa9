import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findReplacement, goModFormat, parseGoMod, parseGoModFile } from '../../../../../src/core/manifests/go/goMod';
import type { Dependency, Range } from '../../../../../src/core/model';
import { LineIndex } from '../../../../../src/core/text';
import { FIXTURES } from '../../../repo';

function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, 'manifests', 'go', name), 'utf8');
}

const FIXTURE_NAMES = ['kubernetes.go.mod', 'hugo.go.mod', 'caddy.go.mod', 'prometheus.go.mod', 'tools-go1.24.go.mod', 'quoted-vgo-era.go.mod'];

function byName(dependencies: readonly Dependency[], name: string): Dependency {
  const found = dependencies.find((d) => d.name === name);
  assert.ok(found, `${name} should be a dependency`);
  return found;
}

describe('go.mod parser', () => {
  describe('on real-world go.mod files', () => {
    it('reads every requirement of a Kubernetes-style go.mod, direct and indirect blocks', () => {
      const parsed = parseGoMod(fixture('kubernetes.go.mod'));
      assert.equal(parsed.dependencies.length, 39 + 14);
      assert.deepEqual(parsed.errors, []);
      const cobra = byName(parsed.dependencies, 'github.com/spf13/cobra');
      assert.deepEqual(
        { ecosystem: cobra.ecosystem, requested: cobra.requested, scope: cobra.scope, direct: cobra.direct },
        { ecosystem: 'go', requested: 'v1.8.0', scope: 'runtime', direct: true },
      );
    });

    it('gives every name and version its exact range in every fixture', () => {
      for (const name of FIXTURE_NAMES) {
        const text = fixture(name);
        const parsed = parseGoMod(text);
        assert.ok(parsed.dependencies.length > 0, name);
        for (const dependency of parsed.dependencies) {
          assert.equal(textAt(text, dependency.range), dependency.name, `${name}: ${dependency.name}`);
          assert.equal(textAt(text, dependency.requestedRange as Range), dependency.requested, `${name}: ${dependency.name}`);
        }
      }
    });

    it('points the range at the module path on its line', () => {
      const text = fixture('kubernetes.go.mod');
      const semver = byName(parseGoMod(text).dependencies, 'github.com/blang/semver/v4');
      assert.deepEqual(semver.range, { start: { line: 17, character: 1 }, end: { line: 17, character: 27 } });
      assert.deepEqual(semver.requestedRange, { start: { line: 17, character: 28 }, end: { line: 17, character: 34 } });
    });

    it('reads a go directive written after the requirements (Hugo)', () => {
      const parsed = parseGoMod(fixture('hugo.go.mod'));
      assert.equal(parsed.dependencies.length, 36 + 10);
      assert.deepEqual(parsed.errors, []);
    });

    it('ignores the toolchain directive (Caddy)', () => {
      const parsed = parseGoMod(fixture('caddy.go.mod'));
      assert.deepEqual(parsed.errors, []);
      assert.equal(parsed.dependencies.length, 33 + 10);
      assert.ok(!parsed.dependencies.some((d) => d.name.startsWith('go1') || d.name === 'toolchain'));
    });

    it('does not count excluded versions or retractions as dependencies (Prometheus)', () => {
      const parsed = parseGoMod(fixture('prometheus.go.mod'));
      assert.deepEqual(parsed.errors, []);
      const names = parsed.dependencies.map((d) => d.name);
      assert.ok(!names.includes('github.com/linode/linodego'));
      assert.ok(!names.includes('github.com/grpc-ecosystem/grpc-gateway'));
      assert.deepEqual(parsed.dependencies.filter((d) => d.name === 'google.golang.org/api').map((d) => d.requested), ['v0.176.1']);
      assert.equal(parsed.dependencies.length, 26 + 5);
    });

    it('reads the quoted paths and versions of early module files, ranges inside the quotes', () => {
      const text = fixture('quoted-vgo-era.go.mod');
      const parsed = parseGoMod(text);
      assert.deepEqual(parsed.errors, []);
      assert.deepEqual(
        parsed.dependencies.map((d) => [d.name, d.requested, d.direct]),
        [
          ['github.com/pkg/errors', 'v0.8.0', true],
          ['golang.org/x/text', 'v0.3.0', true],
          ['rsc.io/quote', 'v1.5.2', true],
          ['rsc.io/sampler', 'v1.3.0', false],
        ],
      );
      assert.equal(parseGoModFile(text).module, 'github.com/rsc/vgotour');
    });
  });

  describe('indirect requirements', () => {
    it('keeps an indirect requirement as a runtime dependency that is not direct', () => {
      const parsed = parseGoMod(fixture('kubernetes.go.mod'));
      const spew = byName(parsed.dependencies, 'github.com/davecgh/go-spew');
      assert.equal(spew.scope, 'runtime');
      assert.equal(spew.direct, false);
    });

    it('recognises `// indirect; reason` and `//indirect`, but not other comments', () => {
      const text = [
        'require (',
        '\ta.example/one v1.0.0 // indirect; needed by b.example/two',
        '\ta.example/two v1.0.0 //indirect',
        '\ta.example/three v1.0.0 // indirectly used',
        '\ta.example/four v1.0.0 // not indirect',
        '\ta.example/five v1.0.0//indirect',
        ')',
      ].join('\n');
      assert.deepEqual(
        parseGoMod(text).dependencies.map((d) => [d.name, d.direct]),
        [
          ['a.example/one', false],
          ['a.example/two', false],
          ['a.example/three', true],
          ['a.example/four', true],
          ['a.example/five', false],
        ],
      );
    });
  });

  describe('tools (Go 1.24)', () => {
    const text = fixture('tools-go1.24.go.mod');

    it('makes an indirect requirement that only provides tools development-only', () => {
      const parsed = parseGoMod(text);
      for (const name of ['github.com/sqlc-dev/sqlc', 'golang.org/x/tools', 'honnef.co/go/tools']) {
        const tool = byName(parsed.dependencies, name);
        assert.equal(tool.scope, 'dev', name);
        assert.equal(tool.direct, false, name);
      }
    });

    it('keeps a direct requirement runtime even when it also provides a tool', () => {
      assert.equal(byName(parseGoMod(text).dependencies, 'google.golang.org/protobuf').scope, 'runtime');
    });

    it('keeps indirect requirements that provide no tool runtime', () => {
      assert.equal(byName(parseGoMod(text).dependencies, 'github.com/jackc/pgpassfile').scope, 'runtime');
    });

    it('does not list tool lines as dependencies of their own, but records them', () => {
      const parsed = parseGoMod(text);
      assert.equal(parsed.dependencies.length, 3 + 5);
      assert.deepEqual(
        parseGoModFile(text).tools.map((t) => [t.path, textAt(text, t.range)]),
        [
          ['github.com/sqlc-dev/sqlc/cmd/sqlc', 'github.com/sqlc-dev/sqlc/cmd/sqlc'],
          ['golang.org/x/tools/cmd/stringer', 'golang.org/x/tools/cmd/stringer'],
          ['google.golang.org/protobuf/cmd/protoc-gen-go', 'google.golang.org/protobuf/cmd/protoc-gen-go'],
          ['honnef.co/go/tools/cmd/staticcheck', 'honnef.co/go/tools/cmd/staticcheck'],
        ],
      );
    });

    it('gives a tool to the longest required module path that contains it', () => {
      const parsed = parseGoMod('require (\n\tex.com/a v1.0.0 // indirect\n\tex.com/a/b v1.0.0 // indirect\n)\ntool ex.com/a/b/cmd/x\n');
      assert.deepEqual(parsed.dependencies.map((d) => [d.name, d.scope]), [['ex.com/a', 'runtime'], ['ex.com/a/b', 'dev']]);
    });

    it("ignores a tool of the module's own", () => {
      const parsed = parseGoMod('module ex.com/me\nrequire ex.com/me/sub v1.0.0 // indirect\ntool ex.com/me/cmd/gen\n');
      assert.equal(parsed.dependencies[0].scope, 'runtime');
      assert.deepEqual(parsed.errors, []);
    });
  });

  describe('replacements', () => {
    it('keeps the original name and range of a replaced requirement', () => {
      const text = fixture('kubernetes.go.mod');
      const api = byName(parseGoMod(text).dependencies, 'k8s.io/api');
      assert.equal(api.requested, 'v0.0.0');
      assert.equal(textAt(text, api.range), 'k8s.io/api');
    });

    it('records local-directory replacements as local, without a version', () => {
      const replaces = parseGoModFile(fixture('kubernetes.go.mod')).replaces;
      assert.deepEqual(
        replaces.map((r) => [r.oldPath, r.newPath, r.newVersion, r.local]),
        [
          ['k8s.io/api', './staging/src/k8s.io/api', undefined, true],
          ['k8s.io/apimachinery', './staging/src/k8s.io/apimachinery', undefined, true],
          ['k8s.io/client-go', './staging/src/k8s.io/client-go', undefined, true],
        ],
      );
    });

    it('records module replacements with their versions, quoted or not', () => {
      const prometheus = parseGoModFile(fixture('prometheus.go.mod')).replaces;
      assert.deepEqual(prometheus.map((r) => [r.oldPath, r.oldVersion, r.newPath, r.newVersion, r.local]), [
        ['k8s.io/klog', undefined, 'github.com/simonpasquier/klog-gokit', 'v0.3.0', false],
        ['k8s.io/klog/v2', undefined, 'github.com/simonpasquier/klog-gokit/v3', 'v3.3.0', false],
      ]);
      const quoted = parseGoModFile(fixture('quoted-vgo-era.go.mod')).replaces;
      assert.deepEqual(quoted.map((r) => [r.oldPath, r.oldVersion, r.newPath, r.newVersion]), [
        ['rsc.io/quote', 'v1.5.2', 'github.com/rsc/quote-fork', 'v1.5.3-0.20180710144737-5d9f230bcfba'],
      ]);
    });

    it('treats Unix and Windows relative and rooted paths as local directories', () => {
      const text = ['replace (', 'a.ex/1 => ../one', 'a.ex/2 => .\\two', 'a.ex/3 => /abs/three', 'a.ex/4 => C:\\four', 'a.ex/5 => .', ')'].join('\n');
      const replaces = parseGoModFile(text).replaces;
      assert.deepEqual(replaces.map((r) => r.local), [true, true, true, true, true]);
    });

    it('reports a module replacement without a version and keeps going', () => {
      const file = parseGoModFile('replace a.ex/x => b.ex/x\nreplace a.ex/y => b.ex/y v1.0.0\n');
      assert.deepEqual(file.replaces.map((r) => r.oldPath), ['a.ex/y']);
      assert.equal(file.errors.length, 1);
      assert.match(file.errors[0].message, /needs a version/);
    });

    it('applies a replacement of the exact version before a replacement of every version', () => {
      const { replaces } = parseGoModFile('replace a.ex/x => b.ex/any v1.0.0\nreplace a.ex/x v1.2.0 => b.ex/exact v1.2.1\n');
      assert.equal(findReplacement(replaces, 'a.ex/x', 'v1.2.0')?.newPath, 'b.ex/exact');
      assert.equal(findReplacement(replaces, 'a.ex/x', 'v1.3.0')?.newPath, 'b.ex/any');
      assert.equal(findReplacement(replaces, 'a.ex/other', 'v1.2.0'), undefined);
    });
  });

  describe('comments and syntax', () => {
    it('ignores comments on their own lines, after block openers and inside blocks', () => {
      const text = '// header\nrequire ( // direct ones\n\t// a comment line\n\ta.ex/x v1.0.0 // why\n) // end\n';
      const parsed = parseGoMod(text);
      assert.deepEqual(parsed.dependencies.map((d) => d.name), ['a.ex/x']);
      assert.deepEqual(parsed.errors, []);
    });

    it('reads a single-line require and an empty block', () => {
      const parsed = parseGoMod('require ()\nrequire a.ex/x v1.0.0\n');
      assert.deepEqual(parsed.dependencies.map((d) => [d.name, d.requested]), [['a.ex/x', 'v1.0.0']]);
      assert.deepEqual(parsed.errors, []);
    });

    it('reads a raw-string module path with its range inside the backticks', () => {
      const text = 'require `a.ex/raw` v1.0.0';
      const [dependency] = parseGoMod(text).dependencies;
      assert.equal(dependency.name, 'a.ex/raw');
      assert.deepEqual(dependency.range, { start: { line: 0, character: 9 }, end: { line: 0, character: 17 } });
    });

    it('handles CRLF line endings in ranges', () => {
      const text = 'module ex.com/m\r\n\r\nrequire (\r\n\tgithub.com/a/b v1.2.3 // indirect\r\n)\r\n';
      const [dependency] = parseGoMod(text).dependencies;
      assert.deepEqual(dependency.range, { start: { line: 3, character: 1 }, end: { line: 3, character: 15 } });
      assert.equal(dependency.direct, false);
      assert.equal(textAt(text, dependency.requestedRange as Range), 'v1.2.3');
    });

    it('counts ranges in UTF-16 characters after non-ASCII text', () => {
      const text = 'require (\n\t"a.ex/x" v1.0.0 // 依存 😀\n\ta.ex/y v1.0.0\n)';
      const [, second] = parseGoMod(text).dependencies;
      assert.equal(textAt(text, second.range), 'a.ex/y');
      assert.deepEqual(second.range.start, { line: 2, character: 1 });
    });
  });

  describe('tolerance', () => {
    it('skips a garbage line, reports it where it is, and keeps the requirements after it', () => {
      const text = 'require (\n\ta.ex/x v1.0.0\n\t}}} not a module {{{\n\ta.ex/y v2.0.0\n)\n';
      const parsed = parseGoMod(text);
      assert.deepEqual(parsed.dependencies.map((d) => d.name), ['a.ex/x', 'a.ex/y']);
      assert.equal(parsed.errors.length, 1);
      assert.equal(parsed.errors[0].range.start.line, 2);
    });

    it('does not report a requirement whose version is not typed yet', () => {
      const parsed = parseGoMod('require (\n\ta.ex/x v1.0.0\n\ta.ex/half\n\ta.ex/y v\n)\n');
      assert.deepEqual(parsed.dependencies.map((d) => d.name), ['a.ex/x']);
      assert.equal(parsed.errors.length, 2);
      assert.match(parsed.errors[0].message, /expected a version after a\.ex\/half/);
    });

    it('keeps a requirement followed by extra text, and reports the extra text', () => {
      const text = 'require a.ex/x v1.0.0 what\n';
      const parsed = parseGoMod(text);
      assert.deepEqual(parsed.dependencies.map((d) => d.name), ['a.ex/x']);
      assert.equal(textAt(text, parsed.errors[0].range), 'what');
    });

    it('reports an unterminated string and a /* */ comment, and keeps going', () => {
      const parsed = parseGoMod('require "a.ex/x v1.0.0\n/* old */\nrequire a.ex/y v1.0.0\n');
      assert.deepEqual(parsed.dependencies.map((d) => d.name), ['a.ex/y']);
      assert.deepEqual(parsed.errors.map((e) => e.range.start.line), [0, 1]);
      assert.match(parsed.errors[1].message, /\/\/ comments/);
    });

    it('reports an unknown directive once and skips its block', () => {
      const parsed = parseGoMod('frobnicate (\n\ta b c\n\td e\n)\nrequire a.ex/x v1.0.0\n');
      assert.deepEqual(parsed.dependencies.map((d) => d.name), ['a.ex/x']);
      assert.equal(parsed.errors.length, 1);
      assert.match(parsed.errors[0].message, /unknown directive: frobnicate/);
    });

    it('recovers from a forgotten `)` when the next block starts', () => {
      const text = 'require (\n\ta.ex/x v1.0.0\n\nreplace (\n\ta.ex/x => ../x\n)\nrequire a.ex/y v1.0.0\n';
      const file = parseGoModFile(text);
      assert.deepEqual(file.requires.map((r) => r.path), ['a.ex/x', 'a.ex/y']);
      assert.deepEqual(file.replaces.map((r) => r.newPath), ['../x']);
      assert.equal(file.errors.length, 1);
      assert.match(file.errors[0].message, /require block is not closed/);
    });

    it('keeps the requirements of a block left open at the end of the file', () => {
      const parsed = parseGoMod('require (\n\ta.ex/x v1.0.0\n\ta.ex/y v1.0.0');
      assert.deepEqual(parsed.dependencies.map((d) => d.name), ['a.ex/x', 'a.ex/y']);
      assert.equal(parsed.errors.length, 1);
    });

    it('finds the requirements before the cut in every truncation of a real file', () => {
      const text = fixture('kubernetes.go.mod');
      for (let cut = 0; cut <= text.length; cut += 7) {
        const parsed = parseGoMod(text.slice(0, cut));
        for (const dependency of parsed.dependencies) assert.equal(textAt(text, dependency.range), dependency.name);
      }
    });

    it('never throws, whatever the text', () => {
      const samples = ['', '\n', '(', ')', 'require', 'require (', ')\n)', 'replace =>', 'replace a =>', '=> =>', '"', '`', '"\\', '"\\x4"', '\u0000\uffff', '\ufeffmodule x', '\ud800', 'require ((((', '[{,}]', 'tool', 'tool ('];
      for (const text of samples) assert.doesNotThrow(() => parseGoMod(text), JSON.stringify(text));
      let seed = 42;
      const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const alphabet = 'requireplacextoolv1.0/()"`=> \n\t\r/#{}[],\u00e9\ud83d\ude00';
      for (let i = 0; i < 300; i++) {
        const text = Array.from({ length: Math.floor(random() * 200) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
        assert.doesNotThrow(() => parseGoMod(text), JSON.stringify(text));
      }
    });

    it('parses a huge go.mod quickly and caps the number of problems reported', () => {
      const lines = Array.from({ length: 50_000 }, (_, i) => `\tgithub.com/org${i}/repo v1.${i}.0`);
      const started = Date.now();
      const parsed = parseGoMod(`require (\n${lines.join('\n')}\n)\n${'garbage}\n'.repeat(50_000)}`);
      assert.equal(parsed.dependencies.length, 50_000);
      assert.equal(parsed.errors.length, 100);
      assert.ok(Date.now() - started < 3000);
    });
  });

  describe('file matching', () => {
    it('matches go.mod files', () => {
      assert.ok(goModFormat.matches('/w/app/go.mod'));
      assert.ok(goModFormat.matches('C:\\w\\app\\go.mod'));
      assert.ok(goModFormat.matches('/w/app/pkg/mod/go.mod'));
      assert.equal(goModFormat.filePattern, '**/go.mod');
    });

    it('does not match go.sum, vendored or module-cache go.mod files', () => {
      assert.ok(!goModFormat.matches('/w/app/go.sum'));
      assert.ok(!goModFormat.matches('/w/app/vendor/github.com/a/b/go.mod'));
      assert.ok(!goModFormat.matches('/home/u/go/pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/go.mod'));
      assert.ok(!goModFormat.matches('/w/app/notgo.mod'));
    });
  });
});
