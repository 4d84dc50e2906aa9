import * as assert from 'node:assert/strict';
import {
  compareVersions,
  formatVersion,
  highestMatching,
  parseSpecifier,
  parseSpecifierSet,
  parseVersion,
  satisfies,
  selectVersions,
  type Pep440Version,
} from '../../../../../src/core/manifests/python/pep440';

const v = (text: string): Pep440Version => {
  const version = parseVersion(text);
  assert.ok(version, `${text} should parse`);
  return version;
};

/** Whether `version` is accepted by `specifiers` (a comma-separated set), pre-release rules aside. */
const accepts = (specifiers: string, version: string): boolean => {
  const set = parseSpecifierSet(specifiers);
  assert.ok(set, `${specifiers} should parse`);
  return set.every((s) => satisfies(v(version), s));
};

describe('PEP 440 versions', () => {
  it('normalises the spellings PEP 440 allows', () => {
    const cases: Array<[string, string]> = [
      ['1.0', '1.0'],
      ['v1.0', '1.0'],
      ['1.0-alpha1', '1.0a1'],
      ['1.0.beta.2', '1.0b2'],
      ['1.0c1', '1.0rc1'],
      ['1.0pre', '1.0rc0'],
      ['1.0-preview-3', '1.0rc3'],
      ['1.0-1', '1.0.post1'],
      ['1.0.rev2', '1.0.post2'],
      ['1.0r', '1.0.post0'],
      ['1.0-dev', '1.0.dev0'],
      ['1!2.0', '1!2.0'],
      ['1.0+Ubuntu-1', '1.0+ubuntu.1'],
      ['  2.1.0  ', '2.1.0'],
      ['1.0RC1', '1.0rc1'],
    ];
    for (const [written, normalised] of cases) assert.equal(formatVersion(v(written)), normalised, written);
  });

  it('rejects what is not a PEP 440 version', () => {
    for (const text of ['', 'latest', '1.0-beta-final', '2004d', '1..0', '1.0+', 'a1.0', '1.0 1', '1.0+local..x']) {
      assert.equal(parseVersion(text), undefined, text);
    }
  });

  it('orders versions as the PEP does', () => {
    // The example ordering from PEP 440's "Summary of permitted suffixes and relative ordering".
    const ordered = [
      '1.dev0',
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1',
      '1.0',
      '1.0+abc.5',
      '1.0+abc.7',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.0.15',
      '1.1.dev1',
      '1!0.1',
    ];
    for (let i = 1; i < ordered.length; i++) {
      assert.ok(compareVersions(v(ordered[i - 1]), v(ordered[i])) < 0, `${ordered[i - 1]} < ${ordered[i]}`);
    }
  });

  it('treats trailing zeros as equal', () => {
    assert.equal(compareVersions(v('1.0'), v('1.0.0')), 0);
    assert.equal(compareVersions(v('1'), v('1.0.0.0')), 0);
  });

  it('compares release segments as numbers', () => {
    assert.ok(compareVersions(v('1.10'), v('1.9')) > 0);
  });
});

describe('PEP 440 specifiers', () => {
  it('== compares the public version, ignoring a candidate\'s local label', () => {
    assert.equal(accepts('==1.0', '1.0.0'), true);
    assert.equal(accepts('==1.0', '1.0+local'), true);
    assert.equal(accepts('==1.0+local', '1.0'), false);
    assert.equal(accepts('==1.0', '1.0.post1'), false);
  });

  it('==X.* is a prefix match on whole segments', () => {
    assert.equal(accepts('==1.1.*', '1.1.0'), true);
    assert.equal(accepts('==1.1.*', '1.1.post1'), true);
    assert.equal(accepts('==1.1.*', '1.1a1'), true);
    assert.equal(accepts('==1.1.*', '1.10'), false);
    assert.equal(accepts('==1.1.*', '1.2'), false);
    // The candidate is padded with zeros: 1 is 1.0.
    assert.equal(accepts('==1.0.*', '1'), true);
  });

  it('!= excludes what == accepts', () => {
    assert.equal(accepts('!=1.1.*', '1.1.3'), false);
    assert.equal(accepts('!=1.1.*', '1.2'), true);
    assert.equal(accepts('!=1.0', '1.0.0'), false);
  });

  it('~= lets only the last release segment grow', () => {
    assert.equal(accepts('~=2.2', '2.9'), true);
    assert.equal(accepts('~=2.2', '3.0'), false);
    assert.equal(accepts('~=1.4.5', '1.4.9'), true);
    assert.equal(accepts('~=1.4.5', '1.5.0'), false);
    assert.equal(accepts('~=1.4.5', '1.4.4'), false);
    assert.equal(accepts('~=2.2.post3', '2.2.post4'), true);
    assert.equal(accepts('~=1!1.0', '1!1.5'), true);
    assert.equal(accepts('~=1!1.0', '1.5'), false);
  });

  it('<V does not let in pre-releases of V', () => {
    assert.equal(accepts('<3', '3.0a1'), false);
    assert.equal(accepts('<3', '2.9'), true);
    assert.equal(accepts('<3.0rc1', '3.0a1'), true);
  });

  it('>V does not let in post-releases or local versions of V', () => {
    assert.equal(accepts('>1.7', '1.7.post1'), false);
    assert.equal(accepts('>1.7', '1.7+local'), false);
    assert.equal(accepts('>1.7', '1.7.1'), true);
    assert.equal(accepts('>1.7.post2', '1.7.post3'), true);
  });

  it('<= and >= include the bound, whatever its local label', () => {
    assert.equal(accepts('>=1.0,<=2.0', '2.0'), true);
    assert.equal(accepts('>=1.0', '1.0+local'), true);
    assert.equal(accepts('>=1.0', '0.9'), false);
  });

  it('=== is string equality', () => {
    assert.equal(accepts('===1.0', '1.0'), true);
    assert.equal(accepts('===1.0', '1.0.0'), false);
  });

  it('rejects specifiers PEP 440 does not allow', () => {
    for (const text of ['>=1.*', '~=1', '~=1.0+local', '<=1.0+local', '=1.0', '>= ', 'latest', '==1.0+local.*']) {
      assert.equal(parseSpecifier(text), undefined, text);
    }
    assert.equal(parseSpecifierSet('>=1,'), undefined);
  });

  it('reads a set with spaces around the parts', () => {
    assert.equal(parseSpecifierSet(' >= 2.0 , < 3 ')?.length, 2);
  });
});

describe('choosing a release', () => {
  const releases = ['1.0', '1.1', '1.2.dev1', '2.0b1', '2.0rc1'].map(v);

  it('skips pre-releases and dev releases when a final release matches', () => {
    assert.equal(highestMatching(releases, [])?.text, '1.1');
  });

  it('takes pre-releases when the specifier names one', () => {
    assert.equal(highestMatching(releases, parseSpecifierSet('>=2.0b1') ?? [])?.text, '2.0rc1');
  });

  it('takes pre-releases when nothing else matches, as installers do', () => {
    assert.deepEqual(
      selectVersions(releases, parseSpecifierSet('>=1.5') ?? []).map((r) => r.text),
      ['2.0b1', '2.0rc1'],
    );
  });

  it('finds nothing when nothing matches', () => {
    assert.equal(highestMatching(releases, parseSpecifierSet('>=3') ?? []), undefined);
  });
});
