import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadPolicy } from '../../../../src/core/policy/load';
import { PolicyLocator } from '../../../../src/core/policy/locate';

describe('policy files', () => {
  let root: string;
  const write = (relative: string, text: string): string => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  const read = (file: string): Promise<string> => fs.promises.readFile(file, 'utf8');

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-policy-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is found in .ospo/ of the nearest folder above the manifest', async () => {
    const file = write('.ospo/policy.json', '{ "distribution": "saas" }');
    const located = await new PolicyLocator().locate(path.join(root, 'packages', 'web', 'package.json'));
    assert.equal(located.file, file);
    assert.ok(located.result.ok);
    assert.equal(located.result.policy.distribution, 'saas');
  });

  it('falls back to the embedded default when there is no policy file', async () => {
    const located = await new PolicyLocator().locate(path.join(root, 'package.json'));
    assert.equal(located.file, undefined);
    assert.ok(located.result.ok && located.result.policy.source === 'default');
  });

  it('follows "extends" to another file; the extending file wins', async () => {
    write('base.json', '{ "distribution": "saas", "licenses": { "MPL-2.0": "allow", "EPL-2.0": "deny" } }');
    const file = write('.ospo/policy.json', '{ "extends": "../base.json", "licenses": { "EPL-2.0": "review" } }');
    const result = await loadPolicy(file, read);
    assert.ok(result.ok);
    assert.equal(result.policy.distribution, 'saas');
    assert.deepEqual(result.policy.licenses, { 'MPL-2.0': 'allow', 'EPL-2.0': 'review' });
    assert.deepEqual(result.policy.chain, ['default', path.join(root, 'base.json'), file]);
  });

  it('reports an "extends" cycle in the file that closes it', async () => {
    write('a.json', '{ "extends": "b.json" }');
    write('b.json', '{ "extends": "a.json" }');
    const result = await loadPolicy(path.join(root, 'a.json'), read);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.problems[0].message, /cycle/);
  });

  it('reports a missing "extends" target at the "extends" value', async () => {
    const file = write('p.json', '{\n  "extends": "./nope.json"\n}');
    const result = await loadPolicy(file, read);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.problems[0].file, file);
    assert.equal(result.problems[0].range.start.line, 1);
  });

  it('resolves "guides" relative to the policy file', async () => {
    const file = write('.ospo/policy.json', '{ "guides": "guides" }');
    const result = await loadPolicy(file, read);
    assert.ok(result.ok);
    assert.equal(result.policy.guides, path.join(root, '.ospo', 'guides'));
  });

  it('validates every field and names each problem', async () => {
    const file = write(
      'p.json',
      JSON.stringify({
        distribution: 'sometimes',
        scopes: { staging: {} },
        internalPackages: 'acme',
        exceptions: [{ package: 'x' }, { package: 'y', reason: 'r', expires: '2026-13-01' }, { package: 'z', reason: 'r', colour: 'red' }],
        guides: 'http://example.com/guides',
        extends: 'https://example.com/policy.json',
      }),
    );
    const result = await loadPolicy(file, read);
    assert.equal(result.ok, false);
    if (result.ok) return;
    const messages = result.problems.map((p) => p.message);
    for (const expected of [
      /"extends" must be a path/,
      /"distribution" must be/,
      /unknown scope "staging"/,
      /"internalPackages" must be an array/,
      /an exception needs "reason"/,
      /"expires" must be a date/,
      /unknown exception field "colour"/,
      /"guides" URLs must use https/,
    ]) {
      assert.ok(messages.some((m) => expected.test(m)), `${expected} not in ${JSON.stringify(messages)}`);
    }
  });
});
