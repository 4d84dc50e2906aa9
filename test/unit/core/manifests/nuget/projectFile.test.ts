import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Dependency, Range } from '../../../../../src/core/model';
import { parseProjectFile, projectFileFormat } from '../../../../../src/core/manifests/nuget/projectFile';
import { LineIndex } from '../../../../../src/core/text';
import { FIXTURES } from '../../../repo';

function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, 'manifests', 'nuget', name), 'utf8');
}

const summary = (deps: readonly Dependency[]): Array<[string, string, string]> => deps.map((d) => [d.name, d.requested, d.scope]);

describe('MSBuild project file parser', () => {
  describe('a library project (Serilog.Sinks.Console style)', () => {
    const text = fixture('Serilog.Sinks.Console.csproj');
    const parsed = parseProjectFile(text);

    it('lists every package reference with its version and scope', () => {
      assert.deepEqual(summary(parsed.dependencies), [
        ['Serilog', '4.0.0', 'runtime'],
        ['Microsoft.SourceLink.GitHub', '8.0.0', 'build'],
        ['Nullable', '1.3.1', 'build'],
        ['System.Memory', '4.5.5', 'runtime'],
      ]);
      assert.equal(parsed.errors.length, 0);
    });

    it('gives the exact range of each package id inside the Include attribute', () => {
      for (const dependency of parsed.dependencies) {
        assert.equal(textAt(text, dependency.range), dependency.name);
        assert.equal(dependency.direct, true);
        assert.equal(dependency.ecosystem, 'nuget');
      }
      assert.deepEqual(parsed.dependencies[0].range, { start: { line: 27, character: 31 }, end: { line: 27, character: 38 } });
    });

    it('expands a $(Property) version from the same file, the range covering the value as written', () => {
      const serilog = parsed.dependencies[0];
      assert.equal(serilog.requested, '4.0.0');
      assert.equal(textAt(text, serilog.requestedRange as Range), '$(SerilogVersion)');
    });

    it('reads a version written as a child <Version> element, with its range', () => {
      const memory = parsed.dependencies.find((d) => d.name === 'System.Memory') as Dependency;
      assert.equal(textAt(text, memory.requestedRange as Range), '4.5.5');
    });

    it('ignores references added inside a <Target>, which restore never sees', () => {
      assert.ok(!parsed.dependencies.some((d) => d.name === 'Not.A.Restore.Time.Reference'));
    });

    it("reads the project's own license from <PackageLicenseExpression>", () => {
      assert.equal(parsed.projectLicense, 'Apache-2.0');
    });
  });

  describe('test projects', () => {
    it('puts the packages of a project referencing Microsoft.NET.Test.Sdk in the test scope', () => {
      const parsed = parseProjectFile(fixture('Newtonsoft.Json.Tests.csproj'));
      assert.deepEqual(summary(parsed.dependencies), [
        ['Microsoft.NET.Test.Sdk', '17.8.0', 'test'],
        ['NUnit', '3.14.0', 'test'],
        ['NUnit3TestAdapter', '4.5.0', 'test'],
        ['FSharp.Core', '8.0.100', 'test'],
        ['Autofac', '4.9.4', 'test'],
        ['coverlet.collector', '6.0.0', 'build'],
      ]);
    });

    it('treats <IsTestProject>true</IsTestProject> as a test project (a VB project here)', () => {
      const parsed = parseProjectFile(fixture('Humanizer.Tests.vbproj'));
      assert.deepEqual(summary(parsed.dependencies), [
        ['xunit', '2.9.0', 'test'],
        ['Verify.Xunit', '26.1.6', 'test'],
        ['xunit.runner.visualstudio', '2.8.2', 'build'],
      ]);
    });

    it('lets an explicit <IsTestProject>false</IsTestProject> win over the test SDK reference', () => {
      const text = `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><IsTestProject>false</IsTestProject></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.11.1" />
    <PackageReference Include="Shouldly" Version="4.2.1" />
  </ItemGroup>
</Project>`;
      assert.deepEqual(parseProjectFile(text).dependencies.map((d) => d.scope), ['runtime', 'runtime']);
    });

    it('treats a project on MSTest.Sdk as a test project', () => {
      const text = '<Project Sdk="MSTest.Sdk/3.6.0"><ItemGroup><PackageReference Include="Moq" Version="4.20.70" /></ItemGroup></Project>';
      assert.equal(parseProjectFile(text).dependencies[0].scope, 'test');
    });

    it('does not treat an ordinary project as a test project', () => {
      const text = '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Dapper" Version="2.1.35" /></ItemGroup></Project>';
      assert.equal(parseProjectFile(text).dependencies[0].scope, 'runtime');
    });
  });

  describe('central package management', () => {
    it('gives a reference without a version an empty request, the version living in Directory.Packages.props', () => {
      const text = fixture('Polly.Extensions.csproj');
      const parsed = parseProjectFile(text);
      const logging = parsed.dependencies[0];
      assert.equal(logging.name, 'Microsoft.Extensions.Logging.Abstractions');
      assert.equal(logging.requested, '');
      assert.equal(logging.requestedRange, undefined);
      assert.equal(textAt(text, logging.range), 'Microsoft.Extensions.Logging.Abstractions');
    });

    it('uses VersionOverride as the requested version', () => {
      const text = fixture('Polly.Extensions.csproj');
      const json = parseProjectFile(text).dependencies.find((d) => d.name === 'System.Text.Json') as Dependency;
      assert.equal(json.requested, '8.0.4');
      assert.equal(textAt(text, json.requestedRange as Range), '8.0.4');
    });

    it('reports only GlobalPackageReference items of Directory.Packages.props, as build tools', () => {
      const parsed = parseProjectFile(fixture('Directory.Packages.props'));
      assert.deepEqual(summary(parsed.dependencies), [
        ['StyleCop.Analyzers', '1.2.0-beta.556', 'build'],
        ['Microsoft.SourceLink.GitHub', '8.0.0', 'build'],
      ]);
    });
  });

  describe('Directory.Build.props', () => {
    const text = fixture('Directory.Build.props');
    const parsed = parseProjectFile(text);

    it('skips Update= and Remove= items, which only change references made elsewhere', () => {
      assert.deepEqual(summary(parsed.dependencies), [['Nerdbank.GitVersioning', '3.6.143', 'build']]);
    });

    it('reads the license it sets for every project', () => {
      assert.equal(parsed.projectLicense, 'MIT');
    });
  });

  describe('an F# project (Giraffe style)', () => {
    const text = fixture('Giraffe.fsproj');
    const parsed = parseProjectFile(text);

    it('keeps floating versions and version ranges verbatim', () => {
      assert.deepEqual(summary(parsed.dependencies), [
        ['System.Text.Json', '8.0.4', 'runtime'],
        ['Microsoft.IO.RecyclableMemoryStream', '3.0.*', 'runtime'],
        ['FSharp.SystemTextJson', '[1.3.13,2.0)', 'runtime'],
        ['Microsoft.SourceLink.GitHub', '8.*', 'build'],
      ]);
      for (const dependency of parsed.dependencies) assert.equal(textAt(text, dependency.requestedRange as Range), dependency.requested);
    });
  });

  describe('item details', () => {
    it('declares one dependency per package of an Include list, each with its own range', () => {
      const text = '<Project><ItemGroup><PackageReference Include="Polly; Polly.Core" Version="8.4.2" /></ItemGroup></Project>';
      const parsed = parseProjectFile(text);
      assert.deepEqual(parsed.dependencies.map((d) => [d.name, textAt(text, d.range), d.requested]), [
        ['Polly', 'Polly', '8.4.2'],
        ['Polly.Core', 'Polly.Core', '8.4.2'],
      ]);
    });

    it('keeps an unknown $(Property) in the version as written', () => {
      const text = '<Project><ItemGroup><PackageReference Include="Grpc.Net.Client" Version="$(GrpcVersion)" /></ItemGroup></Project>';
      assert.equal(parseProjectFile(text).dependencies[0].requested, '$(GrpcVersion)');
    });

    it('expands properties defined through other properties', () => {
      const text = `<Project>
  <PropertyGroup><AspireMajor>8</AspireMajor><AspireVersion>$(AspireMajor).2.1</AspireVersion></PropertyGroup>
  <ItemGroup><PackageReference Include="Aspire.Hosting" Version="$(AspireVersion)" /></ItemGroup>
</Project>`;
      assert.equal(parseProjectFile(text).dependencies[0].requested, '8.2.1');
    });

    it('survives a property defined through itself', () => {
      const text = '<Project><PropertyGroup><V>$(V).1</V></PropertyGroup><ItemGroup><PackageReference Include="A" Version="$(V)" /></ItemGroup></Project>';
      assert.match(parseProjectFile(text).dependencies[0].requested, /\$\(V\)/);
    });

    it('skips an Include it cannot know without evaluating MSBuild', () => {
      const text = '<Project><ItemGroup><PackageReference Include="$(ExtraPackage)" Version="1.0" /><PackageReference Include="Dapper" Version="2.1.35" /></ItemGroup></Project>';
      assert.deepEqual(parseProjectFile(text).dependencies.map((d) => d.name), ['Dapper']);
    });

    it('matches element and attribute names case-insensitively, as MSBuild does', () => {
      const text = '<Project><ItemGroup><packagereference include="Dapper" version="2.1.35" privateassets="ALL" /></ItemGroup></Project>';
      assert.deepEqual(summary(parseProjectFile(text).dependencies), [['Dapper', '2.1.35', 'build']]);
    });

    it('reads old-style projects in the MSBuild 2003 namespace', () => {
      const text = `<?xml version="1.0" encoding="utf-8"?>
<Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json">
      <Version>13.0.3</Version>
    </PackageReference>
  </ItemGroup>
</Project>`;
      assert.deepEqual(summary(parseProjectFile(text).dependencies), [['Newtonsoft.Json', '13.0.3', 'runtime']]);
    });

    it('ignores a package reference that is commented out', () => {
      const text = '<Project><ItemGroup><!-- <PackageReference Include="Old" Version="1.0" /> --><PackageReference Include="New" Version="2.0" /></ItemGroup></Project>';
      assert.deepEqual(parseProjectFile(text).dependencies.map((d) => d.name), ['New']);
    });

    it('puts a package used only at compile time (runtime assets excluded) in the provided scope', () => {
      const text = '<Project><ItemGroup><PackageReference Include="JetBrains.Annotations" Version="2024.2.0" ExcludeAssets="runtime" /></ItemGroup></Project>';
      assert.equal(parseProjectFile(text).dependencies[0].scope, 'provided');
    });

    it('puts a package used only for its build or analyzer assets in the build scope', () => {
      const text = '<Project><ItemGroup><PackageReference Include="Meziantou.Analyzer" Version="2.0.163" IncludeAssets="analyzers; build" /></ItemGroup></Project>';
      assert.equal(parseProjectFile(text).dependencies[0].scope, 'build');
    });

    it('treats a legacy DotNetCliToolReference as a build tool', () => {
      const text = '<Project><ItemGroup><DotNetCliToolReference Include="dotnet-ef" Version="2.0.3" /></ItemGroup></Project>';
      assert.deepEqual(summary(parseProjectFile(text).dependencies), [['dotnet-ef', '2.0.3', 'build']]);
    });

    it('decodes XML entities in versions', () => {
      const text = '<Project><ItemGroup><PackageReference Include="A" Version="&#49;.0" /></ItemGroup></Project>';
      assert.equal(parseProjectFile(text).dependencies[0].requested, '1.0');
    });
  });

  describe('broken XML', () => {
    it('keeps the references after a broken one and reports where the XML is broken', () => {
      const text = `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Serilog" Version="4.0.0" />
    <PackageReference Include="Half.Typed
  </ItemGroup>
  <ItemGroup>
    <PackageReference Include="Dapper" Version="2.1.35" />
  </ItemGroup>
</Project>`;
      const parsed = parseProjectFile(text);
      assert.deepEqual(parsed.dependencies.map((d) => d.name), ['Serilog', 'Dapper']);
      assert.ok(parsed.errors.length > 0);
      assert.match(parsed.errors[0].message, /not valid XML/);
      assert.equal(parsed.errors[0].range.start.line, 3);
      for (const dependency of parsed.dependencies) assert.equal(textAt(text, dependency.range), dependency.name);
    });

    it('keeps the references after a stray quote that shifts the rest of the document', () => {
      const text = `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <Description x="A sink.</Description>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Serilog" Version="4.0.0" />
    <PackageReference Include="Dapper" Version="2.1.35" PrivateAssets="all" />
  </ItemGroup>
  <Target Name="Pack"><ItemGroup><PackageReference Include="InTarget" Version="1.0" /></ItemGroup></Target>
  <!-- <PackageReference Include="Commented" Version="1.0" /> -->
</Project>`;
      const parsed = parseProjectFile(text);
      assert.deepEqual(summary(parsed.dependencies), [
        ['Serilog', '4.0.0', 'runtime'],
        ['Dapper', '2.1.35', 'build'],
      ]);
      for (const dependency of parsed.dependencies) assert.equal(textAt(text, dependency.range), dependency.name);
    });

    it('does not let an empty <Target/> hide the references after it in a broken document', () => {
      const text = '<Project>\n<Target Name="Noop" />\n<ItemGroup>\n<PackageReference Include="A" Version="1">\n<PackageReference Include="B" Version="2" />\n</ItemGroup>\n</Project>';
      assert.deepEqual(parseProjectFile(text).dependencies.map((d) => d.name), ['A', 'B']);
    });

    it('keeps the references after one whose start tag is not closed yet', () => {
      const text = `<Project>
  <ItemGroup>
    <PackageReference Include="Serilog" Version="4.0.0">
    <PackageReference Include="Dapper" Version="2.1.35" />
  </ItemGroup>
</Project>`;
      const parsed = parseProjectFile(text);
      assert.deepEqual(summary(parsed.dependencies), [
        ['Serilog', '4.0.0', 'runtime'],
        ['Dapper', '2.1.35', 'runtime'],
      ]);
      assert.equal(textAt(text, parsed.dependencies[1].requestedRange as Range), '2.1.35');
    });

    it('still finds references in a document too deeply broken for the XML parser', () => {
      const text = '<Project>' + '<a>'.repeat(5_000) + '\n<PackageReference Include="Dapper" Version="2.1.35" />';
      const parsed = parseProjectFile(text);
      assert.deepEqual(parsed.dependencies.map((d) => d.name), ['Dapper']);
      assert.equal(textAt(text, parsed.dependencies[0].range), 'Dapper');
      assert.ok(parsed.errors.length > 0);
    });

    it('keeps the references after an element whose name is half-typed', () => {
      const text = '<Project><ItemGroup><PackageReference Include="A" Version="1" /><PackageRef</ItemGroup><ItemGroup><PackageReference Include="C" Version="2" /></ItemGroup></Project>';
      assert.deepEqual(parseProjectFile(text).dependencies.map((d) => d.name), ['A', 'C']);
    });

    it('keeps a reference whose version has no value yet, without a version', () => {
      const text = '<Project><ItemGroup><PackageReference Include="A" Version= /><PackageReference Include="B" Version="2" /></ItemGroup></Project>';
      assert.deepEqual(summary(parseProjectFile(text).dependencies), [
        ['A', '', 'runtime'],
        ['B', '2', 'runtime'],
      ]);
    });

    it('reports a reference of a truncated file once its id is complete, and not before', () => {
      const complete = '<Project><ItemGroup><PackageReference Include="A" Version="1" /><PackageReference Include="B" Vers';
      assert.deepEqual(parseProjectFile(complete).dependencies.map((d) => d.name), ['A', 'B']);
      const halfTyped = '<Project><ItemGroup><PackageReference Include="A" Version="1" /><PackageReference Include="Bo';
      assert.deepEqual(parseProjectFile(halfTyped).dependencies.map((d) => d.name), ['A']);
    });

    it('never throws, whatever the text', () => {
      const inputs = ['', '<', '<Project', 'garbage', '\u0000\uffff', '<Project/>', '<packages/>', '<a>'.repeat(20_000), '<Project>' + '<ItemGroup>'.repeat(5_000), '"\'<>&;'.repeat(1_000)];
      for (const text of inputs) {
        const parsed = parseProjectFile(text);
        assert.ok(Array.isArray(parsed.dependencies));
      }
    });

    it('handles a large project quickly', () => {
      const items = Array.from({ length: 5_000 }, (_, i) => `    <PackageReference Include="Package${i}" Version="1.0.${i}" />`).join('\n');
      const text = `<Project>\n  <ItemGroup>\n${items}\n  </ItemGroup>\n</Project>`;
      const started = Date.now();
      const parsed = parseProjectFile(text);
      assert.equal(parsed.dependencies.length, 5_000);
      assert.equal(textAt(text, parsed.dependencies[4_999].range), 'Package4999');
      assert.ok(Date.now() - started < 5_000);
    });

    it('handles CRLF line endings in ranges', () => {
      const text = '<Project>\r\n  <ItemGroup>\r\n    <PackageReference Include="Dapper" Version="2.1.35" />\r\n  </ItemGroup>\r\n</Project>';
      const [dependency] = parseProjectFile(text).dependencies;
      assert.deepEqual(dependency.range.start, { line: 2, character: 31 });
      assert.equal(textAt(text, dependency.range), 'Dapper');
    });
  });

  describe('which files it reads', () => {
    it('matches C#, F# and VB projects and the Directory.* files MSBuild imports', () => {
      for (const file of ['/w/src/App/App.csproj', 'C:\\w\\Lib\\Lib.fsproj', '/w/Lib.vbproj', '/w/Directory.Build.props', '/w/Directory.Packages.props', '/w/Directory.Build.targets']) {
        assert.ok(projectFileFormat.matches(file), file);
      }
    });

    it('does not match other files, nor files inside installed packages', () => {
      for (const file of ['/w/App.csproj.user', '/w/App.sln', '/w/obj/App.csproj.nuget.g.props', '/home/u/.nuget/packages/x/1.0.0/content/App.csproj']) {
        assert.ok(!projectFileFormat.matches(file), file);
      }
    });
  });
});
