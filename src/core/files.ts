import { promises as fs } from 'node:fs';

/**
 * Reads JSON files once and re-reads them only when their modification time or
 * size changes. Checking a manifest on every debounce would otherwise re-read
 * hundreds of installed package.json files; a stat is much cheaper than a read.
 */
export class JsonFileCache {
  private readonly entries = new Map<string, { mtimeMs: number; size: number; value: unknown }>();

  constructor(private readonly maxEntries = 20_000) {}

  /** The parsed file, or undefined when it is missing or not valid JSON. */
  async read(path: string): Promise<unknown> {
    let stat: { mtimeMs: number; size: number };
    try {
      stat = await fs.stat(path);
    } catch {
      this.entries.delete(path);
      return undefined;
    }
    const cached = this.entries.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.value;

    let value: unknown;
    try {
      value = JSON.parse(await fs.readFile(path, 'utf8'));
    } catch {
      value = undefined; // unreadable or malformed metadata counts as absent
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, value });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
