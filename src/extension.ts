import * as vscode from 'vscode';
import { MANIFEST_FORMATS } from './core/manifests';
import { CursorFollower } from './extension/cursorFollower';
import { DependenciesView } from './extension/dependenciesView';
import { DiagnosticsManager } from './extension/diagnosticsManager';
import { registerGuideCommands } from './extension/guideCommands';
import { GuideLibrary } from './extension/guideLibrary';
import { GuideViewProvider, type GuideViewModel } from './extension/guideView';
import { DependencyHoverProvider } from './extension/hover';
import { ManifestChecker } from './extension/manifestChecker';
import { PolicyDiagnostics } from './extension/policyDiagnostics';
import { readSettings } from './extension/settings';

/** What the extension exposes to other extensions and to its integration tests. */
export interface OspoLensApi {
  /** What the Guide view shows now. */
  guideView(): GuideViewModel;
}

/** Wires the adapters together; everything created here is owned by `context.subscriptions`. */
export function activate(context: vscode.ExtensionContext): OspoLensApi | undefined {
  const log = vscode.window.createOutputChannel('OSPO Lens', { log: true });
  context.subscriptions.push(log);
  try {
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    const guides = new GuideLibrary(vscode.Uri.joinPath(media, 'guides').fsPath, log);
    const checker = new ManifestChecker((policy) => guides.guidesFor(policy));
    const manager = new DiagnosticsManager(checker, log);
    const guideView = new GuideViewProvider(media, guides);
    const selector: vscode.DocumentSelector = MANIFEST_FORMATS.map((format) => ({ scheme: 'file', pattern: format.filePattern }));
    context.subscriptions.push(
      guides,
      manager,
      guideView,
      new CursorFollower(manager, guides, guideView),
      new PolicyDiagnostics(() => readSettings().debounceMs, log),
      new DependenciesView(manager),
      vscode.languages.registerHoverProvider(selector, new DependencyHoverProvider(manager)),
      ...registerGuideCommands(guides, guideView, log),
      vscode.commands.registerCommand('ospoLens.recheck', () => {
        checker.invalidate();
        manager.recheckAll();
      }),
    );
    log.info(`OSPO Lens ${String(context.extension.packageJSON.version)} active`);
    return { guideView: () => guideView.current };
  } catch (error) {
    log.error('activation failed', error);
    void vscode.window.showErrorMessage(`OSPO Lens could not start: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
