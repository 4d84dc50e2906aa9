import type { XMLElement } from '@xml-tools/ast';
import { declaredText } from '../../licenses/normalize';
import type { Dependency, ManifestError, ParsedManifest, Scope } from '../../model';
import { LineIndex } from '../../text';
import type { ManifestFormat } from '../types';
import { ancestorNames, child, children, descendants, elementText, parseXmlTolerant, type ElementText } from './xml';

/** A Maven artifact's coordinates. */
export interface Coordinates {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
}

/** What a POM says about itself: enough to interpolate versions and find licenses. */
export interface PomModel {
  readonly groupId?: string;
  readonly artifactId?: string;
  readonly version?: string;
  readonly parent?: Partial<Coordinates>;
  /** `<licenses><license><name>` in order; empty when the POM declares none. */
  readonly licenses: readonly string[];
  /** `<properties>` of the project, then those of its profiles (which never override). */
  readonly properties: ReadonlyMap<string, string>;
}

/** Elements whose `<dependency>` children are not the project's own dependencies. */
const NOT_PROJECT_DEPENDENCIES = new Set(['dependencyManagement', 'plugin', 'extension']);
/** Elements whose `<properties>` are a plugin's configuration, not the project's. */
const NOT_PROJECT_PROPERTIES = new Set(['build', 'plugin', 'configuration', 'reporting', 'dependency']);
/** How deep `${a}` -> `${b}` -> ... is followed before giving up (also stops cycles). */
const MAX_INTERPOLATION_DEPTH = 10;

function isPomPath(filePath: string): boolean {
  const normalised = filePath.replace(/\\/g, '/');
  // POMs inside a local repository or packaged into a jar's META-INF are metadata, not the user's project.
  return /(^|\/)pom\.xml$/.test(normalised) && !/(^|\/)(\.m2|META-INF\/maven)\//.test(normalised);
}

/**
 * Parses pom.xml text. `<dependencies>` of the project and of its profiles are
 * reported; `<dependencyManagement>` entries are not (a managed version is not a
 * use) but give their version, and scope, to the dependencies that omit them.
 * Plugin dependencies are build tooling and are not reported.
 */
export function parsePomXml(text: string): ParsedManifest {
  const lines = new LineIndex(text);
  const xml = parseXmlTolerant(text);
  const errors: ManifestError[] = xml.problems.map((problem) => ({
    message: `pom.xml is not well-formed XML here: ${problem.message}`,
    range: lines.rangeOf(problem.offset, Math.min(text.length, problem.offset + 1)),
  }));
  const model = pomModel(xml.roots, text);
  const resolve = interpolator(model);
  const managed = managedDependencies(xml.roots, text, resolve);

  const dependencies: Dependency[] = [];
  for (const element of descendants(xml.roots)) {
    if (element.name !== 'dependency') continue;
    if (ancestorNames(element).some((name) => NOT_PROJECT_DEPENDENCIES.has(name))) continue;
    const dependency = toDependency(element, text, lines, resolve, managed);
    if (dependency) dependencies.push(dependency);
  }
  const projectLicense = declaredText(model.licenses) ?? undefined;
  return { dependencies, errors, ...(projectLicense ? { projectLicense } : {}) };
}

interface Managed {
  readonly version?: string;
  readonly scope?: string;
}

/** `<dependencyManagement>` entries by `groupId:artifactId`; BOM imports are skipped. */
function managedDependencies(roots: readonly XMLElement[], text: string, resolve: Interpolate): Map<string, Managed> {
  const managed = new Map<string, Managed>();
  for (const element of descendants(roots)) {
    if (element.name !== 'dependency') continue;
    const ancestors = ancestorNames(element);
    if (!ancestors.includes('dependencyManagement') || ancestors.includes('plugin')) continue;
    const groupId = elementText(child(element, 'groupId'), text);
    const artifactId = elementText(child(element, 'artifactId'), text);
    if (!groupId || !artifactId) continue;
    const scope = elementText(child(element, 'scope'), text);
    if (scope && resolve(scope.value) === 'import') continue;
    const key = `${resolve(groupId.value)}:${resolve(artifactId.value)}`;
    if (managed.has(key)) continue; // Maven keeps the first declaration
    const version = elementText(child(element, 'version'), text);
    managed.set(key, {
      ...(version ? { version: resolve(version.value) } : {}),
      ...(scope ? { scope: resolve(scope.value) } : {}),
    });
  }
  return managed;
}

function toDependency(
  element: XMLElement,
  text: string,
  lines: LineIndex,
  resolve: Interpolate,
  managed: ReadonlyMap<string, Managed>,
): Dependency | undefined {
  const artifactId = elementText(child(element, 'artifactId'), text);
  const groupId = elementText(child(element, 'groupId'), text);
  // A half-typed `<artifactId>gua` is not a dependency yet: reporting it would
  // flash "license unknown" on every keystroke.
  if (!artifactId?.closed || !groupId || artifactId.value === '' || groupId.value === '') return undefined;
  const name = `${resolve(groupId.value)}:${resolve(artifactId.value)}`;
  const defaults = managed.get(name);

  const scopeText = elementText(child(element, 'scope'), text);
  const scope = mavenScope(scopeText ? resolve(scopeText.value) : defaults?.scope, isOptional(element, text, resolve));
  if (!scope) return undefined;

  const version: ElementText | undefined = elementText(child(element, 'version'), text);
  const requested = version ? resolve(version.value) : defaults?.version ?? '';
  return {
    ecosystem: 'maven',
    name,
    requested,
    scope,
    range: lines.rangeOf(artifactId.start, artifactId.end),
    ...(version ? { requestedRange: lines.rangeOf(version.start, version.end) } : {}),
    direct: true,
  };
}

function isOptional(element: XMLElement, text: string, resolve: Interpolate): boolean {
  const optional = elementText(child(element, 'optional'), text);
  return optional !== undefined && resolve(optional.value).toLowerCase() === 'true';
}

/**
 * Maven scopes onto ours: compile and runtime ship; test is development-only;
 * provided and system are supplied by the platform. `import` only makes sense in
 * dependencyManagement (a BOM), so it is not a dependency. An unknown scope (a
 * typo, an unresolved property) is treated as compile, Maven's default.
 */
export function mavenScope(scope: string | undefined, optional: boolean): Scope | undefined {
  switch ((scope ?? 'compile').trim().toLowerCase()) {
    case 'import':
      return undefined;
    case 'test':
      return 'test';
    case 'provided':
    case 'system':
      return 'provided';
    default:
      return optional ? 'optional' : 'runtime';
  }
}

/** Replaces `${...}` references; unknown ones are kept as written. */
export type Interpolate = (value: string) => string;

/**
 * `${property}` from `<properties>`, plus the project model values Maven
 * projects use in versions: `${project.version}`, `${project.groupId}`,
 * `${project.parent.version}` (and their deprecated `pom.` forms).
 */
export function interpolator(model: PomModel): Interpolate {
  const builtIns = new Map<string, string | undefined>([
    ['project.groupId', model.groupId ?? model.parent?.groupId],
    ['project.artifactId', model.artifactId],
    ['project.version', model.version ?? model.parent?.version],
    ['project.parent.groupId', model.parent?.groupId],
    ['project.parent.artifactId', model.parent?.artifactId],
    ['project.parent.version', model.parent?.version],
  ]);
  const lookup = (key: string): string | undefined => {
    const modelKey = key.startsWith('pom.') ? `project.${key.slice(4)}` : key;
    return model.properties.get(key) ?? builtIns.get(modelKey);
  };
  const interpolate = (value: string, depth: number): string =>
    depth >= MAX_INTERPOLATION_DEPTH || !value.includes('${')
      ? value
      : value.replace(/\$\{([^${}]+)\}/g, (whole, key: string) => {
          const found = lookup(key.trim());
          return found === undefined ? whole : interpolate(found, depth + 1);
        });
  return (value) => interpolate(value, 0);
}

/** The project-level facts of a POM, tolerant of recovery having moved elements around. */
export function pomModel(roots: readonly XMLElement[], text: string): PomModel {
  const project = roots[0];
  const value = (element: XMLElement | undefined, name: string): string | undefined =>
    element ? elementText(child(element, name), text)?.value || undefined : undefined;
  const parentElement = project ? child(project, 'parent') : undefined;
  const parent = parentElement
    ? {
        ...optionalField('groupId', value(parentElement, 'groupId')),
        ...optionalField('artifactId', value(parentElement, 'artifactId')),
        ...optionalField('version', value(parentElement, 'version')),
      }
    : undefined;
  return {
    ...optionalField('groupId', value(project, 'groupId')),
    ...optionalField('artifactId', value(project, 'artifactId')),
    ...optionalField('version', value(project, 'version')),
    ...(parent ? { parent } : {}),
    licenses: licenseNames(roots, text),
    properties: properties(roots, text),
  };
}

function optionalField<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function licenseNames(roots: readonly XMLElement[], text: string): string[] {
  const names: string[] = [];
  for (const element of descendants(roots)) {
    if (element.name !== 'licenses' || ancestorNames(element).includes('dependency')) continue;
    for (const license of children(element, 'license')) {
      const name = elementText(child(license, 'name'), text)?.value;
      if (name) names.push(name);
    }
  }
  return names;
}

function properties(roots: readonly XMLElement[], text: string): Map<string, string> {
  const project = new Map<string, string>();
  const profiles = new Map<string, string>();
  for (const element of descendants(roots)) {
    if (element.name !== 'properties') continue;
    const ancestors = ancestorNames(element);
    if (ancestors.some((name) => NOT_PROJECT_PROPERTIES.has(name))) continue;
    const target = ancestors.includes('profile') ? profiles : project;
    for (const property of element.subElements) {
      const value = elementText(property, text)?.value;
      if (property.name && value !== undefined && !target.has(property.name)) target.set(property.name, value);
    }
  }
  for (const [key, value] of profiles) if (!project.has(key)) project.set(key, value);
  return project;
}

/** The facts of a POM in a repository (licenses, parent), or undefined when it is not XML at all. */
export function readPomModel(text: string): PomModel | undefined {
  const xml = parseXmlTolerant(text);
  return xml.roots.length === 0 ? undefined : pomModel(xml.roots, text);
}

export const pomXmlFormat: ManifestFormat = {
  ecosystem: 'maven',
  label: 'pom.xml',
  filePattern: '**/pom.xml',
  matches: isPomPath,
  parse: safely(parsePomXml),
};

/** The parser must never throw; an unexpected failure reports no dependencies and one error. */
export function safely(parse: (text: string) => ParsedManifest): (text: string) => ParsedManifest {
  return (text) => {
    try {
      return parse(text);
    } catch (error) {
      const start = { line: 0, character: 0 };
      return { dependencies: [], errors: [{ message: `could not read the manifest: ${String(error)}`, range: { start, end: start } }] };
    }
  };
}
