import * as path from 'node:path';
import { DirectoryCache, TextFileCache } from './fileCache';
import { readPomModel, type Coordinates, type PomModel } from './pomXml';
import { chooseVersion, compareVersions } from './versions';

/** Parent POMs followed before giving up (a chain longer than this is broken or circular). */
export const MAX_PARENT_DEPTH = 10;
/** Versions tried, highest first, when the chosen one has no POM (a failed download leaves `*.pom.lastUpdated`). */
const MAX_VERSION_TRIES = 5;

/** The caches every repository layout shares, so a POM is parsed once whichever source reads it. */
export class RepositoryFiles {
  readonly poms = new TextFileCache<PomModel>(readPomModel);
  readonly folders = new DirectoryCache();
}

/** Where one kind of repository keeps an artifact's versions and POMs. */
export interface RepositoryLayout {
  /** The versions present for `groupId:artifactId` (empty when none). */
  versions(groupId: string, artifactId: string): Promise<readonly string[]>;
  /** The parsed POM of one version, or undefined when it is not there. */
  pom(coordinates: Coordinates): Promise<PomModel | undefined>;
}

/**
 * Maven's repository layout, used by the local repository (`~/.m2/repository`)
 * and by file repositories alike:
 * `<groupId with / for .>/<artifactId>/<version>/<artifactId>-<version>.pom`.
 */
export class MavenRepositoryLayout implements RepositoryLayout {
  constructor(
    readonly root: string,
    private readonly files: RepositoryFiles,
  ) {}

  async versions(groupId: string, artifactId: string): Promise<readonly string[]> {
    if (!safeSegments(groupId, artifactId)) return [];
    return (await this.files.folders.folders(this.artifactFolder(groupId, artifactId))) ?? [];
  }

  async pom({ groupId, artifactId, version }: Coordinates): Promise<PomModel | undefined> {
    if (!safeSegments(groupId, artifactId, version)) return undefined;
    const folder = path.join(this.artifactFolder(groupId, artifactId), version);
    const pom = await this.files.poms.read(path.join(folder, `${artifactId}-${version}.pom`));
    if (pom || !/-SNAPSHOT$/i.test(version)) return pom;
    // A snapshot downloaded from a remote repository is stored under its timestamped name.
    const base = version.replace(/-SNAPSHOT$/i, '');
    const timestamped = ((await this.files.folders.files(folder)) ?? [])
      .filter((name) => name.startsWith(`${artifactId}-${base}-`) && name.endsWith('.pom'))
      .sort();
    const latest = timestamped.pop();
    return latest ? this.files.poms.read(path.join(folder, latest)) : undefined;
  }

  private artifactFolder(groupId: string, artifactId: string): string {
    return path.join(this.root, ...groupId.split('.'), artifactId);
  }
}

/**
 * Gradle's module cache: `<GRADLE_USER_HOME>/caches/modules-2/files-2.1/<groupId>/
 * <artifactId>/<version>/<sha1 of the file>/<artifactId>-<version>.pom` (the group
 * is one folder, dots and all).
 */
export class GradleCacheLayout implements RepositoryLayout {
  constructor(
    readonly root: string,
    private readonly files: RepositoryFiles,
  ) {}

  async versions(groupId: string, artifactId: string): Promise<readonly string[]> {
    if (!safeSegments(groupId, artifactId)) return [];
    return (await this.files.folders.folders(path.join(this.root, groupId, artifactId))) ?? [];
  }

  async pom({ groupId, artifactId, version }: Coordinates): Promise<PomModel | undefined> {
    if (!safeSegments(groupId, artifactId, version)) return undefined;
    const folder = path.join(this.root, groupId, artifactId, version);
    for (const hash of (await this.files.folders.folders(folder)) ?? []) {
      const pom = await this.files.poms.read(path.join(folder, hash, `${artifactId}-${version}.pom`));
      if (pom) return pom;
    }
    return undefined;
  }
}

/**
 * Coordinates come from manifests and POMs we do not control: one that is not a
 * plain name (a path separator, `..`, an unresolved `${…}`) must not lead the
 * lookup outside the repository.
 */
export function safeSegments(...segments: string[]): boolean {
  return segments.every((s) => /^[A-Za-z0-9_.+~-]+$/.test(s) && !/(^|\.)\.(\.|$)/.test(s));
}

/** What a repository says about one artifact's license. */
export interface RepositoryLicense {
  readonly version: string;
  /** License names from the artifact's POM or the nearest parent that has some; empty when none does. */
  readonly licenses: readonly string[];
}

/**
 * The licenses of `groupId:artifactId` at the version `requested` means, from
 * one repository. A POM without `<licenses>` inherits its parent's, as in
 * Maven's model, so the parent chain is followed in the same repository.
 * Undefined when the artifact's own POM is not there.
 */
export async function repositoryLicense(
  layout: RepositoryLayout,
  groupId: string,
  artifactId: string,
  requested: string,
  signal?: AbortSignal,
): Promise<RepositoryLicense | undefined> {
  let available = [...(await layout.versions(groupId, artifactId))];
  for (let attempt = 0; attempt < MAX_VERSION_TRIES; attempt++) {
    signal?.throwIfAborted();
    const version = chooseVersion(requested, available);
    if (version === undefined) return undefined;
    const pom = await layout.pom({ groupId, artifactId, version });
    if (pom) return { version, licenses: await inheritedLicenses(layout, pom, signal) };
    available = available.filter((v) => compareVersions(v, version) !== 0);
  }
  return undefined;
}

async function inheritedLicenses(layout: RepositoryLayout, pom: PomModel, signal?: AbortSignal): Promise<readonly string[]> {
  let current: PomModel | undefined = pom;
  for (let depth = 0; current && depth <= MAX_PARENT_DEPTH; depth++) {
    if (current.licenses.length > 0) return current.licenses;
    const parent: Partial<Coordinates> | undefined = current.parent;
    if (!parent?.groupId || !parent.artifactId || !parent.version) return [];
    signal?.throwIfAborted();
    current = await layout.pom({ groupId: parent.groupId, artifactId: parent.artifactId, version: parent.version });
  }
  return [];
}
