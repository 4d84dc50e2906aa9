import type { FoundLicense } from '../resolution';
import { identifyLicenseText } from './identify';
import { normalizeClassifiers, normalizeLicense, type NormalizedLicense } from './normalize';
import { parseSpdxExpression } from './spdx';

/**
 * Turns everything a source found into one normalised license, in order of
 * authority: the declared license, then (PyPI) trove classifiers, then the text
 * of a license file — which is also what `SEE LICENSE IN <file>` points at.
 */
export function licenseFromFound(found: FoundLicense): NormalizedLicense {
  const declared = normalizeLicense(found.declared);
  if (declared.node || declared.problem === 'proprietary' || declared.problem === 'ambiguous') {
    return declared;
  }
  if (found.classifiers && found.classifiers.length > 0) {
    const classified = normalizeClassifiers(found.classifiers);
    if (classified.node || declared.problem === 'missing') return classified;
  }
  if (found.licenseText !== undefined) return fromLicenseText(found.licenseText, found.licenseFile, declared);
  return declared;
}

function fromLicenseText(text: string, file: string | undefined, declared: NormalizedLicense): NormalizedLicense {
  const where = file ? fileName(file) : 'the license file';
  const identified = identifyLicenseText(text);
  const node = identified.expression ? parseSpdxExpression(identified.expression) : undefined;
  if (node && identified.expression) {
    const percent = Math.round(identified.confidence * 100);
    return {
      declared: declared.declared ?? `${where}`,
      expression: identified.expression,
      node,
      confidence: 'high',
      note: `identified from the text of ${where} (${percent}% match)${identified.note ? `; ${identified.note}` : ''}`,
    };
  }
  const closest = identified.matches[0];
  return {
    declared: declared.declared ?? `${where}`,
    expression: null,
    node: null,
    confidence: 'none',
    problem: 'unrecognised',
    note: `the text of ${where} does not match a known license closely enough${identified.note ? ` (${identified.note})` : ''}`,
    ...(closest ? { suggestion: closest.id } : {}),
  };
}

function fileName(file: string): string {
  return file.split(/[\\/]/).slice(-1)[0] ?? file;
}
