import * as assert from 'node:assert/strict';
import { sarifReport } from '../../../../src/core/reports/sarif';
import { input, result, runReport, sarifValidator, schemaErrors, workspace, WORKSPACES } from './helpers';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }>;
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
}
interface SarifLog {
  version: string;
  runs: Array<{ tool: { driver: { name: string; rules: SarifRule[] } }; results: SarifResult[]; invocations: Array<{ toolExecutionNotifications?: unknown[] }> }>;
}

async function sarif(paths: string[], extra: string[] = []): Promise<{ code: number; log: SarifLog }> {
  const run = await runReport('sarif', paths, { extra });
  return { code: run.code, log: JSON.parse(run.report) as SarifLog };
}

describe('--format sarif', () => {
  for (const name of WORKSPACES) {
    it(`${name}: the log is valid against the official SARIF 2.1.0 schema`, async () => {
      const { log } = await sarif([workspace(name)]);
      assert.equal(schemaErrors(sarifValidator(), log), '');
    });
  }

  it('has one run, by OSPO Lens, with a rule for every rule code among its results', async () => {
    const { log } = await sarif(['workspaces']);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const [run] = log.runs;
    assert.equal(run.tool.driver.name, 'OSPO Lens');
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    assert.deepEqual([...new Set(run.results.map((r) => r.ruleId))].sort(), [...ruleIds].sort());
    for (const r of run.results) assert.equal(ruleIds[r.ruleIndex], r.ruleId, 'ruleIndex points at its rule');
  });

  it('reports denied dependencies as errors and those to review as warnings, and leaves allowed ones out', async () => {
    const { log } = await sarif([workspace('npm-basic')]);
    const byPackage = new Map(log.runs[0].results.map((r) => [r.properties.package, r]));
    assert.deepEqual([...byPackage.keys()].sort(), ['gpl-lib', 'lgpl-lib']);
    assert.equal(byPackage.get('gpl-lib')?.level, 'error');
    assert.equal(byPackage.get('lgpl-lib')?.level, 'warning');
  });

  it("places each result on the dependency's name, 1-based, relative to the repository root", async () => {
    const { log } = await sarif([workspace('npm-basic')]);
    const gpl = log.runs[0].results.find((r) => r.properties.package === 'gpl-lib');
    assert.deepEqual(gpl?.locations[0].physicalLocation, {
      artifactLocation: { uri: 'workspaces/npm-basic/package.json', uriBaseId: '%SRCROOT%' },
      // The JSON report's range for gpl-lib is line 7, characters 5–12 (0-based, end exclusive).
      region: { startLine: 8, startColumn: 6, endLine: 8, endColumn: 13 },
    });
  });

  it('uses the reason as the message and names the license and verdict in the properties', async () => {
    const { log } = await sarif([workspace('npm-basic')]);
    const gpl = log.runs[0].results.find((r) => r.properties.package === 'gpl-lib');
    assert.match(gpl?.message.text ?? '', /^GPL-3\.0-only is strong copyleft/);
    assert.equal(gpl?.properties.license, 'GPL-3.0-only');
    assert.equal(gpl?.properties.verdict, 'deny');
  });

  it("carries the guide section a result points at as its rule's help, and invents no help URL", async () => {
    const { log } = await sarif([workspace('npm-basic')]);
    const rule = log.runs[0].tool.driver.rules.find((r) => r.id === 'strong-copyleft');
    assert.match(rule?.help.markdown ?? '', /^### GPL-2\.0 and GPL-3\.0\n/);
    assert.match(rule?.help.text ?? '', /^GPL-2\.0 and GPL-3\.0\n/);
    assert.doesNotMatch(rule?.help.text ?? '', /###/);
    assert.equal(rule?.shortDescription.text, 'Strong copyleft license');
    assert.equal(rule?.helpUri, undefined);
  });

  it('gives every result a fingerprint that is the same on the next run and unique within the run', async () => {
    const first = await sarif(['workspaces']);
    const second = await sarif(['workspaces']);
    const prints = (log: SarifLog): string[] => log.runs[0].results.map((r) => r.partialFingerprints['ospoLens/v1']);
    assert.deepEqual(prints(second.log), prints(first.log));
    assert.equal(new Set(prints(first.log)).size, first.log.runs[0].results.length);
  });

  it('keeps the exit code of --fail-on: 1 when something is denied, even though the report was written', async () => {
    const { code } = await sarif([workspace('npm-basic')]);
    assert.equal(code, 1);
  });

  it('leaves out a dependency whose line is marked to be ignored', () => {
    const ignored = { ...result({ name: 'gpl-lib', verdict: 'deny', rule: 'strong-copyleft' }), ignored: true };
    const log = JSON.parse(sarifReport(input([ignored, result({ name: 'lgpl', verdict: 'review', rule: 'weak-copyleft' })]))) as SarifLog;
    assert.deepEqual(log.runs[0].results.map((r) => r.properties.package), ['lgpl']);
  });

  it('points at a manifest outside the repository root with an absolute file URI', () => {
    const outside = result({ name: 'x', verdict: 'deny', rule: 'strong-copyleft', manifest: '/elsewhere/my app/package.json' });
    const log = JSON.parse(sarifReport(input([outside]))) as SarifLog;
    assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'file:///elsewhere/my%20app/package.json' });
    assert.equal(schemaErrors(sarifValidator(), log), '');
  });

  it('reports a manifest it could not fully read as a tool notification, not a result', () => {
    const log = JSON.parse(
      sarifReport(input([], {}, { manifest: '/repo/app/package.json', errors: [{ message: 'Expected a comma', range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } } }] })),
    ) as SarifLog;
    assert.equal(log.runs[0].results.length, 0);
    assert.equal(log.runs[0].invocations[0].toolExecutionNotifications?.length, 1);
    assert.equal(schemaErrors(sarifValidator(), log), '');
  });
});
