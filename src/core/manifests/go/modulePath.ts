/** Module paths and versions as the go command writes them to disk. */

/**
 * A path or version as the module cache spells it on disk (golang.org/x/mod/module
 * EscapePath/EscapeVersion): each upper-case letter becomes `!` and its lower-case, so that
 * `github.com/BurntSushi/toml` and `github.com/burntsushi/toml` stay apart on
 * case-insensitive file systems.
 */
export function escapeModulePath(pathOrVersion: string): string {
  return pathOrVersion.replace(/[A-Z]/g, (letter) => `!${letter.toLowerCase()}`);
}

/**
 * True when a replacement names a directory rather than a module (modfile.IsDirectoryPath):
 * relative (`./x`, `../x`, `.`, `..`) or rooted (`/x`, `\x`, `C:`), in Unix or Windows syntax,
 * because go.mod files travel between systems.
 */
export function isDirectoryPath(path: string): boolean {
  return (
    path === '.' ||
    path === '..' ||
    /^\.\.?[/\\]/.test(path) ||
    path.startsWith('/') ||
    path.startsWith('\\') ||
    /^[A-Za-z]:/.test(path)
  );
}

/** The longest of `modules` that is `packagePath` or one of its parent paths. */
export function moduleOfPackage(packagePath: string, modules: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const module of modules) {
    const contains = packagePath === module || packagePath.startsWith(`${module}/`);
    if (contains && (best === undefined || module.length > best.length)) best = module;
  }
  return best;
}

/**
 * A module path safe to join onto a folder: slash-separated, no empty, `.` or `..`
 * element, nothing rooted. The parser already checks the characters; this also guards
 * paths read from vendor/modules.txt.
 */
export function isSafeModulePath(path: string): boolean {
  if (path === '' || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((element) => element !== '' && element !== '.' && element !== '..' && !element.includes(':'));
}
