import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkManifestText, type ManifestCheck } from '../../../../../src/core/check';
import { JsonFileCache } from '../../../../../src/core/files';
import { nugetSupport } from '../../../../../src/core/manifests/nuget';
import { getDefaultPolicy } from '../../../../../src/core/policy/load';
import { FIXTURES } from '../../../repo';

/**
 * The nuget-basic workspace restores into its own `packages/` folder (set by its
 * nuget.config), so an editor opening it finds every license without any
 * environment variable: the environment here is empty on purpose.
 */
describe('checking the nuget-basic fixture workspace', () => {
  const workspace = path.join(FIXTURES, 'workspaces', 'nuget-basic');
  const sources = nugetSupport.localSources({ files: new JsonFileCache(), environment: { env: {}, home: '/nonexistent' } });
  const context = { policy: getDefaultPolicy(), sources };

  async function check(relative: string): Promise<ManifestCheck> {
    const manifest = path.join(workspace, relative);
    const format = nugetSupport.formats.find((f) => f.matches(manifest));
    assert.ok(format, `no format for ${relative}`);
    return checkManifestText(manifest, fs.readFileSync(manifest, 'utf8'), format, context);
  }

  it('gives every package of the application its license, version and verdict', async () => {
    const result = await check('Acme.Orders.csproj');
    const summary = Object.fromEntries(result.results.map((r) => [r.name, [r.scope, r.license.expression, r.version, r.verdict]]));
    assert.deepEqual(summary, {
      'Widgets.Json': ['runtime', 'MIT', '13.0.3', 'allow'],
      'GplChart.Engine': ['runtime', 'GPL-3.0-only', '2.1.0', 'deny'],
      'LgplImage.Codec': ['runtime', 'LGPL-2.1-or-later', '3.1.4', 'review'],
      'Legacy.Logging': ['runtime', 'Apache-2.0', '2.0.8', 'allow'],
      'NotRestored.Anywhere': ['runtime', null, null, 'review'],
      'GplStyle.Analyzers': ['build', 'GPL-3.0-or-later', '5.0.2', 'allow'],
    });
    assert.deepEqual(result.errors, []);
  });

  it('finds the licenses in the packages folder that the workspace nuget.config names', async () => {
    const result = await check('Acme.Orders.csproj');
    const found = result.results.filter((r) => r.license.source !== null);
    assert.deepEqual([...new Set(found.map((r) => r.license.source))], ['NuGet global packages folder']);
  });

  it('denies the GPL-3.0-only runtime package as strong copyleft', async () => {
    const gpl = (await check('Acme.Orders.csproj')).results.find((r) => r.name === 'GplChart.Engine');
    assert.equal(gpl?.rule, 'strong-copyleft');
  });

  it('allows the GPL analyzer with a note, as it never ships', async () => {
    const analyzer = (await check('Acme.Orders.csproj')).results.find((r) => r.name === 'GplStyle.Analyzers');
    assert.match(analyzer?.note ?? '', /development-only \(build\) dependency/);
  });

  it('wants a review for the package that was never restored, its license unknown', async () => {
    const missing = (await check('Acme.Orders.csproj')).results.find((r) => r.name === 'NotRestored.Anywhere');
    assert.equal(missing?.license.source, null);
    assert.equal(missing?.rule, 'unknown-license');
  });

  it('allows the GPL package in the test project, whose packages are test-only', async () => {
    const result = await check(path.join('tests', 'Acme.Orders.Tests', 'Acme.Orders.Tests.csproj'));
    const summary = Object.fromEntries(result.results.map((r) => [r.name, [r.scope, r.license.expression, r.verdict]]));
    assert.deepEqual(summary, {
      'Microsoft.NET.Test.Sdk': ['test', 'MIT', 'allow'],
      xunit: ['test', 'Apache-2.0', 'allow'],
      'GplChart.Engine': ['test', 'GPL-3.0-only', 'allow'],
    });
  });
});
