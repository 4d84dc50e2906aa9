import * as vscode from 'vscode';
import type { DependencyResult } from '../core/check';
import { OBLIGATION_TEXT, type Obligation, CATEGORY_TEXT } from '../core/licenses/categories';
import { describeLicense } from '../core/licenses/knowledge';
import { parseSpdxExpression, licenseLeaves } from '../core/licenses/spdx';
import { toRange } from './convert';
import type { DiagnosticsManager } from './diagnosticsManager';
import { SHOW_SECTION_COMMAND } from './guideView';

/** Most consequential first: a hover shows only the top few. */
const OBLIGATION_PRIORITY: readonly Obligation[] = [
  'same-license-work',
  'network-use-is-distribution',
  'restricted-use',
  'same-license-library',
  'same-license-file',
  'disclose-source',
  'include-notice',
  'state-changes',
  'patent-grant',
  'trademark-limits',
];

const VERDICT_TEXT = {
  allow: '$(pass) **Allowed**',
  review: '$(warning) **Needs OSPO review**',
  deny: '$(error) **Not allowed**',
} as const;

/** Explains the license of the dependency under the cursor. */
export class DependencyHoverProvider implements vscode.HoverProvider {
  constructor(private readonly manager: DiagnosticsManager) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.manager.resultAt(document.uri, position);
    if (!result) return undefined;
    const markdown = new vscode.MarkdownString('', true);
    markdown.isTrusted = { enabledCommands: [SHOW_SECTION_COMMAND, 'ospoLens.openUsageGuide'] };
    markdown.appendMarkdown(renderHover(result));
    return new vscode.Hover(markdown, toRange(result.range));
  }
}

export function renderHover(result: DependencyResult): string {
  if (result.pending) return `**${escape(result.name)}** — $(sync~spin) looking up its license in the registry…`;
  const lines: string[] = [];
  const version = result.version ? ` ${result.version}` : '';
  lines.push(`**${escape(result.name)}**${escape(version)} — ${licenseTitle(result)}`, '');
  lines.push(`${VERDICT_TEXT[result.verdict]} by the OSPO policy. ${escape(result.note ? `${result.note}.` : result.reason)}`, '');

  const obligations = OBLIGATION_PRIORITY.filter((o) => result.obligations.includes(o)).slice(0, 3);
  if (obligations.length > 0) {
    lines.push('What it obliges you to do:', '');
    for (const obligation of obligations) lines.push(`- ${escape(OBLIGATION_TEXT[obligation])}`);
    lines.push('');
  }

  const source = result.license.source ? ` · license read from ${escape(result.license.source)}` : '';
  const link = result.guide
    ? `[Show in the OSPO guide: ${escape(result.guide.title)}](command:${SHOW_SECTION_COMMAND}?${encodeURIComponent(JSON.stringify([result.guide.guide, result.guide.section]))})`
    : `[Open the usage guide](command:ospoLens.openUsageGuide)`;
  lines.push(`${link}${source}`);
  return lines.join('\n');
}

function licenseTitle(result: DependencyResult): string {
  const expression = result.license.expression;
  if (!expression) {
    return result.license.declared ? `declares ${code(result.license.declared)} (not a recognised license)` : 'license unknown';
  }
  const node = parseSpdxExpression(result.chosen ?? expression);
  const leaves = node ? licenseLeaves(node) : [];
  if (leaves.length === 1) {
    const info = describeLicense(leaves[0].id);
    const category = CATEGORY_TEXT[info.category].label;
    return `${escape(info.name)} (${code(expression)}, ${category})`;
  }
  const chosen = result.chosen ? `, using ${code(result.chosen)}` : '';
  return `${code(expression)}${chosen}`;
}

/** A code span; its content is literal, so only backticks need neutralising. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** Escapes markdown so package-supplied text cannot inject links or formatting. */
function escape(text: string): string {
  // Only what can start emphasis, code, links, images or HTML mid-line.
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}
