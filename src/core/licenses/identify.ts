/**
 * Identifies the license(s) in the text of a LICENSE/COPYING file.
 *
 * Both the file and the SPDX license texts are reduced to normalised words (following the
 * SPDX matching guidelines: case, punctuation, quotes, dashes, bullets and numbering, varietal
 * spellings, copyright lines and the holder's name, URL schemes, markdown), then to hashed word
 * trigrams. `scripts/generate-license-fingerprints.js` runs the functions of this file over
 * every SPDX text at build time and ships only the trigram sets, never the texts.
 *
 * A file is matched segment by segment: for the best-fitting license we find the stretch of
 * the file its trigrams cover, score that stretch with the Dice coefficient (like askalono and
 * cargo-deny), then look at what is left before and after it. That is how "an MIT text followed
 * by an Apache-2.0 text" becomes `MIT AND Apache-2.0`.
 *
 * Pure: no I/O, no `vscode`. The fingerprint file is bundled and parsed with this module (~1.2 MB,
 * mostly long strings); it is decoded into lookup tables on first use, once.
 */

/** Below this Dice coefficient a match is not reported as the file's license (cargo-deny uses 0.8 too). */
export const DEFAULT_IDENTIFY_THRESHOLD = 0.8;

export interface LicenseTextMatch {
  readonly id: string;
  /** 0..1: the Dice coefficient between the license text and the part of the file it covers. */
  readonly confidence: number;
}

export interface LicenseIdentification {
  /** Candidate licenses, best first (at most `MAX_MATCHES`). */
  readonly matches: readonly LicenseTextMatch[];
  /** The SPDX expression when confident: one id, or `A AND B` for texts one after another. */
  readonly expression: string | null;
  /** 0..1: how well the whole file is explained by the licenses in `expression` (or the closest). */
  readonly confidence: number;
  /** Plain English, when there is something to know: why there is no answer, or what was assumed. */
  readonly note?: string;
}

export interface IdentifyOptions {
  readonly threshold?: number;
}

// ---------------------------------------------------------------------------------------------
// Parameters shared with the generator (it copies NGRAM and HASH_BITS into the data file, and
// loading refuses a file made with other values).

/** Words per shingle: trigrams tell near-identical texts apart better than bigrams. */
export const NGRAM = 3;
/** 24-bit hashes: collisions in a license's few thousand trigrams are negligible, and they pack small. */
export const HASH_BITS = 24;
export const FINGERPRINT_FORMAT = 1;

/** Kinds of fingerprint: a full license text, a well-known short notice, or a part of a text. */
export type FingerprintKind = 'text' | 'notice' | 'part';

/** The generated file, as written by scripts/generate-license-fingerprints.js. */
export interface FingerprintFile {
  readonly format: number;
  readonly source: string;
  /** Digest of what the file was made from, so the generator can skip work when nothing changed. */
  readonly inputs: string;
  readonly ngram: number;
  readonly hashBits: number;
  /** Sorted trigram hashes of every fingerprint, delta-encoded with `encodeSortedIntegers`. */
  readonly dictionary: string;
  /** [space-separated ids (the first is reported), kind, sorted dictionary indices (encoded)]. */
  readonly entries: ReadonlyArray<ReadonlyArray<string>>;
}

// ---------------------------------------------------------------------------------------------
// Tunables of the matcher.

/** A match must share at least this many trigrams with the file (keeps tiny texts from matching noise). */
const MIN_SHARED_NGRAMS = 8;
/** Candidates examined closely per segment, chosen by a cheap upper bound of their score. */
const SHORTLIST = 12;
/** Remainders shorter than this (in trigrams) are not searched for another license. */
const MIN_SEGMENT_NGRAMS = 12;
/** At most this many license texts in one file. */
const MAX_SEGMENTS = 8;
/** Unmatched runs shorter than this are wording differences (a name, a changed word), not extra text. */
const MIN_UNEXPLAINED_RUN = 8;
/**
 * More unexplained words than this and the file is not identified, whatever the score: a rider
 * such as the Commons Clause is short next to Apache-2.0 but changes everything.
 */
const MAX_UNEXPLAINED_WORDS = 30;
const MAX_MATCHES = 5;
/** Alternatives below this are noise (shared boilerplate such as a warranty disclaimer), not worth listing. */
const MIN_LISTED_CONFIDENCE = 0.5;

// ---------------------------------------------------------------------------------------------
// Normalisation.

/** Varietal spellings the SPDX matching guidelines treat as equivalent, mapped to one form. */
const EQUIVALENT_WORDS: Readonly<Record<string, string>> = {
  acknowledgement: 'acknowledgment',
  analogue: 'analog',
  analyse: 'analyze',
  artefact: 'artifact',
  authorisation: 'authorization',
  authorised: 'authorized',
  calibre: 'caliber',
  cancelled: 'canceled',
  capitalisations: 'capitalizations',
  catalogue: 'catalog',
  categorise: 'categorize',
  centre: 'center',
  emphasised: 'emphasized',
  favour: 'favor',
  favourite: 'favorite',
  fulfil: 'fulfill',
  fulfilment: 'fulfillment',
  initialise: 'initialize',
  judgement: 'judgment',
  labelling: 'labeling',
  labour: 'labor',
  maximise: 'maximize',
  modelled: 'modeled',
  modelling: 'modeling',
  offence: 'offense',
  optimise: 'optimize',
  organisation: 'organization',
  organise: 'organize',
  practise: 'practice',
  programme: 'program',
  realise: 'realize',
  recognise: 'recognize',
  signalling: 'signaling',
  utilisation: 'utilization',
  whilst: 'while',
  wilful: 'willful',
};

/**
 * A line that states copyright ("Copyright (c) 2020 Jane", "(c) 2020 Jane"; "©" is "(c)" by now), as
 * opposed to license prose that starts with the word ("Copyright and Similar Rights means",
 * "Copyright License", "copyright holders ...") or a list item "(c) The source code ...".
 */
const COPYRIGHT_LINE =
  /^[\s#>*-]*(?:copyright\b(?!\s+(?:and|notice|notices|holders?|owners?|law|laws|licen[cs]es?|statement|protection|in|of|is|to|interest|and\/or)\b)|\(c\)\s*\d)/i;

/** The most lines one copyright statement is allowed to take. */
const MAX_COPYRIGHT_LINES = 4;

/**
 * Whether a copyright statement goes on after `statement`: it ends mid-phrase or inside
 * parentheses, or `next` starts with a connecting word. Wrapped statements ("Copyright (c) 2003,
 * The Regents of the University of California, through\nLawrence Berkeley National Laboratory
 * (subject to ...") are then dropped whole, however they are wrapped.
 */
function copyrightContinues(statement: string, next: string | undefined): boolean {
  if (next === undefined || next.trim() === '') return false;
  const open = (statement.match(/\(/g) ?? []).length > (statement.match(/\)/g) ?? []).length;
  return (
    open ||
    /(?:[,&(]|\b(?:and|by|of|through|for|the|to|at|in))\s*$/i.test(statement) ||
    /^\s*(?:[(<]|(?:and|by|of|through|for|at|in|inc|ltd|llc)\b)/.test(next)
  );
}

/** Abbreviations whose full stop does not end a copyright statement ("Foo, Inc. All rights ..."). */
const ABBREVIATION = /(?:^|[\s.,(])(?:inc|ltd|corp|co|llc|gmbh|dept|st|jr|sr|[a-z])$/i;

/**
 * Where the first sentence of `text` ends. Licenses put prose after a copyright statement on the
 * same line ("Copyright (c) [year] by [name]. This material has been released under ..."), and
 * that prose is part of the license.
 */
function firstSentenceEnd(text: string): number {
  for (const match of text.matchAll(/\.\s+(?=[A-Z])/g)) {
    const index = match.index ?? 0;
    if (!ABBREVIATION.test(text.slice(0, index))) return index + match[0].length;
  }
  return text.length;
}

/**
 * A copyright statement names a year or says (c)/©, or is short ("Copyright Joyent, Inc. and other
 * Node contributors."); a long sentence that merely starts with the word is prose ("Copyright
 * remains Eric Young's, and as such ...").
 */
function isCopyrightStatement(statement: string): boolean {
  return /\d{4}|\(c\)/i.test(statement) || tokenize(statement).length <= 12;
}

/** List markers: bullets, "1.", "1)", "(1)", "a.", "(a)", "iv." — numbering styles differ between copies. */
const LIST_MARKER = /^\s*(?:[-*+•·▪‣◦>#]+|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)])\s+/i;

/** Words that make a copyright holder's name too generic to remove from the body. */
const GENERIC_HOLDER_WORDS = new Set([
  'the', 'a', 'an', 'and', 'or', 'of', 'by', 'other', 'others', 'author', 'authors', 'contributor', 'contributors',
  'copyright', 'holder', 'holders', 'owner', 'owners', 'its', 'his', 'her', 'their', 'all', 'c',
]);

/**
 * The normalised words of a license text. Exported for the fingerprint generator, which must
 * normalise the SPDX texts exactly as files are normalised here.
 */
export function licenseWords(text: string): string[] {
  const holders: string[][] = [];
  const kept: string[] = [];
  const lines = tidyText(text).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const copyright = COPYRIGHT_LINE.test(lines[i]) ? copyrightStatement(lines, i) : undefined;
    if (!copyright) {
      kept.push(stripListMarkers(lines[i]));
      continue;
    }
    const holder = holderName(copyright.statement);
    if (holder) holders.push(holder);
    kept.push(copyright.rest);
    i = copyright.last;
  }
  const words = tokenize(kept.join('\n')).map(canonicalWord);
  return unifyCopyrightOwner(removePhrases(words, [['all', 'rights', 'reserved'], ...holders]));
}

/** Character-level clean-up that does not depend on lines. */
function tidyText(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '') // accents: "Licence" and "Licencé" are the same word for matching
      .replace(/\r\n?/g, '\n')
      .replace(/[\u2010\u2011\u2212]/g, '-') // hyphens
      .replace(/[\u2013\u2014\u2015]/g, ' ') // dashes are punctuation
      // SPDX XML-derived markup, should a data release carry it: variables go, optional text stays.
      .replace(/<<(?:var;.*?|beginOptional.*?|endOptional)>>/g, ' ')
      .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1') // markdown links and images: keep the text
      .replace(/<((?:https?:\/\/|www\.)[^<>\s]+)>/gi, ' $1 ') // <http://...>: the address is text
      .replace(/<[^<>\n]{0,80}>/g, ' ') // template variables (<year>, <copyright holders>), e-mail addresses
      .replace(/\[[^[\]\n]{0,60}\]/g, ' ') // template variables ([yyyy], [name of copyright owner])
      .replace(/https?:\/\//gi, ' ')
      .replace(/\(c\)|©/gi, ' (c) ')
      .replace(/&/g, ' and ')
      .replace(/['"`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb]/g, '') // quotes; "licensor's" -> "licensors"
      // Hyphenated words are one word ("non-infringement" = "noninfringement"), also across a line break.
      .replace(/(\p{L})-(?:[ \t]*\n[ \t]*)?(?=\p{L})/gu, '$1')
  );
}

/** The copyright statement starting at `lines[first]`, the prose after it, and its last line. */
function copyrightStatement(lines: readonly string[], first: number): { statement: string; rest: string; last: number } | undefined {
  let text = lines[first];
  let last = first;
  while (last - first < MAX_COPYRIGHT_LINES - 1 && firstSentenceEnd(text) === text.length && copyrightContinues(text, lines[last + 1])) {
    text += ` ${lines[++last]}`;
  }
  const end = firstSentenceEnd(text);
  const statement = text.slice(0, end);
  return isCopyrightStatement(statement) ? { statement, rest: text.slice(end), last } : undefined;
}

function stripListMarkers(line: string): string {
  let rest = line;
  for (let i = 0; i < 3; i++) {
    const next = rest.replace(LIST_MARKER, '');
    if (next === rest) break;
    rest = next;
  }
  return rest;
}

function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function canonicalWord(word: string): string {
  if (word.startsWith('licenc')) return `licens${word.slice(6)}`; // licence, licenced, licencee, ...
  return EQUIVALENT_WORDS[word] ?? word;
}

/** The holder named on a copyright line, as words, or undefined when it is generic or absent. */
function holderName(line: string): string[] | undefined {
  const words = tokenize(line.replace(/\ball rights reserved\b.*$/i, '')).filter(
    (word) => word !== 'copyright' && word !== 'c' && !/^\d+$/.test(word),
  );
  while (words[0] === 'by') words.shift();
  if (words.length === 0 || words.length > 10) return undefined;
  return words.every((word) => GENERIC_HOLDER_WORDS.has(word)) ? undefined : words.map(canonicalWord);
}

/** Removes every occurrence of the given word sequences. */
function removePhrases(words: string[], phrases: readonly string[][]): string[] {
  let result = words;
  for (const phrase of phrases) {
    const kept: string[] = [];
    for (let i = 0; i < result.length; i++) {
      if (phrase.every((word, j) => result[i + j] === word)) {
        i += phrase.length - 1;
      } else {
        kept.push(result[i]);
      }
    }
    result = kept;
  }
  return result;
}

/** "copyright owner" and "copyright holder" are equivalent (SPDX guidelines). */
function unifyCopyrightOwner(words: string[]): string[] {
  return words.map((word, i) =>
    i > 0 && words[i - 1] === 'copyright' && (word === 'owner' || word === 'owners') ? word.replace('owner', 'holder') : word,
  );
}

// ---------------------------------------------------------------------------------------------
// Trigram hashing.

/** The hash of each word trigram, in order (one per position, `words.length - NGRAM + 1` of them). */
export function ngramHashes(words: readonly string[]): Uint32Array {
  const count = Math.max(0, words.length - NGRAM + 1);
  const wordHashes = words.map(hashWord);
  const hashes = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < NGRAM; j++) h = Math.imul(h ^ wordHashes[i + j], 0x01000193) ^ (h >>> 15);
    hashes[i] = finalMix(h) >>> (32 - HASH_BITS);
  }
  return hashes;
}

/** The sorted, distinct trigram hashes of a license text: what the generator stores per license. */
export function licenseFingerprint(text: string): number[] {
  return [...new Set(ngramHashes(licenseWords(text)))].sort((a, b) => a - b);
}

/** FNV-1a over UTF-16 code units. */
function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** MurmurHash3's finaliser, so the top bits (which we keep) depend on every input bit. */
function finalMix(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Compact encoding of sorted integer sets (used by the generator to write, and here to read).
// Each gap between consecutive values is written in 5-bit groups, low group first, one
// character per group from a JSON-safe 64-character alphabet; the sixth bit says "more follows".

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const DIGIT_VALUE = ((): Int8Array => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

export function encodeSortedIntegers(values: readonly number[]): string {
  let out = '';
  let previous = 0;
  for (const value of values) {
    let gap = value - previous;
    if (gap < 0 || (gap === 0 && out !== '')) throw new Error('values must be sorted and distinct');
    previous = value;
    while (gap >= 32) {
      out += ALPHABET[32 | (gap & 31)];
      gap = Math.floor(gap / 32);
    }
    out += ALPHABET[gap];
  }
  return out;
}

export function decodeSortedIntegers(encoded: string): Uint32Array {
  const values: number[] = [];
  let previous = 0;
  let gap = 0;
  let scale = 1;
  for (let i = 0; i < encoded.length; i++) {
    const digit = DIGIT_VALUE[encoded.charCodeAt(i)] ?? -1;
    if (digit < 0) throw new Error(`invalid character in fingerprint data at ${i}`);
    gap += (digit & 31) * scale;
    if (digit & 32) {
      scale *= 32;
      continue;
    }
    previous += gap;
    values.push(previous);
    gap = 0;
    scale = 1;
  }
  return Uint32Array.from(values);
}

// ---------------------------------------------------------------------------------------------
// The fingerprint index, decoded once on first use.

interface Fingerprint {
  /** The SPDX ids whose texts share this fingerprint; the first is the one reported. */
  readonly ids: readonly string[];
  readonly kind: FingerprintKind;
  /** Sorted indices into the dictionary. */
  readonly slots: Uint32Array;
}

interface FingerprintIndex {
  /** Sorted trigram hashes; a trigram's position here is its "slot". */
  readonly dictionary: Uint32Array;
  readonly fingerprints: readonly Fingerprint[];
  /** Fingerprints containing each slot: `postings[postingStart[s] .. postingStart[s + 1])`. */
  readonly postingStart: Uint32Array;
  readonly postings: Uint16Array;
}

let cachedIndex: FingerprintIndex | undefined; // decoded lazily, then immutable

function fingerprintIndex(): FingerprintIndex {
  // Loaded on first use, not at start-up: the fingerprints are ~1 MB and most
  // sessions never need to identify a license file.
  cachedIndex ??= buildIndex((require('./fingerprintData') as { default: FingerprintFile }).default);
  return cachedIndex;
}

function buildIndex(file: FingerprintFile): FingerprintIndex {
  if (file.format !== FINGERPRINT_FORMAT || file.ngram !== NGRAM || file.hashBits !== HASH_BITS) {
    throw new Error('license-fingerprints.json was made by another version of the generator: run `npm run generate`');
  }
  const dictionary = decodeSortedIntegers(file.dictionary);
  const fingerprints = file.entries.map(([ids, kind, slots]) => ({
    ids: ids.split(' '),
    kind: kind as FingerprintKind,
    slots: decodeSortedIntegers(slots),
  }));
  const postingStart = new Uint32Array(dictionary.length + 1);
  for (const fingerprint of fingerprints) for (const slot of fingerprint.slots) postingStart[slot + 1]++;
  for (let s = 0; s < dictionary.length; s++) postingStart[s + 1] += postingStart[s];
  const postings = new Uint16Array(postingStart[dictionary.length]);
  const fill = postingStart.slice(0, dictionary.length);
  fingerprints.forEach((fingerprint, f) => {
    for (const slot of fingerprint.slots) postings[fill[slot]++] = f;
  });
  return { dictionary, fingerprints, postingStart, postings };
}

// ---------------------------------------------------------------------------------------------
// Matching.

/** The file, ready to match: trigram hashes and their dictionary slots (-1 when unknown). */
interface Subject {
  readonly index: FingerprintIndex;
  readonly hashes: Uint32Array;
  readonly slots: Int32Array;
  /** The previous position with the same trigram, or -1: counts distinct trigrams of any stretch without a set. */
  readonly previous: Int32Array;
  /** Scratch marks, one per dictionary slot, for membership tests (always left all-zero). */
  readonly marks: Uint8Array;
}

/** One license's best stretch of the file: positions `[start, end)` of trigrams. */
interface Candidate {
  readonly fingerprint: Fingerprint;
  readonly start: number;
  readonly end: number;
  /** Distinct trigrams of the stretch that are in the license. */
  readonly shared: number;
  readonly dice: number;
  /** Shared minus differing trigrams: what the matcher maximises when it picks a license. */
  readonly score: number;
}

export function identifyLicenseText(text: string, options: IdentifyOptions = {}): LicenseIdentification {
  const threshold = options.threshold ?? DEFAULT_IDENTIFY_THRESHOLD;
  const words = licenseWords(text);
  if (words.length < NGRAM) {
    const note = text.trim() === '' ? 'The file is empty.' : 'The file has too few words to be a license text.';
    return { matches: [], expression: null, confidence: 0, note };
  }
  const subject = prepareSubject(words);
  const found = findSegments(subject, threshold);
  return describe(subject, found, threshold);
}

function prepareSubject(words: readonly string[]): Subject {
  const index = fingerprintIndex();
  const hashes = ngramHashes(words);
  const slots = new Int32Array(hashes.length);
  const previous = new Int32Array(hashes.length);
  const lastSeen = new Map<number, number>();
  for (let i = 0; i < hashes.length; i++) {
    slots[i] = findSlot(index.dictionary, hashes[i]);
    previous[i] = lastSeen.get(hashes[i]) ?? -1;
    lastSeen.set(hashes[i], i);
  }
  return { index, hashes, slots, previous, marks: new Uint8Array(index.dictionary.length) };
}

function findSlot(dictionary: Uint32Array, hash: number): number {
  let low = 0;
  let high = dictionary.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = dictionary[middle];
    if (value === hash) return middle;
    if (value < hash) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

interface Segments {
  /** Confident matches, in file order. */
  readonly segments: Candidate[];
  /** Every candidate looked at, for `matches`. */
  readonly seen: Candidate[];
  /** The best candidate that was not good enough, if any. */
  closest?: Candidate;
}

/**
 * Finds the best license for the whole file, then looks for more licenses in what is left on
 * either side of the stretch it covers.
 */
function findSegments(subject: Subject, threshold: number): Segments {
  const found: Segments = { segments: [], seen: [] };
  const pending: Array<[number, number]> = [[0, subject.hashes.length]];
  while (pending.length > 0 && found.segments.length < MAX_SEGMENTS) {
    const [start, end] = pending.shift() as [number, number];
    if (end - start < MIN_SEGMENT_NGRAMS) continue;
    const ranked = rankCandidates(subject, start, end);
    found.seen.push(...ranked);
    const best = ranked[0];
    if (!best || best.dice < threshold || best.shared < MIN_SHARED_NGRAMS) {
      if (best && (!found.closest || best.score > found.closest.score)) found.closest = best;
      continue;
    }
    found.segments.push(best);
    pending.push([start, best.start], [best.end, end]);
  }
  found.segments.sort((a, b) => a.start - b.start);
  return found;
}

/** Candidates for positions `[start, end)`, best first. */
function rankCandidates(subject: Subject, start: number, end: number): Candidate[] {
  return shortlist(subject, start, end)
    .map((fingerprint) => bestStretch(subject, fingerprint, start, end))
    .filter((candidate): candidate is Candidate => candidate !== undefined)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.dice - a.dice ||
        // A full text explains more than a notice or a part with the same score.
        Number(b.fingerprint.kind === 'text') - Number(a.fingerprint.kind === 'text'),
    );
}

/**
 * Fingerprints worth a close look: counts shared distinct trigrams through the postings, and
 * keeps the best by the score they would have if every shared trigram were in one tight stretch.
 */
function shortlist(subject: Subject, start: number, end: number): Fingerprint[] {
  const { index, slots, marks } = subject;
  const shared = new Int32Array(index.fingerprints.length);
  const visited: number[] = [];
  for (let i = start; i < end; i++) {
    const slot = slots[i];
    if (slot < 0 || marks[slot]) continue;
    marks[slot] = 1;
    visited.push(slot);
    for (let p = index.postingStart[slot]; p < index.postingStart[slot + 1]; p++) shared[index.postings[p]]++;
  }
  for (const slot of visited) marks[slot] = 0;
  const bound = (f: number): number => 2 * shared[f] - index.fingerprints[f].slots.length;
  return [...shared.keys()]
    .filter((f) => shared[f] >= MIN_SHARED_NGRAMS)
    .sort((a, b) => bound(b) - bound(a))
    .slice(0, SHORTLIST)
    .map((f) => index.fingerprints[f]);
}

/**
 * The stretch of `[start, end)` that a license explains best: the maximum-sum run where a
 * trigram of the license counts +2 and any other trigram -1 (Kadane's algorithm). Maximising
 * that sum is maximising shared minus differing trigrams, so an inserted sentence stays inside
 * the stretch while a different license next to it stays out.
 */
function bestStretch(subject: Subject, fingerprint: Fingerprint, start: number, end: number): Candidate | undefined {
  const { slots, marks } = subject;
  for (const slot of fingerprint.slots) marks[slot] = 1;
  let best = { sum: 0, start: start, end: start };
  let runSum = 0;
  let runStart = start;
  for (let i = start; i < end; i++) {
    const slot = slots[i];
    runSum += slot >= 0 && marks[slot] ? 2 : -1;
    if (runSum <= 0) {
      runSum = 0;
      runStart = i + 1;
    } else if (runSum > best.sum) {
      best = { sum: runSum, start: runStart, end: i + 1 };
    }
  }
  const counts = best.sum > 0 ? countStretch(subject, best.start, best.end) : undefined;
  for (const slot of fingerprint.slots) marks[slot] = 0;
  if (!counts) return undefined;
  const size = fingerprint.slots.length;
  return {
    fingerprint,
    start: best.start,
    end: best.end,
    shared: counts.shared,
    dice: (2 * counts.shared) / (counts.distinct + size),
    score: 3 * counts.shared - counts.distinct - size,
  };
}

/** Distinct trigrams in `[start, end)`, and how many of them are marked (in the license). */
function countStretch(subject: Subject, start: number, end: number): { distinct: number; shared: number } {
  const { slots, previous, marks } = subject;
  let distinct = 0;
  let shared = 0;
  for (let i = start; i < end; i++) {
    if (previous[i] >= start) continue; // seen earlier in the stretch
    distinct++;
    if (slots[i] >= 0 && marks[slots[i]]) shared++;
  }
  return { distinct, shared };
}

// ---------------------------------------------------------------------------------------------
// From segments to an answer.

/**
 * Licenses whose text includes another's: the SPDX LGPL-3.0 text is a set of additional
 * permissions on top of the GPL-3.0 text, so a file holding both is LGPL-3.0, not both.
 */
const INCLUDES: Readonly<Record<string, string>> = {
  'LGPL-3.0-only': 'GPL-3.0-only',
};

function describe(subject: Subject, found: Segments, threshold: number): LicenseIdentification {
  const matches = topMatches(found);
  if (found.segments.length === 0) {
    const closest = found.closest;
    const note = closest
      ? `No license text matched well enough: the closest match is ${closest.fingerprint.ids[0]} at ` +
        `${percent(closest.dice)}, below the ${percent(threshold)} needed.`
      : 'No known license text was found in the file.';
    return { matches, expression: null, confidence: closest ? round(closest.dice) : 0, note };
  }
  const ids = reportedIds(found.segments);
  const confidence = round(wholeFileDice(subject, found.segments));
  const unexplained = unexplainedWords(subject, found.segments);
  if (unexplained > MAX_UNEXPLAINED_WORDS) {
    const note =
      `The file matches ${ids.join(' and ')}, but about ${unexplained} of its words belong to no known license ` +
      'text (extra terms, an exception, or other text), so it is not identified; read it.';
    return { matches, expression: null, confidence, note };
  }
  const expression = ids.join(' AND ');
  if (confidence < threshold) {
    const note = `The closest match is ${expression} at ${percent(confidence)}, below the ${percent(threshold)} needed.`;
    return { matches, expression: null, confidence, note };
  }
  const notes = segmentNotes(found.segments, ids);
  return { matches, expression, confidence, ...(notes.length > 0 ? { note: notes.join(' ') } : {}) };
}

/** The reported id of each segment, in file order, without repeats or texts another one includes. */
function reportedIds(segments: readonly Candidate[]): string[] {
  const ids = [...new Set(segments.map((segment) => segment.fingerprint.ids[0]))];
  const included = new Set(ids.map((id) => INCLUDES[id]).filter((id): id is string => id !== undefined));
  return ids.filter((id) => !included.has(id));
}

/**
 * The licenses found, then the other candidates by confidence (when nothing was found, at least
 * the closest). A notice or part inside a longer matched text is not an alternative (the GPL-3.0
 * text quotes its own "or later" notice).
 */
function topMatches(found: Segments): LicenseTextMatch[] {
  const chosen = new Set(found.segments);
  const insideChosen = (candidate: Candidate): boolean =>
    candidate.fingerprint.kind !== 'text' &&
    found.segments.some(
      (segment) =>
        segment.fingerprint.kind !== 'notice' && candidate.start >= segment.start && candidate.end <= segment.end,
    );
  const others = found.seen
    .filter((candidate) => !chosen.has(candidate) && !insideChosen(candidate))
    .sort((a, b) => b.dice - a.dice || b.score - a.score)
    .filter((candidate, i) => candidate.dice >= MIN_LISTED_CONFIDENCE || (chosen.size === 0 && i === 0));
  const ordered = [...found.segments, ...others].map((candidate) => ({
    id: candidate.fingerprint.ids[0],
    confidence: round(candidate.dice),
  }));
  const unique = ordered.filter((match, i) => ordered.findIndex((other) => other.id === match.id) === i);
  return unique.slice(0, MAX_MATCHES);
}

/** Dice coefficient between the whole file and the union of the matched licenses' trigrams. */
function wholeFileDice(subject: Subject, segments: readonly Candidate[]): number {
  const { marks } = subject;
  let unionSize = 0;
  for (const segment of segments) {
    for (const slot of segment.fingerprint.slots) {
      if (!marks[slot]) unionSize++;
      marks[slot] = 1;
    }
  }
  const { distinct, shared } = countStretch(subject, 0, subject.hashes.length);
  for (const segment of segments) for (const slot of segment.fingerprint.slots) marks[slot] = 0;
  return (2 * shared) / (distinct + unionSize);
}

/**
 * Words of the file that no matched license accounts for, counting only runs long enough to be
 * text of their own (a trigram position stands for one word).
 */
function unexplainedWords(subject: Subject, segments: readonly Candidate[]): number {
  const { slots, marks } = subject;
  const explained = new Uint8Array(slots.length);
  for (const segment of segments) {
    for (const slot of segment.fingerprint.slots) marks[slot] = 1;
    for (let i = segment.start; i < segment.end; i++) if (slots[i] >= 0 && marks[slots[i]]) explained[i] = 1;
    for (const slot of segment.fingerprint.slots) marks[slot] = 0;
  }
  let total = 0;
  let run = 0;
  for (let i = 0; i <= explained.length; i++) {
    if (i < explained.length && !explained[i]) {
      run++;
      continue;
    }
    if (run >= MIN_UNEXPLAINED_RUN) total += run;
    run = 0;
  }
  return total;
}

/** What the reader should know about the ids reported. */
function segmentNotes(segments: readonly Candidate[], ids: readonly string[]): string[] {
  const notes: string[] = [];
  if (ids.length > 1) {
    notes.push(
      `The file holds ${ids.length} license texts one after another, reported as all applying (AND); ` +
        'if the package lets you choose, its manifest should say so with OR.',
    );
  }
  for (const segment of segments) {
    const [id, ...others] = segment.fingerprint.ids;
    if (!ids.includes(id)) continue;
    if (segment.fingerprint.kind === 'notice') {
      notes.push(`${id} was recognised from its short license notice, not from the full license text.`);
    }
    const orLater = id.replace(/-only$/, '-or-later');
    if (orLater !== id && others.includes(orLater)) {
      // The generator reports "-only" for GNU texts; say why, and what would change it.
      notes.push(
        `A license text alone does not say whether later versions may be used, so it is reported as ${id}, ` +
          `the narrower grant; the project's notices ("or (at your option) any later version") would make it ${orLater}.`,
      );
    }
    const alike = others.filter((other) => other !== orLater);
    if (alike.length > 0) notes.push(`The text of ${id} is also the text of ${alike.join(', ')}; reported as ${id}.`);
  }
  return [...new Set(notes)];
}

/** Rounded down, so 79.6% never reads as the 80% it fell short of. */
function percent(value: number): string {
  return `${Math.floor(value * 100 + 1e-9)}%`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
