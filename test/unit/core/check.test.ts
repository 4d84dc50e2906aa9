import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkManifestText } from '../../../src/core/check';
import { JsonFileCache } from '../../../src/core/files';
import { packageJsonFormat } from '../../../src/core/manifests/npm/packageJson';
import { InstalledPackageLicenses, PackageLockLicenses } from '../../../src/core/manifests/npm/localLicenses';
import { getDefaultPolicy } from '../../../src/core/policy/load';
import { FIXTURES } from '../repo';

describe('checking a manifest', () => {
  const manifest = path.join(FIXTURES, 'workspaces', 'npm-basic', 'package.json');
  const files = new JsonFileCache();
  const context = { policy: getDefaultPolicy(), sources: [new InstalledPackageLicenses(files), new PackageLockLicenses(files)] };

  it('gives every dependency of the fixture its license and verdict', async () => {
    const check = await checkManifestText(manifest, fs.readFileSync(manifest, 'utf8'), packageJsonFormat, context);
    const summary = Object.fromEntries(check.results.map((r) => [r.name, [r.license.expression, r.license.source, r.version, r.verdict]]));
    assert.deepEqual(summary, {
      'mit-lib': ['MIT', 'node_modules', '1.2.3', 'allow'],
      'gpl-lib': ['GPL-3.0-only', 'node_modules', '2.0.1', 'deny'],
      'lgpl-lib': ['LGPL-2.1-only', 'node_modules', '3.1.4', 'review'],
      'dual-lib': ['MIT OR GPL-3.0-only', 'node_modules', '1.0.0', 'allow'],
      'locked-apache-lib': ['Apache-2.0', 'package-lock.json', '4.2.0', 'allow'],
      'gpl-dev-tool': ['GPL-3.0-or-later', 'node_modules', '5.0.2', 'allow'],
    });
    assert.equal(check.projectLicense, 'Apache-2.0');
  });

  it('explains a denied dependency by package, license and reason', async () => {
    const check = await checkManifestText(manifest, fs.readFileSync(manifest, 'utf8'), packageJsonFormat, context);
    const gpl = check.results.find((r) => r.name === 'gpl-lib');
    assert.equal(gpl?.rule, 'strong-copyleft');
    assert.match(gpl?.reason ?? '', /GPL-3\.0-only is strong copyleft/);
    assert.match(gpl?.reason ?? '', /does not allow strong copyleft licenses in runtime dependencies/);
  });

  it('wants a review for a dependency that is neither installed nor locked', async () => {
    const text = '{ "dependencies": { "not-installed-anywhere": "^1.0.0" } }';
    const check = await checkManifestText(manifest, text, packageJsonFormat, context);
    assert.equal(check.results[0].verdict, 'review');
    assert.equal(check.results[0].license.source, null);
    assert.equal(check.results[0].license.expression, null);
    assert.match(check.results[0].reason, /neither installed nor in a lockfile/);
  });
});
