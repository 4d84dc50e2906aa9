import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { closedPort } from '../core/net/loopback';
import { FIXTURES, REPO_ROOT } from '../repo';

async function run(args: string[], cwd = FIXTURES): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  // Unit tests never reach a registry (one test below opts in, against a local one).
  const code = await runCli(args.includes('--registry') ? args : [...args, '--offline'], cwd, { out: (t) => (out += t), err: (t) => (err += t), color: false });
  return { code, out, err };
}

describe('ospo-lens check', () => {
  const workspace = path.join('workspaces', 'npm-basic');

  it('exits 1 when a dependency is denied, and names it', async () => {
    const { code, out } = await run(['check', workspace]);
    assert.equal(code, 1);
    assert.match(out, /gpl-lib@2\.0\.1 {2}GPL-3\.0-only {2}\[strong-copyleft\]/);
    assert.match(out, /1 denied, 1 to review, 4 allowed \(6 dependencies in 1 manifest\)/);
  });

  it('prints every dependency in the JSON contract, allowed ones too', async () => {
    const { code, out } = await run(['check', workspace, '--format', 'json', '--offline']);
    assert.equal(code, 1);
    const report = JSON.parse(out);
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.policy.source, 'default');
    assert.deepEqual(report.policy.sources, ['default']);
    assert.equal(report.dependencies.length, 6);
    const gpl = report.dependencies.find((d: { name: string }) => d.name === 'gpl-lib');
    assert.deepEqual(
      Object.keys(gpl).slice(0, 11),
      ['manifest', 'ecosystem', 'name', 'requested', 'version', 'scope', 'direct', 'range', 'license', 'verdict', 'reason'],
    );
    assert.equal(gpl.manifest, 'workspaces/npm-basic/package.json');
    assert.deepEqual(gpl.range, { start: { line: 7, character: 5 }, end: { line: 7, character: 12 } });
    assert.deepEqual(gpl.license, { declared: 'GPL-3.0-only', expression: 'GPL-3.0-only', source: 'node_modules', confidence: 'exact' });
    assert.equal(gpl.verdict, 'deny');
    assert.equal(gpl.scope, 'runtime');
    assert.equal(gpl.direct, true);
    assert.equal(gpl.rule, 'strong-copyleft');
    assert.deepEqual(gpl.guide?.guide, 'usage');
    assert.match(gpl.guide?.title ?? '', /GPL/);
  });

  it('uses the nearest .ospo/policy.json above the manifest, and exits 2 when it is broken', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-cli-'));
    try {
      fs.cpSync(path.join(FIXTURES, workspace), path.join(dir, 'app'), { recursive: true });
      fs.mkdirSync(path.join(dir, '.ospo'));
      fs.writeFileSync(path.join(dir, '.ospo', 'policy.json'), '{ "distribution": "internal" }');
      const internal = await run(['check', 'app', '--format', 'json'], dir);
      assert.equal(internal.code, 0, 'GPL is allowed for internal use');
      assert.equal(JSON.parse(internal.out).policy.source, '.ospo/policy.json');

      fs.writeFileSync(path.join(dir, '.ospo', 'policy.json'), '{\n  "distribution": "everywhere"\n}');
      const broken = await run(['check', 'app'], dir);
      assert.equal(broken.code, 2);
      assert.match(broken.err, /\.ospo\/policy\.json:2:19: "distribution" must be "distributed", "saas" or "internal"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 0 with --fail-on deny when only reviews remain, and 1 with --fail-on review', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-cli-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), '{ "dependencies": { "not-installed": "1" } }');
      assert.equal((await run(['check', dir])).code, 0);
      assert.equal((await run(['check', dir, '--fail-on', 'review'])).code, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies a policy file given with --policy', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-cli-'));
    try {
      fs.writeFileSync(path.join(dir, 'policy.json'), '{ "licenses": { "GPL-3.0-only": "allow" } }');
      const { code, out } = await run(['check', workspace, '--policy', path.join(dir, 'policy.json'), '--format', 'json']);
      assert.equal(code, 0);
      assert.equal(JSON.parse(out).policy.source, path.join(dir, 'policy.json'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 naming the file, line and problem of a broken policy', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-cli-'));
    try {
      fs.writeFileSync(path.join(dir, 'policy.json'), '{\n  "unknown": "sometimes"\n}');
      const { code, err } = await run(['check', workspace, '--policy', 'policy.json'], dir);
      assert.equal(code, 2);
      assert.match(err, /policy\.json:2:14: "unknown" must be "allow", "review" or "deny"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on usage errors', async () => {
    assert.equal((await run(['check', '--format', 'xml'])).code, 2);
    assert.equal((await run(['lint'])).code, 2);
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['check', 'no/such/dir'])).code, 2);
    assert.equal((await run(['check', '--bogus'])).code, 2);
  });
});

describe('ospo-lens check on an organisation policy (saas, exceptions, internal packages)', () => {
  it('gives each dependency the verdict and rule the policy decides', async () => {
    let out = '';
    const code = await runCli(['check', 'workspaces/policy-saas', '--format', 'json', '--offline'], FIXTURES, {
      out: (t) => (out += t),
      err: () => undefined,
      color: false,
    });
    assert.equal(code, 1);
    const report = JSON.parse(out);
    assert.equal(report.policy.source, 'workspaces/policy-saas/.ospo/policy.json');
    const byName = Object.fromEntries(
      report.dependencies.map((d: { name: string; verdict: string; rule: string; chosen: string | null }) => [d.name, [d.verdict, d.rule, d.chosen]]),
    );
    assert.deepEqual(byName, {
      'gpl-lib': ['review', 'strong-copyleft', null],
      'agpl-lib': ['deny', 'network-copyleft', null],
      'agpl-approved': ['allow', 'exception', null],
      'agpl-expired': ['deny', 'network-copyleft', null],
      '@acme/billing': ['allow', 'internal-package', null],
      'epl-lib': ['deny', 'license-listed', null],
      'dual-gpl-mit': ['allow', 'permissive', 'MIT'],
      'mit-and-lgpl': ['review', 'weak-copyleft', null],
      'classpath-lib': ['review', 'weak-copyleft', null],
      'legacy-array': ['allow', 'permissive', 'MIT'],
      'unlicensed-third-party': ['review', 'proprietary', null],
      'bsd-ambiguous': ['review', 'ambiguous-license', null],
      'nc-lib': ['deny', 'non-commercial', null],
    });
    const expired = report.dependencies.find((d: { name: string }) => d.name === 'agpl-expired');
    assert.match(expired.reason, /expired on 2020-01-31/);
    const approved = report.dependencies.find((d: { name: string }) => d.name === 'agpl-approved');
    assert.match(approved.reason, /^Allowed by a policy exception: Runs as an isolated internal job/);
    assert.equal(approved.exception.file, 'workspaces/policy-saas/.ospo/policy.json');
  });
});

describe('ospo-lens check with a registry', () => {
  let registry: { url: string; close: () => Promise<void> };
  let dir: string;

  before(async function () {
    this.timeout(20_000);
    const { startRegistry } = require(path.join(REPO_ROOT, 'test', 'harness', 'verdaccio.js')) as {
      startRegistry: (packages: Array<{ name: string; versions: Record<string, Record<string, unknown>> }>) => Promise<{ url: string; close: () => Promise<void> }>;
    };
    registry = await startRegistry([{ name: 'only-in-registry', versions: { '3.1.0': { license: 'AGPL-3.0-only' } } }]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-cli-online-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { 'only-in-registry': '^3.0.0' } }));
  });
  after(async () => {
    await registry.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a license only the registry knows, and caches it for the next run', async () => {
    const cache = path.join(dir, 'cache');
    // depsdev is left out: no request may leave this machine.
    const args = ['check', dir, '--format', 'json', '--registry', `npm=${registry.url}`, '--sources', 'local,lockfile,registry', '--cache-dir', cache];
    const { code, out } = await run(args, dir);
    assert.equal(code, 1);
    const [dependency] = JSON.parse(out).dependencies;
    assert.deepEqual([dependency.license.expression, dependency.license.source, dependency.version, dependency.verdict], ['AGPL-3.0-only', 'npm registry', '3.1.0', 'deny']);
    assert.ok(fs.existsSync(path.join(cache, 'license-cache.json')), 'the answer is cached between runs');
  });

  it('says why a license could not be looked up when the registry does not answer', async () => {
    const port = await closedPort();
    const args = ['check', dir, '--format', 'json', '--registry', `npm=http://127.0.0.1:${port}/`, '--sources', 'local,registry', '--cache-dir', path.join(dir, 'cache2')];
    const { code, out } = await run(args, dir);
    assert.equal(code, 0, 'review does not fail the default --fail-on deny');
    const [dependency] = JSON.parse(out).dependencies;
    assert.equal(dependency.verdict, 'review');
    assert.match(dependency.reason, /^License unknown: the license could not be looked up \(npm registry: could not reach 127\.0\.0\.1:\d+: connection refused/);
  });

  it('rejects a malformed --registry or --sources with exit 2', async () => {
    assert.equal((await run(['check', dir, '--registry', 'npm', '--offline'], dir)).code, 2);
    assert.equal((await run(['check', dir, '--sources', 'everywhere', '--offline'], dir)).code, 2);
  });
});

describe('ospo-lens check: transitive dependencies from the lockfile', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-cli-transitive-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', dependencies: { 'web-kit': '^1.0.0' } }, null, 2));
    fs.writeFileSync(
      path.join(dir, 'package-lock.json'),
      JSON.stringify({
        name: 'app',
        lockfileVersion: 3,
        packages: {
          '': { name: 'app', dependencies: { 'web-kit': '^1.0.0' } },
          'node_modules/web-kit': { version: '1.4.0', license: 'MIT', dependencies: { 'chart-core': '^2.0.0' } },
          'node_modules/chart-core': { version: '2.1.0', license: 'MIT', dependencies: { 'gpl-math': '^3.0.0' } },
          'node_modules/gpl-math': { version: '3.0.1', license: 'GPL-3.0-only' },
        },
      }),
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists each transitive dependency with direct: false and the chain that pulls it in', async () => {
    const { code, out } = await run(['check', dir, '--format', 'json'], dir);
    assert.equal(code, 1, 'the transitive GPL dependency is denied');
    const byName = Object.fromEntries(
      (JSON.parse(out).dependencies as Array<{ name: string; direct: boolean; via?: string[]; verdict: string; version: string; range: unknown }>).map((d) => [d.name, d]),
    );
    assert.equal(byName['web-kit'].direct, true);
    assert.deepEqual([byName['gpl-math'].direct, byName['gpl-math'].via, byName['gpl-math'].verdict, byName['gpl-math'].version], [false, ['web-kit', 'chart-core'], 'deny', '3.0.1']);
    assert.deepEqual(byName['gpl-math'].range, byName['web-kit'].range, 'reported on the direct dependency that pulls it in');
  });

  it('checks only the direct dependencies with --direct-only', async () => {
    const { code, out } = await run(['check', dir, '--format', 'json', '--direct-only'], dir);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(out).dependencies.map((d: { name: string }) => d.name), ['web-kit']);
  });
});
