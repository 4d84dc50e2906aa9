import type { EcosystemSupport } from '../types';
import { remoteSources } from './registry';
import { buildGradleFormat, buildGradleKtsFormat } from './buildGradle';
import { mavenLocalSources } from './localLicenses';
import { pomXmlFormat } from './pomXml';

/** Java: Maven's pom.xml and Gradle's build scripts, both resolving from Maven repositories. */
export const mavenSupport: EcosystemSupport = {
  ecosystem: 'maven',
  formats: [pomXmlFormat, buildGradleFormat, buildGradleKtsFormat],
  localSources: ({ environment }) => mavenLocalSources(environment),
  remoteSources: (context) => remoteSources(context),
};
