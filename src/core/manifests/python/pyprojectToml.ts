import type { Dependency, ManifestError, ParsedManifest, Scope } from '../../model';
import { LineIndex } from '../../text';
import { parseTomlTolerant } from '../toml/tolerantToml';
import type { ManifestFormat } from '../types';
import { normalizeName, parsePep508, type Span } from './pep508';
import { scopeOfName } from './scopes';
import { buildTomlTree, itemAt, stringAt, tableAt, type TomlEntry, type TomlItem, type TomlStringItem, type TomlTableItem } from './tomlTree';

/**
 * pyproject.toml: the standard tables and Poetry's.
 *
 * - `[project] dependencies` (PEP 621): runtime;
 * - `[project.optional-dependencies]`: optional, or development-only when the
 *   extra's name says so (`dev`, `test`, `docs`, `lint`, `typing`… see scopes.ts);
 * - `[dependency-groups]` (PEP 735): development-only; `{include-group = "…"}`
 *   entries are checked (unknown group, cycle), each requirement is reported once,
 *   where it is written;
 * - `[tool.poetry.dependencies]` (without `python`; ignored when `[project]
 *   dependencies` exists, as Poetry 2 then only uses it to enrich them),
 *   `[tool.poetry.dev-dependencies]`, `[tool.poetry.group.<name>.dependencies]`
 *   (development-only except the `main` group); `optional = true` makes a main
 *   dependency optional; `path = …` dependencies are the user's own code and skipped;
 * - `[tool.uv] dev-dependencies` and `[tool.pdm.dev-dependencies]`, the
 *   pre-PEP 735 spellings of development groups.
 *
 * The project's license: `[project] license` (an SPDX string, PEP 639, or the
 * older `{ text = … }` / `{ file = … }`) or `[tool.poetry] license`.
 */
export function parsePyproject(text: string): ParsedManifest {
  const { programs, errors: tomlErrors } = parseTomlTolerant(text);
  const root = buildTomlTree(programs, text);
  const reader = new Reader(new LineIndex(text));

  const projectDependencies = itemAt(root, 'project', 'dependencies');
  reader.requirementArray(projectDependencies, 'runtime');
  for (const [name, extra] of entries(tableAt(root, 'project', 'optional-dependencies'))) {
    reader.requirementArray(extra.value, scopeOfName(name, 'optional'));
  }
  readDependencyGroups(reader, tableAt(root, 'dependency-groups'));
  readPoetry(reader, tableAt(root, 'tool', 'poetry'), projectDependencies?.kind === 'array');
  reader.requirementArray(itemAt(root, 'tool', 'uv', 'dev-dependencies'), 'dev');
  for (const [name, group] of entries(tableAt(root, 'tool', 'pdm', 'dev-dependencies'))) {
    reader.requirementArray(group.value, scopeOfName(name, 'dev'));
  }

  const projectLicense = projectLicenseOf(root);
  return {
    dependencies: reader.dependencies,
    errors: [...tomlErrors, ...reader.errors],
    ...(projectLicense ? { projectLicense } : {}),
  };
}

/** Collects dependencies and problems with their document ranges. */
class Reader {
  readonly dependencies: Dependency[] = [];
  readonly errors: ManifestError[] = [];

  constructor(private readonly lines: LineIndex) {}

  /** An array of PEP 508 strings; anything else in it is left to the caller. */
  requirementArray(item: TomlItem | undefined, scope: Scope): void {
    if (item?.kind !== 'array') return;
    for (const element of item.items) {
      if (element.kind === 'string') this.requirementString(element, scope);
    }
  }

  requirementString(item: TomlStringItem, scope: Scope): void {
    // PDM accepts `-e file:///…` (editable local projects): the user's own code.
    if (item.value.trimStart().startsWith('-')) return;
    const requirement = parsePep508(item.value);
    if (!requirement) {
      this.error(`"${item.value}" is not a PEP 508 requirement (such as "requests>=2.31")`, item.start, item.end);
      return;
    }
    const at = (span: Span): Span =>
      item.valueStart === undefined ? { ...span, start: item.start, end: item.end } : { ...span, start: item.valueStart + span.start, end: item.valueStart + span.end };
    if (requirement.problem) {
      const { message, start, end } = requirement.problem;
      const where = at({ start, end: Math.min(end, item.value.length), text: '' });
      this.error(message, where.start, where.end);
    }
    const requested = requirement.url ?? requirement.specifier;
    const name = at(requirement.name);
    this.add(name.text, name, scope, requested?.text ?? '', requested ? at(requested) : undefined);
  }

  add(name: string, nameAt: { start: number; end: number }, scope: Scope, requested: string, requestedAt?: { start: number; end: number }): void {
    this.dependencies.push({
      ecosystem: 'pypi',
      name,
      requested,
      scope,
      range: this.lines.rangeOf(nameAt.start, nameAt.end),
      ...(requestedAt ? { requestedRange: this.lines.rangeOf(requestedAt.start, requestedAt.end) } : {}),
      direct: true,
    });
  }

  error(message: string, start: number, end: number): void {
    this.errors.push({ message, range: this.lines.rangeOf(start, Math.max(end, start)) });
  }
}

function entries(table: TomlTableItem | undefined): Array<[string, TomlEntry]> {
  return table ? [...table.entries] : [];
}

// ---------------------------------------------------------------------------------------------
// PEP 735 dependency groups

function readDependencyGroups(reader: Reader, groups: TomlTableItem | undefined): void {
  if (!groups) return;
  const byName = new Map(entries(groups).map(([name, entry]) => [normalizeName(name), entry]));
  const checked = new Set<string>();
  const visit = (name: string, path: readonly string[]): void => {
    if (checked.has(name)) return;
    checked.add(name);
    const group = byName.get(name);
    if (group?.value.kind !== 'array') return;
    for (const element of group.value.items) {
      const include = stringAt(element, 'include-group');
      if (!include) continue;
      const target = normalizeName(include.value);
      if (!byName.has(target)) {
        reader.error(`there is no dependency group "${include.value}" to include`, include.start, include.end);
      } else if (target === name || path.includes(target)) {
        reader.error(`including "${include.value}" here makes the dependency groups include themselves`, include.start, include.end);
      } else {
        visit(target, [...path, name]);
      }
    }
  };
  for (const [name, group] of entries(groups)) {
    visit(normalizeName(name), []);
    // Every group is development-only (PEP 735: groups are never part of the built package).
    reader.requirementArray(group.value, scopeOfName(name, 'dev') === 'test' ? 'test' : 'dev');
  }
}

// ---------------------------------------------------------------------------------------------
// Poetry

function readPoetry(reader: Reader, poetry: TomlTableItem | undefined, hasProjectDependencies: boolean): void {
  if (!poetry) return;
  if (!hasProjectDependencies) readPoetryTable(reader, tableAt(poetry, 'dependencies'), 'runtime');
  readPoetryTable(reader, tableAt(poetry, 'dev-dependencies'), 'dev');
  for (const [name, group] of entries(tableAt(poetry, 'group'))) {
    const scope = name === 'main' ? 'runtime' : scopeOfName(name, 'dev');
    readPoetryTable(reader, tableAt(group.value, 'dependencies'), scope);
  }
}

function readPoetryTable(reader: Reader, table: TomlTableItem | undefined, scope: Scope): void {
  for (const [name, entry] of entries(table)) {
    if (normalizeName(name) === 'python') continue; // the interpreter, not a package
    const spec = poetrySpec(entry.value);
    if (!spec) continue;
    const effectiveScope = scope === 'runtime' && spec.optional ? 'optional' : scope;
    reader.add(entry.key.text, entry.key, effectiveScope, spec.requested, spec.requestedAt);
  }
}

interface PoetrySpec {
  readonly requested: string;
  readonly requestedAt?: { start: number; end: number };
  readonly optional: boolean;
}

/**
 * `"^1.0"`, `{ version = "^1.0", optional = true, extras = [...] }`,
 * `{ git = "…", tag = "…" }`, `{ url = "…" }`, or an array of those (one per
 * Python version or platform). Undefined for local `path` dependencies.
 */
function poetrySpec(item: TomlItem): PoetrySpec | undefined {
  if (item.kind === 'string') return { requested: item.value, requestedAt: item, optional: false };
  if (item.kind === 'table') {
    if (itemAt(item, 'path')) return undefined;
    const where = stringAt(item, 'version') ?? stringAt(item, 'git') ?? stringAt(item, 'url');
    const optional = isTrue(itemAt(item, 'optional'));
    return { requested: where?.value ?? '', ...(where ? { requestedAt: where } : {}), optional };
  }
  if (item.kind === 'array') {
    const specs = item.items.map(poetrySpec).filter((spec): spec is PoetrySpec => spec !== undefined);
    if (specs.length === 0) return undefined;
    if (specs.length === 1) return specs[0];
    // Alternatives chosen by markers: any of them may be installed.
    return { requested: specs.map((spec) => spec.requested).join(' || '), optional: specs.every((spec) => spec.optional) };
  }
  return undefined;
}

function isTrue(item: TomlItem | undefined): boolean {
  return item?.kind === 'other' && item.value === true;
}

// ---------------------------------------------------------------------------------------------
// The project's own license

function projectLicenseOf(root: TomlTableItem): string | undefined {
  const license = itemAt(root, 'project', 'license');
  if (license?.kind === 'string') return nonEmpty(license.value);
  const text = stringAt(license, 'text');
  if (text) return nonEmpty(text.value);
  const file = stringAt(license, 'file');
  // The npm convention, which the license normaliser already reads as "the license is in that file".
  if (file && nonEmpty(file.value)) return `SEE LICENSE IN ${file.value.trim()}`;
  const poetry = stringAt(root, 'tool', 'poetry', 'license');
  return poetry ? nonEmpty(poetry.value) : undefined;
}

function nonEmpty(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function isPyprojectPath(filePath: string): boolean {
  const normalised = filePath.replace(/\\/g, '/');
  // Installed packages' sources sometimes ship their pyproject.toml: not the user's.
  return /(^|\/)pyproject\.toml$/.test(normalised) && !/(^|\/)(site-packages|dist-packages|node_modules)\//i.test(normalised);
}

export const pyprojectFormat: ManifestFormat = {
  ecosystem: 'pypi',
  label: 'pyproject.toml',
  filePattern: '**/pyproject.toml',
  matches: isPyprojectPath,
  parse: parsePyproject,
};
