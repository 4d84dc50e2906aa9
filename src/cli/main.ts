import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkManifestText } from '../core/check';
import { JsonFileCache } from '../core/files';
import { loadGuideFolder, type Guide } from '../core/guides/guide';
import { formatForPath, LicenseSources } from '../core/manifests';
import { LookupCache } from '../core/net/cache';
import { HttpClient } from '../core/net/http';
import type { RegistryUrls, RemoteContext, RemoteLicense } from '../core/remote/context';
import { depsDevFallback } from '../core/remote/fallback';
import { CRATES_IO_HOST, CRATES_IO_MIN_INTERVAL_MS } from '../core/remote/limits';
import type { ManifestFormat } from '../core/manifests/types';
import { SOURCE_KINDS, type LocalEnvironment, type SourceKind } from '../core/resolution';
import type { Verdict } from '../core/model';
import { loadPolicy, type PolicyProblem } from '../core/policy/load';
import { PolicyLocator } from '../core/policy/locate';
import { VERDICT_RANK, type Policy } from '../core/policy/types';
import { discoverManifests, UsageError } from './discover';
import { CLI_FORMATS, formatReport, isCliFormat, textReport, type CheckedManifest } from './report';

const USAGE = `Usage: ospo-lens check [PATH...] [options]

Checks the dependencies of every supported manifest under PATH (default: the
current folder) against the OSPO policy.

Options:
  --policy FILE        policy file (JSON with comments); default: the nearest
                       .ospo/policy.json above each manifest, else the embedded policy
  --format FORMAT      output format (default: text):
                       text       what needs attention, for people
                       json       every dependency (a stable contract)
                       sarif      SARIF 2.1.0 for GitHub code scanning
                       junit      JUnit XML, one testcase per dependency
                       spdx-json  SPDX 2.3 SBOM, JSON
                       spdx       SPDX 2.3 SBOM, tag-value
                       cyclonedx  CycloneDX 1.6 SBOM, JSON
                       csv        one row per dependency
                       notices    third-party notices for what ships
  --output FILE        write the report to FILE instead of standard output
  --offline            never use the network (license data comes from installed
                       packages and lockfiles only)
  --registry ECO=URL   use this registry (a company mirror) for an ecosystem:
                       npm, pypi, crates, maven, go (a GOPROXY list), nuget, depsdev;
                       may be repeated (npm also honours .npmrc; go honours GOPROXY)
  --sources LIST       where to look for licenses, in order, comma-separated
                       (default: local,lockfile,registry,depsdev)
  --direct-only        check only the dependencies the manifests name, not the
                       transitive ones their lockfiles record
  --cache-dir DIR      where registry answers are cached between runs
                       (default: $XDG_CACHE_HOME/ospo-lens or ~/.cache/ospo-lens)
  --fail-on deny|review
                       exit 1 when a dependency gets this verdict or worse (default: deny)
  -h, --help           show this help

Exit status: 0 nothing reached --fail-on; 1 something did; 2 usage or configuration error.`;

interface Streams {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly color: boolean;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function runCli(
  argv: readonly string[],
  cwd: string,
  streams: Streams,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        policy: { type: 'string' },
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        offline: { type: 'boolean', default: false },
        registry: { type: 'string', multiple: true },
        sources: { type: 'string' },
        'cache-dir': { type: 'string' },
        'direct-only': { type: 'boolean', default: false },
        'fail-on': { type: 'string', default: 'deny' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    streams.err(`ospo-lens: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...paths] = args.positionals;
  if (args.values.help || command === 'help') {
    streams.out(USAGE);
    return 0;
  }
  if (command !== 'check') {
    streams.err(`ospo-lens: ${command ? `unknown command "${command}"` : 'missing command'}\n\n${USAGE}`);
    return 2;
  }
  const format = args.values.format;
  const failOn = args.values['fail-on'];
  if (!isCliFormat(format)) return usage(streams, `--format must be one of ${CLI_FORMATS.join(', ')}; not "${format}"`);
  if (failOn !== 'deny' && failOn !== 'review') return usage(streams, `--fail-on must be deny or review, not "${failOn}"`);

  try {
    const explicit = args.values.policy ? await loadExplicitPolicy(path.resolve(cwd, args.values.policy)) : undefined;
    const manifests = await discoverManifests(paths.length > 0 ? paths.map((p) => path.resolve(cwd, p)) : [cwd]);
    const network = networkOptions(args.values, env, cwd);
    const checks = await checkAll(manifests, explicit, network, !args.values['direct-only']);
    const output = args.values.output;
    const report = await formatReport(format, checks, cwd, { color: streams.color && output === undefined, failOn: failOn as Verdict, env });
    if (output === undefined) {
      streams.out(report.replace(/\n$/, ''));
    } else {
      await writeReport(path.resolve(cwd, output), report);
      // The file holds the report; the log keeps the one-line summary.
      streams.out(`${textReport(checks.map((c) => c.check), cwd, false).split('\n').at(-1) ?? ''}; ${format} report written to ${output}`);
    }
    const threshold = VERDICT_RANK[failOn as Verdict];
    return checks.some((c) => c.check.results.some((r) => !r.ignored && VERDICT_RANK[r.verdict] >= threshold)) ? 1 : 0;
  } catch (error) {
    if (error instanceof PolicyError) return usage(streams, error.describe(cwd), false);
    if (error instanceof UsageError) return usage(streams, error.message, false);
    throw error;
  }
}

/** A policy that cannot be used: the run stops (exit 2) rather than check against nothing. */
class PolicyError extends Error {
  constructor(readonly problems: readonly PolicyProblem[]) {
    super('invalid policy');
  }

  describe(cwd: string): string {
    return this.problems
      .map((p) => `${path.relative(cwd, p.file) || p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`)
      .join('\n');
  }
}

interface NetworkOptions {
  readonly offline: boolean;
  readonly registries: RegistryUrls;
  readonly kinds: readonly SourceKind[];
  readonly cacheFile: string;
  readonly environment: LocalEnvironment;
}

const REGISTRY_FLAGS: Readonly<Record<string, keyof RegistryUrls>> = {
  npm: 'npm',
  pypi: 'pypi',
  crates: 'crates',
  cargo: 'crates',
  maven: 'maven',
  go: 'goProxy',
  nuget: 'nuget',
  depsdev: 'depsDev',
};

function networkOptions(
  values: { offline?: boolean; registry?: string[]; sources?: string; 'cache-dir'?: string },
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): NetworkOptions {
  const registries: Record<string, string> = {};
  // Go's own setting, as the go command reads it; --registry go=… wins.
  if (env.GOPROXY && /^https?:\/\//.test(env.GOPROXY)) registries.goProxy = env.GOPROXY;
  for (const entry of values.registry ?? []) {
    const [flag, ...rest] = entry.split('=');
    const key = REGISTRY_FLAGS[flag.trim().toLowerCase()];
    const url = rest.join('=').trim();
    if (!key || !/^https?:\/\//i.test(url)) throw new UsageError(`--registry takes ECOSYSTEM=URL (${Object.keys(REGISTRY_FLAGS).join(', ')}), not "${entry}"`);
    registries[key] = url;
  }
  const kinds = (values.sources ?? SOURCE_KINDS.join(',')).split(',').map((k) => k.trim()).filter((k) => k !== '');
  const unknown = kinds.filter((k) => !(SOURCE_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0 || kinds.length === 0) throw new UsageError(`--sources takes a list of ${SOURCE_KINDS.join(', ')}`);
  const cacheDir = values['cache-dir']
    ? path.resolve(cwd, values['cache-dir'])
    : path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ospo-lens');
  return {
    offline: values.offline === true,
    registries,
    kinds: kinds as SourceKind[],
    cacheFile: path.join(cacheDir, 'license-cache.json'),
    environment: { env: { ...env }, home: os.homedir() },
  };
}

function licenseSources(network: NetworkOptions): { sources: LicenseSources; done: () => Promise<void> } {
  const local = { files: new JsonFileCache(), environment: network.environment };
  if (network.offline) return { sources: new LicenseSources({ local, kinds: network.kinds }), done: async () => undefined };
  const licenses = new LookupCache<RemoteLicense>({ file: network.cacheFile });
  const remote: RemoteContext = {
    http: new HttpClient({
      userAgent: 'ospo-lens (command line; license checks)',
      minIntervalMsByHost: { [CRATES_IO_HOST]: CRATES_IO_MIN_INTERVAL_MS },
    }),
    licenses,
    metadata: new LookupCache<unknown>({ ttlMs: 60 * 60 * 1000 }),
    environment: network.environment,
    registries: network.registries,
    // The CLI runs on a repository its user chose to check: its .npmrc counts.
    trustWorkspace: true,
  };
  return {
    sources: new LicenseSources({ local, remote, kinds: network.kinds, fallback: depsDevFallback }),
    done: () => licenses.flush().catch(() => undefined),
  };
}

async function checkAll(manifests: readonly string[], explicit: Policy | undefined, network: NetworkOptions, transitive: boolean): Promise<CheckedManifest[]> {
  const { sources, done } = licenseSources(network);
  try {
    return await checkEach(manifests, explicit, sources, transitive);
  } finally {
    await done();
  }
}

async function checkEach(manifests: readonly string[], explicit: Policy | undefined, sources: LicenseSources, transitive: boolean): Promise<CheckedManifest[]> {
  const locator = new PolicyLocator();
  const guideCache = new Map<string, Promise<Guide[]>>();
  const guidesFor = (policy: Policy): Promise<Guide[]> => {
    // An https guide bundle is fetched only by the editor; the CLI stays offline.
    const folder = policy.guides && !/^https:/i.test(policy.guides) ? policy.guides : defaultGuidesFolder();
    let guides = guideCache.get(folder);
    if (!guides) {
      guides = loadGuideFolder(folder);
      guideCache.set(folder, guides);
    }
    return guides;
  };

  const checked: CheckedManifest[] = [];
  // Files a manifest includes (requirements.txt `-r base.txt`) are checked too,
  // with the including file's format, once each.
  const queue: Array<{ file: string; format: ManifestFormat | undefined }> = manifests.map((file) => ({ file, format: formatForPath(file) }));
  const seen = new Set(manifests);
  while (queue.length > 0) {
    const { file: manifest, format } = queue.shift() as { file: string; format: ManifestFormat | undefined };
    if (!format) continue;
    let policy = explicit;
    if (!policy) {
      const located = await locator.locate(manifest);
      if (!located.result.ok) throw new PolicyError(located.result.problems);
      policy = located.result.policy;
    }
    let text: string;
    try {
      text = await fs.readFile(manifest, 'utf8');
    } catch {
      throw new UsageError(`${manifest}: cannot be read`);
    }
    const check = await checkManifestText(manifest, text, format, {
      policy,
      sources: sources.for(format.ecosystem),
      guides: await guidesFor(policy),
      transitive,
    });
    checked.push({ check, policy, guides: await guidesFor(policy) });
    for (const include of check.includes ?? []) {
      const file = path.resolve(path.dirname(manifest), include.path);
      if (include.kind !== 'requirements' || seen.has(file) || !existsSync(file)) continue;
      seen.add(file);
      queue.push({ file, format: formatForPath(file) ?? format });
    }
  }
  return checked;
}

async function writeReport(file: string, report: string): Promise<void> {
  try {
    await fs.writeFile(file, report.endsWith('\n') ? report : `${report}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new UsageError(`cannot write ${file}: ${why}`);
  }
}

async function loadExplicitPolicy(file: string): Promise<Policy> {
  const result = await loadPolicy(file, (f) => fs.readFile(f, 'utf8'));
  if (!result.ok) throw new PolicyError(result.problems);
  return result.policy;
}

/** The embedded default guides, shipped next to the bundle in media/guides. */
function defaultGuidesFolder(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'media', 'guides');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return candidate;
    dir = parent;
  }
}

function usage(streams: Streams, message: string, withHelp = true): number {
  streams.err(withHelp ? `ospo-lens: ${message}\n\n${USAGE}` : message.split('\n').map((l) => `ospo-lens: ${l}`).join('\n'));
  return 2;
}

if (require.main === module) {
  runCli(process.argv.slice(2), process.cwd(), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`ospo-lens: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
