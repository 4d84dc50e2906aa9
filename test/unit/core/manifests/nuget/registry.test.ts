import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { licenseFromFound } from '../../../../../src/core/licenses/resolveDeclared';
import { NuGetRegistryLicenses, remoteSources } from '../../../../../src/core/manifests/nuget/registry';
import { dependency, describeFaults, fixturePath, lookupFailure, recordingFetch, startRegistryServer, testContext, type RegistryServer } from '../../remote/registryServer';

const dep = (name: string, requested: string) => dependency('nuget', name, requested);
const MANIFEST = '/nonexistent-project/App.csproj';

describe('NuGet registration license source', () => {
  let server: RegistryServer;
  const source = (feed = server.origin): NuGetRegistryLicenses => new NuGetRegistryLicenses(testContext({ nuget: feed }));

  before(async () => {
    server = await startRegistryServer((url, origin) => {
      // The fixtures are nuget.org's answers; their URLs point back at the feed.
      const toOrigin = (body: string): string => body.replaceAll('https://api.nuget.org', origin);
      if (url === '/v3/index.json') return { fixture: 'nuget/index.json', rewrite: toOrigin };
      const registration = /^\/v3\/(registration5-gz-semver2\/[a-z0-9.\-/]+\.json)$/.exec(url);
      if (registration && fs.existsSync(fixturePath(`nuget/${registration[1]}`))) return { fixture: `nuget/${registration[1]}`, rewrite: toOrigin };
      // A private feed that offers only the oldest registrations resource.
      if (url === '/private/v3/index.json') {
        return { body: JSON.stringify({ version: '3.0.0', resources: [{ '@id': `${origin}/private/registration/`, '@type': 'RegistrationsBaseUrl/3.0.0-beta' }] }) };
      }
      if (url === '/private/registration/newtonsoft.json/index.json') return { fixture: 'nuget/registration5-gz-semver2/newtonsoft.json/index.json', rewrite: toOrigin };
      if (url === '/search-only/v3/index.json') return { body: JSON.stringify({ version: '3.0.0', resources: [{ '@id': `${origin}/query`, '@type': 'SearchQueryService' }] }) };
      return { status: 404, fixture: 'nuget/not-found.xml', contentType: 'application/xml' };
    });
  });
  after(() => server.close());

  it('reads the license expression of the exact version asked for', async () => {
    const found = await source().find(MANIFEST, dep('Newtonsoft.Json', '[13.0.1]'));
    assert.deepEqual(found, { declared: 'MIT', source: 'NuGet', version: '13.0.1' });
  });

  it('takes a bare version itself when it is published', async () => {
    assert.equal((await source().find(MANIFEST, dep('Newtonsoft.Json', '13.0.1')))?.version, '13.0.1');
  });

  it('takes the lowest listed version above a bare version that is not published, as restore does', async () => {
    assert.equal((await source().find(MANIFEST, dep('Newtonsoft.Json', '13.0.0')))?.version, '13.0.1');
  });

  it('takes the highest listed release in a range', async () => {
    assert.equal((await source().find(MANIFEST, dep('Newtonsoft.Json', '[13.0,15.0)')))?.version, '13.0.3');
  });

  it('takes the highest listed release for a floating version, never an unlisted one', async () => {
    assert.equal((await source().find(MANIFEST, dep('Newtonsoft.Json', '13.*')))?.version, '13.0.3');
    assert.equal((await source().find(MANIFEST, dep('Newtonsoft.Json', '*')))?.version, '13.0.3');
  });

  it('takes a pre-release when the float asks for one', async () => {
    assert.equal((await source().find(MANIFEST, dep('Newtonsoft.Json', '13.0.4-*')))?.version, '13.0.4-beta1');
  });

  it('takes an unlisted version when it is asked for exactly', async () => {
    assert.equal((await source().find(MANIFEST, dep('Newtonsoft.Json', '[14.0.0]')))?.version, '14.0.0');
  });

  it('compares package ids without regard to case', async () => {
    assert.equal((await source().find(MANIFEST, dep('newtonsoft.json', '[13.0.1]')))?.declared, 'MIT');
  });

  it('falls back to a well-known license URL when there is no expression', async () => {
    const found = await source().find(MANIFEST, dep('Castle.Core', '[4.0.0]'));
    assert.equal(found?.declared, 'http://www.apache.org/licenses/LICENSE-2.0.html');
    assert.ok(found);
    assert.equal(licenseFromFound(found).expression, 'Apache-2.0');
  });

  it('passes any other license URL on as declared, for the user to follow', async () => {
    assert.equal((await source().find(MANIFEST, dep('Castle.Core', '[4.1.0]')))?.declared, 'https://github.com/castleproject/Core/blob/master/LICENSE');
  });

  it('fetches only the page that can hold the version asked for', async () => {
    const found = await source().find(MANIFEST, dep('Acme.BigPackage', '1.1.0'));
    assert.deepEqual(found, { declared: 'LGPL-2.1-only', source: 'NuGet', version: '1.1.0' });
    assert.equal(server.count(/acme\.bigpackage\/page\/2\.0\.0/), 0);
  });

  it('searches pages from the newest for a range', async () => {
    const before = server.count(/acme\.bigpackage\/page\/1\.0\.0/);
    const found = await source().find(MANIFEST, dep('Acme.BigPackage', '[1.0,3.0)'));
    assert.deepEqual(found, { declared: 'GPL-3.0-only', source: 'NuGet', version: '2.2.0' });
    assert.equal(server.count(/acme\.bigpackage\/page\/1\.0\.0/), before);
  });

  it('uses whichever registrations resource a private feed offers', async () => {
    const found = await source(`${server.origin}/private`).find(MANIFEST, dep('Newtonsoft.Json', '[13.0.2]'));
    assert.equal(found?.version, '13.0.2');
    assert.ok(server.requests.some((r) => r.url === '/private/registration/newtonsoft.json/index.json'));
  });

  it('says so when the feed offers no registrations', async () => {
    assert.match(await lookupFailure(source(`${server.origin}/search-only`).find(MANIFEST, dep('Newtonsoft.Json', '13.0.1'))), /offers no package registrations/);
  });

  it('takes the version from Directory.Packages.props when the reference has none', async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-nuget-'));
    try {
      fs.writeFileSync(
        path.join(project, 'Directory.Packages.props'),
        '<Project>\n  <ItemGroup>\n    <PackageVersion Include="Newtonsoft.Json" Version="13.0.2" />\n  </ItemGroup>\n</Project>\n',
      );
      assert.equal((await source().find(path.join(project, 'App.csproj'), dep('Newtonsoft.Json', '')))?.version, '13.0.2');
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  it('says clearly when no version matches', async () => {
    assert.match(await lookupFailure(source().find(MANIFEST, dep('Newtonsoft.Json', '[15.0,16.0)'))), /no version of Newtonsoft\.Json .* matches "\[15\.0,16\.0\)"/);
  });

  it('says clearly when the version is not one NuGet reads', async () => {
    assert.match(await lookupFailure(source().find(MANIFEST, dep('Newtonsoft.Json', '$(JsonVersion)'))), /not a NuGet version or range/);
  });

  it('says the package does not exist', async () => {
    assert.match(await lookupFailure(source().find(MANIFEST, dep('No.Such.Package', '1.0.0'))), /has no such package or version \(no\.such\.package\)/);
  });

  it('makes each request once however many times the same package is asked for', async () => {
    const nuget = source();
    const before = { index: server.count(/^\/v3\/index\.json$/), registration: server.count(/newtonsoft\.json\/index\.json$/) };
    await Promise.all(Array.from({ length: 5 }, () => nuget.find(MANIFEST, dep('Newtonsoft.Json', '13.0.3'))));
    assert.equal(server.count(/^\/v3\/index\.json$/) - before.index, 1);
    assert.equal(server.count(/newtonsoft\.json\/index\.json$/) - before.registration, 1);
  });

  it('asks nuget.org when no feed is configured', async () => {
    const recorder = recordingFetch();
    await lookupFailure(new NuGetRegistryLicenses(testContext({}, { fetch: recorder.fetch })).find(MANIFEST, dep('Newtonsoft.Json', '13.0.1')));
    assert.deepEqual(recorder.urls, ['https://api.nuget.org/v3/index.json']);
  });

  it("never takes a package source from the workspace's nuget.config", async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-nuget-'));
    try {
      fs.writeFileSync(
        path.join(project, 'nuget.config'),
        '<configuration><packageSources><clear /><add key="evil" value="http://127.0.0.1:9/v3/index.json" /></packageSources></configuration>\n',
      );
      const recorder = recordingFetch();
      const context = testContext({}, { fetch: recorder.fetch, trustWorkspace: false });
      await lookupFailure(new NuGetRegistryLicenses(context).find(path.join(project, 'App.csproj'), dep('Newtonsoft.Json', '13.0.1')));
      assert.deepEqual(recorder.urls, ['https://api.nuget.org/v3/index.json']);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  it('offers one network source, NuGet', () => {
    assert.deepEqual(
      remoteSources(testContext({})).map((s) => [s.name, s.remote]),
      [['NuGet', true]],
    );
  });
});

describeFaults('NuGet', {
  source: (context) => new NuGetRegistryLicenses(context),
  registries: (origin) => ({ nuget: origin }),
  dependency: dep('Newtonsoft.Json', '13.0.1'),
});
