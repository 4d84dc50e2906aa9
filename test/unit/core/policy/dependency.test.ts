import * as assert from 'node:assert/strict';
import { normalizeLicense } from '../../../../src/core/licenses/normalize';
import type { Scope } from '../../../../src/core/model';
import { evaluateDependency, matchesPattern } from '../../../../src/core/policy/dependency';
import { evaluateLicense } from '../../../../src/core/policy/evaluate';
import { parsePolicy } from '../../../../src/core/policy/load';
import type { Policy } from '../../../../src/core/policy/types';

const policyOf = (json: unknown): Policy => {
  const result = parsePolicy(JSON.stringify(json), '/repo/.ospo/policy.json');
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  return result.policy;
};
const today = new Date('2026-11-22T12:00:00Z');
const dep = (name: string, version: string | null = '2.0.1', scope: Scope = 'runtime') => ({ ecosystem: 'npm' as const, name, version, scope });

describe('policy: distribution models', () => {
  const verdict = (distribution: string, license: string, scope: Scope = 'runtime') =>
    evaluateLicense(normalizeLicense(license), scope, policyOf({ distribution })).verdict;

  it('distributed: strong and network copyleft denied, weak copyleft reviewed', () => {
    assert.deepEqual([verdict('distributed', 'GPL-3.0-only'), verdict('distributed', 'AGPL-3.0-only'), verdict('distributed', 'LGPL-3.0-only')], ['deny', 'deny', 'review']);
  });

  it('saas: strong copyleft needs review, network copyleft denied', () => {
    assert.deepEqual([verdict('saas', 'GPL-3.0-only'), verdict('saas', 'AGPL-3.0-only')], ['review', 'deny']);
  });

  it('internal: strong copyleft allowed, network copyleft needs review', () => {
    assert.deepEqual([verdict('internal', 'GPL-3.0-only'), verdict('internal', 'AGPL-3.0-only')], ['allow', 'review']);
  });

  it('non-commercial and source-available stay denied under every model and scope', () => {
    for (const distribution of ['distributed', 'saas', 'internal']) {
      for (const scope of ['runtime', 'dev'] as const) {
        assert.equal(verdict(distribution, 'CC-BY-NC-4.0', scope), 'deny', `${distribution}/${scope}`);
        assert.equal(verdict(distribution, 'SSPL-1.0', scope), 'deny', `${distribution}/${scope}`);
      }
    }
  });

  it('lets "categories" override the model', () => {
    const policy = policyOf({ distribution: 'saas', categories: { 'strong-copyleft': 'deny' } });
    assert.equal(evaluateLicense(normalizeLicense('GPL-2.0-only'), 'runtime', policy).verdict, 'deny');
  });

  it('lets "scopes" relax or tighten a category for one scope', () => {
    const policy = policyOf({ scopes: { dev: { 'strong-copyleft': 'review' }, optional: { 'weak-copyleft': 'allow' } } });
    assert.equal(evaluateLicense(normalizeLicense('GPL-3.0-only'), 'dev', policy).verdict, 'review');
    assert.equal(evaluateLicense(normalizeLicense('MPL-2.0'), 'optional', policy).verdict, 'allow');
  });

  it('applies "unknown" to licenses it cannot read', () => {
    assert.equal(evaluateLicense(normalizeLicense('Some custom terms'), 'runtime', policyOf({ unknown: 'deny' })).verdict, 'deny');
  });
});

describe('policy: exceptions and internal packages', () => {
  const gpl = normalizeLicense('GPL-3.0-only');

  it('never flags the organisation\'s own packages', () => {
    const result = evaluateDependency(dep('@acme/billing'), normalizeLicense('UNLICENSED'), policyOf({ internalPackages: ['@acme/*'] }), today);
    assert.equal(result.verdict, 'allow');
    assert.equal(result.rule, 'internal-package');
  });

  it('allows a package by exception, with its reason', () => {
    const policy = policyOf({ exceptions: [{ package: 'gpl-lib', reason: 'Used as a separate CLI process', approvedBy: 'ospo@acme.test', expires: '2027-01-31' }] });
    const result = evaluateDependency(dep('gpl-lib'), gpl, policy, today);
    assert.equal(result.verdict, 'allow');
    assert.equal(result.rule, 'exception');
    assert.match(result.reason, /^Allowed by a policy exception: Used as a separate CLI process \(approved by ospo@acme\.test, until 2027-01-31\)\. Without it: /);
    assert.equal(result.exception?.file, '/repo/.ospo/policy.json');
  });

  it('stops applying an expired exception, and says so', () => {
    const policy = policyOf({ exceptions: [{ package: 'gpl-lib', reason: 'trial', expires: '2026-11-21' }] });
    const result = evaluateDependency(dep('gpl-lib'), gpl, policy, today);
    assert.equal(result.verdict, 'deny');
    assert.match(result.reason, /The policy exception for gpl-lib expired on 2026-11-21\./);
  });

  it('still applies on its last day', () => {
    const policy = policyOf({ exceptions: [{ package: 'gpl-lib', reason: 'trial', expires: '2026-11-22' }] });
    assert.equal(evaluateDependency(dep('gpl-lib'), gpl, policy, today).verdict, 'allow');
  });

  it('covers only the versions it names', () => {
    const policy = policyOf({ exceptions: [{ package: 'gpl-lib', reason: 'r', version: '^1.0.0' }] });
    const result = evaluateDependency(dep('gpl-lib', '2.0.1'), gpl, policy, today);
    assert.equal(result.verdict, 'deny');
    assert.match(result.reason, /covers version \^1\.0\.0, not 2\.0\.1/);
    assert.equal(evaluateDependency(dep('gpl-lib', '1.4.0'), gpl, policy, today).verdict, 'allow');
  });

  it('lapses when the package changes its license', () => {
    const policy = policyOf({ exceptions: [{ package: 'gpl-lib', reason: 'r', license: 'LGPL-2.1-only' }] });
    const result = evaluateDependency(dep('gpl-lib'), gpl, policy, today);
    assert.equal(result.verdict, 'deny');
    assert.match(result.reason, /approved the license LGPL-2\.1-only, but it is now GPL-3\.0-only/);
  });

  it('matches * patterns and nothing else', () => {
    assert.ok(matchesPattern('@acme/*', '@acme/x'));
    assert.ok(matchesPattern('acme-*', 'acme-ui'));
    assert.ok(!matchesPattern('acme-*', 'not-acme-ui'));
    assert.ok(!matchesPattern('a.b', 'axb'));
  });
});
