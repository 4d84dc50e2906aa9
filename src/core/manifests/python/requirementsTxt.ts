import type { Dependency, ManifestError, ManifestInclude, ParsedManifest, Range, Scope } from '../../model';
import { LineIndex } from '../../text';
import type { ManifestFormat } from '../types';
import { parsePep508, type Span } from './pep508';
import { scopeOfName } from './scopes';

/**
 * pip requirements files (`requirements.txt`, pip-tools' `requirements.in`), read
 * the way pip reads them (pip/_internal/req/req_file.py):
 *
 * 1. a line ending in `\` continues on the next (the backslash and line break
 *    vanish), unless it is a comment line;
 * 2. a `#` at the start of a line or after whitespace starts a comment, so the
 *    `#egg=` of a URL is not one;
 * 3. a line starting with `-` is an option: `-r`/`--requirement` and
 *    `-c`/`--constraint` become includes, `-e`/`--editable` a dependency when it
 *    is a VCS URL naming its egg; the others (`-i`, `--hash`, `--pre`, …) are ignored;
 * 4. anything else is a requirement, up to the first word starting with `-`
 *    (per-requirement options such as `--hash=sha256:…`).
 *
 * Every line is read on its own, so a broken line never hides the others.
 */

/** A piece of a logical line and where it is in the document. */
interface Piece {
  readonly logical: number;
  readonly original: number;
  readonly length: number;
}

/** One or more physical lines joined by `\` continuations, with the way back to document offsets. */
interface LogicalLine {
  readonly text: string;
  readonly pieces: readonly Piece[];
}

const VCS_PREFIX = /^(?:git|hg|svn|bzr)\+/i;
const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const ARCHIVE = /\.(?:whl|zip|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar)$/i;

export function parseRequirements(text: string, scope: Scope = 'runtime'): ParsedManifest {
  const lines = new LineIndex(text);
  const dependencies: Dependency[] = [];
  const errors: ManifestError[] = [];
  const includes: ManifestInclude[] = [];
  const context: LineContext = { scope, lines, dependencies, errors, includes };
  for (const line of logicalLines(text)) {
    readLine(line, context);
  }
  return { dependencies, errors, includes };
}

interface LineContext {
  readonly scope: Scope;
  readonly lines: LineIndex;
  readonly dependencies: Dependency[];
  readonly errors: ManifestError[];
  readonly includes: ManifestInclude[];
}

function readLine(line: LogicalLine, context: LineContext): void {
  const content = withoutComment(line.text);
  const start = skipSpace(content, 0);
  if (start >= content.length) return;
  if (content[start] === '-') {
    readOption(line, content, start, context);
  } else {
    readRequirement(line, start, requirementEnd(content, start), context);
  }
}

// ---------------------------------------------------------------------------------------------
// Options

const INCLUDE_OPTIONS: ReadonlyArray<readonly [short: string, long: string, kind: ManifestInclude['kind']]> = [
  ['-r', '--requirement', 'requirements'],
  ['-c', '--constraint', 'constraints'],
];

function readOption(line: LogicalLine, content: string, start: number, context: LineContext): void {
  for (const [short, long, kind] of INCLUDE_OPTIONS) {
    const value = optionValue(content, start, short, long);
    if (value === undefined) continue;
    if (value === null) {
      addError(context, line, `a file name is expected after ${short}/${long}`, start, optionEnd(content, start));
    } else {
      context.includes.push({ path: value.text, kind, range: rangeIn(context, line, value.start, value.end) });
    }
    return;
  }
  const editable = optionValue(content, start, '-e', '--editable');
  if (editable) readEditable(line, editable, context);
  // Every other option (-i, --index-url, --extra-index-url, -f, --find-links, --pre,
  // --trusted-host, --no-binary, …) says where to download from, not what.
}

/**
 * The value of `-x value`, `-xvalue`, `--long value` or `--long=value` at `start`:
 * undefined when the option is another one, null when its value is missing.
 */
function optionValue(content: string, start: number, short: string, long: string): Span | null | undefined {
  let at: number;
  if (content.startsWith(long, start)) {
    at = start + long.length;
    if (content[at] === '=') at++;
    else if (at < content.length && !isSpace(content[at])) return undefined; // e.g. --requirements-typo
  } else if (content.startsWith(short, start) && !content.startsWith('--', start)) {
    at = start + short.length;
  } else {
    return undefined;
  }
  at = skipSpace(content, at);
  if (at >= content.length) return null;
  return quotedOrWord(content, at);
}

/** A value as shlex reads it: quoted (without the quotes) or up to the next whitespace. */
function quotedOrWord(content: string, at: number): Span | null {
  const quote = content[at];
  if (quote === '"' || quote === "'") {
    const close = content.indexOf(quote, at + 1);
    const end = close < 0 ? content.length : close;
    return end > at + 1 ? { start: at + 1, end, text: content.slice(at + 1, end) } : null;
  }
  let end = at;
  while (end < content.length && !isSpace(content[end])) end++;
  return { start: at, end, text: content.slice(at, end) };
}

function optionEnd(content: string, start: number): number {
  let end = start;
  while (end < content.length && !isSpace(content[end])) end++;
  return end;
}

/** `-e git+https://…#egg=name` names a dependency; `-e .` and other local paths are the user's own code. */
function readEditable(line: LogicalLine, value: Span, context: LineContext): void {
  if (!VCS_PREFIX.test(value.text)) return;
  const name = eggName(value.text);
  if (name) addDependency(context, line, shift(name, value.start), value);
}

// ---------------------------------------------------------------------------------------------
// Requirements

/** Where the requirement ends: before the first word that starts with `-` (its options). */
function requirementEnd(content: string, start: number): number {
  let at = start;
  while (at < content.length) {
    if (content[at] === '-' && at > start && isSpace(content[at - 1])) break;
    at++;
  }
  while (at > start && isSpace(content[at - 1])) at--;
  return at;
}

function readRequirement(line: LogicalLine, start: number, end: number, context: LineContext): void {
  const text = line.text.slice(start, end);
  if (URL_SCHEME.test(text) || VCS_PREFIX.test(text) || /^file:/i.test(text)) {
    readUrlOrPath(line, start, text, context);
    return;
  }
  const requirement = parsePep508(text);
  const firstWord = text.split(/[\s;]/, 1)[0];
  if (!requirement?.url && (/[/\\]/.test(firstWord) || /^[.~]/.test(firstWord) || ARCHIVE.test(firstWord))) {
    readUrlOrPath(line, start, text, context);
    return;
  }
  if (!requirement) {
    addError(context, line, `"${text}" is not a requirement (a project name, a URL or a path)`, start, end);
    return;
  }
  if (requirement.problem) {
    addError(context, line, requirement.problem.message, start + requirement.problem.start, start + requirement.problem.end);
  }
  const requested = requirement.url ?? requirement.specifier;
  addDependency(context, line, shift(requirement.name, start), requested ? shift(requested, start) : undefined);
}

/**
 * A bare URL or path: pip learns the name from an `#egg=` fragment or a wheel's
 * file name; without either (a local folder, an sdist) nothing names the package.
 */
function readUrlOrPath(line: LogicalLine, start: number, text: string, context: LineContext): void {
  const location = { start: 0, end: text.search(/\s|$/), text: text.split(/\s/, 1)[0] };
  const name = eggName(location.text) ?? wheelName(location.text);
  if (name) addDependency(context, line, shift(name, start), shift(location, start));
}

/** The project named by `#egg=name` (extras and the fragment's other keys left out). */
export function eggName(url: string): Span | undefined {
  const hash = url.indexOf('#');
  if (hash < 0) return undefined;
  const egg = /(?:^|&)egg=([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(url.slice(hash + 1));
  if (!egg) return undefined;
  const start = hash + 1 + egg.index + egg[0].length - egg[1].length;
  return { start, end: start + egg[1].length, text: egg[1] };
}

/** `numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.whl` -> `numpy`. */
function wheelName(location: string): Span | undefined {
  const path = location.replace(/[?#].*$/, '');
  if (!/\.whl$/i.test(path)) return undefined;
  const fileStart = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1;
  const dash = path.indexOf('-', fileStart);
  if (dash <= fileStart) return undefined;
  return { start: fileStart, end: dash, text: path.slice(fileStart, dash) };
}

function addDependency(context: LineContext, line: LogicalLine, name: Span, requested: Span | undefined): void {
  context.dependencies.push({
    ecosystem: 'pypi',
    name: name.text,
    requested: requested?.text ?? '',
    scope: context.scope,
    range: rangeIn(context, line, name.start, name.end),
    ...(requested ? { requestedRange: rangeIn(context, line, requested.start, requested.end) } : {}),
    direct: true,
  });
}

function addError(context: LineContext, line: LogicalLine, message: string, start: number, end: number): void {
  context.errors.push({ message, range: rangeIn(context, line, start, end) });
}

function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by, text: span.text };
}

// ---------------------------------------------------------------------------------------------
// Lines, continuations and comments

/** Physical lines joined the way pip's `join_lines` does, keeping document offsets. */
function* logicalLines(text: string): Generator<LogicalLine> {
  let pending: { text: string; pieces: Piece[] } | undefined;
  for (const [lineStart, lineEnd] of physicalLines(text)) {
    const line = text.slice(lineStart, lineEnd);
    const isComment = /^\s*#/.test(line);
    if (!line.endsWith('\\') || isComment) {
      // A comment line ends a continuation; being all comment, it adds nothing to it.
      if (pending) {
        if (!isComment) append(pending, line, lineStart);
        yield pending;
        pending = undefined;
      } else {
        yield { text: line, pieces: [{ logical: 0, original: lineStart, length: line.length }] };
      }
    } else {
      pending ??= { text: '', pieces: [] };
      // pip strips every backslash at both ends of a continued line (`line.strip("\\")`).
      const leading = /^\\*/.exec(line)?.[0].length ?? 0;
      const trailing = /\\*$/.exec(line)?.[0].length ?? 0;
      append(pending, line.slice(leading, Math.max(leading, line.length - trailing)), lineStart + leading);
    }
  }
  if (pending) yield pending;
}

function append(line: { text: string; pieces: Piece[] }, part: string, original: number): void {
  line.pieces.push({ logical: line.text.length, original, length: part.length });
  line.text += part;
}

/** [start, end) of each line, without its line break (\n, \r\n or \r, like LineIndex). */
function* physicalLines(text: string): Generator<[number, number]> {
  const lineBreak = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
    yield [start, match.index];
    start = match.index + match[0].length;
  }
  yield [start, text.length];
}

/** The line with its comment blanked out: `#` at the start or after whitespace (pip's COMMENT_RE). */
function withoutComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '#' && (i === 0 || isSpace(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

/** Document range of `[start, end)` of a logical line. */
function rangeIn(context: LineContext, line: LogicalLine, start: number, end: number): Range {
  const from = toDocument(line, start);
  const to = end > start ? toDocument(line, end - 1) + 1 : from;
  return context.lines.rangeOf(from, to);
}

function toDocument(line: LogicalLine, offset: number): number {
  for (const piece of line.pieces) {
    if (offset >= piece.logical && offset < piece.logical + piece.length) return piece.original + offset - piece.logical;
  }
  const last = line.pieces[line.pieces.length - 1];
  return last ? last.original + last.length : 0;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSpace(text[i])) i++;
  return i;
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\f' || char === '\v' || char === '\uFEFF';
}

// ---------------------------------------------------------------------------------------------
// Which files, and which scope

const SKIPPED_FOLDERS = /(^|\/)(site-packages|dist-packages|node_modules)\//i;

/**
 * `requirements*.txt`, `*requirements.txt`, `requirements/*.txt`, and the same
 * with `.in` (pip-tools input). Never `MANIFEST.in` or `Makefile.in`, and never
 * a file inside an installed package.
 */
export function isRequirementsPath(filePath: string): boolean {
  const normalised = filePath.replace(/\\/g, '/');
  if (SKIPPED_FOLDERS.test(normalised)) return false;
  const segments = normalised.split('/');
  const base = segments[segments.length - 1];
  const parent = segments.length > 1 ? segments[segments.length - 2] : '';
  if (!/\.(txt|in)$/i.test(base)) return false;
  return /^requirements/i.test(base) || /requirements\.(txt|in)$/i.test(base) || parent.toLowerCase() === 'requirements';
}

/**
 * The scope a requirements file's name implies (see `scopeOfName`):
 * `requirements-dev.txt`, `dev-requirements.txt`, `requirements/dev.txt` -> dev;
 * `requirements-test.txt`, `test-requirements.txt`, `requirements/tests.txt` -> test;
 * `requirements.txt`, `requirements-prod.txt`, `requirements/base.txt` -> runtime.
 * Only the file's own name counts (not `docs/` or `tests/` folders above it): a
 * runtime file wrongly read as development-only would let a GPL dependency through.
 */
export function requirementsScope(filePath: string): Scope {
  const base = filePath.replace(/\\/g, '/').split('/').pop() ?? '';
  return scopeOfName(base.replace(/\.(txt|in)$/i, ''), 'runtime');
}

const REQUIREMENTS_GLOB = '**/{requirements*.txt,*requirements.txt,requirements/*.txt,requirements*.in,*requirements.in,requirements/*.in}';

function requirementsFormat(scope: Scope, label: string): ManifestFormat {
  return {
    ecosystem: 'pypi',
    label,
    filePattern: REQUIREMENTS_GLOB,
    matches: (filePath) => isRequirementsPath(filePath) && requirementsScope(filePath) === scope,
    parse: (text) => parseRequirements(text, scope),
  };
}

/**
 * One format per scope, because a format parses text without its path: the file
 * name (which decides the scope) picks the format.
 */
export const requirementsFormats: readonly ManifestFormat[] = [
  requirementsFormat('runtime', 'requirements.txt'),
  requirementsFormat('dev', 'requirements.txt (development)'),
  requirementsFormat('test', 'requirements.txt (tests)'),
  requirementsFormat('build', 'requirements.txt (build)'),
];
