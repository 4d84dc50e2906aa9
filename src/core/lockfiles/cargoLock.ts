import { pickVersion } from '../manifests/cargo/requirement';
import { addEdge, addNode, MissingEdges, unlockedProblem, type MutableNode } from './graph';
import { readPackageTables, stringOf } from './toml';
import type { LockfileFormat, ParsedLockfile, RootRequest, RootResolution } from './types';

/**
 * Cargo.lock (any version):
 *
 *     [[package]]
 *     name = "regex"
 *     version = "1.10.4"
 *     source = "registry+https://github.com/rust-lang/crates.io-index"
 *     dependencies = [
 *      "aho-corasick",
 *      "regex-syntax 0.8.3",
 *     ]
 *
 * A dependency is written `name` when one version of it is locked, `name version` when
 * several are, and `name version (source)` when that is still ambiguous (v1 and v2 lockfiles
 * always write the source). Crates without `source` are the workspace's own. Cargo lists a
 * workspace member's dev- and build-dependencies with its normal ones; for a registry crate
 * only what it needs to build (its dev-dependencies are never resolved).
 *
 * src/core/manifests/cargo/cargoLock.ts reads the same file for versions only; the graph
 * needs `dependencies`, which it does not keep.
 */

const FIX = 'run cargo update --workspace (or cargo build) to update it';

export function parseCargoLock(text: string): ParsedLockfile {
  const { packages, problems } = readPackageTables(text, 'Cargo.lock');
  const nodes: MutableNode[] = [];
  const sources: Array<string | undefined> = [];
  const byName = new Map<string, number[]>();
  const dependencyLists: unknown[] = [];

  for (const entry of packages) {
    const name = stringOf(entry, 'name');
    const version = stringOf(entry, 'version');
    if (!name || !version) continue;
    const source = stringOf(entry, 'source');
    const index = addNode(nodes, { name, version, ...(source ? {} : { own: true }) });
    sources[index] = source;
    dependencyLists[index] = entry.dependencies;
    const list = byName.get(name);
    if (list) list.push(index);
    else byName.set(name, [index]);
  }

  const missing = new MissingEdges();
  nodes.forEach((node, index) => {
    const list = dependencyLists[index];
    for (const spec of Array.isArray(list) ? list : []) {
      if (typeof spec !== 'string') continue;
      const target = resolveSpec(spec, byName, nodes, sources);
      if (target !== undefined) addEdge(node, target);
      else missing.add(spec.split(' ')[0], node.name);
    }
  });
  const graphProblem = missing.problem('Cargo.lock', FIX);

  return {
    graph: { nodes },
    problems: graphProblem ? [...problems, graphProblem] : problems,
    roots: (request) => crateRoots(request, nodes, byName),
  };
}

/** `name`, `name version` or `name version (source)` → the locked crate it means. */
function resolveSpec(spec: string, byName: ReadonlyMap<string, readonly number[]>, nodes: readonly MutableNode[], sources: ReadonlyArray<string | undefined>): number | undefined {
  const match = /^(\S+)(?:\s+(\S+))?(?:\s+\((.*)\))?\s*$/.exec(spec.trim());
  if (!match) return undefined;
  const [, name, version, source] = match;
  return (byName.get(name) ?? []).find((candidate) => (!version || nodes[candidate].version === version) && (!source || sources[candidate] === source));
}

/**
 * The locked crate of each direct dependency: among the manifest's own crate's locked
 * dependencies when Cargo.lock lists that crate (it settles which of several versions),
 * else among every locked crate of that name; several left, the one Cargo would pick.
 */
function crateRoots({ direct, manifestText }: RootRequest, nodes: readonly MutableNode[], byName: ReadonlyMap<string, readonly number[]>): RootResolution {
  const packageName = manifestText === undefined ? undefined : cargoPackageName(manifestText);
  const self = packageName === undefined ? undefined : nodes.find((node) => node.own && node.name === packageName);
  const problems: string[] = [];
  if (packageName !== undefined && !self) {
    problems.push(`Cargo.lock does not list the crate "${packageName}": it is not a member of the workspace the lockfile belongs to, or was added since; versions are guessed from the requirements — run cargo generate-lockfile in its folder`);
  }
  const unlocked: string[] = [];
  const roots = direct.map((dependency) => {
    const fromSelf = self ? self.edges.filter((edge) => nodes[edge].name === dependency.name) : [];
    const candidates = fromSelf.length > 0 ? fromSelf : (byName.get(dependency.name) ?? []);
    if (candidates.length === 0) {
      unlocked.push(dependency.name);
      return [];
    }
    const requirement = /^(git:|workspace$)/.test(dependency.requested) ? undefined : dependency.requested;
    const version = pickVersion(
      candidates.map((candidate) => nodes[candidate].version),
      requirement,
    );
    const chosen = candidates.find((candidate) => nodes[candidate].version === version) ?? candidates[0];
    return [chosen];
  });
  const problem = unlockedProblem('Cargo.lock', unlocked, FIX);
  return { roots, problems: problem ? [...problems, problem] : problems };
}

/** `[package] name` of a Cargo.toml, read line by line (it is needed even while the file is half-typed). */
export function cargoPackageName(text: string): string | undefined {
  let inPackage = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]*)\]\s*(#.*)?$/.exec(line);
    if (header) {
      inPackage = header[1].trim() === 'package';
      continue;
    }
    const name = inPackage ? /^\s*name\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(line) : null;
    if (name) return name[1] ?? name[2];
  }
  return undefined;
}

export const cargoLockFormat: LockfileFormat = {
  ecosystem: 'cargo',
  file: 'Cargo.lock',
  parse: parseCargoLock,
};
