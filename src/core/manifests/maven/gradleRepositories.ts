import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStringToken, tokenize, type Token } from './gradleTokens';

const isPunct = (token: Token | undefined, value: string): boolean => token?.kind === 'punct' && token.value === value;

/**
 * The URLs of the Maven repositories a Gradle script (build or settings)
 * declares, as written: `maven { url = uri("repo") }`, `maven { url 'repo' }`,
 * `maven { setUrl("repo") }`, `maven("repo")`, `maven(url = "repo")`,
 * `maven(url: 'repo')`. URLs computed in code are not found.
 */
export function declaredMavenRepositoryUrls(text: string): string[] {
  const { tokens } = tokenize(text);
  const urls: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'ident' || token.value !== 'maven' || isPunct(tokens[i - 1], '.')) continue;
    const open = tokens[i + 1];
    if (isPunct(open, '(')) {
      const url = urlValue(tokens, i + 2) ?? labelledUrl(tokens, i + 2);
      if (url !== undefined) urls.push(url);
    } else if (isPunct(open, '{')) {
      const url = urlInBlock(tokens, i + 2);
      if (url !== undefined) urls.push(url);
    }
  }
  return urls;
}

/** `url = …`, `url …`, `setUrl(…)` in the body of a `maven { }` block starting at `from`. */
function urlInBlock(tokens: readonly Token[], from: number): string | undefined {
  let depth = 0;
  for (let j = from; j < tokens.length; j++) {
    const token = tokens[j];
    if (isPunct(token, '{')) depth++;
    if (isPunct(token, '}') && depth-- === 0) return undefined;
    if (depth !== 0 || token.kind !== 'ident') continue;
    if (token.value === 'url') {
      const url = urlValue(tokens, isPunct(tokens[j + 1], '=') ? j + 2 : j + 1);
      if (url !== undefined) return url;
    } else if (token.value === 'setUrl' && isPunct(tokens[j + 1], '(')) {
      const url = urlValue(tokens, j + 2);
      if (url !== undefined) return url;
    }
  }
  return undefined;
}

/** `url = "…"` or `url: '…'` as an argument starting at `from`. */
function labelledUrl(tokens: readonly Token[], from: number): string | undefined {
  const label = tokens[from];
  if (label?.kind !== 'ident' || label.value !== 'url') return undefined;
  return isPunct(tokens[from + 1], '=') || isPunct(tokens[from + 1], ':') ? urlValue(tokens, from + 2) : undefined;
}

/** A string, or `uri("…")`/`file("…")`, at `at`. */
function urlValue(tokens: readonly Token[], at: number): string | undefined {
  const token = tokens[at];
  if (isStringToken(token) && token.terminated) return token.value;
  const wrapped = tokens[at + 2];
  if (token?.kind === 'ident' && (token.value === 'uri' || token.value === 'file') && isPunct(tokens[at + 1], '(') && isStringToken(wrapped) && wrapped.terminated) {
    return wrapped.value;
  }
  return undefined;
}

/**
 * The local folder a repository URL points to, or undefined for a remote one
 * (or one whose `${…}` we cannot resolve). Relative paths resolve against the
 * script's project folder, as Gradle's `uri()`/`file()` do; `$rootDir` and
 * `$projectDir` are the root and current project folders.
 */
export function localRepositoryFolder(url: string, projectFolder: string, rootFolder: string): string | undefined {
  const known: Readonly<Record<string, string>> = {
    rootDir: rootFolder,
    'rootProject.rootDir': rootFolder,
    'rootProject.projectDir': rootFolder,
    'project.rootDir': rootFolder,
    projectDir: projectFolder,
    'project.projectDir': projectFolder,
    settingsDir: rootFolder,
  };
  const expanded = url.replace(/\$\{\s*([\w.]+)\s*\}|\$([A-Za-z_][\w.]*)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const key = braced ?? bare ?? '';
    return known[key] ?? whole;
  });
  if (expanded.includes('$')) return undefined;
  if (/^file:/i.test(expanded)) {
    try {
      return /^file:\/\//i.test(expanded) ? fileURLToPath(expanded) : path.resolve(projectFolder, decodeURIComponent(expanded.slice(5)));
    } catch {
      return undefined;
    }
  }
  // Any other scheme (https:, s3:, gcs:) is remote; a Windows drive letter is not a scheme.
  if (/^[a-z][a-z0-9+.-]+:/i.test(expanded)) return undefined;
  return path.resolve(projectFolder, expanded);
}
