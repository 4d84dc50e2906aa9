import * as assert from 'node:assert/strict';
import { normalizeLicense, type DeclaredLicense } from '../../../../src/core/licenses/normalize';

describe('license normalisation', () => {
  const cases: Array<[DeclaredLicense, string | null, string]> = [
    ['MIT', 'MIT', 'exact'],
    ['(MIT OR Apache-2.0)', 'MIT OR Apache-2.0', 'high'],
    ['GPL-2.0+', 'GPL-2.0-or-later', 'high'],
    ['MIT/Apache-2.0', 'MIT OR Apache-2.0', 'high'],
    ['MIT or Apache 2.0', 'MIT OR Apache-2.0', 'high'],
    ['Apache License, Version 2.0', 'Apache-2.0', 'high'],
    ['BSD 3-Clause', 'BSD-3-Clause', 'high'],
    ['GPLv2+', 'GPL-2.0-or-later', 'high'],
    [{ type: 'MIT', url: 'https://x' } as DeclaredLicense, 'MIT', 'exact'],
    [[{ type: 'MIT' }, { type: 'Apache-2.0' }], 'MIT OR Apache-2.0', 'exact'],
  ];
  for (const [declared, expression, confidence] of cases) {
    it(`normalises ${JSON.stringify(declared)} to ${expression}`, () => {
      const result = normalizeLicense(declared);
      assert.equal(result.expression, expression);
      assert.equal(result.confidence, confidence);
    });
  }

  it('reads UNLICENSED as proprietary, never as the Unlicense', () => {
    const result = normalizeLicense('UNLICENSED');
    assert.equal(result.expression, null);
    assert.equal(result.problem, 'proprietary');
  });

  it('keeps the Unlicense as the Unlicense', () => {
    assert.equal(normalizeLicense('Unlicense').expression, 'Unlicense');
  });

  for (const ambiguous of ['BSD', 'GPL', 'Apache']) {
    it(`does not guess a version for the ambiguous "${ambiguous}" and says why`, () => {
      const result = normalizeLicense(ambiguous);
      assert.equal(result.expression, null);
      assert.equal(result.problem, 'ambiguous');
      assert.match(result.note ?? '', /ambiguous/);
    });
  }

  it('points at the file for "SEE LICENSE IN"', () => {
    const result = normalizeLicense('SEE LICENSE IN LICENSE.txt');
    assert.equal(result.problem, 'see-file');
    assert.equal(result.licenseFile, 'LICENSE.txt');
  });

  it('reports a missing license as missing', () => {
    for (const value of [undefined, null, '', '   ', [], {}]) {
      assert.equal(normalizeLicense(value as DeclaredLicense).problem, 'missing');
    }
  });

  it('does not turn an unknown name into a license', () => {
    const result = normalizeLicense('My Own Terms');
    assert.equal(result.expression, null);
    assert.equal(result.problem, 'unrecognised');
  });
});
