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
}

/**
 * Somewhere a dependency's license can be found. Sources are tried in order;
 * the first that answers wins. Every source must honour `signal`.
 */
export interface LicenseSource {
  readonly name: string;
  find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined>;
}

/** Asks each source in turn. */
export async function findLicense(
  sources: readonly LicenseSource[],
  manifestPath: string,
  dependency: Dependency,
  signal?: AbortSignal,
): Promise<FoundLicense | undefined> {
  for (const source of sources) {
    signal?.throwIfAborted();
    const found = await source.find(manifestPath, dependency, signal);
    if (found) return found;
  }
  return undefined;
}
