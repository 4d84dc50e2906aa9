import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { licenseFromFound } from '../../../../../src/core/licenses/resolveDeclared';
import { PypiRegistryLicenses, remoteSources } from '../../../../../src/core/manifests/python/registry';
import {
  dependency,
  describeFaults,
  lookupFailure,
  recordingFetch,
  startRegistryServer,
  testContext,
  type RegistryServer,
} from '../../remote/registryServer';

const dep = (name: string, requested: string) => dependency('pypi', name, requested);
const MANIFEST = '/nonexistent-project/requirements.txt';

describe('PyPI license source', () => {
  let server: RegistryServer;
  const source = (): PypiRegistryLicenses => new PypiRegistryLicenses(testContext({ pypi: server.origin }));

  before(async () => {
    server = await startRegistryServer((url) => {
      if (url === '/pypi/requests/json') return { fixture: 'pypi/requests.json' };
      // Every release of requests declares what 2.32.3 does; the document names its own version.
      const release = /^\/pypi\/requests\/([^/]+)\/json$/.exec(url);
      if (release) return { fixture: 'pypi/requests-2.32.3.json', rewrite: (body) => body.replaceAll('2.32.3', decodeURIComponent(release[1])) };
      const fixtures: Record<string, string> = {
        '/pypi/packaging/25.0/json': 'pypi/packaging-25.0.json',
        '/pypi/gpl-chart-engine/2.0.1/json': 'pypi/gpl-chart-engine-2.0.1.json',
        '/pypi/numpy/1.26.4/json': 'pypi/numpy-1.26.4.json',
      };
      if (fixtures[url]) return { fixture: fixtures[url] };
      if (url === '/pypi/garbled/1.0/json') return { body: '{"info": {"license": 42, "classifiers": []}}' };
      if (url === '/pypi/no-releases/json') return { body: '{"info": {"name": "no-releases"}, "urls": []}' };
      return { status: 404, fixture: 'pypi/not-found.json' };
    });
  });
  after(() => server.close());

  it('reads the PEP 639 license expression of a pinned release, asking for that release only', async () => {
    const found = await source().find(MANIFEST, dep('packaging', '==25.0'));
    assert.deepEqual(found, { declared: 'Apache-2.0 OR BSD-2-Clause', source: 'PyPI', version: '25.0' });
    assert.equal(server.count(/^\/pypi\/packaging\/json/), 0);
  });

  it('gives the license classifiers when License says UNKNOWN, and the check reads them', async () => {
    const found = await source().find(MANIFEST, dep('gpl-chart-engine', '==2.0.1'));
    assert.ok(found);
    assert.equal(found.declared, undefined);
    assert.deepEqual(found.classifiers, ['License :: OSI Approved :: GNU General Public License v3 (GPLv3)']);
    assert.match(licenseFromFound(found).expression ?? '', /^GPL-3\.0/);
  });

  it('ignores a License field holding the whole license text', async () => {
    const found = await source().find(MANIFEST, dep('numpy', '==1.26.4'));
    assert.equal(found?.declared, undefined);
    assert.deepEqual(found?.classifiers, ['License :: OSI Approved :: BSD License']);
  });

  it('reads a short License field', async () => {
    const found = await source().find(MANIFEST, dep('requests', '==2.31.0'));
    assert.equal(found?.declared, 'Apache-2.0');
    assert.equal(found?.version, '2.31.0');
  });

  it('resolves a specifier set to the highest installable release', async () => {
    assert.equal((await source().find(MANIFEST, dep('requests', '>=2.31,<3')))?.version, '2.32.3');
  });

  it('skips a release whose every file is yanked', async () => {
    assert.equal((await source().find(MANIFEST, dep('requests', '>=2.31,<2.32.2')))?.version, '2.31.0');
  });

  it('keeps a release of which only some files are yanked', async () => {
    assert.equal((await source().find(MANIFEST, dep('requests', '>=2.32,<2.32.3')))?.version, '2.32.2');
  });

  it('skips a release without files', async () => {
    assert.match(await lookupFailure(source().find(MANIFEST, dep('requests', '==2.33.*'))), /no installable release of requests matches "==2\.33\.\*"/);
  });

  it('takes the newest final release when nothing is specified, not a pre-release', async () => {
    assert.equal((await source().find(MANIFEST, dep('requests', '')))?.version, '2.32.3');
  });

  it('takes a pre-release when the specifier names one', async () => {
    assert.equal((await source().find(MANIFEST, dep('requests', '>=3.0.0b1')))?.version, '3.0.0b1');
  });

  it('reads Poetry constraints', async () => {
    assert.equal((await source().find(MANIFEST, dep('requests', '^2.30')))?.version, '2.32.3');
    assert.equal((await source().find(MANIFEST, dep('requests', '~2.31')))?.version, '2.31.0');
  });

  it('asks for the PEP 503 normalised name', async () => {
    await source().find(MANIFEST, dep('Requests', '==2.31.0'));
    assert.ok(server.requests.some((r) => r.url === '/pypi/requests/2.31.0/json'));
  });

  it('does not ask PyPI about URL dependencies', async () => {
    const before = server.count();
    assert.match(await lookupFailure(source().find(MANIFEST, dep('tool', 'https://example.invalid/tool-1.0.whl'))), /not a version requirement/);
    assert.equal(server.count(), before);
  });

  it('says clearly when no release matches', async () => {
    assert.match(await lookupFailure(source().find(MANIFEST, dep('requests', '>=9'))), /no installable release of requests matches ">=9"/);
  });

  it('says the project does not exist', async () => {
    assert.match(await lookupFailure(source().find(MANIFEST, dep('no-such-project', '==1.0'))), /has no such package or version \(no-such-project 1\.0\)/);
  });

  it('says the answer is unexpected when a license field has the wrong type', async () => {
    assert.match(await lookupFailure(source().find(MANIFEST, dep('garbled', '==1.0'))), /unexpected answer for garbled 1\.0/);
  });

  it('says the answer is unexpected when the project has no releases list', async () => {
    assert.match(await lookupFailure(source().find(MANIFEST, dep('no-releases', '>=1'))), /unexpected answer for no-releases/);
  });

  it('makes each request once however many times the same release is asked for', async () => {
    const pypi = source();
    const before = { list: server.count(/^\/pypi\/requests\/json$/), release: server.count(/^\/pypi\/requests\/2\.32\.3\/json$/) };
    await Promise.all(Array.from({ length: 5 }, () => pypi.find(MANIFEST, dep('requests', '>=2'))));
    assert.equal(server.count(/^\/pypi\/requests\/json$/) - before.list, 1);
    assert.equal(server.count(/^\/pypi\/requests\/2\.32\.3\/json$/) - before.release, 1);
  });

  it('asks the public PyPI when no registry is configured', async () => {
    const recorder = recordingFetch();
    await lookupFailure(new PypiRegistryLicenses(testContext({}, { fetch: recorder.fetch })).find(MANIFEST, dep('requests', '==2.31.0')));
    assert.deepEqual(recorder.urls, ['https://pypi.org/pypi/requests/2.31.0/json']);
  });

  it("never takes an index URL from the workspace's pip.conf", async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-pypi-'));
    try {
      fs.writeFileSync(path.join(project, 'pip.conf'), '[global]\nindex-url = http://127.0.0.1:9/simple\n');
      const recorder = recordingFetch();
      const context = testContext({}, { fetch: recorder.fetch, trustWorkspace: false });
      await lookupFailure(new PypiRegistryLicenses(context).find(path.join(project, 'requirements.txt'), dep('requests', '==2.31.0')));
      assert.deepEqual(recorder.urls, ['https://pypi.org/pypi/requests/2.31.0/json']);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  it('offers one network source, PyPI', () => {
    assert.deepEqual(
      remoteSources(testContext({})).map((s) => [s.name, s.remote]),
      [['PyPI', true]],
    );
  });
});

describeFaults('PyPI', {
  source: (context) => new PypiRegistryLicenses(context),
  registries: (origin) => ({ pypi: origin }),
  dependency: dep('requests', '>=2'),
});
