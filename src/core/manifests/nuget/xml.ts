import { buildAst, type XMLAttribute, type XMLElement } from '@xml-tools/ast';
import { parse, type DocumentCstNode } from '@xml-tools/parser';
import type { ManifestError } from '../../model';
import type { LineIndex } from '../../text';

/**
 * Small helpers over @xml-tools, shared by the NuGet parsers and the nuspec reader.
 * @xml-tools recovers from broken XML (it keeps the well-formed siblings of a broken
 * element) and keeps offsets, which is what an editor needs while the user types.
 * MSBuild and NuGet read element and attribute names case-insensitively, so every
 * lookup here does too.
 */

/** A slice of the document: `start` inclusive, `end` exclusive, UTF-16 offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface XmlDocument {
  /** The root element, or undefined when there is none (empty or non-XML text). */
  readonly root: XMLElement | undefined;
  readonly problems: readonly XmlProblem[];
}

export interface XmlProblem {
  readonly message: string;
  readonly span: Span;
}

/** Reported problems are capped: a pasted binary file should not flood the editor. */
const MAX_PROBLEMS = 50;

/** Parses XML text. Never throws: even a stack overflow on absurd nesting becomes a problem. */
export function parseXml(text: string): XmlDocument {
  try {
    const { cst, tokenVector, lexErrors, parseErrors } = parse(text);
    // parse() is typed with chevrotain's generic CstNode; from the default start rule it is the document.
    const document = buildAst(cst as DocumentCstNode, tokenVector);
    const problems: XmlProblem[] = [
      ...lexErrors.map((e) => ({ message: firstLine(e.message), span: clampSpan(text, e.offset, e.offset + e.length) })),
      ...parseErrors.map((e) => ({
        message: firstLine(e.message),
        // Errors at the end of the text carry the EOF token, whose offsets are NaN.
        span: clampSpan(text, e.token.startOffset, (e.token.endOffset ?? NaN) + 1),
      })),
    ].slice(0, MAX_PROBLEMS);
    return { root: document.rootElement ?? undefined, problems };
  } catch (error) {
    return { root: undefined, problems: [{ message: `the XML could not be read (${String(error)})`, span: { start: 0, end: 0 } }] };
  }
}

/** Turns parser problems into manifest errors with ranges. */
export function toManifestErrors(label: string, problems: readonly XmlProblem[], lines: LineIndex): ManifestError[] {
  return problems.map((p) => ({
    message: `${label} is not valid XML here: ${p.message}`,
    range: lines.rangeOf(p.span.start, p.span.end),
  }));
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

function clampSpan(text: string, start: number, end: number): Span {
  const s = Number.isFinite(start) ? Math.max(0, Math.min(start, text.length)) : text.length;
  const e = Number.isFinite(end) ? Math.max(s, Math.min(end, text.length)) : s;
  return { start: s, end: e };
}

/**
 * Elements named `names`, each found in the text and parsed on its own: the
 * fallback when the document has syntax errors. @xml-tools keeps the siblings of a
 * broken element, but a broken tag can still shift the structure after it (a
 * stray `"` or an unclosed `<PackageReference …>` makes the next references its
 * children, or pushes them past the root). Each element is parsed from its start
 * tag up to the next one (or its own closing tag), then its offsets are moved to
 * those of the whole text. Occurrences inside `skip` spans are ignored.
 */
export function recoverElements(text: string, names: readonly string[], skip: readonly Span[]): XMLElement[] {
  const starts = [...text.matchAll(new RegExp(`<(${names.join('|')})(?=[\\s/>])`, 'gi'))]
    .map((m) => ({ index: m.index ?? 0, name: m[1] }))
    .filter(({ index }) => !skip.some((span) => index >= span.start && index < span.end));
  const elements: XMLElement[] = [];
  starts.forEach(({ index, name }, i) => {
    const next = i + 1 < starts.length ? starts[i + 1].index : text.length;
    const closing = text.slice(index, next).search(new RegExp(`</${name}\\s*>`, 'i'));
    const end = closing < 0 ? next : text.indexOf('>', index + closing) + 1;
    const root = parseXml(text.slice(index, end)).root;
    if (root && nameIs(root, name)) elements.push(shiftOffsets(root, index));
  });
  return elements;
}

/**
 * Moves every offset in a freshly parsed tree by `base`. The tree was built for
 * this call only, so changing it in place is safe; `parent` links are not followed.
 */
function shiftOffsets<T extends object>(node: T, base: number): T {
  const stack: object[] = [node];
  const seen = new Set<object>();
  while (stack.length > 0) {
    // The AST's fields are typed readonly; this is the one place that writes them.
    const current = stack.pop() as Record<string, unknown>;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const [key, value] of Object.entries(current)) {
      if (key === 'parent') continue;
      if ((key === 'startOffset' || key === 'endOffset') && typeof value === 'number') current[key] = value + base;
      else if (typeof value === 'object' && value !== null) stack.push(value);
    }
  }
  return node;
}

/**
 * Spans of comments, and of the elements named `names` (e.g. MSBuild targets),
 * found textually: a self-closing one, else up to its closing tag (or the end).
 */
export function textualSpans(text: string, names: readonly string[]): Span[] {
  const patterns = [
    /<!--[\s\S]*?(?:-->|$)/g,
    ...names.map((name) => new RegExp(`<${name}(?=[\\s/>])(?:[^<>]*/>|[\\s\\S]*?(?:</${name}\\s*>|$))`, 'gi')),
  ];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length })));
}

export function nameIs(element: XMLElement, name: string): boolean {
  return typeof element.name === 'string' && element.name.toLowerCase() === name.toLowerCase();
}

export function childElements(element: XMLElement, name: string): XMLElement[] {
  return element.subElements.filter((child) => nameIs(child, name));
}

export function firstChild(element: XMLElement, name: string): XMLElement | undefined {
  return element.subElements.find((child) => nameIs(child, name));
}

/** Every element below `element` (depth first, document order), skipping the subtrees `prune` rejects. */
export function* descendants(element: XMLElement, prune: (e: XMLElement) => boolean = () => false): Generator<XMLElement> {
  // An explicit stack: recursion would overflow on deeply nested garbage.
  const stack: XMLElement[] = [...element.subElements].reverse();
  while (stack.length > 0) {
    const current = stack.pop() as XMLElement;
    if (prune(current)) continue;
    yield current;
    for (let i = current.subElements.length - 1; i >= 0; i--) stack.push(current.subElements[i]);
  }
}

/** The attribute, when it is there with a quoted value. The last one wins, like a duplicate in MSBuild. */
export function attribute(element: XMLElement, key: string): XMLAttribute | undefined {
  let found: XMLAttribute | undefined;
  for (const attr of element.attributes) {
    if (typeof attr.key === 'string' && attr.key.toLowerCase() === key.toLowerCase() && typeof attr.value === 'string') {
      found = attr;
    }
  }
  return found;
}

/** The attribute's value, entities decoded. */
export function attributeValue(element: XMLElement, key: string): string | undefined {
  const attr = attribute(element, key);
  return attr ? decodeEntities(attr.value as string) : undefined;
}

/** Where an attribute's value is in the text, without its quotes. */
export function attributeValueSpan(attr: XMLAttribute): Span | undefined {
  const token = attr.syntax.value;
  if (!token) return undefined;
  // Token offsets are inclusive and cover the quotes.
  return { start: token.startOffset + 1, end: token.endOffset };
}

/** The span without the white space at either end. */
export function trimSpan(text: string, span: Span): Span {
  const raw = text.slice(span.start, span.end);
  const start = span.start + (raw.length - raw.trimStart().length);
  return { start, end: Math.max(start, span.end - (raw.length - raw.trimEnd().length)) };
}

/**
 * An element's text content, trimmed, with where it is in the text. Comments
 * inside the text are skipped, as XML readers do; undefined when there is none.
 */
export function elementText(element: XMLElement, source: string): { value: string; span: Span } | undefined {
  const parts = element.textContents.filter((t) => typeof t.text === 'string');
  if (parts.length === 0) return undefined;
  // Token end offsets are inclusive.
  const start = parts[0].position.startOffset;
  const end = parts[parts.length - 1].position.endOffset + 1;
  const raw = source.slice(start, end);
  const leading = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  const value = decodeEntities(parts.map((t) => t.text as string).join('').trim());
  return { value, span: { start: start + leading, end: start + leading + trimmed.length } };
}

/** The text of the first child element named `name`, trimmed. */
export function childText(element: XMLElement, name: string, source: string): string | undefined {
  const child = firstChild(element, name);
  return child ? elementText(child, source)?.value : undefined;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and character references; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}
