import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { DependencyResult } from '../core/check';
import { mapLimit } from '../core/concurrency';
import { formatForPath, MANIFEST_FORMATS } from '../core/manifests';
import type { Verdict } from '../core/model';
import type { DiagnosticsManager } from './diagnosticsManager';
import { Disposable } from './disposable';
import type { ManifestChecker } from './manifestChecker';
import { readSettings } from './settings';

export const SCAN_COMMAND = 'ospoLens.scanWorkspace';

/** Folders that hold other people's code or build output, never the project's own manifests. */
export const ALWAYS_EXCLUDED = ['node_modules', 'vendor', '.venv', 'venv', '.git', 'target', 'bin', 'obj'];

/** Manifests checked at once: each check already runs its own lookups in parallel. */
const CONCURRENCY = 4;

/** A folder to scan: a workspace folder, or any folder with a URI and a name. */
export interface ScanFolder {
  readonly uri: vscode.Uri;
  readonly name: string;
}

export interface ScanSummary {
  /** Manifests found in the folders. */
  readonly found: number;
  /** Manifests checked (fewer than found when cancelled). */
  readonly checked: number;
  readonly failed: number;
  readonly cancelled: boolean;
  /** Dependencies by verdict, ignored ones left out. */
  readonly verdicts: Readonly<Record<Verdict, number>>;
}

/** Reported before each manifest is checked. */
export type ScanProgress = vscode.Progress<{ message?: string; increment?: number }>;

/**
 * Checks every manifest in every folder of the workspace, open or not. Results
 * go to the Problems panel and the Dependencies view through the diagnostics
 * manager; a cancelled scan stops between manifests and aborts the checks in flight.
 */
export class WorkspaceScanner extends Disposable {
  constructor(
    private readonly checker: ManifestChecker,
    private readonly manager: DiagnosticsManager,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(vscode.commands.registerCommand(SCAN_COMMAND, () => this.scanWithProgress()));
  }

  private async scanWithProgress(): Promise<void> {
    if (!readSettings().enable) {
      void vscode.window.showInformationMessage('OSPO Lens is turned off (ospoLens.enable), so there is nothing to scan.');
      return;
    }
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('OSPO Lens: open a folder or workspace to scan.');
      return;
    }
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'OSPO Lens: scanning the workspace', cancellable: true },
      (progress, token) => this.scan(folders, token, progress),
    );
    const counts = `${summary.verdicts.deny} not allowed, ${summary.verdicts.review} to review`;
    const message = summary.cancelled
      ? `OSPO Lens: scan cancelled after ${summary.checked} of ${summary.found} manifests (${counts} so far).`
      : summary.found === 0
        ? 'OSPO Lens found no manifests in the workspace.'
        : `OSPO Lens checked ${summary.checked} manifest${summary.checked === 1 ? '' : 's'}: ${counts}.`;
    const failed = summary.failed > 0 ? ` ${summary.failed} could not be checked (see the OSPO Lens output).` : '';
    // Not awaited, so the command ends with the scan rather than when the message is dismissed.
    void vscode.window.showInformationMessage(message + failed, 'Show Dependencies').then((show) => {
      if (show) void vscode.commands.executeCommand('ospoLens.dependencies.focus');
    });
  }

  /** Scans `folders` (by default the workspace's); exposed so tests can scan other folders and cancel. */
  async scan(folders: readonly ScanFolder[] = vscode.workspace.workspaceFolders ?? [], token?: vscode.CancellationToken, progress?: ScanProgress): Promise<ScanSummary> {
    const started = Date.now();
    const controller = new AbortController();
    const cancelled = (): boolean => token?.isCancellationRequested === true;
    const listener = token?.onCancellationRequested(() => controller.abort());
    const verdicts: Record<Verdict, number> = { allow: 0, review: 0, deny: 0 };
    let checked = 0;
    let failed = 0;
    try {
      const manifests = await this.findManifests(folders, token);
      if (cancelled()) return { found: manifests.length, checked, failed, cancelled: true, verdicts };
      await mapLimit(manifests, CONCURRENCY, async (uri) => {
        if (cancelled()) return;
        progress?.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / manifests.length });
        try {
          const results = await this.checkOne(uri, controller.signal);
          if (cancelled()) return;
          for (const r of results) if (!r.ignored && !r.pending) verdicts[r.verdict]++;
          checked++;
        } catch (error) {
          if (cancelled()) return;
          failed++;
          this.log.error(`scan: checking ${uri.fsPath} failed`, error);
        }
      });
      // Only a complete scan knows which manifests are gone.
      if (!cancelled()) this.manager.retainScanned(new Set(manifests.map((u) => u.toString())));
      this.log.info(`scan: ${checked} of ${manifests.length} manifests in ${folders.length} folders in ${Date.now() - started} ms${cancelled() ? ' (cancelled)' : ''}`);
      return { found: manifests.length, checked, failed, cancelled: cancelled(), verdicts };
    } finally {
      listener?.dispose();
    }
  }

  /** Every manifest under the folders, once each, in a stable order. */
  private async findManifests(folders: readonly ScanFolder[], token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const patterns = [...new Set(MANIFEST_FORMATS.map((f) => f.filePattern))];
    const found = await Promise.all(
      folders.flatMap((folder) => {
        const exclude = excludeGlob(vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {});
        return patterns.map((pattern) => vscode.workspace.findFiles(new vscode.RelativePattern(folder.uri, pattern), exclude, undefined, token));
      }),
    );
    const unique = new Map<string, vscode.Uri>();
    for (const uri of found.flat()) {
      if (uri.scheme === 'file' && formatForPath(uri.fsPath)) unique.set(uri.toString(), uri);
    }
    return [...unique.values()].sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  }

  /** Checks a manifest as the editor shows it (open) or as it is on disk, and publishes it. */
  private async checkOne(uri: vscode.Uri, signal: AbortSignal): Promise<readonly DependencyResult[]> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const text = open ? open.getText() : await fs.readFile(uri.fsPath, 'utf8');
    const checked = await this.checker.check({ uri, getText: () => text }, signal);
    if (!checked || signal.aborted) return [];
    this.manager.publishScanned(uri, checked); // an open manifest's live results win
    return this.manager.resultsFor(uri);
  }
}

/**
 * The findFiles exclude: the user's `files.exclude` (the entries set to true)
 * plus dependency and build folders. A given exclude replaces `files.exclude`,
 * hence both. Braces are expanded because globs cannot nest them.
 */
export function excludeGlob(filesExclude: Readonly<Record<string, unknown>>): string {
  const user = Object.entries(filesExclude)
    .filter(([, value]) => value === true)
    .map(([pattern]) => pattern);
  const always = ALWAYS_EXCLUDED.flatMap((folder) => [`**/${folder}`, `**/${folder}/**`]);
  return `{${[...new Set([...user.flatMap(expandBraces), ...always])].join(',')}}`;
}

/** `a/{b,c}/*.{x,y}` → the four patterns without braces. */
export function expandBraces(pattern: string): string[] {
  const match = /\{([^{}]*)\}/.exec(pattern);
  if (!match) return [pattern];
  const before = pattern.slice(0, match.index);
  const after = pattern.slice(match.index + match[0].length);
  return match[1].split(',').flatMap((alternative) => expandBraces(`${before}${alternative}${after}`));
}
