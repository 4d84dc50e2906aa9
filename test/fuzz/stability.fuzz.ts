import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { MANIFEST_FORMATS } from '../../src/core/manifests';
import type { ManifestFormat } from '../../src/core/manifests/types';
import type { ParsedManifest, Range } from '../../src/core/model';
import { LineIndex } from '../../src/core/text';
import { manifestFixtures } from './support/fixtures';
import { SLOW_FORMATS } from './support/budget';
import { fuzzIt } from './support/property';
import { DocumentLines } from './support/ranges';

/**
 * Edits that do not touch any dependency (a comment or whitespace at the end, an
 * unrelated field or section, a blank line before the first dependency) must
 * leave the dependencies as they were, each range moved by exactly the text
 * inserted before it.
 */

/** Text inserted at an offset of the original document. */
interface Insertion {
  readonly at: number;
  readonly text: string;
}

/** What the edits of one format need to know about a well-formed manifest. */
interface Base {
  readonly file: string;
  readonly text: string;
  readonly parsed: ParsedManifest;
  readonly eol: string;
  /** Start of the line holding the first dependency (or its first continued line). */
  readonly firstDependencyLine: number;
}

type Family = 'json' | 'requirements' | 'toml' | 'gomod' | 'xml' | 'gradle';

function familyOf(format: ManifestFormat): Family {
  if (format.ecosystem === 'npm') return 'json';
  if (format.ecosystem === 'pypi') return format.label === 'pyproject.toml' ? 'toml' : 'requirements';
  if (format.ecosystem === 'cargo') return 'toml';
  if (format.ecosystem === 'go') return 'gomod';
  if (format.ecosystem === 'maven' && format.label.startsWith('build.gradle')) return 'gradle';
  return 'xml';
}

/** Safe text for a comment or a quoted value of any of the formats: no quotes, escapes, line breaks or `-`. */
const SAFE_CHARS = 'abcxyzABCXYZ0129 .,:;!?()[]{}=+@%^&*~éß\u4E2D\u{1F600}'.split(/(?:)/u);
const safeText = fc.string({ unit: fc.constantFrom(...SAFE_CHARS), maxLength: 40 });
const identifier = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')), minLength: 1, maxLength: 12 });
const blankLine = fc.constantFrom('', ' ', '\t', '   ', ' \t ');

function lineStart(text: string, offset: number): number {
  const before = text.slice(0, offset);
  return Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
}

function firstDependencyLine(text: string, parsed: ParsedManifest, family: Family): number {
  const index = new LineIndex(text);
  const first = Math.min(...parsed.dependencies.map((d) => index.offsetAt(d.range.start)));
  let start = lineStart(text, first);
  // A requirements line continued with `\` belongs with the next: the blank line goes before the first of them.
  while (family === 'requirements' && start > 0) {
    const previousEnd = start - (text.slice(start - 2, start) === '\r\n' ? 2 : 1);
    const previous = lineStart(text, previousEnd);
    if (!text.slice(previous, previousEnd).endsWith('\\')) break;
    start = previous;
  }
  return start;
}

/** After the root element's start tag, skipping the XML declaration, comments and a doctype. */
function afterRootStartTag(text: string): number | undefined {
  const prolog = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<[A-Za-z_][\w.:-]*\b[^>]*>/g;
  for (let match = prolog.exec(text); match; match = prolog.exec(text)) {
    if (/^<[A-Za-z_]/.test(match[0])) return match[0].endsWith('/>') ? undefined : match.index + match[0].length;
  }
  return undefined;
}

/** Text appended at the end of the document, on a line of its own. */
function appended(base: Base, content: string): Insertion {
  const needsBreak = base.text !== '' && !/[\r\n]$/.test(base.text);
  return { at: base.text.length, text: `${needsBreak ? base.eol : ''}${content}${base.eol}` };
}

/** A blank (or whitespace-only) line just before the first dependency's line. */
function blankLineBeforeFirst(base: Base): fc.Arbitrary<Insertion> {
  return blankLine.map((ws) => ({ at: base.firstDependencyLine, text: `${ws}${base.eol}` }));
}

/** The unrelated edits each format allows, each a list of insertions into the original text. */
function editsFor(family: Family, base: Base): Array<fc.Arbitrary<Insertion>> {
  const comment = (prefix: string): fc.Arbitrary<string> => safeText.map((t) => `${prefix} ${t}`);
  const trailingWhitespace = fc.constantFrom(' ', '\n', '\t', '\n\n', ' \n').map((ws) => ({ at: base.text.length, text: ws.replace(/\n/g, base.eol) }));
  switch (family) {
    case 'json': {
      const open = base.text.indexOf('{');
      const field = fc
        .tuple(identifier, fc.jsonValue({ maxDepth: 3 }))
        .map(([key, value]) => ({ at: open + 1, text: `${base.eol}  "x-fuzz-${key}": ${JSON.stringify(value)},` }));
      return [trailingWhitespace, field, blankLineBeforeFirst(base)];
    }
    case 'requirements':
      return [
        comment('#').map((c) => appended(base, c)),
        comment('#').map((c) => ({ at: 0, text: `${c}${base.eol}` })),
        fc.constantFrom('--prefer-binary', '--pre', '--index-url https://pypi.example/simple').map((option) => ({ at: 0, text: `${option}${base.eol}` })),
        blankLineBeforeFirst(base),
        comment('#').map((c) => ({ at: base.firstDependencyLine, text: `${c}${base.eol}` })),
      ];
    case 'toml': {
      const value = fc.oneof(safeText.map((t) => `"${t}"`), fc.integer().map(String), fc.boolean().map(String), fc.array(safeText, { maxLength: 3 }).map((a) => `[${a.map((t) => `"${t}"`).join(', ')}]`));
      const table = fc
        .tuple(identifier, fc.uniqueArray(fc.tuple(identifier, value), { minLength: 1, maxLength: 4, selector: ([key]) => key }))
        .map(([name, entries]) => appended(base, [`[x-fuzz-${name}]`, ...entries.map(([k, v]) => `k${k} = ${v}`)].join(base.eol)));
      return [
        comment('#').map((c) => appended(base, c)),
        trailingWhitespace,
        table,
        blankLineBeforeFirst(base),
        comment('#').map((c) => ({ at: base.firstDependencyLine, text: `${c}${base.eol}` })),
      ];
    }
    case 'gomod':
      return [
        comment('//').map((c) => appended(base, c)),
        trailingWhitespace,
        fc.constantFrom('godebug default=go1.21', 'retract v0.0.1', 'godebug (\n\tpanicnil=1\n)').map((directive) => appended(base, directive.replace(/\n/g, base.eol))),
        comment('//').map((c) => ({ at: 0, text: `${c}${base.eol}` })),
        blankLineBeforeFirst(base),
        comment('//').map((c) => ({ at: base.firstDependencyLine, text: `${c}${base.eol}` })),
      ];
    case 'gradle':
      return [
        comment('//').map((c) => appended(base, c)),
        trailingWhitespace,
        safeText.map((t) => appended(base, `description = "${t}"`)),
        blankLineBeforeFirst(base),
        comment('//').map((c) => ({ at: base.firstDependencyLine, text: `${c}${base.eol}` })),
      ];
    case 'xml': {
      const edits = [comment('<!--').map((c) => appended(base, `${c} -->`)), trailingWhitespace, blankLineBeforeFirst(base)];
      const inside = afterRootStartTag(base.text);
      if (inside !== undefined) {
        edits.push(comment('<!--').map((c) => ({ at: inside, text: `${base.eol}  ${c} -->` })));
        edits.push(
          fc.tuple(identifier, safeText).map(([name, t]) => ({ at: inside, text: `${base.eol}  <PropertyGroup><XFuzz${name}>${t.replace(/[<&]/g, '')}</XFuzz${name}></PropertyGroup>` })),
        );
      }
      return edits;
    }
  }
}

/** Applies insertions made against the original text: later offsets first, so earlier ones stay valid. */
function applyInsertions(text: string, insertions: readonly Insertion[]): string {
  const ordered = insertions.map((ins, i) => ({ ...ins, i })).sort((a, b) => b.at - a.at || b.i - a.i);
  return ordered.reduce((out, ins) => out.slice(0, ins.at) + ins.text + out.slice(ins.at), text);
}

/** How far an offset of the original text moves: the length of everything inserted at or before it. */
function shiftOf(insertions: readonly Insertion[], offset: number): number {
  return insertions.filter((ins) => ins.at <= offset).reduce((sum, ins) => sum + ins.text.length, 0);
}

function assertMovedWith(what: string, before: Base, after: string, insertions: readonly Insertion[], oldRange: Range, newRange: Range): void {
  const oldLines = new DocumentLines(before.text);
  const newLines = new DocumentLines(after);
  const oldStart = oldLines.index.offsetAt(oldRange.start);
  const oldEnd = oldLines.index.offsetAt(oldRange.end);
  const shift = shiftOf(insertions, oldStart);
  assert.equal(newLines.index.offsetAt(newRange.start), oldStart + shift, `${what}: start moved by the text inserted before it`);
  assert.equal(newLines.index.offsetAt(newRange.end), oldEnd + shift, `${what}: end moved by the text inserted before it`);
  assert.equal(newLines.textAt(newRange), oldLines.textAt(oldRange), `${what}: still covers the same text`);
}

function checkStable(format: ManifestFormat, base: Base, insertions: readonly Insertion[]): void {
  const after = applyInsertions(base.text, insertions);
  const parsed = format.parse(after);
  const summary = (p: ParsedManifest): unknown => p.dependencies.map((d) => ({ name: d.name, scope: d.scope, requested: d.requested, direct: d.direct }));
  assert.deepEqual(parsed.errors, [], `${base.file}: the edited manifest has no errors`);
  assert.deepEqual(summary(parsed), summary(base.parsed), `${base.file}: same dependencies`);
  assert.equal(parsed.projectLicense, base.parsed.projectLicense, `${base.file}: same project license`);
  base.parsed.dependencies.forEach((old, i) => {
    const now = parsed.dependencies[i];
    assertMovedWith(`${base.file} ${old.name} name`, base, after, insertions, old.range, now.range);
    assert.equal(Boolean(now.requestedRange), Boolean(old.requestedRange), `${base.file} ${old.name}: requested range kept`);
    if (old.requestedRange && now.requestedRange) assertMovedWith(`${base.file} ${old.name} version`, base, after, insertions, old.requestedRange, now.requestedRange);
  });
}

function wellFormedBases(format: ManifestFormat): Base[] {
  const family = familyOf(format);
  return manifestFixtures(format).flatMap(({ file, text }) => {
    const parsed = format.parse(text);
    if (parsed.errors.length > 0 || parsed.dependencies.length === 0) return [];
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return [{ file, text, parsed, eol, firstDependencyLine: firstDependencyLine(text, parsed, family) }];
  });
}

describe('fuzz: stability under unrelated edits', () => {
  for (const format of MANIFEST_FORMATS) {
    const bases = wellFormedBases(format);
    const family = familyOf(format);
    if (bases.length === 0) {
      it(`${format.label}: has a well-formed fixture to edit`, () => assert.fail(`no well-formed ${format.label} fixture under test/fixtures`));
      continue;
    }
    const cases = fc.constantFrom(...bases).chain((base) =>
      fc.tuple(fc.constant(base), fc.subarray(editsFor(family, base), { minLength: 1 }).chain((edits) => fc.tuple(...edits))),
    );
    const slowdown = SLOW_FORMATS[format.label] ?? 1;
    const budget = { unit: Math.ceil(8 / slowdown), full: Math.ceil(1500 / slowdown) };
    fuzzIt(`${format.label}: keeps the same dependencies at the same text after an unrelated edit`, budget, cases, ([base, insertions]) =>
      checkStable(format, base, insertions),
    );
  }
});
