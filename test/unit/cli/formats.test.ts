import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { FIXTURES } from '../repo';

async function run(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  // Unit tests never reach a registry.
  const code = await runCli([...args, '--offline'], FIXTURES, { out: (t) => (out += t), err: (t) => (err += t), color: false }, env);
  return { code, out, err };
}

const npmBasic = path.join('workspaces', 'npm-basic');

describe('ospo-lens check --format and --output', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-formats-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the report to --output and prints only the summary line', async () => {
    const file = path.join(dir, 'ospo.sarif');
    const { out } = await run(['check', npmBasic, '--offline', '--format', 'sarif', '--output', file]);
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).version, '2.1.0');
    assert.equal(out, `1 denied, 1 to review, 4 allowed (6 dependencies in 1 manifest); sarif report written to ${file}`);
  });

  it('still exits 1 for a denied dependency when the report goes to a file', async () => {
    assert.equal((await run(['check', npmBasic, '--format', 'junit', '--output', path.join(dir, 'a.xml')])).code, 1);
  });

  it('exits 0 with a report written when nothing reaches --fail-on', async () => {
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "dependencies": { "not-installed": "1" } }');
    assert.equal((await run(['check', dir, '--format', 'junit', '--output', path.join(dir, 'b.xml')])).code, 0, 'a review does not reach --fail-on deny');
  });

  it('writes the JSON contract unchanged to --output', async () => {
    const file = path.join(dir, 'report.json');
    await run(['check', npmBasic, '--format', 'json', '--output', file]);
    const printed = await run(['check', npmBasic, '--format', 'json']);
    assert.equal(fs.readFileSync(file, 'utf8'), `${printed.out}\n`);
  });

  it('rejects an unknown --format with exit 2 and names every format', async () => {
    const { code, err } = await run(['check', npmBasic, '--format', 'xml']);
    assert.equal(code, 2);
    assert.match(err, /--format must be one of text, json, sarif, junit, spdx-json, spdx, cyclonedx, csv, notices; not "xml"/);
  });

  it('exits 2 with a plain reason when --output cannot be written', async () => {
    const { code, err } = await run(['check', npmBasic, '--format', 'csv', '--output', path.join(dir, 'missing', 'report.csv')]);
    assert.equal(code, 2);
    assert.match(err, /cannot write .*report\.csv: its folder does not exist/);
  });

  it('exits 2 when SOURCE_DATE_EPOCH is not a number of seconds', async () => {
    const { code, err } = await run(['check', npmBasic, '--format', 'spdx-json'], { SOURCE_DATE_EPOCH: 'yesterday' });
    assert.equal(code, 2);
    assert.match(err, /SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not "yesterday"/);
  });

  it('prints a report to standard output when there is no --output', async () => {
    const { out } = await run(['check', npmBasic, '--format', 'csv']);
    assert.match(out, /^manifest,ecosystem,name,version,scope,license,verdict,rule,reason\r\n/);
  });
});
