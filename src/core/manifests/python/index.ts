import type { EcosystemSupport } from '../types';
import { remoteSources } from './registry';
import { pyprojectFormat } from './pyprojectToml';
import { requirementsFormats } from './requirementsTxt';
import { SitePackagesLicenses } from './sitePackages';

export const pythonSupport: EcosystemSupport = {
  ecosystem: 'pypi',
  formats: [pyprojectFormat, ...requirementsFormats],
  localSources: ({ environment }) => [new SitePackagesLicenses(environment)],
  remoteSources: (context) => remoteSources(context),
};
