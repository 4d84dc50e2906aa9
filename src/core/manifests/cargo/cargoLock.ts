import { parseTOML, type AST } from 'toml-eslint-parser';

/** One `[[package]]` of a Cargo.lock. */
export interface LockedCrate {
  readonly name: string;
  readonly version: string;
  /** `registry+…`, `sparse+…` or `git+…`; absent for the workspace's own crates. */
  readonly source?: string;
}

/** The locked crates by name: a crate may be locked in several versions. */
export type CargoLock = ReadonlyMap<string, readonly LockedCrate[]>;

/**
 * Reads the `[[package]]` entries of a Cargo.lock (any format version); never
 * throws. Each table is parsed on its own: Cargo writes one per crate, offsets do
 * not matter here, and a damaged entry (a merge conflict) then costs only itself,
 * in time linear in the file's size.
 */
export function parseCargoLock(text: string): CargoLock {
  const crates = new Map<string, LockedCrate[]>();
  for (const chunk of text.split(/^(?=[ \t]*\[)/m)) {
    for (const item of parseChunk(chunk)) {
      if (item.type !== 'TOMLTable' || item.kind !== 'array' || !isKey(item.key, 'package')) continue;
      const crate = lockedCrate(item.body);
      if (!crate) continue;
      const versions = crates.get(crate.name);
      if (versions) versions.push(crate);
      else crates.set(crate.name, [crate]);
    }
  }
  return crates;
}

function parseChunk(chunk: string): ReadonlyArray<AST.TOMLKeyValue | AST.TOMLTable> {
  try {
    return parseTOML(chunk).body[0]?.body ?? [];
  } catch {
    return [];
  }
}

function lockedCrate(body: readonly AST.TOMLKeyValue[]): LockedCrate | undefined {
  const fields = new Map<string, string>();
  for (const keyValue of body) {
    const [key] = keyValue.key.keys;
    if (keyValue.key.keys.length !== 1 || keyValue.value.type !== 'TOMLValue' || keyValue.value.kind !== 'string') continue;
    fields.set(key.type === 'TOMLBare' ? key.name : key.value, keyValue.value.value);
  }
  const [name, version, source] = [fields.get('name'), fields.get('version'), fields.get('source')];
  if (!name || !version) return undefined;
  return { name, version, ...(source ? { source } : {}) };
}

function isKey(key: AST.TOMLKey, name: string): boolean {
  const [part] = key.keys;
  return key.keys.length === 1 && (part.type === 'TOMLBare' ? part.name : part.value) === name;
}
