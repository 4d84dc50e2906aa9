'use strict';
// UI tests: drive the real VS Code workbench in Chromium the way a user would,
// and save screenshots to test-results/ to look at.
//
// Add a test by appending { name, fn } to TESTS. `fn(ui)` gets:
//   ui.open({ workspace?, trust?, settings? }) -> { page, folder, origin }
//       starts a fresh code-server + browser on a temp copy of the workspace
//       (default: the suite's fixture) with the extension loaded; stopped
//       automatically after the test.
//   ui.screenshot(page, file)  saves test-results/<file>; name files
//       "<test name>.png" or "<test name>-*.png" (the previous run's are
//       removed before the test runs)
//   ui.resultsDir, ui.repoRoot
// A test fails by throwing; a failure screenshot test-results/<name>-failure.png
// is then taken of the last page it opened.
const fs = require('fs');
const path = require('path');
const cs = require('./code-server');

const TESTS = [
  {
    name: 'problems-panel',
    async fn(ui) {
      const { page } = await ui.open();
      // Open package.json from the Explorer like a user.
      const item = page.locator('.explorer-folders-view [role="treeitem"][aria-label="package.json"]');
      await item.waitFor({ timeout: 60000 });
      await item.click();
      await page.locator('.tabs-container .tab.active[aria-label^="package.json"]').waitFor({ timeout: 30000 });
      await page.keyboard.press('Control+Shift+M'); // View: Problems
      const entry = page.locator('.markers-panel .monaco-list-row', { hasText: 'GPL-3.0-only' }).first();
      try {
        await entry.waitFor({ state: 'visible', timeout: 60000 });
      } catch {
        const shown = await page.locator('.markers-panel').first().innerText({ timeout: 2000 }).catch(() => null);
        throw new Error('no Problems entry containing "GPL-3.0-only" within 60 s; the Problems panel ' +
          (shown === null ? 'did not open' : `shows: ${JSON.stringify(shown.slice(0, 500))}`));
      }
      await ui.screenshot(page, 'problems-panel.png');
    },
  },
  {
    name: 'guide-sidebar',
    async fn(ui) {
      const { page } = await ui.open();
      await openFromExplorer(page, 'package.json');
      // Put the cursor on the GPL dependency like a user: click its name in the editor.
      const line = page.locator('.monaco-editor .view-line', { hasText: '"gpl-lib"' }).first();
      await line.waitFor({ timeout: 30000 });
      await line.locator('span', { hasText: 'gpl-lib' }).first().click();
      // Open the OSPO Lens sidebar from its activity-bar icon.
      await page.locator('.activitybar .action-item a[aria-label^="OSPO Lens"]').first().click();
      const text = await waitForWebviewText(page, /Not allowed[\s\S]*gpl-lib[\s\S]*GPL/, 60000);
      if (!/review/i.test(text)) throw new Error(`the Guide view does not say how to ask for review: ${text.slice(0, 400)}`);
      await page.waitForTimeout(1000); // let the webview paint what its DOM already holds
      await ui.screenshot(page, 'guide-sidebar.png');
    },
  },
];

async function openFromExplorer(page, name) {
  const item = page.locator(`.explorer-folders-view [role="treeitem"][aria-label="${name}"]`);
  await item.waitFor({ timeout: 60000 });
  await item.click();
  await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ timeout: 30000 });
}

/** Polls every frame (webviews are nested iframes) until one's text matches. */
async function waitForWebviewText(page, pattern, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const text = await frame.evaluate(() => (document.body ? document.body.innerText : '')).catch(() => '');
      if (pattern.test(text)) return text;
      if (text.includes('OSPO') || text.includes('guide')) seen = text;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview showed ${pattern} within ${timeoutMs / 1000} s; last seen: ${JSON.stringify(seen.slice(0, 300))}`);
}

/**
 * Runs every UI test; never throws for a test failure.
 * @param {object} o
 * @param {string} o.repoRoot
 * @param {string} o.extensionPath  extensionDevelopmentPath
 * @param {string} o.workspace      default fixture workspace (copied per open)
 * @param {string} o.tmpRoot        scratch folder for servers, browsers, copies
 * @param {(fn: () => Promise<void>) => () => Promise<void>} [o.track]
 *        registers a cleanup with the caller (so Ctrl+C stops servers too);
 *        returns the function to call for an early cleanup
 * @param {string[]} [o.only]       test names to run (default all)
 */
async function runUiTests({ repoRoot, extensionPath, workspace, tmpRoot, track = (fn) => fn, only }) {
  const resultsDir = path.join(repoRoot, 'test-results');
  fs.mkdirSync(resultsDir, { recursive: true });
  let passed = 0;
  let failed = 0;
  const unknown = (only || []).filter((n) => !TESTS.some((t) => t.name === n));
  if (unknown.length) {
    console.error(`ui: no such test: ${unknown.join(', ')} (have: ${TESTS.map((t) => t.name).join(', ')})`);
    failed += unknown.length;
  }
  for (const test of TESTS.filter((t) => !only || only.includes(t.name))) {
    const cleanups = [];
    let lastPage = null;
    let opened = 0;
    const ui = {
      repoRoot,
      resultsDir,
      async open({ workspace: ws = workspace, trust = false, settings = {} } = {}) {
        const dir = path.join(tmpRoot, `${test.name}-${++opened}`);
        const folder = path.join(dir, 'workspace');
        if (!fs.existsSync(ws)) throw new Error(`fixture workspace not found: ${ws}`);
        fs.cpSync(ws, folder, { recursive: true }); // includes node_modules
        // Offline unless a test says otherwise: UI tests must not reach any registry.
        const server = await cs.startCodeServer({ tmpRoot: dir, trust, settings: { 'ospoLens.offline': true, ...settings } });
        cleanups.push(track(server.stop));
        const browser = await cs.launchBrowser(dir);
        cleanups.push(track(browser.close));
        lastPage = browser.page;
        await browser.page.goto(cs.payloadUrl(server.origin, { folder, extensionDevelopmentPath: extensionPath }));
        return { page: browser.page, folder, origin: server.origin };
      },
      async screenshot(page, file) {
        const out = path.join(resultsDir, file);
        await page.screenshot({ path: out });
        console.log(`  screenshot: ${path.relative(repoRoot, out)}`);
        return out;
      },
    };
    // Screenshots are named after their test: drop the previous run's, so a
    // failure never leaves a stale success picture behind.
    for (const f of fs.readdirSync(resultsDir)) {
      if (f === `${test.name}.png` || (f.startsWith(`${test.name}-`) && f.endsWith('.png'))) fs.rmSync(path.join(resultsDir, f));
    }
    const t0 = Date.now();
    console.log(`ui: ${test.name}`);
    try {
      await test.fn(ui);
      passed++;
      console.log(`  ok ${test.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failed++;
      console.error(`  FAILED ${test.name} (${((Date.now() - t0) / 1000).toFixed(1)} s): ${err && err.message}`);
      if (lastPage) {
        await ui.screenshot(lastPage, `${test.name}-failure.png`).catch((e) => console.error(`  (no failure screenshot: ${e.message})`));
      }
    } finally {
      for (const fn of cleanups.reverse()) await fn().catch(() => {});
    }
  }
  return { passed, failed };
}

module.exports = { runUiTests, TESTS };
