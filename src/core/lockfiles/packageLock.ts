import { isRecord } from '../files';
import { declaredText } from '../licenses/normalize';
import type { Dependency } from '../model';
import { addEdge, addNode, MissingEdges, unlockedProblem, type MutableNode } from './graph';
import type { LockfileFormat, ParsedLockfile, RootRequest, RootResolution } from './types';

/**
 * package-lock.json and npm-shrinkwrap.json (same format).
 *
 * v2/v3 (npm 7+): `packages` maps an install location to its package —
 * `node_modules/a`, `node_modules/a/node_modules/b`, a workspace member's folder
 * `packages/x` and the link to it `node_modules/x: { resolved: "packages/x", link: true }`.
 * A package's dependency is found the way Node finds it: in `node_modules` of its own
 * location, then of each folder above.
 *
 * v1 (npm 5–6): `dependencies` is the tree itself; each entry's `requires` names what
 * it needs, found in its own nested `dependencies`, then its parents'.
 */

const FIX = 'run npm install to update it';

export function parsePackageLock(text: string, file = 'package-lock.json'): ParsedLockfile {
  let lock: unknown;
  try {
    lock = JSON.parse(text);
  } catch (error) {
    return emptyLock([`${file} is not valid JSON (${(error as Error).message}); run npm install to rewrite it`]);
  }
  if (!isRecord(lock)) return emptyLock([`${file} is not a lockfile (it is not a JSON object)`]);
  if (isRecord(lock.packages)) return readPackages(lock.packages, file);
  if (isRecord(lock.dependencies)) return readTree(lock.dependencies, file);
  if (lock.lockfileVersion === undefined && lock.packages === undefined && lock.dependencies === undefined) {
    return emptyLock([`${file} has no "packages" or "dependencies": it is not a lockfile npm wrote`]);
  }
  // An empty project: a lockfile with nothing in it.
  return emptyLock([]);
}

function emptyLock(problems: string[]): ParsedLockfile {
  return { graph: { nodes: [] }, problems, roots: ({ direct }) => ({ roots: direct.map(() => []), problems: [] }) };
}

// ---- v2 / v3 -------------------------------------------------------------------------

function readPackages(packages: Record<string, unknown>, file: string): ParsedLockfile {
  const nodes: MutableNode[] = [];
  const byLocation = new Map<string, number>();
  const locations: string[] = [];
  const entries: Record<string, unknown>[] = [];

  for (const [location, entry] of Object.entries(packages)) {
    if (!isRecord(entry) || entry.link === true) continue;
    const index = addNode(nodes, {
      name: packageName(location, entry),
      version: typeof entry.version === 'string' ? entry.version : '',
      ...declaredOf(entry),
      // The root project and workspace members live outside node_modules: they are ours.
      ...(isInstalled(location) ? {} : { own: true }),
    });
    byLocation.set(location, index);
    locations[index] = location;
    entries[index] = entry;
  }
  // A link stands for the folder it points at (a workspace member, a `file:` folder).
  for (const [location, entry] of Object.entries(packages)) {
    if (!isRecord(entry) || entry.link !== true || typeof entry.resolved !== 'string') continue;
    const target = byLocation.get(normalizeLocation(entry.resolved));
    if (target !== undefined) byLocation.set(location, target);
  }

  const missing = new MissingEdges();
  nodes.forEach((node, index) => {
    for (const [name, optional] of dependencyNames(entries[index])) {
      const target = resolveFrom(byLocation, locations[index], name);
      if (target !== undefined) addEdge(node, target);
      else if (!optional) missing.add(name, node.name);
    }
  });

  const problems = [missing.problem(file, FIX)].filter((p): p is string => p !== undefined);
  return {
    graph: { nodes },
    problems,
    roots: (request) => packagesRoots(byLocation, packages, request, file),
  };
}

function packagesRoots(byLocation: ReadonlyMap<string, number>, packages: Record<string, unknown>, request: RootRequest, file: string): RootResolution {
  if (request.member !== '' && !(Object.prototype.hasOwnProperty.call(packages, request.member) && isRecord(packages[request.member]))) {
    return {
      roots: request.direct.map(() => []),
      problems: [`${file} does not cover this package.json: its folder "${request.member}" is not one of the lockfile's workspace members; run npm install in it`],
    };
  }
  const unlocked: string[] = [];
  const roots = request.direct.map((dependency) => {
    const target = resolveFrom(byLocation, request.member, dependency.name);
    if (target === undefined) {
      if (isLockable(dependency)) unlocked.push(dependency.name);
      return [];
    }
    return [target];
  });
  const problem = unlockedProblem(file, unlocked, FIX);
  return { roots, problems: problem ? [problem] : [] };
}

/**
 * The package Node would load for `name` from code at `location`: `node_modules/<name>`
 * in that folder, then in each folder above it (skipping `node_modules` folders themselves).
 */
function resolveFrom(byLocation: ReadonlyMap<string, number>, location: string, name: string): number | undefined {
  let dir = location;
  for (;;) {
    if (!dir.endsWith('/node_modules') && dir !== 'node_modules') {
      const found = byLocation.get(dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`);
      if (found !== undefined) return found;
    }
    if (dir === '') return undefined;
    const slash = dir.lastIndexOf('/');
    dir = slash < 0 ? '' : dir.slice(0, slash);
  }
}

/** What a package entry depends on, with whether a missing one is acceptable. */
function dependencyNames(entry: Record<string, unknown>): Array<[name: string, optional: boolean]> {
  const names = new Map<string, boolean>();
  const keys = (section: string): string[] => (isRecord(entry[section]) ? Object.keys(entry[section]) : []);
  for (const name of keys('dependencies')) names.set(name, false);
  // An entry in optionalDependencies wins over the same name in dependencies, as in npm.
  for (const name of keys('optionalDependencies')) names.set(name, true);
  const peerMeta = isRecord(entry.peerDependenciesMeta) ? entry.peerDependenciesMeta : {};
  for (const name of keys('peerDependencies')) {
    // An optional peer is the consumer's choice: it is not installed for this package. A
    // required one may be missing too (npm 6, or --legacy-peer-deps), so its absence is no problem.
    if (isRecord(peerMeta[name]) && peerMeta[name].optional === true) continue;
    if (!names.has(name)) names.set(name, true);
  }
  return [...names];
}

function isInstalled(location: string): boolean {
  return location === 'node_modules' || location.startsWith('node_modules/') || location.includes('/node_modules/');
}

/** The name under node_modules, or the entry's own `name` (aliases install `npm:real@1` under another name). */
function packageName(location: string, entry: Record<string, unknown>): string {
  if (typeof entry.name === 'string' && entry.name !== '') return entry.name;
  const at = location.lastIndexOf('node_modules/');
  if (at >= 0) return location.slice(at + 'node_modules/'.length);
  const slash = location.lastIndexOf('/');
  return location.slice(slash + 1);
}

function declaredOf(entry: Record<string, unknown>): { declared?: string } {
  const declared = declaredText((entry.license ?? entry.licenses) as Parameters<typeof declaredText>[0]);
  return declared ? { declared } : {};
}

function normalizeLocation(resolved: string): string {
  return resolved.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

// ---- v1 ------------------------------------------------------------------------------

interface TreeScope {
  readonly names: Map<string, number>;
  readonly parent?: TreeScope;
}

function readTree(dependencies: Record<string, unknown>, file: string): ParsedLockfile {
  const nodes: MutableNode[] = [];
  const requires: Array<Record<string, unknown> | undefined> = [];
  const scopes: TreeScope[] = [];
  const top: TreeScope = { names: new Map() };

  // Explicit stack: a deep tree must not overflow the call stack.
  const pending: Array<{ entries: Record<string, unknown>; scope: TreeScope }> = [{ entries: dependencies, scope: top }];
  while (pending.length > 0) {
    const { entries, scope } = pending.pop() as { entries: Record<string, unknown>; scope: TreeScope };
    for (const [installedAs, entry] of Object.entries(entries)) {
      if (!isRecord(entry)) continue;
      const { name, version, own } = treeVersion(installedAs, entry.version);
      const index = addNode(nodes, { name, version, ...(own ? { own } : {}) });
      scope.names.set(installedAs, index);
      requires[index] = isRecord(entry.requires) ? entry.requires : undefined;
      // A package's own nested dependencies are searched first, then its parents'.
      const inner: TreeScope = { names: new Map(), parent: scope };
      scopes[index] = inner;
      if (isRecord(entry.dependencies)) pending.push({ entries: entry.dependencies, scope: inner });
    }
  }

  const missing = new MissingEdges();
  nodes.forEach((node, index) => {
    for (const name of Object.keys(requires[index] ?? {})) {
      const target = lookUp(scopes[index], name);
      if (target !== undefined) addEdge(node, target);
      else missing.add(name, node.name);
    }
  });
  const problems = [missing.problem(file, FIX)].filter((p): p is string => p !== undefined);

  return {
    graph: { nodes },
    problems,
    roots: ({ member, direct }) => {
      if (member !== '') {
        return {
          roots: direct.map(() => []),
          problems: [`${file} does not cover this package.json: it is a lockfile of the folder above, written by npm 6, which has no workspaces`],
        };
      }
      const unlocked: string[] = [];
      const roots = direct.map((dependency) => {
        const target = top.names.get(dependency.name);
        if (target === undefined && isLockable(dependency)) unlocked.push(dependency.name);
        return target === undefined ? [] : [target];
      });
      const problem = unlockedProblem(file, unlocked, FIX);
      return { roots, problems: problem ? [problem] : [] };
    },
  };
}

function lookUp(scope: TreeScope | undefined, name: string): number | undefined {
  for (let at = scope; at; at = at.parent) {
    const found = at.names.get(name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * v1 writes an alias's version as `npm:real@1.2.3` and a local folder's as `file:path`
 * (the project's own code).
 */
function treeVersion(installedAs: string, value: unknown): { name: string; version: string; own?: boolean } {
  const version = typeof value === 'string' ? value : '';
  if (version.startsWith('npm:')) {
    const spec = version.slice(4);
    const at = spec.indexOf('@', 1);
    if (at > 0) return { name: spec.slice(0, at), version: spec.slice(at + 1) };
  }
  if (version.startsWith('file:') || version.startsWith('link:')) return { name: installedAs, version, own: true };
  return { name: installedAs, version };
}

/**
 * Whether a missing direct dependency is worth a problem: a workspace or local
 * folder reference is the project's own code, not something the lockfile must hold.
 */
export function isLockable(dependency: Dependency): boolean {
  return !/^(workspace|file|link|portal):/.test(dependency.requested);
}

export const packageLockFormat: LockfileFormat = {
  ecosystem: 'npm',
  file: 'package-lock.json',
  parse: (text) => parsePackageLock(text, 'package-lock.json'),
};

export const shrinkwrapFormat: LockfileFormat = {
  ecosystem: 'npm',
  file: 'npm-shrinkwrap.json',
  parse: (text) => parsePackageLock(text, 'npm-shrinkwrap.json'),
};
