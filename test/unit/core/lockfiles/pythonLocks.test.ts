import * as assert from 'node:assert/strict';
import { parsePoetryLock, parseUvLock } from '../../../../src/core/lockfiles/pythonLocks';
import { dep, find, fixtureText, transitiveOf, walk } from './helpers';

const py = (name: string, scope: 'runtime' | 'dev' = 'runtime') => dep(name, scope, '', 'pypi');

describe('poetry.lock', () => {
  it('lists what each requirement pulls in, by PEP 503 name', async () => {
    const search = await transitiveOf('poetry/pyproject.toml');
    assert.deepEqual(['certifi', 'idna', 'urllib3'].map((name) => find(search, name)?.via), [['requests'], ['requests'], ['requests']]);
    assert.equal(find(search, 'certifi')?.ecosystem, 'pypi');
  });

  it('matches names written differently (PySocks, pysocks; typing_extensions, typing-extensions)', () => {
    const lock = parsePoetryLock(fixtureText('poetry/poetry.lock'));
    const resolution = lock.roots({ member: '', direct: [py('Typing_Extensions')] });
    assert.equal(lock.graph.nodes[resolution.roots[0][0]].name, 'typing-extensions');
  });

  it('follows an optional dependency of an extra someone requests (coverage[toml] needs tomli)', () => {
    const lock = parsePoetryLock(fixtureText('poetry/poetry.lock'));
    const coverage = lock.graph.nodes.find((n) => n.name === 'coverage');
    assert.deepEqual(coverage?.edges.map((e) => lock.graph.nodes[e].name), ['tomli']);
  });

  it('still lists a locked optional dependency nothing is known to request (requests[socks] from the manifest)', async () => {
    const search = await transitiveOf('poetry/pyproject.toml');
    assert.deepEqual([find(search, 'pysocks')?.via, find(search, 'pysocks')?.scope], [['requests'], 'runtime']);
  });

  it('does not list an optional dependency that is not locked', async () => {
    const search = await transitiveOf('poetry/pyproject.toml');
    assert.equal(find(search, 'chardet'), undefined);
    assert.deepEqual(search.problems, []);
  });

  it('makes what the dev group pulls in dev', async () => {
    const search = await transitiveOf('poetry/pyproject.toml');
    assert.deepEqual([find(search, 'pluggy')?.scope, find(search, 'pluggy')?.via], ['dev', ['pytest']]);
  });

  it("treats a local directory package as the project's own: walked, not reported", () => {
    const lock = parsePoetryLock(fixtureText('poetry/poetry.lock'));
    const walked = walk(lock, [py('my-shared-lib')]);
    assert.deepEqual(walked.map((w) => w.name), ['pydantic', 'annotated-types', 'pydantic-core', 'typing-extensions']);
  });

  it('says which requirements poetry.lock does not lock', () => {
    const lock = parsePoetryLock(fixtureText('poetry/poetry.lock'));
    assert.match(lock.roots({ member: '', direct: [py('django')] }).problems[0], /poetry\.lock does not lock "django".*run poetry lock/);
  });

  it('keeps the other packages when one [[package]] is damaged, and says where', () => {
    const text = fixtureText('poetry/poetry.lock').replace('name = "idna"\nversion = "3.7"', 'name = "idna"\nversion = 3.7.0');
    const lock = parsePoetryLock(text);
    assert.match(lock.problems[0], /poetry\.lock: the \[\[package\]\] entry at line \d+ could not be read/);
    assert.ok(!lock.graph.nodes.some((n) => n.name === 'idna'));
    assert.ok(lock.graph.nodes.some((n) => n.name === 'certifi'));
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', '[[package]]', '[[package]]\nname = 1\n[package.dependencies]\nx = [1, {optional = "yes"}]\n[package.extras]\nx = "y"\n', '[[package]]\nname = "a"\nversion = "1"\n[package.dependencies]\na = "*"\n', '[[', '[[package]]\n'.repeat(500)]) {
      assert.doesNotThrow(() => parsePoetryLock(text).roots({ member: '', direct: [py('a')] }), text.slice(0, 40));
    }
  });
});

describe('uv.lock', () => {
  it("uses the project's own entry to tie requirements to locked packages", async () => {
    const search = await transitiveOf('uv/pyproject.toml');
    assert.deepEqual(find(search, 'sniffio')?.via, ['fastapi', 'starlette', 'anyio']);
    assert.deepEqual(search.problems, []);
  });

  it('follows the optional dependencies of an extra the project requests (uvicorn[standard])', async () => {
    const search = await transitiveOf('uv/pyproject.toml');
    assert.deepEqual(find(search, 'httptools')?.via, ['uvicorn']);
  });

  it('does not report the project itself', async () => {
    const search = await transitiveOf('uv/pyproject.toml');
    assert.equal(find(search, 'orders-api'), undefined);
  });

  it('picks the locked version a dependency names when a forked resolution locks several', () => {
    const lock = parseUvLock(
      [
        'version = 1',
        'requires-python = ">=3.9"',
        '',
        '[[package]]',
        'name = "numpy"',
        'version = "1.26.4"',
        'source = { registry = "https://pypi.org/simple" }',
        '',
        '[[package]]',
        'name = "numpy"',
        'version = "2.1.0"',
        'source = { registry = "https://pypi.org/simple" }',
        '',
        '[[package]]',
        'name = "pandas"',
        'version = "2.2.2"',
        'source = { registry = "https://pypi.org/simple" }',
        'dependencies = [',
        '    { name = "numpy", version = "2.1.0", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version >= \'3.13\'" },',
        ']',
      ].join('\n'),
    );
    assert.deepEqual(walk(lock, [py('pandas')]).map((w) => `${w.name}@${w.version}`), ['numpy@2.1.0']);
  });

  it('matches by name when the lockfile next to the manifest has no project entry', () => {
    const lock = parseUvLock(fixtureText('uv/uv.lock').replace('source = { editable = "." }', 'source = { registry = "https://pypi.org/simple" }'));
    assert.deepEqual(walk(lock, [py('starlette')]).map((w) => w.name), ['anyio', 'idna', 'sniffio']);
  });

  it('says when a manifest below the lockfile is not a member of its workspace', () => {
    const lock = parseUvLock(fixtureText('uv/uv.lock'));
    const resolution = lock.roots({ member: 'docs', direct: [py('starlette')] });
    assert.deepEqual(resolution.roots, [[]]);
    assert.match(resolution.problems[0], /uv\.lock does not cover this manifest: its folder "docs" is not a member of the uv workspace/);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', 'version = 1\n[[package]]\nname = "a"\nsource = "x"\ndependencies = "y"\n', '[[package]]\nname = "a"\n[package.optional-dependencies]\nx = 5\n', '[[package]]\ndependencies = [{ extra = [1] }]\n']) {
      assert.doesNotThrow(() => parseUvLock(text).roots({ member: '', direct: [py('a')] }), text);
    }
  });
});
