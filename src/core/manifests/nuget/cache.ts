import { promises as fs, type Stats } from 'node:fs';

/**
 * Values derived from one file or folder, recomputed only when its modification
 * time or size changes (a folder's mtime changes when an entry is added or
 * removed, e.g. a package restored). A stat is much cheaper than reading and
 * parsing a nuspec on every keystroke. Loads in flight are shared.
 */
export class StatCache<T> {
  private readonly entries = new Map<string, { mtimeMs: number; size: number; value: Promise<T | undefined> }>();

  constructor(
    private readonly load: (path: string, stat: Stats) => Promise<T | undefined>,
    private readonly maxEntries = 5_000,
  ) {}

  /** The value for `path`, or undefined when it does not exist or cannot be read. */
  async get(path: string): Promise<T | undefined> {
    let stat: Stats;
    try {
      stat = await fs.stat(path);
    } catch {
      this.entries.delete(path);
      return undefined;
    }
    const cached = this.entries.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.value;
    const value = this.load(path, stat).catch(() => undefined);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, value });
    return value;
  }
}

/** A folder's entries: the names of its sub-folders and of its files. */
export interface Listing {
  readonly folders: readonly string[];
  readonly files: readonly string[];
}

export function listingCache(): StatCache<Listing> {
  return new StatCache(async (path, stat) => {
    if (!stat.isDirectory()) return undefined;
    const entries = await fs.readdir(path, { withFileTypes: true });
    return {
      folders: entries.filter((e) => e.isDirectory()).map((e) => e.name),
      files: entries.filter((e) => e.isFile()).map((e) => e.name),
    };
  });
}

/**
 * Remembers an answer that needs a walk up the folders (which nuget.config
 * applies, where Directory.Packages.props is) for a short time: every dependency
 * of one check asks the same question at once, and a changed file is seen at the
 * next check after `ttlMs`.
 */
export class RecentAnswers<T> {
  private readonly answers = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const time = this.now();
    const recent = this.answers.get(key);
    if (recent && time - recent.at < this.ttlMs) return recent.value;
    if (this.answers.size > 1_000) this.answers.clear();
    const value = compute();
    this.answers.set(key, { at: time, value });
    // A failed walk is not remembered.
    value.catch(() => this.answers.delete(key));
    return value;
  }
}
