import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JsonFileCache } from '../../../../../src/core/files';
import { goSupport } from '../../../../../src/core/manifests/go';
import { goEnvFilePath } from '../../../../../src/core/manifests/go/goEnv';
import { goModFormat } from '../../../../../src/core/manifests/go/goMod';
import { GoFileCache } from '../../../../../src/core/manifests/go/localFiles';
import { GoLocalReplacementLicenses, GoModuleCacheLicenses, GoVendorLicenses } from '../../../../../src/core/manifests/go/localLicenses';
import { escapeModulePath } from '../../../../../src/core/manifests/go/modulePath';
import { parseVendorModules } from '../../../../../src/core/manifests/go/vendorModules';
import type { Dependency } from '../../../../../src/core/model';
import { findLicense, type LocalEnvironment } from '../../../../../src/core/resolution';

const zero = { line: 0, character: 0 };
const dep = (name: string, requested = 'v1.0.0'): Dependency => ({ ecosystem: 'go', name, requested, scope: 'runtime', range: { start: zero, end: zero }, direct: true });

const MIT = 'MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy…\n';

describe('Go local license files', () => {
  let root: string;
  let goMod: string;

  function write(relative: string, text: string): string {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }

  function env(variables: Record<string, string> = {}): LocalEnvironment {
    return { env: variables, home: path.join(root, 'home') };
  }

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-go-'));
    goMod = write('project/go.mod', 'module example.com/app\n\ngo 1.22\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  describe('vendor/', () => {
    it('returns the text of vendor/<module>/LICENSE with the version of vendor/modules.txt', async () => {
      const license = write('project/vendor/github.com/Acme/json/LICENSE', MIT);
      write('project/vendor/modules.txt', '# github.com/Acme/json v1.4.3\n## explicit; go 1.20\ngithub.com/Acme/json\n');
      const found = await new GoVendorLicenses(new GoFileCache()).find(goMod, dep('github.com/Acme/json', 'v1.4.2'));
      assert.deepEqual(found, { declared: undefined, source: 'vendor', version: 'v1.4.3', licenseText: MIT, licenseFile: license });
    });

    it('falls back to the required version when vendor/modules.txt does not list the module', async () => {
      write('project/vendor/a.ex/x/LICENSE', MIT);
      const found = await new GoVendorLicenses(new GoFileCache()).find(goMod, dep('a.ex/x', 'v0.2.0'));
      assert.equal(found?.version, 'v0.2.0');
    });

    it('finds COPYING, LICENCE and lower-case license files', async () => {
      write('project/vendor/a.ex/copying/COPYING', 'GNU GENERAL PUBLIC LICENSE');
      write('project/vendor/a.ex/licence/LICENCE.txt', 'British spelling');
      write('project/vendor/a.ex/lower/license.md', 'lower case');
      const source = new GoVendorLicenses(new GoFileCache());
      assert.equal((await source.find(goMod, dep('a.ex/copying')))?.licenseText, 'GNU GENERAL PUBLIC LICENSE');
      assert.equal((await source.find(goMod, dep('a.ex/licence')))?.licenseText, 'British spelling');
      assert.equal((await source.find(goMod, dep('a.ex/lower')))?.licenseText, 'lower case');
    });

    it("takes the Lesser GPL's text over the GPL text shipped beside it", async () => {
      write('project/vendor/a.ex/lgpl3/COPYING', 'GNU GENERAL PUBLIC LICENSE Version 3');
      write('project/vendor/a.ex/lgpl3/COPYING.LESSER', 'GNU LESSER GENERAL PUBLIC LICENSE Version 3');
      const found = await new GoVendorLicenses(new GoFileCache()).find(goMod, dep('a.ex/lgpl3'));
      assert.equal(found?.licenseText, 'GNU LESSER GENERAL PUBLIC LICENSE Version 3');
    });

    it('prefers LICENSE to LICENSE-<name> files and ignores Go source named license.go', async () => {
      write('project/vendor/a.ex/x/LICENSE-THIRD-PARTY', 'third party notices');
      write('project/vendor/a.ex/x/license.go', 'package x');
      write('project/vendor/a.ex/x/LICENSE', MIT);
      assert.equal((await new GoVendorLicenses(new GoFileCache()).find(goMod, dep('a.ex/x')))?.licenseText, MIT);
    });

    it('reports a vendored module without a license file as found, with no text', async () => {
      write('project/vendor/a.ex/bare/bare.go', 'package bare');
      const found = await new GoVendorLicenses(new GoFileCache()).find(goMod, dep('a.ex/bare', 'v0.1.0'));
      assert.deepEqual(found, { declared: undefined, source: 'vendor', version: 'v0.1.0' });
    });

    it('finds nothing for a module that is not vendored', async () => {
      write('project/vendor/modules.txt', '# a.ex/listed v1.0.0\n## explicit\n');
      assert.equal(await new GoVendorLicenses(new GoFileCache()).find(goMod, dep('a.ex/listed')), undefined);
    });

    it('never joins a path that climbs out of vendor/', async () => {
      write('project/LICENSE', MIT);
      assert.equal(await new GoVendorLicenses(new GoFileCache()).find(goMod, dep('a/../..')), undefined);
    });

    it('notices a license file that changed on disk', async () => {
      const file = write('project/vendor/a.ex/x/LICENSE', MIT);
      const source = new GoVendorLicenses(new GoFileCache());
      assert.equal((await source.find(goMod, dep('a.ex/x')))?.licenseText, MIT);
      fs.writeFileSync(file, 'GNU GENERAL PUBLIC LICENSE, now much longer than before');
      assert.equal((await source.find(goMod, dep('a.ex/x')))?.licenseText, 'GNU GENERAL PUBLIC LICENSE, now much longer than before');
    });
  });

  describe('module cache', () => {
    it('reads <GOMODCACHE>/<escaped path>@<version>/LICENSE', async () => {
      const license = write('modcache/github.com/!burnt!sushi/toml@v1.3.2/LICENSE', MIT);
      const source = new GoModuleCacheLicenses(new GoFileCache(), env({ GOMODCACHE: path.join(root, 'modcache') }), 'linux');
      const found = await source.find(goMod, dep('github.com/BurntSushi/toml', 'v1.3.2'));
      assert.deepEqual(found, { declared: undefined, source: 'module cache', version: 'v1.3.2', licenseText: MIT, licenseFile: license });
    });

    it('escapes upper-case letters in versions too', async () => {
      write('modcache/a.ex/x@v1.0.0-!r!c1/LICENSE', MIT);
      const source = new GoModuleCacheLicenses(new GoFileCache(), env({ GOMODCACHE: path.join(root, 'modcache') }), 'linux');
      assert.equal((await source.find(goMod, dep('a.ex/x', 'v1.0.0-RC1')))?.licenseText, MIT);
    });

    it('uses the first GOPATH entry when GOMODCACHE is not set', async () => {
      write('gopath1/pkg/mod/a.ex/x@v1.0.0/LICENSE', MIT);
      const gopath = `${path.join(root, 'gopath1')}:${path.join(root, 'gopath2')}`;
      const source = new GoModuleCacheLicenses(new GoFileCache(), env({ GOPATH: gopath }), 'linux');
      assert.equal((await source.find(goMod, dep('a.ex/x')))?.licenseText, MIT);
    });

    it('uses ~/go/pkg/mod when neither is set', async () => {
      write('home/go/pkg/mod/a.ex/x@v1.0.0/LICENSE', MIT);
      const source = new GoModuleCacheLicenses(new GoFileCache(), env(), 'linux');
      assert.equal((await source.find(goMod, dep('a.ex/x')))?.licenseText, MIT);
    });

    it('reads GOMODCACHE written by `go env -w` to the go env file', async () => {
      write('home/.config/go/env', `GOPROXY=https://proxy.golang.org\nGOMODCACHE=${path.join(root, 'written')}\n`);
      write('written/a.ex/x@v1.0.0/LICENSE', MIT);
      const source = new GoModuleCacheLicenses(new GoFileCache(), env(), 'linux');
      assert.equal((await source.find(goMod, dep('a.ex/x')))?.licenseText, MIT);
    });

    it('lets the environment win over the go env file', async () => {
      write('home/.config/go/env', `GOMODCACHE=${path.join(root, 'written')}\n`);
      write('written/a.ex/x@v1.0.0/LICENSE', 'written');
      write('fromenv/a.ex/x@v1.0.0/LICENSE', 'from the environment');
      const source = new GoModuleCacheLicenses(new GoFileCache(), env({ GOMODCACHE: path.join(root, 'fromenv') }), 'linux');
      assert.equal((await source.find(goMod, dep('a.ex/x')))?.licenseText, 'from the environment');
    });

    it('finds nothing for a version that was never downloaded', async () => {
      write('modcache/a.ex/x@v1.0.0/LICENSE', MIT);
      const source = new GoModuleCacheLicenses(new GoFileCache(), env({ GOMODCACHE: path.join(root, 'modcache') }), 'linux');
      assert.equal(await source.find(goMod, dep('a.ex/x', 'v2.0.0')), undefined);
    });

    it("reads a replaced module's license from its replacement", async () => {
      fs.writeFileSync(goMod, 'module example.com/app\nrequire a.ex/x v1.0.0\nreplace a.ex/x => fork.ex/x v1.0.1-fork\n');
      write('modcache/a.ex/x@v1.0.0/LICENSE', 'original');
      const replacement = write('modcache/fork.ex/x@v1.0.1-fork/LICENSE', 'the fork');
      const source = new GoModuleCacheLicenses(new GoFileCache(), env({ GOMODCACHE: path.join(root, 'modcache') }), 'linux');
      const found = await source.find(goMod, dep('a.ex/x'));
      assert.equal(found?.licenseText, 'the fork');
      assert.equal(found?.licenseFile, replacement);
      assert.equal(found?.version, 'v1.0.0');
    });

    it('applies a replacement of one version only to that version', async () => {
      fs.writeFileSync(goMod, 'replace a.ex/x v0.9.0 => fork.ex/x v0.9.1\n');
      write('modcache/a.ex/x@v1.0.0/LICENSE', 'original');
      write('modcache/fork.ex/x@v0.9.1/LICENSE', 'the fork');
      const source = new GoModuleCacheLicenses(new GoFileCache(), env({ GOMODCACHE: path.join(root, 'modcache') }), 'linux');
      assert.equal((await source.find(goMod, dep('a.ex/x', 'v1.0.0')))?.licenseText, 'original');
    });
  });

  describe('local replacements', () => {
    beforeEach(() => {
      fs.writeFileSync(goMod, 'module example.com/app\nrequire (\n\ta.ex/fork v1.0.0\n\ta.ex/mine v0.0.0\n)\nreplace (\n\ta.ex/fork => ./third_party/fork\n\ta.ex/mine => ../mine\n)\n');
      write('project/vendor/a.ex/fork/LICENSE', 'vendored original');
      write('modcache/a.ex/fork@v1.0.0/LICENSE', 'cached original');
    });

    it("reads the license in the replacement's folder", async () => {
      const license = write('project/third_party/fork/LICENSE', 'the fork kept in third_party');
      const found = await new GoLocalReplacementLicenses(new GoFileCache()).find(goMod, dep('a.ex/fork'));
      assert.deepEqual(found, { declared: undefined, source: 'local replacement', licenseText: 'the fork kept in third_party', licenseFile: license });
    });

    it('answers for local code without a license file, so nothing else is looked up', async () => {
      write('mine/mine.go', 'package mine');
      const found = await new GoLocalReplacementLicenses(new GoFileCache()).find(goMod, dep('a.ex/mine', 'v0.0.0'));
      assert.deepEqual(found, { declared: undefined, source: 'local replacement' });
    });

    it('leaves modules that are not replaced locally to the other sources', async () => {
      assert.equal(await new GoLocalReplacementLicenses(new GoFileCache()).find(goMod, dep('a.ex/other')), undefined);
    });

    it('never reads the vendored or cached copy of a locally replaced module', async () => {
      const files = new GoFileCache();
      assert.equal(await new GoVendorLicenses(files).find(goMod, dep('a.ex/fork')), undefined);
      const cache = new GoModuleCacheLicenses(files, env({ GOMODCACHE: path.join(root, 'modcache') }), 'linux');
      assert.equal(await cache.find(goMod, dep('a.ex/fork')), undefined);
    });
  });

  describe('Go support', () => {
    it('offers go.mod and tries local replacements, vendor/, then the module cache', () => {
      assert.equal(goSupport.ecosystem, 'go');
      assert.deepEqual(goSupport.formats, [goModFormat]);
      const sources = goSupport.localSources({ files: new JsonFileCache(), environment: env() });
      assert.deepEqual(sources.map((s) => s.name), ['local replacement', 'vendor', 'module cache']);
    });

    it('prefers the vendored license to the cached one', async () => {
      write('project/vendor/a.ex/x/LICENSE', 'vendored');
      write('home/go/pkg/mod/a.ex/x@v1.0.0/LICENSE', 'cached');
      const sources = goSupport.localSources({ files: new JsonFileCache(), environment: env() });
      assert.equal((await findLicense(sources, goMod, dep('a.ex/x'))).found?.source, 'vendor');
    });

    it('does not throw on a missing or malformed go.mod and modules.txt', async () => {
      write('project/vendor/modules.txt', '\u0000# \n# \n#  =>\n');
      write('project/vendor/a.ex/x/LICENSE', MIT);
      const sources = goSupport.localSources({ files: new JsonFileCache(), environment: env() });
      fs.writeFileSync(goMod, 'replace ( => \u0000 "');
      assert.equal((await findLicense(sources, goMod, dep('a.ex/x'))).found?.source, 'vendor');
      assert.equal((await findLicense(sources, path.join(root, 'nowhere', 'go.mod'), dep('a.ex/x'))).found, undefined);
    });

    it('stops when the caller cancels', async () => {
      const controller = new AbortController();
      controller.abort();
      for (const source of goSupport.localSources({ files: new JsonFileCache(), environment: env() })) {
        await assert.rejects(source.find(goMod, dep('a.ex/x'), controller.signal), source.name);
      }
    });
  });

  describe('helpers', () => {
    it('escapes module paths the way the module cache does', () => {
      assert.equal(escapeModulePath('github.com/BurntSushi/toml'), 'github.com/!burnt!sushi/toml');
      assert.equal(escapeModulePath('github.com/Azure/azure-sdk-for-go'), 'github.com/!azure/azure-sdk-for-go');
      assert.equal(escapeModulePath('golang.org/x/sys'), 'golang.org/x/sys');
    });

    it('reads module versions and replacements from vendor/modules.txt', () => {
      const modules = parseVendorModules(
        '# a.ex/x v1.0.0\n## explicit; go 1.20\na.ex/x\n# a.ex/y v1.1.0 => b.ex/y v1.1.1\n## explicit\n# a.ex/z v0.0.0 => ../z\n# a.ex/w => b.ex/w v2.0.0\n',
      );
      assert.deepEqual([...modules.values()], [
        { path: 'a.ex/x', version: 'v1.0.0' },
        { path: 'a.ex/y', version: 'v1.1.0', replacement: 'b.ex/y v1.1.1' },
        { path: 'a.ex/z', version: 'v0.0.0', replacement: '../z' },
        { path: 'a.ex/w', replacement: 'b.ex/w v2.0.0' },
      ]);
    });

    it('finds the go env file where the go command keeps it on each system', () => {
      const home = '/home/u';
      assert.equal(goEnvFilePath({ env: {}, home }, 'linux'), '/home/u/.config/go/env');
      assert.equal(goEnvFilePath({ env: { XDG_CONFIG_HOME: '/xdg' }, home }, 'linux'), '/xdg/go/env');
      assert.equal(goEnvFilePath({ env: {}, home: '/Users/u' }, 'darwin'), '/Users/u/Library/Application Support/go/env');
      assert.equal(goEnvFilePath({ env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, home: 'C:\\Users\\u' }, 'win32'), 'C:\\Users\\u\\AppData\\Roaming\\go\\env');
      assert.equal(goEnvFilePath({ env: { GOENV: '/etc/goenv' }, home }, 'linux'), '/etc/goenv');
      assert.equal(goEnvFilePath({ env: { GOENV: 'off' }, home }, 'linux'), undefined);
    });
  });
});
