import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NpmRegistryLicenses } from '../../../../../src/core/manifests/npm/registry';
import { authorizationFor, parseNpmrc, PUBLIC_NPM_REGISTRY, registryFor } from '../../../../../src/core/manifests/npm/npmrc';
import type { Dependency } from '../../../../../src/core/model';
import { LookupCache } from '../../../../../src/core/net/cache';
import { HttpClient } from '../../../../../src/core/net/http';
import type { RemoteContext } from '../../../../../src/core/remote/context';
import { LicenseLookupError } from '../../../../../src/core/resolution';
import { startLoopback, type Loopback } from '../../net/loopback';
import { REPO_ROOT } from '../../../repo';

const zero = { line: 0, character: 0 };
const dep = (name: string, requested: string): Dependency => ({ ecosystem: 'npm', name, requested, scope: 'runtime', range: { start: zero, end: zero }, direct: true });

describe('.npmrc', () => {
  const base = { registry: PUBLIC_NPM_REGISTRY, scopes: {}, auth: {} };

  it('reads the registry, scoped registries and tokens, with ${VAR} from the environment', () => {
    const config = parseNpmrc(
      'registry=https://npm.acme.example/repo\n@acme:registry=https://npm.acme.example/private/\n//npm.acme.example/private/:_authToken=${NPM_TOKEN}\n; comment\n',
      { NPM_TOKEN: 's3cret' },
      base,
    );
    assert.equal(config.registry, 'https://npm.acme.example/repo/');
    assert.equal(registryFor(config, '@acme/ui'), 'https://npm.acme.example/private/');
    assert.equal(registryFor(config, 'left-pad'), 'https://npm.acme.example/repo/');
    assert.equal(authorizationFor(config, 'https://npm.acme.example/private/@acme%2fui'), 'Bearer s3cret');
  });

  it('never sends a token to another host or path', () => {
    const config = parseNpmrc('//npm.acme.example/private/:_authToken=s3cret\n', {}, base);
    assert.equal(authorizationFor(config, 'https://registry.npmjs.org/left-pad'), undefined);
    assert.equal(authorizationFor(config, 'https://npm.acme.example/public/left-pad'), undefined);
    assert.equal(authorizationFor(config, 'https://npm.acme.example.evil.test/private/x'), undefined);
  });
});

describe('npm registry license source', () => {
  let server: Loopback;
  let home: string;
  const context = (registry: string, trustWorkspace = true): RemoteContext => ({
    http: new HttpClient({ timeoutMs: 500 }),
    licenses: new LookupCache(),
    metadata: new LookupCache(),
    environment: { env: {}, home },
    registries: { npm: registry },
    trustWorkspace,
  });

  before(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-home-'));
    server = await startLoopback((request, response) => {
      const send = (status: number, body: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      // Registries accept %2F and %2f alike.
      switch ((request.url ?? '').toLowerCase()) {
        case '/gpl-thing':
          return send(200, { name: 'gpl-thing', 'dist-tags': { latest: '2.1.0' }, versions: { '1.0.0': {}, '2.0.0': {}, '2.1.0': {}, '3.0.0-beta.1': {} } });
        case '/gpl-thing/2.1.0':
          return send(200, { name: 'gpl-thing', version: '2.1.0', license: 'GPL-3.0-only' });
        case '/gpl-thing/1.0.0':
          return send(200, { name: 'gpl-thing', version: '1.0.0', licenses: [{ type: 'MIT' }] });
        case '/@scope%2fpkg':
          return send(200, { name: '@scope/pkg', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': {} } });
        case '/@scope%2fpkg/1.0.0':
          return send(200, { name: '@scope/pkg', version: '1.0.0', license: { type: 'ISC' } });
        case '/garbage':
          return send(200, 'not json at all');
        default:
          return send(404, { error: 'not found' });
      }
    });
  });
  after(async () => {
    await server.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('resolves a range to the highest matching version and reads its license', async () => {
    const found = await new NpmRegistryLicenses(context(server.origin)).find('/p/package.json', dep('gpl-thing', '^2.0.0'));
    assert.deepEqual(found, { declared: 'GPL-3.0-only', source: 'npm registry', version: '2.1.0' });
  });

  it('reads legacy license forms of an exact version', async () => {
    const found = await new NpmRegistryLicenses(context(server.origin)).find('/p/package.json', dep('gpl-thing', '1.0.0'));
    assert.deepEqual(found?.declared, [{ type: 'MIT' }]);
  });

  it('encodes scoped names', async () => {
    const found = await new NpmRegistryLicenses(context(server.origin)).find('/p/package.json', dep('@scope/pkg', '^1'));
    assert.deepEqual(found?.declared, { type: 'ISC' });
  });

  it('says clearly when the package does not exist or the answer is garbage', async () => {
    const source = new NpmRegistryLicenses(context(server.origin));
    await assert.rejects(source.find('/p/package.json', dep('no-such-package', '^1.0.0')), (e: unknown) => e instanceof LicenseLookupError && /no such package/.test(e.message));
    await assert.rejects(source.find('/p/package.json', dep('garbage', '^1.0.0')), (e: unknown) => e instanceof LicenseLookupError && /not JSON/.test(e.message));
  });

  it('does not ask the registry about git, file or URL dependencies', async () => {
    const before = [...server.hits.values()].reduce((a, b) => a + b, 0);
    await assert.rejects(new NpmRegistryLicenses(context(server.origin)).find('/p/package.json', dep('x', 'git+https://example.invalid/x.git')), LicenseLookupError);
    assert.equal([...server.hits.values()].reduce((a, b) => a + b, 0), before);
  });

  it('makes each request once however many times the same version is asked for', async () => {
    const source = new NpmRegistryLicenses(context(server.origin));
    const hitsBefore = server.hits.get('/gpl-thing/2.1.0') ?? 0;
    await Promise.all(Array.from({ length: 5 }, () => source.find('/p/package.json', dep('gpl-thing', '^2.0.0'))));
    assert.equal((server.hits.get('/gpl-thing/2.1.0') ?? 0) - hitsBefore, 1);
  });
});

describe('npm registry license source against a real registry (Verdaccio)', () => {
  let registry: { url: string; close: () => Promise<void> };
  let home: string;

  before(async function () {
    this.timeout(20_000);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-home-'));
    const { startRegistry } = require(path.join(REPO_ROOT, 'test', 'harness', 'verdaccio.js')) as { startRegistry: (packages: Array<{ name: string; versions: Record<string, Record<string, unknown>> }>) => Promise<{ url: string; close: () => Promise<void> }> };
    registry = await startRegistry([
      { name: 'gpl-widget', versions: { '1.0.0': { license: 'MIT' }, '2.0.0': { license: 'GPL-3.0-only' } } },
      { name: 'legacy-forms', versions: { '0.3.0': { licenses: [{ type: 'BSD-3-Clause', url: 'https://example.invalid' }] } } },
      { name: '@acme/object-form', versions: { '1.2.0': { license: { type: 'Apache-2.0' } } } },
    ]);
  });
  after(async () => {
    await registry.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  const source = () =>
    new NpmRegistryLicenses({
      http: new HttpClient({ timeoutMs: 5000 }),
      licenses: new LookupCache(),
      metadata: new LookupCache(),
      environment: { env: {}, home },
      registries: { npm: registry.url },
      trustWorkspace: true,
    });

  it('reads the license of the highest version matching the range', async () => {
    assert.deepEqual(await source().find('/p/package.json', dep('gpl-widget', '^2.0.0')), { declared: 'GPL-3.0-only', source: 'npm registry', version: '2.0.0' });
    assert.equal((await source().find('/p/package.json', dep('gpl-widget', '~1.0.0')))?.declared, 'MIT');
  });

  it('keeps the legacy licenses[] and {type} forms for the normaliser', async () => {
    assert.deepEqual((await source().find('/p/package.json', dep('legacy-forms', '*')))?.declared, [{ type: 'BSD-3-Clause', url: 'https://example.invalid' }]);
    assert.deepEqual((await source().find('/p/package.json', dep('@acme/object-form', '^1')))?.declared, { type: 'Apache-2.0' });
  });

  it('reports a package the registry does not have', async () => {
    await assert.rejects(source().find('/p/package.json', dep('never-published', '^1.0.0')), LicenseLookupError);
  });
});
