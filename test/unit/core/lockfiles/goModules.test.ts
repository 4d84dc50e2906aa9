import * as assert from 'node:assert/strict';
import { goListsEveryModule, parseGoSum, parseVendorModulesTxt } from '../../../../src/core/lockfiles/goModules';
import { dep, fixtureText, names, transitiveOf } from './helpers';

const mod = (name: string, version: string) => dep(name, 'runtime', version, 'go');

describe('vendor/modules.txt', () => {
  it('lists vendored modules go.mod does not require, without a chain', async () => {
    const search = await transitiveOf('go-vendor/go.mod');
    assert.deepEqual(names(search.dependencies), ['github.com/inconshreveable/mousetrap@v1.1.0', 'github.com/spf13/pflag@v1.0.5']);
    assert.deepEqual(search.dependencies.map((d) => [d.via, d.root, d.scope, d.ecosystem]), [
      [[], '', 'runtime', 'go'],
      [[], '', 'runtime', 'go'],
    ]);
  });

  it('is preferred to go.sum', async () => {
    const search = await transitiveOf('go-vendor/go.mod');
    assert.match(search.lockfile ?? '', /vendor[\\/]modules\.txt$/);
  });

  it('says vendor/ is out of date when it lists as explicit a module go.mod no longer requires', () => {
    const lock = parseVendorModulesTxt(fixtureText('go-vendor/vendor/modules.txt'));
    const resolution = lock.roots({ member: '', direct: [mod('github.com/spf13/cobra', 'v1.8.0')] });
    assert.match(resolution.problems[0], /lists "gopkg\.in\/yaml\.v3" as required by go\.mod.*run go mod vendor/);
    assert.deepEqual(resolution.unattached?.map((i) => lock.graph.nodes[i].name), ['github.com/inconshreveable/mousetrap', 'github.com/spf13/pflag']);
  });

  it('reads Go 1.17+ annotations and skips replacement-only lines', () => {
    const text = [
      '# golang.org/x/text v0.14.0',
      '## explicit; go 1.18',
      'golang.org/x/text/language',
      '# example.com/old v1.0.0 => example.com/fork v1.0.1',
      '## explicit',
      '# example.com/lib => ../lib',
      '# github.com/mattn/go-isatty v0.0.20',
      'github.com/mattn/go-isatty',
    ].join('\n');
    const lock = parseVendorModulesTxt(text);
    const resolution = lock.roots({ member: '', direct: [mod('golang.org/x/text', 'v0.14.0'), mod('example.com/old', 'v1.0.0')] });
    assert.deepEqual(lock.graph.nodes.map((n) => `${n.name}@${n.version}`), ['golang.org/x/text@v0.14.0', 'example.com/old@v1.0.0', 'github.com/mattn/go-isatty@v0.0.20']);
    assert.deepEqual(resolution.unattached, [2]);
    assert.deepEqual(resolution.problems, []);
  });
});

describe('go.sum', () => {
  it('with go before 1.17, lists modules with downloaded source that go.mod does not list', async () => {
    const search = await transitiveOf('go-sum-legacy/go.mod');
    assert.deepEqual(names(search.dependencies), [
      'github.com/davecgh/go-spew@v1.1.1',
      'github.com/pmezard/go-difflib@v1.0.0',
      'github.com/stretchr/testify@v1.7.0',
      'golang.org/x/sys@v0.0.0-20220715151400-c0bba94af5f8',
      'gopkg.in/yaml.v3@v3.0.0-20200313102051-9f266ea9e77c',
    ]);
  });

  it('says the list from go.sum is approximate', async () => {
    const search = await transitiveOf('go-sum-legacy/go.mod');
    assert.match(search.problems[0], /go\.sum records no dependency graph.*5 modules.*some may be needed only by tests/);
  });

  it('skips modules go.sum has only a go.mod checksum for', async () => {
    const search = await transitiveOf('go-sum-legacy/go.mod');
    assert.ok(!search.dependencies.some((d) => d.name === 'github.com/stretchr/objx' || d.name === 'gopkg.in/check.v1'));
  });

  it('with go 1.17 or later adds nothing: go.mod already lists every module the build uses', async () => {
    const search = await transitiveOf('go-sum-modern/go.mod');
    assert.deepEqual([search.dependencies, search.problems], [[], []]);
    assert.match(search.lockfile ?? '', /go\.sum$/);
  });

  it('takes the highest version go.sum has source for', () => {
    const lock = parseGoSum('example.com/a v1.2.0 h1:x=\nexample.com/a v1.10.0 h1:y=\nexample.com/a v1.11.0/go.mod h1:z=\n');
    assert.deepEqual(lock.graph.nodes.map((n) => n.version), ['v1.10.0']);
  });

  it('reads the go directive of go.mod', () => {
    assert.deepEqual(
      ['go 1.16', 'module x\n\ngo 1.17', 'go 1.21.5\n', 'go 2.0', '// go 1.21\nrequire go.uber.org/zap v1', undefined].map(goListsEveryModule),
      [false, true, true, true, false, false],
    );
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', ' ', 'a', 'a b', 'a b c d e', '\u0000 \u0000 \u0000']) {
      assert.doesNotThrow(() => parseGoSum(text).roots({ member: '', direct: [], manifestText: 'go 1.16' }));
      assert.doesNotThrow(() => parseVendorModulesTxt(text).roots({ member: '', direct: [] }));
    }
  });
});
