import * as path from 'node:path';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import defaultPolicyJson from './default-policy.json';
import { CATEGORIES, type Category } from '../licenses/categories';
import { ECOSYSTEMS, SCOPES, type Ecosystem, type Range, type Scope, type Verdict } from '../model';
import { MAX_JSON_DEPTH, excessiveJsonNesting } from '../jsonNesting';
import { isAllowedGuideUrl } from '../guides/bundle';
import { LineIndex } from '../text';
import { DISTRIBUTION_PRESETS } from './presets';
import { choicesOf, normalizeExpressionText } from './choices';
import { isEmailAddress, REVIEW_PLACEHOLDERS, unknownPlaceholders } from './review';
import { DISTRIBUTIONS, isVerdict, type Distribution, type LicenseChoice, type Policy, type PolicyException, type ReviewRequest } from './types';

/** A problem in a policy file, located so the editor can show it in place. */
export interface PolicyProblem {
  readonly file: string;
  readonly message: string;
  readonly range: Range;
}

export type PolicyLoadResult =
  | { readonly ok: true; readonly policy: Policy }
  | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

/** What one policy file says, before it is merged with what it extends. */
interface PolicyLayer {
  readonly file: string;
  readonly extends?: { readonly target: string; readonly range: Range };
  readonly distribution?: Distribution;
  readonly categories: Partial<Record<Category, Verdict>>;
  readonly scopes: Partial<Record<Scope, Partial<Record<Category, Verdict>>>>;
  readonly licenses: Record<string, Verdict>;
  readonly unknown?: Verdict;
  readonly exceptions: PolicyException[];
  readonly internalPackages: string[];
  readonly guides?: string;
  readonly reviewRequest?: ReviewRequest;
  readonly recordChoices?: boolean;
  readonly licenseChoices: LicenseChoice[];
}

type LayerResult = { ok: true; layer: PolicyLayer } | { ok: false; problems: PolicyProblem[] };

export const DEFAULT_POLICY_SOURCE = 'default';
/** Every top-level field a policy file may have (the JSON schema lists the same). */
export const POLICY_FIELDS: readonly string[] = [
  '$schema', '$comment', 'extends', 'distribution', 'categories', 'scopes', 'licenses', 'exceptions', 'internalPackages', 'unknown', 'guides',
  'reviewRequest', 'recordChoices', 'licenseChoices',
];
const KNOWN_FIELDS = new Set(POLICY_FIELDS);
const EXCEPTION_FIELDS = new Set(['package', 'ecosystem', 'version', 'license', 'reason', 'expires', 'approvedBy']);
const CHOICE_FIELDS = new Set(['package', 'ecosystem', 'version', 'expression', 'chosen']);
const MAX_EXTENDS_DEPTH = 8;

let defaultLayer: PolicyLayer | undefined;

function getDefaultLayer(): PolicyLayer {
  if (!defaultLayer) {
    const result = parsePolicyLayer(JSON.stringify(defaultPolicyJson), DEFAULT_POLICY_SOURCE);
    if (!result.ok) throw new Error(`embedded default policy is invalid: ${result.problems[0].message}`);
    defaultLayer = result.layer;
  }
  return defaultLayer;
}

/** The embedded default policy. */
export function getDefaultPolicy(): Policy {
  return mergeLayers([getDefaultLayer()]);
}

/**
 * Parses one policy file's text on top of the embedded default, without following
 * `extends` to other files (use `loadPolicy` for that).
 */
export function parsePolicy(text: string, file: string): PolicyLoadResult {
  const result = parsePolicyLayer(text, file);
  if (!result.ok) return result;
  return { ok: true, policy: mergeLayers([getDefaultLayer(), result.layer]) };
}

/**
 * Loads a policy file and whatever it extends. A broken policy is never
 * half-applied: any problem in the chain means no policy, and the caller reports
 * the problems (the CLI exits 2; the editor shows them in the policy file).
 */
export async function loadPolicy(file: string, readText: (file: string) => Promise<string>): Promise<PolicyLoadResult> {
  const layers: PolicyLayer[] = [];
  const seen = new Set<string>();
  type Step = { file: string; from?: { file: string; range: Range } };
  let current: Step | undefined = { file: path.resolve(file) };
  while (current) {
    const step: Step = current;
    const currentFile = step.file;
    const from = step.from;
    const fail = (message: string): PolicyLoadResult => ({
      ok: false,
      problems: [{ file: from?.file ?? currentFile, message, range: from?.range ?? ZERO_RANGE }],
    });
    if (seen.has(currentFile)) return fail(`"extends" makes a cycle through ${currentFile}`);
    if (seen.size >= MAX_EXTENDS_DEPTH) return fail(`"extends" is nested more than ${MAX_EXTENDS_DEPTH} deep`);
    seen.add(currentFile);
    let text: string;
    try {
      text = await readText(currentFile);
    } catch {
      return fail(from ? `"extends" names a file that cannot be read: ${currentFile}` : `cannot read the policy file ${currentFile}`);
    }
    const result = parsePolicyLayer(text, currentFile);
    if (!result.ok) return result;
    layers.unshift(result.layer);
    const target = result.layer.extends;
    current =
      target && target.target !== DEFAULT_POLICY_SOURCE
        ? { file: path.resolve(path.dirname(currentFile), target.target), from: { file: currentFile, range: target.range } }
        : undefined;
  }
  return { ok: true, policy: mergeLayers([getDefaultLayer(), ...layers]) };
}

const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Later layers win; exceptions and internal packages accumulate. */
function mergeLayers(layers: readonly PolicyLayer[]): Policy {
  let distribution: Distribution = 'distributed';
  let unknown: Verdict = 'review';
  let guides: string | undefined;
  let reviewRequest: ReviewRequest | undefined;
  let recordChoices = false;
  const licenseChoices: LicenseChoice[] = [];
  const categoryOverrides: Partial<Record<Category, Verdict>> = {};
  const scopes: Partial<Record<Scope, Partial<Record<Category, Verdict>>>> = {};
  const licenses: Record<string, Verdict> = {};
  const exceptions: PolicyException[] = [];
  const internalPackages: string[] = [];
  for (const layer of layers) {
    distribution = layer.distribution ?? distribution;
    unknown = layer.unknown ?? unknown;
    guides = layer.guides ?? guides;
    reviewRequest = layer.reviewRequest ?? reviewRequest;
    recordChoices = layer.recordChoices ?? recordChoices;
    licenseChoices.push(...layer.licenseChoices);
    Object.assign(categoryOverrides, layer.categories);
    for (const [scope, verdicts] of Object.entries(layer.scopes) as Array<[Scope, Partial<Record<Category, Verdict>>]>) {
      scopes[scope] = { ...scopes[scope], ...verdicts };
    }
    Object.assign(licenses, layer.licenses);
    exceptions.push(...layer.exceptions);
    internalPackages.push(...layer.internalPackages);
  }
  const last = layers[layers.length - 1];
  return {
    source: last.file,
    chain: layers.map((l) => l.file),
    distribution,
    categories: { ...DISTRIBUTION_PRESETS[distribution], ...categoryOverrides },
    scopes,
    licenses,
    unknown,
    exceptions,
    internalPackages,
    ...(guides ? { guides } : {}),
    ...(reviewRequest ? { reviewRequest } : {}),
    recordChoices,
    licenseChoices,
  };
}

/** Parses and validates one policy file (JSON with comments). */
function parsePolicyLayer(text: string, file: string): LayerResult {
  const lines = new LineIndex(text);
  const tooDeep = excessiveJsonNesting(text);
  if (tooDeep !== undefined) {
    const message = `the policy nests more than ${MAX_JSON_DEPTH} levels deep here`;
    return { ok: false, problems: [{ file, message, range: lines.rangeOf(tooDeep, tooDeep + 1) }] };
  }
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  const problems: PolicyProblem[] = parseErrors.map((e) => ({
    file,
    message: `invalid JSON: ${printParseErrorCode(e.error)}`,
    range: lines.rangeOf(e.offset, e.offset + Math.max(1, e.length)),
  }));
  if (problems.length > 0) return { ok: false, problems };
  if (!root || root.type !== 'object') {
    return { ok: false, problems: [{ file, message: 'a policy must be a JSON object', range: lines.rangeOf(0, text.length) }] };
  }
  const report = (node: Node | undefined, message: string): void => {
    const at = node ?? root;
    problems.push({ file, message, range: lines.rangeOf(at.offset, at.offset + at.length) });
  };
  const rangeOf = (node: Node): Range => lines.rangeOf(node.offset, node.offset + node.length);

  for (const property of root.children ?? []) {
    const key = property.children?.[0];
    if (key && !KNOWN_FIELDS.has(String(key.value))) report(key, `unknown field "${String(key.value)}"`);
  }

  const extendsNode = findNodeAtLocation(root, ['extends']);
  let extendsTarget: PolicyLayer['extends'];
  if (extendsNode) {
    if (typeof extendsNode.value !== 'string' || extendsNode.value.trim() === '') {
      report(extendsNode, '"extends" must be "default" or the path of another policy file');
    } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(extendsNode.value)) {
      report(extendsNode, '"extends" must be a path relative to this file; URLs are not supported');
    } else {
      extendsTarget = { target: extendsNode.value, range: rangeOf(extendsNode) };
    }
  }

  const distribution = readEnum(findNodeAtLocation(root, ['distribution']), 'distribution', DISTRIBUTIONS, report);
  const unknown = readEnum(findNodeAtLocation(root, ['unknown']), 'unknown', ['allow', 'review', 'deny'] as const, report);

  const categories: Partial<Record<Category, Verdict>> = {};
  readVerdictMap(findNodeAtLocation(root, ['categories']), 'categories', report, (key, verdict, keyNode) => {
    if ((CATEGORIES as readonly string[]).includes(key)) categories[key as Category] = verdict;
    else report(keyNode, `unknown category "${key}"; expected one of ${CATEGORIES.join(', ')}`);
  });

  const scopes: Partial<Record<Scope, Partial<Record<Category, Verdict>>>> = {};
  const scopesNode = findNodeAtLocation(root, ['scopes']);
  if (scopesNode && scopesNode.type !== 'object') report(scopesNode, '"scopes" must be an object');
  for (const property of scopesNode?.type === 'object' ? scopesNode.children ?? [] : []) {
    const [keyNode, valueNode] = property.children ?? [];
    const scope = String(keyNode?.value) as Scope;
    if (!SCOPES.includes(scope)) {
      report(keyNode, `unknown scope "${scope}"; expected one of ${SCOPES.join(', ')}`);
      continue;
    }
    const verdicts: Partial<Record<Category, Verdict>> = {};
    readVerdictMap(valueNode, `scopes.${scope}`, report, (key, verdict, categoryNode) => {
      if ((CATEGORIES as readonly string[]).includes(key)) verdicts[key as Category] = verdict;
      else report(categoryNode, `unknown category "${key}"; expected one of ${CATEGORIES.join(', ')}`);
    });
    scopes[scope] = verdicts;
  }

  const licenses: Record<string, Verdict> = {};
  readVerdictMap(findNodeAtLocation(root, ['licenses']), 'licenses', report, (key, verdict) => {
    licenses[key] = verdict;
  });

  const exceptions = readExceptions(findNodeAtLocation(root, ['exceptions']), file, report, rangeOf);
  const internalPackages = readStringList(findNodeAtLocation(root, ['internalPackages']), 'internalPackages', report);

  const guidesNode = findNodeAtLocation(root, ['guides']);
  let guides: string | undefined;
  if (guidesNode) {
    if (typeof guidesNode.value !== 'string' || guidesNode.value.trim() === '') report(guidesNode, '"guides" must be a folder path or an https URL');
    else if (isAllowedGuideUrl(guidesNode.value)) guides = guidesNode.value;
    else if (/^[a-z][a-z0-9+.-]*:/i.test(guidesNode.value) && !/^[a-z]:[\\/]/i.test(guidesNode.value)) report(guidesNode, '"guides" URLs must use https');
    else guides = file === DEFAULT_POLICY_SOURCE ? guidesNode.value : path.resolve(path.dirname(file), guidesNode.value);
  }

  const reviewRequest = readReviewRequest(findNodeAtLocation(root, ['reviewRequest']), report);
  const recordChoicesNode = findNodeAtLocation(root, ['recordChoices']);
  if (recordChoicesNode && recordChoicesNode.type !== 'boolean') report(recordChoicesNode, '"recordChoices" must be true or false');
  const recordChoices = recordChoicesNode?.type === 'boolean' ? (recordChoicesNode.value as boolean) : undefined;
  const licenseChoices = readLicenseChoices(findNodeAtLocation(root, ['licenseChoices']), file, report, rangeOf);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    layer: {
      file,
      ...(extendsTarget ? { extends: extendsTarget } : {}),
      ...(distribution ? { distribution } : {}),
      categories,
      scopes,
      licenses,
      ...(unknown ? { unknown } : {}),
      exceptions,
      internalPackages,
      ...(guides ? { guides } : {}),
      ...(reviewRequest ? { reviewRequest } : {}),
      ...(recordChoices !== undefined ? { recordChoices } : {}),
      licenseChoices,
    },
  };
}

type Report = (node: Node | undefined, message: string) => void;

function readEnum<T extends string>(node: Node | undefined, field: string, values: readonly T[], report: Report): T | undefined {
  if (!node) return undefined;
  if (values.includes(node.value as T)) return node.value as T;
  report(node, `"${field}" must be ${values.map((v) => `"${v}"`).join(', ').replace(/, ([^,]*)$/, ' or $1')}`);
  return undefined;
}

function readVerdictMap(node: Node | undefined, field: string, report: Report, accept: (key: string, verdict: Verdict, keyNode: Node | undefined) => void): void {
  if (!node) return;
  if (node.type !== 'object') {
    report(node, `"${field}" must be an object`);
    return;
  }
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    const value: unknown = valueNode?.value;
    if (!isVerdict(value)) {
      report(valueNode ?? keyNode, `"${field}.${String(keyNode?.value)}" must be "allow", "review" or "deny"`);
      continue;
    }
    accept(String(keyNode?.value), value, keyNode);
  }
}

function readStringList(node: Node | undefined, field: string, report: Report): string[] {
  if (!node) return [];
  if (node.type !== 'array') {
    report(node, `"${field}" must be an array of strings`);
    return [];
  }
  const values: string[] = [];
  for (const item of node.children ?? []) {
    if (item.type === 'string' && String(item.value).trim() !== '') values.push(String(item.value));
    else report(item, `"${field}" entries must be non-empty strings`);
  }
  return values;
}

/** How one kind of policy list entry (an exception, a license choice) is named in messages. */
interface EntryKind {
  /** The policy field holding the list. */
  readonly field: string;
  /** "exception", "license choice". */
  readonly noun: string;
  readonly article: 'a' | 'an';
  readonly notAnObject: string;
  readonly allowed: ReadonlySet<string>;
  readonly required: readonly string[];
}

interface StringEntry {
  readonly item: Node;
  readonly fields: Record<string, string>;
  /** False when a field was unknown, empty, not a string, or a required one missing (all reported). */
  readonly valid: boolean;
}

/**
 * The objects of a policy list whose fields are all non-empty strings: checks
 * the list, each entry's shape, unknown and missing fields, and reports each
 * problem where it is. Exceptions and license choices share this; what their
 * fields mean is checked by their readers.
 */
function readStringEntries(node: Node | undefined, kind: EntryKind, report: Report): StringEntry[] {
  if (!node) return [];
  if (node.type !== 'array') {
    report(node, `"${kind.field}" must be an array`);
    return [];
  }
  const entries: StringEntry[] = [];
  for (const item of node.children ?? []) {
    if (item.type !== 'object') {
      report(item, kind.notAnObject);
      continue;
    }
    const fields: Record<string, string> = {};
    let valid = true;
    for (const property of item.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      const key = String(keyNode?.value);
      if (!kind.allowed.has(key)) {
        report(keyNode, `unknown ${kind.noun} field "${key}"`);
        valid = false;
      } else if (valueNode?.type !== 'string' || String(valueNode.value).trim() === '') {
        report(valueNode ?? keyNode, `${kind.noun} field "${key}" must be a non-empty string`);
        valid = false;
      } else {
        fields[key] = String(valueNode.value);
      }
    }
    for (const required of kind.required) {
      if (!(required in fields) && valid) {
        report(item, `${kind.article} ${kind.noun} needs "${required}"`);
        valid = false;
      }
    }
    entries.push({ item, fields, valid });
  }
  return entries;
}

const EXCEPTION_ENTRY: EntryKind = {
  field: 'exceptions',
  noun: 'exception',
  article: 'an',
  notAnObject: 'an exception must be an object with at least "package" and "reason"',
  allowed: EXCEPTION_FIELDS,
  required: ['package', 'reason'],
};

function readExceptions(node: Node | undefined, file: string, report: Report, rangeOf: (node: Node) => Range): PolicyException[] {
  const exceptions: PolicyException[] = [];
  for (const { item, fields, valid: shaped } of readStringEntries(node, EXCEPTION_ENTRY, report)) {
    let valid = shaped;
    if (fields.expires && !isIsoDate(fields.expires)) {
      report(findNodeAtLocation(item, ['expires']), '"expires" must be a date written YYYY-MM-DD');
      valid = false;
    }
    if (fields.ecosystem && !ECOSYSTEMS.includes(fields.ecosystem as Ecosystem)) {
      report(findNodeAtLocation(item, ['ecosystem']), `"ecosystem" must be one of ${ECOSYSTEMS.join(', ')}`);
      valid = false;
    }
    if (!valid) continue;
    exceptions.push({
      package: fields.package,
      reason: fields.reason,
      ...(fields.ecosystem ? { ecosystem: fields.ecosystem as Ecosystem } : {}),
      ...(fields.version ? { version: fields.version } : {}),
      ...(fields.license ? { license: fields.license } : {}),
      ...(fields.expires ? { expires: fields.expires } : {}),
      ...(fields.approvedBy ? { approvedBy: fields.approvedBy } : {}),
      file,
      range: rangeOf(item),
    });
  }
  return exceptions;
}

/** `{ "url": "https://…{package}…" }` or `{ "email": "ospo@example.com" }`. */
function readReviewRequest(node: Node | undefined, report: Report): ReviewRequest | undefined {
  if (!node) return undefined;
  const fields = node.type === 'object' ? (node.children ?? []).map((p) => String(p.children?.[0]?.value)) : [];
  if (node.type !== 'object' || fields.length !== 1 || !['url', 'email'].includes(fields[0])) {
    report(node, '"reviewRequest" must be { "url": "https://…" } or { "email": "…" }');
    return undefined;
  }
  const value = findNodeAtLocation(node, [fields[0]]);
  const text = typeof value?.value === 'string' ? value.value.trim() : '';
  if (fields[0] === 'email') {
    if (isEmailAddress(text)) return { email: text };
    report(value, '"reviewRequest.email" must be an email address such as ospo@example.com');
    return undefined;
  }
  // Placeholders only after the host: a package name must never choose where the request goes.
  if (!/^https:\/\/[^\s/{}?#]+([/?#]|$)/i.test(text)) {
    report(value, '"reviewRequest.url" must be an https URL, with placeholders only after the host');
    return undefined;
  }
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0) {
    report(value, `unknown placeholder {${unknown[0]}} in "reviewRequest.url"; use ${REVIEW_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`);
    return undefined;
  }
  return { url: text };
}

const CHOICE_ENTRY: EntryKind = {
  field: 'licenseChoices',
  noun: 'license choice',
  article: 'a',
  notAnObject: 'a license choice must be an object with "package", "expression" and "chosen"',
  allowed: CHOICE_FIELDS,
  required: ['package', 'expression', 'chosen'],
};

function readLicenseChoices(node: Node | undefined, file: string, report: Report, rangeOf: (node: Node) => Range): LicenseChoice[] {
  const choices: LicenseChoice[] = [];
  for (const { item, fields, valid } of readStringEntries(node, CHOICE_ENTRY, report)) {
    if (!valid) continue;
    const expression = normalizeExpressionText(fields.expression);
    const alternatives = expression ? choicesOf(expression) : undefined;
    if (!expression || !alternatives) {
      report(findNodeAtLocation(item, ['expression']), '"expression" must be an SPDX expression offering a choice (with OR)');
      continue;
    }
    const chosen = normalizeExpressionText(fields.chosen);
    if (!chosen || !alternatives.includes(chosen)) {
      report(findNodeAtLocation(item, ['chosen']), `"chosen" must be one of ${alternatives.map((a) => `"${a}"`).join(', ')}`);
      continue;
    }
    if (fields.ecosystem && !ECOSYSTEMS.includes(fields.ecosystem as Ecosystem)) {
      report(findNodeAtLocation(item, ['ecosystem']), `"ecosystem" must be one of ${ECOSYSTEMS.join(', ')}`);
      continue;
    }
    choices.push({
      package: fields.package,
      ...(fields.ecosystem ? { ecosystem: fields.ecosystem as Ecosystem } : {}),
      ...(fields.version ? { version: fields.version } : {}),
      expression,
      chosen,
      file,
      range: rangeOf(item),
    });
  }
  return choices;
}

function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
