import * as path from 'node:path';
import { addEdge, addNode, MissingEdges, unlockedProblem, type MutableNode } from './graph';
import { isLockable } from './packageLock';
import type { LockfileFormat, ParsedLockfile, RootRequest, RootResolution } from './types';
import { isObject, loadLockYaml, ownValue } from './yaml';

/**
 * pnpm-lock.yaml, lockfile versions 5.x, 6 and 9.
 *
 * `importers` has one entry per workspace project (`.`, `packages/web`); a project without
 * workspaces has its `dependencies` at the top level instead. Each dependency gives a
 * *reference*: a version (`4.17.21`), a version with the peers it was resolved with
 * (`18.2.0(react@18.2.0)`), a full key for an alias (`string-width@4.2.3`), or a link to
 * another project (`link:../ui`). The reference becomes the key of a package:
 *
 * - v9: `snapshots` holds each key (`react-dom@18.2.0(react@18.2.0)`) with its dependencies;
 *   `packages` holds the package without peers (`react-dom@18.2.0`) with its metadata;
 * - v6: `packages` holds both, keyed `/react-dom@18.2.0(react@18.2.0)`;
 * - v5: `packages` keyed `/react-dom/18.2.0_react@18.2.0`.
 *
 * References become keys the way pnpm's own `refToRelative` does it for each version.
 */

const FIX = 'run pnpm install to update it';

type KeyOf = (reference: string, name: string) => string | null;

export function parsePnpmLock(text: string): ParsedLockfile {
  const { value, problems } = loadLockYaml(text, 'pnpm-lock.yaml');
  const lock = isObject(value) ? value : {};
  const major = Number.parseInt(String(lock.lockfileVersion ?? '9'), 10);
  const keyOf: KeyOf = major >= 9 ? keyV9 : major >= 6 ? keyV6 : keyV5;
  const metadata = isObject(lock.packages) ? lock.packages : {};
  const graphEntries = major >= 9 && isObject(lock.snapshots) ? lock.snapshots : metadata;

  const nodes: MutableNode[] = [];
  const byKey = new Map<string, number>();
  const entries: unknown[] = [];
  for (const [key, entry] of Object.entries(graphEntries)) {
    const meta = major >= 9 ? ownValue(metadata, withoutPeers(key)) : entry;
    const parsed = nameAndVersion(key, major);
    const index = addNode(nodes, {
      name: stringField(meta, 'name') ?? parsed.name,
      version: stringField(meta, 'version') ?? parsed.version,
      // A `file:` folder (`resolution: {directory: ../lib, type: directory}`) is the project's own code.
      ...(stringField(ownValue(meta, 'resolution'), 'type') === 'directory' ? { own: true } : {}),
    });
    byKey.set(key, index);
    entries[index] = entry;
  }

  // Projects are nodes too: a dependency on another workspace project brings in what it depends on.
  const projects = importersOf(lock);
  const byProject = new Map<string, number>();
  for (const [projectPath] of projects) byProject.set(projectPath, addNode(nodes, { name: projectPath, version: '', own: true }));

  const missing = new MissingEdges();
  const resolve = (projectPath: string | undefined, name: string, reference: string): number | undefined => {
    if (reference.startsWith('link:')) {
      if (projectPath === undefined) return undefined;
      return byProject.get(normalizeProjectPath(path.posix.join(projectPath === '.' ? '' : projectPath, reference.slice('link:'.length))));
    }
    const key = keyOf(reference, name);
    return key === null ? undefined : byKey.get(key);
  };

  entries.forEach((entry, index) => {
    for (const [name, reference, optional] of referencesOf(entry, ['dependencies', 'optionalDependencies'])) {
      const target = resolve(undefined, name, reference);
      if (target !== undefined) addEdge(nodes[index], target);
      else if (!optional && !reference.startsWith('link:')) missing.add(name, nodes[index].name);
    }
  });
  for (const [projectPath, importer] of projects) {
    const node = nodes[byProject.get(projectPath) as number];
    // What a project ships: not its devDependencies.
    for (const [name, reference] of referencesOf(importer, ['dependencies', 'optionalDependencies'])) {
      const target = resolve(projectPath, name, reference);
      if (target !== undefined) addEdge(node, target);
    }
  }
  const graphProblem = missing.problem('pnpm-lock.yaml', FIX);

  return {
    graph: { nodes },
    problems: graphProblem ? [...problems, graphProblem] : problems,
    roots: (request) => importerRoots(request, projects, resolve),
  };
}

function importerRoots(
  { member, direct }: RootRequest,
  projects: ReadonlyMap<string, unknown>,
  resolve: (projectPath: string, name: string, reference: string) => number | undefined,
): RootResolution {
  const projectPath = member === '' ? '.' : member;
  const importer = projects.get(projectPath);
  if (importer === undefined) {
    return {
      roots: direct.map(() => []),
      problems: [`pnpm-lock.yaml does not cover this package.json: "${projectPath}" is not one of its importers (workspace projects); ${FIX}`],
    };
  }
  const references = new Map(referencesOf(importer, ['dependencies', 'devDependencies', 'optionalDependencies']).map(([name, reference]) => [name, reference]));
  const unlocked: string[] = [];
  const roots = direct.map((dependency) => {
    const reference = references.get(dependency.name);
    const target = reference === undefined ? undefined : resolve(projectPath, dependency.name, reference);
    if (target === undefined && isLockable(dependency)) unlocked.push(dependency.name);
    return target === undefined ? [] : [target];
  });
  const problem = unlockedProblem('pnpm-lock.yaml', unlocked, FIX);
  return { roots, problems: problem ? [problem] : [] };
}

/** `importers`, or the single project a lockfile without workspaces describes at its top level. */
function importersOf(lock: Record<string, unknown>): Map<string, unknown> {
  if (isObject(lock.importers)) return new Map(Object.entries(lock.importers).map(([projectPath, importer]) => [normalizeProjectPath(projectPath), importer]));
  return new Map([['.', lock]]);
}

function normalizeProjectPath(projectPath: string): string {
  const normal = path.posix.normalize(projectPath.replace(/\\/g, '/')).replace(/\/+$/, '');
  return normal === '' || normal === '.' ? '.' : normal.replace(/^\.\//, '');
}

/**
 * A section's dependencies as `[name, reference, optional]`. v6+ write `{ specifier, version }`;
 * v5 writes the reference itself.
 */
function referencesOf(entry: unknown, sections: readonly string[]): Array<[string, string, boolean]> {
  const references: Array<[string, string, boolean]> = [];
  for (const section of sections) {
    const map = ownValue(entry, section);
    if (!isObject(map)) continue;
    for (const [name, value] of Object.entries(map)) {
      const reference = typeof value === 'string' ? value : stringField(value, 'version');
      if (reference !== undefined) references.push([name, reference, section === 'optionalDependencies']);
    }
  }
  return references;
}

function stringField(value: unknown, field: string): string | undefined {
  const found = ownValue(value, field);
  return typeof found === 'string' && found !== '' ? found : undefined;
}

/** pnpm 9's refToRelative: `1.0.0` → `name@1.0.0`; a reference that already names a package is the key. */
function keyV9(reference: string, name: string): string | null {
  if (reference.startsWith('link:')) return null;
  if (reference.startsWith('@')) return reference;
  const at = reference.indexOf('@');
  if (at === -1) return `${name}@${reference}`;
  const colon = reference.indexOf(':');
  const bracket = reference.indexOf('(');
  if ((colon === -1 || at < colon) && (bracket === -1 || at < bracket)) return reference;
  return `${name}@${reference}`;
}

/** pnpm 8's (lockfile v6): `/name@version`, unless the reference is a path already. */
function keyV6(reference: string, name: string): string | null {
  if (reference.startsWith('link:')) return null;
  if (reference.startsWith('file:')) return reference;
  if (!withoutPeers(reference).includes('/')) return `/${name}@${reference}`;
  return reference;
}

/** pnpm 7's (lockfile 5.x): `/name/version`. */
function keyV5(reference: string, name: string): string | null {
  if (reference.startsWith('link:')) return null;
  if (reference.startsWith('file:') || reference.includes('/')) return reference;
  return `/${name}/${reference}`;
}

/** `react-dom@18.2.0(react@18.2.0)` → `react-dom@18.2.0`. */
function withoutPeers(key: string): string {
  const bracket = key.indexOf('(');
  return bracket < 0 ? key : key.slice(0, bracket);
}

/**
 * Name and version from a key, for entries that do not state them: `/@babel/core@7.23.0`
 * (v6), `@babel/core@7.23.0(supports-color@8.1.1)` (v9), `/@babel/core/7.23.0_supports-color@8.1.1` (v5).
 * A tarball or git key with no version in it keeps the whole key as its version.
 */
function nameAndVersion(key: string, major: number): { name: string; version: string } {
  const bare = key.startsWith('/') ? key.slice(1) : key;
  if (major < 6) {
    // Names may hold `_` (string_decoder); the peers suffix starts at the first `_` of the
    // version segment, which is one segment since v5 writes a peer's `/` as `+`.
    const segments = bare.split('/');
    const nameLength = bare.startsWith('@') ? 2 : 1;
    if (segments.length <= nameLength) return { name: bare, version: '' };
    const versionSegment = segments.slice(nameLength).join('/');
    const underscore = versionSegment.indexOf('_');
    return { name: segments.slice(0, nameLength).join('/'), version: underscore < 0 ? versionSegment : versionSegment.slice(0, underscore) };
  }
  const noPeers = withoutPeers(bare);
  const at = noPeers.indexOf('@', 1);
  if (at > 0) return { name: noPeers.slice(0, at), version: noPeers.slice(at + 1) };
  return { name: noPeers, version: '' };
}

export const pnpmLockFormat: LockfileFormat = {
  ecosystem: 'npm',
  file: 'pnpm-lock.yaml',
  parse: parsePnpmLock,
};
