import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkManifestText } from '../../../../../src/core/check';
import { JsonFileCache } from '../../../../../src/core/files';
import { identifyLicenseText } from '../../../../../src/core/licenses/identify';
import { goSupport } from '../../../../../src/core/manifests/go';
import { getDefaultPolicy } from '../../../../../src/core/policy/load';
import { findLicense } from '../../../../../src/core/resolution';
import { FIXTURES } from '../../../repo';

/** The go-basic workspace: go.mod and a vendor/ folder as `go mod vendor` writes it. */
describe('the go-basic fixture workspace', () => {
  const manifest = path.join(FIXTURES, 'workspaces', 'go-basic', 'go.mod');
  const text = fs.readFileSync(manifest, 'utf8');
  const sources = (): ReturnType<typeof goSupport.localSources> =>
    goSupport.localSources({ files: new JsonFileCache(), environment: { env: {}, home: '/nonexistent' } });

  it('lists its six requirements, the code generator development-only', () => {
    const [format] = goSupport.formats;
    const parsed = format.parse(text);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(
      parsed.dependencies.map((d) => [d.name, d.scope, d.direct]),
      [
        ['github.com/Acme/fastjson', 'runtime', true],
        ['github.com/gplfoundry/chartengine', 'runtime', true],
        ['gitlab.com/lgpl-codecs/imagecodec', 'runtime', true],
        ['github.com/acme/telemetry', 'runtime', true],
        ['example.org/x/textutil', 'runtime', false],
        ['github.com/gplfoundry/protogen', 'dev', false],
      ],
    );
  });

  it('finds the vendored license file of every vendored module, and nothing for the one not vendored', async () => {
    const [format] = goSupport.formats;
    const found: Record<string, unknown> = {};
    for (const dependency of format.parse(text).dependencies) {
      const license = (await findLicense(sources(), manifest, dependency)).found;
      found[dependency.name] = license && [license.source, license.version, path.basename(license.licenseFile ?? '')];
    }
    assert.deepEqual(found, {
      'github.com/Acme/fastjson': ['vendor', 'v1.4.2', 'LICENSE'],
      'github.com/gplfoundry/chartengine': ['vendor', 'v0.9.1', 'COPYING'],
      'gitlab.com/lgpl-codecs/imagecodec': ['vendor', 'v1.1.0', 'LICENSE'],
      'github.com/acme/telemetry': undefined,
      'example.org/x/textutil': ['vendor', 'v0.3.0', 'LICENSE'],
      'github.com/gplfoundry/protogen': ['vendor', 'v1.0.0', 'LICENSE'],
    });
  });

  it('holds real license texts that identification recognises', () => {
    const vendor = path.join(path.dirname(manifest), 'vendor');
    const identified = (file: string): string | null => identifyLicenseText(fs.readFileSync(path.join(vendor, file), 'utf8')).expression;
    assert.equal(identified('github.com/Acme/fastjson/LICENSE'), 'MIT');
    assert.match(identified('github.com/gplfoundry/chartengine/COPYING') ?? '', /^GPL-3\.0/);
    assert.match(identified('gitlab.com/lgpl-codecs/imagecodec/LICENSE') ?? '', /^LGPL-2\.1/);
    assert.equal(identified('example.org/x/textutil/LICENSE'), 'BSD-3-Clause');
    assert.match(identified('github.com/gplfoundry/protogen/LICENSE') ?? '', /^GPL-3\.0/);
  });

  it('gives each dependency the verdict of the default policy', async () => {
    const [format] = goSupport.formats;
    const check = await checkManifestText(manifest, text, format, { policy: getDefaultPolicy(), sources: sources() });
    const verdicts = Object.fromEntries(check.results.map((r) => [r.name, [r.license.source, r.version, r.verdict]]));
    assert.deepEqual(verdicts, {
      'github.com/Acme/fastjson': ['vendor', 'v1.4.2', 'allow'],
      'github.com/gplfoundry/chartengine': ['vendor', 'v0.9.1', 'deny'],
      'gitlab.com/lgpl-codecs/imagecodec': ['vendor', 'v1.1.0', 'review'],
      'github.com/acme/telemetry': [null, null, 'review'],
      'example.org/x/textutil': ['vendor', 'v0.3.0', 'allow'],
      'github.com/gplfoundry/protogen': ['vendor', 'v1.0.0', 'allow'],
    });
    const chart = check.results.find((r) => r.name === 'github.com/gplfoundry/chartengine');
    assert.match(chart?.license.expression ?? '', /^GPL-3\.0/);
    assert.equal(chart?.rule, 'strong-copyleft');
    const protogen = check.results.find((r) => r.name === 'github.com/gplfoundry/protogen');
    assert.ok(protogen?.note, 'a development-only GPL dependency is allowed with a note');
  });
});
