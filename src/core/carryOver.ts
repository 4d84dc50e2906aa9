import type { DependencyResult } from './check';
import { LineIndex } from './text';

/**
 * While the user types, a manifest is often invalid for a moment and a tolerant
 * parse may lose entries after the error. Results that were good a moment ago
 * must not vanish (and reappear) on every keystroke, so each previous result the
 * new parse lost is kept if the text that named it still stands in the document,
 * at its new place. A dependency the user really deleted is gone from the text
 * and is dropped.
 *
 * `written(result)` is the text the result's range covered when it was computed
 * (the name as written: a renamed crate's key, a Maven artifactId…).
 */
export function carryOverResults(
  previous: readonly DependencyResult[],
  current: readonly DependencyResult[],
  text: string,
  written: (result: DependencyResult) => string,
): DependencyResult[] {
  const key = (r: DependencyResult): string => `${r.scope}\u0000${r.name}`;
  const present = new Set(current.map(key));
  const lines = new LineIndex(text);
  const merged = [...current];
  const taken = new Set(current.map((r) => lines.offsetAt(r.range.start)));

  for (const old of previous) {
    const name = written(old);
    if (present.has(key(old)) || name === '') continue;
    const start = nearestOccurrence(text, name, lines.offsetAt(old.range.start), taken);
    if (start === undefined) continue;
    taken.add(start);
    const moved = start - lines.offsetAt(old.range.start);
    merged.push({
      ...old,
      range: lines.rangeOf(start, start + name.length),
      ...(old.requestedRange ? { requestedRange: shift(lines, old.requestedRange, moved, text) } : {}),
    });
  }
  return merged;
}

/** Characters that continue a package name: a match inside a longer name does not count. */
const NAME_CHAR = /[A-Za-z0-9._@/:-]/;

function nearestOccurrence(text: string, needle: string, around: number, taken: ReadonlySet<number>): number | undefined {
  let best: number | undefined;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    const before = text.charAt(at - 1);
    const after = text.charAt(at + needle.length);
    if (taken.has(at) || NAME_CHAR.test(before) || NAME_CHAR.test(after)) continue;
    if (best === undefined || Math.abs(at - around) < Math.abs(best - around)) best = at;
  }
  return best;
}

function shift(lines: LineIndex, range: DependencyResult['range'], by: number, text: string): DependencyResult['range'] {
  // Approximate: the version moved with the name. Clamp to the text.
  const start = Math.min(text.length, Math.max(0, lines.offsetAt(range.start) + by));
  const end = Math.min(text.length, Math.max(start, lines.offsetAt(range.end) + by));
  return lines.rangeOf(start, end);
}
