import { mapLimit } from './concurrency';
import type { Obligation } from './licenses/categories';
import { normalizeLicense, type Confidence } from './licenses/normalize';
import type { Dependency, ManifestError, Verdict } from './model';
import type { ManifestFormat } from './manifests/types';
import { evaluateLicense, type RuleCode } from './policy/evaluate';
import type { Policy } from './policy/types';
import { findLicense, type LicenseSource } from './resolution';

/** The license part of a result; field names are part of the CLI's JSON contract. */
export interface LicenseResult {
  readonly declared: string | null;
  /** Normalised SPDX expression, or null when unknown. */
  readonly expression: string | null;
  /** Where the license was found, or null when nowhere. */
  readonly source: string | null;
  readonly confidence: Confidence;
  readonly name?: string;
  readonly note?: string;
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
}

export interface ManifestCheck {
  readonly manifest: string;
  readonly errors: readonly ManifestError[];
  readonly results: readonly DependencyResult[];
  readonly projectLicense?: string;
}

const NOT_FOUND_NOTE = 'the package is neither installed nor in a lockfile, so its license could not be read';

export interface CheckContext {
  readonly policy: Policy;
  /** Tried in order for each dependency. */
  readonly sources: readonly LicenseSource[];
  readonly signal?: AbortSignal;
  /** How many license lookups may run at once. */
  readonly concurrency?: number;
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
  const license = normalizeLicense(found?.declared);
  const evaluation = evaluateLicense(
    found ? license : { ...license, problem: 'not-found', note: NOT_FOUND_NOTE },
    dependency.scope,
    context.policy,
  );
  return {
    ...dependency,
    manifest: manifestPath,
    version: found?.version ?? null,
    license: {
      declared: license.declared,
      expression: license.expression,
      source: found?.source ?? null,
      confidence: license.confidence,
      ...(found ? (license.note ? { note: license.note } : {}) : { note: NOT_FOUND_NOTE }),
    },
    verdict: evaluation.verdict,
    reason: evaluation.reason,
    rule: evaluation.rule,
    ...(evaluation.chosen ? { chosen: evaluation.chosen } : {}),
    ...(evaluation.decidingLicense ? { decidingLicense: evaluation.decidingLicense } : {}),
    ...(evaluation.note ? { note: evaluation.note } : {}),
    obligations: evaluation.obligations,
  };
}
