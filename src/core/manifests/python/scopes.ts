import type { Scope } from '../../model';

/**
 * Python has no standard word for "development only": projects say it in the
 * name of a requirements file (`requirements-dev.txt`, `requirements/test.txt`)
 * or of a group (`[project.optional-dependencies] docs = [...]`). One rule, by
 * words, for both:
 *
 * - a word of TEST_WORDS (`test`, `tests`, `testing`) -> `test`;
 * - else a word of BUILD_WORDS (`build`) -> `build`;
 * - else a word of DEV_WORDS (`dev`, `lint`, `docs`, `typing`, …) -> `dev`;
 * - else the default of the place (runtime for requirements files, optional for extras).
 *
 * Words are the parts of the name between `-`, `_`, `.` and other punctuation,
 * lower-cased, so `requirements_dev.txt`, `dev-requirements.txt` and
 * `requirements.dev.txt` agree, while `requirements-devices.txt` stays runtime.
 */
const TEST_WORDS: ReadonlySet<string> = new Set(['test', 'tests', 'testing']);
const BUILD_WORDS: ReadonlySet<string> = new Set(['build']);
const DEV_WORDS: ReadonlySet<string> = new Set([
  'dev',
  'devel',
  'develop',
  'development',
  'lint',
  'linting',
  'linters',
  'doc',
  'docs',
  'typing',
  'types',
  'mypy',
  'style',
  'ci',
  'tox',
  'tools',
]);

/** The scope a name implies, or `fallback` when it says nothing. */
export function scopeOfName(name: string, fallback: Scope): Scope {
  const words = name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  if (words.some((word) => TEST_WORDS.has(word))) return 'test';
  if (words.some((word) => BUILD_WORDS.has(word))) return 'build';
  if (words.some((word) => DEV_WORDS.has(word))) return 'dev';
  return fallback;
}
