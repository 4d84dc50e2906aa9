import * as assert from 'node:assert/strict';
import { cyclonedxReport } from '../../../../src/core/reports/cyclonedx';
import { cyclonedxValidator, input, result, runReport, schemaErrors, workspace, WORKSPACES } from './helpers';

interface Component {
  type: string;
  'bom-ref': string;
  group?: string;
  name: string;
  version?: string;
  scope?: string;
  purl?: string;
  licenses?: unknown[];
  properties?: Array<{ name: string; value: string }>;
}
interface Bom {
  bomFormat: string;
  specVersion: string;
  serialNumber: string;
  metadata: { timestamp: string; component: Component & { components: Component[] } };
  components: Component[];
  dependencies: Array<{ ref: string; dependsOn: string[] }>;
}

async function bom(paths: string[], env?: Record<string, string | undefined>): Promise<Bom> {
  return JSON.parse((await runReport('cyclonedx', paths, env ? { env } : {})).report) as Bom;
}

describe('--format cyclonedx', () => {
  for (const name of WORKSPACES) {
    it(`${name}: the BOM is valid against the CycloneDX 1.6 schema`, async () => {
      assert.equal(schemaErrors(cyclonedxValidator(), await bom([workspace(name)])), '');
    });
  }

  it('is a CycloneDX 1.6 BOM with an RFC 4122 serial number', async () => {
    const doc = await bom([workspace('npm-basic')]);
    assert.equal(doc.bomFormat, 'CycloneDX');
    assert.equal(doc.specVersion, '1.6');
    assert.match(doc.serialNumber, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('names the official 1.6 schema and carries the BOM version', async () => {
    const doc = (await bom([workspace('npm-basic')])) as Bom & { $schema: string; version: number };
    assert.equal(doc.$schema, 'http://cyclonedx.org/schema/bom-1.6.schema.json');
    assert.equal(doc.version, 1);
  });

  it('derives the serial number from the content when SOURCE_DATE_EPOCH is set, and draws a new one otherwise', async () => {
    assert.equal((await bom([workspace('npm-basic')])).serialNumber, (await bom([workspace('npm-basic')])).serialNumber);
    assert.notEqual((await bom([workspace('npm-basic')], {})).serialNumber, (await bom([workspace('npm-basic')], {})).serialNumber);
  });

  it('splits a Maven coordinate into group and name, and gives its purl', async () => {
    const lang = (await bom([workspace('maven-basic')])).components.find((c) => c.name === 'commons-lang3');
    assert.equal(lang?.group, 'org.apache.commons');
    assert.equal(lang?.version, '3.14.0');
    assert.equal(lang?.purl, 'pkg:maven/org.apache.commons/commons-lang3@3.14.0');
    assert.equal(lang?.type, 'library');
  });

  it('writes a single SPDX license as an id and anything else as one expression', async () => {
    const doc = await bom([workspace('policy-saas')]);
    const licenses = (name: string): unknown => doc.components.find((c) => c.name === name)?.licenses;
    assert.deepEqual(licenses('epl-lib'), [{ license: { id: 'EPL-2.0' } }]);
    assert.deepEqual(licenses('mit-and-lgpl'), [{ expression: 'MIT AND LGPL-2.1-or-later' }]);
    assert.deepEqual(licenses('classpath-lib'), [{ expression: 'GPL-2.0-only WITH Classpath-exception-2.0' }]);
    assert.equal(licenses('bsd-ambiguous'), undefined);
  });

  it('marks what ships as required and development-only dependencies as excluded', async () => {
    const doc = await bom([workspace('npm-basic')]);
    assert.equal(doc.components.find((c) => c.name === 'gpl-lib')?.scope, 'required');
    assert.equal(doc.components.find((c) => c.name === 'gpl-dev-tool')?.scope, 'excluded');
  });

  it('carries the policy verdict and rule as ospo-lens properties', async () => {
    const gpl = (await bom([workspace('npm-basic')])).components.find((c) => c.name === 'gpl-lib');
    assert.deepEqual(gpl?.properties?.filter((p) => p.name === 'ospo-lens:verdict' || p.name === 'ospo-lens:rule'), [
      { name: 'ospo-lens:verdict', value: 'deny' },
      { name: 'ospo-lens:rule', value: 'strong-copyleft' },
    ]);
  });

  it('records the dependency graph: the checked folder, its manifests, their packages', async () => {
    const doc = await bom([workspace('npm-basic')]);
    const root = doc.metadata.component['bom-ref'];
    const manifests = doc.dependencies.find((d) => d.ref === root)?.dependsOn ?? [];
    assert.deepEqual(manifests, doc.metadata.component.components.map((c) => c['bom-ref']));
    const refs = new Set(doc.components.map((c) => c['bom-ref']));
    const used = doc.dependencies.find((d) => d.ref === manifests[0])?.dependsOn ?? [];
    assert.equal(used.length, 6);
    assert.ok(used.every((ref) => refs.has(ref)));
  });

  it('puts an npm scope in the group, as CycloneDX does for npm', () => {
    const doc = JSON.parse(cyclonedxReport(input([result({ name: '@acme/billing', version: '7.0.0' })]))) as Bom;
    assert.deepEqual([doc.components[0].group, doc.components[0].name, doc.components[0].purl], ['@acme', 'billing', 'pkg:npm/%40acme/billing@7.0.0']);
  });
});
