'use strict';
// The benchmark project: bench/project/package.json (popular packages at exact
// versions) and its lockfile, installed once with `npm ci` into the cache and
// reused while neither file changes.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { CACHE } = require('./common');

const SOURCE = path.join(__dirname, '..', 'project');
const PROJECT = path.join(CACHE, 'project');
const STAMP = path.join(PROJECT, '.bench-stamp');

function stampOf() {
  const hash = crypto.createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) hash.update(fs.readFileSync(path.join(SOURCE, file)));
  return hash.digest('hex');
}

/** Returns the installed project's folder, installing it first when needed (about a minute). */
function ensureProject() {
  const stamp = stampOf();
  if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === stamp) return PROJECT;
  console.error(`bench: installing the benchmark project (about 1,000 packages) into ${PROJECT}; first run only, about a minute`);
  fs.rmSync(PROJECT, { recursive: true, force: true });
  fs.mkdirSync(PROJECT, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(SOURCE, file), path.join(PROJECT, file));
  // --ignore-scripts: nothing is built or downloaded besides the registry's tarballs;
  // --include=dev: the dev tools are most of the tree, whatever NODE_ENV says.
  const result = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--include=dev'], {
    cwd: PROJECT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`npm ci in ${PROJECT} failed (exit ${result.status})`);
  fs.writeFileSync(STAMP, stamp); // last, so an interrupted install is redone
  return PROJECT;
}

/**
 * Every installed package, once per name@version (as license-checker lists them):
 * `{ name, version, modulesDir }`, where modulesDir is the node_modules folder that
 * holds it. Walks the tree the way Node lays it out, including nested node_modules.
 */
function installedPackages(project) {
  const seen = new Map();
  const pending = [path.join(project, 'node_modules')];
  while (pending.length > 0) {
    const modulesDir = pending.shift(); // breadth first: the hoisted copy wins
    for (const dir of packageDirs(modulesDir)) {
      let manifest;
      try {
        manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      } catch {
        continue; // not a package (a stray folder)
      }
      const key = `${manifest.name}@${manifest.version}`;
      if (manifest.name && manifest.version && !seen.has(key)) seen.set(key, { name: manifest.name, version: manifest.version, modulesDir });
      const nested = path.join(dir, 'node_modules');
      if (fs.existsSync(nested)) pending.push(nested);
    }
  }
  return [...seen.values()];
}

function packageDirs(modulesDir) {
  const dirs = [];
  for (const entry of fs.readdirSync(modulesDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const full = path.join(modulesDir, entry.name);
    if (entry.name.startsWith('@')) {
      for (const scoped of fs.readdirSync(full, { withFileTypes: true })) if (scoped.isDirectory()) dirs.push(path.join(full, scoped.name));
    } else {
      dirs.push(full);
    }
  }
  return dirs;
}

/**
 * Our CLI checks the dependencies each manifest declares; license-checker walks the
 * whole installed tree. To check the same packages, this writes one package.json per
 * node_modules folder of the project, listing every package in it (name → exact
 * version) that is not listed already, next to a symlink to that node_modules folder,
 * so each dependency resolves to exactly the installed copy license-checker reads.
 * Returns the folder to pass to `ospo-lens check` and the packages it lists.
 */
function writeComparisonTree(project) {
  const packages = installedPackages(project);
  const tree = path.join(CACHE, 'whole-tree');
  fs.rmSync(tree, { recursive: true, force: true });
  const groups = new Map();
  for (const pkg of packages) {
    if (!groups.has(pkg.modulesDir)) groups.set(pkg.modulesDir, []);
    groups.get(pkg.modulesDir).push(pkg);
  }
  [...groups.entries()].forEach(([modulesDir, members], i) => {
    const dir = path.join(tree, `m${String(i).padStart(4, '0')}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(modulesDir, path.join(dir, 'node_modules'), 'dir');
    const dependencies = Object.fromEntries(members.map((p) => [p.name, p.version]));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `group-${i}`, private: true, dependencies }, null, 2));
  });
  return { tree, packages, manifests: groups.size };
}

module.exports = { ensureProject, installedPackages, writeComparisonTree };
