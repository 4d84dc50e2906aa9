// Writes src/core/licenses/generated/license-fingerprints.json: for every current SPDX license
// text in spdx-license-list (CC0), the set of its normalised word-trigram hashes: derived data,
// about 1.2 MB against the package's 12 MB of texts, from which no text can be read back.
//
// Layout: one "dictionary" of every distinct trigram hash (sorted, delta-encoded), and per
// license the sorted indices of its trigrams in that dictionary (delta-encoded). Licenses share
// most of their trigrams (the BSD, MIT, GNU and Creative Commons families), so indices into a
// shared dictionary pack far smaller than each license's own hashes would.
//
// The normalisation and hashing are the ones src/core/licenses/identify.ts applies to files at
// run time. Rather than keep a second copy here that could drift, this script transpiles that
// file with TypeScript (a devDependency, like everything `npm run generate` needs) and calls it.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const IDENTIFY_TS = path.join(ROOT, 'src', 'core', 'licenses', 'identify.ts');
const OUTPUT = path.join(ROOT, 'src', 'core', 'licenses', 'generated', 'license-fingerprints.json');

const GNU_DISCLAIMER =
  'This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the implied ' +
  'warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.';

/**
 * Well-known short notices that stand for a license in files that carry no full text. Only
 * notices whose wording is fixed by the license steward, so matching them is as reliable as
 * matching the text. The GNU notices are what tell "-only" from "-or-later".
 */
const NOTICES = [
  {
    ids: ['Apache-2.0'],
    text: `Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
      with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
      Unless required by applicable law or agreed to in writing, software distributed under the License is distributed
      on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the License for
      the specific language governing permissions and limitations under the License.`,
  },
  {
    ids: ['MPL-2.0'],
    text: `This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL was
      not distributed with this file, You can obtain one at http://mozilla.org/MPL/2.0/.`,
  },
  {
    ids: ['EPL-2.0'],
    text: `This program and the accompanying materials are made available under the terms of the Eclipse Public License
      2.0 which is available at http://www.eclipse.org/legal/epl-2.0.`,
  },
  ...gnuNotices('GPL-2.0', 'General', '2', 'program'),
  ...gnuNotices('GPL-3.0', 'General', '3', 'program'),
  ...gnuNotices('LGPL-2.1', 'Lesser General', '2.1', 'library'),
  ...gnuNotices('LGPL-3.0', 'Lesser General', '3', 'library'),
  ...gnuNotices('AGPL-3.0', 'Affero General', '3', 'program'),
];

/**
 * The FSF's recommended notices for one GNU license, "or later" and "only", each with the old
 * ending (write to the FSF's postal address, still the norm for v2 licenses) and the new one.
 */
function gnuNotices(base, kind, version, work) {
  const name = `GNU ${kind} Public License`;
  const free = `This ${work} is free software: you can redistribute it and/or modify it under the terms of the ${name}`;
  const disclaimer = `${GNU_DISCLAIMER.replace('program', work)} See the ${name} for more details.`;
  const endings = [
    `You should have received a copy of the ${name} along with this ${work}. If not, see <https://www.gnu.org/licenses/>.`,
    `You should have received a copy of the ${name} along with this ${work}; if not, write to the Free Software
      Foundation, Inc., 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301 USA.`,
  ];
  const grants = {
    [`${base}-or-later`]: `${free} as published by the Free Software Foundation; either version ${version} of the License, or
      (at your option) any later version.`,
    [`${base}-only`]: `${free} version ${version} as published by the Free Software Foundation.`,
  };
  return Object.entries(grants).flatMap(([id, grant]) =>
    endings.map((ending) => ({ ids: [id], text: `${grant} ${disclaimer} ${ending}` })),
  );
}

function main() {
  // Every build, type-check and test run calls this; skip the 1-2 s of work when nothing changed.
  const inputs = inputsDigest();
  if (existingDigest() === inputs) return;
  const identify = loadIdentify();
  const texts = currentLicenseTexts();
  const whole = textEntries(identify, texts);
  const entries = [...whole, ...partEntries(identify, texts, whole), ...noticeEntries(identify)];
  const dictionary = [...new Set(entries.flatMap((entry) => entry.hashes))].sort((a, b) => a - b);
  const slotOf = new Map(dictionary.map((hash, slot) => [hash, slot]));
  const data = {
    format: identify.FINGERPRINT_FORMAT,
    source: `spdx-license-list ${require('spdx-license-list/package.json').version} (CC0-1.0), derived trigram hashes only`,
    inputs,
    ngram: identify.NGRAM,
    hashBits: identify.HASH_BITS,
    dictionary: identify.encodeSortedIntegers(dictionary),
    entries: entries.map((entry) => [
      entry.ids.join(' '),
      entry.kind,
      identify.encodeSortedIntegers(entry.hashes.map((hash) => slotOf.get(hash)).sort((a, b) => a - b)),
    ]),
  };
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  const json = JSON.stringify(data);
  fs.writeFileSync(OUTPUT, json);
  if (process.env.OSPO_VERBOSE) {
    console.log(`license fingerprints: ${entries.length} entries, ${dictionary.length} trigrams, ${json.length} bytes`);
  }
}

/** What the output depends on: the data package's version, this script and identify.ts (content, not dates). */
function inputsDigest() {
  const hash = crypto.createHash('sha256');
  hash.update(require('spdx-license-list/package.json').version);
  hash.update(require('spdx-license-ids/package.json').version);
  hash.update(fs.readFileSync(__filename));
  hash.update(fs.readFileSync(IDENTIFY_TS));
  return hash.digest('hex').slice(0, 16);
}

function existingDigest() {
  try {
    return JSON.parse(fs.readFileSync(OUTPUT, 'utf8')).inputs;
  } catch {
    return undefined; // missing or unreadable: generate
  }
}

/** identify.ts, transpiled in memory. Its only import is the file we are about to write. */
function loadIdentify() {
  const ts = require('typescript'); // loaded only when there is work: it takes most of a skipped run's time
  const source = fs.readFileSync(IDENTIFY_TS, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: IDENTIFY_TS,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const module = { exports: {} };
  const requireStub = (specifier) => {
    if (specifier === './generated/license-fingerprints.json') return {}; // only read lazily, never here
    throw new Error(`identify.ts must stay self-contained for the generator; it imports ${specifier}`);
  };
  new Function('exports', 'require', 'module', outputText)(module.exports, requireStub, module);
  return module.exports;
}

/** Current (non-deprecated) ids with their texts. */
function currentLicenseTexts() {
  const current = new Set(require('spdx-license-ids'));
  const ids = Object.keys(require('spdx-license-list')).filter((id) => current.has(id));
  if (ids.length < 600) throw new Error(`spdx-license-list has only ${ids.length} current licenses: wrong version?`);
  return new Map(ids.sort().map((id) => [id, require(`spdx-license-list/licenses/${id}.json`).licenseText]));
}

/**
 * One entry per distinct fingerprint. Ids whose texts normalise to the same trigrams cannot be
 * told apart by text, so they share an entry and the first id is the one reported.
 */
function textEntries(identify, texts) {
  const groups = new Map();
  for (const [id, text] of texts) {
    const hashes = identify.licenseFingerprint(text);
    const key = hashes.join(',');
    const group = groups.get(key) ?? { ids: [], kind: 'text', hashes };
    group.ids.push(id);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => ({ ...group, ids: group.ids.sort(byReportingPreference) }));
}

/**
 * Which id of a group of identical texts to report. A GNU text alone never says whether later
 * versions may be used ("-only" vs "-or-later"): that is in the notices that point to it. We
 * report "-only", the narrower grant, because it claims no rights the text does not give; a
 * reader who finds "or (at your option) any later version" in the notices can widen it. Other
 * groups (OFL-1.1 / OFL-1.1-RFN, MPL-2.0 / MPL-2.0-no-copyleft-exception) report their plain id,
 * the shortest.
 */
function byReportingPreference(a, b) {
  const rank = (id) => (id.endsWith('-only') ? 0 : 1);
  return rank(a) - rank(b) || a.length - b.length || a.localeCompare(b);
}

/**
 * Parts of texts that are distributed on their own, reported under the ids of the whole:
 * - the terms without the "How to apply" appendix that follows END OF TERMS AND CONDITIONS
 *   (Apache-2.0 and GNU LICENSE files often stop there; without this, an Apache-2.0 file with
 *   no appendix is closer to Pixar's modified Apache text than to Apache-2.0's full text);
 * - the LGPL-3.0's own additional permissions: the SPDX LGPL-3.0 text is those followed by the
 *   whole GPL-3.0, while COPYING.LESSER files hold just the first part.
 */
function partEntries(identify, texts, groups) {
  const parts = [];
  for (const group of groups) {
    const text = texts.get(group.ids[0]);
    const end = /END OF TERMS AND CONDITIONS[^\n]*/i.exec(text);
    if (end && wordCount(text.slice(end.index + end[0].length)) >= 40) {
      parts.push({ ids: group.ids, kind: 'part', hashes: identify.licenseFingerprint(text.slice(0, end.index + end[0].length)) });
    }
  }
  const lgplGroup = groups.find((group) => group.ids.includes('LGPL-3.0-only'));
  const lgpl = texts.get('LGPL-3.0-only');
  const gplStart = lgpl.indexOf('GNU GENERAL PUBLIC LICENSE');
  if (gplStart < 1000) throw new Error('LGPL-3.0-only text no longer contains the GPL-3.0 text where expected');
  parts.push({ ids: lgplGroup.ids, kind: 'part', hashes: identify.licenseFingerprint(lgpl.slice(0, gplStart)) });
  return parts;
}

function wordCount(text) {
  return text.split(/\s+/).filter(Boolean).length;
}

function noticeEntries(identify) {
  return NOTICES.map((notice) => ({ ids: notice.ids, kind: 'notice', hashes: identify.licenseFingerprint(notice.text) }));
}

main();
