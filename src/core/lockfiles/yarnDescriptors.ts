import * as semver from 'semver';
import type { Dependency } from '../model';
import { unlockedProblem, type MutableNode } from './graph';
import { isLockable } from './packageLock';
import type { RootResolution } from './types';

/** What both Yarn lockfile formats share: entries keyed by `name@range` descriptors. */

export const YARN_FIX = 'run yarn install to update it';

/** `@scope/name@range` → name and range; the range may itself hold `@` (`npm:real@^1`). */
export function splitDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf('@', 1);
  return at < 0 ? { name: descriptor, range: '' } : { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}

/**
 * Each direct dependency's entry: the one listing the descriptors the manifest's range
 * gives; else, for a range changed since the last install, the only entry of that
 * name, or the highest one the range accepts.
 */
export function descriptorRoots(
  direct: readonly Dependency[],
  descriptorsOf: (dependency: Dependency) => readonly string[],
  byDescriptor: ReadonlyMap<string, number>,
  byName: ReadonlyMap<string, readonly number[]>,
  nodes: readonly MutableNode[],
  file = 'yarn.lock',
): RootResolution {
  const unlocked: string[] = [];
  const roots = direct.map((dependency) => {
    for (const descriptor of descriptorsOf(dependency)) {
      const found = byDescriptor.get(descriptor);
      if (found !== undefined) return [found];
    }
    const fallback = byNameFallback(dependency, byName.get(dependency.name) ?? [], nodes);
    if (fallback === undefined && isLockable(dependency)) unlocked.push(dependency.name);
    return fallback === undefined ? [] : [fallback];
  });
  const problem = unlockedProblem(file, unlocked, YARN_FIX);
  return { roots, problems: problem ? [problem] : [] };
}

function byNameFallback(dependency: Dependency, candidates: readonly number[], nodes: readonly MutableNode[]): number | undefined {
  const unique = [...new Set(candidates)];
  if (unique.length === 1) return unique[0];
  const range = semver.validRange(dependency.requested.replace(/^npm:/, ''));
  if (!range) return undefined;
  let best: number | undefined;
  for (const candidate of unique) {
    const version = semver.valid(nodes[candidate].version);
    if (!version || !semver.satisfies(version, range)) continue;
    if (best === undefined || semver.gt(version, nodes[best].version)) best = candidate;
  }
  return best;
}

