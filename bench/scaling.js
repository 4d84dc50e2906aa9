'use strict';
// Figure 5: how the cost of `ospo-lens check` grows with the number of
// dependencies (10 to 10,000), on synthetic projects whose packages are laid out
// in node_modules so every license resolves; license-checker on the same trees
// for the ratio. The keystroke half is in keystroke.js.
const fs = require('node:fs');
const path = require('node:path');
const { CACHE, CLI, PROCESS_RUNS, median, timeSideBySide, fmtMs, fmtRatio, fmtMb, table } = require('./lib/common');
const { licenseFor, packageJson } = require('./lib/manifests');
const { licenseCheckerBin } = require('./whole-tree');

/** A project of n dependencies, each installed with its license. */
function syntheticProject(n) {
  const dir = path.join(CACHE, 'scaling', String(n));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), packageJson(n));
  for (let i = 0; i < n; i++) {
    const pkg = path.join(dir, 'node_modules', `bench-pkg-${i}`);
    fs.mkdirSync(pkg, { recursive: true });
    const version = `${1 + (i % 7)}.${i % 10}.3`;
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: `bench-pkg-${i}`, version, license: licenseFor(i) }));
  }
  return dir;
}

function run(sizes) {
  const lc = licenseCheckerBin();
  const rows = [];
  for (const n of sizes) {
    const dir = syntheticProject(n);
    // The largest size takes license-checker ~10-25 s a run: fewer runs, no warm-up
    // (the tree was just written, so it is in the page cache anyway).
    const large = n >= 10000;
    const runs = large ? Math.min(3, PROCESS_RUNS) : PROCESS_RUNS;
    const [ours, theirs] = timeSideBySide(
      [
        { args: [CLI, 'check', dir, '--offline', '--format', 'json'], options: {} },
        { args: [lc, '--json', '--start', dir], options: { okCodes: [0] } },
      ],
      runs,
      { warmup: !large },
    );
    const ourMs = median(ours.ms);
    const theirMs = median(theirs.ms);
    rows.push([
      String(n), fmtMs(ourMs), fmtMs(median(ours.cpuMs)), fmtMb(median(ours.rssMb)),
      fmtMs(theirMs), fmtMs(median(theirs.cpuMs)), fmtMb(median(theirs.rssMb)),
      `${fmtRatio(theirMs / ourMs)} (CPU ${fmtRatio(median(theirs.cpuMs) / median(ours.cpuMs))})`,
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return table(
    ['dependencies', 'ospo-lens wall', 'CPU', 'peak RSS', 'license-checker wall', 'CPU', 'peak RSS', 'OSPO Lens faster by'],
    rows,
  );
}

module.exports = { run };
