import * as assert from 'node:assert/strict';
import { compareVersions, parseRequest, parseVersion, pickVersion } from '../../../../../src/core/manifests/nuget/versions';

describe('NuGet versions', () => {
  const compare = (a: string, b: string): number => Math.sign(compareVersions(parseVersion(a)!, parseVersion(b)!));

  it('treats 1.0, 1.0.0 and 1.0.0.0 as the same version, and ignores build metadata', () => {
    assert.equal(compare('1.0', '1.0.0'), 0);
    assert.equal(compare('1.0.0.0', '1.0.0'), 0);
    assert.equal(compare('1.0.0+abc', '1.0.0'), 0);
  });

  it('orders pre-releases before their release, numerically and case-insensitively', () => {
    assert.equal(compare('1.0.0-beta', '1.0.0'), -1);
    assert.equal(compare('1.0.0-beta.2', '1.0.0-beta.10'), -1);
    assert.equal(compare('1.0.0-Beta', '1.0.0-beta'), 0);
    assert.equal(compare('1.2.3.4', '1.2.3'), 1);
  });

  it('recognises the kinds of request NuGet accepts', () => {
    assert.equal(parseRequest('1.2.3')?.kind, 'minimum');
    assert.equal(parseRequest('[1.2.3]')?.kind, 'exact');
    assert.equal(parseRequest('[1.0,2.0)')?.kind, 'interval');
    assert.equal(parseRequest('(,3.0]')?.kind, 'interval');
    assert.equal(parseRequest('8.*')?.kind, 'floating');
    assert.equal(parseRequest('1.0.0-*')?.kind, 'floating');
    assert.equal(parseRequest('*')?.kind, 'floating');
    assert.equal(parseRequest('$(Unknown)'), undefined);
    assert.equal(parseRequest('[1.0'), undefined);
  });

  describe('picking an installed version', () => {
    const installed = ['12.0.1', '13.0.1', '13.0.3', '14.0.0-preview.1'];

    it('picks the requested version when it is installed, whatever its written form', () => {
      assert.equal(pickVersion(['1.0.0', '2.0.0'], '1.0'), '1.0.0');
      assert.equal(pickVersion(installed, '13.0.1'), '13.0.1');
    });

    it('picks the lowest version at or above a bare version, as restore does', () => {
      assert.equal(pickVersion(installed, '13.0.2'), '13.0.3');
    });

    it('picks the highest version inside a range', () => {
      assert.equal(pickVersion(installed, '[12.0,14.0)'), '13.0.3');
      assert.equal(pickVersion(installed, '(,13.0.1]'), '13.0.1');
    });

    it('picks the highest version matching a floating version', () => {
      assert.equal(pickVersion(installed, '13.*'), '13.0.3');
      assert.equal(pickVersion(installed, '*-*'), '14.0.0-preview.1');
    });

    it('falls back to the highest release when nothing is requested or nothing matches', () => {
      assert.equal(pickVersion(installed, ''), '13.0.3');
      assert.equal(pickVersion(installed, '$(JsonVersion)'), '13.0.3');
      assert.equal(pickVersion(installed, '[20.0,)'), '13.0.3');
    });

    it('finds nothing when no folder is a version', () => {
      assert.equal(pickVersion(['.DS_Store', 'tmp'], '1.0.0'), undefined);
    });
  });
});
