import { addEdge, addNode, MissingEdges, type MutableNode } from './graph';
import type { Dependency } from '../model';
import type { ParsedLockfile, RootResolution } from './types';
import { loadLockYaml, isObject, ownValue, stringEntries } from './yaml';
import { descriptorRoots, splitDescriptor, YARN_FIX } from './yarnDescriptors';

/**
 * yarn.lock of Yarn 2+ (Berry), which is YAML:
 *
 *     __metadata:
 *       version: 8
 *       cacheKey: 10c0
 *
 *     "chalk@npm:^4.1.0, chalk@npm:^4.1.2":
 *       version: 4.1.2
 *       resolution: "chalk@npm:4.1.2"
 *       dependencies:
 *         ansi-styles: "npm:^4.1.0"
 *       languageName: node
 *       linkType: hard
 *
 *     "web@workspace:packages/web":
 *       version: 0.0.0-use.local
 *       resolution: "web@workspace:packages/web"
 *       dependencies:
 *         chalk: "npm:^4.1.2"
 *       languageName: unknown
 *       linkType: soft
 *
 * Every workspace has an entry (`name@workspace:path`) whose `dependencies` hold its
 * dependencies and devDependencies with the exact descriptors to follow. Lockfiles
 * before Yarn 4 write dependency ranges without the default `npm:` protocol
 * (`ansi-styles: ^4.1.0`) while keys carry it, so both spellings are tried. Optional
 * dependencies are plain dependencies marked in `dependenciesMeta`.
 */

export function parseBerryLock(text: string): ParsedLockfile {
  const { value, problems } = loadLockYaml(text, 'yarn.lock');
  const nodes: MutableNode[] = [];
  const byDescriptor = new Map<string, number>();
  const byName = new Map<string, number[]>();
  const workspaces = new Map<string, number>();
  const entries: Array<Record<string, unknown>> = [];

  for (const [key, entry] of isObject(value) ? Object.entries(value) : []) {
    if (key === '__metadata' || !isObject(entry)) continue;
    const descriptors = key.split(/,\s*/).filter((descriptor) => descriptor !== '');
    if (descriptors.length === 0) continue;
    const resolution = typeof entry.resolution === 'string' ? entry.resolution : descriptors[0];
    const index = addNode(nodes, {
      name: splitDescriptor(resolution).name,
      version: typeof entry.version === 'string' ? entry.version : '',
      // Workspaces, `link:` and `portal:` folders are soft links to the project's own code.
      ...(entry.linkType === 'soft' ? { own: true } : {}),
    });
    entries[index] = entry;
    for (const descriptor of descriptors) {
      byDescriptor.set(descriptor, index);
      const installedAs = splitDescriptor(descriptor).name;
      const list = byName.get(installedAs);
      if (list) list.push(index);
      else byName.set(installedAs, [index]);
    }
    const workspace = /@workspace:(.+)$/.exec(resolution);
    if (workspace) workspaces.set(workspace[1], index);
  }

  const missing = new MissingEdges();
  nodes.forEach((node, index) => {
    const meta = entries[index].dependenciesMeta;
    for (const [name, range] of stringEntries(entries[index].dependencies)) {
      const target = lookUp(byDescriptor, name, range);
      if (target !== undefined) addEdge(node, target);
      else if (String(ownValue(ownValue(meta, name), 'optional')) !== 'true') missing.add(name, node.name);
    }
  });
  const graphProblem = missing.problem('yarn.lock', YARN_FIX);

  return {
    graph: { nodes },
    problems: graphProblem ? [...problems, graphProblem] : problems,
    roots: ({ member, direct }): RootResolution => {
      const workspace = workspaces.get(member === '' ? '.' : member);
      const declared = workspace === undefined ? undefined : entries[workspace].dependencies;
      const descriptorsOf = (dependency: Dependency): string[] => {
        const range = ownValue(declared, dependency.name);
        const ranges = typeof range === 'string' ? [range, dependency.requested] : [dependency.requested];
        return ranges.flatMap((r) => spellings(dependency.name, r));
      };
      const resolution = descriptorRoots(direct, descriptorsOf, byDescriptor, byName, nodes);
      if (workspace !== undefined || workspaces.size === 0) return resolution;
      return {
        ...resolution,
        problems: [`yarn.lock has no entry for the workspace "${member || '.'}"; ${YARN_FIX}`, ...resolution.problems],
      };
    },
  };
}

function lookUp(byDescriptor: ReadonlyMap<string, number>, name: string, range: string): number | undefined {
  for (const descriptor of spellings(name, range)) {
    const found = byDescriptor.get(descriptor);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `name@range`, and `name@npm:range` when the range names no protocol (Yarn's default one). */
function spellings(name: string, range: string): string[] {
  return /^[a-z][a-z0-9+.-]*:/i.test(range) ? [`${name}@${range}`] : [`${name}@${range}`, `${name}@npm:${range}`];
}
