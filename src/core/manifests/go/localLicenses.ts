import * as path from 'node:path';
import type { Dependency } from '../../model';
import type { FoundLicense, LicenseSource, LocalEnvironment } from '../../resolution';
import { goModCacheDir } from './goEnv';
import { findReplacement, parseGoModFile, type GoReplace } from './goMod';
import { findLicenseFile, type GoFileCache, type LicenseFile } from './localFiles';
import { escapeModulePath, isSafeModulePath } from './modulePath';
import { parseVendorModules } from './vendorModules';

/*
 * Go modules declare no license anywhere: the license is a file (LICENSE, COPYING…) at the
 * module's root. These sources find that file where the go command put it and return its
 * text; the check identifies the license in the text.
 *
 * A `replace` in go.mod changes whose code is built, so it changes whose license applies. The
 * sources read the replacements from the go.mod saved on disk (a source is given the
 * manifest's path, not the text being edited).
 */

/** The replacement go.mod on disk applies to this dependency, if any. */
async function replacementOf(files: GoFileCache, manifestPath: string, dependency: Dependency): Promise<GoReplace | undefined> {
  const goMod = await files.parsed(manifestPath, 'go.mod', parseGoModFile);
  return goMod ? findReplacement(goMod.replaces, dependency.name, dependency.requested) : undefined;
}

function found(source: string, license: LicenseFile | null, version: string | undefined): FoundLicense {
  return {
    declared: undefined,
    source,
    ...(version ? { version } : {}),
    ...(license ? { licenseText: license.text, licenseFile: license.file } : {}),
  };
}

/**
 * A module replaced by a local directory (`replace example.com/x => ../x`) is code of this
 * project, not a download: its license is the LICENSE file in that directory when there is
 * one (a fork kept in `third_party/` keeps its upstream license), and otherwise it is the
 * organisation's own code, with no license of its own. Either way nothing else is looked up:
 * the vendored or cached copy of the original module is not what gets built.
 */
export class GoLocalReplacementLicenses implements LicenseSource {
  readonly name = 'local replacement';

  constructor(private readonly files: GoFileCache) {}

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    signal?.throwIfAborted();
    const replacement = await replacementOf(this.files, manifestPath, dependency);
    if (!replacement?.local) return undefined;
    signal?.throwIfAborted();
    const dir = path.resolve(path.dirname(manifestPath), replacement.newPath.replace(/[\\/]/g, path.sep));
    const license = await findLicenseFile(this.files, dir, signal);
    return found(this.name, license ?? null, undefined);
  }
}

/**
 * `vendor/<module path>/` next to go.mod, as `go mod vendor` lays it out: it copies the
 * module root's LICENSE/COPYING files with the packages, and records in vendor/modules.txt the
 * version built (for a replaced module, the folder holds the replacement's code and license).
 */
export class GoVendorLicenses implements LicenseSource {
  readonly name = 'vendor';

  constructor(private readonly files: GoFileCache) {}

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    if (!isSafeModulePath(dependency.name)) return undefined;
    signal?.throwIfAborted();
    if ((await replacementOf(this.files, manifestPath, dependency))?.local) return undefined;
    const vendor = path.join(path.dirname(manifestPath), 'vendor');
    signal?.throwIfAborted();
    const license = await findLicenseFile(this.files, path.join(vendor, ...dependency.name.split('/')), signal);
    if (license === undefined) return undefined; // not vendored
    signal?.throwIfAborted();
    const modules = await this.files.parsed(path.join(vendor, 'modules.txt'), 'modules.txt', parseVendorModules);
    return found(this.name, license, modules?.get(dependency.name)?.version ?? dependency.requested);
  }
}

/**
 * The module cache: `<GOMODCACHE>/<escaped path>@<escaped version>/`, the read-only copy of a
 * module the go command extracts on download. The version is the one go.mod requires: go.mod
 * versions are exact (minimum version selection builds the required version once the file is
 * tidy). A module replaced by another module is looked up under the replacement.
 */
export class GoModuleCacheLicenses implements LicenseSource {
  readonly name = 'module cache';

  constructor(
    private readonly files: GoFileCache,
    private readonly environment: LocalEnvironment,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    signal?.throwIfAborted();
    const replacement = await replacementOf(this.files, manifestPath, dependency);
    if (replacement?.local) return undefined;
    const modulePath = replacement?.newPath ?? dependency.name;
    const version = replacement?.newVersion ?? dependency.requested;
    if (!isSafeModulePath(modulePath) || !isSafeModulePath(version) || version.includes('/')) return undefined;
    const cache = await goModCacheDir(this.environment, this.files, this.platform, signal);
    const dir = path.join(cache, ...`${escapeModulePath(modulePath)}@${escapeModulePath(version)}`.split('/'));
    signal?.throwIfAborted();
    const license = await findLicenseFile(this.files, dir, signal);
    return license === undefined ? undefined : found(this.name, license, dependency.requested);
  }
}
