import * as path from 'node:path';
import * as semver from 'semver';
import type { Dependency } from '../../model';
import type { FoundLicense, LicenseSource, LocalEnvironment } from '../../resolution';
import { ancestors, type CrateResolver } from './crateResolver';
import { DirectoryCache, ParsedFileCache } from './fileCache';
import { pickVersion } from './requirement';

/** License files larger than this are not license texts worth identifying. */
const MAX_LICENSE_TEXT = 512 * 1024;

/**
 * Reads a crate's license from its own Cargo.toml (`[package] license`, else the
 * file `license-file` names, relative to the crate's folder). Undefined when the
 * folder holds no crate.
 */
class CrateLicenseReader {
  private readonly texts = new ParsedFileCache<string | undefined>((text) => (text.length <= MAX_LICENSE_TEXT ? text : undefined), 500);

  constructor(private readonly crates: CrateResolver) {}

  async read(crateDir: string, source: string, signal?: AbortSignal, workspaceRoot?: string): Promise<FoundLicense | undefined> {
    signal?.throwIfAborted();
    const manifest = await this.crates.manifests.read(path.join(crateDir, 'Cargo.toml'));
    const info = manifest?.package;
    if (!info) return undefined;
    const version = info.version ? { version: info.version } : {};
    const license = info.license ?? (info.licenseFromWorkspace && workspaceRoot ? await this.workspaceLicense(workspaceRoot, signal) : undefined);
    if (license) return { declared: license, source, ...version };
    const file = info.licenseFile ? path.resolve(crateDir, info.licenseFile) : undefined;
    // A downloaded crate's license file is inside the crate; a workspace crate's may be at the root.
    if (file && isInside(workspaceRoot ?? crateDir, file)) {
      signal?.throwIfAborted();
      const licenseText = await this.texts.read(file);
      if (licenseText) return { declared: undefined, source, ...version, licenseText, licenseFile: file };
    }
    return { declared: undefined, source, ...version };
  }

  private async workspaceLicense(workspaceRoot: string, signal?: AbortSignal): Promise<string | undefined> {
    signal?.throwIfAborted();
    return (await this.crates.manifests.read(path.join(workspaceRoot, 'Cargo.toml')))?.workspacePackage?.license;
  }
}

/**
 * Crates copied by `cargo vendor`: `vendor/<name>/` for the highest version of a
 * crate and `vendor/<name>-<version>/` for the others, in the manifest's folder or
 * a parent (a workspace vendors at its root).
 */
export class VendoredCrateLicenses implements LicenseSource {
  readonly name = 'vendor';
  private readonly reader: CrateLicenseReader;

  constructor(private readonly crates: CrateResolver) {
    this.reader = new CrateLicenseReader(crates);
  }

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    const request = await this.crates.resolve(manifestPath, dependency, signal);
    if (!request || request.localPath) return undefined;
    const folders = request.lockedVersion ? [`${request.name}-${request.lockedVersion}`, request.name] : [request.name];
    for (const dir of ancestors(path.dirname(manifestPath))) {
      for (const folder of folders) {
        const found = await this.reader.read(path.join(dir, 'vendor', folder), 'vendor', signal);
        if (found) return found;
      }
    }
    return undefined;
  }
}

/**
 * Crates Cargo downloaded: `$CARGO_HOME/registry/src/<registry>/<name>-<version>/`
 * (CARGO_HOME defaulting to ~/.cargo), the locked version first, else the cached
 * version that best fits the requirement.
 */
export class RegistryCacheLicenses implements LicenseSource {
  readonly name = 'Cargo registry';
  private readonly reader: CrateLicenseReader;
  private readonly registries = new DirectoryCache<readonly string[]>((names) => [...names].sort(), 20);
  private readonly cachedCrates = new DirectoryCache<ReadonlyMap<string, readonly string[]>>(cratesByName, 20);

  constructor(
    private readonly crates: CrateResolver,
    private readonly environment: LocalEnvironment,
  ) {
    this.reader = new CrateLicenseReader(crates);
  }

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    const request = await this.crates.resolve(manifestPath, dependency, signal);
    // Git dependencies live in git/checkouts, the workspace's own crates in the workspace.
    if (!request || request.localPath || request.git) return undefined;
    const sourceRoot = path.join(cargoHome(this.environment), 'registry', 'src');
    signal?.throwIfAborted();
    const registries = (await this.registries.read(sourceRoot)) ?? [];

    if (request.lockedVersion) {
      const found = await this.readVersion(sourceRoot, registries, request.name, request.lockedVersion, signal);
      if (found) return found;
    }
    const cached = await this.cachedVersions(sourceRoot, registries, request.name, signal);
    const version = pickVersion(cached, request.requirement);
    return version ? this.readVersion(sourceRoot, registries, request.name, version, signal) : undefined;
  }

  private async readVersion(sourceRoot: string, registries: readonly string[], name: string, version: string, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    for (const registry of registries) {
      const found = await this.reader.read(path.join(sourceRoot, registry, `${name}-${version}`), 'Cargo registry', signal);
      if (found) return found;
    }
    return undefined;
  }

  private async cachedVersions(sourceRoot: string, registries: readonly string[], name: string, signal?: AbortSignal): Promise<string[]> {
    const versions = new Set<string>();
    for (const registry of registries) {
      signal?.throwIfAborted();
      for (const version of (await this.cachedCrates.read(path.join(sourceRoot, registry)))?.get(name) ?? []) versions.add(version);
    }
    return [...versions];
  }
}

/**
 * The workspace's own crates, reached when a member inherits a path dependency
 * from `[workspace.dependencies]`: their license is in their own Cargo.toml, or
 * in the root's `[workspace.package]` when they say `license.workspace = true`.
 */
export class WorkspaceCrateLicenses implements LicenseSource {
  readonly name = 'workspace crate';
  private readonly reader: CrateLicenseReader;

  constructor(private readonly crates: CrateResolver) {
    this.reader = new CrateLicenseReader(crates);
  }

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    const request = await this.crates.resolve(manifestPath, dependency, signal);
    if (!request?.localPath) return undefined;
    return this.reader.read(request.localPath, 'workspace crate', signal, request.workspaceRoot);
  }
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** CARGO_HOME, else ~/.cargo, as Cargo decides it. */
export function cargoHome(environment: LocalEnvironment): string {
  const configured = environment.env.CARGO_HOME;
  return configured ? configured : path.join(environment.home, '.cargo');
}

/**
 * `serde-1.0.219`, `sha-1-0.10.1`… grouped by crate name. A crate name may itself
 * contain `-<digit>`, so the split is the first one whose remainder is a version.
 */
function cratesByName(folders: readonly string[]): ReadonlyMap<string, readonly string[]> {
  const crates = new Map<string, string[]>();
  for (const folder of folders) {
    for (let dash = folder.indexOf('-'); dash > 0; dash = folder.indexOf('-', dash + 1)) {
      const version = folder.slice(dash + 1);
      if (!/^\d/.test(version) || !semver.valid(version)) continue;
      const name = folder.slice(0, dash);
      const versions = crates.get(name);
      if (versions) versions.push(version);
      else crates.set(name, [version]);
      break;
    }
  }
  return crates;
}
