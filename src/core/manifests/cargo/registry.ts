import * as semver from 'semver';
import { isRecord } from '../../files';
import type { Dependency } from '../../model';
import type { RemoteContext, RemoteLicense } from '../../remote/context';
import { arrayAt, baseUrl, cachedLicense, cachedMetadata, getRegistryJson, hostOf, optionalText, recordAt, unexpectedAnswer } from '../../remote/registryJson';
import { LicenseLookupError, type FoundLicense, type LicenseSource } from '../../resolution';
import { CrateResolver, type CrateRequest } from './crateResolver';
import { cargoRequirementToRange } from './requirement';

export { CRATES_IO_HOST, CRATES_IO_MIN_INTERVAL_MS } from '../../remote/limits';

export const PUBLIC_CRATES_IO = 'https://crates.io';

/** Kept equal to package.json's version by a unit test. */
export const OSPO_LENS_VERSION = '0.1.0';

/**
 * crates.io's data access policy asks every client for a user agent that says
 * who it is and how to reach its authors; requests without one are refused.
 */
export const CRATES_IO_USER_AGENT = `ospo-lens/${OSPO_LENS_VERSION} (license checks; see README)`;

/** A published, not yanked version and the license it declares (null: none, only a license file). */
interface CrateVersion {
  readonly num: string;
  readonly license?: string | null;
}

/**
 * Reads a crate's license from crates.io (or the API-compatible registry set as
 * `registries.crates`): `GET /api/v1/crates/<name>/<version>` → `version.license`.
 * The version is the one Cargo.lock pins, else an exact `=x.y.z`, else the highest
 * non-yanked version matching the requirement (`GET /api/v1/crates/<name>`, whose
 * version list carries each license, so no second request is needed). Never reads
 * .cargo/config.toml for a registry: only the user's setting moves it.
 *
 * crates.io allows one request per second: the HttpClient enforces it when it is
 * created with `minIntervalMsByHost: { [CRATES_IO_HOST]: CRATES_IO_MIN_INTERVAL_MS }`.
 */
export class CratesIoLicenses implements LicenseSource {
  readonly name = 'crates.io';
  readonly remote = true;
  private readonly base: string;

  constructor(
    private readonly context: RemoteContext,
    private readonly crates = new CrateResolver(),
  ) {
    this.base = baseUrl(context.registries.crates, PUBLIC_CRATES_IO);
  }

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    const request = await this.crateOf(manifestPath, dependency, signal);
    if (!request) return undefined;
    const chosen = await this.choose(request, signal);
    const key = `cargo|${this.base}|${request.name}|${chosen.num}`;
    const license = await cachedLicense(
      this.context,
      key,
      // The version list already said which license: no request to spend.
      (abort) => (chosen.license !== undefined ? Promise.resolve(fromList(chosen)) : this.fetchLicense(request.name, chosen.num, abort)),
      signal,
    );
    return { declared: license.declared as string | undefined, source: this.name, version: chosen.num };
  }

  /**
   * The exact version a dependency means (for deps.dev), or undefined when it is
   * one of the workspace's own crates, which no registry knows.
   */
  async resolveVersion(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<string | undefined> {
    const request = await this.crateOf(manifestPath, dependency, signal);
    return request ? (await this.choose(request, signal)).num : undefined;
  }

  private async crateOf(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<CrateRequest | undefined> {
    const request = await this.crates.resolve(manifestPath, dependency, signal);
    if (!request || request.localPath) return undefined; // the project's own code, or not a crate name
    if (request.git) throw new LicenseLookupError(`a git dependency has no ${hostOf(this.base)} entry (${request.git})`);
    return request;
  }

  private async choose(request: CrateRequest, signal?: AbortSignal): Promise<CrateVersion> {
    if (request.lockedVersion) return { num: request.lockedVersion };
    const requirement = request.requirement ?? '*';
    const exact = /^=\s*(\S+)$/.exec(requirement.trim());
    if (exact && semver.valid(exact[1])) return { num: exact[1] };
    const range = cargoRequirementToRange(requirement);
    if (!range) throw new LicenseLookupError(`"${requirement}" is not a Cargo version requirement`);
    const versions = await cachedMetadata(this.context, `crates-versions|${this.base}|${request.name}`, (abort) => this.fetchVersions(request.name, abort), signal);
    const best = semver.maxSatisfying(
      versions.map((v) => v.num),
      range,
    );
    if (!best) throw new LicenseLookupError(`no published, not yanked version of ${request.name} matches "${requirement}"`);
    return versions.find((v) => v.num === best) ?? { num: best };
  }

  /** The crate's versions, yanked ones left out. */
  private async fetchVersions(name: string, signal: AbortSignal): Promise<readonly CrateVersion[]> {
    const url = `${this.base}/api/v1/crates/${encodeURIComponent(name)}`;
    const json = await getRegistryJson(this.context, { url, signal, what: name, headers: { 'user-agent': CRATES_IO_USER_AGENT } });
    if (!isRecord(json)) throw unexpectedAnswer(url, name);
    // The crate document lists its versions; should it stop doing so, the paginated
    // versions endpoint (all of them when no page size is asked for) has the same items.
    let list = arrayAt(json, 'versions');
    if (!list) {
      const versionsUrl = `${url}/versions`;
      list = arrayAt(await getRegistryJson(this.context, { url: versionsUrl, signal, what: name, headers: { 'user-agent': CRATES_IO_USER_AGENT } }), 'versions');
      if (!list) throw unexpectedAnswer(versionsUrl, name, 'no "versions"');
    }
    return list.flatMap((item): CrateVersion[] => {
      if (!isRecord(item) || typeof item.num !== 'string' || !semver.valid(item.num) || item.yanked === true) return [];
      const license = optionalText(item, 'license');
      return [{ num: item.num, ...(license.ok ? { license: license.value ?? null } : {}) }];
    });
  }

  private async fetchLicense(name: string, version: string, signal: AbortSignal): Promise<RemoteLicense> {
    const url = `${this.base}/api/v1/crates/${encodeURIComponent(name)}/${encodeURIComponent(version)}`;
    const what = `${name} ${version}`;
    const entry = recordAt(await getRegistryJson(this.context, { url, signal, what, headers: { 'user-agent': CRATES_IO_USER_AGENT } }), 'version');
    if (!entry) throw unexpectedAnswer(url, what, 'no "version"');
    const license = optionalText(entry, 'license');
    if (!license.ok) throw unexpectedAnswer(url, what, '"license" is not text');
    return { ...(license.value ? { declared: license.value } : {}), version };
  }
}

function fromList(version: CrateVersion): RemoteLicense {
  return { ...(version.license ? { declared: version.license } : {}), version: version.num };
}

/** The network license sources for Rust dependencies, in the order to try them. */
export function remoteSources(context: RemoteContext, crates = new CrateResolver()): LicenseSource[] {
  return [new CratesIoLicenses(context, crates)];
}
