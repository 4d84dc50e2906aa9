/**
 * Plain data shared by every part of the core. Adapters (editor, CLI) turn these
 * into their own shapes; nothing here knows about VS Code.
 */

/** 0-based line and UTF-16 character, the same convention as LSP and VS Code. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type Ecosystem = 'npm' | 'pypi' | 'cargo' | 'go' | 'maven' | 'nuget';

export const ECOSYSTEMS: readonly Ecosystem[] = ['npm', 'pypi', 'cargo', 'go', 'maven', 'nuget'];

/**
 * Where a dependency is used. Ecosystems map their own scopes onto these:
 * - runtime, optional, peer: shipped with the product;
 * - dev, test, build: development-only, never shipped;
 * - provided: needed to compile, supplied by the platform at run time, not shipped by us.
 */
export type Scope = 'runtime' | 'dev' | 'optional' | 'peer' | 'test' | 'build' | 'provided';

export const SCOPES: readonly Scope[] = ['runtime', 'dev', 'optional', 'peer', 'test', 'build', 'provided'];

/** Scopes that never ship with the product. */
export const DEVELOPMENT_ONLY_SCOPES: readonly Scope[] = ['dev', 'test', 'build', 'provided'];

export type Verdict = 'allow' | 'review' | 'deny';

/** A dependency as written in a manifest. */
export interface Dependency {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  /** What the manifest asks for (a version range, tag, URL…), verbatim. */
  readonly requested: string;
  readonly scope: Scope;
  /** Range of the dependency's name in the manifest text (without quotes). */
  readonly range: Range;
  /** Range of the requested version in the manifest text (without quotes), when there is one. */
  readonly requestedRange?: Range;
  readonly direct: boolean;
}

/** A problem with the manifest text itself (e.g. half-typed JSON). */
export interface ManifestError {
  readonly message: string;
  readonly range: Range;
}

/** Another file the manifest pulls in (e.g. `-r base.txt` in requirements.txt). */
export interface ManifestInclude {
  /** As written, relative to the manifest's folder. */
  readonly path: string;
  readonly range: Range;
  /** `requirements` adds dependencies; `constraints` only pins versions of others. */
  readonly kind: 'requirements' | 'constraints';
}

export interface ParsedManifest {
  readonly dependencies: readonly Dependency[];
  readonly errors: readonly ManifestError[];
  /** The project's own declared license, when the manifest states one. */
  readonly projectLicense?: string;
  readonly includes?: readonly ManifestInclude[];
}
