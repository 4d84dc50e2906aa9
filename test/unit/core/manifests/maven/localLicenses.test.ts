import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { declaredMavenRepositoryUrls, localRepositoryFolder } from '../../../../../src/core/manifests/maven/gradleRepositories';
import {
  GradleCacheLicenses,
  GradleFileRepositoryLicenses,
  MavenLocalRepositoryLicenses,
  MavenLookup,
} from '../../../../../src/core/manifests/maven/localLicenses';
import type { Dependency } from '../../../../../src/core/model';
import type { LocalEnvironment } from '../../../../../src/core/resolution';

const zero = { line: 0, character: 0 };
const dep = (name: string, requested = '1.0'): Dependency => ({
  ecosystem: 'maven', name, requested, scope: 'runtime', range: { start: zero, end: zero }, direct: true,
});

interface PomSpec {
  licenses?: string[];
  parent?: [string, string, string];
  raw?: string;
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function pomText(groupId: string, artifactId: string, version: string, spec: PomSpec): string {
  if (spec.raw !== undefined) return spec.raw;
  const parent = spec.parent
    ? `<parent><groupId>${spec.parent[0]}</groupId><artifactId>${spec.parent[1]}</artifactId><version>${spec.parent[2]}</version></parent>`
    : '';
  const licenses = spec.licenses
    ? `<licenses>${spec.licenses.map((name) => `<license><name>${name}</name></license>`).join('')}</licenses>`
    : '';
  return `<?xml version="1.0"?>\n<project>${parent}<groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version>${licenses}</project>\n`;
}

/** Writes a POM where Maven's local repository keeps it. */
function mavenPom(repository: string, coordinates: string, spec: PomSpec = {}): void {
  const [groupId, artifactId, version] = coordinates.split(':');
  write(path.join(repository, ...groupId.split('.'), artifactId, version, `${artifactId}-${version}.pom`), pomText(groupId, artifactId, version, spec));
}

/** Writes a POM where Gradle's module cache keeps it. */
function gradlePom(gradleHome: string, coordinates: string, spec: PomSpec = {}, hash = '3f2a1b9c0d'): void {
  const [groupId, artifactId, version] = coordinates.split(':');
  const folder = path.join(gradleHome, 'caches', 'modules-2', 'files-2.1', groupId, artifactId, version, hash);
  write(path.join(folder, `${artifactId}-${version}.pom`), pomText(groupId, artifactId, version, spec));
}

describe('Maven and Gradle local license metadata', () => {
  let root: string;
  let home: string;
  let project: string;
  let environment: LocalEnvironment;
  const m2 = (): string => path.join(home, '.m2', 'repository');
  const manifest = (): string => path.join(project, 'pom.xml');
  const local = (env: Record<string, string> = {}): MavenLocalRepositoryLicenses =>
    new MavenLocalRepositoryLicenses(new MavenLookup({ ...environment, env }));

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-maven-'));
    home = path.join(root, 'home');
    project = path.join(root, 'project');
    fs.mkdirSync(project, { recursive: true });
    environment = { env: {}, home };
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  describe('the local Maven repository', () => {
    it('reads the license and version from ~/.m2/repository', async () => {
      mavenPom(m2(), 'com.google.guava:guava:33.2.1-jre', { licenses: ['Apache License, Version 2.0'] });
      const found = await local().find(manifest(), dep('com.google.guava:guava', '33.2.1-jre'));
      assert.deepEqual(found, { declared: 'Apache License, Version 2.0', source: 'local Maven repository', version: '33.2.1-jre' });
    });

    it("uses the parent POM's licenses when the artifact declares none", async () => {
      mavenPom(m2(), 'org.apache.commons:commons-lang3:3.14.0', { parent: ['org.apache.commons', 'commons-parent', '69'] });
      mavenPom(m2(), 'org.apache.commons:commons-parent:69', { parent: ['org.apache', 'apache', '31'] });
      mavenPom(m2(), 'org.apache:apache:31', { licenses: ['Apache-2.0'] });
      const found = await local().find(manifest(), dep('org.apache.commons:commons-lang3', '3.14.0'));
      assert.equal(found?.declared, 'Apache-2.0');
      assert.equal(found?.version, '3.14.0');
    });

    it('prefers the artifact’s own licenses over its parent’s', async () => {
      mavenPom(m2(), 'g:child:1', { licenses: ['MIT'], parent: ['g', 'parent', '1'] });
      mavenPom(m2(), 'g:parent:1', { licenses: ['GPL-3.0-only'] });
      assert.equal((await local().find(manifest(), dep('g:child', '1')))?.declared, 'MIT');
    });

    it('reports no license (but the version) when neither the POM nor its parents declare one', async () => {
      mavenPom(m2(), 'g:bare:1', { parent: ['g', 'missing-parent', '1'] });
      assert.deepEqual(await local().find(manifest(), dep('g:bare', '1')), { declared: undefined, source: 'local Maven repository', version: '1' });
    });

    it('stops following a circular parent chain', async () => {
      mavenPom(m2(), 'g:loop:1', { parent: ['g', 'loop', '1'] });
      assert.equal((await local().find(manifest(), dep('g:loop', '1')))?.declared, undefined);
    });

    it('passes several licenses as a list, read as a choice', async () => {
      mavenPom(m2(), 'jakarta.ws.rs:jakarta.ws.rs-api:3.1.0', { licenses: ['EPL-2.0', 'GPL-2.0-only WITH Classpath-exception-2.0'] });
      const found = await local().find(manifest(), dep('jakarta.ws.rs:jakarta.ws.rs-api', '3.1.0'));
      assert.deepEqual(found?.declared, ['EPL-2.0', 'GPL-2.0-only WITH Classpath-exception-2.0']);
    });

    it('finds nothing for an artifact that is not in the repository', async () => {
      assert.equal(await local().find(manifest(), dep('g:absent', '1')), undefined);
    });

    it('picks the highest version present when the manifest asks for none', async () => {
      for (const version of ['2.9.0', '2.10.1', '2.11.0-RC1']) mavenPom(m2(), `com.google.code.gson:gson:${version}`, { licenses: [`License ${version}`] });
      const found = await local().find(manifest(), dep('com.google.code.gson:gson', ''));
      assert.equal(found?.version, '2.11.0-RC1');
    });

    it('picks the highest version present within a range', async () => {
      for (const version of ['2.9.0', '2.10.1', '3.0.0']) mavenPom(m2(), `g:ranged:${version}`, { licenses: ['MIT'] });
      assert.equal((await local().find(manifest(), dep('g:ranged', '[2.0,3.0)')))?.version, '2.10.1');
    });

    it('does not use another version for a plain version that is not present', async () => {
      mavenPom(m2(), 'g:pinned:1.0', { licenses: ['MIT'] });
      assert.equal(await local().find(manifest(), dep('g:pinned', '1.1')), undefined);
    });

    it('skips a version folder left by a failed download', async () => {
      mavenPom(m2(), 'g:flaky:1.0', { licenses: ['MIT'] });
      write(path.join(m2(), 'g', 'flaky', '2.0', 'flaky-2.0.pom.lastUpdated'), '#failed\n');
      assert.equal((await local().find(manifest(), dep('g:flaky', '')))?.version, '1.0');
    });

    it('reads a snapshot stored under its timestamped name', async () => {
      write(path.join(m2(), 'g', 'snap', '1.0-SNAPSHOT', 'snap-1.0-20240501.101010-3.pom'), pomText('g', 'snap', '1.0-SNAPSHOT', { licenses: ['MIT'] }));
      assert.equal((await local().find(manifest(), dep('g:snap', '1.0-SNAPSHOT')))?.declared, 'MIT');
    });

    it('treats a POM that is not XML as absent', async () => {
      mavenPom(m2(), 'g:garbage:1', { raw: 'this is not a POM' });
      assert.equal(await local().find(manifest(), dep('g:garbage', '1')), undefined);
    });

    it('notices a POM changed on disk', async () => {
      mavenPom(m2(), 'g:changing:1', { licenses: ['MIT'] });
      const source = local();
      assert.equal((await source.find(manifest(), dep('g:changing', '1')))?.declared, 'MIT');
      mavenPom(m2(), 'g:changing:1', { licenses: ['GPL-3.0-only, which makes the file longer'] });
      assert.equal((await source.find(manifest(), dep('g:changing', '1')))?.declared, 'GPL-3.0-only, which makes the file longer');
    });

    it('does not look outside the repository for names with path segments', async () => {
      mavenPom(path.join(root, 'outside'), 'g:evil:1', { licenses: ['MIT'] });
      assert.equal(await local().find(manifest(), dep('../../outside/g:evil', '1')), undefined);
    });

    it('uses <localRepository> of ~/.m2/settings.xml, with ${user.home} expanded', async () => {
      write(path.join(home, '.m2', 'settings.xml'), '<settings>\n  <localRepository>${user.home}/maven-cache</localRepository>\n</settings>\n');
      mavenPom(path.join(home, 'maven-cache'), 'g:moved:1', { licenses: ['MIT'] });
      mavenPom(m2(), 'g:moved:1', { licenses: ['GPL-3.0-only'] });
      assert.equal((await local().find(manifest(), dep('g:moved', '1')))?.declared, 'MIT');
    });

    it('uses -Dmaven.repo.local of .mvn/maven.config, relative to the top project folder', async () => {
      write(path.join(project, '.mvn', 'maven.config'), '-B\n-Dmaven.repo.local=.m2/repository\n');
      mavenPom(path.join(project, '.m2', 'repository'), 'g:project-local:1', { licenses: ['MIT'] });
      const found = await local().find(path.join(project, 'modules', 'api', 'pom.xml'), dep('g:project-local', '1'));
      assert.equal(found?.declared, 'MIT');
    });

    it('uses -Dmaven.repo.local from MAVEN_OPTS', async () => {
      mavenPom(path.join(root, 'ci-cache'), 'g:ci:1', { licenses: ['MIT'] });
      const found = await local({ MAVEN_OPTS: `-Xmx1g -Dmaven.repo.local=${path.join(root, 'ci-cache')}` }).find(manifest(), dep('g:ci', '1'));
      assert.equal(found?.declared, 'MIT');
    });

    it('resolves ${revision} from .mvn/maven.config (CI-friendly versions)', async () => {
      write(path.join(project, '.mvn', 'maven.config'), '-Drevision=2.3.0\n');
      mavenPom(m2(), 'com.acme:shared:2.3.0', { licenses: ['MIT'] });
      assert.equal((await local().find(manifest(), dep('com.acme:shared', '${revision}')))?.version, '2.3.0');
    });

    it('stops when the caller cancels', async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(local().find(manifest(), dep('g:a'), controller.signal));
    });
  });

  describe("Gradle's module cache", () => {
    const gradleManifest = (): string => path.join(project, 'build.gradle.kts');

    it('reads POMs from GRADLE_USER_HOME/caches/modules-2/files-2.1', async () => {
      const gradleHome = path.join(root, 'gradle-home');
      gradlePom(gradleHome, 'com.squareup.okio:okio:3.9.0', { licenses: ['The Apache Software License, Version 2.0'] });
      const source = new GradleCacheLicenses(new MavenLookup({ env: { GRADLE_USER_HOME: gradleHome }, home }));
      assert.deepEqual(await source.find(gradleManifest(), dep('com.squareup.okio:okio', '3.9.0')), {
        declared: 'The Apache Software License, Version 2.0',
        source: 'Gradle cache',
        version: '3.9.0',
      });
    });

    it('defaults to ~/.gradle', async () => {
      gradlePom(path.join(home, '.gradle'), 'org.slf4j:slf4j-api:2.0.13', { licenses: ['MIT License'] });
      const source = new GradleCacheLicenses(new MavenLookup(environment));
      assert.equal((await source.find(gradleManifest(), dep('org.slf4j:slf4j-api', '2.0.13')))?.declared, 'MIT License');
    });

    it('follows the parent POM in the cache', async () => {
      gradlePom(path.join(home, '.gradle'), 'org.slf4j:slf4j-api:2.0.13', { parent: ['org.slf4j', 'slf4j-parent', '2.0.13'] });
      gradlePom(path.join(home, '.gradle'), 'org.slf4j:slf4j-parent:2.0.13', { licenses: ['MIT License'] }, 'a1b2c3');
      const source = new GradleCacheLicenses(new MavenLookup(environment));
      assert.equal((await source.find(gradleManifest(), dep('org.slf4j:slf4j-api', '2.0.13')))?.declared, 'MIT License');
    });

    it('resolves a $version variable from gradle.properties of the root project', async () => {
      write(path.join(project, 'settings.gradle.kts'), 'rootProject.name = "app"\n');
      write(path.join(project, 'gradle.properties'), '# versions\nokioVersion = 3.9.0\n');
      gradlePom(path.join(home, '.gradle'), 'com.squareup.okio:okio:3.9.0', { licenses: ['Apache-2.0'] });
      gradlePom(path.join(home, '.gradle'), 'com.squareup.okio:okio:3.10.0', { licenses: ['Apache-2.0'] });
      const source = new GradleCacheLicenses(new MavenLookup(environment));
      const found = await source.find(path.join(project, 'lib', 'build.gradle.kts'), dep('com.squareup.okio:okio', '$okioVersion'));
      assert.equal(found?.version, '3.9.0');
    });
  });

  describe('file repositories declared by a Gradle build', () => {
    it('reads a maven { url = uri("…") } repository declared in settings.gradle.kts', async () => {
      write(path.join(project, 'settings.gradle.kts'), 'dependencyResolutionManagement {\n  repositories {\n    mavenCentral()\n    maven { url = uri("local-repo") }\n  }\n}\n');
      write(path.join(project, 'app', 'build.gradle.kts'), 'dependencies { implementation("g:vendored:1") }\n');
      mavenPom(path.join(project, 'local-repo'), 'g:vendored:1', { licenses: ['MIT'] });
      const source = new GradleFileRepositoryLicenses(new MavenLookup(environment));
      const found = await source.find(path.join(project, 'app', 'build.gradle.kts'), dep('g:vendored', '1'));
      assert.deepEqual(found, { declared: 'MIT', source: 'Gradle file repository', version: '1' });
    });

    it('reads a Groovy maven { url "$rootDir/…" } repository declared in the build script', async () => {
      write(path.join(project, 'build.gradle'), "repositories {\n  maven { url \"$rootDir/libs-repo\" }\n}\n");
      mavenPom(path.join(project, 'libs-repo'), 'g:vendored:1', { licenses: ['MIT'] });
      const source = new GradleFileRepositoryLicenses(new MavenLookup(environment));
      assert.equal((await source.find(path.join(project, 'build.gradle'), dep('g:vendored', '1')))?.declared, 'MIT');
    });

    it('is not used for a pom.xml', async () => {
      write(path.join(project, 'settings.gradle'), "dependencyResolutionManagement { repositories { maven { url 'repo' } } }\n");
      mavenPom(path.join(project, 'repo'), 'g:vendored:1', { licenses: ['MIT'] });
      const source = new GradleFileRepositoryLicenses(new MavenLookup(environment));
      assert.equal(await source.find(manifest(), dep('g:vendored', '1')), undefined);
    });

    it('finds the URLs of every way of declaring a Maven repository', () => {
      const script = `
        repositories {
          maven { url = uri("kts-assign") }
          maven { url 'groovy-command' }
          maven { setUrl("set-url") }
          maven("kts-call")
          maven(url = "kts-named")
          maven(url: 'groovy-named')
          maven { url = uri("https://repo.example.com/maven2") ; credentials { username = "u" } }
          mavenLocal()
        }`;
      assert.deepEqual(declaredMavenRepositoryUrls(script), [
        'kts-assign', 'groovy-command', 'set-url', 'kts-call', 'kts-named', 'groovy-named', 'https://repo.example.com/maven2',
      ]);
    });

    it('resolves local URLs and ignores remote ones', () => {
      assert.equal(localRepositoryFolder('repo', '/w/app', '/w'), path.resolve('/w/app/repo'));
      assert.equal(localRepositoryFolder('${rootDir}/repo', '/w/app', '/w'), path.resolve('/w/repo'));
      assert.equal(localRepositoryFolder('file:///opt/repo', '/w/app', '/w'), path.resolve('/opt/repo'));
      assert.equal(localRepositoryFolder('https://repo.example.com/maven2', '/w/app', '/w'), undefined);
      assert.equal(localRepositoryFolder('${System.getenv("REPO")}', '/w/app', '/w'), undefined);
    });
  });
});
