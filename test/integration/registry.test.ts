import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticFor, hoverText, nameRange, ospoDiagnostics, waitFor, workspaceFile } from './helpers';

describe('Licenses from the registry, in a real VS Code', () => {
  let document: vscode.TextDocument;
  const config = () => vscode.workspace.getConfiguration('ospoLens');

  before(async () => {
    // The harness points the npm registry at a local Verdaccio holding packages
    // nothing else has; every other registry points at a closed local port.
    assert.match(config().get<string>('registries.npm') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/$/, 'the test registry is configured');
    await config().update('offline', false, vscode.ConfigurationTarget.Global);
    document = await vscode.workspace.openTextDocument(workspaceFile('package.json'));
    await vscode.window.showTextDocument(document);
    // Start from the file as it is on disk, whatever earlier tests typed.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the first diagnostics', () => (diagnosticFor(document, 'gpl-lib') ? true : undefined));
  });

  after(async () => {
    await config().update('offline', true, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows the registry license of a dependency typed into package.json, within a debounce and a round trip', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const anchor = nameRange(document, 'mit-lib').start.translate(0, -1);
    const typed = Date.now();
    await editor.edit((edit) => edit.insert(anchor, '"registry-only-gpl": "^1.0.0",\n    '));
    const diagnostic = await waitFor('the registry license as a diagnostic', () => diagnosticFor(document, 'registry-only-gpl')).catch(async (error: unknown) => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, nameRange(document, 'registry-only-gpl').start);
      console.log('diagnostics', JSON.stringify(ospoDiagnostics(document.uri).map((d) => [document.getText(d.range), d.message])), 'hover', hoverText(hovers), 'text', document.getText());
      throw error;
    });
    console.log(`      (diagnostic ${Date.now() - typed} ms after the edit)`);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /^registry-only-gpl: license GPL-3\.0-only is not allowed/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, nameRange(document, 'registry-only-gpl').start);
    assert.match(hoverText(hovers), /license read from npm registry/);
    assert.match(hoverText(hovers), /registry-only-gpl\*\* 1\.0\.0/);
  });

  it('gives an allowed registry dependency no diagnostic, and a missing one a clear "could not be looked up"', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const anchor = nameRange(document, 'mit-lib').start.translate(0, -1);
    await editor.edit((edit) => edit.insert(anchor, '"registry-only-mit": "^2.0.0",\n    "never-published-anywhere": "^1.0.0",\n    '));
    const missing = await waitFor('the missing package to be reported', () => diagnosticFor(document, 'never-published-anywhere'));
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(missing.message, /could not be looked up \(npm registry: 127\.0\.0\.1:\d+ has no such package or version/);
    assert.equal(diagnosticFor(document, 'registry-only-mit'), undefined);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, nameRange(document, 'registry-only-mit').start);
    assert.match(hoverText(hovers), /MIT License/);
    assert.ok(ospoDiagnostics(document.uri).length > 0);
  });
});
