import type { Ecosystem } from './model';
import { LineIndex } from './text';

/**
 * `ospo-lens: ignore` in a comment at the end of a dependency's line: the developer
 * has taken responsibility for that dependency, so the editor and CI stop flagging it.
 * Only formats with comments have it (not package.json: JSON has none).
 */
export const IGNORE_MARKER = 'ospo-lens: ignore';

export interface CommentSyntax {
  readonly start: '#' | '//' | '<!--';
  readonly end?: '-->';
  /**
   * go.mod keeps one comment per line and reads `// indirect` or `// indirect; …`
   * from it, so the marker joins an existing comment after `; `.
   */
  readonly extendsExisting?: boolean;
}

const HASH: CommentSyntax = { start: '#' };
const SLASHES: CommentSyntax = { start: '//' };
const GO: CommentSyntax = { start: '//', extendsExisting: true };
const XML: CommentSyntax = { start: '<!--', end: '-->' };

/** How a manifest writes comments, or undefined when it cannot have any. */
export function commentSyntaxFor(ecosystem: Ecosystem, manifestPath: string): CommentSyntax | undefined {
  switch (ecosystem) {
    case 'npm':
      return undefined;
    case 'pypi':
    case 'cargo':
      return HASH;
    case 'go':
      return GO;
    case 'maven':
      return /\.gradle(\.kts)?$/i.test(manifestPath) ? SLASHES : XML;
    case 'nuget':
      return XML;
  }
}

const MARKER_AFTER: Readonly<Record<CommentSyntax['start'], RegExp>> = {
  '#': /#.*\bospo-lens:\s*ignore\b/,
  '//': /\/\/.*\bospo-lens:\s*ignore\b/,
  '<!--': /<!--.*\bospo-lens:\s*ignore\b.*-->/,
};

/** The 0-based lines that carry the ignore marker in a comment. */
export function ignoredLines(text: string, syntax: CommentSyntax): ReadonlySet<number> {
  const marker = MARKER_AFTER[syntax.start];
  const lines = new Set<number>();
  if (!text.includes('ospo-lens')) return lines; // the common case, without splitting the text
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (marker.test(line)) lines.add(index);
  });
  return lines;
}

export type IgnoreEdit =
  | { readonly ok: true; readonly offset: number; readonly length: number; readonly content: string }
  | { readonly ok: false; readonly message: string };

/**
 * The edit that puts the ignore marker at the end of `line`, or why it cannot go
 * there without changing what the line means.
 */
export function ignoreCommentEdit(text: string, line: number, syntax: CommentSyntax): IgnoreEdit {
  const index = new LineIndex(text);
  const start = index.offsetAt({ line, character: 0 });
  const lineText = /^[^\r\n]*/.exec(text.slice(start))?.[0] ?? '';
  const content = lineText.replace(/\s+$/, '');
  const end = start + content.length;
  const replace = (insert: string): IgnoreEdit => ({ ok: true, offset: end, length: lineText.length - content.length, content: insert });

  if (MARKER_AFTER[syntax.start].test(lineText)) return { ok: false, message: 'this line is already ignored' };
  if (syntax.start === '#' && content.endsWith('\\')) {
    return { ok: false, message: 'the line continues on the next one, so a comment at its end would cut it short' };
  }
  if (syntax.start === '<!--') {
    const before = text.slice(0, end);
    if (before.lastIndexOf('<') > before.lastIndexOf('>')) {
      return { ok: false, message: 'the element continues on the next line, so a comment cannot go at the end of this one' };
    }
    return replace(` <!-- ${IGNORE_MARKER} -->`);
  }
  if (syntax.extendsExisting && content.includes(syntax.start)) return replace(`; ${IGNORE_MARKER}`);
  return replace(`  ${syntax.start} ${IGNORE_MARKER}`);
}
