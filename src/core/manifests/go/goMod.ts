import type { Dependency, ManifestError, ParsedManifest, Range } from '../../model';
import { LineIndex } from '../../text';
import type { ManifestFormat } from '../types';
import { lexLine, type LexedLine, type Token } from './lexer';
import { isDirectoryPath, moduleOfPackage } from './modulePath';

/**
 * go.mod, read the way golang.org/x/mod/modfile reads it (https://go.dev/ref/mod#go-mod-file):
 * one directive per line, or a block `verb (` … `)` with one entry per line; `//` comments.
 * Hand-written because the grammar is a handful of line shapes and we need exact offsets.
 *
 * What becomes a dependency, and in which scope:
 * - `require path version`: scope `runtime`. A requirement marked `// indirect` is one no
 *   package of this module imports: something we depend on needs it, so it is still built into
 *   the product — runtime — but `direct: false`.
 * - `tool path` (Go 1.24) names a *package* of a required module that developers run (code
 *   generators, linters). `go get -tool` marks the tool's module `// indirect` unless this
 *   module also imports it; so an indirect requirement that provides a tool is there for the
 *   tool, and is development-only (`dev`). A direct requirement that also provides a tool stays
 *   `runtime`: our own code imports it. Tool lines are not dependencies of their own: the
 *   license is the module's, and the module already has its require line to point at.
 *   Limit: go.mod cannot show that another dependency also imports the tool's module; such a
 *   module would be shipped, yet reported as `dev`.
 * - `replace` does not add dependencies: the requirement keeps its name and range, and the
 *   replacement decides where its code (and license) comes from — see `findReplacement`.
 * - `exclude`d versions are never used, so they are not dependencies; `retract`, `module`,
 *   `go`, `toolchain`, `godebug` and `ignore` say nothing about dependencies.
 */

/** A `require` line or block entry. */
export interface GoRequire {
  readonly path: string;
  readonly version: string;
  readonly indirect: boolean;
  readonly pathRange: Range;
  readonly versionRange: Range;
}

/** `replace old [version] => new [version]`; `local` when `new` is a directory (`./x`, `../x`, `/abs`). */
export interface GoReplace {
  readonly oldPath: string;
  /** Only this version is replaced; every version when absent. */
  readonly oldVersion?: string;
  readonly newPath: string;
  /** Absent for a local directory, which has no version. */
  readonly newVersion?: string;
  readonly local: boolean;
  readonly range: Range;
}

/** A `tool` line: a package path. */
export interface GoTool {
  readonly path: string;
  readonly range: Range;
}

export interface GoModFile {
  /** The `module` path: this module's own packages are never dependencies. */
  readonly module?: string;
  readonly requires: readonly GoRequire[];
  readonly replaces: readonly GoReplace[];
  readonly tools: readonly GoTool[];
  readonly errors: readonly ManifestError[];
}

/** Directives that exist; others are reported, since the go command rejects them too. */
const KNOWN_DIRECTIVES = new Set(['module', 'go', 'toolchain', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore']);

/** Beyond this many problems a file is garbage; more squiggles would not help anyone. */
const MAX_ERRORS = 100;

/** A canonical or fixable module version: `v` and a digit (`v1.2.3`, `v0.0.0-2023…-abcdef`, `v2.0.0+incompatible`). */
const VERSION = /^v\d[0-9A-Za-z.+\-]*$/;

/** The characters of module and package paths (golang.org/x/mod/module: letters, digits, `-._~`, and `+` in packages). */
const MODULE_PATH = /^[A-Za-z0-9._~+\-]+(\/[A-Za-z0-9._~+\-]+)*$/;

class GoModReader {
  private module?: string;
  private readonly requires: GoRequire[] = [];
  private readonly replaces: GoReplace[] = [];
  private readonly tools: GoTool[] = [];
  private readonly errors: ManifestError[] = [];
  /** The verb of the block being read, if any. */
  private block: Token | undefined;

  constructor(private readonly lines: LineIndex) {}

  /** One line: a block's end, a block entry, a block's start or a directive. */
  line({ tokens, comment, error }: LexedLine): void {
    if (this.block && isPunct(tokens[0], ')')) {
      if (tokens.length > 1) this.error('unexpected text after )', tokens[1].start, tokens[tokens.length - 1].end);
      this.block = undefined;
    } else if (error) {
      this.error(error.message, error.start, error.end);
    } else if (tokens.length > 0) {
      this.statement(tokens, comment);
    }
  }

  private statement(tokens: readonly Token[], comment: string | undefined): void {
    const [first, second, third] = tokens;
    const opensBlock = first.kind === 'ident' && isPunct(second, '(') && (tokens.length === 2 || (tokens.length === 3 && isPunct(third, ')')));
    if (this.block && opensBlock && KNOWN_DIRECTIVES.has(first.value)) {
      // A forgotten `)`: the next block starts here, as the user obviously meant.
      this.unclosedBlock();
    }
    if (this.block) return this.entry(this.block, tokens, comment);
    if (first.kind !== 'ident') {
      return this.error('expected a directive (require, replace, exclude, …)', first.start, tokens[tokens.length - 1].end);
    }
    const known = KNOWN_DIRECTIVES.has(first.value);
    if (!known) this.error(`unknown directive: ${first.value}`, first.start, first.end);
    // `verb (` opens a block (an unknown verb's entries are skipped quietly); `verb ()` is empty.
    if (opensBlock) this.block = tokens.length === 2 ? first : undefined;
    else if (known) this.entry(first, tokens.slice(1), comment);
  }

  private unclosedBlock(): void {
    if (!this.block) return;
    this.error(`the ${this.block.value} block is not closed with )`, this.block.start, this.block.end);
    this.block = undefined;
  }

  end(): GoModFile {
    this.unclosedBlock();
    return { ...(this.module ? { module: this.module } : {}), requires: this.requires, replaces: this.replaces, tools: this.tools, errors: this.errors };
  }

  private range(start: number, end: number): Range {
    return this.lines.rangeOf(start, end);
  }

  private error(message: string, start: number, end: number): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ message, range: this.range(start, end) });
  }

  /** One directive, written on its own line or as an entry of a block of that verb. */
  private entry(verb: Token, args: readonly Token[], comment: string | undefined): void {
    switch (verb.value) {
      case 'module':
        if (isWord(args[0])) this.module = args[0].value;
        return;
      case 'require':
        return this.require(verb, args, comment);
      case 'replace':
        return this.replace(verb, args);
      case 'tool':
        return this.tool(verb, args);
      default:
        return; // known directives that name no dependency
    }
  }

  private require(verb: Token, args: readonly Token[], comment: string | undefined): void {
    const [path, version, ...extra] = args;
    if (!isWord(path) || !MODULE_PATH.test(path.value)) {
      this.error('expected a module path, like `require example.com/mod v1.2.3`', (path ?? verb).start, (path ?? verb).end);
      return;
    }
    // A half-typed requirement is not a dependency yet: it would flash "license unknown".
    if (!isWord(version) || !VERSION.test(version.value)) {
      this.error(`expected a version after ${path.value}, like v1.2.3`, version?.start ?? path.start, version?.end ?? path.end);
      return;
    }
    if (extra.length > 0) this.error('unexpected text after the version', extra[0].start, extra[extra.length - 1].end);
    this.requires.push({
      path: path.value,
      version: version.value,
      indirect: isIndirect(comment),
      pathRange: this.range(path.start, path.end),
      versionRange: this.range(version.start, version.end),
    });
  }

  private replace(verb: Token, args: readonly Token[]): void {
    const arrow = args.findIndex((token) => token.kind === 'ident' && token.value === '=>');
    const usage = 'expected `replace module [version] => module version` or `replace module [version] => ../directory`';
    if (arrow !== 1 && arrow !== 2) {
      this.error(usage, (args[0] ?? verb).start, (args[args.length - 1] ?? verb).end);
      return;
    }
    const [oldPath, oldVersion] = args;
    const [newPath, newVersion, ...extra] = args.slice(arrow + 1);
    if (!isWord(oldPath) || (arrow === 2 && !isWord(oldVersion)) || !isWord(newPath) || extra.length > 0) {
      this.error(usage, args[0].start, args[args.length - 1].end);
      return;
    }
    const local = isDirectoryPath(newPath.value);
    if (local && newVersion) this.error('a local directory replacement has no version', newVersion.start, newVersion.end);
    const base = { oldPath: oldPath.value, ...(arrow === 2 ? { oldVersion: oldVersion.value } : {}), newPath: newPath.value, range: this.range(newPath.start, newPath.end) };
    if (local) {
      this.replaces.push({ ...base, local: true });
    } else if (isWord(newVersion)) {
      this.replaces.push({ ...base, newVersion: newVersion.value, local: false });
    } else {
      this.error(`the replacement ${newPath.value} needs a version, or a path starting with ./ or ../ for a local directory`, newPath.start, newPath.end);
    }
  }

  private tool(verb: Token, args: readonly Token[]): void {
    const [path, ...extra] = args;
    if (!isWord(path) || extra.length > 0) {
      this.error('expected a package path, like `tool golang.org/x/tools/cmd/stringer`', (path ?? verb).start, (args[args.length - 1] ?? verb).end);
      return;
    }
    this.tools.push({ path: path.value, range: this.range(path.start, path.end) });
  }

  build(): GoModFile {
    return { ...(this.module ? { module: this.module } : {}), requires: this.requires, replaces: this.replaces, tools: this.tools, errors: this.errors };
  }
}

function isWord(token: Token | undefined): token is Token {
  return token !== undefined && token.kind !== 'punct';
}

/** `// indirect`, or `// indirect; anything` (modfile's isIndirect). */
function isIndirect(comment: string | undefined): boolean {
  if (comment === undefined) return false;
  const fields = comment.trim().split(/\s+/);
  return (fields.length === 1 && fields[0] === 'indirect') || (fields.length > 1 && fields[0] === 'indirect;');
}

function isPunct(token: Token | undefined, char: string): boolean {
  return token?.kind === 'punct' && token.value === char;
}

/** The directives, requirements, replacements and tools of a go.mod text. Never throws. */
export function parseGoModFile(text: string): GoModFile {
  const reader = new GoModReader(new LineIndex(text));
  for (let lineStart = 0; lineStart <= text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    reader.line(lexLine(text, lineStart, lineEnd));
    lineStart = lineEnd + 1;
  }
  return reader.end();
}

/**
 * The replacement that applies to one version of a module: a replacement of that exact
 * version wins over one of every version (as the go command decides); the last one written
 * wins among equals (the go command refuses conflicting ones).
 */
export function findReplacement(replaces: readonly GoReplace[], path: string, version: string | undefined): GoReplace | undefined {
  let any: GoReplace | undefined;
  let exact: GoReplace | undefined;
  for (const replace of replaces) {
    if (replace.oldPath !== path) continue;
    if (replace.oldVersion === undefined) any = replace;
    else if (replace.oldVersion === version) exact = replace;
  }
  return exact ?? any;
}

/** go.mod text to dependencies with exact ranges. Never throws. */
export function parseGoMod(text: string): ParsedManifest {
  const file = parseGoModFile(text);
  const requiredPaths = file.requires.map((r) => r.path);
  const toolModules = new Set(file.tools.map((tool) => moduleOfPackage(tool.path, requiredPaths)).filter((m) => m !== undefined));
  const dependencies: Dependency[] = file.requires.map((require) => ({
    ecosystem: 'go',
    name: require.path,
    requested: require.version,
    scope: require.indirect && toolModules.has(require.path) ? 'dev' : 'runtime',
    range: require.pathRange,
    requestedRange: require.versionRange,
    direct: !require.indirect,
  }));
  return { dependencies, errors: file.errors };
}

function isGoModPath(filePath: string): boolean {
  const normalised = filePath.replace(/\\/g, '/');
  // Vendored and cached modules' own go.mod files are metadata, not the user's requirements.
  // Module cache folders are named `<path>@<version>`.
  return /(^|\/)go\.mod$/.test(normalised) && !/(^|\/)vendor\//.test(normalised) && !/(^|\/)[^/@]+@v\d[^/]*\//.test(normalised);
}

export const goModFormat: ManifestFormat = {
  ecosystem: 'go',
  label: 'go.mod',
  filePattern: '**/go.mod',
  matches: isGoModPath,
  parse: parseGoMod,
};
