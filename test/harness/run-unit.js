// Runs the unit tests (compiled to out/test/unit by `tsc -p .`) with mocha's
// spec reporter and ends with the plain `unit: N passed, N failed` line CI reads.
const path = require('node:path');
const fs = require('node:fs');
const Mocha = require('mocha');

const root = path.resolve(__dirname, '..', '..');
const unitDir = path.join(root, 'out', 'test', 'unit');

function testFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  });
}

if (!fs.existsSync(unitDir)) {
  console.error('out/test/unit is missing: run `npm run compile-tests` first');
  process.exit(2);
}

const mocha = new Mocha({ reporter: 'spec', timeout: 10_000 });
for (const file of testFiles(unitDir).sort()) mocha.addFile(file);

let passed = 0;
let failed = 0;
const runner = mocha.run((failures) => {
  console.log(`unit: ${passed} passed, ${failed} failed`);
  process.exitCode = failures > 0 ? 1 : 0;
});
runner.on('pass', () => passed++);
runner.on('fail', () => failed++);
