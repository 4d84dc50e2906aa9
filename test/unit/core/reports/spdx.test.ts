import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spdxDocument, spdxTagValue, type SpdxDocument } from '../../../../src/core/reports/spdx';
import { EPOCH, input, result, runReport, schemaErrors, spdxValidator, workspace, WORKSPACES } from './helpers';
import { parseTagValue } from './spdxTagValue';

async function spdxJson(paths: string[], env?: Record<string, string | undefined>): Promise<SpdxDocument> {
  return JSON.parse((await runReport('spdx-json', paths, env ? { env } : {})).report) as SpdxDocument;
}

const packageNamed = (doc: SpdxDocument, name: string): SpdxDocument['packages'][number] | undefined => doc.packages.find((p) => p.name === name);

describe('--format spdx-json and --format spdx', () => {
  for (const name of WORKSPACES) {
    it(`${name}: the document is valid against the official SPDX 2.3 schema`, async () => {
      assert.equal(schemaErrors(spdxValidator(), await spdxJson([workspace(name)])), '');
    });
  }

  it('describes one package per manifest, which depends on one package per dependency', async () => {
    const doc = await spdxJson([workspace('npm-basic')]);
    const described = doc.relationships.filter((r) => r.spdxElementId === 'SPDXRef-DOCUMENT' && r.relationshipType === 'DESCRIBES');
    assert.deepEqual(described.map((r) => packageNamed(doc, 'workspaces/npm-basic/package.json')?.SPDXID === r.relatedSpdxElement), [true]);
    const project = described[0].relatedSpdxElement;
    const gpl = packageNamed(doc, 'gpl-lib');
    assert.ok(doc.relationships.some((r) => r.spdxElementId === project && r.relationshipType === 'DEPENDS_ON' && r.relatedSpdxElement === gpl?.SPDXID));
  });

  it('relates a development-only dependency to the project as DEV_DEPENDENCY_OF', async () => {
    const doc = await spdxJson([workspace('npm-basic')]);
    const tool = packageNamed(doc, 'gpl-dev-tool');
    assert.deepEqual(
      doc.relationships.filter((r) => r.spdxElementId === tool?.SPDXID).map((r) => r.relationshipType),
      ['DEV_DEPENDENCY_OF'],
    );
  });

  it('gives each dependency its version, purl, concluded and declared license', async () => {
    const doc = await spdxJson([workspace('maven-basic')]);
    const lang = packageNamed(doc, 'org.apache.commons:commons-lang3');
    assert.equal(lang?.versionInfo, '3.14.0');
    assert.equal(lang?.downloadLocation, 'NOASSERTION');
    assert.equal(lang?.licenseConcluded, 'Apache-2.0');
    assert.equal(lang?.licenseDeclared, 'Apache-2.0');
    assert.deepEqual(lang?.externalRefs, [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:maven/org.apache.commons/commons-lang3@3.14.0' }]);
  });

  it('writes NOASSERTION for a license it does not know and for a version nothing resolved', async () => {
    const doc = await spdxJson([workspace('maven-basic')]);
    const missing = packageNamed(doc, 'com.example:not-installed-anywhere');
    assert.equal(missing?.licenseConcluded, 'NOASSERTION');
    assert.equal(missing?.licenseDeclared, 'NOASSERTION');
    assert.equal(missing?.versionInfo, undefined);
  });

  it('defines every LicenseRef- it uses in hasExtractedLicensingInfos', () => {
    const commercial = result({ name: 'dual', license: { declared: 'MIT OR Commercial', expression: 'MIT OR LicenseRef-Commercial', source: 'node_modules', confidence: 'high' } });
    const doc = spdxDocument(input([commercial]));
    assert.equal(packageNamed(doc, 'dual')?.licenseConcluded, 'MIT OR LicenseRef-Commercial');
    assert.deepEqual(doc.hasExtractedLicensingInfos?.map((l) => [l.licenseId, l.extractedText]), [['LicenseRef-Commercial', 'MIT OR Commercial']]);
    assert.equal(schemaErrors(spdxValidator(), doc), '');
  });

  it('makes SPDX ids from letters, digits, dots and dashes only, unique in the document', () => {
    const doc = spdxDocument(input([result({ name: '@acme/billing' }), result({ name: 'acme-billing' }), result({ name: '@acme/billing', ecosystem: 'pypi' })]));
    const ids = doc.packages.map((p) => p.SPDXID);
    assert.ok(ids.every((id) => /^SPDXRef-[A-Za-z0-9.-]+$/.test(id)), ids.join(' '));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('lists a package used by several manifests once', async () => {
    const doc = await spdxJson([workspace('python-basic')]);
    assert.equal(doc.packages.filter((p) => p.name === 'requests').length, 1);
    // lgpl_image_codec (requirements.txt) and lgpl-image-codec (pyproject.toml) are one PyPI project.
    assert.equal(doc.packages.filter((p) => /^lgpl[-_]image[-_]codec$/.test(p.name)).length, 1);
  });

  it('is the same document on every run when SOURCE_DATE_EPOCH is set, created at that time', async () => {
    const first = await runReport('spdx-json', [workspace('npm-basic')]);
    const second = await runReport('spdx-json', [workspace('npm-basic')]);
    assert.equal(second.report, first.report);
    assert.equal((JSON.parse(first.report) as SpdxDocument).creationInfo.created, new Date(Number(EPOCH) * 1000).toISOString().replace('.000', ''));
  });

  it('gives each document its own namespace when SOURCE_DATE_EPOCH is not set', async () => {
    const first = await spdxJson([workspace('npm-basic')], {});
    const second = await spdxJson([workspace('npm-basic')], {});
    assert.notEqual(second.documentNamespace, first.documentNamespace);
    assert.match(first.documentNamespace, /^https:\/\/spdx\.org\/spdxdocs\/ospo-lens-fixtures-[0-9a-f-]{36}$/);
  });

  it('writes the same document in tag-value as in JSON', async () => {
    const json = await spdxJson(['workspaces']);
    const tagValue = parseTagValue((await runReport('spdx', ['workspaces'])).report);
    assert.deepEqual(tagValue, JSON.parse(JSON.stringify(json)));
  });

  it('keeps multi-line text and LicenseRef definitions when written as tag-value', () => {
    const withCopyright = result({ name: 'dual', license: { declared: 'MIT OR Commercial', expression: 'MIT OR LicenseRef-Commercial', source: 'node_modules', confidence: 'high' } });
    const doc = spdxDocument(input([withCopyright], { texts: new Map([['pkg:npm/dual@1.0.0', { licenseFiles: [], noticeFiles: [], copyrights: ['Copyright 2020 A', 'Copyright 2021 B'] }]]) }));
    assert.deepEqual(parseTagValue(spdxTagValue(doc)), JSON.parse(JSON.stringify(doc)));
  });

  it("takes a package's copyright text from its LICENSE file when it is installed", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-spdx-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { widget: '^2.0.0' } }));
      const pkg = path.join(dir, 'node_modules', 'widget');
      fs.mkdirSync(pkg, { recursive: true });
      fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'widget', version: '2.0.0', license: 'MIT' }));
      fs.writeFileSync(path.join(pkg, 'LICENSE'), 'MIT License\n\nCopyright (c) 2019 Widget Makers\n\nPermission is hereby granted...\n');
      const doc = JSON.parse((await runReport('spdx-json', ['.'], { cwd: dir })).report) as SpdxDocument;
      assert.equal(packageNamed(doc, 'widget')?.copyrightText, 'Copyright (c) 2019 Widget Makers');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
