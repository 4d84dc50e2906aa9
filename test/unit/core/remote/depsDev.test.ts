import * as assert from 'node:assert/strict';
import type { Dependency } from '../../../../src/core/model';
import {
  combineLicenses,
  DepsDevLicenses,
  depsDevLicenses,
  pickCargoVersion,
  pickMavenVersion,
  pickNpmVersion,
  pickNuGetVersion,
  pickPythonVersion,
} from '../../../../src/core/remote/depsDev';
import type { RemoteContext } from '../../../../src/core/remote/context';
import { LicenseLookupError } from '../../../../src/core/resolution';
import { dependency, describeFaults, lookupFailure, recordingFetch, startRegistryServer, testContext, type RegistryServer } from './registryServer';

const MANIFEST = '/nonexistent-project/manifest';

describe('deps.dev license source', () => {
  let server: RegistryServer;
  const context = (): RemoteContext => testContext({ depsDev: server.origin, pypi: server.origin });

  before(async () => {
    server = await startRegistryServer((url) => {
      const fixtures: Record<string, string> = {
        '/v3/systems/npm/packages/react/versions/18.2.0': 'depsdev/npm-react-18.2.0.json',
        '/v3/systems/npm/packages/react': 'depsdev/npm-react.json',
        '/v3/systems/maven/packages/ch.qos.logback%3Alogback-classic/versions/1.4.14': 'depsdev/maven-logback-classic-1.4.14.json',
        '/v3/systems/go/packages/example.org%2Fnolicense/versions/v0.1.0': 'depsdev/go-nolicense-v0.1.0.json',
        '/v3/systems/pypi/packages/custom-eula/versions/1.0.0': 'depsdev/pypi-custom-eula-1.0.0.json',
      };
      if (fixtures[url]) return { fixture: fixtures[url] };
      // PyPI, for the resolver of the pypi source: custom-eula has 1.0.0 and 2.0.0rc1.
      if (url === '/pypi/custom-eula/json') return { body: JSON.stringify({ info: { name: 'custom-eula' }, releases: { '1.0.0': [{ yanked: false }], '2.0.0rc1': [{ yanked: false }] } }) };
      if (url === '/v3/systems/npm/packages/garbled/versions/1.0.0') return { body: '{"versionKey": {"system": "NPM", "name": "garbled", "version": "1.0.0"}, "licenses": "MIT"}' };
      return { status: 404, fixture: 'depsdev/not-found.json' };
    });
  });
  after(() => server.close());

  it('reads the license of an exact version', async () => {
    const found = await new DepsDevLicenses(context(), 'npm').find(MANIFEST, dependency('npm', 'react', '18.2.0'));
    assert.deepEqual(found, { declared: 'MIT', source: 'deps.dev', version: '18.2.0' });
  });

  it('reads several licenses as all applying, the conservative reading', async () => {
    const found = await new DepsDevLicenses(context(), 'maven').find(MANIFEST, dependency('maven', 'ch.qos.logback:logback-classic', '1.4.14'));
    assert.equal(found?.declared, 'EPL-1.0 AND LGPL-2.1-only');
  });

  it('encodes a Go module path whole', async () => {
    await new DepsDevLicenses(context(), 'go').find(MANIFEST, dependency('go', 'example.org/nolicense', 'v0.1.0'));
    assert.ok(server.requests.some((r) => r.url === '/v3/systems/go/packages/example.org%2Fnolicense/versions/v0.1.0'));
  });

  it('has no answer when deps.dev found no license information', async () => {
    assert.equal(await new DepsDevLicenses(context(), 'go').find(MANIFEST, dependency('go', 'example.org/nolicense', 'v0.1.0')), undefined);
  });

  it('passes "non-standard" on, so the check reports an unrecognised license', async () => {
    const found = await new DepsDevLicenses(context(), 'pypi').find(MANIFEST, dependency('pypi', 'Custom_EULA', '==1.0.0'));
    assert.equal(found?.declared, 'non-standard');
  });

  it("uses the ecosystem's own version resolution first", async () => {
    const asked: Dependency[] = [];
    const source = new DepsDevLicenses(context(), 'npm', {
      resolveVersion: async (_manifest, dep) => {
        asked.push(dep);
        return '18.2.0';
      },
    });
    assert.equal((await source.find(MANIFEST, dependency('npm', 'react', '^18.0.0')))?.version, '18.2.0');
    assert.equal(asked.length, 1);
  });

  it('chooses among the versions deps.dev lists when the resolver cannot answer', async () => {
    const source = new DepsDevLicenses(context(), 'npm', {
      resolveVersion: () => Promise.reject(new LicenseLookupError('registry.npmjs.org did not answer within 10 s')),
      pickVersion: pickNpmVersion,
    });
    assert.equal((await source.find(MANIFEST, dependency('npm', 'react', '^18.0.0')))?.version, '18.2.0');
  });

  it('has nothing to say when the resolver says the dependency is no registry package', async () => {
    const before = server.count();
    const source = new DepsDevLicenses(context(), 'cargo', { resolveVersion: () => Promise.resolve(undefined) });
    assert.equal(await source.find(MANIFEST, dependency('cargo', 'own-crate', 'workspace')), undefined);
    assert.equal(server.count(), before);
  });

  it('says it needs an exact version when it has no way to choose one', async () => {
    const before = server.count();
    const message = await lookupFailure(new DepsDevLicenses(context(), 'go').find(MANIFEST, dependency('go', 'example.org/x', 'latest')));
    assert.match(message, /deps\.dev needs an exact version, and "latest" does not name one/);
    assert.equal(server.count(), before);
  });

  it("says why the resolver failed when there is no other way", async () => {
    const source = new DepsDevLicenses(context(), 'go', { resolveVersion: () => Promise.reject(new LicenseLookupError('proxy.golang.org answered HTTP 500')) });
    assert.match(await lookupFailure(source.find(MANIFEST, dependency('go', 'example.org/x', 'master'))), /no exact version to ask about \(proxy\.golang\.org answered HTTP 500\)/);
  });

  it('resolves a Python range through PyPI, skipping pre-releases', async () => {
    const found = await depsDevLicenses('pypi', context()).find(MANIFEST, dependency('pypi', 'custom-eula', '>=1'));
    assert.equal(found?.version, '1.0.0');
  });

  it('says the answer is unexpected when "licenses" is not a list', async () => {
    assert.match(await lookupFailure(new DepsDevLicenses(context(), 'npm').find(MANIFEST, dependency('npm', 'garbled', '1.0.0'))), /unexpected answer for garbled 1\.0\.0/);
  });

  it('says the version does not exist', async () => {
    assert.match(await lookupFailure(new DepsDevLicenses(context(), 'npm').find(MANIFEST, dependency('npm', 'react', '99.0.0'))), /has no such package or version \(react 99\.0\.0\)/);
  });

  it('makes one request however many times the same version is asked for', async () => {
    const source = new DepsDevLicenses(context(), 'npm');
    const before = server.count(/react\/versions\/18\.2\.0$/);
    await Promise.all(Array.from({ length: 5 }, () => source.find(MANIFEST, dependency('npm', 'react', '18.2.0'))));
    assert.equal(server.count(/react\/versions\/18\.2\.0$/) - before, 1);
  });

  it('asks the public deps.dev API when no other is configured', async () => {
    const recorder = recordingFetch();
    await lookupFailure(new DepsDevLicenses(testContext({}, { fetch: recorder.fetch }), 'npm').find(MANIFEST, dependency('npm', '@colors/colors', '1.6.0')));
    assert.deepEqual(recorder.urls, ['https://api.deps.dev/v3/systems/npm/packages/%40colors%2Fcolors/versions/1.6.0']);
  });

  it('is a deps.dev-kind network source for every ecosystem', () => {
    for (const ecosystem of ['npm', 'pypi', 'cargo', 'go', 'maven', 'nuget'] as const) {
      const source = depsDevLicenses(ecosystem, testContext({}));
      assert.deepEqual([source.name, source.remote, source.kind], ['deps.dev', true, 'depsdev'], ecosystem);
    }
  });
});

describe('deps.dev licenses', () => {
  it('keeps a single license as it is', () => {
    assert.equal(combineLicenses(['MIT OR Apache-2.0']), 'MIT OR Apache-2.0');
  });

  it('joins several with AND, bracketing expressions', () => {
    assert.equal(combineLicenses(['MIT OR Apache-2.0', 'BSD-3-Clause']), '(MIT OR Apache-2.0) AND BSD-3-Clause');
  });

  it('drops repeats and blanks', () => {
    assert.equal(combineLicenses(['MIT', ' MIT ', '']), 'MIT');
  });

  it('gives nothing for an empty list', () => {
    assert.equal(combineLicenses([]), undefined);
  });
});

describe('choosing among the versions deps.dev lists', () => {
  it('npm: the highest in the range, no pre-release', () => {
    assert.equal(pickNpmVersion(['18.1.0', '18.2.0', '19.0.0-rc.1', '19.0.0'], '^18'), '18.2.0');
    assert.equal(pickNpmVersion(['18.2.0', '19.0.0-rc.1'], 'latest'), '18.2.0');
  });

  it('PyPI: PEP 440, pre-releases only when named', () => {
    assert.equal(pickPythonVersion(['1.0', '1.1', '2.0rc1'], '>=1'), '1.1');
    assert.equal(pickPythonVersion(['1.0', '1.1', '2.0rc1'], '>=2.0rc1'), '2.0rc1');
  });

  it('Cargo: a bare version is a caret requirement', () => {
    assert.equal(pickCargoVersion(['0.2.1', '0.2.9', '0.3.0'], '0.2'), '0.2.9');
  });

  it('NuGet: the lowest at or above a bare version, the highest in a range', () => {
    assert.equal(pickNuGetVersion(['12.0.3', '13.0.1', '13.0.3'], '13.0.0'), '13.0.1');
    assert.equal(pickNuGetVersion(['12.0.3', '13.0.1', '13.0.3'], '[12.0,14.0)'), '13.0.3');
  });

  it('Maven: the highest in a range; nothing for a managed or ${property} version', () => {
    assert.equal(pickMavenVersion(['1.4.12', '1.4.14', '1.5.0'], '[1.4,1.5)'), '1.4.14');
    assert.equal(pickMavenVersion(['1.4.14'], ''), undefined);
    assert.equal(pickMavenVersion(['1.4.14'], '${logback.version}'), undefined);
  });
});

describeFaults('deps.dev', {
  source: (context) => new DepsDevLicenses(context, 'npm'),
  registries: (origin) => ({ depsDev: origin }),
  dependency: dependency('npm', 'react', '18.2.0'),
});
