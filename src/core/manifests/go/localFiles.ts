import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * The files the Go license sources read — go.mod, vendor/modules.txt, license files,
 * folder listings, the go env file — read once and again only when their modification
 * time or size changes: checking runs after every pause in typing, and a stat is much
 * cheaper than a read. In-flight reads are shared, so parallel lookups of many modules
 * read the same go.mod once.
 */
export class GoFileCache {
  private readonly entries = new Map<string, { readonly mtimeMs: number; readonly size: number; readonly value: Promise<unknown> }>();

  constructor(private readonly maxEntries = 20_000) {}

  /** The file's text transformed by `parse`, or undefined when it cannot be read. */
  async parsed<T>(file: string, kind: string, parse: (text: string) => T): Promise<T | undefined> {
    return this.cached(file, `${kind}\0${file}`, 'file', async () => parse(await readText(file, MAX_METADATA_BYTES)));
  }

  /** A license file's text (its first `MAX_LICENSE_BYTES`), or undefined when it cannot be read. */
  async licenseText(file: string): Promise<string | undefined> {
    return this.cached(file, `text\0${file}`, 'file', () => readText(file, MAX_LICENSE_BYTES));
  }

  /** The names of the files in a folder, or undefined when it is not a folder. */
  async fileNames(dir: string): Promise<readonly string[] | undefined> {
    return this.cached(dir, `dir\0${dir}`, 'directory', async () => {
      const entries = await fs.readdir(dir, { withFileTypes: true });
      // Module cache entries are plain files; a symbolic link may point at one.
      return entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => entry.name);
    });
  }

  clear(): void {
    this.entries.clear();
  }

  private async cached<T>(file: string, key: string, type: 'file' | 'directory', load: () => Promise<T>): Promise<T | undefined> {
    let stat: { mtimeMs: number; size: number; isFile(): boolean; isDirectory(): boolean };
    try {
      stat = await fs.stat(file);
    } catch {
      this.entries.delete(key);
      return undefined;
    }
    if (type === 'file' ? !stat.isFile() : !stat.isDirectory()) return undefined;
    const hit = this.entries.get(key);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.value as Promise<T | undefined>;

    // Unreadable counts as absent, like a missing file: never an error for the user's check.
    const value = load().catch(() => undefined);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, value });
    return value;
  }
}

/** License files are a few kilobytes; a huge file is not one, and must not stall the editor. */
const MAX_LICENSE_BYTES = 512 * 1024;
/** go.mod and vendor/modules.txt of the largest projects stay far below this. */
const MAX_METADATA_BYTES = 16 * 1024 * 1024;

/** The start of a UTF-8 file, at most `maxBytes` of it. */
async function readText(file: string, maxBytes: number): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, maxBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\ufeff/, '');
  } finally {
    await handle.close();
  }
}

export interface LicenseFile {
  readonly file: string;
  readonly text: string;
}

/** Names that are code or data even when they start like a license file (`license.go`). */
const NOT_LICENSE_TEXT = /\.(go|mod|sum|json|ya?ml|toml|xml|html?|css|js|ts|py|sh|png|jpe?g|gif|svg|pdf|gz|zip)$/i;

/**
 * How much a file name looks like the module's license, lower is better:
 * - the Lesser GPL's text (`COPYING.LESSER`, `COPYING.LIB`): GNU projects ship it next to the
 *   GPL's text in `COPYING`, which it builds on; the LGPL is the grant;
 * - `LICENSE`/`LICENCE` (bare or .txt/.md/.rst…), then `COPYING`;
 * - any other `LICENSE*`/`COPYING*` (`LICENSE-MIT`, `LICENSE-APACHE`…).
 */
export function licenseNameRank(name: string): number | undefined {
  const match = /^(licen[cs]e|copying)(.*)$/i.exec(name);
  if (!match || NOT_LICENSE_TEXT.test(name)) return undefined;
  const [, stem, rest] = match;
  if (/lesser|^[.\-_]lib\b|lgpl/i.test(rest)) return 0;
  const plain = rest === '' || /^\.(txt|md|markdown|rst|adoc|org)$/i.test(rest);
  if (plain) return /^copying$/i.test(stem) ? 2 : 1;
  return 3;
}

/**
 * The license file at the root of a module folder: undefined when the folder does not exist,
 * null when it exists without one.
 */
export async function findLicenseFile(files: GoFileCache, dir: string, signal?: AbortSignal): Promise<LicenseFile | null | undefined> {
  const names = await files.fileNames(dir);
  if (!names) return undefined;
  const ranked = names
    .map((name) => ({ name, rank: licenseNameRank(name) }))
    .filter((candidate): candidate is { name: string; rank: number } => candidate.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name } of ranked) {
    signal?.throwIfAborted();
    const file = path.join(dir, name);
    const text = await files.licenseText(file);
    if (text !== undefined && text.trim() !== '') return { file, text };
  }
  return null;
}
