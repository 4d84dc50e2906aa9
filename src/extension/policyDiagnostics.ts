import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { loadPolicy } from '../core/policy/load';
import { toRange } from './convert';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { Disposable } from './disposable';

const POLICY_FILE = /[\\/]\.ospo[\\/]policy\.json$/;

/**
 * Shows the problems of `.ospo/policy.json` files as diagnostics in the policy
 * file itself (and in any file it extends), as the user types.
 */
export class PolicyDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('ospoLens.policy'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Files each policy's last validation reported on, so fixed ones are cleared. */
  private readonly reportedFiles = new Map<string, string[]>();

  constructor(
    private readonly debounceMs: () => number,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, this.debounceMs())));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)));
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.uri.scheme !== 'file' || !POLICY_FILE.test(document.uri.fsPath)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => void this.validate(document), delay));
  }

  private async validate(document: vscode.TextDocument): Promise<void> {
    const file = document.uri.fsPath;
    const readText = async (path: string): Promise<string> => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);
      return open ? open.getText() : fs.readFile(path, 'utf8');
    };
    try {
      const result = await loadPolicy(file, readText);
      const byFile = new Map<string, vscode.Diagnostic[]>();
      for (const problem of result.ok ? [] : result.problems) {
        const diagnostic = new vscode.Diagnostic(toRange(problem.range), `OSPO policy: ${problem.message}`, vscode.DiagnosticSeverity.Error);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = 'invalid-policy';
        byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), diagnostic]);
      }
      for (const stale of this.reportedFiles.get(file) ?? []) {
        if (!byFile.has(stale)) this.collection.delete(vscode.Uri.file(stale));
      }
      this.collection.set(vscode.Uri.file(file), byFile.get(file) ?? []);
      for (const [other, diagnostics] of byFile) {
        if (other !== file) this.collection.set(vscode.Uri.file(other), diagnostics);
      }
      this.reportedFiles.set(file, [...byFile.keys()]);
    } catch (error) {
      this.log.error(`validating ${file} failed`, error);
    }
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (!POLICY_FILE.test(uri.fsPath)) return;
    for (const file of this.reportedFiles.get(uri.fsPath) ?? []) this.collection.delete(vscode.Uri.file(file));
    this.collection.delete(uri);
    this.reportedFiles.delete(uri.fsPath);
  }

  override dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    super.dispose();
  }
}
