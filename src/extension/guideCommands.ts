import * as vscode from 'vscode';
import spdxLicenseList = require('spdx-license-list');
import type { GuideKind } from '../core/guides/guide';
import { SHOW_RULE_COMMAND } from './diagnostics';
import { REPOSITORY_CONTRIBUTING_ID, type GuideLibrary } from './guideLibrary';
import { GUIDE_VIEW_ID, OPEN_WHOLE_GUIDE_COMMAND, SHOW_SECTION_COMMAND, type GuideViewProvider } from './guideView';

export const OPEN_GUIDE_COMMANDS: Readonly<Record<string, GuideKind>> = {
  'ospoLens.openContributionGuide': 'contribution',
  'ospoLens.openUsageGuide': 'usage',
  'ospoLens.openReleaseGuide': 'release',
};

/** Registers the guide commands of the palette, hovers, diagnostics and the Guide view. */
export function registerGuideCommands(library: GuideLibrary, view: GuideViewProvider, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const openWhole = async (guideId: string, slug?: string): Promise<void> => {
    const guide = await library.byId(guideId);
    if (!guide) {
      void vscode.window.showErrorMessage(`OSPO Lens: there is no guide "${guideId}".`);
      return;
    }
    await showMarkdown(library.uriFor(guide, slug), log);
  };
  const openKind = async (kind: GuideKind, slug?: string): Promise<void> => {
    const guide = await library.byKind(kind);
    const repository = kind === 'contribution' ? await library.byId(REPOSITORY_CONTRIBUTING_ID) : undefined;
    if (guide && repository) {
      // Two different things: how to contribute to open source (the OSPO's guide)
      // and how to contribute to this repository (its CONTRIBUTING.md).
      const picked = await vscode.window.showQuickPick(
        [
          { label: guide.title, description: "the OSPO's guide", id: guide.id },
          { label: repository.title, description: 'how to contribute to this repository', id: repository.id },
        ],
        { title: 'Open which contribution guide?' },
      );
      if (picked) await openWhole(picked.id, slug);
      return;
    }
    if (!guide) {
      void vscode.window.showErrorMessage(`OSPO Lens: no ${kind} guide is available.`);
      return;
    }
    await openWhole(guide.id, slug);
  };
  const focusView = (): Thenable<unknown> => vscode.commands.executeCommand(`${GUIDE_VIEW_ID}.focus`);

  return [
    ...Object.entries(OPEN_GUIDE_COMMANDS).map(([command, kind]) =>
      vscode.commands.registerCommand(command, (slug?: unknown) => openKind(kind, typeof slug === 'string' && slug !== '' ? slug : undefined)),
    ),
    vscode.commands.registerCommand(OPEN_WHOLE_GUIDE_COMMAND, (guideId?: unknown, slug?: unknown) =>
      openWhole(String(guideId ?? 'usage'), typeof slug === 'string' && slug !== '' ? slug : undefined),
    ),
    // Hover and guide links: reveal the section in the sidebar, where the developer works.
    vscode.commands.registerCommand(SHOW_SECTION_COMMAND, async (guideId?: unknown, slug?: unknown) => {
      await focusView();
      await view.showSection(String(guideId ?? 'usage'), String(slug ?? ''));
    }),
    // The link behind a diagnostic's code: what the guides say about that rule.
    vscode.commands.registerCommand(SHOW_RULE_COMMAND, async (rule?: unknown) => {
      await focusView();
      await view.showRule(String(rule ?? ''));
    }),
    vscode.commands.registerCommand('ospoLens.showGuideForLicense', async (id?: unknown) => {
      const chosen =
        typeof id === 'string' && id !== ''
          ? id
          : (
              await vscode.window.showQuickPick(
                Object.entries(spdxLicenseList).map(([license, info]) => ({ label: license, description: info.name })),
                { title: 'Show the guide for a license', placeHolder: 'SPDX id or license name', matchOnDescription: true },
              )
            )?.label;
      if (!chosen) return;
      await focusView();
      await view.showLicense(chosen);
    }),
    vscode.commands.registerCommand('ospoLens.focusGuideView', focusView),
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
