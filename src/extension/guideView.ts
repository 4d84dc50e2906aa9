import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { DependencyResult } from '../core/check';
import type { Guide, GuideSection } from '../core/guides/guide';
import { renderGuideMarkdown, type LinkPolicy } from '../core/guides/render';
import { searchGuides } from '../core/guides/search';
import { selectExcerpts, type Finding } from '../core/guides/select';
import { CATEGORIES, CATEGORY_TEXT, type Category } from '../core/licenses/categories';
import { describeLicense } from '../core/licenses/knowledge';
import type { Verdict } from '../core/model';
import { Disposable } from './disposable';
import type { GuideLibrary } from './guideLibrary';

export const GUIDE_VIEW_ID = 'ospoLens.guide';
export const SHOW_SECTION_COMMAND = 'ospoLens.showGuideSection';
export const OPEN_WHOLE_GUIDE_COMMAND = 'ospoLens.openGuide';

/** Commands the webview's links may run; everything else is refused. */
const WEBVIEW_COMMANDS = [SHOW_SECTION_COMMAND, OPEN_WHOLE_GUIDE_COMMAND, 'ospoLens.openContributionGuide', 'ospoLens.openUsageGuide', 'ospoLens.openReleaseGuide'];

/** What the Guide view shows: plain data, posted to the webview and kept for tests. */
export interface GuideViewModel {
  readonly headline?: { readonly verdict?: Verdict; readonly title: string; readonly reason: string };
  readonly excerpts: ReadonlyArray<{ readonly guideId: string; readonly guideTitle: string; readonly heading: string; readonly slug: string; readonly html: string }>;
  readonly toc: ReadonlyArray<{ readonly guideId: string; readonly title: string; readonly sections: ReadonlyArray<{ readonly heading: string; readonly slug: string }> }>;
  readonly searchResults?: ReadonlyArray<{ readonly guideId: string; readonly guideTitle: string; readonly heading: string; readonly slug: string }>;
  readonly query?: string;
}

type FromWebview =
  | { type: 'ready' }
  | { type: 'search'; query: string }
  | { type: 'showSection'; guideId: string; slug: string }
  | { type: 'openGuide'; guideId: string; slug?: string };

/**
 * The sidebar's Guide view: the guide excerpts that apply to what the cursor is
 * on, a table of contents of every guide, and search. The webview runs one
 * nonce'd script under a strict Content-Security-Policy and loads only media/.
 */
export class GuideViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view?: vscode.WebviewView;
  private model: GuideViewModel = { excerpts: [], toc: [] };
  /** What is being shown, so a change of guides (another policy) can re-render it. */
  private focus: { kind: 'finding'; finding: Finding; headline: NonNullable<GuideViewModel['headline']> } | { kind: 'section'; guideId: string; slug: string } | undefined;

  constructor(
    private readonly mediaRoot: vscode.Uri,
    private readonly library: GuideLibrary,
  ) {
    super();
    this.register(vscode.window.registerWebviewViewProvider(GUIDE_VIEW_ID, this, { webviewOptions: { retainContextWhenHidden: false } }));
    this.register(library.onDidChangeGuides(() => void this.refresh()));
  }

  /** The last model sent to the webview (what the user sees). */
  get current(): GuideViewModel {
    return this.model;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: true, enableCommandUris: WEBVIEW_COMMANDS, localResourceRoots: [this.mediaRoot] };
    view.webview.html = this.shell(view.webview);
    this.register(view.webview.onDidReceiveMessage((message: FromWebview) => void this.onMessage(message)));
    // The webview is rebuilt when hidden; its script asks for the model again ('ready').
    this.register(view.onDidDispose(() => (this.view = undefined)));
  }

  /** Shows the excerpts for a dependency's result. */
  async showResult(result: DependencyResult): Promise<void> {
    const license = result.decidingLicense ? describeLicense(result.decidingLicense) : undefined;
    const licenseText = result.license.expression ?? result.license.declared ?? 'no known license';
    this.focus = {
      kind: 'finding',
      finding: {
        licenses: result.decidingLicense ? [result.decidingLicense] : [],
        category: license?.category ?? (result.rule === 'proprietary' ? 'proprietary' : 'unknown'),
        obligations: result.obligations,
        verdict: result.verdict,
        topics: result.license.expression ? [] : ['no-license'],
      },
      headline: { verdict: result.verdict, title: `${result.name} — ${licenseText}`, reason: result.note ? `${result.note}.` : result.reason },
    };
    await this.refresh();
  }

  /** Shows what the guides say about one license (Show Guide for License…). */
  async showLicense(id: string): Promise<void> {
    const info = describeLicense(id);
    this.focus = {
      kind: 'finding',
      finding: { licenses: [id], category: info.category, obligations: info.obligations },
      headline: { title: `${info.name} (${id})`, reason: `${CATEGORY_TEXT[info.category].label}: ${CATEGORY_TEXT[info.category].meaning}.` },
    };
    await this.refresh();
  }

  /** Shows what the guides say about a policy rule (a category, or an unknown license). */
  async showRule(rule: string): Promise<void> {
    const category = (CATEGORIES as readonly string[]).includes(rule) ? (rule as Category) : 'unknown';
    const label = category === 'unknown' ? 'unknown license' : CATEGORY_TEXT[category].label;
    this.focus = {
      kind: 'finding',
      finding: { licenses: [], category, ...(category === 'unknown' ? { topics: ['no-license'] } : {}) },
      headline: { title: `Rule: ${rule}`, reason: category === 'unknown' ? 'The license could not be determined.' : `${label}: ${CATEGORY_TEXT[category].meaning}.` },
    };
    await this.refresh();
  }

  async showSection(guideId: string, slug: string): Promise<void> {
    this.focus = { kind: 'section', guideId, slug };
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    const guides = await this.library.all();
    let excerpts: Array<{ guide: Guide; section: GuideSection }> = [];
    let headline: GuideViewModel['headline'];
    if (this.focus?.kind === 'finding') {
      excerpts = excerptsFor(guides, this.focus.finding);
      headline = this.focus.headline;
    } else if (this.focus?.kind === 'section') {
      const { guideId, slug } = this.focus;
      const guide = guides.find((g) => g.id === guideId);
      const section = guide?.sections.find((s) => s.slug === slug);
      if (guide && section) excerpts = [{ guide, section }];
    }
    this.model = {
      ...(headline ? { headline } : {}),
      excerpts: excerpts.map(({ guide, section }) => ({
        guideId: guide.id,
        guideTitle: guide.title,
        heading: section.heading,
        slug: section.slug,
        html: renderGuideMarkdown(section.markdown, this.linkPolicy(guide)),
      })),
      toc: guides.map((g) => ({
        guideId: g.id,
        title: g.title,
        sections: g.sections.filter((s) => s.level === 2).map((s) => ({ heading: s.heading, slug: s.slug })),
      })),
    };
    await this.post();
  }

  private async onMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (this.model.toc.length === 0) await this.refresh();
        else await this.post();
        return;
      case 'search': {
        const query = String(message.query).slice(0, 200);
        const hits = searchGuides(await this.library.all(), query);
        this.model = {
          ...this.model,
          query,
          searchResults: hits.map((h) => ({ guideId: h.guide.id, guideTitle: h.guide.title, heading: h.section.heading, slug: h.section.slug })),
        };
        await this.post();
        return;
      }
      case 'showSection':
        await this.showSection(String(message.guideId), String(message.slug));
        return;
      case 'openGuide':
        await vscode.commands.executeCommand(OPEN_WHOLE_GUIDE_COMMAND, String(message.guideId), message.slug ? String(message.slug) : undefined);
        return;
    }
  }

  private async post(): Promise<void> {
    await this.view?.webview.postMessage({ type: 'render', model: this.model });
  }

  /** Links inside a guide: https, mailto, and links to guide sections (shown in this view). */
  private linkPolicy(guide: Guide): LinkPolicy {
    return {
      allowedCommands: WEBVIEW_COMMANDS,
      guideLink: (target) => {
        const match = /^(?:([\w.-]+)\.md)?(?:#([\w-]+))?$/.exec(target);
        if (!match || (!match[1] && !match[2])) return undefined;
        const args = match[2] ? [match[1] ?? guide.id, match[2]] : [match[1]];
        return `command:${match[2] ? SHOW_SECTION_COMMAND : OPEN_WHOLE_GUIDE_COMMAND}?${encodeURIComponent(JSON.stringify(args))}`;
      },
    };
  }

  private shell(webview: vscode.Webview): string {
    // A fresh, unpredictable nonce per render (never Math.random).
    const nonce = randomBytes(16).toString('base64');
    const css = webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'guide.css'));
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'guide.js'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css.toString()}">
<title>OSPO Guide</title>
</head>
<body>
<main>
  <form id="search" role="search">
    <label for="query" class="visually-hidden">Search the guides</label>
    <input id="query" type="search" placeholder="Search the guides" autocomplete="off">
  </form>
  <section id="results" aria-live="polite" hidden></section>
  <section id="finding" aria-live="polite"></section>
  <section id="excerpts"></section>
  <nav id="toc" aria-label="All guides"></nav>
</main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }
}

/**
 * The two most specific sections for a finding and, when something needs
 * attention, the section on what to do about that verdict (how to ask for review).
 */
function excerptsFor(guides: readonly Guide[], finding: Finding): Array<{ guide: Guide; section: GuideSection }> {
  const chosen = selectExcerpts(guides, finding).slice(0, 2);
  if (finding.verdict && finding.verdict !== 'allow') {
    const [next] = selectExcerpts(guides, { licenses: [], verdict: finding.verdict, topics: ['review'] }).filter(
      (e) => !chosen.some((c) => c.section === e.section),
    );
    if (next) chosen.push(next);
  }
  return chosen;
}
