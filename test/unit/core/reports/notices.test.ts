import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spdxLicenseTexts, type StandardText } from '../../../../src/core/reports/licenseTexts';
import { noticesReport } from '../../../../src/core/reports/notices';
import { input, result, runReport, workspace } from './helpers';

/** A standard-text lookup that records what it was asked for. */
function fakeTexts(): { lookup: (id: string) => Promise<StandardText | undefined>; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    lookup: async (id) => {
      asked.push(id);
      return { id, name: `${id} name`, text: `The ${id} terms.` };
    },
  };
}

describe('--format notices', () => {
  it('lists every dependency that ships and none that is development-only', async () => {
    const { report } = await runReport('notices', [workspace('npm-basic')]);
    for (const name of ['mit-lib 1.2.3', 'gpl-lib 2.0.1', 'lgpl-lib 3.1.4', 'dual-lib 1.0.0', 'locked-apache-lib 4.2.0']) assert.match(report, new RegExp(`^${name} \\(npm\\)$`, 'm'));
    assert.doesNotMatch(report, /gpl-dev-tool/);
  });

  it('prints each standard license text once, however many packages use it', async () => {
    const { report } = await runReport('notices', [workspace('npm-basic')]);
    assert.equal(report.match(/^MIT: MIT License$/gm)?.length, 1);
    assert.match(report, /^Apache-2\.0: Apache License 2\.0$/m);
    assert.match(report, /Permission is hereby granted, free of charge/);
  });

  it("includes a package's own LICENSE and NOTICE files, and the copyright lines in them, instead of the standard text", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-notices-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { 'own-license': '^1.0.0' } }));
      const pkg = path.join(dir, 'node_modules', 'own-license');
      fs.mkdirSync(pkg, { recursive: true });
      fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'own-license', version: '1.0.0', license: 'Apache-2.0' }));
      fs.writeFileSync(path.join(pkg, 'LICENSE'), 'Apache License\nVersion 2.0, January 2004\n...\n');
      fs.writeFileSync(path.join(pkg, 'NOTICE'), 'Own License\nCopyright 2020 The Own License Authors\n');
      const { report } = await runReport('notices', ['.'], { cwd: dir });
      assert.match(report, /^Copyright 2020 The Own License Authors$/m);
      assert.match(report, /^--- node_modules\/own-license\/LICENSE\n\nApache License\nVersion 2\.0, January 2004/m);
      assert.match(report, /^--- node_modules\/own-license\/NOTICE\n\nOwn License/m);
      assert.doesNotMatch(report, /Standard license texts/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the text of the license chosen from an OR, and reads only the standard texts it prints', async () => {
    const dual = result({ name: 'dual', chosen: 'MIT', license: { declared: 'MIT OR GPL-3.0-only', expression: 'MIT OR GPL-3.0-only', source: 'node_modules', confidence: 'exact' } });
    const texts = fakeTexts();
    const report = await noticesReport(input([dual]), texts.lookup);
    assert.deepEqual(texts.asked, ['MIT']);
    assert.match(report, /^License: MIT OR GPL-3\.0-only, used under MIT$/m);
  });

  it('gives every license of an AND', async () => {
    const both = result({ name: 'both', license: { declared: 'MIT AND BSD-3-Clause', expression: 'MIT AND BSD-3-Clause', source: 'node_modules', confidence: 'exact' } });
    const texts = fakeTexts();
    await noticesReport(input([both]), texts.lookup);
    assert.deepEqual(texts.asked.sort(), ['BSD-3-Clause', 'MIT']);
  });

  it("leaves out the organisation's internal packages", async () => {
    const internal = result({ name: '@acme/billing', rule: 'internal-package', license: { declared: 'UNLICENSED', expression: null, source: 'node_modules', confidence: 'none' } });
    const report = await noticesReport(input([internal, result({ name: 'mit-lib' })]), fakeTexts().lookup);
    assert.doesNotMatch(report, /@acme\/billing/);
  });

  it('calls out a shipped package whose license is unknown', async () => {
    const unknown = result({ name: 'mystery', verdict: 'review', rule: 'unknown-license', license: { declared: null, expression: null, source: null, confidence: 'none' } });
    const report = await noticesReport(input([unknown]), fakeTexts().lookup);
    assert.match(report, /^Needs attention: no license is known for mystery 1\.0\.0 \(npm\)\.$/m);
  });

  it('reads standard texts from the spdx-license-list package by SPDX id, and never a path', async () => {
    const lookup = spdxLicenseTexts();
    assert.match((await lookup('MIT'))?.text ?? '', /Permission is hereby granted/);
    assert.equal(await lookup('../../package'), undefined);
  });
});
