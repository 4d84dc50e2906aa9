import type { Category } from '../licenses/categories';
import type { Verdict } from '../model';
import type { Distribution } from './types';

/**
 * Category verdicts by distribution model, as FOSSA-style presets do: what a
 * license obliges depends on whether the product is shipped, hosted or internal.
 * A policy's own `categories` override these.
 */
export const DISTRIBUTION_PRESETS: Readonly<Record<Distribution, Readonly<Record<Category, Verdict>>>> = {
  // Shipped to others: copyleft obligations are triggered by distribution.
  distributed: {
    'public-domain': 'allow',
    permissive: 'allow',
    'weak-copyleft': 'review',
    'strong-copyleft': 'deny',
    'network-copyleft': 'deny',
    'source-available': 'deny',
    'non-commercial': 'deny',
    proprietary: 'review',
    other: 'review',
  },
  // Offered as a hosted service: GPL is not triggered by network use, AGPL is.
  saas: {
    'public-domain': 'allow',
    permissive: 'allow',
    'weak-copyleft': 'review',
    'strong-copyleft': 'review',
    'network-copyleft': 'deny',
    'source-available': 'deny',
    'non-commercial': 'deny',
    proprietary: 'review',
    other: 'review',
  },
  // Used only inside the organisation: nothing is distributed, but AGPL still
  // reaches users of an internal network service. Source-available and
  // non-commercial terms restrict use itself, so they stay denied.
  internal: {
    'public-domain': 'allow',
    permissive: 'allow',
    'weak-copyleft': 'allow',
    'strong-copyleft': 'allow',
    'network-copyleft': 'review',
    'source-available': 'deny',
    'non-commercial': 'deny',
    proprietary: 'review',
    other: 'review',
  },
};
