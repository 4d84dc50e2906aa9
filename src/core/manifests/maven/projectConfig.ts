import * as path from 'node:path';
import type { LocalEnvironment } from '../../resolution';
import { isDirectory, isFile, TextFileCache } from './fileCache';
import { child, elementText, parseXmlTolerant } from './xml';

/** Folders searched upward for `.mvn/` or `settings.gradle` before giving up. */
const MAX_ANCESTORS = 32;

/** Directories from `start` up to the filesystem root (at most MAX_ANCESTORS). */
export function* ancestors(start: string): Generator<string> {
  let dir = path.resolve(start);
  for (let i = 0; i < MAX_ANCESTORS; i++) {
    yield dir;
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/**
 * Splits command-line text the way a shell would for plain options: on
 * whitespace, keeping quoted parts together (`-Dx="a b"`).
 */
export function commandLineArguments(text: string): string[] {
  const args: string[] = [];
  const pattern = /(?:[^\s"']+|"[^"]*"|'[^']*')+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    args.push(match[0].replace(/"([^"]*)"|'([^']*)'/g, '$1$2'));
  }
  return args;
}

/** `-Dkey=value` system properties in command-line arguments (`-D key=value` too). */
export function systemProperties(args: readonly string[]): Map<string, string> {
  const properties = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] === '-D' || args[i] === '--define' ? `-D${args[++i] ?? ''}` : args[i].replace(/^--define=/, '-D');
    const match = /^-D([^=]+)=(.*)$/.exec(arg);
    if (match) properties.set(match[1], match[2]);
  }
  return properties;
}

/** `.properties` files (gradle.properties): `key=value`, `key: value`, comments, continued lines. */
export function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  const lines = text.replace(/\\\r?\n[ \t]*/g, '').split(/\r?\n/);
  for (const line of lines) {
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('!')) continue;
    const match = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(trimmed);
    if (match) properties.set(match[1].replace(/\\(.)/g, '$1'), match[2].trim());
    else properties.set(trimmed.trim(), '');
  }
  return properties;
}

/** `<localRepository>` of a Maven settings.xml as written ('' when absent). */
function settingsLocalRepository(text: string): string {
  const root = parseXmlTolerant(text).roots[0];
  return (root ? elementText(child(root, 'localRepository'), text)?.value : undefined) ?? '';
}

/** `${user.home}` and `${env.X}` expanded; undefined when something stays unresolved. */
function expandSettingsValue(value: string, environment: LocalEnvironment): string | undefined {
  const expanded = value.replace(/\$\{([^}]+)\}/g, (whole, key: string) => {
    if (key === 'user.home') return environment.home;
    if (key.startsWith('env.')) return environment.env[key.slice(4)] ?? whole;
    return whole;
  });
  return expanded.includes('${') ? undefined : expanded;
}

/**
 * Finds where Maven keeps artifacts for a project, as Maven itself decides:
 * `-Dmaven.repo.local` in the project's `.mvn/maven.config` (the options file
 * Maven reads from the top project folder, the first ancestor with `.mvn/`),
 * then in MAVEN_ARGS or MAVEN_OPTS, then `<localRepository>` of the user's
 * `~/.m2/settings.xml`, else `~/.m2/repository`. Relative paths are relative to
 * the top project folder, where Maven is run.
 */
export class MavenProjectConfig {
  private readonly argumentFiles = new TextFileCache<string[]>(commandLineArguments, 200);
  private readonly settings = new TextFileCache<string>(settingsLocalRepository, 20);

  constructor(private readonly environment: LocalEnvironment) {}

  async localRepository(manifestPath: string, signal?: AbortSignal): Promise<string> {
    const project = await this.topProjectFolder(manifestPath, signal);
    const configured = (await this.commandLineProperties(project)).get('maven.repo.local');
    if (configured) return path.resolve(project, expandHome(configured, this.environment.home));
    const written = await this.settings.read(path.join(this.environment.home, '.m2', 'settings.xml'));
    const fromSettings = written ? expandSettingsValue(written, this.environment) : undefined;
    if (fromSettings) return path.resolve(project, expandHome(fromSettings, this.environment.home));
    return path.join(this.environment.home, '.m2', 'repository');
  }

  /** `-D` properties of `.mvn/maven.config`, then of MAVEN_ARGS and MAVEN_OPTS (which win). */
  async commandLineProperties(projectFolder: string): Promise<Map<string, string>> {
    const fromFile = (await this.argumentFiles.read(path.join(projectFolder, '.mvn', 'maven.config'))) ?? [];
    const fromEnvironment = ['MAVEN_OPTS', 'MAVEN_ARGS'].flatMap((name) => commandLineArguments(this.environment.env[name] ?? ''));
    return systemProperties([...fromFile, ...fromEnvironment]);
  }

  /** The first folder upward from the manifest holding `.mvn/`, else the manifest's folder. */
  async topProjectFolder(manifestPath: string, signal?: AbortSignal): Promise<string> {
    const start = path.dirname(path.resolve(manifestPath));
    for (const dir of ancestors(start)) {
      signal?.throwIfAborted();
      if (await isDirectory(path.join(dir, '.mvn'))) return dir;
    }
    return start;
  }
}

function expandHome(value: string, home: string): string {
  return value === '~' || value.startsWith('~/') ? path.join(home, value.slice(1)) : value;
}

/** Gradle's user home: GRADLE_USER_HOME, else `~/.gradle`. */
export function gradleUserHome(environment: LocalEnvironment): string {
  const configured = environment.env.GRADLE_USER_HOME;
  return configured ? path.resolve(environment.home, expandHome(configured, environment.home)) : path.join(environment.home, '.gradle');
}

/** Values a version like `$okioVersion` or `${revision}` may come from, outside the manifest. */
export class ProjectProperties {
  private readonly propertyFiles = new TextFileCache<Map<string, string>>(parseProperties, 200);

  constructor(
    private readonly environment: LocalEnvironment,
    private readonly maven: MavenProjectConfig,
  ) {}

  /**
   * For a Gradle script: gradle.properties of the Gradle user home, then of the
   * script's folder and each parent up to the root project (the folder with
   * settings.gradle[.kts]), first definition winning, as Gradle orders them. For
   * a POM: the `-D` properties of `.mvn/maven.config` (CI-friendly `${revision}`).
   */
  async forManifest(manifestPath: string, signal?: AbortSignal): Promise<ReadonlyMap<string, string>> {
    if (path.basename(manifestPath) === 'pom.xml') {
      return this.maven.commandLineProperties(await this.maven.topProjectFolder(manifestPath, signal));
    }
    const merged = new Map<string, string>();
    const add = (properties: ReadonlyMap<string, string> | undefined): void => {
      for (const [key, value] of properties ?? []) if (!merged.has(key)) merged.set(key, value);
    };
    add(await this.propertyFiles.read(path.join(gradleUserHome(this.environment), 'gradle.properties')));
    for (const dir of await gradleProjectFolders(manifestPath, signal)) {
      add(await this.propertyFiles.read(path.join(dir, 'gradle.properties')));
    }
    return merged;
  }
}

/** The build script's folder and each parent up to the one holding settings.gradle(.kts). */
export async function gradleProjectFolders(manifestPath: string, signal?: AbortSignal): Promise<string[]> {
  const folders: string[] = [];
  for (const dir of ancestors(path.dirname(path.resolve(manifestPath)))) {
    signal?.throwIfAborted();
    folders.push(dir);
    if ((await isFile(path.join(dir, 'settings.gradle'))) || (await isFile(path.join(dir, 'settings.gradle.kts')))) return folders;
  }
  // No settings file: a single-project build whose root is the script's folder.
  return folders.slice(0, 1);
}

/** Replaces `${name}` and `$name` with the given properties; unknown ones stay as written. */
export function substitute(value: string, properties: ReadonlyMap<string, string>): string {
  if (!value.includes('$') || properties.size === 0) return value;
  return value.replace(/\$\{\s*([\w.-]+)\s*\}|\$([A-Za-z_]\w*)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const key = braced ?? bare ?? '';
    return properties.get(key) ?? properties.get(key.slice(key.lastIndexOf('.') + 1)) ?? whole;
  });
}
