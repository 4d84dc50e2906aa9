/** A line that states a copyright: "Copyright 2020 Jane", "(c) 2019 Acme", "© Foo". */
const COPYRIGHT_LINE = /^(?:copyright\b|\(c\)\s|©)/i;

/** License templates carry placeholders where the holder's name goes; those are not notices. */
const PLACEHOLDER = /<[^>]*\b(?:year|name|owner|author|holder|copyright)\b[^>]*>|\[[^\]]*\b(?:yyyy|year|name|owner|fullname)\b[^\]]*\]|\{[^}]*\b(?:yyyy|year|owner)\b[^}]*\}/i;

/** The same templates without brackets: "Copyright (C) year  name of author". */
const BARE_TEMPLATE = /\bname of (?:author|copyright owner)\b|^copyright\s*(?:\(c\)|©)?\s*(?:year|yyyy)\b/i;

/** Sentences of license texts that start with the word "copyright" without stating one. */
const PROSE = /^copyright\s+(?:notice|holders?|owners?|law|and\s+(?:license|related|permission)|\(c\)\s*<)|^copyright\s*$|^copyright\s+(?:and|or|in|of|to|the|this|is)\b/i;

/**
 * The GNU licenses' own headers: "Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>",
 * or the FSF's postal address on the same or the next line. They are the license text's
 * copyright, not the package's.
 */
const FSF = /Free Software Foundation, Inc\./i;
const FSF_ADDRESS = /fsf\.org|51 Franklin|59 Temple|675 Mass/i;

const MAX_LINES = 50;
const MAX_LINE_LENGTH = 300;

/** The copyright lines of a license or notice file, trimmed and without duplicates, in order. */
export function copyrightLines(text: string): string[] {
  const lines = new Set<string>();
  const all = text.split(/\r\n?|\n/).map((raw) => raw.trim().replace(/^(?:\/\/|#|\*|;|--)\s*/, ''));
  all.forEach((line, index) => {
    if (lines.size >= MAX_LINES || line.length > MAX_LINE_LENGTH || !COPYRIGHT_LINE.test(line)) return;
    if (PLACEHOLDER.test(line) || BARE_TEMPLATE.test(line) || PROSE.test(line) || isGnuLicenseHeader(line, all[index + 1] ?? '')) return;
    lines.add(line);
  });
  return [...lines];
}

function isGnuLicenseHeader(line: string, next: string): boolean {
  return FSF.test(line) && (FSF_ADDRESS.test(line) || FSF_ADDRESS.test(next));
}
