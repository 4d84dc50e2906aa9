import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LookupCache, type Lookup } from '../../../../src/core/net/cache';

const value = (v: string): Lookup<string> => ({ value: v });

describe('lookup cache', () => {
  it('makes one request for concurrent asks of the same key', async () => {
    const cache = new LookupCache<string>();
    let calls = 0;
    const compute = async (): Promise<Lookup<string>> => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return value('MIT');
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.get('npm|a|1', compute)));
    assert.equal(calls, 1);
    assert.deepEqual(results[9], value('MIT'));
  });

  it('keeps values for their TTL and failures only briefly', async () => {
    let now = 0;
    const cache = new LookupCache<string>({ ttlMs: 1000, negativeTtlMs: 100, now: () => now });
    let calls = 0;
    await cache.get('ok', async () => (calls++, value('MIT')));
    await cache.get('bad', async () => (calls++, { failure: 'HTTP 500' }));
    now = 500;
    await cache.get('ok', async () => (calls++, value('MIT')));
    await cache.get('bad', async () => (calls++, { failure: 'HTTP 500' }));
    assert.equal(calls, 3, 'the failure was asked again after 100 ms, the value was not');
  });

  it('turns a thrown error into a failure with its message', async () => {
    const cache = new LookupCache<string>();
    assert.deepEqual(await cache.get('k', async () => Promise.reject(new Error('timed out'))), { failure: 'timed out' });
  });

  it('persists between sessions', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-cache-')), 'licenses.json');
    const first = new LookupCache<string>({ file });
    await first.get('npm|a|1', async () => value('ISC'));
    await first.flush();
    let calls = 0;
    const second = new LookupCache<string>({ file });
    assert.deepEqual(await second.get('npm|a|1', async () => (calls++, value('other'))), value('ISC'));
    assert.equal(calls, 0);
    await second.clear();
    assert.ok(!fs.existsSync(file));
  });

  it('lets one caller cancel without cancelling the request others wait for', async () => {
    const cache = new LookupCache<string>();
    let aborted = false;
    const compute = (signal: AbortSignal) =>
      new Promise<Lookup<string>>((resolve) => {
        signal.addEventListener('abort', () => (aborted = true));
        setTimeout(() => resolve(value('MIT')), 50);
      });
    const controller = new AbortController();
    const cancelled = cache.get('k', compute, controller.signal);
    const kept = cache.get('k', compute);
    controller.abort();
    await assert.rejects(cancelled);
    assert.deepEqual(await kept, value('MIT'));
    assert.equal(aborted, false);
  });

  it('aborts the request when every caller has cancelled, and does not cache that', async () => {
    const cache = new LookupCache<string>();
    let aborted = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const compute = (signal: AbortSignal) =>
      new Promise<Lookup<string>>((resolve, reject) => {
        started();
        signal.addEventListener('abort', () => {
          aborted = true;
          reject(new Error('aborted'));
        });
        setTimeout(() => resolve(value('MIT')), 1000);
      });
    const controller = new AbortController();
    const pending = cache.get('k', compute, controller.signal);
    await running; // the request is under way
    controller.abort();
    await assert.rejects(pending);
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(aborted, true);
    assert.deepEqual(await cache.get('k', async () => value('ISC')), value('ISC'), 'the cancelled lookup was not remembered');
  });
});
