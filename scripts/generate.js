// Runs every scripts/generate-*.js in name order. Each writes derived data into
// src/**/generated/ (git-ignored): build inputs made from data packages, so the
// repository holds the sources and the recipe, never the output.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const dir = __dirname;
for (const script of fs.readdirSync(dir).filter((f) => /^generate-.+\.js$/.test(f)).sort()) {
  execFileSync(process.execPath, [path.join(dir, script)], { stdio: 'inherit' });
}
