'use strict';
// Integration test runner: the mocha suite inside a real VS Code extension host
// (code-server 1.100.3 + headless Chromium), then the UI tests. Run from the
// repository as `node test/harness/run-integration.js` (after `npm run build`
// and `npm run compile-tests`). Its last line is
//   integration: N passed, N failed
// and it exits 0 only when everything passed.
//
// Knobs (environment):
//   OSPO_IT_ONLY=suite|ui       run one phase only
//   OSPO_IT_KEEP=1              keep the temp folder (workspaces, logs, profiles)
//   OSPO_IT_TIMEOUT_MS=300000   overall time limit
//   OSPO_IT_EXTENSION_PATH      extension folder   (default: the repository)
//   OSPO_IT_TESTS_PATH          suite index.js     (default: out/test/integration/index.js)
//   OSPO_IT_WORKSPACE           fixture workspace  (default: test/fixtures/workspaces/npm-basic)
//   OSPO_IT_UI_TESTS=a,b        run only these UI tests (names in ui-tests.js)
//   OSPO_IT_VERBOSE=1           also print the workbench chatter and the browser console
const fs = require('fs');
const os = require('os');
const path = require('path');
const cs = require('./code-server');
const { startRegistry } = require('./verdaccio');
const { runUiTests } = require('./ui-tests');

const REPO = path.resolve(__dirname, '..', '..');
const env = process.env;
const cfg = {
  extensionPath: path.resolve(env.OSPO_IT_EXTENSION_PATH || REPO),
  testsPath: path.resolve(env.OSPO_IT_TESTS_PATH || path.join(REPO, 'out', 'test', 'integration', 'index.js')),
  workspace: path.resolve(env.OSPO_IT_WORKSPACE || path.join(REPO, 'test', 'fixtures', 'workspaces', 'npm-basic')),
  only: env.OSPO_IT_ONLY || '',
  keep: env.OSPO_IT_KEEP === '1',
  timeoutMs: Number(env.OSPO_IT_TIMEOUT_MS) || 5 * 60 * 1000,
  verbose: env.OSPO_IT_VERBOSE === '1',
};
if (!['', 'suite', 'ui'].includes(cfg.only)) {
  console.error(`OSPO_IT_ONLY must be "suite" or "ui", not "${cfg.only}"`);
  process.exit(2);
}
const RESULT_RE = /OSPO_SUITE_RESULT\s+(\{[^}]*\})/;
// Workbench chatter that codeAutomationLog also carries; shown with OSPO_IT_VERBOSE=1.
const NOISE_RE = /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|Ignoring fetching additional builtin extensions|ChatSessionStore:|Updating additional builtin extensions cache)/;

const totals = { passed: 0, failed: 0 };
let tmpRoot = null;

// Cleanups of everything started (servers, browsers), newest first. Each is
// removed once run, so finally blocks and the signal/timeout path can share it.
const cleanups = new Set();
function track(fn) {
  const once = async () => { if (cleanups.delete(once)) await fn(); };
  cleanups.add(once);
  return once;
}
async function cleanupAll() {
  for (const fn of [...cleanups].reverse()) await fn().catch((e) => console.error(`cleanup: ${e.message}`));
  if (tmpRoot && !cfg.keep) fs.rmSync(tmpRoot, { recursive: true, force: true });
  else if (tmpRoot) console.log(`kept temp folder ${tmpRoot}`);
}

let finished = false;
async function finish(code, reason) {
  if (finished) {
    if (reason) process.exit(code); // a second Ctrl+C: skip the cleanup (the exit hook still kills servers)
    return;
  }
  finished = true;
  if (reason) {
    console.error(`integration: ABORTED: ${reason}`);
    totals.failed += 1; // the phase in progress did not complete
  }
  await cleanupAll();
  const ok = code === 0 && totals.failed === 0 && totals.passed > 0;
  if (code === 0 && totals.passed === 0 && totals.failed === 0) console.error('integration: no test ran');
  console.log(`integration: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(ok ? 0 : code || 1);
}
process.on('SIGINT', () => finish(130, 'interrupted (SIGINT)'));
process.on('SIGTERM', () => finish(143, 'terminated (SIGTERM)'));
process.on('SIGHUP', () => finish(129, 'hung up (SIGHUP)'));

// Copies the fixture workspace together with its sibling fixture workspaces, so
// the suite may edit any of them and can open the other ecosystems' manifests
// (e.g. ../cargo-basic/Cargo.toml) next to the folder VS Code opened.
/** Packages only the test registry has: a dependency typed into package.json gets its license from there. */
const REGISTRY_FIXTURES = [
  { name: 'registry-only-gpl', versions: { '1.0.0': { license: 'GPL-3.0-only' } } },
  { name: 'registry-only-mit', versions: { '2.3.0': { license: 'MIT' } } },
];

function copyWorkspace(dest) {
  if (!fs.existsSync(path.join(cfg.workspace, 'package.json'))) {
    throw new Error(`fixture workspace not found: ${cfg.workspace}`);
  }
  const siblings = path.join(dest, 'workspaces');
  fs.cpSync(path.dirname(cfg.workspace), siblings, { recursive: true }); // node_modules too: its fake packages are the fixture
  return path.join(siblings, path.basename(cfg.workspace));
}

// The mocha suite in the extension host. Returns { passed, failed }.
async function runSuite() {
  const dir = path.join(tmpRoot, 'suite');
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(cfg.testsPath)) {
    console.error(`suite: ${cfg.testsPath} not found (run "npm run compile-tests")`);
    return { passed: 0, failed: 1 };
  }
  const main = require(path.join(cfg.extensionPath, 'package.json')).main;
  if (main && !fs.existsSync(path.resolve(cfg.extensionPath, main)) && !fs.existsSync(path.resolve(cfg.extensionPath, `${main}.js`))) {
    console.error(`suite: extension entry ${main} not built in ${cfg.extensionPath} (run "npm run build")`);
    return { passed: 0, failed: 1 };
  }
  const folder = copyWorkspace(path.join(dir, 'workspace'));
  const t0 = Date.now();
  // The suite runs offline, except the tests that switch the network on: their
  // npm registry is a real one (Verdaccio) on 127.0.0.1, and every other registry
  // points at a closed local port, so nothing leaves this machine.
  const registry = await startRegistry(REGISTRY_FIXTURES);
  track(registry.close);
  const closed = 'http://127.0.0.1:9/';
  const server = await cs.startCodeServer({
    tmpRoot: dir,
    settings: {
      'ospoLens.offline': true,
      'ospoLens.registries.npm': registry.url,
      ...Object.fromEntries(['pypi', 'crates', 'maven', 'goProxy', 'nuget', 'depsDev'].map((k) => [`ospoLens.registries.${k}`, closed])),
    },
  });
  const stopServer = track(server.stop);
  const browser = await cs.launchBrowser(dir);
  const closeBrowser = track(browser.close);
  try {
    let result = null;
    const exited = new Promise((resolve) => {
      // The workbench calls these two when the extension host runs tests:
      // the suite's console output, then its result (0 = passed).
      browser.page.exposeFunction('codeAutomationLog', (type, args) => {
        const lines = (Array.isArray(args) ? args : [args]).map(String);
        if (cfg.verbose || !lines.every((l) => NOISE_RE.test(l))) (console[type] || console.log)(...lines);
        for (const line of lines.join('\n').split('\n')) {
          const m = RESULT_RE.exec(line);
          if (m) { try { result = JSON.parse(m[1]); } catch { /* malformed: treated as missing */ } }
        }
      });
      browser.page.exposeFunction('codeAutomationExit', (code) => resolve(code));
      browser.page.on('crash', () => resolve('browser page crashed'));
    });
    if (cfg.verbose) browser.page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
    await browser.page.goto(cs.payloadUrl(server.origin, { folder, extensionDevelopmentPath: cfg.extensionPath, extensionTestsPath: cfg.testsPath }));
    const code = await exited;
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (!result || typeof result.passed !== 'number' || typeof result.failed !== 'number') {
      console.error(`suite: exited with ${code} after ${secs} s without printing OSPO_SUITE_RESULT (counted as 1 failure)`);
      return { passed: 0, failed: 1 };
    }
    if (code !== 0 && result.failed === 0) {
      console.error(`suite: exit code ${code} although no test failed (counted as 1 failure)`);
      return { passed: result.passed, failed: 1 };
    }
    console.log(`suite done in ${secs} s: ${result.passed} passing, ${result.failed} failing (exit code ${code})`);
    return result;
  } finally {
    await closeBrowser();
    await stopServer();
  }
}

async function main() {
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-it-'));
  const timer = setTimeout(() => finish(1, `timed out after ${cfg.timeoutMs} ms (OSPO_IT_TIMEOUT_MS)`), cfg.timeoutMs);
  cs.codeServerBin(); // fail early with the install hint
  const phases = [];
  if (cfg.only !== 'ui') phases.push(['suite', runSuite]);
  if (cfg.only !== 'suite') {
    phases.push(['ui', () => {
      fs.mkdirSync(path.join(tmpRoot, 'ui'));
      const only = env.OSPO_IT_UI_TESTS ? env.OSPO_IT_UI_TESTS.split(',').map((s) => s.trim()) : undefined;
      return runUiTests({ repoRoot: REPO, extensionPath: cfg.extensionPath, workspace: cfg.workspace, tmpRoot: path.join(tmpRoot, 'ui'), track, only });
    }]);
  }
  for (const [name, run] of phases) {
    console.log(`=== ${name} ===`);
    let r;
    try {
      r = await run();
    } catch (e) {
      console.error(`${name}: ${e.stack || e.message}`);
      r = { passed: 0, failed: 1 };
    }
    totals.passed += r.passed;
    totals.failed += r.failed;
  }
  clearTimeout(timer);
  await finish(0);
}

main().catch((e) => {
  console.error(`integration: ${e.message}`);
  totals.failed += 1;
  finish(1);
});
