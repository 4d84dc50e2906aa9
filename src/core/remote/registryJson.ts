/**
 * What every registry client shares: a JSON GET through the context's HttpClient
 * whose failures become LicenseLookupErrors in plain words, and small readers
 * that turn a registry's JSON into typed values without trusting its shape.
 */
import { isRecord } from '../files';
import { HttpError } from '../net/http';
import { LicenseLookupError } from '../resolution';
import type { RemoteContext, RemoteLicense } from './context';

export interface JsonRequest {
  readonly url: string;
  readonly signal: AbortSignal;
  /** What is being looked up, for messages: "requests 2.31.0". */
  readonly what: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * GET `url` as JSON. A 404 (or 410) says the registry has no such package or
 * version; every other HttpError (timeout, refused, 429, 5xx, not JSON, too
 * large, cancelled) keeps the client's message.
 */
export async function getRegistryJson(context: RemoteContext, request: JsonRequest): Promise<unknown> {
  try {
    const { json } = await context.http.getJson({ url: request.url, signal: request.signal, ...(request.headers ? { headers: request.headers } : {}) });
    return json;
  } catch (error) {
    if (error instanceof HttpError) {
      if (error.status === 404 || error.status === 410) throw new LicenseLookupError(`${hostOf(request.url)} has no such package or version (${request.what})`);
      throw new LicenseLookupError(error.message);
    }
    throw error;
  }
}

/** The error for JSON that is not shaped as the registry documents it. */
export function unexpectedAnswer(url: string, what: string, detail?: string): LicenseLookupError {
  return new LicenseLookupError(`${hostOf(url)} returned an unexpected answer for ${what}${detail ? ` (${detail})` : ''}`);
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A base URL without its trailing slashes, so paths can be appended with one. */
export function baseUrl(configured: string | undefined, fallback: string): string {
  const base = configured?.trim() ? configured.trim() : fallback;
  return base.replace(/\/+$/, '');
}

/** A non-empty trimmed string, or undefined for anything else. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The record at `key`, or undefined when it is missing or not an object. */
export function recordAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  const child = value[key];
  return isRecord(child) ? child : undefined;
}

/** The array at `key`, or undefined when it is missing or not an array. */
export function arrayAt(value: unknown, key: string): readonly unknown[] | undefined {
  if (!isRecord(value)) return undefined;
  const child = value[key];
  return Array.isArray(child) ? child : undefined;
}

/** A string field that may be absent or null, but is wrong when it is anything else. */
export function optionalText(value: Record<string, unknown>, key: string): { ok: true; value: string | undefined } | { ok: false } {
  const field = value[key];
  if (field === undefined || field === null) return { ok: true, value: undefined };
  return typeof field === 'string' ? { ok: true, value: field.trim() === '' ? undefined : field.trim() } : { ok: false };
}

/** The value of a settled lookup, or the LicenseLookupError its failure describes. */
export function valueOf<T>(lookup: { readonly value: T } | { readonly failure: string }): T {
  if ('failure' in lookup) throw new LicenseLookupError(lookup.failure);
  return lookup.value;
}

/**
 * Metadata (version lists, service indexes) through the context's metadata
 * cache: one request however many ask at once. Each key prefix has one writer,
 * which is what makes the cast of the shared cache's `unknown` safe.
 */
export async function cachedMetadata<T>(context: RemoteContext, key: string, compute: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
  return valueOf(await context.metadata.get(key, async (abort) => ({ value: await compute(abort) }), signal)) as T;
}

/** A license through the context's license cache, keyed `{ecosystem}|{registry}|{name}|{version}`. */
export async function cachedLicense(context: RemoteContext, key: string, compute: (signal: AbortSignal) => Promise<RemoteLicense>, signal?: AbortSignal): Promise<RemoteLicense> {
  return valueOf(await context.licenses.get(key, async (abort) => ({ value: await compute(abort) }), signal));
}
