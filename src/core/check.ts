import { mapLimit } from './concurrency';
import type { Guide } from './guides/guide';
import { selectExcerpts } from './guides/select';
import type { Obligation } from './licenses/categories';
import { normalizeLicense, type Confidence, type NormalizedLicense } from './licenses/normalize';
import type { Dependency, ManifestError, Verdict } from './model';
import type { ManifestFormat } from './manifests/types';
import { evaluateDependency } from './policy/dependency';
import type { Evaluation, RuleCode } from './policy/evaluate';
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

const NOT_FOUND_NOTE = 'the package is neither installed nor in a lockfile, so its license could not be read';

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
    checkDependency(manifestPath, dependency, context),
  );
  return {
    manifest: manifestPath,
    errors: parsed.errors,
    results,
    ...(parsed.projectLicense ? { projectLicense: parsed.projectLicense } : {}),
  };
}

export async function checkDependency(
  manifestPath: string,
  dependency: Dependency,
  context: CheckContext,
): Promise<DependencyResult> {
  const found = await findLicense(context.sources, manifestPath, dependency, context.signal);
  const license: NormalizedLicense = found
    ? normalizeLicense(found.declared)
    : { ...normalizeLicense(undefined), problem: 'not-found', note: NOT_FOUND_NOTE };
  const version = found?.version ?? null;
  const evaluation = evaluateDependency({ ...dependency, version }, license, context.policy, context.now ?? new Date());
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

