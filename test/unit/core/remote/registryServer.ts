import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import type { Dependency } from '../../../../src/core/model';
import { LookupCache } from '../../../../src/core/net/cache';
import { HttpClient } from '../../../../src/core/net/http';
import type { RegistryUrls, RemoteContext, RemoteLicense } from '../../../../src/core/remote/context';
import { LicenseLookupError, type LicenseSource } from '../../../../src/core/resolution';
import { FIXTURES } from '../../repo';
import { closedPort, startLoopback, type Loopback } from '../net/loopback';

/** What the server answers for one path: a fixture file, or a status and body. */
export interface Answer {
  readonly status?: number;
  /** A file under test/fixtures/registries/. */
  readonly fixture?: string;
  readonly body?: string;
  readonly contentType?: string;
  /** Applied to the body before sending (e.g. to point a fixture's URLs at the loopback origin). */
  readonly rewrite?: (body: string) => string;
}

/**
 * How the server behaves for every request: `ok` answers from the routes; the
 * others are the faults a real registry shows (`hang`: never answers; `drip`: a
 * 200 whose body never ends; `not-json`: an HTML error page with 200; `wrong-shape`:
 * valid JSON that is not what the API documents).
 */
export type Mode = 'ok' | 'hang' | 'drip' | '404' | '429' | '500' | '503' | 'not-json' | 'wrong-shape';

export interface RegistryServer extends Loopback {
  mode: Mode;
  /** Every request's URL and headers, in order. */
  readonly requests: Array<{ readonly url: string; readonly headers: http.IncomingHttpHeaders }>;
  /** Requests so far to paths matching `pattern` (all when absent). */
  count(pattern?: RegExp): number;
}

export function fixturePath(relative: string): string {
  return path.join(FIXTURES, 'registries', relative);
}

export function readFixture(relative: string): string {
  return fs.readFileSync(fixturePath(relative), 'utf8');
}

/** A loopback registry answering `route(path)` (the raw, still-encoded path without query). */
export async function startRegistryServer(route: (path: string, origin: string) => Answer | undefined): Promise<RegistryServer> {
  const requests: RegistryServer['requests'] = [];
  const state = { mode: 'ok' as Mode };
  let origin = '';
  const loopback = await startLoopback((request, response) => {
    const url = request.url ?? '/';
    requests.push({ url, headers: request.headers });
    const send = (status: number, body: string, headers: Record<string, string> = {}): void => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(body);
    };
    switch (state.mode) {
      case 'hang':
        return;
      case 'drip':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"info": ');
        setInterval(() => !response.destroyed && response.write(' '), 30).unref();
        return;
      case '404':
        return send(404, '{"message": "Not Found"}');
      case '429':
        return send(429, '{"errors":[{"detail":"too many requests"}]}', { 'retry-after': '30' });
      case '500':
        return send(500, '<html><body><h1>500 Internal Server Error</h1></body></html>', { 'content-type': 'text/html' });
      case '503':
        return send(503, '<html><body><h1>503 Service Unavailable</h1></body></html>', { 'content-type': 'text/html' });
      case 'not-json':
        return send(200, '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>', { 'content-type': 'text/html' });
      case 'wrong-shape':
        return send(200, '{"unexpected": true, "items": "not a list", "versions": 7}');
      case 'ok': {
        const answer = route(url.split('?')[0], origin);
        if (!answer) return send(404, '{"message": "Not Found"}');
        let body = answer.fixture !== undefined ? readFixture(answer.fixture) : (answer.body ?? '');
        if (answer.rewrite) body = answer.rewrite(body);
        return send(answer.status ?? 200, body, answer.contentType ? { 'content-type': answer.contentType } : {});
      }
    }
  });
  origin = loopback.origin;
  return {
    ...loopback,
    requests,
    get mode(): Mode {
      return state.mode;
    },
    set mode(mode: Mode) {
      state.mode = mode;
    },
    count: (pattern?: RegExp) => requests.filter((r) => !pattern || pattern.test(r.url)).length,
  };
}

/** A context for one test: its own client (short timeout) and caches. */
export function testContext(registries: RegistryUrls, options: { timeoutMs?: number; trustWorkspace?: boolean; fetch?: typeof fetch } = {}): RemoteContext {
  return {
    http: new HttpClient({ timeoutMs: options.timeoutMs ?? 300, ...(options.fetch ? { fetch: options.fetch } : {}) }),
    licenses: new LookupCache<RemoteLicense>(),
    metadata: new LookupCache<unknown>(),
    environment: { env: {}, home: '/nonexistent-home' },
    registries,
    trustWorkspace: options.trustWorkspace ?? true,
  };
}

/** A fetch that records the URLs asked for and answers 404 without touching the network. */
export function recordingFetch(): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fake = (async (input: string | URL | Request) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return new Response('{"message": "Not Found"}', { status: 404, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetch: fake, urls };
}

const zero = { line: 0, character: 0 };

export function dependency(ecosystem: Dependency['ecosystem'], name: string, requested: string): Dependency {
  return { ecosystem, name, requested, scope: 'runtime', range: { start: zero, end: zero }, direct: true };
}

/** The message of the LicenseLookupError `promise` rejects with; fails the test otherwise. */
export async function lookupFailure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LicenseLookupError, `expected a LicenseLookupError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('the lookup succeeded');
}

export interface FaultSetup {
  readonly source: (context: RemoteContext) => LicenseSource;
  readonly registries: (origin: string) => RegistryUrls;
  readonly dependency: Dependency;
  readonly manifestPath?: string;
}

/**
 * The faults every network source must turn into a LicenseLookupError with a
 * clear message, within the client's (short) timeout: mocha's timeout is the bound.
 */
export function describeFaults(title: string, setup: FaultSetup): void {
  describe(`${title} when the registry misbehaves`, function () {
    this.timeout(3000);
    let server: RegistryServer;
    const manifest = setup.manifestPath ?? '/nonexistent-project/manifest';
    const ask = (origin: string, timeoutMs?: number, signal?: AbortSignal): Promise<unknown> =>
      setup.source(testContext(setup.registries(origin), timeoutMs ? { timeoutMs } : {})).find(manifest, setup.dependency, signal);

    before(async () => {
      server = await startRegistryServer(() => undefined);
    });
    afterEach(() => {
      server.mode = 'ok';
    });
    after(() => server.close());

    const cases: Array<[string, Mode, RegExp]> = [
      ['says it did not answer in time when the registry hangs', 'hang', /did not answer within 0\.3 s/],
      ['gives up on a response that never ends', 'drip', /did not answer within 0\.3 s/],
      ['says the registry has no such package on a 404', '404', /has no such package or version/],
      ['says when to come back on a 429 with Retry-After', '429', /HTTP 429, retry after 30 s/],
      ['says the registry failed on a 500', '500', /HTTP 500/],
      ['says the registry is unavailable on a 503', '503', /HTTP 503/],
      ['says the answer is not JSON (a login page)', 'not-json', /not JSON/],
      ['says the answer is unexpected when the JSON has another shape', 'wrong-shape', /returned an unexpected answer/],
    ];
    for (const [name, mode, message] of cases) {
      it(name, async () => {
        server.mode = mode;
        assert.match(await lookupFailure(ask(server.origin)), message);
      });
    }

    it('says the connection was refused when nothing listens', async () => {
      assert.match(await lookupFailure(ask(`http://127.0.0.1:${await closedPort()}`)), /connection refused/);
    });

    it('stops waiting at once when the check is cancelled', async () => {
      server.mode = 'hang';
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);
      // The client would wait 10 s: only the cancellation can end this within mocha's timeout.
      await assert.rejects(ask(server.origin, 10_000, controller.signal));
    });
  });
}
