import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { FIXTURES } from '../repo';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  let out = '';
  // Unit tests never reach a registry.
  const code = await runCli([...args, '--offline'], cwd, { out: (t) => (out += t), err: (t) => (out += t), color: false });
  return { code, out };
}

describe('ospo-lens check with "ospo-lens: ignore" comments', () => {
  let dir: string;

  beforeEach(() => {
    // The Python fixture has one denied runtime dependency (gpl-chart-engine); ignore it.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-ignore-'));
    fs.cpSync(path.join(FIXTURES, 'workspaces', 'python-basic'), dir, { recursive: true });
    fs.rmSync(path.join(dir, 'pyproject.toml'));
    fs.rmSync(path.join(dir, 'requirements-dev.txt'));
    const manifest = path.join(dir, 'requirements.txt');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('gpl-chart-engine==2.0.1', 'gpl-chart-engine==2.0.1  # ospo-lens: ignore'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when the only denied dependency is ignored', async () => {
    const { code, out } = await run(['check', '.', '--offline'], dir);
    assert.equal(code, 0, out);
  });

  it('does not list the ignored dependency and counts it apart', async () => {
    const { out } = await run(['check', '.', '--offline'], dir);
    assert.doesNotMatch(out, /gpl-chart-engine/);
    assert.match(out, /0 denied, .* 1 ignored/);
  });

  it('marks it "ignored": true in the JSON output, keeping its verdict', async () => {
    const { out } = await run(['check', '.', '--offline', '--format', 'json'], dir);
    const dependencies = JSON.parse(out).dependencies as Array<{ name: string; verdict: string; ignored?: boolean }>;
    const gpl = dependencies.find((d) => d.name === 'gpl-chart-engine');
    assert.deepEqual([gpl?.verdict, gpl?.ignored], ['deny', true]);
    assert.ok(dependencies.filter((d) => d.name !== 'gpl-chart-engine').every((d) => !('ignored' in d)));
  });
});
