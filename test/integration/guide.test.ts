import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OspoLensApi } from '../../src/extension';
import { nameRange, waitFor, workspaceFile } from './helpers';

const encoder = new TextEncoder();

async function api(): Promise<OspoLensApi> {
  const extension = vscode.extensions.getExtension<OspoLensApi>('ospo-lens.ospo-lens');
  assert.ok(extension);
  const exported = extension.isActive ? extension.exports : await extension.activate();
  assert.ok(exported, 'the extension exports its API');
  return exported;
}

async function putCursorOn(document: vscode.TextDocument, name: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(document);
  const at = nameRange(document, name).start.translate(0, 1);
  editor.selection = new vscode.Selection(at, at);
}

describe('The OSPO guide in the sidebar, in a real VS Code', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = await vscode.workspace.openTextDocument(workspaceFile('package.json'));
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('ospoLens.focusGuideView');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the usage guide on strong copyleft when the cursor is on a GPL dependency', async () => {
    const lens = await api();
    await waitFor('results for package.json', () => (vscode.languages.getDiagnostics(document.uri).length > 0 ? true : undefined));
    await putCursorOn(document, 'gpl-lib');
    const model = await waitFor('the Guide view to follow the cursor', () => {
      const current = lens.guideView();
      return current.headline?.title.startsWith('gpl-lib') ? current : undefined;
    });
    assert.equal(model.headline?.verdict, 'deny');
    assert.match(model.headline?.reason ?? '', /strong copyleft/);
    assert.match(model.excerpts[0].heading, /GPL/);
    assert.equal(model.excerpts[0].guideId, 'usage');
    assert.match(model.excerpts.map((e) => e.html).join('\n'), /review/i, 'the excerpts say how to ask for review');
    assert.ok(model.toc.some((g) => g.guideId === 'contribution') && model.toc.some((g) => g.guideId === 'release'), 'the table of contents lists every guide');
  });

  it('follows the cursor to an LGPL dependency', async () => {
    const lens = await api();
    await putCursorOn(document, 'lgpl-lib');
    const model = await waitFor('the LGPL excerpt', () => (lens.guideView().headline?.title.startsWith('lgpl-lib') ? lens.guideView() : undefined));
    assert.equal(model.headline?.verdict, 'review');
    assert.match(model.excerpts[0].heading, /LGPL/);
  });

  it('shows the guide for a license picked by id', async () => {
    const lens = await api();
    await vscode.commands.executeCommand('ospoLens.showGuideForLicense', 'MPL-2.0');
    const model = await waitFor('the MPL excerpt', () => (lens.guideView().headline?.title.includes('MPL-2.0') ? lens.guideView() : undefined));
    assert.match(model.excerpts[0].heading, /MPL/);
  });

  it('opens the usage and release guides from their commands', async () => {
    for (const [command, path, heading] of [
      ['ospoLens.openUsageGuide', '/usage.md', /^# Using open source/m],
      ['ospoLens.openReleaseGuide', '/release.md', /^# Releasing our code as open source/m],
    ] as const) {
      await vscode.commands.executeCommand(command);
      const guide = await waitFor(`${path}`, () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'ospo-guide' && d.uri.path === path));
      assert.match(guide.getText(), heading);
    }
  });

  it("shows the organisation's guide bundle when the policy names its URL", async () => {
    const lens = await api();
    const http = await import('node:http');
    const server = http.createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ guides: { 'usage.md': '---\nid: usage\ntitle: Bundle usage\nkind: usage\n---\n# Bundle usage\n\n## GPL from the bundle\n<!-- applies-to: category:strong-copyleft -->\nThe bundle says: ask first.\n' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as import('node:net').AddressInfo;
    const config = vscode.workspace.getConfiguration('ospoLens');
    await config.update('offline', false, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.writeFile(workspaceFile('.ospo', 'policy.json'), encoder.encode(`{ "guides": "http://127.0.0.1:${port}/guides.json" }\n`));
    try {
      await putCursorOn(document, 'mit-lib');
      await putCursorOn(document, 'gpl-lib');
      const model = await waitFor('the excerpt from the bundle', () => (lens.guideView().excerpts.some((e) => e.heading === 'GPL from the bundle') ? lens.guideView() : undefined));
      assert.match(model.excerpts[0].html, /The bundle says: ask first/);
    } finally {
      await config.update('offline', true, vscode.ConfigurationTarget.Global);
      await vscode.workspace.fs.delete(workspaceFile('.ospo'), { recursive: true });
      server.close();
    }
  });

  it("shows the organisation's own guides when the policy names a guide folder", async () => {
    const lens = await api();
    await vscode.workspace.fs.writeFile(
      workspaceFile('.ospo', 'guides', 'usage.md'),
      encoder.encode('---\nid: usage\ntitle: ACME open source usage\nkind: usage\n---\n# ACME open source usage\n\n## GPL at ACME\n<!-- applies-to: category:strong-copyleft -->\nAsk legal-oss@acme.example before adding any GPL code.\n'),
    );
    await vscode.workspace.fs.writeFile(workspaceFile('.ospo', 'policy.json'), encoder.encode('{ "guides": "guides" }\n'));
    try {
      await putCursorOn(document, 'mit-lib');
      await putCursorOn(document, 'gpl-lib');
      const model = await waitFor("the organisation's excerpt", () => {
        const current = lens.guideView();
        return current.excerpts.some((e) => e.heading === 'GPL at ACME') ? current : undefined;
      });
      assert.match(model.excerpts[0].html, /legal-oss@acme\.example/);
      assert.ok(model.toc.some((g) => g.title === 'ACME open source usage'));
      assert.ok(!model.toc.some((g) => g.title === 'Using open source'), 'the default usage guide is replaced');
    } finally {
      await vscode.workspace.fs.delete(workspaceFile('.ospo'), { recursive: true });
    }
  });
});
