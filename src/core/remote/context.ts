import type { LocalEnvironment } from '../resolution';
import type { LookupCache } from '../net/cache';
import type { HttpClient } from '../net/http';

/** A license as a registry reports it, cached by registry + name + version. */
export interface RemoteLicense {
  readonly declared?: unknown;
  readonly version?: string;
  readonly classifiers?: readonly string[];
  readonly licenseText?: string;
  readonly licenseFile?: string;
}

/** Registry base URLs; company mirrors replace the public ones. */
export interface RegistryUrls {
  readonly npm?: string;
  readonly pypi?: string;
  readonly crates?: string;
  readonly maven?: string;
  readonly goProxy?: string;
  readonly nuget?: string;
  readonly depsDev?: string;
}

/** What every network license source shares: one client, one cache. */
export interface RemoteContext {
  readonly http: HttpClient;
  readonly licenses: LookupCache<RemoteLicense>;
  /** Version lists and other short-lived metadata. */
  readonly metadata: LookupCache<unknown>;
  readonly environment: LocalEnvironment;
  readonly registries: RegistryUrls;
  /**
   * False in an untrusted workspace: nothing the workspace configures (.npmrc,
   * registry URLs in its settings) is used, so no request or credential goes
   * where the workspace points.
   */
  readonly trustWorkspace: boolean;
}
