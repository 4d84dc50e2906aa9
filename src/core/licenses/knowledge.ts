import spdxLicenseList = require('spdx-license-list');
import { CATEGORY_TEXT, type Category, type Obligation } from './categories';

/** What we know about one license id. */
export interface LicenseInfo {
  readonly id: string;
  readonly name: string;
  readonly category: Category;
  readonly osiApproved: boolean;
  readonly obligations: readonly Obligation[];
  /** False for ids we have no curated knowledge of (category "other"). */
  readonly known: boolean;
}

/**
 * Category rules, first match wins. Exact ids first, then families. This curated
 * table is deliberately small; ids it does not cover are "other" and get reviewed.
 */
const CATEGORY_RULES: ReadonlyArray<readonly [RegExp, Category]> = [
  [/^(CC0-1\.0|Unlicense|0BSD|PDDL-1\.0|CC-PDDC|MIT-0)$/, 'public-domain'],
  [/^(CC-BY-NC|CC-BY-NC-ND|CC-BY-NC-SA)-|^PolyForm-Noncommercial-|^PolyForm-Strict-/, 'non-commercial'],
  [/^(SSPL-1\.0|BUSL-1\.1|Elastic-2\.0|PolyForm-|Commons-Clause|Confluent-Community-1\.0)/, 'source-available'],
  [/^(AGPL-|RPL-|OSL-3\.0$)/, 'network-copyleft'],
  [/^(GPL-|EUPL-|CC-BY-SA-|Sleepycat$|OSL-)/, 'strong-copyleft'],
  [/^(LGPL-|LGPLLR$|MPL-|EPL-|CDDL-|CPL-1\.0$|MS-RL$|OFL-|APSL-2\.0$|CECILL-C$|ErlPL-1\.1$)/, 'weak-copyleft'],
  [
    /^(MIT|MIT-.*|Apache-1\.1|Apache-2\.0|BSD-2-Clause.*|BSD-3-Clause.*|ISC|Zlib|zlib-acknowledgement|BSL-1\.0|Python-2\.0.*|PSF-2\.0|X11|Artistic-2\.0|BlueOak-1\.0\.0|UPL-1\.0|Unicode-.*|CC-BY-[34]\.0|MS-PL|NCSA|PostgreSQL|OpenSSL|curl|Beerware|AFL-[0-9.]+|ECL-2\.0|W3C.*|HPND.*|libpng.*|bzip2-1\.0\.6|BSD-Source-Code|FSFAP|Ruby|OLDAP-2\.8|Vim|JSON)$/,
    'permissive',
  ],
];

/** Obligations each category carries unless a license says otherwise. */
const CATEGORY_OBLIGATIONS: Readonly<Record<Category, readonly Obligation[]>> = {
  'public-domain': [],
  permissive: ['include-notice'],
  'weak-copyleft': ['include-notice', 'disclose-source', 'same-license-library'],
  'strong-copyleft': ['include-notice', 'disclose-source', 'same-license-work'],
  'network-copyleft': ['include-notice', 'disclose-source', 'same-license-work', 'network-use-is-distribution'],
  'source-available': ['include-notice', 'restricted-use'],
  'non-commercial': ['include-notice', 'restricted-use'],
  proprietary: ['restricted-use'],
  other: [],
};

/** Licenses whose obligations differ from their category's defaults. */
const OBLIGATION_OVERRIDES: Readonly<Record<string, readonly Obligation[]>> = {
  'Apache-2.0': ['include-notice', 'state-changes', 'patent-grant', 'trademark-limits'],
  'MPL-2.0': ['include-notice', 'disclose-source', 'same-license-file', 'patent-grant'],
  'MPL-1.1': ['include-notice', 'disclose-source', 'same-license-file'],
  'EPL-2.0': ['include-notice', 'disclose-source', 'same-license-file', 'patent-grant'],
  'EPL-1.0': ['include-notice', 'disclose-source', 'same-license-file', 'patent-grant'],
  'CDDL-1.0': ['include-notice', 'disclose-source', 'same-license-file'],
  'CDDL-1.1': ['include-notice', 'disclose-source', 'same-license-file'],
  'GPL-3.0-only': ['include-notice', 'state-changes', 'disclose-source', 'same-license-work', 'patent-grant'],
  'GPL-3.0-or-later': ['include-notice', 'state-changes', 'disclose-source', 'same-license-work', 'patent-grant'],
  'LGPL-3.0-only': ['include-notice', 'state-changes', 'disclose-source', 'same-license-library', 'patent-grant'],
  'LGPL-3.0-or-later': ['include-notice', 'state-changes', 'disclose-source', 'same-license-library', 'patent-grant'],
  'AGPL-3.0-only': ['include-notice', 'state-changes', 'disclose-source', 'same-license-work', 'network-use-is-distribution', 'patent-grant'],
  'AGPL-3.0-or-later': ['include-notice', 'state-changes', 'disclose-source', 'same-license-work', 'network-use-is-distribution', 'patent-grant'],
};

/**
 * Exceptions that allow linking without the whole work becoming copyleft, so a
 * GPL license WITH one of them is treated as weak copyleft.
 */
const LINKING_EXCEPTIONS = new Set([
  'Classpath-exception-2.0',
  'LLVM-exception',
  'GCC-exception-2.0',
  'GCC-exception-3.1',
  'Autoconf-exception-2.0',
  'Autoconf-exception-3.0',
  'Bison-exception-2.2',
  'Font-exception-2.0',
  'Libtool-exception',
  'Linux-syscall-note',
  'OpenJDK-assembly-exception-1.0',
  'Universal-FOSS-exception-1.0',
  'GPL-3.0-linking-exception',
  'GPL-3.0-linking-source-exception',
  'LGPL-3.0-linking-exception',
  'Qt-GPL-exception-1.0',
]);

const cache = new Map<string, LicenseInfo>();

/** Knowledge about an SPDX id (or a LicenseRef), never undefined: unknown ids are "other". */
export function describeLicense(id: string): LicenseInfo {
  let info = cache.get(id);
  if (!info) {
    info = computeInfo(id);
    cache.set(id, info);
  }
  return info;
}

/** The category a license takes once an exception (`WITH …`) is applied. */
export function categoryWithException(category: Category, exception: string | undefined): Category {
  if (exception && LINKING_EXCEPTIONS.has(exception) && category === 'strong-copyleft') {
    return 'weak-copyleft';
  }
  return category;
}

export function isLinkingException(exception: string): boolean {
  return LINKING_EXCEPTIONS.has(exception);
}

function computeInfo(id: string): LicenseInfo {
  const listed = spdxLicenseList[id];
  const rule = CATEGORY_RULES.find(([pattern]) => pattern.test(id));
  const category: Category = rule ? rule[1] : 'other';
  return {
    id,
    name: listed?.name ?? (id.startsWith('LicenseRef-') ? `${id} (a license defined by the package)` : id),
    category,
    osiApproved: listed?.osiApproved ?? false,
    obligations: OBLIGATION_OVERRIDES[id] ?? CATEGORY_OBLIGATIONS[category],
    known: rule !== undefined,
  };
}

export function categoryLabel(category: Category): string {
  return CATEGORY_TEXT[category].label;
}
