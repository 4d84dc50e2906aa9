import * as assert from 'node:assert/strict';
import { normalizeLicense } from '../../../../src/core/licenses/normalize';
import type { Scope, Verdict } from '../../../../src/core/model';
import { evaluateLicense } from '../../../../src/core/policy/evaluate';
import { getDefaultPolicy, parsePolicy } from '../../../../src/core/policy/load';

const evaluate = (declared: string | undefined, scope: Scope = 'runtime') => evaluateLicense(normalizeLicense(declared), scope, getDefaultPolicy());

describe('policy evaluation with the default policy', () => {
  const verdicts: Array<[string, Verdict, string]> = [
    ['MIT', 'allow', 'permissive'],
    ['Apache-2.0', 'allow', 'permissive'],
    ['CC0-1.0', 'allow', 'public-domain'],
    ['Unlicense', 'allow', 'public-domain'],
    ['LGPL-2.1-only', 'review', 'weak-copyleft'],
    ['MPL-2.0', 'review', 'weak-copyleft'],
    ['EPL-2.0', 'review', 'weak-copyleft'],
    ['CDDL-1.0', 'review', 'weak-copyleft'],
    ['GPL-3.0-only', 'deny', 'strong-copyleft'],
    ['GPL-2.0-or-later', 'deny', 'strong-copyleft'],
    ['AGPL-3.0-only', 'deny', 'network-copyleft'],
    ['SSPL-1.0', 'deny', 'source-available'],
    ['BUSL-1.1', 'deny', 'source-available'],
    ['Elastic-2.0', 'deny', 'source-available'],
    ['CC-BY-NC-4.0', 'deny', 'non-commercial'],
    ['CC-BY-NC-SA-4.0', 'deny', 'non-commercial'],
  ];
  for (const [license, verdict, rule] of verdicts) {
    it(`${verdict === 'allow' ? 'allows' : verdict === 'deny' ? 'denies' : 'wants a review of'} ${license} in a runtime dependency (${rule})`, () => {
      const result = evaluate(license);
      assert.equal(result.verdict, verdict);
      assert.equal(result.rule, rule);
    });
  }

  it('satisfies OR by its best branch and names it', () => {
    const result = evaluate('GPL-3.0-only OR MIT');
    assert.equal(result.verdict, 'allow');
    assert.equal(result.chosen, 'MIT');
    assert.match(result.reason, /choosing MIT/);
  });

  it('decides AND by its worst part', () => {
    const result = evaluate('MIT AND GPL-3.0-only');
    assert.equal(result.verdict, 'deny');
    assert.equal(result.decidingLicense, 'GPL-3.0-only');
    assert.match(result.reason, /GPL-3\.0-only decides/);
  });

  it('resolves nested expressions: (MIT AND LGPL-2.1-only) OR GPL-3.0-only needs review', () => {
    const result = evaluate('(MIT AND LGPL-2.1-only) OR GPL-3.0-only');
    assert.equal(result.verdict, 'review');
    assert.equal(result.chosen, 'MIT AND LGPL-2.1-only');
  });

  it('treats GPL with a linking exception as weak copyleft', () => {
    const result = evaluate('GPL-2.0-only WITH Classpath-exception-2.0');
    assert.equal(result.verdict, 'review');
    assert.equal(result.rule, 'weak-copyleft');
  });

  it('allows strong and network copyleft in development-only dependencies, with a note', () => {
    for (const license of ['GPL-3.0-only', 'AGPL-3.0-only']) {
      const result = evaluate(license, 'dev');
      assert.equal(result.verdict, 'allow');
      assert.match(result.note ?? '', /development-only/);
    }
  });

  it('keeps non-commercial and source-available denied even for development-only dependencies', () => {
    assert.equal(evaluate('CC-BY-NC-4.0', 'dev').verdict, 'deny');
    assert.equal(evaluate('SSPL-1.0', 'dev').verdict, 'deny');
  });

  it('wants a review for an unknown or missing license, saying why', () => {
    const missing = evaluate(undefined);
    assert.equal(missing.verdict, 'review');
    assert.equal(missing.rule, 'no-license');
    const unknown = evaluate('Some Custom Terms');
    assert.equal(unknown.verdict, 'review');
    assert.equal(unknown.rule, 'unknown-license');
    assert.match(unknown.reason, /^License unknown:/);
    assert.equal(evaluate('BSD').rule, 'ambiguous-license');
  });

  it('denies Apache-2.0 with the Commons Clause as source-available', () => {
    const result = evaluate('Apache 2.0 with Commons Clause');
    assert.equal(result.verdict, 'deny');
    assert.equal(result.rule, 'source-available');
  });

  it('treats UNLICENSED as proprietary', () => {
    const result = evaluate('UNLICENSED');
    assert.equal(result.rule, 'proprietary');
    assert.equal(result.verdict, 'review');
  });

  it('lists the obligations of the chosen branch only', () => {
    assert.deepEqual(evaluate('MIT OR GPL-3.0-only').obligations, ['include-notice']);
    assert.ok(evaluate('GPL-3.0-only').obligations.includes('same-license-work'));
  });

  it('lets a policy override a single license', () => {
    const loaded = parsePolicy('{ "licenses": { "LGPL-2.1-only": "allow" } }', '/p.json');
    assert.ok(loaded.ok);
    const result = evaluateLicense(normalizeLicense('LGPL-2.1-only'), 'runtime', loaded.policy);
    assert.equal(result.verdict, 'allow');
    assert.equal(result.rule, 'license-listed');
  });
});
