import * as assert from 'node:assert/strict';
import { formatExpression, licenseLeaves, parseSpdxExpression } from '../../../../src/core/licenses/spdx';

const canonical = (text: string): string | undefined => {
  const node = parseSpdxExpression(text);
  return node ? formatExpression(node) : undefined;
};

describe('SPDX expressions', () => {
  const cases: Array<[string, string | undefined]> = [
    ['MIT', 'MIT'],
    ['(MIT OR Apache-2.0)', 'MIT OR Apache-2.0'],
    ['MIT AND (BSD-2-Clause OR ISC)', 'MIT AND (BSD-2-Clause OR ISC)'],
    ['(MIT AND ISC) OR Apache-2.0', 'MIT AND ISC OR Apache-2.0'],
    ['mit or apache-2.0', 'MIT OR Apache-2.0'],
    ['GPL-2.0', 'GPL-2.0-only'],
    ['GPL-2.0+', 'GPL-2.0-or-later'],
    ['LGPL-2.1', 'LGPL-2.1-only'],
    ['AGPL-3.0', 'AGPL-3.0-only'],
    ['GPL-2.0-with-classpath-exception', 'GPL-2.0-only WITH Classpath-exception-2.0'],
    ['GPL-2.0-or-later WITH Classpath-exception-2.0', 'GPL-2.0-or-later WITH Classpath-exception-2.0'],
    ['Apache-2.0 with LLVM-exception', 'Apache-2.0 WITH LLVM-exception'],
    ['LicenseRef-My-Company', 'LicenseRef-My-Company'],
    ['Apache 2.0', undefined],
    ['', undefined],
    ['MIT OR', undefined],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)} as ${expected ?? 'not an expression'}`, () => {
      assert.equal(canonical(input), expected);
    });
  }

  it('lists the leaves of an expression in order', () => {
    const node = parseSpdxExpression('MIT AND (GPL-3.0-only OR ISC)');
    assert.deepEqual(node && licenseLeaves(node).map((l) => l.id), ['MIT', 'GPL-3.0-only', 'ISC']);
  });
});
