import * as path from 'node:path';
import type { DeclaredLicense } from '../../licenses/normalize';
import type { Dependency } from '../../model';
import type { FoundLicense, LicenseSource, LocalEnvironment } from '../../resolution';
import { RecentValues, TextFileCache } from './fileCache';
import { declaredMavenRepositoryUrls, localRepositoryFolder } from './gradleRepositories';
import { gradleProjectFolders, gradleUserHome, MavenProjectConfig, ProjectProperties, substitute } from './projectConfig';
import {
  GradleCacheLayout,
  MavenRepositoryLayout,
  RepositoryFiles,
  repositoryLicense,
  type RepositoryLayout,
} from './repositories';

/**
 * What the sources of one ecosystem share: the parsed-POM and folder caches, and
 * how a project's configuration (repository location, properties) is found.
 */
export class MavenLookup {
  readonly files = new RepositoryFiles();
  readonly maven: MavenProjectConfig;
  private readonly properties: ProjectProperties;
  private readonly recentProperties = new RecentValues<ReadonlyMap<string, string>>();

  constructor(readonly environment: LocalEnvironment) {
    this.maven = new MavenProjectConfig(environment);
    this.properties = new ProjectProperties(environment, this.maven);
  }

  /**
   * The version the dependency asks for, with `${x}`/`$x` the manifest could not
   * resolve taken from gradle.properties or `.mvn/maven.config`.
   */
  async requestedVersion(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<string> {
    if (!dependency.requested.includes('$')) return dependency.requested;
    const properties = await this.recentProperties.get(path.resolve(manifestPath), () => this.properties.forManifest(manifestPath, signal));
    return substitute(dependency.requested, properties);
  }

  /** The license of `dependency` from one repository, in the shape the check wants. */
  async find(layout: RepositoryLayout, source: string, manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    const [groupId, artifactId, ...rest] = dependency.name.split(':');
    if (!groupId || !artifactId || rest.length > 0) return undefined;
    const requested = await this.requestedVersion(manifestPath, dependency, signal);
    const found = await repositoryLicense(layout, groupId, artifactId, requested, signal);
    if (!found) return undefined;
    return { declared: declared(found.licenses), source, version: found.version };
  }
}

/**
 * One license name as a string; several as an array, which the normaliser reads
 * as a choice (OR). Several `<license>` entries in a POM usually mean dual
 * licensing (e.g. "EPL 2.0" and "GPL2 w/ CPE"), though Maven does not say so.
 */
export function declared(licenses: readonly string[]): DeclaredLicense {
  if (licenses.length === 0) return undefined;
  return licenses.length === 1 ? licenses[0] : [...licenses];
}

/**
 * The local Maven repository (`~/.m2/repository`, or wherever `.mvn/maven.config`,
 * MAVEN_OPTS/MAVEN_ARGS or `~/.m2/settings.xml` moves it), where Maven — and
 * Gradle's `mavenLocal()` — keep every artifact they resolved, POM included.
 */
export class MavenLocalRepositoryLicenses implements LicenseSource {
  readonly name = 'local Maven repository';
  private readonly roots = new RecentValues<string>();

  constructor(private readonly lookup: MavenLookup) {}

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    signal?.throwIfAborted();
    const root = await this.roots.get(path.resolve(manifestPath), () => this.lookup.maven.localRepository(manifestPath, signal));
    return this.lookup.find(new MavenRepositoryLayout(root, this.lookup.files), this.name, manifestPath, dependency, signal);
  }
}

/** Gradle's module cache under GRADLE_USER_HOME (default `~/.gradle`), where Gradle keeps the POMs it downloaded. */
export class GradleCacheLicenses implements LicenseSource {
  readonly name = 'Gradle cache';
  private readonly layout: GradleCacheLayout;

  constructor(private readonly lookup: MavenLookup) {
    this.layout = new GradleCacheLayout(path.join(gradleUserHome(lookup.environment), 'caches', 'modules-2', 'files-2.1'), lookup.files);
  }

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    signal?.throwIfAborted();
    return this.lookup.find(this.layout, this.name, manifestPath, dependency, signal);
  }
}

/**
 * File repositories a Gradle build declares (`maven { url = uri("repo") }` in the
 * build script or in settings.gradle[.kts]): folders in the Maven layout, often
 * committed with the project for artifacts that are on no public repository.
 */
export class GradleFileRepositoryLicenses implements LicenseSource {
  readonly name = 'Gradle file repository';
  private readonly scripts = new TextFileCache<string[]>(declaredMavenRepositoryUrls, 500);
  private readonly folders = new RecentValues<string[]>();

  constructor(private readonly lookup: MavenLookup) {}

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    if (!/\.gradle(\.kts)?$/.test(manifestPath)) return undefined;
    const folders = await this.folders.get(path.resolve(manifestPath), () => this.repositoryFolders(manifestPath, signal));
    for (const folder of folders) {
      signal?.throwIfAborted();
      const found = await this.lookup.find(new MavenRepositoryLayout(folder, this.lookup.files), this.name, manifestPath, dependency, signal);
      if (found) return found;
    }
    return undefined;
  }

  private async repositoryFolders(manifestPath: string, signal?: AbortSignal): Promise<string[]> {
    const projectFolder = path.dirname(path.resolve(manifestPath));
    const chain = await gradleProjectFolders(manifestPath, signal);
    const rootFolder = chain[chain.length - 1] ?? projectFolder;
    const folders: string[] = [];
    const add = (urls: readonly string[] | undefined, base: string): void => {
      for (const url of urls ?? []) {
        const folder = localRepositoryFolder(url, base, rootFolder);
        if (folder && !folders.includes(folder)) folders.push(folder);
      }
    };
    // The script as saved on disk: repositories change rarely, dependencies as the user types.
    add(await this.scripts.read(path.resolve(manifestPath)), projectFolder);
    for (const settings of ['settings.gradle.kts', 'settings.gradle']) {
      add(await this.scripts.read(path.join(rootFolder, settings)), rootFolder);
    }
    return folders;
  }
}

/** The sources in the order they are tried: the project's own repositories first, then the user's caches. */
export function mavenLocalSources(environment: LocalEnvironment): LicenseSource[] {
  const lookup = new MavenLookup(environment);
  return [new GradleFileRepositoryLicenses(lookup), new MavenLocalRepositoryLicenses(lookup), new GradleCacheLicenses(lookup)];
}
