/**
 * What a Python dependency's `requested` text asks for, as PEP 440 specifier
 * sets. requirements.txt and PEP 621 give PEP 440 specifiers (`>=2,<3`); Poetry
 * tables add their own forms, turned into the same sets the way Poetry reads them:
 * `^1.2` (>=1.2,<2.0), `~1.2` (>=1.2,<1.3), a bare `1.2.3` (exactly that),
 * `*`, space-separated comparators, and `||` between alternatives.
 * See https://python-poetry.org/docs/dependency-specification/.
 *
 * Pure: no I/O.
 */
import { compareVersions, highestMatching, parseSpecifierSet, parseVersion, type Pep440Version, type SpecifierSet } from './pep440';

/** Any one of the sets may be installed (Poetry's `||`); a plain requirement has one. */
export type PythonConstraint = readonly SpecifierSet[];

/** Undefined when the text is not a version constraint (a URL, a path, garbage). */
export function parseConstraint(requested: string): PythonConstraint | undefined {
  const text = requested.trim();
  if (text === '' || text === '*') return [[]];
  const pep440 = parseSpecifierSet(text);
  if (pep440) return [pep440];
  const alternatives: SpecifierSet[] = [];
  for (const alternative of text.split('||')) {
    const set = poetrySet(alternative);
    if (!set) return undefined;
    alternatives.push(set);
  }
  return alternatives;
}

/**
 * The version an exact pin names (`==1.2.3`, `===1.2.3`, Poetry's bare `1.2.3`),
 * as written, so the registry can be asked for it directly; else undefined.
 */
export function exactPin(requested: string): string | undefined {
  const constraint = parseConstraint(requested);
  if (!constraint || constraint.length !== 1 || constraint[0].length !== 1) return undefined;
  const [only] = constraint[0];
  if (only.operator === '===') return only.text;
  return only.operator === '==' && !only.wildcard ? only.text : undefined;
}

/**
 * The highest of the given versions the constraint accepts (over all its
 * alternatives), with pip's pre-release rules; undefined when none does.
 */
export function pickVersion(available: readonly Pep440Version[], constraint: PythonConstraint): Pep440Version | undefined {
  let best: Pep440Version | undefined;
  for (const set of constraint) {
    const candidate = highestMatching(available, set);
    if (candidate && (!best || compareVersions(candidate, best) > 0)) best = candidate;
  }
  return best;
}

/** One Poetry alternative: comparators separated by commas or spaces. */
function poetrySet(text: string): SpecifierSet | undefined {
  // `>= 1.2, < 1.5` and `>=1.2 <1.5` alike: glue each operator to its version, then split.
  const parts = text
    .trim()
    .replace(/(===|==|!=|~=|<=|>=|<|>|=|\^|~)\s+/g, '$1')
    .split(/[\s,]+/)
    .filter((part) => part !== '');
  if (parts.length === 0) return undefined;
  const set: string[] = [];
  for (const part of parts) {
    const specifiers = poetryPart(part);
    if (!specifiers) return undefined;
    set.push(...specifiers);
  }
  return parseSpecifierSet(set.join(','));
}

/** One Poetry comparator as PEP 440 specifier texts. */
function poetryPart(part: string): string[] | undefined {
  if (part === '*') return [];
  if (part.startsWith('^')) return caret(part.slice(1));
  if (part.startsWith('~') && !part.startsWith('~=')) return tilde(part.slice(1));
  if (/^(===|==|!=|~=|<=|>=|<|>)/.test(part)) return [part];
  if (part.startsWith('=')) return [`=${part}`];
  // `1.2.*` is a prefix match; a bare version is an exact pin.
  if (/^[0-9][^*]*\.\*$/.test(part)) return [`==${part}`];
  return parseVersion(part) ? [`==${part}`] : undefined;
}

/** `^1.2.3` → `>=1.2.3,<2.0.0`; `^0.2.3` → `<0.3.0`; `^0.0.3` → `<0.0.4`: the first non-zero segment may not grow. */
function caret(versionText: string): string[] | undefined {
  const version = parseVersion(versionText);
  if (!version) return undefined;
  const release = version.release;
  let bump = release.findIndex((segment) => segment !== 0);
  if (bump < 0) bump = release.length - 1;
  return [`>=${versionText}`, `<${upperBound(release, bump)}`];
}

/** `~1.2.3` → `>=1.2.3,<1.3.0`; `~1.2` → `<1.3`; `~1` → `<2`. */
function tilde(versionText: string): string[] | undefined {
  const version = parseVersion(versionText);
  if (!version) return undefined;
  return [`>=${versionText}`, `<${upperBound(version.release, Math.min(1, version.release.length - 1))}`];
}

/** The release with segment `index` incremented and those after it zeroed. */
function upperBound(release: readonly number[], index: number): string {
  return release.map((segment, i) => (i < index ? segment : i === index ? segment + 1 : 0)).join('.');
}
