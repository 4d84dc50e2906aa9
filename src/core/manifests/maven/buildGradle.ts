import { declaredText } from '../../licenses/normalize';
import type { Dependency, ParsedManifest, Scope } from '../../model';
import { LineIndex } from '../../text';
import type { ManifestFormat } from '../types';
import { isStringToken, tokenize, type StringToken, type Token } from './gradleTokens';
import { safely } from './pomXml';

export type GradleDialect = 'groovy' | 'kotlin';

/** Configurations whose name says what they are for, whatever the source-set prefix. */
const BUILD_CONFIGURATIONS = /^(annotationProcessor|kapt|ksp|classpath)$|^(kapt|ksp)[A-Z]|AnnotationProcessor$/;
/**
 * Dependency configurations: a standard name, optionally after a source-set or
 * variant prefix (`testImplementation`, `debugApi`, `integrationTestRuntimeOnly`).
 */
const CONFIGURATION_SUFFIX = /^(?:[a-z][A-Za-z0-9]*?)??(implementation|Implementation|api|Api|compileOnlyApi|CompileOnlyApi|compileOnly|CompileOnly|runtimeOnly|RuntimeOnly|compile|Compile|runtime|Runtime|developmentOnly|providedCompile|providedRuntime)$/;
/** How deep `$a` -> `$b` -> … is followed before giving up (also stops cycles). */
const VARIABLE_LIMIT = 10;
/** How far back a mismatched closing bracket looks for its partner before it is ignored. */
const BRACKET_LOOKBACK = 8;

/**
 * The scope a Gradle configuration implies: `implementation`/`api`/`runtimeOnly`
 * ship; `compileOnly` is provided by the platform; anything for tests (any
 * configuration whose name mentions a test source set) is test; annotation
 * processors, KAPT/KSP and buildscript `classpath` are build. Undefined for a
 * name that is not a dependency configuration.
 */
export function gradleScope(configuration: string): Scope | undefined {
  if (BUILD_CONFIGURATIONS.test(configuration)) return 'build';
  const match = CONFIGURATION_SUFFIX.exec(configuration);
  if (!match) return undefined;
  if (/test/i.test(configuration)) return 'test';
  const base = match[1].toLowerCase();
  if (base === 'developmentonly') return 'dev';
  if (base.startsWith('compileonly') || base.startsWith('provided')) return 'provided';
  return 'runtime';
}

interface Context {
  readonly dialect: GradleDialect;
  readonly tokens: readonly Token[];
  /** For each opening bracket, the index of its closing one (and the reverse). */
  readonly partner: ReadonlyMap<number, number>;
  readonly variables: ReadonlyMap<string, string>;
  readonly lines: LineIndex;
}

/**
 * Parses build.gradle (Groovy) or build.gradle.kts (Kotlin) text with a
 * hand-written scanner. Reports declarations in `dependencies { }` blocks (also
 * `buildscript { dependencies { classpath … } }`): string notation (`'g:a:v'`,
 * `("g:a:v")`), map notation (`group: 'g', name: 'a', version: 'v'`, Kotlin's
 * `group = "g", …`) and Kotlin's `kotlin("stdlib")`. Versions written as
 * `$var`/`${var}` are resolved from simple string variables of the same file
 * (`ext.x = '…'`, `ext { x = '…' }`, `def x = '…'`, `val x = "…"`,
 * `extra["x"] = "…"`, map literals `[x: '…']`); others stay as written. Local
 * projects, files, platforms (BOMs), constraints and version-catalog
 * accessors (`libs.foo`) are skipped.
 */
export function parseBuildGradle(text: string, dialect: GradleDialect): ParsedManifest {
  const lines = new LineIndex(text);
  const scanned = tokenize(text);
  const tokens = scanned.tokens;
  const context: Context = { dialect, tokens, partner: brackets(tokens), variables: new Map(), lines };
  const ctx: Context = { ...context, variables: variables(context) };

  const dependencies: Dependency[] = [];
  const licenses: string[] = [];
  const blocks = new BlockStack();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'punct' && token.value === '{') {
      blocks.push(blockName(ctx, i));
    } else if (token.kind === 'punct' && token.value === '}') {
      blocks.pop();
    } else if (token.kind === 'ident') {
      if (blocks.within('dependencies') && !blocks.within('constraints')) {
        const found = declaration(ctx, i, blocks);
        if (found) {
          dependencies.push(...found.dependencies);
          // The arguments were read: only their brackets still matter (for the block stack).
          for (; i + 1 < found.end; i++) {
            if (isPunct(tokens[i + 1], '{')) blocks.push('');
            else if (isPunct(tokens[i + 1], '}')) blocks.pop();
          }
          continue;
        }
      }
      if (token.value === 'name' && blocks.innermost() === 'license' && blocks.within('licenses')) {
        const name = assignedString(ctx, i);
        if (name) licenses.push(name);
      }
    }
  }
  const errors = scanned.problems.map((p) => ({ message: `${p.message} in the build script`, range: lines.rangeOf(p.start, p.end) }));
  const projectLicense = declaredText(licenses) ?? undefined;
  return { dependencies, errors, ...(projectLicense ? { projectLicense } : {}) };
}

/** The names of the enclosing blocks, with counts so that "are we inside X" costs nothing. */
class BlockStack {
  private readonly names: string[] = [];
  private readonly counts = new Map<string, number>();

  push(name: string): void {
    this.names.push(name);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  pop(): void {
    const name = this.names.pop();
    if (name !== undefined) this.counts.set(name, (this.counts.get(name) ?? 1) - 1);
  }

  within(name: string): boolean {
    return (this.counts.get(name) ?? 0) > 0;
  }

  innermost(): string | undefined {
    return this.names[this.names.length - 1];
  }
}

/** Pairs every bracket with its partner so that argument lists and block names are found in one step. */
function brackets(tokens: readonly Token[]): Map<number, number> {
  const partner = new Map<number, number>();
  const open: number[] = [];
  const pairs: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
  tokens.forEach((token, i) => {
    if (token.kind !== 'punct') return;
    if ('([{'.includes(token.value)) {
      open.push(i);
    } else if (token.value in pairs) {
      // An unbalanced closer is ignored; a mismatched one closes up to its (near) partner.
      let at = open.length - 1;
      while (at >= 0 && open.length - at <= BRACKET_LOOKBACK && tokens[open[at]].value !== pairs[token.value]) at--;
      if (at < 0 || tokens[open[at]].value !== pairs[token.value]) return;
      const j = open[at];
      open.length = at;
      partner.set(j, i);
      partner.set(i, j);
    }
  });
  return partner;
}

/** `dependencies {` -> "dependencies"; `implementation("…") {` -> "implementation". */
function blockName(ctx: Context, brace: number): string {
  let i = previous(ctx.tokens, brace);
  const before = ctx.tokens[i];
  if (before?.kind === 'punct' && before.value === ')') i = previous(ctx.tokens, ctx.partner.get(i) ?? i);
  const name = ctx.tokens[i];
  return name?.kind === 'ident' ? name.value : '';
}

/** Index of the previous token that is not a line break, or -1. */
function previous(tokens: readonly Token[], i: number): number {
  let j = i - 1;
  while (j >= 0 && tokens[j].kind === 'newline') j--;
  return j;
}

const isPunct = (token: Token | undefined, value: string): boolean => token?.kind === 'punct' && token.value === value;

/**
 * The dependencies declared by the configuration call at `i`, and the index
 * where its arguments end; undefined when the identifier is not such a call.
 */
function declaration(ctx: Context, i: number, blocks: BlockStack): { dependencies: Dependency[]; end: number } | undefined {
  const { tokens } = ctx;
  const configuration = tokens[i].value;
  let scope = gradleScope(configuration);
  if (!scope) return undefined;
  // `configurations.implementation`, `implementation.extendsFrom(…)`, `implementation = …` are not declarations.
  if (isPunct(tokens[previous(tokens, i)], '.')) return undefined;
  const after = tokens[i + 1];
  if (!after || after.kind === 'newline' || isPunct(after, '{') || isPunct(after, '=') || isPunct(after, '.')) return undefined;
  // JVM test suites (`testing { suites { … dependencies { implementation(…) } } }`) are tests.
  if (blocks.within('suites')) scope = 'test';

  const args = argumentRange(ctx, i);
  const items = splitItems(ctx, args.from, args.to);
  return { dependencies: fromItems(ctx, items, scope, isPunct(after, '(')), end: args.to };
}

function fromItems(ctx: Context, items: readonly Span[], scope: Scope, parenthesised: boolean): Dependency[] {
  if (items.some((item) => isLabelled(ctx, item))) {
    const dependency = mapNotation(ctx, items, scope);
    return dependency ? [dependency] : [];
  }
  if (ctx.dialect === 'kotlin' && parenthesised) {
    const positional = positionalNotation(ctx, items, scope);
    if (positional) return [positional];
  }
  return items.flatMap((item) => stringItem(ctx, item, scope));
}

interface Span {
  readonly from: number;
  readonly to: number;
}

/**
 * The tokens of the arguments after the configuration name: inside its
 * parentheses, or for a Groovy command (`implementation 'g:a:v', 'h:b:w'`) up
 * to the end of the line (a trailing comma continues it) or a closure.
 */
function argumentRange(ctx: Context, i: number): Span {
  const { tokens } = ctx;
  if (isPunct(tokens[i + 1], '(')) {
    // An unclosed parenthesis (half-typed) ends with its line rather than swallowing the rest.
    const close = ctx.partner.get(i + 1) ?? lineEndToken(tokens, i + 1);
    return { from: i + 2, to: close };
  }
  let j = i + 1;
  while (j < tokens.length) {
    const token = tokens[j];
    if (token.kind === 'newline' && !isPunct(tokens[previous(tokens, j)], ',')) break;
    if (token.kind === 'punct' && (token.value === '{' || token.value === '}' || token.value === ';')) break;
    if (token.kind === 'punct' && (token.value === '(' || token.value === '[')) {
      j = (ctx.partner.get(j) ?? tokens.length - 1) + 1;
      continue;
    }
    j++;
  }
  return { from: i + 1, to: j };
}

function lineEndToken(tokens: readonly Token[], from: number): number {
  let j = from;
  while (j < tokens.length && tokens[j].kind !== 'newline') j++;
  return j;
}

/** Top-level comma-separated items of an argument list, each as a span of tokens without line breaks. */
function splitItems(ctx: Context, from: number, to: number): Span[] {
  const items: Span[] = [];
  let start = from;
  let j = from;
  while (j < to) {
    const token = ctx.tokens[j];
    if (token.kind === 'punct' && (token.value === '(' || token.value === '[' || token.value === '{')) {
      j = (ctx.partner.get(j) ?? to - 1) + 1;
      continue;
    }
    if (isPunct(token, ',')) {
      items.push(trimSpan(ctx, start, j));
      start = j + 1;
    }
    j++;
  }
  items.push(trimSpan(ctx, start, Math.min(j, to)));
  return items.filter((item) => item.from < item.to);
}

function trimSpan(ctx: Context, from: number, to: number): Span {
  let a = from;
  let b = to;
  while (a < b && ctx.tokens[a].kind === 'newline') a++;
  while (b > a && ctx.tokens[b - 1].kind === 'newline') b--;
  return { from: a, to: b };
}

/** `group: 'g'` (Groovy map) or `group = "g"` (Kotlin named argument). */
function isLabelled(ctx: Context, item: Span): boolean {
  const [label, colon] = [ctx.tokens[item.from], ctx.tokens[item.from + 1]];
  return (label?.kind === 'ident' || label?.kind === 'string') && (isPunct(colon, ':') || isPunct(colon, '='));
}

function mapNotation(ctx: Context, items: readonly Span[], scope: Scope): Dependency | undefined {
  const values = new Map<string, Part>();
  for (const item of items) {
    if (!isLabelled(ctx, item)) continue;
    const value = valuePart(ctx, { from: item.from + 2, to: item.to });
    if (value) values.set(ctx.tokens[item.from].value, value);
  }
  const group = values.get('group');
  const name = values.get('name') ?? values.get('module');
  if (!group || !name) return undefined;
  const version = values.get('version');
  return fromParts(ctx, scope, group, name, version && version.value !== '' ? version : undefined);
}

/**
 * A map-notation or positional value: a string, or a variable (`version =
 * okioVersion`, `version: versions.okio`). An unknown variable becomes `$name`,
 * which a license source may still resolve from gradle.properties.
 */
function valuePart(ctx: Context, span: Span): Part | undefined {
  const first = ctx.tokens[span.from];
  if (span.to - span.from === 1 && isStringToken(first)) return first.terminated ? part(ctx, first) : undefined;
  const names: string[] = [];
  for (let j = span.from; j < span.to; j++) {
    const token = ctx.tokens[j];
    const expected = (j - span.from) % 2 === 0 ? token.kind === 'ident' : isPunct(token, '.');
    if (!expected) return undefined;
    if (token.kind === 'ident') names.push(token.value);
  }
  if (names.length === 0 || (span.to - span.from) % 2 === 0) return undefined;
  const path = names.join('.');
  const value = ctx.variables.get(path) ?? ctx.variables.get(names[names.length - 1]);
  const start = first.start;
  const end = ctx.tokens[span.to - 1].end;
  return { value: value === undefined ? `$${path}` : interpolate(ctx, value, 1), start, end };
}

/** Kotlin's `implementation("g", "a", "v")` overload (the version may be a variable). */
function positionalNotation(ctx: Context, items: readonly Span[], scope: Scope): Dependency | undefined {
  if (items.length < 2 || items.length > 3) return undefined;
  const [group, name] = items.slice(0, 2).map((item) => ctx.tokens[item.from]);
  if (!isStringToken(group) || !isStringToken(name) || items[0].to - items[0].from !== 1 || items[1].to - items[1].from !== 1) return undefined;
  if (!group.terminated || !name.terminated || group.value.includes(':')) return undefined;
  const version = items[2] ? valuePart(ctx, items[2]) : undefined;
  if (items[2] && !version) return undefined;
  return fromParts(ctx, scope, part(ctx, group), part(ctx, name), version && version.value !== '' ? version : undefined);
}

/** `'g:a:v'`, `["g:a:v", …]` or `kotlin("stdlib", "1.9.0")`; anything else (project(…), libs.x, platform(…)) is skipped. */
function stringItem(ctx: Context, item: Span, scope: Scope): Dependency[] {
  const first = ctx.tokens[item.from];
  if (item.to - item.from === 1 && isStringToken(first)) {
    const dependency = coordinate(ctx, first, scope);
    return dependency ? [dependency] : [];
  }
  if (isPunct(first, '[') && ctx.partner.get(item.from) === item.to - 1) {
    return splitItems(ctx, item.from + 1, item.to - 1).flatMap((inner) => stringItem(ctx, inner, scope));
  }
  if (first.kind === 'ident' && first.value === 'kotlin' && isPunct(ctx.tokens[item.from + 1], '(') && ctx.partner.get(item.from + 1) === item.to - 1) {
    return kotlinModule(ctx, item, scope);
  }
  return [];
}

/** Kotlin DSL's `kotlin("stdlib")`, short for `org.jetbrains.kotlin:kotlin-stdlib`. */
function kotlinModule(ctx: Context, item: Span, scope: Scope): Dependency[] {
  const args = splitItems(ctx, item.from + 2, item.to - 1).map((span) => (span.to - span.from === 1 ? ctx.tokens[span.from] : undefined));
  const [module, version] = args;
  if (!isStringToken(module) || !module.terminated || args.length > 2) return [];
  const artifact = part(ctx, module);
  if (artifact.value === '') return [];
  const group = { value: 'org.jetbrains.kotlin', start: -1, end: -1 };
  const dependency = fromParts(ctx, scope, group, { ...artifact, value: `kotlin-${artifact.value}` }, isStringToken(version) ? optionalPart(ctx, version) : undefined);
  return dependency ? [dependency] : [];
}

interface Part {
  /** Resolved value. */
  readonly value: string;
  /** Offsets of the written text (trimmed), or -1 when it is not written in the file. */
  readonly start: number;
  readonly end: number;
}

/** `"g:a:v"`, `"g:a:v:classifier"`, `"g:a:v@aar"`, `"g:a"` (version from a platform). */
function coordinate(ctx: Context, token: StringToken, scope: Scope): Dependency | undefined {
  if (!token.terminated) return undefined; // half-typed
  const segments = splitCoordinate(token.value).map(({ text, offset }) => {
    const at = text.indexOf('@');
    const written = at >= 0 ? text.slice(0, at) : text;
    return rawPart(ctx, token, written, token.contentStart + offset);
  });
  if (segments.length < 2 || segments.length > 4) return undefined;
  const [group, artifact, version] = segments;
  return fromParts(ctx, scope, group, artifact, version && version.value !== '' ? version : undefined);
}

/** Splits at colons that are not inside a `${…}` template, keeping each piece's offset. */
function splitCoordinate(raw: string): Array<{ text: string; offset: number }> {
  const pieces: Array<{ text: string; offset: number }> = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw.startsWith('${', i)) {
      depth++;
      i++;
    } else if (raw[i] === '}' && depth > 0) {
      depth--;
    } else if (raw[i] === ':' && depth === 0) {
      pieces.push({ text: raw.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  pieces.push({ text: raw.slice(start), offset: start });
  return pieces;
}

function part(ctx: Context, token: StringToken): Part {
  return rawPart(ctx, token, token.value, token.contentStart);
}

function optionalPart(ctx: Context, token: Token | undefined): Part | undefined {
  if (!isStringToken(token) || !token.terminated) return undefined;
  const value = part(ctx, token);
  return value.value === '' ? undefined : value;
}

function rawPart(ctx: Context, token: StringToken, written: string, offset: number): Part {
  const leading = written.length - written.trimStart().length;
  const trimmed = written.trim();
  const value = token.interpolating ? interpolate(ctx, trimmed, 0) : trimmed;
  return { value, start: offset + leading, end: offset + leading + trimmed.length };
}

function fromParts(ctx: Context, scope: Scope, group: Part, artifact: Part, version: Part | undefined): Dependency | undefined {
  const valid = (p: Part): boolean => p.value !== '' && !/\s/.test(p.value);
  if (!valid(group) || !valid(artifact) || artifact.start < 0) return undefined;
  return {
    ecosystem: 'maven',
    name: `${group.value}:${artifact.value}`,
    requested: version?.value ?? '',
    scope,
    range: ctx.lines.rangeOf(artifact.start, artifact.end),
    ...(version && version.start >= 0 ? { requestedRange: ctx.lines.rangeOf(version.start, version.end) } : {}),
    direct: true,
  };
}

/**
 * Replaces `${name}`, `${a.b.name}` and `$name` (Groovy also `$a.b`) with the
 * string variables of the file; unknown ones stay as written so that a license
 * source can still resolve them from gradle.properties.
 */
function interpolate(ctx: Context, value: string, depth: number): string {
  if (!value.includes('$') || depth >= VARIABLE_LIMIT) return value;
  const simple = ctx.dialect === 'kotlin' ? /\$([A-Za-z_]\w*)/.source : /\$([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/.source;
  const pattern = new RegExp(`\\$\\{\\s*([A-Za-z_][\\w.]*)\\s*\\}|${simple}`, 'g');
  return value.replace(pattern, (whole, braced: string | undefined, bare: string | undefined) => {
    const path = braced ?? bare ?? '';
    const found = ctx.variables.get(path) ?? ctx.variables.get(path.slice(path.lastIndexOf('.') + 1));
    return found === undefined ? whole : interpolate(ctx, found, depth + 1);
  });
}

/**
 * Simple string variables of the file: `ext.x = '…'`, `x = '…'` inside `ext { }`,
 * `def x = '…'`, `val x = "…"`, `val x: String = "…"`, `extra["x"] = "…"`,
 * `set("x", "…")`, `val x by extra("…")`, and `x: '…'` entries of map literals.
 * Only a string that is the whole value counts (`"1.0" + suffix` does not). Later
 * definitions win.
 */
function variables(ctx: Context): Map<string, string> {
  const found = new Map<string, string>();
  const { tokens } = ctx;
  const stringAt = (j: number): StringToken | undefined => {
    const token = tokens[j];
    return isStringToken(token) && token.terminated ? token : undefined;
  };
  let squareDepth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (isPunct(token, '[')) squareDepth++;
    if (isPunct(token, ']')) squareDepth = Math.max(0, squareDepth - 1);
    // A string followed by an operator (`"1." + minor`) is not the whole value.
    const value = (j: number): string | undefined => (isValueEnd(tokens[j + 1]) ? stringAt(j)?.value : undefined);
    if (token.kind === 'ident' && isPunct(tokens[i + 1], '=') && value(i + 2) !== undefined) {
      found.set(token.value, value(i + 2) as string);
    } else if (token.kind === 'ident' && isPunct(tokens[i + 1], ':') && tokens[i + 2]?.kind === 'ident' && isPunct(tokens[i + 3], '=') && value(i + 4) !== undefined) {
      found.set(token.value, value(i + 4) as string);
    } else if (isPunct(token, '[') && stringAt(i + 1) && isPunct(tokens[i + 2], ']') && isPunct(tokens[i + 3], '=') && value(i + 4) !== undefined) {
      found.set(tokens[i + 1].value, value(i + 4) as string);
    } else if (token.kind === 'ident' && token.value === 'set' && isPunct(tokens[i + 1], '(') && stringAt(i + 2) && isPunct(tokens[i + 3], ',') && value(i + 4) !== undefined) {
      found.set(tokens[i + 2].value, value(i + 4) as string);
    } else if (token.kind === 'ident' && tokens[i + 1]?.value === 'by' && tokens[i + 2]?.value === 'extra' && isPunct(tokens[i + 3], '(') && stringAt(i + 4) && isPunct(tokens[i + 5], ')')) {
      found.set(token.value, tokens[i + 4].value);
    } else if (squareDepth > 0 && (token.kind === 'ident' || stringAt(i)) && isPunct(tokens[i + 1], ':') && value(i + 2) !== undefined) {
      found.set(token.value, value(i + 2) as string);
    }
  }
  return found;
}

function isValueEnd(token: Token | undefined): boolean {
  return token === undefined || token.kind === 'newline' || [',', ']', ')', '}', ';'].some((p) => isPunct(token, p));
}

/** `name = "…"`, `name.set("…")`, `name "…"` or `name("…")`: the string assigned to the identifier at `i`. */
function assignedString(ctx: Context, i: number): string | undefined {
  const { tokens } = ctx;
  const candidates = [
    isPunct(tokens[i + 1], '=') ? tokens[i + 2] : undefined,
    isPunct(tokens[i + 1], '.') && tokens[i + 2]?.value === 'set' && isPunct(tokens[i + 3], '(') ? tokens[i + 4] : undefined,
    isPunct(tokens[i + 1], '(') ? tokens[i + 2] : undefined,
    tokens[i + 1],
  ];
  const found = candidates.find((t): t is StringToken => isStringToken(t) && t.terminated);
  return found ? found.value.trim() || undefined : undefined;
}

function isGradleScript(filePath: string, suffix: string): boolean {
  const normalised = filePath.replace(/\\/g, '/');
  const name = normalised.slice(normalised.lastIndexOf('/') + 1);
  // Gradle's own caches under .gradle/ hold scripts that are not the user's.
  return name === `build${suffix}` && !/(^|\/)\.gradle\//.test(normalised);
}

export const buildGradleFormat: ManifestFormat = {
  ecosystem: 'maven',
  label: 'build.gradle',
  filePattern: '**/build.gradle',
  matches: (filePath) => isGradleScript(filePath, '.gradle'),
  parse: safely((text) => parseBuildGradle(text, 'groovy')),
};

export const buildGradleKtsFormat: ManifestFormat = {
  ecosystem: 'maven',
  label: 'build.gradle.kts',
  filePattern: '**/build.gradle.kts',
  matches: (filePath) => isGradleScript(filePath, '.gradle.kts'),
  parse: safely((text) => parseBuildGradle(text, 'kotlin')),
};
