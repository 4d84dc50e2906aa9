import { licenseLabel, relativePath, type ReportInput } from './common';

const COLUMNS = ['manifest', 'ecosystem', 'name', 'version', 'scope', 'license', 'verdict', 'rule', 'reason'] as const;

/**
 * One row per dependency, allowed ones too, in RFC 4180 CSV: CRLF line ends, a header row,
 * fields quoted when they hold a comma, a quote or a line break, quotes doubled.
 * `version` is the resolved version, empty when nothing is installed or locked.
 */
export function csvReport(input: ReportInput): string {
  const rows: string[][] = [[...COLUMNS]];
  for (const { check } of input.manifests) {
    for (const r of check.results) {
      rows.push([relativePath(r.manifest, input.root), r.ecosystem, r.name, r.version ?? '', r.scope, licenseLabel(r) ?? '', r.verdict, r.rule, r.reason]);
    }
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
