/**
 * How much fuzzing a run does. The unit run (test/harness/run-unit.js) loads the
 * same properties with a small budget so every change is fuzzed a little;
 * `npm run fuzz` (test/fuzz/run.js) sets FUZZ_MODE=full for the large budget.
 * One fixed seed, printed by both runners and overridable with FUZZ_SEED, makes
 * every failure reproducible.
 */

export type FuzzMode = 'unit' | 'full';

export const FUZZ_MODE: FuzzMode = process.env.FUZZ_MODE === 'full' ? 'full' : 'unit';

/** The seed of every property; a failure's report names it, FUZZ_SEED=<n> replays it. */
export const FUZZ_SEED: number = parseSeed(process.env.FUZZ_SEED);

function parseSeed(value: string | undefined): number {
  const DEFAULT_SEED = 20_261_122;
  if (value === undefined || value.trim() === '') return DEFAULT_SEED;
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not ${JSON.stringify(value)}`);
  // fast-check seeds are 32-bit.
  return seed | 0;
}

/** The number of cases for this run: small in the unit run, large in `npm run fuzz`. */
export function runs(budget: { unit: number; full: number }): number {
  return FUZZ_MODE === 'full' ? budget.full : budget.unit;
}

/** True in `npm run fuzz`, where time bounds are enforced and inputs are full size. */
export const FULL = FUZZ_MODE === 'full';

/**
 * Formats whose parser is slow on broken text get fewer random edits, so that
 * `npm run fuzz` stays a few minutes: a broken 8 KB pom.xml takes 10-20 ms (the
 * XML is parsed again after each prematurely closed root), other formats ~1 ms.
 */
export const SLOW_FORMATS: Readonly<Record<string, number>> = { 'pom.xml': 5 };

export interface CaseCount {
  readonly name: string;
  readonly cases: number;
  readonly ms: number;
  readonly passed: boolean;
}

/**
 * Cases run per property, in order, for the runner's summary. Module state, but
 * test-only and append-only: both runners load this module once per process.
 */
export const caseCounts: CaseCount[] = [];

export function recordCases(count: CaseCount): void {
  caseCounts.push(count);
}
