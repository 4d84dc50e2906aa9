import { promises as fs } from 'node:fs';

interface Stamped<T> {
  readonly mtimeMs: number;
  readonly size: number;
  readonly value: T | undefined;
}

/**
 * Reads and parses a text file once, re-reading it only when its modification
 * time or size changes: the license sources run ~300 ms after each keystroke and
 * a stat costs far less than parsing a POM (and its parents) again.
 */
export class TextFileCache<T> {
  private readonly entries = new Map<string, Stamped<T>>();

  constructor(
    private readonly parse: (text: string) => T | undefined,
    private readonly maxEntries = 5_000,
  ) {}

  /** The parsed file, or undefined when it is missing, unreadable or unparsable. */
  async read(path: string): Promise<T | undefined> {
    const stat = await statOf(path);
    if (!stat?.isFile()) {
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
 * Lists a folder's entries once, re-listing only when the folder's modification
 * time changes (adding or removing an entry changes it): the versions of an
 * artifact in a local repository, the hash folders of Gradle's cache.
 */
export class DirectoryCache {
  private readonly entries = new Map<string, Stamped<Listing>>();

  constructor(private readonly maxEntries = 5_000) {}

  /** Names of the sub-folders, or undefined when the path is not a readable folder. */
  async folders(path: string): Promise<readonly string[] | undefined> {
    return (await this.list(path))?.folders;
  }

  /** Names of the files, or undefined when the path is not a readable folder. */
  async files(path: string): Promise<readonly string[] | undefined> {
    return (await this.list(path))?.files;
  }

  private async list(path: string): Promise<Listing | undefined> {
    const stat = await statOf(path);
    if (!stat?.isDirectory()) {
      this.entries.delete(path);
      return undefined;
    }
    const cached = this.entries.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.value;
    let value: Listing | undefined;
    try {
      const entries = await fs.readdir(path, { withFileTypes: true });
      value = { folders: entries.filter((e) => e.isDirectory()).map((e) => e.name), files: entries.filter((e) => e.isFile()).map((e) => e.name) };
    } catch {
      value = undefined;
    }
    remember(this.entries, this.maxEntries, path, { mtimeMs: stat.mtimeMs, size: 0, value });
    return value;
  }
}

interface Listing {
  readonly folders: readonly string[];
  readonly files: readonly string[];
}

async function statOf(path: string): Promise<import('node:fs').Stats | undefined> {
  try {
    return await fs.stat(path);
  } catch {
    return undefined;
  }
}

function remember<T>(entries: Map<string, T>, max: number, key: string, value: T): void {
  if (entries.size >= max) entries.clear();
  entries.set(key, value);
}

/** True when the path is an existing folder. */
export async function isDirectory(path: string): Promise<boolean> {
  return (await statOf(path))?.isDirectory() ?? false;
}

/** True when the path is an existing file. */
export async function isFile(path: string): Promise<boolean> {
  return (await statOf(path))?.isFile() ?? false;
}

/**
 * Remembers a computed promise for a short while. The license sources ask the
 * same question (where is this manifest's repository?) for each of its
 * dependencies at once; one answer per check is enough, and a second later the
 * files may have changed.
 */
export class RecentValues<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs = 1_000,
    private readonly maxEntries = 500,
  ) {}

  get(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
    const cached = this.entries.get(key);
    if (cached && now - cached.at < this.ttlMs) return cached.value;
    const value = compute();
    // A failed computation (e.g. cancelled) must not be remembered for the next caller.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    remember(this.entries, this.maxEntries, key, { at: now, value });
    return value;
  }
}
