import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { FIXTURES } from '../repo';

interface JsonDependency {
  manifest: string;
  ecosystem: string;
  name: string;
  verdict: string;
  scope: string;
  license: { expression: string | null };
}

async function check(args: string[], cwd = FIXTURES): Promise<{ code: number; dependencies: JsonDependency[] }> {
  let out = '';
  const code = await runCli(['check', ...args, '--offline', '--format', 'json'], cwd, { out: (t) => (out += t), err: () => undefined, color: false });
  return { code, dependencies: (JSON.parse(out) as { dependencies: JsonDependency[] }).dependencies };
}

const verdictOf = (dependencies: JsonDependency[], manifestEnd: string, name: string): string | undefined =>
  dependencies.find((d) => d.manifest.endsWith(manifestEnd) && d.name === name)?.verdict;

describe('ospo-lens check --offline on every ecosystem fixture', () => {
  const cases: Array<[string, string, string, Record<string, string>]> = [
    ['python-basic', 'pypi', 'requirements.txt', { 'gpl-chart-engine': 'deny', lgpl_image_codec: 'review', requests: 'allow', 'not-installed-anywhere': 'review' }],
    ['cargo-basic', 'cargo', 'Cargo.toml', { 'gpl-geometry': 'deny', 'lgpl-codec': 'review', serde: 'allow', 'gpl-bench-tool': 'allow', 'not-vendored-crate': 'review' }],
    ['go-basic', 'go', 'go.mod', { 'github.com/gplfoundry/chartengine': 'deny', 'gitlab.com/lgpl-codecs/imagecodec': 'review', 'github.com/Acme/fastjson': 'allow', 'github.com/acme/telemetry': 'review' }],
    ['maven-basic', 'maven', 'pom.xml', { 'com.example.charts:gpl-chart-engine': 'deny', 'com.example.codec:lgpl-image-codec': 'review', 'org.apache.commons:commons-lang3': 'allow' }],
    ['gradle-basic', 'maven', 'build.gradle.kts', { 'com.example.charts:gpl-chart-engine': 'deny', 'com.example.codec:lgpl-image-codec': 'review', 'org.slf4j:slf4j-api': 'allow' }],
    ['nuget-basic', 'nuget', 'Acme.Orders.csproj', { 'GplChart.Engine': 'deny', 'LgplImage.Codec': 'review', 'Widgets.Json': 'allow', 'GplStyle.Analyzers': 'allow' }],
  ];
  for (const [workspace, ecosystem, manifest, expected] of cases) {
    it(`${workspace}: the verdicts of the default policy, exit 1 for the denied one`, async () => {
      const { code, dependencies } = await check([path.join('workspaces', workspace)]);
      assert.equal(code, 1);
      assert.ok(dependencies.every((d) => d.ecosystem === ecosystem), `all ${ecosystem}`);
      for (const [name, verdict] of Object.entries(expected)) {
        assert.equal(verdictOf(dependencies, manifest, name), verdict, `${name} in ${manifest}`);
      }
    });
  }

  it('follows requirements.txt includes (-r) to files it would not find by name', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-req-'));
    try {
      fs.writeFileSync(path.join(dir, 'requirements.txt'), '-r common/base-deps.txt\nflask>=3\n');
      fs.mkdirSync(path.join(dir, 'common'));
      fs.writeFileSync(path.join(dir, 'common', 'base-deps.txt'), 'left-pad-py==1.0\n');
      const { dependencies } = await check([dir]);
      assert.deepEqual(dependencies.map((d) => [path.basename(d.manifest), d.name]).sort(), [
        ['base-deps.txt', 'left-pad-py'],
        ['requirements.txt', 'flask'],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
