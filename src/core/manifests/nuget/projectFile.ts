import type { XMLElement } from '@xml-tools/ast';
import type { Dependency, ParsedManifest, Scope } from '../../model';
import { LineIndex } from '../../text';
import type { ManifestFormat } from '../types';
import { expandProperties, hasUnexpanded, isTrue, readProperties, type Properties } from './properties';
import {
  attribute,
  attributeValueSpan,
  decodeEntities,
  descendants,
  elementText,
  firstChild,
  nameIs,
  parseXml,
  recoverElements,
  textualSpans,
  toManifestErrors,
  trimSpan,
  type Span,
} from './xml';

/**
 * SDK-style MSBuild project files (`*.csproj`, `*.fsproj`, `*.vbproj`) and the
 * files MSBuild imports into every project below them (`Directory.Build.props`,
 * `Directory.Build.targets`, `Directory.Packages.props`).
 *
 * Which items are dependencies:
 * - `<PackageReference Include="Id" Version="1.2.3"/>`, the version also as a child
 *   `<Version>` element; `VersionOverride` (central package management) beats `Version`.
 *   Without a version the reference takes it from `Directory.Packages.props`, which
 *   the license source reads (the parser sees only this file): `requested` is "".
 * - `<GlobalPackageReference>` (central package management: referenced by every
 *   project, private assets by default, used for analyzers) → scope build.
 * - `<DotNetCliToolReference>` (legacy per-project CLI tools) → scope build.
 * - `Update=`/`Remove=` items change references made elsewhere: not dependencies.
 * - `<PackageVersion>` (Directory.Packages.props) only pins versions: not a dependency.
 * - Items inside `<Target>` run at build time, after restore: ignored.
 *
 * Scope, first rule that applies:
 * 1. `PrivateAssets="all"` (attribute or child element) → build: the package does
 *    not flow to consumers; it is how analyzers, source generators and build tools
 *    are referenced. (An application with a private runtime library still copies it
 *    to its output; we follow the convention rather than that rare case.)
 * 2. A test project → test, for all its other packages. A project is a test project
 *    when `<IsTestProject>` says so (an explicit `false` wins), else when its SDK is
 *    `MSTest.Sdk` or it references `Microsoft.NET.Test.Sdk` (which sets
 *    `IsTestProject=true` itself). The base SDK does not matter: a test project on
 *    `Microsoft.NET.Sdk.Web` is still one.
 * 3. `IncludeAssets`/`ExcludeAssets` leaving out the runtime assets (the assemblies
 *    copied to the output) → provided when compile assets remain (compiled against,
 *    not shipped), else build. Native and content assets are not considered: a
 *    package used this way rarely has them.
 * 4. Otherwise runtime.
 *
 * Versions may use `$(Property)` defined in this file's `<PropertyGroup>`s:
 * `requested` is the expanded version (what restore asks for) and `requestedRange`
 * covers the value as written. Properties from imported files stay unexpanded.
 */

const ITEM_KINDS: ReadonlyArray<readonly [element: string, fixedScope: Scope | undefined]> = [
  ['PackageReference', undefined],
  ['GlobalPackageReference', 'build'],
  ['DotNetCliToolReference', 'build'],
];

const TEST_SDK_PACKAGE = 'microsoft.net.test.sdk';

const FILE_NAME = /(^|[\\/])([^\\/]+\.(csproj|fsproj|vbproj)|Directory\.Build\.props|Directory\.Build\.targets|Directory\.Packages\.props)$/i;

function isProjectFilePath(filePath: string): boolean {
  const normalised = filePath.replace(/\\/g, '/');
  // Files inside the global packages folder belong to installed packages (templates, build assets).
  return FILE_NAME.test(normalised) && !/(^|\/)\.nuget\/packages\//i.test(normalised);
}

/** Parses an MSBuild project file. Never throws; a broken element hides only itself. */
export function parseProjectFile(text: string): ParsedManifest {
  const lines = new LineIndex(text);
  const { root, problems } = parseXml(text);
  const errors = toManifestErrors('The project file', problems, lines);
  const project = root && nameIs(root, 'Project') ? root : undefined;
  const properties: Properties = project ? readProperties(project, text) : new Map();
  const items = project ? packageItems(project) : [];
  if (problems.length > 0) items.push(...recoveredItems(text, items));
  items.sort((a, b) => a.element.position.startOffset - b.element.position.startOffset);

  const testProject = isTestProject(project, properties, items);
  const dependencies = items.flatMap(({ element, fixedScope }) =>
    toDependencies(element, fixedScope ?? scopeOf(element, text, properties, testProject), text, properties, lines),
  );
  const license = properties.get('packagelicenseexpression');
  const projectLicense = license ? expandProperties(license, properties).trim() : '';
  return { dependencies, errors, ...(projectLicense ? { projectLicense } : {}) };
}

interface PackageItem {
  readonly element: XMLElement;
  readonly fixedScope: Scope | undefined;
}

const NOT_EVALUATED_AT_RESTORE = ['Target', 'ProjectExtensions'];

/** Package items in item groups, in document order, outside targets. */
function packageItems(project: XMLElement): PackageItem[] {
  const items: PackageItem[] = [];
  const prune = (e: XMLElement): boolean => NOT_EVALUATED_AT_RESTORE.some((name) => nameIs(e, name));
  for (const element of descendants(project, prune)) {
    const kind = itemKind(element);
    if (!kind || element.parent.type !== 'XMLElement' || !nameIs(element.parent, 'ItemGroup')) continue;
    items.push({ element, fixedScope: kind[1] });
  }
  return items;
}

function itemKind(element: XMLElement): (typeof ITEM_KINDS)[number] | undefined {
  return ITEM_KINDS.find(([name]) => nameIs(element, name));
}

/** Package items the broken document tree lost or misplaced, found one by one in the text. */
function recoveredItems(text: string, known: readonly PackageItem[]): PackageItem[] {
  const knownStarts = new Set(known.map((item) => item.element.position.startOffset));
  const skip = textualSpans(text, NOT_EVALUATED_AT_RESTORE);
  return recoverElements(text, ITEM_KINDS.map(([name]) => name), skip)
    .filter((element) => !knownStarts.has(element.position.startOffset))
    .flatMap((element) => {
      const kind = itemKind(element);
      return kind ? [{ element, fixedScope: kind[1] }] : [];
    });
}

function isTestProject(project: XMLElement | undefined, properties: Properties, items: readonly PackageItem[]): boolean {
  const declared = properties.get('istestproject');
  if (declared !== undefined && declared.trim() !== '') return isTrue(expandProperties(declared, properties));
  const sdks = ((project && attribute(project, 'Sdk')?.value) ?? '').split(';');
  if (sdks.some((sdk) => /^\s*MSTest\.Sdk\b/i.test(sdk))) return true;
  return items.some(({ element }) =>
    nameIs(element, 'PackageReference') &&
    (attribute(element, 'Include')?.value ?? '').split(';').some((id) => id.trim().toLowerCase() === TEST_SDK_PACKAGE),
  );
}

function scopeOf(item: XMLElement, text: string, properties: Properties, testProject: boolean): Scope {
  const meta = (key: string): string | undefined => {
    const found = metadata(item, key, text);
    return found ? expandProperties(found.value, properties) : undefined;
  };
  if (assetList(meta('PrivateAssets')).has('all')) return 'build';
  if (testProject) return 'test';
  return assetsScope(meta('IncludeAssets'), meta('ExcludeAssets')) ?? 'runtime';
}

const ALL_ASSETS = ['compile', 'runtime', 'contentfiles', 'build', 'buildmultitargeting', 'buildtransitive', 'analyzers', 'native'];

/** Scope implied by which assets of the package the project uses, when that keeps it out of the output. */
function assetsScope(include: string | undefined, exclude: string | undefined): Scope | undefined {
  if (include === undefined && exclude === undefined) return undefined;
  const included = expandAll(assetList(include ?? 'all'));
  for (const asset of expandAll(assetList(exclude ?? 'none'))) included.delete(asset);
  if (included.has('runtime')) return undefined;
  return included.has('compile') ? 'provided' : 'build';
}

function assetList(value: string | undefined): Set<string> {
  return new Set((value ?? '').split(';').map((a) => a.trim().toLowerCase()).filter((a) => a !== ''));
}

function expandAll(assets: Set<string>): Set<string> {
  return assets.has('all') ? new Set(ALL_ASSETS) : assets;
}

/** Item metadata, as an attribute or as a child element (MSBuild accepts both). */
function metadata(item: XMLElement, key: string, text: string): { value: string; span: Span | undefined } | undefined {
  const attr = attribute(item, key);
  if (attr) {
    const span = attributeValueSpan(attr);
    return { value: decodeEntities(attr.value as string).trim(), span: span ? trimSpan(text, span) : undefined };
  }
  const child = firstChild(item, key);
  if (!child) return undefined;
  const content = elementText(child, text);
  return { value: content?.value ?? '', span: content?.span };
}

function toDependencies(item: XMLElement, scope: Scope, text: string, properties: Properties, lines: LineIndex): Dependency[] {
  const include = attribute(item, 'Include');
  const includeSpan = include ? attributeValueSpan(include) : undefined;
  if (!includeSpan) return [];
  const version = metadata(item, 'VersionOverride', text) ?? metadata(item, 'Version', text);
  const requested = version ? expandProperties(version.value, properties) : '';
  const requestedRange = version?.span && version.span.end > version.span.start ? lines.rangeOf(version.span.start, version.span.end) : undefined;

  const dependencies: Dependency[] = [];
  for (const part of splitItemList(text, includeSpan)) {
    const name = packageId(decodeEntities(text.slice(part.start, part.end)), properties);
    if (!name) continue;
    dependencies.push({
      ecosystem: 'nuget',
      name,
      requested,
      scope,
      range: lines.rangeOf(part.start, part.end),
      ...(requestedRange ? { requestedRange } : {}),
      direct: true,
    });
  }
  return dependencies;
}

/** `Include="A;B"` declares two items; each part's span, trimmed, empty ones dropped. */
function splitItemList(text: string, span: Span): Span[] {
  const parts: Span[] = [];
  let start = span.start;
  for (let i = span.start; i <= span.end; i++) {
    if (i === span.end || text[i] === ';') {
      const part = trimSpan(text, { start, end: i });
      if (part.end > part.start) parts.push(part);
      start = i + 1;
    }
  }
  return parts;
}

/** The package id an Include names, or undefined when it cannot be known without evaluating MSBuild. */
function packageId(written: string, properties: Properties): string | undefined {
  const id = expandProperties(written, properties).trim();
  if (id === '' || hasUnexpanded(id) || /[*?]/.test(id)) return undefined;
  return id;
}

export const projectFileFormat: ManifestFormat = {
  ecosystem: 'nuget',
  label: 'MSBuild project file',
  filePattern: '**/{*.csproj,*.fsproj,*.vbproj,Directory.Build.props,Directory.Build.targets,Directory.Packages.props}',
  matches: isProjectFilePath,
  parse: parseProjectFile,
};
