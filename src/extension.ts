import * as vscode from 'vscode';
import { MANIFEST_FORMATS } from './core/manifests';
import { DependenciesView } from './extension/dependenciesView';
import { DiagnosticsManager } from './extension/diagnosticsManager';
import { registerGuideCommands } from './extension/guideCommands';
import { GuideLibrary } from './extension/guideLibrary';
import { DependencyHoverProvider } from './extension/hover';
import { ManifestChecker } from './extension/manifestChecker';
import { PolicyDiagnostics } from './extension/policyDiagnostics';
import { readSettings } from './extension/settings';

/** Wires the adapters together; everything created here is owned by `context.subscriptions`. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('OSPO Lens', { log: true });
  context.subscriptions.push(log);
  try {
    const guides = new GuideLibrary(vscode.Uri.joinPath(context.extensionUri, 'media', 'guides'), log);
    const checker = new ManifestChecker(() => guides.all());
    const manager = new DiagnosticsManager(checker, log);
    const selector: vscode.DocumentSelector = MANIFEST_FORMATS.map((format) => ({ scheme: 'file', pattern: format.filePattern }));
    context.subscriptions.push(
      guides,
      manager,
      new PolicyDiagnostics(() => readSettings().debounceMs, log),
      new DependenciesView(manager),
      vscode.languages.registerHoverProvider(selector, new DependencyHoverProvider(manager)),
      ...registerGuideCommands(guides, log),
      vscode.commands.registerCommand('ospoLens.recheck', () => {
        checker.invalidate();
        manager.recheckAll();
      }),
    );
    log.info(`OSPO Lens ${String(context.extension.packageJSON.version)} active`);
  } catch (error) {
    log.error('activation failed', error);
    void vscode.window.showErrorMessage(`OSPO Lens could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
