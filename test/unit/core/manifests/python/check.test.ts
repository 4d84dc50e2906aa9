import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkManifestText } from '../../../../../src/core/check';
import { JsonFileCache } from '../../../../../src/core/files';
import { pythonSupport } from '../../../../../src/core/manifests/python';
import { getDefaultPolicy } from '../../../../../src/core/policy/load';
import { FIXTURES } from '../../../repo';

describe('checking the python-basic fixture workspace', () => {
  const workspace = path.join(FIXTURES, 'workspaces', 'python-basic');
  const sources = pythonSupport.localSources({ files: new JsonFileCache(), environment: { env: {}, home: '/nonexistent' } });
  const context = { policy: getDefaultPolicy(), sources };

  async function check(file: string): Promise<Awaited<ReturnType<typeof checkManifestText>>> {
    const manifest = path.join(workspace, file);
    const format = pythonSupport.formats.find((candidate) => candidate.matches(manifest));
    assert.ok(format, `no format claims ${file}`);
    return checkManifestText(manifest, fs.readFileSync(manifest, 'utf8'), format, context);
  }

  it('gives every runtime requirement its license from .venv and its verdict', async () => {
    const result = await check('requirements.txt');
    const summary = Object.fromEntries(result.results.map((r) => [r.name, [r.license.expression, r.license.source, r.version, r.verdict]]));
    assert.deepEqual(summary, {
      requests: ['Apache-2.0', 'site-packages', '2.32.3', 'allow'],
      'gpl-chart-engine': ['GPL-3.0-only', 'site-packages', '2.0.1', 'deny'],
      lgpl_image_codec: ['LGPL-2.1-or-later', 'site-packages', '3.1.4', 'review'],
      six: ['MIT', 'site-packages', '1.16.0', 'allow'],
      'not-installed-anywhere': [null, null, null, 'review'],
    });
  });

  it('denies the GPL runtime dependency as strong copyleft', async () => {
    const gpl = (await check('requirements.txt')).results.find((r) => r.name === 'gpl-chart-engine');
    assert.equal(gpl?.rule, 'strong-copyleft');
  });

  it('allows the GPL tool of requirements-dev.txt, with a note, as development-only', async () => {
    const result = await check('requirements-dev.txt');
    const linter = result.results.find((r) => r.name === 'gpl-dev-linter');
    assert.equal(linter?.scope, 'dev');
    assert.equal(linter?.license.expression, 'GPL-3.0-or-later');
    assert.equal(linter?.verdict, 'allow');
    assert.ok(linter?.note, 'the verdict explains why a GPL license is allowed here');
    assert.deepEqual(result.results.find((r) => r.name === 'pytest')?.license.expression, 'MIT');
  });

  it('gives pyproject.toml the same verdicts, and its dependency group the development scope', async () => {
    const result = await check('pyproject.toml');
    const summary = Object.fromEntries(result.results.map((r) => [r.name, [r.scope, r.verdict]]));
    assert.deepEqual(summary, {
      requests: ['runtime', 'allow'],
      'gpl-chart-engine': ['runtime', 'deny'],
      'lgpl-image-codec': ['runtime', 'review'],
      six: ['runtime', 'allow'],
      'not-installed-anywhere': ['runtime', 'review'],
      'gpl-dev-linter': ['dev', 'allow'],
      pytest: ['dev', 'allow'],
    });
  });
});
