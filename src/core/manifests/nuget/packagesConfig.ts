import type { XMLElement } from '@xml-tools/ast';
import type { Dependency, ParsedManifest } from '../../model';
import { LineIndex } from '../../text';
import type { ManifestFormat } from '../types';
import { isTrue } from './properties';
import {
  attribute,
  attributeValue,
  attributeValueSpan,
  childElements,
  decodeEntities,
  nameIs,
  parseXml,
  recoverElements,
  textualSpans,
  toManifestErrors,
  trimSpan,
  type Span,
} from './xml';

/**
 * `packages.config`, the pre-PackageReference format (still common in .NET
 * Framework solutions): `<packages><package id="…" version="…" targetFramework="…"
 * developmentDependency="true"/></packages>`. Every entry is a direct, exact
 * version; `developmentDependency="true"` marks build-time packages → scope dev.
 * NuGet also reads `packages.<ProjectName>.config`, so that name matches too.
 */

function isPackagesConfigPath(filePath: string): boolean {
  const name = filePath.replace(/\\/g, '/').split('/').pop() ?? '';
  return /^packages(\.[^/]+)?\.config$/i.test(name);
}

export function parsePackagesConfig(text: string): ParsedManifest {
  const lines = new LineIndex(text);
  const { root, problems } = parseXml(text);
  const errors = toManifestErrors('packages.config', problems, lines);
  const entries = root && nameIs(root, 'packages') ? childElements(root, 'package') : [];
  if (problems.length > 0) {
    // A broken entry can shift the tree (an unclosed `<package …>` swallows the next ones): find the lost entries one by one.
    const known = new Set(entries.map((entry) => entry.position.startOffset));
    entries.push(...recoverElements(text, ['package'], textualSpans(text, [])).filter((entry) => !known.has(entry.position.startOffset)));
    entries.sort((a, b) => a.position.startOffset - b.position.startOffset);
  }
  const dependencies = entries.flatMap((entry) => toDependency(entry, text, lines) ?? []);
  return { dependencies, errors };
}

function toDependency(entry: XMLElement, text: string, lines: LineIndex): Dependency | undefined {
  const id = valueOf(entry, 'id', text);
  // A half-typed entry without an id yet is not a dependency.
  if (!id || id.value === '') return undefined;
  const version = valueOf(entry, 'version', text);
  return {
    ecosystem: 'nuget',
    name: id.value,
    requested: version?.value ?? '',
    scope: isTrue(attributeValue(entry, 'developmentDependency')) ? 'dev' : 'runtime',
    range: lines.rangeOf(id.span.start, id.span.end),
    ...(version && version.value !== '' ? { requestedRange: lines.rangeOf(version.span.start, version.span.end) } : {}),
    direct: true,
  };
}

/** An attribute's value, trimmed and decoded, with the span of the trimmed text. */
function valueOf(entry: XMLElement, key: string, text: string): { value: string; span: Span } | undefined {
  const attr = attribute(entry, key);
  const span = attr ? attributeValueSpan(attr) : undefined;
  if (!span) return undefined;
  const trimmed = trimSpan(text, span);
  return { value: decodeEntities(text.slice(trimmed.start, trimmed.end)), span: trimmed };
}

export const packagesConfigFormat: ManifestFormat = {
  ecosystem: 'nuget',
  label: 'packages.config',
  filePattern: '**/{packages.config,packages.*.config}',
  matches: isPackagesConfigPath,
  parse: parsePackagesConfig,
};
