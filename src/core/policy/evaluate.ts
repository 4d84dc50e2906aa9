import { CATEGORY_TEXT, type Category, type Obligation } from '../licenses/categories';
import { categoryWithException, describeLicense } from '../licenses/knowledge';
import type { NormalizedLicense } from '../licenses/normalize';
import { formatExpression, licenseLeaves, type LicenseNode } from '../licenses/spdx';
import { DEVELOPMENT_ONLY_SCOPES, type Scope, type Verdict } from '../model';
import { VERDICT_RANK, type Policy, type PolicyException } from './types';

/**
 * The rule that decided a verdict; stable, because diagnostics and code actions key
 * on it. A category name means the category's verdict decided.
 */
export type RuleCode =
  | Category
  | 'license-listed'
  | 'no-license'
  | 'unknown-license'
  | 'ambiguous-license'
  | 'internal-package'
  | 'exception'
  | 'incompatible-license';

export interface Evaluation {
  readonly verdict: Verdict;
  readonly rule: RuleCode;
  /** One or two sentences a developer understands. */
  readonly reason: string;
  /** For an expression with OR: the branch the verdict is based on. */
  readonly chosen?: string;
  /** The whole expression evaluated, when there was one. */
  readonly expression?: string;
  /** The license id that decided, when there is one. */
  readonly decidingLicense?: string;
  readonly category?: Category;
  /** Set when a scope made something acceptable that would otherwise not be. */
  readonly note?: string;
  /** Obligations of the licenses in the chosen branch. */
  readonly obligations: readonly Obligation[];
  /** The policy exception that allowed it, if one did. */
  readonly exception?: PolicyException;
}

interface LeafOutcome {
  readonly id: string;
  readonly exception?: string;
  readonly category: Category;
  readonly verdict: Verdict;
  readonly rule: RuleCode;
  /** What the verdict would be without the scope's relaxation. */
  readonly unscopedVerdict: Verdict;
}

interface NodeOutcome {
  readonly verdict: Verdict;
  readonly decidingLeaf: LeafOutcome;
  /** The expression with every OR resolved to the branch taken. */
  readonly choice: LicenseNode;
}

/** Evaluates a dependency's license under the policy, for a dependency used in `scope`. */
export function evaluateLicense(license: NormalizedLicense, scope: Scope, policy: Policy): Evaluation {
  if (!license.node) return evaluateUnresolved(license, scope, policy);

  const outcome = evaluateNode(license.node, scope, policy);
  const leaf = outcome.decidingLeaf;
  const hasChoice = licenseLeaves(license.node).length !== licenseLeaves(outcome.choice).length;
  const chosen = hasChoice ? formatExpression(outcome.choice) : undefined;
  const obligations = unique(licenseLeaves(outcome.choice).flatMap((l) => describeLicense(l.id).obligations));

  let reason = leafReason(leaf, scope);
  if (chosen !== undefined) {
    reason =
      outcome.verdict === 'allow'
        ? `It is offered under ${license.expression}; choosing ${chosen}: ${reason}`
        : `It is offered under ${license.expression}; even the best choice, ${chosen}, is a problem: ${reason}`;
  } else if (license.node.kind === 'and') {
    reason = `All of ${license.expression} apply, and ${leaf.id} decides: ${reason}`;
  }

  const relaxed = outcome.verdict === 'allow' && leaf.unscopedVerdict !== 'allow';
  const note = relaxed
    ? `${leaf.id} is ${CATEGORY_TEXT[leaf.category].label}, allowed here only because ${scopePhrase(scope)}`
    : undefined;

  return {
    verdict: outcome.verdict,
    rule: leaf.rule,
    reason,
    ...(license.expression ? { expression: license.expression } : {}),
    ...(chosen !== undefined ? { chosen } : {}),
    decidingLicense: leaf.id,
    category: leaf.category,
    ...(note ? { note } : {}),
    obligations,
  };
}

function evaluateNode(node: LicenseNode, scope: Scope, policy: Policy): NodeOutcome {
  if (node.kind === 'license') {
    const leaf = evaluateLeaf(node, scope, policy);
    return { verdict: leaf.verdict, decidingLeaf: leaf, choice: node };
  }
  const left = evaluateNode(node.left, scope, policy);
  const right = evaluateNode(node.right, scope, policy);
  if (node.kind === 'or') {
    // OR: the user may pick either license, so the better branch counts (ties: the first).
    return VERDICT_RANK[right.verdict] < VERDICT_RANK[left.verdict] ? right : left;
  }
  // AND: every license applies, so the worst decides.
  const worst = VERDICT_RANK[right.verdict] > VERDICT_RANK[left.verdict] ? right : left;
  return { verdict: worst.verdict, decidingLeaf: worst.decidingLeaf, choice: { kind: 'and', left: left.choice, right: right.choice } };
}

function evaluateLeaf(node: Extract<LicenseNode, { kind: 'license' }>, scope: Scope, policy: Policy): LeafOutcome {
  const category = categoryWithException(describeLicense(node.id).category, node.exception);
  const listed = policy.licenses[node.id];
  if (listed) {
    return { id: node.id, exception: node.exception, category, verdict: listed, rule: 'license-listed', unscopedVerdict: listed };
  }
  const general = policy.categories[category];
  const scoped = scopedVerdict(policy, scope, category) ?? general;
  return { id: node.id, exception: node.exception, category, verdict: scoped, rule: category, unscopedVerdict: general };
}

function leafReason(leaf: LeafOutcome, scope: Scope): string {
  const name = leaf.exception ? `${leaf.id} WITH ${leaf.exception}` : leaf.id;
  if (leaf.rule === 'license-listed') {
    return `The policy lists ${leaf.id} as ${verdictWord(leaf.verdict)}.`;
  }
  const text = CATEGORY_TEXT[leaf.category];
  const exceptionNote = leaf.exception && leaf.category === 'weak-copyleft' && leaf.id.includes('GPL') && !leaf.id.startsWith('LGPL')
    ? ` (the ${leaf.exception} lets you link it without the copyleft reaching your code)`
    : '';
  const policyPhrase =
    leaf.verdict === 'allow'
      ? `The policy allows ${text.label} licenses ${scopeWhere(scope)}`
      : leaf.verdict === 'review'
        ? `The policy requires an OSPO review for ${text.label} licenses ${scopeWhere(scope)}`
        : `The policy does not allow ${text.label} licenses ${scopeWhere(scope)}`;
  return `${name} is ${text.label}${exceptionNote}: ${text.meaning}. ${policyPhrase}.`;
}

function evaluateUnresolved(license: NormalizedLicense, scope: Scope, policy: Policy): Evaluation {
  if (license.problem === 'proprietary') {
    const verdict = scopedVerdict(policy, scope, 'proprietary') ?? policy.categories.proprietary;
    return {
      verdict,
      rule: 'proprietary',
      reason: `${capitalise(license.note ?? 'it is proprietary')}; ${
        verdict === 'deny' ? 'the policy does not allow it' : verdict === 'review' ? 'the OSPO must confirm you have the right to use it' : 'the policy allows it'
      }.`,
      category: 'proprietary',
      obligations: ['restricted-use'],
    };
  }
  const rule: RuleCode =
    license.problem === 'missing' ? 'no-license' : license.problem === 'ambiguous' ? 'ambiguous-license' : 'unknown-license';
  const consequence =
    policy.unknown === 'deny'
      ? 'the policy does not allow dependencies without a known license'
      : policy.unknown === 'review'
        ? 'the OSPO must review it before it is used'
        : 'the policy allows it';
  const suggestion = license.suggestion ? ` (it may be ${license.suggestion}; confirm before relying on it)` : '';
  return {
    verdict: policy.unknown,
    rule,
    reason: `License unknown: ${license.note ?? 'no license information'}${suggestion}; ${consequence}.`,
    obligations: [],
  };
}

/**
 * The policy's verdict for a category in one scope, if it sets one. Test, build and
 * provided dependencies are development-only too: without rules of their own they
 * follow the `dev` rules.
 */
function scopedVerdict(policy: Policy, scope: Scope, category: Category): Verdict | undefined {
  const own = policy.scopes[scope]?.[category];
  if (own || scope === 'dev' || !DEVELOPMENT_ONLY_SCOPES.includes(scope)) return own;
  return policy.scopes.dev?.[category];
}

function scopeWhere(scope: Scope): string {
  if (scope === 'provided') return 'in provided dependencies, which the platform supplies at run time';
  if (DEVELOPMENT_ONLY_SCOPES.includes(scope)) return 'in development-only dependencies';
  return `in ${scope} dependencies, which ship with the product`;
}

function scopePhrase(scope: Scope): string {
  if (scope === 'provided') return 'it is a provided dependency that the platform supplies, not something you ship';
  if (DEVELOPMENT_ONLY_SCOPES.includes(scope)) return `it is a development-only (${scope}) dependency that does not ship with the product`;
  return `of the policy for ${scope} dependencies`;
}

function verdictWord(verdict: Verdict): string {
  return verdict === 'allow' ? 'allowed' : verdict === 'review' ? 'needing review' : 'not allowed';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
