import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Range } from '../../../../../src/core/model';
import { packagesConfigFormat, parsePackagesConfig } from '../../../../../src/core/manifests/nuget/packagesConfig';
import { LineIndex } from '../../../../../src/core/text';
import { FIXTURES } from '../../../repo';

function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

describe('packages.config parser', () => {
  const text = fs.readFileSync(path.join(FIXTURES, 'manifests', 'nuget', 'packages.config'), 'utf8');
  const parsed = parsePackagesConfig(text);

  it('lists every package of an ASP.NET MVC application with its exact version', () => {
    assert.deepEqual(
      parsed.dependencies.map((d) => [d.name, d.requested]),
      [
        ['Antlr', '3.5.0.2'],
        ['bootstrap', '3.4.1'],
        ['EntityFramework', '6.4.4'],
        ['jQuery', '3.4.1'],
        ['Microsoft.AspNet.Mvc', '5.2.7'],
        ['Microsoft.CodeDom.Providers.DotNetCompilerPlatform', '2.0.1'],
        ['Microsoft.Web.Infrastructure', '1.0.0.0'],
        ['Newtonsoft.Json', '12.0.2'],
        ['StyleCop.Analyzers', '1.1.118'],
        ['WebGrease', '1.6.0'],
      ],
    );
    assert.equal(parsed.errors.length, 0);
  });

  it('puts developmentDependency="true" packages in the dev scope and the others in runtime', () => {
    const scopes = Object.fromEntries(parsed.dependencies.map((d) => [d.name, d.scope]));
    assert.equal(scopes['StyleCop.Analyzers'], 'dev');
    assert.equal(scopes['Newtonsoft.Json'], 'runtime');
  });

  it('gives the exact ranges of each id and version inside their attributes', () => {
    for (const dependency of parsed.dependencies) {
      assert.equal(textAt(text, dependency.range), dependency.name);
      assert.equal(textAt(text, dependency.requestedRange as Range), dependency.requested);
      assert.equal(dependency.direct, true);
      assert.equal(dependency.ecosystem, 'nuget');
    }
    assert.deepEqual(parsed.dependencies[0].range, { start: { line: 2, character: 15 }, end: { line: 2, character: 20 } });
  });

  it('keeps the entries around a broken one and reports the error', () => {
    const broken = `<packages>
  <package id="jQuery" version="3.4.1" />
  <package id="Half version=
  <package id="Newtonsoft.Json" version="13.0.3" />
</packages>`;
    const result = parsePackagesConfig(broken);
    assert.ok(result.dependencies.some((d) => d.name === 'jQuery'));
    assert.ok(result.dependencies.some((d) => d.name === 'Newtonsoft.Json'));
    assert.ok(result.errors.length > 0);
    for (const dependency of result.dependencies) assert.equal(textAt(broken, dependency.range), dependency.name);
  });

  it('keeps the entries after one that is not closed', () => {
    const broken = '<packages>\n  <package id="jQuery" version="3.4.1">\n  <package id="Newtonsoft.Json" version="13.0.3" />\n</packages>';
    const result = parsePackagesConfig(broken);
    assert.deepEqual(result.dependencies.map((d) => [d.name, textAt(broken, d.range)]), [
      ['jQuery', 'jQuery'],
      ['Newtonsoft.Json', 'Newtonsoft.Json'],
    ]);
  });

  it('does not report an entry without an id yet', () => {
    const result = parsePackagesConfig('<packages><package version="1.0" /><package id="" version="1.0" /><package id="A" version="1.0" /></packages>');
    assert.deepEqual(result.dependencies.map((d) => d.name), ['A']);
  });

  it('never throws, whatever the text', () => {
    for (const input of ['', '<packages', '<packages><package id=', 'garbage', '\u0000', '<Project/>', '<package>'.repeat(20_000)]) {
      assert.doesNotThrow(() => parsePackagesConfig(input));
    }
  });

  it('matches packages.config and packages.<project>.config only', () => {
    assert.ok(packagesConfigFormat.matches('/w/Web/packages.config'));
    assert.ok(packagesConfigFormat.matches('C:\\w\\Web\\packages.Web.config'));
    assert.ok(!packagesConfigFormat.matches('/w/Web/Web.config'));
    assert.ok(!packagesConfigFormat.matches('/w/Web/packages.config.bak'));
  });
});
