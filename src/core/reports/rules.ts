import { CATEGORIES, CATEGORY_TEXT, type Category } from '../licenses/categories';
import type { RuleCode } from '../policy/evaluate';

/** What a rule code means, in a line and in a paragraph, for report formats that describe their rules. */
export interface RuleText {
  readonly short: string;
  readonly full: string;
}

const OTHER_RULES: Readonly<Record<Exclude<RuleCode, Category>, RuleText>> = {
  'license-listed': {
    short: 'License listed in the policy',
    full: 'The policy names this license explicitly, and that listing decides the verdict whatever the license category.',
  },
  'no-license': {
    short: 'No license declared',
    full: 'The package declares no license. Without a license nobody may use the code, so the OSPO has to find out its terms.',
  },
  'unknown-license': {
    short: 'Unknown license',
    full: 'The license could not be determined: the package is not installed, or what it declares is not a license OSPO Lens recognises.',
  },
  'ambiguous-license': {
    short: 'Ambiguous license',
    full: 'The package names a license family (for example "BSD" or "GPL") without saying which version or variant, so its terms are not known.',
  },
  'internal-package': {
    short: 'Internal package',
    full: "The package is one of the organisation's own (the policy lists it under internalPackages), so its license is not checked.",
  },
  exception: {
    short: 'Policy exception',
    full: 'The policy records an approved exception for this package; it applies until it expires, the version leaves its range or the license changes.',
  },
  'incompatible-license': {
    short: "License incompatible with the project's license",
    full: "The dependency's license cannot be combined with the license of the project that uses it (OSADL compatibility matrix).",
  },
};

/** The description of a rule code: categories from their plain-English meaning, the rest written out. */
export function ruleText(rule: RuleCode): RuleText {
  if ((CATEGORIES as readonly string[]).includes(rule)) {
    const { label, meaning } = CATEGORY_TEXT[rule as Category];
    const name = label.charAt(0).toUpperCase() + label.slice(1);
    return {
      short: `${name} license`,
      full: `${name} licenses: ${meaning}. The policy decides whether they are allowed, need an OSPO review or are denied, per dependency scope.`,
    };
  }
  return OTHER_RULES[rule as Exclude<RuleCode, Category>];
}
