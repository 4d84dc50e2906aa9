import spdxLicenseList = require('spdx-license-list');
import licenseIds = require('spdx-license-ids');
import exceptionIds = require('spdx-exceptions');
import { formatExpression, parseSpdxExpression } from './spdx';

/**
 * License names as people write them, and what they mean in SPDX terms.
 *
 * Every name is compared through `nameKey`, so the tables are written in readable form and
 * one entry covers its spelling variants ("Apache 2" also matches "Apache License, Version
 * 2.0", "Apache-2", "apache2", "The Apache License v2.0").
 *
 * Precedence (first match wins): NAME_PROBLEMS (traps), LICENSE_NAMES (curated), the GNU and
 * Creative Commons families (parsed), then every current SPDX id and full name from
 * spdx-license-ids/spdx-license-list. Traps come first so that a curated or derived name can
 * never turn an ambiguous or proprietary declaration into a license.
 */

/** A name that does not give a license we can use for a verdict, and why. */
export interface NameProblem {
  readonly problem: 'ambiguous' | 'proprietary' | 'missing' | 'unrecognised';
  /** Completes the sentence `"<what the package declared>" …` in plain English. */
  readonly says: string;
  /** A valid SPDX expression the user may confirm; never used for a verdict. */
  readonly suggestion?: string;
}

export type NameMatch =
  | { readonly kind: 'license'; readonly expression: string }
  | ({ readonly kind: 'problem' } & NameProblem);

/** Short name for the id used when a commercial license is offered as one of the choices. */
export const COMMERCIAL_REF = 'LicenseRef-Commercial';

const BSD_VARIANTS = 'BSD names several licenses (0-clause, 2-clause, 3-clause, 4-clause) with different terms';
/** Completes `"<declared>" …` for public-domain claims (also used for the PyPI classifier). */
export const PUBLIC_DOMAIN_SAYS =
  'is a public-domain claim, not a license: public-domain claims need review, because not every country lets ' +
  'authors give up their rights (CC0-1.0 or the Unlicense would be clear)';
const NOT_OPEN = 'is not an open source license: its terms have to be read before the package is used';
const NAMES_NO_LICENSE = 'is ambiguous: it names no license, so the terms are unknown';

/**
 * Declarations that must not become an expression. Ambiguous names may carry a suggestion
 * (shown as "it may be …", never used for a verdict); the GNU and Creative Commons families
 * without a version are handled in `familyMatch`.
 */
export const NAME_PROBLEMS: Readonly<Record<string, NameProblem>> = {
  // Ambiguous: several licenses share the name.
  BSD: { problem: 'ambiguous', says: `is ambiguous: ${BSD_VARIANTS}`, suggestion: 'BSD-3-Clause' },
  'BSD-style': { problem: 'ambiguous', says: `is ambiguous: ${BSD_VARIANTS}, and "-style" may mean a modified text` },
  'BSD-like': { problem: 'ambiguous', says: `is ambiguous: ${BSD_VARIANTS}, and "-like" may mean a modified text` },
  Apache: {
    problem: 'ambiguous',
    says: 'is ambiguous: without a version it could be Apache-1.0, Apache-1.1 or Apache-2.0',
    suggestion: 'Apache-2.0',
  },
  'Apache Software License': {
    problem: 'ambiguous',
    says: 'is ambiguous: without a version it could be Apache-1.1 or Apache-2.0',
    suggestion: 'Apache-2.0',
  },
  'Apache Software': {
    problem: 'ambiguous',
    says: 'is ambiguous: without a version it could be Apache-1.1 or Apache-2.0',
    suggestion: 'Apache-2.0',
  },
  'Apache Public License': {
    problem: 'ambiguous',
    says: 'is ambiguous: without a version it could be Apache-1.1 or Apache-2.0',
    suggestion: 'Apache-2.0',
  },
  ASL: { problem: 'ambiguous', says: 'is ambiguous: without a version it could be Apache-1.1 or Apache-2.0', suggestion: 'Apache-2.0' },
  'Apache-style': { problem: 'ambiguous', says: 'is ambiguous: an "Apache-style" license may be any Apache version or a modified text' },
  MPL: { problem: 'ambiguous', says: 'is ambiguous: without a version it could be MPL-1.0, MPL-1.1 or MPL-2.0' },
  'Mozilla Public License': { problem: 'ambiguous', says: 'is ambiguous: without a version it could be MPL-1.0, MPL-1.1 or MPL-2.0' },
  EPL: { problem: 'ambiguous', says: 'is ambiguous: without a version it could be EPL-1.0 or EPL-2.0' },
  'Eclipse Public License': { problem: 'ambiguous', says: 'is ambiguous: without a version it could be EPL-1.0 or EPL-2.0' },
  Eclipse: { problem: 'ambiguous', says: 'is ambiguous: without a version it could be EPL-1.0 or EPL-2.0' },
  CDDL: { problem: 'ambiguous', says: 'is ambiguous: without a version it could be CDDL-1.0 or CDDL-1.1' },
  'Common Development and Distribution License': {
    problem: 'ambiguous',
    says: 'is ambiguous: without a version it could be CDDL-1.0 or CDDL-1.1',
  },
  Artistic: { problem: 'ambiguous', says: 'is ambiguous: without a version it could be Artistic-1.0 or Artistic-2.0' },
  ZPL: { problem: 'ambiguous', says: 'is ambiguous: without a version it could be ZPL-1.1, ZPL-2.0 or ZPL-2.1' },
  'Zope Public License': { problem: 'ambiguous', says: 'is ambiguous: without a version it could be ZPL-1.1, ZPL-2.0 or ZPL-2.1' },
  EUPL: { problem: 'ambiguous', says: 'is ambiguous: without a version it could be EUPL-1.0, EUPL-1.1 or EUPL-1.2' },
  'European Union Public License': {
    problem: 'ambiguous',
    says: 'is ambiguous: without a version it could be EUPL-1.0, EUPL-1.1 or EUPL-1.2',
  },
  AFL: { problem: 'ambiguous', says: 'is ambiguous: the Academic Free License has several versions' },
  'Academic Free License': { problem: 'ambiguous', says: 'is ambiguous: the Academic Free License has several versions' },
  OSL: { problem: 'ambiguous', says: 'is ambiguous: the Open Software License has several versions' },
  'Open Software License': { problem: 'ambiguous', says: 'is ambiguous: the Open Software License has several versions' },
  CeCILL: { problem: 'ambiguous', says: 'is ambiguous: CeCILL names several licenses (CeCILL-2.1, CeCILL-B, CeCILL-C) with different terms' },
  OFL: { problem: 'ambiguous', says: 'is ambiguous: without a version it could be OFL-1.0 or OFL-1.1', suggestion: 'OFL-1.1' },
  'SIL Open Font License': {
    problem: 'ambiguous',
    says: 'is ambiguous: without a version it could be OFL-1.0 or OFL-1.1',
    suggestion: 'OFL-1.1',
  },
  EFL: { problem: 'ambiguous', says: 'is ambiguous: without a version it could be EFL-1.0 or EFL-2.0' },
  'Eiffel Forum License': { problem: 'ambiguous', says: 'is ambiguous: without a version it could be EFL-1.0 or EFL-2.0' },
  NPL: { problem: 'ambiguous', says: 'is ambiguous: without a version it could be NPL-1.0 or NPL-1.1' },
  'Netscape Public License': { problem: 'ambiguous', says: 'is ambiguous: without a version it could be NPL-1.0 or NPL-1.1' },
  'Apple Public Source License': { problem: 'ambiguous', says: 'is ambiguous: the Apple Public Source License has several versions' },
  // SPDX's BSL is Boost; people also write BSL for the Business Source License (BUSL).
  BSL: { problem: 'ambiguous', says: 'is ambiguous: BSL is the Boost Software License (BSL-1.0) in SPDX, but is also used for the Business Source License (BUSL-1.1)' },
  'Business Source License': {
    problem: 'ambiguous',
    says: 'is ambiguous: without a version it could be BUSL-1.0 or BUSL-1.1 (both source-available, not open source)',
    suggestion: 'BUSL-1.1',
  },
  BUSL: { problem: 'ambiguous', says: 'is ambiguous: without a version it could be BUSL-1.0 or BUSL-1.1', suggestion: 'BUSL-1.1' },
  'Elastic License': {
    problem: 'ambiguous',
    says: 'is ambiguous: without a version it could be the Elastic License 1.0 or 2.0 (both source-available, not open source)',
    suggestion: 'Elastic-2.0',
  },
  'Creative Commons': { problem: 'ambiguous', says: 'is ambiguous: Creative Commons names many licenses, some of them non-commercial or no-derivatives' },
  CC: { problem: 'ambiguous', says: 'is ambiguous: Creative Commons names many licenses, some of them non-commercial or no-derivatives' },
  'Dual License': { problem: 'ambiguous', says: 'is ambiguous: the licenses offered are not named' },
  Dual: { problem: 'ambiguous', says: 'is ambiguous: the licenses offered are not named' },
  'Dual licensed': { problem: 'ambiguous', says: 'is ambiguous: the licenses offered are not named' },
  'Multiple licenses': { problem: 'ambiguous', says: 'is ambiguous: the licenses are not named' },
  Multiple: { problem: 'ambiguous', says: 'is ambiguous: the licenses are not named' },
  Various: { problem: 'ambiguous', says: 'is ambiguous: the licenses are not named' },
  Mixed: { problem: 'ambiguous', says: 'is ambiguous: the licenses are not named' },
  Other: { problem: 'ambiguous', says: NAMES_NO_LICENSE },
  Custom: { problem: 'ambiguous', says: 'is ambiguous: a custom license has to be read' },
  'OSI Approved': { problem: 'ambiguous', says: 'is ambiguous: it says only that the license is OSI approved, not which one' },
  'OSI-approved license': { problem: 'ambiguous', says: 'is ambiguous: it says only that the license is OSI approved, not which one' },
  'DFSG approved': { problem: 'ambiguous', says: 'is ambiguous: it says only that the license meets the Debian guidelines, not which one' },
  'Open Source': { problem: 'ambiguous', says: NAMES_NO_LICENSE },
  Free: { problem: 'ambiguous', says: NAMES_NO_LICENSE },
  'Free Software': { problem: 'ambiguous', says: NAMES_NO_LICENSE },
  'Free software license': { problem: 'ambiguous', says: NAMES_NO_LICENSE },

  'Python License': {
    problem: 'ambiguous',
    says: 'is ambiguous: it could be the Python Software Foundation License (PSF-2.0) or the Python License 2.0 (Python-2.0), which includes older CNRI and BeOpen terms',
    suggestion: 'PSF-2.0',
  },

  // "-style" of a single license: a guess worth showing, never a verdict.
  'MIT-style': { problem: 'unrecognised', says: 'is not a specific license: an "MIT-style" license may differ from MIT', suggestion: 'MIT' },
  'MIT-like': { problem: 'unrecognised', says: 'is not a specific license: an "MIT-like" license may differ from MIT', suggestion: 'MIT' },
  'MIT-based': { problem: 'unrecognised', says: 'is not a specific license: an "MIT-based" license may differ from MIT', suggestion: 'MIT' },

  // Not open source.
  'Other/Proprietary License': {
    problem: 'unrecognised',
    says: 'means a license that is not in the PyPI classifier list, often a proprietary one: the license has to be read',
  },
  Freeware: { problem: 'unrecognised', says: NOT_OPEN },
  Shareware: { problem: 'unrecognised', says: NOT_OPEN },
  'Free for non-commercial use': { problem: 'unrecognised', says: NOT_OPEN },
  'Free for non commercial use': { problem: 'unrecognised', says: NOT_OPEN },
  'Free for educational use': { problem: 'unrecognised', says: NOT_OPEN },
  'Free for home use': { problem: 'unrecognised', says: NOT_OPEN },
  'Free to use but restricted': { problem: 'unrecognised', says: NOT_OPEN },
  'Freely distributable': { problem: 'unrecognised', says: NOT_OPEN },
  'Free to use': { problem: 'unrecognised', says: NOT_OPEN },

  // Public domain is a claim, not a license.
  'Public Domain': { problem: 'unrecognised', says: PUBLIC_DOMAIN_SAYS },
  PD: { problem: 'unrecognised', says: PUBLIC_DOMAIN_SAYS },
  'In the public domain': { problem: 'unrecognised', says: PUBLIC_DOMAIN_SAYS },
  'Released into the public domain': { problem: 'unrecognised', says: PUBLIC_DOMAIN_SAYS },
  'Dedicated to the public domain': { problem: 'unrecognised', says: PUBLIC_DOMAIN_SAYS },
  'Public Domain Dedication': { problem: 'unrecognised', says: PUBLIC_DOMAIN_SAYS },

  // Proprietary: the package grants no open source license.
  UNLICENSED: { problem: 'proprietary', says: 'means the package grants no license to others (it is not the Unlicense)' },
  Unlicenced: { problem: 'proprietary', says: 'means the package grants no license to others (it is not the Unlicense)' },
  Proprietary: { problem: 'proprietary', says: 'is a proprietary license: it grants no open source rights' },
  'Proprietary License': { problem: 'proprietary', says: 'is a proprietary license: it grants no open source rights' },
  Commercial: { problem: 'proprietary', says: 'is a commercial license: it has to be bought or agreed, and grants no open source rights' },
  'Commercial License': { problem: 'proprietary', says: 'is a commercial license: it has to be bought or agreed, and grants no open source rights' },
  'Closed Source': { problem: 'proprietary', says: 'is closed source: it grants no open source rights' },
  Private: { problem: 'proprietary', says: 'is private: it grants no rights to others' },
  'All rights reserved': { problem: 'proprietary', says: 'reserves all rights: it grants no license to others' },
  Copyrighted: { problem: 'proprietary', says: 'reserves all rights: it grants no license to others' },
  'Internal use only': { problem: 'proprietary', says: 'is for internal use only: it grants no rights to others' },
  Confidential: { problem: 'proprietary', says: 'is confidential: it grants no rights to others' },
  EULA: { problem: 'proprietary', says: 'is an end-user license agreement: it grants no open source rights' },
  'End User License Agreement': { problem: 'proprietary', says: 'is an end-user license agreement: it grants no open source rights' },
  'Microsoft Software License': { problem: 'proprietary', says: 'is a proprietary Microsoft license: its terms have to be read' },
  'Microsoft Software License Terms': { problem: 'proprietary', says: 'is a proprietary Microsoft license: its terms have to be read' },
  'Microsoft .NET Library License': { problem: 'proprietary', says: 'is a proprietary Microsoft license: its terms have to be read' },

  // No license information at all.
  UNKNOWN: { problem: 'missing', says: 'is the placeholder PyPI and others show when a package declares no license' },
  NOASSERTION: { problem: 'missing', says: 'means whoever wrote the metadata made no claim about the license' },
  NONE: { problem: 'missing', says: 'says that no license applies: without a license you may not use the package' },
  'No license': { problem: 'missing', says: 'says that no license applies: without a license you may not use the package' },
  'Not licensed': { problem: 'missing', says: 'says that no license applies: without a license you may not use the package' },
  'N/A': { problem: 'missing', says: 'is not a license: the package declares none' },
  NA: { problem: 'missing', says: 'is not a license: the package declares none' },
  null: { problem: 'missing', says: 'is not a license: the package declares none' },
  nil: { problem: 'missing', says: 'is not a license: the package declares none' },
  undefined: { problem: 'missing', says: 'is not a license: the package declares none' },
  TBD: { problem: 'missing', says: 'is not a license: the package declares none yet' },
  TODO: { problem: 'missing', says: 'is not a license: the package declares none yet' },
  'Not specified': { problem: 'missing', says: 'is not a license: the package declares none' },
  Unspecified: { problem: 'missing', says: 'is not a license: the package declares none' },
};

/**
 * Curated names that mean exactly one SPDX expression. Only what the derived SPDX names and
 * the GNU/Creative Commons parsers do not already cover.
 */
export const LICENSE_NAMES: Readonly<Record<string, string>> = {
  // Apache
  'Apache 2': 'Apache-2.0',
  'Apache Software License 2.0': 'Apache-2.0',
  'Apache Software Foundation License 2.0': 'Apache-2.0',
  'Apache Public License 2.0': 'Apache-2.0',
  'Apache 2.0 License': 'Apache-2.0',
  'ASL 2.0': 'Apache-2.0',
  'AL 2.0': 'Apache-2.0',
  'ASF 2.0': 'Apache-2.0',
  'Apache 1.1': 'Apache-1.1',
  'Apache Software License 1.1': 'Apache-1.1',
  'ASL 1.1': 'Apache-1.1',
  'Apache 1.0': 'Apache-1.0',
  // MIT
  Expat: 'MIT',
  'Expat License': 'MIT',
  'MIT/Expat': 'MIT',
  // "MIT/X11" is one name for the MIT (Expat) text as used by X.Org, not "MIT OR X11".
  'MIT/X11': 'MIT',
  'MIT X11': 'MIT',
  'Bouncy Castle Licence': 'MIT',
  // ISC
  ISCL: 'ISC',
  // BSD: every wording here names one variant.
  'BSD-2': 'BSD-2-Clause',
  '2-Clause BSD': 'BSD-2-Clause',
  'Simplified BSD': 'BSD-2-Clause',
  'BSD Simplified': 'BSD-2-Clause',
  FreeBSD: 'BSD-2-Clause',
  'BSD-3': 'BSD-3-Clause',
  '3-Clause BSD': 'BSD-3-Clause',
  'New BSD': 'BSD-3-Clause',
  'BSD New': 'BSD-3-Clause',
  'Modified BSD': 'BSD-3-Clause',
  'Revised BSD': 'BSD-3-Clause',
  'BSD Revised': 'BSD-3-Clause',
  'BSD 3-Clause New': 'BSD-3-Clause',
  // The Eclipse Distribution License 1.0 is the BSD-3-Clause text (SPDX has no separate id).
  'Eclipse Distribution License 1.0': 'BSD-3-Clause',
  'Eclipse Distribution License': 'BSD-3-Clause',
  'EDL 1.0': 'BSD-3-Clause',
  'Go License': 'BSD-3-Clause',
  'BSD-4': 'BSD-4-Clause',
  '4-Clause BSD': 'BSD-4-Clause',
  'Original BSD': 'BSD-4-Clause',
  'BSD Original': 'BSD-4-Clause',
  '0-Clause BSD': '0BSD',
  'Zero-Clause BSD': '0BSD',
  'Clear BSD': 'BSD-3-Clause-Clear',
  // GNU with exceptions, as Maven POMs name them (GlassFish/Jakarta: a choice of CDDL or GPL).
  'CDDL + GPLv2 with classpath exception': 'CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0',
  'CDDL+GPL': 'CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0',
  'CDDL+GPL License': 'CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0',
  'CDDL+GPL 1.1': 'CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0',
  'CDDL/GPLv2+CE': 'CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0',
  'Dual license consisting of the CDDL v1.1 and GPL v2': 'CDDL-1.1 OR GPL-2.0-only',
  // "+CE" here is "plus Classpath Exception", not "or later".
  'GPLv2+CE': 'GPL-2.0-only WITH Classpath-exception-2.0',
  'GPL2+CE': 'GPL-2.0-only WITH Classpath-exception-2.0',
  // Perl's "same terms as Perl itself" (CPAN's perl_5) is a choice of two licenses.
  Perl: 'Artistic-1.0-Perl OR GPL-1.0-or-later',
  'Perl 5': 'Artistic-1.0-Perl OR GPL-1.0-or-later',
  perl_5: 'Artistic-1.0-Perl OR GPL-1.0-or-later',
  'Perl License': 'Artistic-1.0-Perl OR GPL-1.0-or-later',
  'Same terms as Perl itself': 'Artistic-1.0-Perl OR GPL-1.0-or-later',
  'Same as Perl': 'Artistic-1.0-Perl OR GPL-1.0-or-later',
  // Python
  'Python Software Foundation License': 'PSF-2.0',
  'Python Software Foundation': 'PSF-2.0',
  PSF: 'PSF-2.0',
  PSFL: 'PSF-2.0',
  'PSF 2': 'PSF-2.0',
  'CNRI Python': 'CNRI-Python',
  // zlib: the OSI calls it "zlib/libpng"; it is not "Zlib OR libpng".
  'zlib/libpng': 'Zlib',
  'zlib/libpng License': 'Zlib',
  'zlib libpng': 'Zlib',
  // Boost has a single version.
  'Boost Software License': 'BSL-1.0',
  'Boost License': 'BSL-1.0',
  'Boost License 1.0': 'BSL-1.0',
  Boost: 'BSL-1.0',
  // Creative Commons Zero
  CC0: 'CC0-1.0',
  'CC0 1.0 Universal': 'CC0-1.0',
  'CC0 Universal': 'CC0-1.0',
  'Creative Commons Zero': 'CC0-1.0',
  'Creative Commons CC0': 'CC0-1.0',
  'CC0 Public Domain Dedication': 'CC0-1.0',
  'CC0 1.0 Universal Public Domain Dedication': 'CC0-1.0',
  'Public Domain, per Creative Commons CC0': 'CC0-1.0',
  // Others with one version or one meaning
  'WTFPL 2': 'WTFPL',
  'Do What The Fuck You Want To Public License': 'WTFPL',
  Unlicence: 'Unlicense',
  'Beer-ware': 'Beerware',
  'Blue Oak Model License': 'BlueOak-1.0.0',
  'Blue Oak': 'BlueOak-1.0.0',
  'Universal Permissive License': 'UPL-1.0',
  UPL: 'UPL-1.0',
  'Common Public License': 'CPL-1.0',
  'IBM Public License': 'IPL-1.0',
  'Sun Public License': 'SPL-1.0',
  'Qt Public License': 'QPL-1.0',
  'Vovida Software License': 'VSL-1.0',
  'X.Net License': 'Xnet',
  'W3C License': 'W3C',
  'Nokia Open Source License': 'Nokia',
  'Intel Open Source License': 'Intel',
  'Attribution Assurance License': 'AAL',
  'Open Group Test Suite License': 'OGTSL',
  'Nethack General Public License': 'NGPL',
  'Ricoh Source Code Public License': 'RSCPL',
  'Sun Industry Standards Source License': 'SISSL',
  'Aladdin Free Public License': 'Aladdin',
  'SIL OFL 1.1': 'OFL-1.1',
  'SIL Open Font License 1.1': 'OFL-1.1',
  'Elastic License v2': 'Elastic-2.0',
  ELv2: 'Elastic-2.0',
  SSPL: 'SSPL-1.0',
  'Server Side Public License': 'SSPL-1.0',
  'MongoDB Server Side Public License': 'SSPL-1.0',
  // Boost owns "BSL-1.0" in SPDX; there is no Boost 1.1, so "BSL 1.1" is the Business Source License.
  'BSL 1.1': 'BUSL-1.1',
  // Commons Clause is a condition added to another license, not an SPDX license or exception;
  // source-available, so it gets a LicenseRef (its terms restrict selling the software).
  'Commons Clause': 'LicenseRef-Commons-Clause',
  'Commons Clause License Condition': 'LicenseRef-Commons-Clause',
  'Commons Clause License Condition v1.0': 'LicenseRef-Commons-Clause',
  'Commons Clause v1.0': 'LicenseRef-Commons-Clause',
};

type ExceptionRule = (baseId: string) => string | undefined;

/** Exception names (after WITH) to SPDX exception ids; some depend on the license's version. */
const EXCEPTION_NAMES: Readonly<Record<string, ExceptionRule>> = {
  'Classpath Exception': () => 'Classpath-exception-2.0',
  Classpath: () => 'Classpath-exception-2.0',
  CPE: () => 'Classpath-exception-2.0',
  'GNU Classpath Exception': () => 'Classpath-exception-2.0',
  'Classpath linking exception': () => 'Classpath-exception-2.0',
  'LLVM Exception': () => 'LLVM-exception',
  'LLVM Exceptions': () => 'LLVM-exception',
  'GCC Runtime Library Exception': (base) => byGnuVersion(base, 'GCC-exception-2.0', 'GCC-exception-3.1'),
  'GCC Exception': (base) => byGnuVersion(base, 'GCC-exception-2.0', 'GCC-exception-3.1'),
  'Runtime Library Exception': (base) => byGnuVersion(base, 'GCC-exception-2.0', 'GCC-exception-3.1'),
  'Autoconf Exception': (base) => byGnuVersion(base, 'Autoconf-exception-2.0', 'Autoconf-exception-3.0'),
  'Bison Exception': () => 'Bison-exception-2.2',
  'Font Exception': () => 'Font-exception-2.0',
  'Universal FOSS Exception': () => 'Universal-FOSS-exception-1.0',
  'OpenJDK Assembly Exception': () => 'OpenJDK-assembly-exception-1.0',
  'wxWindows Library Exception': () => 'WxWindows-exception-3.1',
  'Linking Exception': (base) =>
    /^GPL-3\.0/.test(base) ? 'GPL-3.0-linking-exception' : /^LGPL-3\.0/.test(base) ? 'LGPL-3.0-linking-exception' : undefined,
};

function byGnuVersion(base: string, two: string, three: string): string | undefined {
  return /^[AL]?GPL-2\./.test(base) ? two : /^[AL]?GPL-3\./.test(base) ? three : undefined;
}

const NUMBER_WORDS: Readonly<Record<string, string>> = { zero: '0', one: '1', two: '2', three: '3', four: '4' };
/** Words that never change which license is meant. "only" goes too: GNU ids default to -only. */
const NOISE = new Set(['the', 'license', 'version', 'ver', 'v', 'only', 'a']);
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
const TRAILING_DATE = new RegExp(`,?\\s*(?:\\d{1,2}\\s+)?(?:${MONTHS})\\s+\\d{4}\\s*$`);

/**
 * A comparison key for a license name: lower case, British spellings, punctuation, "the",
 * "license", "version", "v" and trailing ".0"s removed, "or later" as "+", and family
 * abbreviations split from their version ("GPLv3" and "GPL 3.0" both give "gpl 3").
 * Linear in the input; callers bound its length.
 */
export function nameKey(text: string): string {
  let s = text.toLowerCase();
  // Whole words only: "unlicensed" must stay "unlicensed", never become the Unlicense.
  s = s.replace(/\blicen[cs](?:e|es|ed|ing)\b/g, ' license ');
  s = s.replace(TRAILING_DATE, ' ');
  s = s.replace(/>=\s*(\d+(?:\.\d+)*)/g, ' $1+ ');
  s = s.replace(/(\d)\.(?=\d)/g, '$1\u0001');
  s = s.replace(/[^a-z0-9+\u0001]+/g, ' ').replace(/\u0001/g, '.');
  s = s.replace(/\bor at your option any later(?: version)?\b/g, '+');
  s = s.replace(/\b(?:or|and) (?:any )?(?:later|newer|greater|higher|above)(?: versions?)?\b/g, '+');

  const tokens: string[] = [];
  for (const raw of s.split(' ')) {
    if (raw === '') continue;
    if (raw === '+') {
      if (tokens.length > 0) tokens[tokens.length - 1] += '+';
      continue;
    }
    const word = NUMBER_WORDS[raw] ?? raw;
    const split = /^([a-z]+?)v(\d[\d.]*\+?)$/.exec(word) ?? /^([a-z]+)(\d[\d.]*\+?)$/.exec(word);
    const pieces = split ? [split[1], split[2]] : /^v\d[\d.]*\+?$/.test(word) ? [word.slice(1)] : [word];
    for (const piece of pieces) {
      if (NOISE.has(piece)) continue;
      tokens.push(/^\d+(?:\.\d+)*\+?$/.test(piece) ? piece.replace(/(?:\.0)+(?=\+?$)/, '') : piece);
    }
  }
  return tokens.join(' ');
}

interface Tables {
  readonly problems: ReadonlyMap<string, NameProblem>;
  readonly names: ReadonlyMap<string, string>;
  /** Keys of current SPDX ids and full names; undefined value = two ids share the key. */
  readonly derived: ReadonlyMap<string, string | undefined>;
  readonly exceptions: ReadonlyMap<string, ExceptionRule>;
}

/** Built once at load (about 1,500 short keys, a few milliseconds), then read-only. */
const TABLES: Tables = buildTables();

function buildTables(): Tables {
  const problems = new Map<string, NameProblem>();
  for (const [name, problem] of Object.entries(NAME_PROBLEMS)) problems.set(nameKey(name), problem);
  const names = new Map<string, string>();
  for (const [name, expression] of Object.entries(LICENSE_NAMES)) names.set(nameKey(name), expression);
  const derived = new Map<string, string | undefined>();
  const add = (key: string, id: string): void => {
    if (key === '') return;
    if (derived.has(key) && derived.get(key) !== id) derived.set(key, undefined);
    else derived.set(key, id);
  };
  for (const id of licenseIds) {
    add(nameKey(id), id);
    const listed = spdxLicenseList[id];
    if (listed) add(nameKey(listed.name), id);
  }
  const exceptions = new Map<string, ExceptionRule>();
  for (const id of exceptionIds) exceptions.set(nameKey(id), () => id);
  for (const [name, rule] of Object.entries(EXCEPTION_NAMES)) exceptions.set(nameKey(name), rule);
  return { problems, names, derived, exceptions };
}

/** What a whole license name means, or undefined when it is not a name we know. */
export function lookupName(text: string): NameMatch | undefined {
  return lookupKey(nameKey(text));
}

function lookupKey(key: string): NameMatch | undefined {
  const { problems, names, derived } = TABLES;
  if (key === '') return { kind: 'problem', problem: 'missing', says: 'names no license' };
  const problem = problems.get(key);
  if (problem) return { kind: 'problem', ...problem };
  const curated = names.get(key);
  if (curated) return { kind: 'license', expression: curated };
  const family = familyMatch(key);
  if (family) return family;
  const id = derived.get(key);
  return id ? { kind: 'license', expression: id } : undefined;
}

export interface NameCandidate {
  readonly key: string;
  readonly expression: string;
  /** The version numbers in the key ("2.1+"), which a typo must not change. */
  readonly versions: string;
}

/** Every name key that gives a license, with its expression: the candidates for typo suggestions. */
export const NAME_CANDIDATES: readonly NameCandidate[] = (() => {
  const out: NameCandidate[] = [];
  const add = (key: string, expression: string): void => {
    out.push({ key, expression, versions: versionsOf(key) });
  };
  for (const [key, expression] of TABLES.names) add(key, expression);
  for (const [key, id] of TABLES.derived) if (id && !TABLES.names.has(key)) add(key, id);
  return out;
})();

/** The version numbers of a name key, e.g. "2.1+" for "gnu lgpl 2.1+". */
export function versionsOf(key: string): string {
  return (key.match(/[\d.+]+/g) ?? []).join(' ');
}

/** The SPDX exception id a name means for a license (`GCC exception` depends on the GPL version). */
export function lookupException(text: string, baseId: string): string | undefined {
  const rule = TABLES.exceptions.get(nameKey(text));
  return rule ? rule(baseId) : undefined;
}

const GNU_FAMILIES: ReadonlyArray<readonly [RegExp, 'GPL' | 'LGPL' | 'AGPL' | 'GFDL']> = [
  [/^(?:gnu )?(?:lgpl|lesser gpl|library gpl|lesser general public|library general public|library or lesser general public|lesser or library general public)$/, 'LGPL'],
  [/^(?:gnu )?(?:agpl|affero gpl|affero general public|affero)$/, 'AGPL'],
  [/^(?:gnu )?(?:fdl|gfdl|free documentation)$/, 'GFDL'],
  [/^(?:gnu )?(?:gpl|general public)$|^gnu public$|^gnu$/, 'GPL'],
];

const GNU_AMBIGUOUS: Readonly<Record<'GPL' | 'LGPL' | 'AGPL' | 'GFDL', string>> = {
  GPL: 'is ambiguous: GPL without a version could be GPL-2.0 or GPL-3.0, "only" or "or later"',
  LGPL: 'is ambiguous: LGPL without a version could be LGPL-2.0, LGPL-2.1 or LGPL-3.0, "only" or "or later"',
  AGPL: 'is ambiguous: AGPL without a version could be AGPL-1.0 or AGPL-3.0, "only" or "or later"',
  GFDL: 'is ambiguous: the GNU Free Documentation License has several versions',
};

/**
 * GNU licenses in any wording ("GNU Lesser General Public License v2.1 or later", "GPLv3",
 * "LGPL-3", "GNU GPL version 2") and Creative Commons ("CC BY-NC 4.0", "Creative Commons
 * Attribution-ShareAlike 4.0 International"). Without a version: ambiguous.
 */
function familyMatch(key: string): NameMatch | undefined {
  const gnu = /^(.*?)(?: (\d(?:\.\d)?))?(\+)?$/.exec(key);
  if (gnu) {
    const family = GNU_FAMILIES.find(([pattern]) => pattern.test(gnu[1]))?.[1];
    if (family) {
      if (!gnu[2]) return { kind: 'problem', problem: 'ambiguous', says: GNU_AMBIGUOUS[family] };
      const version = gnu[2].includes('.') ? gnu[2] : `${gnu[2]}.0`;
      const id = `${family}-${version}-${gnu[3] ? 'or-later' : 'only'}`;
      return licenseIds.includes(id) ? { kind: 'license', expression: id } : undefined;
    }
  }
  return creativeCommons(key);
}

function creativeCommons(key: string): NameMatch | undefined {
  if (!/^(?:creative commons|cc) /.test(key)) return undefined;
  const words = key
    .replace(/^creative commons /, 'cc ')
    .replace(/\battribution\b/g, 'by')
    .replace(/\bnon ?commercial\b/g, 'nc')
    .replace(/\bshare ?alike\b/g, 'sa')
    .replace(/\bno ?deriv(?:ative)?s?\b/g, 'nd')
    .replace(/\b(?:international|unported|generic|public)\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const m = /^cc by((?: nc)?(?: nd| sa)?)(?: (\d(?:\.\d)?))?$/.exec(words);
  if (!m) return undefined;
  const variant = `BY${m[1].toUpperCase().replace(/ /g, '-')}`;
  if (!m[2]) {
    return {
      kind: 'problem',
      problem: 'ambiguous',
      says: `is ambiguous: CC ${variant} without a version could be any of its versions (1.0 to 4.0)`,
    };
  }
  const id = `CC-${variant}-${m[2].includes('.') ? m[2] : `${m[2]}.0`}`;
  return licenseIds.includes(id) ? { kind: 'license', expression: id } : undefined;
}

/**
 * A license named by a well-known URL (NuGet `licenseUrl`, Maven `<url>`): such a URL names
 * the license as unambiguously as its id. Undefined for other links, such as a project's own
 * LICENSE file, which say nothing until read.
 */
export function lookupUrl(text: string): NameMatch | undefined {
  if (!/^https?:\/\/\S+$/i.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  path = path.replace(/\/+$/, '').replace(/(?:\.en)?\.(?:html?|php|txt|md|json)$/i, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  const lower = path.toLowerCase();
  const license = (id: string): NameMatch | undefined =>
    licenseIds.includes(id) ? { kind: 'license', expression: id } : undefined;

  if (host === 'licenses.nuget.org') return byIdOrName(path.slice(1));
  if (host === 'spdx.org' && /^\/licenses\//i.test(path)) return byIdOrName(last);
  if ((host === 'opensource.org' || host === 'choosealicense.com') && /^\/licen[cs]es?\//i.test(path)) {
    return byIdOrName(last.replace(/[-_]licen[cs]e$/i, ''));
  }
  if (host === 'apache.org' || host.endsWith('.apache.org')) {
    const m = /\/licenses\/license-(\d\.\d)/.exec(lower);
    return m ? license(`Apache-${m[1]}`) : undefined;
  }
  if (host === 'gnu.org') {
    const m = /\/licenses\/(?:old-licenses\/)?(a?gpl|lgpl|fdl)-(\d\.\d)/.exec(lower);
    if (m) return license(`${m[1] === 'fdl' ? 'GFDL' : m[1].toUpperCase()}-${m[2]}-only`);
    const bare = /\/(?:licenses|copyleft)\/(a?gpl|lgpl|fdl)$/.exec(lower);
    return bare ? lookupName(bare[1]) : undefined;
  }
  if (host === 'eclipse.org') {
    const m = /\/(epl|edl)-v?(\d)\.?(\d)/.exec(lower);
    if (!m) return undefined;
    if (m[1] === 'edl') return m[2] === '1' ? license('BSD-3-Clause') : undefined;
    return license(`EPL-${m[2]}.${m[3]}`);
  }
  if (host === 'mozilla.org') {
    const m = /\/mpl\/(\d\.\d)/.exec(lower);
    return m ? license(`MPL-${m[1]}`) : undefined;
  }
  if (host === 'creativecommons.org') {
    if (/^\/publicdomain\/zero\/1\.0/.test(lower)) return license('CC0-1.0');
    const m = /^\/licenses\/(by(?:-nc)?(?:-nd|-sa)?)\/(\d\.\d)/.exec(lower);
    return m ? license(`CC-${m[1].toUpperCase()}-${m[2]}`) : undefined;
  }
  if (host === 'boost.org' && /license_1_0/.test(lower)) return license('BSL-1.0');
  if (host === 'unlicense.org') return license('Unlicense');
  if (host === 'wtfpl.net') return license('WTFPL');
  return undefined;
}

function byIdOrName(text: string): NameMatch | undefined {
  const node = parseSpdxExpression(text);
  if (node) return { kind: 'license', expression: formatExpression(node) };
  return lookupName(text);
}
