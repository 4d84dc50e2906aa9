import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { checkManifestText, type ManifestCheck } from '../core/check';
import { JsonFileCache } from '../core/files';
import type { Guide } from '../core/guides/guide';
import { formatForPath, LocalLicenseSources } from '../core/manifests';
import { getDefaultPolicy } from '../core/policy/load';
import { PolicyLocator, type LocatedPolicy } from '../core/policy/locate';
import type { Policy } from '../core/policy/types';

export interface EditorCheck {
  readonly check: ManifestCheck;
  readonly policy: Policy;
  /** Set when the manifest's policy file is broken and the embedded default was used instead. */
  readonly brokenPolicy?: string;
}

/** Runs the core check for a document. The only place the editor calls into `core/check`. */
export class ManifestChecker {
  private readonly files = new JsonFileCache();
  private readonly sources = new LocalLicenseSources({ files: this.files, environment: { env: { ...process.env }, home: os.homedir() } });
  // Policy text comes from the open editor when there is one, so a policy being
  // edited is validated as typed; manifests pick it up when it is saved.
  private readonly policies = new PolicyLocator(readOpenOrDisk);

  constructor(private readonly guides: (policy: Policy) => Promise<readonly Guide[]>) {}

  isManifest(document: vscode.TextDocument): boolean {
    return document.uri.scheme === 'file' && formatForPath(document.uri.fsPath) !== undefined;
  }

  async check(document: vscode.TextDocument, signal: AbortSignal): Promise<EditorCheck | undefined> {
    const format = formatForPath(document.uri.fsPath);
    if (!format) return undefined;
    const located = await this.policies.locate(document.uri.fsPath);
    const { policy, brokenPolicy } = usablePolicy(located);
    const check = await checkManifestText(document.uri.fsPath, document.getText(), format, {
      policy,
      sources: this.sources.for(format.ecosystem),
      guides: await this.guides(policy),
      signal,
    });
    return { check, policy, ...(brokenPolicy ? { brokenPolicy } : {}) };
  }

  /** Forget cached metadata and policies, e.g. after `npm install` or a policy edit. */
  invalidate(): void {
    this.files.clear();
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
  return open ? open.getText() : fs.readFile(file, 'utf8');
}
