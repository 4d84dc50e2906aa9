import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Where npm packages come from, as configured by .npmrc files. */
export interface NpmRegistryConfig {
  /** The default registry, ending in "/". */
  readonly registry: string;
  /** Registries per scope (`@acme` → URL ending in "/"). */
  readonly scopes: Readonly<Record<string, string>>;
  /** Auth per registry prefix (`//host/path/`), never sent anywhere else. */
  readonly auth: Readonly<Record<string, { readonly token?: string; readonly basic?: string }>>;
}

export const PUBLIC_NPM_REGISTRY = 'https://registry.npmjs.org/';

/**
 * Parses .npmrc text: `key=value` lines, `;`/`#` comments, `${VAR}` from the
 * environment. Later files override earlier ones, as npm layers user and project config.
 */
export function parseNpmrc(text: string, env: Readonly<Record<string, string | undefined>>, base: NpmRegistryConfig): NpmRegistryConfig {
  let registry = base.registry;
  const scopes: Record<string, string> = { ...base.scopes };
  const auth: Record<string, { token?: string; basic?: string }> = { ...base.auth };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const equals = line.indexOf('=');
    if (equals < 0) continue;
    const key = line.slice(0, equals).trim();
    const value = unquote(line.slice(equals + 1).trim()).replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => env[name] ?? '');
    if (key === 'registry') {
      registry = withSlash(value);
    } else if (/^@[^:]+:registry$/.test(key)) {
      scopes[key.slice(0, key.indexOf(':'))] = withSlash(value);
    } else {
      const credential = /^(\/\/.+?):(_authToken|_auth)$/.exec(key);
      if (credential) {
        const prefix = withSlash(credential[1]);
        auth[prefix] = { ...auth[prefix], ...(credential[2] === '_authToken' ? { token: value } : { basic: value }) };
      }
    }
  }
  return { registry, scopes, auth };
}

/**
 * The configuration for a project: the user's ~/.npmrc, then the project's
 * .npmrc (nearest upward from the manifest) — unless the workspace is not
 * trusted, when nothing the workspace configures is used.
 */
export async function loadNpmConfig(manifestPath: string, home: string, env: Readonly<Record<string, string | undefined>>, trustWorkspace: boolean): Promise<NpmRegistryConfig> {
  let config: NpmRegistryConfig = { registry: PUBLIC_NPM_REGISTRY, scopes: {}, auth: {} };
  const user = await readIfExists(path.join(home, '.npmrc'));
  if (user !== undefined) config = parseNpmrc(user, env, config);
  if (trustWorkspace) {
    const project = await findUpward(path.dirname(path.resolve(manifestPath)), '.npmrc', home);
    if (project !== undefined) config = parseNpmrc(project, env, config);
  }
  return config;
}

/** The registry for a package name: its scope's registry, else the default. */
export function registryFor(config: NpmRegistryConfig, name: string): string {
  const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined;
  return (scope && config.scopes[scope]) || config.registry;
}

/**
 * The Authorization header for a URL, only when a credential was configured for
 * exactly that host and a path prefix of the URL: a token never goes elsewhere.
 */
export function authorizationFor(config: NpmRegistryConfig, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const target = `//${parsed.host}${parsed.pathname}`;
  let best: { prefix: string; token?: string; basic?: string } | undefined;
  for (const [prefix, credential] of Object.entries(config.auth)) {
    if (target.startsWith(prefix) && (!best || prefix.length > best.prefix.length)) best = { prefix, ...credential };
  }
  if (best?.token) return `Bearer ${best.token}`;
  if (best?.basic) return `Basic ${best.basic}`;
  return undefined;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function unquote(value: string): string {
  return /^".*"$|^'.*'$/.test(value) ? value.slice(1, -1) : value;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function findUpward(start: string, name: string, stopAt: string): Promise<string | undefined> {
  let dir = start;
  for (;;) {
    // The user's own ~/.npmrc is read separately; do not read it twice as "the project's".
    if (dir !== stopAt) {
      const text = await readIfExists(path.join(dir, name));
      if (text !== undefined) return text;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
