import * as assert from 'node:assert/strict';
import { licenseFromUrl, readNuspec } from '../../../../../src/core/manifests/nuget/nuspec';

describe('nuspec license metadata', () => {
  it('reads a license expression, the way nuget.org packages declare it', () => {
    const text = `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata minClientVersion="2.12">
    <id>Newtonsoft.Json</id>
    <version>13.0.3</version>
    <title>Json.NET</title>
    <authors>James Newton-King</authors>
    <license type="expression">MIT</license>
    <licenseUrl>https://licenses.nuget.org/MIT</licenseUrl>
    <icon>packageIcon.png</icon>
    <projectUrl>https://www.newtonsoft.com/json</projectUrl>
  </metadata>
</package>`;
    assert.deepEqual(readNuspec(text), { id: 'Newtonsoft.Json', version: '13.0.3', expression: 'MIT', url: 'https://licenses.nuget.org/MIT' });
  });

  it('reads a license file reference', () => {
    const text = `<package><metadata><id>Castle.Core</id><version>5.1.1</version>
  <license type="file">ASL - Apache Software Foundation License.txt</license>
  <licenseUrl>https://aka.ms/deprecateLicenseUrl</licenseUrl></metadata></package>`;
    assert.equal(readNuspec(text)?.file, 'ASL - Apache Software Foundation License.txt');
    assert.equal(readNuspec(text)?.expression, undefined);
  });

  it('reads the deprecated licenseUrl of an old package', () => {
    const text = '<package><metadata><id>log4net</id><version>2.0.8</version><licenseUrl>http://logging.apache.org/log4net/license.html</licenseUrl></metadata></package>';
    assert.deepEqual(readNuspec(text), { id: 'log4net', version: '2.0.8', url: 'http://logging.apache.org/log4net/license.html' });
  });

  it('is undefined for text that is not a nuspec', () => {
    assert.equal(readNuspec('<Project />'), undefined);
    assert.equal(readNuspec('not xml'), undefined);
    assert.equal(readNuspec(''), undefined);
  });
});

describe('license from a licenseUrl', () => {
  it('takes the expression embedded in a licenses.nuget.org URL', () => {
    assert.equal(licenseFromUrl('https://licenses.nuget.org/MIT'), 'MIT');
    assert.equal(licenseFromUrl('https://licenses.nuget.org/MIT%20OR%20Apache-2.0'), 'MIT OR Apache-2.0');
    assert.equal(licenseFromUrl('https://licenses.nuget.org/(LGPL-2.1-only%20WITH%20OCCT-exception-1.0)'), '(LGPL-2.1-only WITH OCCT-exception-1.0)');
  });

  it('finds nothing in the placeholder URL nuget pack writes for license files', () => {
    assert.equal(licenseFromUrl('https://aka.ms/deprecateLicenseUrl'), undefined);
  });

  it('passes any other URL through as declared, for the license normaliser to recognise or show', () => {
    for (const url of [
      'http://www.apache.org/licenses/LICENSE-2.0',
      'https://opensource.org/licenses/MIT',
      'https://github.com/castleproject/Core/blob/master/LICENSE',
      'http://go.microsoft.com/fwlink/?LinkId=329770',
    ]) {
      assert.equal(licenseFromUrl(url), url);
    }
  });

  it('keeps a malformed URL as written', () => {
    assert.equal(licenseFromUrl('not a url'), 'not a url');
    assert.equal(licenseFromUrl('   '), undefined);
  });
});
