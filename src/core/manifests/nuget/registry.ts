import * as path from 'node:path';
import { isRecord } from '../../files';
import type { Dependency } from '../../model';
import type { RemoteContext, RemoteLicense } from '../../remote/context';
import { arrayAt, baseUrl, cachedLicense, cachedMetadata, getRegistryJson, hostOf, optionalText, text, unexpectedAnswer } from '../../remote/registryJson';
import { LicenseLookupError, type FoundLicense, type LicenseSource } from '../../resolution';
import { licenseFromUrl } from './nuspec';
import { CentralVersions } from './settings';
import { compareVersions, parseRequest, parseVersion, satisfies, type NuGetVersion, type VersionRequest } from './versions';

export const PUBLIC_NUGET = 'https://api.nuget.org';

/** One version of a package as its registration page describes it. */
interface RegistrationEntry {
  readonly version: string;
  readonly licenseExpression?: string;
  readonly licenseUrl?: string;
  readonly listed: boolean;
}

/** A registration page: its bounds, and its entries when the index inlines them. */
interface RegistrationPage {
  readonly url: string;
  readonly lower?: string;
  readonly upper?: string;
  readonly entries?: readonly RegistrationEntry[];
}

interface Candidate {
  readonly entry: RegistrationEntry;
  readonly version: NuGetVersion;
}

/**
 * Reads a package's license from a NuGet v3 feed's registration resource
 * (nuget.org, or the feed set as `registries.nuget`): the service index
 * (`/v3/index.json`) names the registrations base; `<base><id>/index.json` lists
 * pages of versions, inline or by URL; each entry's `catalogEntry` carries
 * `licenseExpression` (wins) and `licenseUrl`. The version is the one restore
 * would take: exactly `[1.2.3]`, the lowest at or above a bare `1.2.3`, the
 * highest in a range or float. Never reads nuget.config for package sources: only
 * the user's setting moves the feed.
 */
export class NuGetRegistryLicenses implements LicenseSource {
  readonly name = 'NuGet';
  readonly remote = true;
  private readonly base: string;

  constructor(
    private readonly context: RemoteContext,
    private readonly centralVersions = new CentralVersions(),
  ) {
    this.base = baseUrl(context.registries.nuget, PUBLIC_NUGET);
  }

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    const entry = await this.chooseEntry(manifestPath, dependency, signal);
    const id = dependency.name.toLowerCase();
    // The entry already holds the license: the cache only keeps it for later sessions.
    const license = await cachedLicense(this.context, `nuget|${this.base}|${id}|${entry.version.toLowerCase()}`, () => Promise.resolve(licenseOf(entry)), signal);
    return { declared: license.declared as string | undefined, source: this.name, version: entry.version };
  }

  /** The exact version restore would take (for deps.dev). */
  async resolveVersion(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<string> {
    return (await this.chooseEntry(manifestPath, dependency, signal)).version;
  }

  private async chooseEntry(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<RegistrationEntry> {
    const id = dependency.name.trim();
    if (!/^[A-Za-z0-9_.-]+$/.test(id)) throw new LicenseLookupError(`"${id}" is not a NuGet package id`);
    // A reference without a version takes it from Directory.Packages.props (central management).
    const requested = dependency.requested.trim() || ((await this.centralVersions.versionOf(path.dirname(manifestPath), id)) ?? '').trim();
    const request = requested === '' ? undefined : parseRequest(requested);
    if (requested !== '' && !request) throw new LicenseLookupError(`"${requested}" is not a NuGet version or range`);
    const pages = await this.registration(id.toLowerCase(), signal);
    const ordered = request?.kind === 'minimum' || request?.kind === 'exact' ? pages : [...pages].reverse();
    for (const page of ordered) {
      if (request && !mayContain(page, request)) continue;
      const entries = page.entries ?? (await this.pageEntries(page.url, id, signal));
      const chosen = pick(entries, request);
      if (chosen) return chosen;
    }
    throw new LicenseLookupError(`no version of ${id} on ${hostOf(this.base)} matches "${requested || 'any version'}"`);
  }

  /** The registrations base URL the feed's service index names. */
  private registrationsBase(signal?: AbortSignal): Promise<string> {
    return cachedMetadata(
      this.context,
      `nuget-index|${this.base}`,
      async (abort) => {
        const url = `${this.base}/v3/index.json`;
        const resources = arrayAt(await getRegistryJson(this.context, { url, signal: abort, what: 'the service index' }), 'resources');
        if (!resources) throw unexpectedAnswer(url, 'the service index', 'no "resources"');
        const registrations = registrationsResource(resources);
        if (!registrations) throw new LicenseLookupError(`${hostOf(this.base)} offers no package registrations (RegistrationsBaseUrl) in its service index`);
        return registrations.endsWith('/') ? registrations : `${registrations}/`;
      },
      signal,
    );
  }

  private async registration(id: string, signal?: AbortSignal): Promise<readonly RegistrationPage[]> {
    const registrations = await this.registrationsBase(signal);
    return cachedMetadata(
      this.context,
      `nuget-registration|${registrations}|${id}`,
      async (abort) => {
        const url = `${registrations}${encodeURIComponent(id)}/index.json`;
        const items = arrayAt(await getRegistryJson(this.context, { url, signal: abort, what: id }), 'items');
        if (!items) throw unexpectedAnswer(url, id, 'no "items"');
        return items.map((item) => readPage(item, url, id));
      },
      signal,
    );
  }

  private pageEntries(url: string, id: string, signal?: AbortSignal): Promise<readonly RegistrationEntry[]> {
    return cachedMetadata(
      this.context,
      `nuget-page|${url}`,
      async (abort) => {
        const items = arrayAt(await getRegistryJson(this.context, { url, signal: abort, what: `${id} (a page of versions)` }), 'items');
        if (!items) throw unexpectedAnswer(url, id, 'a page without "items"');
        return readEntries(items);
      },
      signal,
    );
  }
}

/** `RegistrationsBaseUrl/3.6.0` (SemVer 2 packages too), else the newest other registrations resource. */
function registrationsResource(resources: readonly unknown[]): string | undefined {
  const byType = new Map<string, string>();
  for (const resource of resources) {
    if (!isRecord(resource)) continue;
    const type = text(resource['@type']);
    const id = text(resource['@id']);
    if (type && id && type.startsWith('RegistrationsBaseUrl') && !byType.has(type)) byType.set(type, id);
  }
  const preferred = ['RegistrationsBaseUrl/3.6.0', 'RegistrationsBaseUrl/Versioned', 'RegistrationsBaseUrl/3.4.0'];
  for (const type of preferred) if (byType.has(type)) return byType.get(type);
  return byType.values().next().value;
}

function readPage(item: unknown, indexUrl: string, id: string): RegistrationPage {
  if (!isRecord(item)) throw unexpectedAnswer(indexUrl, id, 'a page that is not an object');
  const url = text(item['@id']);
  const entries = Array.isArray(item.items) ? readEntries(item.items) : undefined;
  if (!entries && !url) throw unexpectedAnswer(indexUrl, id, 'a page with neither items nor a URL');
  const lower = text(item.lower);
  const upper = text(item.upper);
  return { url: url ?? indexUrl, ...(lower ? { lower } : {}), ...(upper ? { upper } : {}), ...(entries ? { entries } : {}) };
}

/** Registration leaves to entries; leaves without a usable catalog entry are left out. */
function readEntries(items: readonly unknown[]): RegistrationEntry[] {
  return items.flatMap((leaf): RegistrationEntry[] => {
    const entry = isRecord(leaf) && isRecord(leaf.catalogEntry) ? leaf.catalogEntry : undefined;
    const version = entry && text(entry.version);
    if (!entry || !version || !parseVersion(version)) return [];
    const expression = optionalText(entry, 'licenseExpression');
    const url = optionalText(entry, 'licenseUrl');
    // nuget.org marks an unlisted version with listed: false (older entries: a 1900 publish date).
    const listed = entry.listed !== false && !String(entry.published ?? '').startsWith('1900-');
    return [
      {
        version,
        ...(expression.ok && expression.value ? { licenseExpression: expression.value } : {}),
        ...(url.ok && url.value ? { licenseUrl: url.value } : {}),
        listed,
      },
    ];
  });
}

/** Whether a page's [lower, upper] can hold a version the request accepts. */
function mayContain(page: RegistrationPage, request: VersionRequest): boolean {
  const lower = page.lower ? parseVersion(page.lower) : undefined;
  const upper = page.upper ? parseVersion(page.upper) : undefined;
  const atMost = (v: NuGetVersion): boolean => !lower || compareVersions(lower, v) <= 0;
  const atLeast = (v: NuGetVersion): boolean => !upper || compareVersions(upper, v) >= 0;
  switch (request.kind) {
    case 'exact':
      return atMost(request.version) && atLeast(request.version);
    case 'minimum':
      return atLeast(request.version);
    case 'interval':
      return (!request.min || atLeast(request.min)) && (!request.max || atMost(request.max));
    case 'floating':
      return true;
  }
}

/**
 * The entry restore would take among these: the exact version (even unlisted);
 * the lowest listed at or above a bare version (or that version itself, even
 * unlisted); the highest listed in a range or float; without any version, the
 * highest listed release.
 */
function pick(entries: readonly RegistrationEntry[], request: VersionRequest | undefined): RegistrationEntry | undefined {
  const candidates = entries
    .map((entry) => ({ entry, version: parseVersion(entry.version) }))
    .filter((c): c is Candidate => c.version !== undefined)
    .sort((a, b) => compareVersions(a.version, b.version));
  if (!request) {
    const listed = candidates.filter((c) => c.entry.listed);
    const releases = listed.filter((c) => c.version.prerelease.length === 0);
    return (releases.length > 0 ? releases : listed).pop()?.entry;
  }
  if (request.kind === 'exact' || request.kind === 'minimum') {
    const same = candidates.find((c) => compareVersions(c.version, request.version) === 0);
    if (same) return same.entry;
    if (request.kind === 'exact') return undefined;
  }
  const matching = candidates.filter((c) => c.entry.listed && satisfies(c.version, request));
  return (request.kind === 'minimum' ? matching[0] : matching[matching.length - 1])?.entry;
}

/** `licenseExpression` wins; else what `licenseUrl` declares (an embedded expression, or the URL). */
function licenseOf(entry: RegistrationEntry): RemoteLicense {
  const declared = entry.licenseExpression ?? (entry.licenseUrl ? licenseFromUrl(entry.licenseUrl) : undefined);
  return { ...(declared ? { declared } : {}), version: entry.version };
}

/** The network license sources for .NET dependencies, in the order to try them. */
export function remoteSources(context: RemoteContext): LicenseSource[] {
  return [new NuGetRegistryLicenses(context)];
}
