import * as vscode from 'vscode';
import type { DependencyResult } from '../core/check';
import { Disposable } from './disposable';
import type { DiagnosticsManager } from './diagnosticsManager';
import type { GuideLibrary } from './guideLibrary';
import type { GuideViewProvider } from './guideView';

/**
 * Keeps the Guide view on what the cursor is on: when it rests on a dependency
 * (~250 ms), the view shows that dependency's verdict and guide excerpts, from
 * the guides of the policy that governs the manifest.
 */
export class CursorFollower extends Disposable {
  private timer?: ReturnType<typeof setTimeout>;
  private shown?: DependencyResult;

  constructor(
    private readonly manager: DiagnosticsManager,
    private readonly library: GuideLibrary,
    private readonly view: GuideViewProvider,
    private readonly delayMs = 250,
  ) {
    super();
    this.register(vscode.window.onDidChangeTextEditorSelection((e) => this.schedule(e.textEditor)));
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.schedule(editor)));
    // Results arrive after an edit or a policy change: what is under the cursor may have changed.
    this.register(
      manager.onDidChangeResults((uri) => {
        const editor = vscode.window.activeTextEditor;
        if (editor && (!uri || uri.toString() === editor.document.uri.toString())) this.schedule(editor);
      }),
    );
  }

  private schedule(editor: vscode.TextEditor): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(editor), this.delayMs);
  }

  private async update(editor: vscode.TextEditor): Promise<void> {
    if (editor.document.isClosed) return;
    const policy = this.manager.policyFor(editor.document.uri);
    if (policy) this.library.useGuidesOf(policy);
    const result = this.manager.resultAt(editor.document.uri, editor.selection.active);
    // Off a dependency, the view keeps what it showed: it is a reference, not a flicker.
    if (!result || result === this.shown) return;
    this.shown = result;
    await this.view.showResult(result);
  }

  override dispose(): void {
    clearTimeout(this.timer);
    super.dispose();
  }
}
