import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { DependencyResult, ManifestCheck } from '../check';
import type { Guide, GuideSection } from '../guides/guide';
import { DEVELOPMENT_ONLY_SCOPES, type Scope, type Verdict } from '../model';
import { VERDICT_RANK } from '../policy/types';
import { packageUrl } from './purl';

/** The tool named in every report. */
export interface ToolInfo {
  readonly name: string;
  readonly version: string;
}

/** One manifest's check, with the guides its results point into. */
export interface ReportManifest {
  readonly check: ManifestCheck;
  readonly guides: readonly Guide[];
}

/** What was found on disk about one package, for notices and SBOM copyright fields. */
export interface PackageTexts {
  /** License files (LICENSE, COPYING…), each with the path it was read from. */
  readonly licenseFiles: readonly FoundText[];
  /** NOTICE files, which Apache-2.0 asks to be passed on. */
  readonly noticeFiles: readonly FoundText[];
  /** Copyright lines found in those files, without duplicates. */
  readonly copyrights: readonly string[];
}

export interface FoundText {
  readonly file: string;
  readonly text: string;
}

/** Everything a report is made from. Plain data, so every report is a pure function of it. */
export interface ReportInput {
  readonly manifests: readonly ReportManifest[];
  /** The folder paths are written relative to: the repository root (the CLI's working folder). */
  readonly root: string;
  readonly tool: ToolInfo;
  /** When the document was made; SOURCE_DATE_EPOCH pins it for reproducible output. */
  readonly created: Date;
  /** A random UUID for document ids; without one, ids are derived from the content. */
  readonly uuid?: string;
  /** The verdict from which a dependency fails the check (`--fail-on`). */
  readonly failOn: Verdict;
  /** Local license and notice texts, keyed by `packageKey`. */
  readonly texts?: ReadonlyMap<string, PackageTexts>;
}

/** A package that one or more manifests depend on, listed once. */
export interface PackageEntry {
  /** Its package URL, which is also its identity across manifests. */
  readonly purl: string;
  readonly ecosystem: DependencyResult['ecosystem'];
  readonly name: string;
  readonly version: string | null;
  /** Every place it is used, in manifest order. */
  readonly uses: readonly DependencyResult[];
}

/** The identity of a dependency across manifests: ecosystem, normalised name and version. */
export function packageKey(result: Pick<DependencyResult, 'ecosystem' | 'name' | 'version'>): string {
  return packageUrl(result.ecosystem, result.name, result.version);
}

/** Every dependency of every manifest, once per package, in the order first seen. */
export function collectPackages(manifests: readonly ReportManifest[]): PackageEntry[] {
  const byKey = new Map<string, { entry: Omit<PackageEntry, 'uses'>; uses: DependencyResult[] }>();
  for (const { check } of manifests) {
    for (const result of check.results) {
      const purl = packageKey(result);
      const known = byKey.get(purl);
      if (known) known.uses.push(result);
      else byKey.set(purl, { entry: { purl, ecosystem: result.ecosystem, name: result.name, version: result.version }, uses: [result] });
    }
  }
  return [...byKey.values()].map(({ entry, uses }) => ({ ...entry, uses }));
}

/** The use that matters most: the worst verdict, a shipped scope before a development one. */
export function decisiveUse(entry: PackageEntry): DependencyResult {
  return [...entry.uses].sort((a, b) => VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict] || shippedRank(a.scope) - shippedRank(b.scope))[0];
}

/** Scopes that end up in what is distributed. */
export function isShipped(scope: Scope): boolean {
  return !DEVELOPMENT_ONLY_SCOPES.includes(scope);
}

function shippedRank(scope: Scope): number {
  return isShipped(scope) ? 0 : 1;
}

/**
 * A line marked `ospo-lens: ignore` stays in the results but is never flagged.
 * Read structurally: the field is optional and older results do not carry it.
 */
export function isIgnored(result: DependencyResult): boolean {
  return (result as { readonly ignored?: boolean }).ignored === true;
}

/** A path relative to the root with `/` separators; absolute when it lies outside the root. */
export function relativePath(file: string, root: string): string {
  const rel = path.relative(root, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file.split(path.sep).join('/') : rel.split(path.sep).join('/');
}

/** The guide section a result points at, if its guide was loaded. */
export function guideSection(guides: readonly Guide[], result: DependencyResult): GuideSection | undefined {
  if (!result.guide) return undefined;
  const { guide, section } = result.guide;
  return guides.find((g) => g.id === guide)?.sections.find((s) => s.slug === section);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A version-5-shaped UUID derived from content, for documents that must be reproducible. */
export function uuidFromContent(content: string): string {
  const hex = sha256(content).slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** ISO 8601 in UTC to the second, the form SPDX and CycloneDX both accept. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The license to show for a result: its SPDX expression, else what it declared. */
export function licenseLabel(result: DependencyResult): string | null {
  return result.license.expression ?? result.license.declared;
}
