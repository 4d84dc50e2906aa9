import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import { startLoopback, type Loopback } from '../net/loopback';

/**
 * A registry on 127.0.0.1 that serves a fixture folder (test/fixtures/registries/...) and
 * misbehaves on request. The first path segment picks the behaviour, so a test points a
 * source's base URL at `${origin}/<mode>`:
 * - `repo`: the files, whole (Range ignored, as many servers do);
 * - `ranges`: the files, honouring a single `Range: bytes=…`;
 *   both serve what a test put in `memory` (path after the mode → bytes) before the folder's files;
 * - `hang`: never answers; `drip`: a 200 whose body never ends; `huge`: declares 100 MB;
 * - `404`, `410`, `500`, `429` (Retry-After: 30): that status for everything.
 */
export interface FixtureRegistry extends Loopback {
  readonly memory: Map<string, Uint8Array>;
  /** Body bytes sent for files, by all modes. */
  readonly bytesSent: () => number;
  /** Range headers received. */
  readonly ranges: string[];
  /** The headers of every request, in order. */
  readonly requests: Array<{ readonly url: string; readonly headers: http.IncomingHttpHeaders }>;
}

export async function startFixtureRegistry(root: string): Promise<FixtureRegistry> {
  const memory = new Map<string, Uint8Array>();
  const ranges: string[] = [];
  const requests: FixtureRegistry['requests'] = [];
  let sent = 0;
  const send = (response: http.ServerResponse, status: number, body: Uint8Array, headers: Record<string, string> = {}): void => {
    sent += body.byteLength;
    response.writeHead(status, { 'content-length': String(body.byteLength), ...headers });
    response.end(body);
  };
  const loopback = await startLoopback((request, response) => {
    const url = request.url ?? '/';
    requests.push({ url, headers: request.headers });
    const [, mode = '', ...rest] = url.split('?')[0].split('/');
    const relative = decodeURIComponent(rest.join('/'));
    switch (mode) {
      case 'hang':
        return;
      case 'drip':
        response.writeHead(200);
        response.write('PK');
        setInterval(() => !response.destroyed && response.write(' '), 50).unref();
        return;
      case 'huge':
        response.writeHead(200, { 'content-length': String(100 * 1024 * 1024) });
        response.flushHeaders();
        return;
      case '404':
      case '410':
      case '500':
        return send(response, Number(mode), Buffer.from('not here'));
      case '429':
        return send(response, 429, Buffer.alloc(0), { 'retry-after': '30' });
      case 'repo':
      case 'ranges': {
        const body = memory.get(relative) ?? readInside(root, relative);
        if (!body) return send(response, 404, Buffer.from('not found'));
        const range = request.headers.range;
        if (range) ranges.push(range);
        if (mode === 'ranges' && range) return sendRange(response, body, range, (n) => (sent += n));
        return send(response, 200, body);
      }
      default:
        return send(response, 404, Buffer.from('no such mode'));
    }
  });
  return { ...loopback, memory, bytesSent: () => sent, ranges, requests };
}

function readInside(root: string, relative: string): Buffer | undefined {
  const file = path.resolve(root, relative);
  if (!file.startsWith(path.resolve(root) + path.sep)) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n`, as a static file server answers them. */
function sendRange(response: http.ServerResponse, body: Uint8Array, header: string, count: (n: number) => void): void {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header);
  const size = body.byteLength;
  let start: number;
  let end: number;
  if (match && match[1] === '' && match[2] !== '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else if (match && match[1] !== '') {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  } else {
    response.writeHead(416, { 'content-range': `bytes */${size}` });
    response.end();
    return;
  }
  if (start > end || start >= size) {
    response.writeHead(416, { 'content-range': `bytes */${size}` });
    response.end();
    return;
  }
  const part = body.subarray(start, end + 1);
  count(part.byteLength);
  response.writeHead(206, { 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(part.byteLength) });
  response.end(part);
}
