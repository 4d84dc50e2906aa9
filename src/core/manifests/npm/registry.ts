import * as path from 'node:path';
import * as semver from 'semver';
import { isRecord } from '../../files';
import { HttpError } from '../../net/http';
import type { Lookup } from '../../net/cache';
import type { RemoteContext, RemoteLicense } from '../../remote/context';
import type { Dependency } from '../../model';
import { LicenseLookupError, type FoundLicense, type LicenseSource } from '../../resolution';
import { authorizationFor, loadNpmConfig, registryFor, type NpmRegistryConfig } from './npmrc';

interface VersionList {
  readonly versions: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Reads a dependency's license from the npm registry (or the registry .npmrc
 * configures for it): the range resolves to the highest published version that
 * satisfies it (from the abbreviated metadata, which has versions but no
 * licenses), then the version document gives `license` (or legacy `licenses`).
 */
export class NpmRegistryLicenses implements LicenseSource {
  readonly name = 'npm registry';
  readonly remote = true;
  private readonly configs = new Map<string, Promise<NpmRegistryConfig>>();

  constructor(private readonly context: RemoteContext) {}

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    const config = await this.configFor(manifestPath);
    const { name, range } = realPackage(dependency);
    // A scope's own registry (.npmrc) wins; otherwise a configured mirror replaces the default.
    const scoped = registryFor(config, name) !== config.registry;
    const registry = !scoped && this.context.registries.npm ? withSlash(this.context.registries.npm) : registryFor(config, name);
    const version = await this.resolveVersion(registry, config, name, range, signal);
    const lookup = await this.context.licenses.get(
      `npm|${registry}|${name}|${version}`,
      (abort) => this.fetchLicense(registry, config, name, version, abort),
      signal,
    );
    if ('failure' in lookup) throw new LicenseLookupError(lookup.failure);
    return { declared: lookup.value.declared as FoundLicense['declared'], source: this.name, version };
  }

  private async resolveVersion(registry: string, config: NpmRegistryConfig, name: string, range: string, signal?: AbortSignal): Promise<string> {
    if (semver.valid(range)) return semver.clean(range) as string;
    if (!semver.validRange(range) && !/^[a-z][\w.-]*$/i.test(range)) {
      throw new LicenseLookupError(`"${range}" is not a registry version (a git, file or URL dependency has no registry entry)`);
    }
    const lookup = (await this.context.metadata.get(
      `npm-versions|${registry}|${name}`,
      (abort) => this.fetchVersions(registry, config, name, abort),
      signal,
    )) as Lookup<VersionList>;
    if ('failure' in lookup) throw new LicenseLookupError(lookup.failure);
    const { versions, tags } = lookup.value;
    const tagged = tags[range];
    if (tagged) return tagged;
    // npm prefers the "latest" tag when it satisfies the range.
    const latest = tags.latest;
    if (latest && semver.validRange(range) && semver.satisfies(latest, range)) return latest;
    const best = semver.validRange(range) ? semver.maxSatisfying([...versions], range) : null;
    if (!best) throw new LicenseLookupError(`no published version of ${name} matches "${range}"`);
    return best;
  }

  private async fetchVersions(registry: string, config: NpmRegistryConfig, name: string, signal: AbortSignal): Promise<Lookup<VersionList>> {
    const url = `${registry}${encodeName(name)}`;
    const { json } = await this.get(url, config, signal, 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8');
    if (!isRecord(json) || !isRecord(json.versions)) return { failure: `${hostOf(registry)} returned metadata without versions for ${name}` };
    const tags = isRecord(json['dist-tags']) ? (json['dist-tags'] as Record<string, string>) : {};
    return { value: { versions: Object.keys(json.versions).filter((v) => semver.valid(v)), tags } };
  }

  private async fetchLicense(registry: string, config: NpmRegistryConfig, name: string, version: string, signal: AbortSignal): Promise<Lookup<RemoteLicense>> {
    const url = `${registry}${encodeName(name)}/${encodeURIComponent(version)}`;
    const { json } = await this.get(url, config, signal, 'application/json');
    if (!isRecord(json)) return { failure: `${hostOf(registry)} returned an unexpected answer for ${name}@${version}` };
    const declared = json.license ?? json.licenses;
    return { value: { declared, version } };
  }

  private async get(url: string, config: NpmRegistryConfig, signal: AbortSignal, accept: string): Promise<{ json: unknown }> {
    const authorization = authorizationFor(config, url);
    try {
      return await this.context.http.getJson({ url, signal, headers: { accept, ...(authorization ? { authorization } : {}) } });
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) throw new LicenseLookupError(`${hostOf(url)} has no such package or version`);
      throw error instanceof HttpError ? new LicenseLookupError(error.message) : error;
    }
  }

  private configFor(manifestPath: string): Promise<NpmRegistryConfig> {
    const dir = path.dirname(path.resolve(manifestPath));
    let config = this.configs.get(dir);
    if (!config) {
      const { home, env } = this.context.environment;
      config = loadNpmConfig(manifestPath, home, env, this.context.trustWorkspace);
      this.configs.set(dir, config);
    }
    return config;
  }
}

/** `"alias": "npm:real-name@^1"` installs real-name; the license is real-name's. */
function realPackage(dependency: Dependency): { name: string; range: string } {
  const alias = /^npm:((?:@[^/]+\/)?[^@]+)(?:@(.*))?$/.exec(dependency.requested.trim());
  if (alias) return { name: alias[1], range: alias[2] || 'latest' };
  const range = dependency.requested.trim();
  return { name: dependency.name, range: range === '' || range === '*' ? 'latest' : range };
}

/** Scoped names keep their @ and encode the slash, as registries expect. */
function encodeName(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
