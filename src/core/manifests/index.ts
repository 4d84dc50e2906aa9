import type { Ecosystem } from '../model';
import type { RemoteContext } from '../remote/context';
import { orderSources, SOURCE_KINDS, type LicenseSource, type SourceKind } from '../resolution';
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

export interface LicenseSourceOptions {
  readonly local: SourceContext;
  /** Absent when offline: no source may use the network. */
  readonly remote?: RemoteContext;
  /** The kinds of source to use, in order (default: local, lockfile, registry, depsdev). */
  readonly kinds?: readonly SourceKind[];
  /** Fallback sources for every ecosystem (deps.dev), tried after the ecosystem's own. */
  readonly fallback?: (ecosystem: Ecosystem, remote: RemoteContext) => LicenseSource[];
}

/** Creates each ecosystem's license sources once, on first use, in the user's order. */
export class LicenseSources {
  private readonly created = new Map<Ecosystem, LicenseSource[]>();

  constructor(private readonly options: LicenseSourceOptions) {}

  get online(): boolean {
    return this.options.remote !== undefined;
  }

  for(ecosystem: Ecosystem): readonly LicenseSource[] {
    let sources = this.created.get(ecosystem);
    if (!sources) {
      const support = ECOSYSTEM_SUPPORT.find((s) => s.ecosystem === ecosystem);
      const { local, remote, fallback } = this.options;
      const all = [
        ...(support?.localSources(local) ?? []),
        ...(remote ? (support?.remoteSources?.(remote) ?? []) : []),
        ...(remote && fallback ? fallback(ecosystem, remote) : []),
      ];
      sources = orderSources(all, this.options.kinds ?? SOURCE_KINDS);
      this.created.set(ecosystem, sources);
    }
    return sources;
  }
}

/** Local sources only: what the CLI's --offline and the tests use. */
export class LocalLicenseSources extends LicenseSources {
  constructor(context: SourceContext) {
    super({ local: context });
  }
}
