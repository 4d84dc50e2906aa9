import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** A settled lookup: a value, or why there is none. */
export type Lookup<T> = { readonly value: T } | { readonly failure: string };

interface Flight<T> {
  readonly promise: Promise<Lookup<T>>;
  readonly controller: AbortController;
  waiters: number;
}

interface StoredEntry<T> {
  readonly lookup: Lookup<T>;
  readonly expires: number;
}

export interface LookupCacheOptions {
  /** How long a found value stays fresh. */
  readonly ttlMs?: number;
  /** How long a failure is remembered: short, so a passing outage heals soon. */
  readonly negativeTtlMs?: number;
  /** Where to persist between sessions (a JSON file); memory only when absent. */
  readonly file?: string;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The one cache for network lookups, keyed by registry + name + version. It holds
 * in-flight promises, so concurrent asks for the same key make one request;
 * settled results are kept with a TTL (failures briefly) and persisted.
 */
export class LookupCache<T> {
  private readonly inFlight = new Map<string, Flight<T>>();
  private readonly settled = new Map<string, StoredEntry<T>>();
  private loaded?: Promise<void>;
  private saveTimer?: ReturnType<typeof setTimeout>;
  private requests = 0;

  constructor(private readonly options: LookupCacheOptions = {}) {}

  /** How many times `compute` actually ran (for tests and benchmarks). */
  get computeCount(): number {
    return this.requests;
  }

  /**
   * The cached lookup for `key`, computing it once however many callers ask. A
   * caller that cancels stops waiting at once; the request itself is aborted only
   * when every caller waiting for it has cancelled.
   */
  async get(key: string, compute: (signal: AbortSignal) => Promise<Lookup<T>>, signal?: AbortSignal): Promise<Lookup<T>> {
    await this.load();
    signal?.throwIfAborted();
    const entry = this.settled.get(key);
    if (entry && entry.expires > this.now()) return entry.lookup;

    let flight = this.inFlight.get(key);
    if (!flight) {
      this.requests++;
      const controller = new AbortController();
      const promise = compute(controller.signal)
        .catch((error: unknown): Lookup<T> => ({ failure: controller.signal.aborted ? CANCELLED : error instanceof Error ? error.message : String(error) }))
        .then((lookup) => {
          this.inFlight.delete(key);
          if (!('failure' in lookup && lookup.failure === CANCELLED)) this.remember(key, lookup);
          return lookup;
        });
      flight = { promise, controller, waiters: 0 };
      this.inFlight.set(key, flight);
    }
    return this.wait(flight, signal);
  }

  private wait(flight: Flight<T>, signal?: AbortSignal): Promise<Lookup<T>> {
    flight.waiters++;
    if (!signal) return flight.promise;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        if (--flight.waiters === 0) flight.controller.abort();
        reject(signal.reason ?? new Error(CANCELLED));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (lookup) => {
          signal.removeEventListener('abort', onAbort);
          resolve(lookup);
        },
        reject,
      );
    });
  }

  async clear(): Promise<void> {
    this.settled.clear();
    this.inFlight.clear();
    if (this.options.file) await fs.rm(this.options.file, { force: true });
  }

  /** Writes the cache file now (it is also written a moment after each change). */
  async flush(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const file = this.options.file;
    if (!file) return;
    const now = this.now();
    const entries = Object.fromEntries([...this.settled].filter(([, e]) => e.expires > now));
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, JSON.stringify({ version: 1, entries }));
    await fs.rename(temporary, file); // readers never see half a file
  }

  private remember(key: string, lookup: Lookup<T>): void {
    const ttl = 'value' in lookup ? (this.options.ttlMs ?? 7 * DAY) : (this.options.negativeTtlMs ?? 5 * 60 * 1000);
    if (this.settled.size >= (this.options.maxEntries ?? 50_000)) this.settled.delete(this.settled.keys().next().value as string);
    this.settled.set(key, { lookup, expires: this.now() + ttl });
    if (this.options.file && !this.saveTimer) {
      this.saveTimer = setTimeout(() => void this.flush().catch(() => undefined), 2000);
      this.saveTimer.unref?.();
    }
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.options.file) return;
      try {
        const stored = JSON.parse(await fs.readFile(this.options.file, 'utf8')) as { version?: number; entries?: Record<string, StoredEntry<T>> };
        if (stored.version !== 1 || !stored.entries) return;
        const now = this.now();
        for (const [key, entry] of Object.entries(stored.entries)) {
          if (entry && typeof entry.expires === 'number' && entry.expires > now && entry.lookup) this.settled.set(key, entry);
        }
      } catch {
        // no cache yet, or a damaged one: start empty
      }
    })();
    return this.loaded;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/** The failure text of a cancelled lookup: never cached, the next ask tries again. */
export const CANCELLED = 'cancelled';
