import * as vscode from 'vscode';
import { loadGuideFolder, type Guide, type GuideKind } from '../core/guides/guide';
import { selectExcerpts, type Finding } from '../core/guides/select';
import { Disposable } from './disposable';

export const GUIDE_SCHEME = 'ospo-guide';

/**
 * The guides in force (the embedded defaults for now), served as read-only
 * virtual documents so VS Code's own markdown preview can show them.
 */
export class GuideLibrary extends Disposable implements vscode.TextDocumentContentProvider {
  private guides: Promise<Guide[]>;

  constructor(
    private readonly defaultsFolder: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.guides = this.load();
    this.register(vscode.workspace.registerTextDocumentContentProvider(GUIDE_SCHEME, this));
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const guide = (await this.guides).find((g) => `/${g.id}.md` === uri.path);
    return guide?.markdown ?? `# Guide not found\n\nThere is no guide at \`${uri.path}\`.\n`;
  }

  all(): Promise<Guide[]> {
    return this.guides;
  }

  async byKind(kind: GuideKind): Promise<Guide | undefined> {
    return (await this.guides).find((g) => g.kind === kind);
  }

  /** The most specific section for a finding, as a guide + anchor. */
  async sectionFor(finding: Finding): Promise<{ guide: Guide; slug: string } | undefined> {
    const [best] = selectExcerpts(await this.guides, finding);
    return best ? { guide: best.guide, slug: best.section.slug } : undefined;
  }

  uriFor(guide: Guide, slug?: string): vscode.Uri {
    return vscode.Uri.from({ scheme: GUIDE_SCHEME, path: `/${guide.id}.md`, ...(slug ? { fragment: slug } : {}) });
  }

  private async load(): Promise<Guide[]> {
    const guides = await loadGuideFolder(this.defaultsFolder.fsPath);
    if (guides.length === 0) this.log.error(`no guides found in ${this.defaultsFolder.fsPath}`);
    return guides;
  }
}
