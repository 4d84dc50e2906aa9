import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkManifestText, type ManifestCheck } from '../../../../../src/core/check';
import { JsonFileCache } from '../../../../../src/core/files';
import { mavenSupport } from '../../../../../src/core/manifests/maven';
import { getDefaultPolicy } from '../../../../../src/core/policy/load';
import { FIXTURES } from '../../../repo';

/** Checks a fixture manifest as the editor would, with nothing from this machine's environment. */
async function check(relativePath: string): Promise<ManifestCheck> {
  const manifest = path.join(FIXTURES, 'workspaces', relativePath);
  const format = mavenSupport.formats.find((f) => f.matches(manifest));
  assert.ok(format, `a format for ${relativePath}`);
  const sources = mavenSupport.localSources({ files: new JsonFileCache(), environment: { env: {}, home: '/nonexistent' } });
  return checkManifestText(manifest, fs.readFileSync(manifest, 'utf8'), format, { policy: getDefaultPolicy(), sources });
}

const summary = (result: ManifestCheck): Record<string, unknown[]> =>
  Object.fromEntries(result.results.map((r) => [r.name, [r.license.expression, r.license.source, r.version, r.scope, r.verdict]]));

describe('the Maven and Gradle fixture workspaces', () => {
  it('maven-basic: finds every license in the project-local repository of .mvn/maven.config and gives each verdict', async () => {
    const result = await check('maven-basic/pom.xml');
    assert.deepEqual(summary(result), {
      'org.apache.commons:commons-lang3': ['Apache-2.0', 'local Maven repository', '3.14.0', 'runtime', 'allow'],
      'com.example.charts:gpl-chart-engine': ['GPL-3.0-only', 'local Maven repository', '2.0.1', 'runtime', 'deny'],
      'com.example.codec:lgpl-image-codec': ['LGPL-2.1-or-later', 'local Maven repository', '3.1.4', 'runtime', 'review'],
      'com.example.testing:gpl-test-harness': ['GPL-3.0-or-later', 'local Maven repository', '5.0.2', 'test', 'allow'],
      'com.example:not-installed-anywhere': [null, null, null, 'runtime', 'review'],
    });
    assert.equal(result.projectLicense, 'Apache License, Version 2.0');
  });

  it('maven-basic: explains why a test-only GPL dependency is allowed', async () => {
    const result = await check('maven-basic/pom.xml');
    const harness = result.results.find((r) => r.name === 'com.example.testing:gpl-test-harness');
    assert.match(harness?.note ?? '', /development-only \(test\) dependency/);
  });

  it('maven-basic: wants a review for a dependency in no repository, license unknown', async () => {
    const result = await check('maven-basic/pom.xml');
    const missing = result.results.find((r) => r.name === 'com.example:not-installed-anywhere');
    assert.equal(missing?.rule, 'unknown-license');
  });

  it('gradle-basic: finds every license in the file repository declared by settings.gradle.kts and gives each verdict', async () => {
    const result = await check('gradle-basic/build.gradle.kts');
    assert.deepEqual(summary(result), {
      'org.slf4j:slf4j-api': ['MIT', 'Gradle file repository', '2.0.13', 'runtime', 'allow'],
      'com.example.charts:gpl-chart-engine': ['GPL-3.0-only', 'Gradle file repository', '2.0.1', 'runtime', 'deny'],
      'com.example.codec:lgpl-image-codec': ['LGPL-2.1-or-later', 'Gradle file repository', '3.1.4', 'runtime', 'review'],
      'com.example.testing:gpl-test-harness': ['GPL-3.0-or-later', 'Gradle file repository', '5.0.2', 'test', 'allow'],
      'com.example:not-installed-anywhere': [null, null, null, 'runtime', 'review'],
    });
  });

  it('gradle-basic: takes the slf4j version from gradle.properties', async () => {
    const result = await check('gradle-basic/build.gradle.kts');
    const slf4j = result.results.find((r) => r.name === 'org.slf4j:slf4j-api');
    assert.equal(slf4j?.requested, '$slf4jVersion');
    assert.equal(slf4j?.version, '2.0.13');
  });
});
