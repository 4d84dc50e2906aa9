import { parseTree, printParseErrorCode, findNodeAtLocation, type Node, type ParseError } from 'jsonc-parser';
import defaultPolicyJson from './default-policy.json';
import { CATEGORIES, type Category } from '../licenses/categories';
import type { Range, Scope, Verdict } from '../model';
import { LineIndex } from '../text';
import { isVerdict, type Distribution, type Policy } from './types';

/** A problem in a policy file, located so the editor can show it in place. */
export interface PolicyProblem {
  readonly message: string;
  readonly range: Range;
}

export type PolicyLoadResult =
  | { readonly ok: true; readonly policy: Policy }
  | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

const DISTRIBUTIONS: readonly Distribution[] = ['distributed', 'saas', 'internal'];
const SCOPES: readonly Scope[] = ['runtime', 'dev', 'optional', 'peer'];
const KNOWN_FIELDS = new Set(['$schema', '$comment', 'distribution', 'categories', 'scopes', 'licenses', 'unknown']);

let defaultPolicy: Policy | undefined;

/** The embedded default policy. */
export function getDefaultPolicy(): Policy {
  if (!defaultPolicy) {
    const result = parsePolicy(JSON.stringify(defaultPolicyJson), 'default');
    if (!result.ok) throw new Error(`embedded default policy is invalid: ${result.problems[0].message}`);
    defaultPolicy = result.policy;
  }
  return defaultPolicy;
}

/**
 * Parses and validates policy text (JSON with comments). A broken policy is never
 * half-applied: any problem means no policy, and the caller reports the problems.
 * Fields not given take the embedded default's values.
 */
export function parsePolicy(text: string, source: string): PolicyLoadResult {
  const lines = new LineIndex(text);
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  const problems: PolicyProblem[] = parseErrors.map((e) => ({
    message: `invalid JSON: ${printParseErrorCode(e.error)}`,
    range: lines.rangeOf(e.offset, e.offset + Math.max(1, e.length)),
  }));
  if (problems.length > 0) return { ok: false, problems };
  if (!root || root.type !== 'object') {
    return { ok: false, problems: [{ message: 'a policy must be a JSON object', range: lines.rangeOf(0, text.length) }] };
  }

  const report = (node: Node | undefined, message: string): void => {
    const at = node ?? root;
    problems.push({ message, range: lines.rangeOf(at.offset, at.offset + at.length) });
  };
  const base = source === 'default' ? undefined : getDefaultPolicy();

  for (const property of root.children ?? []) {
    const key = property.children?.[0];
    if (key && !KNOWN_FIELDS.has(String(key.value))) report(key, `unknown field "${String(key.value)}"`);
  }

  const distributionNode = findNodeAtLocation(root, ['distribution']);
  let distribution: Distribution = base?.distribution ?? 'distributed';
  if (distributionNode) {
    if (DISTRIBUTIONS.includes(distributionNode.value as Distribution)) distribution = distributionNode.value as Distribution;
    else report(distributionNode, `"distribution" must be one of ${DISTRIBUTIONS.join(', ')}`);
  }

  const categories = { ...(base?.categories ?? ({} as Record<Category, Verdict>)) };
  readVerdictMap(findNodeAtLocation(root, ['categories']), 'categories', report, (key, verdict, keyNode) => {
    if ((CATEGORIES as readonly string[]).includes(key)) categories[key as Category] = verdict;
    else report(keyNode, `unknown category "${key}"; expected one of ${CATEGORIES.join(', ')}`);
  });
  for (const category of CATEGORIES) {
    if (!categories[category]) report(findNodeAtLocation(root, ['categories']), `category "${category}" has no verdict`);
  }

  const scopes: Partial<Record<Scope, Partial<Record<Category, Verdict>>>> = { ...(base?.scopes ?? {}) };
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
    readVerdictMap(valueNode, `scopes.${scope}`, report, (key, verdict, keyNode2) => {
      if ((CATEGORIES as readonly string[]).includes(key)) verdicts[key as Category] = verdict;
      else report(keyNode2, `unknown category "${key}"`);
    });
    scopes[scope] = verdicts;
  }

  const licenses: Record<string, Verdict> = { ...(base?.licenses ?? {}) };
  readVerdictMap(findNodeAtLocation(root, ['licenses']), 'licenses', report, (key, verdict) => {
    licenses[key] = verdict;
  });

  const unknownNode = findNodeAtLocation(root, ['unknown']);
  let unknown: Verdict = base?.unknown ?? 'review';
  if (unknownNode) {
    if (isVerdict(unknownNode.value)) unknown = unknownNode.value;
    else report(unknownNode, '"unknown" must be "allow", "review" or "deny"');
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, policy: { source, distribution, categories, scopes, licenses, unknown } };
}

function readVerdictMap(
  node: Node | undefined,
  field: string,
  report: (node: Node | undefined, message: string) => void,
  accept: (key: string, verdict: Verdict, keyNode: Node | undefined) => void,
): void {
  if (!node) return;
  if (node.type !== 'object') {
    report(node, `"${field}" must be an object`);
    return;
  }
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!isVerdict(valueNode?.value)) {
      report(valueNode ?? keyNode, `"${field}.${String(keyNode?.value)}" must be "allow", "review" or "deny"`);
      continue;
    }
    accept(String(keyNode?.value), valueNode.value as Verdict, keyNode);
  }
}
