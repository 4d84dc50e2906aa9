import * as assert from 'node:assert/strict';
import licenseIds = require('spdx-license-ids');
import deprecatedIds = require('spdx-license-ids/deprecated.json');
import spdxLicenseList = require('spdx-license-list');
import { CATEGORIES, OBLIGATIONS, type Category } from '../../../../src/core/licenses/categories';
import {
  categoryLabel,
  categoryWithException,
  compatibility,
  describeLicense,
  isLinkingException,
} from '../../../../src/core/licenses/knowledge';

describe('license knowledge base', () => {
  describe('coverage of the SPDX list', () => {
    it('gives every current SPDX id a name and one of our categories', () => {
      for (const id of licenseIds) {
        const info = describeLicense(id);
        assert.equal(info.id, id);
        assert.ok(info.name.trim().length > 0, `${id} has no name`);
        assert.ok(CATEGORIES.includes(info.category), `${id}: ${info.category}`);
        assert.equal(info.spdx, true, id);
      }
    });

    it('describes deprecated SPDX ids too, flagged as deprecated', () => {
      for (const id of deprecatedIds) {
        const info = describeLicense(id);
        assert.ok(info.name.trim().length > 0, `${id} has no name`);
        assert.equal(info.deprecated, true, id);
      }
      assert.equal(describeLicense('MIT').deprecated, false);
    });

    it('uses the full name spdx-license-list gives', () => {
      let named = 0;
      for (const id of licenseIds) {
        const listed = spdxLicenseList[id];
        if (!listed) continue;
        named++;
        assert.equal(describeLicense(id).name, listed.name, id);
      }
      // spdx-license-list may trail spdx-license-ids by a few new ids, never by many.
      assert.ok(named >= licenseIds.length * 0.97, `only ${named} of ${licenseIds.length} ids are named`);
      assert.equal(describeLicense('Apache-2.0').name, 'Apache License 2.0');
    });

    it('only ever lists obligations from the fixed list, without repeats', () => {
      for (const id of [...licenseIds, ...deprecatedIds]) {
        const { obligations } = describeLicense(id);
        for (const obligation of obligations) assert.ok(OBLIGATIONS.includes(obligation), `${id}: ${obligation}`);
        assert.equal(new Set(obligations).size, obligations.length, id);
      }
    });

    it('categorises most SPDX ids and says which source decided', () => {
      const known = licenseIds.filter((id) => describeLicense(id).known);
      assert.ok(known.length > licenseIds.length / 2, `only ${known.length} of ${licenseIds.length} ids are categorised`);
      for (const id of known) assert.ok(describeLicense(id).categorySources.length > 0, id);
    });
  });

  describe('categories of well-known licenses', () => {
    const expected: Array<[string, Category]> = [
      ['MIT', 'permissive'],
      ['Apache-2.0', 'permissive'],
      ['BSD-2-Clause', 'permissive'],
      ['BSD-3-Clause', 'permissive'],
      ['ISC', 'permissive'],
      ['Zlib', 'permissive'],
      ['BSL-1.0', 'permissive'],
      ['PostgreSQL', 'permissive'],
      ['Python-2.0', 'permissive'],
      ['BlueOak-1.0.0', 'permissive'],
      ['UPL-1.0', 'permissive'],
      ['Unicode-DFS-2016', 'permissive'],
      ['Artistic-2.0', 'permissive'],
      ['BSD-4-Clause', 'permissive'],
      ['CC-BY-4.0', 'permissive'],
      ['CC0-1.0', 'public-domain'],
      ['Unlicense', 'public-domain'],
      ['0BSD', 'public-domain'],
      ['MIT-0', 'public-domain'],
      ['PDDL-1.0', 'public-domain'],
      ['LGPL-2.1-only', 'weak-copyleft'],
      ['LGPL-2.1-or-later', 'weak-copyleft'],
      ['LGPL-3.0-only', 'weak-copyleft'],
      ['MPL-2.0', 'weak-copyleft'],
      ['EPL-2.0', 'weak-copyleft'],
      ['EPL-1.0', 'weak-copyleft'],
      ['CDDL-1.0', 'weak-copyleft'],
      ['CPL-1.0', 'weak-copyleft'],
      ['MS-RL', 'weak-copyleft'],
      ['OFL-1.1', 'weak-copyleft'],
      ['GPL-2.0-only', 'strong-copyleft'],
      ['GPL-2.0-or-later', 'strong-copyleft'],
      ['GPL-3.0-only', 'strong-copyleft'],
      ['GPL-3.0-or-later', 'strong-copyleft'],
      ['EUPL-1.2', 'strong-copyleft'],
      ['CC-BY-SA-4.0', 'strong-copyleft'],
      ['AGPL-3.0-only', 'network-copyleft'],
      ['AGPL-3.0-or-later', 'network-copyleft'],
      ['OSL-3.0', 'network-copyleft'],
      ['RPL-1.5', 'network-copyleft'],
      ['SSPL-1.0', 'source-available'],
      ['BUSL-1.1', 'source-available'],
      ['Elastic-2.0', 'source-available'],
      ['PolyForm-Small-Business-1.0.0', 'source-available'],
      ['CC-BY-NC-4.0', 'non-commercial'],
      ['CC-BY-NC-SA-4.0', 'non-commercial'],
      ['CC-BY-NC-ND-3.0', 'non-commercial'],
      ['PolyForm-Noncommercial-1.0.0', 'non-commercial'],
      ['WTFPL', 'other'],
      ['JSON', 'other'],
      ['CC-BY-ND-4.0', 'other'],
      ['Beerware', 'other'],
    ];
    for (const [id, category] of expected) {
      it(`puts ${id} in ${category}`, () => {
        assert.equal(describeLicense(id).category, category);
      });
    }

    it('treats the Commons Clause, which is not an SPDX id, as source-available', () => {
      const info = describeLicense('Commons-Clause');
      assert.equal(info.category, 'source-available');
      assert.equal(info.spdx, false);
      assert.ok(info.obligations.includes('restricted-use'));
    });

    it('describes deprecated GNU ids like their -only form', () => {
      const info = describeLicense('GPL-2.0');
      assert.equal(info.category, 'strong-copyleft');
      assert.equal(info.replacedBy, 'GPL-2.0-only');
      assert.equal(describeLicense('LGPL-2.1').category, 'weak-copyleft');
    });

    it('treats the deprecated GPL-with-exception ids as weak copyleft, as GPL WITH the exception is', () => {
      assert.equal(describeLicense('GPL-2.0-with-classpath-exception').category, 'weak-copyleft');
      assert.equal(categoryWithException(describeLicense('GPL-2.0-only').category, 'Classpath-exception-2.0'), 'weak-copyleft');
    });
  });

  describe('where a category comes from', () => {
    it('lets our curation win over Google (LGPL is weak copyleft, not restricted)', () => {
      const info = describeLicense('LGPL-2.1-only');
      assert.equal(info.categorySources[0], 'curation');
      assert.equal(info.googleCategory, 'restricted');
    });

    it('takes Google first and lists the sources that agree', () => {
      assert.deepEqual(describeLicense('MIT').categorySources, ['google', 'blue-oak', 'choosealicense']);
      assert.equal(describeLicense('MIT').googleCategory, 'notice');
    });

    it('uses a Blue Oak rating when Google has none, and keeps the rating', () => {
      const info = describeLicense('BSD-2-Clause-Patent');
      assert.equal(info.category, 'permissive');
      assert.equal(info.categorySources[0], 'blue-oak');
      assert.equal(info.blueOakRating, 'Gold');
    });

    it('falls back to choosealicense.com conditions', () => {
      const info = describeLicense('ODbL-1.0');
      assert.equal(info.category, 'strong-copyleft');
      assert.deepEqual(info.categorySources, ['choosealicense']);
    });

    it('marks ids no source knows as unknown "other"', () => {
      const info = describeLicense('Abstyles');
      assert.equal(info.category, 'other');
      assert.equal(info.known, false);
      assert.deepEqual(info.categorySources, []);
      assert.equal(describeLicense('WTFPL').known, true, 'a curated "other" is a decision, not ignorance');
    });

    it('describes ids outside the SPDX list as unknown, naming LicenseRefs for what they are', () => {
      const ref = describeLicense('LicenseRef-Acme-EULA');
      assert.equal(ref.category, 'other');
      assert.equal(ref.known, false);
      assert.equal(ref.spdx, false);
      assert.match(ref.name, /defined by the package/);
      const odd = describeLicense('constructor');
      assert.equal(odd.category, 'other');
      assert.equal(odd.name, 'constructor');
    });
  });

  describe('flags', () => {
    it('knows OSI approval', () => {
      assert.equal(describeLicense('Apache-2.0').osiApproved, true);
      assert.equal(describeLicense('BUSL-1.1').osiApproved, false);
    });

    it('knows which licenses the FSF calls free, including deprecated GNU ids', () => {
      assert.equal(describeLicense('GPL-3.0-only').fsfLibre, true);
      assert.equal(describeLicense('GPL-3.0').fsfLibre, true);
      assert.equal(describeLicense('MIT').fsfLibre, true);
      assert.equal(describeLicense('SSPL-1.0').fsfLibre, false);
      assert.equal(describeLicense('JSON').fsfLibre, false);
    });

    it('carries a caveat for licenses whose category does not tell everything', () => {
      assert.match(describeLicense('BSD-4-Clause').note ?? '', /advertising/i);
      assert.match(describeLicense('CC-BY-4.0').note ?? '', /content, not code/);
      assert.equal(describeLicense('MIT').note, undefined);
    });
  });

  describe('obligations', () => {
    it('asks only for the notice under MIT', () => {
      assert.deepEqual(describeLicense('MIT').obligations, ['include-notice']);
    });

    it('gives Apache-2.0 its patent grant, change notices and trademark limits', () => {
      const { obligations } = describeLicense('Apache-2.0');
      assert.ok(obligations.includes('patent-grant'));
      assert.ok(obligations.includes('state-changes'));
      assert.ok(obligations.includes('trademark-limits'));
      assert.ok(!obligations.includes('disclose-source'));
    });

    it('keeps MPL-2.0 and EPL-2.0 copyleft to the file', () => {
      for (const id of ['MPL-2.0', 'EPL-2.0']) {
        const { obligations } = describeLicense(id);
        assert.ok(obligations.includes('same-license-file'), id);
        assert.ok(!obligations.includes('same-license-work'), id);
      }
    });

    it('keeps LGPL copyleft to the library', () => {
      assert.ok(describeLicense('LGPL-2.1-or-later').obligations.includes('same-license-library'));
      assert.ok(describeLicense('LGPL-3.0-only').obligations.includes('patent-grant'));
    });

    it('extends GPL-3.0 to the whole work, with the source offered', () => {
      const { obligations } = describeLicense('GPL-3.0-only');
      assert.ok(obligations.includes('same-license-work'));
      assert.ok(obligations.includes('disclose-source'));
      assert.ok(obligations.includes('patent-grant'));
    });

    it('counts network use as distribution under the AGPL', () => {
      for (const id of ['AGPL-3.0-only', 'AGPL-3.0-or-later']) {
        assert.ok(describeLicense(id).obligations.includes('network-use-is-distribution'), id);
      }
    });

    it('marks source-available and non-commercial licenses as restricting use', () => {
      for (const id of ['SSPL-1.0', 'BUSL-1.1', 'CC-BY-NC-4.0']) {
        assert.ok(describeLicense(id).obligations.includes('restricted-use'), id);
      }
    });

    it('asks nothing of public-domain dedications', () => {
      assert.deepEqual(describeLicense('0BSD').obligations, []);
    });
  });

  describe('compatibility (OSADL)', () => {
    it('does not let Apache-2.0 code into a GPL-2.0-only project', () => {
      assert.equal(compatibility('GPL-2.0-only', 'Apache-2.0'), 'no');
    });

    it('lets Apache-2.0 code into a GPL-3.0-only project', () => {
      assert.equal(compatibility('GPL-3.0-only', 'Apache-2.0'), 'yes');
    });

    it('lets MIT code into an Apache-2.0 project', () => {
      assert.equal(compatibility('Apache-2.0', 'MIT'), 'yes');
    });

    it('does not let GPL code into a permissive project', () => {
      assert.equal(compatibility('MIT', 'GPL-3.0-only'), 'no');
      assert.equal(compatibility('Apache-2.0', 'AGPL-3.0-or-later'), 'no');
    });

    it('says "check" where OSADL says it depends', () => {
      assert.equal(compatibility('GPL-3.0-or-later', 'AGPL-3.0-only'), 'check');
    });

    it('treats the same license as compatible with itself, listed or not', () => {
      assert.equal(compatibility('MPL-2.0', 'MPL-2.0'), 'yes');
      assert.equal(compatibility('LicenseRef-Acme', 'LicenseRef-Acme'), 'yes');
    });

    it('reads deprecated GNU ids as their -only form', () => {
      assert.equal(compatibility('GPL-2.0', 'Apache-2.0'), 'no');
      assert.equal(compatibility('GPL-3.0', 'Apache-2.0'), 'yes');
    });

    it('answers "unknown" for licenses outside the matrix instead of guessing', () => {
      assert.equal(compatibility('Abstyles', 'MIT'), 'unknown');
      assert.equal(compatibility('MIT', 'LicenseRef-Acme'), 'unknown');
      assert.equal(compatibility('constructor', 'MIT'), 'unknown');
    });

    it('has a row for every leading license the project-license check needs', () => {
      const leading = [
        'MIT', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC', 'Apache-2.0', 'MPL-2.0',
        'LGPL-2.1-only', 'LGPL-2.1-or-later', 'LGPL-3.0-only', 'LGPL-3.0-or-later',
        'GPL-2.0-only', 'GPL-2.0-or-later', 'GPL-3.0-only', 'GPL-3.0-or-later',
        'AGPL-3.0-only', 'AGPL-3.0-or-later', 'EPL-2.0', 'Zlib', 'Unlicense', 'CC0-1.0',
      ];
      for (const outbound of leading) {
        // Every row says something about MIT code; "unknown" would mean the row is missing.
        assert.notEqual(compatibility(outbound, 'MIT'), 'unknown', outbound);
      }
    });
  });

  describe('exceptions', () => {
    it('lets a linking exception turn strong copyleft into weak copyleft, and nothing else', () => {
      assert.equal(categoryWithException('strong-copyleft', 'Classpath-exception-2.0'), 'weak-copyleft');
      assert.equal(categoryWithException('strong-copyleft', 'Some-other-exception'), 'strong-copyleft');
      assert.equal(categoryWithException('permissive', 'LLVM-exception'), 'permissive');
      assert.equal(categoryWithException('strong-copyleft', undefined), 'strong-copyleft');
      assert.equal(isLinkingException('LLVM-exception'), true);
      assert.equal(isLinkingException('Classpath-exception-3.0'), false);
    });

    it('labels categories in plain words', () => {
      assert.equal(categoryLabel('weak-copyleft'), 'weak copyleft');
      assert.equal(categoryLabel('other'), 'uncategorised');
    });
  });
});
