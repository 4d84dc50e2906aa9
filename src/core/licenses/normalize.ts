import spdxCorrect = require('spdx-correct');
import { lookupClassifier } from './classifiers';
import {
  COMMERCIAL_REF,
  NAME_CANDIDATES,
  PUBLIC_DOMAIN_SAYS,
  lookupException,
  lookupName,
  lookupUrl,
  nameKey,
  versionsOf,
  type NameMatch,
  type NameProblem,
} from './names';
import { formatExpression, parseSpdxExpression, type LicenseNode } from './spdx';

/**
 * How sure we are that `expression` is what the package means.
 * - exact: the declaration was a valid SPDX expression as written;
 * - high: an unambiguous rewrite (letter case, deprecated id, a well-known name, a trove
 *   classifier, a Maven license name, a license URL such as opensource.org/licenses/MIT);
 * - low: a guess — `expression` is null and the guess is only in `suggestion`, for the user
 *   to confirm; never used for a verdict;
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
  /**
   * Plain-English explanation when there is a problem; also set, with an expression, when
   * the reading involved a choice the user should know about (a comma-separated list).
   */
  readonly note?: string;
  /** A low-confidence guess (a valid SPDX expression) for the user to confirm; never used for a verdict. */
  readonly suggestion?: string;
  /** For `SEE LICENSE IN <file>`: the file named. */
  readonly licenseFile?: string;
}

/** The shapes a package.json `license`/`licenses` field (or a POM's `<licenses>`) takes in the wild. */
export type DeclaredLicense =
  | string
  | { type?: unknown; name?: unknown; url?: unknown }
  | ReadonlyArray<unknown>
  | null
  | undefined;

/** Longer than this, a declaration is a license text pasted into the field, not a name. */
const MAX_NAME_LENGTH = 500;
/** Longer than this and on several lines, it is a license text too. */
const MAX_WRAPPED_NAME_LENGTH = 160;
/** Bounds on splitting, so that hostile input stays cheap. */
const MAX_PARTS = 32;
const MAX_DEPTH = 12;
const MAX_CLASSIFIER_LENGTH = 300;
/** Legacy arrays nest at most one level in practice; deeper is junk. */
const MAX_LEGACY_DEPTH = 4;

/**
 * Flattens legacy npm forms (`{type, url}`, `licenses: [...]`) and POM `<licenses>` into text.
 * Several legacy entries mean the package is offered under any of them (OR), as npm's old
 * `licenses` array and Maven's `<licenses>` ("the user can select any of them") both say.
 */
export function declaredText(value: DeclaredLicense): string | null {
  try {
    return flatten(value, 0);
  } catch {
    // A getter or proxy that throws is junk metadata, the same as no declaration.
    return null;
  }
}

function flatten(value: unknown, depth: number): string | null {
  if (value === null || value === undefined || depth > MAX_LEGACY_DEPTH) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (Array.isArray(value)) {
    const parts = legacyItems(value, depth);
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0] : parts.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(' OR ');
  }
  if (typeof value === 'object') {
    const record = value as { type?: unknown; name?: unknown; url?: unknown };
    for (const field of [record.type, record.name, record.url]) {
      if (typeof field === 'string' && field.trim() !== '') return field.trim();
    }
  }
  return null;
}

function legacyItems(value: ReadonlyArray<unknown>, depth: number): string[] {
  return value.map((item) => flatten(item, depth + 1)).filter((p): p is string => p !== null);
}

/** Turns whatever a package declares into an SPDX expression with a confidence. Never throws. */
export function normalizeLicense(value: DeclaredLicense): NormalizedLicense {
  let declared: string | null = null;
  try {
    declared = declaredText(value);
    if (declared === null) return unresolved(null, 'missing', 'the package declares no license');
    // Each legacy entry is read on its own, then offered as a choice (OR), so that names with
    // spaces or commas never have to be re-split out of the flattened text.
    const items = Array.isArray(value) ? legacyItems(value, 0) : [declared];
    const outcome = items.length > 1 ? combine(items.map(analyse), 'or') ?? unknownOutcome(declared) : analyse(items[0]);
    return finish(declared, outcome);
  } catch {
    // Not expected; but one odd declaration must not stop a whole check, and core has no logger.
    return unresolved(declared, 'unrecognised', 'the license declaration could not be read');
  }
}

/**
 * Reads PyPI trove classifiers (`License :: OSI Approved :: MIT License`). Other classifiers
 * are ignored. Several license classifiers mean the package is offered under any of them (OR).
 * See classifiers.ts for the ambiguous ones ("Apache Software License", "BSD License").
 * Never throws.
 */
export function normalizeClassifiers(classifiers: readonly string[]): NormalizedLicense {
  try {
    const list: readonly unknown[] = Array.isArray(classifiers) ? classifiers : typeof classifiers === 'string' ? [classifiers] : [];
    const paths = new Set<string>();
    for (const item of list) {
      // Real classifiers are short; a long string is junk and is not worth a regular expression.
      if (typeof item !== 'string' || item.length > MAX_CLASSIFIER_LENGTH) continue;
      const path = licenseClassifierPath(item);
      if (path !== undefined) paths.add(path);
      if (paths.size >= MAX_PARTS) break;
    }
    if (paths.size === 0) return unresolved(null, 'missing', 'the package has no "License ::" classifier');
    return finish([...paths].map((p) => `License :: ${p}`).join('; '), classifierOutcome([...paths]));
  } catch {
    return unresolved(null, 'unrecognised', 'the classifiers could not be read');
  }
}

// ---------------------------------------------------------------------------------------
// One declaration, as text

/** The reading of a declaration or of a part of one. */
type Outcome =
  | { readonly kind: 'license'; readonly node: LicenseNode; readonly exact: boolean; readonly notes: readonly string[] }
  | { readonly kind: 'guess'; readonly node: LicenseNode; readonly notes: readonly string[] }
  | {
      readonly kind: 'problem';
      readonly problem: LicenseProblem;
      readonly note: string;
      readonly suggestion?: LicenseNode;
      readonly licenseFile?: string;
    }
  | { readonly kind: 'none' };

type Problem = Extract<Outcome, { kind: 'problem' }>;
type Leaf = Extract<LicenseNode, { kind: 'license' }>;

const NONE: Outcome = { kind: 'none' };

interface Context {
  /** Second pass: parts may be guessed (typos, "-style"); never in the first. */
  readonly guess: boolean;
  /** Inside "dual licensed …": every list is a choice, even one joined by "and". */
  readonly dual: boolean;
  readonly memo: Map<string, Outcome>;
}

/** Reads one declaration; never returns 'none'. */
function analyse(raw: string): Outcome {
  const written = raw.trim();
  if (isLicenseText(written)) return licenseText(written);
  const text = tidy(written);
  if (text === '') return problemOf('missing', 'the package declares no license');

  const special = specialForm(text);
  if (special) return special;

  const spdx = parseSpdxExpression(text);
  if (spdx) return { kind: 'license', node: spdx, exact: formatExpression(spdx) === written, notes: [] };

  // "MIT*" is how license-checker and similar tools mark a license they guessed from a file.
  const starred = /^(.*[^*\s])\s*\*+$/.exec(text);
  if (starred) {
    const unstarred = analyse(starred[1]);
    if (unstarred.kind !== 'license') return unstarred;
    return { kind: 'guess', node: unstarred.node, notes: ['a trailing "*" marks a license a tool guessed'] };
  }

  const prepared = prepare(text);
  const strict = resolve(prepared, { guess: false, dual: false, memo: new Map() }, 0);
  if (strict.kind !== 'none') return strict;
  const guessed = resolve(prepared, { guess: true, dual: false, memo: new Map() }, 0);
  if (guessed.kind !== 'none') return guessed;
  return unknownOutcome(text);
}

function unknownOutcome(text: string): Outcome {
  if (/^https?:\/\//i.test(text)) {
    return problemOf('unrecognised', `${quote(text)} is a link, not a license name: the license it points to has to be read`);
  }
  if (/^(?:copyright\b|\(c\)|©)/i.test(text)) {
    return /\ball rights reserved\b/i.test(text)
      ? problemOf('proprietary', `${quote(text)} reserves all rights: it grants no license to others`)
      : problemOf('missing', `${quote(text)} is a copyright notice, not a license: it grants nothing by itself`);
  }
  return problemOf('unrecognised', `${quote(text)} is not an SPDX license expression or a license name we know`);
}

/** Declarations with a fixed meaning, checked before anything is parsed or split. */
function specialForm(text: string): Outcome | undefined {
  if (/^unlicen[cs]ed$/i.test(text)) {
    // npm's "UNLICENSED" means "all rights reserved" — the opposite of the Unlicense.
    return problemOf('proprietary', `${quote(text)} means the package grants no license to others (it is not the Unlicense)`);
  }
  const seeIn = /^see\s+licen[cs]e\s+in\s+(.+)$/i.exec(text);
  const seeFile =
    seeIn?.[1] ??
    /^(?:see|refer\s+to|read)\s+(?:the\s+)?(?:file\s+)?((?:LICEN[CS]E|COPYING|COPYRIGHT)[\w.-]*)(?:\s+file)?$/i.exec(text)?.[1] ??
    // A bare file name: "LICENSE", "COPYING", "LICENSE.txt", "license.md" (not the word "License").
    /^(?:file\s+)?((?:LICEN[CS]E|COPYING)|(?:LICEN[CS]E|COPYING)[._-][\w.-]+)$/.exec(text)?.[1] ??
    /^(?:file\s+)?((?:licen[cs]e|copying)\.[a-z]{1,4})$/i.exec(text)?.[1];
  if (seeFile !== undefined) {
    const file = seeFile.trim();
    if (/^https?:\/\//i.test(file)) {
      const linked = lookupUrl(file);
      return linked ? fromMatch(linked, file) : unknownOutcome(file);
    }
    return { kind: 'problem', problem: 'see-file', note: `the license is in the file ${file}`, licenseFile: file };
  }
  if (/^license\s*::/i.test(text)) {
    const paths = text
      .split(/\s*;\s*|\s+OR\s+(?=license\s*::)/i)
      .map(licenseClassifierPath)
      .filter((p): p is string => p !== undefined);
    if (paths.length > 0) return classifierOutcome(paths);
  }
  const url = lookupUrl(text);
  return url ? fromMatch(url, text) : undefined;
}

/**
 * A POM's <name> may wrap over a line or two; a license text is long, or has paragraphs,
 * or many lines.
 */
function isLicenseText(text: string): boolean {
  if (text.length > MAX_NAME_LENGTH) return true;
  if (!/[\r\n]/.test(text)) return false;
  return text.length > MAX_WRAPPED_NAME_LENGTH || /\n[ \t\r]*\n/.test(text) || text.split('\n').length > 3;
}

/** A whole license text in the field (PyPI often has one): name it only as a suggestion. */
function licenseText(text: string): Outcome {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const candidates = [lines.slice(0, 2).join(' '), lines[0] ?? ''].filter((c) => c !== '' && c.length <= 160);
  let suggestion: LicenseNode | undefined;
  for (const candidate of candidates) {
    const match = simpleWhole(tidy(candidate));
    if (match?.kind === 'license') {
      suggestion = match.node;
      break;
    }
    if (match?.kind === 'problem' && match.suggestion) {
      suggestion = match.suggestion;
      break;
    }
  }
  return {
    kind: 'problem',
    problem: 'unrecognised',
    note: `the license field holds the text of a license (${text.length} characters), not its name: the text has to be identified`,
    ...(suggestion ? { suggestion } : {}),
  };
}

/** Unicode look-alikes to ASCII, whitespace collapsed. */
function tidy(text: string): string {
  let s = text;
  try {
    s = s.normalize('NFKC');
  } catch {
    // Lone surrogates: keep the text as it is.
  }
  return s
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\s\u200b\u2060]+/g, ' ')
    .trim();
}

/**
 * Rewrites that protect names from being split: "or later" is a version range, not an OR
 * ("GNU Lesser General Public License v2.1 or later" -> "…v2.1+"), "and/or" is a choice,
 * "w/" is "with", and SPDX's own name for BSD-3-Clause contains "or".
 */
function prepare(text: string): string {
  return text
    .replace(/\s*\(\s*(?:or|and)\s+(?:any\s+)?(?:later|newer|greater|higher|above)(?:\s+versions?)?\s*\)/gi, '+')
    .replace(
      /\s*,?\s+(?:or|and)\s+(?:\(\s*at\s+your\s+option\s*\)\s+|at\s+your\s+option\s+)?(?:any\s+)?(?:later|newer|greater|higher|above)\b(?:\s+versions?\b)?/gi,
      '+',
    )
    .replace(/\s+and\s*\/\s*or\s+/gi, ' or ')
    .replace(/\bw\/\s*/gi, 'with ')
    .replace(/"new"\s+or\s+"revised"/gi, 'New');
}

function resolve(text: string, ctx: Context, depth: number): Outcome {
  const part = trimPart(text);
  if (part === '') return NONE;
  const key = `${ctx.dual ? 'dual:' : ''}${part}`;
  const cached = ctx.memo.get(key);
  if (cached) return cached;
  ctx.memo.set(key, NONE); // a cycle through the memo reads as "not recognised"
  const outcome = resolveUncached(part, ctx, depth);
  ctx.memo.set(key, outcome);
  return outcome;
}

function resolveUncached(text: string, ctx: Context, depth: number): Outcome {
  // "Dual licensed under MIT and GPL-2.0" offers a choice, even though "MIT and GPL-2.0" alone
  // is a valid SPDX AND; so in that context the "and" list is read before the whole.
  const dualChoice = ctx.dual && depth < MAX_DEPTH ? andList(text, ctx, depth) : undefined;
  if (dualChoice) return dualChoice;
  const whole = simpleWhole(text) ?? parenthetical(text);
  if (whole) return whole;
  if (depth >= MAX_DEPTH) return NONE;

  const dual = DUAL_PREFIX.exec(text);
  if (dual && dual[0].length < text.length) return resolve(text.slice(dual[0].length), { ...ctx, dual: true }, depth + 1);
  const under = LICENSED_UNDER.exec(text);
  if (under && under[0].length < text.length) return resolve(text.slice(under[0].length), ctx, depth + 1);

  for (const split of SPLITS) {
    const outcome = split(text, ctx, depth);
    if (outcome) return outcome;
  }
  return ctx.guess ? guess(text) ?? NONE : NONE;
}

const DUAL_PREFIX = /^dual(?:[\s-]+licen[cs](?:ed|e))?(?:\s+(?:under|as|with))?(?:\s+the)?(?:\s+terms\s+of(?:\s+the)?)?\s*:?\s+/i;
const LICENSED_UNDER =
  /^(?:(?:this\s+(?:project|package|software|library|code)\s+is\s+)?(?:licen[cs]ed|released|distributed|available|provided|published)\s+under\s+(?:the\s+)?(?:terms\s+of\s+(?:the\s+)?)?|licen[cs]e\s*:\s*|spdx-license-identifier\s*:\s*)/i;

/** Trims a part: spaces, wrapping quotes or parentheses, stray punctuation, "either". */
function trimPart(text: string): string {
  let s = text.trim();
  for (let i = 0; i < 4; i++) {
    const before = s;
    s = s.replace(/^[,;:]+\s*/, '').replace(/\s*[.,;:]+$/, '').trim();
    const quoted = /^(["'`])(.*)\1$/.exec(s);
    if (quoted) s = quoted[2].trim();
    if (s.startsWith('(') && closingParen(s, 0) === s.length - 1) s = s.slice(1, -1).trim();
    s = s.replace(/^either\s+/i, '').replace(/,?\s*\(?at\s+your\s+(?:option|choice)\)?$/i, '').trim();
    if (s === before) break;
  }
  return s;
}

/** An SPDX expression, a well-known license URL or a license name, as a whole. */
function simpleWhole(text: string): Outcome | undefined {
  if (text === '') return undefined;
  const spdx = parseSpdxExpression(text);
  if (spdx) return { kind: 'license', node: spdx, exact: false, notes: [] };
  const match = lookupUrl(text) ?? lookupName(text);
  return match ? fromMatch(match, text) : undefined;
}

/**
 * "Name (ABBR)" as in "GNU General Public License v3 (GPLv3)", "ISC License (ISCL)",
 * "COMMON DEVELOPMENT AND DISTRIBUTION LICENSE (CDDL) Version 1.0". The name and the words
 * in parentheses must agree; a version-less name is made precise by its parentheses
 * ("BSD License (BSD-3-Clause)", "Public Domain (CC0)").
 */
function parenthetical(text: string): Outcome | undefined {
  const groups = topLevelGroups(text);
  if (groups.length === 0) return undefined;
  const outer = trimPart(removeGroups(text, groups).replace(/\s+/g, ' '));
  const inners = groups.map((g) => g.inner.trim()).filter((inner) => inner !== '' && !ignorableAside(inner));
  const o = outer === '' ? undefined : simpleWhole(outer);
  let i: Outcome | undefined;
  for (const inner of inners) {
    i = simpleWhole(trimPart(inner));
    if (i) break;
  }
  if (o && inners.length === 0) return o;
  if (o?.kind === 'license') {
    if (i?.kind === 'license') {
      return sameExpression(o.node, i.node)
        ? o
        : problemOf(
            'ambiguous',
            `${quote(text)} is ambiguous: the name says ${formatExpression(o.node)} but the words in parentheses say ${formatExpression(i.node)}`,
          );
    }
    return i?.kind === 'problem' && i.problem === 'ambiguous' ? o : undefined;
  }
  if (o?.kind === 'problem') {
    const vague = o.problem === 'ambiguous' || o.note.endsWith(PUBLIC_DOMAIN_SAYS);
    if (i?.kind === 'license' && vague) return i;
    if (i?.kind === 'problem') return o;
  }
  return undefined;
}

function ignorableAside(inner: string): boolean {
  if (/^(?:see|cf|refer|spdx)\b/i.test(inner)) return true;
  return /^https?:\/\//i.test(inner) && !lookupUrl(inner);
}

type Split = (text: string, ctx: Context, depth: number) => Outcome | undefined;

/** "A and B", "A & B"; a choice inside "dual licensed …". */
function andList(text: string, ctx: Context, depth: number): Outcome | undefined {
  return splitAndCombine(text, /\s+and\s+|\s*&&?\s*/gi, ctx.dual ? 'or' : 'and', ctx, depth);
}

/**
 * Splits at every separator; when a part is not recognised (a name containing the
 * separator, as in "Common Development and Distribution License 1.1 and GPL v2" or
 * "Apache License, Version 2.0, MIT"), tries each single separator instead, so that names
 * keep their inner "and", "," or "/".
 */
function splitAndCombine(text: string, separator: RegExp, op: 'or' | 'and', ctx: Context, depth: number): Outcome | undefined {
  const { parts, cuts } = splitTopWithSeparators(text, separator);
  if (parts.length < 2) return undefined;
  const all = combineParts(parts, op, ctx, depth);
  if (all || parts.length === 2) return all;
  for (const [start, end] of cuts) {
    const outcome = combineParts([text.slice(0, start), text.slice(end)], op, ctx, depth);
    if (outcome) return outcome;
  }
  return undefined;
}

/**
 * Splits, lowest precedence first; each is kept only when every part is recognised.
 * Commas are ambiguous in license fields ("MIT, Apache-2.0" can mean either or both), so a
 * comma list is read as AND — all apply — which can only make a verdict stricter, never
 * wrongly allow; the result says so in its note. An English list ("A, B or C") takes its
 * final conjunction, and inside "dual licensed …" every list is a choice (OR).
 */
const SPLITS: readonly Split[] = [
  function englishList(text, ctx, depth) {
    const parts = splitTop(text, /\s*[,;]\s*/g);
    if (parts.length < 2) return undefined;
    const last = parts[parts.length - 1];
    const oxford = /^(or|and)\s+/i.exec(last);
    let items: string[];
    let op: string;
    if (oxford) {
      op = oxford[1].toLowerCase();
      items = [...parts.slice(0, -1), last.slice(oxford[0].length)];
    } else {
      const tail = splitTopWithSeparators(last, /\s+(or|and)\s+/gi);
      const earlierHaveConjunction = parts.slice(0, -1).some((p) => /\s(?:or|and)\s/i.test(maskGroups(p)));
      if (tail.parts.length !== 2 || earlierHaveConjunction) return undefined;
      op = tail.separators[0].trim().toLowerCase();
      items = [...parts.slice(0, -1), ...tail.parts];
    }
    return combineParts(items, op === 'or' || ctx.dual ? 'or' : 'and', ctx, depth);
  },
  function commaList(text, ctx, depth) {
    if (ctx.guess) return undefined; // commas split only when every part is a license on its own
    const outcome = splitAndCombine(text, /\s*[,;]\s*/g, ctx.dual ? 'or' : 'and', ctx, depth);
    if (outcome?.kind !== 'license' || ctx.dual) return outcome;
    const note = `${quote(text)} lists licenses with commas, which can mean all of them or a choice; read as all of them (AND), the stricter reading`;
    return { ...outcome, notes: [...outcome.notes, note] };
  },
  function orList(text, ctx, depth) {
    return splitAndCombine(text, /\s+or\s+|\s*\/\s*|\s*\|\|?\s*/gi, 'or', ctx, depth);
  },
  andList,
  function withException(text, ctx, depth) {
    const { parts } = splitTopWithSeparators(text, /\s+(?:with|plus|\+)\s+(?:the\s+)?/gi);
    if (parts.length !== 2) return undefined;
    const [baseText, exceptionText] = parts;
    const base = resolve(baseText, ctx, depth + 1);
    if (base.kind === 'problem' && base.problem === 'ambiguous' && lookupException(exceptionText, 'GPL-2.0-only')) {
      return base; // "GPL with classpath exception": the exception is clear, the GPL version is not
    }
    if ((base.kind !== 'license' && base.kind !== 'guess') || base.node.kind !== 'license' || base.node.exception) {
      return undefined;
    }
    const exception = lookupException(exceptionText, base.node.id);
    if (exception) return { ...base, node: { ...base.node, exception } };
    // "Apache 2.0 with Commons Clause": a condition added on top — both apply.
    const added = resolve(exceptionText, ctx, depth + 1);
    return added.kind === 'license' && added.node.kind === 'license' && added.node.id.startsWith('LicenseRef-')
      ? combine([base, added], 'and')
      : undefined;
  },
];

function combineParts(parts: readonly string[], op: 'or' | 'and', ctx: Context, depth: number): Outcome | undefined {
  if (parts.length > MAX_PARTS) return undefined;
  const outcomes: Outcome[] = [];
  for (const part of parts) {
    const outcome = resolve(part, ctx, depth + 1);
    if (outcome.kind === 'none') return undefined;
    outcomes.push(outcome);
  }
  return combine(outcomes, op);
}

/**
 * Joins the readings of the parts of an OR or an AND. Undefined when a part is not recognised.
 * In an OR, a commercial/proprietary alternative next to an open one stays visible as
 * LicenseRef-Commercial ("AGPL-3.0 or commercial"); any other unclear alternative makes the
 * whole unclear, with the clear alternatives as the suggestion.
 */
function combine(outcomes: readonly Outcome[], op: 'or' | 'and'): Outcome | undefined {
  if (outcomes.some((o) => o.kind === 'none')) return undefined;
  if (outcomes.length === 1) return outcomes[0];
  const hasOpen = outcomes.some((o) => o.kind === 'license' || o.kind === 'guess');
  const parts = outcomes.map((o): Outcome =>
    op === 'or' && hasOpen && o.kind === 'problem' && o.problem === 'proprietary'
      ? { kind: 'license', node: leaf(COMMERCIAL_REF), exact: false, notes: ['a commercial license is also offered'] }
      : o,
  );
  const problems = parts.filter((o): o is Problem => o.kind === 'problem');
  const clear = parts.flatMap((o) => (o.kind === 'license' ? [o.node] : []));
  const guessed = parts.flatMap((o) => (o.kind === 'guess' ? [o.node] : []));
  const notes = unique(parts.flatMap((o) => (o.kind === 'license' || o.kind === 'guess' ? o.notes : [])));

  if (problems.length === 0) {
    const node = join(
      parts.flatMap((o) => (o.kind === 'license' || o.kind === 'guess' ? [o.node] : [])),
      op,
    );
    if (guessed.length > 0) return { kind: 'guess', node, notes };
    return { kind: 'license', node, exact: parts.every((o) => o.kind === 'license' && o.exact), notes };
  }

  const proprietary = op === 'and' ? problems.find((p) => p.problem === 'proprietary') : undefined;
  const first = proprietary ?? problems[0];
  let note = unique(problems.map((p) => p.note)).join('; ');
  let suggestion: LicenseNode | undefined;
  if (op === 'or') {
    // Any alternative the user may pick is a fair suggestion.
    const alternatives = parts.flatMap((o) =>
      o.kind === 'license' || o.kind === 'guess' ? [o.node] : o.kind === 'problem' && o.suggestion ? [o.suggestion] : [],
    );
    suggestion = alternatives.length > 0 ? join(alternatives, 'or') : undefined;
    if (clear.length > 0) note += `; it is also offered under ${formatExpression(join(clear, 'or'))}, which is clear`;
  } else if (!proprietary && problems.every((p) => p.suggestion)) {
    // Every license of an AND applies, so a suggestion needs all of them.
    suggestion = join(
      parts.flatMap((o) => (o.kind === 'problem' ? (o.suggestion ? [o.suggestion] : []) : o.kind === 'none' ? [] : [o.node])),
      'and',
    );
  }
  return {
    kind: 'problem',
    problem: first.problem,
    note,
    ...(suggestion ? { suggestion } : {}),
    ...(first.licenseFile ? { licenseFile: first.licenseFile } : {}),
  };
}

function join(nodes: readonly LicenseNode[], op: 'or' | 'and'): LicenseNode {
  const seen = new Set<string>();
  const distinct = nodes.filter((node) => {
    const text = formatExpression(node);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
  return distinct.slice(1).reduce<LicenseNode>((acc, node) => ({ kind: op, left: acc, right: node }), distinct[0]);
}

// ---------------------------------------------------------------------------------------
// Guesses: second pass only, shown as suggestions

/**
 * A low-confidence reading of an unrecognised part: the name without its parenthesised
 * words, without "-style"/"modified", a near-miss of a known name (typos), or spdx-correct.
 * Our tables and traps always run first: spdx-correct alone would read "UNLICENSED" as the
 * Unlicense and "BSD" as BSD-2-Clause.
 */
function guess(text: string): Outcome | undefined {
  const groups = topLevelGroups(text);
  if (groups.length > 0) {
    const outer = simpleWhole(trimPart(removeGroups(text, groups)));
    if (outer?.kind === 'license') return { kind: 'guess', node: outer.node, notes: ['the words in parentheses may change the terms'] };
    for (const group of groups) {
      const inner = simpleWhole(trimPart(group.inner));
      if (inner?.kind === 'license') return { kind: 'guess', node: inner.node, notes: [] };
    }
  }
  const plain = text
    .replace(/\b(?:modified|similar\s+to|based\s+on|derived\s+from|variant\s+of)\s+(?:the\s+)?/gi, '')
    .replace(/[\s-]*\b(?:style|like|based|type|compatible|variant|derived|modified)\b/gi, '')
    .trim();
  if (plain !== text && plain !== '') {
    const named = simpleWhole(plain);
    if (named?.kind === 'license') return { kind: 'guess', node: named.node, notes: [] };
  }
  const near = nearestName(text) ?? corrected(text);
  return near ? { kind: 'guess', node: near, notes: [] } : undefined;
}

/** A known name within one or two typos, with the same version numbers; undefined if several fit. */
function nearestName(text: string): LicenseNode | undefined {
  const key = nameKey(text);
  if (key.length < 4 || key.length > 40) return undefined;
  const limit = key.length <= 8 ? 1 : 2;
  const versions = versionsOf(key);
  let best = limit + 1;
  let found = new Set<string>();
  for (const candidate of NAME_CANDIDATES) {
    if (Math.abs(candidate.key.length - key.length) > limit || candidate.versions !== versions) continue;
    const distance = editDistance(key, candidate.key, limit);
    if (distance < best) {
      best = distance;
      found = new Set([candidate.expression]);
    } else if (distance === best) {
      found.add(candidate.expression);
    }
  }
  if (best > limit || found.size !== 1) return undefined;
  return parseSpdxExpression([...found][0]);
}

/** Optimal string alignment distance (typos and swapped letters), capped at `limit + 1`. */
function editDistance(a: string, b: string, limit: number): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/** spdx-correct's reading, refused when it invents a version the text does not contain. */
function corrected(text: string): LicenseNode | undefined {
  // spdx-correct reads one name; given operators or exceptions it drops parts ("GPL-2.0-or-later
  // WITH Linking exception" became GPL-2.0-only), so those are left unrecognised.
  if (text.length > 60 || /\b(?:with|and|or)\b|[/|&,;()]/i.test(text)) return undefined;
  let result: string | null;
  try {
    result = spdxCorrect(text);
  } catch {
    return undefined;
  }
  if (!result || (!/\d/.test(text) && /\d/.test(result))) return undefined;
  if (nameKey(text).includes('+') && !/-or-later|\+/.test(result)) return undefined;
  const node = parseSpdxExpression(result);
  if (!node) return undefined;
  const named = lookupName(result);
  return named?.kind === 'problem' ? undefined : node;
}

// ---------------------------------------------------------------------------------------
// Trove classifiers

function licenseClassifierPath(classifier: string): string | undefined {
  const m = /^\s*license\s*::(.*)$/i.exec(classifier);
  return m ? m[1].trim().replace(/\s*::\s*/g, ' :: ') : undefined;
}

function classifierOutcome(paths: readonly string[]): Outcome {
  // The bare "License :: OSI Approved" adds nothing next to a classifier that names a license.
  const named = paths.filter((p) => p.toLowerCase() !== 'osi approved' && p !== '');
  const used = named.length > 0 ? named : paths;
  const outcomes = used.map((path): Outcome => {
    const text = `License :: ${path}`;
    const meaning = lookupClassifier(path);
    if (typeof meaning === 'string') {
      const node = parseSpdxExpression(meaning);
      return node ? { kind: 'license', node, exact: false, notes: [] } : unknownOutcome(text);
    }
    if (meaning) return fromProblem(meaning, text);
    // A classifier not in the table (a newer one): its last segment may still be a name we know.
    const last = path.split('::').pop()?.trim() ?? '';
    const match = last === '' ? undefined : lookupName(last);
    if (match?.kind === 'license') return fromMatch(match, text);
    return problemOf('unrecognised', `${quote(text)} is not a license classifier we know`);
  });
  return combine(outcomes, 'or') ?? unknownOutcome(used.join('; '));
}

// ---------------------------------------------------------------------------------------
// Helpers

function fromMatch(match: NameMatch, text: string): Outcome {
  if (match.kind === 'problem') return fromProblem(match, text);
  const node = parseSpdxExpression(match.expression);
  return node ? { kind: 'license', node, exact: false, notes: [] } : NONE;
}

function fromProblem(problem: NameProblem, text: string): Outcome {
  const suggestion = problem.suggestion ? parseSpdxExpression(problem.suggestion) : undefined;
  return {
    kind: 'problem',
    problem: problem.problem,
    note: `${quote(text)} ${problem.says}`,
    ...(suggestion ? { suggestion } : {}),
  };
}

function problemOf(problem: LicenseProblem, note: string): Problem {
  return { kind: 'problem', problem, note };
}

function finish(declared: string, outcome: Outcome): NormalizedLicense {
  switch (outcome.kind) {
    case 'license': {
      const note = outcome.notes.join('; ');
      return {
        declared,
        expression: formatExpression(outcome.node),
        node: outcome.node,
        confidence: outcome.exact ? 'exact' : 'high',
        ...(note ? { note } : {}),
      };
    }
    case 'guess': {
      const suggestion = formatExpression(outcome.node);
      const why = outcome.notes.length > 0 ? ` (${outcome.notes.join('; ')})` : '';
      return {
        declared,
        expression: null,
        node: null,
        confidence: 'low',
        problem: 'unrecognised',
        // Consumers show the suggestion themselves ("it may be …"); the note says why it is only a guess.
        note: `${quote(declared)} is not a license name we know for certain${why}`,
        suggestion,
      };
    }
    case 'problem':
      return {
        declared,
        expression: null,
        node: null,
        confidence: outcome.suggestion ? 'low' : 'none',
        problem: outcome.problem,
        note: outcome.note,
        ...(outcome.suggestion ? { suggestion: formatExpression(outcome.suggestion) } : {}),
        ...(outcome.licenseFile ? { licenseFile: outcome.licenseFile } : {}),
      };
    case 'none':
      return finish(declared, unknownOutcome(declared));
  }
}

function unresolved(declared: string | null, problem: LicenseProblem, note: string): NormalizedLicense {
  return { declared, expression: null, node: null, confidence: 'none', problem, note };
}

function leaf(id: string): Leaf {
  return { kind: 'license', id, orLater: false };
}

function sameExpression(a: LicenseNode, b: LicenseNode): boolean {
  return formatExpression(a) === formatExpression(b);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The declared text in quotes, shortened so that a note stays readable. */
function quote(text: string): string {
  const short = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return `"${short}"`;
}

// ---------------------------------------------------------------------------------------
// Splitting outside parentheses

/** Index of the ")" closing the "(" at `open`, or -1. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

interface Group {
  readonly start: number;
  readonly end: number;
  readonly inner: string;
}

/** The top-level "( … )" groups; none when the parentheses do not balance. */
function topLevelGroups(text: string): Group[] {
  const groups: Group[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ')') return [];
    if (text[i] !== '(') continue;
    const end = closingParen(text, i);
    if (end < 0) return [];
    groups.push({ start: i, end, inner: text.slice(i + 1, end) });
    i = end;
  }
  return groups;
}

function removeGroups(text: string, groups: readonly Group[]): string {
  let out = '';
  let last = 0;
  for (const group of groups) {
    out += `${text.slice(last, group.start)} `;
    last = group.end + 1;
  }
  return out + text.slice(last);
}

/** The text with everything inside parentheses blanked, so separators there are not seen. */
function maskGroups(text: string): string {
  let depth = 0;
  let out = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    out += depth > 0 ? '\u0000' : ch;
    if (ch === ')' && depth > 0) depth--;
  }
  return out;
}

function splitTop(text: string, separator: RegExp): string[] {
  return splitTopWithSeparators(text, separator).parts;
}

interface TopSplit {
  readonly parts: string[];
  readonly separators: string[];
  /** [start, end) of each separator in the text. */
  readonly cuts: Array<readonly [number, number]>;
}

function splitTopWithSeparators(text: string, separator: RegExp): TopSplit {
  const masked = maskGroups(text);
  if (masked.length !== text.length) return { parts: [text], separators: [], cuts: [] }; // astral characters: do not split
  const parts: string[] = [];
  const separators: string[] = [];
  const cuts: Array<readonly [number, number]> = [];
  let last = 0;
  for (const match of masked.matchAll(separator)) {
    const index = match.index ?? 0;
    if (match[0] === '') continue;
    parts.push(text.slice(last, index));
    separators.push(match[0]);
    cuts.push([index, index + match[0].length]);
    last = index + match[0].length;
  }
  parts.push(text.slice(last));
  const kept = parts.map((p) => p.trim());
  if (kept.some((p) => p === '')) {
    // "MIT/" or "/MIT": a dangling separator is not a list.
    const nonEmpty = kept.filter((p) => p !== '');
    return { parts: nonEmpty.length >= 2 ? nonEmpty : [text], separators, cuts: [] };
  }
  return { parts: kept, separators, cuts };
}
