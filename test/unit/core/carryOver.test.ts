import * as assert from 'node:assert/strict';
import { carryOverResults } from '../../../src/core/carryOver';
import type { DependencyResult } from '../../../src/core/check';

function result(name: string, line: number, character: number): DependencyResult {
  return {
    ecosystem: 'npm',
    name,
    requested: '1',
    scope: 'runtime',
    direct: true,
    range: { start: { line, character }, end: { line, character: character + name.length } },
    manifest: '/p/package.json',
    version: '1.0.0',
    license: { declared: 'MIT', expression: 'MIT', source: 'node_modules', confidence: 'exact' },
    verdict: 'deny',
    reason: 'r',
    rule: 'strong-copyleft',
    obligations: [],
  };
}

describe('keeping good results while JSON is half-typed', () => {
  it('keeps a result the tolerant parse lost, at its new position', () => {
    const text = '{\n  "dependencies": {\n    "a": "1",\n    "new\n    "gpl": "1"\n  }\n}';
    const merged = carryOverResults([result('a', 2, 5), result('gpl', 3, 5)], [result('a', 2, 5)], text, (r) => r.name);
    assert.deepEqual(merged.map((r) => [r.name, r.range.start.line, r.range.start.character]), [
      ['a', 2, 5],
      ['gpl', 4, 5],
    ]);
  });

  it('does not mistake a longer name for the lost one', () => {
    const text = '{\n  "dependencies": {\n    "a": "1",\n    "lgpl-x": "1",\n    "oops\n  }\n}';
    const merged = carryOverResults([result('a', 2, 5), result('gpl', 3, 5)], [result('a', 2, 5)], text, (r) => r.name);
    assert.deepEqual(merged.map((r) => r.name), ['a']);
  });

  it('relocates by the text as written, e.g. a renamed crate key', () => {
    const text = '[dependencies]\nbroken = {\njson = { package = "serde_json", version = "1" }\n';
    const renamed = { ...result('serde_json', 1, 0), range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } } };
    const merged = carryOverResults([renamed], [], text, () => 'json');
    assert.deepEqual(merged[0].range, { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } });
  });

  it('drops a result whose name is no longer in the text', () => {
    const text = '{\n  "dependencies": {\n    "a": "1",\n    "gp\n  }\n}';
    const merged = carryOverResults([result('a', 2, 5), result('gpl', 3, 5)], [result('a', 2, 5)], text, (r) => r.name);
    assert.deepEqual(merged.map((r) => r.name), ['a']);
  });
});
