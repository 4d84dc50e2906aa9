import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../repo';
import { CATEGORIES } from '../../../../src/core/licenses/categories';
import { getDefaultPolicy, parsePolicy, POLICY_FIELDS } from '../../../../src/core/policy/load';

describe('policy loading', () => {
  it('has an embedded default with a verdict for every category', () => {
    const policy = getDefaultPolicy();
    assert.equal(policy.source, 'default');
    assert.equal(policy.distribution, 'distributed');
    for (const category of CATEGORIES) assert.ok(policy.categories[category], category);
  });

  it('fills fields a policy file leaves out from the default, and accepts comments', () => {
    const result = parsePolicy('{\n  // stricter\n  "categories": { "weak-copyleft": "deny" },\n}', '/repo/.ospo/policy.json');
    assert.ok(result.ok);
    assert.equal(result.policy.categories['weak-copyleft'], 'deny');
    assert.equal(result.policy.categories.permissive, 'allow');
    assert.equal(result.policy.source, '/repo/.ospo/policy.json');
  });

  it('rejects a broken policy with located problems, never half-applying it', () => {
    const text = '{\n  "categories": { "permissive": "maybe" },\n  "colour": "red"\n}';
    const result = parsePolicy(text, '/p.json');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(
      result.problems.map((p) => [p.range.start.line, p.message]),
      [
        [2, 'unknown field "colour"'],
        [1, '"categories.permissive" must be "allow", "review" or "deny"'],
      ],
    );
  });

  it('reports invalid JSON', () => {
    const result = parsePolicy('{ "unknown": ', '/p.json');
    assert.equal(result.ok, false);
  });

  it('refuses a policy nested thousands of levels deep with a located problem, instead of crashing', () => {
    // Found by fuzzing: jsonc-parser recurses per level and overflowed the stack at ~4,000 levels.
    const result = parsePolicy(`{"licenses": ${'{"a":'.repeat(100_000)}"deny"${'}'.repeat(100_000)}}`, '/p.json');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(
      result.problems.map((p) => [p.range.start.character, p.message]),
      [[13 + 255 * 5, 'the policy nests more than 256 levels deep here']],
    );
  });
});

describe('policy JSON schema', () => {
  it('describes exactly the fields the loader accepts', () => {
    const file = path.join(REPO_ROOT, 'schemas', 'policy.schema.json');
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { properties: Record<string, unknown> };
    assert.deepEqual(Object.keys(schema.properties).sort(), [...POLICY_FIELDS].sort());
  });
});
