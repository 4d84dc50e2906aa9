import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildGradleFormat, buildGradleKtsFormat, gradleScope, parseBuildGradle } from '../../../../../src/core/manifests/maven/buildGradle';
import type { Dependency, Range } from '../../../../../src/core/model';
import { LineIndex } from '../../../../../src/core/text';
import { FIXTURES } from '../../../repo';

function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, 'manifests', 'maven', name), 'utf8');
const byName = (dependencies: readonly Dependency[], name: string): Dependency | undefined => dependencies.find((d) => d.name === name);
const summary = (dependencies: readonly Dependency[]): string[][] => dependencies.map((d) => [d.name, d.scope, d.requested]);
const groovy = (body: string): readonly Dependency[] => parseBuildGradle(`dependencies {\n${body}\n}\n`, 'groovy').dependencies;
const kotlin = (body: string): readonly Dependency[] => parseBuildGradle(`dependencies {\n${body}\n}\n`, 'kotlin').dependencies;

describe('build.gradle parser', () => {
  describe('on an Android app module (Groovy)', () => {
    const text = fixture('android-app.build.gradle');
    const parsed = parseBuildGradle(text, 'groovy');

    it('lists the dependencies of the dependencies blocks, buildscript classpath included', () => {
      assert.equal(parsed.dependencies.length, 23);
      assert.deepEqual(summary(parsed.dependencies.slice(0, 2)), [
        ['com.android.tools.build:gradle', 'build', '8.4.1'],
        ['org.jetbrains.kotlin:kotlin-gradle-plugin', 'build', '1.9.24'],
      ]);
      assert.deepEqual(parsed.errors, []);
    });

    it('resolves ext, ext { } and def string variables in double-quoted strings', () => {
      assert.equal(byName(parsed.dependencies, 'org.jetbrains.kotlin:kotlin-stdlib')?.requested, '1.9.24');
      assert.equal(byName(parsed.dependencies, 'androidx.room:room-runtime')?.requested, '2.6.1');
      assert.equal(byName(parsed.dependencies, 'androidx.lifecycle:lifecycle-viewmodel-ktx')?.requested, '2.8.1');
    });

    it('resolves entries of an ext map (${versions.retrofit})', () => {
      assert.equal(byName(parsed.dependencies, 'com.squareup.retrofit2:retrofit')?.requested, '2.11.0');
      assert.equal(byName(parsed.dependencies, 'com.squareup.okhttp3:okhttp')?.requested, '4.12.0');
    });

    it('does not interpolate single-quoted Groovy strings', () => {
      assert.equal(byName(parsed.dependencies, 'single-quoted:no-interpolation')?.requested, '$kotlin_version');
    });

    it('reads several dependencies in one Groovy command', () => {
      assert.ok(byName(parsed.dependencies, 'androidx.appcompat:appcompat'));
      assert.equal(byName(parsed.dependencies, 'com.google.android.material:material')?.requested, '1.12.0');
    });

    it('reads map notation with its name range', () => {
      const timber = byName(parsed.dependencies, 'com.jakewharton.timber:timber') as Dependency;
      assert.equal(timber.requested, '5.0.1');
      assert.equal(textAt(text, timber.range), 'timber');
      assert.equal(textAt(text, timber.requestedRange as Range), '5.0.1');
    });

    it('drops the @aar artifact type from the version', () => {
      assert.equal(byName(parsed.dependencies, 'com.github.bumptech.glide:glide')?.requested, '4.16.0');
    });

    it('maps configurations onto scopes: kapt and annotationProcessor build, compileOnly provided, test ones test', () => {
      assert.equal(byName(parsed.dependencies, 'androidx.room:room-compiler')?.scope, 'build');
      assert.equal(byName(parsed.dependencies, 'com.github.bumptech.glide:compiler')?.scope, 'build');
      assert.equal(byName(parsed.dependencies, 'org.projectlombok:lombok')?.scope, 'provided');
      assert.equal(byName(parsed.dependencies, 'androidx.test.espresso:espresso-core')?.scope, 'test');
      assert.equal(byName(parsed.dependencies, 'com.squareup.leakcanary:leakcanary-android')?.scope, 'runtime');
    });

    it('reads the old compile and testCompile configurations', () => {
      assert.equal(byName(parsed.dependencies, 'com.google.code.gson:gson')?.scope, 'runtime');
      assert.equal(byName(parsed.dependencies, 'org.hamcrest:hamcrest-library')?.scope, 'test');
    });

    it('skips local projects, file trees and commented-out declarations', () => {
      assert.equal(byName(parsed.dependencies, 'com.example:old-style'), undefined);
      assert.ok(parsed.dependencies.every((d) => !d.name.startsWith(':') && !d.name.includes('*.jar')));
    });

    it('does not take resolutionStrategy.force for a dependency', () => {
      assert.equal(byName(parsed.dependencies, 'com.google.code.findbugs:jsr305'), undefined);
    });

    it('gives the artifact range and the version range of each string declaration', () => {
      for (const dependency of parsed.dependencies) {
        assert.equal(dependency.name.endsWith(`:${textAt(text, dependency.range)}`), true, dependency.name);
      }
      const stdlib = byName(parsed.dependencies, 'org.jetbrains.kotlin:kotlin-stdlib') as Dependency;
      assert.equal(textAt(text, stdlib.requestedRange as Range), '$kotlin_version');
    });
  });

  describe('on a Kotlin DSL library (okhttp style)', () => {
    const text = fixture('okhttp-style.build.gradle.kts');
    const parsed = parseBuildGradle(text, 'kotlin');

    it('lists string, named-argument and positional declarations, not catalogs, projects, files or platforms', () => {
      assert.deepEqual(
        parsed.dependencies.map((d) => d.name),
        [
          'com.squareup.okio:okio',
          'org.bouncycastle:bcprov-jdk18on',
          'org.bouncycastle:bcpkix-jdk18on',
          'org.conscrypt:conscrypt-openjdk-uber',
          'com.google.code.findbugs:jsr305',
          'org.robolectric:android-all',
          'org.slf4j:slf4j-simple',
          'org.jetbrains.kotlin:kotlin-test',
          'org.jetbrains.kotlin:kotlin-reflect',
          'org.assertj:assertj-core',
          'org.junit.jupiter:junit-jupiter-engine',
          'org.jetbrains:annotations',
          'com.squareup.moshi:moshi-kotlin-codegen',
          'org.testcontainers:testcontainers',
        ],
      );
    });

    it('resolves val and by extra(...) variables, also as named arguments', () => {
      assert.equal(byName(parsed.dependencies, 'org.bouncycastle:bcprov-jdk18on')?.requested, '1.78.1');
      assert.equal(byName(parsed.dependencies, 'org.bouncycastle:bcpkix-jdk18on')?.requested, '1.78.1');
      assert.equal(byName(parsed.dependencies, 'org.conscrypt:conscrypt-openjdk-uber')?.requested, '2.5.2');
    });

    it('keeps a variable delegated to the project (gradle.properties) as written', () => {
      assert.equal(byName(parsed.dependencies, 'com.squareup.okio:okio')?.requested, '$okioVersion');
    });

    it('reads kotlin("x") as org.jetbrains.kotlin:kotlin-x, ranged on "x"', () => {
      const reflect = byName(parsed.dependencies, 'org.jetbrains.kotlin:kotlin-reflect') as Dependency;
      assert.equal(textAt(text, reflect.range), 'reflect');
      assert.equal(reflect.requested, '1.9.24');
    });

    it('skips constraints, which pin versions without adding dependencies', () => {
      assert.equal(byName(parsed.dependencies, 'com.google.guava:guava'), undefined);
    });

    it('treats dependencies of JVM test suites as test', () => {
      assert.equal(byName(parsed.dependencies, 'org.testcontainers:testcontainers')?.scope, 'test');
    });

    it('maps ksp to build and compileOnly to provided', () => {
      assert.equal(byName(parsed.dependencies, 'com.squareup.moshi:moshi-kotlin-codegen')?.scope, 'build');
      assert.equal(byName(parsed.dependencies, 'org.robolectric:android-all')?.scope, 'provided');
    });

    it("reads the project's license from the publication's POM block", () => {
      assert.equal(parsed.projectLicense, 'The Apache Software License, Version 2.0');
    });
  });

  describe('on a Spring Boot application (Groovy)', () => {
    const parsed = parseBuildGradle(fixture('spring-boot-app.build.gradle'), 'groovy');

    it('asks for no version when the Spring BOM manages it', () => {
      assert.equal(byName(parsed.dependencies, 'org.springframework.boot:spring-boot-starter-web')?.requested, '');
    });

    it('maps developmentOnly to dev and runtimeOnly to runtime', () => {
      assert.equal(byName(parsed.dependencies, 'org.springframework.boot:spring-boot-devtools')?.scope, 'dev');
      assert.equal(byName(parsed.dependencies, 'org.postgresql:postgresql')?.scope, 'runtime');
    });

    it('does not take the BOM import of the dependency-management plugin for a dependency', () => {
      assert.equal(byName(parsed.dependencies, 'org.springframework.cloud:spring-cloud-dependencies'), undefined);
      assert.equal(parsed.dependencies.length, 13);
    });
  });

  it('gives exact ranges in string notation', () => {
    const text = "dependencies {\n    implementation 'com.google.guava:guava:33.2.1-jre'\n}\n";
    const [dependency] = parseBuildGradle(text, 'groovy').dependencies;
    assert.deepEqual(dependency.range, { start: { line: 1, character: 37 }, end: { line: 1, character: 42 } });
    assert.equal(textAt(text, dependency.range), 'guava');
    assert.equal(textAt(text, dependency.requestedRange as Range), '33.2.1-jre');
  });

  it('reads Groovy map notation with parentheses and a classifier', () => {
    assert.deepEqual(summary(groovy("  compile(group: 'g', name: 'a', version: '1', classifier: 'sources')")), [['g:a', 'runtime', '1']]);
  });

  it('reads a version given as a variable in map notation, ranged on the variable', () => {
    const text = "def okio = '3.9.0'\ndependencies {\n  implementation group: 'com.squareup.okio', name: 'okio', version: okio\n}\n";
    const [dependency] = parseBuildGradle(text, 'groovy').dependencies;
    assert.equal(dependency.requested, '3.9.0');
    assert.equal(textAt(text, dependency.requestedRange as Range), 'okio');
  });

  it('reads Kotlin positional arguments with a variable version', () => {
    const text = 'val ver = "2.0"\ndependencies {\n  implementation("g", "a", ver)\n}\n';
    assert.deepEqual(summary(parseBuildGradle(text, 'kotlin').dependencies), [['g:a', 'runtime', '2.0']]);
  });

  it('does not take a string followed by an operator for a variable value', () => {
    const text = 'val ver = "2." + minor\ndependencies {\n  implementation("g:a:$ver")\n}\n';
    assert.equal(parseBuildGradle(text, 'kotlin').dependencies[0].requested, '$ver');
  });

  it('reads a list of coordinates', () => {
    assert.deepEqual(summary(groovy("  implementation(['g:a:1', 'g:b:2'])")).map(([name]) => name), ['g:a', 'g:b']);
  });

  it('reads a Groovy command continued after a trailing comma', () => {
    assert.deepEqual(summary(groovy("  testImplementation 'g:a:1',\n      'g:b:2'\n  implementation 'g:c:3'")), [
      ['g:a', 'test', '1'],
      ['g:b', 'test', '2'],
      ['g:c', 'runtime', '3'],
    ]);
  });

  it('keeps the version of Gradle rich notation as written', () => {
    assert.equal(kotlin('  implementation("g:a:1.7!!")')[0].requested, '1.7!!');
    assert.equal(kotlin('  implementation("g:a:[1.0,2.0)")')[0].requested, '[1.0,2.0)');
  });

  it('reads a classifier coordinate g:a:v:classifier', () => {
    assert.deepEqual(summary(kotlin('  implementation("g:a:1.0:linux-x86_64")')), [['g:a', 'runtime', '1.0']]);
  });

  it('ignores declarations outside a dependencies block', () => {
    const text = 'configurations {\n  implementation { canBeResolved = true }\n}\nimplementation("g:outside:1")\n';
    assert.deepEqual(parseBuildGradle(text, 'kotlin').dependencies, []);
  });

  it('does not take configurations.implementation or implementation.extendsFrom for declarations', () => {
    assert.deepEqual(kotlin('  configurations.implementation("g:a:1")\n  implementation.extendsFrom(x)'), []);
  });

  it('ignores a string that is not a coordinate', () => {
    assert.deepEqual(groovy("  implementation 'not a coordinate'\n  implementation 'only-one-part'"), []);
  });

  it('handles CRLF line endings in ranges', () => {
    const text = 'dependencies {\r\n  api("g:crlf:1")\r\n}\r\n';
    const [dependency] = parseBuildGradle(text, 'kotlin').dependencies;
    assert.deepEqual(dependency.range.start, { line: 1, character: 9 });
    assert.equal(textAt(text, dependency.range), 'crlf');
  });

  describe('tolerance', () => {
    it('keeps the dependencies after an unterminated string and reports it', () => {
      const parsed = parseBuildGradle('dependencies {\n  implementation("g:before:1")\n  implementation("g:broken:1)\n  implementation("g:after:1")\n}\n', 'kotlin');
      assert.deepEqual(parsed.dependencies.map((d) => d.name), ['g:before', 'g:after']);
      assert.match(parsed.errors[0].message, /unterminated string/);
      assert.equal(parsed.errors[0].range.start.line, 2);
    });

    it('keeps the dependencies after an unbalanced brace', () => {
      const parsed = parseBuildGradle('dependencies {\n  implementation("g:a:1") {\n  implementation("g:b:1")\n}\n', 'kotlin');
      assert.deepEqual(parsed.dependencies.map((d) => d.name), ['g:a', 'g:b']);
    });

    it('does not report a half-typed coordinate', () => {
      assert.deepEqual(kotlin('  implementation("g:a:1")\n  implementation("com.google.gua'), kotlin('  implementation("g:a:1")'));
    });

    it('never throws, whatever the text', () => {
      const inputs = ['', '{', '}}}', 'dependencies {', 'dependencies { implementation', 'dependencies { implementation(', '"${', '"""', "'", '/*',
        'dependencies { implementation "${"${"${', '\u0000\uffff', '('.repeat(50_000) + ')'.repeat(50_000), '{'.repeat(50_000),
        'dependencies { ' + 'implementation '.repeat(20_000)];
      for (const text of inputs) {
        assert.doesNotThrow(() => parseBuildGradle(text, 'groovy'), text.slice(0, 40));
        assert.doesNotThrow(() => parseBuildGradle(text, 'kotlin'), text.slice(0, 40));
      }
    });

    it('reads a script with thousands of dependencies', () => {
      const lines = Array.from({ length: 5_000 }, (_, i) => `  implementation("org.example:lib-${i}:${i}.0")`).join('\n');
      const parsed = parseBuildGradle(`dependencies {\n${lines}\n}\n`, 'kotlin');
      assert.equal(parsed.dependencies.length, 5_000);
    });
  });

  it('maps configuration names onto scopes', () => {
    const cases: Array<[string, string | undefined]> = [
      ['implementation', 'runtime'], ['api', 'runtime'], ['compileOnly', 'provided'], ['compileOnlyApi', 'provided'],
      ['runtimeOnly', 'runtime'], ['testImplementation', 'test'], ['testCompileOnly', 'test'], ['testRuntimeOnly', 'test'],
      ['androidTestImplementation', 'test'], ['testFixturesApi', 'test'], ['integrationTestImplementation', 'test'],
      ['annotationProcessor', 'build'], ['testAnnotationProcessor', 'build'], ['kapt', 'build'], ['kaptTest', 'build'], ['ksp', 'build'],
      ['classpath', 'build'], ['compile', 'runtime'], ['testCompile', 'test'], ['developmentOnly', 'dev'], ['debugImplementation', 'runtime'],
      ['exclude', undefined], ['because', undefined], ['version', undefined],
    ];
    for (const [name, scope] of cases) assert.equal(gradleScope(name), scope, name);
  });

  it('matches build.gradle and build.gradle.kts by name, not Gradle caches or build output', () => {
    assert.ok(buildGradleFormat.matches('/w/app/build.gradle'));
    assert.ok(!buildGradleFormat.matches('/w/app/build.gradle.kts'));
    assert.ok(buildGradleKtsFormat.matches('C:\\w\\app\\build.gradle.kts'));
    assert.ok(!buildGradleKtsFormat.matches('/w/app/settings.gradle.kts'));
    assert.ok(!buildGradleFormat.matches('/home/u/.gradle/init.d/x/build.gradle'));
    assert.ok(buildGradleFormat.matches('/home/u/build/app/build.gradle'));
  });
});
