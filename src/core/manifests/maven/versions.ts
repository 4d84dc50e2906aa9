/**
 * Maven (and Gradle) version order and ranges, enough to pick which of the
 * versions present in a local repository a requested version means.
 */

type Item = number | string;

/** Qualifiers in Maven's order; a release ("", "ga", "final") sits between snapshot and sp. */
const QUALIFIER_RANK: Readonly<Record<string, number>> = {
  alpha: 1, a: 1,
  beta: 2, b: 2,
  milestone: 3, m: 3,
  rc: 4, cr: 4,
  snapshot: 5,
  '': 6, ga: 6, final: 6, release: 6,
  sp: 7,
};

function items(version: string): Item[] {
  return (version.toLowerCase().match(/\d+|[a-z]+/g) ?? []).map((part) => (/^\d/.test(part) ? Number(part) : part));
}

function compareItems(a: Item | undefined, b: Item | undefined): number {
  // A missing item equals 0 next to a number and a release next to a qualifier: 1.0 == 1.0.0, 1.0-rc1 < 1.0.
  const left = a ?? (typeof b === 'number' ? 0 : '');
  const right = b ?? (typeof a === 'number' ? 0 : '');
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'number') return 1; // 1.0.1 > 1.0-sp
  if (typeof right === 'number') return -1;
  const rankLeft = QUALIFIER_RANK[left] ?? 8;
  const rankRight = QUALIFIER_RANK[right] ?? 8;
  if (rankLeft !== rankRight) return rankLeft - rankRight;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Negative, zero or positive, like Maven's ComparableVersion (simplified). */
export function compareVersions(a: string, b: string): number {
  const left = items(a);
  const right = items(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const order = compareItems(left[i], right[i]);
    if (order !== 0) return order;
  }
  return 0;
}

interface Bound {
  readonly version: string;
  readonly inclusive: boolean;
}

interface Interval {
  readonly lower?: Bound;
  readonly upper?: Bound;
}

/**
 * `[1.0,2.0)`, `[1.0,)`, `(,1.0]`, `[1.0]`, several sets separated by commas, and
 * Gradle's `]1.0,2.0[` form. Undefined when the text is not a range.
 */
export function parseRange(text: string): Interval[] | undefined {
  const trimmed = text.trim();
  if (!/^[[(\]]/.test(trimmed)) return undefined;
  const intervals: Interval[] = [];
  const pattern = /\s*([[(\]])([^,[\]()]*)(?:(,)([^,[\]()]*))?([\])[])\s*(?:,|$)/y;
  let at = 0;
  while (at < trimmed.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(trimmed);
    if (!match) return undefined;
    const [, open, low, comma, high, close] = match;
    const lowerInclusive = open === '[';
    const upperInclusive = close === ']';
    if (!comma) {
      if (!lowerInclusive || !upperInclusive || low.trim() === '') return undefined;
      const exact = { version: low.trim(), inclusive: true };
      intervals.push({ lower: exact, upper: exact });
    } else {
      intervals.push({
        ...(low.trim() ? { lower: { version: low.trim(), inclusive: lowerInclusive } } : {}),
        ...(high.trim() ? { upper: { version: high.trim(), inclusive: upperInclusive } } : {}),
      });
    }
    at = pattern.lastIndex;
  }
  return intervals.length > 0 ? intervals : undefined;
}

function inInterval(version: string, interval: Interval): boolean {
  if (interval.lower) {
    const order = compareVersions(version, interval.lower.version);
    if (order < 0 || (order === 0 && !interval.lower.inclusive)) return false;
  }
  if (interval.upper) {
    const order = compareVersions(version, interval.upper.version);
    if (order > 0 || (order === 0 && !interval.upper.inclusive)) return false;
  }
  return true;
}

const isSnapshot = (version: string): boolean => /-SNAPSHOT$/i.test(version);

function highest(versions: readonly string[]): string | undefined {
  // A release beats any snapshot, as Maven's RELEASE and Gradle's latest.release do.
  const releases = versions.filter((v) => !isSnapshot(v));
  const pool = releases.length > 0 ? releases : versions;
  return [...pool].sort(compareVersions).pop();
}

/**
 * Which of the versions present locally the requested one means: the exact
 * version when present; the highest within a range, a Gradle prefix (`1.2.+`) or
 * for `latest.release`/`+`; the highest when nothing usable is requested (a
 * version managed elsewhere, an unresolved `${property}`). A plain version that is
 * not present gives undefined: another version's license says nothing certain
 * about it.
 */
export function chooseVersion(requested: string, available: readonly string[]): string | undefined {
  const wanted = stripGradleStrictness(requested.trim());
  if (available.includes(wanted)) return wanted;
  if (wanted === '' || /\$/.test(wanted) || /^(\+|latest\.\w+|RELEASE|LATEST)$/i.test(wanted)) return highest(available);
  const range = parseRange(wanted);
  if (range) return highest(available.filter((v) => range.some((interval) => inInterval(v, interval))));
  if (wanted.endsWith('+')) {
    const prefix = wanted.slice(0, -1);
    return highest(available.filter((v) => v.startsWith(prefix)));
  }
  return undefined;
}

/** Gradle's `1.7!!` (strictly 1.7) and `[1.0,2.0[!!1.5` (strictly the range, preferring 1.5). */
function stripGradleStrictness(version: string): string {
  const at = version.indexOf('!!');
  if (at < 0) return version;
  const preferred = version.slice(at + 2).trim();
  return preferred !== '' ? preferred : version.slice(0, at).trim();
}
