'use strict';
// Compares OSPO Lens's licenses with license-checker's, package by package.

/**
 * A neutral normal form for comparing two license strings, which is not our own
 * normaliser (that would make us agree with ourselves): outer parentheses, spacing
 * and letter case do not count, and the deprecated GNU ids mean their `-only` /
 * `-or-later` forms, as the SPDX list says.
 */
function canonical(text) {
  let s = String(text).trim().replace(/\s+/g, ' ');
  while (/^\(.*\)$/.test(s) && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim();
  s = s.replace(/\b((?:A|L)?GPL|GFDL)-(\d\.\d)\+/gi, '$1-$2-or-later');
  s = s.replace(/\b((?:A|L)?GPL|GFDL)-(\d\.\d)(?![-+.\d])/gi, '$1-$2-only');
  return s.toUpperCase();
}

function balanced(s) {
  let depth = 0;
  for (const c of s) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** license-checker's `licenses` field: a string, or an array for packages with several. */
function checkerLicense(value) {
  const list = Array.isArray(value) ? value : [value];
  const guessed = list.some((l) => typeof l === 'string' && l.endsWith('*'));
  const text = list.length > 1 ? list.map((l) => `(${l})`).join(' OR ') : String(list[0]);
  return { text, guessed };
}

/**
 * `ours`: our JSON report; `theirs`: license-checker's JSON (`name@version` keys).
 * Returns counts and every disagreement, compared on the packages both list.
 * license-checker's values ending in `*` are its guesses from a license file's
 * text, not declared licenses: they are listed apart, never counted as agreement.
 */
function compareLicenses(ours, theirs) {
  const mine = new Map();
  for (const d of ours.dependencies) mine.set(`${d.name}@${d.version}`, d.license);
  const result = { compared: 0, agree: 0, disagree: [], guesses: [], onlyTheirs: [], onlyOurs: [] };
  for (const [key, entry] of Object.entries(theirs)) {
    const license = mine.get(key);
    if (!license) {
      result.onlyTheirs.push(key);
      continue;
    }
    const their = checkerLicense(entry.licenses);
    const our = license.expression ?? license.declared ?? null;
    result.compared++;
    if (their.guessed) result.guesses.push({ key, ours: our, theirs: their.text });
    else if (our !== null && canonical(our) === canonical(their.text)) result.agree++;
    else result.disagree.push({ key, ours: our, theirs: their.text, note: license.note });
  }
  const listed = new Set(Object.keys(theirs));
  for (const key of mine.keys()) if (!listed.has(key)) result.onlyOurs.push(key);
  return result;
}

module.exports = { compareLicenses, canonical };
