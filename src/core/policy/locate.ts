import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { getDefaultPolicy, loadPolicy, type PolicyLoadResult } from './load';

/** Where an organisation keeps its policy, relative to a folder above the manifest. */
export const POLICY_PATH = path.join('.ospo', 'policy.json');

export interface LocatedPolicy {
  /** The policy file that governs the manifest, or undefined for the embedded default. */
  readonly file?: string;
  readonly result: PolicyLoadResult;
}

export type ReadText = (file: string) => Promise<string>;

const readFromDisk: ReadText = (file) => fs.readFile(file, 'utf8');

/**
 * Finds the policy for a manifest: the nearest `.ospo/policy.json` upward from
 * it, else the embedded default. Loaded policies are cached until `clear()`.
 */
export class PolicyLocator {
  private readonly cache = new Map<string, Promise<PolicyLoadResult>>();

  constructor(private readonly readText: ReadText = readFromDisk) {}

  async locate(manifestPath: string): Promise<LocatedPolicy> {
    const file = await findPolicyFile(path.dirname(path.resolve(manifestPath)));
    if (!file) return { result: { ok: true, policy: getDefaultPolicy() } };
    let loading = this.cache.get(file);
    if (!loading) {
      loading = loadPolicy(file, this.readText);
      this.cache.set(file, loading);
    }
    return { file, result: await loading };
  }

  clear(): void {
    this.cache.clear();
  }
}

export async function findPolicyFile(startDir: string): Promise<string | undefined> {
  let dir = startDir;
  for (;;) {
    const candidate = path.join(dir, POLICY_PATH);
    try {
      if ((await fs.stat(candidate)).isFile()) return candidate;
    } catch {
      // not here; look further up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
