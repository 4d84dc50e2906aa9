import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  isRequirementsPath,
  parseRequirements,
  requirementsFormats,
  requirementsScope,
} from '../../../../../src/core/manifests/python/requirementsTxt';
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

const names = (dependencies: readonly Dependency[]): string[] => dependencies.map((d) => d.name);

describe('requirements.txt parser', () => {
  describe('on a pip-compile output with hashes', () => {
    const text = fixture('requirements-pip-compile.txt');
    const parsed = parseRequirements(text);

    it('finds every pinned requirement, hashes and "# via" comments left out', () => {
      assert.deepEqual(names(parsed.dependencies), [
        'asgiref',
        'certifi',
        'charset-normalizer',
        'django',
        'idna',
        'psycopg2-binary',
        'requests',
        'sqlparse',
        'urllib3',
      ]);
      assert.deepEqual(parsed.errors, []);
    });

    it('gives the exact range of each name and pinned version', () => {
      for (const dependency of parsed.dependencies) {
        assert.equal(textAt(text, dependency.range), dependency.name);
        assert.equal(textAt(text, dependency.requestedRange as Range), dependency.requested);
        assert.equal(dependency.direct, true);
        assert.equal(dependency.ecosystem, 'pypi');
      }
      const requests = parsed.dependencies.find((d) => d.name === 'requests');
      assert.equal(requests?.requested, '==2.31.0');
    });

    it('ignores the index options', () => {
      assert.deepEqual(parsed.includes, []);
    });
  });

  describe('on a development requirements file', () => {
    const text = fixture('requirements-dev.txt');
    const parsed = parseRequirements(text, 'dev');
    const byName = new Map(parsed.dependencies.map((d) => [d.name, d]));

    it('reports -r/--requirement and -c/--constraint as includes with the range of the path', () => {
      assert.deepEqual(
        parsed.includes?.map((include) => [include.kind, include.path, textAt(text, include.range)]),
        [
          ['requirements', 'requirements.txt', 'requirements.txt'],
          ['requirements', 'requirements/docs.txt', 'requirements/docs.txt'],
          ['constraints', 'constraints.txt', 'constraints.txt'],
          ['constraints', 'pinned versions.txt', 'pinned versions.txt'],
        ],
      );
    });

    it('names editable VCS checkouts by their #egg= and skips editable local paths', () => {
      const werkzeug = byName.get('Werkzeug');
      assert.equal(werkzeug?.requested, 'git+https://github.com/pallets/werkzeug.git@3.0.x#egg=Werkzeug');
      assert.equal(textAt(text, werkzeug.range), 'Werkzeug');
      assert.equal(textAt(text, byName.get('pytest-xdist')?.range as Range), 'pytest-xdist');
      assert.ok(!parsed.dependencies.some((d) => d.name === '.' || d.requested.startsWith('.')));
    });

    it('does not read a URL fragment (#egg=) as a comment', () => {
      assert.equal(byName.get('flake8')?.requested, 'git+https://github.com/PyCQA/flake8.git@6.1.0#egg=flake8');
    });

    it('reads specifiers with spaces, parentheses, === and markers', () => {
      assert.deepEqual(
        ['pytest', 'pytest-cov', 'coverage', 'mypy', 'black', 'tomli'].map((name) => byName.get(name)?.requested),
        ['>=7.4,<9', '~= 4.1', '>=7.2', '===1.6.1', '== 23.10.*', '>=1.1.0'],
      );
    });

    it('names a direct URL reference and a wheel URL', () => {
      assert.equal(byName.get('pre-commit')?.requested, 'https://github.com/pre-commit/pre-commit/archive/refs/tags/v3.5.0.zip');
      const ruff = byName.get('ruff');
      assert.equal(textAt(text, ruff?.range as Range), 'ruff');
      assert.match(ruff?.requested ?? '', /ruff-0\.1\.3-py3-none-manylinux_2_17_x86_64\.whl$/);
    });

    it('joins a requirement continued over several lines with "\\"', () => {
      const sphinx = byName.get('sphinx');
      assert.equal(sphinx?.requested, '>=7.0');
      assert.equal(textAt(text, sphinx.range), 'sphinx');
      assert.equal(textAt(text, sphinx.requestedRange as Range), '>=7.0');
    });

    it('skips local paths, which are the user’s own code', () => {
      assert.ok(!parsed.dependencies.some((d) => d.name.includes('local-helper') || d.requested.includes('vendor')));
    });

    it('gives every dependency the scope it was parsed with', () => {
      assert.ok(parsed.dependencies.every((d) => d.scope === 'dev'));
    });

    it('finds nothing wrong in it', () => {
      assert.deepEqual(parsed.errors, []);
    });
  });

  it('reads pip-tools input (requirements.in)', () => {
    const parsed = parseRequirements(fixture('requirements.in'));
    assert.deepEqual(names(parsed.dependencies), ['django', 'djangorestframework', 'celery', 'gunicorn']);
    assert.equal(parsed.dependencies[1].requested, '');
    assert.equal(parsed.dependencies[1].requestedRange, undefined);
    assert.deepEqual(parsed.includes?.map((i) => [i.kind, i.path]), [['constraints', '../constraints/global.txt']]);
  });

  it('reads options glued to their value and with "="', () => {
    const parsed = parseRequirements('-rbase.txt\n--requirement=other.txt\n-cpins.txt\n');
    assert.deepEqual(parsed.includes?.map((i) => [i.kind, i.path]), [
      ['requirements', 'base.txt'],
      ['requirements', 'other.txt'],
      ['constraints', 'pins.txt'],
    ]);
  });

  it('reports -r without a file', () => {
    const parsed = parseRequirements('-r\nflask\n');
    assert.match(parsed.errors[0].message, /file name is expected after -r/);
    assert.deepEqual(names(parsed.dependencies), ['flask']);
  });

  it('keeps a --hash on the same line out of the requested version', () => {
    const [dependency] = parseRequirements('attrs==23.1.0 --hash=sha256:1f28b4522cdc2fb4256ac1a020c78acf9cba2c6b').dependencies;
    assert.equal(dependency.requested, '==23.1.0');
  });

  it('strips comments after whitespace but keeps # inside a word', () => {
    const parsed = parseRequirements('flask>=2.0 # web framework\n# a whole comment line\nhttps://example.com/pkgs/x.zip#egg=xpkg\n');
    assert.deepEqual(
      parsed.dependencies.map((d) => [d.name, d.requested]),
      [
        ['flask', '>=2.0'],
        ['xpkg', 'https://example.com/pkgs/x.zip#egg=xpkg'],
      ],
    );
  });

  it('ends a continuation at a comment line, as pip does', () => {
    const text = 'numpy==1.26.0 \\\n# pinned for the GPU image\nscipy\n';
    assert.deepEqual(
      parseRequirements(text).dependencies.map((d) => [d.name, d.requested]),
      [
        ['numpy', '==1.26.0'],
        ['scipy', ''],
      ],
    );
  });

  it('gives ranges on the right line with CRLF endings and continuations', () => {
    const text = 'click==8.1.7 \\\r\n    --hash=sha256:ae74fb96c20a0277a1d615f1e4d73c8414f5a98db8b799a7931d1582f3390c28\r\n  jinja2 >= 3.1\r\n';
    const [click, jinja] = parseRequirements(text).dependencies;
    assert.deepEqual(click.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } });
    assert.deepEqual(jinja.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 8 } });
    assert.equal(textAt(text, jinja.requestedRange as Range), '>= 3.1');
  });

  it('reports a broken line and still reads the others', () => {
    const parsed = parseRequirements('flask\ndjango >= = 4\nrequests\n');
    assert.deepEqual(names(parsed.dependencies), ['flask', 'django', 'requests']);
    assert.equal(parsed.errors.length, 1);
    assert.equal(parsed.errors[0].range.start.line, 1);
  });

  it('never throws, whatever the text', () => {
    const inputs = ['', '\\', '\\\\\n\\', '-', '--', '-e', '-r "', '#', 'a[', 'a @', 'a ;', '\u0000\uffff', '\uFEFFflask', 'x\\\n'.repeat(5000), 'requests==1\n'.repeat(20000)];
    for (const text of inputs) assert.doesNotThrow(() => parseRequirements(text));
  });

  it('reads a file starting with a byte-order mark', () => {
    const [dependency] = parseRequirements('\uFEFFflask==3.0.0\n').dependencies;
    assert.equal(dependency.name, 'flask');
    assert.equal(dependency.range.start.character, 1);
  });
});

describe('requirements files by name', () => {
  it('matches requirements*.txt, *requirements.txt, requirements/*.txt and their .in', () => {
    for (const file of [
      '/w/requirements.txt',
      '/w/requirements-dev.txt',
      '/w/requirements_test.txt',
      '/w/dev-requirements.txt',
      '/w/requirements/base.txt',
      '/w/requirements.in',
      '/w/requirements/dev.in',
      'C:\\w\\requirements.txt',
    ]) {
      assert.ok(isRequirementsPath(file), file);
    }
  });

  it('does not claim other .in and .txt files, nor those of installed packages', () => {
    for (const file of ['/w/MANIFEST.in', '/w/Makefile.in', '/w/setup.cfg.in', '/w/notes.txt', '/w/.venv/lib/python3.11/site-packages/foo/requirements.txt']) {
      assert.ok(!isRequirementsPath(file), file);
    }
  });

  it('reads the scope from the file name', () => {
    assert.deepEqual(
      [
        'requirements.txt',
        'requirements-prod.txt',
        'requirements/base.txt',
        'requirements-dev.txt',
        'dev-requirements.txt',
        'requirements/dev.txt',
        'requirements_docs.txt',
        'requirements-test.txt',
        'test-requirements.txt',
        'requirements/tests.in',
        'requirements-build.txt',
        'requirements-devices.txt',
      ].map((file) => requirementsScope(`/w/${file}`)),
      ['runtime', 'runtime', 'runtime', 'dev', 'dev', 'dev', 'dev', 'test', 'test', 'test', 'build', 'runtime'],
    );
  });

  it('lets exactly one format claim each file, with the scope of its name', () => {
    for (const [file, scope] of [
      ['/w/requirements.txt', 'runtime'],
      ['/w/requirements-dev.txt', 'dev'],
      ['/w/requirements/test.txt', 'test'],
    ] as const) {
      const claiming = requirementsFormats.filter((format) => format.matches(file));
      assert.equal(claiming.length, 1, file);
      assert.equal(claiming[0].parse('flask').dependencies[0].scope, scope);
    }
  });
});
