import * as assert from 'node:assert/strict';
import { cyclonedxValidator, runReport, sarifValidator, schemaErrors, spdxValidator, workspace } from './helpers';

// The format tests pass only if these validators really enforce the official schemas;
// each is shown a document our exporter made, then broken in one place.
describe('the committed official schemas', () => {
  it('SARIF 2.1.0 rejects a result whose level is not one of its levels', async () => {
    const log = JSON.parse((await runReport('sarif', [workspace('npm-basic')])).report) as { runs: Array<{ results: Array<{ level: string }> }> };
    log.runs[0].results[0].level = 'fatal';
    assert.match(schemaErrors(sarifValidator(), log), /must be equal to one of the allowed values/);
  });

  it('SPDX 2.3 rejects a document without its namespace', async () => {
    const doc = JSON.parse((await runReport('spdx-json', [workspace('npm-basic')])).report) as Record<string, unknown>;
    delete doc.documentNamespace;
    assert.match(schemaErrors(spdxValidator(), doc), /documentNamespace/);
  });

  it('CycloneDX 1.6 rejects a license id that is not on the SPDX list', async () => {
    const bom = JSON.parse((await runReport('cyclonedx', [workspace('npm-basic')])).report) as { components: Array<{ licenses?: unknown[] }> };
    bom.components[0].licenses = [{ license: { id: 'Not-A-License' } }];
    assert.notEqual(schemaErrors(cyclonedxValidator(), bom), '');
  });
});
