import * as semver from 'semver';
import { addNode, type MutableNode } from './graph';
import type { LockfileFormat, ParsedLockfile, RootRequest, RootResolution } from './types';

/**
 * Go records no dependency graph next to go.mod, so Go's transitive dependencies come
 * without a chain (`via` is empty, scope runtime).
 *
 * vendor/modules.txt (preferred: when it exists, `go build` uses exactly what it lists):
 *
 *     # github.com/spf13/cobra v1.8.0
 *     ## explicit; go 1.15
 *     github.com/spf13/cobra
 *     # github.com/inconshreveable/mousetrap v1.1.0
 *     github.com/inconshreveable/mousetrap
 *
 * Modules marked `## explicit` are go.mod's requirements (the manifest's own dependencies,
 * `// indirect` included); the others are vendored for the build without being listed in
 * go.mod, which happens with `go` directives before 1.17. A module marked explicit that
 * go.mod no longer requires means vendor/ is out of date. (manifests/go/vendorModules.ts
 * reads the same file for versions but drops the `## explicit` marks this needs.)
 *
 * go.sum lists checksums, not a graph, and more than the build uses: `/go.mod` lines exist
 * only to walk the module graph, and old versions linger. What it can honestly say:
 * - with `go 1.17` or later, go.mod itself lists every module that provides a package to
 *   the build (module graph pruning, https://go.dev/ref/mod#graph-pruning), so go.sum adds
 *   nothing the manifest does not already show, and nothing is reported from it;
 * - before 1.17 (or with no `go` directive, which means 1.16), go.mod may leave modules out:
 *   a module whose source go.sum has a checksum for (a line without `/go.mod`) was
 *   downloaded to build or test this module. Each such module go.mod does not list is
 *   reported at the highest version with a source checksum (the one minimal version
 *   selection picks), with a problem saying the list is approximate.
 */

export function parseVendorModulesTxt(text: string): ParsedLockfile {
  const nodes: MutableNode[] = [];
  const explicit: boolean[] = [];
  let current: number | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('## ')) {
      if (current !== undefined && /(^|;)\s*explicit\s*(;|$)/.test(line.slice(3))) explicit[current] = true;
      continue;
    }
    if (!line.startsWith('# ')) continue;
    const [left] = line.slice(2).split(' => ', 1);
    const [modulePath, version] = left.trim().split(/\s+/);
    // `# old => new` without a version is a replacement of every version, not a module in use.
    current = modulePath && version ? addNode(nodes, { name: modulePath, version }) : undefined;
    if (current !== undefined) explicit[current] = false;
  }

  return {
    graph: { nodes },
    problems: [],
    roots: ({ direct }: RootRequest): RootResolution => {
      const required = new Set(direct.map((dependency) => dependency.name));
      const unattached: number[] = [];
      const stale: string[] = [];
      nodes.forEach((node, index) => {
        if (required.has(node.name)) return;
        if (explicit[index]) stale.push(node.name);
        else unattached.push(index);
      });
      const problems =
        stale.length > 0
          ? [`vendor/modules.txt lists ${stale.slice(0, 3).map((name) => `"${name}"`).join(', ')}${stale.length > 3 ? ', …' : ''} as required by go.mod, which no longer requires ${stale.length === 1 ? 'it' : 'them'}; run go mod vendor to update vendor/`]
          : [];
      return { roots: direct.map(() => []), unattached, problems };
    },
  };
}

export function parseGoSum(text: string): ParsedLockfile {
  // Highest version with a source checksum, per module.
  const selected = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const [modulePath, version, hash] = line.trim().split(/\s+/);
    if (!modulePath || !version || !hash || version.endsWith('/go.mod')) continue;
    const previous = selected.get(modulePath);
    if (previous === undefined || compareGoVersions(version, previous) > 0) selected.set(modulePath, version);
  }
  const nodes: MutableNode[] = [];
  for (const [modulePath, version] of selected) addNode(nodes, { name: modulePath, version });

  return {
    graph: { nodes },
    problems: [],
    roots: ({ direct, manifestText }: RootRequest): RootResolution => {
      const none = direct.map(() => []);
      if (goListsEveryModule(manifestText)) return { roots: none, problems: [] };
      const required = new Set(direct.map((dependency) => dependency.name));
      const unattached = nodes.flatMap((node, index) => (required.has(node.name) ? [] : [index]));
      const problems =
        unattached.length > 0
          ? [
              `go.sum records no dependency graph and go.mod (before go 1.17) does not list every module the build uses: ` +
                `${unattached.length} ${unattached.length === 1 ? 'module' : 'modules'} with downloaded source in go.sum ${unattached.length === 1 ? 'is' : 'are'} listed without the dependency that pulls ${unattached.length === 1 ? 'it' : 'them'} in, ` +
                `and some may be needed only by tests; run go mod tidy -go=1.17 to make go.mod complete`,
            ]
          : [];
      return { roots: none, unattached, problems };
    },
  };
}

/** True when go.mod's `go` directive is 1.17 or later: its requirements then cover the whole build. */
export function goListsEveryModule(goModText: string | undefined): boolean {
  const match = goModText === undefined ? null : /^\s*go\s+(\d+)\.(\d+)/m.exec(goModText);
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 1 || (major === 1 && minor >= 17);
}

function compareGoVersions(a: string, b: string): number {
  const [left, right] = [semver.valid(a), semver.valid(b)];
  if (left && right) return semver.compare(left, right);
  return a < b ? -1 : a > b ? 1 : 0;
}

export const vendorModulesFormat: LockfileFormat = {
  ecosystem: 'go',
  file: 'vendor/modules.txt',
  parse: parseVendorModulesTxt,
};

export const goSumFormat: LockfileFormat = {
  ecosystem: 'go',
  file: 'go.sum',
  parse: parseGoSum,
};
