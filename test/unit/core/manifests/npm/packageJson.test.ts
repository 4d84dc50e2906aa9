import * as assert from 'node:assert/strict';
import { parsePackageJson, packageJsonFormat } from '../../../../../src/core/manifests/npm/packageJson';
import { LineIndex } from '../../../../../src/core/text';
import type { Range } from '../../../../../src/core/model';

function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

describe('package.json parser', () => {
  const manifest = `{
  "name": "app",
  "license": "Apache-2.0",
  "dependencies": { "left-pad": "^1.3.0", "@scope/pkg": "2.x" },
  "devDependencies": {
    "mocha": "^10.0.0"
  },
  "optionalDependencies": { "fsevents": "*" },
  "peerDependencies": { "react": ">=18" }
}`;

  it('finds dependencies of all four sections with their scope', () => {
    const parsed = parsePackageJson(manifest);
    assert.deepEqual(
      parsed.dependencies.map((d) => [d.name, d.scope, d.requested]),
      [
        ['left-pad', 'runtime', '^1.3.0'],
        ['@scope/pkg', 'runtime', '2.x'],
        ['mocha', 'dev', '^10.0.0'],
        ['fsevents', 'optional', '*'],
        ['react', 'peer', '>=18'],
      ],
    );
    assert.equal(parsed.errors.length, 0);
  });

  it('gives the exact range of each name and version, without quotes', () => {
    const parsed = parsePackageJson(manifest);
    for (const dependency of parsed.dependencies) {
      assert.equal(textAt(manifest, dependency.range), dependency.name);
      assert.equal(textAt(manifest, dependency.requestedRange as Range), dependency.requested);
    }
    assert.deepEqual(parsed.dependencies[2].range, { start: { line: 5, character: 5 }, end: { line: 5, character: 10 } });
  });

  it("reads the project's own license", () => {
    assert.equal(parsePackageJson(manifest).projectLicense, 'Apache-2.0');
  });

  it('keeps the dependencies before a half-typed entry and reports the syntax error', () => {
    const halfTyped = '{\n  "dependencies": {\n    "left-pad": "^1.3.0",\n    "gpl-li\n  }\n}';
    const parsed = parsePackageJson(halfTyped);
    assert.deepEqual(parsed.dependencies.map((d) => d.name), ['left-pad']);
    assert.ok(parsed.errors.length > 0);
    assert.match(parsed.errors[0].message, /not valid JSON/);
  });

  it('gives a half-typed version (no closing quote yet) a range over what is typed, never an inverted one', () => {
    // Found by fuzzing: the range dropped a closing quote that was not there, ending before it started.
    const text = '{ "dependencies": { "a": "\n  }\n}';
    const [dependency] = parsePackageJson(text).dependencies;
    assert.deepEqual(dependency.requestedRange, { start: { line: 0, character: 26 }, end: { line: 0, character: 26 } });
    const typed = '{ "dependencies": { "a": "^1.2';
    assert.equal(textAt(typed, parsePackageJson(typed).dependencies[0].requestedRange!), '^1.2');
  });

  it('does not report an entry that has no string version yet', () => {
    const parsed = parsePackageJson('{ "dependencies": { "a": "1", "b": , "c": {} } }');
    assert.deepEqual(parsed.dependencies.map((d) => d.name), ['a']);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', '{', '[]', 'null', '"x"', '{"dependencies": 3}', '{"dependencies": []}', '\u0000\uffff', '{"a":'.repeat(500)]) {
      assert.doesNotThrow(() => parsePackageJson(text));
    }
  });

  it('reports JSON nested thousands of levels deep as an error where the nesting goes too deep, instead of crashing', () => {
    // Found by fuzzing: jsonc-parser recurses per level and overflowed the stack at ~4,000 levels.
    const text = `{"dependencies": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const parsed = parsePackageJson(text);
    assert.deepEqual(parsed.dependencies, []);
    assert.equal(parsed.errors.length, 1);
    assert.match(parsed.errors[0].message, /nests more than 256 levels deep/);
    assert.deepEqual(parsed.errors[0].range.start, { line: 0, character: 17 + 255 });
  });

  it('still reads a package.json whose strings and comments hold thousands of brackets', () => {
    const text = `{ /* ${'{'.repeat(1000)} */ "dependencies": { "a": "${'['.repeat(1000)}" } }`;
    assert.deepEqual(parsePackageJson(text).dependencies.map((d) => d.name), ['a']);
  });

  it('handles CRLF line endings in ranges', () => {
    const text = '{\r\n  "dependencies": {\r\n    "x": "1"\r\n  }\r\n}';
    const [dependency] = parsePackageJson(text).dependencies;
    assert.deepEqual(dependency.range.start, { line: 2, character: 5 });
    assert.equal(textAt(text, dependency.range), 'x');
  });

  it('matches package.json files but not installed packages', () => {
    assert.ok(packageJsonFormat.matches('/w/app/package.json'));
    assert.ok(packageJsonFormat.matches('C:\\w\\app\\package.json'));
    assert.ok(!packageJsonFormat.matches('/w/app/node_modules/x/package.json'));
    assert.ok(!packageJsonFormat.matches('/w/app/package.json.bak'));
  });
});
