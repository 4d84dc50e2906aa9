import parseSpdx = require('spdx-expression-parse');
import licenseIds = require('spdx-license-ids');
import deprecatedIds = require('spdx-license-ids/deprecated.json');
import exceptionIds = require('spdx-exceptions');

/** A parsed SPDX license expression with every id in its current, canonical form. */
export type LicenseNode =
  | { readonly kind: 'license'; readonly id: string; readonly orLater: boolean; readonly exception?: string }
  | { readonly kind: 'and' | 'or'; readonly left: LicenseNode; readonly right: LicenseNode };

/**
 * Deprecated ids whose current form is not simply "-only": the old GNU
 * "-with-…-exception" ids became `<id>-only WITH <exception>`.
 */
const DEPRECATED_WITH_EXCEPTION: Readonly<Record<string, readonly [string, string]>> = {
  'GPL-2.0-with-GCC-exception': ['GPL-2.0-only', 'GCC-exception-2.0'],
  'GPL-2.0-with-autoconf-exception': ['GPL-2.0-only', 'Autoconf-exception-2.0'],
  'GPL-2.0-with-bison-exception': ['GPL-2.0-only', 'Bison-exception-2.2'],
  'GPL-2.0-with-classpath-exception': ['GPL-2.0-only', 'Classpath-exception-2.0'],
  'GPL-2.0-with-font-exception': ['GPL-2.0-only', 'Font-exception-2.0'],
  'GPL-3.0-with-GCC-exception': ['GPL-3.0-only', 'GCC-exception-3.1'],
  'GPL-3.0-with-autoconf-exception': ['GPL-3.0-only', 'Autoconf-exception-3.0'],
};

/** Deprecated ids renamed to another id (not GNU `-only`/`-or-later` forms). */
const DEPRECATED_RENAMED: Readonly<Record<string, string>> = {
  'BSD-2-Clause-FreeBSD': 'BSD-2-Clause',
  'BSD-2-Clause-NetBSD': 'BSD-2-Clause',
  Nunit: 'zlib-acknowledgement',
  'StandardML-NJ': 'SMLNJ',
  'bzip2-1.0.5': 'bzip2-1.0.6',
};

/** GNU families whose bare ids are deprecated in favour of `-only` / `-or-later`. */
const GNU_FAMILY = /^(A?GPL|LGPL|GFDL)-\d\.\d$/;

const CANONICAL_CASE = new Map<string, string>();
for (const id of [...licenseIds, ...deprecatedIds, ...exceptionIds]) {
  CANONICAL_CASE.set(id.toLowerCase(), id);
}

export function isKnownLicenseId(id: string): boolean {
  return licenseIds.includes(id);
}

export function isKnownExceptionId(id: string): boolean {
  return exceptionIds.includes(id);
}

/**
 * Parses an SPDX expression, forgiving what is unambiguous: lower-case operators,
 * wrong letter case in ids, deprecated ids (mapped to their current form).
 * Returns undefined when the text is not an SPDX expression.
 */
export function parseSpdxExpression(text: string): LicenseNode | undefined {
  const tidied = tidyExpression(text);
  if (tidied === '') return undefined;
  let parsed: parseSpdx.Info;
  try {
    parsed = parseSpdx(tidied);
  } catch {
    return undefined;
  }
  return fromParsed(parsed);
}

/** Renders a node back to canonical SPDX text, parenthesising only where needed. */
export function formatExpression(node: LicenseNode): string {
  if (node.kind === 'license') {
    const base = node.orLater && !node.id.endsWith('-or-later') ? `${node.id}+` : node.id;
    return node.exception ? `${base} WITH ${node.exception}` : base;
  }
  const operator = node.kind === 'and' ? 'AND' : 'OR';
  const side = (child: LicenseNode): string =>
    // AND binds tighter than OR, so only an OR inside an AND needs parentheses.
    child.kind === 'or' && node.kind === 'and' ? `(${formatExpression(child)})` : formatExpression(child);
  return `${side(node.left)} ${operator} ${side(node.right)}`;
}

/** Every license leaf of an expression, left to right. */
export function licenseLeaves(node: LicenseNode): Array<Extract<LicenseNode, { kind: 'license' }>> {
  return node.kind === 'license' ? [node] : [...licenseLeaves(node.left), ...licenseLeaves(node.right)];
}

function tidyExpression(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[A-Za-z0-9.+:-]+/g, (token) => {
      const lower = token.toLowerCase();
      if (lower === 'and' || lower === 'or' || lower === 'with') return token.toUpperCase();
      if (/^licenseref-/i.test(token) || /^documentref-/i.test(token)) return token;
      const plus = token.endsWith('+') ? '+' : '';
      const bare = plus ? lower.slice(0, -1) : lower;
      const canonical = CANONICAL_CASE.get(bare);
      return canonical ? canonical + plus : token;
    });
}

function fromParsed(info: parseSpdx.Info): LicenseNode {
  if ('conjunction' in info) {
    return { kind: info.conjunction, left: fromParsed(info.left), right: fromParsed(info.right) };
  }
  return canonicalLeaf(info.license, info.plus === true, info.exception);
}

function canonicalLeaf(id: string, plus: boolean, exception: string | undefined): LicenseNode {
  const withException = DEPRECATED_WITH_EXCEPTION[id];
  if (withException) {
    const [base, implied] = withException;
    return { kind: 'license', id: base, orLater: false, exception: exception ?? implied };
  }
  if (GNU_FAMILY.test(id)) {
    const current = `${id}-${plus ? 'or-later' : 'only'}`;
    return { kind: 'license', id: current, orLater: plus, ...(exception ? { exception } : {}) };
  }
  if (plus && /-only$/.test(id)) {
    // "GPL-2.0-only+" is contradictory; the "+" is the later intent.
    return { kind: 'license', id: id.replace(/-only$/, '-or-later'), orLater: true, ...(exception ? { exception } : {}) };
  }
  const renamed = DEPRECATED_RENAMED[id] ?? id;
  return {
    kind: 'license',
    id: renamed,
    orLater: plus || renamed.endsWith('-or-later'),
    ...(exception ? { exception } : {}),
  };
}
