import type * as vscode from 'vscode';
import { checkManifestText, type ManifestCheck } from '../core/check';
import { JsonFileCache } from '../core/files';
import { formatForPath } from '../core/manifests';
import { InstalledPackageLicenses, PackageLockLicenses } from '../core/manifests/npm/localLicenses';
import { getDefaultPolicy } from '../core/policy/load';
import type { Policy } from '../core/policy/types';
import type { LicenseSource } from '../core/resolution';

/** Runs the core check for a document. The only place the editor calls into `core/check`. */
export class ManifestChecker {
  private readonly files = new JsonFileCache();
  private readonly sources: readonly LicenseSource[] = [
    new InstalledPackageLicenses(this.files),
    new PackageLockLicenses(this.files),
  ];

  /** The policy in force. The embedded default until organisation policies arrive. */
  get policy(): Policy {
    return getDefaultPolicy();
  }

  isManifest(document: vscode.TextDocument): boolean {
    return document.uri.scheme === 'file' && formatForPath(document.uri.fsPath) !== undefined;
  }

  async check(document: vscode.TextDocument, signal: AbortSignal): Promise<ManifestCheck | undefined> {
    const format = formatForPath(document.uri.fsPath);
    if (!format) return undefined;
    return checkManifestText(document.uri.fsPath, document.getText(), format, { policy: this.policy, sources: this.sources, signal });
  }

  /** Forget cached metadata, e.g. after `npm install` changed node_modules. */
  invalidate(): void {
    this.files.clear();
  }
}
