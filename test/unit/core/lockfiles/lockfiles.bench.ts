/**
 * How long reading and walking large lockfiles takes, per format and size. Not a test
 * (mocha runs only *.test.js); run it after `npm run compile-tests` with
 *
 *     node out/test/unit/core/lockfiles/lockfiles.bench.js [sizes…]
 *
 * Each line gives the file size, the parse time (text to graph) and the walk time (roots
 * and breadth-first search), the median of several runs.
 */
import { walkGraph } from '../../../../src/core/lockfiles/graph';
import { parsePackageLock } from '../../../../src/core/lockfiles/packageLock';
import { parsePnpmLock } from '../../../../src/core/lockfiles/pnpmLock';
import { parsePoetryLock } from '../../../../src/core/lockfiles/pythonLocks';
import { parseCargoLock } from '../../../../src/core/lockfiles/cargoLock';
import type { ParsedLockfile } from '../../../../src/core/lockfiles/types';
import { parseYarnLock } from '../../../../src/core/lockfiles/yarnLock';
import { dep } from './helpers';
import { berryLock, cargoLock, npmLockV3, pnpmLockV9, poetryLock, ROOT, yarnLockV1 } from './synthetic';

const FORMATS: Array<[string, (size: number) => string, (text: string) => ParsedLockfile, string]> = [
  ['package-lock.json', npmLockV3, (text) => parsePackageLock(text), '^1.0.0'],
  ['pnpm-lock.yaml', pnpmLockV9, parsePnpmLock, '^1.0.0'],
  ['yarn.lock v1', yarnLockV1, parseYarnLock, '^1.0.0'],
  ['yarn.lock Berry', berryLock, parseYarnLock, '^1.0.0'],
  ['poetry.lock', poetryLock, parsePoetryLock, '>=1.0.0'],
  ['Cargo.lock', cargoLock, parseCargoLock, '1.0.0'],
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const size of sizes.length > 0 ? sizes : [300, 3000, 5000]) {
  for (const [label, generate, parse, requested] of FORMATS) {
    const text = generate(size);
    const direct = [dep(ROOT, 'runtime', requested)];
    const parseTimes: number[] = [];
    const walkTimes: number[] = [];
    let reported = 0;
    for (let run = 0; run < 7; run++) {
      const start = performance.now();
      const parsed = parse(text);
      const parsedAt = performance.now();
      const resolution = parsed.roots({ member: '', direct, manifestText: '' });
      reported = walkGraph(parsed.graph, direct, resolution.roots, resolution.unattached).length;
      const end = performance.now();
      parseTimes.push(parsedAt - start);
      walkTimes.push(end - parsedAt);
    }
    const kb = Math.round(Buffer.byteLength(text) / 1024);
    console.log(`${label.padEnd(18)} ${String(size).padStart(5)} packages ${String(kb).padStart(6)} KB  parse ${median(parseTimes).toFixed(1).padStart(7)} ms  walk ${median(walkTimes).toFixed(1).padStart(6)} ms  (${reported} reported)`);
  }
}
