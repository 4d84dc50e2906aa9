import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { DependencyResult, ManifestCheck } from '../core/check';
import type { Guide } from '../core/guides/guide';
import type { Policy } from '../core/policy/types';
import type { Verdict } from '../core/model';
import { isReportFormat, renderReport, REPORT_FORMATS, type ToolInfo } from '../core/reports';
import { UsageError } from './discover';
import packageJson = require('../../package.json');

/** One manifest's check and the policy it was checked against. */
export interface CheckedManifest {
  readonly check: ManifestCheck;
  readonly policy: Policy;
  /** The guides its results point into (SARIF rules carry their sections as help). */
  readonly guides?: readonly Guide[];
}

/** The `--format json` document. Field names are a contract: add, never rename. */
export function jsonReport(checked: readonly CheckedManifest[], cwd: string): string {
  const sourceOf = (policy: Policy): string => (policy.source === 'default' ? 'default' : relative(policy.source, cwd));
  const sources = [...new Set(checked.map((c) => sourceOf(c.policy)))];
  const dependencies = checked.flatMap(({ check, policy }) => check.results.map((result) => jsonDependency(result, sourceOf(policy), cwd)));
  const errors = checked.flatMap(({ check }) =>
    check.errors.map((error) => ({ manifest: relative(check.manifest, cwd), message: error.message, range: error.range })),
  );
  // `policy.source` names the policy when one governs everything; `sources` lists
  // every policy used when manifests sit under different ones.
  return JSON.stringify(
    { schemaVersion: 1, policy: { source: sources[0] ?? 'default', sources: sources.length > 0 ? sources : ['default'] }, dependencies, errors },
    null,
    2,
  );
}

function jsonDependency(result: DependencyResult, policySource: string, cwd: string): Record<string, unknown> {
  return {
    manifest: relative(result.manifest, cwd),
    ecosystem: result.ecosystem,
    name: result.name,
    requested: result.requested,
    version: result.version,
    scope: result.scope,
    direct: result.direct,
    range: result.range,
    license: {
      declared: result.license.declared,
      expression: result.license.expression,
      source: result.license.source,
      confidence: result.license.confidence,
      ...(result.license.suggestion ? { suggestion: result.license.suggestion } : {}),
    },
    verdict: result.verdict,
    reason: result.reason,
    rule: result.rule,
    chosen: result.chosen ?? null,
    obligations: result.obligations,
    ...(result.via ? { via: result.via } : {}),
    guide: result.guide ?? null,
    policy: policySource,
    ...(result.ignored ? { ignored: true } : {}),
    ...(result.exception ? { exception: { reason: result.exception.reason, file: relative(result.exception.file, cwd), expires: result.exception.expires ?? null } } : {}),
  };
}

const LABEL: Readonly<Record<Verdict, string>> = { deny: 'deny  ', review: 'review', allow: 'allow ' };

/** Human-readable output: only what needs attention, then a summary line. */
export function textReport(checks: readonly ManifestCheck[], cwd: string, color: boolean): string {
  const paint = (code: number, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const check of checks) {
    const flagged = check.results.filter((r) => r.verdict !== 'allow' && !r.ignored);
    if (flagged.length === 0 && check.errors.length === 0) continue;
    lines.push(paint(4, relative(check.manifest, cwd)));
    for (const error of check.errors) {
      lines.push(`  ${error.range.start.line + 1}:${error.range.start.character + 1}  ${paint(31, 'error ')}  ${error.message}`);
    }
    for (const r of flagged) {
      const where = `${r.range.start.line + 1}:${r.range.start.character + 1}`;
      const verdict = r.verdict === 'deny' ? paint(31, LABEL.deny) : paint(33, LABEL.review);
      const license = r.license.expression ?? r.license.declared ?? 'unknown';
      const chain = r.via ? `  (via ${r.via.join(' > ')})` : '';
      lines.push(`  ${where.padEnd(7)} ${verdict}  ${r.name}@${r.version ?? r.requested}  ${license}  [${r.rule}]${chain}`);
      lines.push(`          ${r.reason}`);
    }
    lines.push('');
  }
  const all = checks.flatMap((c) => c.results);
  const ignored = all.filter((r) => r.ignored).length;
  const count = (v: Verdict): number => all.filter((r) => r.verdict === v && !r.ignored).length;
  lines.push(
    `${count('deny')} denied, ${count('review')} to review, ${count('allow')} allowed${ignored > 0 ? `, ${ignored} ignored` : ''} ` +
      `(${all.length} dependencies in ${checks.length} manifest${checks.length === 1 ? '' : 's'})`,
  );
  return lines.join('\n');
}

function relative(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel.split(path.sep).join('/');
}

/** Every `--format`: the CLI's own text and JSON, then the exchange formats in src/core/reports. */
export const CLI_FORMATS = ['text', 'json', ...REPORT_FORMATS] as const;

export type CliFormat = (typeof CLI_FORMATS)[number];

export function isCliFormat(format: string): format is CliFormat {
  return (CLI_FORMATS as readonly string[]).includes(format);
}

export interface ReportOptions {
  readonly color: boolean;
  readonly failOn: Verdict;
  /** The environment, for SOURCE_DATE_EPOCH. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const TOOL: ToolInfo = { name: 'OSPO Lens', version: packageJson.version };

/** Renders the checked manifests in one of the CLI's formats. */
export async function formatReport(format: CliFormat, checked: readonly CheckedManifest[], cwd: string, options: ReportOptions): Promise<string> {
  if (format === 'json') return jsonReport(checked, cwd);
  if (!isReportFormat(format)) return textReport(checked.map((c) => c.check), cwd, options.color);
  const { created, reproducible } = creationTime(options.env);
  return renderReport(format, {
    manifests: checked.map(({ check, guides }) => ({ check, guides: guides ?? [] })),
    root: cwd,
    tool: TOOL,
    created,
    // A reproducible build derives document ids from the content instead.
    ...(reproducible ? {} : { uuid: randomUUID() }),
    failOn: options.failOn,
  });
}

/**
 * When the report is made: now, or SOURCE_DATE_EPOCH (whole seconds since 1970, UTC) for
 * reproducible builds (https://reproducible-builds.org/specs/source-date-epoch/).
 */
export function creationTime(env: Readonly<Record<string, string | undefined>>): { created: Date; reproducible: boolean } {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return { created: new Date(), reproducible: false };
  const seconds = /^\d{1,12}$/.test(epoch.trim()) ? Number(epoch.trim()) : NaN;
  const created = new Date(seconds * 1000);
  if (Number.isNaN(created.getTime())) {
    throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not "${epoch}"`);
  }
  return { created, reproducible: true };
}
