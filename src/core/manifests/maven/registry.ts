import type { XMLElement } from '@xml-tools/ast';
import type { DeclaredLicense } from '../../licenses/normalize';
import { HttpError } from '../../net/http';
import type { Lookup } from '../../net/cache';
import type { RemoteContext, RemoteLicense } from '../../remote/context';
import type { Dependency } from '../../model';
import { LicenseLookupError, type FoundLicense, type LicenseSource } from '../../resolution';
import { declared, MavenLookup } from './localLicenses';
import { pomModel, type Coordinates } from './pomXml';
import { MAX_PARENT_DEPTH, safeSegments } from './repositories';
import { chooseVersion, parseRange } from './versions';
import { child, children, elementText, parseXmlTolerant } from './xml';

/*
 * Licenses from a remote Maven repository — Maven Central, or the company mirror that
 * replaces it — read as the local sources read the local repository: the artifact's POM
 * `<licenses>`, else its parent's, up the `<parent>` chain. A version that is not exact (a
 * range, LATEST/RELEASE, Gradle's `1.+`, nothing, an unresolved property) is chosen from the
 * artifact's maven-metadata.xml.
 */

export const MAVEN_CENTRAL = 'https://repo1.maven.org/maven2/';
/** POMs are a few kilobytes; the biggest (aggregators with long dependency lists) stay far below. */
const MAX_POM_BYTES = 4 * 1024 * 1024;
/** maven-metadata.xml of an artifact with thousands of versions is a few hundred kilobytes. */
const MAX_METADATA_BYTES = 8 * 1024 * 1024;
const XML_ACCEPT = 'application/xml, text/xml;q=0.9, */*;q=0.1';

/** What one POM says, as cached: plain JSON, since the cache may be persisted. */
interface RemotePom {
  readonly licenses: readonly string[];
  readonly parent?: Coordinates;
}

export class MavenRegistryLicenses implements LicenseSource {
  readonly name: string;
  readonly remote = true;
  /** The repository's base URL, without credentials (it is part of cache keys, which may be persisted). */
  private readonly base: string;
  /** Basic credentials written in the configured URL, sent to this repository only. */
  private readonly authorization?: string;
  /** Resolves `${property}` versions from gradle.properties and .mvn/maven.config, as the local sources do. */
  private readonly lookup: MavenLookup;

  constructor(private readonly context: RemoteContext) {
    const { url, authorization } = splitCredentials(withSlash(context.registries.maven || MAVEN_CENTRAL));
    this.base = url;
    this.authorization = authorization;
    this.name = this.base === MAVEN_CENTRAL ? 'Maven Central' : `Maven repository ${hostOf(this.base)}`;
    this.lookup = new MavenLookup(context.environment);
  }

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    const [groupId, artifactId, ...rest] = dependency.name.split(':');
    if (!groupId || !artifactId || rest.length > 0 || !safeSegments(groupId, artifactId)) {
      throw new LicenseLookupError(`"${dependency.name}" is not a groupId:artifactId a repository can serve`);
    }
    signal?.throwIfAborted();
    const requested = (await this.lookup.requestedVersion(manifestPath, dependency, signal)).trim();
    const version = await this.resolveVersion(groupId, artifactId, requested, signal);
    const lookup = await this.context.licenses.get(
      `maven|${this.base}|${groupId}:${artifactId}|${version}`,
      (abort) => this.inheritedLicense({ groupId, artifactId, version }, abort),
      signal,
    );
    if ('failure' in lookup) throw new LicenseLookupError(lookup.failure);
    return { declared: lookup.value.declared as DeclaredLicense, source: this.name, version };
  }

  /** An exact version as written; anything else, the highest published version it allows. */
  private async resolveVersion(groupId: string, artifactId: string, requested: string, signal?: AbortSignal): Promise<string> {
    if (isExactVersion(requested)) {
      if (!safeSegments(requested)) throw new LicenseLookupError(`"${requested}" is not a Maven version`);
      return requested;
    }
    const lookup = (await this.context.metadata.get(
      `maven-versions|${this.base}|${groupId}:${artifactId}`,
      (abort) => this.fetchVersions(groupId, artifactId, abort),
      signal,
    )) as Lookup<readonly string[]>;
    if ('failure' in lookup) throw new LicenseLookupError(lookup.failure);
    const version = chooseVersion(requested, lookup.value);
    if (version === undefined) {
      const what = requested === '' || requested.includes('$') ? 'is published' : `matches "${requested}"`;
      throw new LicenseLookupError(`no version of ${groupId}:${artifactId} ${what} on ${hostOf(this.base)}`);
    }
    return version;
  }

  private async fetchVersions(groupId: string, artifactId: string, signal: AbortSignal): Promise<Lookup<readonly string[]>> {
    const what = `${groupId}:${artifactId}`;
    const text = await this.getText(`${this.artifactUrl(groupId, artifactId)}maven-metadata.xml`, what, MAX_METADATA_BYTES, signal);
    const xml = parseXmlTolerant(text);
    const root = xml.roots[0];
    if (root?.name !== 'metadata' || xml.problems.length > 0) return { failure: this.unexpected(what, 'not a maven-metadata.xml') };
    const versions = versionsElement(root);
    return { value: versions ? children(versions, 'version').flatMap((v) => elementText(v, text)?.value ?? []).filter((v) => safeSegments(v)) : [] };
  }

  /** The licenses of the artifact's POM, else of the nearest parent that has some. */
  private async inheritedLicense(artifact: Coordinates, signal: AbortSignal): Promise<Lookup<RemoteLicense>> {
    const seen = new Set<string>();
    let current = artifact;
    for (let depth = 0; depth <= MAX_PARENT_DEPTH; depth++) {
      const key = `${current.groupId}:${current.artifactId}:${current.version}`;
      if (seen.has(key)) break; // a parent cycle: nothing above declares a license
      seen.add(key);
      const lookup = (await this.context.metadata.get(
        `maven-pom|${this.base}|${current.groupId}:${current.artifactId}|${current.version}`,
        (abort) => this.fetchPom(current, abort),
        signal,
      )) as Lookup<RemotePom>;
      if ('failure' in lookup) return depth === 0 ? lookup : { failure: `${lookup.failure} (a parent POM of ${coordinates(artifact)})` };
      const pom = lookup.value;
      if (pom.licenses.length > 0) return { value: { declared: declared(pom.licenses), version: artifact.version } };
      if (!pom.parent) break;
      current = pom.parent;
    }
    return { value: { declared: undefined, version: artifact.version } };
  }

  private async fetchPom(artifact: Coordinates, signal: AbortSignal): Promise<Lookup<RemotePom>> {
    const { groupId, artifactId, version } = artifact;
    const url = `${this.artifactUrl(groupId, artifactId)}${version}/${artifactId}-${version}.pom`;
    const text = await this.getText(url, coordinates(artifact), MAX_POM_BYTES, signal);
    const xml = parseXmlTolerant(text);
    if (xml.roots[0]?.name !== 'project') return { failure: this.unexpected(coordinates(artifact), 'not a POM') };
    const model = pomModel(xml.roots, text);
    // The parser recovers from broken XML; trust what it recovered only when it found licenses.
    if (xml.problems.length > 0 && model.licenses.length === 0) return { failure: this.unexpected(coordinates(artifact), 'a POM that is not well-formed XML') };
    const parent = model.parent;
    const usableParent = parent?.groupId && parent.artifactId && parent.version && safeSegments(parent.groupId, parent.artifactId, parent.version);
    return {
      value: {
        licenses: model.licenses,
        ...(usableParent ? { parent: { groupId: parent.groupId as string, artifactId: parent.artifactId as string, version: parent.version as string } } : {}),
      },
    };
  }

  private async getText(url: string, what: string, maxBytes: number, signal: AbortSignal): Promise<string> {
    try {
      const headers = { accept: XML_ACCEPT, ...(this.authorization ? { authorization: this.authorization } : {}) };
      const response = await this.context.http.get({ url, signal, maxBytes, headers });
      return new TextDecoder().decode(response.body).replace(/^\ufeff/, '');
    } catch (error) {
      if (error instanceof HttpError && (error.status === 404 || error.status === 410)) {
        throw new LicenseLookupError(`${hostOf(this.base)} has no such artifact or version: ${what}`);
      }
      throw error instanceof HttpError ? new LicenseLookupError(error.message) : error;
    }
  }

  private artifactUrl(groupId: string, artifactId: string): string {
    // Coordinates are checked (safeSegments) to hold only characters that need no escaping.
    return `${this.base}${groupId.split('.').join('/')}/${artifactId}/`;
  }

  private unexpected(what: string, why: string): string {
    return `${hostOf(this.base)} returned an unexpected answer for ${what} (${why})`;
  }
}

/** A version that names one release: not a range, keyword, Gradle dynamic version or unresolved property. */
function isExactVersion(version: string): boolean {
  return (
    version !== '' &&
    !/[$]|!!/.test(version) &&
    !version.endsWith('+') &&
    !/^(latest\.\w+|RELEASE|LATEST)$/i.test(version) &&
    parseRange(version) === undefined
  );
}

/** `<metadata><versioning><versions>`. */
function versionsElement(root: XMLElement): XMLElement | undefined {
  const versioning = child(root, 'versioning');
  return versioning ? child(versioning, 'versions') : undefined;
}

function coordinates({ groupId, artifactId, version }: Coordinates): string {
  return `${groupId}:${artifactId}:${version}`;
}

/** `https://user:token@nexus.example/maven2/` → the URL without them, and a Basic authorization header. */
function splitCredentials(base: string): { url: string; authorization?: string } {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return { url: base }; // the HTTP client says what is wrong with it
  }
  if (!url.username && !url.password) return { url: base };
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  return { url: url.href, authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
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

/** The remote Maven source: Maven Central, or the configured mirror in its place. */
export function remoteSources(context: RemoteContext): LicenseSource[] {
  return [new MavenRegistryLicenses(context)];
}
