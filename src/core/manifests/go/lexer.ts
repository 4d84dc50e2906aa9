/**
 * The tokens of one go.mod line, as golang.org/x/mod/modfile reads them: identifiers
 * (any run of printable characters except spaces and `( ) [ ] { } ,`), interpreted
 * strings `"…"`, raw strings `` `…` ``, those punctuation characters, and `//` comments.
 * Nothing in go.mod spans lines — a string may not contain a newline — so a line is
 * lexed on its own, and a broken line never disturbs the next one.
 */

export type TokenKind = 'ident' | 'string' | 'punct';

export interface Token {
  readonly kind: TokenKind;
  /** The token's meaning: a string's value without its quotes and with escapes applied. */
  readonly value: string;
  /** Offsets in the whole text of what the value was written as (a string's inside, without quotes). */
  readonly start: number;
  readonly end: number;
}

export interface LexedLine {
  readonly tokens: readonly Token[];
  /** The text after `//`, when the line ends with a comment. */
  readonly comment?: string;
  /** The first lexical problem; the tokens before it are kept. */
  readonly error?: { readonly message: string; readonly start: number; readonly end: number };
}

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',']);

/** Printable, as Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols (the ASCII space is handled apart). */
const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

function isPrintable(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 0x80) return code > 0x20 && code < 0x7f;
  return PRINTABLE.test(char);
}

function isIdentChar(char: string): boolean {
  return !PUNCTUATION.has(char) && char !== ' ' && isPrintable(char);
}

/** Lexes `text[start, end)`: one line, without its newline. */
export function lexLine(text: string, start: number, end: number): LexedLine {
  const tokens: Token[] = [];
  let i = start;
  const fail = (message: string, from: number, to: number): LexedLine => ({ tokens, error: { message, start: from, end: to } });
  while (i < end) {
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    // Carriage returns are whitespace in go.mod; a byte order mark can only come from an editor.
    if (char === ' ' || char === '\t' || char === '\r' || (char === '\ufeff' && i === 0)) {
      i += char.length;
      continue;
    }
    if (text.startsWith('//', i)) return { tokens, comment: text.slice(i + 2, end) };
    if (text.startsWith('/*', i)) return fail('go.mod files use // comments, not /* */ comments', i, end);
    if (PUNCTUATION.has(char)) {
      tokens.push({ kind: 'punct', value: char, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (char === '"' || char === '`') {
      const closing = findClosingQuote(text, i + 1, end, char);
      if (closing < 0) return fail('this string is not closed on its line', i, end);
      const raw = text.slice(i + 1, closing);
      const value = char === '`' ? raw : unquoteInterpreted(raw);
      if (value === undefined) return fail('this string has an invalid escape sequence', i, closing + 1);
      tokens.push({ kind: 'string', value, start: i + 1, end: closing });
      i = closing + 1;
      continue;
    }
    if (!isIdentChar(char)) return fail(`unexpected character ${JSON.stringify(char)}`, i, i + char.length);
    const identStart = i;
    while (i < end && !text.startsWith('//', i)) {
      const next = String.fromCodePoint(text.codePointAt(i) ?? 0);
      if (!isIdentChar(next)) break;
      i += next.length;
    }
    tokens.push({ kind: 'ident', value: text.slice(identStart, i), start: identStart, end: i });
  }
  return { tokens };
}

/** Offset of the quote closing a string opened before `from`, or -1 when the line ends first. */
function findClosingQuote(text: string, from: number, end: number, quote: string): number {
  for (let i = from; i < end; i++) {
    const char = text[i];
    if (char === quote) return i;
    if (char === '\\' && quote === '"') i++; // the escaped character cannot close the string
  }
  return -1;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"',
};

const HEX_ESCAPE_WIDTHS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * The value of a Go interpreted string's inside (as strconv.Unquote), or undefined when an
 * escape is invalid. `\x` and octal escapes are taken as code points: module paths are ASCII.
 */
export function unquoteInterpreted(raw: string): string | undefined {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '\\') {
      out += raw[i];
      continue;
    }
    const escape = raw[++i] ?? '';
    let code: number;
    if (escape in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[escape];
      continue;
    } else if (escape in HEX_ESCAPE_WIDTHS) {
      const digits = raw.slice(i + 1, i + 1 + HEX_ESCAPE_WIDTHS[escape]);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== HEX_ESCAPE_WIDTHS[escape]) return undefined;
      code = parseInt(digits, 16);
      i += digits.length;
    } else if (/^[0-7]$/.test(escape)) {
      const digits = raw.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(digits)) return undefined;
      code = parseInt(digits, 8);
      i += 2;
    } else {
      return undefined;
    }
    if (code > 0x10ffff) return undefined;
    out += String.fromCodePoint(code);
  }
  return out;
}
