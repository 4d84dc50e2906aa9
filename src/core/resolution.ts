import type { DeclaredLicense } from './licenses/normalize';
import type { Dependency } from './model';

/** What a license source found for one dependency. */
export interface FoundLicense {
  /** The license as the package declares it, in any of its legacy shapes. */
  readonly declared: DeclaredLicense;
  /** Where it came from, e.g. "node_modules" or "package-lock.json". */
  readonly source: string;
  /** The exact version the source describes, when known. */
  readonly version?: string;
  /**
   * The text of a license file, when that is all there is (Go modules, npm's
   * "SEE LICENSE IN <file>", Cargo's `license-file`): the check identifies it.
   */
  readonly licenseText?: string;
  /** The file `licenseText` came from, for messages. */
  readonly licenseFile?: string;
  /** PyPI trove classifiers (`License :: OSI Approved :: MIT License`), used when `declared` says nothing usable. */
  readonly classifiers?: readonly string[];
}

/**
 * Where local metadata lives on this machine. Passed in (never read from
 * `process` inside a source) so tests and the editor can pin it.
 */
export interface LocalEnvironment {
  /** Environment variables (VIRTUAL_ENV, CARGO_HOME, GOMODCACHE, GOPATH, NUGET_PACKAGES…). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The user's home folder (~/.cargo, ~/go, ~/.m2, ~/.nuget live there). */
  readonly home: string;
  /** A configured Python virtual environment, if the user set one. */
  readonly pythonVenv?: string;
}

/**
 * Somewhere a dependency's license can be found. Sources are tried in order;
 * the first that answers wins. A source that has nothing returns undefined; one
 * that could not look (a registry timed out) throws LicenseLookupError saying
 * why, and the next source is tried. Every source must honour `signal`.
 */
/** What kind of place a source reads; the user orders and switches them by kind. */
export type SourceKind = 'local' | 'lockfile' | 'registry' | 'depsdev';

export const SOURCE_KINDS: readonly SourceKind[] = ['local', 'lockfile', 'registry', 'depsdev'];

export interface LicenseSource {
  readonly name: string;
  /** True when it uses the network (skipped offline, and in the editor's first pass). */
  readonly remote?: boolean;
  /** Defaults to 'registry' for remote sources and 'local' for the others. */
  readonly kind?: SourceKind;
  find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined>;
}

/** A source could not look; the message is shown to the user ("npm registry: timed out"). */
export class LicenseLookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LicenseLookupError';
  }
}

export interface LicenseSearch {
  readonly found?: FoundLicense;
  /** Why sources that were tried could not answer. */
  readonly failures: readonly string[];
}

/** Asks each source in turn until one finds the license. */
export async function findLicense(
  sources: readonly LicenseSource[],
  manifestPath: string,
  dependency: Dependency,
  signal?: AbortSignal,
): Promise<LicenseSearch> {
  const failures: string[] = [];
  for (const source of sources) {
    signal?.throwIfAborted();
    try {
      const found = await source.find(manifestPath, dependency, signal);
      if (found) return { found, failures };
    } catch (error) {
      if (!(error instanceof LicenseLookupError) || signal?.aborted) throw error;
      failures.push(`${source.name}: ${error.message}`);
    }
  }
  return { failures };
}

export function kindOf(source: LicenseSource): SourceKind {
  return source.kind ?? (source.remote ? 'registry' : 'local');
}

/**
 * Orders sources by the user's preferred kinds (the order within a kind stays
 * the ecosystem's), dropping kinds the user left out.
 */
export function orderSources(sources: readonly LicenseSource[], kinds: readonly SourceKind[]): LicenseSource[] {
  return kinds.flatMap((kind) => sources.filter((s) => kindOf(s) === kind));
}
