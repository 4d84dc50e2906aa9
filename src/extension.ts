import * as vscode from 'vscode';
import { fetchGuideBundle } from './core/guides/bundle';
import { HttpClient } from './core/net/http';
import { MANIFEST_FORMATS } from './core/manifests';
import { PolicyCodeActions } from './extension/codeActions';
import { CursorFollower } from './extension/cursorFollower';
import { DependenciesView } from './extension/dependenciesView';
import { DiagnosticsManager } from './extension/diagnosticsManager';
import { registerGuideCommands } from './extension/guideCommands';
import { GuideLibrary } from './extension/guideLibrary';
import { GuideViewProvider, type GuideViewModel } from './extension/guideView';
import { DependencyHoverProvider } from './extension/hover';
import { ManifestChecker } from './extension/manifestChecker';
import { PolicyDiagnostics } from './extension/policyDiagnostics';
import { LicenseSourceService } from './extension/licenseSources';
import { affectsSettings, readSettings } from './extension/settings';
import { StatusBar, type StatusModel } from './extension/statusBar';
import { WorkspaceScanner, type ScanFolder, type ScanProgress, type ScanSummary } from './extension/workspaceScan';

/** What the extension exposes to other extensions and to its integration tests. */
export interface OspoLensApi {
  /** What the Guide view shows now. */
  guideView(): GuideViewModel;
  /** Scans folders (default: the workspace's) like "OSPO: Scan Workspace", without the notification. */
  scanWorkspace(folders?: readonly ScanFolder[], token?: vscode.CancellationToken, progress?: ScanProgress): Promise<ScanSummary>;
  /** What the status bar item shows now. */
  statusBar(): StatusModel;
}

/** Wires the adapters together; everything created here is owned by `context.subscriptions`. */
export function activate(context: vscode.ExtensionContext): OspoLensApi | undefined {
  const log = vscode.window.createOutputChannel('OSPO Lens', { log: true });
  context.subscriptions.push(log);
  try {
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    const licenses = new LicenseSourceService(context.globalStorageUri, log, readSettings());
    const guideHttp = new HttpClient({ concurrency: 2, userAgent: 'ospo-lens (VS Code extension; guides)', log: (line) => log.warn(line) });
    const guides = new GuideLibrary(vscode.Uri.joinPath(media, 'guides').fsPath, log, () =>
      vscode.workspace.isTrusted && !readSettings().offline ? (url: string) => fetchGuideBundle(url, guideHttp) : undefined,
    );
    const checker = new ManifestChecker(licenses, (policy) => guides.guidesFor(policy));
    const manager = new DiagnosticsManager(checker, log);
    const guideView = new GuideViewProvider(media, guides);
    const scanner = new WorkspaceScanner(checker, manager, log);
    const statusBar = new StatusBar(manager);
    const selector: vscode.DocumentSelector = MANIFEST_FORMATS.map((format) => ({ scheme: 'file', pattern: format.filePattern }));
    context.subscriptions.push(
      guides,
      licenses,
      manager,
      guideView,
      new CursorFollower(manager, guides, guideView),
      new PolicyDiagnostics(() => readSettings().debounceMs, log),
      new DependenciesView(manager),
      vscode.languages.registerHoverProvider(selector, new DependencyHoverProvider(manager)),
      new PolicyCodeActions(selector, manager, guides, log),
      scanner,
      statusBar,
      ...registerGuideCommands(guides, guideView, log),
      vscode.commands.registerCommand('ospoLens.recheck', () => {
        checker.invalidate();
        manager.recheckAll();
      }),
      vscode.commands.registerCommand('ospoLens.clearLicenseCache', async () => {
        await licenses.clearCache();
        manager.recheckAll();
        void vscode.window.showInformationMessage('OSPO Lens: the license cache is cleared; open manifests are being checked again.');
      }),
      // Network settings and trust decide which registries may be asked.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e)) licenses.update(readSettings());
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        licenses.update(readSettings());
        manager.recheckAll();
      }),
    );
    log.info(`OSPO Lens ${String(context.extension.packageJSON.version)} active`);
    return {
      guideView: () => guideView.current,
      scanWorkspace: (folders, token, progress) => scanner.scan(folders, token, progress),
      statusBar: () => statusBar.current,
    };
  } catch (error) {
    log.error('activation failed', error);
    void vscode.window.showErrorMessage(`OSPO Lens could not start: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
