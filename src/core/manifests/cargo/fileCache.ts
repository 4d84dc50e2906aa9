import { promises as fs } from 'node:fs';

interface Stamped<T> {
  readonly mtimeMs: number;
  readonly size: number;
  readonly value: T;
}

/**
 * Reads a text file once and parses it, re-reading only when its modification
 * time or size changes: the license sources run after every keystroke, and a stat
 * is much cheaper than re-parsing a Cargo.lock. (JsonFileCache does the same for
 * JSON; Cargo's files are TOML.)
 */
export class ParsedFileCache<T> {
  private readonly entries = new Map<string, Stamped<T | undefined>>();

  constructor(
    private readonly parse: (text: string) => T,
    private readonly maxEntries = 5_000,
  ) {}

  /** The parsed file, or undefined when it is missing or unreadable. */
  async read(path: string): Promise<T | undefined> {
    const stat = await statOf(path);
    if (!stat?.isFile) {
      this.entries.delete(path);
      return undefined;
    }
    const cached = this.entries.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.value;

    let value: T | undefined;
    try {
      value = this.parse(await fs.readFile(path, 'utf8'));
    } catch {
      value = undefined; // unreadable metadata counts as absent
    }
    remember(this.entries, this.maxEntries, path, { mtimeMs: stat.mtimeMs, size: stat.size, value });
    return value;
  }
}

/**
 * Lists folders once, re-listing only when the folder's modification time changes
 * (adding or removing an entry changes it), and keeps what `summarise` derives
 * from the names, e.g. the crate versions in a registry cache folder.
 */
export class DirectoryCache<T> {
  private readonly entries = new Map<string, Stamped<T | undefined>>();

  constructor(
    private readonly summarise: (names: readonly string[]) => T,
    private readonly maxEntries = 1_000,
  ) {}

  /** The summary of the folder's entries, or undefined when it is not a readable folder. */
  async read(path: string): Promise<T | undefined> {
    const stat = await statOf(path);
    if (!stat || stat.isFile) {
      this.entries.delete(path);
      return undefined;
    }
    const cached = this.entries.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.value;

    let value: T | undefined;
    try {
      value = this.summarise(await fs.readdir(path));
    } catch {
      value = undefined;
    }
    remember(this.entries, this.maxEntries, path, { mtimeMs: stat.mtimeMs, size: stat.size, value });
    return value;
  }
}

async function statOf(path: string): Promise<{ mtimeMs: number; size: number; isFile: boolean } | undefined> {
  try {
    const stat = await fs.stat(path);
    return { mtimeMs: stat.mtimeMs, size: stat.size, isFile: stat.isFile() };
  } catch {
    return undefined;
  }
}

function remember<T>(entries: Map<string, T>, maxEntries: number, key: string, value: T): void {
  if (entries.size >= maxEntries) entries.clear();
  entries.set(key, value);
}
