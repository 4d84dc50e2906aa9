import * as assert from 'node:assert/strict';
import { HttpClient, HttpError, type HttpFailure } from '../../../../src/core/net/http';
import { closedPort, startLoopback, type Loopback } from './loopback';

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HttpError, `expected an HttpError, got ${String(error)}`);
    return error;
  }
  assert.fail('the request succeeded');
}

async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await promise;
  assert.ok(Date.now() - started < ms, `took ${Date.now() - started} ms, more than ${ms}`);
  return result;
}

describe('HTTP client: every fault gives a clear, bounded failure', () => {
  let server: Loopback;
  const lines: string[] = [];
  const client = (options: ConstructorParameters<typeof HttpClient>[0] = {}) => new HttpClient({ timeoutMs: 300, log: (l) => lines.push(l), ...options });

  before(async () => {
    server = await startLoopback((request, response) => {
      switch (request.url) {
        case '/ok':
          response.setHeader('content-type', 'application/json');
          response.end('{"license":"MIT"}');
          return;
        case '/hang':
          return; // never answers
        case '/drip':
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('{');
          setInterval(() => !response.destroyed && response.write(' '), 50).unref();
          return; // a body that never ends
        case '/reset':
          request.socket.destroy();
          return;
        case '/429':
          response.writeHead(429, { 'retry-after': '30' });
          response.end();
          return;
        case '/500':
          response.writeHead(500);
          response.end('oops');
          return;
        case '/404':
          response.writeHead(404);
          response.end();
          return;
        case '/garbage':
          response.setHeader('content-type', 'application/json');
          response.end('<html>not json</html>');
          return;
        case '/huge-declared':
          response.writeHead(200, { 'content-length': String(1024 * 1024) });
          response.end(Buffer.alloc(1024 * 1024));
          return;
        case '/huge-streamed':
          response.writeHead(200);
          response.write(Buffer.alloc(600 * 1024));
          response.end(Buffer.alloc(600 * 1024));
          return;
        case '/slow':
          setTimeout(() => response.end('{}'), 100);
          return;
        default:
          response.writeHead(404);
          response.end();
      }
    });
  });
  after(() => server.close());
  beforeEach(() => (lines.length = 0));

  const cases: Array<[string, HttpFailure, RegExp]> = [
    ['/hang', 'timeout', /did not answer within 0\.3 s/],
    ['/drip', 'timeout', /did not answer within 0\.3 s/],
    ['/reset', 'connection', /connection (reset|broke)|socket|other side closed/i],
    ['/500', 'status', /answered HTTP 500/],
    ['/404', 'status', /answered HTTP 404 \(not found\)/],
  ];
  for (const [path, kind, message] of cases) {
    it(`${path}: fails as "${kind}" within the timeout, and logs it`, async () => {
      const error = await within(2000, failure(client().get({ url: `${server.origin}${path}` })));
      assert.equal(error.kind, kind);
      assert.match(error.message, message);
      assert.equal(lines.length, 1);
      assert.match(lines[0], new RegExp(`GET ${server.origin}${path}`));
    });
  }

  it('a refused connection fails as "connection refused"', async () => {
    const port = await closedPort();
    const error = await failure(client().get({ url: `http://127.0.0.1:${port}/x` }));
    assert.equal(error.kind, 'connection');
    assert.match(error.message, /connection refused/);
  });

  it('429 with Retry-After: fails saying when to retry, and asks that host nothing more until then', async () => {
    const http = client();
    const error = await failure(http.get({ url: `${server.origin}/429` }));
    assert.equal(error.kind, 'rate-limited');
    assert.match(error.message, /HTTP 429, retry after 30 s/);
    const before = server.hits.get('/ok') ?? 0;
    const blocked = await failure(http.get({ url: `${server.origin}/ok` }));
    assert.equal(blocked.kind, 'rate-limited');
    assert.equal(server.hits.get('/ok') ?? 0, before, 'no request was sent while rate-limited');
  });

  it('a body that is not JSON fails as "invalid-response"', async () => {
    const error = await failure(client().getJson({ url: `${server.origin}/garbage` }));
    assert.equal(error.kind, 'invalid-response');
    assert.match(error.message, /not JSON/);
  });

  it('stops reading past the size limit, declared or streamed', async () => {
    for (const path of ['/huge-declared', '/huge-streamed']) {
      const error = await failure(client({ maxBytes: 512 * 1024 }).get({ url: `${server.origin}${path}` }));
      assert.equal(error.kind, 'too-large', path);
    }
  });

  it('stops at once when the caller cancels', async () => {
    const controller = new AbortController();
    const pending = client({ timeoutMs: 5000 }).get({ url: `${server.origin}/hang`, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await within(1000, failure(pending));
    assert.equal(error.kind, 'cancelled');
  });

  it('reads a good JSON answer', async () => {
    const { json } = await client().getJson({ url: `${server.origin}/ok` });
    assert.deepEqual(json, { license: 'MIT' });
  });

  it('never has more requests in flight than its concurrency limit', async () => {
    const http = client({ concurrency: 3, timeoutMs: 2000 });
    await Promise.all(Array.from({ length: 12 }, () => http.get({ url: `${server.origin}/slow` })));
    assert.equal(http.peakConcurrency, 3);
  });

  it('spaces requests to a host that asks for it (crates.io: 1 request/s)', async () => {
    const host = new URL(server.origin).host;
    const http = client({ minIntervalMsByHost: { [host]: 150 } });
    const started = Date.now();
    await Promise.all([1, 2, 3].map(() => http.get({ url: `${server.origin}/ok` })));
    assert.ok(Date.now() - started >= 300, 'three requests take at least two intervals');
  });
});
