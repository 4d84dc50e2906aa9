import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import licenseIds = require('spdx-license-ids');
import exceptionIds = require('spdx-exceptions');
import { normalizeClassifiers, normalizeLicense, type DeclaredLicense, type NormalizedLicense } from '../../src/core/licenses/normalize';
import { formatExpression, licenseLeaves, parseSpdxExpression, type LicenseNode } from '../../src/core/licenses/spdx';
import { FORMAT_TOKENS, anyText } from './support/arbitraries';
import { fuzzIt } from './support/property';

/**
 * The license normaliser and the SPDX reader on anything a package may declare:
 * they never throw, and what they return keeps its promises (a canonical
 * expression that reads back as itself, a suggestion only with low confidence).
 */

const CONFIDENCES = ['exact', 'high', 'low', 'none'];

/** SPDX-looking text: ids, operators, names, URLs and punctuation run together. */
const licenseText = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...FORMAT_TOKENS.spdx, ' ', ' ', '(', ')'), { maxLength: 12 }).map((parts) => parts.join(' ')) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...FORMAT_TOKENS.spdx), { maxLength: 8 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: anyText(FORMAT_TOKENS.spdx, 120) },
  { weight: 1, arbitrary: fc.constantFrom(...licenseIds).map((id) => id.toLowerCase()) },
);

/** An object whose fields throw when read: junk metadata seen through a proxy or a getter. */
const hostileObject = fc.constantFrom<unknown>(
  Object.defineProperty({}, 'type', {
    get() {
      throw new Error('getter');
    },
  }),
  new Proxy(
    {},
    {
      get() {
        throw new Error('proxy');
      },
    },
  ),
  { type: { toString: () => 'MIT' } },
  Object.create(null) as unknown,
);

/** The shapes package.json and POM license fields take, nested and mixed with anything else. */
const declaredValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: licenseText },
    { weight: 2, arbitrary: fc.record({ type: fc.oneof(licenseText, tie('value')), name: fc.option(licenseText), url: fc.option(licenseText) }, { requiredKeys: [] }) },
    { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withBigInt: true, withSparseArray: true }) },
    { weight: 1, arbitrary: hostileObject },
  ),
})).value;

function assertKeepsPromises(result: NormalizedLicense): void {
  assert.ok(CONFIDENCES.includes(result.confidence), `confidence ${result.confidence}`);
  assert.ok(result.declared === null || typeof result.declared === 'string', 'declared is text or null');
  if (result.confidence === 'exact' || result.confidence === 'high') {
    assert.ok(result.expression !== null && result.node !== null, 'a confident reading has an expression');
    assert.equal(formatExpression(result.node), result.expression, 'the node and the expression agree');
    const reread = parseSpdxExpression(result.expression);
    assert.ok(reread, `the expression ${JSON.stringify(result.expression)} is valid SPDX`);
    assert.equal(formatExpression(reread), result.expression, 'the expression is canonical');
    assert.equal(result.problem, undefined, 'a confident reading has no problem');
  } else {
    assert.equal(result.expression, null, 'no expression without confidence');
    assert.equal(result.node, null, 'no node without confidence');
    assert.ok(result.problem !== undefined, 'an unresolved reading says why');
    assert.equal(typeof result.note, 'string', 'an unresolved reading explains itself');
  }
  if (result.confidence === 'low') assert.ok(result.suggestion !== undefined, 'low confidence comes with a suggestion');
  if (result.suggestion !== undefined) {
    assert.ok(result.confidence === 'low', 'a suggestion comes only with low confidence');
    assert.ok(parseSpdxExpression(result.suggestion), `the suggestion ${JSON.stringify(result.suggestion)} is valid SPDX`);
  }
}

/** Random expression trees over real SPDX ids and exceptions. */
const licenseNode: fc.Arbitrary<LicenseNode> = fc.letrec<{ node: LicenseNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', maxDepth: 6 },
    {
      weight: 4,
      arbitrary: fc
        .record({ id: fc.constantFrom(...licenseIds), orLater: fc.boolean(), exception: fc.option(fc.constantFrom(...exceptionIds), { nil: undefined }) })
        .map(({ exception, ...leaf }): LicenseNode => ({ kind: 'license', ...leaf, ...(exception ? { exception } : {}) })),
    },
    // SPDX gives a LicenseRef neither "+" nor "WITH".
    fc.stringMatching(/^LicenseRef-[A-Za-z0-9.-]{1,12}$/).map((id): LicenseNode => ({ kind: 'license', id, orLater: false })),
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('node'), right: tie('node') }),
  ),
})).node;

describe('fuzz: licenses', () => {
  fuzzIt('normalizeLicense never throws and keeps its promises on anything declared', { unit: 200, full: 25_000 }, declaredValue, (value) => {
    assertKeepsPromises(normalizeLicense(value as DeclaredLicense));
  });

  fuzzIt('normalizeLicense reads its own expressions back exactly', { unit: 100, full: 8000 }, licenseText, (text) => {
    const first = normalizeLicense(text);
    if (first.expression === null) return;
    const again = normalizeLicense(first.expression);
    assert.equal(again.expression, first.expression);
    assert.equal(again.confidence, 'exact');
  });

  fuzzIt(
    'normalizeClassifiers never throws and keeps its promises on any classifier list',
    { unit: 100, full: 8000 },
    fc.array(fc.oneof(licenseText.map((t) => `License :: ${t}`), fc.constantFrom('License :: OSI Approved :: MIT License', 'License :: OSI Approved', 'Programming Language :: Python'), licenseText), { maxLength: 6 }),
    (classifiers) => assertKeepsPromises(normalizeClassifiers(classifiers)),
  );

  fuzzIt('parseSpdxExpression never throws, and what it reads formats to a fixed point', { unit: 200, full: 20_000 }, licenseText, (text) => {
    const node = parseSpdxExpression(text);
    if (!node) return;
    assert.ok(licenseLeaves(node).length > 0);
    const formatted = formatExpression(node);
    const reread = parseSpdxExpression(formatted);
    assert.ok(reread, `${JSON.stringify(formatted)} reads back`);
    assert.equal(formatExpression(reread), formatted);
  });

  fuzzIt('any expression tree over real SPDX ids formats to text that reads back to the same canonical form', { unit: 100, full: 8000 }, licenseNode, (tree) => {
    const canonical = parseSpdxExpression(formatExpression(tree));
    assert.ok(canonical, `${JSON.stringify(formatExpression(tree))} reads back`);
    assert.equal(licenseLeaves(canonical).length, licenseLeaves(tree).length, 'no license is lost');
    const text = formatExpression(canonical);
    const again = parseSpdxExpression(text);
    assert.ok(again);
    assert.equal(formatExpression(again), text);
  });
});
