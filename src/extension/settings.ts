import * as vscode from 'vscode';

/** An immutable snapshot of the `ospoLens.*` settings; the one place they are read. */
export interface Settings {
  readonly enable: boolean;
  readonly debounceMs: number;
}

export const SETTINGS_SECTION = 'ospoLens';

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  return {
    enable: config.get<boolean>('enable', true),
    debounceMs: clamp(config.get<number>('debounceMs', 300), 0, 5000),
  };
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SETTINGS_SECTION);
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
