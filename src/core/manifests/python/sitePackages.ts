import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { normalizeLicense } from '../../licenses/normalize';
import type { Dependency } from '../../model';
import type { FoundLicense, LicenseSource, LocalEnvironment } from '../../resolution';
import { parseMetadataLicense, type MetadataLicense } from './coreMetadata';
import { normalizeName } from './pep508';
import { StatCache } from './statCache';

/** An installed distribution's metadata folder (or, for very old installs, file). */
interface InstalledDistribution {
  readonly path: string;
  readonly kind: 'dist-info' | 'egg-info';
  /** From the folder name, for when the metadata has no `Version`. */
  readonly version?: string;
}

/** How long a venv lookup from one folder is reused: it runs ~300 ms after every keystroke. */
const VENV_LOOKUP_TTL_MS = 2000;
const VENV_FOLDER_NAMES = ['.venv', 'venv'];
/** License texts bigger than this are not license texts. */
const MAX_LICENSE_FILE_BYTES = 512 * 1024;
const LICENSE_FILE_NAME = /^(licen[cs]e|copying)/i;

/**
 * Reads the licenses of packages installed in a Python virtual environment, as
 * pip, uv and Poetry lay it out: `<venv>/lib/python3.X/site-packages` (or
 * `<venv>/Lib/site-packages` on Windows) holding `<name>-<version>.dist-info/METADATA`,
 * or `<name>-<version>.egg-info/PKG-INFO` for older installs.
 *
 * The virtual environment is, in order:
 * - `environment.pythonVenv` when configured (and then only it);
 * - else the nearest `.venv` or `venv` folder from the manifest's folder upward;
 * - then `VIRTUAL_ENV` (an activated environment), when the package is not in the first.
 * A project's own `.venv` comes before an activated one because the editor may have
 * been started from a shell where another project's environment was active.
 */
export class SitePackagesLicenses implements LicenseSource {
  readonly name = 'site-packages';

  private readonly lookups = new Map<string, { at: number; sitePackages: Promise<string[]> }>();
  private readonly indexes = new Map<string, { mtimeMs: number; distributions: Map<string, InstalledDistribution> }>();
  private readonly metadata = new StatCache<MetadataLicense>(parseMetadataLicense);
  private readonly licenseTexts = new StatCache<string>((text) => text, MAX_LICENSE_FILE_BYTES);

  constructor(
    private readonly environment: LocalEnvironment,
    private readonly now: () => number = Date.now,
  ) {}

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    signal?.throwIfAborted();
    const wanted = normalizeName(dependency.name);
    for (const sitePackages of await this.sitePackagesFor(path.dirname(path.resolve(manifestPath)))) {
      signal?.throwIfAborted();
      const distribution = (await this.distributions(sitePackages)).get(wanted);
      if (!distribution) continue;
      const found = await this.read(distribution, signal);
      if (found) return found;
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Which site-packages

  private sitePackagesFor(manifestDir: string): Promise<string[]> {
    const cached = this.lookups.get(manifestDir);
    if (cached && this.now() - cached.at < VENV_LOOKUP_TTL_MS) return cached.sitePackages;
    const sitePackages = this.findSitePackages(manifestDir);
    this.lookups.set(manifestDir, { at: this.now(), sitePackages });
    return sitePackages;
  }

  private async findSitePackages(manifestDir: string): Promise<string[]> {
    const { pythonVenv, env, home } = this.environment;
    if (pythonVenv && pythonVenv.trim() !== '') {
      return sitePackagesOf(resolveUserPath(pythonVenv.trim(), manifestDir, home));
    }
    const found: string[] = [];
    for (const dir of ancestors(manifestDir)) {
      const inProject = await firstNonEmpty(VENV_FOLDER_NAMES.map((name) => () => sitePackagesOf(path.join(dir, name))));
      if (inProject.length > 0) {
        found.push(...inProject);
        break;
      }
    }
    const active = env.VIRTUAL_ENV;
    if (active && active.trim() !== '') {
      for (const dir of await sitePackagesOf(resolveUserPath(active.trim(), manifestDir, home))) {
        if (!found.includes(dir)) found.push(dir);
      }
    }
    return found;
  }

  // -------------------------------------------------------------------------------------------
  // What is installed there

  /** The distributions in a site-packages folder by normalised name, re-read when the folder changes. */
  private async distributions(sitePackages: string): Promise<Map<string, InstalledDistribution>> {
    let mtimeMs: number;
    try {
      mtimeMs = (await fs.stat(sitePackages)).mtimeMs;
    } catch {
      return new Map();
    }
    const cached = this.indexes.get(sitePackages);
    if (cached && cached.mtimeMs === mtimeMs) return cached.distributions;
    const distributions = indexDistributions(sitePackages, await readdirSafe(sitePackages));
    this.indexes.set(sitePackages, { mtimeMs, distributions });
    return distributions;
  }

  private async read(distribution: InstalledDistribution, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    const metadata =
      distribution.kind === 'dist-info'
        ? await this.metadata.read(path.join(distribution.path, 'METADATA'))
        : // An egg-info is a folder holding PKG-INFO, or (distutils) the PKG-INFO itself.
          ((await this.metadata.read(path.join(distribution.path, 'PKG-INFO'))) ?? (await this.metadata.read(distribution.path)));
    if (!metadata) return undefined;
    const version = metadata.version ?? distribution.version;
    const found: FoundLicense = {
      declared: metadata.declared,
      source: 'site-packages',
      ...(version ? { version } : {}),
      ...(metadata.classifiers.length > 0 ? { classifiers: metadata.classifiers } : {}),
    };
    if (metadata.declared && normalizeLicense(metadata.declared).expression !== null) return found;
    // Nothing usable declared: the license file, for the check to identify.
    signal?.throwIfAborted();
    const file = await this.firstLicenseFile(distribution, metadata.licenseFiles);
    return file ? { ...found, licenseText: file.text, licenseFile: file.path } : found;
  }

  /**
   * The first `License-File`, under `licenses/` (metadata 2.4) or at the metadata
   * folder's root (older wheels). Without any `License-File` header, older wheels
   * still copied `LICENSE*`/`COPYING*` into the folder: the first of those.
   */
  private async firstLicenseFile(distribution: InstalledDistribution, licenseFiles: readonly string[]): Promise<{ path: string; text: string } | undefined> {
    const listed = licenseFiles[0] ?? (await readdirSafe(distribution.path)).filter((name) => LICENSE_FILE_NAME.test(name)).sort()[0];
    if (!listed || path.isAbsolute(listed) || listed.split(/[/\\]/).includes('..')) return undefined;
    for (const candidate of [path.join(distribution.path, 'licenses', listed), path.join(distribution.path, listed)]) {
      const text = await this.licenseTexts.read(candidate);
      if (text !== undefined && text.trim() !== '') return { path: candidate, text };
    }
    return undefined;
  }
}

/**
 * `<name>-<version>.dist-info` and `<name>-<version>[-pyX.Y].egg-info`; names are
 * written with `_` for `-` (and sometimes `.`), so they are compared after PEP 503
 * normalisation. A dist-info wins over a leftover egg-info of the same name.
 */
function indexDistributions(sitePackages: string, names: readonly string[]): Map<string, InstalledDistribution> {
  const index = new Map<string, InstalledDistribution>();
  for (const entry of names) {
    const match = /^(.+?)-([^-]+?)(?:-py\d[\d.]*)?\.(dist-info|egg-info)$/i.exec(entry) ?? /^(.+?)\.(dist-info|egg-info)$/i.exec(entry);
    if (!match) continue;
    const kind = (match.length === 4 ? match[3] : match[2]).toLowerCase() as InstalledDistribution['kind'];
    const version = match.length === 4 ? match[2] : undefined;
    const key = normalizeName(match[1]);
    if (index.get(key)?.kind === 'dist-info' && kind === 'egg-info') continue;
    index.set(key, { path: path.join(sitePackages, entry), kind, ...(version ? { version } : {}) });
  }
  return index;
}

/** `lib/python3.*\/site-packages` (newest Python first, PyPy too) and Windows' `Lib/site-packages`. */
async function sitePackagesOf(venv: string): Promise<string[]> {
  const found: string[] = [];
  const pythons = (await readdirSafe(path.join(venv, 'lib')))
    .filter((name) => /^(python|pypy)3/i.test(name))
    .sort(byVersionDescending);
  for (const python of pythons) {
    const dir = path.join(venv, 'lib', python, 'site-packages');
    if (await isDirectory(dir)) found.push(dir);
  }
  const windows = path.join(venv, 'Lib', 'site-packages');
  if (!found.includes(windows) && (await isDirectory(windows))) found.push(windows);
  return found;
}

function byVersionDescending(a: string, b: string): number {
  const numbers = (name: string): number[] => (name.match(/\d+/g) ?? []).map(Number);
  const [x, y] = [numbers(a), numbers(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (y[i] ?? -1) - (x[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return a.localeCompare(b);
}

async function firstNonEmpty(lookups: ReadonlyArray<() => Promise<string[]>>): Promise<string[]> {
  for (const lookup of lookups) {
    const found = await lookup();
    if (found.length > 0) return found;
  }
  return [];
}

/** A configured path: `~` is the user's home, a relative path is relative to the manifest's folder. */
function resolveUserPath(configured: string, base: string, home: string): string {
  if (configured === '~' || configured.startsWith('~/') || configured.startsWith('~\\')) {
    return path.join(home, configured.slice(1));
  }
  return path.resolve(base, configured);
}

/** Directories from `start` up to the filesystem root. */
function* ancestors(start: string): Generator<string> {
  let dir = path.resolve(start);
  for (;;) {
    yield dir;
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

async function readdirSafe(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch {
    return [];
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await fs.stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
