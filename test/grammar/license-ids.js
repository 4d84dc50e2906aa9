// Keeps the SPDX license ids inside the JSON injection grammar in step with the
// spdx-license-ids package (the same list the checker uses), so a license the SPDX
// list adds is highlighted as soon as the package is updated and this is re-run.
//
//   node test/grammar/license-ids.js           exits 1 when the grammar is out of date
//   node test/grammar/license-ids.js --write   rewrites the list in the grammar
//
// The list sits between two regex comments, (?#spdx-license-ids) and
// (?#/spdx-license-ids), so the rest of the pattern stays hand-written.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const GRAMMAR = path.join(__dirname, '..', '..', 'syntaxes', 'spdx-license-expression.injection.tmLanguage.json');
const BEGIN = '(?#spdx-license-ids)';
/** Marks the end of an id in the trie (no id character is empty). */
const END_OF_ID = '';
const END = '(?#/spdx-license-ids)';

/**
 * Every current and deprecated SPDX license id as one regex, written as a trie
 * ("A(?:AL|DSL|…)") rather than a flat list: a flat 700-way alternation is tried
 * branch by branch at every string start and made JSON tokenizing several times slower.
 */
function idPattern() {
  const ids = [...require('spdx-license-ids'), ...require('spdx-license-ids/deprecated')]
    // "GPL-2.0+"-style deprecated ids are covered by the pattern's own optional "+"
    .filter((id) => !id.endsWith('+'));
  const root = {};
  for (const id of new Set(ids)) {
    let node = root;
    for (const char of id) node = node[char] ??= {};
    node[END_OF_ID] = {};
  }
  return toRegex(root);
}

function toRegex(node) {
  const ends = END_OF_ID in node;
  const branches = Object.keys(node)
    .filter((char) => char !== END_OF_ID)
    .sort()
    .map((char) => char.replace(/[.+\-]/g, (c) => `\\${c}`) + toRegex(node[char]));
  if (branches.length === 0) return '';
  const group = branches.length === 1 && !ends ? branches[0] : `(?:${branches.join('|')})`;
  return ends ? `${group}?` : group;
}

/** The grammar's text with its id list replaced by the current one. */
function withCurrentIds(grammarText) {
  const grammar = JSON.parse(grammarText);
  const rule = grammar.repository['whole-string-expression'];
  const start = rule.begin.indexOf(BEGIN);
  const end = rule.begin.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${GRAMMAR}: the id list markers ${BEGIN} … ${END} are missing`);
  rule.begin = rule.begin.slice(0, start + BEGIN.length) + idPattern() + rule.begin.slice(end);
  return JSON.stringify(grammar, null, 2) + '\n';
}

/** The id pattern as it is in the grammar now. */
function grammarIdPattern() {
  const begin = JSON.parse(fs.readFileSync(GRAMMAR, 'utf8')).repository['whole-string-expression'].begin;
  return begin.slice(begin.indexOf(BEGIN) + BEGIN.length, begin.indexOf(END));
}

/** Returns a problem message, or undefined when the grammar lists exactly the current ids. */
function checkGrammar() {
  const text = fs.readFileSync(GRAMMAR, 'utf8');
  return withCurrentIds(text) === text
    ? undefined
    : 'the license ids in the JSON injection grammar differ from spdx-license-ids: run node test/grammar/license-ids.js --write';
}

if (require.main === module) {
  if (process.argv.includes('--write')) {
    fs.writeFileSync(GRAMMAR, withCurrentIds(fs.readFileSync(GRAMMAR, 'utf8')));
  } else {
    const problem = checkGrammar();
    if (problem) {
      console.error(problem);
      process.exitCode = 1;
    }
  }
}

module.exports = { checkGrammar, grammarIdPattern };
