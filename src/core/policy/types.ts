import type { Category } from '../licenses/categories';
import type { Ecosystem, Range, Scope, Verdict } from '../model';

export type Distribution = 'distributed' | 'saas' | 'internal';

export const DISTRIBUTIONS: readonly Distribution[] = ['distributed', 'saas', 'internal'];

/** An approved use of one package that the policy would otherwise flag. */
export interface PolicyException {
  /** Package name, exact or a `*` pattern (e.g. `@acme/*`). */
  readonly package: string;
  readonly ecosystem?: Ecosystem;
  /** A semver range (or exact version) the approval covers; any version when absent. */
  readonly version?: string;
  /** The license expression that was approved; the exception lapses if the license changes. */
  readonly license?: string;
  readonly reason: string;
  /** Last day (YYYY-MM-DD) on which the exception applies. */
  readonly expires?: string;
  readonly approvedBy?: string;
  /** Where it is written, for messages and code actions. */
  readonly file: string;
  readonly range: Range;
}

/** A recorded choice of one license from a dependency's `OR` expression. */
export interface LicenseChoice {
  readonly package: string;
  readonly ecosystem?: Ecosystem;
  /** A semver range or exact version the choice covers; any version when absent. */
  readonly version?: string;
  /** The whole expression offered, normalised; the choice lapses if the license changes. */
  readonly expression: string;
  /** One of the expression's `OR` alternatives, normalised. */
  readonly chosen: string;
  readonly file: string;
  readonly range: Range;
}

/** Where "Request OSPO review" sends the developer: exactly one of the two. */
export type ReviewRequest =
  /** An https URL with placeholders such as `{package}`, filled in URL-encoded. */
  | { readonly url: string }
  /** An address to write to (a mailto: link with subject and body). */
  | { readonly email: string };

/** A loaded, validated policy. Immutable: the editor and the CLI share snapshots. */
export interface Policy {
  /** "default" for the embedded policy, else the path of the file it came from. */
  readonly source: 'default' | string;
  /** Every file that contributed, from the embedded default to `source`. */
  readonly chain: readonly string[];
  readonly distribution: Distribution;
  readonly categories: Readonly<Record<Category, Verdict>>;
  /** Per scope, category verdicts that replace the general ones (e.g. dev tools are not shipped). */
  readonly scopes: Readonly<Partial<Record<Scope, Readonly<Partial<Record<Category, Verdict>>>>>>;
  /** Verdicts for specific SPDX ids, overriding their category. */
  readonly licenses: Readonly<Record<string, Verdict>>;
  /** Verdict when the license is missing, ambiguous or not recognised. */
  readonly unknown: Verdict;
  readonly exceptions: readonly PolicyException[];
  /** Name patterns of the organisation's own packages: never flagged. */
  readonly internalPackages: readonly string[];
  /** Where the organisation's guides live (absolute folder path or https URL), if set. */
  readonly guides?: string;
  /** How developers ask the OSPO for a review, if the organisation says. */
  readonly reviewRequest?: ReviewRequest;
  /** Whether developers record which license of an `OR` expression they use. */
  readonly recordChoices: boolean;
  readonly licenseChoices: readonly LicenseChoice[];
}

export const VERDICT_RANK: Readonly<Record<Verdict, number>> = { allow: 0, review: 1, deny: 2 };

export function isVerdict(value: unknown): value is Verdict {
  return value === 'allow' || value === 'review' || value === 'deny';
}
