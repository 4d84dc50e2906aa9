import * as os from 'node:os';
import * as vscode from 'vscode';
import type { RegistryUrls } from '../core/remote/context';
import { SOURCE_KINDS, type SourceKind } from '../core/resolution';

/** An immutable snapshot of the `ospoLens.*` settings; the one place they are read. */
export interface Settings {
  readonly enable: boolean;
  readonly debounceMs: number;
  /** No network at all. */
  readonly offline: boolean;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly registries: RegistryUrls;
  readonly sourceKinds: readonly SourceKind[];
  readonly pythonVenv?: string;
}

export const SETTINGS_SECTION = 'ospoLens';

/** Settings that send requests somewhere: a workspace may not set them unless trusted. */
const REGISTRY_KEYS: ReadonlyArray<keyof RegistryUrls> = ['npm', 'pypi', 'crates', 'maven', 'goProxy', 'nuget', 'depsDev'];

export function readSettings(trusted = vscode.workspace.isTrusted): Settings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const registries: Record<string, string> = {};
  for (const key of REGISTRY_KEYS) {
    // In an untrusted workspace only the user's own value counts: nothing the
    // workspace configures may receive our requests (VS Code also restricts
    // these through `restrictedConfigurations`; this is the belt to those braces).
    const value = trusted ? config.get<string>(`registries.${key}`) : config.inspect<string>(`registries.${key}`)?.globalValue;
    if (typeof value === 'string' && isAllowedRegistryUrl(value.trim())) registries[key] = value.trim();
  }
  const kinds = config.get<string[]>('licenseSources', [...SOURCE_KINDS]).filter((k): k is SourceKind => (SOURCE_KINDS as readonly string[]).includes(k));
  const venv = config.get<string>('python.virtualEnvironment', '').trim();
  return {
    enable: config.get<boolean>('enable', true),
    debounceMs: clamp(config.get<number>('debounceMs', 300), 0, 5000),
    offline: config.get<boolean>('offline', false),
    concurrency: clamp(config.get<number>('network.concurrency', 8), 1, 64),
    timeoutMs: clamp(config.get<number>('network.timeoutSeconds', 10), 1, 120) * 1000,
    registries,
    sourceKinds: kinds.length > 0 ? kinds : [...SOURCE_KINDS],
    ...(venv ? { pythonVenv: venv.replace(/^~(?=$|[\\/])/, os.homedir()) } : {}),
  };
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SETTINGS_SECTION);
}

/** https anywhere; plain http only to this machine (a local mirror or a test registry). */
function isAllowedRegistryUrl(url: string): boolean {
  return /^https:\/\//i.test(url) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i.test(url);
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
