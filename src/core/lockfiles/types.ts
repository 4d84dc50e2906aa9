import type { Dependency, Ecosystem, Scope } from '../model';

/** A package a manifest does not name but installs through one of its dependencies. */
export interface TransitiveDependency {
  readonly ecosystem: Ecosystem;
  /** The package's real name (an npm alias is resolved to the package it installs). */
  readonly name: string;
  readonly version: string;
  /**
   * The chain from a direct dependency: [direct, …, parent] (names), the shortest one
   * when there are several. Empty when the lockfile records no graph (Go's go.sum and
   * vendor/modules.txt): the package is used, but nothing says through what.
   */
  readonly via: readonly string[];
  /** The direct dependency that pulls it in (via[0]), as the manifest names it; '' when via is empty. */
  readonly root: string;
  /**
   * Scope inherited from the root: a package reached only through dev dependencies is dev;
   * one reached through a runtime dependency is runtime whatever else reaches it.
   * Without a graph it is runtime, the conservative choice.
   */
  readonly scope: Scope;
  /** License the lockfile itself records, when it does (package-lock v2/v3 `license`). */
  readonly declared?: string;
  /** Absolute path of the lockfile it was read from. */
  readonly lockfile: string;
}

export interface TransitiveSearch {
  /** The lockfile that applies to the manifest, when there is one. */
  readonly lockfile?: string;
  readonly dependencies: TransitiveDependency[];
  /** Plain-English reasons why the list may be incomplete (a broken or stale lockfile…). */
  readonly problems: string[];
}

/**
 * One package of a lockfile. Nodes are numbered by their index in `LockGraph.nodes`;
 * edges are indices, so walks are array lookups rather than string hashing.
 */
export interface LockNode {
  readonly name: string;
  readonly version: string;
  readonly declared?: string;
  /**
   * The project's own code (a workspace member, a path or editable dependency): walked
   * through, since what it depends on ships too, but never reported itself.
   */
  readonly own?: boolean;
  /** Dependencies that are installed with this package. */
  readonly edges: readonly number[];
  /**
   * Dependencies installed only in some cases the lockfile does not settle (an extra
   * nobody is known to request): followed only to packages nothing else reaches.
   */
  readonly weakEdges?: readonly number[];
}

export interface LockGraph {
  readonly nodes: readonly LockNode[];
}

/** What `roots` needs to know about the manifest being checked. */
export interface RootRequest {
  /**
   * The manifest's folder relative to the lockfile's, with `/` separators: '' when they
   * are the same folder, `packages/web` for a workspace member.
   */
  readonly member: string;
  readonly direct: readonly Dependency[];
  /** The manifest's text (Cargo.toml's package name, go.mod's go version). */
  readonly manifestText?: string;
}

export interface RootResolution {
  /** For each direct dependency (same order), the nodes it resolves to; empty when none. */
  readonly roots: ReadonlyArray<readonly number[]>;
  /** Packages the lockfile says are used, without saying through which dependency (Go). */
  readonly unattached?: readonly number[];
  readonly problems: readonly string[];
}

/** A lockfile read into a graph; `roots` ties a manifest's direct dependencies to it. */
export interface ParsedLockfile {
  readonly graph: LockGraph;
  /** Problems found while reading the file, whatever the manifest. */
  readonly problems: readonly string[];
  roots(request: RootRequest): RootResolution;
}

/** One lockfile format: its file name (relative to the folder searched) and its parser. */
export interface LockfileFormat {
  readonly ecosystem: Ecosystem;
  /** Relative path of the lockfile from the folder it applies to (`vendor/modules.txt`). */
  readonly file: string;
  /** Text to graph. Never throws, whatever the text. */
  parse(text: string): ParsedLockfile;
}
