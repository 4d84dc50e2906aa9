import * as vscode from 'vscode';
import type { DependencyResult, ManifestCheck } from '../core/check';
import type { Verdict } from '../core/model';
import { toRange } from './convert';
import { Disposable } from './disposable';
import type { DiagnosticsManager } from './diagnosticsManager';

type Node =
  | { readonly kind: 'manifest'; readonly check: ManifestCheck }
  | { readonly kind: 'verdict'; readonly check: ManifestCheck; readonly verdict: Group; readonly results: readonly DependencyResult[] }
  | { readonly kind: 'dependency'; readonly result: DependencyResult };

/** A group of the tree: a verdict, or the dependencies whose license is still being looked up. */
type Group = Verdict | 'pending';

const GROUPS: ReadonlyArray<{ verdict: Group; label: string; icon: string; color: string }> = [
  { verdict: 'deny', label: 'Not allowed', icon: 'error', color: 'problemsErrorIcon.foreground' },
  { verdict: 'review', label: 'Needs review', icon: 'warning', color: 'problemsWarningIcon.foreground' },
  { verdict: 'allow', label: 'Allowed', icon: 'pass', color: 'testing.iconPassed' },
  { verdict: 'pending', label: 'Looking up…', icon: 'sync', color: 'foreground' },
];

function groupOf(result: DependencyResult): Group {
  return result.pending ? 'pending' : result.verdict;
}

/**
 * The sidebar's Dependencies tree: manifests → verdict groups → dependencies.
 * Built only from results already computed; `getChildren` does no I/O.
 */
export class DependenciesView extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this.register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly manager: DiagnosticsManager) {
    super();
    this.register(vscode.window.createTreeView('ospoLens.dependencies', { treeDataProvider: this, showCollapseAll: true }));
    this.register(manager.onDidChangeResults(() => this.changed.fire(undefined)));
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      return [...this.manager.allChecks()]
        .sort((a, b) => a.manifest.localeCompare(b.manifest))
        .map((check) => ({ kind: 'manifest', check }));
    }
    if (node.kind === 'manifest') {
      return GROUPS.map(({ verdict }) => ({ kind: 'verdict' as const, check: node.check, verdict, results: node.check.results.filter((r) => groupOf(r) === verdict) }))
        .filter((group) => group.results.length > 0);
    }
    if (node.kind === 'verdict') {
      return [...node.results].sort((a, b) => a.name.localeCompare(b.name)).map((result) => ({ kind: 'dependency', result }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'manifest') {
      const uri = vscode.Uri.file(node.check.manifest);
      const item = new vscode.TreeItem(vscode.workspace.asRelativePath(uri), vscode.TreeItemCollapsibleState.Expanded);
      item.resourceUri = uri;
      item.description = summary(node.check.results);
      item.iconPath = vscode.ThemeIcon.File;
      return item;
    }
    if (node.kind === 'verdict') {
      const group = GROUPS.find((g) => g.verdict === node.verdict) ?? GROUPS[0];
      const item = new vscode.TreeItem(`${group.label} (${node.results.length})`, node.verdict === 'allow' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon(group.icon, new vscode.ThemeColor(group.color));
      return item;
    }
    const r = node.result;
    const item = new vscode.TreeItem(r.name, vscode.TreeItemCollapsibleState.None);
    const license = r.pending ? 'looking up…' : (r.license.expression ?? r.license.declared ?? 'unknown license');
    item.description = `${license}${r.scope === 'runtime' ? '' : ` · ${r.scope}`}${r.via ? ` · via ${r.via[0]}` : ''}`;
    item.tooltip = new vscode.MarkdownString().appendText(`${r.name}${r.version ? ` ${r.version}` : ''}\n\n${r.reason}`);
    item.command = {
      command: 'vscode.open',
      title: 'Reveal in manifest',
      arguments: [vscode.Uri.file(r.manifest), { selection: toRange(r.range) } satisfies vscode.TextDocumentShowOptions],
    };
    return item;
  }
}

function summary(results: readonly DependencyResult[]): string {
  const count = (v: Verdict): number => results.filter((r) => !r.pending && r.verdict === v).length;
  return `${count('deny')} denied · ${count('review')} review · ${count('allow')} allowed`;
}
