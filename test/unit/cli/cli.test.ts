import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { FIXTURES } from '../repo';

async function run(args: string[], cwd = FIXTURES): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, cwd, { out: (t) => (out += t), err: (t) => (err += t), color: false });
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
    const code = await runCli(['check', 'workspaces/policy-saas', '--format', 'json'], FIXTURES, {
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
