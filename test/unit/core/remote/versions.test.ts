import * as assert from 'node:assert/strict';
import { exactVersion } from '../../../../src/core/remote/versions';

describe('exact versions named by a requirement', () => {
  it('npm: a plain version, with or without = and v', () => {
    assert.equal(exactVersion('npm', '1.2.3'), '1.2.3');
    assert.equal(exactVersion('npm', '=v1.2.3'), '1.2.3');
    for (const range of ['^1.2.3', '~1.2.3', '1.x', '>=1', 'latest', '']) assert.equal(exactVersion('npm', range), undefined, range);
  });

  it('PyPI: == and === pins, and a Poetry bare version', () => {
    assert.equal(exactVersion('pypi', '==2.31.0'), '2.31.0');
    assert.equal(exactVersion('pypi', '===1.0-local'), '1.0-local');
    assert.equal(exactVersion('pypi', '2.31.0'), '2.31.0');
    for (const range of ['>=2', '==2.*', '==2.31.0,!=2.31.1', '~=2.31', '^2.31', '']) assert.equal(exactVersion('pypi', range), undefined, range);
  });

  it('Cargo: only =x.y.z, a bare version being a caret requirement', () => {
    assert.equal(exactVersion('cargo', '=1.0.197'), '1.0.197');
    assert.equal(exactVersion('cargo', '= 1.0.197'), '1.0.197');
    for (const range of ['1.0.197', '^1', '=1.0', 'workspace', 'git:https://example.invalid/x']) assert.equal(exactVersion('cargo', range), undefined, range);
  });

  it('Go: module versions, pseudo-versions and +incompatible', () => {
    for (const version of ['v1.2.3', 'v0.0.0-20240101000000-abcdef123456', 'v2.0.0+incompatible']) assert.equal(exactVersion('go', version), version);
    for (const other of ['1.2.3', 'latest', 'master', 'v1.2']) assert.equal(exactVersion('go', other), undefined, other);
  });

  it('Maven: a plain version, a hard [x] requirement and a strict Gradle version', () => {
    assert.equal(exactVersion('maven', '1.4.14'), '1.4.14');
    assert.equal(exactVersion('maven', '[1.4.14]'), '1.4.14');
    assert.equal(exactVersion('maven', '1.7!!'), '1.7');
    for (const other of ['[1.0,2.0)', '1.2.+', 'latest.release', 'RELEASE', '${logback.version}', '']) assert.equal(exactVersion('maven', other), undefined, other);
  });

  it('NuGet: [x] and a bare version, which restore takes when it is published', () => {
    assert.equal(exactVersion('nuget', '[13.0.1]'), '13.0.1');
    assert.equal(exactVersion('nuget', '13.0.1'), '13.0.1');
    for (const other of ['[13.0,14.0)', '13.*', '$(JsonVersion)', '']) assert.equal(exactVersion('nuget', other), undefined, other);
  });
});
