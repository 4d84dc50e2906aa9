'use strict';
// Starts a real VS Code (code-server, installed by install-vscode.sh) and a
// headless Debian Chromium driven by playwright-core. See shared/TESTING.md.
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');

const REPO = path.resolve(__dirname, '..', '..');
const INSTALL_DIR = path.join(REPO, '.vscode-test', 'code-server');
const CHROMIUM = '/usr/bin/chromium';

// Every server started and not yet stopped: killed if this process exits
// without stopping them (crash, process.exit in a signal handler), so no
// code-server or extension host outlives the run.
const live = new Set();
process.on('exit', () => {
  for (const pid of live) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
});

function codeServerBin() {
  const entry = path.join(INSTALL_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  // The marker is written last, so its presence means the install completed.
  if (!fs.existsSync(entry) || !fs.existsSync(path.join(INSTALL_DIR, '.installed'))) {
    throw new Error(`code-server is not installed in ${INSTALL_DIR}: run "bash test/harness/install-vscode.sh" first`);
  }
  return entry;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function defaultSettings(trust) {
  return {
    // Nothing may try to reach the internet or pop up over the workbench.
    'update.mode': 'none',
    'update.showReleaseNotes': false,
    'telemetry.telemetryLevel': 'off',
    // Tests type into manifests; nothing may reach the disk unless a test saves it.
    'files.autoSave': 'off',
    'workbench.enableExperiments': false,
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'npm.fetchOnlinePackageInfo': false, // built-in npm hovers query the registry
    'json.schemaDownload.enable': false,
    'chat.commandCenter.enabled': false, // no Copilot chat button in the title bar
    'git.enabled': false, // temp workspaces are no repositories; keeps the SCM badge quiet
    'security.workspace.trust.enabled': trust,
  };
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}

/**
 * Starts code-server on 127.0.0.1. Everything it writes goes under tmpRoot.
 * `port` (optional) fixes the port, otherwise a free one is picked.
 */
async function startCodeServer({ tmpRoot, trust = false, settings = {}, port } = {}) {
  if (!tmpRoot) throw new Error('startCodeServer: tmpRoot is required');
  const bin = codeServerBin();
  port = port || (await freePort());
  const dirs = { xdg: path.join(tmpRoot, 'xdg'), ud: path.join(tmpRoot, 'user-data'), exts: path.join(tmpRoot, 'extensions') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.ud, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.ud, 'User', 'settings.json'),
    JSON.stringify({ ...defaultSettings(trust), ...settings }, null, 2));

  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: dirs.xdg, XDG_DATA_HOME: dirs.xdg };
  // When run from a VS Code terminal, inherited VSCODE_* variables (IPC hooks)
  // would make the server talk to that other VS Code.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  const args = [bin, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', dirs.ud, '--extensions-dir', dirs.exts];
  if (!trust) args.push('--disable-workspace-trust');

  const logFile = path.join(tmpRoot, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  // detached: own process group, so stop() can kill code-server together with
  // the extension host, pty host and file watcher it forks.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  live.add(child.pid);
  let exited = null;
  const exitPromise = new Promise((resolve) => child.once('exit', (code, sig) => { exited = { code, sig }; resolve(); }));

  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!live.has(child.pid)) return;
    const kill = (sig) => { try { process.kill(-child.pid, sig); } catch { /* gone */ } };
    kill('SIGTERM');
    const t = setTimeout(() => kill('SIGKILL'), 5000);
    await exitPromise;
    clearTimeout(t);
    kill('SIGKILL'); // children that ignored SIGTERM after their parent left
    live.delete(child.pid);
  };

  const deadline = Date.now() + 60000;
  while (!(await httpOk(`${origin}/healthz`))) {
    if (exited || Date.now() > deadline) {
      await stop();
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
      throw new Error(`code-server did not become healthy on ${origin} ` +
        `(${exited ? `exited ${JSON.stringify(exited)}` : 'timeout 60 s'}). Log ${logFile}:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // exited: resolves with { code, sig } if the server ends (crash or stop()).
  return { port, origin, logFile, stop, exited: exitPromise.then(() => exited) };
}

/** The workbench URL that opens `folder` with the extension (and tests) loaded. */
function payloadUrl(origin, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const host = new URL(origin).host;
  const remote = (p) => `vscode-remote://${host}${path.resolve(p).split('/').map(encodeURIComponent).join('/')}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  return `${origin}/?folder=${encodeURIComponent(path.resolve(folder))}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function launchBrowser(tmpRoot) {
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch (e) {
    throw new Error(`playwright-core not found (run "npm ci" in ${REPO}): ${e.message}`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: run "bash test/harness/install-vscode.sh"`);
  const context = await chromium.launchPersistentContext(path.join(tmpRoot, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    // Playwright's own signal handlers would exit the process before the
    // runner's cleanup and closing line; the runner closes the browser itself.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Without the background-networking flags Chromium keeps dialing Google's
    // hosts, which this closed network refuses.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] || (await context.newPage());
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // Bounded: a wedged renderer must not hang the cleanup path.
    await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 10000))]);
  };
  return { context, page, close };
}

module.exports = { codeServerBin, startCodeServer, payloadUrl, launchBrowser, REPO };
