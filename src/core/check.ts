import { mapLimit } from './concurrency';
import type { Guide } from './guides/guide';
import { selectExcerpts } from './guides/select';
import type { Obligation } from './licenses/categories';
import { normalizeLicense, type Confidence, type NormalizedLicense } from './licenses/normalize';
import { licenseFromFound } from './licenses/resolveDeclared';
import type { Dependency, ManifestError, ManifestInclude, Verdict } from './model';
import type { ManifestFormat } from './manifests/types';
import { evaluateDependency } from './policy/dependency';
import type { Evaluation, RuleCode } from './policy/evaluate';
import { findIncompatibility } from './policy/compatibility';
import type { Policy, PolicyException } from './policy/types';
import { findLicense, type FoundLicense, type LicenseSource } from './resolution';

/** The license part of a result; field names are part of the CLI's JSON contract. */
export interface LicenseResult {
  readonly declared: string | null;
  /** Normalised SPDX expression, or null when unknown. */
  readonly expression: string | null;
  /** Where the license was found, or null when nowhere. */
  readonly source: string | null;
  readonly confidence: Confidence;
  readonly note?: string;
  /** A low-confidence guess, shown to the user but never used for the verdict. */
  readonly suggestion?: string;
}

/** The guide section that explains a result. */
export interface GuideRef {
  readonly guide: string;
  readonly section: string;
  readonly title: string;
}

/** One dependency with its license and the policy's verdict: plain data for every adapter. */
export interface DependencyResult extends Dependency {
  readonly manifest: string;
  /** The exact version found installed or locked, or null. */
  readonly version: string | null;
  readonly license: LicenseResult;
  readonly verdict: Verdict;
  readonly reason: string;
  readonly rule: RuleCode;
  readonly chosen?: string;
  readonly decidingLicense?: string;
  readonly note?: string;
  readonly obligations: readonly Obligation[];
  readonly exception?: PolicyException;
  readonly guide?: GuideRef;
}

export interface ManifestCheck {
  readonly manifest: string;
  readonly errors: readonly ManifestError[];
  readonly results: readonly DependencyResult[];
  readonly projectLicense?: string;
  /** Files the manifest pulls in (requirements.txt `-r`), for the caller to check too. */
  readonly includes?: readonly ManifestInclude[];
}

export interface CheckContext {
  readonly policy: Policy;
  /** Tried in order for each dependency. */
  readonly sources: readonly LicenseSource[];
  /** Guides to point each result at; none when absent. */
  readonly guides?: readonly Guide[];
  readonly signal?: AbortSignal;
  /** How many license lookups may run at once. */
  readonly concurrency?: number;
  /** "Today", for exception expiry; tests pin it. */
  readonly now?: Date;
}

/** Why no license was found, naming what was tried and what failed. */
function notFoundNote(failures: readonly string[], sources: readonly LicenseSource[]): string {
  if (failures.length > 0) return `the license could not be looked up (${failures.join('; ')})`;
  return sources.some((s) => s.remote)
    ? 'no installed package, lockfile or registry names its license'
    : 'the package is neither installed nor in a lockfile, so its license could not be read';
}

/**
 * The one entry point from manifest text to verdicts, shared by the editor and
 * the CLI so that what the editor flags is exactly what CI enforces.
 */
export async function checkManifestText(
  manifestPath: string,
  text: string,
  format: ManifestFormat,
  context: CheckContext,
): Promise<ManifestCheck> {
  const parsed = format.parse(text);
  const results = await mapLimit(parsed.dependencies, context.concurrency ?? 16, (dependency) =>
    checkDependency(manifestPath, dependency, context, parsed.projectLicense),
  );
  return {
    manifest: manifestPath,
    errors: parsed.errors,
    results,
    ...(parsed.projectLicense ? { projectLicense: parsed.projectLicense } : {}),
    ...(parsed.includes && parsed.includes.length > 0 ? { includes: parsed.includes } : {}),
  };
}

export async function checkDependency(
  manifestPath: string,
  dependency: Dependency,
  context: CheckContext,
  projectLicense?: string,
): Promise<DependencyResult> {
  const { found, failures } = await findLicense(context.sources, manifestPath, dependency, context.signal);
  const license: NormalizedLicense = found
    ? licenseFromFound(found)
    : { ...normalizeLicense(undefined), problem: 'not-found', note: notFoundNote(failures, context.sources) };
  const version = found?.version ?? null;
  const evaluation = withProjectLicense(
    evaluateDependency({ ...dependency, version }, license, context.policy, context.now ?? new Date()),
    projectLicense,
    dependency,
    context.policy,
  );
  return {
    ...dependency,
    manifest: manifestPath,
    version,
    license: licenseResult(license, found),
    verdict: evaluation.verdict,
    reason: evaluation.reason,
    rule: evaluation.rule,
    ...(evaluation.chosen ? { chosen: evaluation.chosen } : {}),
    ...(evaluation.decidingLicense ? { decidingLicense: evaluation.decidingLicense } : {}),
    ...(evaluation.note ? { note: evaluation.note } : {}),
    obligations: evaluation.obligations,
    ...(evaluation.exception ? { exception: evaluation.exception } : {}),
    ...guideFor(context.guides, evaluation, license),
  };
}

const COPYLEFT = new Set(['weak-copyleft', 'strong-copyleft', 'network-copyleft']);

/**
 * A dependency whose license cannot be combined with the project's own license
 * is flagged even when its category is acceptable: denied for a distributed
 * product (the conflict arises on distribution), reviewed otherwise.
 */
function withProjectLicense(evaluation: Evaluation, projectLicense: string | undefined, dependency: Dependency, policy: Policy): Evaluation {
  if (evaluation.verdict === 'deny' || evaluation.rule === 'exception' || evaluation.rule === 'internal-package') return evaluation;
  // Copyleft code in a permissively licensed project is the policy's business
  // (its category verdict says when that is acceptable); what the category rules
  // cannot see is the other direction: permissive terms a copyleft project cannot take.
  if (evaluation.category && COPYLEFT.has(evaluation.category)) return evaluation;
  const conflict = findIncompatibility(projectLicense, evaluation.chosen ?? evaluation.expression, dependency.scope);
  if (!conflict) return evaluation;
  const verdict = policy.distribution === 'distributed' ? 'deny' : 'review';
  return {
    ...evaluation,
    verdict,
    rule: 'incompatible-license',
    reason:
      `${conflict.dependencyLicense} is not compatible with this project's license ${conflict.projectLicense} ` +
      `(OSADL compatibility matrix): code under ${conflict.dependencyLicense} cannot be distributed as part of a ${conflict.projectLicense} work. ` +
      (verdict === 'deny' ? 'The policy does not allow it in a distributed product.' : 'The OSPO must review how it is combined.'),
  };
}

function licenseResult(license: NormalizedLicense, found: FoundLicense | undefined): LicenseResult {
  return {
    declared: license.declared,
    expression: license.expression,
    source: found?.source ?? null,
    confidence: license.confidence,
    ...(license.note ? { note: license.note } : {}),
    ...(license.suggestion ? { suggestion: license.suggestion } : {}),
  };
}

/** The most specific guide section for what the evaluation found. */
function guideFor(guides: readonly Guide[] | undefined, evaluation: Evaluation, license: NormalizedLicense): { guide?: GuideRef } {
  if (!guides || guides.length === 0) return {};
  const [best] = selectExcerpts(guides, {
    licenses: evaluation.decidingLicense ? [evaluation.decidingLicense] : [],
    category: evaluation.category ?? (license.problem === 'proprietary' ? 'proprietary' : license.node ? undefined : 'unknown'),
    obligations: evaluation.obligations,
    verdict: evaluation.verdict,
    topics: license.node ? [] : ['no-license'],
  });
  return best ? { guide: { guide: best.guide.id, section: best.section.slug, title: best.section.heading } } : {};
}

