import type { DependencyResult } from '../check';
import { licenseLeaves, parseSpdxExpression } from '../licenses/spdx';
import { collectPackages, decisiveUse, isShipped, relativePath, type PackageEntry, type PackageTexts, type ReportInput } from './common';
import type { StandardText, StandardTextLookup } from './licenseTexts';

const RULE = '='.repeat(78);
const THIN = '-'.repeat(78);

/** A package that ships with the product, with what its notice is made of. */
interface NoticeItem {
  readonly entry: PackageEntry;
  readonly use: DependencyResult;
  /** The license it is used under: the chosen OR branch, else the whole expression. */
  readonly licenseUsed: string | null;
  readonly texts?: PackageTexts;
  /** SPDX ids whose standard text stands in for a license file we could not find. */
  readonly standardIds: readonly string[];
  /** Exceptions (`WITH …`) whose text we do not carry. */
  readonly exceptions: readonly string[];
}

/**
 * Third-party notices for what ships: every runtime, optional and peer dependency (not the
 * development-only ones, nor the organisation's own internal packages), with its license,
 * its copyright lines and the full license text: the package's own LICENSE/NOTICE files
 * where they are on disk, else the standard text of its SPDX license, printed once at the end.
 */
export async function noticesReport(input: ReportInput, standardText: StandardTextLookup): Promise<string> {
  const items = shippedPackages(input).map((entry) => noticeItem(entry, input));
  const ids = [...new Set(items.flatMap((i) => i.standardIds))].sort();
  const standard = new Map<string, StandardText | undefined>();
  for (const id of ids) standard.set(id, await standardText(id));
  return renderNotices(items, standard, input);
}

function shippedPackages(input: ReportInput): PackageEntry[] {
  return collectPackages(input.manifests)
    .map((entry) => ({ ...entry, uses: entry.uses.filter((u) => isShipped(u.scope) && u.rule !== 'internal-package') }))
    .filter((entry) => entry.uses.length > 0)
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.version ?? '').localeCompare(b.version ?? '', 'en') || a.purl.localeCompare(b.purl, 'en'));
}

function noticeItem(entry: PackageEntry, input: ReportInput): NoticeItem {
  const use = decisiveUse(entry);
  const licenseUsed = use.chosen ?? use.license.expression;
  const texts = input.texts?.get(entry.purl);
  const node = licenseUsed ? parseSpdxExpression(licenseUsed) : undefined;
  const leaves = node ? licenseLeaves(node) : [];
  const hasOwnLicense = (texts?.licenseFiles.length ?? 0) > 0;
  return {
    entry,
    use,
    licenseUsed,
    ...(texts ? { texts } : {}),
    standardIds: hasOwnLicense ? [] : [...new Set(leaves.map((l) => l.id))],
    exceptions: [...new Set(leaves.flatMap((l) => (l.exception ? [l.exception] : [])))],
  };
}

function renderNotices(items: readonly NoticeItem[], standard: ReadonlyMap<string, StandardText | undefined>, input: ReportInput): string {
  const manifests = input.manifests.map(({ check }) => relativePath(check.manifest, input.root));
  const unknown = items.filter((i) => !i.licenseUsed);
  const out: string[] = [
    'THIRD-PARTY SOFTWARE NOTICES',
    '',
    'This product includes the third-party software listed below. Each entry gives the',
    "package's license, its copyright notices and the license terms.",
    '',
    `Made by ${input.tool.name} ${input.tool.version} from ${manifests.length === 0 ? 'no manifest' : manifests.join(', ')}.`,
    'Runtime, optional and peer dependencies are listed; development-only dependencies and the',
    "organisation's internal packages are not.",
  ];
  if (unknown.length > 0) {
    out.push('', `Needs attention: no license is known for ${unknown.map((i) => label(i.entry)).join(', ')}.`, 'Their terms must be confirmed, and their notices added, before they ship.');
  }
  out.push('', 'Packages', '');
  items.forEach((item, index) => out.push(`  ${index + 1}. ${label(item.entry)}: ${licenseSummary(item)}`));
  for (const item of items) out.push('', RULE, ...packageSection(item, standard));
  const printed = [...standard.entries()].filter((entry): entry is [string, StandardText] => entry[1] !== undefined);
  if (printed.length > 0) {
    out.push('', RULE, 'Standard license texts', RULE);
    for (const [id, text] of printed) out.push('', THIN, `${id}: ${text.name}`, THIN, '', text.text.trimEnd());
  }
  return out.join('\n') + '\n';
}

function packageSection(item: NoticeItem, standard: ReadonlyMap<string, StandardText | undefined>): string[] {
  const lines = [label(item.entry), `License: ${licenseSummary(item)}`];
  for (const copyright of item.texts?.copyrights ?? []) lines.push(copyright);
  if (!item.licenseUsed && (item.texts?.licenseFiles.length ?? 0) === 0) {
    lines.push('No license could be determined for this package; its terms must be confirmed before it ships.');
  }
  for (const id of item.standardIds) {
    lines.push(standard.get(id) ? `License text: see "${id}" under Standard license texts below.` : `License text: the text of ${id} is not available offline; take it from the package.`);
  }
  for (const exception of item.exceptions) lines.push(`The ${exception} exception applies; its text is not included here; take it from the package.`);
  for (const file of item.texts?.licenseFiles ?? []) lines.push('', `--- ${file.file}`, '', file.text.trimEnd());
  for (const file of item.texts?.noticeFiles ?? []) lines.push('', `--- ${file.file}`, '', file.text.trimEnd());
  return lines;
}

function licenseSummary(item: NoticeItem): string {
  const expression = item.use.license.expression;
  if (!expression) return item.use.license.declared ? `unknown (declared as "${item.use.license.declared}")` : 'unknown';
  return item.use.chosen && item.use.chosen !== expression ? `${expression}, used under ${item.use.chosen}` : expression;
}

function label(entry: PackageEntry): string {
  return `${entry.name}${entry.version ? ` ${entry.version}` : ''} (${entry.ecosystem})`;
}
