import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { findTransitiveDependencies } from '../../../../src/core/lockfiles';
import { dep, memoryReader } from './helpers';
import { berryLock, cargoLock, expectedVia, npmLockV3, pnpmLockV9, poetryLock, ROOT, yarnLockV1 } from './synthetic';

/**
 * A 5000-package lockfile of each format is read and walked completely and correctly:
 * every package is reported once, with its shortest chain. How long it takes is measured
 * by lockfiles.bench.ts, not asserted here.
 */
const SIZE = 5000;
const project = path.resolve('/big/project');

const CASES: Array<{ lockfile: string; manifest: string; text: (size: number) => string; ecosystem: 'npm' | 'pypi' | 'cargo'; requested: string }> = [
  { lockfile: 'package-lock.json', manifest: 'package.json', text: npmLockV3, ecosystem: 'npm', requested: '^1.0.0' },
  { lockfile: 'pnpm-lock.yaml', manifest: 'package.json', text: pnpmLockV9, ecosystem: 'npm', requested: '^1.0.0' },
  { lockfile: 'yarn.lock', manifest: 'package.json', text: yarnLockV1, ecosystem: 'npm', requested: '^1.0.0' },
  { lockfile: 'yarn.lock', manifest: 'package.json', text: berryLock, ecosystem: 'npm', requested: '^1.0.0' },
  { lockfile: 'poetry.lock', manifest: 'pyproject.toml', text: poetryLock, ecosystem: 'pypi', requested: '>=1.0.0' },
  { lockfile: 'Cargo.lock', manifest: 'Cargo.toml', text: cargoLock, ecosystem: 'cargo', requested: '1.0.0' },
];

describe(`a ${SIZE}-package lockfile`, () => {
  for (const { lockfile, manifest, text, ecosystem, requested } of CASES) {
    const label = text === berryLock ? 'yarn.lock (Berry)' : lockfile;

    it(`${label}: every package is reported once, with its shortest chain`, async () => {
      const search = await findTransitiveDependencies(path.join(project, manifest), [dep(ROOT, 'runtime', requested, ecosystem)], {
        manifestText: '',
        readText: memoryReader({ [path.join(project, lockfile)]: text(SIZE) }),
      });
      assert.deepEqual(search.problems, []);
      assert.equal(search.dependencies.length, SIZE - 1);
      assert.equal(new Set(search.dependencies.map((d) => d.name)).size, SIZE - 1);
      for (const index of [1, 2, 3, 100, 2047, SIZE - 1]) {
        assert.deepEqual(search.dependencies.find((d) => d.name === `pkg-${index}`)?.via, expectedVia(index), `pkg-${index}`);
      }
    });
  }
});
