import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

describe('checking a manifest: licenses only a file states, and the project license', () => {
  let root: string;
  const files = new JsonFileCache();
  const sources = [new InstalledPackageLicenses(files), new PackageLockLicenses(files)];
  const install = (name: string, packageJson: Record<string, unknown>, extra: Record<string, string> = {}): void => {
    const dir = path.join(root, 'node_modules', name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...packageJson }));
    for (const [file, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, file), text);
  };
  const check = async (manifest: Record<string, unknown>, policy = getDefaultPolicy()) =>
    (await checkManifestText(path.join(root, 'package.json'), JSON.stringify(manifest), packageJsonFormat, { policy, sources })).results;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-check-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('identifies the file named by "SEE LICENSE IN"', async () => {
    const mit = (require('spdx-license-list/licenses/MIT.json') as { licenseText: string }).licenseText.replace('<year>', '2024').replace('<copyright holders>', 'Example Corp');
    install('see-file', { license: 'SEE LICENSE IN LICENSE.md' }, { 'LICENSE.md': `# License\n\n${mit}` });
    const [result] = await check({ dependencies: { 'see-file': '^1.0.0' } });
    assert.equal(result.license.expression, 'MIT');
    assert.equal(result.verdict, 'allow');
    assert.match(result.license.note ?? '', /identified from the text of LICENSE\.md/);
  });

  it('does not read a "SEE LICENSE IN" file outside the package', async () => {
    install('escape', { license: 'SEE LICENSE IN ../../../etc/passwd' });
    const [result] = await check({ dependencies: { escape: '1' } });
    assert.equal(result.license.expression, null);
    assert.equal(result.verdict, 'review');
  });

  it('flags an Apache-2.0 dependency in a GPL-2.0-only project as incompatible', async () => {
    install('apache-lib', { license: 'Apache-2.0' });
    const [result] = await check({ license: 'GPL-2.0-only', dependencies: { 'apache-lib': '1' } });
    assert.equal(result.verdict, 'deny');
    assert.equal(result.rule, 'incompatible-license');
    assert.match(result.reason, /Apache-2\.0 is not compatible with this project's license GPL-2\.0-only \(OSADL compatibility matrix\)/);
  });

  it('accepts it when the project may also be licensed under a compatible license', async () => {
    install('apache-lib', { license: 'Apache-2.0' });
    const [result] = await check({ license: 'GPL-2.0-only OR MIT', dependencies: { 'apache-lib': '1' } });
    assert.equal(result.verdict, 'allow');
  });

  it('ignores compatibility for development-only dependencies', async () => {
    install('apache-lib', { license: 'Apache-2.0' });
    const [result] = await check({ license: 'GPL-2.0-only', devDependencies: { 'apache-lib': '1' } });
    assert.equal(result.verdict, 'allow');
  });
});
