import * as assert from 'node:assert/strict';
import { parsePackageLock } from '../../../../src/core/lockfiles/packageLock';
import { dep, find, fixtureText, transitiveOf, walk } from './helpers';

/** A v3 lockfile from `packages` entries. */
function v3(packages: Record<string, unknown>): string {
  return JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages: { '': { name: 'app' }, ...packages } });
}

describe('package-lock.json v2/v3', () => {
  it('lists what the direct dependencies pull in, each with its chain and locked version', async () => {
    const search = await transitiveOf('npm-workspaces/package.json');
    assert.deepEqual(
      ['accepts', 'mime-types', 'mime-db'].map((name) => [name, find(search, name)?.version, find(search, name)?.via]),
      [
        ['accepts', '1.3.8', ['express']],
        ['mime-types', '2.1.35', ['express', 'accepts']],
        ['mime-db', '1.52.0', ['express', 'accepts', 'mime-types']],
      ],
    );
  });

  it('names the lockfile and the root on each result', async () => {
    const search = await transitiveOf('npm-workspaces/package.json');
    const accepts = find(search, 'accepts');
    assert.equal(accepts?.root, 'express');
    assert.equal(accepts?.ecosystem, 'npm');
    assert.match(accepts?.lockfile ?? '', /npm-workspaces[\\/]package-lock\.json$/);
    assert.equal(search.lockfile, accepts?.lockfile);
  });

  it("resolves a package's dependency the way Node does: its own nested node_modules first", async () => {
    const search = await transitiveOf('npm-workspaces/package.json');
    // express needs debug 2.6.9 (nested under it); nodemon needs debug ^4 (hoisted).
    assert.deepEqual(find(search, 'debug', '2.6.9')?.via, ['express']);
    assert.deepEqual(find(search, 'debug', '4.3.4')?.via, ['nodemon']);
    assert.deepEqual(find(search, 'ms', '2.0.0')?.via, ['express', 'debug']);
  });

  it('gives each package the scope of what pulls it in', async () => {
    const search = await transitiveOf('npm-workspaces/package.json');
    assert.deepEqual(
      [find(search, 'ms', '2.0.0')?.scope, find(search, 'ms', '2.1.2')?.scope, find(search, 'fsevents')?.scope],
      ['runtime', 'dev', 'dev'],
    );
  });

  it('carries the license the lockfile records', async () => {
    const search = await transitiveOf('npm-workspaces/package.json');
    assert.equal(find(search, 'qs')?.declared, 'BSD-3-Clause');
  });

  it('reports the real package behind an npm alias, under the name the manifest uses', async () => {
    const search = await transitiveOf('npm-workspaces/package.json');
    const stripAnsi = find(search, 'strip-ansi');
    assert.deepEqual([stripAnsi?.root, stripAnsi?.via], ['wrap-cjs', ['wrap-cjs']]);
  });

  it('reports a package installed in several places once', async () => {
    const search = await transitiveOf('npm-workspaces/package.json');
    assert.equal(search.dependencies.filter((d) => d.name === 'debug' && d.version === '2.6.9').length, 1);
  });

  it('uses the workspace root lockfile for a member, following the link to another member', async () => {
    const search = await transitiveOf('npm-workspaces/packages/web/package.json');
    assert.deepEqual(
      search.dependencies.map((d) => `${d.name} < ${d.via.join(' < ')}`),
      ['classnames < @acme/ui', 'loose-envify < react', 'scheduler < react-dom', 'js-tokens < react < loose-envify'],
    );
    assert.deepEqual(search.problems, []);
  });

  it('follows peer dependencies npm installed, but not optional peers', () => {
    const lock = parsePackageLock(
      v3({
        'node_modules/plugin': { version: '1.0.0', peerDependencies: { host: '^2', maybe: '*' }, peerDependenciesMeta: { maybe: { optional: true } } },
        'node_modules/host': { version: '2.1.0' },
        'node_modules/maybe': { version: '0.1.0' },
      }),
    );
    assert.deepEqual(walk(lock, [dep('plugin')]).map((w) => w.name), ['host']);
  });

  it('says when a direct dependency is not in the lockfile, and still lists the others', async () => {
    const lock = parsePackageLock(v3({ 'node_modules/a': { version: '1.0.0', dependencies: { b: '^1' } }, 'node_modules/b': { version: '1.0.0' } }));
    const resolution = lock.roots({ member: '', direct: [dep('a'), dep('left-pad')] });
    assert.match(resolution.problems.join('\n'), /does not lock "left-pad".*run npm install/);
    assert.deepEqual(walk(lock, [dep('a'), dep('left-pad')]).map((w) => w.name), ['b']);
  });

  it('does not complain about a workspace or file: dependency missing from the lockfile', () => {
    const lock = parsePackageLock(v3({}));
    assert.deepEqual(lock.roots({ member: '', direct: [dep('@acme/ui', 'runtime', 'workspace:*'), dep('local', 'runtime', 'file:../local')] }).problems, []);
  });

  it('says when the lockfile does not lock what one of its packages needs', () => {
    const lock = parsePackageLock(v3({ 'node_modules/a': { version: '1.0.0', dependencies: { gone: '^1', opt: '^1' }, optionalDependencies: { opt: '^1' } } }));
    assert.equal(lock.problems.length, 1);
    assert.match(lock.problems[0], /does not lock a dependency of its own packages \("gone" needed by "a"\)/);
  });

  it('says when a package.json below the lockfile is not one of its workspace members', () => {
    const lock = parsePackageLock(fixtureText('npm-workspaces/package-lock.json'));
    const resolution = lock.roots({ member: 'tools/scripts', direct: [dep('express')] });
    assert.deepEqual(resolution.roots, [[]]);
    assert.match(resolution.problems[0], /"tools\/scripts" is not one of the lockfile's workspace members/);
  });

  it('turns legacy license forms into text', () => {
    const lock = parsePackageLock(v3({ 'node_modules/old': { version: '0.1.0', licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] } }));
    assert.equal(lock.graph.nodes.find((n) => n.name === 'old')?.declared, 'MIT OR Apache-2.0');
  });
});

describe('package-lock.json v1', () => {
  it('resolves requires through the nested dependencies tree', async () => {
    const search = await transitiveOf('npm-v1/package.json');
    // mocha's own supports-color 6.0.0 is nested under it; chalk uses the top-level 5.5.0.
    assert.deepEqual(find(search, 'supports-color', '6.0.0')?.via, ['mocha']);
    assert.deepEqual(find(search, 'supports-color', '5.5.0')?.via, ['chalk']);
    assert.deepEqual(find(search, 'color-name')?.via, ['chalk', 'ansi-styles', 'color-convert']);
  });

  it('reads an alias version (npm:real@1.2.3) as the real package', async () => {
    const search = await transitiveOf('npm-v1/package.json');
    assert.deepEqual(find(search, 'ansi-regex')?.via, ['strip-ansi-cjs']);
  });

  it('has no license to report (v1 does not record them)', async () => {
    const search = await transitiveOf('npm-v1/package.json');
    assert.ok(search.dependencies.every((d) => d.declared === undefined));
  });

  it('does not cover a package.json in a folder below it', () => {
    const lock = parsePackageLock(fixtureText('npm-v1/package-lock.json'));
    assert.match(lock.roots({ member: 'sub', direct: [dep('chalk')] }).problems[0], /npm 6, which has no workspaces/);
  });
});

describe('a broken package-lock.json', () => {
  it('gives a plain reason for text that is not JSON', () => {
    const lock = parsePackageLock('{ "lockfileVersion": 3, "packages": {');
    assert.deepEqual(lock.graph.nodes, []);
    assert.match(lock.problems[0], /^package-lock\.json is not valid JSON \(.+\); run npm install to rewrite it$/);
  });

  it('says when the JSON is not a lockfile', () => {
    assert.match(parsePackageLock('{"name": "x"}').problems[0], /not a lockfile npm wrote/);
    assert.match(parsePackageLock('[1, 2]').problems[0], /not a JSON object/);
  });

  it('never throws, whatever the text', () => {
    const texts = ['', 'null', '"x"', '{"packages": []}', '{"packages": {"node_modules/a": null, "node_modules/b": {"dependencies": 5}}}', '{"dependencies": {"a": {"requires": "x", "dependencies": 3}}}', '{"packages": {"node_modules/x": {"link": true, "resolved": 7}}}'];
    for (const text of texts) {
      assert.doesNotThrow(() => {
        const lock = parsePackageLock(text);
        lock.roots({ member: '', direct: [dep('a'), dep('x')] });
      }, text);
    }
  });
});
