import * as assert from 'node:assert/strict';
import { junitReport } from '../../../../src/core/reports/junit';
import { input, result, runReport, workspace } from './helpers';
import { readXml, type Element } from './xmlRead';

function testcases(suite: Element): Element[] {
  return suite.children.filter((c) => c.name === 'testcase');
}

function child(element: Element | undefined, name: string): Element | undefined {
  return element?.children.find((c) => c.name === name);
}

describe('--format junit', () => {
  it('is well-formed XML with a testsuite per manifest and a testcase per dependency', async () => {
    const { report } = await runReport('junit', [workspace('python-basic')]);
    const root = readXml(report);
    assert.equal(root.name, 'testsuites');
    assert.deepEqual(root.children.map((s) => s.attributes.name), [
      'workspaces/python-basic/pyproject.toml',
      'workspaces/python-basic/requirements-dev.txt',
      'workspaces/python-basic/requirements.txt',
    ]);
    assert.deepEqual(root.children.map((s) => testcases(s).length), [7, 2, 5]);
    assert.deepEqual(root.children.map((s) => s.attributes.tests), ['7', '2', '5']);
  });

  it('fails the denied dependencies and nothing else by default', async () => {
    const { report } = await runReport('junit', [workspace('npm-basic')]);
    const suite = readXml(report).children[0];
    const failed = testcases(suite).filter((c) => child(c, 'failure'));
    assert.deepEqual(failed.map((c) => c.attributes.name), ['gpl-lib@2.0.1']);
    assert.equal(child(failed[0], 'failure')?.attributes.type, 'strong-copyleft');
    assert.equal(suite.attributes.failures, '1');
  });

  it('fails the dependencies to review too with --fail-on review', async () => {
    const { report } = await runReport('junit', [workspace('npm-basic')], { extra: ['--fail-on', 'review'] });
    const failed = testcases(readXml(report).children[0]).filter((c) => child(c, 'failure'));
    assert.deepEqual(failed.map((c) => c.attributes.name), ['gpl-lib@2.0.1', 'lgpl-lib@3.1.4']);
  });

  it('keeps a review that does not fail in the testcase output', async () => {
    const { report } = await runReport('junit', [workspace('npm-basic')]);
    const lgpl = testcases(readXml(report).children[0]).find((c) => c.attributes.name === 'lgpl-lib@3.1.4');
    assert.match(child(lgpl, 'system-out')?.text ?? '', /^verdict: review\nlicense: LGPL-2\.1-only\n/);
  });

  it('escapes markup and drops characters XML cannot carry, so names and reasons read back as written', () => {
    const tricky = result({ name: `<evil & "co" 'x'>`, verdict: 'deny', rule: 'strong-copyleft', reason: 'a < b && c > d\u0001 "quoted"\nnext line' });
    const suite = readXml(junitReport(input([tricky]))).children[0];
    const [testcase] = testcases(suite);
    assert.equal(testcase.attributes.name, `<evil & "co" 'x'>@1.0.0`);
    assert.equal(child(testcase, 'failure')?.attributes.message, 'a < b && c > d\uFFFD "quoted"\nnext line');
  });

  it('reports a manifest that could not be fully read as an error testcase', () => {
    const broken = input([result({ name: 'a' })], {}, { errors: [{ message: 'Expected a comma', range: { start: { line: 4, character: 2 }, end: { line: 4, character: 3 } } }] });
    const suite = readXml(junitReport(broken)).children[0];
    assert.equal(suite.attributes.errors, '1');
    assert.equal(child(testcases(suite).at(-1), 'error')?.attributes.message, '5:3: Expected a comma');
  });

  it('skips a dependency whose line is marked to be ignored', () => {
    const suite = readXml(junitReport(input([{ ...result({ name: 'gpl', verdict: 'deny', rule: 'strong-copyleft' }), ignored: true }]))).children[0];
    assert.equal(suite.attributes.failures, '0');
    assert.ok(child(testcases(suite)[0], 'skipped'));
  });
});
