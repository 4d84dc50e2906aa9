import { addEdge, addNode, capProblems, MissingEdges, type MutableNode } from './graph';
import type { LockfileFormat, ParsedLockfile } from './types';
import { parseBerryLock } from './yarnBerry';
import { descriptorRoots, splitDescriptor, YARN_FIX as FIX } from './yarnDescriptors';

/**
 * yarn.lock of Yarn 1 (classic), a format of its own:
 *
 *     "@babel/code-frame@^7.0.0", "@babel/code-frame@^7.22.13":
 *       version "7.22.13"
 *       resolved "https://registry.yarnpkg.com/…"
 *       dependencies:
 *         "@babel/highlight" "^7.22.13"
 *         chalk "^2.4.2"
 *
 * An entry lists every `name@range` it satisfies; a dependency `name "range"` is the
 * entry listing `name@range`. Keys are quoted when they contain anything but plain
 * characters; values are JSON strings or bare words. Hand-written: the grammar is a few
 * line shapes, and a bad line must cost only itself. Yarn 2+ (Berry) writes YAML with a
 * `__metadata` entry: such files go to parseBerryLock.
 */

export interface YarnEntry {
  /** The `name@range` descriptors the entry satisfies, as written. */
  readonly keys: string[];
  readonly fields: Map<string, string>;
  readonly blocks: Map<string, Map<string, string>>;
}

export function parseYarnLock(text: string): ParsedLockfile {
  if (/^__metadata:/m.test(text)) return parseBerryLock(text);
  const { entries, problems } = readEntries(text);
  return buildGraph(entries, problems);
}

/** Reads the entries, line by line; a line that fits nowhere is a problem and is skipped. */
export function readEntries(text: string): { entries: YarnEntry[]; problems: string[] } {
  const entries: YarnEntry[] = [];
  const problems: string[] = [];
  let entry: YarnEntry | undefined;
  let block: Map<string, string> | undefined;
  let conflict = false;
  const lines = text.split(/\r?\n/);

  lines.forEach((raw, index) => {
    const line = raw.trimEnd();
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (/^(<{7}|={7}|>{7})/.test(line)) {
      if (!conflict) problems.push(`yarn.lock has unresolved merge conflict markers (line ${index + 1}); run yarn install to repair it`);
      conflict = true;
      return;
    }
    const indent = line.length - trimmed.length;
    if (indent === 0) {
      block = undefined;
      entry = trimmed.endsWith(':') ? { keys: splitKeys(trimmed.slice(0, -1)), fields: new Map(), blocks: new Map() } : undefined;
      if (entry && entry.keys.length > 0) entries.push(entry);
      else problems.push(`yarn.lock line ${index + 1} is not an entry header ("name@range:"); it was skipped`);
      return;
    }
    if (!entry) return; // the body of a header we could not read
    const pair = splitPair(trimmed);
    if (indent <= 2) {
      block = undefined;
      if (pair.value === undefined && pair.opensBlock) {
        block = new Map();
        entry.blocks.set(pair.key, block);
      } else if (pair.value !== undefined) {
        entry.fields.set(pair.key, pair.value);
      }
    } else if (block && pair.value !== undefined) {
      block.set(pair.key, pair.value);
    }
  });
  return { entries, problems: capProblems(problems) };
}

/** `a@^1, "b@npm:c@^2"` → the descriptors, unquoted. */
function splitKeys(header: string): string[] {
  const keys: string[] = [];
  let at = 0;
  while (at < header.length) {
    while (at < header.length && (header[at] === ' ' || header[at] === ',')) at++;
    if (at >= header.length) break;
    if (header[at] === '"') {
      const end = closingQuote(header, at);
      keys.push(unquote(header.slice(at, end + 1)));
      at = end + 1;
    } else {
      const end = header.indexOf(',', at);
      keys.push(header.slice(at, end < 0 ? header.length : end).trim());
      at = end < 0 ? header.length : end;
    }
  }
  return keys.filter((key) => key !== '');
}

/** `key value`, `"key" "value"` or `key:` (a nested block). */
function splitPair(text: string): { key: string; value?: string; opensBlock?: boolean } {
  let key: string;
  let rest: string;
  if (text.startsWith('"')) {
    const end = closingQuote(text, 0);
    key = unquote(text.slice(0, end + 1));
    rest = text.slice(end + 1);
  } else {
    const space = text.search(/\s/);
    key = space < 0 ? text : text.slice(0, space);
    rest = space < 0 ? '' : text.slice(space);
  }
  rest = rest.trim();
  if (rest === '' || rest === ':') {
    if (key.endsWith(':')) return { key: key.slice(0, -1), opensBlock: true };
    return rest === ':' ? { key, opensBlock: true } : { key };
  }
  // Yarn writes `key: value` nowhere, but older hand edits do; the colon is not part of the value.
  return { key: key.replace(/:$/, ''), value: rest.startsWith('"') ? unquote(rest) : rest };
}

function closingQuote(text: string, open: number): number {
  for (let at = open + 1; at < text.length; at++) {
    if (text[at] === '\\') at++;
    else if (text[at] === '"') return at;
  }
  return text.length - 1;
}

function unquote(quoted: string): string {
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'string' ? value : quoted;
  } catch {
    return quoted.replace(/^"|"$/g, '');
  }
}

/** The package an alias range (`npm:string-width@^4.2.0`) really installs. */
function aliasedName(range: string): string | undefined {
  if (!range.startsWith('npm:')) return undefined;
  const spec = range.slice(4);
  const at = spec.indexOf('@', 1);
  return at > 0 ? spec.slice(0, at) : undefined;
}

function buildGraph(entries: readonly YarnEntry[], problems: string[]): ParsedLockfile {
  const nodes: MutableNode[] = [];
  const byDescriptor = new Map<string, number>();
  const byName = new Map<string, number[]>();

  for (const entry of entries) {
    const { name, range } = splitDescriptor(entry.keys[0]);
    const index = addNode(nodes, { name: aliasedName(range) ?? name, version: entry.fields.get('version') ?? '' });
    for (const key of entry.keys) {
      byDescriptor.set(key, index);
      const installedAs = splitDescriptor(key).name;
      const list = byName.get(installedAs);
      if (list) list.push(index);
      else byName.set(installedAs, [index]);
    }
  }

  const missing = new MissingEdges();
  entries.forEach((entry, index) => {
    for (const [section, optional] of [
      ['dependencies', false],
      ['optionalDependencies', true],
    ] as const) {
      for (const [name, range] of entry.blocks.get(section) ?? []) {
        const target = byDescriptor.get(`${name}@${range}`);
        if (target !== undefined) addEdge(nodes[index], target);
        else if (!optional) missing.add(name, nodes[index].name);
      }
    }
  });
  const graphProblem = missing.problem('yarn.lock', FIX);

  return {
    graph: { nodes },
    problems: graphProblem ? [...problems, graphProblem] : problems,
    roots: ({ direct }) => descriptorRoots(direct, (dependency) => [`${dependency.name}@${dependency.requested}`], byDescriptor, byName, nodes),
  };
}

export const yarnLockFormat: LockfileFormat = {
  ecosystem: 'npm',
  file: 'yarn.lock',
  parse: parseYarnLock,
};
