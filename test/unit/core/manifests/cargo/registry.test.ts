import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CRATES_IO_HOST,
  CRATES_IO_MIN_INTERVAL_MS,
  CRATES_IO_USER_AGENT,
  CratesIoLicenses,
  OSPO_LENS_VERSION,
  remoteSources,
} from '../../../../../src/core/manifests/cargo/registry';
import { REPO_ROOT } from '../../../repo';
import { dependency, describeFaults, lookupFailure, recordingFetch, startRegistryServer, testContext, type RegistryServer } from '../../remote/registryServer';

const dep = (name: string, requested: string) => dependency('cargo', name, requested);

describe('crates.io license source', () => {
  let server: RegistryServer;
  let project: string;
  let manifest: string;
  const source = (): CratesIoLicenses => new CratesIoLicenses(testContext({ crates: server.origin }));

  before(async () => {
    server = await startRegistryServer((url) => {
      const fixtures: Record<string, string> = {
        '/api/v1/crates/serde': 'crates/serde.json',
        '/api/v1/crates/serde/1.0.197': 'crates/serde-1.0.197.json',
        '/api/v1/crates/ring/0.17.8': 'crates/ring-0.17.8.json',
        '/api/v1/crates/gpl-crate': 'crates/gpl-crate.json',
        '/api/v1/crates/gpl-crate/versions': 'crates/gpl-crate-versions.json',
      };
      if (fixtures[url]) return { fixture: fixtures[url] };
      if (url === '/api/v1/crates/garbled/1.0.0') return { body: '{"version": {"num": "1.0.0", "license": ["MIT"]}}' };
      return { status: 404, fixture: 'crates/not-found.json' };
    });
  });
  after(() => server.close());
  beforeEach(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-crates-'));
    manifest = path.join(project, 'Cargo.toml');
    fs.writeFileSync(manifest, '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nserde = "1.0"\n');
  });
  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

  it('resolves a requirement to the highest matching version that is not yanked, its license from the version list', async () => {
    const before = server.count();
    const found = await source().find(manifest, dep('serde', '1.0'));
    assert.deepEqual(found, { declared: 'MIT OR Apache-2.0', source: 'crates.io', version: '1.0.210' });
    assert.equal(server.count() - before, 1, 'the version list alone answers');
  });

  it('applies the 0.x caret rule', async () => {
    assert.equal((await source().find(manifest, dep('serde', '0.9')))?.declared, 'MIT/Apache-2.0');
  });

  it('asks for the version Cargo.lock pins', async () => {
    fs.writeFileSync(
      path.join(project, 'Cargo.lock'),
      'version = 3\n\n[[package]]\nname = "serde"\nversion = "1.0.197"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n',
    );
    const found = await source().find(manifest, dep('serde', '1.0'));
    assert.deepEqual(found, { declared: 'MIT OR Apache-2.0', source: 'crates.io', version: '1.0.197' });
    assert.ok(server.requests.some((r) => r.url === '/api/v1/crates/serde/1.0.197'));
  });

  it('asks for an exact =x.y.z version directly', async () => {
    const before = server.count(/^\/api\/v1\/crates\/serde$/);
    assert.equal((await source().find(manifest, dep('serde', '=1.0.197')))?.version, '1.0.197');
    assert.equal(server.count(/^\/api\/v1\/crates\/serde$/), before);
  });

  it('reports no license for a crate that declares only a license file', async () => {
    const found = await source().find(manifest, dep('ring', '=0.17.8'));
    assert.deepEqual(found, { declared: undefined, source: 'crates.io', version: '0.17.8' });
  });

  it('takes a pre-release only when the requirement names one', async () => {
    assert.equal((await source().find(manifest, dep('serde', '*')))?.version, '1.0.210');
    assert.equal((await source().find(manifest, dep('serde', '2.0.0-alpha.1')))?.version, '2.0.0-alpha.1');
  });

  it('reads the versions endpoint when the crate document leaves its versions out', async () => {
    const found = await source().find(manifest, dep('gpl-crate', '3'));
    assert.deepEqual(found, { declared: 'GPL-3.0-or-later', source: 'crates.io', version: '3.1.0' });
  });

  it('identifies itself with a descriptive user agent, as crates.io requires', async () => {
    await source().find(manifest, dep('serde', '=1.0.197'));
    const request = server.requests.filter((r) => r.url.startsWith('/api/v1/crates/')).pop();
    assert.equal(request?.headers['user-agent'], CRATES_IO_USER_AGENT);
    assert.match(CRATES_IO_USER_AGENT, /^ospo-lens\/\d+\.\d+\.\d+ \(.+\)$/);
  });

  it("names the extension's own version in the user agent", () => {
    const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(OSPO_LENS_VERSION, packageJson.version);
  });

  it('exports the host and interval that keep requests to crates.io at one per second', () => {
    assert.equal(CRATES_IO_HOST, new URL('https://crates.io').host);
    assert.equal(CRATES_IO_MIN_INTERVAL_MS, 1000);
  });

  it('does not ask the registry about git dependencies', async () => {
    const before = server.count();
    assert.match(await lookupFailure(source().find(manifest, dep('mylib', 'git:https://example.invalid/mylib.git'))), /git dependency/);
    assert.equal(server.count(), before);
  });

  it("has nothing to say about the workspace's own crates", async () => {
    fs.writeFileSync(manifest, '[workspace]\nmembers = ["app"]\n\n[workspace.dependencies]\nshared = { path = "shared" }\n');
    const member = path.join(project, 'app', 'Cargo.toml');
    fs.mkdirSync(path.dirname(member));
    const before = server.count();
    assert.equal(await source().find(member, dep('shared', 'workspace')), undefined);
    assert.equal(server.count(), before);
  });

  it('says clearly when no version matches', async () => {
    assert.match(await lookupFailure(source().find(manifest, dep('serde', '5'))), /no published, not yanked version of serde matches "5"/);
  });

  it('says the crate does not exist', async () => {
    assert.match(await lookupFailure(source().find(manifest, dep('no-such-crate', '1'))), /has no such package or version \(no-such-crate\)/);
  });

  it('says the answer is unexpected when the license is not text', async () => {
    assert.match(await lookupFailure(source().find(manifest, dep('garbled', '=1.0.0'))), /unexpected answer for garbled 1\.0\.0/);
  });

  it('makes each request once however many times the same crate is asked for', async () => {
    const crates = source();
    const before = server.count(/^\/api\/v1\/crates\/serde$/);
    await Promise.all(Array.from({ length: 5 }, () => crates.find(manifest, dep('serde', '1'))));
    assert.equal(server.count(/^\/api\/v1\/crates\/serde$/) - before, 1);
  });

  it('asks the public crates.io when no registry is configured', async () => {
    const recorder = recordingFetch();
    await lookupFailure(new CratesIoLicenses(testContext({}, { fetch: recorder.fetch })).find(manifest, dep('serde', '=1.0.197')));
    assert.deepEqual(recorder.urls, ['https://crates.io/api/v1/crates/serde/1.0.197']);
  });

  it("never takes a registry from the workspace's .cargo/config.toml", async () => {
    fs.mkdirSync(path.join(project, '.cargo'));
    fs.writeFileSync(path.join(project, '.cargo', 'config.toml'), '[source.crates-io]\nreplace-with = "mirror"\n\n[source.mirror]\nregistry = "sparse+http://127.0.0.1:9/index/"\n');
    const recorder = recordingFetch();
    await lookupFailure(new CratesIoLicenses(testContext({}, { fetch: recorder.fetch, trustWorkspace: false })).find(manifest, dep('serde', '=1.0.197')));
    assert.deepEqual(recorder.urls, ['https://crates.io/api/v1/crates/serde/1.0.197']);
  });

  it('offers one network source, crates.io', () => {
    assert.deepEqual(
      remoteSources(testContext({})).map((s) => [s.name, s.remote]),
      [['crates.io', true]],
    );
  });
});

describeFaults('crates.io', {
  source: (context) => new CratesIoLicenses(context),
  registries: (origin) => ({ crates: origin }),
  dependency: dep('serde', '1'),
});
