import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OspoLensApi } from '../../src/extension';
import { diagnosticFor, nameRange, ospoDiagnostics, waitFor, workspaceFile } from './helpers';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const policyUri = workspaceFile('.ospo', 'policy.json');

async function api(): Promise<OspoLensApi> {
  const extension = vscode.extensions.getExtension<OspoLensApi>('ospo-lens.ospo-lens');
  assert.ok(extension);
  const exported = extension.isActive ? extension.exports : await extension.activate();
  assert.ok(exported, 'the extension exports its API');
  return exported;
}

/** The quick fixes VS Code would show on the diagnostic of `name`. */
async function quickFixes(document: vscode.TextDocument, name: string, range = nameRange(document, name)): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value);
}

/** What choosing a quick fix does: its edit, then its command. */
async function apply(action: vscode.CodeAction | undefined): Promise<void> {
  assert.ok(action, 'the quick fix is offered');
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit));
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Types at the cursor of the active editor, as the user would. */
async function type(text: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor);
  assert.ok(await editor.edit((edit) => edit.insert(editor.selection.active, text)));
}

/**
 * Writes the policy the way a user would, through its document: an earlier test
 * may have left that document loaded, and a write behind its back would reach it late.
 */
async function writePolicy(text: string): Promise<void> {
  if (!(await exists(policyUri))) await vscode.workspace.fs.writeFile(policyUri, encoder.encode(text));
  const document = await vscode.workspace.openTextDocument(policyUri);
  if (document.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(policyUri, new vscode.Range(0, 0, document.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit));
  }
  if (document.isDirty) assert.ok(await document.save());
}

async function readPolicy(): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(policyUri));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Leaves no unsaved editor and no policy behind, whatever the test did. */
async function cleanUp(manifest: vscode.TextDocument): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  if (await exists(workspaceFile('.ospo'))) await vscode.workspace.fs.delete(workspaceFile('.ospo'), { recursive: true });
  await vscode.window.showTextDocument(manifest);
  await waitFor('the default policy to deny gpl-lib again', () => (diagnosticFor(manifest, 'gpl-lib')?.severity === vscode.DiagnosticSeverity.Error ? true : undefined));
}

describe('Quick fixes on OSPO Lens diagnostics, in a real VS Code', () => {
  let manifest: vscode.TextDocument;

  before(async () => {
    manifest = await vscode.workspace.openTextDocument(workspaceFile('package.json'));
    await cleanUp(manifest);
  });

  afterEach(async () => {
    await cleanUp(manifest);
  });

  it('offers to add an exception, request a review and show the guide on a denied dependency', async () => {
    const titles = (await quickFixes(manifest, 'gpl-lib')).map((a) => a.title);
    assert.ok(titles.includes('Add exception to policy…'), titles.join(' | '));
    assert.ok(titles.includes('Request OSPO review'), titles.join(' | '));
    assert.ok(titles.some((t) => /^Show guide excerpt: .*GPL/.test(t)), titles.join(' | '));
  });

  it('offers nothing to ignore in package.json, which cannot hold comments', async () => {
    const titles = (await quickFixes(manifest, 'gpl-lib')).map((a) => a.title);
    assert.ok(!titles.includes('Ignore on this line'));
  });

  it('creates .ospo/policy.json with the exception and leaves the cursor in its empty reason', async () => {
    await apply((await quickFixes(manifest, 'gpl-lib')).find((a) => a.title === 'Add exception to policy…'));
    const editor = await waitFor('the policy editor', () => (vscode.window.activeTextEditor?.document.uri.fsPath === policyUri.fsPath ? vscode.window.activeTextEditor : undefined));
    const exception = JSON.parse(editor.document.getText()).exceptions[0];
    assert.deepEqual(exception, { package: 'gpl-lib', ecosystem: 'npm', version: '2.0.1', license: 'GPL-3.0-only', reason: '' });
    const line = editor.document.lineAt(editor.selection.active.line).text;
    assert.equal(line.slice(0, editor.selection.active.character), '      "reason": "');
  });

  it('clears the diagnostic once the reason is typed and the policy saved', async () => {
    await apply((await quickFixes(manifest, 'gpl-lib')).find((a) => a.title === 'Add exception to policy…'));
    await waitFor('the policy editor', () => (vscode.window.activeTextEditor?.document.uri.fsPath === policyUri.fsPath ? true : undefined));
    await type('runs as a separate process');
    assert.ok(await vscode.window.activeTextEditor?.document.save());
    await waitFor('the gpl-lib diagnostic to go', () => (diagnosticFor(manifest, 'gpl-lib') ? undefined : true));
    assert.equal(JSON.parse(await readPolicy()).exceptions[0].reason, 'runs as a separate process');
    assert.equal(diagnosticFor(manifest, 'lgpl-lib')?.severity, vscode.DiagnosticSeverity.Warning, 'other verdicts are unchanged');
  });

  it('adds to an existing policy keeping its comments, and undo in the policy editor restores it', async () => {
    const original = '{\n  // The ACME policy: ask ospo@acme.example\n  "distribution": "distributed",\n}\n';
    await writePolicy(original);
    await apply((await quickFixes(manifest, 'gpl-lib')).find((a) => a.title === 'Add exception to policy…'));
    const editor = await waitFor('the policy editor', () => (vscode.window.activeTextEditor?.document.uri.fsPath === policyUri.fsPath ? vscode.window.activeTextEditor : undefined));
    assert.ok(editor.document.getText().startsWith('{\n  // The ACME policy: ask ospo@acme.example\n  "distribution": "distributed",\n  "exceptions": ['));
    await type('approved in ticket OSPO-42');
    await editor.document.save();
    await waitFor('the gpl-lib diagnostic to go', () => (diagnosticFor(manifest, 'gpl-lib') ? undefined : true));

    await vscode.commands.executeCommand('undo'); // the typed reason
    await vscode.commands.executeCommand('undo'); // the added exception
    assert.equal(editor.document.getText(), original);
    await editor.document.save();
    const back = await waitFor('the gpl-lib diagnostic to come back', () => diagnosticFor(manifest, 'gpl-lib'));
    assert.equal(back.severity, vscode.DiagnosticSeverity.Error);
  });

  it('leaves a policy that is not valid JSON untouched', async () => {
    const broken = '{ "exceptions": [\n';
    await writePolicy(broken);
    await apply((await quickFixes(manifest, 'gpl-lib')).find((a) => a.title === 'Add exception to policy…'));
    assert.equal(await readPolicy(), broken);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === policyUri.fsPath && d.isDirty), 'nothing was edited');
  });

  it('records a license choice when the policy asks, and evaluates only the chosen license', async () => {
    await writePolicy('{ "recordChoices": true }\n');
    const note = await waitFor('the note asking for a choice', () => diagnosticFor(manifest, 'dual-lib'));
    assert.equal(note.severity, vscode.DiagnosticSeverity.Information);
    assert.match(note.message, /no license choice is recorded/i);
    const fixes = await quickFixes(manifest, 'dual-lib');
    assert.deepEqual(
      fixes.map((a) => a.title).filter((t) => t.startsWith('Record')),
      ['Record license choice: MIT', 'Record license choice: GPL-3.0-only'],
    );
    await apply(fixes.find((a) => a.title === 'Record license choice: GPL-3.0-only'));
    const denied = await waitFor('dual-lib to be denied under GPL', () => {
      const d = diagnosticFor(manifest, 'dual-lib');
      return d?.severity === vscode.DiagnosticSeverity.Error ? d : undefined;
    });
    assert.match(denied.message, /recorded choice is GPL-3\.0-only/);
    assert.deepEqual(JSON.parse(await readPolicy()).licenseChoices, [
      { package: 'dual-lib', ecosystem: 'npm', version: '1.0.0', expression: 'MIT OR GPL-3.0-only', chosen: 'GPL-3.0-only' },
    ]);
  });

  it('shows the guide excerpt for the diagnostic in the Guide view', async () => {
    const lens = await api();
    await apply((await quickFixes(manifest, 'gpl-lib')).find((a) => a.title.startsWith('Show guide excerpt')));
    const model = await waitFor('the GPL section', () => (lens.guideView().excerpts[0]?.heading.includes('GPL') ? lens.guideView() : undefined));
    assert.equal(model.excerpts[0].guideId, 'usage');
  });

  describe('in a manifest with comments', () => {
    const requirements = vscode.Uri.file(path.join(path.dirname(workspaceFile().fsPath), 'python-basic', 'requirements.txt'));

    it('ignores a dependency on its line: the comment is added and the diagnostic goes', async () => {
      const document = await vscode.workspace.openTextDocument(requirements);
      await vscode.window.showTextDocument(document);
      const line = document.getText().split('\n').findIndex((l) => l.startsWith('gpl-chart-engine'));
      const range = new vscode.Range(line, 0, line, 'gpl-chart-engine'.length);
      await waitFor('the gpl-chart-engine diagnostic', () => ospoDiagnostics(document.uri).find((d) => d.range.isEqual(range)));
      await apply((await quickFixes(document, 'gpl-chart-engine', range)).find((a) => a.title === 'Ignore on this line'));
      assert.equal(document.lineAt(line).text, 'gpl-chart-engine==2.0.1  # ospo-lens: ignore');
      await waitFor('the diagnostic to go', () => (ospoDiagnostics(document.uri).some((d) => d.range.isEqual(range)) ? undefined : true));
      assert.ok(ospoDiagnostics(document.uri).length > 0, 'the other dependencies are still checked');
    });
  });
});
