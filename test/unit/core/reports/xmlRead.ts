import { buildAst, type XMLElement } from '@xml-tools/ast';
import { parse, type DocumentCstNode } from '@xml-tools/parser';

/** A parsed element with entity references decoded, for reading reports back in tests. */
export interface Element {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string;
  readonly children: readonly Element[];
}

/** Parses XML strictly: any lexing or parsing problem fails the test. */
export function readXml(text: string): Element {
  const { cst, tokenVector, lexErrors, parseErrors } = parse(text);
  if (lexErrors.length > 0 || parseErrors.length > 0) {
    throw new Error(`not well-formed XML: ${[...lexErrors, ...parseErrors].map((e) => e.message).join('; ')}`);
  }
  const root = buildAst(cst as DocumentCstNode, tokenVector).rootElement;
  if (!root) throw new Error('no root element');
  return element(root);
}

function element(node: XMLElement): Element {
  return {
    name: node.name ?? '',
    attributes: Object.fromEntries(node.attributes.map((a) => [a.key ?? '', decode(a.value ?? '')])),
    text: decode(node.textContents.map((t) => t.text ?? '').join('')),
    children: node.subElements.map(element),
  };
}

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, entity: string) => {
    if (entity[0] === '#') return String.fromCodePoint(entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity.toLowerCase()] as string;
  });
}
