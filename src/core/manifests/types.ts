import type { JsonFileCache } from '../files';
import type { Ecosystem, ParsedManifest } from '../model';
import type { RemoteContext } from '../remote/context';
import type { LicenseSource, LocalEnvironment } from '../resolution';

/**
 * One ecosystem's manifest format. A new ecosystem is a new folder next to `npm/`
 * exporting one of these, plus its license sources; nothing else changes.
 */
export interface ManifestFormat {
  readonly ecosystem: Ecosystem;
  /** Human name of the file type, for messages. */
  readonly label: string;
  /** Glob of the manifest files, for editors' document selectors and file searches. */
  readonly filePattern: string;
  /** True when a file (by its path) is a manifest of this format. */
  matches(filePath: string): boolean;
  /** Text to dependencies with exact ranges. Never throws, whatever the text. */
  parse(text: string): ParsedManifest;
}

/** What an ecosystem's license sources may use. */
export interface SourceContext {
  /** Shared, stat-validated cache for JSON files. */
  readonly files: JsonFileCache;
  readonly environment: LocalEnvironment;
}

/** Everything one ecosystem brings: its manifest formats and its local license sources. */
export interface EcosystemSupport {
  readonly ecosystem: Ecosystem;
  readonly formats: readonly ManifestFormat[];
  /** License sources that read what is already on disk, tried in order. */
  localSources(context: SourceContext): LicenseSource[];
  /** License sources that ask the ecosystem's registry, tried after the local ones. */
  remoteSources?(context: RemoteContext): LicenseSource[];
}
