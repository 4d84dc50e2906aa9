import * as assert from 'node:assert/strict';
import { csvReport } from '../../../../src/core/reports/csv';
import { input, result, runReport, workspace } from './helpers';

/** RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('the last record is not ended by CRLF');
  return rows;
}

describe('--format csv', () => {
  it('has a header row and one row per dependency, allowed ones too', async () => {
    const rows = readCsv((await runReport('csv', [workspace('npm-basic')])).report);
    assert.deepEqual(rows[0], ['manifest', 'ecosystem', 'name', 'version', 'scope', 'license', 'verdict', 'rule', 'reason']);
    assert.equal(rows.length, 1 + 6);
    assert.deepEqual(rows.find((r) => r[2] === 'gpl-lib')?.slice(0, 8), ['workspaces/npm-basic/package.json', 'npm', 'gpl-lib', '2.0.1', 'runtime', 'GPL-3.0-only', 'deny', 'strong-copyleft']);
  });

  it('quotes fields with commas, quotes and line breaks so they read back unchanged', () => {
    const reason = 'It says "no", then, on a new line,\nsomething else';
    const rows = readCsv(csvReport(input([result({ name: 'a,b', reason })])));
    assert.deepEqual([rows[1][2], rows[1][8]], ['a,b', reason]);
  });

  it('leaves the version empty when nothing installed or locked resolves it', async () => {
    const rows = readCsv((await runReport('csv', [workspace('maven-basic')])).report);
    assert.equal(rows.find((r) => r[2] === 'com.example:not-installed-anywhere')?.[3], '');
  });
});
