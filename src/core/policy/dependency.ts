import type { NormalizedLicense } from '../licenses/normalize';
import { formatExpression, parseSpdxExpression } from '../licenses/spdx';
import type { Ecosystem, Scope } from '../model';
import { findLicenseChoice, versionCovers } from './choices';
import { evaluateLicense, type Evaluation } from './evaluate';
import type { LicenseChoice, Policy, PolicyException } from './types';

/** What the policy needs to know about a dependency besides its license. */
export interface DependencyFacts {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  /** The exact installed or locked version, when known. */
  readonly version: string | null;
  readonly scope: Scope;
}

/**
 * The policy's verdict on one dependency: the organisation's own packages are
 * never flagged; an approved exception turns a flagged license into "allow" —
 * until it expires, the version leaves its range or the license changes.
 */
export function evaluateDependency(dependency: DependencyFacts, license: NormalizedLicense, policy: Policy, today: Date): Evaluation {
  const internal = policy.internalPackages.find((pattern) => matchesPattern(pattern, dependency.name));
  if (internal) {
    return {
      verdict: 'allow',
      rule: 'internal-package',
      reason: `${dependency.name} is one of the organisation's own packages (internalPackages: "${internal}").`,
      obligations: [],
    };
  }

  const choice = findLicenseChoice(policy, dependency, license);
  const evaluation = choice
    ? evaluateRecordedChoice(choice, license, dependency.scope, policy)
    : withUnrecordedChoiceNote(evaluateLicense(license, dependency.scope, policy), dependency, license, policy);
  if (evaluation.verdict === 'allow') return evaluation;

  const candidates = policy.exceptions.filter(
    (e) => matchesPattern(e.package, dependency.name) && (!e.ecosystem || e.ecosystem === dependency.ecosystem),
  );
  const applicable = candidates.filter((e) => coversVersion(e, dependency.version) && coversLicense(e, license));
  const day = today.toISOString().slice(0, 10);
  const current = applicable.find((e) => !e.expires || e.expires >= day);
  if (current) {
    return {
      ...evaluation,
      verdict: 'allow',
      rule: 'exception',
      reason:
        `Allowed by a policy exception: ${current.reason}` +
        `${current.approvedBy ? ` (approved by ${current.approvedBy}` : ''}` +
        `${current.expires ? `${current.approvedBy ? ', ' : ' ('}until ${current.expires})` : current.approvedBy ? ')' : ''}. ` +
        `Without it: ${evaluation.reason}`,
      exception: current,
    };
  }

  const expired = applicable.find((e) => e.expires && e.expires < day);
  const lapsed = expired ?? candidates[0];
  if (!lapsed) return evaluation;
  return { ...evaluation, reason: `${evaluation.reason} ${whyNotApplied(lapsed, dependency, license, day)}` };
}

/** A recorded choice means the developer uses that branch only: it alone is evaluated. */
function evaluateRecordedChoice(choice: LicenseChoice, license: NormalizedLicense, scope: Scope, policy: Policy): Evaluation {
  const node = parseSpdxExpression(choice.chosen);
  if (!node) return evaluateLicense(license, scope, policy); // the loader only keeps choices that parse
  const branch = evaluateLicense({ ...license, node, expression: choice.chosen }, scope, policy);
  return {
    ...branch,
    ...(license.expression ? { expression: license.expression } : {}),
    chosen: branch.chosen ?? choice.chosen,
    reason: `It is offered under ${license.expression ?? choice.expression}, and the recorded choice is ${choice.chosen}: ${branch.reason}`,
  };
}

/** With `recordChoices`, an allowed `OR` without a recorded choice says so (shown as information). */
function withUnrecordedChoiceNote(evaluation: Evaluation, dependency: DependencyFacts, license: NormalizedLicense, policy: Policy): Evaluation {
  if (!policy.recordChoices || license.node?.kind !== 'or' || evaluation.verdict !== 'allow' || evaluation.note) return evaluation;
  return {
    ...evaluation,
    note: `no license choice is recorded for ${dependency.name}: it is offered under ${license.expression}, and the policy asks you to record which license you use`,
  };
}

/** Why an exception that names this package does not apply, in plain words. */
function whyNotApplied(exception: PolicyException, dependency: DependencyFacts, license: NormalizedLicense, day: string): string {
  if (exception.expires && exception.expires < day && coversVersion(exception, dependency.version) && coversLicense(exception, license)) {
    return `The policy exception for ${exception.package} expired on ${exception.expires}.`;
  }
  if (!coversVersion(exception, dependency.version)) {
    return dependency.version
      ? `The policy exception for ${exception.package} covers version ${exception.version}, not ${dependency.version}.`
      : `The policy exception for ${exception.package} covers version ${exception.version}, and the version in use is not known.`;
  }
  return `The policy exception for ${exception.package} approved the license ${exception.license}, but it is now ${license.expression ?? license.declared ?? 'unknown'}.`;
}

function coversVersion(exception: PolicyException, version: string | null): boolean {
  return versionCovers(exception.version, version);
}

function coversLicense(exception: PolicyException, license: NormalizedLicense): boolean {
  if (!exception.license) return true;
  const approved = parseSpdxExpression(exception.license);
  const approvedText = approved ? formatExpression(approved) : exception.license.trim();
  return approvedText === (license.expression ?? license.declared ?? '');
}

/** `*` matches any run of characters; everything else is literal. */
export function matchesPattern(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return regex.test(name);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
