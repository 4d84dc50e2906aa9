import { parse } from 'smol-toml';
import { capProblems } from './graph';
import { isObject } from './yaml';

/**
 * The `[[package]]` tables of a TOML lockfile (Cargo.lock, poetry.lock, uv.lock), read
 * with smol-toml: these files need values, not source positions, and it reads a 1.5 MB
 * poetry.lock in ~30 ms where toml-eslint-parser (which builds a positioned syntax tree)
 * takes ~500 ms.
 *
 * Each `[[package]]` is parsed with the `[package.*]` tables that follow it, on its own:
 * the tools write one after the other, so a damaged entry (a merge conflict) costs only
 * itself, in time linear in the file's size.
 */
export function readPackageTables(text: string, file: string): { packages: Array<Record<string, unknown>>; problems: string[] } {
  const packages: Array<Record<string, unknown>> = [];
  const problems: string[] = [];
  for (const group of packageGroups(text)) {
    try {
      const table = parse(group.text) as Record<string, unknown>;
      const [entry] = Array.isArray(table.package) ? table.package : [];
      if (isObject(entry)) packages.push(entry);
    } catch (error) {
      const reason = ((error as Error).message ?? String(error)).split('\n')[0];
      problems.push(`${file}: the [[package]] entry at line ${group.line} could not be read (${reason}); it was skipped`);
    }
  }
  return { packages, problems: capProblems(problems) };
}

/** The text from each `[[package]]` header to the next, with the header's 1-based line. */
function packageGroups(text: string): Array<{ text: string; line: number }> {
  const groups: Array<{ text: string; line: number }> = [];
  const lines = text.split(/\r?\n/);
  let start = -1;
  const close = (end: number): void => {
    if (start >= 0) groups.push({ text: lines.slice(start, end).join('\n'), line: start + 1 });
  };
  lines.forEach((line, index) => {
    if (!/^\s*\[\[\s*package\s*\]\]\s*(#.*)?$/.test(line)) return;
    close(index);
    start = index;
  });
  close(lines.length);
  return groups;
}

/** A string field of a table, or undefined. */
export function stringOf(table: unknown, key: string): string | undefined {
  if (!isObject(table) || !Object.prototype.hasOwnProperty.call(table, key)) return undefined;
  const value = table[key];
  return typeof value === 'string' ? value : undefined;
}
