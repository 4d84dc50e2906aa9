/**
 * When a dependency's `requested` text already names one version, per
 * ecosystem, so services that need an exact version (deps.dev) can be asked
 * without resolving a range first. Pure: no I/O.
 */
import * as semver from 'semver';
import { exactPin } from '../manifests/python/constraints';
import { parseRequest } from '../manifests/nuget/versions';
import type { Ecosystem } from '../model';

/** The exact version `requested` names in `ecosystem`, or undefined when it names a range, a tag, a URL or nothing. */
export function exactVersion(ecosystem: Ecosystem, requested: string): string | undefined {
  const text = requested.trim();
  if (text === '') return undefined;
  switch (ecosystem) {
    case 'npm':
      // "1.2.3", "=1.2.3" and "v1.2.3" are exact in npm; "^1.2.3" is not.
      return /^[=v\s]*\d/.test(text) ? (semver.valid(semver.clean(text) ?? '') ?? undefined) : undefined;
    case 'pypi':
      return exactPin(text);
    case 'cargo': {
      // A bare version is a caret requirement in Cargo; only "=x.y.z" is exact.
      const exact = /^=\s*(\S+)$/.exec(text);
      return exact && semver.valid(exact[1]) ? exact[1] : undefined;
    }
    case 'go':
      // go.mod requires exact module versions, pseudo-versions and +incompatible included.
      return /^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(text) ? text : undefined;
    case 'maven':
      return exactMaven(text);
    case 'nuget':
      return exactNuGet(text);
  }
}

/**
 * Maven: a plain version is what Maven uses (a "soft" requirement nothing else
 * overrides in a direct dependency); `[1.2.3]` is a hard one; Gradle's `1.2.3!!`
 * is strict. Ranges, `+`, `latest.*`, RELEASE/LATEST and unresolved `${…}` are not.
 */
function exactMaven(text: string): string | undefined {
  const strict = text.endsWith('!!') ? text.slice(0, -2).trim() : text;
  const hard = /^\[\s*([^,\]\s]+)\s*\]$/.exec(strict);
  const version = hard ? hard[1] : strict;
  if (/[[\](),\s$+*]/.test(version) || /^(latest\..*|release|latest)$/i.test(version)) return undefined;
  return /^[0-9A-Za-z][0-9A-Za-z._-]*$/.test(version) ? version : undefined;
}

/**
 * NuGet: `[1.2.3]` is exact; a bare `1.2.3` is a minimum, for which restore takes
 * 1.2.3 itself whenever it is published — as a reference's version almost always is.
 */
function exactNuGet(text: string): string | undefined {
  const request = parseRequest(text);
  if (request?.kind === 'exact') return /^\[\s*([^\]\s]+)\s*\]$/.exec(text)?.[1];
  return request?.kind === 'minimum' ? text : undefined;
}
