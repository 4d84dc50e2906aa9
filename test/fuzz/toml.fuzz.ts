import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTOML } from 'toml-eslint-parser';
import { formatForPath } from '../../src/core/manifests';
import { parseTomlTolerant, type TomlProgram, type TomlTable } from '../../src/core/manifests/toml/tolerantToml';
import { FORMAT_TOKENS, anyText, mutatedText } from './support/arbitraries';
import { manifestFixtures } from './support/fixtures';
import { fuzzIt } from './support/property';
import { DocumentLines, assertRangeInside } from './support/ranges';

/**
 * The tolerant TOML reader under the Cargo.toml and pyproject.toml parsers: it
 * never throws; every node it returns (sections parsed on their own included)
 * has offsets inside the document and a line/column location that matches them.
 */

interface LocatedNode {
  readonly type?: string;
  readonly range: [number, number];
  readonly loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** Every AST node below the programs, without recursion (values may nest deeply). */
function* nodesOf(programs: readonly TomlProgram[]): Generator<LocatedNode> {
  const seen = new Set<object>();
  const pending: unknown[] = [...programs];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) pending.push(item);
      continue;
    }
    const record = node as Partial<LocatedNode> & Record<string, unknown>;
    if (Array.isArray(record.range) && record.loc) yield record as LocatedNode;
    for (const [key, value] of Object.entries(record)) if (key !== 'parent' && key !== 'range' && key !== 'loc') pending.push(value);
  }
}

function topLevelTables(...programs: TomlProgram[]): TomlTable[] {
  return programs.flatMap((program) => program.body[0]?.body ?? []).filter((node): node is TomlTable => node.type === 'TOMLTable');
}

function parsesWhole(text: string): boolean {
  try {
    parseTOML(text);
    return true;
  } catch {
    return false;
  }
}

function keyText(text: string, table: TomlTable): string {
  return text.slice(table.key.range[0], table.key.range[1]);
}

function checkToml(text: string): void {
  const result = parseTomlTolerant(text);
  const lines = new DocumentLines(text);
  // A lone \r ends a line for the editor but not for TOML, so there the parser's own lines differ (no reader uses them).
  const sameLines = !/\r(?!\n)/.test(text);
  for (const node of nodesOf(result.programs)) {
    const [start, end] = node.range;
    assert.ok(start >= 0 && start <= end && end <= text.length, `${node.type} [${start}, ${end}] lies inside the ${text.length} characters`);
    if (!sameLines) continue;
    const at = lines.index.positionAt(start);
    assert.deepEqual({ line: node.loc.start.line - 1, column: node.loc.start.column }, { line: at.line, column: at.character }, `${node.type} at ${start}: loc matches its offset`);
  }
  for (const error of result.errors) assertRangeInside(lines, error.range, `error (${error.message.slice(0, 60)})`);
}

const tomlFixtures = [...manifestFixtures(formatForPath('Cargo.toml')!), ...manifestFixtures(formatForPath('pyproject.toml')!)].map((f) => f.text);

describe('fuzz: tolerant TOML reader', () => {
  fuzzIt('never throws on arbitrary text, and keeps every node inside it', { unit: 60, full: 5000 }, anyText(FORMAT_TOKENS.toml), checkToml);

  fuzzIt('never throws on real TOML manifests with random edits, and keeps every node where it is', { unit: 30, full: 4000 }, mutatedText(tomlFixtures, FORMAT_TOKENS.toml), checkToml);

  fuzzIt(
    'keeps every other table of a real manifest when one table is broken',
    { unit: 30, full: 3000 },
    fc.tuple(fc.constantFrom(...tomlFixtures), fc.nat(), fc.nat(), fc.constantFrom('"', "'", '=', '[', '{', ']', '}', '\n=')),
    ([text, tablePick, offsetPick, junk]) => {
      const tables = topLevelTables(parseTOML(text));
      if (tables.length < 2) return;
      const broken = tables[tablePick % tables.length];
      // The junk replaces one character of the broken table's body, so no offset moves.
      const bodyStart = broken.key.range[1] + 1;
      if (bodyStart >= broken.range[1]) return;
      const at = bodyStart + (offsetPick % (broken.range[1] - bodyStart));
      const edited = text.slice(0, at) + junk + text.slice(at + junk.length);
      if (parsesWhole(edited)) return; // still TOML, perhaps with another meaning: nothing to recover
      const kept = new Map(topLevelTables(...parseTomlTolerant(edited).programs).map((t) => [t.range[0], t]));
      for (const table of tables) {
        if (table === broken) continue;
        const found = kept.get(table.range[0]);
        assert.ok(found, `table [${keyText(text, table)}] is kept when [${keyText(text, broken)}] is broken at ${at}`);
        assert.equal(found.body.length, table.body.length, `table [${keyText(text, table)}] keeps its ${table.body.length} entries`);
      }
    },
  );
});
