import * as assert from 'node:assert/strict';
import { xmlAttribute, xmlText } from '../../../../src/core/reports/xml';

describe('XML escaping', () => {
  it('escapes markup in text', () => {
    assert.equal(xmlText('a < b & c > d'), 'a &lt; b &amp; c &gt; d');
  });

  it('escapes quotes and keeps line breaks and tabs in attributes', () => {
    assert.equal(xmlAttribute(`say "hi"\n'there'\t`), 'say &quot;hi&quot;&#10;&apos;there&apos;&#9;');
  });

  it('replaces characters XML 1.0 cannot hold, keeping surrogate pairs whole', () => {
    assert.equal(xmlText('a\u0000b\u001Fc\uD800d\uFFFE 😀'), 'a\uFFFDb\uFFFDc\uFFFDd\uFFFD 😀');
  });
});
