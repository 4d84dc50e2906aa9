import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readConfig, readPackageVersions } from '../../../../../src/core/manifests/nuget/settings';
import { FIXTURES } from '../../../repo';

describe('NuGet settings files', () => {
  describe('Directory.Packages.props', () => {
    const versions = readPackageVersions(fs.readFileSync(path.join(FIXTURES, 'manifests', 'nuget', 'Directory.Packages.props'), 'utf8'));

    it('maps each PackageVersion to its version, ids compared case-insensitively', () => {
      assert.equal(versions.get('polly.core'), '8.4.2');
      assert.equal(versions.get('microsoft.extensions.options'), '8.0.2');
    });

    it('expands $(Property) versions from the same file', () => {
      assert.equal(versions.get('microsoft.extensions.logging.abstractions'), '8.0.0');
      assert.equal(versions.get('xunit'), '2.9.2');
    });

    it('reads a version written as a child <Version> element', () => {
      assert.equal(versions.get('system.text.json'), '8.0.5');
    });

    it('does not take GlobalPackageReference items for versions of other references', () => {
      assert.equal(versions.get('stylecop.analyzers'), undefined);
    });

    it('gives nothing for text that is not a project', () => {
      assert.equal(readPackageVersions('<PackageVersion Include="A" Version="1" />garbage').size, 0);
    });
  });

  describe('nuget.config', () => {
    const environment = { env: { USERPROFILE: '/home/dev' }, home: '/home/dev' };

    it('resolves globalPackagesFolder and repositoryPath relative to the config file', () => {
      const text = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="../.nuget-cache" />
    <add key="repositoryPath" value="%USERPROFILE%/packages" />
    <add key="http_proxy" value="http://proxy.example" />
  </config>
</configuration>`;
      const values = readConfig(text, '/repo/build', environment);
      assert.equal(values.get('globalpackagesfolder'), path.resolve('/repo/.nuget-cache'));
      assert.equal(values.get('repositorypath'), path.resolve('/home/dev/packages'));
      assert.equal(values.has('http_proxy'), false);
    });

    it('ignores a broken or foreign file', () => {
      assert.equal(readConfig('<configuration><config><add key=', '/repo', environment).size, 0);
      assert.equal(readConfig('<Project />', '/repo', environment).size, 0);
    });
  });
});
