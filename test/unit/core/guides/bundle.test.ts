import * as assert from 'node:assert/strict';
import { fetchGuideBundle, isAllowedGuideUrl, parseGuideBundle } from '../../../../src/core/guides/bundle';
import { HttpClient } from '../../../../src/core/net/http';
import { startLoopback, type Loopback } from '../net/loopback';

const bundle = {
  guides: {
    'usage.md': '---\nid: usage\ntitle: ACME usage\nkind: usage\n---\n# ACME usage\n\n## GPL at ACME\n<!-- applies-to: category:strong-copyleft -->\nAsk legal first.\n',
    'notes.txt': 'ignored: not markdown',
  },
};

describe('guide bundles (an organisation guide set at a URL)', () => {
  let server: Loopback;
  before(async () => {
    server = await startLoopback((request, response) => {
      if (request.url === '/guides.json') return void response.end(JSON.stringify(bundle));
      if (request.url === '/huge.json') return void response.end(JSON.stringify({ guides: { 'a.md': 'x'.repeat(3 * 1024 * 1024) } }));
      if (request.url === '/garbage') return void response.end('<html>');
      response.writeHead(404);
      response.end();
    });
  });
  after(() => server.close());

  it('reads the markdown guides of a bundle and leaves out anything else', () => {
    const result = parseGuideBundle(JSON.stringify(bundle));
    assert.ok(result.ok);
    if (result.ok) assert.deepEqual(result.guides.map((g) => [g.id, g.title]), [['usage', 'ACME usage']]);
  });

  it('says what is wrong with a broken bundle', () => {
    assert.deepEqual(parseGuideBundle('{'), { ok: false, error: 'the guide bundle is not JSON' });
    assert.equal(parseGuideBundle('{"guides": []}').ok, false);
    assert.equal(parseGuideBundle('{"guides": {"evil/../x.md": "# x"}}').ok, false);
  });

  it('fetches a bundle, refusing one larger than the limit or not JSON', async () => {
    const http = new HttpClient({ timeoutMs: 2000 });
    assert.equal((await fetchGuideBundle(`${server.origin}/guides.json`, http))[0].title, 'ACME usage');
    await assert.rejects(fetchGuideBundle(`${server.origin}/huge.json`, http), /more than the (\d+ bytes )?\d* ?allowed/);
    await assert.rejects(fetchGuideBundle(`${server.origin}/garbage`, http), /not JSON/);
    await assert.rejects(fetchGuideBundle(`${server.origin}/missing.json`, http), /HTTP 404/);
  });

  it('is fetched over https only, or from this machine', () => {
    assert.ok(isAllowedGuideUrl('https://ospo.example/guides.json'));
    assert.ok(isAllowedGuideUrl('http://127.0.0.1:8080/g.json'));
    assert.ok(!isAllowedGuideUrl('http://ospo.example/guides.json'));
    assert.ok(!isAllowedGuideUrl('file:///etc/passwd'));
  });
});
