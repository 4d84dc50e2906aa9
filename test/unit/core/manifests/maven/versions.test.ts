import * as assert from 'node:assert/strict';
import { chooseVersion, compareVersions, parseRange } from '../../../../../src/core/manifests/maven/versions';

describe('Maven versions', () => {
  it('orders numbers numerically, not as text', () => {
    assert.ok(compareVersions('2.17.1', '2.9') > 0);
    assert.ok(compareVersions('1.10', '1.9.9') > 0);
  });

  it('treats trailing zeros as equal (1.0 == 1.0.0)', () => {
    assert.equal(compareVersions('1.0', '1.0.0'), 0);
  });

  it('puts pre-releases and snapshots before the release, service packs after', () => {
    const ordered = ['1.0-alpha-1', '1.0-beta2', '1.0-M3', '1.0-RC1', '1.0-SNAPSHOT', '1.0', '1.0-sp1', '1.0.1'];
    assert.deepEqual([...ordered].reverse().sort(compareVersions), ordered);
  });

  it('parses Maven ranges, several sets and Gradle’s reversed brackets', () => {
    assert.equal(parseRange('[1.0,2.0)')?.length, 1);
    assert.equal(parseRange('[1.0,1.2),(1.3,)')?.length, 2);
    assert.equal(parseRange(']1.0,2.0[')?.length, 1);
    assert.equal(parseRange('1.0'), undefined);
    assert.equal(parseRange('[1.0'), undefined);
  });

  describe('choosing among the versions present locally', () => {
    const present = ['1.0', '1.5', '2.0', '2.1-SNAPSHOT', '3.0-RC1'];

    it('takes the requested version when it is present', () => {
      assert.equal(chooseVersion('1.5', present), '1.5');
    });

    it('takes nothing when a plain version is not present', () => {
      assert.equal(chooseVersion('1.6', present), undefined);
    });

    it('takes the highest within a range', () => {
      assert.equal(chooseVersion('[1.0,2.0)', present), '1.5');
      assert.equal(chooseVersion('[1.0,2.0]', present), '2.0');
      assert.equal(chooseVersion('(,1.0]', present), '1.0');
      assert.equal(chooseVersion('[4.0,)', present), undefined);
    });

    it('takes the highest release when no version is requested or it is unresolved', () => {
      assert.equal(chooseVersion('', present), '3.0-RC1');
      assert.equal(chooseVersion('${jackson.version}', present), '3.0-RC1');
      assert.equal(chooseVersion('latest.release', present), '3.0-RC1');
    });

    it('takes a snapshot only when there is nothing else', () => {
      assert.equal(chooseVersion('', ['2.1-SNAPSHOT']), '2.1-SNAPSHOT');
    });

    it('understands Gradle prefixes and strict versions', () => {
      assert.equal(chooseVersion('1.+', present), '1.5');
      assert.equal(chooseVersion('+', present), '3.0-RC1');
      assert.equal(chooseVersion('1.5!!', present), '1.5');
      assert.equal(chooseVersion('[1.0,2.0)!!1.0', present), '1.0');
    });
  });
});
