'use strict';
// Shared helpers for the benchmarks: where things live, statistics, timed child
// processes and Markdown tables. Plain Node, no dependencies.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..', '..');

/**
 * The benchmark cache (the installed benchmark project, generated trees, bundles):
 * outside the repository, so nothing here is ever discovered, committed or wiped by
 * the repository's own `npm ci`.
 */
const CACHE = path.resolve(
  process.env.OSPO_BENCH_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ospo-lens-bench'),
);

/** How many timed runs of each whole process (the CLI, license-checker); the median is reported. */
const PROCESS_RUNS = Math.max(1, Number(process.env.OSPO_BENCH_RUNS) || 7);

function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * CPU time this process has used (ms). Micro-benchmarks use it rather than wall
 * time: on a machine shared with other work, a sample's wall time includes the
 * time the scheduler gave to others; its CPU time does not.
 */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const RSS_PRELOAD = path.join(__dirname, 'rss-preload.js');

/**
 * Runs `node <args>` once, with its standard output going to `outFile`, and returns
 * the wall time (ms), and the CPU time (ms) and peak resident memory (MB) the child
 * measured itself (see rss-preload.js). Throws with the child's error output when
 * it failed.
 */
function timeNode(args, { outFile, cwd = REPO, okCodes = [0, 1] } = {}) {
  const usageFile = path.join(os.tmpdir(), `ospo-bench-usage-${process.pid}-${Date.now()}`);
  const out = fs.openSync(outFile || '/dev/null', 'w');
  const start = nowMs();
  const result = spawnSync(process.execPath, ['-r', RSS_PRELOAD, ...args], {
    cwd,
    stdio: ['ignore', out, 'pipe'],
    env: { ...process.env, OSPO_BENCH_RSS_FILE: usageFile, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = nowMs() - start;
  fs.closeSync(out);
  if (result.error) throw result.error;
  if (!okCodes.includes(result.status)) {
    throw new Error(`node ${args.join(' ')} exited ${result.status}:\n${String(result.stderr).slice(-2000)}`);
  }
  let usage = { maxRSS: NaN, cpu: NaN };
  try {
    usage = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
    fs.rmSync(usageFile);
  } catch {
    // The child exited before its exit hook ran (killed): no memory or CPU figure.
  }
  return { ms, cpuMs: usage.cpu / 1000, rssMb: usage.maxRSS / 1024 }; // µs → ms, KiB → MiB
}

/**
 * Times several commands side by side: one warm-up run each (unless `warmup` is
 * false: the files were just written and are in the page cache), then `runs` rounds in
 * which every command runs once, so a burst of load from the other users of this
 * machine hits all of them alike. Returns, per command, every wall time, CPU time and peak RSS.
 */
function timeSideBySide(commands, runs = PROCESS_RUNS, { warmup = true } = {}) {
  const samples = commands.map(() => ({ ms: [], cpuMs: [], rssMb: [] }));
  if (warmup) for (const command of commands) timeNode(command.args, command.options);
  for (let round = 0; round < runs; round++) {
    commands.forEach((command, i) => {
      const { ms, cpuMs, rssMb } = timeNode(command.args, command.options);
      samples[i].ms.push(ms);
      samples[i].cpuMs.push(cpuMs);
      samples[i].rssMb.push(rssMb);
    });
  }
  return samples;
}

/**
 * Median CPU time (ms) of one call of each function, measured in alternation: each
 * sample runs `batch` calls of one function, then of the next, so they share the
 * same machine state. The batch grows until a sample takes at least ~20 ms, so
 * clock resolution never dominates; `samples` samples are taken after a warm-up.
 * A function may return a promise (the full check is async); it is awaited.
 */
async function microSideBySide(fns, { samples = 31, minSampleMs = 20 } = {}) {
  const call = async (fn, times) => {
    for (let i = 0; i < times; i++) {
      const result = fn();
      if (result instanceof Promise) await result;
    }
  };
  for (const fn of fns) await call(fn, 3); // warm-up: JIT and caches
  const batch = [];
  for (const fn of fns) {
    let n = 1;
    for (;;) {
      const start = cpuMs();
      await call(fn, n);
      if (cpuMs() - start >= minSampleMs || n >= 1 << 20) break;
      n *= 2;
    }
    batch.push(n);
  }
  const perCall = fns.map(() => []);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < fns.length; i++) {
      const start = cpuMs();
      await call(fns[i], batch[i]);
      perCall[i].push((cpuMs() - start) / batch[i]);
    }
  }
  return perCall.map(median);
}

function fmtMs(ms) {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}

function fmtRatio(ratio) {
  return Number.isFinite(ratio) ? `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×` : 'n/a';
}

function fmtMb(mb) {
  return Number.isFinite(mb) ? `${mb.toFixed(0)} MB` : 'n/a';
}

/** A Markdown table: readable in a terminal and pasted as is into docs/PERFORMANCE.md. */
function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Builds dist/ when it is missing, so the benchmark runs on a fresh clone after `npm ci`. */
function ensureBuilt() {
  if (fs.existsSync(path.join(REPO, 'dist', 'cli.js')) && fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) return;
  console.error('bench: dist/ is missing; running npm run build');
  const result = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

module.exports = {
  REPO,
  CACHE,
  PROCESS_RUNS,
  CLI: path.join(REPO, 'dist', 'cli.js'),
  median,
  nowMs,
  timeNode,
  timeSideBySide,
  microSideBySide,
  fmtMs,
  fmtRatio,
  fmtMb,
  table,
  ensureBuilt,
};
