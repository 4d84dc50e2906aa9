import * as assert from 'node:assert/strict';
import { normalizeName, parsePep508 } from '../../../../../src/core/manifests/python/pep508';

describe('PEP 508 requirement parser', () => {
  it('finds the name, extras, specifiers and marker with their offsets', () => {
    const text = 'requests[security, socks] >=2.8.1, ==2.8.* ; python_version < "2.7"';
    const requirement = parsePep508(text);
    assert.deepEqual(requirement?.name, { start: 0, end: 8, text: 'requests' });
    assert.deepEqual(requirement?.extras, ['security', 'socks']);
    assert.deepEqual(requirement?.specifier, { start: 26, end: 42, text: '>=2.8.1, ==2.8.*' });
    assert.equal(requirement?.marker?.text, 'python_version < "2.7"');
    assert.equal(requirement?.problem, undefined);
  });

  it('accepts every comparison operator, ~= and === included', () => {
    for (const specifier of ['~=1.4', '===1.0-custom', '!=1.5', '<3', '>2', '<=2', '>=2,<3', '==1.0.*']) {
      const requirement = parsePep508(`pkg${specifier}`);
      assert.equal(requirement?.specifier?.text, specifier);
      assert.equal(requirement?.problem, undefined, specifier);
    }
  });

  it('reads the legacy parenthesised specifiers without the parentheses', () => {
    assert.equal(parsePep508('name (>=1.0, <2)')?.specifier?.text, '>=1.0, <2');
  });

  it('reads a direct URL reference and a marker after it', () => {
    const requirement = parsePep508('pip @ https://github.com/pypa/pip/archive/22.0.2.zip ; python_version >= "3.7"');
    assert.equal(requirement?.name.text, 'pip');
    assert.equal(requirement?.url?.text, 'https://github.com/pypa/pip/archive/22.0.2.zip');
    assert.equal(requirement?.marker?.text, 'python_version >= "3.7"');
  });

  it('keeps the name of a half-typed requirement and says what is wrong', () => {
    const requirement = parsePep508('django >=');
    assert.equal(requirement?.name.text, 'django');
    assert.match(requirement?.problem?.message ?? '', /not a version specifier/);
  });

  it('reports unclosed extras', () => {
    assert.match(parsePep508('requests[socks')?.problem?.message ?? '', /extras is not closed/);
  });

  it('does not take an option or a path for a name', () => {
    assert.equal(parsePep508('-r base.txt'), undefined);
    assert.equal(parsePep508('./local/pkg'), undefined);
  });

  it('normalises names the PEP 503 way', () => {
    assert.equal(normalizeName('Friendly_Bard.Extra--x'), 'friendly-bard-extra-x');
  });
});
