import { PUBLIC_DOMAIN_SAYS, type NameProblem } from './names';

/**
 * PyPI trove classifiers under "License ::" (https://pypi.org/classifiers/), keyed by the
 * path after "License :: ". A value is an SPDX expression, or a problem when the classifier
 * does not name one license.
 *
 * Decisions:
 * - "Apache Software License" and "BSD License" carry no version/variant. They are
 *   ambiguous (Apache-1.1 or 2.0; BSD 2-, 3- or 4-clause) and only *suggest* the usual
 *   reading (Apache-2.0, BSD-3-Clause): a classifier alone never decides a verdict here.
 * - "Other/Proprietary License" means "not in this list", which is often but not always
 *   proprietary, so it is unrecognised (review), not a proprietary verdict.
 * - "GNU Lesser General Public License v2 (LGPLv2)" is read literally as LGPL-2.0, as SPDX does.
 */
export const LICENSE_CLASSIFIERS: Readonly<Record<string, string | NameProblem>> = {
  'OSI Approved': {
    problem: 'ambiguous',
    says: 'is ambiguous: it says only that the license is OSI approved, not which one',
  },
  'OSI Approved :: Academic Free License (AFL)': {
    problem: 'ambiguous',
    says: 'is ambiguous: the Academic Free License has several versions',
  },
  'OSI Approved :: Apache Software License': {
    problem: 'ambiguous',
    says: 'is ambiguous: the classifier has no version, so it could be Apache-1.1 or Apache-2.0',
    suggestion: 'Apache-2.0',
  },
  'OSI Approved :: Apple Public Source License': {
    problem: 'ambiguous',
    says: 'is ambiguous: the Apple Public Source License has several versions',
  },
  'OSI Approved :: Artistic License': {
    problem: 'ambiguous',
    says: 'is ambiguous: without a version it could be Artistic-1.0 or Artistic-2.0',
  },
  'OSI Approved :: Attribution Assurance License': 'AAL',
  'OSI Approved :: BSD License': {
    problem: 'ambiguous',
    says: 'is ambiguous: the classifier covers every BSD variant (2-clause, 3-clause, 4-clause) with different terms',
    suggestion: 'BSD-3-Clause',
  },
  'OSI Approved :: Blue Oak Model License (BlueOak-1.0.0)': 'BlueOak-1.0.0',
  'OSI Approved :: Boost Software License 1.0 (BSL-1.0)': 'BSL-1.0',
  'OSI Approved :: CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)': 'CECILL-2.1',
  'OSI Approved :: CMU License (MIT-CMU)': 'MIT-CMU',
  'OSI Approved :: Common Development and Distribution License 1.0 (CDDL-1.0)': 'CDDL-1.0',
  'OSI Approved :: Common Public License': 'CPL-1.0',
  'OSI Approved :: Eclipse Public License 1.0 (EPL-1.0)': 'EPL-1.0',
  'OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)': 'EPL-2.0',
  'OSI Approved :: Educational Community License, Version 2.0 (ECL-2.0)': 'ECL-2.0',
  'OSI Approved :: Eiffel Forum License': {
    problem: 'ambiguous',
    says: 'is ambiguous: without a version it could be EFL-1.0 or EFL-2.0',
  },
  'OSI Approved :: European Union Public Licence 1.0 (EUPL 1.0)': 'EUPL-1.0',
  'OSI Approved :: European Union Public Licence 1.1 (EUPL 1.1)': 'EUPL-1.1',
  'OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)': 'EUPL-1.2',
  'OSI Approved :: GNU Affero General Public License v3': 'AGPL-3.0-only',
  'OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)': 'AGPL-3.0-or-later',
  'OSI Approved :: GNU Free Documentation License (FDL)': {
    problem: 'ambiguous',
    says: 'is ambiguous: the GNU Free Documentation License has several versions',
  },
  'OSI Approved :: GNU General Public License (GPL)': {
    problem: 'ambiguous',
    says: 'is ambiguous: GPL without a version could be GPL-2.0 or GPL-3.0, "only" or "or later"',
  },
  'OSI Approved :: GNU General Public License v2 (GPLv2)': 'GPL-2.0-only',
  'OSI Approved :: GNU General Public License v2 or later (GPLv2+)': 'GPL-2.0-or-later',
  'OSI Approved :: GNU General Public License v3 (GPLv3)': 'GPL-3.0-only',
  'OSI Approved :: GNU General Public License v3 or later (GPLv3+)': 'GPL-3.0-or-later',
  'OSI Approved :: GNU Lesser General Public License v2 (LGPLv2)': 'LGPL-2.0-only',
  'OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)': 'LGPL-2.0-or-later',
  'OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)': 'LGPL-3.0-only',
  'OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)': 'LGPL-3.0-or-later',
  'OSI Approved :: GNU Library or Lesser General Public License (LGPL)': {
    problem: 'ambiguous',
    says: 'is ambiguous: LGPL without a version could be LGPL-2.0, LGPL-2.1 or LGPL-3.0, "only" or "or later"',
  },
  'OSI Approved :: Historical Permission Notice and Disclaimer (HPND)': 'HPND',
  'OSI Approved :: IBM Public License': 'IPL-1.0',
  'OSI Approved :: ISC License (ISCL)': 'ISC',
  'OSI Approved :: Intel Open Source License': 'Intel',
  'OSI Approved :: MIT License': 'MIT',
  'OSI Approved :: MIT No Attribution License (MIT-0)': 'MIT-0',
  'OSI Approved :: MirOS License (MirOS)': 'MirOS',
  'OSI Approved :: Motosoto License': 'Motosoto',
  'OSI Approved :: Mozilla Public License 1.0 (MPL)': 'MPL-1.0',
  'OSI Approved :: Mozilla Public License 1.1 (MPL 1.1)': 'MPL-1.1',
  'OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
  'OSI Approved :: Mulan Permissive Software License v2 (MulanPSL-2.0)': 'MulanPSL-2.0',
  'OSI Approved :: Nethack General Public License': 'NGPL',
  'OSI Approved :: Nokia Open Source License': 'Nokia',
  'OSI Approved :: Open Group Test Suite License': 'OGTSL',
  'OSI Approved :: Open Software License 3.0 (OSL-3.0)': 'OSL-3.0',
  'OSI Approved :: PostgreSQL License': 'PostgreSQL',
  'OSI Approved :: Python License (CNRI Python License)': 'CNRI-Python',
  'OSI Approved :: Python Software Foundation License': 'PSF-2.0',
  'OSI Approved :: Qt Public License (QPL)': 'QPL-1.0',
  'OSI Approved :: Ricoh Source Code Public License': 'RSCPL',
  'OSI Approved :: SIL Open Font License 1.1 (OFL-1.1)': 'OFL-1.1',
  'OSI Approved :: Sleepycat License': 'Sleepycat',
  'OSI Approved :: Sun Industry Standards Source License (SISSL)': 'SISSL',
  'OSI Approved :: Sun Public License': 'SPL-1.0',
  'OSI Approved :: The Unlicense (Unlicense)': 'Unlicense',
  'OSI Approved :: Universal Permissive License (UPL)': 'UPL-1.0',
  'OSI Approved :: University of Illinois/NCSA Open Source License': 'NCSA',
  'OSI Approved :: Vovida Software License 1.0': 'VSL-1.0',
  'OSI Approved :: W3C License': 'W3C',
  'OSI Approved :: X.Net License': 'Xnet',
  'OSI Approved :: Zero-Clause BSD (0BSD)': '0BSD',
  'OSI Approved :: Zope Public License': {
    problem: 'ambiguous',
    says: 'is ambiguous: without a version it could be ZPL-1.1, ZPL-2.0 or ZPL-2.1',
  },
  'OSI Approved :: zlib/libpng License': 'Zlib',
  'Aladdin Free Public License (AFPL)': 'Aladdin',
  'CC0 1.0 Universal (CC0 1.0) Public Domain Dedication': 'CC0-1.0',
  'CeCILL-B Free Software License Agreement (CECILL-B)': 'CECILL-B',
  'CeCILL-C Free Software License Agreement (CECILL-C)': 'CECILL-C',
  'DFSG approved': {
    problem: 'ambiguous',
    says: 'is ambiguous: it says only that the license meets the Debian guidelines, not which one',
  },
  'Eiffel Forum License (EFL)': {
    problem: 'ambiguous',
    says: 'is ambiguous: without a version it could be EFL-1.0 or EFL-2.0',
  },
  'Netscape Public License (NPL)': {
    problem: 'ambiguous',
    says: 'is ambiguous: without a version it could be NPL-1.0 or NPL-1.1',
  },
  'Nokia Open Source License (NOKOS)': 'Nokia',
  'Free For Educational Use': { problem: 'unrecognised', says: 'is not an open source license: its terms have to be read' },
  'Free For Home Use': { problem: 'unrecognised', says: 'is not an open source license: its terms have to be read' },
  'Free To Use But Restricted': { problem: 'unrecognised', says: 'is not an open source license: its terms have to be read' },
  'Free for non-commercial use': {
    problem: 'unrecognised',
    says: 'is not an open source license: commercial use is not allowed without other terms',
  },
  'Freely Distributable': { problem: 'unrecognised', says: 'is not an open source license: its terms have to be read' },
  Freeware: { problem: 'unrecognised', says: 'is not an open source license: its terms have to be read' },
  Shareware: { problem: 'unrecognised', says: 'is not an open source license: its terms have to be read' },
  'GUST Font License 1.0': { problem: 'unrecognised', says: 'has no SPDX id: its terms have to be read' },
  'GUST Font License 2006-09-30': { problem: 'unrecognised', says: 'has no SPDX id: its terms have to be read' },
  'Repoze Public License': { problem: 'unrecognised', says: 'has no SPDX id: its terms have to be read' },
  'Other/Proprietary License': {
    problem: 'unrecognised',
    says: 'means a license that is not in the classifier list, often a proprietary one: the package\'s license has to be read',
  },
  'Public Domain': { problem: 'unrecognised', says: PUBLIC_DOMAIN_SAYS },
};

/** Normalises a classifier path for lookup: spacing around "::" and letter case do not matter. */
export function classifierKey(path: string): string {
  return path
    .split('::')
    .map((segment) => segment.trim().replace(/\s+/g, ' '))
    .filter((segment) => segment !== '')
    .join(' :: ')
    .toLowerCase();
}

const BY_KEY: ReadonlyMap<string, string | NameProblem> = new Map(
  Object.entries(LICENSE_CLASSIFIERS).map(([classifier, meaning]) => [classifierKey(classifier), meaning]),
);

/**
 * What one "License :: …" classifier means; `path` is what follows "License ::".
 * Undefined when the classifier is not in the table.
 */
export function lookupClassifier(path: string): string | NameProblem | undefined {
  return BY_KEY.get(classifierKey(path));
}
