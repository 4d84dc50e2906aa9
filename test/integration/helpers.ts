import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** Polls until `probe` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last !== undefined) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export function ospoDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'OSPO Lens');
}

/** The OSPO diagnostic on the line of `name`'s key, if any. */
export function diagnosticFor(document: vscode.TextDocument, name: string): vscode.Diagnostic | undefined {
  const range = nameRange(document, name);
  return ospoDiagnostics(document.uri).find((d) => d.range.isEqual(range));
}

/** The range of a dependency's name (inside its quotes) in a package.json. */
export function nameRange(document: vscode.TextDocument, name: string): vscode.Range {
  const offset = document.getText().indexOf(`"${name}"`);
  assert.ok(offset >= 0, `${name} is not in ${document.uri.fsPath}`);
  return new vscode.Range(document.positionAt(offset + 1), document.positionAt(offset + 1 + name.length));
}

export function workspaceFile(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
