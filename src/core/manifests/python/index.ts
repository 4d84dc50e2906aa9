import type { EcosystemSupport } from '../types';
import { pyprojectFormat } from './pyprojectToml';
import { requirementsFormats } from './requirementsTxt';
import { SitePackagesLicenses } from './sitePackages';

export const pythonSupport: EcosystemSupport = {
  ecosystem: 'pypi',
  formats: [pyprojectFormat, ...requirementsFormats],
  localSources: ({ environment }) => [new SitePackagesLicenses(environment)],
};
