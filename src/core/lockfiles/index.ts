import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Dependency } from '../model';
import { ecosystemOf, findLockfile, type FileReader, type FoundLockfile } from './discover';

export { LOCKFILE_FILES } from './discover';
import { walkGraph } from './graph';
import type { ParsedLockfile, RootResolution, TransitiveDependency, TransitiveSearch } from './types';

export type { TransitiveDependency, TransitiveSearch } from './types';

export interface TransitiveOptions {
  readonly signal?: AbortSignal;
  /**
   * Reads a file as UTF-8 (default: from disk). A missing file must reject with an error
   * whose `code` is `ENOENT` (or `ENOTDIR`), as Node's fs does; any other rejection is
   * reported as a problem.
   */
  readonly readText?: (file: string) => Promise<string>;
  /**
   * The manifest's current text (the editor's unsaved buffer); read from disk when absent.
   * Used for what the lockfile alone cannot say: package.json's `packageManager`,
   * Cargo.toml's package name, go.mod's `go` version, pyproject.toml's tool.
   */
  readonly manifestText?: string;
  /** Keeps parsed lockfiles between calls; a lockfile is parsed again only when its text changes. */
  readonly cache?: LockfileCache;
}

/**
 * Parsed lockfiles by path, reused while the text is unchanged: the editor checks a
 * manifest on every pause in typing, and parsing a large lockfile costs tens of
 * milliseconds where comparing its text costs well under one.
 */
export class LockfileCache {
  private readonly entries = new Map<string, { text: string; parsed: ParsedLockfile }>();

  constructor(private readonly maxEntries = 16) {}

  parse(lockfile: FoundLockfile): ParsedLockfile {
    const cached = this.entries.get(lockfile.path);
    if (cached && cached.text === lockfile.text) return cached.parsed;
    const parsed = lockfile.format.parse(lockfile.text);
    this.entries.delete(lockfile.path);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(lockfile.path, { text: lockfile.text, parsed });
    return parsed;
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * The packages a manifest's dependencies pull in, read from the lockfile that applies to
 * it (package-lock.json, npm-shrinkwrap.json, yarn.lock (classic and Berry),
 * pnpm-lock.yaml, poetry.lock, uv.lock, Cargo.lock, vendor/modules.txt, go.sum), each with
 * the shortest chain from a direct dependency and the scope it inherits.
 *
 * Never throws because of a file: a missing lockfile gives nothing, a broken or stale one
 * gives what could be read and `problems` in plain English. Rejects only when `signal`
 * aborts, with the signal's reason.
 */
export async function findTransitiveDependencies(
  manifestPath: string,
  direct: readonly Dependency[],
  options: TransitiveOptions = {},
): Promise<TransitiveSearch> {
  const { signal } = options;
  signal?.throwIfAborted();
  const read = readerOf(options.readText);
  const manifestText = options.manifestText ?? (await read(manifestPath).catch(() => undefined));
  const search = await findLockfile(manifestPath, ecosystemOf(manifestPath, direct), read, manifestText, signal);
  const lockfile = search.found;
  if (!lockfile) return { dependencies: [], problems: search.problems };

  signal?.throwIfAborted();
  const parsed = parseSafely(lockfile, options.cache);
  const member = path.relative(lockfile.dir, path.dirname(path.resolve(manifestPath))).split(path.sep).join('/');
  const resolution = rootsSafely(parsed, lockfile, { member, direct, ...(manifestText !== undefined ? { manifestText } : {}) });
  signal?.throwIfAborted();

  const { nodes } = parsed.graph;
  const dependencies = walkGraph(parsed.graph, direct, resolution.roots, resolution.unattached).map(({ node, via, root, scope }): TransitiveDependency => {
    const { name, version, declared } = nodes[node];
    return { ecosystem: lockfile.format.ecosystem, name, version, via, root, scope, ...(declared ? { declared } : {}), lockfile: lockfile.path };
  });
  return { lockfile: lockfile.path, dependencies, problems: [...search.problems, ...parsed.problems, ...resolution.problems] };
}

function readerOf(readText: TransitiveOptions['readText']): FileReader {
  const readFile = readText ?? ((file: string) => fs.readFile(file, 'utf8'));
  return async (file) => {
    try {
      return await readFile(file);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw error;
    }
  };
}

/** Parsers never throw by contract; this keeps a bug in one from breaking a check. */
function parseSafely(lockfile: FoundLockfile, cache: LockfileCache | undefined): ParsedLockfile {
  try {
    return cache ? cache.parse(lockfile) : lockfile.format.parse(lockfile.text);
  } catch (error) {
    return {
      graph: { nodes: [] },
      problems: [`${lockfile.path} could not be read (${(error as Error).message ?? String(error)})`],
      roots: ({ direct }) => ({ roots: direct.map(() => []), problems: [] }),
    };
  }
}

function rootsSafely(parsed: ParsedLockfile, lockfile: FoundLockfile, request: Parameters<ParsedLockfile['roots']>[0]): RootResolution {
  try {
    return parsed.roots(request);
  } catch (error) {
    return { roots: request.direct.map(() => []), problems: [`${lockfile.path}: its packages could not be matched to the manifest (${(error as Error).message ?? String(error)})`] };
  }
}
