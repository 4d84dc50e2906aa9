'use strict';
// Figures 1 and 4: the whole installed tree of a real project (~1,000 packages),
// checked by `ospo-lens check` and by license-checker side by side; how their
// licenses agree; and the peak memory of each.
//
// Two ways to make OSPO Lens check the same packages license-checker lists:
// - "lockfile": the project as is. The CLI checks the transitive dependencies its
//   lockfile records (licenses from package-lock.json, which npm copies from each
//   package), unless the CLI predates that (then it is direct dependencies only).
// - "installed": generated manifests listing every installed package at its
//   installed version, each resolved from that package's own package.json in
//   node_modules — the same files license-checker reads.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { CACHE, CLI, PROCESS_RUNS, median, timeSideBySide, fmtMs, fmtRatio, fmtMb, table } = require('./lib/common');
const { ensureProject, writeComparisonTree } = require('./lib/project');
const { compareLicenses } = require('./lib/compare');

const TARGET_RATIO = 20;

function licenseCheckerBin() {
  let pkg;
  try {
    pkg = require.resolve('license-checker-rseidelsohn/package.json');
  } catch {
    throw new Error('license-checker-rseidelsohn is not installed: run "npm ci" in the repository first');
  }
  const { bin } = JSON.parse(fs.readFileSync(pkg, 'utf8'));
  return path.resolve(path.dirname(pkg), typeof bin === 'string' ? bin : Object.values(bin)[0]);
}

/** Whether the built CLI has an option (older builds lack the newer ones). */
function cliHasOption(option) {
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  return String(help.stdout).includes(option);
}

function run() {
  const project = ensureProject();
  const { tree, packages, manifests } = writeComparisonTree(project);
  const out = (name) => path.join(CACHE, `${name}.json`);
  // The generated manifests must be checked alone: nothing transitive besides them.
  const directOnly = cliHasOption('--direct-only') ? ['--direct-only'] : [];
  const commands = [
    { args: [CLI, 'check', project, '--offline', '--format', 'json'], options: { outFile: out('ospo-lens-lockfile') } },
    { args: [CLI, 'check', tree, '--offline', '--format', 'json', ...directOnly], options: { outFile: out('ospo-lens-installed') } },
    { args: [licenseCheckerBin(), '--json', '--start', project], options: { outFile: out('license-checker'), okCodes: [0] } },
    // Our CLI bare, and Node itself, to show how much of its time is fixed start-up cost.
    { args: [CLI, '--help'], options: {} },
    { args: ['-e', '0'], options: {} },
  ];
  const [lock, installed, theirs, startup, bareNode] = timeSideBySide(commands);

  const read = (name) => JSON.parse(fs.readFileSync(out(name), 'utf8'));
  const theirReport = read('license-checker');
  const lockReport = read('ospo-lens-lockfile');
  const installedReport = read('ospo-lens-installed');
  const transitive = lockReport.dependencies.filter((d) => d.direct === false).length;
  const manifest = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
  const direct = { runtime: Object.keys(manifest.dependencies ?? {}).length, dev: Object.keys(manifest.devDependencies ?? {}).length };
  const lockKind = transitive > 0 ? `${lockReport.dependencies.length - transitive} direct + ${transitive} transitive from the lockfile` : 'direct only: this CLI does not read transitive dependencies';

  const ratio = (ours, their) => median(their.ms) / median(ours.ms);
  const cpuRatio = (ours, their) => median(their.cpuMs) / median(ours.cpuMs);
  const row = (label, x) => [label, fmtMs(median(x.ms)), fmtMs(median(x.cpuMs)), fmtMb(median(x.rssMb))];
  const agreementLine = (label, a) =>
    `- ${label}: ${a.agree} of ${a.compared} packages listed by both agree, ${a.disagree.length} disagree, ` +
    `${a.guesses.length} are license-checker guesses (\`*\`).` +
    (a.onlyTheirs.length ? ` Only license-checker lists ${a.onlyTheirs.map(explain).join(', ')}.` : '') +
    (a.onlyOurs.length ? ` Only OSPO Lens lists ${a.onlyOurs.map(explain).join(', ')}.` : '');
  const installedKeys = new Set(packages.map((p) => `${p.name}@${p.version}`));
  const explain = (key) =>
    key === `${manifest.name}@${manifest.version}` ? `${key} (the project itself)`
      : installedKeys.has(key) ? key : `${key} (in the lockfile, not installed on this platform)`;
  const lockAgreement = compareLicenses(lockReport, theirReport);
  const installedAgreement = compareLicenses(installedReport, theirReport);

  const lines = [
    `### 1 and 4. Whole-tree check and its peak memory (${packages.length} installed packages, median of ${PROCESS_RUNS} runs each, alternated)`,
    '',
    `The benchmark project (bench/project: ${direct.runtime} runtime and ${direct.dev} development dependencies at exact versions) ` +
      `has ${packages.length} distinct installed packages (name@version). license-checker walks the installed tree from the project folder. ` +
      `OSPO Lens checks them two ways: **lockfile** — the project as is (${lockKind}); ` +
      `**installed** — ${manifests} generated package.json files, one per node_modules folder, listing every installed package at its ` +
      `installed version next to a link to that folder, so each license is read from the package's own package.json as license-checker reads it` +
      `${directOnly.length ? ' (`--direct-only`)' : ''}.`,
    '',
    table(
      ['command', 'wall time', 'CPU time', 'peak RSS'],
      [
        row(`\`ospo-lens check <project> --offline --format json\` — lockfile (${lockReport.dependencies.length} dependencies)`, lock),
        row(`\`ospo-lens check <generated> --offline --format json\` — installed (${installedReport.dependencies.length} dependencies)`, installed),
        row('`license-checker-rseidelsohn --json --start <project>`', theirs),
        row('`ospo-lens --help` (start-up only: load the bundle, print)', startup),
        row('`node -e 0` (Node itself)', bareNode),
      ],
    ),
    '',
    `Medians. OSPO Lens is faster than license-checker by **${fmtRatio(ratio(lock, theirs))}** reading the lockfile ` +
      `(${fmtRatio(cpuRatio(lock, theirs))} in CPU time) and by **${fmtRatio(ratio(installed, theirs))}** reading every installed ` +
      `package (${fmtRatio(cpuRatio(installed, theirs))} in CPU time); target ≥ ${TARGET_RATIO}×.`,
    '',
    'License agreement (normalised comparison: letter case, outer parentheses and deprecated GNU ids do not count):',
    agreementLine('lockfile', lockAgreement),
    agreementLine('installed', installedAgreement),
  ];
  const differences = [];
  for (const [how, a] of [['lockfile', lockAgreement], ['installed', installedAgreement]]) {
    for (const d of a.disagree) differences.push([how, d.key, String(d.ours), d.theirs, d.note ?? '']);
    for (const d of a.guesses) differences.push([how, d.key, String(d.ours), d.theirs, 'license-checker guessed from a file']);
  }
  if (differences.length > 0) lines.push('', table(['check', 'package', 'OSPO Lens', 'license-checker', 'note'], differences));

  const figure = (label, ours) => ({
    figure: `Whole-tree check (${label}) vs license-checker`,
    measured: `${fmtRatio(ratio(ours, theirs))} faster (${fmtMs(median(ours.ms))} vs ${fmtMs(median(theirs.ms))}; CPU time ${fmtRatio(cpuRatio(ours, theirs))})`,
    target: `≥ ${TARGET_RATIO}×`,
    met: ratio(ours, theirs) >= TARGET_RATIO,
  });
  return {
    markdown: lines.join('\n'),
    summary: [
      figure('lockfile', lock),
      figure('installed', installed),
      {
        figure: 'License agreement with license-checker',
        measured: `lockfile ${lockAgreement.agree}/${lockAgreement.compared}, installed ${installedAgreement.agree}/${installedAgreement.compared}`,
        target: 'report',
        met: null,
      },
      {
        figure: 'Peak memory, whole-tree check',
        measured: `${fmtMb(median(lock.rssMb))} lockfile, ${fmtMb(median(installed.rssMb))} installed (license-checker ${fmtMb(median(theirs.rssMb))})`,
        target: 'report',
        met: null,
      },
    ],
  };
}

module.exports = { run, licenseCheckerBin };
