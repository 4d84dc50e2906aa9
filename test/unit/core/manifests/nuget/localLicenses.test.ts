import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GlobalPackagesLicenses, NuGetDisk, PackagesFolderLicenses } from '../../../../../src/core/manifests/nuget/localLicenses';
import type { Dependency } from '../../../../../src/core/model';
import type { LocalEnvironment } from '../../../../../src/core/resolution';
import { zipArchive } from './zip';

const zero = { line: 0, character: 0 };
const dep = (name: string, requested = ''): Dependency => ({
  ecosystem: 'nuget',
  name,
  requested,
  scope: 'runtime',
  range: { start: zero, end: zero },
  direct: true,
});

function write(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function nuspec(id: string, version: string, license: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>${id}</id>
    <version>${version}</version>
    <authors>someone</authors>
    ${license}
    <description>A package.</description>
  </metadata>
</package>`;
}

const expression = (spdx: string): string => `<license type="expression">${spdx}</license>`;

/** Lays a package out as `dotnet restore` does in a global packages folder. */
function restore(root: string, id: string, version: string, license: string, files: Record<string, string> = {}): string {
  const folder = path.join(root, id.toLowerCase(), version.toLowerCase());
  write(path.join(folder, `${id.toLowerCase()}.nuspec`), nuspec(id, version, license));
  write(path.join(folder, '.nupkg.metadata'), '{"version":2,"contentHash":"x","source":"https://api.nuget.org/v3/index.json"}');
  for (const [name, content] of Object.entries(files)) write(path.join(folder, name), content);
  return folder;
}

describe('NuGet local license metadata', () => {
  let root: string;
  let home: string;
  let project: string;
  const globalSource = (env: LocalEnvironment['env'] = {}): GlobalPackagesLicenses =>
    new GlobalPackagesLicenses(new NuGetDisk({ env, home }));

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-nuget-'));
    home = path.join(root, 'home');
    project = path.join(root, 'repo', 'src', 'App', 'App.csproj');
    write(project, '<Project Sdk="Microsoft.NET.Sdk" />');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  describe('the global packages folder', () => {
    it('reads the license expression and version from ~/.nuget/packages/<id>/<version>/<id>.nuspec', async () => {
      restore(path.join(home, '.nuget', 'packages'), 'Newtonsoft.Json', '13.0.3', expression('MIT'));
      const found = await globalSource().find(project, dep('Newtonsoft.Json', '13.0.3'));
      assert.deepEqual(found, { declared: 'MIT', source: 'NuGet global packages folder', version: '13.0.3' });
    });

    it('uses NUGET_PACKAGES when it is set', async () => {
      const packages = path.join(root, 'nuget-cache');
      restore(packages, 'Serilog', '4.0.0', expression('Apache-2.0'));
      const found = await globalSource({ NUGET_PACKAGES: packages }).find(project, dep('Serilog', '4.0.0'));
      assert.equal(found?.declared, 'Apache-2.0');
    });

    it('uses globalPackagesFolder from a nuget.config above the project, relative to that file', async () => {
      write(path.join(root, 'repo', 'nuget.config'), '<configuration><config><add key="globalPackagesFolder" value=".packages" /></config></configuration>');
      restore(path.join(root, 'repo', '.packages'), 'Dapper', '2.1.35', expression('Apache-2.0'));
      const found = await globalSource().find(project, dep('Dapper', '2.1.35'));
      assert.equal(found?.declared, 'Apache-2.0');
    });

    it('lets NUGET_PACKAGES win over nuget.config, as NuGet does', async () => {
      write(path.join(root, 'repo', 'nuget.config'), '<configuration><config><add key="globalPackagesFolder" value=".packages" /></config></configuration>');
      restore(path.join(root, 'repo', '.packages'), 'Dapper', '2.1.35', expression('Apache-2.0'));
      restore(path.join(root, 'env'), 'Dapper', '2.1.35', expression('MIT'));
      const found = await globalSource({ NUGET_PACKAGES: path.join(root, 'env') }).find(project, dep('Dapper', '2.1.35'));
      assert.equal(found?.declared, 'MIT');
    });

    it('lets the nearest nuget.config that sets the folder win', async () => {
      write(path.join(root, 'repo', 'NuGet.Config'), '<configuration><config><add key="globalPackagesFolder" value="outer" /></config></configuration>');
      write(path.join(root, 'repo', 'src', 'nuget.config'), '<configuration><config><add key="globalPackagesFolder" value="inner" /></config></configuration>');
      restore(path.join(root, 'repo', 'outer'), 'Polly', '8.4.2', expression('BSD-3-Clause'));
      restore(path.join(root, 'repo', 'src', 'inner'), 'Polly', '8.4.2', expression('MIT'));
      assert.equal((await globalSource().find(project, dep('Polly', '8.4.2')))?.declared, 'MIT');
    });

    it("reads the user's own NuGet.Config when the repository has none", async () => {
      const configured = path.join(root, 'user-packages');
      write(path.join(home, '.nuget', 'NuGet', 'NuGet.Config'), `<configuration><config><add key="globalPackagesFolder" value="${configured}" /></config></configuration>`);
      restore(configured, 'Polly', '8.4.2', expression('BSD-3-Clause'));
      assert.equal((await globalSource().find(project, dep('Polly', '8.4.2')))?.declared, 'BSD-3-Clause');
    });

    it('expands %VARIABLES% in nuget.config paths from the pinned environment', async () => {
      write(path.join(root, 'repo', 'nuget.config'), '<configuration><config><add key="globalPackagesFolder" value="%CACHE_ROOT%/nuget" /></config></configuration>');
      restore(path.join(root, 'cache', 'nuget'), 'Polly', '8.4.2', expression('BSD-3-Clause'));
      const found = await globalSource({ CACHE_ROOT: path.join(root, 'cache') }).find(project, dep('Polly', '8.4.2'));
      assert.equal(found?.declared, 'BSD-3-Clause');
    });

    it('picks the requested version among those installed', async () => {
      const packages = path.join(home, '.nuget', 'packages');
      restore(packages, 'Castle.Core', '4.4.1', expression('Apache-2.0'));
      restore(packages, 'Castle.Core', '5.1.1', expression('MIT'));
      const found = await globalSource().find(project, dep('Castle.Core', '4.4.1'));
      assert.deepEqual([found?.declared, found?.version], ['Apache-2.0', '4.4.1']);
    });

    it('picks the highest installed version inside a version range', async () => {
      const packages = path.join(home, '.nuget', 'packages');
      for (const version of ['1.0.0', '1.5.0', '2.0.0']) restore(packages, 'Range.Lib', version, expression('MIT'));
      assert.equal((await globalSource().find(project, dep('Range.Lib', '[1.0,2.0)')))?.version, '1.5.0');
    });

    it('finds a pre-release in its lower-case folder', async () => {
      restore(path.join(home, '.nuget', 'packages'), 'Aspire.Hosting', '9.0.0-Preview.5', expression('MIT'));
      const found = await globalSource().find(project, dep('Aspire.Hosting', '9.0.0-preview.5'));
      assert.equal(found?.version, '9.0.0-Preview.5');
    });

    it('takes the version of a reference without one from Directory.Packages.props', async () => {
      write(
        path.join(root, 'repo', 'Directory.Packages.props'),
        `<Project>
  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally><ExtVersion>8.0.0</ExtVersion></PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="Microsoft.Extensions.Options" Version="8.0.2" />
    <PackageVersion Include="Microsoft.Extensions.Logging" Version="$(ExtVersion)" />
  </ItemGroup>
</Project>`,
      );
      const packages = path.join(home, '.nuget', 'packages');
      for (const version of ['8.0.0', '8.0.2', '9.0.0']) restore(packages, 'Microsoft.Extensions.Options', version, expression('MIT'));
      for (const version of ['8.0.0', '9.0.0']) restore(packages, 'Microsoft.Extensions.Logging', version, expression('MIT'));
      assert.equal((await globalSource().find(project, dep('Microsoft.Extensions.Options')))?.version, '8.0.2');
      assert.equal((await globalSource().find(project, dep('Microsoft.Extensions.Logging')))?.version, '8.0.0');
    });

    it('returns the text of the license file a package ships instead of an expression', async () => {
      const folder = restore(path.join(home, '.nuget', 'packages'), 'Castle.Core', '5.1.1', '<license type="file">LICENSE</license>\n    <licenseUrl>https://aka.ms/deprecateLicenseUrl</licenseUrl>', {
        LICENSE: 'Apache License\nVersion 2.0, January 2004\n',
      });
      const found = await globalSource().find(project, dep('Castle.Core', '5.1.1'));
      assert.deepEqual(found, {
        declared: undefined,
        source: 'NuGet global packages folder',
        version: '5.1.1',
        licenseText: 'Apache License\nVersion 2.0, January 2004\n',
        licenseFile: path.join(folder, 'LICENSE'),
      });
    });

    it('finds a license file named with Windows separators', async () => {
      restore(path.join(home, '.nuget', 'packages'), 'Win.Lib', '1.0.0', '<license type="file">docs\\LICENSE.txt</license>', { 'docs/LICENSE.txt': 'MIT License' });
      assert.equal((await globalSource().find(project, dep('Win.Lib', '1.0.0')))?.licenseText, 'MIT License');
    });

    it('never reads a license file outside the package', async () => {
      write(path.join(home, '.nuget', 'secret.txt'), 'secret');
      restore(path.join(home, '.nuget', 'packages'), 'Evil.Lib', '1.0.0', '<license type="file">../../../secret.txt</license>');
      const found = await globalSource().find(project, dep('Evil.Lib', '1.0.0'));
      assert.equal(found?.licenseText, undefined);
      assert.equal(found?.declared, undefined);
    });

    it('declares the deprecated licenseUrl of an old package', async () => {
      restore(path.join(home, '.nuget', 'packages'), 'log4net', '2.0.8', '<licenseUrl>http://logging.apache.org/log4net/license.html</licenseUrl>');
      assert.equal((await globalSource().find(project, dep('log4net', '2.0.8')))?.declared, 'http://logging.apache.org/log4net/license.html');
    });

    it('takes the expression embedded in a licenses.nuget.org licenseUrl', async () => {
      restore(path.join(home, '.nuget', 'packages'), 'Dual.Lib', '1.0.0', '<licenseUrl>https://licenses.nuget.org/MIT%20OR%20Apache-2.0</licenseUrl>');
      assert.equal((await globalSource().find(project, dep('Dual.Lib', '1.0.0')))?.declared, 'MIT OR Apache-2.0');
    });

    it('reports an installed package that declares no license, with nothing declared', async () => {
      restore(path.join(home, '.nuget', 'packages'), 'Bare.Lib', '1.0.0', '');
      assert.deepEqual(await globalSource().find(project, dep('Bare.Lib', '1.0.0')), {
        declared: undefined,
        source: 'NuGet global packages folder',
        version: '1.0.0',
      });
    });

    it('finds nothing for a package that is not restored', async () => {
      assert.equal(await globalSource().find(project, dep('Not.There', '1.0.0')), undefined);
    });

    it('treats a malformed nuspec as absent', async () => {
      write(path.join(home, '.nuget', 'packages', 'broken', '1.0.0', 'broken.nuspec'), '<package><metad');
      assert.equal(await globalSource().find(project, dep('Broken', '1.0.0')), undefined);
    });

    it('notices a package restored after the first look', async () => {
      const source = globalSource();
      const packages = path.join(home, '.nuget', 'packages');
      restore(packages, 'Late.Lib', '1.0.0', expression('MIT'));
      assert.equal((await source.find(project, dep('Late.Lib', '2.0.0')))?.version, '1.0.0');
      restore(packages, 'Late.Lib', '2.0.0', expression('GPL-3.0-only'));
      const found = await source.find(project, dep('Late.Lib', '2.0.0'));
      assert.deepEqual([found?.version, found?.declared], ['2.0.0', 'GPL-3.0-only']);
    });

    it('stops when the caller cancels', async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(globalSource().find(project, dep('Any', '1.0.0'), controller.signal));
    });
  });

  describe('the packages folder of a packages.config solution', () => {
    let config: string;
    const folderSource = (): PackagesFolderLicenses => new PackagesFolderLicenses(new NuGetDisk({ env: {}, home }));

    beforeEach(() => {
      config = path.join(root, 'repo', 'src', 'Web', 'packages.config');
      write(config, '<packages />');
    });

    /** `<Id>.<Version>/<Id>.<Version>.nupkg` with the nuspec inside, as NuGet leaves it by default. */
    function installArchive(id: string, version: string, license: string, files: Record<string, string> = {}): string {
      const folder = path.join(root, 'repo', 'packages', `${id}.${version}`);
      write(path.join(folder, `${id}.${version}.nupkg`), zipArchive({ '_rels/.rels': '<Relationships/>', [`${id}.nuspec`]: nuspec(id, version, license), ...files }));
      return folder;
    }

    it('reads the nuspec inside <Id>.<Version>.nupkg in the solution packages folder', async () => {
      installArchive('EntityFramework', '6.4.4', '<licenseUrl>https://licenses.nuget.org/Apache-2.0</licenseUrl>');
      const found = await folderSource().find(config, dep('EntityFramework', '6.4.4'));
      assert.deepEqual(found, { declared: 'Apache-2.0', source: 'packages folder', version: '6.4.4' });
    });

    it('reads a license file from inside the archive when it was not extracted', async () => {
      const folder = installArchive('Antlr', '3.5.0.2', '<license type="file">LICENSE.txt</license>', { 'LICENSE.txt': 'BSD 3-Clause text' });
      const found = await folderSource().find(config, dep('Antlr', '3.5.0.2'));
      assert.equal(found?.licenseText, 'BSD 3-Clause text');
      assert.equal(found?.licenseFile, `${path.join(folder, 'Antlr.3.5.0.2.nupkg')}!/LICENSE.txt`);
    });

    it('prefers an extracted <Id>.nuspec (PackageSaveMode nuspec)', async () => {
      const folder = path.join(root, 'repo', 'packages', 'jQuery.3.4.1');
      write(path.join(folder, 'jQuery.nuspec'), nuspec('jQuery', '3.4.1', expression('MIT')));
      assert.equal((await folderSource().find(config, dep('jQuery', '3.4.1')))?.declared, 'MIT');
    });

    it('does not confuse a package with another whose id extends it', async () => {
      installArchive('Microsoft.AspNet.Mvc', '5.2.7', expression('Apache-2.0'));
      installArchive('Microsoft.AspNet', '1.0.0', expression('MIT'));
      assert.equal((await folderSource().find(config, dep('Microsoft.AspNet.Mvc', '5.2.7')))?.declared, 'Apache-2.0');
      assert.equal((await folderSource().find(config, dep('Microsoft.AspNet', '1.0.0')))?.declared, 'MIT');
    });

    it('uses repositoryPath from nuget.config', async () => {
      write(path.join(root, 'repo', 'nuget.config'), '<configuration><config><add key="repositoryPath" value="lib/nuget" /></config></configuration>');
      const folder = path.join(root, 'repo', 'lib', 'nuget', 'WebGrease.1.6.0');
      write(path.join(folder, 'WebGrease.nuspec'), nuspec('WebGrease', '1.6.0', expression('MIT')));
      assert.equal((await folderSource().find(config, dep('WebGrease', '1.6.0')))?.declared, 'MIT');
    });

    it('only answers for packages.config, never for a PackageReference project', async () => {
      installArchive('EntityFramework', '6.4.4', expression('Apache-2.0'));
      assert.equal(await folderSource().find(path.join(root, 'repo', 'src', 'Web', 'Web.csproj'), dep('EntityFramework', '6.4.4')), undefined);
    });

    it('treats a corrupt archive as absent', async () => {
      write(path.join(root, 'repo', 'packages', 'Bad.1.0.0', 'Bad.1.0.0.nupkg'), 'PK\u0003\u0004 not really a zip');
      assert.equal(await folderSource().find(config, dep('Bad', '1.0.0')), undefined);
    });
  });
});
