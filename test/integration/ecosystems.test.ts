import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ospoDiagnostics, waitFor, workspaceFile } from './helpers';

/** The OSPO diagnostic whose range covers exactly `name` as written. */
function diagnosticNamed(document: vscode.TextDocument, name: string): vscode.Diagnostic | undefined {
  return ospoDiagnostics(document.uri).find((d) => d.code !== 'invalid-policy' && document.getText(d.range) === name);
}

interface EcosystemCase {
  readonly title: string;
  /** Path of the manifest, from the fixture workspaces folder. */
  readonly manifest: readonly string[];
  readonly denied: string;
  readonly reviewed: string;
  readonly noted?: string;
  readonly allowed: string;
}

const CASES: readonly EcosystemCase[] = [
  { title: 'Python requirements.txt', manifest: ['python-basic', 'requirements.txt'], denied: 'gpl-chart-engine', reviewed: 'lgpl_image_codec', allowed: 'requests' },
  { title: 'Python pyproject.toml', manifest: ['python-basic', 'pyproject.toml'], denied: 'gpl-chart-engine', reviewed: 'lgpl-image-codec', allowed: 'requests' },
  { title: 'Rust Cargo.toml', manifest: ['cargo-basic', 'Cargo.toml'], denied: 'gpl-geometry', reviewed: 'lgpl-codec', noted: 'gpl-bench-tool', allowed: 'serde' },
  { title: 'Go go.mod', manifest: ['go-basic', 'go.mod'], denied: 'github.com/gplfoundry/chartengine', reviewed: 'gitlab.com/lgpl-codecs/imagecodec', allowed: 'github.com/Acme/fastjson' },
  { title: 'Maven pom.xml', manifest: ['maven-basic', 'pom.xml'], denied: 'gpl-chart-engine', reviewed: 'lgpl-image-codec', noted: 'gpl-test-harness', allowed: 'commons-lang3' },
  { title: 'Gradle build.gradle.kts', manifest: ['gradle-basic', 'build.gradle.kts'], denied: 'gpl-chart-engine', reviewed: 'lgpl-image-codec', noted: 'gpl-test-harness', allowed: 'slf4j-api' },
  { title: '.NET csproj', manifest: ['nuget-basic', 'Acme.Orders.csproj'], denied: 'GplChart.Engine', reviewed: 'LgplImage.Codec', noted: 'GplStyle.Analyzers', allowed: 'Widgets.Json' },
];

describe('Every ecosystem, live in a real VS Code', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const c of CASES) {
    describe(c.title, () => {
      let document: vscode.TextDocument;

      before(async () => {
        // The fixture workspaces sit next to the folder VS Code opened.
        document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFile('..'), ...c.manifest));
        await vscode.window.showTextDocument(document);
        await waitFor(`diagnostics in ${c.manifest.join('/')}`, () => diagnosticNamed(document, c.denied), 30_000);
      });

      it('marks the GPL runtime dependency as an Error and the LGPL one as a Warning, on their names', () => {
        assert.equal(diagnosticNamed(document, c.denied)?.severity, vscode.DiagnosticSeverity.Error);
        assert.match(diagnosticNamed(document, c.denied)?.message ?? '', /GPL-3\.0/);
        assert.equal(diagnosticNamed(document, c.reviewed)?.severity, vscode.DiagnosticSeverity.Warning);
        assert.equal(diagnosticNamed(document, c.allowed), undefined, `${c.allowed} is allowed and unmarked`);
        if (c.noted) assert.equal(diagnosticNamed(document, c.noted)?.severity, vscode.DiagnosticSeverity.Information);
      });

      it('updates when the manifest is edited: removing the GPL dependency removes its Error', async () => {
        const editor = await vscode.window.showTextDocument(document);
        const line = document.lineAt(diagnosticNamed(document, c.denied)?.range.start.line ?? 0);
        await editor.edit((edit) => edit.delete(line.rangeIncludingLineBreak));
        await waitFor(`${c.denied}'s diagnostic to go`, () => (ospoDiagnostics(document.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error) ? undefined : true));
        assert.equal(diagnosticNamed(document, c.reviewed)?.severity, vscode.DiagnosticSeverity.Warning, 'the others stay');
        await vscode.commands.executeCommand('undo');
        await waitFor(`${c.denied}'s diagnostic to come back`, () => diagnosticNamed(document, c.denied));
      });
    });
  }
});
