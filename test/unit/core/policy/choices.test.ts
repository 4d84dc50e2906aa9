import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { checkManifestText } from '../../../../src/core/check';
import { JsonFileCache } from '../../../../src/core/files';
import { normalizeLicense } from '../../../../src/core/licenses/normalize';
import { InstalledPackageLicenses } from '../../../../src/core/manifests/npm/localLicenses';
import { packageJsonFormat } from '../../../../src/core/manifests/npm/packageJson';
import { evaluateDependency } from '../../../../src/core/policy/dependency';
import { parsePolicy } from '../../../../src/core/policy/load';
import type { Policy } from '../../../../src/core/policy/types';
import { FIXTURES } from '../../repo';

const FILE = '/repo/.ospo/policy.json';
const policyOf = (json: unknown): Policy => {
  const result = parsePolicy(JSON.stringify(json), FILE);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  return result.policy;
};
const problemsOf = (json: unknown): string[] => {
  const result = parsePolicy(JSON.stringify(json), FILE);
  return result.ok ? [] : result.problems.map((p) => p.message);
};
const today = new Date('2026-11-22T12:00:00Z');
const dual = { ecosystem: 'npm' as const, name: 'dual-lib', version: '1.0.0', scope: 'runtime' as const };
const DUAL = normalizeLicense('MIT OR GPL-3.0-only');
const choice = (chosen: string, extra: object = {}) => ({ package: 'dual-lib', version: '1.0.0', expression: 'MIT OR GPL-3.0-only', chosen, ...extra });

describe('recorded license choices', () => {
  it('evaluates only the recorded branch: choosing the GPL side of MIT OR GPL is denied', () => {
    const evaluation = evaluateDependency(dual, DUAL, policyOf({ licenseChoices: [choice('GPL-3.0-only')] }), today);
    assert.equal(evaluation.verdict, 'deny');
    assert.equal(evaluation.chosen, 'GPL-3.0-only');
    assert.match(evaluation.reason, /offered under MIT OR GPL-3\.0-only, and the recorded choice is GPL-3\.0-only: GPL-3\.0-only is strong copyleft/);
  });

  it('takes obligations from the recorded branch only', () => {
    const evaluation = evaluateDependency(dual, DUAL, policyOf({ licenseChoices: [choice('MIT')] }), today);
    assert.equal(evaluation.verdict, 'allow');
    assert.equal(evaluation.chosen, 'MIT');
    assert.equal(evaluation.decidingLicense, 'MIT');
  });

  it('lapses when the package changes its license', () => {
    const changed = normalizeLicense('Apache-2.0 OR GPL-3.0-only');
    const evaluation = evaluateDependency(dual, changed, policyOf({ licenseChoices: [choice('GPL-3.0-only')] }), today);
    assert.equal(evaluation.verdict, 'allow', 'the best branch counts again');
    assert.equal(evaluation.chosen, 'Apache-2.0');
  });

  it('lapses for a version outside the one recorded', () => {
    const evaluation = evaluateDependency({ ...dual, version: '2.0.0' }, DUAL, policyOf({ licenseChoices: [choice('GPL-3.0-only')] }), today);
    assert.equal(evaluation.verdict, 'allow');
  });

  it('applies to another ecosystem only when the choice names none', () => {
    const policy = policyOf({ licenseChoices: [choice('GPL-3.0-only', { ecosystem: 'pypi' })] });
    assert.equal(evaluateDependency(dual, DUAL, policy, today).verdict, 'allow');
  });

  it('matches an expression written differently but meaning the same', () => {
    const policy = policyOf({ licenseChoices: [choice('gpl-3.0-only', { expression: 'mit or GPL-3.0-only' })] });
    assert.equal(evaluateDependency(dual, DUAL, policy, today).verdict, 'deny');
  });

  it('asks for a choice, as a note, when the policy has recordChoices and none is recorded', () => {
    const evaluation = evaluateDependency(dual, DUAL, policyOf({ recordChoices: true }), today);
    assert.equal(evaluation.verdict, 'allow');
    assert.match(evaluation.note ?? '', /no license choice is recorded for dual-lib: it is offered under MIT OR GPL-3\.0-only/);
  });

  it('says nothing about choices when the policy does not ask for them', () => {
    assert.equal(evaluateDependency(dual, DUAL, policyOf({}), today).note, undefined);
  });

  it('says nothing more once the choice is recorded', () => {
    const evaluation = evaluateDependency(dual, DUAL, policyOf({ recordChoices: true, licenseChoices: [choice('MIT')] }), today);
    assert.equal(evaluation.note, undefined);
  });

  it('drives the check of a real manifest: the fixture dual-lib with GPL chosen is denied', async () => {
    const manifest = path.join(FIXTURES, 'workspaces', 'npm-basic', 'package.json');
    const check = await checkManifestText(manifest, '{ "dependencies": { "dual-lib": "^1.0.0" } }', packageJsonFormat, {
      policy: policyOf({ licenseChoices: [choice('GPL-3.0-only')] }),
      sources: [new InstalledPackageLicenses(new JsonFileCache())],
    });
    assert.deepEqual([check.results[0].verdict, check.results[0].chosen], ['deny', 'GPL-3.0-only']);
  });
});

describe('policy fields for choices and review requests', () => {
  it('loads licenseChoices with the expression and choice normalised', () => {
    const [loaded] = policyOf({ licenseChoices: [choice('mit', { expression: 'mit OR gpl-3.0-only' })] }).licenseChoices;
    assert.deepEqual([loaded.expression, loaded.chosen, loaded.file], ['MIT OR GPL-3.0-only', 'MIT', FILE]);
  });

  it('rejects a choice that is not one of the alternatives', () => {
    assert.deepEqual(problemsOf({ licenseChoices: [choice('Apache-2.0')] }), ['"chosen" must be one of "MIT", "GPL-3.0-only"']);
  });

  it('rejects a choice for an expression that offers none', () => {
    assert.deepEqual(problemsOf({ licenseChoices: [choice('MIT', { expression: 'MIT' })] }), ['"expression" must be an SPDX expression offering a choice (with OR)']);
  });

  it('rejects a choice without the package', () => {
    assert.deepEqual(problemsOf({ licenseChoices: [{ expression: 'MIT OR ISC', chosen: 'MIT' }] }), ['a license choice needs "package"']);
  });

  it('rejects recordChoices that is not a boolean', () => {
    assert.deepEqual(problemsOf({ recordChoices: 'yes' }), ['"recordChoices" must be true or false']);
  });

  it('does not ask for choices by default', () => {
    assert.equal(policyOf({}).recordChoices, false);
  });

  it('loads a review request by URL or by email', () => {
    assert.deepEqual(policyOf({ reviewRequest: { url: 'https://ospo.example/review?p={package}' } }).reviewRequest, { url: 'https://ospo.example/review?p={package}' });
    assert.deepEqual(policyOf({ reviewRequest: { email: 'ospo@example.com' } }).reviewRequest, { email: 'ospo@example.com' });
  });

  it('rejects a review URL that is not https', () => {
    assert.deepEqual(problemsOf({ reviewRequest: { url: 'http://ospo.example/review' } }), ['"reviewRequest.url" must be an https URL, with placeholders only after the host']);
  });

  it('rejects a placeholder in the host, where a package name could choose the server', () => {
    assert.equal(problemsOf({ reviewRequest: { url: 'https://{package}.example/review' } }).length, 1);
  });

  it('rejects an unknown placeholder, naming the known ones', () => {
    assert.match(problemsOf({ reviewRequest: { url: 'https://ospo.example/?x={pkg}' } })[0], /unknown placeholder \{pkg\}.*\{package\}/);
  });

  it('rejects a review request with both a URL and an email', () => {
    assert.equal(problemsOf({ reviewRequest: { url: 'https://ospo.example/', email: 'ospo@example.com' } }).length, 1);
  });

  it('rejects an email that is not an address', () => {
    assert.deepEqual(problemsOf({ reviewRequest: { email: 'the OSPO' } }), ['"reviewRequest.email" must be an email address such as ospo@example.com']);
  });

  it('lets a later policy layer replace the review request', () => {
    const base = parsePolicy('{ "reviewRequest": { "email": "a@example.com" }, "recordChoices": true }', FILE);
    assert.ok(base.ok);
    assert.equal(base.policy.recordChoices, true);
  });
});
