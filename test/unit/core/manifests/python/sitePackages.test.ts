import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SitePackagesLicenses } from '../../../../../src/core/manifests/python/sitePackages';
import type { Dependency } from '../../../../../src/core/model';
import type { LocalEnvironment } from '../../../../../src/core/resolution';

const zero = { line: 0, character: 0 };
const dep = (name: string): Dependency => ({ ecosystem: 'pypi', name, requested: '', scope: 'runtime', range: { start: zero, end: zero }, direct: true });

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('Python site-packages license metadata', () => {
  let root: string;
  let sitePackages: string;
  const noEnvironment: LocalEnvironment = { env: {}, home: '/nonexistent' };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-pypi-'));
    sitePackages = path.join(root, '.venv', 'lib', 'python3.12', 'site-packages');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const manifest = (): string => path.join(root, 'requirements.txt');

  it('reads License-Expression and Version from <name>-<version>.dist-info/METADATA in the project .venv', async () => {
    write(path.join(sitePackages, 'requests-2.32.3.dist-info', 'METADATA'), 'Metadata-Version: 2.4\nName: requests\nVersion: 2.32.3\nLicense-Expression: Apache-2.0\n\nbody');
    const found = await new SitePackagesLicenses(noEnvironment).find(manifest(), dep('requests'));
    assert.deepEqual(found, { declared: 'Apache-2.0', source: 'site-packages', version: '2.32.3' });
  });

  it('finds a package whatever the spelling of its name (PEP 503)', async () => {
    write(path.join(sitePackages, 'zope.interface-6.1.dist-info', 'METADATA'), 'Name: zope.interface\nVersion: 6.1\nLicense: ZPL-2.1\n');
    write(path.join(sitePackages, 'typing_extensions-4.8.0.dist-info', 'METADATA'), 'Name: typing_extensions\nVersion: 4.8.0\nLicense-Expression: PSF-2.0\n');
    const source = new SitePackagesLicenses(noEnvironment);
    assert.equal((await source.find(manifest(), dep('Zope-Interface')))?.declared, 'ZPL-2.1');
    assert.equal((await source.find(manifest(), dep('typing.extensions')))?.declared, 'PSF-2.0');
  });

  it('returns the license classifiers along with what is declared', async () => {
    write(
      path.join(sitePackages, 'gpl_lib-1.0.dist-info', 'METADATA'),
      'Name: gpl-lib\nVersion: 1.0\nLicense: GPLv3\nClassifier: License :: OSI Approved :: GNU General Public License v3 (GPLv3)\n',
    );
    const found = await new SitePackagesLicenses(noEnvironment).find(manifest(), dep('gpl-lib'));
    assert.equal(found?.declared, 'GPLv3');
    assert.deepEqual(found?.classifiers, ['License :: OSI Approved :: GNU General Public License v3 (GPLv3)']);
  });

  it('returns the first License-File text when nothing usable is declared', async () => {
    const distInfo = path.join(sitePackages, 'mystery-0.3.dist-info');
    write(path.join(distInfo, 'METADATA'), 'Metadata-Version: 2.4\nName: mystery\nVersion: 0.3\nLicense: UNKNOWN\nLicense-File: LICENSE.txt\nLicense-File: NOTICE\n');
    write(path.join(distInfo, 'licenses', 'LICENSE.txt'), 'MIT License\n\nPermission is hereby granted…');
    const found = await new SitePackagesLicenses(noEnvironment).find(manifest(), dep('mystery'));
    assert.equal(found?.declared, undefined);
    assert.equal(found?.licenseText, 'MIT License\n\nPermission is hereby granted…');
    assert.equal(found?.licenseFile, path.join(distInfo, 'licenses', 'LICENSE.txt'));
  });

  it('finds a License-File at the root of the dist-info, where older wheels put it', async () => {
    const distInfo = path.join(sitePackages, 'older-1.0.dist-info');
    write(path.join(distInfo, 'METADATA'), 'Metadata-Version: 2.1\nName: older\nVersion: 1.0\nClassifier: License :: OSI Approved :: BSD License\nLicense-File: COPYING\n');
    write(path.join(distInfo, 'COPYING'), 'Redistribution and use in source and binary forms…');
    const found = await new SitePackagesLicenses(noEnvironment).find(manifest(), dep('older'));
    assert.equal(found?.licenseText, 'Redistribution and use in source and binary forms…');
    assert.deepEqual(found?.classifiers, ['License :: OSI Approved :: BSD License']);
  });

  it('also reads the license file when the declared license is not a usable name', async () => {
    const distInfo = path.join(sitePackages, 'bsdish-2.0.dist-info');
    write(path.join(distInfo, 'METADATA'), 'Name: bsdish\nVersion: 2.0\nLicense: BSD\nLicense-File: LICENSE\n');
    write(path.join(distInfo, 'licenses', 'LICENSE'), 'Copyright (c) 2020. Redistribution and use…');
    const found = await new SitePackagesLicenses(noEnvironment).find(manifest(), dep('bsdish'));
    assert.equal(found?.declared, 'BSD');
    assert.match(found?.licenseText ?? '', /Redistribution/);
  });

  it('never reads a License-File outside the metadata folder', async () => {
    write(path.join(sitePackages, 'sneaky-1.0.dist-info', 'METADATA'), 'Name: sneaky\nVersion: 1.0\nLicense-File: ../../../../../secret.txt\n');
    write(path.join(root, 'secret.txt'), 'not yours');
    const found = await new SitePackagesLicenses(noEnvironment).find(manifest(), dep('sneaky'));
    assert.equal(found?.licenseText, undefined);
  });

  it('reads an older install: <name>-<version>-pyX.Y.egg-info/PKG-INFO', async () => {
    write(path.join(sitePackages, 'six-1.16.0-py3.12.egg-info', 'PKG-INFO'), 'Metadata-Version: 1.2\nName: six\nVersion: 1.16.0\nLicense: MIT\n');
    const found = await new SitePackagesLicenses(noEnvironment).find(manifest(), dep('six'));
    assert.deepEqual(found, { declared: 'MIT', source: 'site-packages', version: '1.16.0' });
  });

  it('reads a distutils egg-info that is a single file', async () => {
    write(path.join(sitePackages, 'oldlib-0.9.egg-info'), 'Metadata-Version: 1.0\nName: oldlib\nVersion: 0.9\nLicense: ISC\n');
    assert.equal((await new SitePackagesLicenses(noEnvironment).find(manifest(), dep('oldlib')))?.declared, 'ISC');
  });

  it('reads the Windows layout, Lib/site-packages', async () => {
    write(path.join(root, 'venv', 'Lib', 'site-packages', 'colorama-0.4.6.dist-info', 'METADATA'), 'Name: colorama\nVersion: 0.4.6\nLicense-Expression: BSD-3-Clause\n');
    assert.equal((await new SitePackagesLicenses(noEnvironment).find(manifest(), dep('colorama')))?.declared, 'BSD-3-Clause');
  });

  it("finds the .venv of a parent folder for a sub-project's manifest", async () => {
    write(path.join(sitePackages, 'attrs-23.1.0.dist-info', 'METADATA'), 'Name: attrs\nVersion: 23.1.0\nLicense-Expression: MIT\n');
    const found = await new SitePackagesLicenses(noEnvironment).find(path.join(root, 'services', 'api', 'requirements.txt'), dep('attrs'));
    assert.equal(found?.version, '23.1.0');
  });

  it('uses VIRTUAL_ENV when the package is not in the project venv', async () => {
    const active = path.join(root, 'elsewhere', 'env');
    write(path.join(active, 'lib', 'python3.11', 'site-packages', 'click-8.1.7.dist-info', 'METADATA'), 'Name: click\nVersion: 8.1.7\nLicense-Expression: BSD-3-Clause\n');
    const found = await new SitePackagesLicenses({ env: { VIRTUAL_ENV: active }, home: '/nonexistent' }).find(manifest(), dep('click'));
    assert.equal(found?.version, '8.1.7');
  });

  it('uses only the configured venv when one is set', async () => {
    write(path.join(sitePackages, 'flask-3.0.0.dist-info', 'METADATA'), 'Name: flask\nVersion: 3.0.0\nLicense-Expression: BSD-3-Clause\n');
    const configured = path.join(root, 'configured');
    write(path.join(configured, 'lib', 'python3.10', 'site-packages', 'flask-2.3.3.dist-info', 'METADATA'), 'Name: flask\nVersion: 2.3.3\nLicense: BSD-3-Clause\n');
    const source = new SitePackagesLicenses({ env: {}, home: '/nonexistent', pythonVenv: configured });
    assert.equal((await source.find(manifest(), dep('flask')))?.version, '2.3.3');
  });

  it('expands ~ in the configured venv with the given home', async () => {
    write(path.join(root, 'envs', 'app', 'lib', 'python3.11', 'site-packages', 'idna-3.4.dist-info', 'METADATA'), 'Name: idna\nVersion: 3.4\nLicense-Expression: BSD-3-Clause\n');
    const source = new SitePackagesLicenses({ env: {}, home: root, pythonVenv: '~/envs/app' });
    assert.equal((await source.find('/somewhere/else/requirements.txt', dep('idna')))?.version, '3.4');
  });

  it('reports a package without any license information as found, declaring nothing', async () => {
    write(path.join(sitePackages, 'bare-1.0.dist-info', 'METADATA'), 'Name: bare\nVersion: 1.0\n');
    assert.deepEqual(await new SitePackagesLicenses(noEnvironment).find(manifest(), dep('bare')), {
      declared: undefined,
      source: 'site-packages',
      version: '1.0',
    });
  });

  it('finds nothing for a package that is not installed, or without a venv', async () => {
    write(path.join(sitePackages, 'other-1.0.dist-info', 'METADATA'), 'Name: other\nVersion: 1.0\n');
    assert.equal(await new SitePackagesLicenses(noEnvironment).find(manifest(), dep('missing')), undefined);
    assert.equal(await new SitePackagesLicenses(noEnvironment).find('/nonexistent/project/requirements.txt', dep('other')), undefined);
  });

  it('notices a package installed after the first lookup', async () => {
    write(path.join(sitePackages, 'first-1.0.dist-info', 'METADATA'), 'Name: first\nVersion: 1.0\n');
    const source = new SitePackagesLicenses(noEnvironment);
    assert.equal(await source.find(manifest(), dep('later')), undefined);
    write(path.join(sitePackages, 'later-2.0.dist-info', 'METADATA'), 'Name: later\nVersion: 2.0\nLicense-Expression: MIT\n');
    // A new folder changes the site-packages folder's modification time; make sure it differs.
    const future = new Date(Date.now() + 5000);
    fs.utimesSync(sitePackages, future, future);
    assert.equal((await source.find(manifest(), dep('later')))?.declared, 'MIT');
  });

  it('stops when the caller cancels', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(new SitePackagesLicenses(noEnvironment).find(manifest(), dep('a'), controller.signal));
  });
});
