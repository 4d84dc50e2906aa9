import type { HttpClient } from '../net/http';
import { parseGuide, type Guide } from './guide';

/**
 * An organisation's guides published at a URL: one JSON document,
 * `{ "guides": { "usage.md": "<markdown>", "contribution.md": "…" } }`.
 * One request fetches the whole set; the limits keep a hostile or broken
 * server from filling memory.
 */
export const MAX_BUNDLE_BYTES = 2 * 1024 * 1024;
const MAX_GUIDES = 50;

/** https anywhere; plain http only to this machine (a local server, or a test). */
export function isAllowedGuideUrl(url: string): boolean {
  return /^https:\/\//i.test(url) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i.test(url);
}

export type BundleResult = { readonly ok: true; readonly guides: Guide[] } | { readonly ok: false; readonly error: string };

export function parseGuideBundle(text: string): BundleResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'the guide bundle is not JSON' };
  }
  const files = (json as { guides?: unknown } | null)?.guides;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) {
    return { ok: false, error: 'the guide bundle has no "guides" object of file name → markdown' };
  }
  const entries = Object.entries(files as Record<string, unknown>).filter(
    (entry): entry is [string, string] => /^[\w.-]+\.md$/i.test(entry[0]) && typeof entry[1] === 'string',
  );
  if (entries.length === 0) return { ok: false, error: 'the guide bundle holds no markdown guides' };
  return {
    ok: true,
    guides: entries
      .slice(0, MAX_GUIDES)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, markdown]) => parseGuide(markdown, name.replace(/\.md$/i, ''))),
  };
}

/** Fetches and parses a guide bundle; rejects with a plain reason. */
export async function fetchGuideBundle(url: string, http: HttpClient, signal?: AbortSignal): Promise<Guide[]> {
  if (!isAllowedGuideUrl(url)) throw new Error(`guide bundles are fetched over https only, not ${url}`);
  const response = await http.get({ url, maxBytes: MAX_BUNDLE_BYTES, ...(signal ? { signal } : {}), headers: { accept: 'application/json' } });
  const result = parseGuideBundle(new TextDecoder().decode(response.body));
  if (!result.ok) throw new Error(result.error);
  return result.guides;
}
