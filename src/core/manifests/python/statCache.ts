import { promises as fs } from 'node:fs';

/**
 * Reads a text file once and re-reads it only when its modification time or size
 * changes (the same idea as JsonFileCache, for METADATA and license files), keeping
 * what `parse` made of it rather than the text: a METADATA file is mostly the
 * package's long description, of which only a few headers matter.
 */
export class StatCache<T> {
  private readonly entries = new Map<string, { mtimeMs: number; size: number; value: T | undefined }>();

  constructor(
    private readonly parse: (text: string) => T | undefined,
    private readonly maxBytes = 4 * 1024 * 1024,
    private readonly maxEntries = 20_000,
  ) {}

  /** What `parse` made of the file, or undefined when it is missing, not a file, too big or unreadable. */
  async read(path: string): Promise<T | undefined> {
    let stat: { mtimeMs: number; size: number; isFile(): boolean };
    try {
      stat = await fs.stat(path);
    } catch {
      this.entries.delete(path);
      return undefined;
    }
    if (!stat.isFile() || stat.size > this.maxBytes) return undefined;
    const cached = this.entries.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.value;

    let value: T | undefined;
    try {
      value = this.parse(await fs.readFile(path, 'utf8'));
    } catch {
      value = undefined; // unreadable metadata counts as absent
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, value });
    return value;
  }
}
