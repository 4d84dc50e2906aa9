import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GoProxyLicenses, matchesPrefixPatterns, parseGoProxyList, remoteSources } from '../../../../../src/core/manifests/go/registry';
import { licenseFromFound } from '../../../../../src/core/licenses/resolveDeclared';
import type { Dependency } from '../../../../../src/core/model';
import { LookupCache } from '../../../../../src/core/net/cache';
import { HttpClient } from '../../../../../src/core/net/http';
import type { RemoteContext, RemoteLicense } from '../../../../../src/core/remote/context';
import { LicenseLookupError } from '../../../../../src/core/resolution';
import { FIXTURES } from '../../../repo';
import { closedPort } from '../../net/loopback';
import { startFixtureRegistry, type FixtureRegistry } from '../fixtureRegistry';
import { writeZip, type ZipFileSpec } from './zipWriter';

const zero = { line: 0, character: 0 };
const dep = (name: string, requested: string): Dependency => ({ ecosystem: 'go', name, requested, scope: 'runtime', range: { start: zero, end: zero }, direct: true });
const MIT = fs.readFileSync(path.join(FIXTURES, 'workspaces/go-basic/vendor/github.com/Acme/fastjson/LICENSE'), 'utf8');
const GPL = fs.readFileSync(path.join(FIXTURES, 'workspaces/go-basic/vendor/github.com/gplfoundry/chartengine/COPYING'), 'utf8');
const FASTJSON_ZIP = fs.readFileSync(path.join(FIXTURES, 'registries/goproxy/github.com/!acme/fastjson/@v/v1.4.2.zip'));
const fastjson = dep('github.com/Acme/fastjson', 'v1.4.2');

async function lookupFailure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LicenseLookupError, `expected a LicenseLookupError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('the lookup succeeded');
}

/** A module zip with LICENSE first and `extra` files after it. */
function moduleZip(module: string, version: string, license: ZipFileSpec['content'], extra: ZipFileSpec[] = [], licenseSpec: Partial<ZipFileSpec> = {}): Buffer {
  return writeZip([{ name: `${module}@${version}/LICENSE`, content: license, ...licenseSpec }, { name: `${module}@${version}/go.mod`, content: `module ${module}\n` }, ...extra]);
}

describe('Go module proxy license source', () => {
  let server: FixtureRegistry;
  let project: string;
  let goMod: string;
  let licenses: LookupCache<RemoteLicense>;

  const context = (goProxy: string | undefined, env: Record<string, string> = {}): RemoteContext => ({
    http: new HttpClient({ timeoutMs: 300 }),
    licenses,
    metadata: new LookupCache(),
    environment: { env: { GOENV: 'off', ...env }, home: project },
    registries: goProxy === undefined ? {} : { goProxy },
    trustWorkspace: true,
  });
  const source = (goProxy: string | undefined, env: Record<string, string> = {}): GoProxyLicenses => new GoProxyLicenses(context(goProxy, env));
  const totalHits = (): number => [...server.hits.values()].reduce((a, b) => a + b, 0);

  before(async () => {
    server = await startFixtureRegistry(path.join(FIXTURES, 'registries', 'goproxy'));
  });
  after(() => server.close());
  beforeEach(() => {
    licenses = new LookupCache();
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-goproxy-'));
    goMod = path.join(project, 'go.mod');
    fs.writeFileSync(goMod, 'module example.com/app\n\ngo 1.22\n');
  });
  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

  it('is one remote source per context', () => {
    const sources = remoteSources(context(undefined));
    assert.deepEqual(sources.map((s) => [s.name, s.remote]), [['Go module proxy', true]]);
  });

  describe('the license in the module zip', () => {
    it('returns the text of LICENSE at the module root, which the check identifies as MIT', async () => {
      const found = await source(`${server.origin}/repo`).find(goMod, fastjson);
      assert.deepEqual(found, {
        declared: undefined,
        source: 'Go module proxy',
        version: 'v1.4.2',
        licenseText: MIT,
        licenseFile: 'github.com/Acme/fastjson@v1.4.2/LICENSE',
      });
      assert.equal(licenseFromFound(found).expression, 'MIT');
    });

    it('returns COPYING when that is the license file', async () => {
      const found = await source(`${server.origin}/repo`).find(goMod, dep('github.com/gplfoundry/chartengine', 'v0.9.1'));
      assert.equal(found?.licenseText, GPL);
      assert.equal(found?.licenseFile, 'github.com/gplfoundry/chartengine@v0.9.1/COPYING');
    });

    it('asks for the module with upper-case letters escaped, as the module cache spells it (pseudo-versions too)', async () => {
      const found = await source(`${server.origin}/repo`).find(goMod, dep('github.com/BurntSushi/toml', 'v0.0.0-20240101120000-0123456789ab'));
      assert.equal(found?.licenseText, MIT);
      assert.equal(server.hits.get('/repo/github.com/!burnt!sushi/toml/@v/v0.0.0-20240101120000-0123456789ab.zip'), 1);
    });

    it('keeps the + of an +incompatible version in the URL', async () => {
      server.memory.set('example.org/old/@v/v2.0.0+incompatible.zip', moduleZip('example.org/old', 'v2.0.0+incompatible', MIT));
      const found = await source(`${server.origin}/repo`).find(goMod, dep('example.org/old', 'v2.0.0+incompatible'));
      assert.equal(found?.licenseText, MIT);
    });

    it('reports a module without a license file as found, with no license text', async () => {
      const found = await source(`${server.origin}/repo`).find(goMod, dep('example.org/nolicense', 'v0.1.0'));
      assert.deepEqual(found, { declared: undefined, source: 'Go module proxy', version: 'v0.1.0' });
    });

    it('reads a few kilobytes of a large module from a proxy that honours range requests', async () => {
      // 3000 files make a central directory larger than the first range asked for.
      const files: ZipFileSpec[] = Array.from({ length: 3000 }, (_, i) => ({ name: `big.example/mod@v1.0.0/pkg/file${i}.go`, content: `package pkg // ${i}\n` }));
      files.push({ name: 'big.example/mod@v1.0.0/testdata/blob.bin', content: Buffer.alloc(4 * 1024 * 1024, 1), store: true });
      const zip = moduleZip('big.example/mod', 'v1.0.0', MIT, files);
      server.memory.set('big.example/mod/@v/v1.0.0.zip', zip);
      const before = server.bytesSent();
      const found = await source(`${server.origin}/ranges`).find(goMod, dep('big.example/mod', 'v1.0.0'));
      assert.equal(found?.licenseText, MIT);
      const sent = server.bytesSent() - before;
      assert.ok(sent < zip.length / 10, `${sent} bytes of a ${zip.length}-byte zip were sent`);
    });

    it('reads the whole zip from a proxy that ignores range requests', async () => {
      const zip = moduleZip('whole.example/mod', 'v1.0.0', MIT, [{ name: 'whole.example/mod@v1.0.0/blob.bin', content: Buffer.alloc(512 * 1024, 1), store: true }]);
      server.memory.set('whole.example/mod/@v/v1.0.0.zip', zip);
      const found = await source(`${server.origin}/repo`).find(goMod, dep('whole.example/mod', 'v1.0.0'));
      assert.equal(found?.licenseText, MIT);
    });
  });

  describe('which module and version are asked for', () => {
    it('asks for the replacement a go.mod replace names, and reports the required version', async () => {
      fs.writeFileSync(goMod, 'module example.com/app\n\nrequire github.com/old/json v1.0.0\n\nreplace github.com/old/json => github.com/Acme/fastjson v1.4.2\n');
      const found = await source(`${server.origin}/repo`).find(goMod, dep('github.com/old/json', 'v1.0.0'));
      assert.equal(found?.licenseText, MIT);
      assert.equal(found?.version, 'v1.0.0');
    });

    it('leaves a module replaced by a local folder to the local sources, asking no proxy', async () => {
      fs.writeFileSync(goMod, 'module example.com/app\n\nreplace github.com/Acme/fastjson => ./third_party/fastjson\n');
      const before = totalHits();
      assert.equal(await source(`${server.origin}/repo`).find(goMod, fastjson), undefined);
      assert.equal(totalHits(), before);
    });

    it('refuses a version that is not exact, or a path that is not a module path, asking no proxy', async () => {
      const before = totalHits();
      assert.match(await lookupFailure(source(`${server.origin}/repo`).find(goMod, dep('github.com/Acme/fastjson', 'master'))), /"master" is not an exact module version/);
      assert.match(await lookupFailure(source(`${server.origin}/repo`).find(goMod, dep('../../etc/passwd', 'v1.0.0'))), /is not a module path/);
      assert.equal(totalHits(), before);
    });
  });

  describe('GOPROXY lists', () => {
    it('reads proxies, their separators, direct and off as the go command does', () => {
      assert.deepEqual(parseGoProxyList(undefined), [{ url: 'https://proxy.golang.org', fallBackOnError: false }]);
      assert.deepEqual(parseGoProxyList(' '), [{ url: 'https://proxy.golang.org', fallBackOnError: false }]);
      assert.deepEqual(parseGoProxyList('https://a.example/go/|https://b.example,direct'), [
        { url: 'https://a.example/go', fallBackOnError: true },
        { url: 'https://b.example', fallBackOnError: false },
      ]);
      assert.deepEqual(parseGoProxyList('https://a.example,off,https://b.example'), [{ url: 'https://a.example', fallBackOnError: false }]);
      assert.deepEqual(parseGoProxyList('direct'), []);
      assert.deepEqual(parseGoProxyList('file:///srv/goproxy,https://b.example'), [{ url: 'https://b.example', fallBackOnError: false }]);
    });

    it('moves on to the next proxy when one has no such module (404 or 410)', async () => {
      for (const status of ['404', '410']) {
        licenses = new LookupCache();
        const found = await source(`${server.origin}/${status},${server.origin}/repo`).find(goMod, fastjson);
        assert.equal(found?.licenseText, MIT, status);
      }
    });

    it('stops at a failing proxy listed with a comma, as the go command does', async () => {
      const message = await lookupFailure(source(`${server.origin}/500,${server.origin}/repo`).find(goMod, fastjson));
      assert.match(message, /answered HTTP 500/);
    });

    it('moves on from any failure of a proxy listed with a pipe', async () => {
      const found = await source(`${server.origin}/500|${server.origin}/repo`).find(goMod, fastjson);
      assert.equal(found?.licenseText, MIT);
    });

    it('says so when GOPROXY names no proxy, asking nothing', async () => {
      const before = totalHits();
      assert.match(await lookupFailure(source('direct').find(goMod, fastjson)), /GOPROXY names no module proxy/);
      assert.match(await lookupFailure(source('off').find(goMod, fastjson)), /GOPROXY names no module proxy/);
      assert.equal(totalHits(), before);
    });

    it('sends credentials written in a proxy URL to that proxy only, and never stores them', async () => {
      const file = path.join(project, 'cache.json');
      licenses = new LookupCache({ file });
      const credentialed = server.origin.replace('http://', 'http://ci:s3cret@');
      const from = server.requests.length;
      await source(`${server.origin}/404,${credentialed}/repo`).find(goMod, fastjson);
      const [first, second] = server.requests.slice(from);
      assert.equal(first.headers.authorization, undefined);
      assert.equal(second.headers.authorization, `Basic ${Buffer.from('ci:s3cret').toString('base64')}`);
      await licenses.flush();
      const stored = fs.readFileSync(file, 'utf8');
      assert.ok(stored.includes('github.com/Acme/fastjson') && !stored.includes('s3cret'));
    });
  });

  describe('private modules (GONOPROXY, GOPRIVATE)', () => {
    it('matches patterns against path prefixes, element by element', () => {
      assert.ok(matchesPrefixPatterns('corp.example.com', 'corp.example.com/team/lib'));
      assert.ok(matchesPrefixPatterns('other.example, *.corp.example.com', 'git.corp.example.com/lib'));
      assert.ok(matchesPrefixPatterns('github.com/acme/*', 'github.com/acme/secret/v2'));
      assert.ok(!matchesPrefixPatterns('*.corp.example.com', 'corp.example.com/lib'));
      assert.ok(!matchesPrefixPatterns('github.com/acme', 'github.com/acmeco/lib'));
      assert.ok(!matchesPrefixPatterns('github.com/acme/lib/extra', 'github.com/acme/lib'));
    });

    it('never names a GOPRIVATE module to a proxy', async () => {
      const before = totalHits();
      const message = await lookupFailure(source(`${server.origin}/repo`, { GOPRIVATE: 'github.com/Acme' }).find(goMod, fastjson));
      assert.match(message, /github.com\/Acme\/fastjson is private/);
      assert.equal(totalHits(), before);
    });

    it('lets GONOPROXY decide instead of GOPRIVATE when it is set', async () => {
      const found = await source(`${server.origin}/repo`, { GOPRIVATE: 'github.com/Acme', GONOPROXY: 'none.example' }).find(goMod, fastjson);
      assert.equal(found?.licenseText, MIT);
    });

    it('reads GOPRIVATE from the go env file (go env -w)', async () => {
      const envFile = path.join(project, 'go-env');
      fs.writeFileSync(envFile, 'GOPRIVATE=github.com/Acme/*\n');
      await assert.rejects(source(`${server.origin}/repo`, { GOENV: envFile }).find(goMod, fastjson), /is private/);
    });
  });

  describe('faults: each a LicenseLookupError saying why, within the timeout', () => {
    const cases: Array<[string, RegExp]> = [
      ['hang', /did not answer within 0\.3 s/],
      ['drip', /did not answer within 0\.3 s/],
      ['404', /127\.0\.0\.1:\d+ has no such module or version: github\.com\/Acme\/fastjson@v1\.4\.2/],
      ['410', /has no such module or version/],
      ['500', /answered HTTP 500/],
      ['429', /answered HTTP 429, retry after 30 s/],
      ['huge', /more than the 67108864 allowed/],
    ];
    for (const [mode, message] of cases) {
      it(`${mode}: ${message.source}`, async () => {
        assert.match(await lookupFailure(source(`${server.origin}/${mode}`).find(goMod, fastjson)), message);
      });
    }

    it('refused: says the connection was refused', async () => {
      const port = await closedPort();
      assert.match(await lookupFailure(source(`http://127.0.0.1:${port}`).find(goMod, fastjson)), /connection refused/);
    });

    const broken: Array<[string, () => Buffer, RegExp]> = [
      ['a page that is not a zip', () => Buffer.from('<html>Sign in</html>'), /returned an unexpected answer for broken\.example\/mod@v1\.0\.0: not a zip archive/],
      ['a truncated zip', () => moduleZip('broken.example/mod', 'v1.0.0', GPL).subarray(0, 6000), /unexpected answer.*(not a zip archive|truncated)/],
      [
        'a corrupt license entry',
        () => {
          const zip = moduleZip('broken.example/mod', 'v1.0.0', MIT, [], { store: true });
          zip[30 + 'broken.example/mod@v1.0.0/LICENSE'.length + 10] ^= 0xff;
          return zip;
        },
        /unexpected answer.*LICENSE is corrupt/,
      ],
      ['a license that inflates past 1 MB (zip bomb)', () => moduleZip('broken.example/mod', 'v1.0.0', Buffer.alloc(16 * 1024 * 1024, 32), [], { claimedSize: 1000 }), /LICENSE inflates to more than 1 MB/],
      ['a license declared larger than 1 MB', () => moduleZip('broken.example/mod', 'v1.0.0', 'x'.repeat(1024 * 1024 + 1)), /LICENSE is larger than 1 MB/],
      ['a zip of another module', () => moduleZip('other.example/mod', 'v1.0.0', MIT), /the zip holds no broken\.example\/mod@v1\.0\.0\/ folder/],
    ];
    for (const [what, zip, message] of broken) {
      it(`${what}: ${message.source}`, async () => {
        server.memory.set('broken.example/mod/@v/v1.0.0.zip', zip());
        assert.match(await lookupFailure(source(`${server.origin}/repo`).find(goMod, dep('broken.example/mod', 'v1.0.0'))), message);
      });
    }

    it('stops at once when the check is cancelled', async () => {
      const controller = new AbortController();
      const pending = source(`${server.origin}/hang`, {}).find(goMod, fastjson, controller.signal);
      setTimeout(() => controller.abort(), 20);
      await assert.rejects(pending, (error: unknown) => !(error instanceof LicenseLookupError));
    });
  });

  describe('caching', () => {
    it('downloads a module once however many times it is asked for', async () => {
      const proxy = source(`${server.origin}/repo`);
      const url = '/repo/github.com/!acme/fastjson/@v/v1.4.2.zip';
      const before = server.hits.get(url) ?? 0;
      await Promise.all(Array.from({ length: 5 }, () => proxy.find(goMod, fastjson)));
      await proxy.find(goMod, fastjson);
      assert.equal((server.hits.get(url) ?? 0) - before, 1);
    });

    it('keeps the license text, not the zip', async () => {
      const file = path.join(project, 'cache.json');
      licenses = new LookupCache({ file });
      await source(`${server.origin}/repo`).find(goMod, fastjson);
      await licenses.flush();
      const stored = fs.readFileSync(file, 'utf8');
      assert.ok(stored.includes('Permission is hereby granted'));
      assert.ok(stored.length < FASTJSON_ZIP.length / 2, `the cache holds ${stored.length} characters for a ${FASTJSON_ZIP.length}-byte zip`);
    });
  });
});
