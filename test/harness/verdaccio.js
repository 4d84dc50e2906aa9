'use strict';
// A real npm registry (Verdaccio) in-process on 127.0.0.1, with fixture packages
// published to it, for tests of the npm registry source. No uplinks: it never
// reaches out. See shared/TESTING.md.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * @param {Array<{ name: string, versions: Record<string, Record<string, unknown>>, latest?: string }>} packages
 *        each version's fields are merged into its manifest (license, licenses, …)
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
async function startRegistry(packages = []) {
  const { runServer } = require('verdaccio');
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-verdaccio-'));
  const config = {
    self_path: storage,
    storage,
    uplinks: {},
    packages: { '**': { access: '$all', publish: '$all', unpublish: '$all' }, '@*/*': { access: '$all', publish: '$all' } },
    log: { type: 'stdout', format: 'pretty', level: 'error' },
    web: { enable: false },
    security: { api: { legacy: true } },
  };
  const app = await runServer(config);
  const server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    listening.on('error', reject);
  });
  const url = `http://127.0.0.1:${server.address().port}/`;
  for (const pkg of packages) await publish(url, pkg);
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => {
          fs.rmSync(storage, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

/** Publishes every version of a package with a raw PUT of a packument, as `npm publish` does. */
async function publish(registry, { name, versions, latest }) {
  const versionNames = Object.keys(versions);
  for (const version of versionNames) {
    const tarballName = `${name.replace(/^@[^/]+\//, '')}-${version}.tgz`;
    const tarball = emptyTarball();
    const body = {
      _id: name,
      name,
      'dist-tags': { latest: version === (latest ?? versionNames[versionNames.length - 1]) ? version : latest ?? version },
      versions: {
        [version]: {
          name,
          version,
          description: `fixture ${name}`,
          ...versions[version],
          dist: { tarball: `${registry}${name}/-/${tarballName}`, shasum: require('node:crypto').createHash('sha1').update(tarball).digest('hex') },
        },
      },
      _attachments: { [tarballName]: { content_type: 'application/octet-stream', data: tarball.toString('base64'), length: tarball.length } },
    };
    const response = await fetch(`${registry}${encodeURIComponent(name).replace(/^%40/, '@')}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`publishing ${name}@${version} failed: HTTP ${response.status} ${await response.text()}`);
  }
}

/** A valid gzip of an empty tar archive: registries only store it. */
function emptyTarball() {
  return require('node:zlib').gzipSync(Buffer.alloc(1024));
}

module.exports = { startRegistry };
