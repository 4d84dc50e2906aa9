import * as vscode from 'vscode';
import type { GuideKind } from '../core/guides/guide';
import { CATEGORIES, type Category } from '../core/licenses/categories';
import { SHOW_RULE_COMMAND } from './diagnostics';
import type { GuideLibrary } from './guideLibrary';

export const OPEN_GUIDE_COMMANDS: Readonly<Record<string, GuideKind>> = {
  'ospoLens.openContributionGuide': 'contribution',
  'ospoLens.openUsageGuide': 'usage',
  'ospoLens.openReleaseGuide': 'release',
};

/** Registers the guide commands. `openUsageGuide` accepts an optional section anchor. */
export function registerGuideCommands(library: GuideLibrary, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const open = async (kind: GuideKind, slug?: string): Promise<void> => {
    const guide = await library.byKind(kind);
    if (!guide) {
      void vscode.window.showErrorMessage(`OSPO Lens: no ${kind} guide is available.`);
      return;
    }
    await showMarkdown(library.uriFor(guide, slug), log);
  };
  return [
    ...Object.entries(OPEN_GUIDE_COMMANDS).map(([command, kind]) =>
      vscode.commands.registerCommand(command, (slug?: unknown) => open(kind, typeof slug === 'string' ? slug : undefined)),
    ),
    // The link behind a diagnostic's code: the guide section about that rule.
    vscode.commands.registerCommand(SHOW_RULE_COMMAND, async (rule?: unknown) => {
      const category = (CATEGORIES as readonly string[]).includes(String(rule)) ? (String(rule) as Category) : 'unknown';
      const section = await library.sectionFor({ licenses: [], category, topics: category === 'unknown' ? ['no-license'] : [] });
      if (section) await showMarkdown(library.uriFor(section.guide, section.slug), log);
      else await open('usage');
    }),
  ];
}

/** Opens markdown in VS Code's preview; falls back to the plain text if the preview is unavailable. */
async function showMarkdown(uri: vscode.Uri, log: vscode.LogOutputChannel): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch (error) {
    log.warn('markdown preview unavailable, showing the guide as text', error);
    const document = await vscode.workspace.openTextDocument(uri.with({ fragment: '' }));
    await vscode.window.showTextDocument(document, { preview: true });
  }
}
