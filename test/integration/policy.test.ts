import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticFor, hoverText, nameRange, ospoDiagnostics, waitFor, workspaceFile } from './helpers';

const encoder = new TextEncoder();

async function replaceText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('The organisation policy file, in a real VS Code', () => {
  const policyUri = workspaceFile('.ospo', 'policy.json');
  let policy: vscode.TextDocument;

  before(async () => {
    await vscode.workspace.fs.writeFile(policyUri, encoder.encode('{\n  \n}\n'));
    policy = await vscode.workspace.openTextDocument(policyUri);
    await vscode.window.showTextDocument(policy);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceFile('.ospo'), { recursive: true });
  });

  it('is read as JSON with comments', () => {
    assert.equal(policy.languageId, 'jsonc');
  });

  it('completes the policy fields from the JSON schema', async () => {
    const labels = await waitFor('schema completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', policyUri, new vscode.Position(1, 2));
      const found = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
      return found.includes('distribution') ? found : undefined;
    });
    for (const field of ['distribution', 'categories', 'licenses', 'exceptions', 'internalPackages', 'scopes', 'unknown', 'extends', 'guides']) {
      assert.ok(labels.includes(field), `${field} not in ${labels.join(', ')}`);
    }
  });

  it('shows an invalid field and an invalid value as diagnostics in the policy file', async () => {
    await replaceText(policy, '{\n  // our policy\n  "distribution": "sometimes",\n  "colour": "red"\n}\n');
    const diagnostics = await waitFor('policy diagnostics', () => {
      const found = ospoDiagnostics(policyUri);
      return found.length >= 2 ? found : undefined;
    });
    const unknownField = diagnostics.find((d) => /unknown field "colour"/.test(d.message));
    assert.equal(unknownField?.range.start.line, 3);
    assert.equal(unknownField?.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(diagnostics.some((d) => /"distribution" must be/.test(d.message) && d.range.start.line === 2));
  });

  it('tells the manifest it is checked against the default while the saved policy is broken', async () => {
    await policy.save();
    const manifest = await vscode.workspace.openTextDocument(workspaceFile('package.json'));
    await vscode.window.showTextDocument(manifest);
    const warning = await waitFor('the broken-policy diagnostic', () => ospoDiagnostics(manifest.uri).find((d) => d.code === 'invalid-policy'));
    assert.match(warning.message, /\.ospo\/policy\.json has errors/);
    assert.equal(diagnosticFor(manifest, 'gpl-lib')?.severity, vscode.DiagnosticSeverity.Error, 'the default policy still denies GPL');
  });

  it('applies a saved exception: the GPL diagnostic goes away and the reason shows in the hover', async () => {
    await replaceText(
      policy,
      JSON.stringify({ exceptions: [{ package: 'gpl-lib', reason: 'runs as a separate process', approvedBy: 'ospo@example.test' }] }, null, 2),
    );
    await policy.save();
    await waitFor('the policy diagnostics to clear', () => (ospoDiagnostics(policyUri).length === 0 ? true : undefined));
    const manifest = await vscode.workspace.openTextDocument(workspaceFile('package.json'));
    await waitFor('the gpl-lib diagnostic to go', () => (diagnosticFor(manifest, 'gpl-lib') ? undefined : true));
    assert.equal(diagnosticFor(manifest, 'lgpl-lib')?.severity, vscode.DiagnosticSeverity.Warning, 'other verdicts are unchanged');
    assert.equal(ospoDiagnostics(manifest.uri).find((d) => d.code === 'invalid-policy'), undefined);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', manifest.uri, nameRange(manifest, 'gpl-lib').start);
    assert.match(hoverText(hovers), /Allowed\*\* by the OSPO policy\. Allowed by a policy exception: runs as a separate process \(approved by ospo@example\.test\)/);
  });
});
