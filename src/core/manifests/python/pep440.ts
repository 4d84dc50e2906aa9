/**
 * PEP 440 versions and version specifiers, enough to choose which release of a
 * PyPI project a requirement means, the way pip does. Follows the reference
 * implementation (pypa/packaging) where the PEP leaves room: comparisons ignore
 * trailing zeros (1.0 == 1.0.0), `<V` excludes pre-releases of V, `>V` excludes
 * post-releases and local versions of V, and pre-releases are only chosen when
 * a specifier names one or nothing else matches.
 * See https://packaging.python.org/en/latest/specifications/version-specifiers/.
 *
 * Pure: no I/O.
 */

export type PreLabel = 'a' | 'b' | 'rc';

export interface Pep440Version {
  /** The text as written (trimmed), for `===` and for asking the registry. */
  readonly text: string;
  readonly epoch: number;
  readonly release: readonly number[];
  readonly pre?: readonly [PreLabel, number];
  readonly post?: number;
  readonly dev?: number;
  /** Local version label parts (`+ubuntu.1` → ['ubuntu', 1]). */
  readonly local?: ReadonlyArray<number | string>;
}

// The grammar of packaging's VERSION_PATTERN, with its alternative spellings.
const VERSION = new RegExp(
  '^v?' +
    '(?:(\\d+)!)?' + // epoch
    '(\\d+(?:\\.\\d+)*)' + // release
    '(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\\d+)?)?' + // pre-release
    '(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?' + // post-release (also the implicit "-1")
    '(?:[-_.]?(dev)[-_.]?(\\d+)?)?' + // development release
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$', // local version label
  'i',
);

const PRE_LABELS: Record<string, PreLabel> = { alpha: 'a', a: 'a', beta: 'b', b: 'b', c: 'rc', pre: 'rc', preview: 'rc', rc: 'rc' };

/** Parses a version; undefined when the text is not a PEP 440 version (legacy versions are not). */
export function parseVersion(text: string): Pep440Version | undefined {
  const trimmed = text.trim();
  if (trimmed.length > 200) return undefined; // no real version is this long
  const match = VERSION.exec(trimmed);
  if (!match) return undefined;
  const [, epoch, release, preLabel, preNumber, implicitPost, postLabel, postNumber, devLabel, devNumber, local] = match;
  const numbers = [epoch ?? '0', ...release.split('.'), preNumber ?? '0', implicitPost ?? postNumber ?? '0', devNumber ?? '0'].map(Number);
  if (numbers.some((n) => !Number.isSafeInteger(n))) return undefined;
  return {
    text: trimmed,
    epoch: Number(epoch ?? 0),
    release: release.split('.').map(Number),
    ...(preLabel ? { pre: [PRE_LABELS[preLabel.toLowerCase()], Number(preNumber ?? 0)] as const } : {}),
    ...(implicitPost !== undefined || postLabel ? { post: Number(implicitPost ?? postNumber ?? 0) } : {}),
    ...(devLabel ? { dev: Number(devNumber ?? 0) } : {}),
    ...(local ? { local: local.toLowerCase().split(/[-_.]/).map((part) => (/^\d+$/.test(part) ? Number(part) : part)) } : {}),
  };
}

export function isPrerelease(version: Pep440Version): boolean {
  return version.pre !== undefined || version.dev !== undefined;
}

/** The normalised form (`1.0rc1.post2.dev3+local.1`), as pip prints it. */
export function formatVersion(version: Pep440Version): string {
  let text = version.epoch !== 0 ? `${version.epoch}!` : '';
  text += version.release.join('.');
  if (version.pre) text += `${version.pre[0]}${version.pre[1]}`;
  if (version.post !== undefined) text += `.post${version.post}`;
  if (version.dev !== undefined) text += `.dev${version.dev}`;
  if (version.local) text += `+${version.local.join('.')}`;
  return text;
}

/** Orders versions as PEP 440 does: negative when a comes first. */
export function compareVersions(a: Pep440Version, b: Pep440Version): number {
  return (
    a.epoch - b.epoch ||
    compareRelease(a.release, b.release) ||
    comparePre(a, b) ||
    // No post-release sorts before any post-release; no dev release after any dev release.
    (a.post ?? -1) - (b.post ?? -1) ||
    (a.dev ?? Infinity) - (b.dev ?? Infinity) ||
    compareLocal(a.local, b.local)
  );
}

/** Release segments compared as if padded with zeros: 1.0 == 1.0.0. */
function compareRelease(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * A dev release of a final version (1.0.dev1) comes before its pre-releases
 * (1.0a1); a version without pre-release comes after all of them.
 */
function comparePre(a: Pep440Version, b: Pep440Version): number {
  const rank = (v: Pep440Version): [number, number] => {
    if (v.pre) return [['a', 'b', 'rc'].indexOf(v.pre[0]), v.pre[1]];
    if (v.post === undefined && v.dev !== undefined) return [-1, 0];
    return [3, 0];
  };
  const [labelA, numberA] = rank(a);
  const [labelB, numberB] = rank(b);
  return labelA - labelB || numberA - numberB;
}

/** No local label first; numeric parts after alphanumeric ones; a longer label after its prefix. */
function compareLocal(a: Pep440Version['local'], b: Pep440Version['local']): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x - y;
    } else if (typeof x === 'number' || typeof y === 'number') {
      return typeof x === 'number' ? 1 : -1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

function withoutLocal(version: Pep440Version): Pep440Version {
  const { local: _local, ...rest } = version;
  return rest;
}

function sameBase(a: Pep440Version, b: Pep440Version): boolean {
  return a.epoch === b.epoch && compareRelease(a.release, b.release) === 0;
}

// ---------------------------------------------------------------------------------------------
// Specifiers

export type Operator = '===' | '==' | '!=' | '~=' | '<=' | '>=' | '<' | '>';

export interface Specifier {
  readonly operator: Operator;
  /** The version as written after the operator (with `.*` for a prefix match). */
  readonly text: string;
  /** Parsed version (without `.*`); absent only for `===` with a non-PEP 440 string. */
  readonly version?: Pep440Version;
  /** `==1.2.*` / `!=1.2.*`. */
  readonly wildcard: boolean;
}

/** A comma-separated set: a version must satisfy every specifier. Empty allows any version. */
export type SpecifierSet = readonly Specifier[];

const SPECIFIER = /^(===|==|!=|~=|<=|>=|<|>)\s*(\S+)$/;

/** Parses one specifier; undefined when it breaks PEP 440's rules. */
export function parseSpecifier(text: string): Specifier | undefined {
  const match = SPECIFIER.exec(text.trim());
  if (!match) return undefined;
  const operator = match[1] as Operator;
  const written = match[2];
  if (operator === '===') {
    const version = parseVersion(written);
    return { operator, text: written, ...(version ? { version } : {}), wildcard: false };
  }
  const wildcard = written.endsWith('.*');
  if (wildcard && operator !== '==' && operator !== '!=') return undefined;
  const version = parseVersion(wildcard ? written.slice(0, -2) : written);
  if (!version) return undefined;
  // A prefix match ends with the release or a pre/post/dev part, never a local label.
  if (wildcard && version.local) return undefined;
  if (operator === '~=' && (version.release.length < 2 || version.local)) return undefined;
  if (!['==', '!='].includes(operator) && version.local) return undefined;
  return { operator, text: written, version, wildcard };
}

/** Parses `>=2, <3`; undefined when any part is not a specifier. `""` is the empty set. */
export function parseSpecifierSet(text: string): SpecifierSet | undefined {
  if (text.trim() === '') return [];
  const specifiers: Specifier[] = [];
  for (const part of text.split(',')) {
    const specifier = parseSpecifier(part);
    if (!specifier) return undefined;
    specifiers.push(specifier);
  }
  return specifiers;
}

/** Whether `version` satisfies the specifier (pre-release rules aside: see `selectVersions`). */
export function satisfies(version: Pep440Version, specifier: Specifier): boolean {
  const spec = specifier.version;
  switch (specifier.operator) {
    case '===':
      return version.text.toLowerCase() === specifier.text.toLowerCase();
    case '==':
      return spec !== undefined && equals(version, spec, specifier.wildcard);
    case '!=':
      return spec !== undefined && !equals(version, spec, specifier.wildcard);
    case '~=':
      // ~=2.2.1 means >=2.2.1 and ==2.2.*: the last release segment may grow.
      return spec !== undefined && compareVersions(withoutLocal(version), spec) >= 0 && prefixMatches(version, { epoch: spec.epoch, release: spec.release.slice(0, -1) });
    case '<=':
      return spec !== undefined && compareVersions(withoutLocal(version), spec) <= 0;
    case '>=':
      return spec !== undefined && compareVersions(withoutLocal(version), spec) >= 0;
    case '<':
      // <3 does not let in 3.0a1 unless it names a pre-release itself.
      return spec !== undefined && compareVersions(version, spec) < 0 && !(!isPrerelease(spec) && isPrerelease(version) && sameBase(version, spec));
    case '>':
      // >1.7 does not let in 1.7.post1 (unless it names a post-release) nor 1.7+local.
      return (
        spec !== undefined &&
        compareVersions(version, spec) > 0 &&
        !(spec.post === undefined && version.post !== undefined && sameBase(version, spec)) &&
        !(version.local !== undefined && sameBase(version, spec))
      );
  }
}

function equals(version: Pep440Version, spec: Pep440Version, wildcard: boolean): boolean {
  if (wildcard) return prefixMatches(version, spec);
  // A local label in the specifier must match; without one, the candidate's is ignored.
  return compareVersions(spec.local ? version : withoutLocal(version), spec) === 0;
}

/**
 * `==1.1.*`: the candidate's normalised public version, its release padded with
 * zeros to the prefix's length, starts with the prefix's segments.
 */
function prefixMatches(version: Pep440Version, prefix: Pick<Pep440Version, 'epoch' | 'release' | 'pre' | 'post' | 'dev'>): boolean {
  const release = [...version.release];
  while (release.length < prefix.release.length) release.push(0);
  const candidate = segments({ ...version, release });
  const wanted = segments(prefix);
  return wanted.every((segment, i) => candidate[i] === segment);
}

function segments(version: Pick<Pep440Version, 'epoch' | 'release' | 'pre' | 'post' | 'dev'>): string[] {
  return [
    String(version.epoch),
    ...version.release.map(String),
    ...(version.pre ? [`${version.pre[0]}${version.pre[1]}`] : []),
    ...(version.post !== undefined ? [`post${version.post}`] : []),
    ...(version.dev !== undefined ? [`dev${version.dev}`] : []),
  ];
}

/** Whether a specifier set asks for pre-releases by naming one (`>=2.0b1`). */
export function namesPrerelease(set: SpecifierSet): boolean {
  return set.some((s) => s.operator !== '!=' && s.version !== undefined && isPrerelease(s.version));
}

/**
 * The versions a specifier set accepts, as pip would consider them: final
 * releases only, unless the set names a pre-release or no final release matches
 * (then the matching pre-releases, as PEP 440 says installers should).
 */
export function selectVersions(versions: readonly Pep440Version[], set: SpecifierSet): Pep440Version[] {
  const matching = versions.filter((version) => set.every((specifier) => satisfies(version, specifier)));
  if (namesPrerelease(set)) return matching;
  const finals = matching.filter((version) => !isPrerelease(version));
  return finals.length > 0 ? finals : matching;
}

/** The highest of `versions` the set accepts, or undefined. */
export function highestMatching(versions: readonly Pep440Version[], set: SpecifierSet): Pep440Version | undefined {
  return selectVersions(versions, set).reduce<Pep440Version | undefined>((best, v) => (!best || compareVersions(v, best) > 0 ? v : best), undefined);
}
