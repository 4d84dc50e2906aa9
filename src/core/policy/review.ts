import type { ReviewRequest } from './types';

/** What a review request says about the dependency; each is a placeholder in a URL template. */
export interface ReviewFacts {
  readonly package: string;
  readonly ecosystem: string;
  /** The exact version when known, else what the manifest asks for. */
  readonly version: string;
  readonly license: string;
  /** The manifest, relative to the workspace. */
  readonly manifest: string;
  readonly verdict: string;
  /** Why the policy flags it. */
  readonly reason: string;
}

export const REVIEW_PLACEHOLDERS: readonly (keyof ReviewFacts)[] = ['package', 'ecosystem', 'version', 'license', 'manifest', 'verdict', 'reason'];

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Placeholders in a URL template that are not known, for the policy loader to report. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !(REVIEW_PLACEHOLDERS as readonly string[]).includes(name));
}

/** True for an address a mailto: link can carry as it is. */
export function isEmailAddress(text: string): boolean {
  return /^[^\s@<>()",;:?&=/\\]+@[^\s@<>()",;:?&=/\\]+\.[^\s@<>()",;:?&=/\\]+$/.test(text);
}

/**
 * The link that opens the organisation's review request for a dependency: the
 * policy's https URL with every placeholder filled in (URL-encoded), or a
 * mailto: link with a subject and a body that say what is asked.
 */
export function reviewRequestLink(request: ReviewRequest, facts: ReviewFacts): string {
  if ('url' in request) {
    return request.url.replace(PLACEHOLDER, (whole, name: string) =>
      (REVIEW_PLACEHOLDERS as readonly string[]).includes(name) ? encodeURIComponent(facts[name as keyof ReviewFacts]) : whole,
    );
  }
  const subject = `OSPO review: ${facts.package} ${facts.version} (${facts.license})`;
  const body = [
    `Please review this dependency.`,
    '',
    `Package: ${facts.package} (${facts.ecosystem})`,
    `Version: ${facts.version}`,
    `License: ${facts.license}`,
    `Manifest: ${facts.manifest}`,
    `Policy verdict: ${facts.verdict}. ${facts.reason}`,
    '',
    'Why we need it and how it is used:',
    '',
  ].join('\r\n');
  return `mailto:${request.email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
