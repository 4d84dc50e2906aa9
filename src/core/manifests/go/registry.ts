import { HttpError, type HttpResponse } from '../../net/http';
import type { Lookup } from '../../net/cache';
import type { RemoteContext, RemoteLicense } from '../../remote/context';
import type { Dependency } from '../../model';
import { LicenseLookupError, type FoundLicense, type LicenseSource } from '../../resolution';
import { goEnvFilePath, parseGoEnvFile } from './goEnv';
import { findReplacement, parseGoModFile } from './goMod';
import { GoFileCache, licenseNameRank } from './localFiles';
import { escapeModulePath, isSafeModulePath } from './modulePath';
import { bufferSource, readZipEntry, ZipError, zipEntries, type ZipEntry, type ZipSource } from './zip';

/*
 * Go modules declare no license anywhere but in a file at the module's root, so the license
 * comes from the module zip a module proxy serves (`{proxy}/{module}/@v/{version}.zip`, the
 * archive `go mod download` fetches): its LICENSE/COPYING text, chosen as the local sources
 * choose it, which the check then identifies. Only that text is cached, never the zip.
 *
 * The first request asks for the archive's tail with a range request. A proxy that honours it
 * is asked for the central directory and the license entry only, so a module of hundreds of
 * megabytes costs a few kilobytes; one that answers with the whole body (as a server without
 * range support does) is read from memory, up to MAX_ZIP_BYTES.
 */

export const DEFAULT_GO_PROXY = 'https://proxy.golang.org';
/** A whole module zip downloaded when the proxy ignores ranges (the go command allows 500 MB). */
export const MAX_ZIP_BYTES = 64 * 1024 * 1024;
/** A license file is a few kilobytes; more than this is not one (and may be a zip bomb). */
export const MAX_LICENSE_BYTES = 1024 * 1024;
/**
 * The first range asked for: the end record's whole search window (64 KB) and the central
 * directory of a module of ~600 files, so most modules need one request, or two.
 */
const TAIL_BYTES = 128 * 1024;

/** One entry of a GOPROXY list. */
export interface GoProxy {
  /** Base URL without credentials or trailing slash. */
  readonly url: string;
  /** Basic credentials from the URL's user information, sent to this proxy only. */
  readonly authorization?: string;
  /**
   * Written with `|` after it: any failure moves on to the next proxy. With `,` (or last),
   * only "no such module" (404/410) does, as the go command decides.
   */
  readonly fallBackOnError: boolean;
}

/**
 * A GOPROXY value as the go command reads it: proxies separated by `,` or `|`; `direct`
 * (fetch from version control) is skipped, since only a proxy serves zips; `off` ends the
 * list. Only http(s) proxies can be asked. Unset or empty means proxy.golang.org.
 */
export function parseGoProxyList(value: string | undefined): GoProxy[] {
  const parts = (value?.trim() || DEFAULT_GO_PROXY).split(/([,|])/);
  const proxies: GoProxy[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const entry = parts[i].trim();
    if (entry === 'off') break;
    const proxy = proxyFrom(entry, parts[i + 1] === '|');
    if (proxy) proxies.push(proxy);
  }
  return proxies;
}

function proxyFrom(entry: string, fallBackOnError: boolean): GoProxy | undefined {
  if (!/^https?:\/\//i.test(entry)) return undefined; // direct, file://, a typo
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return undefined;
  }
  const credentials = url.username || url.password ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined;
  url.username = '';
  url.password = '';
  return {
    url: url.href.replace(/\/+$/, ''),
    ...(credentials ? { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } : {}),
    fallBackOnError,
  };
}

/**
 * True when a comma-separated list of glob patterns (GOPRIVATE, GONOPROXY) matches a prefix
 * of the module path, element by element (golang.org/x/mod/module.MatchPrefixPatterns).
 */
export function matchesPrefixPatterns(patterns: string, modulePath: string): boolean {
  const target = modulePath.split('/');
  return patterns.split(',').some((raw) => {
    const pattern = raw.trim().replace(/\/+$/, '');
    if (pattern === '') return false;
    const elements = pattern.split('/');
    return elements.length <= target.length && elements.every((element, i) => globElement(element).test(target[i]));
  });
}

/** One element of a path.Match pattern: `*`, `?`, `[class]` and `\` escapes. */
function globElement(element: string): RegExp {
  let source = '';
  for (let i = 0; i < element.length; i++) {
    const char = element[i];
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '\\' && i + 1 < element.length) source += escapeRegExp(element[++i]);
    else if (char === '[') {
      const close = element.indexOf(']', i + 2);
      if (close < 0) return /$^/; // a malformed pattern matches nothing, as in Go
      // `[^…]` negates in both syntaxes; a backslash stays literal.
      source += `[${element.slice(i + 1, close).replace(/\\/g, '\\\\')}]`;
      i = close;
    } else source += escapeRegExp(char);
  }
  try {
    return new RegExp(`^${source}$`);
  } catch {
    return /$^/;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Canonical module versions, pseudo-versions and `+incompatible` included. */
const EXACT_VERSION = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+incompatible)?$/;
const MODULE_PATH_ELEMENT = /^[A-Za-z0-9._~-]+$/;

function isModulePath(modulePath: string): boolean {
  return isSafeModulePath(modulePath) && modulePath.split('/').every((element) => MODULE_PATH_ELEMENT.test(element));
}

/** 404 or 410 from a proxy: it does not have the module, and the next proxy may. */
class NotOnProxy extends Error {}

/** The license text of a module version, from the module proxies GOPROXY lists. */
export class GoProxyLicenses implements LicenseSource {
  readonly name = 'Go module proxy';
  readonly remote = true;
  private readonly files = new GoFileCache();
  private readonly proxies: readonly GoProxy[];
  /** The cache key's registry part: the proxy URLs, never their credentials (the cache is persisted). */
  private readonly registryKey: string;

  constructor(
    private readonly context: RemoteContext,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.proxies = parseGoProxyList(context.registries.goProxy);
    this.registryKey = this.proxies.map((proxy) => `${proxy.url}${proxy.fallBackOnError ? '|' : ','}`).join('');
  }

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    signal?.throwIfAborted();
    // A replacement in the go.mod saved on disk changes whose code, and license, is built.
    const goMod = await this.files.parsed(manifestPath, 'go.mod', parseGoModFile);
    const replacement = goMod ? findReplacement(goMod.replaces, dependency.name, dependency.requested) : undefined;
    if (replacement?.local) return undefined; // a folder of the project: the local replacement source reads it
    const modulePath = replacement?.newPath ?? dependency.name;
    const version = replacement?.newVersion ?? dependency.requested;
    if (!isModulePath(modulePath)) throw new LicenseLookupError(`"${modulePath}" is not a module path a proxy can serve`);
    if (!EXACT_VERSION.test(version)) throw new LicenseLookupError(`"${version}" is not an exact module version (go.mod versions look like v1.2.3)`);
    if (await this.isPrivate(modulePath, signal)) {
      throw new LicenseLookupError(`${modulePath} is private (GONOPROXY/GOPRIVATE): no module proxy is asked about it`);
    }
    if (this.proxies.length === 0) throw new LicenseLookupError('GOPROXY names no module proxy to ask (only "direct" or "off")');

    const lookup = await this.context.licenses.get(
      `go|${this.registryKey}|${modulePath}|${version}`,
      (abort) => this.fetchLicense(modulePath, version, abort),
      signal,
    );
    if ('failure' in lookup) throw new LicenseLookupError(lookup.failure);
    const { licenseText, licenseFile } = lookup.value;
    return {
      declared: undefined,
      source: this.name,
      version: dependency.requested,
      ...(licenseText !== undefined ? { licenseText, ...(licenseFile ? { licenseFile } : {}) } : {}),
    };
  }

  /**
   * The go command never sends a module matching GONOPROXY (default GOPRIVATE) to a proxy:
   * its path is the organisation's secret. Neither do we. Each variable comes from the
   * environment, else from the go env file.
   */
  private async isPrivate(modulePath: string, signal?: AbortSignal): Promise<boolean> {
    const { env } = this.context.environment;
    const envFile = goEnvFilePath(this.context.environment, this.platform);
    signal?.throwIfAborted();
    const written = envFile ? await this.files.parsed(envFile, 'go-env', parseGoEnvFile) : undefined;
    const value = (name: string): string | undefined => env[name] || written?.get(name) || undefined;
    const patterns = value('GONOPROXY') ?? value('GOPRIVATE');
    return patterns !== undefined && matchesPrefixPatterns(patterns, modulePath);
  }

  /** Each proxy in turn, moving on as GOPROXY's separators say. */
  private async fetchLicense(modulePath: string, version: string, signal: AbortSignal): Promise<Lookup<RemoteLicense>> {
    const missing: string[] = [];
    for (const [index, proxy] of this.proxies.entries()) {
      const last = index === this.proxies.length - 1;
      try {
        return { value: await this.licenseFromProxy(proxy, modulePath, version, signal) };
      } catch (error) {
        if (signal.aborted) throw error;
        if (error instanceof NotOnProxy) {
          if (!missing.includes(hostOf(proxy.url))) missing.push(hostOf(proxy.url));
        }
        else if (!proxy.fallBackOnError || last) throw error;
      }
    }
    return { failure: `${missing.join(', ')} ${missing.length > 1 ? 'have' : 'has'} no such module or version: ${modulePath}@${version}` };
  }

  private async licenseFromProxy(proxy: GoProxy, modulePath: string, version: string, signal: AbortSignal): Promise<RemoteLicense> {
    // Both are checked to hold only URL-safe characters; `+incompatible` keeps its `+`, as the go command sends it.
    const url = `${proxy.url}/${escapeModulePath(modulePath)}/@v/${escapeModulePath(version)}.zip`;
    const unexpected = (why: string): LicenseLookupError =>
      new LicenseLookupError(`${hostOf(proxy.url)} returned an unexpected answer for ${modulePath}@${version}: ${why}`);
    try {
      const zip = await openZip(this.context, proxy, url, signal);
      const prefix = `${modulePath}@${version}/`;
      const entries = await zipEntries(zip);
      if (entries.length > 0 && !entries.some((entry) => entry.name.startsWith(prefix))) throw unexpected(`the zip holds no ${prefix} folder`);
      for (const entry of licenseEntries(entries, prefix)) {
        signal.throwIfAborted();
        const text = new TextDecoder().decode(await readZipEntry(zip, entry, MAX_LICENSE_BYTES)).replace(/^\ufeff/, '');
        if (text.trim() !== '') return { version, licenseText: text, licenseFile: entry.name };
      }
      return { version }; // a module without a license file: the check says so
    } catch (error) {
      if (error instanceof ZipError) throw unexpected(error.message);
      if (error instanceof HttpError && (error.status === 404 || error.status === 410)) throw new NotOnProxy(error.message);
      if (error instanceof HttpError) throw new LicenseLookupError(error.message);
      throw error;
    }
  }
}

/** Root files of the module that look like its license, best first (as the local sources rank them). */
function licenseEntries(entries: readonly ZipEntry[], prefix: string): ZipEntry[] {
  return entries
    .filter((entry) => entry.name.startsWith(prefix) && !entry.name.slice(prefix.length).includes('/'))
    .map((entry) => ({ entry, rank: licenseNameRank(entry.name.slice(prefix.length)) }))
    .filter((candidate): candidate is { entry: ZipEntry; rank: number } => candidate.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0))
    .map((candidate) => candidate.entry);
}

/**
 * The zip at `url` for random access: asks for its tail with a range request; a `206` makes
 * later reads range requests too, a `200` is the whole archive.
 */
async function openZip(context: RemoteContext, proxy: GoProxy, url: string, signal: AbortSignal): Promise<ZipSource> {
  const headers = { accept: 'application/zip', ...(proxy.authorization ? { authorization: proxy.authorization } : {}) };
  const first = await context.http.get({ url, signal, maxBytes: MAX_ZIP_BYTES, headers: { ...headers, range: `bytes=-${TAIL_BYTES}` } });
  if (first.status !== 206) return bufferSource(first.body);
  const range = contentRange(first);
  if (!range || range.end !== range.total - 1) throw new ZipError('the answer to a range request does not match the range asked for');
  const tail = first.body;
  return {
    size: range.total,
    read: async (offset, length) => {
      if (offset >= range.start && offset + length <= range.total) return tail.subarray(offset - range.start, offset - range.start + length);
      if (length === 0) return new Uint8Array();
      const response = await context.http.get({ url, signal, maxBytes: length, headers: { ...headers, range: `bytes=${offset}-${offset + length - 1}` } });
      const part = contentRange(response);
      if (response.status !== 206 || !part || part.start !== offset || part.total !== range.total) {
        throw new ZipError('the answer to a range request does not match the range asked for');
      }
      return response.body;
    },
  };
}

/** `Content-Range: bytes 100-199/1000`, checked against the body received. */
function contentRange(response: HttpResponse): { start: number; end: number; total: number } | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(response.headers.get('content-range')?.trim() ?? '');
  if (!match) return undefined;
  const [start, end, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!(start <= end && end < total) || end - start + 1 !== response.body.byteLength) return undefined;
  return { start, end, total };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The Go module proxy sources: one, asking each proxy of GOPROXY in turn. */
export function remoteSources(context: RemoteContext): LicenseSource[] {
  return [new GoProxyLicenses(context)];
}
