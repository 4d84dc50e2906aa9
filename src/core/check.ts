import { mapLimit } from './concurrency';
import { findTransitiveDependencies, type LockfileCache } from './lockfiles';
import type { Guide } from './guides/guide';
import { commentSyntaxFor, ignoredLines } from './ignore';
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
  /** Its line carries `ospo-lens: ignore`: kept in the results, never flagged nor counted. */
  readonly ignored?: boolean;
  /** The license is still being looked up: the verdict is provisional and must not be shown. */
  readonly pending?: boolean;
  /**
   * For a transitive dependency: the chain from the direct dependency that pulls it
   * in ([direct, …, parent]); its `range` is that direct dependency's name.
   */
  readonly via?: readonly string[];
}

export interface ManifestCheck {
  readonly manifest: string;
  readonly errors: readonly ManifestError[];
  readonly results: readonly DependencyResult[];
  readonly projectLicense?: string;
  /** Files the manifest pulls in (requirements.txt `-r`), for the caller to check too. */
  readonly includes?: readonly ManifestInclude[];
  /** What was wrong with the lockfile, when transitive dependencies were asked for. */
  readonly lockfileProblems?: readonly string[];
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
  /** Also check the transitive dependencies the manifest's lockfile records. */
  readonly transitive?: boolean;
  /** Keeps parsed lockfiles between checks (the editor checks on every pause in typing). */
  readonly lockfiles?: LockfileCache;
  /**
   * Only local sources this time: a dependency they cannot answer for is marked
   * `pending` (no verdict is shown) until a second pass asks the registries.
   */
  readonly deferRemote?: boolean;
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
  const syntax = commentSyntaxFor(format.ecosystem, manifestPath);
  const ignored = syntax ? ignoredLines(text, syntax) : new Set<number>();
  const results = await mapLimit(parsed.dependencies, context.concurrency ?? 16, async (dependency) => {
    const result = await checkDependency(manifestPath, dependency, context, parsed.projectLicense);
    return ignored.has(dependency.range.start.line) ? { ...result, ignored: true } : result;
  });
  const transitive = context.transitive ? await checkTransitive(manifestPath, text, parsed.dependencies, context, parsed.projectLicense, ignored) : { results: [], problems: [] };
  return {
    manifest: manifestPath,
    errors: parsed.errors,
    results: [...results, ...transitive.results],
    ...(transitive.problems.length > 0 ? { lockfileProblems: transitive.problems } : {}),
    ...(parsed.projectLicense ? { projectLicense: parsed.projectLicense } : {}),
    ...(parsed.includes && parsed.includes.length > 0 ? { includes: parsed.includes } : {}),
  };
}

/**
 * The transitive dependencies the lockfile records, each checked like a direct one
 * at its exact locked version. A problem in one is reported on the direct
 * dependency that pulls it in (its `range`), with the chain in `via`.
 */
async function checkTransitive(
  manifestPath: string,
  text: string,
  direct: readonly Dependency[],
  context: CheckContext,
  projectLicense: string | undefined,
  ignored: ReadonlySet<number>,
): Promise<{ results: DependencyResult[]; problems: readonly string[] }> {
  const search = await findTransitiveDependencies(manifestPath, direct, { signal: context.signal, manifestText: text, ...(context.lockfiles ? { cache: context.lockfiles } : {}) });
  const rangeOf = new Map(direct.map((d) => [d.name, d.range] as const));
  const checkable = search.dependencies.filter((t) => rangeOf.has(t.root));
  const results = await mapLimit(checkable, context.concurrency ?? 16, async (t) => {
    const dependency: Dependency = { ecosystem: t.ecosystem, name: t.name, requested: t.version, scope: t.scope, range: rangeOf.get(t.root) as Dependency['range'], direct: false };
    // The lockfile's own record of the license (package-lock v2/v3) is the locked
    // version's; an installed copy of the same name may be another version.
    const lockSource: LicenseSource[] = t.declared ? [{ name: 'lockfile', kind: 'lockfile', find: async () => ({ declared: t.declared, source: t.lockfile.split(/[\\/]/).pop() ?? 'lockfile', version: t.version }) }] : [];
    const result = await checkDependency(manifestPath, dependency, { ...context, sources: [...lockSource, ...context.sources] }, projectLicense);
    const withVia: DependencyResult = { ...result, version: result.version ?? t.version, via: t.via };
    return ignored.has(dependency.range.start.line) ? { ...withVia, ignored: true } : withVia;
  });
  return { results, problems: search.problems };
}

export async function checkDependency(
  manifestPath: string,
  dependency: Dependency,
  context: CheckContext,
  projectLicense?: string,
): Promise<DependencyResult> {
  const sources = context.deferRemote ? context.sources.filter((source) => !source.remote) : context.sources;
  const { found, failures } = await findLicense(sources, manifestPath, dependency, context.signal);
  const pending = !found && context.deferRemote === true && context.sources.some((source) => source.remote);
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
    ...(pending ? { pending: true } : {}),
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

