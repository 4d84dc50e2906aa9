import fc from 'fast-check';
import { FUZZ_SEED, recordCases, runs } from './budget';

/**
 * A mocha test that checks `predicate` on `budget` generated cases with the run's
 * seed. The predicate throws (an assertion) to fail. The case count goes to the
 * runner's summary; a failure reports the shrunk counterexample and the seed.
 */
export function fuzzIt<T>(name: string, budget: { unit: number; full: number }, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void): void {
  it(name, function () {
    const numRuns = runs(budget);
    const started = performance.now();
    const details = fc.check(
      fc.property(arbitrary, (value) => {
        predicate(value);
      }),
      { seed: FUZZ_SEED, numRuns },
    );
    recordCases({ name: this.test?.fullTitle() ?? name, cases: details.numRuns, ms: performance.now() - started, passed: !details.failed });
    if (details.failed) {
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(`${fc.defaultReportMessage(details) ?? 'property failed'}\nFailed with: ${cause}\n(replay with FUZZ_SEED=${FUZZ_SEED})`);
    }
  });
}

/**
 * A mocha test over a fixed list of cases (every truncation of a file, say),
 * counted like a property's.
 */
export function exhaustiveIt<T>(name: string, cases: () => Iterable<T>, check: (value: T) => void): void {
  it(name, function () {
    const started = performance.now();
    let count = 0;
    let passed = false;
    try {
      for (const value of cases()) {
        count++;
        check(value);
      }
      passed = true;
    } finally {
      recordCases({ name: this.test?.fullTitle() ?? name, cases: count, ms: performance.now() - started, passed });
    }
  });
}
