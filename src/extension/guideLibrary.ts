import * as path from 'node:path';
import * as vscode from 'vscode';
import { isAllowedGuideUrl } from '../core/guides/bundle';
import { loadGuideFolder, parseGuide, type Guide, type GuideKind } from '../core/guides/guide';
import type { Policy } from '../core/policy/types';
import { Disposable } from './disposable';

export const GUIDE_SCHEME = 'ospo-guide';

/**
 * The guides in force: the organisation's folder named by the policy when there
 * is one, else the embedded defaults; plus the repository's own CONTRIBUTING.md.
 * Guides are served as read-only virtual documents so VS Code's markdown preview
 * can show them whole.
 */
export class GuideLibrary extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly folders = new Map<string, Promise<Guide[]>>();
  private currentFolder: string;
  private contributing?: Promise<Guide | undefined>;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when the guides in force change (another policy, a guide edited on disk). */
  readonly onDidChangeGuides = this.changed.event;

  constructor(
    private readonly defaultsFolder: string,
    private readonly log: vscode.LogOutputChannel,
    /** Fetches an organisation's guide bundle, or undefined when the network may not be used. */
    private readonly fetchBundle: () => ((url: string) => Promise<Guide[]>) | undefined = () => undefined,
  ) {
    super();
    this.currentFolder = defaultsFolder;
    this.register(vscode.workspace.registerTextDocumentContentProvider(GUIDE_SCHEME, this));
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*.md'));
    for (const event of [watcher.onDidChange, watcher.onDidCreate, watcher.onDidDelete]) {
      this.register(event((uri) => this.forgetFolderOf(uri.fsPath)));
    }
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const guide = (await this.all()).find((g) => `/${g.id}.md` === uri.path);
    return guide?.markdown ?? `# Guide not found\n\nThere is no guide at \`${uri.path}\`.\n`;
  }

  /** The guides a policy points at: its `guides` folder, else the defaults. */
  guidesFor(policy: Policy): Promise<Guide[]> {
    return this.load(this.folderOf(policy));
  }

  /** Makes the guides of `policy` the ones commands and the Guide view show. */
  useGuidesOf(policy: Policy): void {
    const folder = this.folderOf(policy);
    if (folder === this.currentFolder) return;
    this.currentFolder = folder;
    this.changed.fire();
  }

  /** The guides in force, with the repository's CONTRIBUTING.md when there is one. */
  async all(): Promise<Guide[]> {
    const guides = await this.load(this.currentFolder);
    this.contributing ??= this.repositoryContributing();
    const contributing = await this.contributing;
    return contributing ? [...guides, contributing] : guides;
  }

  async byKind(kind: GuideKind): Promise<Guide | undefined> {
    return (await this.all()).find((g) => g.kind === kind && g.id !== REPOSITORY_CONTRIBUTING_ID);
  }

  async byId(id: string): Promise<Guide | undefined> {
    return (await this.all()).find((g) => g.id === id);
  }

  uriFor(guide: Guide, slug?: string): vscode.Uri {
    return vscode.Uri.from({ scheme: GUIDE_SCHEME, path: `/${guide.id}.md`, ...(slug ? { fragment: slug } : {}) });
  }

  /** Where the guides of a policy come from: its folder, its bundle URL, or the defaults. */
  private folderOf(policy: Policy): string {
    if (!policy.guides) return this.defaultsFolder;
    // A bundle URL is fetched only when the network may be used: never in an
    // untrusted workspace, which is where such a URL would come from.
    if (isAllowedGuideUrl(policy.guides)) return this.fetchBundle() ? policy.guides : this.defaultsFolder;
    return policy.guides;
  }

  private load(source: string): Promise<Guide[]> {
    let guides = this.folders.get(source);
    if (!guides) {
      const fetch = isAllowedGuideUrl(source) ? this.fetchBundle() : undefined;
      const loading = fetch ? fetch(source) : loadGuideFolder(source);
      guides = loading.then(
        (loaded) => {
          if (loaded.length > 0) return loaded;
          this.log.warn(`no guides found in ${source}; using the embedded defaults`);
          return source === this.defaultsFolder ? [] : loadGuideFolder(this.defaultsFolder);
        },
        (error: unknown) => {
          this.log.warn(`the guides at ${source} could not be loaded (${error instanceof Error ? error.message : String(error)}); using the embedded defaults`);
          this.folders.delete(source); // try again next time
          return loadGuideFolder(this.defaultsFolder);
        },
      );
      this.folders.set(source, guides);
    }
    return guides;
  }

  private forgetFolderOf(file: string): void {
    const isContributing = path.basename(file).toLowerCase() === 'contributing.md';
    if (isContributing) this.contributing = undefined;
    if (this.folders.delete(path.dirname(file)) || isContributing) this.changed.fire();
  }

  private async repositoryContributing(): Promise<Guide | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    for (const name of ['CONTRIBUTING.md', '.github/CONTRIBUTING.md', 'docs/CONTRIBUTING.md']) {
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, name));
        const guide = parseGuide(new TextDecoder().decode(bytes), REPOSITORY_CONTRIBUTING_ID);
        return { ...guide, id: REPOSITORY_CONTRIBUTING_ID, kind: 'contribution', title: `This repository's ${path.basename(name)}` };
      } catch {
        // not there; try the next place GitHub looks
      }
    }
    return undefined;
  }
}

/** The id under which the repository's own CONTRIBUTING.md is offered. */
export const REPOSITORY_CONTRIBUTING_ID = 'repository-contributing';
