import { buildAst, type XMLElement } from '@xml-tools/ast';
import { parse, type DocumentCstNode } from '@xml-tools/parser';

/** A syntax problem, by offset; the caller turns it into a range with its LineIndex. */
export interface XmlProblem {
  readonly message: string;
  readonly offset: number;
}

export interface TolerantXml {
  /**
   * The root element, then any elements the parser's recovery left after it (a
   * stray closing tag makes it end the root early; what follows is parsed again).
   */
  readonly roots: readonly XMLElement[];
  readonly problems: readonly XmlProblem[];
}

/** How many times the text after a prematurely closed root is parsed again. */
const MAX_PIECES = 8;
/** Problems reported per parse: a pasted binary file gives one per character, which helps nobody. */
const MAX_PROBLEMS = 50;
/**
 * Characters parsed again, over all pieces: each piece re-parses the whole text, and
 * on a huge broken file (10 MB of garbage: 8 parses, 34 s) that costs far more than it finds.
 */
const MAX_REPARSED_CHARACTERS = 2 * 1024 * 1024;

/**
 * Parses XML with @xml-tools (error tolerant, with offsets). Never throws: a
 * failure inside the parser counts as a problem at the start of the text.
 */
export function parseXmlTolerant(text: string): TolerantXml {
  const roots: XMLElement[] = [];
  const problems: XmlProblem[] = [];
  let from = 0;
  const pieces = Math.max(1, Math.min(MAX_PIECES, Math.floor(MAX_REPARSED_CHARACTERS / Math.max(1, text.length))));
  for (let piece = 0; piece < pieces; piece++) {
    // Blanking what came before keeps the offsets of the real document.
    const source = piece === 0 ? text : blank(text.slice(0, from)) + text.slice(from);
    const parsed = parseOnce(source);
    if (piece === 0) problems.push(...parsed.problems);
    if (!parsed.root) break;
    roots.push(parsed.root);
    if (parsed.problems.length === 0) break;
    const end = parsed.root.position.endOffset + 1;
    if (!(end > from) || !/<[A-Za-z_]/.test(text.slice(end))) break;
    from = end;
  }
  return { roots, problems };
}

function parseOnce(text: string): { root?: XMLElement; problems: XmlProblem[] } {
  try {
    const { cst, tokenVector, lexErrors, parseErrors } = parse(text);
    const document = buildAst(cst as DocumentCstNode, tokenVector);
    const problems: XmlProblem[] = [
      ...lexErrors.slice(0, MAX_PROBLEMS).map((e) => ({ message: tidy(e.message), offset: e.offset })),
      ...parseErrors
        .slice(0, MAX_PROBLEMS)
        .map((e) => ({ message: tidy(e.message), offset: Number.isFinite(e.token.startOffset) ? e.token.startOffset : text.length })),
    ].slice(0, MAX_PROBLEMS);
    return { ...(document.rootElement ? { root: document.rootElement } : {}), problems };
  } catch (error) {
    // The parser recurses per nesting level: absurdly deep input can exhaust the stack.
    return { problems: [{ message: error instanceof Error ? error.message : String(error), offset: 0 }] };
  }
}

/** "Expecting token of type --> CLOSE <-- but found --> '<' <--" -> "expecting CLOSE but found '<'". */
function tidy(message: string): string {
  return message
    .replace(/Expecting token of type --> (\S+) <--/g, 'expecting $1')
    .replace(/--> (.*?) <--/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/** Element children with one local name (namespace prefixes ignored). */
export function children(element: XMLElement, name: string): XMLElement[] {
  return element.subElements.filter((child) => child.name === name);
}

export function child(element: XMLElement, name: string): XMLElement | undefined {
  return element.subElements.find((child) => child.name === name);
}

/** Every element below the roots (the roots included), depth first, without recursion. */
export function* descendants(roots: readonly XMLElement[]): Generator<XMLElement> {
  const stack = [...roots].reverse();
  for (let element = stack.pop(); element; element = stack.pop()) {
    yield element;
    for (let i = element.subElements.length - 1; i >= 0; i--) stack.push(element.subElements[i]);
  }
}

/** Local names of the element's ancestors, nearest first. */
export function ancestorNames(element: XMLElement): string[] {
  const names: string[] = [];
  for (let parent = element.parent; parent.type === 'XMLElement'; parent = parent.parent) {
    names.push(parent.name ?? '');
  }
  return names;
}

/** The text of a leaf element: decoded value and the offsets of its trimmed, written form. */
export interface ElementText {
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** False when the element has no closing tag yet (half-typed). */
  readonly closed: boolean;
}

/**
 * The text content of a leaf element such as `<artifactId> guava </artifactId>`.
 * Offsets cover the written characters without surrounding whitespace; the value
 * has entities and CDATA decoded and comments removed.
 */
export function elementText(element: XMLElement | undefined, text: string): ElementText | undefined {
  if (!element || element.subElements.length > 0) return undefined;
  const { openBody, closeBody, openName, closeName } = element.syntax;
  if (openBody && closeBody && !element.syntax.isSelfClosing) {
    // The parser lets any closing tag close an element: `<artifactId>gua</dependency>` is half-typed.
    return fromRaw(text, openBody.endOffset + 1, closeBody.startOffset, closeName?.image === openName?.image);
  }
  const parts = element.textContents.filter((part) => part.text !== null);
  if (parts.length === 0) return undefined;
  return fromRaw(text, parts[0].position.startOffset, parts[parts.length - 1].position.endOffset + 1, false);
}

function fromRaw(text: string, from: number, to: number, closed: boolean): ElementText | undefined {
  if (!(from <= to)) return undefined;
  const raw = text.slice(from, to);
  const leading = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  return { value: decode(trimmed).trim(), start: from + leading, end: from + leading + trimmed.length, closed };
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  return raw
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g, '$1')
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, entity: string) => {
      if (entity.startsWith('#x')) return safeCodePoint(parseInt(entity.slice(2), 16)) ?? whole;
      if (entity.startsWith('#')) return safeCodePoint(parseInt(entity.slice(1), 10)) ?? whole;
      return ENTITIES[entity] ?? whole;
    });
}

function safeCodePoint(code: number): string | undefined {
  return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
