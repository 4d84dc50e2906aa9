import type { Ecosystem } from '../model';
import type { LicenseSource } from '../resolution';
import { cargoSupport } from './cargo';
import { goSupport } from './go';
import { mavenSupport } from './maven';
import { npmSupport } from './npm';
import { nugetSupport } from './nuget';
import { pythonSupport } from './python';
import type { EcosystemSupport, ManifestFormat, SourceContext } from './types';

/** Every supported ecosystem. A new ecosystem adds itself here and nowhere else. */
export const ECOSYSTEM_SUPPORT: readonly EcosystemSupport[] = [npmSupport, pythonSupport, cargoSupport, goSupport, mavenSupport, nugetSupport];

export const MANIFEST_FORMATS: readonly ManifestFormat[] = ECOSYSTEM_SUPPORT.flatMap((support) => support.formats);

export function formatForPath(filePath: string): ManifestFormat | undefined {
  return MANIFEST_FORMATS.find((format) => format.matches(filePath));
}

/** Creates each ecosystem's local license sources once, on first use. */
export class LocalLicenseSources {
  private readonly created = new Map<Ecosystem, LicenseSource[]>();

  constructor(private readonly context: SourceContext) {}

  for(ecosystem: Ecosystem): readonly LicenseSource[] {
    let sources = this.created.get(ecosystem);
    if (!sources) {
      sources = ECOSYSTEM_SUPPORT.find((support) => support.ecosystem === ecosystem)?.localSources(this.context) ?? [];
      this.created.set(ecosystem, sources);
    }
    return sources;
  }
}
