import type { EcosystemSupport } from '../types';
import { InstalledPackageLicenses, PackageLockLicenses } from './localLicenses';
import { packageJsonFormat } from './packageJson';

export const npmSupport: EcosystemSupport = {
  ecosystem: 'npm',
  formats: [packageJsonFormat],
  localSources: ({ files }) => [new InstalledPackageLicenses(files), new PackageLockLicenses(files)],
};
