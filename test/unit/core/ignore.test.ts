import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkManifestText } from '../../../src/core/check';
import { JsonFileCache } from '../../../src/core/files';
import { commentSyntaxFor, ignoreCommentEdit, ignoredLines, type CommentSyntax } from '../../../src/core/ignore';
import { formatForPath, LocalLicenseSources } from '../../../src/core/manifests';
import { getDefaultPolicy } from '../../../src/core/policy/load';
import { FIXTURES } from '../repo';

/** The text with the ignore comment added to `line`, failing when it is refused. */
function ignoreLine(text: string, line: number, syntax: CommentSyntax): string {
  const edit = ignoreCommentEdit(text, line, syntax);
  assert.ok(edit.ok, edit.ok ? '' : edit.message);
  return text.slice(0, edit.offset) + edit.content + text.slice(edit.offset + edit.length);
}

const syntax = (file: string): CommentSyntax => {
  const format = formatForPath(file);
  assert.ok(format, file);
  const found = commentSyntaxFor(format.ecosystem, file);
  assert.ok(found, file);
  return found;
};

describe('ignoring a dependency on its line', () => {
  it('uses each format own comment syntax, and none for package.json', () => {
    assert.deepEqual(
      ['requirements.txt', 'pyproject.toml', 'Cargo.toml', 'go.mod', 'build.gradle', 'build.gradle.kts', 'pom.xml', 'App.csproj'].map((f) => syntax(`/p/${f}`).start),
      ['#', '#', '#', '//', '//', '//', '<!--', '<!--'],
    );
    assert.equal(commentSyntaxFor('npm', '/p/package.json'), undefined);
  });

  it('appends "# ospo-lens: ignore" to a requirements line, replacing trailing spaces', () => {
    const text = 'requests==2.0\ngpl-lib==1.0   \nsix\n';
    assert.equal(ignoreLine(text, 1, syntax('/p/requirements.txt')), 'requests==2.0\ngpl-lib==1.0  # ospo-lens: ignore\nsix\n');
  });

  it('appends "<!-- ospo-lens: ignore -->" after an XML element', () => {
    const text = '<Project>\n  <PackageReference Include="Gpl.Lib" Version="2.0.1" />\n</Project>\n';
    assert.match(ignoreLine(text, 1, syntax('/p/App.csproj')), /Version="2\.0\.1" \/> <!-- ospo-lens: ignore -->\n/);
  });

  it('refuses to put a comment inside an XML element that continues on the next line', () => {
    const text = '<Project>\n  <PackageReference Include="Gpl.Lib"\n      Version="2.0.1" />\n</Project>\n';
    const edit = ignoreCommentEdit(text, 1, syntax('/p/App.csproj'));
    assert.match(edit.ok ? '' : edit.message, /continues on the next line/);
  });

  it('refuses a requirements line continued with a backslash, which the comment would cut', () => {
    const edit = ignoreCommentEdit('gpl-lib==1.0 \\\n  --hash=sha256:abc\n', 0, syntax('/p/requirements.txt'));
    assert.match(edit.ok ? '' : edit.message, /continues on the next one/);
  });

  it('joins go.mod "// indirect" so that Go still reads it as indirect', () => {
    const text = 'require (\n\texample.com/gpl v1.0.0 // indirect\n)\n';
    assert.equal(ignoreLine(text, 1, syntax('/p/go.mod')), 'require (\n\texample.com/gpl v1.0.0 // indirect; ospo-lens: ignore\n)\n');
  });

  it('finds the lines that carry the marker, and only in a comment', () => {
    const text = 'a==1  # ospo-lens: ignore\nb==2\nc==3 # pinned; ospo-lens: ignore\nospo-lens: ignore==1\n';
    assert.deepEqual([...ignoredLines(text, syntax('/p/requirements.txt'))], [0, 2]);
  });

  it('refuses a line that is already ignored', () => {
    const edit = ignoreCommentEdit('a==1  # ospo-lens: ignore\n', 0, syntax('/p/requirements.txt'));
    assert.equal(edit.ok, false);
  });
});

describe('checking a manifest with ignored lines', () => {
  const workspace = path.join(FIXTURES, 'workspaces', 'python-basic');
  const manifest = path.join(workspace, 'requirements.txt');
  const check = (text: string) =>
    checkManifestText(manifest, text, formatForPath(manifest) ?? assert.fail('no format'), {
      policy: getDefaultPolicy(),
      sources: new LocalLicenseSources({ files: new JsonFileCache(), environment: { env: {}, home: workspace } }).for('pypi'),
    });

  it('marks the dependency on an ignored line as ignored, keeping its verdict', async () => {
    const text = fs.readFileSync(manifest, 'utf8').replace('gpl-chart-engine==2.0.1', 'gpl-chart-engine==2.0.1  # ospo-lens: ignore');
    const gpl = (await check(text)).results.find((r) => r.name === 'gpl-chart-engine');
    assert.deepEqual([gpl?.verdict, gpl?.ignored], ['deny', true]);
  });

  it('leaves the other dependencies alone', async () => {
    const text = fs.readFileSync(manifest, 'utf8').replace('gpl-chart-engine==2.0.1', 'gpl-chart-engine==2.0.1  # ospo-lens: ignore');
    const others = (await check(text)).results.filter((r) => r.name !== 'gpl-chart-engine');
    assert.ok(others.length > 0);
    assert.ok(others.every((r) => r.ignored === undefined));
  });
});
