import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkManifestText } from '../../../../src/core/check';
import { JsonFileCache } from '../../../../src/core/files';
import { LicenseSources } from '../../../../src/core/manifests';
import { packageJsonFormat } from '../../../../src/core/manifests/npm/packageJson';
import { LookupCache } from '../../../../src/core/net/cache';
import { HttpClient } from '../../../../src/core/net/http';
import { getDefaultPolicy } from '../../../../src/core/policy/load';
import { startLoopback, type Loopback } from '../net/loopback';

/**
 * The bar: a 300-dependency lockfile resolves with at most 8 requests in
 * flight and no duplicate request. The lockfile records no licenses (as yarn and
 * pnpm lockfiles do not), so every package is asked of the registry.
 */
describe('resolving a 300-package lockfile from the registry', () => {
  let server: Loopback;
  let dir: string;
  let inFlight = 0;
  let peak = 0;

  before(async () => {
    server = await startLoopback((request, response) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      response.on('close', () => inFlight--);
      const match = /^\/(pkg-\d+)\/(\d+\.\d+\.\d+)$/.exec(request.url ?? '');
      // A small delay keeps requests overlapping, as a real registry's latency does.
      setTimeout(() => {
        response.writeHead(match ? 200 : 404, { 'content-type': 'application/json' });
        response.end(JSON.stringify(match ? { name: match[1], version: match[2], license: Number(match[1].slice(4)) % 50 === 0 ? 'GPL-3.0-only' : 'MIT' } : {}));
      }, 5);
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-300-'));
    const packages: Record<string, unknown> = { '': { name: 'app', dependencies: { 'pkg-0': '1.0.0' } } };
    for (let i = 0; i < 300; i++) {
      // A chain with branches: each package depends on the next two, so many are reached twice.
      const dependencies = Object.fromEntries([i + 1, i + 2].filter((j) => j < 300).map((j) => [`pkg-${j}`, '1.0.0']));
      packages[`node_modules/pkg-${i}`] = { version: '1.0.0', dependencies };
    }
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', dependencies: { 'pkg-0': '1.0.0' } }));
    fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ name: 'app', lockfileVersion: 3, packages }));
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checks all 300 with at most 8 requests in flight and each version asked once', async () => {
    const environment = { env: {}, home: dir };
    const http = new HttpClient({ timeoutMs: 5000 });
    const sources = new LicenseSources({
      local: { files: new JsonFileCache(), environment },
      remote: { http, licenses: new LookupCache(), metadata: new LookupCache(), environment, registries: { npm: server.origin }, trustWorkspace: true },
      kinds: ['local', 'lockfile', 'registry'],
    });
    const manifest = path.join(dir, 'package.json');
    const check = await checkManifestText(manifest, fs.readFileSync(manifest, 'utf8'), packageJsonFormat, {
      policy: getDefaultPolicy(),
      sources: sources.for('npm'),
      transitive: true,
      concurrency: 64,
    });
    assert.equal(check.results.length, 300);
    const found = [...new Set(check.results.map((r) => r.license.source))];
    assert.deepEqual(found, ['npm registry'], `every license came from the registry (${check.results.slice(0, 2).map((r) => r.reason).join(' / ')})`);
    assert.equal(check.results.filter((r) => r.verdict === 'deny').length, 6, 'pkg-0, 50, 100, 150, 200, 250 are GPL');
    assert.ok(peak <= 8, `at most 8 requests in flight (saw ${peak})`);
    assert.ok(http.peakConcurrency <= 8);
    const duplicates = [...server.hits].filter(([, count]) => count > 1);
    assert.deepEqual(duplicates, [], 'no request was made twice');
    assert.equal(server.hits.size, 300);
  });
});
