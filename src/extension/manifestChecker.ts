import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { checkManifestText, type ManifestCheck } from '../core/check';
import type { Guide } from '../core/guides/guide';
import { LockfileCache } from '../core/lockfiles';
import { formatForPath } from '../core/manifests';
import { getDefaultPolicy } from '../core/policy/load';
import { PolicyLocator, type LocatedPolicy } from '../core/policy/locate';
import type { Policy } from '../core/policy/types';
import type { LicenseSourceService } from './licenseSources';

export interface EditorCheck {
  readonly check: ManifestCheck;
  readonly policy: Policy;
  /** Set when the manifest's policy file is broken and the embedded default was used instead. */
  readonly brokenPolicy?: string;
}

/** Runs the core check for a document. The only place the editor calls into `core/check`. */
export class ManifestChecker {

  // Policy text comes from the open editor when there is one, so a policy being
  // edited is validated as typed; manifests pick it up when it is saved.
  private readonly policies = new PolicyLocator(readOpenOrDisk);
  private readonly lockfiles = new LockfileCache();

  constructor(
    private readonly licenses: LicenseSourceService,
    private readonly guides: (policy: Policy) => Promise<readonly Guide[]>,
  ) {}

  isManifest(document: vscode.TextDocument): boolean {
    return document.uri.scheme === 'file' && formatForPath(document.uri.fsPath) !== undefined;
  }

  /** Whether a second, network pass can answer what local metadata could not. */
  get online(): boolean {
    return this.licenses.sources.online;
  }

  /**
   * Checks a document. With `deferRemote`, only local metadata is read and the
   * dependencies it cannot answer for come back `pending`.
   */
  // Only the URI and the text: the workspace scan checks files that are not open.
  async check(document: Pick<vscode.TextDocument, 'uri' | 'getText'>, signal: AbortSignal, deferRemote = false): Promise<EditorCheck | undefined> {
    const format = formatForPath(document.uri.fsPath);
    if (!format) return undefined;
    const located = await this.policies.locate(document.uri.fsPath);
    const { policy, brokenPolicy } = usablePolicy(located);
    const check = await checkManifestText(document.uri.fsPath, document.getText(), format, {
      policy,
      sources: this.licenses.sources.for(format.ecosystem),
      deferRemote,
      transitive: true,
      lockfiles: this.lockfiles,
      guides: await this.guides(policy),
      signal,
    });
    return { check, policy, ...(brokenPolicy ? { brokenPolicy } : {}) };
  }

  /** Forget cached metadata and policies, e.g. after `npm install` or a policy edit. */
  invalidate(): void {
    this.licenses.invalidateLocal();
    this.policies.clear();
  }
}

/**
 * A broken policy is never half-applied and never means "allow everything": the
 * embedded default applies until it is fixed, and the user is told.
 */
function usablePolicy(located: LocatedPolicy): { policy: Policy; brokenPolicy?: string } {
  if (located.result.ok) return { policy: located.result.policy };
  return { policy: getDefaultPolicy(), brokenPolicy: located.file };
}

async function readOpenOrDisk(file: string): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  // A saved document is what is on disk, and its model reloads a moment after the
  // file changes: reading it when the file watcher fires could get the old text.
  return open?.isDirty ? open.getText() : fs.readFile(file, 'utf8');
}
