import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatForPath, MANIFEST_FORMATS } from '../core/manifests';

/** Folders that hold installed or generated code, never the project's own manifests. */
const SKIPPED_DIRS = new Set(['node_modules', 'bower_components', '.git', '.hg', '.svn', '.vscode-test', 'vendor', '.venv', 'venv', '__pycache__']);

export class UsageError extends Error {}

/** Expands the CLI's PATH arguments into manifest files, in a stable order. */
export async function discoverManifests(paths: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(given);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch {
      throw new UsageError(`${given}: no such file or folder`);
    }
    if (stat.isDirectory()) {
      for (const file of await walk(absolute)) found.add(file);
    } else if (formatForPath(absolute)) {
      found.add(absolute);
    } else {
      throw new UsageError(`${given}: not a supported manifest (supported: ${[...new Set(MANIFEST_FORMATS.map((f) => f.label))].join(', ')})`);
    }
  }
  return [...found].sort();
}

async function walk(dir: string): Promise<string[]> {
  const manifests: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    let entries;
    try {
      entries = await fs.readdir(current, { withFileTypes: true });
    } catch {
      continue; // unreadable folders are skipped, as `git` and `rg` do
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) pending.push(full);
      } else if (entry.isFile() && formatForPath(full)) {
        manifests.push(full);
      }
    }
  }
  return manifests;
}
