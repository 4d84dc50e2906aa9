'use strict';
// `npm run bench`: every performance figure of docs/PERFORMANCE.md, each a ratio
// measured side by side in the same run (the machine may be shared), printed as
// Markdown and saved to <cache>/results.md.
//
//   npm run bench                       all parts
//   npm run bench -- keystroke scaling  only these parts (whole-tree, keystroke, activation, scaling)
//
// Knobs (environment): OSPO_BENCH_RUNS (timed runs per process, default 7),
// OSPO_BENCH_ACTIVATION_RUNS (cold VS Code starts, default 3),
// OSPO_BENCH_SIZES (scaling sizes, default 10,100,1000,10000),
// OSPO_BENCH_CACHE (default ~/.cache/ospo-lens-bench).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { CACHE, CLI, ensureBuilt, table } = require('./lib/common');

const PARTS = ['whole-tree', 'keystroke', 'activation', 'scaling'];
const SIZES = (process.env.OSPO_BENCH_SIZES || '10,100,1000,10000').split(',').map(Number).filter((n) => n > 0);

function machine() {
  const cpus = os.cpus();
  return [
    `- Date: ${new Date().toISOString()}`,
    `- CPU: ${cpus.length} × ${cpus[0] ? cpus[0].model.trim() : 'unknown'}; memory ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    `- OS: ${os.type()} ${os.release()}; Node ${process.version}`,
  ].join('\n');
}

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((p) => !PARTS.includes(p));
  if (unknown.length > 0) {
    console.error(`bench: unknown part(s) ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
    return 2;
  }
  const parts = wanted.length > 0 ? wanted : PARTS;
  fs.mkdirSync(CACHE, { recursive: true });
  ensureBuilt();

  const sections = [`## Results\n\n${machine()}`];
  const summary = [];
  const step = async (name, fn) => {
    console.error(`bench: ${name}…`);
    const started = Date.now();
    const result = await fn();
    console.error(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    sections.push(result.markdown);
    summary.push(...result.summary);
    console.log(`\n${result.markdown}\n`);
  };

  if (parts.includes('whole-tree')) await step('whole-tree check', () => require('./whole-tree').run());
  if (parts.includes('keystroke')) await step('keystroke path', () => require('./keystroke').run());
  if (parts.includes('activation')) await step('activation and bundle size', () => require('./activation').run());
  if (parts.includes('scaling')) {
    await step('scaling', async () => {
      const check = require('./scaling').run(SIZES);
      const keystroke = await require('./keystroke').scaling(SIZES);
      const markdown = [
        '### 5. Scaling',
        '',
        `\`${path.relative(process.cwd(), CLI) || CLI} check <project> --offline --format json\` on synthetic projects ` +
          '(one package.json, every dependency installed in node_modules with its license), median wall time, ' +
          'and license-checker on the same trees:',
        '',
        check,
        '',
        'Keystroke path (parse + evaluate, warm cache) at the same sizes, median CPU time per call (× the plain parser):',
        '',
        keystroke,
      ].join('\n');
      return { markdown, summary: [] };
    });
  }

  if (summary.length > 0) {
    const summaryTable = table(
      ['figure', 'measured', 'target', 'met'],
      summary.map((s) => [s.figure, s.measured, s.target, s.met === null ? '—' : s.met ? 'yes' : '**no**']),
    );
    sections.push(`### Summary\n\n${summaryTable}`);
    console.log(`\n### Summary\n\n${summaryTable}\n`);
  }
  const file = path.join(CACHE, 'results.md');
  fs.writeFileSync(file, `${sections.join('\n\n')}\n`);
  console.error(`bench: results saved to ${file}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`bench: ${error.stack || error.message}`);
    process.exitCode = 1;
  },
);
