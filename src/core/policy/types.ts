import type { Category } from '../licenses/categories';
import type { Scope, Verdict } from '../model';

export type Distribution = 'distributed' | 'saas' | 'internal';

/** A loaded, validated policy. Immutable: the editor and the CLI share snapshots. */
export interface Policy {
  /** "default" for the embedded policy, else the path of the file it came from. */
  readonly source: 'default' | string;
  readonly distribution: Distribution;
  readonly categories: Readonly<Record<Category, Verdict>>;
  /** Per scope, category verdicts that replace the general ones (e.g. dev tools are not shipped). */
  readonly scopes: Readonly<Partial<Record<Scope, Readonly<Partial<Record<Category, Verdict>>>>>>;
  /** Verdicts for specific SPDX ids, overriding their category. */
  readonly licenses: Readonly<Record<string, Verdict>>;
  /** Verdict when the license is missing, ambiguous or not recognised. */
  readonly unknown: Verdict;
}

export const VERDICT_RANK: Readonly<Record<Verdict, number>> = { allow: 0, review: 1, deny: 2 };

export function isVerdict(value: unknown): value is Verdict {
  return value === 'allow' || value === 'review' || value === 'deny';
}
