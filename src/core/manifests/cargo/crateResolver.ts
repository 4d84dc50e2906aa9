import * as path from 'node:path';
import * as semver from 'semver';
import type { Dependency } from '../../model';
import { parseCargoLock, type CargoLock, type LockedCrate } from './cargoLock';
import { readCargoManifest, type CargoDependencyEntry, type CargoManifest } from './cargoToml';
import { ParsedFileCache } from './fileCache';
import { pickVersion } from './requirement';

/** Which crate a dependency means once the workspace and Cargo.lock have had their say. */
export interface CrateRequest {
  /** The crate's real name. */
  readonly name: string;
  /** The Cargo version requirement, when there is one. */
  readonly requirement?: string;
  readonly git?: string;
  /** Folder of one of the workspace's own crates, when a member inherits a path dependency. */
  readonly localPath?: string;
  /** Folder of the workspace root whose declaration the dependency inherits. */
  readonly workspaceRoot?: string;
  /** The version Cargo.lock pins, when a lockfile says. */
  readonly lockedVersion?: string;
}

/** What crates.io and Cargo accept as a package name. */
const CRATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Directories from `start` up to the filesystem root. */
export function* ancestors(start: string): Generator<string> {
  let dir = path.resolve(start);
  for (;;) {
    yield dir;
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/**
 * Turns a dependency into the crate and version to look for, the way Cargo does:
 * `workspace = true` takes the root's `[workspace.dependencies]` declaration, and
 * the nearest Cargo.lock upward (a workspace has one, at its root) pins the version.
 * Shared by the license sources so the files are parsed once.
 */
export class CrateResolver {
  readonly manifests = new ParsedFileCache<CargoManifest>(readCargoManifest);
  private readonly locks = new ParsedFileCache<CargoLock>(parseCargoLock, 200);

  /** Undefined when the name cannot be a crate's (it would not name a folder Cargo writes). */
  async resolve(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<CrateRequest | undefined> {
    const request = dependency.requested === 'workspace' ? await this.inherited(manifestPath, dependency.name, signal) : requestOf(dependency);
    if (request.localPath) return request;
    if (!CRATE_NAME.test(request.name)) return undefined;
    const lockedVersion = await this.lockedVersion(manifestPath, request, signal);
    // The version becomes part of a folder name: only a real version may.
    return lockedVersion && semver.valid(lockedVersion) ? { ...request, lockedVersion } : request;
  }

  /** The declaration a `workspace = true` dependency inherits from the nearest workspace root. */
  private async inherited(manifestPath: string, key: string, signal?: AbortSignal): Promise<CrateRequest> {
    for (const dir of ancestors(path.dirname(manifestPath))) {
      signal?.throwIfAborted();
      const root = await this.manifests.read(path.join(dir, 'Cargo.toml'));
      if (!root?.isWorkspaceRoot) continue;
      const declaration = root.entries.find((entry) => entry.workspaceDeclaration && entry.key === key);
      return declaration ? { ...requestOfEntry(declaration, dir), workspaceRoot: dir } : { name: key, workspaceRoot: dir };
    }
    return { name: key };
  }

  private async lockedVersion(manifestPath: string, request: CrateRequest, signal?: AbortSignal): Promise<string | undefined> {
    for (const dir of ancestors(path.dirname(manifestPath))) {
      signal?.throwIfAborted();
      const lock = await this.locks.read(path.join(dir, 'Cargo.lock'));
      if (!lock) continue;
      const candidates = sameSource(lock.get(request.name) ?? [], request);
      return pickVersion(
        candidates.map((crate) => crate.version),
        request.requirement,
      );
    }
    return undefined;
  }
}

function requestOf(dependency: Dependency): CrateRequest {
  if (dependency.requested.startsWith('git:')) return { name: dependency.name, git: dependency.requested.slice('git:'.length) };
  return { name: dependency.name, requirement: dependency.requested };
}

function requestOfEntry(entry: CargoDependencyEntry, rootDir: string): CrateRequest {
  const name = entry.package?.trim() ? entry.package : entry.key;
  if (entry.path !== undefined) return { name, localPath: path.resolve(rootDir, entry.path) };
  if (entry.git) return { name, git: entry.git.value };
  return { name, requirement: entry.version?.value ?? '*' };
}

/**
 * The locked crates that come from where the dependency says: a git dependency's
 * entry is `git+<url>…`, a registry dependency's `registry+…`/`sparse+…`. When none
 * fits (an unusual setup, e.g. `[patch]`), every entry of that name is a candidate.
 */
function sameSource(crates: readonly LockedCrate[], request: CrateRequest): readonly LockedCrate[] {
  const fits = request.git
    ? crates.filter((crate) => crate.source?.startsWith('git+') && sameRepository(crate.source.slice(4), request.git ?? ''))
    : crates.filter((crate) => /^(registry|sparse)\+/.test(crate.source ?? ''));
  return fits.length > 0 ? fits : crates;
}

/** Cargo writes `git+<url>?branch=…#<commit>`; URLs are compared without those and a trailing `.git` or `/`. */
function sameRepository(lockedUrl: string, url: string): boolean {
  const canonical = (value: string): string =>
    value
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '')
      .replace(/\.git$/, '')
      .toLowerCase();
  return canonical(lockedUrl) === canonical(url);
}
