import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePyproject, pyprojectFormat } from '../../../../../src/core/manifests/python/pyprojectToml';
import type { Dependency, Range } from '../../../../../src/core/model';
import { LineIndex } from '../../../../../src/core/text';
import { FIXTURES } from '../../../repo';

function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, 'manifests', 'python', name), 'utf8');
}

const summary = (dependencies: readonly Dependency[]): Array<[string, string, string]> => dependencies.map((d) => [d.name, d.scope, d.requested]);

describe('pyproject.toml parser', () => {
  describe('on a PEP 621 project with extras and dependency groups', () => {
    const text = fixture('pyproject-pep621.toml');
    const parsed = parsePyproject(text);

    it('finds [project] dependencies as runtime, with versions and without markers', () => {
      assert.deepEqual(summary(parsed.dependencies.filter((d) => d.scope === 'runtime')), [
        ['certifi', 'runtime', ''],
        ['httpcore', 'runtime', '==1.*'],
        ['anyio', 'runtime', ''],
        ['idna', 'runtime', ''],
        ['sniffio', 'runtime', ''],
        ['typing-extensions', 'runtime', '>=4.0'],
      ]);
    });

    it('gives the range of the name inside the string, and of the version', () => {
      for (const dependency of parsed.dependencies) {
        assert.equal(textAt(text, dependency.range), dependency.name);
        if (dependency.requestedRange) assert.equal(textAt(text, dependency.requestedRange), dependency.requested);
      }
      const httpcore = parsed.dependencies.find((d) => d.name === 'httpcore');
      assert.deepEqual(httpcore?.range, { start: { line: 19, character: 5 }, end: { line: 19, character: 13 } });
    });

    it('makes extras optional, and development-only when their name says so', () => {
      const scopes = Object.fromEntries(parsed.dependencies.map((d) => [d.name, d.scope]));
      assert.equal(scopes.brotli, 'optional');
      assert.equal(scopes.rich, 'optional');
      assert.equal(scopes['mkdocs-material'], 'dev');
    });

    it('reads dependency groups as development-only, each requirement once', () => {
      assert.deepEqual(summary(parsed.dependencies.filter((d) => d.scope === 'dev' || d.scope === 'test')), [
        ['mkdocs-material', 'dev', '~=9.4'],
        ['pytest', 'test', '>=8'],
        ['pytest-httpbin', 'test', '==2.0.0'],
        ['trustme', 'test', ''],
        ['ruff', 'dev', '==0.1.6'],
        ['mypy', 'dev', '==1.7.0'],
        ['build', 'dev', ''],
      ]);
    });

    it('reads the SPDX license of the project', () => {
      assert.equal(parsed.projectLicense, 'BSD-3-Clause');
    });

    it('does not take build-system requirements for dependencies', () => {
      assert.ok(!parsed.dependencies.some((d) => d.name === 'hatchling'));
      assert.deepEqual(parsed.errors, []);
    });
  });

  describe('on a Poetry project', () => {
    const text = fixture('pyproject-poetry.toml');
    const parsed = parsePyproject(text);
    const byName = new Map(parsed.dependencies.map((d) => [d.name, d]));

    it('finds main, group and dev dependencies with their scopes, python left out', () => {
      assert.deepEqual(summary(parsed.dependencies), [
        ['fastapi', 'runtime', '^0.104.0'],
        ['uvicorn', 'runtime', '^0.24.0'],
        ['pydantic-settings', 'runtime', '^2.0.3'],
        ['SQLAlchemy', 'optional', '^2.0'],
        ['numpy', 'runtime', '<1.25 || ^1.26'],
        ['mylib', 'runtime', 'https://github.com/example/mylib.git'],
        ['httpx', 'runtime', '^0.25.1'],
        ['ipython', 'dev', '^8.17'],
        ['black', 'dev', '^23.11.0'],
        ['ruff', 'dev', '^0.1.5'],
        ['pytest', 'test', '^7.4.3'],
        ['pytest-asyncio', 'test', '*'],
      ]);
    });

    it('gives the range of the key, without quotes, and of the version', () => {
      for (const dependency of parsed.dependencies) assert.equal(textAt(text, dependency.range), dependency.name);
      assert.equal(textAt(text, byName.get('uvicorn')?.requestedRange as Range), '^0.24.0');
      assert.equal(textAt(text, byName.get('httpx')?.requestedRange as Range), '^0.25.1');
    });

    it('skips local path dependencies', () => {
      assert.ok(!byName.has('shared-models'));
    });

    it('reads the Poetry license', () => {
      assert.equal(parsed.projectLicense, 'MIT');
    });
  });

  it('ignores [tool.poetry.dependencies] when [project] dependencies exist (Poetry 2)', () => {
    const text = '[project]\ndependencies = ["requests>=2"]\n[tool.poetry.dependencies]\nrequests = { source = "internal" }\n';
    assert.deepEqual(summary(parsePyproject(text).dependencies), [['requests', 'runtime', '>=2']]);
  });

  it('reads dependency groups that include an unknown group or themselves as problems', () => {
    const text = '[dependency-groups]\na = [{ include-group = "b" }, "x"]\nb = [{ include-group = "a" }]\nc = [{ include-group = "nope" }]\n';
    const parsed = parsePyproject(text);
    assert.deepEqual(summary(parsed.dependencies), [['x', 'dev', '']]);
    assert.deepEqual(
      parsed.errors.map((e) => [e.range.start.line, /themselves/.test(e.message) ? 'cycle' : /no dependency group "nope"/.test(e.message) ? 'unknown' : e.message]),
      [
        [2, 'cycle'],
        [3, 'unknown'],
      ],
    );
  });

  it('reads uv and PDM development dependencies', () => {
    const text = '[tool.uv]\ndev-dependencies = ["pytest>=8"]\n[tool.pdm.dev-dependencies]\nlint = ["ruff", "-e file:///${PROJECT_ROOT}/libs/util"]\n';
    assert.deepEqual(summary(parsePyproject(text).dependencies), [
      ['pytest', 'dev', '>=8'],
      ['ruff', 'dev', ''],
    ]);
  });

  it('reads the license table forms', () => {
    assert.equal(parsePyproject('[project]\nlicense = { text = "MIT" }\n').projectLicense, 'MIT');
    assert.equal(parsePyproject('[project]\nlicense = { file = "LICENSE.txt" }\n').projectLicense, 'SEE LICENSE IN LICENSE.txt');
  });

  it('reports a string that is not a requirement', () => {
    const parsed = parsePyproject('[project]\ndependencies = ["requests", "!!", "flask >= = 2"]\n');
    assert.deepEqual(parsed.dependencies.map((d) => d.name), ['requests', 'flask']);
    assert.equal(parsed.errors.length, 2);
    assert.match(parsed.errors[0].message, /not a PEP 508 requirement/);
  });

  it('keeps the dependencies of good tables when another table is broken', () => {
    const text = '[project]\ndependencies = ["requests>=2"]\n\n[tool.poetry.group.dev.dependencies]\nblack = "^23\n\n[dependency-groups]\ntest = ["pytest"]\n';
    const parsed = parsePyproject(text);
    assert.deepEqual(parsed.dependencies.map((d) => d.name), ['requests', 'pytest']);
    assert.ok(parsed.errors.length > 0);
  });

  it('reads the dependencies next to a value nested thousands of levels deep, instead of crashing', () => {
    // Found by fuzzing: the TOML tree was built recursively and overflowed the stack at ~3,000 levels.
    const text = `[project]\ndependencies = ["requests", ${'['.repeat(5000)}${']'.repeat(5000)}]\n`;
    assert.deepEqual(parsePyproject(text).dependencies.map((d) => d.name), ['requests']);
  });

  it('maps ranges inside a string with escapes onto the whole string', () => {
    const text = '[project]\ndependencies = ["caf\\u00e9 >=1"]\n';
    const [dependency] = parsePyproject(text).dependencies;
    assert.equal(textAt(text, dependency.range), 'caf\\u00e9 >=1');
  });

  it('never throws, whatever the text', () => {
    const inputs = ['', '[', '[project', 'dependencies = [', '[project]\ndependencies = 3', '[project]\ndependencies = [1, {a = 1}, [2]]', '[dependency-groups]\na = "x"', '\u0000\uffff', '[a]\n'.repeat(300), '[project]\ndependencies = [' + '"x",'.repeat(20000), '[tool.poetry.dependencies]\nx = [1, "a", {path="."}]'];
    for (const text of inputs) assert.doesNotThrow(() => parsePyproject(text));
  });

  it('matches pyproject.toml but not those of installed packages', () => {
    assert.ok(pyprojectFormat.matches('/w/app/pyproject.toml'));
    assert.ok(pyprojectFormat.matches('C:\\w\\pyproject.toml'));
    assert.ok(!pyprojectFormat.matches('/w/.venv/lib/python3.11/site-packages/x/pyproject.toml'));
    assert.ok(!pyprojectFormat.matches('/w/pyproject.toml.orig'));
  });
});
