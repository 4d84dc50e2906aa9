'use strict';
// Bundles parts of src/ with esbuild, with the options esbuild.js uses for the
// shipped bundles, so the benchmarks measure the code users run, minified as
// `npm run build:production` ships it.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const esbuild = require('esbuild');
const { REPO, CACHE } = require('./common');

const SHIPPED = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'], // as esbuild.js: jsonc-parser's ESM build bundles cleanly
  minify: true,
  logLevel: 'warning',
};

/** The generated license data is a build input (git-ignored): make it when missing. */
function ensureGenerated() {
  if (fs.existsSync(path.join(REPO, 'src', 'core', 'licenses', 'generated'))) return;
  const result = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'generate.js')], { cwd: REPO, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('scripts/generate.js failed');
}

/** The core functions the keystroke benchmark calls, bundled and loaded. */
function loadCore() {
  ensureGenerated();
  const outfile = path.join(CACHE, 'bundles', 'core.js');
  esbuild.buildSync({
    ...SHIPPED,
    stdin: {
      contents: [
        "export { MANIFEST_FORMATS, formatForPath } from './src/core/manifests';",
        "export { normalizeLicense } from './src/core/licenses/normalize';",
        "export { evaluateDependency } from './src/core/policy/dependency';",
        "export { getDefaultPolicy } from './src/core/policy/load';",
        "export { checkManifestText } from './src/core/check';",
        "export { loadGuideFolder } from './src/core/guides/guide';",
      ].join('\n'),
      resolveDir: REPO,
      sourcefile: 'bench-core.ts',
      loader: 'ts',
    },
    outfile,
  });
  return require(outfile);
}

/**
 * Builds the extension as `npm run build:production` does, into the cache, and
 * returns its size and how much of it is the generated license data.
 */
function extensionBundleSize() {
  ensureGenerated();
  const outfile = path.join(CACHE, 'bundles', 'extension.js');
  const result = esbuild.buildSync({
    ...SHIPPED,
    entryPoints: [path.join(REPO, 'src', 'extension.ts')],
    external: ['vscode'],
    outfile,
    metafile: true,
    absWorkingDir: REPO,
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  let generated = 0;
  for (const [input, info] of Object.entries(output.inputs)) {
    if (/(^|\/)src\/core\/licenses\/generated\//.test(input)) generated += info.bytesInOutput;
  }
  return { total: fs.statSync(outfile).size, generated };
}

module.exports = { loadCore, extensionBundleSize };
