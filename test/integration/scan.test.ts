import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { OspoLensApi } from '../../src/extension';
import { ospoDiagnostics, workspaceFile } from './helpers';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The suite's window has one folder, and adding folders to it does not work
 * here (the workbench would turn it into a multi-root workspace by reloading,
 * which ends the extension host). So the scan is given the folders of the
 * multi-root fixture's .code-workspace, which the harness copies next to the
 * suite's folder, as VS Code would list them after opening that file.
 */
const FIXTURES = path.dirname(workspaceFile().fsPath);
const MULTI_ROOT = path.join(FIXTURES, 'multi-root');

async function api(): Promise<OspoLensApi> {
  const extension = vscode.extensions.getExtension<OspoLensApi>('ospo-lens.ospo-lens');
  assert.ok(extension);
  const exported = extension.isActive ? extension.exports : await extension.activate();
  assert.ok(exported, 'the extension exports its API');
  return exported;
}

async function multiRootFolders(): Promise<Array<{ uri: vscode.Uri; name: string }>> {
  const file = vscode.Uri.file(path.join(MULTI_ROOT, 'multi-root.code-workspace'));
  const workspace = parse(decoder.decode(await vscode.workspace.fs.readFile(file))) as { folders: Array<{ path: string }> };
  return workspace.folders.map((f) => ({ uri: vscode.Uri.file(path.join(MULTI_ROOT, f.path)), name: f.path }));
}

const inFixture = (...segments: string[]): vscode.Uri => vscode.Uri.file(path.join(MULTI_ROOT, ...segments));
const severities = (uri: vscode.Uri): vscode.DiagnosticSeverity[] => ospoDiagnostics(uri).map((d) => d.severity).sort();

describe('Scanning a multi-root workspace, in a real VS Code', () => {
  after(async () => {
    // A scan of nothing clears every earlier scan's results.
    await (await api()).scanWorkspace([]);
  });

  it('runs as "OSPO: Scan Workspace" over the window\'s folders', async () => {
    await (await api()).scanWorkspace([]);
    await vscode.commands.executeCommand('ospoLens.scanWorkspace');
    assert.ok(ospoDiagnostics(workspaceFile('package.json')).length > 0, 'the workspace manifest has results');
    assert.deepEqual(ospoDiagnostics(workspaceFile('node_modules', 'gpl-lib', 'package.json')), []);
  });

  it('finds the manifest of every folder and counts their verdicts', async () => {
    const summary = await (await api()).scanWorkspace(await multiRootFolders());
    assert.deepEqual(
      { found: summary.found, checked: summary.checked, cancelled: summary.cancelled, deny: summary.verdicts.deny, review: summary.verdicts.review },
      { found: 3, checked: 3, cancelled: false, deny: 2, review: 2 },
    );
  });

  it('puts the problems of manifests that are not open in the Problems panel', async () => {
    await (await api()).scanWorkspace(await multiRootFolders());
    const E = vscode.DiagnosticSeverity.Error;
    const W = vscode.DiagnosticSeverity.Warning;
    assert.deepEqual(severities(inFixture('web', 'package.json')), [E]);
    assert.deepEqual(severities(inFixture('service', 'requirements.txt')), [E, W]);
    assert.deepEqual(severities(inFixture('engine', 'Cargo.toml')), [W]);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath.startsWith(MULTI_ROOT)), 'no manifest was opened');
  });

  it('leaves out node_modules, vendor and virtual environments', async () => {
    await (await api()).scanWorkspace(await multiRootFolders());
    assert.deepEqual(ospoDiagnostics(inFixture('web', 'node_modules', 'mit-util', 'node_modules', 'nested-dep', 'package.json')), []);
    assert.deepEqual(ospoDiagnostics(inFixture('engine', 'vendor', 'mpl-cache', 'Cargo.toml')), []);
  });

  it('counts the scanned manifests in the status bar', async () => {
    const lens = await api();
    await lens.scanWorkspace([]);
    const before = lens.statusBar();
    await lens.scanWorkspace(await multiRootFolders());
    const after = lens.statusBar();
    const numbers = (text: string): number[] => [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));
    const [denyBefore, reviewBefore] = before.visible ? numbers(before.text) : [0, 0];
    assert.deepEqual(numbers(after.text), [denyBefore + 2, reviewBefore + 2]);
    assert.match(after.tooltip, /not allowed, .* needing review, .* allowed, in \d+ manifests/);
  });

  it('leaves out what files.exclude hides', async () => {
    const files = vscode.workspace.getConfiguration('files');
    await files.update('exclude', { '**/{requirements,constraints}.txt': true }, vscode.ConfigurationTarget.Workspace);
    try {
      const summary = await (await api()).scanWorkspace(await multiRootFolders());
      assert.equal(summary.found, 2);
    } finally {
      await files.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(workspaceFile('.vscode'), { recursive: true }).then(undefined, () => undefined);
    }
  });

  it('drops the results of a manifest that is gone at the next scan', async () => {
    const lens = await api();
    const extra = inFixture('web', 'extra', 'package.json');
    await vscode.workspace.fs.writeFile(extra, encoder.encode('{ "dependencies": { "gpl-widget": "^3.0.0" } }'));
    try {
      await lens.scanWorkspace(await multiRootFolders());
      assert.equal(ospoDiagnostics(extra).length, 1);
    } finally {
      await vscode.workspace.fs.delete(inFixture('web', 'extra'), { recursive: true });
    }
    await lens.scanWorkspace(await multiRootFolders());
    assert.deepEqual(ospoDiagnostics(extra), []);
  });

  describe('cancelled', () => {
    const many = vscode.Uri.file(path.join(FIXTURES, 'scan-many'));
    const COUNT = 40;

    before(async () => {
      for (let i = 0; i < COUNT; i++) {
        await vscode.workspace.fs.writeFile(
          vscode.Uri.joinPath(many, `p${i}`, 'package.json'),
          encoder.encode(`{ "dependencies": { "not-installed-${i}": "^1.0.0", "also-missing-${i}": "^2.0.0" } }`),
        );
      }
    });

    after(async () => {
      await vscode.workspace.fs.delete(many, { recursive: true });
    });

    it('stops at once: the manifests not yet checked get no results', async () => {
      const lens = await api();
      const source = new vscode.CancellationTokenSource();
      let started = 0;
      // Cancel as the third manifest starts, as the notification's Cancel button would.
      const progress = { report: () => (++started === 3 ? source.cancel() : undefined) };
      const summary = await lens.scanWorkspace([{ uri: many, name: 'scan-many' }], source.token, progress);
      assert.equal(summary.cancelled, true);
      assert.equal(summary.found, COUNT);
      assert.ok(summary.checked < 6, `checked ${summary.checked} of ${COUNT}`);
      await new Promise((r) => setTimeout(r, 500)); // nothing still running may publish later
      const published = (await vscode.workspace.findFiles(new vscode.RelativePattern(many, '**/package.json'))).filter((u) => ospoDiagnostics(u).length > 0);
      assert.ok(published.length < 6, `${published.length} manifests have results`);
      assert.equal(started, 3, 'no manifest is started after the cancellation');
    });
  });
});
