import * as vscode from 'vscode';
import type { ManifestCheck } from '../core/check';
import type { DiagnosticsManager } from './diagnosticsManager';
import { Disposable } from './disposable';

/** What the status bar item shows; exposed for tests. */
export interface StatusModel {
  readonly visible: boolean;
  readonly text: string;
  readonly tooltip: string;
}

/**
 * Counts by verdict across every checked manifest (open ones and those a scan
 * found), e.g. `OSPO $(error) 2 $(warning) 3`; a click focuses the Dependencies view.
 * Hidden while nothing has been checked.
 */
export class StatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('ospoLens.status', vscode.StatusBarAlignment.Left, 10));
  private model: StatusModel = { visible: false, text: '', tooltip: '' };

  constructor(private readonly manager: DiagnosticsManager) {
    super();
    this.item.name = 'OSPO Lens';
    this.item.command = { title: 'Show Dependencies', command: 'ospoLens.dependencies.focus' };
    this.register(manager.onDidChangeResults(() => this.update()));
    this.update();
  }

  get current(): StatusModel {
    return this.model;
  }

  private update(): void {
    this.model = statusModel(this.manager.allChecks());
    if (!this.model.visible) {
      this.item.hide();
      return;
    }
    this.item.text = this.model.text;
    this.item.tooltip = this.model.tooltip;
    this.item.accessibilityInformation = { label: this.model.tooltip, role: 'button' };
    this.item.show();
  }
}

export function statusModel(checks: readonly ManifestCheck[]): StatusModel {
  if (checks.length === 0) return { visible: false, text: '', tooltip: '' };
  const results = checks.flatMap((c) => c.results).filter((r) => !r.pending);
  const shown = results.filter((r) => !r.ignored);
  const count = (verdict: string): number => shown.filter((r) => r.verdict === verdict).length;
  const deny = count('deny');
  const review = count('review');
  const ignored = results.length - shown.length;
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const tooltip =
    `OSPO Lens: ${plural(deny, 'dependency', 'dependencies')} not allowed, ${review} needing review, ${count('allow')} allowed` +
    `${ignored > 0 ? `, ${ignored} ignored` : ''}, in ${plural(checks.length, 'manifest', 'manifests')}. Click to show the Dependencies view.`;
  // "OSPO" tells it apart from the workbench's own problem counts, which look alike.
  return { visible: true, text: `OSPO $(error) ${deny} $(warning) ${review}`, tooltip };
}
