import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DependencyResult } from '../core/check';
import { selectExcerpts } from '../core/guides/select';
import { commentSyntaxFor, ignoreCommentEdit } from '../core/ignore';
import { choicesOf } from '../core/policy/choices';
import { addExceptionEdits, addLicenseChoiceEdits, type PolicyEditResult } from '../core/policy/edit';
import { findPolicyFile, POLICY_PATH } from '../core/policy/locate';
import { reviewRequestLink } from '../core/policy/review';
import { LineIndex } from '../core/text';
import { toRange } from './convert';
import { DIAGNOSTIC_SOURCE, SHOW_RULE_COMMAND } from './diagnostics';
import type { DiagnosticsManager } from './diagnosticsManager';
import { Disposable } from './disposable';
import type { GuideLibrary } from './guideLibrary';
import { SHOW_SECTION_COMMAND } from './guideView';

export const ADD_EXCEPTION_COMMAND = 'ospoLens.addException';
export const RECORD_CHOICE_COMMAND = 'ospoLens.recordLicenseChoice';
export const REQUEST_REVIEW_COMMAND = 'ospoLens.requestReview';

export const ADD_EXCEPTION_TITLE = 'Add exception to policy…';

/** Links "Request OSPO review" may open: a web form or an email, nothing else. */
const OPENABLE_SCHEMES = new Set(['https', 'mailto']);

/**
 * Quick fixes on OSPO Lens diagnostics: add a policy exception, show the guide,
 * request a review, record a license choice, or ignore the line. The edits to
 * the policy are WorkspaceEdits, so Ctrl+Z in the policy file undoes them.
 */
export class PolicyCodeActions extends Disposable implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    selector: vscode.DocumentSelector,
    private readonly manager: DiagnosticsManager,
    private readonly guides: GuideLibrary,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(vscode.languages.registerCodeActionsProvider(selector, this, PolicyCodeActions.metadata));
    this.register(vscode.commands.registerCommand(ADD_EXCEPTION_COMMAND, (uri?: unknown, position?: unknown) => this.addException(uri, position)));
    this.register(
      vscode.commands.registerCommand(RECORD_CHOICE_COMMAND, (uri?: unknown, position?: unknown, chosen?: unknown) => this.recordChoice(uri, position, chosen)),
    );
    this.register(vscode.commands.registerCommand(REQUEST_REVIEW_COMMAND, (uri?: unknown, position?: unknown) => this.requestReview(uri, position)));
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || ruleOf(diagnostic) === undefined) continue;
      const result = this.manager.resultsFor(document.uri).find((r) => toRange(r.range).isEqual(diagnostic.range));
      if (result) actions.push(...this.actionsFor(document, diagnostic, result));
    }
    return actions;
  }

  private actionsFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, result: DependencyResult): vscode.CodeAction[] {
    const at = [document.uri, diagnostic.range.start];
    const flagged = result.verdict !== 'allow';
    const action = (title: string, command: vscode.Command): vscode.CodeAction => {
      const fix = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      fix.diagnostics = [diagnostic];
      fix.command = command;
      return fix;
    };
    const actions: vscode.CodeAction[] = [];
    if (flagged) actions.push(action(ADD_EXCEPTION_TITLE, { title: ADD_EXCEPTION_TITLE, command: ADD_EXCEPTION_COMMAND, arguments: at }));
    for (const chosen of this.choicesFor(document.uri, result)) {
      const title = `Record license choice: ${chosen}`;
      actions.push(action(title, { title, command: RECORD_CHOICE_COMMAND, arguments: [...at, chosen] }));
    }
    if (flagged) actions.push(action('Request OSPO review', { title: 'Request OSPO review', command: REQUEST_REVIEW_COMMAND, arguments: at }));
    actions.push(
      action(
        result.guide ? `Show guide excerpt: ${result.guide.title}` : 'Show guide excerpt',
        result.guide
          ? { title: 'Show guide excerpt', command: SHOW_SECTION_COMMAND, arguments: [result.guide.guide, result.guide.section] }
          : { title: 'Show guide excerpt', command: SHOW_RULE_COMMAND, arguments: [result.rule] },
      ),
    );
    if (flagged) {
      const ignore = this.ignoreAction(document, result);
      if (ignore) actions.push(Object.assign(ignore, { diagnostics: [diagnostic] }));
    }
    return actions;
  }

  /** The licenses of an `OR` the developer may record, when the policy asks for it. */
  private choicesFor(uri: vscode.Uri, result: DependencyResult): string[] {
    if (!this.manager.policyFor(uri)?.recordChoices || !result.license.expression) return [];
    return choicesOf(result.license.expression) ?? [];
  }

  /** `ospo-lens: ignore` at the end of the dependency's line, for formats with comments. */
  private ignoreAction(document: vscode.TextDocument, result: DependencyResult): vscode.CodeAction | undefined {
    const syntax = commentSyntaxFor(result.ecosystem, document.uri.fsPath);
    if (!syntax) return undefined; // package.json: JSON has no comments
    const fix = new vscode.CodeAction('Ignore on this line', vscode.CodeActionKind.QuickFix);
    const edit = ignoreCommentEdit(document.getText(), result.range.start.line, syntax);
    if (!edit.ok) {
      fix.disabled = { reason: capitalise(edit.message) };
      return fix;
    }
    fix.edit = new vscode.WorkspaceEdit();
    fix.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length)), edit.content);
    return fix;
  }

  /**
   * Appends an exception for the dependency to the policy that governs the
   * manifest (creating `.ospo/policy.json` at the workspace folder when there is
   * none) and leaves the cursor in its empty `reason`. The policy refuses an
   * exception without a reason, so the file is left unsaved: the exception takes
   * effect when the user has written why and saved.
   */
  private async addException(uriArgument: unknown, positionArgument: unknown): Promise<void> {
    const result = this.targetResult(uriArgument, positionArgument);
    if (!result || result.verdict === 'allow') {
      void vscode.window.showInformationMessage('OSPO Lens: put the cursor on a dependency the policy flags, then add the exception again.');
      return;
    }
    await this.editPolicy(result, (text) =>
      addExceptionEdits(text, {
        package: result.name,
        ecosystem: result.ecosystem,
        version: result.version ?? undefined,
        license: result.license.expression ?? result.license.declared ?? undefined,
      }),
    );
  }

  /** Records which license of an `OR` is used; the policy is saved so the verdict follows at once. */
  private async recordChoice(uriArgument: unknown, positionArgument: unknown, chosen: unknown): Promise<void> {
    const result = this.targetResult(uriArgument, positionArgument);
    if (!result?.license.expression || typeof chosen !== 'string') return;
    await this.editPolicy(
      result,
      (text) =>
        addLicenseChoiceEdits(text, {
          package: result.name,
          ecosystem: result.ecosystem,
          version: result.version ?? undefined,
          expression: result.license.expression ?? '',
          chosen,
        }),
      { save: true },
    );
  }

  private async editPolicy(result: DependencyResult, compute: (text: string) => PolicyEditResult, options: { save?: boolean } = {}): Promise<void> {
    const policyUri = await policyFileFor(vscode.Uri.file(result.manifest));
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === policyUri.toString());
    const exists = open !== undefined || (await fileExists(policyUri.fsPath));
    const text = open ? open.getText() : exists ? await fs.readFile(policyUri.fsPath, 'utf8') : '';
    const computed = compute(text);
    const where = vscode.workspace.asRelativePath(policyUri);
    if (!computed.ok) {
      // Not awaited: the command is done; the message waits for the user on its own.
      void vscode.window.showErrorMessage(`OSPO Lens cannot change ${where}: ${computed.message}.`, 'Open Policy').then((choice) => {
        if (choice) void vscode.window.showTextDocument(policyUri);
      });
      return;
    }
    const wasDirty = open?.isDirty ?? false;
    const edit = new vscode.WorkspaceEdit();
    if (!exists) edit.createFile(policyUri, { ignoreIfExists: true });
    const lines = new LineIndex(text);
    const position = (offset: number): vscode.Position => {
      const p = lines.positionAt(offset);
      return new vscode.Position(p.line, p.character);
    };
    for (const e of computed.edits) edit.replace(policyUri, new vscode.Range(position(e.offset), position(e.offset + e.length)), e.content);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`OSPO Lens could not edit ${where}.`);
      return;
    }
    const document = await vscode.workspace.openTextDocument(policyUri);
    // Only what this action wrote: unsaved changes the user had are theirs to save.
    if (options.save && !wasDirty) await document.save();
    const editor = await vscode.window.showTextDocument(document);
    const cursor = document.positionAt(computed.cursor);
    editor.selection = new vscode.Selection(cursor, cursor);
    editor.revealRange(new vscode.Range(cursor, cursor), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this.log.info(`${where}: added an entry for ${result.name}`);
  }

  /** Opens the policy's review form or email; without one, the guide's section on reviews. */
  private async requestReview(uriArgument: unknown, positionArgument: unknown): Promise<void> {
    const result = this.targetResult(uriArgument, positionArgument);
    if (!result) {
      void vscode.window.showInformationMessage('OSPO Lens: put the cursor on a dependency in a manifest, then request the review again.');
      return;
    }
    const policy = this.manager.policyFor(vscode.Uri.file(result.manifest));
    if (!policy?.reviewRequest) {
      const guides = policy ? await this.guides.guidesFor(policy) : [];
      const [section] = selectExcerpts(guides, { licenses: [], topics: ['review'], verdict: result.verdict });
      if (section) await vscode.commands.executeCommand(SHOW_SECTION_COMMAND, section.guide.id, section.section.slug);
      else await vscode.commands.executeCommand('ospoLens.openUsageGuide');
      return;
    }
    const link = reviewRequestLink(policy.reviewRequest, {
      package: result.name,
      ecosystem: result.ecosystem,
      version: result.version ?? result.requested,
      license: result.license.expression ?? result.license.declared ?? 'unknown',
      manifest: vscode.workspace.asRelativePath(result.manifest),
      verdict: result.verdict,
      reason: result.reason,
    });
    const scheme = /^([a-z]+):/i.exec(link)?.[1]?.toLowerCase() ?? '';
    if (!OPENABLE_SCHEMES.has(scheme)) {
      void vscode.window.showErrorMessage(`OSPO Lens opens only https and mailto review links, not ${scheme || 'this'} one.`);
      return;
    }
    // A string, not a Uri: openExternal keeps a string exactly, whereas a Uri is
    // re-encoded on the way, which would change the filled-in query.
    await vscode.env.openExternal(link as unknown as vscode.Uri);
  }

  /** The dependency the command is about: its arguments, else the cursor. */
  private targetResult(uriArgument: unknown, positionArgument: unknown): DependencyResult | undefined {
    const editor = vscode.window.activeTextEditor;
    const uri = asUri(uriArgument) ?? editor?.document.uri;
    const position = asPosition(positionArgument) ?? editor?.selection.active;
    return uri && position ? this.manager.resultAt(uri, position) : undefined;
  }
}

/**
 * The policy file that governs a manifest (the nearest `.ospo/policy.json`
 * upward, broken or not), else where a new one goes: the workspace folder's root.
 */
async function policyFileFor(manifest: vscode.Uri): Promise<vscode.Uri> {
  const found = await findPolicyFile(path.dirname(manifest.fsPath));
  if (found) return vscode.Uri.file(found);
  const folder = vscode.workspace.getWorkspaceFolder(manifest);
  return vscode.Uri.file(path.join(folder ? folder.uri.fsPath : path.dirname(manifest.fsPath), POLICY_PATH));
}

async function fileExists(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Command arguments may arrive as plain data (e.g. from a test or a link): accept both. */
function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  return typeof value === 'string' && value !== '' ? vscode.Uri.parse(value) : undefined;
}

function asPosition(value: unknown): vscode.Position | undefined {
  if (value instanceof vscode.Position) return value;
  const { line, character } = (value ?? {}) as { line?: unknown; character?: unknown };
  return typeof line === 'number' && typeof character === 'number' ? new vscode.Position(line, character) : undefined;
}

function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null && typeof code.value === 'string' ? code.value : undefined;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
