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
    const blanked = blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
    const section = tryParse(blanked);
    if (section.program) {
      programs.push(section.program);
    } else {
      const at = Math.min(Math.max(section.errorOffset ?? start, start), Math.max(start, end - 1));
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

/** Offsets of the top-level sections: text before the first header, then one per `[header]` line. */
function sectionBounds(text: string): Array<[number, number]> {
  const starts = [0];
  const header = /^[ \t]*\[/gm;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    if (match.index > 0) starts.push(match.index);
  }
  return starts.map((start, i) => [start, i + 1 < starts.length ? starts[i + 1] : text.length]);
}

/** Same length and line breaks, nothing else. */
function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}
