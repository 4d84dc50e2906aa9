import { FAILSAFE_SCHEMA, load, type LoadOptions } from 'js-yaml';

/**
 * YAML for pnpm-lock.yaml and Yarn Berry's yarn.lock, read with js-yaml: on a 1 MB
 * pnpm lockfile it takes ~40 ms where the `yaml` package takes ~350 ms, and the editor
 * re-reads lockfiles as they change.
 *
 * The failsafe schema keeps every scalar a string, as lockfiles mean them (`1.10` is a
 * version, not the number 1.1); duplicate keys override instead of failing (a hand-merged
 * lockfile); aliases are refused, since no tool writes them and they are the way to make
 * a small file expand into a huge one.
 */
const OPTIONS: LoadOptions = { schema: FAILSAFE_SCHEMA, json: true, maxAliases: 0 };

export interface LoadedYaml {
  /** The document, or as much of it as could be read; undefined when nothing could. */
  readonly value: unknown;
  readonly problems: string[];
}

/**
 * Loads a lockfile. When the whole text is not valid YAML (a merge conflict, a truncated
 * file), each top-level entry is loaded on its own, then each entry of a section
 * (`packages:`, `snapshots:`), so that one damaged entry costs only itself.
 */
export function loadLockYaml(text: string, file: string): LoadedYaml {
  const whole = tryLoad(text);
  if (whole.ok) return { value: whole.value, problems: [] };

  const problems = [`${file} is not valid YAML (${whole.reason}); the entries that could be read are used`];
  // Null-prototype objects: a `__proto__` key in a crafted file stays a plain key.
  const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  let lost = 0;
  for (const block of splitAtIndent(text.split(/\r?\n/), 0)) {
    const loaded = tryLoad(block.join('\n'));
    if (loaded.ok) {
      if (isObject(loaded.value)) Object.assign(result, loaded.value);
      continue;
    }
    const key = sectionKey(block[0]);
    if (key === undefined) {
      lost++;
      continue;
    }
    const existing = result[key];
    const section: Record<string, unknown> = isObject(existing) ? existing : (Object.create(null) as Record<string, unknown>);
    for (const entry of splitAtIndent(block.slice(1), 2)) {
      const item = tryLoad(entry.map((line) => line.slice(2)).join('\n'));
      if (item.ok && isObject(item.value)) Object.assign(section, item.value);
      else lost++;
    }
    result[key] = section;
  }
  if (lost > 0) problems.push(`${file}: ${lost} ${lost === 1 ? 'entry' : 'entries'} could not be read and ${lost === 1 ? 'was' : 'were'} skipped`);
  return { value: result, problems };
}

function tryLoad(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: load(text, OPTIONS) };
  } catch (error) {
    const { reason, mark, message } = error as { reason?: string; mark?: { line?: number }; message?: string };
    const where = typeof mark?.line === 'number' ? ` at line ${mark.line + 1}` : '';
    return { ok: false, reason: `${reason ?? message ?? String(error)}${where}` };
  }
}

/**
 * Groups lines into blocks, each starting at a line indented exactly `indent` spaces
 * (a key at that level) and holding the more indented lines after it. Blank lines and
 * comments stay with the block before them; lines before the first key are dropped.
 */
function splitAtIndent(lines: readonly string[], indent: number): string[][] {
  const blocks: string[][] = [];
  const prefix = ' '.repeat(indent);
  for (const line of lines) {
    const startsBlock = line.startsWith(prefix) && line.length > indent && line[indent] !== ' ' && line[indent] !== '#';
    if (startsBlock) blocks.push([line]);
    else if (blocks.length > 0) blocks[blocks.length - 1].push(line);
  }
  return blocks;
}

/** `packages:` → `packages`: a top-level key whose value is the indented block below it. */
function sectionKey(line: string | undefined): string | undefined {
  const match = line ? /^([A-Za-z_][\w-]*):\s*$/.exec(line) : null;
  return match ? match[1] : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `object[key]` when it is the object's own property (never something inherited, whatever the key). */
export function ownValue(object: unknown, key: string): unknown {
  return isObject(object) && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** A mapping's string values (failsafe YAML gives strings; anything else is ignored). */
export function stringEntries(value: unknown): Array<[string, string]> {
  if (!isObject(value)) return [];
  return Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}
