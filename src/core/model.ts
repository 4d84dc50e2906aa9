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

export type Ecosystem = 'npm';

/**
 * Where a dependency is used. `dev` is development-only (never shipped); the
 * others ship with the product. Ecosystems map their own scopes onto these.
 */
export type Scope = 'runtime' | 'dev' | 'optional' | 'peer';

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

export interface ParsedManifest {
  readonly dependencies: readonly Dependency[];
  readonly errors: readonly ManifestError[];
  /** The project's own declared license, when the manifest states one. */
  readonly projectLicense?: string;
}
