import * as assert from 'node:assert/strict';
import { exactPin, parseConstraint, pickVersion } from '../../../../../src/core/manifests/python/constraints';
import { parseVersion, type Pep440Version } from '../../../../../src/core/manifests/python/pep440';

const RELEASES = ['0.0.3', '0.0.4', '0.2.3', '0.2.9', '0.3.0', '1.2.0', '1.2.3', '1.3.0', '1.9.9', '2.0.0', '2.1.0b1']
  .map(parseVersion)
  .filter((v): v is Pep440Version => v !== undefined);

/** The release a requirement picks from RELEASES. */
const picks = (requested: string): string | undefined => {
  const constraint = parseConstraint(requested);
  assert.ok(constraint, `${requested} should parse`);
  return pickVersion(RELEASES, constraint)?.text;
};

describe('Python version constraints', () => {
  it('reads PEP 440 specifier sets', () => {
    assert.equal(picks('>=1.2,<2'), '1.9.9');
    assert.equal(picks('~=1.2.0'), '1.2.3');
  });

  it('takes any final release for "", "*" and no constraint', () => {
    assert.equal(picks(''), '2.0.0');
    assert.equal(picks('*'), '2.0.0');
  });

  it("reads Poetry's caret: the first non-zero segment may not grow", () => {
    assert.equal(picks('^1.2'), '1.9.9');
    assert.equal(picks('^0.2.3'), '0.2.9');
    assert.equal(picks('^0.0.3'), '0.0.3');
    assert.equal(picks('^0'), '0.3.0');
  });

  it("reads Poetry's tilde: only the patch may grow", () => {
    assert.equal(picks('~1.2'), '1.2.3');
    assert.equal(picks('~1.2.3'), '1.2.3');
    assert.equal(picks('~1'), '1.9.9');
  });

  it('reads a Poetry bare version as an exact pin, and a wildcard as a prefix', () => {
    assert.equal(picks('1.2.0'), '1.2.0');
    assert.equal(picks('1.2.*'), '1.2.3');
  });

  it('reads Poetry comparators separated by spaces or commas', () => {
    assert.equal(picks('>= 1.2, < 1.5'), '1.3.0');
    assert.equal(picks('>=1.2 <1.5'), '1.3.0');
  });

  it('takes the best of alternatives joined by ||', () => {
    assert.equal(picks('^0.2 || ^1.2'), '1.9.9');
  });

  it('takes a pre-release only when named', () => {
    assert.equal(picks('>=2.1.0b1'), '2.1.0b1');
  });

  it('is not a constraint for URLs, paths and garbage', () => {
    for (const text of ['https://example.invalid/x.whl', 'git+https://example.invalid/x.git', './libs/x', 'latest', '^', '>=1 ||']) {
      assert.equal(parseConstraint(text), undefined, text);
    }
  });

  it('names the exact pins the registry can be asked for directly', () => {
    assert.equal(exactPin('==2.31.0'), '2.31.0');
    assert.equal(exactPin(' == 2.31.0 '), '2.31.0');
    assert.equal(exactPin('===2.31.0'), '2.31.0');
    assert.equal(exactPin('2.31.0'), '2.31.0');
    for (const text of ['==2.*', '>=2', '==2.31.0,!=2.31.1', '^2.31', '', '1.0 || 2.0']) assert.equal(exactPin(text), undefined, text);
  });
});
