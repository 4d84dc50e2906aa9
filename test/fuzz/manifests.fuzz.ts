import { MANIFEST_FORMATS } from '../../src/core/manifests';
import type { ManifestFormat } from '../../src/core/manifests/types';
import { FORMAT_TOKENS, anyText, mutatedText } from './support/arbitraries';
import { FULL, SLOW_FORMATS } from './support/budget';
import { manifestFixtures } from './support/fixtures';
import { exhaustiveIt, fuzzIt } from './support/property';
import { assertWellFormedManifest } from './support/ranges';

/**
 * Every manifest parser, on any text: `parse` returns (it never throws), the
 * dependencies are well formed, and every range (dependency, version, error,
 * include) lies inside the document.
 */

function tokensOf(format: ManifestFormat): readonly string[] {
  switch (format.ecosystem) {
    case 'npm':
      return FORMAT_TOKENS.json;
    case 'pypi':
      return format.label === 'pyproject.toml' ? FORMAT_TOKENS.toml : FORMAT_TOKENS.requirements;
    case 'cargo':
      return FORMAT_TOKENS.toml;
    case 'go':
      return FORMAT_TOKENS.gomod;
    case 'maven':
      return format.label.startsWith('build.gradle') ? FORMAT_TOKENS.gradle : FORMAT_TOKENS.xml;
    case 'nuget':
      return FORMAT_TOKENS.xml;
  }
}

function checkParse(format: ManifestFormat, text: string): void {
  assertWellFormedManifest(text, format.parse(text), format.ecosystem);
}

/** Every cut of every fixture in the full run; about 10 evenly spaced cuts per fixture in the unit run. */
function* truncations(format: ManifestFormat): Generator<string> {
  for (const { text } of manifestFixtures(format)) {
    const step = FULL ? 1 : Math.max(1, Math.ceil(text.length / 10));
    for (let at = 0; at <= text.length; at += step) yield text.slice(0, at);
  }
}

describe('fuzz: manifest parsers never throw and keep ranges inside the text', () => {
  for (const format of MANIFEST_FORMATS) {
    const tokens = tokensOf(format);
    const fixtures = manifestFixtures(format).map((f) => f.text);
    const slowdown = SLOW_FORMATS[format.label] ?? 1;

    fuzzIt(`${format.label}: arbitrary text`, { unit: 40, full: 4000 }, anyText(tokens), (text) => checkParse(format, text));

    fuzzIt(
      `${format.label}: real manifests with random edits`,
      { unit: Math.ceil(30 / slowdown), full: Math.ceil(3000 / slowdown) },
      mutatedText(fixtures, tokens),
      (text) => checkParse(format, text),
    );

    exhaustiveIt(`${format.label}: real manifests cut off at ${FULL ? 'every' : 'evenly spaced'} position${FULL ? '' : 's'}`, () => truncations(format), (text) =>
      checkParse(format, text),
    );
  }
});
