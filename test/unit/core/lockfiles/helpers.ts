import * as fs from 'node:fs';
import * as path from 'node:path';
import { findTransitiveDependencies, type TransitiveOptions } from '../../../../src/core/lockfiles';
import type { ParsedLockfile, TransitiveDependency, TransitiveSearch } from '../../../../src/core/lockfiles/types';
import { walkGraph } from '../../../../src/core/lockfiles/graph';
import { formatForPath } from '../../../../src/core/manifests';
import type { Dependency, Ecosystem, Scope } from '../../../../src/core/model';
import { FIXTURES } from '../../repo';

export const LOCKFILES = path.join(FIXTURES, 'lockfiles');

const zero = { line: 0, character: 0 };

/** A direct dependency as a manifest parser would give it. */
export function dep(name: string, scope: Scope = 'runtime', requested = '*', ecosystem: Ecosystem = 'npm'): Dependency {
  return { ecosystem, name, requested, scope, range: { start: zero, end: zero }, direct: true };
}

export function fixtureText(relative: string): string {
  return fs.readFileSync(path.join(LOCKFILES, relative), 'utf8');
}

/** Runs the real manifest parser on a fixture manifest, then the transitive search on disk. */
export async function transitiveOf(manifest: string, options: TransitiveOptions = {}): Promise<TransitiveSearch> {
  const file = path.join(LOCKFILES, manifest);
  const format = formatForPath(file);
  if (!format) throw new Error(`no manifest format for ${manifest}`);
  const direct = format.parse(fs.readFileSync(file, 'utf8')).dependencies;
  return findTransitiveDependencies(file, direct, options);
}

/** `name@version` of each result, in the order given. */
export function names(dependencies: readonly TransitiveDependency[]): string[] {
  return dependencies.map((d) => `${d.name}@${d.version}`);
}

/** The result for one package name (the first, when several versions are reported). */
export function find(search: TransitiveSearch, name: string, version?: string): TransitiveDependency | undefined {
  return search.dependencies.find((d) => d.name === name && (version === undefined || d.version === version));
}

/** Walks a parsed lockfile from the given direct dependencies, for parser-level tests. */
export function walk(parsed: ParsedLockfile, direct: readonly Dependency[], member = '', manifestText?: string): Array<{ name: string; version: string; via: string; scope: Scope }> {
  const resolution = parsed.roots({ member, direct, ...(manifestText !== undefined ? { manifestText } : {}) });
  return walkGraph(parsed.graph, direct, resolution.roots, resolution.unattached).map(({ node, via, scope }) => ({
    name: parsed.graph.nodes[node].name,
    version: parsed.graph.nodes[node].version,
    via: via.join(' > '),
    scope,
  }));
}

/** A reader over an in-memory file system, failing like Node's fs for missing files. */
export function memoryReader(files: Record<string, string>): (file: string) => Promise<string> {
  const normalised = new Map(Object.entries(files).map(([file, text]) => [path.resolve(file), text]));
  return async (file) => {
    const text = normalised.get(path.resolve(file));
    if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${file}'`), { code: 'ENOENT' });
    return text;
  };
}
