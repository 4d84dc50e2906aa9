import type { EcosystemSupport } from '../types';
import { InstalledPackageLicenses, PackageLockLicenses } from './localLicenses';
import { packageJsonFormat } from './packageJson';
import { NpmRegistryLicenses } from './registry';

export const npmSupport: EcosystemSupport = {
  ecosystem: 'npm',
  formats: [packageJsonFormat],
  localSources: ({ files }) => [new InstalledPackageLicenses(files), new PackageLockLicenses(files)],
  remoteSources: (context) => [new NpmRegistryLicenses(context)],
};
