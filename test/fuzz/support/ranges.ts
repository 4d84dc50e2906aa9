import * as assert from 'node:assert/strict';
import type { ParsedManifest, Position, Range } from '../../../src/core/model';
import { SCOPES } from '../../../src/core/model';
import { LineIndex } from '../../../src/core/text';

/** The lines of a text as an editor sees them: \n, \r\n and \r all end a line. */
export class DocumentLines {
  readonly index: LineIndex;
  readonly lineCount: number;

  constructor(private readonly text: string) {
    this.index = new LineIndex(text);
    this.lineCount = this.index.positionAt(text.length).line + 1;
  }

  /** Characters on the line, without its line break. */
  lineLength(line: number): number {
    const start = this.index.offsetAt({ line, character: 0 });
    const end = line + 1 < this.lineCount ? this.index.offsetAt({ line: line + 1, character: 0 }) : this.text.length;
    let length = end - start;
    if (line + 1 < this.lineCount) {
      // Drop the line break: "\r\n" counts as one, so a position between \r and \n is outside the line.
      length -= length >= 2 && this.text.slice(end - 2, end) === '\r\n' ? 2 : 1;
    }
    return length;
  }

  textAt(range: Range): string {
    return this.text.slice(this.index.offsetAt(range.start), this.index.offsetAt(range.end));
  }
}

function assertPosition(lines: DocumentLines, position: Position, what: string): void {
  assert.ok(Number.isInteger(position.line) && Number.isInteger(position.character), `${what}: ${JSON.stringify(position)} is not made of integers`);
  assert.ok(position.line >= 0 && position.line < lines.lineCount, `${what}: line ${position.line} is outside 0..${lines.lineCount - 1}`);
  const length = lines.lineLength(position.line);
  assert.ok(
    position.character >= 0 && position.character <= length,
    `${what}: character ${position.character} is outside 0..${length} on line ${position.line}`,
  );
}

/** Fails unless the range lies inside the document and does not end before it starts. */
export function assertRangeInside(lines: DocumentLines, range: Range, what: string): void {
  assertPosition(lines, range.start, `${what} start`);
  assertPosition(lines, range.end, `${what} end`);
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(ordered, `${what}: ends (${JSON.stringify(range.end)}) before it starts (${JSON.stringify(range.start)})`);
}

/** Everything a parse result promises whatever the text: well-formed dependencies, every range inside the text. */
export function assertWellFormedManifest(text: string, parsed: ParsedManifest, ecosystem: string): void {
  assert.ok(Array.isArray(parsed.dependencies) && Array.isArray(parsed.errors), 'the result has dependency and error lists');
  const lines = new DocumentLines(text);
  for (const [i, dependency] of parsed.dependencies.entries()) {
    const what = `dependency ${i} (${JSON.stringify(dependency.name)})`;
    assert.equal(dependency.ecosystem, ecosystem, `${what}: ecosystem`);
    assert.equal(typeof dependency.name, 'string', `${what}: name is a string`);
    assert.notEqual(dependency.name.trim(), '', `${what}: name is not blank`);
    assert.equal(typeof dependency.requested, 'string', `${what}: requested is a string`);
    assert.ok(SCOPES.includes(dependency.scope), `${what}: scope ${JSON.stringify(dependency.scope)} is a known scope`);
    assertRangeInside(lines, dependency.range, `${what} range`);
    if (dependency.requestedRange) assertRangeInside(lines, dependency.requestedRange, `${what} requestedRange`);
  }
  for (const [i, error] of parsed.errors.entries()) {
    assert.equal(typeof error.message, 'string', `error ${i}: message is a string`);
    assertRangeInside(lines, error.range, `error ${i} (${error.message.slice(0, 80)}) range`);
  }
  for (const [i, include] of (parsed.includes ?? []).entries()) {
    assertRangeInside(lines, include.range, `include ${i} range`);
  }
}
