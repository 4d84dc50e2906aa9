/**
 * PEP 508 dependency specifiers (`name[extras] specifiers ; marker` and
 * `name[extras] @ url ; marker`), hand-parsed so that every part keeps its offsets
 * in the string: the editor underlines the name, not the whole requirement.
 *
 * Pure: no I/O. Offsets are UTF-16 indexes into the string given.
 */

/** A part of the parsed string: `[start, end)` and its text. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Pep508Requirement {
  readonly name: Span;
  readonly extras: readonly string[];
  /** The version specifiers (`>=2,<3`), without the legacy parentheses. */
  readonly specifier?: Span;
  /** The URL of a direct reference (`name @ https://…`). */
  readonly url?: Span;
  readonly marker?: Span;
  /**
   * What makes the requirement invalid, when something does. The name is still
   * reported: a half-typed version must not hide the dependency.
   */
  readonly problem?: { readonly message: string; readonly start: number; readonly end: number };
}

/** PEP 508 names: letters and digits, with `.`, `_` and `-` only inside. */
const NAME = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/y;
const COMPARATOR = '(?:===|==|!=|~=|<=|>=|<|>)';
/** A version: what follows the operator, starting with a letter, digit or `*` (`=== foo` allows any word). */
const VERSION = '[A-Za-z0-9*][^,;\\s()]*';
/** One or more `<op> <version>` clauses separated by commas. */
const VERSION_MANY = new RegExp(`^${COMPARATOR}\\s*${VERSION}(?:\\s*,\\s*${COMPARATOR}\\s*${VERSION})*$`);

/** PEP 503 normalisation: the form under which names are compared. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/**
 * Parses one requirement. Returns undefined when the text does not start with a
 * project name (an option, a path, a URL): such text is not a PEP 508 requirement.
 */
export function parsePep508(text: string): Pep508Requirement | undefined {
  const nameStart = skipSpace(text, 0);
  NAME.lastIndex = nameStart;
  const nameMatch = NAME.exec(text);
  if (!nameMatch) return undefined;
  const name = span(text, nameStart, NAME.lastIndex);

  let at = skipSpace(text, name.end);
  let extras: string[] = [];
  if (text[at] === '[') {
    const close = text.indexOf(']', at);
    if (close < 0) return { name, extras, problem: problem('the list of extras is not closed with "]"', at, text.length) };
    extras = text
      .slice(at + 1, close)
      .split(',')
      .map((extra) => extra.trim())
      .filter((extra) => extra !== '');
    at = skipSpace(text, close + 1);
  }

  if (text[at] === '@') return urlRequirement(text, name, extras, at);
  return versionRequirement(text, name, extras, at);
}

/** `name @ url [; marker]`: the URL ends at whitespace, so a marker needs a space before `;`. */
function urlRequirement(text: string, name: Span, extras: string[], at: number): Pep508Requirement {
  const urlStart = skipSpace(text, at + 1);
  let urlEnd = urlStart;
  while (urlEnd < text.length && !isSpace(text[urlEnd])) urlEnd++;
  if (urlEnd === urlStart) return { name, extras, problem: problem('a URL is expected after "@"', at, at + 1) };
  const url = span(text, urlStart, urlEnd);
  const rest = skipSpace(text, urlEnd);
  if (rest >= text.length) return { name, extras, url };
  if (text[rest] !== ';') {
    return { name, extras, url, problem: problem('only an environment marker (after ";") may follow the URL', rest, trimmedEnd(text)) };
  }
  return withMarker(text, { name, extras, url }, rest);
}

/** `name [specifiers] [; marker]`, with the legacy `name (>=1.0)` form too. */
function versionRequirement(text: string, name: Span, extras: string[], at: number): Pep508Requirement {
  const semicolon = text.indexOf(';', at);
  const specifierEnd = semicolon < 0 ? text.length : semicolon;
  let specifier = trimmedSpan(text, at, specifierEnd);
  let base: Pep508Requirement = { name, extras };
  if (specifier) {
    if (specifier.text.startsWith('(')) {
      if (!specifier.text.endsWith(')')) {
        return { ...base, problem: problem('the version specifiers are not closed with ")"', specifier.start, specifier.end) };
      }
      specifier = trimmedSpan(text, specifier.start + 1, specifier.end - 1);
    }
  }
  if (specifier) {
    base = { ...base, specifier };
    if (!VERSION_MANY.test(specifier.text)) {
      base = { ...base, problem: problem(`"${specifier.text}" is not a version specifier (such as >=1.0, ==2.*, ~=1.4)`, specifier.start, specifier.end) };
    }
  }
  return semicolon < 0 ? base : withMarker(text, base, semicolon);
}

function withMarker(text: string, requirement: Pep508Requirement, semicolon: number): Pep508Requirement {
  const marker = trimmedSpan(text, semicolon + 1, text.length);
  if (!marker) return { ...requirement, problem: requirement.problem ?? problem('an environment marker is expected after ";"', semicolon, semicolon + 1) };
  return { ...requirement, marker };
}

function problem(message: string, start: number, end: number): { message: string; start: number; end: number } {
  return { message, start, end: Math.max(end, start + 1) };
}

function span(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

/** The span without surrounding whitespace, or undefined when nothing is left. */
function trimmedSpan(text: string, start: number, end: number): Span | undefined {
  let from = start;
  let to = end;
  while (from < to && isSpace(text[from])) from++;
  while (to > from && isSpace(text[to - 1])) to--;
  return to > from ? span(text, from, to) : undefined;
}

function trimmedEnd(text: string): number {
  let end = text.length;
  while (end > 0 && isSpace(text[end - 1])) end--;
  return end;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSpace(text[i])) i++;
  return i;
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n' || char === '\f' || char === '\v' || char === '\uFEFF';
}
