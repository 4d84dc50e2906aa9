'use strict';
// Figure 3: activation to first diagnostics in the real VS Code (code-server +
// headless Chromium, the test harness's), and the size of the shipped bundle.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REPO, CACHE, median, fmtMs, table } = require('./lib/common');
const { extensionBundleSize } = require('./lib/bundle');

const TARGET_BUNDLE_BYTES = 1024 * 1024;
const RUNS = Math.max(1, Number(process.env.OSPO_BENCH_ACTIVATION_RUNS) || 3);
const RESULT_RE = /OSPO_BENCH_RESULT (\{.*\})/;

/**
 * The extension as it ships: package.json and the assets it reads, with the
 * production bundle; activation is measured on exactly the bundle whose size is reported.
 */
function shippedExtension(bundle) {
  const dir = path.join(CACHE, 'extension');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(dir, 'package.json'));
  fs.copyFileSync(bundle, path.join(dir, 'dist', 'extension.js'));
  for (const asset of ['media', 'schemas', 'syntaxes']) fs.symlinkSync(path.join(REPO, asset), path.join(dir, asset), 'dir');
  return dir;
}

/** One cold start: a fresh server, browser and profile; returns the suite's timings. */
async function oneRun(cs, extensionPath, suiteDir) {
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-bench-activation-'));
  // An empty workspace, so nothing activates the extension before the suite does;
  // the manifest (the npm-basic fixture, with its installed packages) sits beside it.
  const workspace = path.join(tmpRoot, 'workspace');
  fs.mkdirSync(workspace);
  const fixture = path.join(tmpRoot, 'npm-basic');
  fs.cpSync(path.join(REPO, 'test', 'fixtures', 'workspaces', 'npm-basic'), fixture, { recursive: true });
  fs.writeFileSync(path.join(suiteDir, 'config.json'), JSON.stringify({ manifest: path.join(fixture, 'package.json') }));

  const closed = 'http://127.0.0.1:9/'; // offline anyway; never a real registry
  const server = await cs.startCodeServer({
    tmpRoot,
    settings: {
      'ospoLens.offline': true,
      ...Object.fromEntries(['npm', 'pypi', 'crates', 'maven', 'goProxy', 'nuget', 'depsDev'].map((k) => [`ospoLens.registries.${k}`, closed])),
    },
  });
  let browser;
  try {
    browser = await cs.launchBrowser(tmpRoot);
    let result = null;
    let timer;
    const exited = new Promise((resolve) => {
      browser.page.exposeFunction('codeAutomationLog', (_type, args) => {
        const m = RESULT_RE.exec((Array.isArray(args) ? args : [args]).map(String).join(' '));
        if (m) result = JSON.parse(m[1]);
      });
      browser.page.exposeFunction('codeAutomationExit', (code) => resolve(code));
      timer = setTimeout(() => resolve('timeout'), 120000);
    });
    await browser.page.goto(cs.payloadUrl(server.origin, { folder: workspace, extensionDevelopmentPath: extensionPath, extensionTestsPath: path.join(suiteDir, 'index.js') }));
    const code = await exited;
    clearTimeout(timer);
    if (!result) throw new Error(`the activation suite ended (${code}) without a result; see ${server.logFile}`);
    return result;
  } finally {
    if (browser) await browser.close();
    await server.stop();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
}

async function run() {
  const size = extensionBundleSize();
  const withoutData = size.total - size.generated;
  const summary = [
    {
      figure: 'Bundle size (production), excluding generated license data',
      measured: `${kb(withoutData)} (total ${kb(size.total)}, generated data ${kb(size.generated)})`,
      target: '≤ 1 MB',
      met: withoutData <= TARGET_BUNDLE_BYTES,
    },
  ];
  const lines = [
    '### 3. Activation and bundle size',
    '',
    table(
      ['production bundle (`dist/extension.js`, minified)', 'size'],
      [['total', kb(size.total)], ['generated license data (src/core/licenses/generated/)', kb(size.generated)], ['excluding generated data', kb(withoutData)]],
    ),
  ];

  let cs;
  try {
    cs = require(path.join(REPO, 'test', 'harness', 'code-server.js'));
    cs.codeServerBin();
  } catch (error) {
    lines.push('', `Activation: skipped (${error.message.split('\n')[0]}).`);
    summary.push({ figure: 'Activation → first diagnostics', measured: 'skipped: run "bash test/harness/install-vscode.sh"', target: 'report', met: null });
    return { markdown: lines.join('\n'), summary };
  }

  const extensionPath = shippedExtension(path.join(CACHE, 'bundles', 'extension.js'));
  const suiteDir = path.join(CACHE, 'activation-suite');
  fs.mkdirSync(suiteDir, { recursive: true });
  fs.copyFileSync(path.join(__dirname, 'activation-suite.js'), path.join(suiteDir, 'index.js'));
  const results = [];
  const failures = [];
  for (let i = 0; i < RUNS; i++) {
    try {
      results.push(await oneRun(cs, extensionPath, suiteDir));
    } catch (error) {
      failures.push(error.message.split('\n')[0]); // reported below; the other figures still count
    }
  }
  const complete = results.filter((r) => !r.wasActive && r.firstDiagnosticsMs !== undefined);
  const pick = (field) => median(complete.map((r) => r[field]).filter((v) => typeof v === 'number'));
  lines.push(
    '',
    `Activation in the real VS Code (code-server 4.100.3, VS Code 1.100.3), ${complete.length} of ${RUNS} cold starts (median):`,
    '',
    table(
      ['from `extension.activate()` to', 'median'],
      [
        ['`activate()` returned', fmtMs(pick('activateMs'))],
        ['package.json opened (`openTextDocument`: the extension is told)', fmtMs(pick('openMs'))],
        ['the editor shown (`showTextDocument`)', fmtMs(pick('shownMs'))],
        ['**first OSPO Lens diagnostic on it**', fmtMs(pick('firstDiagnosticsMs'))],
        ['(of which: opened → first diagnostic)', fmtMs(pick('openToDiagnosticsMs'))],
        ["yardstick: VS Code's built-in npm extension, `activate()` in the same host", fmtMs(pick('referenceActivateMs'))],
      ],
    ),
  );
  if (failures.length > 0) lines.push('', `Failed cold starts: ${failures.join('; ')}`);
  summary.push({
    figure: 'Activation → first diagnostics (real VS Code)',
    measured: complete.length ? fmtMs(pick('firstDiagnosticsMs')) : 'no complete run',
    target: 'report',
    met: null,
  });
  return { markdown: lines.join('\n'), summary };
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

module.exports = { run };
