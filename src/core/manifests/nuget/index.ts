import type { EcosystemSupport } from '../types';
import { remoteSources } from './registry';
import { GlobalPackagesLicenses, NuGetDisk, PackagesFolderLicenses } from './localLicenses';
import { packagesConfigFormat } from './packagesConfig';
import { projectFileFormat } from './projectFile';

/**
 * NuGet / .NET: MSBuild project files and packages.config; licenses from the
 * packages NuGet has already extracted on this machine. The project-local
 * `packages/` folder of a packages.config solution comes first, being what that
 * solution really uses; the global packages folder serves everything else.
 */
export const nugetSupport: EcosystemSupport = {
  ecosystem: 'nuget',
  formats: [projectFileFormat, packagesConfigFormat],
  localSources: ({ environment }) => {
    const disk = new NuGetDisk(environment);
    return [new PackagesFolderLicenses(disk), new GlobalPackagesLicenses(disk)];
  },
  remoteSources: (context) => remoteSources(context),
};
