import type { AST } from 'toml-eslint-parser';
import type { TomlProgram } from '../toml/tolerantToml';

/**
 * A small read-only view of a TOML document that keeps where each key and string
 * is. `[tool.poetry.dependencies.requests]`, `requests = { version = "…" }` and
 * dotted keys all end up as the same nested tables, so readers ask for
 * `tool.poetry.dependencies` once instead of handling every TOML spelling.
 */

/** A key as written: its text and document offsets (without quotes). */
export interface TomlKey {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface TomlEntry {
  readonly key: TomlKey;
  readonly value: TomlItem;
}

export interface TomlTableItem {
  readonly kind: 'table';
  readonly entries: Map<string, TomlEntry>;
}

export interface TomlStringItem {
  readonly kind: 'string';
  readonly value: string;
  /** Document offsets of the string without its quotes. */
  readonly start: number;
  readonly end: number;
  /**
   * Document offset of `value[0]` when `value` is the text as written (no escape
   * sequences), so offsets inside the value map back onto the document.
   */
  readonly valueStart?: number;
}

export interface TomlArrayItem {
  readonly kind: 'array';
  readonly items: readonly TomlItem[];
}

export interface TomlOtherItem {
  readonly kind: 'other';
  readonly value: unknown;
}

export type TomlItem = TomlTableItem | TomlStringItem | TomlArrayItem | TomlOtherItem;

type MutableTable = { kind: 'table'; entries: Map<string, TomlEntry> };

/** Merges the programs of `parseTomlTolerant` into one tree. */
export function buildTomlTree(programs: readonly TomlProgram[], text: string): TomlTableItem {
  const root: MutableTable = { kind: 'table', entries: new Map() };
  for (const program of programs) {
    for (const node of program.body[0]?.body ?? []) {
      if (node.type === 'TOMLKeyValue') {
        insert(root, node, text);
      } else if (node.kind === 'standard') {
        const table = ensureTable(root, node.key.keys);
        for (const keyValue of node.body) insert(table, keyValue, text);
      }
      // Arrays of tables ([[tool.poetry.source]]) list no dependencies.
    }
  }
  return root;
}

/** The item at a path of keys, or undefined. */
export function itemAt(table: TomlItem | undefined, ...path: string[]): TomlItem | undefined {
  let item = table;
  for (const key of path) {
    if (item?.kind !== 'table') return undefined;
    item = item.entries.get(key)?.value;
  }
  return item;
}

export function tableAt(table: TomlItem | undefined, ...path: string[]): TomlTableItem | undefined {
  const item = itemAt(table, ...path);
  return item?.kind === 'table' ? item : undefined;
}

export function stringAt(table: TomlItem | undefined, ...path: string[]): TomlStringItem | undefined {
  const item = itemAt(table, ...path);
  return item?.kind === 'string' ? item : undefined;
}

function insert(table: MutableTable, keyValue: AST.TOMLKeyValue, text: string, depth = 0): void {
  const parts = keyValue.key.keys;
  const last = parts[parts.length - 1];
  if (!last) return;
  const parent = ensureTable(table, parts.slice(0, -1));
  const key = keyOf(last);
  parent.entries.set(key.text, { key, value: convert(keyValue.value, text, depth) });
}

/** The table at `parts`, created (as TOML's implicit tables are) when missing. */
function ensureTable(table: MutableTable, parts: ReadonlyArray<AST.TOMLBare | AST.TOMLQuoted>): MutableTable {
  let current = table;
  for (const part of parts) {
    const key = keyOf(part);
    const existing = current.entries.get(key.text)?.value;
    if (existing?.kind === 'table') {
      current = existing as MutableTable;
    } else {
      const created: MutableTable = { kind: 'table', entries: new Map() };
      current.entries.set(key.text, { key, value: created });
      current = created;
    }
  }
  return current;
}

function keyOf(part: AST.TOMLBare | AST.TOMLQuoted): TomlKey {
  if (part.type === 'TOMLBare') return { text: part.name, start: part.range[0], end: part.range[1] };
  return { text: part.value, start: part.range[0] + 1, end: part.range[1] - 1 };
}

/** Dependency data nests a few levels; deeper values stay opaque, so absurd nesting cannot overflow the stack. */
const MAX_VALUE_DEPTH = 64;

function convert(node: AST.TOMLContentNode, text: string, depth: number): TomlItem {
  if (depth > MAX_VALUE_DEPTH) return { kind: 'other', value: undefined };
  switch (node.type) {
    case 'TOMLArray':
      return { kind: 'array', items: node.elements.map((element) => convert(element, text, depth + 1)) };
    case 'TOMLInlineTable': {
      const table: MutableTable = { kind: 'table', entries: new Map() };
      for (const keyValue of node.body) insert(table, keyValue, text, depth + 1);
      return table;
    }
    default:
      return node.kind === 'string' ? stringItem(node, text) : { kind: 'other', value: node.value };
  }
}

function stringItem(node: AST.TOMLStringValue, text: string): TomlStringItem {
  const quote = node.multiline ? 3 : 1;
  const start = node.range[0] + quote;
  const end = Math.max(start, node.range[1] - quote);
  const raw = text.slice(start, end);
  // A multi-line string drops the line break right after its opening quotes.
  const at = raw === node.value ? 0 : raw.endsWith(node.value) && !raw.includes('\\') ? raw.length - node.value.length : -1;
  return { kind: 'string', value: node.value, start, end, ...(at >= 0 ? { valueStart: start + at } : {}) };
}
