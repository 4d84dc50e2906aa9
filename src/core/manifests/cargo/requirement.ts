import * as semver from 'semver';

/** `1`, `1.2`, `1.2.3-beta.1+build`: no operator and no wildcard. */
const BARE_VERSION = /^\d+(\.\d+){0,2}([-+].*)?$/;

/**
 * A Cargo version requirement as an npm-semver range, or undefined when it is not
 * one (a git URL, "workspace", garbage). The two differ in two ways: a bare
 * version means `^version` in Cargo but an exact version in npm, and Cargo joins
 * comparators with commas where npm uses spaces. Caret, tilde, wildcard and
 * comparison semantics (including the 0.x rules) are otherwise the same.
 */
export function cargoRequirementToRange(requirement: string): string | undefined {
  const comparators = requirement.split(',').map((part) => part.trim());
  if (comparators.some((part) => part === '')) return undefined;
  const range = comparators
    .map((part) => part.replace(/^(=|>=|<=|>|<|~|\^)\s+/, '$1'))
    .map((part) => (BARE_VERSION.test(part) ? `^${part}` : part))
    .join(' ');
  return semver.validRange(range) ? range : undefined;
}

/**
 * The version Cargo would have picked: the highest that satisfies the requirement,
 * else the highest of all (a stale lockfile or cache is better than nothing).
 */
export function pickVersion(versions: readonly string[], requirement: string | undefined): string | undefined {
  const valid = versions.filter((version) => semver.valid(version));
  if (valid.length === 0) return versions[0];
  const range = requirement === undefined ? undefined : cargoRequirementToRange(requirement);
  const matching = range ? valid.filter((version) => semver.satisfies(version, range)) : [];
  return highest(matching.length > 0 ? matching : valid);
}

function highest(versions: readonly string[]): string | undefined {
  return [...versions].sort(semver.rcompare)[0];
}
