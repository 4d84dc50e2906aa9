import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAVEN_CENTRAL, MavenRegistryLicenses, remoteSources } from '../../../../../src/core/manifests/maven/registry';
import type { Dependency } from '../../../../../src/core/model';
import { LookupCache } from '../../../../../src/core/net/cache';
import { HttpClient } from '../../../../../src/core/net/http';
import type { RemoteContext, RemoteLicense } from '../../../../../src/core/remote/context';
import { LicenseLookupError } from '../../../../../src/core/resolution';
import { FIXTURES } from '../../../repo';
import { closedPort } from '../../net/loopback';
import { startFixtureRegistry, type FixtureRegistry } from '../fixtureRegistry';

const zero = { line: 0, character: 0 };
const dep = (name: string, requested: string): Dependency => ({ ecosystem: 'maven', name, requested, scope: 'runtime', range: { start: zero, end: zero }, direct: true });

async function lookupFailure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LicenseLookupError, `expected a LicenseLookupError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('the lookup succeeded');
}

describe('Maven repository license source', () => {
  let server: FixtureRegistry;
  let project: string;
  let pom: string;

  const context = (maven: string | undefined): RemoteContext => ({
    http: new HttpClient({ timeoutMs: 300 }),
    licenses: new LookupCache(),
    metadata: new LookupCache(),
    environment: { env: {}, home: path.join(project, 'home') },
    registries: maven === undefined ? {} : { maven },
    trustWorkspace: true,
  });
  const source = (mode = 'repo'): MavenRegistryLicenses => new MavenRegistryLicenses(context(`${server.origin}/${mode}/`));
  const hitsOf = (file: string): number => server.hits.get(`/repo/${file}`) ?? 0;
  const totalHits = (): number => [...server.hits.values()].reduce((a, b) => a + b, 0);

  before(async () => {
    server = await startFixtureRegistry(path.join(FIXTURES, 'registries', 'maven'));
  });
  after(() => server.close());
  beforeEach(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-maven-remote-'));
    pom = path.join(project, 'pom.xml');
  });
  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

  it('is Maven Central unless a mirror is configured, named after it', () => {
    assert.deepEqual(remoteSources(context(undefined)).map((s) => [s.name, s.remote]), [['Maven Central', true]]);
    assert.equal(remoteSources(context(MAVEN_CENTRAL.slice(0, -1)))[0].name, 'Maven Central');
    assert.equal(source().name, `Maven repository ${new URL(server.origin).host}`);
  });

  describe('licenses from POMs', () => {
    it("follows the parent chain to the POM that declares the license (commons-text → commons-parent → apache)", async () => {
      const found = await source().find(pom, dep('org.apache.commons:commons-text', '1.12.0'));
      assert.deepEqual(found, { declared: 'Apache-2.0', source: `Maven repository ${new URL(server.origin).host}`, version: '1.12.0' });
    });

    it('fetches a parent POM shared by several artifacts once', async () => {
      const maven = source();
      const before = hitsOf('org/apache/commons/commons-parent/69/commons-parent-69.pom');
      await maven.find(pom, dep('org.apache.commons:commons-text', '1.12.0'));
      const found = await maven.find(pom, dep('org.apache.commons:commons-lang3', '3.14.0'));
      assert.equal(found?.declared, 'Apache-2.0');
      assert.equal(hitsOf('org/apache/commons/commons-parent/69/commons-parent-69.pom') - before, 1);
    });

    it('passes several licenses as a list, as the local source does', async () => {
      const found = await source().find(pom, dep('jakarta.annotation:jakarta.annotation-api', '2.1.1'));
      assert.deepEqual(found?.declared, ['EPL 2.0', 'GPL2 w/ CPE']);
    });

    it('reports no license when no POM of the chain declares one', async () => {
      const found = await source().find(pom, dep('com.acme:unlicensed', '1.0'));
      assert.deepEqual(found, { declared: undefined, source: source().name, version: '1.0' });
    });

    it('ends a chain of parents that name each other', async () => {
      const found = await source().find(pom, dep('com.acme:cycle-a', '1'));
      assert.equal(found?.declared, undefined);
    });

    it('says which parent POM the repository does not have', async () => {
      const message = await lookupFailure(source().find(pom, dep('com.acme:orphan', '1.0')));
      assert.match(message, /has no such artifact or version: com\.acme:missing-parent:5 \(a parent POM of com\.acme:orphan:1\.0\)/);
    });

    it('asks for an exact version without reading the version list', async () => {
      const before = hitsOf('org/gplfoundry/chart-engine/maven-metadata.xml');
      const found = await source().find(pom, dep('org.gplfoundry:chart-engine', '1.0.0'));
      assert.equal(found?.declared, 'MIT License');
      assert.equal(hitsOf('org/gplfoundry/chart-engine/maven-metadata.xml'), before);
    });
  });

  describe('versions that are not exact, from maven-metadata.xml', () => {
    const cases: Array<[string, string, string]> = [
      ['a range', '[1.0,2.1)', '2.0.0'],
      ['a Gradle dynamic version', '2.+', '2.1.0'],
      ['no version (managed elsewhere)', '', '3.0.0-beta-1'],
      ['an unresolved property', '${chart.version}', '3.0.0-beta-1'],
      ['RELEASE', 'RELEASE', '3.0.0-beta-1'],
      ['LATEST', 'LATEST', '3.0.0-beta-1'],
    ];
    for (const [what, requested, version] of cases) {
      it(`${what} (${JSON.stringify(requested)}) means ${version}`, async () => {
        const found = await source().find(pom, dep('org.gplfoundry:chart-engine', requested));
        assert.equal(found?.version, version);
      });
    }

    it('reads the version list once for many ranges', async () => {
      const maven = source();
      const before = hitsOf('org/gplfoundry/chart-engine/maven-metadata.xml');
      await Promise.all(['[1.0,2.1)', '2.+', '[2.0,)'].map((range) => maven.find(pom, dep('org.gplfoundry:chart-engine', range))));
      assert.equal(hitsOf('org/gplfoundry/chart-engine/maven-metadata.xml') - before, 1);
    });

    it('takes a property from gradle.properties, as the local sources do', async () => {
      fs.writeFileSync(path.join(project, 'settings.gradle'), "rootProject.name = 'app'\n");
      fs.writeFileSync(path.join(project, 'gradle.properties'), 'chartVersion=2.0.0\n');
      const found = await source().find(path.join(project, 'build.gradle'), dep('org.gplfoundry:chart-engine', '$chartVersion'));
      assert.deepEqual([found?.version, found?.declared], ['2.0.0', 'GNU General Public License v3.0']);
    });

    it('says when no published version matches', async () => {
      assert.match(await lookupFailure(source().find(pom, dep('org.gplfoundry:chart-engine', '[9.0,)'))), /no version of org\.gplfoundry:chart-engine matches "\[9\.0,\)"/);
    });
  });

  describe('credentials', () => {
    it('sends credentials written in the mirror URL to the mirror, and never stores them', async () => {
      const file = path.join(project, 'cache.json');
      const licenses = new LookupCache<RemoteLicense>({ file });
      const maven = new MavenRegistryLicenses({ ...context(`${server.origin.replace('http://', 'http://ci:s3cret@')}/repo/`), licenses });
      const from = server.requests.length;
      assert.equal((await maven.find(pom, dep('org.gplfoundry:chart-engine', '2.1.0')))?.declared, 'GNU General Public License v3.0');
      assert.equal(server.requests[from].headers.authorization, `Basic ${Buffer.from('ci:s3cret').toString('base64')}`);
      await licenses.flush();
      const stored = fs.readFileSync(file, 'utf8');
      assert.ok(stored.includes('org.gplfoundry:chart-engine') && !stored.includes('s3cret'));
      assert.ok(!maven.name.includes('s3cret'));
    });
  });

  describe('requests it never makes', () => {
    it('refuses a name that is not groupId:artifactId, or a version with path characters', async () => {
      const before = totalHits();
      assert.match(await lookupFailure(source().find(pom, dep('just-a-name', '1.0'))), /is not a groupId:artifactId/);
      assert.match(await lookupFailure(source().find(pom, dep('org.x:../../etc', '1.0'))), /is not a groupId:artifactId/);
      assert.match(await lookupFailure(source().find(pom, dep('org.x:y', '1.0/../../z'))), /is not a Maven version/);
      assert.equal(totalHits(), before);
    });
  });

  describe('faults: each a LicenseLookupError saying why, within the timeout', () => {
    const cases: Array<[string, RegExp]> = [
      ['hang', /did not answer within 0\.3 s/],
      ['drip', /did not answer within 0\.3 s/],
      ['404', /127\.0\.0\.1:\d+ has no such artifact or version: org\.apache\.commons:commons-text:1\.12\.0/],
      ['410', /has no such artifact or version/],
      ['500', /answered HTTP 500/],
      ['429', /answered HTTP 429, retry after 30 s/],
      ['huge', /more than the \d+ allowed/],
    ];
    for (const [mode, message] of cases) {
      it(`${mode}: ${message.source}`, async () => {
        assert.match(await lookupFailure(source(mode).find(pom, dep('org.apache.commons:commons-text', '1.12.0'))), message);
      });
    }

    it('refused: says the connection was refused', async () => {
      const port = await closedPort();
      const maven = new MavenRegistryLicenses(context(`http://127.0.0.1:${port}/maven2`));
      assert.match(await lookupFailure(maven.find(pom, dep('org.apache.commons:commons-text', '1.12.0'))), /connection refused/);
    });

    it('a login page instead of a POM: an unexpected answer', async () => {
      assert.match(await lookupFailure(source().find(pom, dep('com.acme:portal', '1.0'))), /returned an unexpected answer for com\.acme:portal:1\.0 \(not a POM\)/);
    });

    it('a POM cut off before its licenses: an unexpected answer', async () => {
      assert.match(await lookupFailure(source().find(pom, dep('com.acme:truncated', '1.0'))), /unexpected answer for com\.acme:truncated:1\.0 \(a POM that is not well-formed XML\)/);
    });

    it('a version list that is not XML: an unexpected answer', async () => {
      assert.match(await lookupFailure(source().find(pom, dep('com.acme:garbled', '[1,2)'))), /unexpected answer for com\.acme:garbled \(not a maven-metadata\.xml\)/);
    });

    it('a version list that does not exist: no such artifact', async () => {
      assert.match(await lookupFailure(source().find(pom, dep('com.acme:nothing', 'LATEST'))), /has no such artifact or version: com\.acme:nothing/);
    });

    it('stops at once when the check is cancelled', async () => {
      const controller = new AbortController();
      const pending = source('hang').find(pom, dep('org.apache.commons:commons-text', '1.12.0'), controller.signal);
      setTimeout(() => controller.abort(), 20);
      await assert.rejects(pending, (error: unknown) => !(error instanceof LicenseLookupError));
    });
  });
});
