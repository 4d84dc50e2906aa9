/**
 * NuGet versions and version ranges, enough to pick which installed version a
 * reference means. NuGet versions have up to four numeric parts (`1.0` is
 * `1.0.0`, `1.2.3.0` is `1.2.3`), SemVer 2 pre-release labels compared
 * case-insensitively, and build metadata that does not count.
 * See https://learn.microsoft.com/nuget/concepts/package-versioning.
 */

export interface NuGetVersion {
  /** Four numeric parts, missing ones 0. */
  readonly parts: readonly [number, number, number, number];
  /** Pre-release labels, lower-cased; empty for a release. */
  readonly prerelease: readonly string[];
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]*)?$/;

export function parseVersion(text: string): NuGetVersion | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  const part = (i: number): number => (match[i] === undefined ? 0 : Number(match[i]));
  const parts = [part(1), part(2), part(3), part(4)] as const;
  if (parts.some((p) => !Number.isSafeInteger(p))) return undefined;
  return { parts, prerelease: match[5] ? match[5].toLowerCase().split('.') : [] };
}

export function compareVersions(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    if (a.parts[i] !== b.parts[i]) return a.parts[i] - b.parts[i];
  }
  // A release is newer than any of its pre-releases.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const order = compareLabel(a.prerelease[i], b.prerelease[i]);
    if (order !== 0) return order;
  }
  return a.prerelease.length - b.prerelease.length;
}

function compareLabel(a: string, b: string): number {
  const numericA = /^\d+$/.test(a);
  const numericB = /^\d+$/.test(b);
  if (numericA && numericB) return Number(a) - Number(b);
  if (numericA !== numericB) return numericA ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What a reference asks for:
 * - `1.2.3`: that version or higher, restore taking the lowest available (`minimum`);
 * - `[1.2.3]`: exactly that version (`exact`);
 * - `[1.0,2.0)`, `(,3.0]`…: an interval (`interval`);
 * - `1.*`, `1.2.*-*`, `*`: floating, restore taking the highest matching (`floating`).
 */
export type VersionRequest =
  | { readonly kind: 'minimum'; readonly version: NuGetVersion }
  | { readonly kind: 'exact'; readonly version: NuGetVersion }
  | {
      readonly kind: 'interval';
      readonly min?: NuGetVersion;
      readonly minInclusive: boolean;
      readonly max?: NuGetVersion;
      readonly maxInclusive: boolean;
    }
  | { readonly kind: 'floating'; readonly prefix: readonly number[]; readonly prerelease: boolean };

export function parseRequest(text: string): VersionRequest | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (trimmed.includes('*')) return parseFloating(trimmed);
  if (/^[[(]/.test(trimmed)) return parseInterval(trimmed);
  const version = parseVersion(trimmed);
  return version ? { kind: 'minimum', version } : undefined;
}

function parseInterval(text: string): VersionRequest | undefined {
  const match = /^([[(])\s*([^,\])]*?)\s*(?:,\s*([^\])]*?)\s*)?([\])])$/.exec(text);
  if (!match) return undefined;
  const [, open, low, high, close] = match;
  if (high === undefined) {
    // `[1.0]` is the only valid single-version interval.
    const version = parseVersion(low);
    return open === '[' && close === ']' && version ? { kind: 'exact', version } : undefined;
  }
  const min = low === '' ? undefined : parseVersion(low);
  const max = high === '' ? undefined : parseVersion(high);
  if ((low !== '' && !min) || (high !== '' && !max)) return undefined;
  return { kind: 'interval', min, minInclusive: open === '[', max, maxInclusive: close === ']' };
}

function parseFloating(text: string): VersionRequest | undefined {
  // `1.*`, `*`, `1.*-*`: a float on the numeric parts, maybe on the pre-release too.
  const numeric = /^((?:\d+\.){0,3})\*(-[0-9A-Za-z.-]*\*)?$/.exec(text);
  if (numeric) return { kind: 'floating', prefix: numbers(numeric[1]), prerelease: numeric[2] !== undefined };
  // `1.0.0-*`, `1.0.0-beta.*`: that version's latest pre-release (or the release itself).
  const prerelease = /^(\d+(?:\.\d+){0,3})-[0-9A-Za-z.-]*\*$/.exec(text);
  if (prerelease) return { kind: 'floating', prefix: numbers(prerelease[1]), prerelease: true };
  return undefined;
}

function numbers(dotted: string): number[] {
  return dotted.split('.').filter((p) => p !== '').map(Number);
}

export function satisfies(version: NuGetVersion, request: VersionRequest): boolean {
  switch (request.kind) {
    case 'exact':
      return compareVersions(version, request.version) === 0;
    case 'minimum':
      return compareVersions(version, request.version) >= 0 && (version.prerelease.length === 0 || request.version.prerelease.length > 0);
    case 'interval': {
      if (version.prerelease.length > 0 && !request.min?.prerelease.length && !request.max?.prerelease.length) return false;
      const aboveMin = !request.min || (request.minInclusive ? compareVersions(version, request.min) >= 0 : compareVersions(version, request.min) > 0);
      const belowMax = !request.max || (request.maxInclusive ? compareVersions(version, request.max) <= 0 : compareVersions(version, request.max) < 0);
      return aboveMin && belowMax;
    }
    case 'floating':
      return request.prefix.every((p, i) => version.parts[i] === p) && (request.prerelease || version.prerelease.length === 0);
  }
}

/**
 * Which of the installed versions (as written, e.g. folder names) a request
 * means: the one restore would pick among them — the lowest at or above a bare
 * version, the highest in a range or float. When none fits, or nothing was asked
 * for (a version from elsewhere, or a half-typed one), the highest installed
 * release, so the user still sees the license the package carries.
 */
export function pickVersion(installed: readonly string[], requested: string): string | undefined {
  const candidates = installed
    .map((text) => ({ text, version: parseVersion(text) }))
    .filter((c): c is { text: string; version: NuGetVersion } => c.version !== undefined)
    .sort((a, b) => compareVersions(a.version, b.version));
  if (candidates.length === 0) return undefined;
  const request = parseRequest(requested);
  const matching = request ? candidates.filter((c) => satisfies(c.version, request)) : [];
  if (matching.length > 0) {
    return request?.kind === 'minimum' ? matching[0].text : matching[matching.length - 1].text;
  }
  const releases = candidates.filter((c) => c.version.prerelease.length === 0);
  const pool = releases.length > 0 ? releases : candidates;
  return pool[pool.length - 1].text;
}
