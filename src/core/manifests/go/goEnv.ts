import * as path from 'node:path';
import type { LocalEnvironment } from '../../resolution';
import type { GoFileCache } from './localFiles';

/**
 * Where the go command keeps downloaded modules, decided as `go env GOMODCACHE` decides it:
 * each variable comes from the environment, else from the go env file (`go env -w` writes
 * it), else its default — GOMODCACHE defaults to the first GOPATH entry's `pkg/mod`, GOPATH
 * to `~/go`.
 */
export async function goModCacheDir(
  environment: LocalEnvironment,
  files: GoFileCache,
  platform: NodeJS.Platform,
  signal?: AbortSignal,
): Promise<string> {
  const envFile = goEnvFilePath(environment, platform);
  signal?.throwIfAborted();
  const written = envFile ? await files.parsed(envFile, 'go-env', parseGoEnvFile) : undefined;
  const lookup = (name: string): string | undefined => nonEmpty(environment.env[name]) ?? nonEmpty(written?.get(name));

  const modCache = lookup('GOMODCACHE');
  if (modCache && isAbsolute(modCache, platform)) return modCache;
  const [firstGopath] = (lookup('GOPATH') ?? '').split(platform === 'win32' ? ';' : ':');
  const gopath = firstGopath && isAbsolute(firstGopath, platform) ? firstGopath : pathFor(platform).join(environment.home, 'go');
  return pathFor(platform).join(gopath, 'pkg', 'mod');
}

/**
 * The go env file (os.UserConfigDir()/go/env), or its replacement named by GOENV;
 * none when GOENV is `off`.
 */
export function goEnvFilePath(environment: LocalEnvironment, platform: NodeJS.Platform): string | undefined {
  const goenv = nonEmpty(environment.env.GOENV);
  if (goenv === 'off') return undefined;
  if (goenv) return goenv;
  const join = pathFor(platform).join;
  if (platform === 'win32') {
    const appData = nonEmpty(environment.env.AppData) ?? nonEmpty(environment.env.APPDATA);
    return appData ? join(appData, 'go', 'env') : undefined;
  }
  if (platform === 'darwin') return join(environment.home, 'Library', 'Application Support', 'go', 'env');
  const xdg = nonEmpty(environment.env.XDG_CONFIG_HOME);
  return join(xdg && xdg.startsWith('/') ? xdg : join(environment.home, '.config'), 'go', 'env');
}

/** `NAME=value` lines, as the go command reads them: a line must start with an upper-case letter. */
export function parseGoEnvFile(text: string): ReadonlyMap<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const equals = line.indexOf('=');
    if (equals < 0 || !/^[A-Z]/.test(line)) continue;
    values.set(line.slice(0, equals), line.slice(equals + 1));
  }
  return values;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function pathFor(platform: NodeJS.Platform): typeof path.posix {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** The go command ignores relative GOPATH and GOMODCACHE values. */
function isAbsolute(dir: string, platform: NodeJS.Platform): boolean {
  return pathFor(platform).isAbsolute(dir);
}
