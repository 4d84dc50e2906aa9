import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkManifestText } from '../core/check';
import { JsonFileCache } from '../core/files';
import { loadGuideFolder, type Guide } from '../core/guides/guide';
import { formatForPath, LocalLicenseSources } from '../core/manifests';
import type { ManifestFormat } from '../core/manifests/types';
import type { LocalEnvironment } from '../core/resolution';
import type { Verdict } from '../core/model';
import { loadPolicy, type PolicyProblem } from '../core/policy/load';
import { PolicyLocator } from '../core/policy/locate';
import { VERDICT_RANK, type Policy } from '../core/policy/types';
import { discoverManifests, UsageError } from './discover';
import { jsonReport, textReport, type CheckedManifest } from './report';

const USAGE = `Usage: ospo-lens check [PATH...] [options]

Checks the dependencies of every supported manifest under PATH (default: the
current folder) against the OSPO policy.

Options:
  --policy FILE        policy file (JSON with comments); default: the nearest
                       .ospo/policy.json above each manifest, else the embedded policy
  --format text|json   output format (default: text)
  --offline            never use the network (license data comes from installed
                       packages and lockfiles only)
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
export async function runCli(argv: readonly string[], cwd: string, streams: Streams): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        policy: { type: 'string' },
        format: { type: 'string', default: 'text' },
        offline: { type: 'boolean', default: false },
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
  if (format !== 'text' && format !== 'json') return usage(streams, `--format must be text or json, not "${format}"`);
  if (failOn !== 'deny' && failOn !== 'review') return usage(streams, `--fail-on must be deny or review, not "${failOn}"`);

  try {
    const explicit = args.values.policy ? await loadExplicitPolicy(path.resolve(cwd, args.values.policy)) : undefined;
    const manifests = await discoverManifests(paths.length > 0 ? paths.map((p) => path.resolve(cwd, p)) : [cwd]);
    const checks = await checkAll(manifests, explicit);
    streams.out(format === 'json' ? jsonReport(checks, cwd) : textReport(checks.map((c) => c.check), cwd, streams.color));
    const threshold = VERDICT_RANK[failOn as Verdict];
    return checks.some((c) => c.check.results.some((r) => VERDICT_RANK[r.verdict] >= threshold)) ? 1 : 0;
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

async function checkAll(manifests: readonly string[], explicit: Policy | undefined): Promise<CheckedManifest[]> {
  const sources = new LocalLicenseSources({ files: new JsonFileCache(), environment: localEnvironment() });
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
    });
    checked.push({ check, policy });
    for (const include of check.includes ?? []) {
      const file = path.resolve(path.dirname(manifest), include.path);
      if (include.kind !== 'requirements' || seen.has(file) || !existsSync(file)) continue;
      seen.add(file);
      queue.push({ file, format: formatForPath(file) ?? format });
    }
  }
  return checked;
}

async function loadExplicitPolicy(file: string): Promise<Policy> {
  const result = await loadPolicy(file, (f) => fs.readFile(f, 'utf8'));
  if (!result.ok) throw new PolicyError(result.problems);
  return result.policy;
}

function localEnvironment(): LocalEnvironment {
  return { env: { ...process.env }, home: os.homedir() };
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
