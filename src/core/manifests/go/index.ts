import type { EcosystemSupport } from '../types';
import { remoteSources } from './registry';
import { goModFormat } from './goMod';
import { GoFileCache } from './localFiles';
import { GoLocalReplacementLicenses, GoModuleCacheLicenses, GoVendorLicenses } from './localLicenses';

/**
 * Go modules: go.mod, with licenses read from the module's LICENSE file — a local
 * replacement's folder first (it is what gets built), then vendor/, then the module cache.
 */
export const goSupport: EcosystemSupport = {
  ecosystem: 'go',
  formats: [goModFormat],
  localSources: ({ environment }) => {
    // Go metadata is text, not JSON: one stat-validated cache shared by the three sources.
    const files = new GoFileCache();
    return [new GoLocalReplacementLicenses(files), new GoVendorLicenses(files), new GoModuleCacheLicenses(files, environment)];
  },
  remoteSources: (context) => remoteSources(context),
};
