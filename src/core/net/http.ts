/**
 * The one way OSPO Lens talks to the network. Every request has a timeout, honours
 * the caller's cancellation, counts against a concurrency limit, stops reading a
 * body past a size limit, and fails with an HttpError whose message says why in
 * plain words ("timed out after 10 s", "HTTP 429, retry after 30 s").
 */

export type HttpFailure = 'timeout' | 'cancelled' | 'connection' | 'status' | 'rate-limited' | 'too-large' | 'invalid-response';

export class HttpError extends Error {
  constructor(
    readonly kind: HttpFailure,
    message: string,
    readonly status?: number,
    /** For 429/503: when the server said to come back (epoch ms). */
    readonly retryAt?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface HttpRequest {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

export interface HttpResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

export interface HttpClientOptions {
  /** Requests in flight at once, across all hosts. */
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly userAgent?: string;
  /** Minimum time between two requests to one host (crates.io asks for 1 request/s). */
  readonly minIntervalMsByHost?: Readonly<Record<string, number>>;
  /** Where to write one line per failure; the editor passes its output channel. */
  readonly log?: (line: string) => void;
  /** For tests: a fetch implementation. */
  readonly fetch?: typeof fetch;
  /** For tests: the clock. */
  readonly now?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONCURRENCY = 8;
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export class HttpClient {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly lastStartByHost = new Map<string, number>();
  private readonly blockedUntilByHost = new Map<string, number>();
  private peak = 0;

  constructor(private readonly options: HttpClientOptions = {}) {}

  /** The most requests that were ever in flight at once (for tests and benchmarks). */
  get peakConcurrency(): number {
    return this.peak;
  }

  async get(request: HttpRequest): Promise<HttpResponse> {
    const url = parseUrl(request.url);
    const now = this.options.now ?? Date.now;
    const blockedUntil = this.blockedUntilByHost.get(url.host);
    if (blockedUntil !== undefined && blockedUntil > now()) {
      throw new HttpError('rate-limited', `${url.host} asked us to wait until ${new Date(blockedUntil).toISOString()}`, 429, blockedUntil);
    }
    request.signal?.throwIfAborted();
    await this.acquire(request.signal);
    try {
      await this.respectInterval(url.host, request.signal);
      return await this.fetchOnce(url, request);
    } finally {
      this.release();
    }
  }

  /** GET and parse JSON; a body that is not JSON is an `invalid-response` error. */
  async getJson(request: HttpRequest): Promise<{ response: HttpResponse; json: unknown }> {
    const response = await this.get({ ...request, headers: { accept: 'application/json', ...request.headers } });
    try {
      return { response, json: JSON.parse(new TextDecoder().decode(response.body)) };
    } catch {
      throw new HttpError('invalid-response', `${hostOf(request.url)} answered with something that is not JSON`, response.status);
    }
  }

  private async fetchOnce(url: URL, request: HttpRequest): Promise<HttpResponse> {
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    const describeAbort = (): HttpError =>
      request.signal?.aborted
        ? new HttpError('cancelled', 'the request was cancelled')
        : new HttpError('timeout', `${url.host} did not answer within ${formatSeconds(timeoutMs)}`);
    try {
      let response: Response;
      try {
        response = await (this.options.fetch ?? fetch)(url, {
          headers: { 'user-agent': this.options.userAgent ?? 'ospo-lens', ...request.headers },
          signal,
          redirect: 'follow',
        });
      } catch (error) {
        if (signal.aborted) throw describeAbort();
        throw new HttpError('connection', `could not reach ${url.host}: ${connectionReason(error)}`);
      }
      if (response.status === 429 || response.status === 503) {
        const retryAt = retryAfter(response.headers.get('retry-after'), (this.options.now ?? Date.now)());
        if (retryAt !== undefined) this.blockedUntilByHost.set(url.host, retryAt);
        void response.body?.cancel().catch(() => undefined);
        const wait = retryAt !== undefined ? `, retry after ${formatSeconds(retryAt - (this.options.now ?? Date.now)())}` : '';
        const error = new HttpError('rate-limited', `${url.host} answered HTTP ${response.status}${wait}`, response.status, retryAt);
        this.log(`GET ${url.href}: ${error.message}`);
        throw error;
      }
      if (response.status < 200 || response.status >= 300) {
        void response.body?.cancel().catch(() => undefined);
        const error = new HttpError('status', `${url.host} answered HTTP ${response.status}${response.status === 404 ? ' (not found)' : ''}`, response.status);
        this.log(`GET ${url.href}: ${error.message}`);
        throw error;
      }
      const body = await readBody(response, request.maxBytes ?? this.options.maxBytes ?? DEFAULT_MAX_BYTES, url, signal, describeAbort);
      return { url: response.url || url.href, status: response.status, headers: response.headers, body };
    } catch (error) {
      if (error instanceof HttpError) {
        if (error.kind !== 'status' && error.kind !== 'rate-limited' && error.kind !== 'cancelled') this.log(`GET ${url.href}: ${error.message}`);
        throw error;
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async acquire(signal?: AbortSignal): Promise<void> {
    if (this.active < (this.options.concurrency ?? DEFAULT_CONCURRENCY)) {
      this.active++;
      this.peak = Math.max(this.peak, this.active);
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiting.indexOf(start);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new HttpError('cancelled', 'the request was cancelled'));
      };
      const start = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        this.peak = Math.max(this.peak, this.active);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(start);
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  private async respectInterval(host: string, signal?: AbortSignal): Promise<void> {
    const interval = this.options.minIntervalMsByHost?.[host];
    if (!interval) return;
    const now = this.options.now ?? Date.now;
    const last = this.lastStartByHost.get(host);
    const wait = last === undefined ? 0 : last + interval - now();
    this.lastStartByHost.set(host, now() + Math.max(0, wait));
    if (wait > 0) await sleep(wait, signal);
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

async function readBody(response: Response, maxBytes: number, url: URL, signal: AbortSignal, describeAbort: () => HttpError): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw new HttpError('too-large', `${url.host} sent ${declared} bytes, more than the ${maxBytes} allowed`);
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      // A response that never ends is cut by the same timeout as the request.
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new HttpError('too-large', `${url.host} sent more than the ${maxBytes} bytes allowed`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if (signal.aborted) throw describeAbort();
    throw new HttpError('connection', `the connection to ${url.host} broke: ${connectionReason(error)}`);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function parseUrl(text: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
    return url;
  } catch {
    throw new HttpError('invalid-response', `not an http(s) URL: ${text}`);
  }
}

function hostOf(text: string): string {
  try {
    return new URL(text).host;
  } catch {
    return text;
  }
}

/** Retry-After is either seconds or an HTTP date. */
function retryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return now + seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}

function connectionReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'connection timed out';
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function formatSeconds(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 100) / 10);
  return `${seconds} s`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new HttpError('cancelled', 'the request was cancelled'));
      },
      { once: true },
    );
  });
}
