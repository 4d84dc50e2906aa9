import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import licenseIds = require('spdx-license-ids');
import { CATEGORIES } from '../../src/core/licenses/categories';
import { ECOSYSTEMS, SCOPES } from '../../src/core/model';
import { POLICY_FIELDS, parsePolicy, type PolicyLoadResult } from '../../src/core/policy/load';
import { DISTRIBUTIONS } from '../../src/core/policy/types';
import { FORMAT_TOKENS, anyText, mutatedText } from './support/arbitraries';
import { FULL } from './support/budget';
import { policyFixtures } from './support/fixtures';
import { exhaustiveIt, fuzzIt } from './support/property';
import { DocumentLines, assertRangeInside } from './support/ranges';

/**
 * The policy loader on any text: it returns `{ ok: true, policy }` or
 * `{ ok: false, problems }` with at least one problem, each inside the file; it
 * never throws. A policy made only of valid settings is accepted as written.
 */

const FILE = '/repo/.ospo/policy.json';
const VERDICTS = ['allow', 'review', 'deny'] as const;

function assertWellFormedResult(text: string, result: PolicyLoadResult): void {
  if (result.ok) {
    assert.equal(typeof result.policy, 'object');
    return;
  }
  assert.ok(result.problems.length > 0, 'a refused policy says why');
  const lines = new DocumentLines(text);
  for (const [i, problem] of result.problems.entries()) {
    assert.equal(problem.file, FILE, `problem ${i} names the policy file`);
    assert.equal(typeof problem.message, 'string');
    assertRangeInside(lines, problem.range, `problem ${i} (${problem.message.slice(0, 80)})`);
  }
}

function checkPolicy(text: string): void {
  assertWellFormedResult(text, parsePolicy(text, FILE));
}

const policyTokens = [...FORMAT_TOKENS.json, ...POLICY_FIELDS.map((f) => `"${f}"`), ...VERDICTS.map((v) => `"${v}"`), ...CATEGORIES.map((c) => `"${c}"`), '"package"', '"reason"', '"expires"', '"2027-06-30"'];

/** Any JSON value where a policy expects its settings: right and wrong types, known and unknown keys. */
const looseValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom<unknown>(...VERDICTS, ...CATEGORIES, ...DISTRIBUTIONS, ...SCOPES, 'default', '../shared.json', 'https://x', 'guides', ''));
const loosePolicy = fc.dictionary(
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...POLICY_FIELDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }),
  fc.oneof(
    looseValue,
    fc.dictionary(fc.oneof(fc.constantFrom(...CATEGORIES, ...SCOPES, 'MIT', 'package', 'reason'), fc.string({ maxLength: 6 })), looseValue, { maxKeys: 4 }),
    fc.array(fc.dictionary(fc.constantFrom('package', 'reason', 'version', 'license', 'expires', 'ecosystem', 'approvedBy', 'other'), looseValue, { maxKeys: 6 }), { maxLength: 3 }),
  ),
  { maxKeys: 8 },
);

/** A policy using only valid settings, and what the merged policy must then say. */
const validPolicy = fc.record(
  {
    distribution: fc.constantFrom(...DISTRIBUTIONS),
    categories: fc.dictionary(fc.constantFrom(...CATEGORIES), fc.constantFrom(...VERDICTS), { maxKeys: 4 }),
    scopes: fc.dictionary(fc.constantFrom(...SCOPES), fc.dictionary(fc.constantFrom(...CATEGORIES), fc.constantFrom(...VERDICTS), { maxKeys: 3 }), { maxKeys: 3 }),
    licenses: fc.dictionary(fc.constantFrom(...licenseIds), fc.constantFrom(...VERDICTS), { maxKeys: 5 }),
    unknown: fc.constantFrom(...VERDICTS),
    internalPackages: fc.array(fc.stringMatching(/^@?[a-z][a-z0-9-]{0,10}(\/\*)?$/), { maxLength: 3 }),
    exceptions: fc.array(
      fc.record(
        {
          package: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
          reason: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ''),
          ecosystem: fc.constantFrom(...ECOSYSTEMS),
          version: fc.constantFrom('^1.0.0', '2.x', '*'),
          license: fc.constantFrom('MIT', 'GPL-3.0-only', 'AGPL-3.0-only OR MIT'),
          expires: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        },
        { requiredKeys: ['package', 'reason'] },
      ),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: [] },
);

describe('fuzz: policy loader', () => {
  fuzzIt('never throws on arbitrary text', { unit: 100, full: 8000 }, anyText(policyTokens), checkPolicy);

  fuzzIt(
    'never throws on real policies with random edits',
    { unit: 100, full: 8000 },
    mutatedText(
      policyFixtures().map((f) => f.text),
      policyTokens,
    ),
    checkPolicy,
  );

  fuzzIt('never throws on JSON objects with policy fields of any type', { unit: 100, full: 8000 }, loosePolicy, (policy) => checkPolicy(JSON.stringify(policy, null, 2)));

  fuzzIt('accepts a policy made of valid settings, as written', { unit: 50, full: 4000 }, validPolicy, (settings) => {
    const result = parsePolicy(JSON.stringify(settings, null, 2), FILE);
    assert.ok(result.ok, result.ok ? '' : result.problems.map((p) => p.message).join('; '));
    const { policy } = result;
    if (settings.distribution) assert.equal(policy.distribution, settings.distribution);
    if (settings.unknown) assert.equal(policy.unknown, settings.unknown);
    for (const [category, verdict] of Object.entries(settings.categories ?? {})) assert.equal(policy.categories[category as keyof typeof policy.categories], verdict);
    for (const [id, verdict] of Object.entries(settings.licenses ?? {})) assert.equal(policy.licenses[id], verdict);
    assert.deepEqual(policy.internalPackages, settings.internalPackages ?? []);
    assert.deepEqual(
      policy.exceptions.map((e) => e.package),
      (settings.exceptions ?? []).map((e) => e.package),
    );
  });

  exhaustiveIt(`never throws on real policies cut off at ${FULL ? 'every' : 'evenly spaced'} position${FULL ? '' : 's'}`, function* () {
    for (const { text } of policyFixtures()) {
      const step = FULL ? 1 : Math.max(1, Math.ceil(text.length / 20));
      for (let at = 0; at <= text.length; at += step) yield text.slice(0, at);
    }
  }, checkPolicy);
});
