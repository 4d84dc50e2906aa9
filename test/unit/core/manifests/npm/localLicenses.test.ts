import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JsonFileCache } from '../../../../../src/core/files';
import { InstalledPackageLicenses, PackageLockLicenses } from '../../../../../src/core/manifests/npm/localLicenses';
import type { Dependency } from '../../../../../src/core/model';

const zero = { line: 0, character: 0 };
const dep = (name: string): Dependency => ({ ecosystem: 'npm', name, requested: '*', scope: 'runtime', range: { start: zero, end: zero }, direct: true });

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
}

describe('npm local license metadata', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-npm-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads license and version from node_modules/<name>/package.json', async () => {
    writeJson(path.join(root, 'node_modules/a/package.json'), { name: 'a', version: '1.0.0', license: 'MIT' });
    const found = await new InstalledPackageLicenses(new JsonFileCache()).find(path.join(root, 'package.json'), dep('a'));
    assert.deepEqual(found, { declared: 'MIT', source: 'node_modules', version: '1.0.0' });
  });

  it('finds packages hoisted to a parent folder, as Node resolves them', async () => {
    writeJson(path.join(root, 'node_modules/@scope/b/package.json'), { version: '2.0.0', license: 'ISC' });
    const found = await new InstalledPackageLicenses(new JsonFileCache()).find(path.join(root, 'packages/web/package.json'), dep('@scope/b'));
    assert.equal(found?.declared, 'ISC');
  });

  it('passes legacy licenses[] and {type} forms through for normalisation', async () => {
    writeJson(path.join(root, 'node_modules/old/package.json'), { version: '0.1.0', licenses: [{ type: 'MIT', url: 'x' }] });
    writeJson(path.join(root, 'node_modules/obj/package.json'), { version: '0.1.0', license: { type: 'BSD-3-Clause', url: 'x' } });
    const source = new InstalledPackageLicenses(new JsonFileCache());
    assert.deepEqual((await source.find(path.join(root, 'package.json'), dep('old')))?.declared, [{ type: 'MIT', url: 'x' }]);
    assert.deepEqual((await source.find(path.join(root, 'package.json'), dep('obj')))?.declared, { type: 'BSD-3-Clause', url: 'x' });
  });

  it('treats a malformed installed package.json as absent', async () => {
    writeJson(path.join(root, 'node_modules/broken/package.json'), '{ "license": ');
    assert.equal(await new InstalledPackageLicenses(new JsonFileCache()).find(path.join(root, 'package.json'), dep('broken')), undefined);
  });

  it('notices a reinstalled package (file changed on disk)', async () => {
    const file = path.join(root, 'node_modules/c/package.json');
    writeJson(file, { version: '1.0.0', license: 'MIT' });
    const source = new InstalledPackageLicenses(new JsonFileCache());
    assert.equal((await source.find(path.join(root, 'package.json'), dep('c')))?.declared, 'MIT');
    writeJson(file, { version: '2.0.0', license: 'GPL-3.0-only', padding: 'changes the size' });
    assert.equal((await source.find(path.join(root, 'package.json'), dep('c')))?.declared, 'GPL-3.0-only');
  });

  it('reads packages[...] from a v3 package-lock.json', async () => {
    writeJson(path.join(root, 'package-lock.json'), {
      lockfileVersion: 3,
      packages: { '': {}, 'node_modules/d': { version: '4.5.6', license: 'Apache-2.0' } },
    });
    const found = await new PackageLockLicenses(new JsonFileCache()).find(path.join(root, 'package.json'), dep('d'));
    assert.deepEqual(found, { declared: 'Apache-2.0', source: 'package-lock.json', version: '4.5.6' });
  });

  it("prefers a workspace member's own nested entry in the root lockfile", async () => {
    writeJson(path.join(root, 'package-lock.json'), {
      lockfileVersion: 2,
      packages: {
        'node_modules/e': { version: '1.0.0', license: 'MIT' },
        'packages/api/node_modules/e': { version: '2.0.0', license: 'MPL-2.0' },
      },
    });
    const found = await new PackageLockLicenses(new JsonFileCache()).find(path.join(root, 'packages/api/package.json'), dep('e'));
    assert.equal(found?.declared, 'MPL-2.0');
    assert.equal(found?.version, '2.0.0');
  });

  it('finds nothing in a v1 lockfile, which records no licenses', async () => {
    writeJson(path.join(root, 'package-lock.json'), { lockfileVersion: 1, dependencies: { f: { version: '1.0.0' } } });
    assert.equal(await new PackageLockLicenses(new JsonFileCache()).find(path.join(root, 'package.json'), dep('f')), undefined);
  });

  it('stops when the caller cancels', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(new InstalledPackageLicenses(new JsonFileCache()).find(path.join(root, 'package.json'), dep('a'), controller.signal));
  });
});
