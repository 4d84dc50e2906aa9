import type { DependencyResult, ManifestCheck } from '../check';
import { VERDICT_RANK } from '../policy/types';
import { isIgnored, isoSeconds, licenseLabel, relativePath, type ReportInput } from './common';
import { xmlAttribute, xmlText } from './xml';

/**
 * JUnit XML, the test-report format CI servers display: one testsuite per manifest, one
 * testcase per dependency. A dependency at or above `--fail-on` is a <failure>; a review
 * that does not fail the run is noted in <system-out>; an ignored line is <skipped>; a
 * manifest that could not be fully read adds a testcase with an <error>.
 */
export function junitReport(input: ReportInput): string {
  const suites = input.manifests.map(({ check }) => suite(check, input));
  const totals = suites.reduce((sum, s) => ({ tests: sum.tests + s.tests, failures: sum.failures + s.failures, errors: sum.errors + s.errors, skipped: sum.skipped + s.skipped }), {
    tests: 0,
    failures: 0,
    errors: 0,
    skipped: 0,
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttribute(input.tool.name)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

interface Suite {
  readonly xml: string;
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
}

function suite(check: ManifestCheck, input: ReportInput): Suite {
  const manifest = relativePath(check.manifest, input.root);
  const threshold = VERDICT_RANK[input.failOn];
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const result of check.results) {
    const attributes = `name="${xmlAttribute(caseName(result))}" classname="${xmlAttribute(manifest)}" file="${xmlAttribute(manifest)}" line="${result.range.start.line + 1}"`;
    if (isIgnored(result)) {
      skipped++;
      cases.push(`    <testcase ${attributes}>\n      <skipped message="ignored by an ospo-lens: ignore comment"/>\n    </testcase>`);
    } else if (VERDICT_RANK[result.verdict] >= threshold) {
      failures++;
      cases.push(
        `    <testcase ${attributes}>\n      <failure message="${xmlAttribute(result.reason)}" type="${xmlAttribute(result.rule)}">${xmlText(details(result))}</failure>\n    </testcase>`,
      );
    } else if (result.verdict === 'review') {
      cases.push(`    <testcase ${attributes}>\n      <system-out>${xmlText(details(result))}</system-out>\n    </testcase>`);
    } else {
      cases.push(`    <testcase ${attributes}/>`);
    }
  }
  const errors = check.errors.length > 0 ? 1 : 0;
  if (errors > 0) {
    const messages = check.errors.map((e) => `${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}`);
    cases.push(
      `    <testcase name="manifest syntax" classname="${xmlAttribute(manifest)}" file="${xmlAttribute(manifest)}">\n      <error message="${xmlAttribute(messages[0])}" type="manifest-error">${xmlText(messages.join('\n'))}</error>\n    </testcase>`,
    );
  }
  const tests = check.results.length + errors;
  const open = `  <testsuite name="${xmlAttribute(manifest)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" timestamp="${isoSeconds(input.created)}">`;
  return { xml: [open, ...cases, '  </testsuite>'].join('\n'), tests, failures, errors, skipped };
}

function caseName(result: DependencyResult): string {
  const name = `${result.name}@${result.version ?? result.requested}`;
  return result.scope === 'runtime' ? name : `${name} (${result.scope})`;
}

function details(result: DependencyResult): string {
  return [
    `verdict: ${result.verdict}`,
    `license: ${licenseLabel(result) ?? 'unknown'}`,
    `rule: ${result.rule}`,
    `scope: ${result.scope}`,
    ...(result.guide ? [`guide: ${result.guide.title} (${result.guide.guide}#${result.guide.section})`] : []),
    '',
    result.reason,
  ].join('\n');
}
