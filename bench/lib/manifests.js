'use strict';
// Synthetic manifests of n dependencies, written the way people write them (a mix
// of runtime and development dependencies, plain and detailed forms).

/** Licenses the dependencies get, in turn: mostly permissive, as in real projects. */
const LICENSES = ['MIT', 'Apache-2.0', 'ISC', 'BSD-3-Clause', 'MIT', '(MIT OR Apache-2.0)', 'BSD-2-Clause', 'MIT', 'LGPL-2.1-or-later', 'GPL-3.0-only'];

function licenseFor(i) {
  return LICENSES[i % LICENSES.length];
}

/** Every fifth dependency is a development-only one. */
const isDev = (i) => i % 5 === 4;

function packageJson(n) {
  const deps = {};
  const dev = {};
  for (let i = 0; i < n; i++) (isDev(i) ? dev : deps)[`bench-pkg-${i}`] = `^${1 + (i % 7)}.${i % 10}.0`;
  return JSON.stringify({ name: 'bench-app', version: '1.0.0', license: 'MIT', dependencies: deps, devDependencies: dev }, null, 2);
}

function cargoToml(n) {
  const runtime = [];
  const dev = [];
  for (let i = 0; i < n; i++) {
    const line = i % 3 === 0 ? `bench-crate-${i} = { version = "1.${i % 10}", features = ["std"] }` : `bench-crate-${i} = "1.${i % 10}"`;
    (isDev(i) ? dev : runtime).push(line);
  }
  return ['[package]', 'name = "bench-app"', 'version = "1.0.0"', 'edition = "2021"', 'license = "MIT"', '', '[dependencies]', ...runtime, '', '[dev-dependencies]', ...dev, ''].join('\n');
}

function pyprojectToml(n) {
  const runtime = [];
  const dev = [];
  for (let i = 0; i < n; i++) (isDev(i) ? dev : runtime).push(`  "bench-pkg-${i}>=1.${i % 10},<3",`);
  return [
    '[project]', 'name = "bench-app"', 'version = "1.0.0"', 'license = "MIT"', 'dependencies = [', ...runtime, ']', '',
    '[project.optional-dependencies]', 'dev = [', ...dev, ']', '',
  ].join('\n');
}

function pomXml(n) {
  const deps = [];
  for (let i = 0; i < n; i++) {
    deps.push(
      '    <dependency>',
      '      <groupId>org.bench</groupId>',
      `      <artifactId>bench-lib-${i}</artifactId>`,
      `      <version>1.${i % 10}.0</version>`,
      ...(isDev(i) ? ['      <scope>test</scope>'] : []),
      '    </dependency>',
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<project xmlns="http://maven.apache.org/POM/4.0.0">',
    '  <modelVersion>4.0.0</modelVersion>',
    '  <groupId>org.bench</groupId>', '  <artifactId>bench-app</artifactId>', '  <version>1.0.0</version>',
    '  <dependencies>', ...deps, '  </dependencies>', '</project>', '',
  ].join('\n');
}

/** file name (which picks the parser) → generator */
const GENERATORS = {
  'package.json': packageJson,
  'Cargo.toml': cargoToml,
  'pyproject.toml': pyprojectToml,
  'pom.xml': pomXml,
};

module.exports = { GENERATORS, licenseFor, packageJson };
