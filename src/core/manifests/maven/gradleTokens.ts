/**
 * A small tokenizer for Gradle build scripts, Groovy and Kotlin alike: enough
 * to find dependency declarations and simple string variables, not a parser
 * of either language. It skips comments, understands every string form the
 * two languages share (with `${...}` templates, which may hold quotes and
 * braces), and keeps every token's offsets.
 */

export type TokenKind = 'ident' | 'string' | 'punct' | 'newline' | 'other';

export interface Token {
  readonly kind: TokenKind;
  /** Identifier name, punctuation character, or a string's raw content (between the quotes). */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

export interface StringToken extends Token {
  readonly kind: 'string';
  readonly contentStart: number;
  readonly contentEnd: number;
  /** Double-quoted strings (`"…"`, `"""…"""`) interpolate `$name` and `${…}`; single-quoted ones do not. */
  readonly interpolating: boolean;
  readonly terminated: boolean;
}

export interface ScanProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface Scanned {
  readonly tokens: readonly Token[];
  readonly problems: readonly ScanProblem[];
}

const PUNCTUATION = new Set(['(', ')', '{', '}', '[', ']', ',', ':', '=', '.', ';']);
/** Nesting of `${ "…${…}…" }` followed before a template counts as plain text. */
const MAX_TEMPLATE_DEPTH = 16;

export function isStringToken(token: Token | undefined): token is StringToken {
  return token?.kind === 'string';
}

export function tokenize(text: string): Scanned {
  const tokens: Token[] = [];
  const problems: ScanProblem[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      tokens.push({ kind: 'newline', value: '\n', start: i, end: i + 1 });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\ufeff') {
      i++;
    } else if (text.startsWith('//', i)) {
      i = lineEnd(text, i);
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) problems.push({ message: 'unterminated comment', start: i, end: i + 2 });
      const end = close < 0 ? text.length : close + 2;
      // A comment spanning lines still separates Groovy command arguments like a line break.
      if (text.slice(i, end).includes('\n')) tokens.push({ kind: 'newline', value: '\n', start: i, end });
      i = end;
    } else if (c === '"' || c === "'") {
      const token = scanString(text, i, 0);
      tokens.push(token);
      if (!token.terminated) problems.push({ message: 'unterminated string', start: token.start, end: token.end });
      i = token.end;
    } else if (isIdentifierStart(c)) {
      let end = i + 1;
      while (end < text.length && isIdentifierPart(text[end])) end++;
      tokens.push({ kind: 'ident', value: text.slice(i, end), start: i, end });
      i = end;
    } else if (c === '`') {
      // Kotlin's backquoted identifiers: `my-config`("g:a:v")
      const close = text.indexOf('`', i + 1);
      const end = close < 0 || text.slice(i, close).includes('\n') ? lineEnd(text, i) : close + 1;
      tokens.push({ kind: 'ident', value: text.slice(i + 1, close < 0 ? end : close), start: i, end });
      i = end;
    } else if (PUNCTUATION.has(c)) {
      // `==`, `=>` and friends are operators, not assignments.
      const operator = c === '=' && /[=>~]/.test(text[i + 1] ?? '');
      tokens.push({ kind: operator ? 'other' : 'punct', value: operator ? text.slice(i, i + 2) : c, start: i, end: operator ? i + 2 : i + 1 });
      i += operator ? 2 : 1;
    } else {
      tokens.push({ kind: 'other', value: c, start: i, end: i + 1 });
      i++;
    }
  }
  return { tokens, problems };
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

function isIdentifierStart(c: string): boolean {
  return /[A-Za-z_$]/.test(c);
}

function isIdentifierPart(c: string): boolean {
  return /[A-Za-z0-9_$]/.test(c);
}

/** A string literal starting at `start` (a quote). Single-line forms end at a line break. */
function scanString(text: string, start: number, depth: number): StringToken {
  const quote = text[start];
  const triple = text.startsWith(quote.repeat(3), start);
  const delimiter = triple ? quote.repeat(3) : quote;
  const interpolating = quote === '"';
  const contentStart = start + delimiter.length;
  let i = contentStart;
  while (i < text.length) {
    const c = text[i];
    if (text.startsWith(delimiter, i)) {
      return stringToken(text, start, contentStart, i, i + delimiter.length, interpolating, true);
    }
    if (c === '\n' && !triple) break;
    if (c === '\\') {
      i += 2;
    } else if (interpolating && c === '$' && text[i + 1] === '{' && depth < MAX_TEMPLATE_DEPTH) {
      i = templateEnd(text, i + 2, depth + 1, triple);
    } else {
      i++;
    }
  }
  const end = Math.min(i, text.length);
  return stringToken(text, start, contentStart, end, end, interpolating, false);
}

/** The offset just after the `}` closing a `${` template whose body starts at `from`. */
function templateEnd(text: string, from: number, depth: number, multiline: boolean): number {
  let braces = 0;
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n' && !multiline) return i; // the string is broken; let it end at the line break
    if (c === '"' || c === "'") {
      i = scanString(text, i, depth).end;
    } else if (c === '{') {
      braces++;
      i++;
    } else if (c === '}') {
      if (braces === 0) return i + 1;
      braces--;
      i++;
    } else {
      i++;
    }
  }
  return i;
}

function stringToken(
  text: string,
  start: number,
  contentStart: number,
  contentEnd: number,
  end: number,
  interpolating: boolean,
  terminated: boolean,
): StringToken {
  return { kind: 'string', value: text.slice(contentStart, contentEnd), start, end, contentStart, contentEnd, interpolating, terminated };
}
