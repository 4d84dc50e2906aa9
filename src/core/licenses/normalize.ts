import { formatExpression, parseSpdxExpression, type LicenseNode } from './spdx';

/**
 * How sure we are that `expression` is what the package means.
 * - exact: the declaration was a valid SPDX expression as written;
 * - high: an unambiguous rewrite (letter case, deprecated id, a well-known name);
 * - low: a guess — shown to the user as a suggestion, never used for a verdict;
 * - none: nothing usable.
 */
export type Confidence = 'exact' | 'high' | 'low' | 'none';

/** Why a declaration gave no usable expression. */
export type LicenseProblem = 'missing' | 'not-found' | 'proprietary' | 'ambiguous' | 'see-file' | 'unrecognised';

export interface NormalizedLicense {
  /** What the package declared, as text (legacy forms flattened), or null when nothing. */
  readonly declared: string | null;
  /** Canonical SPDX expression, or null when we do not know it with confidence. */
  readonly expression: string | null;
  readonly node: LicenseNode | null;
  readonly confidence: Confidence;
  readonly problem?: LicenseProblem;
  /** Plain-English explanation when there is a problem. */
  readonly note?: string;
  /** A low-confidence guess for the user to confirm; never used for a verdict. */
  readonly suggestion?: string;
  /** For `SEE LICENSE IN <file>`: the file named. */
  readonly licenseFile?: string;
}

/**
 * Well-known names that map unambiguously to one SPDX id. Keys are compared after
 * lower-casing and collapsing spaces/punctuation (see `nameKey`).
 */
const WELL_KNOWN_NAMES: Readonly<Record<string, string>> = {
  'apache 2': 'Apache-2.0',
  'apache 2.0': 'Apache-2.0',
  'apache v2': 'Apache-2.0',
  'apache v2.0': 'Apache-2.0',
  'apache license 2.0': 'Apache-2.0',
  'apache license version 2.0': 'Apache-2.0',
  'apache license v2.0': 'Apache-2.0',
  'apache software license 2.0': 'Apache-2.0',
  'asl 2.0': 'Apache-2.0',
  'the mit license': 'MIT',
  'mit license': 'MIT',
  'expat': 'MIT',
  'isc license': 'ISC',
  'bsd 2 clause': 'BSD-2-Clause',
  'bsd 3 clause': 'BSD-3-Clause',
  'new bsd': 'BSD-3-Clause',
  'new bsd license': 'BSD-3-Clause',
  'simplified bsd': 'BSD-2-Clause',
  'gplv2': 'GPL-2.0-only',
  'gplv2+': 'GPL-2.0-or-later',
  'gplv3': 'GPL-3.0-only',
  'gplv3+': 'GPL-3.0-or-later',
  'lgplv2.1': 'LGPL-2.1-only',
  'lgplv2.1+': 'LGPL-2.1-or-later',
  'lgplv3': 'LGPL-3.0-only',
  'lgplv3+': 'LGPL-3.0-or-later',
  'agplv3': 'AGPL-3.0-only',
  'agplv3+': 'AGPL-3.0-or-later',
  'mpl 2.0': 'MPL-2.0',
  'mozilla public license 2.0': 'MPL-2.0',
  'cc0': 'CC0-1.0',
};

/** Names that stand for several different licenses: never guessed into one. */
const AMBIGUOUS_NAMES: Readonly<Record<string, string>> = {
  bsd: 'BSD names several licenses (2-clause, 3-clause, 4-clause) with different terms',
  'bsd license': 'BSD names several licenses (2-clause, 3-clause, 4-clause) with different terms',
  gpl: 'GPL without a version could be GPL-2.0 or GPL-3.0, "only" or "or later"',
  lgpl: 'LGPL without a version could be LGPL-2.1 or LGPL-3.0, "only" or "or later"',
  agpl: 'AGPL without a version is ambiguous',
  apache: 'Apache without a version could be Apache-1.1 or Apache-2.0',
  'creative commons': 'Creative Commons names many licenses, some non-commercial',
  'dual license': 'the licenses offered are not named',
  'other': 'no license is named',
  'custom': 'a custom license has to be read',
};

/** The shapes a package.json `license`/`licenses` field takes in the wild. */
export type DeclaredLicense = string | { type?: unknown; name?: unknown } | ReadonlyArray<unknown> | null | undefined;

/**
 * Flattens legacy npm forms (`{type, url}`, `licenses: [...]`) into text.
 * Several legacy entries mean the package is offered under any of them (OR).
 */
export function declaredText(value: DeclaredLicense): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (Array.isArray(value)) {
    const parts = value.map((item) => declaredText(item as DeclaredLicense)).filter((p): p is string => p !== null);
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0] : parts.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(' OR ');
  }
  if (typeof value === 'object') {
    const record = value as { type?: unknown; name?: unknown };
    const text = typeof record.type === 'string' ? record.type : typeof record.name === 'string' ? record.name : null;
    return text && text.trim() !== '' ? text.trim() : null;
  }
  return null;
}

/** Turns whatever a package declares into an SPDX expression with a confidence. */
export function normalizeLicense(value: DeclaredLicense): NormalizedLicense {
  const declared = declaredText(value);
  if (declared === null) {
    return unresolved(null, 'missing', 'the package declares no license');
  }
  if (/^unlicensed$/i.test(declared)) {
    // npm's "UNLICENSED" means "all rights reserved" — the opposite of the Unlicense.
    return unresolved(declared, 'proprietary', '"UNLICENSED" means the package grants no license to others');
  }
  const seeFile = /^SEE LICEN[CS]E IN\s+(.+)$/i.exec(declared);
  if (seeFile) {
    return { ...unresolved(declared, 'see-file', `the license is in the file ${seeFile[1].trim()}`), licenseFile: seeFile[1].trim() };
  }

  const exact = parseSpdxExpression(declared);
  if (exact) {
    const expression = formatExpression(exact);
    return { declared, expression, node: exact, confidence: expression === declared ? 'exact' : 'high' };
  }

  const ambiguity = AMBIGUOUS_NAMES[nameKey(declared)];
  if (ambiguity) return unresolved(declared, 'ambiguous', `"${declared}" is ambiguous: ${ambiguity}`);

  const rewritten = wellKnown(declared) ?? rewriteNames(declared);
  if (rewritten) {
    return { declared, expression: formatExpression(rewritten), node: rewritten, confidence: 'high' };
  }
  return unresolved(declared, 'unrecognised', `"${declared}" is not an SPDX license expression`);
}

/**
 * Splits "MIT/Apache-2.0", "MIT or Apache 2.0", "MIT, Apache-2.0" into OR parts and
 * maps each part through SPDX ids and well-known names. Any unknown part fails the whole.
 */
function rewriteNames(declared: string): LicenseNode | undefined {
  const parts = declared.split(/\s*(?:\/|\bor\b|\||,)\s*/i).filter((p) => p.trim() !== '');
  const nodes: LicenseNode[] = [];
  for (const part of parts) {
    const node = parseSpdxExpression(part) ?? wellKnown(part);
    if (!node) return undefined;
    nodes.push(node);
  }
  return nodes.reduce<LicenseNode | undefined>(
    (acc, node) => (acc ? { kind: 'or', left: acc, right: node } : node),
    undefined,
  );
}

function wellKnown(part: string): LicenseNode | undefined {
  const id = WELL_KNOWN_NAMES[nameKey(part)];
  return id ? { kind: 'license', id, orLater: id.endsWith('-or-later') } : undefined;
}

function nameKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/^\(|\)$/g, '')
    .replace(/[,"'()]/g, ' ')
    .replace(/-/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function unresolved(declared: string | null, problem: LicenseProblem, note: string): NormalizedLicense {
  return { declared, expression: null, node: null, confidence: 'none', problem, note };
}
