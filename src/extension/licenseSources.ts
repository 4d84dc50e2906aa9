import * as os from 'node:os';
import * as vscode from 'vscode';
import { JsonFileCache } from '../core/files';
import { LicenseSources } from '../core/manifests';
import { LookupCache } from '../core/net/cache';
import { HttpClient } from '../core/net/http';
import type { RemoteContext, RemoteLicense } from '../core/remote/context';
import { CRATES_IO_HOST, CRATES_IO_MIN_INTERVAL_MS } from '../core/remote/limits';
import { depsDevFallback } from '../core/remote/fallback';
import { Disposable } from './disposable';
import type { Settings } from './settings';

/**
 * Owns where licenses come from: the local sources, and — unless offline — one
 * HttpClient and one persisted license cache for every registry. Rebuilt when
 * the settings or the workspace's trust change.
 */
export class LicenseSourceService extends Disposable {
  private readonly files = new JsonFileCache();
  private readonly licenseCache: LookupCache<RemoteLicense>;
  private readonly metadataCache = new LookupCache<unknown>({ ttlMs: 60 * 60 * 1000, negativeTtlMs: 60 * 1000 });
  private current: LicenseSources;

  constructor(
    storage: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private settings: Settings,
  ) {
    super();
    this.licenseCache = new LookupCache<RemoteLicense>({ file: vscode.Uri.joinPath(storage, 'license-cache.json').fsPath });
    this.current = this.build();
  }

  get sources(): LicenseSources {
    return this.current;
  }

  update(settings: Settings): void {
    this.settings = settings;
    this.current = this.build();
  }

  /** Forgets cached local metadata (e.g. after `npm install`). */
  invalidateLocal(): void {
    this.files.clear();
    this.current = this.build();
  }

  async clearCache(): Promise<void> {
    await this.licenseCache.clear();
    await this.metadataCache.clear();
    this.current = this.build();
  }

  override dispose(): void {
    void this.licenseCache.flush().catch(() => undefined);
    super.dispose();
  }

  private build(): LicenseSources {
    const environment = { env: { ...process.env }, home: os.homedir(), ...(this.settings.pythonVenv ? { pythonVenv: this.settings.pythonVenv } : {}) };
    const remote: RemoteContext | undefined = this.settings.offline
      ? undefined
      : {
          http: new HttpClient({
            concurrency: this.settings.concurrency,
            timeoutMs: this.settings.timeoutMs,
            userAgent: 'ospo-lens (VS Code extension; license checks)',
            minIntervalMsByHost: { [CRATES_IO_HOST]: CRATES_IO_MIN_INTERVAL_MS },
            log: (line) => this.log.warn(line),
          }),
          licenses: this.licenseCache,
          metadata: this.metadataCache,
          environment,
          registries: this.settings.registries,
          trustWorkspace: vscode.workspace.isTrusted,
        };
    return new LicenseSources({ local: { files: this.files, environment }, ...(remote ? { remote } : {}), kinds: this.settings.sourceKinds, fallback: depsDevFallback });
  }
}
