import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from wherever the compiled test runs. */
export const REPO_ROOT = ((): string => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'esbuild.js'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('repository root not found');
    dir = parent;
  }
  return dir;
})();

export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
