import { parseTOML } from 'toml-eslint-parser';
import type { AST } from 'toml-eslint-parser';
import type { ManifestError } from '../../model';
import { LineIndex } from '../../text';

export type TomlProgram = AST.TOMLProgram;
export type TomlTable = AST.TOMLTable;
export type TomlKeyValue = AST.TOMLKeyValue;

export interface TolerantTomlResult {
  /** One program when the whole text parses, else one per table section that parses. */
  readonly programs: readonly TomlProgram[];
  readonly errors: readonly ManifestError[];
}

/**
 * Parses TOML with toml-eslint-parser (which gives every node its range) so that a
 * syntax error in one table does not hide the dependencies in the others: when
 * the whole text fails, each `[table]` section is parsed on its own. Sections are
 * parsed in a copy of the text where everything else is blanked out, so node
 * offsets and line numbers stay those of the real document.
 */
export function parseTomlTolerant(text: string): TolerantTomlResult {
  const lines = new LineIndex(text);
  const whole = tryParse(text);
  if (whole.program) return { programs: [whole.program], errors: [] };

  const programs: TomlProgram[] = [];
  const errors: ManifestError[] = [];
  for (const [start, end] of sectionBounds(text)) {
    // Each section is parsed on its own, then its nodes are moved to where the
    // section stands in the document: the cost stays linear in the text size.
    const section = tryParse(text.slice(start, end));
    if (section.program) {
      shiftNodes(section.program, start, lines);
      programs.push(section.program);
    } else {
      const at = Math.min(start + Math.max(section.errorOffset ?? 0, 0), Math.max(start, end - 1));
      errors.push({ message: `invalid TOML here: ${section.message}`, range: lines.rangeOf(at, Math.min(text.length, at + 1)) });
    }
  }
  return { programs, errors };
}

function tryParse(text: string): { program?: TomlProgram; message?: string; errorOffset?: number } {
  try {
    return { program: parseTOML(text) };
  } catch (error) {
    const { message, index } = error as { message?: string; index?: number };
    return { message: message ?? String(error), ...(typeof index === 'number' ? { errorOffset: index } : {}) };
  }
}

/**
 * Offsets of the top-level sections: text before the first header, then one per `[header]` line.
 * A line starting with `["…"`, `['…'`, `[{` or `[]` is an element of a multi-line array
 * (`assets = [\n  ["target/rg", "usr/bin/"],`), not a header: splitting there would lose its table.
 */
function sectionBounds(text: string): Array<[number, number]> {
  const starts = [0];
  const header = /^[ \t]*\[(?![ \t]*["'{\]])/gm;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    if (match.index > 0) starts.push(match.index);
  }
  return starts.map((start, i) => [start, i + 1 < starts.length ? starts[i + 1] : text.length]);
}

/**
 * Moves every node of a section's AST by the section's offset in the document:
 * `range` (offsets) and `loc` (1-based lines, 0-based columns) alike. Parent links
 * are not followed, so each node is visited once; an explicit stack instead of
 * recursion, because a value nested thousands deep must not overflow the call stack.
 */
function shiftNodes(program: TomlProgram, offset: number, lines: LineIndex): void {
  const seen = new Set<object>();
  const pending: unknown[] = [program];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      // One by one: spreading a section's token list (millions in a huge file) would exceed the argument limit.
      for (const item of node) pending.push(item);
      continue;
    }
    const record = node as { range?: [number, number]; loc?: { start: { line: number; column: number }; end: { line: number; column: number } } };
    if (Array.isArray(record.range) && typeof record.range[0] === 'number') {
      record.range = [record.range[0] + offset, record.range[1] + offset];
      if (record.loc) {
        const start = lines.positionAt(record.range[0]);
        const end = lines.positionAt(record.range[1]);
        record.loc = { start: { line: start.line + 1, column: start.character }, end: { line: end.line + 1, column: end.character } };
      }
    }
    for (const [key, value] of Object.entries(record)) {
      if (key !== 'parent' && key !== 'range' && key !== 'loc') pending.push(value);
    }
  }
}
