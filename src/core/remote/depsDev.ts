import * as semver from 'semver';
import { isRecord } from '../files';
import { CratesIoLicenses } from '../manifests/cargo/registry';
import { cargoRequirementToRange } from '../manifests/cargo/requirement';
import { chooseVersion } from '../manifests/maven/versions';
import { NuGetRegistryLicenses } from '../manifests/nuget/registry';
import { compareVersions as compareNuGet, parseRequest, parseVersion as parseNuGet, satisfies as satisfiesNuGet, type NuGetVersion } from '../manifests/nuget/versions';
import { parseConstraint, pickVersion as pickPython } from '../manifests/python/constraints';
import { parseVersion as parsePython, type Pep440Version } from '../manifests/python/pep440';
import { normalizeName } from '../manifests/python/pep508';
import { PypiRegistryLicenses } from '../manifests/python/registry';
import type { Dependency, Ecosystem } from '../model';
import { LicenseLookupError, type FoundLicense, type LicenseSource } from '../resolution';
import type { RemoteContext, RemoteLicense } from './context';
import { arrayAt, baseUrl, cachedLicense, cachedMetadata, getRegistryJson, unexpectedAnswer } from './registryJson';
import { exactVersion } from './versions';

export const PUBLIC_DEPS_DEV = 'https://api.deps.dev';

/**
 * The exact version a dependency means, from the ecosystem's own registry;
 * undefined when the dependency is not a registry package (the project's own code).
 * Throws LicenseLookupError when it cannot tell.
 */
export type ResolveVersion = (manifestPath: string, dependency: Dependency, signal?: AbortSignal) => Promise<string | undefined>;

/** Chooses, among the versions deps.dev knows, the one `requested` means; undefined when none fits. */
export type PickVersion = (available: readonly string[], requested: string) => string | undefined;

export interface DepsDevOptions {
  /** Tried first: the ecosystem's own resolution (lockfiles, yanked releases, central versions). */
  readonly resolveVersion?: ResolveVersion;
  /** Used when the requirement is not exact and there is no resolver, or it could not answer. */
  readonly pickVersion?: PickVersion;
}

/**
 * Licenses from deps.dev (Google's Open Source Insights), for every ecosystem:
 * `GET /v3/systems/<system>/packages/<name>/versions/<version>` → `licenses[]`.
 * deps.dev reads them from the package's metadata (Go: from its license files),
 * as SPDX expressions or "non-standard". It needs an exact version: the
 * requirement's own when it names one, else the ecosystem's resolver, else the
 * best match among the versions deps.dev lists. The base URL is the user's
 * `registries.depsDev` setting or the public API, nothing the workspace says.
 */
export class DepsDevLicenses implements LicenseSource {
  readonly name = 'deps.dev';
  readonly remote = true;
  readonly kind = 'depsdev' as const;
  private readonly base: string;

  constructor(
    private readonly context: RemoteContext,
    private readonly ecosystem: Ecosystem,
    private readonly options: DepsDevOptions = {},
  ) {
    this.base = baseUrl(context.registries.depsDev, PUBLIC_DEPS_DEV);
  }

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    const version = await this.versionOf(manifestPath, dependency, signal);
    if (version === undefined) return undefined;
    const name = this.packageName(dependency.name);
    const license = await cachedLicense(this.context, `${this.ecosystem}|${this.base}|${name}|${version}`, (abort) => this.fetchLicense(name, version, abort), signal);
    // An empty list means deps.dev could not find license information, not that there is none.
    if (license.declared === undefined) return undefined;
    return { declared: license.declared as string, source: this.name, version };
  }

  private async versionOf(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<string | undefined> {
    const requested = dependency.requested.trim();
    const exact = exactVersion(this.ecosystem, requested);
    let failure: string | undefined;
    if (this.options.resolveVersion) {
      try {
        return await this.options.resolveVersion(manifestPath, dependency, signal);
      } catch (error) {
        if (!(error instanceof LicenseLookupError) || signal?.aborted) throw error;
        failure = error.message;
      }
    }
    if (exact !== undefined) return exact;
    if (this.options.pickVersion) {
      const name = this.packageName(dependency.name);
      const available = await cachedMetadata(this.context, `depsdev-versions|${this.base}|${this.ecosystem}|${name}`, (abort) => this.fetchVersions(name, abort), signal);
      const picked = this.options.pickVersion(available, requested);
      if (picked !== undefined) return picked;
      throw new LicenseLookupError(`no version of ${name} that deps.dev knows matches "${requested || 'any version'}"`);
    }
    throw new LicenseLookupError(
      failure ? `no exact version to ask about (${failure})` : `deps.dev needs an exact version, and "${requested || '(none)'}" does not name one`,
    );
  }

  private async fetchLicense(name: string, version: string, signal: AbortSignal): Promise<RemoteLicense> {
    const url = `${this.packageUrl(name)}/versions/${encodeURIComponent(version)}`;
    const what = `${name} ${version}`;
    const json = await getRegistryJson(this.context, { url, signal, what });
    if (!isRecord(json) || !isRecord(json.versionKey)) throw unexpectedAnswer(url, what, 'no "versionKey"');
    // proto3 JSON leaves out an empty list, so a missing "licenses" is an empty one.
    const licenses = json.licenses ?? [];
    if (!Array.isArray(licenses) || licenses.some((l) => typeof l !== 'string')) throw unexpectedAnswer(url, what, '"licenses" is not a list of text');
    const declared = combineLicenses(licenses as string[]);
    return { ...(declared ? { declared } : {}), version };
  }

  private async fetchVersions(name: string, signal: AbortSignal): Promise<readonly string[]> {
    const url = this.packageUrl(name);
    const versions = arrayAt(await getRegistryJson(this.context, { url, signal, what: name }), 'versions');
    if (!versions) throw unexpectedAnswer(url, name, 'no "versions"');
    return versions.flatMap((item) => {
      const key = isRecord(item) && isRecord(item.versionKey) ? item.versionKey : undefined;
      return key && typeof key.version === 'string' && key.version !== '' ? [key.version] : [];
    });
  }

  /** Systems are spelled as our ecosystems are; names are URL-encoded whole (Maven's group:artifact, Go's path, npm's @scope/name). */
  private packageUrl(name: string): string {
    return `${this.base}/v3/systems/${this.ecosystem}/packages/${encodeURIComponent(name)}`;
  }

  /** deps.dev knows PyPI projects by their PEP 503 name. */
  private packageName(name: string): string {
    return this.ecosystem === 'pypi' ? normalizeName(name) : name;
  }
}

/**
 * deps.dev lists "the licenses governing use" of a version and leaves their
 * relationship unspecified. Read as AND — every one applies — which is the
 * conservative reading: the policy judges by the strictest of them. A
 * "non-standard" entry stays as written, so the check reports it unrecognised.
 */
export function combineLicenses(licenses: readonly string[]): string | undefined {
  const unique = [...new Set(licenses.map((l) => l.trim()).filter((l) => l !== ''))];
  if (unique.length <= 1) return unique[0];
  return unique.map((l) => (/\s/.test(l) ? `(${l})` : l)).join(' AND ');
}

/**
 * The deps.dev source for an ecosystem, with that ecosystem's own version
 * resolution and a matcher for the versions deps.dev lists.
 */
export function depsDevLicenses(ecosystem: Ecosystem, context: RemoteContext): DepsDevLicenses {
  switch (ecosystem) {
    case 'pypi': {
      const pypi = new PypiRegistryLicenses(context);
      return new DepsDevLicenses(context, ecosystem, { resolveVersion: (m, d, s) => pypi.resolveVersion(m, d, s), pickVersion: pickPythonVersion });
    }
    case 'cargo': {
      const crates = new CratesIoLicenses(context);
      return new DepsDevLicenses(context, ecosystem, { resolveVersion: (m, d, s) => crates.resolveVersion(m, d, s), pickVersion: pickCargoVersion });
    }
    case 'nuget': {
      const nuget = new NuGetRegistryLicenses(context);
      return new DepsDevLicenses(context, ecosystem, { resolveVersion: (m, d, s) => nuget.resolveVersion(m, d, s), pickVersion: pickNuGetVersion });
    }
    case 'npm':
      return new DepsDevLicenses(context, ecosystem, { pickVersion: pickNpmVersion });
    case 'maven':
      return new DepsDevLicenses(context, ecosystem, { pickVersion: pickMavenVersion });
    case 'go':
      // go.mod names exact versions; nothing to choose.
      return new DepsDevLicenses(context, ecosystem);
  }
}

export function pickPythonVersion(available: readonly string[], requested: string): string | undefined {
  const constraint = parseConstraint(requested);
  if (!constraint) return undefined;
  return pickPython(available.map(parsePython).filter((v): v is Pep440Version => v !== undefined), constraint)?.text;
}

export function pickCargoVersion(available: readonly string[], requested: string): string | undefined {
  const range = cargoRequirementToRange(requested === '' ? '*' : requested);
  return range ? (semver.maxSatisfying([...available].filter((v) => semver.valid(v)), range) ?? undefined) : undefined;
}

export function pickNpmVersion(available: readonly string[], requested: string): string | undefined {
  const range = requested === '' || requested === 'latest' ? '*' : requested;
  return semver.validRange(range) ? (semver.maxSatisfying([...available].filter((v) => semver.valid(v)), range) ?? undefined) : undefined;
}

/** Only a requirement Maven can read on its own: a managed (empty) or `${…}` version says nothing here. */
export function pickMavenVersion(available: readonly string[], requested: string): string | undefined {
  if (requested === '' || requested.includes('$')) return undefined;
  return chooseVersion(requested, available);
}

/** The version restore would take among those listed: the lowest at or above a bare version, the highest in a range or float. */
export function pickNuGetVersion(available: readonly string[], requested: string): string | undefined {
  const request = parseRequest(requested);
  if (!request) return undefined;
  const matching = available
    .map((text) => ({ text, version: parseNuGet(text) }))
    .filter((c): c is { text: string; version: NuGetVersion } => c.version !== undefined && satisfiesNuGet(c.version, request))
    .sort((a, b) => compareNuGet(a.version, b.version));
  return (request.kind === 'minimum' ? matching[0] : matching[matching.length - 1])?.text;
}
