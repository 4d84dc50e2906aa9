import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Dependency } from '../../model';
import type { FoundLicense, LicenseSource, LocalEnvironment } from '../../resolution';
import { listingCache, StatCache, type Listing } from './cache';
import { MAX_ENTRY_SIZE, readZipEntry } from './nupkg';
import { licenseFromUrl, readNuspec, type NuspecLicense } from './nuspec';
import { packagesConfigFormat } from './packagesConfig';
import { ancestors, CentralVersions, NuGetSettings } from './settings';
import { parseVersion, pickVersion } from './versions';

/**
 * What the nuget sources share: the settings, and caches of folder listings and
 * parsed nuspecs, each validated by a stat so a restore is noticed.
 */
export class NuGetDisk {
  readonly settings: NuGetSettings;
  readonly centralVersions = new CentralVersions();
  readonly listings = listingCache();
  readonly nuspecs = new StatCache<NuspecLicense>(async (file, stat) =>
    stat.size > MAX_ENTRY_SIZE ? undefined : readNuspec(await fs.readFile(file, 'utf8')),
  );
  /** Nuspecs read out of .nupkg archives, keyed by the archive. */
  readonly archivedNuspecs = new StatCache<NuspecLicense>(async (archive) => {
    const text = await readZipEntry(archive, (name) => !name.includes('/') && name.toLowerCase().endsWith('.nuspec'));
    return text === undefined ? undefined : readNuspec(text);
  });

  constructor(environment: LocalEnvironment) {
    this.settings = new NuGetSettings(environment);
  }

  /** The version a reference asks for; a reference without one takes it from Directory.Packages.props. */
  async requestedVersion(manifestPath: string, dependency: Dependency): Promise<string> {
    if (dependency.requested.trim() !== '') return dependency.requested;
    return (await this.centralVersions.versionOf(path.dirname(manifestPath), dependency.name)) ?? '';
  }
}

/**
 * The global packages folder, where `dotnet restore` extracts every
 * PackageReference: `<folder>/<id lower-case>/<version lower-case>/<id lower-case>.nuspec`,
 * the package's files next to it. The folder is `NUGET_PACKAGES`, else
 * `globalPackagesFolder` from the nuget.config files, else `~/.nuget/packages`.
 */
export class GlobalPackagesLicenses implements LicenseSource {
  readonly name = 'NuGet global packages folder';

  constructor(private readonly disk: NuGetDisk) {}

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    signal?.throwIfAborted();
    const root = await this.disk.settings.globalPackagesFolder(path.dirname(manifestPath));
    signal?.throwIfAborted();
    const idFolder = await this.packageFolder(root, dependency.name);
    if (!idFolder) return undefined;
    signal?.throwIfAborted();
    const versions = (await this.disk.listings.get(idFolder))?.folders ?? [];
    const version = pickVersion(versions, await this.disk.requestedVersion(manifestPath, dependency));
    if (!version) return undefined;
    const versionFolder = path.join(idFolder, version);
    signal?.throwIfAborted();
    const listing = await this.disk.listings.get(versionFolder);
    const nuspecName = listing && nuspecIn(listing, dependency.name);
    if (!nuspecName) return undefined;
    signal?.throwIfAborted();
    const nuspec = await this.disk.nuspecs.get(path.join(versionFolder, nuspecName));
    if (!nuspec) return undefined;
    return foundLicense(nuspec, this.name, version, (file) => readPackageFile(versionFolder, file), signal);
  }

  /** `<id lower-case>`, or a folder whose name matches it in another case (written by other tools). */
  private async packageFolder(root: string, id: string): Promise<string | undefined> {
    const lower = path.join(root, id.toLowerCase());
    if (await this.disk.listings.get(lower)) return lower;
    const other = (await this.disk.listings.get(root))?.folders.find((name) => name.toLowerCase() === id.toLowerCase());
    return other ? path.join(root, other) : undefined;
  }
}

/**
 * The `packages/` folder of a packages.config solution: `<Id>.<Version>/` holding
 * `<Id>.<Version>.nupkg` (the nuspec inside it) and the extracted files, plus
 * `<Id>.nuspec` when NuGet's PackageSaveMode includes "nuspec". The folder is
 * `repositoryPath` from nuget.config, else the nearest `packages/` upward from
 * the packages.config that holds the package (NuGet's default is the one next
 * to the solution). Only answers for packages.config manifests: PackageReference
 * projects never use this layout.
 */
export class PackagesFolderLicenses implements LicenseSource {
  readonly name = 'packages folder';

  constructor(private readonly disk: NuGetDisk) {}

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    if (!packagesConfigFormat.matches(manifestPath)) return undefined;
    const projectDir = path.dirname(manifestPath);
    signal?.throwIfAborted();
    const configured = await this.disk.settings.repositoryPath(projectDir);
    const candidates = [...(configured ? [configured] : []), ...[...ancestors(projectDir)].map((dir) => path.join(dir, 'packages'))];
    for (const packagesDir of candidates) {
      signal?.throwIfAborted();
      const listing = await this.disk.listings.get(packagesDir);
      const folder = listing && packageFolder(listing, dependency.name, dependency.requested);
      if (!folder) continue;
      return this.fromFolder(path.join(packagesDir, folder.name), folder.version, dependency.name, signal);
    }
    return undefined;
  }

  private async fromFolder(folder: string, version: string, id: string, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    signal?.throwIfAborted();
    const listing = await this.disk.listings.get(folder);
    if (!listing) return undefined;
    const nuspecName = nuspecIn(listing, id);
    const archiveName = listing.files.find((name) => name.toLowerCase().endsWith('.nupkg'));
    const archive = archiveName ? path.join(folder, archiveName) : undefined;
    signal?.throwIfAborted();
    const nuspec = nuspecName
      ? await this.disk.nuspecs.get(path.join(folder, nuspecName))
      : archive
        ? await this.disk.archivedNuspecs.get(archive)
        : undefined;
    if (!nuspec) return undefined;
    const readFile = async (file: string): Promise<PackageFile | undefined> =>
      (await readPackageFile(folder, file)) ?? (archive ? readArchivedFile(archive, file) : undefined);
    return foundLicense(nuspec, this.name, version, readFile, signal);
  }
}

/** The `<Id>.<Version>` folder for a package, its version picked as for the global folder. */
function packageFolder(listing: Listing, id: string, requested: string): { name: string; version: string } | undefined {
  const prefix = `${id.toLowerCase()}.`;
  const byVersion = new Map<string, string>();
  for (const name of listing.folders) {
    if (!name.toLowerCase().startsWith(prefix)) continue;
    const version = name.slice(prefix.length);
    // `Foo.Bar.1.0.0` is not a version of `Foo`: its remainder is not a version.
    if (parseVersion(version)) byVersion.set(version, name);
  }
  const version = pickVersion([...byVersion.keys()], requested);
  return version ? { name: byVersion.get(version) as string, version } : undefined;
}

/** `<id>.nuspec` in a package folder, whatever its case, else the only nuspec there. */
function nuspecIn(listing: Listing, id: string): string | undefined {
  const nuspecs = listing.files.filter((name) => name.toLowerCase().endsWith('.nuspec'));
  return nuspecs.find((name) => name.toLowerCase() === `${id.toLowerCase()}.nuspec`) ?? (nuspecs.length === 1 ? nuspecs[0] : undefined);
}

interface PackageFile {
  readonly text: string;
  /** Where it is, for messages: a path, or `<archive>!/<entry>` inside a .nupkg. */
  readonly location: string;
}

/**
 * What the package declares: its license expression; else the text of its license
 * file (for the check to identify); else what its deprecated licenseUrl says.
 */
async function foundLicense(
  nuspec: NuspecLicense,
  source: string,
  folderVersion: string,
  readFile: (file: string) => Promise<PackageFile | undefined>,
  signal?: AbortSignal,
): Promise<FoundLicense> {
  const version = nuspec.version ?? folderVersion;
  if (nuspec.expression) return { declared: nuspec.expression, source, version };
  if (nuspec.file) {
    signal?.throwIfAborted();
    const file = await readFile(nuspec.file);
    if (file) return { declared: undefined, source, version, licenseText: file.text, licenseFile: file.location };
  }
  return { declared: nuspec.url ? licenseFromUrl(nuspec.url) : undefined, source, version };
}

/**
 * The package-relative path a nuspec names, as segments; undefined when it would
 * leave the package (absolute, or `..`).
 */
function packageRelative(file: string): string[] | undefined {
  const segments = file.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.includes('..') || /^([a-zA-Z]:|\/)/.test(file.trim())) return undefined;
  return segments;
}

async function readPackageFile(folder: string, file: string): Promise<PackageFile | undefined> {
  const segments = packageRelative(file);
  if (!segments) return undefined;
  const location = path.join(folder, ...segments);
  try {
    const stat = await fs.stat(location);
    if (!stat.isFile() || stat.size > MAX_ENTRY_SIZE) return undefined;
    return { text: await fs.readFile(location, 'utf8'), location };
  } catch {
    return undefined;
  }
}

async function readArchivedFile(archive: string, file: string): Promise<PackageFile | undefined> {
  const segments = packageRelative(file);
  if (!segments) return undefined;
  const wanted = segments.join('/').toLowerCase();
  // Entry names in a nupkg are URI-escaped (`my%20license.txt`).
  const text = await readZipEntry(archive, (name) => safeDecode(name).toLowerCase() === wanted);
  return text === undefined ? undefined : { text, location: `${archive}!/${segments.join('/')}` };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
