import type { ManifestFormat } from './types';
import { packageJsonFormat } from './npm/packageJson';

/** Every supported manifest format. A new ecosystem adds itself here and nowhere else. */
export const MANIFEST_FORMATS: readonly ManifestFormat[] = [packageJsonFormat];

export function formatForPath(filePath: string): ManifestFormat | undefined {
  return MANIFEST_FORMATS.find((format) => format.matches(filePath));
}
