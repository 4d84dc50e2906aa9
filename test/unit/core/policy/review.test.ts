import * as assert from 'node:assert/strict';
import { reviewRequestLink, type ReviewFacts } from '../../../../src/core/policy/review';

const FACTS: ReviewFacts = {
  package: '@acme/gpl lib',
  ecosystem: 'npm',
  version: '2.0.1',
  license: 'GPL-3.0-only OR MIT',
  manifest: 'web/package.json',
  verdict: 'deny',
  reason: 'Strong copyleft & runtime.',
};

describe('review request links', () => {
  it('fills every placeholder of the policy URL, URL-encoded', () => {
    const link = reviewRequestLink(
      { url: 'https://ospo.example/review?package={package}&version={version}&license={license}&manifest={manifest}&reason={reason}&e={ecosystem}&v={verdict}' },
      FACTS,
    );
    const params = new URL(link).searchParams;
    assert.equal(new URL(link).host, 'ospo.example');
    assert.deepEqual(Object.fromEntries(params), {
      package: '@acme/gpl lib',
      version: '2.0.1',
      license: 'GPL-3.0-only OR MIT',
      manifest: 'web/package.json',
      reason: 'Strong copyleft & runtime.',
      e: 'npm',
      v: 'deny',
    });
  });

  it('cannot be steered by a value: an & in the reason stays inside its parameter', () => {
    const link = reviewRequestLink({ url: 'https://ospo.example/r?reason={reason}&fixed=1' }, FACTS);
    assert.equal(new URL(link).searchParams.get('fixed'), '1');
    assert.equal([...new URL(link).searchParams.keys()].length, 2);
  });

  it('writes a mailto link with a subject and a body naming the package, version and license', () => {
    const link = reviewRequestLink({ email: 'ospo@example.com' }, FACTS);
    assert.ok(link.startsWith('mailto:ospo@example.com?subject='));
    const url = new URL(link);
    assert.equal(url.searchParams.get('subject'), 'OSPO review: @acme/gpl lib 2.0.1 (GPL-3.0-only OR MIT)');
    const body = url.searchParams.get('body') ?? '';
    assert.match(body, /Package: @acme\/gpl lib \(npm\)\r\nVersion: 2\.0\.1\r\nLicense: GPL-3\.0-only OR MIT\r\nManifest: web\/package\.json/);
    assert.match(body, /Policy verdict: deny\. Strong copyleft & runtime\./);
  });
});
