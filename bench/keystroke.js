'use strict';
// Figure 2 (and the keystroke half of figure 5): the work the editor repeats on
// every pause in typing once licenses are cached — parse the manifest, then
// normalise each dependency's known license and evaluate it against the policy —
// as a multiple of parsing the same text with the format's plain parser.
const path = require('node:path');
const { REPO, microSideBySide, fmtMs, fmtRatio, table } = require('./lib/common');
const { loadCore } = require('./lib/bundle');
const { GENERATORS, licenseFor } = require('./lib/manifests');

const TARGET_RATIO = 3;

/** The format's plain parser: what reading the text costs without positions or policy. */
function plainParsers() {
  const toml = require('smol-toml');
  let XMLParser;
  try {
    ({ XMLParser } = require('fast-xml-parser'));
  } catch {
    throw new Error('fast-xml-parser is not installed: run "npm ci" in the repository first');
  }
  const xml = new XMLParser();
  return {
    'package.json': { name: 'JSON.parse', parse: (text) => JSON.parse(text) },
    'Cargo.toml': { name: 'smol-toml', parse: (text) => toml.parse(text) },
    'pyproject.toml': { name: 'smol-toml', parse: (text) => toml.parse(text) },
    'pom.xml': { name: 'fast-xml-parser', parse: (text) => xml.parse(text) },
  };
}

async function setup() {
  const core = loadCore();
  const policy = core.getDefaultPolicy();
  const guides = await core.loadGuideFolder(path.join(REPO, 'media', 'guides'));
  return { core, policy, guides, plain: plainParsers(), today: new Date() };
}

/** Times one manifest of n dependencies: plain parse, parse + evaluate, and the full check. */
async function measure(env, fileName, n, { full = true } = {}) {
  const { core, policy, guides, plain, today } = env;
  const text = GENERATORS[fileName](n);
  const manifestPath = path.join('/bench', fileName);
  const format = core.formatForPath(manifestPath);
  const first = format.parse(text);
  if (first.dependencies.length !== n) {
    throw new Error(`${fileName}: the parser found ${first.dependencies.length} dependencies, expected ${n}`);
  }
  // The warm cache: each dependency's license string, as a license source found it.
  const licenses = new Map(first.dependencies.map((d, i) => [d.name, licenseFor(i)]));

  let sink = 0; // consumed results, so no work can be optimised away
  const parseAndEvaluate = () => {
    const parsed = format.parse(text);
    for (const dependency of parsed.dependencies) {
      const license = core.normalizeLicense(licenses.get(dependency.name));
      const facts = { ecosystem: dependency.ecosystem, name: dependency.name, version: null, scope: dependency.scope };
      sink += core.evaluateDependency(facts, license, policy, today).verdict.length;
    }
  };
  // The editor's real call: checkManifestText with an in-memory license source
  // standing in for the warm cache, and the default guides (it also picks a guide
  // section and honours `ospo-lens: ignore` comments).
  const memory = { name: 'cache', find: async (_manifest, dependency) => ({ declared: licenses.get(dependency.name), source: 'cache', version: '1.0.0' }) };
  const fullCheck = async () => {
    const check = await core.checkManifestText(manifestPath, text, format, { policy, sources: [memory], guides, now: today });
    sink += check.results.length;
  };
  const plainParse = () => {
    sink += plain[fileName].parse(text) ? 1 : 0;
  };
  // Our parser alone, to show which half stands in the way of the target.
  const parseOnly = () => {
    sink += format.parse(text).dependencies.length;
  };

  const samples = n >= 10000 ? 7 : n >= 1000 ? 11 : 21;
  const fns = [plainParse, parseOnly, parseAndEvaluate, ...(full ? [fullCheck] : [])];
  const [plainMs, parseMs, oursMs, fullMs] = await microSideBySide(fns, { samples });
  if (sink < 0) console.log(sink);
  return { fileName, n, bytes: Buffer.byteLength(text), plainName: plain[fileName].name, plainMs, parseMs, oursMs, fullMs };
}

async function run() {
  const env = await setup();
  const rows = [];
  for (const fileName of Object.keys(GENERATORS)) rows.push(await measure(env, fileName, 500));
  const markdown = [
    '### 2. Keystroke path (500 dependencies, warm license cache, median CPU time per call)',
    '',
    table(
      ['manifest', 'size', 'plain parser', 'plain parse', 'our parse (×)', 'parse + evaluate', 'ratio', 'full check (×)'],
      rows.map((r) => [
        r.fileName, `${(r.bytes / 1024).toFixed(0)} KB`, r.plainName, fmtMs(r.plainMs),
        `${fmtMs(r.parseMs)} (${fmtRatio(r.parseMs / r.plainMs)})`,
        fmtMs(r.oursMs), `**${fmtRatio(r.oursMs / r.plainMs)}**`, `${fmtMs(r.fullMs)} (${fmtRatio(r.fullMs / r.plainMs)})`,
      ]),
    ),
    '',
    '"parse + evaluate" (the target): `format.parse` + `normalizeLicense` + `evaluateDependency` per dependency. ' +
      '"our parse": `format.parse` alone. "full check": `checkManifestText` as the editor calls it, with an in-memory ' +
      'license source and the default guides. Ratios are to the plain parser on the same text.',
  ].join('\n');
  return {
    markdown,
    summary: rows.map((r) => ({
      figure: `Keystroke path, ${r.fileName} (500 deps) vs ${r.plainName}`,
      measured: `${fmtRatio(r.oursMs / r.plainMs)} (${fmtMs(r.oursMs)}; full check ${fmtRatio(r.fullMs / r.plainMs)})`,
      target: `≤ ${TARGET_RATIO}×`,
      met: r.oursMs / r.plainMs <= TARGET_RATIO,
    })),
  };
}

/** Figure 5, keystroke half: parse + evaluate at each size, per format. */
async function scaling(sizes) {
  const env = await setup();
  const rows = [];
  for (const n of sizes) {
    const cells = [String(n)];
    for (const fileName of Object.keys(GENERATORS)) {
      const r = await measure(env, fileName, n, { full: false });
      cells.push(`${fmtMs(r.oursMs)} (${fmtRatio(r.oursMs / r.plainMs)})`);
    }
    rows.push(cells);
  }
  return table(['dependencies', ...Object.keys(GENERATORS).map((f) => `${f}: parse + evaluate (× plain)`)], rows);
}

module.exports = { run, scaling, measure, setup };
