import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { findTransitiveDependencies, LOCKFILE_FILES, LockfileCache } from '../../../../src/core/lockfiles';
import type { FoundLockfile } from '../../../../src/core/lockfiles/discover';
import type { LockfileFormat } from '../../../../src/core/lockfiles/types';
import { dep, memoryReader, names } from './helpers';

const root = path.resolve('/work/project');
const at = (...parts: string[]): string => path.join(root, ...parts);

const PACKAGE_LOCK = JSON.stringify({
  lockfileVersion: 3,
  packages: {
    '': { name: 'app', dependencies: { a: '^1' } },
    'node_modules/a': { version: '1.0.0', dependencies: { b: '^2' } },
    'node_modules/b': { version: '2.0.0', license: 'MIT' },
  },
});
const YARN_LOCK = '# yarn lockfile v1\n\na@^1:\n  version "1.5.0"\n  dependencies:\n    c "^3"\n\nc@^3:\n  version "3.0.0"\n';
const PNPM_LOCK = "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      a:\n        specifier: ^1\n        version: 1.2.0\n\npackages:\n\n  a@1.2.0:\n    resolution: {integrity: sha512-x}\n  d@4.0.0:\n    resolution: {integrity: sha512-y}\n\nsnapshots:\n\n  a@1.2.0:\n    dependencies:\n      d: 4.0.0\n\n  d@4.0.0: {}\n";

describe('finding the lockfile that applies and its transitive dependencies', () => {
  it('finds nothing, and no problem, when there is no lockfile', async () => {
    const search = await findTransitiveDependencies(at('package.json'), [dep('a', 'runtime', '^1')], { readText: memoryReader({}) });
    assert.deepEqual(search, { dependencies: [], problems: [] });
  });

  it('uses the lockfile next to the manifest', async () => {
    const search = await findTransitiveDependencies(at('package.json'), [dep('a', 'runtime', '^1')], { readText: memoryReader({ [at('package-lock.json')]: PACKAGE_LOCK }) });
    assert.equal(search.lockfile, at('package-lock.json'));
    assert.deepEqual(search.dependencies, [{ ecosystem: 'npm', name: 'b', version: '2.0.0', via: ['a'], root: 'a', scope: 'runtime', declared: 'MIT', lockfile: at('package-lock.json') }]);
  });

  it('uses the nearest lockfile upward for a workspace member', async () => {
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'packages/web': { name: 'web', dependencies: { a: '^1' } }, 'node_modules/a': { version: '1.0.0' } } });
    const search = await findTransitiveDependencies(at('packages', 'web', 'package.json'), [dep('a')], { readText: memoryReader({ [at('package-lock.json')]: lock }) });
    assert.deepEqual([search.lockfile, search.problems], [at('package-lock.json'), []]);
  });

  it('prefers package-lock.json when several package managers left lockfiles, and says so', async () => {
    const search = await findTransitiveDependencies(at('package.json'), [dep('a', 'runtime', '^1')], {
      readText: memoryReader({ [at('package-lock.json')]: PACKAGE_LOCK, [at('yarn.lock')]: YARN_LOCK }),
    });
    assert.equal(search.lockfile, at('package-lock.json'));
    assert.match(search.problems[0], /several lockfiles in .* \(package-lock\.json, yarn\.lock\); package-lock\.json was used — set "packageManager" in package\.json/);
  });

  it('uses the lockfile of the package manager package.json names', async () => {
    const search = await findTransitiveDependencies(at('package.json'), [dep('a', 'runtime', '^1')], {
      readText: memoryReader({ [at('package.json')]: '{ "packageManager": "pnpm@9.4.0" }', [at('package-lock.json')]: PACKAGE_LOCK, [at('pnpm-lock.yaml')]: PNPM_LOCK }),
    });
    assert.deepEqual([search.lockfile, names(search.dependencies), search.problems], [at('pnpm-lock.yaml'), ['d@4.0.0'], []]);
  });

  it("reads packageManager from the editor's unsaved text when given", async () => {
    const search = await findTransitiveDependencies(at('package.json'), [dep('a', 'runtime', '^1')], {
      manifestText: '{ "packageManager": "yarn@1.22.22", "dependencies": { "a": "^1" } }',
      readText: memoryReader({ [at('package.json')]: '{}', [at('package-lock.json')]: PACKAGE_LOCK, [at('yarn.lock')]: YARN_LOCK }),
    });
    assert.deepEqual([search.lockfile, names(search.dependencies)], [at('yarn.lock'), ['c@3.0.0']]);
  });

  it("reads packageManager from the workspace root's package.json for a member", async () => {
    const lock = "lockfileVersion: '9.0'\nimporters:\n  packages/web:\n    dependencies:\n      a:\n        specifier: ^1\n        version: 1.2.0\nsnapshots:\n  a@1.2.0: {}\n";
    const search = await findTransitiveDependencies(at('packages', 'web', 'package.json'), [dep('a')], {
      readText: memoryReader({ [at('package.json')]: '{ "packageManager": "pnpm@9.4.0" }', [at('packages', 'web', 'package.json')]: '{}', [at('yarn.lock')]: YARN_LOCK, [at('pnpm-lock.yaml')]: lock }),
    });
    assert.deepEqual([search.lockfile, search.problems], [at('pnpm-lock.yaml'), []]);
  });

  it('prefers npm-shrinkwrap.json to package-lock.json without a problem, as npm does', async () => {
    const search = await findTransitiveDependencies(at('package.json'), [dep('a')], {
      readText: memoryReader({ [at('package-lock.json')]: PACKAGE_LOCK, [at('npm-shrinkwrap.json')]: PACKAGE_LOCK }),
    });
    assert.deepEqual([search.lockfile, search.problems], [at('npm-shrinkwrap.json'), []]);
  });

  it('picks uv.lock over poetry.lock for a pyproject.toml configured for uv', async () => {
    const uv = 'version = 1\n\n[[package]]\nname = "a"\nversion = "1.0"\ndependencies = [{ name = "b" }]\n\n[[package]]\nname = "b"\nversion = "2.0"\n';
    const search = await findTransitiveDependencies(at('pyproject.toml'), [dep('a', 'runtime', '', 'pypi')], {
      manifestText: '[project]\nname = "x"\n\n[tool.uv]\ndev-dependencies = []\n',
      readText: memoryReader({ [at('poetry.lock')]: '', [at('uv.lock')]: uv }),
    });
    assert.deepEqual([search.lockfile, names(search.dependencies), search.problems], [at('uv.lock'), ['b@2.0'], []]);
  });

  it('reads poetry.lock only next to the manifest (Poetry has no workspaces), uv.lock from above too', async () => {
    const lock = '[[package]]\nname = "a"\nversion = "1.0"\ndependencies = [{ name = "b" }]\n\n[[package]]\nname = "b"\nversion = "2.0"\n\n[[package]]\nname = "member"\nversion = "0.1.0"\nsource = { editable = "packages/member" }\ndependencies = [{ name = "a" }]\n';
    const poetry = await findTransitiveDependencies(at('packages', 'member', 'pyproject.toml'), [dep('a', 'runtime', '', 'pypi')], { readText: memoryReader({ [at('poetry.lock')]: lock.replace(/dependencies = .*\n/g, '') }) });
    assert.deepEqual(poetry, { dependencies: [], problems: [] });
    const uv = await findTransitiveDependencies(at('packages', 'member', 'pyproject.toml'), [dep('a', 'runtime', '', 'pypi')], { readText: memoryReader({ [at('uv.lock')]: lock }) });
    assert.deepEqual([uv.lockfile, names(uv.dependencies)], [at('uv.lock'), ['b@2.0']]);
  });

  it('uses poetry.lock or uv.lock for a requirements file too', async () => {
    const poetry = '[[package]]\nname = "a"\nversion = "1.0"\n\n[package.dependencies]\nb = "*"\n\n[[package]]\nname = "b"\nversion = "2.0"\n';
    const search = await findTransitiveDependencies(at('requirements.txt'), [dep('a', 'runtime', '', 'pypi')], { readText: memoryReader({ [at('poetry.lock')]: poetry }) });
    assert.deepEqual(names(search.dependencies), ['b@2.0']);
  });

  it("reads a Go module's go.sum only from its own folder", async () => {
    const sum = 'example.com/b v1.0.0 h1:x=\n';
    const search = await findTransitiveDependencies(at('cmd', 'tool', 'go.mod'), [dep('example.com/a', 'runtime', 'v1', 'go')], {
      manifestText: 'module example.com/tool\n\ngo 1.16\n',
      readText: memoryReader({ [at('go.sum')]: sum }),
    });
    assert.deepEqual(search, { dependencies: [], problems: [] });
  });

  it('has nothing to say for ecosystems without a lockfile here (Maven, NuGet)', async () => {
    const search = await findTransitiveDependencies(at('pom.xml'), [dep('org.example:lib', 'runtime', '1.0', 'maven')], { readText: memoryReader({}) });
    assert.deepEqual(search, { dependencies: [], problems: [] });
  });

  it('says when the lockfile exists but cannot be read', async () => {
    const readText = async (file: string): Promise<string> => {
      if (file === at('package-lock.json')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    };
    const search = await findTransitiveDependencies(at('package.json'), [dep('a')], { readText });
    assert.deepEqual(search.dependencies, []);
    assert.match(search.problems[0], /package-lock\.json could not be read \(EACCES: permission denied\), so transitive dependencies are not listed/);
  });

  it('reports problems of the lockfile and of matching it to the manifest together', async () => {
    const search = await findTransitiveDependencies(at('package.json'), [dep('a'), dep('zzz')], { readText: memoryReader({ [at('package-lock.json')]: '{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": "1", "dependencies": {"gone": "1"}}}}' }) });
    assert.equal(search.problems.length, 2);
    assert.match(search.problems.join('\n'), /"gone" needed by "a"/);
    assert.match(search.problems.join('\n'), /does not lock "zzz"/);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('check cancelled'));
    await assert.rejects(findTransitiveDependencies(at('package.json'), [dep('a')], { signal: controller.signal, readText: memoryReader({}) }), /check cancelled/);
  });

  it('stops between reads when the signal aborts during the search', async () => {
    const controller = new AbortController();
    const readText = async (file: string): Promise<string> => {
      controller.abort(new Error('editor closed'));
      throw Object.assign(new Error(`missing ${file}`), { code: 'ENOENT' });
    };
    await assert.rejects(findTransitiveDependencies(at('package.json'), [dep('a')], { signal: controller.signal, readText }), /editor closed/);
  });
});

describe('the lockfiles an editor should watch', () => {
  it('are every file the search reads', () => {
    assert.deepEqual([...LOCKFILE_FILES].sort(), ['Cargo.lock', 'go.sum', 'npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml', 'poetry.lock', 'uv.lock', 'vendor/modules.txt', 'yarn.lock']);
  });
});

describe('the lockfile cache', () => {
  function counting(): { format: LockfileFormat; count: () => number } {
    let calls = 0;
    const format: LockfileFormat = {
      ecosystem: 'npm',
      file: 'package-lock.json',
      parse: () => {
        calls++;
        return { graph: { nodes: [] }, problems: [], roots: ({ direct }) => ({ roots: direct.map(() => []), problems: [] }) };
      },
    };
    return { format, count: () => calls };
  }
  const found = (format: LockfileFormat, text: string): FoundLockfile => ({ format, path: at('package-lock.json'), text, dir: root });

  it('parses a lockfile again only when its text changed', () => {
    const { format, count } = counting();
    const cache = new LockfileCache();
    cache.parse(found(format, '{"a": 1}'));
    cache.parse(found(format, '{"a": 1}'));
    assert.equal(count(), 1);
    cache.parse(found(format, '{"a": 2}'));
    assert.equal(count(), 2);
  });

  it('forgets the least recently parsed lockfile beyond its size', () => {
    const { format, count } = counting();
    const cache = new LockfileCache(2);
    for (const name of ['a', 'b', 'c', 'a']) cache.parse({ ...found(format, 'same'), path: at(name, 'package-lock.json') });
    assert.equal(count(), 4);
  });

  it('gives the same results through findTransitiveDependencies with or without it', async () => {
    const options = { readText: memoryReader({ [at('package-lock.json')]: PACKAGE_LOCK }) };
    const cache = new LockfileCache();
    const plain = await findTransitiveDependencies(at('package.json'), [dep('a')], options);
    const first = await findTransitiveDependencies(at('package.json'), [dep('a')], { ...options, cache });
    const second = await findTransitiveDependencies(at('package.json'), [dep('a')], { ...options, cache });
    assert.deepEqual([first, second], [plain, plain]);
  });
});
