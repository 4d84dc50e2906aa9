import * as path from 'node:path';
import { formatForPath } from '../manifests';
import type { Dependency, Ecosystem } from '../model';
import { cargoLockFormat } from './cargoLock';
import { goSumFormat, vendorModulesFormat } from './goModules';
import { packageLockFormat, shrinkwrapFormat } from './packageLock';
import { pnpmLockFormat } from './pnpmLock';
import { poetryLockFormat, uvLockFormat } from './pythonLocks';
import type { LockfileFormat } from './types';
import { yarnLockFormat } from './yarnLock';

/**
 * Which lockfile applies to a manifest: the nearest upward that its ecosystem writes (a
 * workspace member uses the lockfile at the workspace root), except for lockfiles that
 * belong to the folder they are in (poetry.lock, Go's go.sum and vendor/). Each parser
 * then says when the lockfile found does not cover the manifest. Maven and NuGet
 * manifests have no lockfile read here.
 */

interface Candidates {
  readonly formats: readonly LockfileFormat[];
  /** Formats read only from the manifest's own folder, never from one above it. */
  readonly here?: ReadonlySet<LockfileFormat>;
}

const CANDIDATES: Partial<Record<Ecosystem, Candidates>> = {
  // npm-shrinkwrap.json beats package-lock.json, as npm itself decides.
  npm: { formats: [shrinkwrapFormat, packageLockFormat, pnpmLockFormat, yarnLockFormat] },
  // Poetry has no workspaces: its lockfile sits next to its pyproject.toml. A uv workspace has
  // one uv.lock at its root, which lists its members.
  pypi: { formats: [poetryLockFormat, uvLockFormat], here: new Set([poetryLockFormat]) },
  cargo: { formats: [cargoLockFormat] },
  // vendor/ and go.sum belong to the module whose go.mod is next to them; vendor/modules.txt
  // first: when it exists, `go build` uses exactly what it lists.
  go: { formats: [vendorModulesFormat, goSumFormat], here: new Set([vendorModulesFormat, goSumFormat]) },
};

/**
 * Every lockfile read here, as a path relative to the folder it applies to
 * (`vendor/modules.txt`): what an editor should watch to check manifests again when one changes.
 */
export const LOCKFILE_FILES: readonly string[] = [...new Set(Object.values(CANDIDATES).flatMap((candidates) => candidates?.formats.map((format) => format.file) ?? []))];

/** Reads a file: its text, undefined when it does not exist; throws when it exists but cannot be read. */
export type FileReader = (file: string) => Promise<string | undefined>;

export interface FoundLockfile {
  readonly format: LockfileFormat;
  readonly path: string;
  readonly text: string;
  /** The folder the lockfile applies to (vendor/modules.txt applies to the folder above vendor/). */
  readonly dir: string;
}

export interface LockfileSearch {
  readonly found?: FoundLockfile;
  readonly problems: string[];
}

/** The manifest's ecosystem from its file name, else from what its parser produced. */
export function ecosystemOf(manifestPath: string, direct: readonly Dependency[]): Ecosystem | undefined {
  return formatForPath(manifestPath)?.ecosystem ?? direct[0]?.ecosystem;
}

export async function findLockfile(
  manifestPath: string,
  ecosystem: Ecosystem | undefined,
  read: FileReader,
  manifestText: string | undefined,
  signal?: AbortSignal,
): Promise<LockfileSearch> {
  const candidates = ecosystem ? CANDIDATES[ecosystem] : undefined;
  if (!candidates) return { problems: [] };
  const manifestDir = path.dirname(path.resolve(manifestPath));
  const upward = candidates.formats.some((format) => !candidates.here?.has(format));
  for (const dir of folders(manifestDir)) {
    if (dir !== manifestDir && !upward) break;
    const present: FoundLockfile[] = [];
    const problems: string[] = [];
    for (const format of candidates.formats) {
      if (dir !== manifestDir && candidates.here?.has(format)) continue;
      signal?.throwIfAborted();
      const file = path.join(dir, ...format.file.split('/'));
      try {
        const text = await read(file);
        if (text !== undefined) present.push({ format, path: file, text, dir });
      } catch (error) {
        problems.push(`${file} could not be read (${(error as Error).message ?? String(error)}), so transitive dependencies are not listed`);
      }
    }
    if (present.length === 0 && problems.length === 0) continue;
    if (present.length === 0) return { problems };
    const choice = await choose(present, manifestPath, manifestText, read);
    return { found: choice.found, problems: [...problems, ...choice.problems] };
  }
  return { problems: [] };
}

function* folders(start: string): Generator<string> {
  let dir = start;
  for (;;) {
    yield dir;
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/** The tool that writes each lockfile; npm's names are those of `packageManager`. */
const TOOL_OF_FILE: Readonly<Record<string, string>> = {
  'npm-shrinkwrap.json': 'npm',
  'package-lock.json': 'npm',
  'pnpm-lock.yaml': 'pnpm',
  'yarn.lock': 'yarn',
  'poetry.lock': 'poetry',
  'uv.lock': 'uv',
  'Cargo.lock': 'cargo',
  'vendor/modules.txt': 'go',
  'go.sum': 'go',
};

const NPM_MANAGERS = new Set(['npm', 'pnpm', 'yarn']);

/**
 * Several lockfiles in one folder: the one the project says it uses (`packageManager` in
 * package.json; `[tool.poetry]` or `[tool.uv]` in pyproject.toml), else the first by
 * preference, with a problem, since one of them is stale.
 */
async function choose(present: readonly FoundLockfile[], manifestPath: string, manifestText: string | undefined, read: FileReader): Promise<{ found: FoundLockfile; problems: string[] }> {
  const first = present[0];
  const tools = new Set(present.map((lockfile) => toolOf(lockfile.format)));
  if (tools.size <= 1) return { found: first, problems: [] };

  const declared = await declaredTool(first, manifestPath, manifestText, read);
  const chosen = declared ? present.find((lockfile) => toolOf(lockfile.format) === declared) : undefined;
  if (chosen) return { found: chosen, problems: [] };
  const names = present.map((lockfile) => lockfile.format.file).join(', ');
  const how = first.format.ecosystem === 'npm' ? 'set "packageManager" in package.json' : 'keep only the lockfile of the tool you use';
  return {
    found: first,
    problems: [`several lockfiles in ${first.dir} (${names}); ${first.format.file} was used — ${how}, or delete the one no longer used`],
  };
}

function toolOf(format: LockfileFormat): string {
  return TOOL_OF_FILE[format.file] ?? format.file;
}

async function declaredTool(lockfile: FoundLockfile, manifestPath: string, manifestText: string | undefined, read: FileReader): Promise<string | undefined> {
  if (lockfile.format.ecosystem === 'pypi') {
    if (manifestText === undefined) return undefined;
    if (/^\s*\[tool\.poetry[\].]/m.test(manifestText)) return 'poetry';
    if (/^\s*\[tool\.uv[\].]/m.test(manifestText)) return 'uv';
    return undefined;
  }
  if (lockfile.format.ecosystem !== 'npm') return undefined;
  // A workspace declares its package manager at its root, next to the lockfile.
  const texts = [manifestText];
  const rootManifest = path.join(lockfile.dir, 'package.json');
  if (path.resolve(rootManifest) !== path.resolve(manifestPath)) texts.push(await read(rootManifest).catch(() => undefined));
  for (const text of texts) {
    const manager = packageManagerOf(text);
    if (manager) return manager;
  }
  return undefined;
}

/** `"packageManager": "pnpm@9.12.0"` → `pnpm`. */
function packageManagerOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    const field = typeof value === 'object' && value !== null ? (value as { packageManager?: unknown }).packageManager : undefined;
    const name = typeof field === 'string' ? /^([a-z]+)@/.exec(field)?.[1] : undefined;
    return name && NPM_MANAGERS.has(name) ? name : undefined;
  } catch {
    return undefined; // half-typed package.json: no declaration
  }
}
