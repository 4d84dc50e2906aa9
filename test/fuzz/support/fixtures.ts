import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FORMATS, formatForPath } from '../../../src/core/manifests';
import type { ManifestFormat } from '../../../src/core/manifests/types';
import { REPO_ROOT } from '../../unit/repo';

export interface FixtureText {
  /** Relative to the repository root, for messages. */
  readonly file: string;
  readonly text: string;
}

/** Folders of installed packages and caches: their files are metadata, not the project's manifests. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.venv', 'vendor', '.m2', 'local-repo', 'packages', '.cargo']);

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : walk(full);
    return [full];
  });
}

/**
 * The format a fixture file is written in. Fixtures from real projects carry a
 * prefix naming the project ("tokio.Cargo.toml", "spring-petclinic.pom.xml",
 * "pyproject-poetry.toml"), so the real file name is looked for inside the name.
 */
function fixtureFormat(file: string): ManifestFormat | undefined {
  const direct = formatForPath(file);
  if (direct) return direct;
  const parts = path.basename(file).split('.');
  for (let k = 1; k < parts.length; k++) {
    const format = formatForPath(parts.slice(k).join('.'));
    if (format) return format;
  }
  return /^pyproject\b.*\.toml$/.test(path.basename(file)) ? formatForPath('pyproject.toml') : undefined;
}

let byFormat: Map<ManifestFormat, FixtureText[]> | undefined;

/**
 * The real manifests under test/fixtures (manifests/ and the fixture workspaces),
 * grouped by format, plus this repository's own package.json (the only large
 * real package.json at hand). Every format has at least one.
 */
export function manifestFixtures(format: ManifestFormat): readonly FixtureText[] {
  if (!byFormat) {
    byFormat = new Map(MANIFEST_FORMATS.map((f) => [f, [] as FixtureText[]]));
    const roots = ['manifests', 'workspaces'].map((folder) => path.join(REPO_ROOT, 'test', 'fixtures', folder));
    const files = [...roots.flatMap(walk).sort(), path.join(REPO_ROOT, 'package.json')];
    for (const file of files) {
      const found = fixtureFormat(file);
      if (found) byFormat.get(found)?.push({ file: path.relative(REPO_ROOT, file), text: fs.readFileSync(file, 'utf8') });
    }
    // The four requirements scopes share a parser and differ by file name only: each
    // is fuzzed with every requirements fixture.
    const requirements = MANIFEST_FORMATS.filter((f) => f.ecosystem === 'pypi' && f.label.startsWith('requirements'));
    const shared = requirements.flatMap((f) => byFormat?.get(f) ?? []);
    for (const f of requirements) byFormat.set(f, shared);
  }
  const fixtures = byFormat.get(format) ?? [];
  if (fixtures.length === 0) throw new Error(`no fixture manifest for ${format.label}: add one under test/fixtures`);
  return fixtures;
}

/** A policy using every field, as the README shows it. */
const FULL_POLICY = `{
  "extends": "default",                  // or a path to a shared policy file
  "distribution": "saas",                // distributed | saas | internal: sets category defaults
  "categories": { "weak-copyleft": "allow" },
  "scopes": { "dev": { "strong-copyleft": "allow" } },
  "licenses": { "EPL-2.0": "deny" },     // a verdict for one SPDX id, beating its category
  "unknown": "review",                   // missing, ambiguous or unrecognised licenses
  "internalPackages": ["@acme/*"],       // the organisation's own packages: never flagged
  "exceptions": [
    { "package": "gpl-lib", "version": "^2.0.0", "license": "GPL-3.0-only",
      "reason": "runs as a separate process", "approvedBy": "ospo@acme.example", "expires": "2027-06-30" }
  ],
  "guides": "guides"                     // the organisation's guide folder, relative to this file
}
`;

/** Real policy files: the embedded default, the fixture workspace's, and the README's example. */
export function policyFixtures(): readonly FixtureText[] {
  const files = ['src/core/policy/default-policy.json', 'test/fixtures/workspaces/policy-saas/.ospo/policy.json'];
  return [
    ...files.map((file) => ({ file, text: fs.readFileSync(path.join(REPO_ROOT, file), 'utf8') })),
    { file: 'README.md example', text: FULL_POLICY },
  ];
}
