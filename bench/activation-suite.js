'use strict';
// Runs inside the real VS Code extension host (as the extensionTestsPath of
// bench/activation.js): activates OSPO Lens, opens a package.json and waits for
// the first OSPO Lens diagnostic on it. Prints one line `OSPO_BENCH_RESULT {...}`.
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'ospo-lens.ospo-lens';
const TIMEOUT_MS = 60000;

function firstDiagnostic(uri, started) {
  return new Promise((resolve) => {
    const found = () => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'OSPO Lens');
    // The event fires when diagnostics are published; the poll is a safety net.
    const done = () => {
      if (!found()) return false;
      subscription.dispose();
      clearInterval(poll);
      resolve(Date.now());
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics(done);
    const poll = setInterval(() => {
      if (!done() && Date.now() - started > TIMEOUT_MS) {
        subscription.dispose();
        clearInterval(poll);
        resolve(null);
      }
    }, 5);
    done();
  });
}

exports.run = async function run() {
  const { manifest } = JSON.parse(fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8'));
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const result = { wasActive: extension.isActive };
  const started = Date.now();
  await extension.activate();
  result.activateMs = Date.now() - started;
  const uri = vscode.Uri.file(manifest);
  const diagnosed = firstDiagnostic(uri, started); // listening before the document opens
  const document = await vscode.workspace.openTextDocument(uri);
  result.openMs = Date.now() - started; // the extension hears of it now (onDidOpenTextDocument)
  await vscode.window.showTextDocument(document);
  result.shownMs = Date.now() - started;
  const first = await diagnosed;
  if (first !== null) {
    result.firstDiagnosticsMs = first - started;
    result.openToDiagnosticsMs = first - started - result.openMs;
  }
  // A yardstick from the same extension host: VS Code's own npm extension, activated
  // after ours (so ours, not it, pays any first-activation cost the host has).
  const reference = vscode.extensions.getExtension('vscode.npm');
  if (reference && !reference.isActive) {
    const before = Date.now();
    await reference.activate();
    result.referenceActivateMs = Date.now() - before;
  }
  console.log(`OSPO_BENCH_RESULT ${JSON.stringify(result)}`);
};
