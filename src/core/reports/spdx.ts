import * as path from 'node:path';
import type { DependencyResult } from '../check';
import { describeLicense } from '../licenses/knowledge';
import { formatExpression, parseSpdxExpression } from '../licenses/spdx';
import type { Scope } from '../model';
import {
  collectPackages,
  decisiveUse,
  isoSeconds,
  relativePath,
  uuidFromContent,
  type PackageEntry,
  type ReportInput,
} from './common';

const NOASSERTION = 'NOASSERTION';

export interface SpdxPackage {
  readonly SPDXID: string;
  readonly name: string;
  readonly versionInfo?: string;
  readonly downloadLocation: string;
  readonly filesAnalyzed: false;
  readonly licenseConcluded: string;
  readonly licenseDeclared: string;
  readonly licenseComments?: string;
  readonly copyrightText: string;
  readonly comment?: string;
  readonly externalRefs?: ReadonlyArray<{ readonly referenceCategory: 'PACKAGE-MANAGER'; readonly referenceType: 'purl'; readonly referenceLocator: string }>;
  readonly primaryPackagePurpose?: 'LIBRARY';
}

export interface SpdxRelationship {
  readonly spdxElementId: string;
  readonly relationshipType: string;
  readonly relatedSpdxElement: string;
}

export interface SpdxExtractedLicense {
  readonly licenseId: string;
  readonly extractedText: string;
  readonly name: string;
  readonly comment: string;
}

/** An SPDX 2.3 document, in the shape of the SPDX JSON schema. */
export interface SpdxDocument {
  readonly spdxVersion: 'SPDX-2.3';
  readonly dataLicense: 'CC0-1.0';
  readonly SPDXID: 'SPDXRef-DOCUMENT';
  readonly name: string;
  readonly documentNamespace: string;
  readonly creationInfo: { readonly created: string; readonly creators: readonly string[] };
  readonly packages: readonly SpdxPackage[];
  readonly relationships: readonly SpdxRelationship[];
  readonly hasExtractedLicensingInfos?: readonly SpdxExtractedLicense[];
}

/**
 * How each scope relates a dependency to the manifest's package (SPDX 2.3 clause 11.1):
 * what ships is DEPENDS_ON; development-only and optional uses get the relationship
 * that says so, pointing from the dependency to the project.
 */
const SCOPE_RELATIONSHIP: Readonly<Record<Scope, { readonly type: string; readonly fromDependency: boolean }>> = {
  runtime: { type: 'DEPENDS_ON', fromDependency: false },
  peer: { type: 'DEPENDS_ON', fromDependency: false },
  optional: { type: 'OPTIONAL_DEPENDENCY_OF', fromDependency: true },
  dev: { type: 'DEV_DEPENDENCY_OF', fromDependency: true },
  test: { type: 'TEST_DEPENDENCY_OF', fromDependency: true },
  build: { type: 'BUILD_DEPENDENCY_OF', fromDependency: true },
  provided: { type: 'PROVIDED_DEPENDENCY_OF', fromDependency: true },
};

/**
 * The SPDX 2.3 document for the checked manifests: the document DESCRIBES one package
 * per manifest (the project it declares), which relates to one package per dependency.
 */
export function spdxDocument(input: ReportInput): SpdxDocument {
  const ids = new SpdxIds();
  const manifestIds = new Map<string, string>();
  const manifestPackages: SpdxPackage[] = input.manifests.map(({ check }) => {
    const rel = relativePath(check.manifest, input.root);
    const id = ids.make(`Manifest-${rel}`);
    manifestIds.set(check.manifest, id);
    return {
      SPDXID: id,
      name: rel,
      downloadLocation: NOASSERTION,
      filesAnalyzed: false,
      licenseConcluded: NOASSERTION,
      licenseDeclared: projectLicense(check.projectLicense),
      copyrightText: NOASSERTION,
      comment: `The project whose dependencies ${rel} declares.`,
    };
  });

  const entries = collectPackages(input.manifests);
  const packageIds = new Map<string, string>();
  const dependencyPackages = entries.map((entry) => {
    const id = ids.make(`Package-${entry.ecosystem}-${entry.name}${entry.version ? `-${entry.version}` : ''}`);
    packageIds.set(entry.purl, id);
    return dependencyPackage(entry, id, input);
  });

  const relationships: SpdxRelationship[] = manifestPackages.map((p) => ({ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: p.SPDXID }));
  const seen = new Set<string>();
  for (const entry of entries) {
    for (const use of entry.uses) {
      const project = manifestIds.get(use.manifest) as string;
      const dependency = packageIds.get(entry.purl) as string;
      const { type, fromDependency } = SCOPE_RELATIONSHIP[use.scope];
      const relationship = fromDependency
        ? { spdxElementId: dependency, relationshipType: type, relatedSpdxElement: project }
        : { spdxElementId: project, relationshipType: type, relatedSpdxElement: dependency };
      const key = `${relationship.spdxElementId} ${relationship.relationshipType} ${relationship.relatedSpdxElement}`;
      if (!seen.has(key)) {
        seen.add(key);
        relationships.push(relationship);
      }
    }
  }

  const packages = [...manifestPackages, ...dependencyPackages];
  const extracted = extractedLicenses(packages, entries);
  const name = path.basename(input.root) || 'project';
  const document: SpdxDocument = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: '',
    creationInfo: { created: isoSeconds(input.created), creators: [`Tool: ${toolId(input.tool.name)}-${input.tool.version}`] },
    packages,
    relationships,
    ...(extracted.length > 0 ? { hasExtractedLicensingInfos: extracted } : {}),
  };
  // Unique per document as SPDX asks; derived from the content when no random UUID is given,
  // so the same input (and SOURCE_DATE_EPOCH) gives the same document.
  const uuid = input.uuid ?? uuidFromContent(JSON.stringify(document));
  // spdx.org/spdxdocs is the namespace prefix the SPDX specification's own examples use.
  return { ...document, documentNamespace: `https://spdx.org/spdxdocs/${encodeURIComponent(toolId(input.tool.name))}-${encodeURIComponent(name)}-${uuid}` };
}

export function spdxJsonReport(input: ReportInput): string {
  return JSON.stringify(spdxDocument(input), null, 2);
}

/** The same document in SPDX's tag-value format. */
export function spdxTagValueReport(input: ReportInput): string {
  return spdxTagValue(spdxDocument(input));
}

export function spdxTagValue(document: SpdxDocument): string {
  const lines: string[] = [
    `SPDXVersion: ${document.spdxVersion}`,
    `DataLicense: ${document.dataLicense}`,
    `SPDXID: ${document.SPDXID}`,
    `DocumentName: ${oneLine(document.name)}`,
    `DocumentNamespace: ${document.documentNamespace}`,
    ...document.creationInfo.creators.map((creator) => `Creator: ${oneLine(creator)}`),
    `Created: ${document.creationInfo.created}`,
  ];
  for (const p of document.packages) {
    lines.push('', `##### Package: ${oneLine(p.name)}`, '');
    lines.push(`PackageName: ${oneLine(p.name)}`, `SPDXID: ${p.SPDXID}`);
    if (p.versionInfo !== undefined) lines.push(`PackageVersion: ${oneLine(p.versionInfo)}`);
    lines.push(`PackageDownloadLocation: ${p.downloadLocation}`, `FilesAnalyzed: ${p.filesAnalyzed}`);
    lines.push(`PackageLicenseConcluded: ${p.licenseConcluded}`, `PackageLicenseDeclared: ${p.licenseDeclared}`);
    if (p.licenseComments !== undefined) lines.push(`PackageLicenseComments: ${textBlock(p.licenseComments)}`);
    lines.push(`PackageCopyrightText: ${p.copyrightText === NOASSERTION ? NOASSERTION : textBlock(p.copyrightText)}`);
    if (p.comment !== undefined) lines.push(`PackageComment: ${textBlock(p.comment)}`);
    for (const ref of p.externalRefs ?? []) lines.push(`ExternalRef: ${ref.referenceCategory} ${ref.referenceType} ${ref.referenceLocator}`);
    if (p.primaryPackagePurpose !== undefined) lines.push(`PrimaryPackagePurpose: ${p.primaryPackagePurpose}`);
  }
  lines.push('', '##### Relationships', '');
  for (const r of document.relationships) lines.push(`Relationship: ${r.spdxElementId} ${r.relationshipType} ${r.relatedSpdxElement}`);
  for (const license of document.hasExtractedLicensingInfos ?? []) {
    lines.push('', `LicenseID: ${license.licenseId}`, `ExtractedText: ${textBlock(license.extractedText)}`, `LicenseName: ${oneLine(license.name)}`, `LicenseComment: ${textBlock(license.comment)}`);
  }
  return lines.join('\n') + '\n';
}

function dependencyPackage(entry: PackageEntry, id: string, input: ReportInput): SpdxPackage {
  const use = decisiveUse(entry);
  const { concluded, declared } = spdxLicenses(use);
  const copyrights = input.texts?.get(entry.purl)?.copyrights ?? [];
  return {
    SPDXID: id,
    name: entry.name,
    ...(entry.version ? { versionInfo: entry.version } : {}),
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    licenseConcluded: concluded,
    licenseDeclared: declared,
    licenseComments: `OSPO Lens verdict: ${use.verdict} (${use.rule}). ${use.reason}`,
    copyrightText: copyrights.length > 0 ? copyrights.join('\n') : NOASSERTION,
    ...(entry.version ? {} : { comment: `The version is not resolved: nothing installed or locked; the manifest asks for "${use.requested}".` }),
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: entry.purl }],
    primaryPackagePurpose: 'LIBRARY',
  };
}

/**
 * The concluded license is the normalised expression; the declared one is what the package
 * declared, mapped to SPDX, which is the same expression when that mapping was exact or certain.
 * A reference into another document (DocumentRef-) cannot be resolved here, so it is NOASSERTION.
 */
function spdxLicenses(result: DependencyResult): { concluded: string; declared: string } {
  const expression = result.license.expression;
  if (!expression || expression.includes('DocumentRef-')) return { concluded: NOASSERTION, declared: NOASSERTION };
  const certain = result.license.confidence === 'exact' || result.license.confidence === 'high';
  return { concluded: expression, declared: certain ? expression : NOASSERTION };
}

function projectLicense(text: string | undefined): string {
  const node = text ? parseSpdxExpression(text) : undefined;
  const expression = node ? formatExpression(node) : undefined;
  return expression && !expression.includes('DocumentRef-') && !expression.includes('LicenseRef-') ? expression : NOASSERTION;
}

/** Every LicenseRef- used must be defined in the document (SPDX 2.3 clause 10). */
function extractedLicenses(packages: readonly SpdxPackage[], entries: readonly PackageEntry[]): SpdxExtractedLicense[] {
  const declaredBy = new Map<string, Set<string>>();
  for (const entry of entries) {
    for (const use of entry.uses) {
      for (const ref of licenseRefs(use.license.expression ?? '')) {
        const texts = declaredBy.get(ref) ?? new Set<string>();
        if (use.license.declared) texts.add(use.license.declared);
        declaredBy.set(ref, texts);
      }
    }
  }
  const used = new Set(packages.flatMap((p) => [...licenseRefs(p.licenseConcluded), ...licenseRefs(p.licenseDeclared)]));
  return [...used].sort().map((licenseId) => {
    const info = describeLicense(licenseId);
    const declared = [...(declaredBy.get(licenseId) ?? [])];
    return {
      licenseId,
      // What the package metadata says is the text we extracted; the full license text was not retrieved.
      extractedText: declared.length > 0 ? declared.join('\n') : licenseId,
      name: info.name !== licenseId && info.name ? info.name : licenseId,
      comment: 'OSPO Lens read this license from the package metadata shown as the extracted text; the full license text was not retrieved.',
    };
  });
}

function licenseRefs(expression: string): string[] {
  return expression.match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? [];
}

/** SPDXIDs: `SPDXRef-` followed by letters, digits, `.` and `-` only, unique in the document. */
class SpdxIds {
  private readonly used = new Set<string>(['SPDXRef-DOCUMENT']);

  make(label: string): string {
    const base = `SPDXRef-${label.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '')}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

/** "OSPO Lens" becomes "ospo-lens", the form a tool name takes in SPDX creators. */
function toolId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.]+/g, '-');
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * Tag-value free text. `</text>` cannot be escaped in the format, so one inside the
 * text (never seen in practice) is broken with a space to keep the block closed.
 */
function textBlock(text: string): string {
  return `<text>${text.replace(/<\/text>/gi, '</ text>')}</text>`;
}
