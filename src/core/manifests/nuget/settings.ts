import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { LocalEnvironment } from '../../resolution';
import { RecentAnswers, StatCache } from './cache';
import { expandProperties, readProperties } from './properties';
import { attributeValue, childElements, childText, descendants, nameIs, parseXml } from './xml';

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
 * The names NuGet looks for in each folder, in its order; it reads the first one
 * present (they are the same file on a case-insensitive disk).
 */
const CONFIG_NAMES = ['nuget.config', 'NuGet.config', 'NuGet.Config'];

/** The `<config>` keys we use, lower-cased, with the folder of the file that set them. */
type ConfigValues = ReadonlyMap<string, string>;

/**
 * Where NuGet puts packages on this machine, worked out as NuGet does from the
 * environment and the nuget.config files from the project's folder upward, then
 * the user's own (`~/.nuget/NuGet/NuGet.Config`, `%APPDATA%\NuGet\NuGet.Config`
 * on Windows); the nearest file that sets a key wins, and a relative path in it
 * is relative to that file's folder.
 * See https://learn.microsoft.com/nuget/consume-packages/configuring-nuget-behavior.
 */
export class NuGetSettings {
  private readonly configs = new StatCache<ConfigValues>(async (file) => readConfig(await fs.readFile(file, 'utf8'), path.dirname(file), this.environment));
  private readonly chains = new RecentAnswers<readonly string[]>();

  constructor(private readonly environment: LocalEnvironment) {}

  /** `NUGET_PACKAGES`, else `globalPackagesFolder` from nuget.config, else `~/.nuget/packages`. */
  async globalPackagesFolder(projectDir: string): Promise<string> {
    const fromEnvironment = this.environment.env.NUGET_PACKAGES;
    if (fromEnvironment && fromEnvironment.trim() !== '') return path.resolve(projectDir, fromEnvironment.trim());
    return (await this.configValue(projectDir, 'globalpackagesfolder')) ?? path.join(this.environment.home, '.nuget', 'packages');
  }

  /** `repositoryPath` from nuget.config: where packages.config solutions keep their packages. */
  repositoryPath(projectDir: string): Promise<string | undefined> {
    return this.configValue(projectDir, 'repositorypath');
  }

  private async configValue(projectDir: string, key: string): Promise<string | undefined> {
    for (const file of await this.configFiles(projectDir)) {
      const value = (await this.configs.get(file))?.get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** The nuget.config files that apply to a folder, nearest first. */
  private configFiles(projectDir: string): Promise<readonly string[]> {
    return this.chains.get(path.resolve(projectDir), async () => {
      const files: string[] = [];
      for (const dir of ancestors(projectDir)) {
        const found = await firstExisting(CONFIG_NAMES.map((name) => path.join(dir, name)));
        if (found) files.push(found);
      }
      files.push(this.userConfig());
      return files;
    });
  }

  private userConfig(): string {
    const appData = this.environment.env.APPDATA;
    return appData ? path.join(appData, 'NuGet', 'NuGet.Config') : path.join(this.environment.home, '.nuget', 'NuGet', 'NuGet.Config');
  }
}

async function firstExisting(files: readonly string[]): Promise<string | undefined> {
  for (const file of files) {
    try {
      if ((await fs.stat(file)).isFile()) return file;
    } catch {
      // not there: try the next name
    }
  }
  return undefined;
}

const PATH_KEYS = new Set(['globalpackagesfolder', 'repositorypath']);

/** The path-valued `<config><add key=… value=…/>` entries of one nuget.config, resolved. */
export function readConfig(text: string, configDir: string, environment: LocalEnvironment): ConfigValues {
  const values = new Map<string, string>();
  const { root } = parseXml(text);
  if (!root || !nameIs(root, 'configuration')) return values;
  for (const section of childElements(root, 'config')) {
    for (const add of childElements(section, 'add')) {
      const key = attributeValue(add, 'key')?.trim().toLowerCase();
      const value = attributeValue(add, 'value')?.trim();
      if (!key || !value || !PATH_KEYS.has(key)) continue;
      values.set(key, path.resolve(configDir, expandEnvironment(value, environment)));
    }
  }
  return values;
}

/** NuGet expands `%NAME%` in config values. */
function expandEnvironment(value: string, environment: LocalEnvironment): string {
  return value.replace(/%([^%]+)%/g, (whole, name: string) => environment.env[name] ?? whole);
}

/**
 * Versions of central package management: `<PackageVersion Include=… Version=…/>`
 * in the nearest `Directory.Packages.props` upward from the project. A project's
 * PackageReference without a version takes it from there. When the nearest file
 * does not list the package, the next one upward is tried (a nested
 * Directory.Packages.props usually imports its parent's).
 */
export class CentralVersions {
  private readonly files = new StatCache<ReadonlyMap<string, string>>(async (file) => readPackageVersions(await fs.readFile(file, 'utf8')));
  private readonly chains = new RecentAnswers<readonly string[]>();

  async versionOf(projectDir: string, packageId: string): Promise<string | undefined> {
    for (const file of await this.propsFiles(projectDir)) {
      const version = (await this.files.get(file))?.get(packageId.toLowerCase());
      if (version !== undefined) return version;
    }
    return undefined;
  }

  private propsFiles(projectDir: string): Promise<readonly string[]> {
    return this.chains.get(path.resolve(projectDir), async () => {
      const files: string[] = [];
      for (const dir of ancestors(projectDir)) {
        const found = await firstExisting([path.join(dir, 'Directory.Packages.props')]);
        if (found) files.push(found);
      }
      return files;
    });
  }
}

/** Package id (lower-cased) → version, `$(Property)` expanded from the same file. */
export function readPackageVersions(text: string): ReadonlyMap<string, string> {
  const versions = new Map<string, string>();
  const { root } = parseXml(text);
  if (!root || !nameIs(root, 'Project')) return versions;
  const properties = readProperties(root, text);
  for (const element of descendants(root, (e) => nameIs(e, 'Target'))) {
    if (!nameIs(element, 'PackageVersion')) continue;
    const id = attributeValue(element, 'Include')?.trim();
    // Version as an attribute or as a child element, like any MSBuild item metadata.
    const written = attributeValue(element, 'Version') ?? childText(element, 'Version', text);
    if (id && written !== undefined) versions.set(id.toLowerCase(), expandProperties(written.trim(), properties));
  }
  return versions;
}
