import { createScanner, findNodeAtLocation, modify, parseTree, printParseErrorCode, SyntaxKind, type Edit, type Node, type ParseError } from 'jsonc-parser';
import { excessiveJsonNesting, MAX_JSON_DEPTH } from '../jsonNesting';
import { LineIndex } from '../text';

/** A replacement of `length` characters at `offset` by `content` (jsonc-parser's shape). */
export type PolicyTextEdit = Edit;

export type PolicyEditResult =
  | {
      readonly ok: true;
      /** Non-overlapping edits of the policy text, in any order. */
      readonly edits: readonly PolicyTextEdit[];
      /** Where the user continues typing, as an offset in the edited text. */
      readonly cursor: number;
    }
  | { readonly ok: false; readonly message: string };

/** An exception as the "Add exception to policy" action writes it: the reason is left for the user. */
export interface NewException {
  readonly package: string;
  readonly ecosystem?: string;
  readonly version?: string;
  readonly license?: string;
}

/** A recorded choice between the licenses of an `OR` expression. */
export interface NewLicenseChoice {
  readonly package: string;
  readonly ecosystem?: string;
  readonly version?: string;
  readonly expression: string;
  readonly chosen: string;
}

/**
 * Edits that append an exception to a policy file, keeping its comments, trailing
 * commas and indentation. The new exception's `reason` is empty and the cursor
 * lands inside it: the policy refuses an exception without a reason, so it
 * applies once the user has written one.
 */
export function addExceptionEdits(policyText: string, exception: NewException): PolicyEditResult {
  const entry = { ...withoutUndefined(exception), reason: '' };
  return appendToArray(policyText, 'exceptions', entry, ['reason'], 1);
}

/** Edits that append a recorded license choice to `licenseChoices`; the cursor lands on `chosen`. */
export function addLicenseChoiceEdits(policyText: string, choice: NewLicenseChoice): PolicyEditResult {
  return appendToArray(policyText, 'licenseChoices', withoutUndefined(choice), ['chosen'], 1);
}

/**
 * Appends `value` to the array `field` of the policy's top-level object, creating
 * the object or the field when missing. `cursorPath` (inside the new element) and
 * `cursorShift` say where the cursor goes: e.g. one character into a string value.
 */
function appendToArray(text: string, field: string, value: object, cursorPath: readonly string[], cursorShift: number): PolicyEditResult {
  const errors: ParseError[] = [];
  // jsonc-parser recurses per nesting level: absurd nesting must be refused, not crash.
  if (excessiveJsonNesting(text) !== undefined) {
    return { ok: false, message: `the policy file is nested more than ${MAX_JSON_DEPTH} levels deep; fix it first, then try again` };
  }
  const empty = nextToken(text, 0).kind === SyntaxKind.EOF; // nothing but spaces and comments
  const root = empty ? undefined : parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0];
    const at = new LineIndex(text).positionAt(first.offset);
    return {
      ok: false,
      message: `the policy file is not valid JSON (line ${at.line + 1}, column ${at.character + 1}: ${describeParseError(first)}); fix it first, then try again`,
    };
  }
  if (root && root.type !== 'object') return { ok: false, message: 'the policy file must contain a JSON object; fix it first, then try again' };
  const style = detectStyle(text);
  const existing = root ? findNodeAtLocation(root, [field]) : undefined;
  if (existing && existing.type !== 'array') return { ok: false, message: `"${field}" in the policy file is not an array; fix it first, then try again` };

  const json = (v: unknown): string => JSON.stringify(v, null, style.unit);
  let edits: PolicyTextEdit[];
  if (!root) edits = [newDocument(text, field, value, style)];
  else if (existing?.children && existing.children.length > 0) edits = appendAfterLast(text, existing, json(value), style);
  else if (!existing && root.children && root.children.length > 0) edits = appendAfterLast(text, root, `${JSON.stringify(field)}: ${json([value])}`, style);
  else if (existing && text.slice(existing.offset + 1, existing.offset + existing.length - 1).trim() !== '') edits = [insertIntoEmpty(text, existing, json(value), style)];
  else edits = modify(text, [field], [value], { formattingOptions: { insertSpaces: !style.unit.startsWith('\t'), tabSize: style.unit.length, eol: style.eol } });

  const edited = applyAll(text, edits);
  const array = findNodeAtLocation(parseTree(edited) as Node, [field]);
  const index = (array?.children?.length ?? 1) - 1;
  const target = array ? findNodeAtLocation(array, [index, ...cursorPath]) : undefined;
  return { ok: true, edits, cursor: target ? target.offset + cursorShift : edited.length };
}

interface Style {
  /** One level of indentation, e.g. two spaces or a tab. */
  readonly unit: string;
  readonly eol: string;
}

/** The file's own indentation and line ending, so the new entry looks like the rest. */
function detectStyle(text: string): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /^([ \t]+)\S/m.exec(text);
  return { unit: indented ? indented[1] : '  ', eol };
}

/** An empty file (or one holding only comments): a new object after whatever is there. */
function newDocument(text: string, field: string, value: object, style: Style): PolicyTextEdit {
  const body = JSON.stringify({ [field]: [value] }, null, style.unit).split('\n').join(style.eol);
  const kept = text.replace(/\s+$/, '');
  return { offset: kept.length, length: text.length - kept.length, content: `${kept === '' ? '' : style.eol}${body}${style.eol}` };
}

/**
 * Adds `addition` (an array element or an object property) after the container's
 * last child, at the end of that child's line, so a comment on the line stays with
 * the child it describes; a trailing comma stays a trailing comma.
 */
function appendAfterLast(text: string, container: Node, addition: string, style: Style): PolicyTextEdit[] {
  const children = container.children as Node[];
  const last = children[children.length - 1];
  const lastEnd = last.offset + last.length;
  const lines = new LineIndex(text);
  const indent = leadingWhitespace(text, lines.offsetAt({ line: lines.positionAt(last.offset).line, character: 0 }));
  const element = addition.split('\n').join(`${style.eol}${indent}`);

  const next = nextToken(text, lastEnd);
  const hasTrailingComma = next.kind === SyntaxKind.CommaToken;
  const afterElement = hasTrailingComma ? next.end : lastEnd;
  // Only the rest of the line after the element (and its comma) may move past: a comment.
  const lineEnd = endOfLine(text, afterElement);
  const restOfLine = text.slice(afterElement, lineEnd);
  const insertAt = isOnlyComment(restOfLine) ? lineEnd : afterElement;
  const inserted = `${style.eol}${indent}${element}${hasTrailingComma ? ',' : ''}`;
  if (hasTrailingComma) return [{ offset: insertAt, length: 0, content: inserted }];
  // One edit when both go in the same place: two insertions at one offset have no defined order.
  if (insertAt === lastEnd) return [{ offset: lastEnd, length: 0, content: `,${inserted}` }];
  return [
    { offset: lastEnd, length: 0, content: ',' },
    { offset: insertAt, length: 0, content: inserted },
  ];
}

/** An empty array holding only a comment: the element goes first, the comment stays. */
function insertIntoEmpty(text: string, array: Node, element: string, style: Style): PolicyTextEdit {
  const lines = new LineIndex(text);
  const indent = leadingWhitespace(text, lines.offsetAt({ line: lines.positionAt(array.offset).line, character: 0 })) + style.unit;
  return { offset: array.offset + 1, length: 0, content: `${style.eol}${indent}${element.split('\n').join(`${style.eol}${indent}`)}` };
}

function nextToken(text: string, offset: number): { kind: SyntaxKind; end: number } {
  const scanner = createScanner(text.slice(offset), false);
  let kind = scanner.scan();
  while (
    kind === SyntaxKind.Trivia ||
    kind === SyntaxKind.LineBreakTrivia ||
    kind === SyntaxKind.LineCommentTrivia ||
    kind === SyntaxKind.BlockCommentTrivia
  ) {
    kind = scanner.scan();
  }
  return { kind, end: offset + scanner.getTokenOffset() + scanner.getTokenLength() };
}

function isOnlyComment(rest: string): boolean {
  const trimmed = rest.trim();
  return trimmed === '' || trimmed.startsWith('//') || (trimmed.startsWith('/*') && trimmed.endsWith('*/'));
}

function endOfLine(text: string, offset: number): number {
  const match = /\r?\n/.exec(text.slice(offset));
  return match ? offset + match.index : text.length;
}

function leadingWhitespace(text: string, lineStart: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** Applies non-overlapping edits, last first so earlier offsets stay valid. */
export function applyAll(text: string, edits: readonly PolicyTextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) {
    result = result.slice(0, edit.offset) + edit.content + result.slice(edit.offset + edit.length);
  }
  return result;
}

function describeParseError(error: ParseError): string {
  return printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
