import type { DependencyResult } from './check';
import { LineIndex } from './text';

/**
 * While the user types, package.json is often invalid for a moment and the tolerant
 * parse may lose entries after the error. Results that were good a moment ago must
 * not vanish (and reappear) on every keystroke, so each previous result the new
 * parse lost is kept if its quoted name still stands in the text, at its new place.
 * A dependency the user really deleted is gone from the text and is dropped.
 */
export function carryOverResults(
  previous: readonly DependencyResult[],
  current: readonly DependencyResult[],
  text: string,
): DependencyResult[] {
  const key = (r: DependencyResult): string => `${r.scope}\u0000${r.name}`;
  const present = new Set(current.map(key));
  const lines = new LineIndex(text);
  const merged = [...current];
  const taken = new Set(current.map((r) => lines.offsetAt(r.range.start)));

  for (const old of previous) {
    if (present.has(key(old))) continue;
    const offset = nearestOccurrence(text, JSON.stringify(old.name), lines.offsetAt(old.range.start) - 1, taken);
    if (offset === undefined) continue;
    const start = offset + 1; // inside the opening quote, like the parser's ranges
    taken.add(start);
    const range = lines.rangeOf(start, start + JSON.stringify(old.name).length - 2);
    const moved = start - lines.offsetAt(old.range.start);
    merged.push({
      ...old,
      range,
      ...(old.requestedRange ? { requestedRange: shift(lines, old.requestedRange, moved, text) } : {}),
    });
  }
  return merged;
}

function nearestOccurrence(text: string, needle: string, around: number, taken: ReadonlySet<number>): number | undefined {
  let best: number | undefined;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (taken.has(at + 1)) continue;
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
