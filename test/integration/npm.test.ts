import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticFor, hoverText, nameRange, ospoDiagnostics, waitFor, workspaceFile } from './helpers';

describe('OSPO Lens on an npm project, in a real VS Code', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = await vscode.workspace.openTextDocument(workspaceFile('package.json'));
    await vscode.window.showTextDocument(document);
    await waitFor('the first diagnostics', () => (ospoDiagnostics(document.uri).length > 0 ? true : undefined));
  });

  it('activates in a workspace with a package.json', () => {
    const extension = vscode.extensions.getExtension('ospo-lens.ospo-lens');
    assert.ok(extension?.isActive);
  });

  it('puts an Error on a GPL-3.0-only runtime dependency, on its name', () => {
    const diagnostic = diagnosticFor(document, 'gpl-lib');
    assert.ok(diagnostic, 'no diagnostic on gpl-lib');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.source, 'OSPO Lens');
    assert.match(diagnostic.message, /^gpl-lib: license GPL-3\.0-only is not allowed by the OSPO policy\. GPL-3\.0-only is strong copyleft/);
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'strong-copyleft');
    assert.equal(code.target.scheme, 'command');
  });

  it('puts a Warning on an LGPL dependency', () => {
    const diagnostic = diagnosticFor(document, 'lgpl-lib');
    assert.equal(diagnostic?.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic?.message ?? '', /LGPL-2\.1-only needs OSPO review/);
  });

  it('says nothing about MIT, Apache-2.0 from the lockfile, or a dual license that allows MIT', () => {
    for (const name of ['mit-lib', 'locked-apache-lib', 'dual-lib']) {
      assert.equal(diagnosticFor(document, name), undefined, name);
    }
  });

  it('notes a GPL development-only dependency as Information, not as a problem', () => {
    const diagnostic = diagnosticFor(document, 'gpl-dev-tool');
    assert.equal(diagnostic?.severity, vscode.DiagnosticSeverity.Information);
    assert.match(diagnostic?.message ?? '', /development-only/);
  });

  it('explains the license in a hover: name, verdict, reason, obligations and a guide link', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      nameRange(document, 'gpl-lib').start.translate(0, 2),
    );
    const text = hoverText(hovers);
    assert.match(text, /GNU General Public License v3\.0 only/);
    assert.match(text, /Not allowed\*\* by the OSPO policy/);
    assert.match(text, /strong copyleft/);
    assert.match(text, /Offer the source code/);
    assert.match(text, /\]\(command:ospoLens\.showGuideSection\?/);
  });

  it('explains an LGPL dependency as needing review', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      nameRange(document, 'lgpl-lib').start,
    );
    assert.match(hoverText(hovers), /Needs OSPO review/);
  });

  it('flags a denied dependency as it is typed, and clears it when it is removed', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const anchor = nameRange(document, 'mit-lib').start.translate(0, -1);
    await editor.edit((edit) => edit.insert(anchor, '"agpl-lib": "^1.0.0",\n    '));
    const added = await waitFor('a diagnostic on agpl-lib', () => diagnosticFor(document, 'agpl-lib'));
    assert.equal(added.severity, vscode.DiagnosticSeverity.Error);
    assert.match(added.message, /AGPL-3\.0-only/);

    const line = document.lineAt(nameRange(document, 'agpl-lib').start.line);
    await editor.edit((edit) => edit.delete(line.rangeIncludingLineBreak));
    await waitFor('agpl-lib diagnostics to go', () =>
      ospoDiagnostics(document.uri).some((d) => /agpl-lib/.test(d.message)) ? undefined : true,
    );
    assert.ok(diagnosticFor(document, 'gpl-lib'), 'the other diagnostics stay');
  });

  it('keeps the existing diagnostics while the JSON is half-typed', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const anchor = nameRange(document, 'mit-lib').start.translate(0, -1);
    await editor.edit((edit) => edit.insert(anchor, '"gp\n    '));
    // Give the debounce time to run on the broken text.
    await new Promise((r) => setTimeout(r, 1200));
    const gpl = diagnosticFor(document, 'gpl-lib');
    assert.equal(gpl?.severity, vscode.DiagnosticSeverity.Error, 'gpl-lib is still flagged, at its new position');
    assert.ok(diagnosticFor(document, 'lgpl-lib'));
    // Remove exactly what was typed (an `undo` would go to whichever view has focus).
    const typed = document.getText().indexOf('"gp\n');
    await editor.edit((edit) => edit.delete(new vscode.Range(document.positionAt(typed), document.positionAt(typed + '"gp\n    '.length))));
    await waitFor('the document to be valid again', () => (document.getText().includes('"gp\n') ? undefined : true));
  });

  it('opens the contribution guide from the command palette command', async () => {
    await vscode.commands.executeCommand('ospoLens.openContributionGuide');
    const guide = await waitFor('the guide document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'ospo-guide' && d.uri.path === '/contribution.md'),
    );
    assert.match(guide.getText(), /^# Contributing to open source/m);
    assert.doesNotMatch(guide.getText(), /applies-to/);
    const preview = await waitFor('the markdown preview tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) && /contribution/.test(t.label)),
    );
    assert.ok(preview);
  });

  it('lists the OSPO commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['ospoLens.openContributionGuide', 'ospoLens.openUsageGuide', 'ospoLens.openReleaseGuide']) {
      assert.ok(commands.includes(id), id);
    }
  });

  it('clears the diagnostics when the file is closed', async () => {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('diagnostics to be cleared', () => (ospoDiagnostics(document.uri).length === 0 ? true : undefined));
  });
});
