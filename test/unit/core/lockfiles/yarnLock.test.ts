import * as assert from 'node:assert/strict';
import { parseYarnLock, readEntries } from '../../../../src/core/lockfiles/yarnLock';
import { dep, find, fixtureText, transitiveOf, walk } from './helpers';

describe('yarn.lock (Yarn 1)', () => {
  it('reads an entry listing several ranges, quoted and bare', () => {
    const { entries } = readEntries(fixtureText('yarn-classic/yarn.lock'));
    const stringWidth = entries.find((entry) => entry.keys.includes('string-width@^4.1.0'));
    assert.deepEqual(stringWidth?.keys, ['string-width-cjs@npm:string-width@^4.2.0', 'string-width@^1.0.2 || 2 || 3 || 4', 'string-width@^4.1.0', 'string-width@^4.2.0']);
    assert.equal(stringWidth?.fields.get('version'), '4.2.3');
    assert.equal(stringWidth?.blocks.get('dependencies')?.get('strip-ansi'), '^6.0.1');
  });

  it('lists what each direct dependency pulls in, through name@range entries', async () => {
    const search = await transitiveOf('yarn-classic/package.json');
    assert.deepEqual(find(search, 'color-name')?.via, ['chalk', 'ansi-styles', 'color-convert']);
    assert.equal(find(search, 'color-name')?.version, '1.1.4');
  });

  it('resolves an alias in the manifest (npm:string-width@^4.2.0) to the entry it names', async () => {
    const search = await transitiveOf('yarn-classic/package.json');
    assert.deepEqual(find(search, 'emoji-regex')?.via, ['string-width-cjs']);
  });

  it('follows optionalDependencies and keeps dev scope below a dev dependency', async () => {
    const search = await transitiveOf('yarn-classic/package.json');
    assert.deepEqual([find(search, 'fsevents')?.via, find(search, 'fsevents')?.scope], [['chokidar'], 'dev']);
  });

  it('finds the entry by name when the manifest range changed since the last install', () => {
    const lock = parseYarnLock(fixtureText('yarn-classic/yarn.lock'));
    const resolution = lock.roots({ member: '', direct: [dep('chalk', 'runtime', '^4.0.0')] });
    assert.equal(lock.graph.nodes[resolution.roots[0][0]].version, '4.1.2');
    assert.deepEqual(resolution.problems, []);
  });

  it('says which direct dependencies are not in yarn.lock', () => {
    const lock = parseYarnLock(fixtureText('yarn-classic/yarn.lock'));
    const resolution = lock.roots({ member: '', direct: [dep('left-pad', 'runtime', '^1.3.0')] });
    assert.match(resolution.problems[0], /yarn\.lock does not lock "left-pad".*run yarn install/);
  });

  it('keeps the readable entries of a lockfile left with merge conflict markers, and says so', () => {
    const text = fixtureText('yarn-classic/yarn.lock').replace('chalk@^4.1.2:\n', '<<<<<<< HEAD\nchalk@^4.1.2:\n').replace('color-name@~1.1.4:', '=======\ncolor-name@~1.1.4:');
    const lock = parseYarnLock(text);
    assert.match(lock.problems[0], /merge conflict markers \(line \d+\)/);
    assert.deepEqual(walk(lock, [dep('chalk', 'runtime', '^4.1.2')]).map((w) => w.name), ['ansi-styles', 'supports-color', 'color-convert', 'has-flag', 'color-name']);
  });

  it('skips a line that is no entry header, and says where', () => {
    const lock = parseYarnLock('# yarn lockfile v1\n\nnot a header\n  version "1.0.0"\n\na@^1:\n  version "1.0.0"\n');
    assert.match(lock.problems[0], /line 3 is not an entry header/);
    assert.deepEqual(lock.graph.nodes.map((n) => `${n.name}@${n.version}`), ['a@1.0.0']);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', '"', '"unterminated:\n  version "1', ':\n', 'a@1:\n    deep "x"\n  dependencies:\n', 'a@1:\n  dependencies:\n    "b\n', '\t\t\n\u0000']) {
      assert.doesNotThrow(() => parseYarnLock(text).roots({ member: '', direct: [dep('a', 'runtime', '1')] }), text);
    }
  });
});

describe('yarn.lock (Yarn 2+, Berry)', () => {
  it("follows a workspace member's dependencies from its workspace entry", async () => {
    const search = await transitiveOf('yarn-berry/packages/app/package.json');
    assert.deepEqual(find(search, 'real-require')?.via, ['@acme/logger', 'pino', 'thread-stream']);
    assert.deepEqual(search.problems, []);
  });

  it('resolves patch: descriptors (the TypeScript Yarn patches) to their entry', () => {
    const lock = parseYarnLock(fixtureText('yarn-berry/yarn.lock'));
    const resolution = lock.roots({ member: 'packages/app', direct: [dep('typescript', 'dev', '^5.4.5')] });
    const node = lock.graph.nodes[resolution.roots[0][0]];
    assert.deepEqual([node.name, node.version], ['typescript', '5.4.5']);
  });

  it('follows an optional dependency marked in dependenciesMeta', async () => {
    const search = await transitiveOf('yarn-berry/package.json');
    assert.deepEqual(find(search, 'fsevents')?.via, ['chokidar']);
  });

  it('never reports a workspace itself', async () => {
    const search = await transitiveOf('yarn-berry/packages/app/package.json');
    assert.equal(find(search, '@acme/logger'), undefined);
  });

  it('reads lockfiles of Yarn 2 and 3, whose dependency ranges leave out npm:', () => {
    const lock = parseYarnLock(
      [
        '__metadata:',
        '  version: 6',
        '  cacheKey: 8',
        '',
        '"chalk@npm:^4.1.0":',
        '  version: 4.1.2',
        '  resolution: "chalk@npm:4.1.2"',
        '  dependencies:',
        '    ansi-styles: ^4.1.0',
        '  languageName: node',
        '  linkType: hard',
        '',
        '"ansi-styles@npm:^4.1.0":',
        '  version: 4.3.0',
        '  resolution: "ansi-styles@npm:4.3.0"',
        '  languageName: node',
        '  linkType: hard',
        '',
      ].join('\n'),
    );
    assert.deepEqual(walk(lock, [dep('chalk', 'runtime', '^4.1.0')]), [{ name: 'ansi-styles', version: '4.3.0', via: 'chalk', scope: 'runtime' }]);
  });

  it('keeps a version like 1.10 a string (YAML would read it as the number 1.1)', () => {
    const lock = parseYarnLock('__metadata:\n  version: 8\n\n"x@npm:^1.10":\n  version: 1.10\n  resolution: "x@npm:1.10"\n');
    assert.equal(lock.graph.nodes[0].version, '1.10');
  });

  it('says when the manifest is a workspace yarn.lock does not list', () => {
    const lock = parseYarnLock(fixtureText('yarn-berry/yarn.lock'));
    assert.match(lock.roots({ member: 'packages/new', direct: [] }).problems[0], /no entry for the workspace "packages\/new"/);
  });

  it('keeps the readable entries of a broken file, and says it is not valid YAML', () => {
    const text = fixtureText('yarn-berry/yarn.lock').replace('"lodash@npm:^4.17.21":\n', '"lodash@npm:^4.17.21":\n  version: [unclosed\n');
    const lock = parseYarnLock(text);
    assert.match(lock.problems.join('\n'), /yarn\.lock is not valid YAML/);
    assert.ok(lock.graph.nodes.some((n) => n.name === 'pino'));
    assert.ok(!lock.graph.nodes.some((n) => n.name === 'lodash'));
  });

  it('never throws, whatever the text', () => {
    for (const text of ['__metadata:\n', '__metadata:\n  version: 8\n"a@npm:1": 5\n', '__metadata:\n[', '__metadata: x\n"a@npm:1":\n  dependencies: [1, 2]\n  dependenciesMeta: 3\n', '__metadata:\n  version: 8\nx: &a [*a]\n']) {
      assert.doesNotThrow(() => parseYarnLock(text).roots({ member: '', direct: [dep('a', 'runtime', '1')] }), text);
    }
  });
});
