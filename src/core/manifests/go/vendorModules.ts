/**
 * vendor/modules.txt, written by `go mod vendor`:
 *
 *     # github.com/BurntSushi/toml v1.3.2
 *     ## explicit; go 1.16
 *     github.com/BurntSushi/toml
 *     github.com/BurntSushi/toml/internal
 *     # example.com/old v1.0.0 => example.com/fork v1.0.1
 *     # example.com/mine v0.0.0 => ../mine
 *
 * `# module version [=> replacement [version]]` opens a module; `##` lines are its
 * annotations; other lines are its vendored packages. Only the module lines matter here:
 * they give the version the build uses.
 */

export interface VendoredModule {
  readonly path: string;
  readonly version?: string;
  /** The replacement as written after `=>` (a module path and version, or a directory). */
  readonly replacement?: string;
}

/** Vendored modules by path. Never throws; lines it does not understand are skipped. */
export function parseVendorModules(text: string): ReadonlyMap<string, VendoredModule> {
  const modules = new Map<string, VendoredModule>();
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('# ')) continue;
    const [left, right] = line.slice(2).split(' => ', 2);
    const [path, version] = left.trim().split(/\s+/);
    if (!path) continue;
    // A replacement-only line (`# old => new v`) records a replacement of every version;
    // it never overrides a module line's version.
    const existing = modules.get(path);
    modules.set(path, {
      path,
      ...(version ? { version } : existing?.version ? { version: existing.version } : {}),
      ...(right?.trim() ? { replacement: right.trim() } : {}),
    });
  }
  return modules;
}
