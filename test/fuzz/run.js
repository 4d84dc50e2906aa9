// `npm run fuzz`: the property-based tests of test/fuzz (compiled to out/test/fuzz
// by `tsc -p .`) with the large budget. Prints the seed first, the cases run by
// each property, and ends with the plain `fuzz: N passed, N failed` line CI reads.
// FUZZ_SEED=<n> replays a run; a failure's report repeats the seed it used.
// FUZZ_MODE=unit runs the unit run's small budget instead, with this summary.
const path = require('node:path');
const fs = require('node:fs');
const Mocha = require('mocha');

process.env.FUZZ_MODE = process.env.FUZZ_MODE === 'unit' ? 'unit' : 'full';
const root = path.resolve(__dirname, '..', '..');
const fuzzDir = path.join(root, 'out', 'test', 'fuzz');

if (!fs.existsSync(fuzzDir)) {
  console.error('out/test/fuzz is missing: run `npm run compile-tests` first');
  process.exit(2);
}

const { FUZZ_SEED, caseCounts } = require(path.join(fuzzDir, 'support', 'budget.js'));
console.log(`fuzz seed: ${FUZZ_SEED} (set FUZZ_SEED to change it), ${process.env.FUZZ_MODE} budget`);

// No per-test timeout: the full budget takes a while; the huge-input tests bound their own time.
const mocha = new Mocha({ reporter: 'spec', timeout: 0 });
for (const file of fs.readdirSync(fuzzDir).filter((f) => f.endsWith('.fuzz.js')).sort()) {
  mocha.addFile(path.join(fuzzDir, file));
}

const started = Date.now();
let passed = 0;
let failed = 0;
const runner = mocha.run((failures) => {
  const total = caseCounts.reduce((sum, c) => sum + c.cases, 0);
  console.log('\ncases per property:');
  for (const c of caseCounts) {
    console.log(`  ${String(c.cases).padStart(6)} cases ${(c.ms / 1000).toFixed(1).padStart(6)} s  ${c.passed ? '' : 'FAILED '}${c.name}`);
  }
  console.log(`\n${total} cases in total, seed ${FUZZ_SEED}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`fuzz: ${passed} passed, ${failed} failed`);
  process.exitCode = failures > 0 ? 1 : 0;
});
runner.on('pass', () => passed++);
runner.on('fail', () => failed++);
