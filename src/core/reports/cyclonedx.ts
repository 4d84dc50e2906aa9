import * as path from 'node:path';
import type { DependencyResult } from '../check';
import { formatExpression, isKnownLicenseId, parseSpdxExpression } from '../licenses/spdx';
import type { Scope } from '../model';
import { collectPackages, decisiveUse, isShipped, isoSeconds, packageKey, relativePath, uuidFromContent, type PackageEntry, type ReportInput } from './common';
import { groupAndName } from './purl';

/** Where the schema this output conforms to is published (test/schemas/cyclonedx-1.6). */
export const CYCLONEDX_SCHEMA = 'http://cyclonedx.org/schema/bom-1.6.schema.json';

const ROOT_REF = 'ospo-lens:root';

type CdxLicenses = ReadonlyArray<{ readonly expression: string } | { readonly license: { readonly id: string } }>;

/**
 * A CycloneDX 1.6 BOM: the checked folder is metadata.component, each manifest one of its
 * sub-components, each dependency a library component (listed once however many manifests
 * use it) with its purl and license, and the dependency graph root → manifests → libraries.
 * The policy's verdict rides along as `ospo-lens:*` properties.
 */
export function cyclonedxReport(input: ReportInput): string {
  const entries = collectPackages(input.manifests);
  const manifestRefs = input.manifests.map(({ check }) => ({ check, ref: `ospo-lens:manifest:${relativePath(check.manifest, input.root)}` }));
  const bom = {
    $schema: CYCLONEDX_SCHEMA,
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: '',
    version: 1,
    metadata: {
      timestamp: isoSeconds(input.created),
      tools: { components: [{ type: 'application', name: input.tool.name, version: input.tool.version }] },
      component: {
        type: 'application',
        'bom-ref': ROOT_REF,
        name: path.basename(input.root) || 'project',
        components: manifestRefs.map(({ check, ref }) => ({
          type: 'application',
          'bom-ref': ref,
          name: relativePath(check.manifest, input.root),
          ...(check.projectLicense ? projectLicenses(check.projectLicense) : {}),
        })),
      },
    },
    components: entries.map((entry) => component(entry, input)),
    dependencies: [
      { ref: ROOT_REF, dependsOn: manifestRefs.map((m) => m.ref) },
      ...manifestRefs.map(({ check, ref }) => ({ ref, dependsOn: unique(check.results.map(packageKey)) })),
    ],
  };
  // RFC 4122 serial number, random unless output must be reproducible (then from the content).
  const uuid = input.uuid ?? uuidFromContent(JSON.stringify(bom));
  return JSON.stringify({ ...bom, serialNumber: `urn:uuid:${uuid}` }, null, 2);
}

function component(entry: PackageEntry, input: ReportInput): Record<string, unknown> {
  const use = decisiveUse(entry);
  const { group, name } = groupAndName(entry.ecosystem, entry.name);
  const licenses = cdxLicenses(use);
  const copyrights = input.texts?.get(entry.purl)?.copyrights ?? [];
  return {
    type: 'library',
    'bom-ref': entry.purl,
    ...(group ? { group } : {}),
    name,
    ...(entry.version ? { version: entry.version } : {}),
    scope: componentScope(entry.uses.map((u) => u.scope)),
    ...(licenses ? { licenses } : {}),
    ...(copyrights.length > 0 ? { copyright: copyrights.join('\n') } : {}),
    purl: entry.purl,
    properties: [
      { name: 'ospo-lens:verdict', value: use.verdict },
      { name: 'ospo-lens:rule', value: use.rule },
      ...(use.license.declared ? [{ name: 'ospo-lens:license-declared', value: use.license.declared }] : []),
      ...(use.license.source ? [{ name: 'ospo-lens:license-source', value: use.license.source }] : []),
      ...unique(entry.uses.map((u) => u.scope)).map((scope) => ({ name: 'ospo-lens:scope', value: scope })),
    ],
  };
}

/**
 * One SPDX id as `license.id`; anything else (AND, OR, WITH, `+`, LicenseRef-) as a
 * single `expression`, the two shapes CycloneDX 1.6 allows. No license when none is known.
 */
function cdxLicenses(result: DependencyResult): CdxLicenses | undefined {
  const expression = result.license.expression;
  if (!expression) return undefined;
  const node = parseSpdxExpression(expression);
  if (node && node.kind === 'license' && !node.exception && isKnownLicenseId(expression)) return [{ license: { id: expression } }];
  return [{ expression }];
}

function projectLicenses(text: string): { licenses?: CdxLicenses } {
  const node = parseSpdxExpression(text);
  if (!node) return {};
  const expression = formatExpression(node);
  return node.kind === 'license' && !node.exception && isKnownLicenseId(expression) ? { licenses: [{ license: { id: expression } }] } : { licenses: [{ expression }] };
}

/** required when anything ships it, optional when only optional uses do, excluded when only development does. */
function componentScope(scopes: readonly Scope[]): 'required' | 'optional' | 'excluded' {
  if (scopes.some((s) => isShipped(s) && s !== 'optional')) return 'required';
  return scopes.includes('optional') ? 'optional' : 'excluded';
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

