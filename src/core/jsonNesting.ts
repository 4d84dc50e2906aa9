import { createScanner, SyntaxKind } from 'jsonc-parser';

/**
 * jsonc-parser's parseTree recurses once per nesting level, so a few thousand
 * `[` overflow the stack. No manifest or policy nests more than a handful of
 * levels: text nested deeper than this is refused before it is parsed.
 */
export const MAX_JSON_DEPTH = 256;

/**
 * Offset of the first `{` or `[` nested deeper than `maxDepth`, or undefined.
 * Uses jsonc-parser's scanner (no recursion), so brackets in strings and comments
 * do not count.
 */
export function excessiveJsonNesting(text: string, maxDepth = MAX_JSON_DEPTH): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      if (++depth > maxDepth) return scanner.getTokenOffset();
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
