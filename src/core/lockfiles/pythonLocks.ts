import * as path from 'node:path';
import { normalizeName } from '../manifests/python/pep508';
import { addEdge, addNode, MissingEdges, unlockedProblem, type MutableNode } from './graph';
import { readPackageTables, stringOf } from './toml';
import type { LockfileFormat, ParsedLockfile, RootRequest, RootResolution } from './types';
import { isObject } from './yaml';

/**
 * poetry.lock and uv.lock. Both list `[[package]]` tables with a name and a version, and
 * tie packages together by (PEP 503-normalised) name; neither lists the root project's
 * own requirements in a way Poetry and uv share, so direct dependencies are matched by name.
 *
 * Extras: a package's optional dependencies are installed only when something asks for
 * the extra that lists them (`requests[socks]`). An extra the lockfile shows someone
 * requesting makes its dependencies ordinary edges; the others become weak edges, followed
 * only to packages nothing else reaches — the lockfile holds them for a reason, most often
 * an extra the manifest asks for, which the manifest parser does not record.
 */

type PythonNodes = { nodes: MutableNode[]; byName: Map<string, number[]> };

function indexByName(nodes: readonly MutableNode[]): Map<string, number[]> {
  const byName = new Map<string, number[]>();
  nodes.forEach((node, index) => {
    if (node.name === '') return;
    const key = normalizeName(node.name);
    const list = byName.get(key);
    if (list) list.push(index);
    else byName.set(key, [index]);
  });
  return byName;
}

function nameRoots(direct: RootRequest['direct'], byName: ReadonlyMap<string, readonly number[]>, file: string, fix: string): RootResolution {
  const unlocked: string[] = [];
  const roots = direct.map((dependency) => {
    const found = byName.get(normalizeName(dependency.name)) ?? [];
    if (found.length === 0) unlocked.push(dependency.name);
    return found;
  });
  const problem = unlockedProblem(file, unlocked, fix);
  return { roots, problems: problem ? [problem] : [] };
}

// ---- poetry.lock -------------------------------------------------------------------------

const POETRY_FIX = 'run poetry lock to update it';

/**
 * poetry.lock:
 *
 *     [[package]]
 *     name = "requests"
 *     version = "2.32.3"
 *
 *     [package.dependencies]
 *     certifi = ">=2017.4.17"
 *     PySocks = {version = ">=1.5.6, !=1.5.7", optional = true}
 *
 *     [package.extras]
 *     socks = ["PySocks (>=1.5.6,!=1.5.7)"]
 *
 * A dependency is a version string, a table (`optional`, `extras`, `markers`) or an array
 * of tables (one per marker). Packages from a local folder (`[package.source] type =
 * "directory"`) are the project's own.
 */
export function parsePoetryLock(text: string): ParsedLockfile {
  const { packages, problems } = readPackageTables(text, 'poetry.lock');
  const { nodes, byName } = pythonNodes(packages, (entry) => isObject(entry.source) && stringOf(entry.source, 'type') === 'directory');

  // Which extras of which package anything asks for.
  const requested = new Map<string, Set<string>>();
  const dependencies = packages.map((entry) => poetryDependencies(entry.dependencies));
  for (const list of dependencies) {
    for (const dependency of list) {
      // Extra names compare normalised too (PEP 685).
      for (const extra of dependency.extras) addTo(requested, normalizeName(dependency.name), normalizeName(extra));
    }
  }

  const missing = new MissingEdges();
  nodes.forEach((node, index) => {
    const wanted = requestedExtraMembers(packages[index].extras, requested.get(normalizeName(node.name)));
    for (const dependency of dependencies[index]) {
      const targets = byName.get(normalizeName(dependency.name)) ?? [];
      if (targets.length === 0 && !dependency.optional) missing.add(dependency.name, node.name);
      const weak = dependency.optional && !wanted.has(normalizeName(dependency.name));
      for (const target of targets) addEdge(node, target, weak);
    }
  });
  const graphProblem = missing.problem('poetry.lock', POETRY_FIX);

  return {
    graph: { nodes },
    problems: graphProblem ? [...problems, graphProblem] : problems,
    roots: ({ direct }) => nameRoots(direct, byName, 'poetry.lock', POETRY_FIX),
  };
}

function pythonNodes(packages: ReadonlyArray<Record<string, unknown>>, isOwn: (entry: Record<string, unknown>) => boolean): PythonNodes {
  const nodes: MutableNode[] = [];
  for (const entry of packages) {
    // Keep one node per table, even an unnamed one, so node and table indices agree.
    addNode(nodes, { name: stringOf(entry, 'name') ?? '', version: stringOf(entry, 'version') ?? '', ...(isOwn(entry) ? { own: true } : {}) });
  }
  return { nodes, byName: indexByName(nodes) };
}

interface PoetryDependency {
  readonly name: string;
  readonly optional: boolean;
  readonly extras: readonly string[];
}

function poetryDependencies(table: unknown): PoetryDependency[] {
  if (!isObject(table)) return [];
  return Object.entries(table).map(([name, spec]) => {
    const specs = Array.isArray(spec) ? spec : [spec];
    const optional = specs.length > 0 && specs.every((item) => isObject(item) && item.optional === true);
    const extras = specs.flatMap((item) => (isObject(item) && Array.isArray(item.extras) ? item.extras.filter((e): e is string => typeof e === 'string') : []));
    return { name, optional, extras };
  });
}

/** Normalised names listed by the extras someone requests (`socks = ["PySocks (>=1.5.6)"]`). */
function requestedExtraMembers(extras: unknown, wanted: ReadonlySet<string> | undefined): Set<string> {
  const names = new Set<string>();
  if (!isObject(extras) || !wanted) return names;
  for (const [extra, requirements] of Object.entries(extras)) {
    if (!wanted.has(normalizeName(extra)) || !Array.isArray(requirements)) continue;
    for (const requirement of requirements) {
      const name = typeof requirement === 'string' ? /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement)?.[1] : undefined;
      if (name) names.add(normalizeName(name));
    }
  }
  return names;
}

function addTo<K>(map: Map<K, Set<string>>, key: K, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

// ---- uv.lock -----------------------------------------------------------------------------

const UV_FIX = 'run uv lock to update it';

/**
 * uv.lock:
 *
 *     [[package]]
 *     name = "fastapi"
 *     version = "0.115.0"
 *     source = { registry = "https://pypi.org/simple" }
 *     dependencies = [
 *         { name = "pydantic" },
 *         { name = "starlette" },
 *     ]
 *
 *     [package.optional-dependencies]
 *     all = [{ name = "email-validator" }, { name = "uvicorn", extra = ["standard"] }]
 *
 * A dependency names a package, with `version` and `source` when several are locked (a
 * forked resolution) and `extra` when it asks for extras. The project and its workspace
 * members are packages too (`source = { editable = "." }` or `{ virtual = "." }`), with
 * their requirements, optional dependencies and `[package.dev-dependencies]` groups.
 */
export function parseUvLock(text: string): ParsedLockfile {
  const { packages, problems } = readPackageTables(text, 'uv.lock');
  const { nodes, byName } = pythonNodes(packages, (entry) => projectPath(entry) !== undefined || (isObject(entry.source) && typeof entry.source.directory === 'string'));
  const resolve = (dependency: unknown): number[] => {
    const name = stringOf(dependency, 'name');
    if (!name) return [];
    const candidates = byName.get(normalizeName(name)) ?? [];
    const version = stringOf(dependency, 'version');
    const source = isObject(dependency) ? dependency.source : undefined;
    const matching = candidates.filter(
      (candidate) =>
        (version === undefined || nodes[candidate].version === version) &&
        (source === undefined || JSON.stringify(packages[candidate].source) === JSON.stringify(source)),
    );
    return matching.length > 0 ? matching : candidates;
  };

  // Extras requested anywhere, per package node.
  const requested = new Map<number, Set<string>>();
  packages.forEach((entry) => {
    const lists = [entry.dependencies, ...groupLists(entry['optional-dependencies']), ...groupLists(entry['dev-dependencies'])];
    for (const list of lists) {
      for (const dependency of Array.isArray(list) ? list : []) {
        const extras = isObject(dependency) && Array.isArray(dependency.extra) ? dependency.extra.filter((e): e is string => typeof e === 'string') : [];
        if (extras.length === 0) continue;
        for (const target of resolve(dependency)) {
          for (const extra of extras) addTo(requested, target, normalizeName(extra));
        }
      }
    }
  });

  const missing = new MissingEdges();
  nodes.forEach((node, index) => {
    const entry = packages[index];
    const link = (list: unknown, weak: boolean): void => {
      for (const dependency of Array.isArray(list) ? list : []) {
        const targets = resolve(dependency);
        if (targets.length === 0 && !weak) missing.add(stringOf(dependency, 'name') ?? '?', node.name);
        for (const target of targets) addEdge(node, target, weak);
      }
    };
    link(entry.dependencies, false);
    const optional = isObject(entry['optional-dependencies']) ? entry['optional-dependencies'] : {};
    for (const [extra, list] of Object.entries(optional)) link(list, !requested.get(index)?.has(normalizeName(extra)));
    // dev-dependencies are the project's development groups: they never ship, so they are not edges.
  });
  const graphProblem = missing.problem('uv.lock', UV_FIX);

  return {
    graph: { nodes },
    problems: graphProblem ? [...problems, graphProblem] : problems,
    roots: (request) => uvRoots(request, packages, byName, resolve),
  };
}

/**
 * The project's own entry (`source = { editable = "<member>" }` or `virtual`) says exactly
 * which locked package each requirement resolved to; without it, packages are matched by name.
 */
function uvRoots(
  { member, direct }: RootRequest,
  packages: ReadonlyArray<Record<string, unknown>>,
  byName: ReadonlyMap<string, readonly number[]>,
  resolve: (dependency: unknown) => number[],
): RootResolution {
  const self = packages.find((entry) => projectPath(entry) === (member === '' ? '.' : member));
  if (!self && member !== '') {
    // A uv.lock found in a folder above belongs to a workspace; this manifest is not one of its members.
    return {
      roots: direct.map(() => []),
      problems: [`uv.lock does not cover this manifest: its folder "${member}" is not a member of the uv workspace the lockfile belongs to`],
    };
  }
  if (!self) return nameRoots(direct, byName, 'uv.lock', UV_FIX);
  const declared = new Map<string, number[]>();
  for (const list of [self.dependencies, ...groupLists(self['optional-dependencies']), ...groupLists(self['dev-dependencies'])]) {
    for (const dependency of Array.isArray(list) ? list : []) {
      const name = stringOf(dependency, 'name');
      if (!name) continue;
      const key = normalizeName(name);
      declared.set(key, [...new Set([...(declared.get(key) ?? []), ...resolve(dependency)])]);
    }
  }
  const unlocked: string[] = [];
  const roots = direct.map((dependency) => {
    const key = normalizeName(dependency.name);
    const found = declared.get(key) ?? byName.get(key) ?? [];
    if (found.length === 0) unlocked.push(dependency.name);
    return found;
  });
  const problem = unlockedProblem('uv.lock', unlocked, UV_FIX);
  return { roots, problems: problem ? [problem] : [] };
}

/** The folder of a project or workspace member entry, normalised ('.' for the root). */
function projectPath(entry: Record<string, unknown>): string | undefined {
  const source = entry.source;
  const folder = stringOf(source, 'editable') ?? stringOf(source, 'virtual');
  if (folder === undefined) return undefined;
  const normal = path.posix.normalize(folder.replace(/\\/g, '/')).replace(/\/+$/, '');
  return normal === '' ? '.' : normal;
}

function groupLists(groups: unknown): unknown[] {
  return isObject(groups) ? Object.values(groups) : [];
}

export const poetryLockFormat: LockfileFormat = {
  ecosystem: 'pypi',
  file: 'poetry.lock',
  parse: parsePoetryLock,
};

export const uvLockFormat: LockfileFormat = {
  ecosystem: 'pypi',
  file: 'uv.lock',
  parse: parseUvLock,
};
