import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha = require('mocha');

/**
 * The standard integration-suite entry point (`run()`), as @vscode/test-electron
 * and the code-server harness both expect. It also prints one machine-readable
 * line with the counts, which the offline harness reads.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run((failures) => {
      console.log(`OSPO_SUITE_RESULT ${JSON.stringify({ passed, failed })}`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
}
