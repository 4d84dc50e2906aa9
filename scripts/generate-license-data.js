#!/usr/bin/env node
// Builds src/core/licenses/generated/license-data.json: what OSPO Lens knows about every SPDX
// license id (name, OSI/FSF flags, category, obligations, which source decided) plus the OSADL
// compatibility rows. It runs at build time (`npm run generate`) so the knowledge base follows the
// data packages instead of a hand-kept table, and the extension ships no license texts.
//
// Sources, in order of precedence for the category (see data/license-curation.json "about"):
//   1. data/license-curation.json                  our own table, always wins
//   2. data/google-licenseclassifier-categories.json  Google licenseclassifier (Apache-2.0)
//   3. @blueoak/list                                Blue Oak Council permissive list (CC0-1.0): listed => permissive
//   4. @rexxars/choosealicense-list                 choosealicense.com rules (data CC-BY-3.0): conditions => category
//   5. nothing known                                "other", which the default policy sends to review
// Names and OSI flags come from spdx-license-list (CC0-1.0), ids from spdx-license-ids (CC0-1.0),
// FSF-libre flags from data/spdx-fsf-libre.json (SPDX License List, CC-BY-3.0), compatibility from
// data/osadl-compatibility.json (OSADL, CC-BY-4.0). THIRD-PARTY-NOTICES.md credits them all.
//
// `node scripts/generate-license-data.js --verbose` also lists where sources disagree with the
// result and which ids stay "other", which is what to read when updating the curation.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT_FILE = path.join(ROOT, 'src', 'core', 'licenses', 'generated', 'license-data.json');
const VERBOSE = process.argv.includes('--verbose');

const readJson = (relative) => JSON.parse(fs.readFileSync(path.join(ROOT, relative), 'utf8'));
// Read package.json files directly: a package's "exports" may not expose it to require().
const packageVersion = (name) => readJson(path.join('node_modules', name, 'package.json')).version;

// The category and obligation names live in categories.ts, the single source of truth the
// TypeScript code compiles against; reading them here keeps the generator from drifting.
const categoriesSource = fs.readFileSync(path.join(ROOT, 'src', 'core', 'licenses', 'categories.ts'), 'utf8');
function constList(name) {
  const match = categoriesSource.match(new RegExp(`export const ${name} = \\[([^\\]]*)\\] as const`));
  if (!match) throw new Error(`generate-license-data: cannot find ${name} in src/core/licenses/categories.ts`);
  return [...match[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
}
const CATEGORIES = constList('CATEGORIES');
const OBLIGATIONS = constList('OBLIGATIONS');

// ---------------------------------------------------------------------------------------------
// SPDX ids, names, flags

const currentIds = require('spdx-license-ids');
const deprecatedIds = require('spdx-license-ids/deprecated.json');
const spdxList = require('spdx-license-list');
const deprecatedSet = new Set(deprecatedIds);
const spdxSet = new Set([...currentIds, ...deprecatedIds]);
/** Ids the curation adds although SPDX does not list them (filled while reading the curation). */
const nonSpdxIds = new Set();

/** Bare GNU ids (GPL-2.0) are deprecated in favour of -only / -or-later; older data still uses them. */
const GNU_BARE = /^(A?GPL|LGPL|GFDL)-(\d\.\d)$/;

/**
 * The SPDX ids a source's id stands for. Google's and choosealicense's lists predate SPDX 3.0, so
 * their "GPL-2.0" covers GPL-2.0-only, GPL-2.0-or-later and the deprecated GPL-2.0 itself.
 */
function expandLegacyId(id) {
  if (GNU_BARE.test(id)) return [id, `${id}-only`, `${id}-or-later`].filter((candidate) => spdxSet.has(candidate));
  return spdxSet.has(id) || nonSpdxIds.has(id) ? [id] : [];
}

const fsfData = readJson('data/spdx-fsf-libre.json');
const fsfLibre = new Set(fsfData.fsfLibre);
function isFsfLibre(id) {
  if (fsfLibre.has(id)) return true;
  // A deprecated bare GNU id means its -only form (SPDX 3.0), so it shares that flag.
  return GNU_BARE.test(id) && fsfLibre.has(`${id}-only`);
}

// ---------------------------------------------------------------------------------------------
// Our curation

const curation = readJson('data/license-curation.json');
const RULE_FIELDS = new Set(['ids', 'pattern', 'except', 'nonSpdx', 'category', 'obligations', 'addObligations', 'name', 'note', 'why']);
const rules = curation.rules.map((rule, index) => {
  const where = `data/license-curation.json rule ${index + 1}`;
  for (const field of Object.keys(rule)) if (!RULE_FIELDS.has(field)) throw new Error(`${where}: unknown field "${field}"`);
  if (!rule.why) throw new Error(`${where}: say why`);
  if (!rule.ids === !rule.pattern) throw new Error(`${where}: give either ids or pattern`);
  if (rule.category && !CATEGORIES.includes(rule.category)) throw new Error(`${where}: unknown category ${rule.category}`);
  for (const obligation of [...(rule.obligations ?? []), ...(rule.addObligations ?? [])]) {
    if (!OBLIGATIONS.includes(obligation)) throw new Error(`${where}: unknown obligation ${obligation}`);
  }
  for (const id of [...(rule.ids ?? []), ...(rule.except ?? [])]) {
    if (spdxSet.has(id)) continue;
    if (rule.nonSpdx) nonSpdxIds.add(id);
    else throw new Error(`${where}: ${id} is not an SPDX license id (set "nonSpdx": true if that is intended)`);
  }
  const pattern = rule.pattern ? new RegExp(`^(?:${rule.pattern})$`) : undefined;
  const ids = rule.ids ? new Set(rule.ids) : undefined;
  const except = new Set(rule.except ?? []);
  return { ...rule, where, matches: (id) => !except.has(id) && (ids ? ids.has(id) : pattern.test(id)) };
});

const allIds = [...spdxSet, ...nonSpdxIds].sort((a, b) => a.localeCompare(b, 'en'));
for (const rule of rules) {
  if (!allIds.some(rule.matches)) throw new Error(`${rule.where}: matches no SPDX id`);
}

// ---------------------------------------------------------------------------------------------
// Category opinions of each source

const googleData = readJson('data/google-licenseclassifier-categories.json');
/** Google's categories in ours. by_exception_only and forbidden mean "someone must decide": other. */
const GOOGLE_TO_CATEGORY = {
  restricted: 'strong-copyleft',
  reciprocal: 'weak-copyleft',
  notice: 'permissive',
  permissive: 'permissive',
  unencumbered: 'public-domain',
  by_exception_only: 'other',
  forbidden: 'other',
};
const google = new Map();
const unmatchedSourceIds = [];
for (const [googleCategory, ids] of Object.entries(googleData.categories)) {
  if (!(googleCategory in GOOGLE_TO_CATEGORY)) throw new Error(`generate-license-data: unknown Google category ${googleCategory}`);
  for (const id of ids) {
    const expanded = expandLegacyId(id);
    if (expanded.length === 0) unmatchedSourceIds.push(`google:${id}`);
    for (const spdxId of expanded) google.set(spdxId, googleCategory);
  }
}

const blueOak = new Map();
for (const rating of require('@blueoak/list')) {
  for (const license of rating.licenses) {
    const expanded = expandLegacyId(license.id);
    if (expanded.length === 0) unmatchedSourceIds.push(`blue-oak:${license.id}`);
    for (const spdxId of expanded) blueOak.set(spdxId, rating.name);
  }
}
/** Blue Oak's top ratings require an explicit patent grant ("address patents explicitly"). */
const BLUE_OAK_PATENT_RATINGS = new Set(['Model', 'Gold']);

const chooseALicense = new Map();
for (const [id, rules] of Object.entries(require('@rexxars/choosealicense-list/licenses.json'))) {
  const expanded = expandLegacyId(id);
  if (expanded.length === 0) unmatchedSourceIds.push(`choosealicense:${id}`);
  for (const spdxId of expanded) chooseALicense.set(spdxId, rules);
}

/** choosealicense.com's conditions say how far the copyleft reaches, which is our category. */
function chooseALicenseCategory(rules) {
  const conditions = new Set(rules.conditions);
  if (conditions.has('network-use-disclose')) return 'network-copyleft';
  if (conditions.has('same-license')) return 'strong-copyleft';
  if (conditions.has('same-license--file') || conditions.has('same-license--library')) return 'weak-copyleft';
  if (conditions.size === 0) return 'public-domain';
  return 'permissive';
}

/** choosealicense.com's permissions/conditions/limitations as our obligations. */
const CHOOSEALICENSE_OBLIGATIONS = {
  conditions: {
    'include-copyright': 'include-notice',
    'include-copyright--source': 'include-notice',
    'document-changes': 'state-changes',
    'disclose-source': 'disclose-source',
    'network-use-disclose': 'network-use-is-distribution',
    'same-license': 'same-license-work',
    'same-license--file': 'same-license-file',
    'same-license--library': 'same-license-library',
  },
  permissions: { 'patent-use': 'patent-grant' },
  limitations: { 'trademark-use': 'trademark-limits' },
};
function chooseALicenseObligations(rules) {
  const result = [];
  for (const [kind, mapping] of Object.entries(CHOOSEALICENSE_OBLIGATIONS)) {
    for (const tag of rules[kind] ?? []) if (mapping[tag]) result.push(mapping[tag]);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Putting it together

/**
 * What each category means in obligations, and the least an entry of that category must carry.
 * A weak copyleft license without a source saying otherwise gets the stricter library scope.
 */
const CATEGORY_DEFAULT_OBLIGATIONS = {
  'public-domain': [],
  permissive: ['include-notice'],
  'weak-copyleft': ['include-notice', 'disclose-source', 'same-license-library'],
  'strong-copyleft': ['include-notice', 'disclose-source', 'same-license-work'],
  'network-copyleft': ['include-notice', 'disclose-source', 'same-license-work', 'network-use-is-distribution'],
  'source-available': ['include-notice', 'restricted-use'],
  'non-commercial': ['include-notice', 'restricted-use'],
  proprietary: ['restricted-use'],
  other: [],
};
const CATEGORY_REQUIRED_OBLIGATIONS = {
  'strong-copyleft': ['disclose-source', 'same-license-work'],
  'network-copyleft': ['disclose-source', 'same-license-work', 'network-use-is-distribution'],
  'source-available': ['restricted-use'],
  'non-commercial': ['restricted-use'],
  proprietary: ['restricted-use'],
};
/** Obligations that would contradict a category; the build fails on them so curation fixes the data. */
const CATEGORY_FORBIDDEN_OBLIGATIONS = {
  'public-domain': ['disclose-source', 'same-license-file', 'same-license-library', 'same-license-work', 'network-use-is-distribution', 'restricted-use'],
  permissive: ['disclose-source', 'same-license-file', 'same-license-library', 'same-license-work', 'network-use-is-distribution', 'restricted-use'],
  'weak-copyleft': ['same-license-work'],
};

const sortObligations = (list) => OBLIGATIONS.filter((o) => list.includes(o));
const sameList = (a, b) => a.length === b.length && a.every((item, i) => item === b[i]);

const problems = [];
const disagreements = [];
const licenses = {};
for (const id of allIds) {
  const matching = rules.filter((rule) => rule.matches(id));
  const first = (field) => matching.find((rule) => rule[field] !== undefined)?.[field];

  const opinions = [];
  if (google.has(id)) opinions.push(['google', GOOGLE_TO_CATEGORY[google.get(id)]]);
  if (blueOak.has(id)) opinions.push(['blue-oak', 'permissive']);
  if (chooseALicense.has(id)) opinions.push(['choosealicense', chooseALicenseCategory(chooseALicense.get(id))]);

  const curated = first('category');
  const [decider, category] = curated ? ['curation', curated] : opinions[0] ?? [undefined, 'other'];
  const from = decider ? [decider, ...opinions.filter(([source, c]) => source !== decider && c === category).map(([source]) => source)] : [];
  for (const [source, opinion] of opinions) {
    if (opinion !== category) disagreements.push(`${id}: ${category} (${decider}) but ${source} says ${opinion}`);
  }

  let obligations = chooseALicense.has(id) ? chooseALicenseObligations(chooseALicense.get(id)) : [...CATEGORY_DEFAULT_OBLIGATIONS[category]];
  obligations = first('obligations') ?? obligations;
  if (BLUE_OAK_PATENT_RATINGS.has(blueOak.get(id))) obligations.push('patent-grant');
  for (const rule of matching) obligations.push(...(rule.addObligations ?? []));
  obligations.push(...(CATEGORY_REQUIRED_OBLIGATIONS[category] ?? []));
  if (category === 'weak-copyleft' && !obligations.some((o) => o === 'same-license-file' || o === 'same-license-library')) {
    obligations.push('same-license-library');
  }
  obligations = sortObligations(obligations);
  const contradictions = obligations.filter((o) => (CATEGORY_FORBIDDEN_OBLIGATIONS[category] ?? []).includes(o));
  if (contradictions.length > 0) problems.push(`${id} is ${category} but has ${contradictions.join(', ')}: curate its category or obligations`);

  const name = spdxList[id]?.name ?? first('name');
  const entry = { category };
  if (name) entry.name = name;
  if (spdxList[id]?.osiApproved) entry.osi = true;
  if (isFsfLibre(id)) entry.fsf = true;
  if (deprecatedSet.has(id)) entry.deprecated = true;
  if (deprecatedSet.has(id) && GNU_BARE.test(id)) entry.replacedBy = `${id}-only`;
  if (nonSpdxIds.has(id)) entry.spdx = false;
  // Obligations equal to the category's defaults are left out to keep the file small.
  if (!sameList(obligations, CATEGORY_DEFAULT_OBLIGATIONS[category])) entry.obligations = obligations;
  if (from.length > 0) entry.from = from;
  if (google.has(id)) entry.google = google.get(id);
  if (blueOak.has(id)) entry.blueOak = blueOak.get(id);
  const note = first('note');
  if (note) entry.note = note;
  licenses[id] = entry;
}
if (problems.length > 0) throw new Error(`generate-license-data:\n  ${problems.join('\n  ')}`);

// ---------------------------------------------------------------------------------------------
// OSADL compatibility, one letter per cell so the table stays small

const osadl = readJson('data/osadl-compatibility.json');
const OSADL_CODES = { Yes: 'Y', No: 'N', 'Check dependency': 'C', Unknown: 'U', Same: 'S' };
const outbound = {};
for (const [leading, row] of Object.entries(osadl.outbound)) {
  if (row.length !== osadl.inbound.length) throw new Error(`data/osadl-compatibility.json: row ${leading} has ${row.length} cells, expected ${osadl.inbound.length}`);
  outbound[leading] = row
    .map((value) => {
      if (!(value in OSADL_CODES)) throw new Error(`data/osadl-compatibility.json: unknown value "${value}" in row ${leading}`);
      return OSADL_CODES[value];
    })
    .join('');
}

const data = {
  schema: 1,
  sources: {
    'spdx-license-ids': packageVersion('spdx-license-ids'),
    'spdx-license-list': packageVersion('spdx-license-list'),
    '@blueoak/list': packageVersion('@blueoak/list'),
    '@rexxars/choosealicense-list': packageVersion('@rexxars/choosealicense-list'),
    'google-licenseclassifier': googleData.source.commit,
    'spdx-fsf-libre': `${fsfData.source.repository}@${fsfData.source.commit}`,
    osadl: `${osadl.source.mirror}@${osadl.source.commit}`,
  },
  defaultObligations: CATEGORY_DEFAULT_OBLIGATIONS,
  licenses,
  compatibility: { inbound: osadl.inbound, outbound },
};

const text = `${JSON.stringify(data)}\n`;
fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
// Rewrite only on change, so watchers and incremental builds are not woken for nothing.
const previous = fs.existsSync(OUT_FILE) ? fs.readFileSync(OUT_FILE, 'utf8') : undefined;
if (previous !== text) fs.writeFileSync(OUT_FILE, text);

if (VERBOSE) {
  const counts = {};
  for (const entry of Object.values(licenses)) counts[entry.category] = (counts[entry.category] ?? 0) + 1;
  console.log(`license-data: ${allIds.length} ids, ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB`);
  for (const category of CATEGORIES) console.log(`  ${category}: ${counts[category] ?? 0}`);
  console.log(`source ids that are not SPDX ids (ignored): ${unmatchedSourceIds.join(', ') || 'none'}`);
  console.log(`ids without a full name: ${allIds.filter((id) => !licenses[id].name).join(', ') || 'none'}`);
  console.log(`sources disagreeing with the result (${disagreements.length}):\n  ${disagreements.join('\n  ')}`);
  const unknown = allIds.filter((id) => !licenses[id].from && !deprecatedSet.has(id));
  console.log(`current ids no source categorises (${unknown.length}, "other"):\n  ${unknown.join(' ')}`);
}
