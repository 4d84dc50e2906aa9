import { parseTOML } from 'toml-eslint-parser';
import type { ManifestError, Range } from '../../model';
import { LineIndex } from '../../text';
import { parseTomlTolerant, type TolerantTomlResult } from '../toml/tolerantToml';

/** Half-typed lines blanked before giving up and parsing table by table. */
const MAX_BLANKED_LINES = 8;

/**
 * Parses TOML so that a half-typed line hides only itself. parseTomlTolerant
 * keeps the good tables when one is broken, but Cargo lists every dependency in
 * one `[dependencies]` table: while the user types a new line there, the others
 * would vanish (and their warnings with them). So the offending line is blanked
 * (same length, so offsets stay those of the document) and the text parsed again;
 * when that does not work, when the culprit is a table header (blanking it would
 * move its entries into the previous table, under another scope) or after a few
 * tries, parseTomlTolerant decides.
 */
export function parseTomlRecovering(text: string): TolerantTomlResult {
  const lines = new LineIndex(text);
  const errors: ManifestError[] = [];
  let current = text;
  for (let attempt = 0; attempt <= MAX_BLANKED_LINES; attempt++) {
    const result = tryParse(current);
    if (result.program) return { programs: [result.program], errors };
    if (result.errorOffset === undefined) break;
    const culprit = culpritLine(current, lines, result.errorOffset);
    if (culprit === undefined) break;
    errors.push({ message: `invalid TOML here: ${result.message}`, range: errorRange(current, lines, result.errorOffset, culprit) });
    current = blankLine(current, lines, culprit);
  }
  return parseTomlTolerant(text);
}

function tryParse(text: string): { program?: ReturnType<typeof parseTOML>; message?: string; errorOffset?: number } {
  try {
    return { program: parseTOML(text) };
  } catch (error) {
    const { message, index } = error as { message?: string; index?: number };
    return { message: message ?? String(error), ...(typeof index === 'number' ? { errorOffset: index } : {}) };
  }
}

/**
 * The line to blank for an error at `offset`: its own line, unless the error sits
 * at the start of a line and the statement before it cannot stand alone — then
 * that one was left unfinished (`serde =`, `serde = { version = "1"`) and is the
 * culprit. Undefined when the culprit is a table header or there is nothing to blank.
 */
function culpritLine(text: string, lines: LineIndex, offset: number): number | undefined {
  const position = lines.positionAt(offset);
  let line = position.line;
  if (lineText(text, lines, line).slice(0, position.character).trim() === '') {
    const previous = previousStatementLine(text, lines, line);
    if (previous !== undefined && !tryParse(lineText(text, lines, previous)).program) line = previous;
  }
  const content = lineText(text, lines, line).trim();
  if (content === '' || content.startsWith('[')) return undefined;
  return line;
}

/** The error's own character, or the whole unfinished statement when that is the culprit. */
function errorRange(text: string, lines: LineIndex, offset: number, culprit: number): Range {
  if (lines.positionAt(offset).line === culprit) return lines.rangeOf(offset, Math.min(text.length, offset + 1));
  const content = lineText(text, lines, culprit);
  const indent = content.length - content.trimStart().length;
  return { start: { line: culprit, character: indent }, end: { line: culprit, character: content.trimEnd().length } };
}

function previousStatementLine(text: string, lines: LineIndex, line: number): number | undefined {
  for (let candidate = line - 1; candidate >= 0; candidate--) {
    const content = lineText(text, lines, candidate).trim();
    if (content !== '' && !content.startsWith('#')) return candidate;
  }
  return undefined;
}

function lineText(text: string, lines: LineIndex, line: number): string {
  const start = lines.offsetAt({ line, character: 0 });
  const next = lines.offsetAt({ line: line + 1, character: 0 });
  const end = next > start ? next : text.length;
  return text.slice(start, end).replace(/[\r\n]+$/, '');
}

/** The text with one line's characters replaced by spaces. */
function blankLine(text: string, lines: LineIndex, line: number): string {
  const start = lines.offsetAt({ line, character: 0 });
  const end = start + lineText(text, lines, line).length;
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}
