/**
 * License categories, from least to most restrictive in what they ask of a
 * product that ships the licensed code. The policy assigns each a verdict.
 */
export const CATEGORIES = [
  'public-domain',
  'permissive',
  'weak-copyleft',
  'strong-copyleft',
  'network-copyleft',
  'source-available',
  'non-commercial',
  'proprietary',
  'other',
] as const;

export type Category = (typeof CATEGORIES)[number];

export const OBLIGATIONS = [
  'include-notice',
  'state-changes',
  'disclose-source',
  'same-license-file',
  'same-license-library',
  'same-license-work',
  'network-use-is-distribution',
  'patent-grant',
  'trademark-limits',
  'restricted-use',
] as const;

export type Obligation = (typeof OBLIGATIONS)[number];

/** Plain-English label and one-line meaning of each category, for messages and hovers. */
export const CATEGORY_TEXT: Readonly<Record<Category, { label: string; meaning: string }>> = {
  'public-domain': {
    label: 'public domain',
    meaning: 'no conditions: the author gave up their rights or asks for nothing',
  },
  permissive: {
    label: 'permissive',
    meaning: 'free to use in any product as long as the copyright and license notices are kept',
  },
  'weak-copyleft': {
    label: 'weak copyleft',
    meaning: 'changes to the licensed files or library must stay under the same license, but the rest of the product need not',
  },
  'strong-copyleft': {
    label: 'strong copyleft',
    meaning: 'a product that links it and is distributed must be released, as a whole, under the same license',
  },
  'network-copyleft': {
    label: 'network copyleft',
    meaning: 'even offering it to users over a network obliges you to release the source of the whole work',
  },
  'source-available': {
    label: 'source-available',
    meaning: 'the source can be read but its use is restricted (for example no competing hosted service), so it is not open source',
  },
  'non-commercial': {
    label: 'non-commercial',
    meaning: 'commercial use is not permitted',
  },
  proprietary: {
    label: 'proprietary',
    meaning: 'no license is granted to others; use needs an agreement with the owner',
  },
  other: {
    label: 'uncategorised',
    meaning: 'its terms have not been categorised; someone has to read them',
  },
};

/** One plain line per obligation, as a developer needs to hear it. */
export const OBLIGATION_TEXT: Readonly<Record<Obligation, string>> = {
  'include-notice': 'Keep its copyright and license notice in what you distribute.',
  'state-changes': 'Mark files you changed as changed.',
  'disclose-source': 'Offer the source code to everyone you distribute it to.',
  'same-license-file': 'Your changes to its files stay under the same license.',
  'same-license-library': 'Changes to the library stay under the same license; users must be able to replace it (link dynamically).',
  'same-license-work': 'The whole work that includes it must be released under the same license.',
  'network-use-is-distribution': 'Letting users interact with it over a network counts as distributing it.',
  'patent-grant': 'Grants a patent license, which ends if you sue over patents in it.',
  'trademark-limits': "Grants no right to use the authors' trademarks.",
  'restricted-use': 'Restricts how it may be used (for example no commercial use or no competing service).',
};
