import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkManifestText } from '../../../../../src/core/check';
import { JsonFileCache } from '../../../../../src/core/files';
import { cargoSupport } from '../../../../../src/core/manifests/cargo';
import { getDefaultPolicy } from '../../../../../src/core/policy/load';
import { FIXTURES } from '../../../repo';

describe('checking the cargo-basic fixture workspace', () => {
  const manifest = path.join(FIXTURES, 'workspaces', 'cargo-basic', 'Cargo.toml');
  const [format] = cargoSupport.formats;
  // No CARGO_HOME and a home without ~/.cargo: everything found comes from the workspace's vendor/.
  const sources = cargoSupport.localSources({ files: new JsonFileCache(), environment: { env: {}, home: '/nonexistent' } });
  const check = () => checkManifestText(manifest, fs.readFileSync(manifest, 'utf8'), format, { policy: getDefaultPolicy(), sources });

  it('gives every third-party dependency its license, locked version and verdict', async () => {
    const result = await check();
    const summary = Object.fromEntries(result.results.map((r) => [r.name, [r.scope, r.license.expression, r.license.source, r.version, r.verdict]]));
    assert.deepEqual(summary, {
      serde: ['runtime', 'MIT OR Apache-2.0', 'vendor', '1.0.219', 'allow'],
      'gpl-geometry': ['runtime', 'GPL-3.0-only', 'vendor', '2.1.3', 'deny'],
      'lgpl-codec': ['runtime', 'LGPL-2.1-or-later', 'vendor', '0.4.2', 'review'],
      'not-vendored-crate': ['runtime', null, null, null, 'review'],
      libc: ['runtime', 'MIT OR Apache-2.0', 'vendor', '0.2.172', 'allow'],
      'gpl-bench-tool': ['dev', 'GPL-3.0-or-later', 'vendor', '5.0.2', 'allow'],
    });
  });

  it('denies the GPL-3.0-only runtime dependency as strong copyleft', async () => {
    const gpl = (await check()).results.find((r) => r.name === 'gpl-geometry');
    assert.equal(gpl?.rule, 'strong-copyleft');
  });

  it('allows the GPL development-only dependency with a note', async () => {
    const dev = (await check()).results.find((r) => r.name === 'gpl-bench-tool');
    assert.equal(dev?.verdict, 'allow');
    assert.ok(dev?.note, 'expected a note on the development-only GPL dependency');
  });

  it('asks for a review of the dependency that is not vendored anywhere, its license unknown', async () => {
    const missing = (await check()).results.find((r) => r.name === 'not-vendored-crate');
    assert.equal(missing?.rule, 'unknown-license');
    assert.match(missing?.reason ?? '', /neither installed nor in a lockfile/);
  });

  it("does not check the project's own path dependency", async () => {
    assert.ok(!(await check()).results.some((r) => r.name === 'local-helper'));
  });
});
