import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePomXml, pomXmlFormat } from '../../../../../src/core/manifests/maven/pomXml';
import type { Dependency, Range } from '../../../../../src/core/model';
import { LineIndex } from '../../../../../src/core/text';
import { FIXTURES } from '../../../repo';

function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, 'manifests', 'maven', name), 'utf8');
const byName = (dependencies: readonly Dependency[], name: string): Dependency | undefined => dependencies.find((d) => d.name === name);
const pom = (dependencies: string, extra = ''): string =>
  `<project>\n  <groupId>com.acme</groupId>\n  <artifactId>app</artifactId>\n  <version>1.0</version>\n${extra}  <dependencies>\n${dependencies}  </dependencies>\n</project>\n`;
const dep = (group: string, artifact: string, more = ''): string =>
  `    <dependency><groupId>${group}</groupId><artifactId>${artifact}</artifactId>${more}</dependency>\n`;

describe('pom.xml parser', () => {
  describe('on a Spring Boot application (spring-petclinic)', () => {
    const text = fixture('spring-petclinic.pom.xml');
    const parsed = parsePomXml(text);

    it('lists every dependency of the project and of its profiles, named groupId:artifactId', () => {
      assert.equal(parsed.dependencies.length, 23);
      assert.equal(parsed.dependencies[0].name, 'org.springframework.boot:spring-boot-starter-actuator');
      assert.ok(byName(parsed.dependencies, 'org.postgresql:r2dbc-postgresql'), 'the postgres profile dependency');
      assert.ok(parsed.dependencies.every((d) => d.ecosystem === 'maven' && d.direct));
      assert.deepEqual(parsed.errors, []);
    });

    it('does not report plugin dependencies, which are build tooling', () => {
      assert.equal(byName(parsed.dependencies, 'com.puppycrawl.tools:checkstyle'), undefined);
      assert.equal(byName(parsed.dependencies, 'io.spring.nohttp:nohttp-checkstyle'), undefined);
    });

    it('maps Maven scopes: none and runtime ship, test is test, optional is optional', () => {
      assert.equal(byName(parsed.dependencies, 'org.springframework.boot:spring-boot-starter-web')?.scope, 'runtime');
      assert.equal(byName(parsed.dependencies, 'com.h2database:h2')?.scope, 'runtime');
      assert.equal(byName(parsed.dependencies, 'org.springframework.boot:spring-boot-starter-test')?.scope, 'test');
      assert.equal(byName(parsed.dependencies, 'org.springframework.boot:spring-boot-devtools')?.scope, 'optional');
    });

    it('resolves ${property} versions from <properties>', () => {
      assert.equal(byName(parsed.dependencies, 'org.webjars.npm:bootstrap')?.requested, '5.3.3');
    });

    it('asks for no version when the parent manages it', () => {
      assert.equal(byName(parsed.dependencies, 'com.h2database:h2')?.requested, '');
      assert.equal(byName(parsed.dependencies, 'com.h2database:h2')?.requestedRange, undefined);
    });

    it('gives the exact range of each artifactId and of each written version', () => {
      for (const dependency of parsed.dependencies) {
        assert.equal(dependency.name.endsWith(`:${textAt(text, dependency.range)}`), true, dependency.name);
      }
      const bootstrap = byName(parsed.dependencies, 'org.webjars.npm:bootstrap') as Dependency;
      assert.equal(textAt(text, bootstrap.range), 'bootstrap');
      assert.equal(textAt(text, bootstrap.requestedRange as Range), '${webjars-bootstrap.version}');
    });

    it("reads the project's license by its Maven name", () => {
      assert.equal(parsed.projectLicense, 'Apache License, Version 2.0');
    });
  });

  describe('on an Apache Commons component (commons-text)', () => {
    const text = fixture('commons-text.pom.xml');
    const parsed = parsePomXml(text);

    it('does not report dependencyManagement entries that nothing uses, nor BOM imports', () => {
      assert.equal(byName(parsed.dependencies, 'org.junit:junit-bom'), undefined);
      assert.equal(parsed.dependencies.filter((d) => d.name === 'org.graalvm.js:js').length, 1);
    });

    it('takes the version of a dependency that omits it from dependencyManagement', () => {
      const js = byName(parsed.dependencies, 'org.graalvm.js:js');
      assert.equal(js?.requested, '22.0.0.2');
      assert.equal(js?.requestedRange, undefined);
    });

    it('takes the scope of a dependency that omits it from dependencyManagement', () => {
      assert.equal(byName(parsed.dependencies, 'org.assertj:assertj-core')?.scope, 'test');
    });

    it('follows a property that refers to another property', () => {
      assert.equal(byName(parsed.dependencies, 'org.openjdk.jmh:jmh-core')?.requested, '1.37');
    });

    it('resolves ${project.groupId} from the parent and ${project.version}, ${project.parent.version}', () => {
      assert.equal(byName(parsed.dependencies, 'org.apache.commons:commons-text-testing')?.requested, '1.12.0');
      assert.equal(byName(parsed.dependencies, 'org.apache.commons:commons-parent-tools')?.requested, '69');
    });

    it('writes the range of a ${project.groupId} dependency on its artifactId', () => {
      const testing = byName(parsed.dependencies, 'org.apache.commons:commons-text-testing') as Dependency;
      assert.equal(textAt(text, testing.range), 'commons-text-testing');
    });

    it('treats provided and system scopes as provided', () => {
      assert.equal(byName(parsed.dependencies, 'javax.servlet:javax.servlet-api')?.scope, 'provided');
      assert.equal(byName(parsed.dependencies, 'com.sun:tools')?.scope, 'provided');
    });

    it('keeps a version range as requested', () => {
      const jsr305 = byName(parsed.dependencies, 'com.google.code.findbugs:jsr305');
      assert.equal(jsr305?.requested, '[3.0,4.0)');
      assert.equal(jsr305?.scope, 'optional');
    });

    it('treats an unresolvable scope as compile, Maven’s default', () => {
      assert.equal(byName(parsed.dependencies, 'org.apache.commons:commons-parent-tools')?.scope, 'runtime');
    });

    it('does not take exclusions for dependencies', () => {
      assert.equal(byName(parsed.dependencies, 'net.bytebuddy:byte-buddy'), undefined);
    });

    it('has no project license when the POM inherits it from its parent', () => {
      assert.equal(parsed.projectLicense, undefined);
    });
  });

  it('keeps an unknown ${property} as written', () => {
    const parsed = parsePomXml(pom(dep('g', 'a', '<version>${undefined.version}</version>')));
    assert.equal(parsed.dependencies[0].requested, '${undefined.version}');
  });

  it('does not loop on properties that refer to each other', () => {
    const parsed = parsePomXml(pom(dep('g', 'a', '<version>${a}</version>'), '  <properties><a>${b}</a><b>${a}</b></properties>\n'));
    assert.match(parsed.dependencies[0].requested, /\$\{[ab]\}/);
  });

  it('uses profile properties only when the project does not define them', () => {
    const extra = '  <properties><v>1</v></properties>\n  <profiles><profile><properties><v>2</v><w>3</w></properties></profile></profiles>\n';
    const parsed = parsePomXml(pom(dep('g', 'a', '<version>${v}</version>') + dep('g', 'b', '<version>${w}</version>'), extra));
    assert.deepEqual(parsed.dependencies.map((d) => d.requested), ['1', '3']);
  });

  it('joins several project licenses as a choice', () => {
    const extra = '  <licenses><license><name>EPL-2.0</name></license><license><name>GPL-2.0-only WITH Classpath-exception-2.0</name></license></licenses>\n';
    assert.equal(parsePomXml(pom('', extra)).projectLicense, 'EPL-2.0 OR (GPL-2.0-only WITH Classpath-exception-2.0)');
  });

  it('decodes entities in values and keeps the written range', () => {
    const text = pom(dep('g', 'a&amp;b'));
    const [dependency] = parsePomXml(text).dependencies;
    assert.equal(dependency.name, 'g:a&b');
    assert.equal(textAt(text, dependency.range), 'a&amp;b');
  });

  it('trims whitespace around values; the range covers only the artifactId', () => {
    const text = pom('    <dependency>\n      <groupId> g </groupId>\n      <artifactId>\n        lib\n      </artifactId>\n    </dependency>\n');
    const [dependency] = parsePomXml(text).dependencies;
    assert.equal(dependency.name, 'g:lib');
    assert.equal(textAt(text, dependency.range), 'lib');
    assert.deepEqual(dependency.range.start, { line: 8, character: 8 });
  });

  it('handles CRLF line endings in ranges', () => {
    const text = pom(dep('g', 'crlf')).replace(/\n/g, '\r\n');
    const [dependency] = parsePomXml(text).dependencies;
    assert.equal(dependency.range.start.line, 5);
    assert.equal(textAt(text, dependency.range), 'crlf');
  });

  describe('tolerance', () => {
    it('keeps the dependencies after a broken one, skips the broken one and reports the error', () => {
      const text = pom(dep('g', 'before') + '    <dependency><groupId>g</groupId><artifactId>broken</artifactId\n' + dep('g', 'after'));
      const parsed = parsePomXml(text);
      assert.deepEqual(parsed.dependencies.map((d) => d.name), ['g:before', 'g:after']);
      assert.ok(parsed.errors.length > 0);
      assert.match(parsed.errors[0].message, /not well-formed XML/);
    });

    it('keeps the dependencies after a stray closing tag that ends the project early', () => {
      const text = pom(dep('g', 'before') + '  </dependencies></dependencies>\n' + dep('g', 'after'));
      assert.deepEqual(parsePomXml(text).dependencies.map((d) => d.name), ['g:before', 'g:after']);
    });

    it('keeps the project license after a broken dependency', () => {
      const text = pom('    <dependency><groupId>g</groupId><artifactId>x<\n', '  <licenses><license><name>MIT</name></license></licenses>\n');
      assert.equal(parsePomXml(text).projectLicense, 'MIT');
    });

    it('does not report a half-typed artifactId', () => {
      const text = pom(dep('g', 'done') + '    <dependency><groupId>g</groupId><artifactId>hal');
      assert.deepEqual(parsePomXml(text).dependencies.map((d) => d.name), ['g:done']);
    });

    it('does not report a dependency without a groupId yet', () => {
      assert.deepEqual(parsePomXml(pom('    <dependency><artifactId>a</artifactId></dependency>\n')).dependencies, []);
    });

    it('never throws, whatever the text', () => {
      const inputs = ['', '<', '<project', '<project>', '</project>', 'not xml at all', '<?xml version="1.0"?>', '\u0000\uffff<\u00e9/>',
        '<project><dependencies><dependency>'.repeat(200), '<a>'.repeat(20_000), '<!--', '<![CDATA[', '&&&;<<>>'];
      for (const text of inputs) assert.doesNotThrow(() => parsePomXml(text), text.slice(0, 40));
    });

    it('reports at most 50 XML problems, however broken the text', () => {
      // Found by fuzzing: garbage gave one problem per character (10,002 for 90 KB of it), each a diagnostic.
      const parsed = parsePomXml('"${[{(<a\\'.repeat(1_000));
      assert.ok(parsed.errors.length > 0 && parsed.errors.length <= 50, `${parsed.errors.length} errors`);
    });

    it('reads a POM with a thousand dependencies', () => {
      const many = Array.from({ length: 1_000 }, (_, i) => dep('org.example', `lib-${i}`, `<version>${i}.0</version>`)).join('');
      const parsed = parsePomXml(pom(many));
      assert.equal(parsed.dependencies.length, 1_000);
      assert.equal(parsed.dependencies[999].requested, '999.0');
    });
  });

  it('matches pom.xml files but not POMs in a local repository or build output', () => {
    assert.ok(pomXmlFormat.matches('/w/app/pom.xml'));
    assert.ok(pomXmlFormat.matches('C:\\w\\app\\pom.xml'));
    assert.ok(!pomXmlFormat.matches('/home/u/.m2/repository/g/a/1/pom.xml'));
    assert.ok(!pomXmlFormat.matches('/w/app/target/classes/META-INF/maven/g/a/pom.xml'));
    assert.ok(!pomXmlFormat.matches('/w/app/a-1.0.pom'));
    assert.ok(pomXmlFormat.matches('/home/u/target/app/pom.xml'));
  });
});
