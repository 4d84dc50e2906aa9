import * as assert from 'node:assert/strict';
import { MANIFEST_FORMATS, formatForPath } from '../../src/core/manifests';
import type { ManifestFormat } from '../../src/core/manifests/types';
import { parseTomlTolerant } from '../../src/core/manifests/toml/tolerantToml';
import { parsePolicy } from '../../src/core/policy/load';
import { FULL, recordCases } from './support/budget';
import { assertRangeInside, assertWellFormedManifest, DocumentLines } from './support/ranges';

/**
 * Huge and absurdly nested inputs: every parser finishes, with a well-formed result.
 * `npm run fuzz` uses the full sizes (10 MB, 100,000 levels), gives the cheap inputs
 * to every parser, and fails a parse that takes more than TIME_LIMIT_MS of CPU time;
 * the unit run uses 64 KB and 10,000 levels (already far past what overflows a
 * recursive parser's stack), gives each input to its own formats and only prints the times.
 */

const SIZE = FULL ? 10 * 1024 * 1024 : 64 * 1024;
const DEPTH = FULL ? 100_000 : 10_000;
const TIME_LIMIT_MS = 30_000;

/** Lines from `line(i)` until the text reaches SIZE characters. */
function linesUpTo(line: (i: number) => string, eol = '\n'): string {
  const lines: string[] = [];
  for (let i = 0, length = 0; length < SIZE; i++) {
    const next = line(i);
    lines.push(next);
    length += next.length + eol.length;
  }
  return lines.join(eol);
}

const repeat = (piece: string, times = DEPTH): string => piece.repeat(times);

interface HugeInput {
  readonly name: string;
  /** The manifest file names whose parsers must read it. */
  readonly formats: readonly string[];
  /** In the full run, every parser reads it (cheap to reject, and any parser may meet it). */
  readonly everyParser?: boolean;
  readonly text: () => string;
}

const INPUTS: readonly HugeInput[] = [
  {
    name: 'package.json with tens of thousands of dependencies',
    formats: ['package.json'],
    text: () => `{\n  "name": "huge",\n  "dependencies": {\n${linesUpTo((i) => `    "package-${i}": "^${i % 50}.${i % 7}.0",`)}\n    "last": "1.0.0"\n  }\n}\n`,
  },
  {
    name: 'requirements.txt with tens of thousands of requirements',
    formats: ['requirements.txt', 'requirements-dev.txt', 'requirements-test.txt', 'requirements-build.txt'],
    text: () => linesUpTo((i) => `package-${i}[extra]>=${i % 50}.${i % 7} ; python_version >= "3.8"  # pinned`),
  },
  {
    name: 'Cargo.toml with tens of thousands of dependencies',
    formats: ['Cargo.toml', 'pyproject.toml'],
    text: () =>
      `[package]\nname = "huge"\nversion = "0.1.0"\n\n[dependencies]\n${linesUpTo((i) =>
        i % 2 ? `crate-${i} = "${i % 50}.${i % 7}"` : `crate-${i} = { version = "${i % 50}", features = ["a", "b"] }`,
      )}\n`,
  },
  { name: 'JSON arrays nested DEPTH deep', everyParser: true, formats: ['package.json'], text: () => `{"dependencies": ${repeat('[')}${repeat(']')}}` },
  { name: 'JSON objects nested DEPTH deep', everyParser: true, formats: ['package.json'], text: () => `{"dependencies": ${repeat('{"a":')}"1"${repeat('}')}}` },
  { name: 'JSON arrays opened DEPTH deep and never closed', everyParser: true, formats: ['package.json'], text: () => `{"dependencies": ${repeat('[')}` },
  { name: 'TOML inline tables nested DEPTH deep', everyParser: true, formats: ['Cargo.toml', 'pyproject.toml'], text: () => `[dependencies]\nserde = ${repeat('{ a = ')}1${repeat(' }')}\n` },
  { name: 'TOML arrays nested DEPTH deep', everyParser: true, formats: ['Cargo.toml', 'pyproject.toml'], text: () => `[project]\ndependencies = ${repeat('[')}${repeat(']')}\n` },
  {
    name: 'TOML arrays nested 5,000 deep in a document with a broken table',
    everyParser: true,
    formats: ['Cargo.toml', 'pyproject.toml'],
    text: () => `[project]\ndependencies = ["requests", ${repeat('[', 5000)}${repeat(']', 5000)}]\n[broken]\nkey = = 1\n[dependencies]\nserde = "1"\n`,
  },
  {
    name: 'XML elements nested DEPTH deep',
    everyParser: true,
    formats: ['pom.xml', 'x.csproj', 'packages.config'],
    text: () => `<project><dependencies>${repeat('<a>')}${repeat('</a>')}</dependencies></project>`,
  },
  { name: 'XML elements opened DEPTH deep and never closed', everyParser: true, formats: ['pom.xml', 'x.csproj', 'packages.config'], text: () => `<Project>${repeat('<a>')}` },
  {
    name: 'Gradle blocks and calls nested DEPTH deep',
    everyParser: true,
    formats: ['build.gradle', 'build.gradle.kts'],
    text: () => `dependencies {\n${repeat('implementation(')}"a:b:1"${repeat(')')}\n${repeat('{')}${repeat('}')}\n}\n`,
  },
  { name: 'go.mod require blocks opened DEPTH times', everyParser: true, formats: ['go.mod'], text: () => repeat('require (\n') },
  { name: 'one line of SIZE letters', everyParser: true, formats: MANIFEST_FORMATS.map((f) => f.filePattern), text: () => 'x'.repeat(SIZE) },
  { name: 'one line of SIZE quotes, brackets and interpolations', everyParser: true, formats: MANIFEST_FORMATS.map((f) => f.filePattern), text: () => '"${[{(<a\\'.repeat(SIZE / 10) },
];

/** The formats an input is meant for; every format in the full run for the cheap ones. */
function formatsFor(input: HugeInput): ManifestFormat[] {
  if (FULL && input.everyParser) return [...MANIFEST_FORMATS];
  return MANIFEST_FORMATS.filter((format) => input.formats.some((name) => format.filePattern === name || format.matches(name)));
}

/**
 * Wall time, and the process's CPU time, which the bound applies to: the machine
 * running `npm run fuzz` may be busy with other jobs, which stretches wall time only.
 */
function measured<T>(run: () => T): { result: T; ms: number; cpuMs: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(cpu);
  return { result, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

function withinBound(what: string, cpuMs: number): void {
  if (FULL) assert.ok(cpuMs < TIME_LIMIT_MS, `${what} took ${cpuMs.toFixed(0)} ms of CPU time, more than ${TIME_LIMIT_MS} ms`);
}

function label(name: string): string {
  const size = SIZE >= 1024 * 1024 ? `${SIZE / 1024 / 1024} MB` : `${SIZE / 1024} KB`;
  return name.replace('SIZE', size).replace('DEPTH', DEPTH.toLocaleString('en'));
}

describe('fuzz: huge and deeply nested inputs', () => {
  it('names only real manifest formats', () => {
    for (const input of INPUTS) for (const name of input.formats) assert.ok(MANIFEST_FORMATS.some((f) => f.filePattern === name) || formatForPath(name), name);
  });

  for (const input of INPUTS) {
    it(`every parser finishes on ${label(input.name)}`, function () {
      const text = input.text();
      const times: string[] = [];
      for (const format of formatsFor(input)) {
        const { result, ms, cpuMs } = measured(() => format.parse(text));
        assertWellFormedManifest(text, result, format.ecosystem);
        times.push(`${format.label} ${ms.toFixed(0)} ms`);
        recordCases({ name: `${this.test?.fullTitle()}: ${format.label}`, cases: 1, ms, passed: true });
        withinBound(`${format.label} on ${label(input.name)}`, cpuMs);
      }
      console.log(`      ${(text.length / 1024).toFixed(0)} KB: ${times.join(', ')}`);
    });
  }

  it(`the TOML reader finishes on ${label('TOML arrays nested DEPTH deep')} in a broken document`, function () {
    const text = `[a]\nb = ${repeat('[')}${repeat(']')}\n[c]\nbroken = = 1\n`;
    const { result, ms, cpuMs } = measured(() => parseTomlTolerant(text));
    const lines = new DocumentLines(text);
    for (const error of result.errors) assertRangeInside(lines, error.range, 'error');
    recordCases({ name: this.test?.fullTitle() ?? 'toml', cases: 1, ms, passed: true });
    console.log(`      parseTomlTolerant ${ms.toFixed(0)} ms`);
    withinBound('parseTomlTolerant', cpuMs);
  });

  for (const [name, text] of [
    ['a policy nested DEPTH deep', () => `{"licenses": ${repeat('{"a":')}"deny"${repeat('}')}}`],
    ['a policy with tens of thousands of license verdicts', () => `{"licenses": {${linesUpTo((i) => `"LicenseRef-${i}": "deny",`)} "MIT": "allow"}}`],
  ] as const) {
    it(`the policy loader finishes on ${label(name)}`, function () {
      const policy = text();
      const { result, ms, cpuMs } = measured(() => parsePolicy(policy, 'policy.json'));
      const lines = new DocumentLines(policy);
      if (!result.ok) for (const problem of result.problems) assertRangeInside(lines, problem.range, 'problem');
      recordCases({ name: this.test?.fullTitle() ?? name, cases: 1, ms, passed: true });
      console.log(`      parsePolicy ${ms.toFixed(0)} ms (${result.ok ? 'accepted' : `${result.problems.length} problem(s)`})`);
      withinBound('parsePolicy', cpuMs);
    });
  }
});
