import type { Dependency, Scope } from '../model';
import type { LockGraph, LockNode } from './types';

/** A node while a parser is still adding its edges. */
export interface MutableNode {
  name: string;
  version: string;
  declared?: string;
  own?: boolean;
  edges: number[];
  weakEdges?: number[];
}

/** Adds a node and returns its index. */
export function addNode(nodes: MutableNode[], node: Omit<MutableNode, 'edges'> & { edges?: number[] }): number {
  nodes.push({ ...node, edges: node.edges ?? [] });
  return nodes.length - 1;
}

/** Adds an edge once (lockfiles rarely repeat one, but `dependencies` and `optionalDependencies` may overlap). */
export function addEdge(node: MutableNode, target: number, weak = false): void {
  if (weak) {
    node.weakEdges ??= [];
    node.weakEdges.push(target);
  } else {
    node.edges.push(target);
  }
}

/**
 * Collects dependencies a lockfile names but does not lock, to report them as one
 * problem (a lockfile out of step with its packages) instead of one per edge.
 */
export class MissingEdges {
  private count = 0;
  private readonly examples: string[] = [];

  add(name: string, neededBy: string): void {
    this.count++;
    if (this.examples.length < 3) this.examples.push(`"${name}" needed by "${neededBy}"`);
  }

  /** The problem to report, if anything was missing. */
  problem(lockfile: string, fix: string): string | undefined {
    if (this.count === 0) return undefined;
    const what = this.count === 1 ? 'a dependency' : `${this.count} dependencies`;
    return `${lockfile} does not lock ${what} of its own packages (${this.examples.join(', ')}${this.count > this.examples.length ? ', …' : ''}); ${fix}`;
  }
}

/** Direct dependencies that resolve to nothing in the lockfile, reported as one problem. */
export function unlockedProblem(lockfile: string, names: readonly string[], fix: string): string | undefined {
  if (names.length === 0) return undefined;
  const shown = names.slice(0, 5).map((name) => `"${name}"`).join(', ');
  const more = names.length > 5 ? ` and ${names.length - 5} more` : '';
  return `${lockfile} does not lock ${shown}${more}, so what ${names.length === 1 ? 'it pulls' : 'they pull'} in is not listed; ${fix}`;
}

/** Keeps at most `limit` problems, summarising the rest: a garbage file should not flood the output. */
export function capProblems(problems: readonly string[], limit = 10): string[] {
  if (problems.length <= limit) return [...problems];
  return [...problems.slice(0, limit), `… and ${problems.length - limit} more problems`];
}

export interface WalkedPackage {
  readonly node: number;
  readonly via: readonly string[];
  readonly root: string;
  readonly scope: Scope;
}

/**
 * Scopes from the one that ships the most to the one that ships the least. A package
 * is given the first scope that reaches it, so one needed at runtime stays runtime
 * even when a dev dependency needs it too.
 */
const SCOPE_ORDER: readonly Scope[] = ['runtime', 'optional', 'peer', 'provided', 'build', 'test', 'dev'];

const UNSEEN = -1;
const SOURCE = -2;

/**
 * Every package reachable from the direct dependencies, each with its shortest chain.
 *
 * One breadth-first search per scope, most-shipping first, over a visited set shared by
 * all of them: every node and edge is looked at a bounded number of times, so the walk
 * is linear in the size of the lockfile. Weak edges are followed in a second round, only
 * to nodes the first did not reach. Not reported: the project's own packages, a name and
 * version already reported, and direct dependencies (they are checked as direct ones) —
 * unless a dependency of a more-shipping scope pulls one in: a dev dependency that a runtime
 * dependency also needs ships, and is reported as runtime with that chain.
 */
export function walkGraph(
  graph: LockGraph,
  direct: readonly Dependency[],
  roots: ReadonlyArray<readonly number[]>,
  unattached: readonly number[] = [],
): WalkedPackage[] {
  const { nodes } = graph;
  const parent = new Int32Array(nodes.length).fill(UNSEEN);
  const rootOf = new Int32Array(nodes.length);
  const reported = new Set<string>();
  const visited: number[][] = SCOPE_ORDER.map(() => []);
  const found: Array<{ node: number; scope: Scope }> = [];

  const visit = (node: number, from: number, tier: number): void => {
    parent[node] = from;
    rootOf[node] = rootOf[from];
    visited[tier].push(node);
    const key = keyOf(nodes[node]);
    if (nodes[node].own || reported.has(key)) return;
    reported.add(key);
    found.push({ node, scope: SCOPE_ORDER[tier] });
  };

  const search = (queue: number[], tier: number, weak: boolean): void => {
    for (let head = 0; head < queue.length; head++) {
      const from = queue[head];
      for (const edges of weak ? [nodes[from].edges, nodes[from].weakEdges ?? []] : [nodes[from].edges]) {
        for (const to of edges) {
          if (parent[to] !== UNSEEN) continue;
          visit(to, from, tier);
          queue.push(to);
        }
      }
    }
  };

  SCOPE_ORDER.forEach((_, tier) => {
    const queue: number[] = [];
    direct.forEach((dependency, index) => {
      if (tierOf(dependency.scope) !== tier) return;
      for (const node of roots[index] ?? []) {
        if (node < 0 || node >= nodes.length || parent[node] !== UNSEEN) continue;
        parent[node] = SOURCE;
        rootOf[node] = index;
        reported.add(keyOf(nodes[node]));
        visited[tier].push(node);
        queue.push(node);
      }
    });
    search(queue, tier, false);
  });
  SCOPE_ORDER.forEach((_, tier) => search([...visited[tier]], tier, true));

  const walked: WalkedPackage[] = found.map(({ node, scope }) => {
    const via = chainTo(node, parent, nodes);
    const root = direct[rootOf[node]].name;
    return { node, via: [root, ...via], root, scope };
  });
  for (const node of unattached) {
    if (node < 0 || node >= nodes.length || parent[node] !== UNSEEN || nodes[node].own) continue;
    parent[node] = SOURCE;
    const key = keyOf(nodes[node]);
    if (reported.has(key)) continue;
    reported.add(key);
    walked.push({ node, via: [], root: '', scope: 'runtime' });
  }
  return walked;
}

function tierOf(scope: Scope): number {
  const tier = SCOPE_ORDER.indexOf(scope);
  return tier < 0 ? 0 : tier;
}

function keyOf(node: LockNode): string {
  return `${node.name}@${node.version}`;
}

/** Names of the packages between the direct dependency and `node`, both excluded (the root's name is the manifest's). */
function chainTo(node: number, parent: Int32Array, nodes: readonly LockNode[]): string[] {
  const names: string[] = [];
  for (let at = parent[node]; at >= 0 && parent[at] !== SOURCE; at = parent[at]) names.push(nodes[at].name);
  return names.reverse();
}
