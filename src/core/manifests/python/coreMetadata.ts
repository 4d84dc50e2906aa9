/**
 * The license-related headers of Python core metadata: `<dist>.dist-info/METADATA`
 * and `<dist>.egg-info/PKG-INFO`, both RFC 822 style (Name: value, continuation
 * lines indented, a blank line before the long description). Pure: no I/O.
 */

export interface MetadataLicense {
  readonly name?: string;
  readonly version?: string;
  /** `License-Expression` (PEP 639), else a short, single-line `License`. */
  readonly declared?: string;
  /** `Classifier: License :: …` values, in order. */
  readonly classifiers: readonly string[];
  /** `License-File` paths, in order (relative to the metadata folder). */
  readonly licenseFiles: readonly string[];
}

/** A longer `License` is the license's text pasted in, not a name. */
const MAX_LICENSE_FIELD = 100;

/** Header names (lower-cased) to their values, in order; the long description is not read. */
export function parseMetadataHeaders(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let last: { values: string[]; index: number } | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') break; // the body (long description) starts here
    if (line[0] === ' ' || line[0] === '\t') {
      if (last) last.values[last.index] += `\n${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      last = undefined; // not a header: ignored, and nothing continues it
      continue;
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    const values = headers.get(name) ?? [];
    values.push(line.slice(colon + 1).trim());
    headers.set(name, values);
    last = { values, index: values.length - 1 };
  }
  return headers;
}

export function parseMetadataLicense(text: string): MetadataLicense {
  const headers = parseMetadataHeaders(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const first = (name: string): string | undefined => headers.get(name)?.find((value) => value.trim() !== '')?.trim();
  const name = first('name');
  const version = first('version');
  const declared = first('license-expression') ?? shortLicense(first('license'));
  return {
    ...(name ? { name } : {}),
    ...(version ? { version } : {}),
    ...(declared ? { declared } : {}),
    classifiers: (headers.get('classifier') ?? []).filter((value) => /^License\s*::/.test(value)),
    licenseFiles: (headers.get('license-file') ?? []).filter((value) => value !== ''),
  };
}

/**
 * `License:` as a name (`MIT`, `BSD-3-Clause`, `Apache 2.0`), or undefined when it
 * is setuptools' `UNKNOWN` placeholder or a whole license text.
 */
export function shortLicense(value: string | undefined): string | undefined {
  if (!value || value.includes('\n') || value.length > MAX_LICENSE_FIELD) return undefined;
  return /^unknown$/i.test(value) ? undefined : value;
}
