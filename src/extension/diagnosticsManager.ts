import * as vscode from 'vscode';
import { carryOverResults } from '../core/carryOver';
import { LOCKFILE_FILES } from '../core/lockfiles';
import type { DependencyResult, ManifestCheck } from '../core/check';
import { contains, toRange } from './convert';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './diagnostics';
import { Disposable } from './disposable';
import type { Policy } from '../core/policy/types';
import type { EditorCheck, ManifestChecker } from './manifestChecker';
import { readSettings, affectsSettings, type Settings } from './settings';

interface PendingCheck {
  timer?: ReturnType<typeof setTimeout>;
  controller?: AbortController;
}

/**
 * Owns the diagnostic collection. Tracks which manifests changed and checks each
 * one ~300 ms after its last edit — only that document, never every document on
 * every keystroke. A newer edit cancels an older check of the same document.
 */
export class DiagnosticsManager extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('ospoLens'));
  private readonly pending = new Map<string, PendingCheck>();
  private readonly checks = new Map<string, ManifestCheck>();
  private readonly policies = new Map<string, Policy>();
  /** Manifests whose results come from a workspace scan, not from an open document. */
  private readonly scanned = new Set<string>();
  /** The text each result's range covered when it was published, for carrying it over edits. */
  private readonly writtenNames = new WeakMap<DependencyResult, string>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri | undefined>());
  private settings: Settings = readSettings();

  /** Fires with the manifest whose results changed (undefined: possibly all). */
  readonly onDidChangeResults = this.changed.event;

  constructor(
    private readonly checker: ManifestChecker,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document, this.settings.debounceMs);
      }),
    );
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    // A closed tab may leave its document loaded for a while; the user expects the
    // problems of a file they closed to go away with it.
    this.register(
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        this.forgetClosedTabs(e.closed);
        // Re-opening a tab whose document stayed loaded fires no open event.
        this.checkOpenedTabs(e.opened);
      }),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affectsSettings(e)) return;
        this.settings = readSettings();
        this.recheckAll();
      }),
    );
    // `npm install` rewrites these: the licenses of open manifests may have changed.
    const installs = this.register(vscode.workspace.createFileSystemWatcher(`**/{node_modules/.package-lock.json,${LOCKFILE_FILES.join(',')}}`));
    // A saved policy file changes the verdicts of every manifest below it.
    const policies = this.register(vscode.workspace.createFileSystemWatcher('**/.ospo/policy.json'));
    for (const event of [installs.onDidChange, installs.onDidCreate, installs.onDidDelete, policies.onDidChange, policies.onDidCreate, policies.onDidDelete]) {
      this.register(
        event(() => {
          this.checker.invalidate();
          this.recheckAll();
        }),
      );
    }
    this.recheckAll();
  }

  /** Checks every open manifest again, e.g. after the policy or installed packages changed. */
  recheckAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  resultsFor(uri: vscode.Uri): readonly DependencyResult[] {
    return this.checks.get(uri.toString())?.results ?? [];
  }

  /** The policy the manifest was last checked against. */
  policyFor(uri: vscode.Uri): Policy | undefined {
    return this.policies.get(uri.toString());
  }

  /** Every checked manifest, for views. */
  allChecks(): readonly ManifestCheck[] {
    return [...this.checks.values()];
  }

  /** The dependency whose name or requested version is at `position`. */
  resultAt(uri: vscode.Uri, position: vscode.Position): DependencyResult | undefined {
    return this.resultsFor(uri).find(
      (r) => contains(r.range, position) || (r.requestedRange !== undefined && contains(r.requestedRange, position)),
    );
  }

  /**
   * Publishes a workspace scan's results for a manifest, unless it is open and
   * checked live already. They stay until the next scan, or until the file is
   * opened and checked live.
   */
  publishScanned(uri: vscode.Uri, { check, brokenPolicy, policy }: EditorCheck): void {
    const key = uri.toString();
    if (this.checks.has(key) && !this.scanned.has(key)) return; // the live check owns it
    this.scanned.add(key);
    this.policies.set(key, policy);
    this.checks.set(key, check);
    this.collection.set(uri, this.diagnosticsFor(check.results, brokenPolicy));
    this.changed.fire(uri);
  }

  /** Drops an earlier scan's results for manifests the latest scan did not find. */
  retainScanned(found: ReadonlySet<string>): void {
    for (const key of [...this.scanned]) {
      if (found.has(key)) continue;
      this.forget(vscode.Uri.parse(key)); // a scan's result, never a live one: those leave the set
    }
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!this.checker.isManifest(document)) return;
    if (!this.settings.enable) {
      this.forget(document.uri);
      return;
    }
    const key = document.uri.toString();
    const pending = this.pending.get(key) ?? {};
    if (pending.timer) clearTimeout(pending.timer);
    pending.controller?.abort(); // what it was computing is already out of date
    pending.timer = setTimeout(() => void this.run(document, pending), delayMs);
    this.pending.set(key, pending);
  }

  private async run(document: vscode.TextDocument, pending: PendingCheck): Promise<void> {
    pending.timer = undefined;
    const controller = new AbortController();
    pending.controller = controller;
    const version = document.version;
    const started = Date.now();
    const current = (): boolean => !controller.signal.aborted && !document.isClosed && document.version === version;
    try {
      // First what is on disk, at once; then, for what it could not answer, the
      // registries. Until they answer those dependencies show no verdict.
      const local = await this.checker.check(document, controller.signal, this.checker.online);
      if (!local || !current()) return;
      this.publish(document, local);
      if (local.check.results.some((r) => r.pending)) {
        const full = await this.checker.check(document, controller.signal);
        if (!full || !current()) return;
        this.publish(document, full);
      }
      this.log.debug(`checked ${vscode.workspace.asRelativePath(document.uri)}: ${local.check.results.length} dependencies in ${Date.now() - started} ms (policy: ${local.policy.source})`);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.log.error(`checking ${document.uri.fsPath} failed`, error);
    } finally {
      if (pending.controller === controller) pending.controller = undefined;
    }
  }

  private publish(document: vscode.TextDocument, { check, brokenPolicy, policy }: EditorCheck): void {
    const key = document.uri.toString();
    this.scanned.delete(key); // checked live from now on
    this.policies.set(key, policy);
    const previous = this.checks.get(key);
    // Half-typed JSON: keep what was good a moment ago instead of clearing it.
    const results =
      check.errors.length > 0 && previous
        ? carryOverResults(previous.results, check.results, document.getText(), (r) => this.writtenNames.get(r) ?? '')
        : check.results;
    for (const result of results) this.writtenNames.set(result, document.getText(toRange(result.range)));
    this.checks.set(key, { ...check, results });
    this.collection.set(document.uri, this.diagnosticsFor(results, brokenPolicy));
    this.changed.fire(document.uri);
  }

  private diagnosticsFor(results: readonly DependencyResult[], brokenPolicy: string | undefined): vscode.Diagnostic[] {
    const diagnostics = results.map(toDiagnostic).filter((d): d is vscode.Diagnostic => d !== undefined);
    if (brokenPolicy) diagnostics.unshift(brokenPolicyDiagnostic(brokenPolicy));
    return diagnostics;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.pending.get(key);
    if (pending?.timer) clearTimeout(pending.timer);
    pending?.controller?.abort();
    this.pending.delete(key);
    this.policies.delete(key);
    this.scanned.delete(key);
    if (this.checks.delete(key) || this.collection.has(uri)) {
      this.collection.delete(uri);
      this.changed.fire(uri);
    }
  }

  private checkOpenedTabs(opened: readonly vscode.Tab[]): void {
    for (const tab of opened) {
      if (!(tab.input instanceof vscode.TabInputText)) continue;
      const uri = tab.input.uri.toString();
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (document && !this.checks.has(uri)) this.schedule(document, 0);
    }
  }

  private forgetClosedTabs(closed: readonly vscode.Tab[]): void {
    const stillOpen = new Set(
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap((t) => (t.input instanceof vscode.TabInputText ? [t.input.uri.toString()] : [])),
    );
    for (const tab of closed) {
      if (tab.input instanceof vscode.TabInputText && !stillOpen.has(tab.input.uri.toString())) this.forget(tab.input.uri);
    }
  }

  override dispose(): void {
    for (const pending of this.pending.values()) {
      if (pending.timer) clearTimeout(pending.timer);
      pending.controller?.abort();
    }
    this.pending.clear();
    super.dispose();
  }
}

function brokenPolicyDiagnostic(policyFile: string): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(0, 0, 0, 1),
    `The OSPO policy ${vscode.workspace.asRelativePath(policyFile)} has errors, so these dependencies are checked against the embedded default policy until it is fixed.`,
    vscode.DiagnosticSeverity.Error,
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = 'invalid-policy';
  diagnostic.relatedInformation = [
    new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(policyFile), new vscode.Position(0, 0)), 'the policy file'),
  ];
  return diagnostic;
}
