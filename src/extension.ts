import * as vscode from 'vscode';
import { MANIFEST_FORMATS } from './core/manifests';
import { DependenciesView } from './extension/dependenciesView';
import { DiagnosticsManager } from './extension/diagnosticsManager';
import { registerGuideCommands } from './extension/guideCommands';
import { GuideLibrary } from './extension/guideLibrary';
import { DependencyHoverProvider } from './extension/hover';
import { ManifestChecker } from './extension/manifestChecker';

/** Wires the adapters together; everything created here is owned by `context.subscriptions`. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('OSPO Lens', { log: true });
  context.subscriptions.push(log);
  try {
    const checker = new ManifestChecker();
    const guides = new GuideLibrary(vscode.Uri.joinPath(context.extensionUri, 'media', 'guides'), log);
    const manager = new DiagnosticsManager(checker, log);
    const selector: vscode.DocumentSelector = MANIFEST_FORMATS.map((format) => ({ scheme: 'file', pattern: format.filePattern }));
    context.subscriptions.push(
      guides,
      manager,
      new DependenciesView(manager),
      vscode.languages.registerHoverProvider(selector, new DependencyHoverProvider(manager, guides)),
      ...registerGuideCommands(guides, log),
      vscode.commands.registerCommand('ospoLens.recheck', () => {
        checker.invalidate();
        manager.recheckAll();
      }),
    );
    log.info(`OSPO Lens ${String(context.extension.packageJSON.version)} active (policy: embedded default)`);
  } catch (error) {
    log.error('activation failed', error);
    void vscode.window.showErrorMessage(`OSPO Lens could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
