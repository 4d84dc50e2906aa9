import * as path from 'node:path';
import type { DependencyResult, ManifestCheck } from '../core/check';
import type { Policy } from '../core/policy/types';
import type { Verdict } from '../core/model';

/** One manifest's check and the policy it was checked against. */
export interface CheckedManifest {
  readonly check: ManifestCheck;
  readonly policy: Policy;
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
    guide: result.guide ?? null,
    policy: policySource,
    ...(result.exception ? { exception: { reason: result.exception.reason, file: relative(result.exception.file, cwd), expires: result.exception.expires ?? null } } : {}),
  };
}

const LABEL: Readonly<Record<Verdict, string>> = { deny: 'deny  ', review: 'review', allow: 'allow ' };

/** Human-readable output: only what needs attention, then a summary line. */
export function textReport(checks: readonly ManifestCheck[], cwd: string, color: boolean): string {
  const paint = (code: number, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const check of checks) {
    const flagged = check.results.filter((r) => r.verdict !== 'allow');
    if (flagged.length === 0 && check.errors.length === 0) continue;
    lines.push(paint(4, relative(check.manifest, cwd)));
    for (const error of check.errors) {
      lines.push(`  ${error.range.start.line + 1}:${error.range.start.character + 1}  ${paint(31, 'error ')}  ${error.message}`);
    }
    for (const r of flagged) {
      const where = `${r.range.start.line + 1}:${r.range.start.character + 1}`;
      const verdict = r.verdict === 'deny' ? paint(31, LABEL.deny) : paint(33, LABEL.review);
      const license = r.license.expression ?? r.license.declared ?? 'unknown';
      lines.push(`  ${where.padEnd(7)} ${verdict}  ${r.name}@${r.version ?? r.requested}  ${license}  [${r.rule}]`);
      lines.push(`          ${r.reason}`);
    }
    lines.push('');
  }
  const all = checks.flatMap((c) => c.results);
  const count = (v: Verdict): number => all.filter((r) => r.verdict === v).length;
  lines.push(
    `${count('deny')} denied, ${count('review')} to review, ${count('allow')} allowed ` +
      `(${all.length} dependencies in ${checks.length} manifest${checks.length === 1 ? '' : 's'})`,
  );
  return lines.join('\n');
}

function relative(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel.split(path.sep).join('/');
}
