import * as semver from 'semver';
import type { NormalizedLicense } from '../licenses/normalize';
import { formatExpression, parseSpdxExpression, type LicenseNode } from '../licenses/spdx';
import type { Ecosystem } from '../model';
import type { LicenseChoice, Policy } from './types';

/**
 * The licenses a developer may choose between: the alternatives of the
 * expression's top-level `OR` (`A OR (B AND C)` gives `A` and `B AND C`), or
 * none when the expression offers no choice.
 */
export function orAlternatives(node: LicenseNode): LicenseNode[] {
  return node.kind === 'or' ? [...orAlternatives(node.left), ...orAlternatives(node.right)] : [node];
}

/** The alternatives of an expression as normalised text, or undefined when it has no top-level `OR`. */
export function choicesOf(expression: string): string[] | undefined {
  const node = parseSpdxExpression(expression);
  if (!node || node.kind !== 'or') return undefined;
  return orAlternatives(node).map(formatExpression);
}

/** An SPDX expression in the canonical form results carry, or undefined when it is not one. */
export function normalizeExpressionText(text: string): string | undefined {
  const node = parseSpdxExpression(text);
  return node ? formatExpression(node) : undefined;
}

/** A version range (or exact version) covers the version in use; absent covers any. */
export function versionCovers(range: string | undefined, version: string | null): boolean {
  if (!range) return true;
  if (!version) return false;
  if (range === version) return true;
  return semver.validRange(range) !== null && semver.valid(version) !== null && semver.satisfies(version, range);
}

/**
 * The recorded choice for this dependency, when one matches its name, ecosystem,
 * version and exact expression: a changed license makes the choice lapse.
 */
export function findLicenseChoice(
  policy: Policy,
  dependency: { readonly ecosystem: Ecosystem; readonly name: string; readonly version: string | null },
  license: NormalizedLicense,
): LicenseChoice | undefined {
  if (!license.expression || license.node?.kind !== 'or') return undefined;
  const expression = license.expression;
  return [...policy.licenseChoices]
    .reverse() // the latest recorded choice wins
    .find(
      (c) =>
        c.package === dependency.name &&
        (!c.ecosystem || c.ecosystem === dependency.ecosystem) &&
        c.expression === expression &&
        versionCovers(c.version, dependency.version),
    );
}
