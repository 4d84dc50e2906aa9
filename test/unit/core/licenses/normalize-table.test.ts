import * as assert from 'node:assert/strict';
import spdxCorrect = require('spdx-correct');
import { LICENSE_CLASSIFIERS } from '../../../../src/core/licenses/classifiers';
import { LICENSE_NAMES, NAME_PROBLEMS, lookupName, nameKey } from '../../../../src/core/licenses/names';
import {
  declaredText,
  normalizeClassifiers,
  normalizeLicense,
  type Confidence,
  type DeclaredLicense,
  type LicenseProblem,
  type NormalizedLicense,
} from '../../../../src/core/licenses/normalize';
import { formatExpression, isKnownExceptionId, isKnownLicenseId, licenseLeaves, parseSpdxExpression } from '../../../../src/core/licenses/spdx';

/**
 * [what the package declares, expected expression (null: none usable), confidence,
 *  problem when there is no expression, suggestion when one is offered].
 * The declarations are what real packages write in npm `license`, Cargo `license`, PyPI
 * `License:`, Maven `<license><name>`, NuGet `<license>`/`licenseUrl` and pkg.go.dev.
 */
type Row = readonly [declared: string, expression: string | null, confidence: Confidence, problem?: LicenseProblem, suggestion?: string];

const TABLE: ReadonlyArray<readonly [section: string, rows: readonly Row[]]> = [
  [
    'npm',
    [
      ['MIT', 'MIT', 'exact'],
      ['ISC', 'ISC', 'exact'],
      ['Apache-2.0', 'Apache-2.0', 'exact'],
      ['BSD-2-Clause', 'BSD-2-Clause', 'exact'],
      ['BSD-3-Clause', 'BSD-3-Clause', 'exact'],
      ['0BSD', '0BSD', 'exact'],
      ['MIT-0', 'MIT-0', 'exact'],
      ['CC0-1.0', 'CC0-1.0', 'exact'],
      ['CC-BY-3.0', 'CC-BY-3.0', 'exact'],
      ['CC-BY-4.0', 'CC-BY-4.0', 'exact'],
      ['Python-2.0', 'Python-2.0', 'exact'],
      ['BlueOak-1.0.0', 'BlueOak-1.0.0', 'exact'],
      ['Unlicense', 'Unlicense', 'exact'],
      ['WTFPL', 'WTFPL', 'exact'],
      ['MPL-2.0', 'MPL-2.0', 'exact'],
      ['LGPL-3.0-or-later', 'LGPL-3.0-or-later', 'exact'],
      ['AGPL-3.0-or-later', 'AGPL-3.0-or-later', 'exact'],
      ['MIT OR Apache-2.0', 'MIT OR Apache-2.0', 'exact'],
      ['MIT AND (BSD-3-Clause OR ISC)', 'MIT AND (BSD-3-Clause OR ISC)', 'exact'],
      ['(MIT OR Apache-2.0)', 'MIT OR Apache-2.0', 'high'],
      ['(MIT OR CC0-1.0)', 'MIT OR CC0-1.0', 'high'],
      ['(BSD-2-Clause OR MIT OR Apache-2.0)', 'BSD-2-Clause OR MIT OR Apache-2.0', 'high'],
      ['(MIT AND Zlib)', 'MIT AND Zlib', 'high'],
      ['(WTFPL OR MIT)', 'WTFPL OR MIT', 'high'],
      ['(AFL-2.1 OR BSD-3-Clause)', 'AFL-2.1 OR BSD-3-Clause', 'high'],
      // Deprecated GNU ids become their current "-only"/"-or-later" form.
      ['(GPL-2.0 OR MIT)', 'GPL-2.0-only OR MIT', 'high'],
      ['GPL-3.0', 'GPL-3.0-only', 'high'],
      ['AGPL-3.0', 'AGPL-3.0-only', 'high'],
      ['GPL-2.0+', 'GPL-2.0-or-later', 'high'],
      ['LGPL-2.1+', 'LGPL-2.1-or-later', 'high'],
      ['mit', 'MIT', 'high'],
      ['apache-2.0', 'Apache-2.0', 'high'],
      ['mit or apache-2.0', 'MIT OR Apache-2.0', 'high'],
      ['MIT License', 'MIT', 'high'],
      ['The MIT License (MIT)', 'MIT', 'high'],
      ['MIT Licence', 'MIT', 'high'],
      ['MIT licensed', 'MIT', 'high'],
      ['Released under the MIT license', 'MIT', 'high'],
      ['Apache 2.0', 'Apache-2.0', 'high'],
      ['MIT/Apache-2.0', 'MIT OR Apache-2.0', 'high'],
      ['MIT or Apache 2.0', 'MIT OR Apache-2.0', 'high'],
      ['MIT and/or Apache-2.0', 'MIT OR Apache-2.0', 'high'],
      ['either MIT or Apache-2.0 at your option', 'MIT OR Apache-2.0', 'high'],
      ['MIT and BSD-3-Clause', 'MIT AND BSD-3-Clause', 'high'],
      ['MIT & Apache-2.0', 'MIT AND Apache-2.0', 'high'],
      // "MIT/X11" is one license's name, not a choice between MIT and X11.
      ['MIT/X11', 'MIT', 'high'],
      ['Expat', 'MIT', 'high'],
      ['UNLICENSED', null, 'none', 'proprietary'],
      ['unlicensed', null, 'none', 'proprietary'],
      ['Unlicensed.', null, 'none', 'proprietary'],
      ['UNLICENCED', null, 'none', 'proprietary'],
      ['SEE LICENSE IN LICENSE', null, 'none', 'see-file'],
      ['SEE LICENSE IN ./LICENSE.md', null, 'none', 'see-file'],
      ['See LICENSE file', null, 'none', 'see-file'],
      ['LICENSE.txt', null, 'none', 'see-file'],
      // A URL after SEE LICENSE IN is a link, not a file in the package.
      ['SEE LICENSE IN https://opensource.org/licenses/MIT', 'MIT', 'high'],
      ['SEE LICENSE IN https://example.com/terms', null, 'none', 'unrecognised'],
      // Tools such as license-checker mark a guessed license with "*": only a suggestion.
      ['MIT*', null, 'low', 'unrecognised', 'MIT'],
      ['dual MIT/GPL', null, 'low', 'ambiguous', 'MIT'],
      ['Dual licensed under the MIT or GPL Version 2 licenses', 'MIT OR GPL-2.0-only', 'high'],
      ['Dual licensed under MIT and GPL-2.0', 'MIT OR GPL-2.0-only', 'high'],
    ],
  ],
  [
    'Cargo',
    [
      ['MIT OR Apache-2.0', 'MIT OR Apache-2.0', 'exact'],
      ['Apache-2.0 OR MIT', 'Apache-2.0 OR MIT', 'exact'],
      ['Unlicense OR MIT', 'Unlicense OR MIT', 'exact'],
      ['MIT OR Apache-2.0 OR Zlib', 'MIT OR Apache-2.0 OR Zlib', 'exact'],
      ['0BSD OR MIT OR Apache-2.0', '0BSD OR MIT OR Apache-2.0', 'exact'],
      ['Apache-2.0 OR BSL-1.0', 'Apache-2.0 OR BSL-1.0', 'exact'],
      ['Apache-2.0 WITH LLVM-exception', 'Apache-2.0 WITH LLVM-exception', 'exact'],
      ['Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT', 'Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT', 'exact'],
      ['(MIT OR Apache-2.0) AND Unicode-DFS-2016', '(MIT OR Apache-2.0) AND Unicode-DFS-2016', 'exact'],
      ['Unicode-3.0', 'Unicode-3.0', 'exact'],
      // The old Cargo separator "/" means OR.
      ['MIT/Apache-2.0', 'MIT OR Apache-2.0', 'high'],
      ['Apache-2.0/MIT', 'Apache-2.0 OR MIT', 'high'],
      ['MIT / Apache-2.0', 'MIT OR Apache-2.0', 'high'],
      ['Apache-2.0 / MIT', 'Apache-2.0 OR MIT', 'high'],
      ['Unlicense/MIT', 'Unlicense OR MIT', 'high'],
      ['Apache-2.0 | MIT', 'Apache-2.0 OR MIT', 'high'],
      ['GPL-2 | GPL-3', 'GPL-2.0-only OR GPL-3.0-only', 'high'],
      ['GPL-3.0+', 'GPL-3.0-or-later', 'high'],
      ['Apache-2.0 with LLVM exceptions', 'Apache-2.0 WITH LLVM-exception', 'high'],
      ['MIT OR Apache-2.0 (at your option)', 'MIT OR Apache-2.0', 'high'],
    ],
  ],
  [
    'PyPI license field',
    [
      ['BSD 3-Clause', 'BSD-3-Clause', 'high'],
      ['BSD 3-Clause License', 'BSD-3-Clause', 'high'],
      ['3-Clause BSD License', 'BSD-3-Clause', 'high'],
      ['BSD (3 clause)', 'BSD-3-Clause', 'high'],
      ['BSD-3', 'BSD-3-Clause', 'high'],
      ['New BSD License', 'BSD-3-Clause', 'high'],
      ['Modified BSD', 'BSD-3-Clause', 'high'],
      ['Simplified BSD', 'BSD-2-Clause', 'high'],
      ['BSD 2-Clause License', 'BSD-2-Clause', 'high'],
      ['FreeBSD', 'BSD-2-Clause', 'high'],
      ['Apache License 2.0', 'Apache-2.0', 'high'],
      ['Apache License, Version 2.0', 'Apache-2.0', 'high'],
      ['Apache Software License 2.0', 'Apache-2.0', 'high'],
      ['Apache 2', 'Apache-2.0', 'high'],
      ['Apache-2', 'Apache-2.0', 'high'],
      ['Apache License v2', 'Apache-2.0', 'high'],
      ['GPLv2', 'GPL-2.0-only', 'high'],
      ['GPLv2+', 'GPL-2.0-or-later', 'high'],
      ['GPL v3', 'GPL-3.0-only', 'high'],
      ['GPLv3 or later', 'GPL-3.0-or-later', 'high'],
      ['GNU GPL v2', 'GPL-2.0-only', 'high'],
      ['GNU GPL v3', 'GPL-3.0-only', 'high'],
      ['GNU GPLv3+', 'GPL-3.0-or-later', 'high'],
      ['GPL v2 or later', 'GPL-2.0-or-later', 'high'],
      ['GNU GPL version 2 or any later version', 'GPL-2.0-or-later', 'high'],
      ['GNU General Public License v3 (GPLv3)', 'GPL-3.0-only', 'high'],
      ['GNU General Public License v2 or later (GPLv2+)', 'GPL-2.0-or-later', 'high'],
      // "or later" is a version range, never an OR.
      ['GNU Lesser General Public License v2.1 or later', 'LGPL-2.1-or-later', 'high'],
      ['LGPLv3+', 'LGPL-3.0-or-later', 'high'],
      ['LGPLv2+', 'LGPL-2.0-or-later', 'high'],
      ['LGPL v3 or later', 'LGPL-3.0-or-later', 'high'],
      ['LGPL-3', 'LGPL-3.0-only', 'high'],
      ['AGPLv3', 'AGPL-3.0-only', 'high'],
      ['AGPLv3+', 'AGPL-3.0-or-later', 'high'],
      ['GNU Affero General Public License v3', 'AGPL-3.0-only', 'high'],
      ['GNU AGPL v3.0 or later', 'AGPL-3.0-or-later', 'high'],
      ['GPL (>= 2)', 'GPL-2.0-or-later', 'high'],
      ['MPL 2.0', 'MPL-2.0', 'high'],
      ['MPL2', 'MPL-2.0', 'high'],
      ['Mozilla Public License 2.0 (MPL 2.0)', 'MPL-2.0', 'high'],
      ['Python Software Foundation License', 'PSF-2.0', 'high'],
      ['PSF', 'PSF-2.0', 'high'],
      ['PSF License', 'PSF-2.0', 'high'],
      ['ISC License (ISCL)', 'ISC', 'high'],
      ['ISCL', 'ISC', 'high'],
      ['Expat license', 'MIT', 'high'],
      ['zlib/libpng', 'Zlib', 'high'],
      ['Zlib', 'Zlib', 'exact'],
      ['zlib', 'Zlib', 'high'],
      ['ZPL 2.1', 'ZPL-2.1', 'high'],
      ['Zope Public License 2.1', 'ZPL-2.1', 'high'],
      ['Historical Permission Notice and Disclaimer (HPND)', 'HPND', 'high'],
      ['CC0', 'CC0-1.0', 'high'],
      ['CC0 1.0 Universal', 'CC0-1.0', 'high'],
      ['Creative Commons Attribution 4.0', 'CC-BY-4.0', 'high'],
      ['CC BY 4.0', 'CC-BY-4.0', 'high'],
      ['CC BY-SA 4.0', 'CC-BY-SA-4.0', 'high'],
      ['CC BY-NC 4.0', 'CC-BY-NC-4.0', 'high'],
      ['CC BY-NC-SA 4.0', 'CC-BY-NC-SA-4.0', 'high'],
      ['Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International', 'CC-BY-NC-SA-4.0', 'high'],
      ['Creative Commons Attribution-ShareAlike 3.0 Unported', 'CC-BY-SA-3.0', 'high'],
      ['The Unlicense', 'Unlicense', 'high'],
      ['Unlicence', 'Unlicense', 'high'],
      ['Artistic-2.0', 'Artistic-2.0', 'exact'],
      ['Artistic License 2.0', 'Artistic-2.0', 'high'],
      ['Ruby', 'Ruby', 'exact'],
      ['PostgreSQL License', 'PostgreSQL', 'high'],
      ['OpenSSL', 'OpenSSL', 'exact'],
      ['Blue Oak Model License 1.0.0', 'BlueOak-1.0.0', 'high'],
      ['BSD or Apache License, Version 2.0', null, 'low', 'ambiguous', 'BSD-3-Clause OR Apache-2.0'],
      ['Public Domain', null, 'none', 'unrecognised'],
      ['Public Domain (CC0)', 'CC0-1.0', 'high'],
      ['MIT or Public Domain', null, 'low', 'unrecognised', 'MIT'],
      ['UNKNOWN', null, 'none', 'missing'],
      ['none', null, 'none', 'missing'],
      ['N/A', null, 'none', 'missing'],
      ['Apche 2', null, 'low', 'unrecognised', 'Apache-2.0'],
      ['GLP 3', null, 'low', 'unrecognised', 'GPL-3.0-only'],
      ['MIT-style', null, 'low', 'unrecognised', 'MIT'],
      ['MIT (modified)', null, 'low', 'unrecognised', 'MIT'],
    ],
  ],
  [
    'Maven',
    [
      ['The Apache Software License, Version 2.0', 'Apache-2.0', 'high'],
      ['The Apache License, Version 2.0', 'Apache-2.0', 'high'],
      ['Apache Software License - Version 2.0', 'Apache-2.0', 'high'],
      ['Apache License Version 2.0, January 2004', 'Apache-2.0', 'high'],
      ['Apache Public License 2.0', 'Apache-2.0', 'high'],
      ['ASL 2.0', 'Apache-2.0', 'high'],
      ['ALv2', 'Apache-2.0', 'high'],
      ['ASF 2.0', 'Apache-2.0', 'high'],
      ['Licensed under the Apache License, Version 2.0', 'Apache-2.0', 'high'],
      ['Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0)', 'Apache-2.0', 'high'],
      ['Eclipse Public License - v 1.0', 'EPL-1.0', 'high'],
      ['Eclipse Public License - v 2.0', 'EPL-2.0', 'high'],
      ['Eclipse Public License 1.0', 'EPL-1.0', 'high'],
      ['Eclipse Public License v2.0', 'EPL-2.0', 'high'],
      ['EPL-1.0', 'EPL-1.0', 'exact'],
      ['EPL 2.0', 'EPL-2.0', 'high'],
      // The Eclipse Distribution License 1.0 is the BSD-3-Clause text.
      ['Eclipse Distribution License - v 1.0', 'BSD-3-Clause', 'high'],
      ['EDL 1.0', 'BSD-3-Clause', 'high'],
      ['CDDL 1.1', 'CDDL-1.1', 'high'],
      ['CDDL v1.0', 'CDDL-1.0', 'high'],
      ['COMMON DEVELOPMENT AND DISTRIBUTION LICENSE (CDDL) Version 1.0', 'CDDL-1.0', 'high'],
      ['CDDL + GPLv2 with classpath exception', 'CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0', 'high'],
      ['CDDL+GPL License', 'CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0', 'high'],
      ['Dual license consisting of the CDDL v1.1 and GPL v2', 'CDDL-1.1 OR GPL-2.0-only', 'high'],
      ['GNU General Public License, version 2 with the Classpath Exception', 'GPL-2.0-only WITH Classpath-exception-2.0', 'high'],
      ['GNU General Public License, version 2 (GPL2), with the classpath exception', 'GPL-2.0-only WITH Classpath-exception-2.0', 'high'],
      ['GPL2 w/ CPE', 'GPL-2.0-only WITH Classpath-exception-2.0', 'high'],
      ['GPLv2 with Classpath Exception', 'GPL-2.0-only WITH Classpath-exception-2.0', 'high'],
      ['GPLv2+CE', 'GPL-2.0-only WITH Classpath-exception-2.0', 'high'],
      [
        'Eclipse Public License 2.0 or GNU General Public License, version 2 with the GNU Classpath Exception',
        'EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0',
        'high',
      ],
      ['The GNU General Public License, v2 with Universal FOSS Exception, v1.0', 'GPL-2.0-only WITH Universal-FOSS-exception-1.0', 'high'],
      ['GPLv3 with GCC Runtime Library Exception', 'GPL-3.0-only WITH GCC-exception-3.1', 'high'],
      ['GPLv3 with linking exception', 'GPL-3.0-only WITH GPL-3.0-linking-exception', 'high'],
      ['GNU Lesser General Public License, version 2.1', 'LGPL-2.1-only', 'high'],
      ['LGPL 2.1', 'LGPL-2.1-only', 'high'],
      ['GNU Library General Public License v2 or later', 'LGPL-2.0-or-later', 'high'],
      ['GNU GENERAL PUBLIC LICENSE Version 3, 29 June 2007', 'GPL-3.0-only', 'high'],
      ['MPL 1.1', 'MPL-1.1', 'high'],
      ['Mozilla Public License, Version 2.0', 'MPL-2.0', 'high'],
      ['BSD License 3', 'BSD-3-Clause', 'high'],
      ['Revised BSD', 'BSD-3-Clause', 'high'],
      ['Bouncy Castle Licence', 'MIT', 'high'],
      ['Public Domain, per Creative Commons CC0', 'CC0-1.0', 'high'],
      ['Common Public License Version 1.0', 'CPL-1.0', 'high'],
      ['The JSON License', 'JSON', 'high'],
      ['Universal Permissive License, Version 1.0', 'UPL-1.0', 'high'],
      ['Boost Software License 1.0', 'BSL-1.0', 'high'],
      ['BSL-1.0', 'BSL-1.0', 'exact'],
      ['European Union Public Licence v. 1.2', 'EUPL-1.2', 'high'],
      ['Similar to Apache License but with the acknowledgment clause removed', null, 'none', 'unrecognised'],
      ['Indiana University Extreme! Lab Software License, vesion 1.1.1', null, 'none', 'unrecognised'],
      // The name and its abbreviation disagree: say so instead of picking one.
      ['GNU General Public License v2.0 (GPL-2.0-or-later)', null, 'none', 'ambiguous'],
    ],
  ],
  [
    'NuGet',
    [
      ['MS-PL', 'MS-PL', 'exact'],
      ['Microsoft Public License', 'MS-PL', 'high'],
      ['https://licenses.nuget.org/MIT', 'MIT', 'high'],
      ['https://licenses.nuget.org/(MIT%20OR%20Apache-2.0)', 'MIT OR Apache-2.0', 'high'],
      ['http://www.apache.org/licenses/LICENSE-2.0', 'Apache-2.0', 'high'],
      ['http://www.apache.org/licenses/LICENSE-2.0.txt', 'Apache-2.0', 'high'],
      ['https://opensource.org/licenses/MIT', 'MIT', 'high'],
      ['http://www.opensource.org/licenses/mit-license.php', 'MIT', 'high'],
      ['http://opensource.org/licenses/BSD-3-Clause', 'BSD-3-Clause', 'high'],
      ['http://www.opensource.org/licenses/bsd-license.php', null, 'low', 'ambiguous', 'BSD-3-Clause'],
      ['http://www.gnu.org/licenses/gpl-3.0.html', 'GPL-3.0-only', 'high'],
      ['https://www.gnu.org/licenses/old-licenses/lgpl-2.1.en.html', 'LGPL-2.1-only', 'high'],
      ['http://www.eclipse.org/legal/epl-v10.html', 'EPL-1.0', 'high'],
      ['https://www.mozilla.org/en-US/MPL/2.0/', 'MPL-2.0', 'high'],
      ['https://creativecommons.org/publicdomain/zero/1.0/', 'CC0-1.0', 'high'],
      ['https://github.com/foo/bar/blob/main/LICENSE', null, 'none', 'unrecognised'],
      ['http://go.microsoft.com/fwlink/?LinkId=329770', null, 'none', 'unrecognised'],
      ['Microsoft Software License Terms', null, 'none', 'proprietary'],
    ],
  ],
  [
    'Go (pkg.go.dev license lists)',
    [
      ['BSD-3-Clause', 'BSD-3-Clause', 'exact'],
      // Detected license files all apply: a comma list reads as AND.
      ['BSD-3-Clause, MIT', 'BSD-3-Clause AND MIT', 'high'],
      ['Apache-2.0, BSD-3-Clause, MIT', 'Apache-2.0 AND BSD-3-Clause AND MIT', 'high'],
      // An English list takes its last conjunction.
      ['Apache 2.0, MIT or BSD-3-Clause', 'Apache-2.0 OR MIT OR BSD-3-Clause', 'high'],
    ],
  ],
  [
    'source-available, non-commercial and proprietary',
    [
      ['Elastic License 2.0', 'Elastic-2.0', 'high'],
      ['ELv2', 'Elastic-2.0', 'high'],
      ['SSPL', 'SSPL-1.0', 'high'],
      ['Server Side Public License', 'SSPL-1.0', 'high'],
      ['Server Side Public License, v 1', 'SSPL-1.0', 'high'],
      ['Business Source License 1.1', 'BUSL-1.1', 'high'],
      ['BUSL-1.1', 'BUSL-1.1', 'exact'],
      // Boost owns BSL-1.0 in SPDX; there is no Boost 1.1.
      ['BSL 1.1', 'BUSL-1.1', 'high'],
      ['Commons Clause', 'LicenseRef-Commons-Clause', 'high'],
      ['Apache 2.0 with Commons Clause', 'Apache-2.0 AND LicenseRef-Commons-Clause', 'high'],
      ['Apache-2.0 WITH Commons-Clause', 'Apache-2.0 AND LicenseRef-Commons-Clause', 'high'],
      ['PolyForm-Noncommercial-1.0.0', 'PolyForm-Noncommercial-1.0.0', 'exact'],
      ['CC-BY-NC-4.0', 'CC-BY-NC-4.0', 'exact'],
      ['AGPL-3.0 or commercial', 'AGPL-3.0-only OR LicenseRef-Commercial', 'high'],
      ['GPL-3.0-or-later OR Commercial', 'GPL-3.0-or-later OR LicenseRef-Commercial', 'high'],
      ['Proprietary', null, 'none', 'proprietary'],
      ['Commercial', null, 'none', 'proprietary'],
      ['All rights reserved', null, 'none', 'proprietary'],
      ['Copyright (c) 2020 Acme Inc. All rights reserved.', null, 'none', 'proprietary'],
      ['Copyright 2020 Acme', null, 'none', 'missing'],
      ['Freeware', null, 'none', 'unrecognised'],
      ['Free for non-commercial use', null, 'none', 'unrecognised'],
    ],
  ],
  [
    'ambiguous names',
    [
      ['BSD', null, 'low', 'ambiguous', 'BSD-3-Clause'],
      ['BSD License', null, 'low', 'ambiguous', 'BSD-3-Clause'],
      ['The BSD License', null, 'low', 'ambiguous', 'BSD-3-Clause'],
      ['BSD-style', null, 'none', 'ambiguous'],
      ['GPL', null, 'none', 'ambiguous'],
      ['GNU GPL', null, 'none', 'ambiguous'],
      ['GNU General Public License', null, 'none', 'ambiguous'],
      ['LGPL', null, 'none', 'ambiguous'],
      ['GNU LESSER GENERAL PUBLIC LICENSE', null, 'none', 'ambiguous'],
      ['AGPL', null, 'none', 'ambiguous'],
      ['Apache', null, 'low', 'ambiguous', 'Apache-2.0'],
      ['Apache License', null, 'low', 'ambiguous', 'Apache-2.0'],
      ['Apache Software License', null, 'low', 'ambiguous', 'Apache-2.0'],
      ['MPL', null, 'none', 'ambiguous'],
      ['EPL', null, 'none', 'ambiguous'],
      ['CDDL', null, 'none', 'ambiguous'],
      ['Artistic', null, 'none', 'ambiguous'],
      ['ZPL', null, 'none', 'ambiguous'],
      ['BSL', null, 'none', 'ambiguous'],
      ['Business Source License', null, 'low', 'ambiguous', 'BUSL-1.1'],
      ['Elastic License', null, 'low', 'ambiguous', 'Elastic-2.0'],
      ['Python License', null, 'low', 'ambiguous', 'PSF-2.0'],
      ['Creative Commons', null, 'none', 'ambiguous'],
      ['CC-BY-NC-ND', null, 'none', 'ambiguous'],
      ['Dual License', null, 'none', 'ambiguous'],
      ['Other', null, 'none', 'ambiguous'],
      ['Custom', null, 'none', 'ambiguous'],
      ['OSI Approved', null, 'none', 'ambiguous'],
      ['GPL with classpath exception', null, 'none', 'ambiguous'],
      ['NOASSERTION', null, 'none', 'missing'],
      ['My Own Terms', null, 'none', 'unrecognised'],
    ],
  ],
];

function check(result: NormalizedLicense, [, expression, confidence, problem, suggestion]: Row): void {
  assert.equal(result.expression, expression, `expression (note: ${result.note ?? '-'})`);
  assert.equal(result.confidence, confidence, 'confidence');
  assert.equal(result.problem, expression === null ? problem : undefined, 'problem');
  assert.equal(result.suggestion, suggestion, 'suggestion');
  if (expression !== null) {
    assert.ok(result.node, 'a node comes with every expression');
    assert.equal(formatExpression(result.node), expression);
  } else {
    assert.equal(result.node, null, 'no node without an expression');
    assert.ok(result.note && result.note.length > 10, 'a declaration without expression says why');
  }
}

describe('license normalisation of real-world declarations', () => {
  it('covers at least 150 declarations', () => {
    const count = TABLE.reduce((sum, [, rows]) => sum + rows.length, 0);
    assert.ok(count >= 150, `only ${count} rows`);
  });

  for (const [section, rows] of TABLE) {
    describe(section, () => {
      for (const row of rows) {
        const [declared, expression, confidence] = row;
        it(`reads ${JSON.stringify(declared)} as ${expression ?? `no expression (${row[3]})`}, ${confidence}`, () => {
          const result = normalizeLicense(declared);
          assert.equal(result.declared, declared.trim());
          check(result, row);
        });
      }
    });
  }
});

describe('license normalisation: what the notes say', () => {
  const noteOf = (declared: string): string => normalizeLicense(declared).note ?? '';

  it('explains why a bare family name is ambiguous', () => {
    assert.match(noteOf('BSD'), /ambiguous: BSD names several licenses/);
    assert.match(noteOf('GPL'), /ambiguous: GPL without a version could be GPL-2\.0 or GPL-3\.0/);
    assert.match(noteOf('LGPL'), /ambiguous: LGPL without a version/);
    assert.match(noteOf('Apache'), /ambiguous: without a version it could be Apache-1\.0, Apache-1\.1 or Apache-2\.0/);
    assert.match(noteOf('Creative Commons'), /ambiguous: .*non-commercial/);
    assert.match(noteOf('Dual License'), /ambiguous: the licenses offered are not named/);
    assert.match(noteOf('OSI Approved'), /ambiguous: it says only that the license is OSI approved/);
    assert.match(noteOf('BSL'), /Boost .*Business Source/);
  });

  it('says that a public-domain claim needs review', () => {
    assert.match(noteOf('Public Domain'), /public-domain claims need review/);
  });

  it('says that UNLICENSED is not the Unlicense', () => {
    assert.match(noteOf('UNLICENSED'), /grants no license to others \(it is not the Unlicense\)/);
  });

  it('says which alternative is clear when another is ambiguous', () => {
    assert.match(noteOf('dual MIT/GPL'), /"GPL" is ambiguous.*also offered under MIT, which is clear/);
  });

  it('says that a comma list was read as AND', () => {
    const result = normalizeLicense('BSD-3-Clause, MIT');
    assert.match(result.note ?? '', /read as all of them \(AND\), the stricter reading/);
  });

  it('says when a commercial license is the other choice', () => {
    assert.match(noteOf('AGPL-3.0 or commercial'), /a commercial license is also offered/);
  });

  it('gives an exact expression no note', () => {
    assert.equal(normalizeLicense('MIT OR Apache-2.0').note, undefined);
  });

  it('reports a license text pasted into the field, with its first line as a suggestion', () => {
    const text = 'MIT License\n\nCopyright (c) 2018 Someone\n\nPermission is hereby granted, free of charge, ...';
    const result = normalizeLicense(text);
    assert.equal(result.expression, null);
    assert.equal(result.problem, 'unrecognised');
    assert.equal(result.suggestion, 'MIT');
    assert.equal(result.confidence, 'low');
    assert.match(result.note ?? '', /holds the text of a license/);
  });

  it('names the Apache text from its two heading lines', () => {
    const text = '                                 Apache License\n                           Version 2.0, January 2004\n\n   TERMS AND CONDITIONS';
    assert.equal(normalizeLicense(text).suggestion, 'Apache-2.0');
  });
});

describe('license normalisation: traps of guessing libraries', () => {
  // spdx-correct, used for typos, reads these wrongly; our tables run first.
  it('does not take spdx-correct\'s readings of UNLICENSED, BSD or GPL', () => {
    assert.equal(spdxCorrect('UNLICENSED'), 'Unlicense');
    assert.equal(spdxCorrect('BSD'), 'BSD-2-Clause');
    assert.equal(spdxCorrect('GPL'), 'GPL-3.0-or-later');
    assert.equal(normalizeLicense('UNLICENSED').suggestion, undefined);
    assert.equal(normalizeLicense('BSD').suggestion, 'BSD-3-Clause');
    assert.equal(normalizeLicense('GPL').suggestion, undefined);
  });

  it('never reads UNLICENSED as the Unlicense, in any position', () => {
    for (const declared of ['UNLICENSED', 'unlicensed', ['UNLICENSED'], { type: 'UNLICENSED' }, 'MIT OR UNLICENSED']) {
      const result = normalizeLicense(declared as DeclaredLicense);
      assert.ok(!/\bUnlicense\b/.test(result.expression ?? ''), JSON.stringify(declared));
      assert.ok(!/\bUnlicense\b/.test(result.suggestion ?? ''), JSON.stringify(declared));
    }
  });

  it('does not split names that contain a separator', () => {
    assert.equal(normalizeLicense('zlib/libpng').expression, 'Zlib');
    assert.equal(normalizeLicense('Other/Proprietary License').problem, 'unrecognised');
    assert.equal(normalizeLicense('COMMON DEVELOPMENT AND DISTRIBUTION LICENSE (CDDL) Version 1.0').expression, 'CDDL-1.0');
    assert.equal(normalizeLicense('BSD 3-Clause "New" or "Revised" License').expression, 'BSD-3-Clause');
  });

  it('refuses a spdx-correct guess that drops an exception or invents a version', () => {
    assert.equal(spdxCorrect('GNU Lesser'), 'GPL-3.0-or-later');
    assert.equal(normalizeLicense('GPL-2.0-or-later WITH Linking exception').suggestion, undefined);
    assert.equal(normalizeLicense('GNU Lesser').suggestion, undefined);
  });

  it('reads "EUPL Licence" as the ambiguous EUPL, not as spdx-correct\'s UPL-1.0', () => {
    assert.equal(spdxCorrect('EUPL Licence'), 'UPL-1.0');
    const result = normalizeLicense('EUPL Licence');
    assert.equal(result.problem, 'ambiguous');
    assert.equal(result.suggestion, undefined);
  });

  it('never uses a guess as the expression', () => {
    for (const declared of ['Apche 2', 'MTI', 'MIT*', 'BSD', 'Apache Software License', 'MIT-style']) {
      const result = normalizeLicense(declared);
      assert.equal(result.expression, null, declared);
      assert.equal(result.node, null, declared);
      assert.ok(result.suggestion, declared);
    }
  });
});

describe('license normalisation: legacy and structured forms', () => {
  it('reads npm legacy licenses[] as a choice, exact when every entry is', () => {
    const result = normalizeLicense([{ type: 'MIT', url: 'https://x' }, { type: 'Apache-2.0' }]);
    assert.equal(result.expression, 'MIT OR Apache-2.0');
    assert.equal(result.confidence, 'exact');
  });

  it('reads Maven <licenses> names one by one, then as a choice', () => {
    const result = normalizeLicense(['Apache License, Version 2.0', 'GNU Lesser General Public License v2.1 or later']);
    assert.equal(result.expression, 'Apache-2.0 OR LGPL-2.1-or-later');
    assert.equal(result.confidence, 'high');
    assert.equal(result.declared, '(Apache License, Version 2.0) OR (GNU Lesser General Public License v2.1 or later)');
  });

  it('reads the flattened text of a legacy array the same way', () => {
    const flattened = declaredText(['Apache License, Version 2.0', 'GNU Lesser General Public License v2.1 or later']);
    assert.equal(normalizeLicense(flattened).expression, 'Apache-2.0 OR LGPL-2.1-or-later');
  });

  it('reads Maven dual CDDL/GPL entries as a choice', () => {
    assert.equal(normalizeLicense(['CDDL 1.1', 'GPL2 w/ CPE']).expression, 'CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0');
  });

  it('keeps a clear choice visible when one legacy entry is ambiguous', () => {
    const result = normalizeLicense([{ type: 'MIT' }, { type: 'GPL' }]);
    assert.equal(result.expression, null);
    assert.equal(result.problem, 'ambiguous');
    assert.equal(result.suggestion, 'MIT');
  });

  it('reads a POM license name that wraps over lines', () => {
    assert.equal(normalizeLicense('The Apache Software License,\n            Version 2.0').expression, 'Apache-2.0');
  });

  it('reads a license object that has only a URL', () => {
    assert.equal(normalizeLicense({ url: 'https://opensource.org/licenses/MIT' }).expression, 'MIT');
  });

  it('reads a "License ::" classifier written in the license field', () => {
    assert.equal(normalizeLicense('License :: OSI Approved :: MIT License').expression, 'MIT');
  });
});

/** [classifiers, expression, confidence, problem, suggestion] */
type ClassifierRow = readonly [readonly string[], string | null, Confidence, LicenseProblem?, string?];

describe('PyPI trove classifiers', () => {
  const rows: readonly ClassifierRow[] = [
    [['License :: OSI Approved :: MIT License'], 'MIT', 'high'],
    [['License :: OSI Approved :: GNU General Public License v3 (GPLv3)'], 'GPL-3.0-only', 'high'],
    [['License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)'], 'GPL-3.0-or-later', 'high'],
    [['License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)'], 'GPL-2.0-or-later', 'high'],
    [['License :: OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)'], 'LGPL-2.0-or-later', 'high'],
    [['License :: OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)'], 'LGPL-3.0-only', 'high'],
    [['License :: OSI Approved :: GNU Affero General Public License v3'], 'AGPL-3.0-only', 'high'],
    [['License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)'], 'MPL-2.0', 'high'],
    [['License :: OSI Approved :: ISC License (ISCL)'], 'ISC', 'high'],
    [['License :: OSI Approved :: Python Software Foundation License'], 'PSF-2.0', 'high'],
    [['License :: OSI Approved :: Python License (CNRI Python License)'], 'CNRI-Python', 'high'],
    [['License :: OSI Approved :: zlib/libpng License'], 'Zlib', 'high'],
    [['License :: OSI Approved :: The Unlicense (Unlicense)'], 'Unlicense', 'high'],
    [['License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication'], 'CC0-1.0', 'high'],
    // Apache Software License has no version: only a suggestion.
    [['License :: OSI Approved :: Apache Software License'], null, 'low', 'ambiguous', 'Apache-2.0'],
    [['License :: OSI Approved :: BSD License'], null, 'low', 'ambiguous', 'BSD-3-Clause'],
    [['License :: OSI Approved :: GNU General Public License (GPL)'], null, 'none', 'ambiguous'],
    [['License :: OSI Approved :: GNU Library or Lesser General Public License (LGPL)'], null, 'none', 'ambiguous'],
    [['License :: Public Domain'], null, 'none', 'unrecognised'],
    [['License :: Other/Proprietary License'], null, 'none', 'unrecognised'],
    [['License :: OSI Approved'], null, 'none', 'ambiguous'],
    [['License :: OSI Approved :: A License From The Future'], null, 'none', 'unrecognised'],
    // Several classifiers: the package is offered under any of them.
    [['License :: OSI Approved :: MIT License', 'License :: OSI Approved :: GNU General Public License v2 (GPLv2)'], 'MIT OR GPL-2.0-only', 'high'],
    [['License :: OSI Approved :: MIT License', 'License :: OSI Approved :: Apache Software License'], null, 'low', 'ambiguous', 'MIT OR Apache-2.0'],
    // The bare parent classifier adds nothing to a named one.
    [['License :: OSI Approved', 'License :: OSI Approved :: MIT License'], 'MIT', 'high'],
    // Other classifiers are ignored; spacing and case do not matter.
    [['Programming Language :: Python :: 3', 'License :: OSI Approved :: MIT License', 'Topic :: Utilities'], 'MIT', 'high'],
    [['license::osi approved::mit license'], 'MIT', 'high'],
    [['Programming Language :: Python :: 3'], null, 'none', 'missing'],
    [[], null, 'none', 'missing'],
  ];
  for (const [classifiers, expression, confidence, problem, suggestion] of rows) {
    it(`reads ${JSON.stringify(classifiers)} as ${expression ?? `no expression (${problem})`}`, () => {
      const result = normalizeClassifiers(classifiers);
      assert.equal(result.expression, expression, result.note);
      assert.equal(result.confidence, confidence);
      assert.equal(result.problem, problem);
      assert.equal(result.suggestion, suggestion);
    });
  }

  it('keeps the classifiers it read as the declaration', () => {
    const result = normalizeClassifiers(['Topic :: Utilities', 'License :: OSI Approved :: MIT License']);
    assert.equal(result.declared, 'License :: OSI Approved :: MIT License');
  });

  it('explains the ambiguous Apache classifier', () => {
    assert.match(normalizeClassifiers(['License :: OSI Approved :: Apache Software License']).note ?? '', /no version.*Apache-1\.1 or Apache-2\.0/);
  });
});

describe('license tables', () => {
  const assertValidExpression = (expression: string, where: string): void => {
    const node = parseSpdxExpression(expression);
    assert.ok(node, `${where}: ${expression} is not SPDX`);
    assert.equal(formatExpression(node), expression, `${where}: ${expression} is not canonical`);
    for (const leaf of licenseLeaves(node)) {
      assert.ok(leaf.id.startsWith('LicenseRef-') || isKnownLicenseId(leaf.id), `${where}: unknown id ${leaf.id}`);
      if (leaf.exception) assert.ok(isKnownExceptionId(leaf.exception), `${where}: unknown exception ${leaf.exception}`);
    }
  };

  it('maps every curated name to a canonical SPDX expression of known ids', () => {
    for (const [name, expression] of Object.entries(LICENSE_NAMES)) assertValidExpression(expression, name);
  });

  it('suggests only canonical SPDX expressions', () => {
    for (const [name, problem] of Object.entries(NAME_PROBLEMS)) {
      if (problem.suggestion) assertValidExpression(problem.suggestion, name);
    }
  });

  it('maps every classifier to a canonical SPDX expression or an explained problem', () => {
    for (const [classifier, meaning] of Object.entries(LICENSE_CLASSIFIERS)) {
      if (typeof meaning === 'string') assertValidExpression(meaning, classifier);
      else {
        assert.match(meaning.says, /\w+ \w+/, classifier);
        if (meaning.suggestion) assertValidExpression(meaning.suggestion, classifier);
      }
    }
  });

  it('never lets a curated name share its key with a trap', () => {
    const trapKeys = new Set(Object.keys(NAME_PROBLEMS).map(nameKey));
    for (const name of Object.keys(LICENSE_NAMES)) assert.ok(!trapKeys.has(nameKey(name)), name);
  });

  it('reads every trap as the problem it declares', () => {
    for (const [name, problem] of Object.entries(NAME_PROBLEMS)) {
      const match = lookupName(name);
      assert.equal(match?.kind, 'problem', name);
      assert.equal(match?.kind === 'problem' ? match.problem : undefined, problem.problem, name);
    }
  });

  it('reads every curated name as its expression', () => {
    for (const [name, expression] of Object.entries(LICENSE_NAMES)) {
      assert.deepEqual(lookupName(name), { kind: 'license', expression }, name);
    }
  });

  it('compares names without case, punctuation, "the", "license" or trailing ".0"', () => {
    assert.equal(nameKey('The Apache License, Version 2.0'), 'apache 2');
    assert.equal(nameKey('GPLv3'), nameKey('GPL 3.0'));
    assert.equal(nameKey('GNU LGPL v2.1 or later'), 'gnu lgpl 2.1+');
    assert.equal(nameKey('MIT Licence'), 'mit');
    // "unlicensed" must never collapse into "unlicense".
    assert.equal(nameKey('UNLICENSED'), 'unlicensed');
  });
});

describe('license normalisation never throws', () => {
  const cyclic: unknown[] = [];
  cyclic.push(cyclic);
  let deep: unknown[] = [];
  for (let i = 0; i < 10_000; i++) deep = [deep];
  const throwingGetter = {
    get type(): string {
      throw new Error('boom');
    },
  };
  const throwingProxy = new Proxy({}, {
    get() {
      throw new Error('proxy');
    },
  });
  const junk: unknown[] = [
    42,
    Number.NaN,
    true,
    Symbol('license'),
    () => 'MIT',
    10n,
    {},
    { type: 42 },
    { type: {} },
    { name: ['MIT'] },
    [1, 2, null, undefined, {}],
    [[[[['MIT']]]]],
    cyclic,
    deep,
    throwingGetter,
    throwingProxy,
    new Date(0),
    /MIT/,
    Object.create(null),
    '\uD800MIT',
    'MIT\u0000',
    '((((((((',
    '))))',
    '/ / / /',
    ' OR OR OR ',
    'x'.repeat(100_000),
    'MIT OR '.repeat(15_000),
    'MIT/'.repeat(120),
    'MIT and Apache or '.repeat(27),
    `${'('.repeat(240)}MIT${')'.repeat(240)}`,
  ];

  for (const value of junk) {
    const label = typeof value === 'string' ? JSON.stringify(value.slice(0, 30)) : typeof value;
    it(`returns a result for ${label}`, () => {
      const result = normalizeLicense(value as DeclaredLicense);
      assert.ok(['exact', 'high', 'low', 'none'].includes(result.confidence));
      assert.doesNotThrow(() => declaredText(value as DeclaredLicense));
      assert.doesNotThrow(() => normalizeClassifiers(value as readonly string[]));
    });
  }

  it('answers 100 KB classifiers quickly', () => {
    const started = Date.now();
    const result = normalizeClassifiers([`License :: ${' '.repeat(100_000)}x`, `License ::${' :: '.repeat(30_000)}`]);
    assert.equal(result.expression, null);
    assert.ok(Date.now() - started < 500);
  });

  it('answers a 100 KB declaration quickly', () => {
    const started = Date.now();
    const result = normalizeLicense(`MIT License\n${'Permission is hereby granted. '.repeat(3500)}`);
    assert.equal(result.suggestion, 'MIT');
    assert.ok(Date.now() - started < 500);
  });

  it('keeps its promises on random combinations of license words', () => {
    const words = ['MIT', 'Apache 2.0', 'or', 'and', '/', ',', ';', '(', ')', 'with', 'GPL', 'BSD', 'Classpath exception', '|', '&', 'dual', 'licensed under', 'License', 'v2', '+', 'or later', '"', 'Public Domain', 'UNLICENSED', 'Commercial', 'http://x.org/a', 'LGPL v2.1', 'Apche', 'License ::', 'SEE LICENSE IN', '*'];
    let seed = 7;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let i = 0; i < 600; i++) {
      const length = 1 + Math.floor(random() * 12);
      let declared = '';
      for (let j = 0; j < length; j++) declared += `${words[Math.floor(random() * words.length)]}${random() < 0.7 ? ' ' : ''}`;
      const result = normalizeLicense(declared);
      const context = `${JSON.stringify(declared)} -> ${JSON.stringify(result)}`;
      if (result.expression !== null) {
        assert.ok(result.confidence === 'exact' || result.confidence === 'high', context);
        assert.ok(result.node && formatExpression(result.node) === result.expression, context);
        assert.equal(result.problem, undefined, context);
      } else {
        assert.ok(result.confidence === 'low' || result.confidence === 'none', context);
        assert.ok(result.problem, context);
        assert.equal(result.confidence === 'low', result.suggestion !== undefined, context);
      }
      if (result.suggestion !== undefined) assert.ok(parseSpdxExpression(result.suggestion), context);
    }
  });
});
