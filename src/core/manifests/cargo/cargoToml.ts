import type { AST } from 'toml-eslint-parser';
import type { Dependency, ManifestError, ParsedManifest, Range, Scope } from '../../model';
import { LineIndex } from '../../text';
import type { TomlProgram } from '../toml/tolerantToml';
import type { ManifestFormat } from '../types';
import { parseTomlRecovering } from './recoveringToml';

/** The dependency tables of a Cargo.toml and the scope each implies (the underscore forms are Cargo's legacy spellings). */
const SECTION_SCOPES: Readonly<Record<string, Scope>> = {
  dependencies: 'runtime',
  'dev-dependencies': 'dev',
  dev_dependencies: 'dev',
  'build-dependencies': 'build',
  build_dependencies: 'build',
};

/** A string as written in the document: its value and the range of its characters (without quotes). */
export interface WrittenString {
  readonly value: string;
  readonly range: Range;
}

/**
 * One entry of a dependency table, with everything Cargo lets it say, before
 * deciding whether it names a third-party package (path dependencies do not).
 */
export interface CargoDependencyEntry {
  /** The key as written: the dependency's name, or its alias when `package` renames it. */
  readonly key: string;
  readonly keyRange: Range;
  /** The scope of its table; `optional = true` is applied by `toDependency`. */
  readonly tableScope: Scope;
  /** Declared in `[workspace.dependencies]`, for members to inherit. */
  readonly workspaceDeclaration: boolean;
  readonly version?: WrittenString;
  /** The real package name when the key is an alias. */
  readonly package?: string;
  readonly path?: string;
  readonly git?: WrittenString;
  /** `workspace = true`: inherits the declaration of the workspace root. */
  readonly inheritsWorkspace: boolean;
  readonly optional: boolean;
}

/** The `[package]` fields the license sources need. */
export interface CargoPackageInfo {
  readonly name?: string;
  readonly version?: string;
  readonly license?: string;
  readonly licenseFile?: string;
  /** `license.workspace = true`: the license is the workspace root's `[workspace.package] license`. */
  readonly licenseFromWorkspace: boolean;
}

export interface CargoManifest {
  readonly entries: readonly CargoDependencyEntry[];
  readonly package?: CargoPackageInfo;
  /** `[workspace.package]`, which members inherit with `license.workspace = true`. */
  readonly workspacePackage?: { readonly license?: string; readonly licenseFile?: string };
  /** The file has a `[workspace]` table: it is the root of a workspace. */
  readonly isWorkspaceRoot: boolean;
  readonly errors: readonly ManifestError[];
}

/** One segment of a dotted key, with the offsets of its characters (without quotes). */
interface KeyPart {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

type ContentNode = AST.TOMLContentNode;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Reads a Cargo.toml: its dependency tables in every form Cargo accepts (string
 * versions, inline tables, `[dependencies.name]` tables, dotted keys, target-specific
 * tables) and its `[package]` and `[workspace.package]` license fields. Never throws;
 * a half-typed line hides only itself, a broken table header only its table.
 */
export function readCargoManifest(text: string): CargoManifest {
  const { programs, errors } = parseTomlRecovering(text);
  const reader = new ManifestReader(new LineIndex(text));
  for (const program of programs) walkProgram(program, reader);
  return reader.result(errors);
}

/** Cargo.toml text to the third-party dependencies it declares. */
export function parseCargoToml(text: string): ParsedManifest {
  const manifest = readCargoManifest(text);
  const dependencies = manifest.entries.flatMap((entry) => toDependency(entry) ?? []);
  const projectLicense = manifest.package?.license ?? manifest.workspacePackage?.license;
  return { dependencies, errors: manifest.errors, ...(projectLicense ? { projectLicense } : {}) };
}

/**
 * The dependency an entry names, or undefined for a path dependency: that is the
 * project's own code (another crate of the repository), not a third-party package.
 */
export function toDependency(entry: CargoDependencyEntry): Dependency | undefined {
  if (entry.path !== undefined) return undefined;
  const name = entry.package?.trim() ? entry.package : entry.key;
  if (name.trim() === '') return undefined;
  const requested = entry.inheritsWorkspace ? 'workspace' : entry.git ? `git:${entry.git.value}` : (entry.version?.value ?? '*');
  const requestedRange = entry.inheritsWorkspace ? undefined : (entry.git ?? entry.version)?.range;
  // Only normal dependencies can be optional features of the crate; an optional
  // build dependency is still development-only.
  const scope: Scope = entry.tableScope === 'runtime' && entry.optional ? 'optional' : entry.tableScope;
  return {
    ecosystem: 'cargo',
    name,
    requested,
    scope,
    range: entry.keyRange,
    ...(requestedRange ? { requestedRange } : {}),
    direct: true,
  };
}

/** Calls the reader for every table and value of the document, with its full dotted key. */
function walkProgram(program: TomlProgram, reader: ManifestReader): void {
  for (const item of program.body[0]?.body ?? []) {
    if (item.type === 'TOMLKeyValue') {
      walkKeyValue([], item, reader);
    } else if (item.kind === 'standard') {
      // Arrays of tables ([[bin]], [[test]]…) never hold dependencies.
      const parts = keyParts(item.key);
      reader.container(parts);
      for (const keyValue of item.body) walkKeyValue(parts, keyValue, reader);
    }
  }
}

function walkKeyValue(prefix: readonly KeyPart[], keyValue: AST.TOMLKeyValue, reader: ManifestReader): void {
  const parts = [...prefix, ...keyParts(keyValue.key)];
  if (keyValue.value.type === 'TOMLInlineTable') {
    reader.container(parts);
    for (const inner of keyValue.value.body) walkKeyValue(parts, inner, reader);
  } else {
    reader.leaf(parts, keyValue.value);
  }
}

function keyParts(key: AST.TOMLKey): KeyPart[] {
  return key.keys.map((part) =>
    part.type === 'TOMLBare'
      ? { name: part.name, start: part.range[0], end: part.range[1] }
      : { name: part.value, start: part.range[0] + 1, end: part.range[1] - 1 },
  );
}

/** Where a dotted key points into a dependency table: the index of the dependency's name, and the table's scope. */
function dependencyTable(names: readonly string[]): { nameIndex: number; scope: Scope; workspace: boolean } | undefined {
  if (SECTION_SCOPES[names[0]] && names.length > 1) return { nameIndex: 1, scope: SECTION_SCOPES[names[0]], workspace: false };
  if (names[0] === 'target' && names.length > 3 && SECTION_SCOPES[names[2]]) {
    return { nameIndex: 3, scope: SECTION_SCOPES[names[2]], workspace: false };
  }
  if (names[0] === 'workspace' && names[1] === 'dependencies' && names.length > 2) return { nameIndex: 2, scope: 'runtime', workspace: true };
  return undefined;
}

/** Collects what the walk finds; one instance per document. */
class ManifestReader {
  private readonly entries = new Map<string, Mutable<CargoDependencyEntry>>();
  private readonly packageInfo: Mutable<CargoPackageInfo> = { licenseFromWorkspace: false };
  private readonly workspacePackage: { license?: string; licenseFile?: string } = {};
  private hasPackage = false;
  private hasWorkspacePackage = false;
  private isWorkspaceRoot = false;

  constructor(private readonly lines: LineIndex) {}

  /** A table or inline table: `[dependencies.serde]` alone declares serde. */
  container(parts: readonly KeyPart[]): void {
    this.notice(parts);
    const names = parts.map((part) => part.name);
    const table = dependencyTable(names);
    if (table && names.length === table.nameIndex + 1) this.entry(parts, table);
  }

  leaf(parts: readonly KeyPart[], value: ContentNode): void {
    this.notice(parts);
    const names = parts.map((part) => part.name);
    const table = dependencyTable(names);
    if (table) {
      this.dependencyField(parts, names.slice(table.nameIndex + 1), value, table);
    } else if (names[0] === 'package') {
      this.packageField(names.slice(1), value);
    } else if (names[0] === 'workspace' && names[1] === 'package') {
      this.workspacePackageField(names.slice(2), value);
    }
  }

  result(errors: readonly ManifestError[]): CargoManifest {
    return {
      entries: [...this.entries.values()],
      ...(this.hasPackage ? { package: this.packageInfo } : {}),
      ...(this.hasWorkspacePackage ? { workspacePackage: this.workspacePackage } : {}),
      isWorkspaceRoot: this.isWorkspaceRoot,
      errors,
    };
  }

  private notice(parts: readonly KeyPart[]): void {
    if (parts[0]?.name === 'package') this.hasPackage = true;
    if (parts[0]?.name === 'workspace') this.isWorkspaceRoot = true;
    if (parts[0]?.name === 'workspace' && parts[1]?.name === 'package') this.hasWorkspacePackage = true;
  }

  private dependencyField(parts: readonly KeyPart[], field: readonly string[], value: ContentNode, table: { nameIndex: number; scope: Scope; workspace: boolean }): void {
    const text = stringValue(value);
    if (field.length === 0) {
      // `serde = "1.0"`; any other bare value (`serde = 1`) is not a dependency Cargo accepts.
      if (text !== undefined) this.entry(parts, table).version = this.written(value, text);
      return;
    }
    const entry = this.entry(parts, table);
    if (field.length !== 1) return;
    switch (field[0]) {
      case 'version':
        if (text !== undefined) entry.version = this.written(value, text);
        break;
      case 'package':
        if (text !== undefined) entry.package = text;
        break;
      case 'path':
        if (text !== undefined) entry.path = text;
        break;
      case 'git':
        if (text !== undefined) entry.git = this.written(value, text);
        break;
      case 'workspace':
        entry.inheritsWorkspace = booleanValue(value) === true;
        break;
      case 'optional':
        entry.optional = booleanValue(value) === true;
        break;
    }
  }

  private packageField(field: readonly string[], value: ContentNode): void {
    const text = stringValue(value);
    const [name, sub] = field;
    if (field.length === 1 && text !== undefined) {
      if (name === 'name') this.packageInfo.name = text;
      else if (name === 'version') this.packageInfo.version = text;
      else if (name === 'license') this.packageInfo.license = text;
      else if (name === 'license-file') this.packageInfo.licenseFile = text;
    } else if (name === 'license' && sub === 'workspace' && field.length === 2) {
      this.packageInfo.licenseFromWorkspace = booleanValue(value) === true;
    }
  }

  private workspacePackageField(field: readonly string[], value: ContentNode): void {
    const text = stringValue(value);
    if (field.length !== 1 || text === undefined) return;
    if (field[0] === 'license') this.workspacePackage.license = text;
    else if (field[0] === 'license-file') this.workspacePackage.licenseFile = text;
  }

  /** The entry of the dependency the key points into, created at its first mention. */
  private entry(parts: readonly KeyPart[], table: { nameIndex: number; scope: Scope; workspace: boolean }): Mutable<CargoDependencyEntry> {
    const id = parts
      .slice(0, table.nameIndex + 1)
      .map((part) => part.name)
      .join('\u0000');
    let entry = this.entries.get(id);
    if (!entry) {
      const keyPart = parts[table.nameIndex];
      entry = {
        key: keyPart.name,
        keyRange: this.lines.rangeOf(keyPart.start, keyPart.end),
        tableScope: table.scope,
        workspaceDeclaration: table.workspace,
        inheritsWorkspace: false,
        optional: false,
      };
      this.entries.set(id, entry);
    }
    return entry;
  }

  private written(node: ContentNode, value: string): WrittenString {
    const quote = node.type === 'TOMLValue' && node.kind === 'string' && node.multiline ? 3 : 1;
    return { value, range: this.lines.rangeOf(node.range[0] + quote, node.range[1] - quote) };
  }
}

function stringValue(node: ContentNode): string | undefined {
  return node.type === 'TOMLValue' && node.kind === 'string' ? node.value : undefined;
}

function booleanValue(node: ContentNode): boolean | undefined {
  return node.type === 'TOMLValue' && node.kind === 'boolean' ? node.value : undefined;
}

/**
 * Cargo.toml files of the project, not the copies Cargo keeps of downloaded crates
 * (`vendor/<crate>/`, the registry cache, git checkouts, `target/package/`).
 */
function isCargoTomlPath(filePath: string): boolean {
  const normalised = filePath.replace(/\\/g, '/');
  if (!/(^|\/)Cargo\.toml$/.test(normalised)) return false;
  return !/(^|\/)(vendor\/[^/]+|registry\/src\/[^/]+\/[^/]+|git\/checkouts\/.+|target\/package\/[^/]+)\/Cargo\.toml$/.test(normalised);
}

export const cargoTomlFormat: ManifestFormat = {
  ecosystem: 'cargo',
  label: 'Cargo.toml',
  filePattern: '**/Cargo.toml',
  matches: isCargoTomlPath,
  parse: parseCargoToml,
};
