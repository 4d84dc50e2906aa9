import { isRecord } from '../../files';
import type { Dependency } from '../../model';
import type { RemoteContext, RemoteLicense } from '../../remote/context';
import { baseUrl, cachedLicense, cachedMetadata, getRegistryJson, optionalText, recordAt, unexpectedAnswer } from '../../remote/registryJson';
import { LicenseLookupError, type FoundLicense, type LicenseSource } from '../../resolution';
import { exactPin, parseConstraint, pickVersion } from './constraints';
import { shortLicense } from './coreMetadata';
import { normalizeName } from './pep508';
import { parseVersion, type Pep440Version } from './pep440';

export const PUBLIC_PYPI = 'https://pypi.org';

/**
 * Reads a project's license from PyPI's JSON API (or a mirror that serves it,
 * configured as `registries.pypi`): `GET /pypi/<name>/<version>/json`. The
 * requirement resolves to the highest installable release that satisfies it
 * (`GET /pypi/<name>/json`), unless it pins one exactly. Never reads pip.conf or
 * any other file for an index URL: only the user's `registries.pypi` setting
 * moves it, so an untrusted workspace cannot send requests elsewhere.
 */
export class PypiRegistryLicenses implements LicenseSource {
  readonly name = 'PyPI';
  readonly remote = true;
  private readonly base: string;

  constructor(private readonly context: RemoteContext) {
    this.base = baseUrl(context.registries.pypi, PUBLIC_PYPI);
  }

  async find(manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<FoundLicense | undefined> {
    const version = await this.resolveVersion(manifestPath, dependency, signal);
    const name = normalizeName(dependency.name);
    const license = await cachedLicense(this.context, `pypi|${this.base}|${name}|${version}`, (abort) => this.fetchLicense(name, version, abort), signal);
    return {
      declared: license.declared as string | undefined,
      source: this.name,
      version: license.version ?? version,
      ...(license.classifiers && license.classifiers.length > 0 ? { classifiers: license.classifiers } : {}),
    };
  }

  /**
   * The release a requirement means: an exact pin as written; otherwise the
   * highest release on the index that satisfies it, skipping releases whose
   * every file is yanked and, unless the requirement names one, pre-releases.
   */
  async resolveVersion(_manifestPath: string, dependency: Dependency, signal?: AbortSignal): Promise<string> {
    const requested = dependency.requested.trim();
    const pin = exactPin(requested);
    if (pin !== undefined) return pin;
    const constraint = parseConstraint(requested);
    if (!constraint) throw new LicenseLookupError(`"${requested}" is not a version requirement (a URL, path or VCS dependency has no PyPI entry)`);
    const name = normalizeName(dependency.name);
    const releases = await cachedMetadata(this.context, `pypi-versions|${this.base}|${name}`, (abort) => this.fetchReleases(name, abort), signal);
    const available = releases.map(parseVersion).filter((v): v is Pep440Version => v !== undefined);
    const best = pickVersion(available, constraint);
    if (!best) throw new LicenseLookupError(`no installable release of ${name} matches "${requested || '*'}"`);
    return best.text;
  }

  /** The releases pip could install: at least one file, not every file yanked (PEP 592). */
  private async fetchReleases(name: string, signal: AbortSignal): Promise<readonly string[]> {
    const url = `${this.base}/pypi/${encodeURIComponent(name)}/json`;
    const json = await getRegistryJson(this.context, { url, signal, what: name });
    const releases = recordAt(json, 'releases');
    if (!releases) throw unexpectedAnswer(url, name, 'no "releases"');
    return Object.entries(releases)
      .filter(([, files]) => Array.isArray(files) && files.some((file) => isRecord(file) && file.yanked !== true))
      .map(([version]) => version);
  }

  /** PEP 639's `license_expression`, else a short `license`, and the license classifiers. */
  private async fetchLicense(name: string, version: string, signal: AbortSignal): Promise<RemoteLicense> {
    const url = `${this.base}/pypi/${encodeURIComponent(name)}/${encodeURIComponent(version)}/json`;
    const what = `${name} ${version}`;
    const info = recordAt(await getRegistryJson(this.context, { url, signal, what }), 'info');
    if (!info) throw unexpectedAnswer(url, what, 'no "info"');
    const expression = optionalText(info, 'license_expression');
    const license = optionalText(info, 'license');
    const classifiers = info.classifiers ?? [];
    if (!expression.ok || !license.ok || !Array.isArray(classifiers)) throw unexpectedAnswer(url, what, 'license fields of the wrong type');
    const declared = expression.value ?? shortLicense(license.value);
    const licenseClassifiers = classifiers.filter((c): c is string => typeof c === 'string' && /^License\s*::/.test(c));
    const reported = optionalText(info, 'version');
    return {
      ...(declared ? { declared } : {}),
      ...(reported.ok && reported.value ? { version: reported.value } : {}),
      ...(licenseClassifiers.length > 0 ? { classifiers: licenseClassifiers } : {}),
    };
  }
}

/** The network license sources for Python dependencies, in the order to try them. */
export function remoteSources(context: RemoteContext): LicenseSource[] {
  return [new PypiRegistryLicenses(context)];
}
