import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isRecord, type JsonFileCache } from '../../files';
import type { DeclaredLicense } from '../../licenses/normalize';
import type { Dependency } from '../../model';
import type { FoundLicense, LicenseSource } from '../../resolution';

/** The license fields of a package.json or lockfile entry, whichever form is present. */
function declaredOf(record: Record<string, unknown>): DeclaredLicense {
  if (record.license !== undefined) return record.license as DeclaredLicense;
  if (record.licenses !== undefined) return record.licenses as DeclaredLicense;
  return undefined;
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

/**
 * Reads the installed package's own package.json, found the way Node resolves
 * modules: `node_modules/<name>` in the manifest's folder, then each parent's.
 */
export class InstalledPackageLicenses implements LicenseSource {
  readonly name = 'node_modules';

  constructor(private readonly files: JsonFileCache) {}

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    for (const dir of ancestors(path.dirname(manifestPath))) {
      signal?.throwIfAborted();
      const installed = await this.files.read(path.join(dir, 'node_modules', dependency.name, 'package.json'));
      if (!isRecord(installed)) continue;
      const version = typeof installed.version === 'string' ? installed.version : undefined;
      const declared = declaredOf(installed);
      const packageDir = path.join(dir, 'node_modules', dependency.name);
      return { declared, source: 'node_modules', ...(version ? { version } : {}), ...(await licenseFileOf(declared, packageDir)) };
    }
    return undefined;
  }
}

/**
 * Reads `packages[...]` of package-lock.json v2/v3 (v1 lockfiles carry no
 * licenses). The nearest lockfile upward from the manifest is used, so members of
 * an npm workspace find the root's lockfile.
 */
export class PackageLockLicenses implements LicenseSource {
  readonly name = 'package-lock.json';
  readonly kind = 'lockfile';

  constructor(private readonly files: JsonFileCache) {}

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    const manifestDir = path.dirname(path.resolve(manifestPath));
    for (const dir of ancestors(manifestDir)) {
      signal?.throwIfAborted();
      const lock = await this.files.read(path.join(dir, 'package-lock.json'));
      if (!isRecord(lock)) continue;
      if (!isRecord(lock.packages)) return undefined;
      const member = path.relative(dir, manifestDir).split(path.sep).join('/');
      const keys = [member ? `${member}/node_modules/${dependency.name}` : undefined, `node_modules/${dependency.name}`];
      for (const key of keys) {
        const entry = key ? lock.packages[key] : undefined;
        if (!isRecord(entry)) continue;
        // Only a license the lockfile states counts: lockfiles converted from v1, or
        // written by older npm, leave the field out even when the package has one.
        if (declaredOf(entry) === undefined) return undefined;
        const version = typeof entry.version === 'string' ? entry.version : undefined;
        return { declared: declaredOf(entry), source: 'package-lock.json', ...(version ? { version } : {}) };
      }
      return undefined;
    }
    return undefined;
  }
}

/**
 * For `"license": "SEE LICENSE IN <file>"`, the file's text (inside the package
 * folder only), so the check can identify it rather than report "unknown".
 */
async function licenseFileOf(declared: DeclaredLicense, packageDir: string): Promise<{ licenseText?: string; licenseFile?: string }> {
  const match = typeof declared === 'string' ? /^SEE LICEN[CS]E IN\s+(.+)$/i.exec(declared.trim()) : null;
  if (!match) return {};
  const file = path.resolve(packageDir, match[1].trim());
  if (!file.startsWith(packageDir + path.sep)) return {};
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > 512 * 1024) return {};
    return { licenseText: await fs.readFile(file, 'utf8'), licenseFile: file };
  } catch {
    return {};
  }
}
