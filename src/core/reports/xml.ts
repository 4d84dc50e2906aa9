/**
 * Text for XML 1.0 content and attribute values. Characters XML 1.0 cannot carry at all
 * (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD instead of making the
 * document unreadable; in attributes, line breaks and tabs are written as character
 * references so that attribute-value normalisation keeps them.
 */
export function xmlText(text: string): string {
  return replaceInvalid(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

// Exactly the characters XML 1.0 forbids (control characters other than tab, LF and CR; unpaired surrogates; U+FFFE and U+FFFF).
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function replaceInvalid(text: string): string {
  return text.replace(INVALID, '\uFFFD');
}
