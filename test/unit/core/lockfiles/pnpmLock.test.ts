import * as assert from 'node:assert/strict';
import { parsePnpmLock } from '../../../../src/core/lockfiles/pnpmLock';
import { dep, find, fixtureText, transitiveOf, walk } from './helpers';

describe('pnpm-lock.yaml v9', () => {
  it("lists a workspace project's transitive dependencies from snapshots", async () => {
    const search = await transitiveOf('pnpm-v9/packages/web/package.json');
    assert.deepEqual(find(search, 'js-tokens')?.via, ['react', 'loose-envify']);
    assert.deepEqual(search.problems, []);
  });

  it('resolves a reference with peers (18.3.1(react@18.3.1)) to its snapshot', async () => {
    const search = await transitiveOf('pnpm-v9/packages/web/package.json');
    assert.deepEqual([find(search, 'scheduler')?.version, find(search, 'scheduler')?.via], ['0.23.2', ['react-dom']]);
  });

  it('follows link: to another workspace project and what it depends on', async () => {
    const search = await transitiveOf('pnpm-v9/packages/web/package.json');
    assert.deepEqual(find(search, 'clsx')?.via, ['@acme/ui']);
  });

  it('resolves an alias reference (string-width@4.2.3) to the real package', async () => {
    const search = await transitiveOf('pnpm-v9/packages/web/package.json');
    assert.deepEqual(find(search, 'strip-ansi')?.via, ['string-width-cjs']);
  });

  it('makes what a devDependency pulls in dev', async () => {
    const search = await transitiveOf('pnpm-v9/packages/web/package.json');
    assert.deepEqual([find(search, 'csstype')?.scope, find(search, 'csstype')?.via], ['dev', ['@types/react']]);
  });

  it('says when the package.json is not one of the importers', () => {
    const lock = parsePnpmLock(fixtureText('pnpm-v9/pnpm-lock.yaml'));
    const resolution = lock.roots({ member: 'packages/api', direct: [dep('react')] });
    assert.match(resolution.problems[0], /"packages\/api" is not one of its importers/);
  });

  it('says which direct dependencies the importer does not list', () => {
    const lock = parsePnpmLock(fixtureText('pnpm-v9/pnpm-lock.yaml'));
    const resolution = lock.roots({ member: 'packages/ui', direct: [dep('clsx'), dep('zod')] });
    assert.match(resolution.problems[0], /pnpm-lock\.yaml does not lock "zod".*run pnpm install/);
  });
});

describe('pnpm-lock.yaml v6', () => {
  it('reads a project without workspaces from the top-level dependencies', async () => {
    const search = await transitiveOf('pnpm-v6/package.json');
    assert.deepEqual(find(search, 'mime-db')?.via, ['axios', 'form-data', 'mime-types']);
  });

  it('resolves /name@version(peers) keys', async () => {
    const search = await transitiveOf('pnpm-v6/package.json');
    const store = find(search, 'use-sync-external-store');
    assert.deepEqual([store?.version, store?.via], ['1.2.0', ['react-redux']]);
  });

  it('resolves a git dependency whose key is a path, using its name and version fields', () => {
    const lock = parsePnpmLock(fixtureText('pnpm-v6/pnpm-lock.yaml'));
    const [[node]] = lock.roots({ member: '', direct: [dep('left-pad', 'runtime', 'github:acme/left-pad')] }).roots;
    assert.deepEqual([lock.graph.nodes[node].name, lock.graph.nodes[node].version], ['left-pad', '1.3.0']);
  });
});

describe('pnpm-lock.yaml file: dependencies', () => {
  it("treats a local folder dependency as the project's own: walked, not reported", () => {
    const lock = parsePnpmLock(
      "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      consumer:\n        specifier: file:./consumer\n        version: file:consumer\n\npackages:\n\n  consumer@file:consumer:\n    resolution: {directory: consumer, type: directory}\n\n  left-pad@1.3.0:\n    resolution: {integrity: sha512-x}\n\nsnapshots:\n\n  consumer@file:consumer:\n    dependencies:\n      left-pad: 1.3.0\n\n  left-pad@1.3.0: {}\n",
    );
    assert.deepEqual(walk(lock, [dep('consumer', 'runtime', 'file:./consumer')]), [{ name: 'left-pad', version: '1.3.0', via: 'consumer', scope: 'runtime' }]);
  });
});

describe('pnpm-lock.yaml 5.4', () => {
  const v5 = [
    'lockfileVersion: 5.4',
    '',
    'specifiers:',
    '  react-dom: ^18.2.0',
    '  string_decoder: ^1.3.0',
    '',
    'dependencies:',
    '  react-dom: 18.2.0_react@18.2.0',
    '  string_decoder: 1.3.0',
    '',
    'packages:',
    '',
    '  /loose-envify/1.4.0:',
    '    resolution: {integrity: sha512-x}',
    '    dependencies:',
    '      js-tokens: 4.0.0',
    '    dev: false',
    '',
    '  /js-tokens/4.0.0:',
    '    resolution: {integrity: sha512-y}',
    '    dev: false',
    '',
    '  /react-dom/18.2.0_react@18.2.0:',
    '    resolution: {integrity: sha512-z}',
    '    dependencies:',
    '      loose-envify: 1.4.0',
    '    dev: false',
    '',
    '  /safe-buffer/5.2.1:',
    '    resolution: {integrity: sha512-w}',
    '    dev: false',
    '',
    '  /string_decoder/1.3.0:',
    '    resolution: {integrity: sha512-v}',
    '    dependencies:',
    '      safe-buffer: 5.2.1',
    '    dev: false',
    '',
  ].join('\n');

  it('reads /name/version_peers keys, names with underscores included', () => {
    const lock = parsePnpmLock(v5);
    assert.deepEqual(
      walk(lock, [dep('react-dom'), dep('string_decoder')]).map((w) => `${w.name}@${w.version} [${w.via}]`),
      ['loose-envify@1.4.0 [react-dom]', 'safe-buffer@5.2.1 [string_decoder]', 'js-tokens@4.0.0 [react-dom > loose-envify]'],
    );
  });
});

describe('a broken pnpm-lock.yaml', () => {
  it('keeps the readable entries of a section with a damaged one, and says so', () => {
    const text = fixtureText('pnpm-v9/pnpm-lock.yaml').replace('  csstype@3.1.3: {}\n', '  csstype@3.1.3: {unclosed\n');
    const lock = parsePnpmLock(text);
    assert.match(lock.problems.join('\n'), /pnpm-lock\.yaml is not valid YAML \(.+ at line \d+\)/);
    assert.match(lock.problems.join('\n'), /1 entry could not be read/);
    assert.deepEqual(walk(lock, [dep('react')], 'packages/ui').map((w) => w.name), ['loose-envify', 'js-tokens']);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', 'lockfileVersion: x', 'importers: 5', 'importers:\n  .:\n    dependencies:\n      a: {version: 3}\n', 'snapshots:\n  a@1:\n    dependencies: [x]\n', 'packages:\n  /a@1: null\n', ': :', 'lockfileVersion: 9.0\nimporters:\n  .:\n    dependencies:\n      a:\n        version: link:../../../x\n']) {
      assert.doesNotThrow(() => parsePnpmLock(text).roots({ member: '', direct: [dep('a')] }), text);
    }
  });
});
