import * as assert from 'node:assert/strict';
import { cargoRequirementToRange, pickVersion } from '../../../../../src/core/manifests/cargo/requirement';

describe('Cargo version requirements', () => {
  it('reads a bare version as a caret requirement, as Cargo does', () => {
    assert.equal(cargoRequirementToRange('1.2'), '^1.2');
    assert.equal(cargoRequirementToRange('0.4.5'), '^0.4.5');
  });

  it('joins comma-separated comparators the npm way', () => {
    assert.equal(cargoRequirementToRange('>= 1.2, < 1.5'), '>=1.2 <1.5');
  });

  it('keeps exact, tilde, caret and wildcard requirements', () => {
    assert.equal(cargoRequirementToRange('=0.1.12'), '=0.1.12');
    assert.equal(cargoRequirementToRange('~2.5.0'), '~2.5.0');
    assert.equal(cargoRequirementToRange('^1'), '^1');
    assert.equal(cargoRequirementToRange('*'), '*');
    assert.equal(cargoRequirementToRange('1.*'), '1.*');
  });

  it('says nothing about what is not a requirement', () => {
    for (const text of ['workspace', 'git:https://example.org/x', '', '1.0,', 'latest']) assert.equal(cargoRequirementToRange(text), undefined, text);
  });

  it('picks the highest locked version that satisfies the requirement', () => {
    assert.equal(pickVersion(['0.2.172', '0.3.1', '0.2.150'], '0.2'), '0.2.172');
    assert.equal(pickVersion(['1.0.0', '2.0.1'], '1'), '1.0.0');
  });

  it('applies the 0.x caret rule: 0.2 does not accept 0.3', () => {
    assert.equal(pickVersion(['0.3.0', '0.2.9'], '0.2.1'), '0.2.9');
  });

  it('falls back to the highest version when none satisfies the requirement', () => {
    assert.equal(pickVersion(['1.0.0', '1.4.2'], '2'), '1.4.2');
    assert.equal(pickVersion(['1.0.0', '1.4.2'], undefined), '1.4.2');
  });

  it('understands versions with build metadata, like -sys crates', () => {
    assert.equal(pickVersion(['2.0.15+zstd.1.5.7', '2.0.9+zstd.1.5.5'], '2.0'), '2.0.15+zstd.1.5.7');
  });

  it('finds nothing among no versions', () => {
    assert.equal(pickVersion([], '1'), undefined);
  });
});
