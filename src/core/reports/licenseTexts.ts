import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isKnownLicenseId } from '../licenses/spdx';

/** A license's standard text, as published on the SPDX License List. */
export interface StandardText {
  readonly id: string;
  readonly name: string;
  readonly text: string;
}

export type StandardTextLookup = (id: string) => Promise<StandardText | undefined>;

interface LicenseListEntry {
  readonly name?: unknown;
  readonly licenseText?: unknown;
}

/**
 * Standard license texts from the spdx-license-list package (CC0-1.0), read one file per
 * id when a notice needs it: the package holds 12 MB of texts, so loading them all (its
 * `full` export) would cost far more than the few a product uses. Ids are checked against
 * the SPDX list before they become a file name. Texts read once are kept.
 */
export function spdxLicenseTexts(): StandardTextLookup {
  const cache = new Map<string, Promise<StandardText | undefined>>();
  let folder: string | undefined;
  return (id) => {
    if (!isKnownLicenseId(id)) return Promise.resolve(undefined);
    let text = cache.get(id);
    if (!text) {
      folder ??= licenseListFolder();
      text = folder ? readEntry(path.join(folder, `${id}.json`), id) : Promise.resolve(undefined);
      cache.set(id, text);
    }
    return text;
  };
}

/** Resolved at run time, not bundled, so dist/cli.js reads the installed package's files. */
function licenseListFolder(): string | undefined {
  try {
    return path.join(path.dirname(require.resolve('spdx-license-list/package.json')), 'licenses');
  } catch {
    return undefined; // not installed: notices then say the text is not available
  }
}

async function readEntry(file: string, id: string): Promise<StandardText | undefined> {
  try {
    const entry = JSON.parse(await fs.readFile(file, 'utf8')) as LicenseListEntry;
    if (typeof entry.licenseText !== 'string' || entry.licenseText.trim() === '') return undefined;
    return { id, name: typeof entry.name === 'string' ? entry.name : id, text: entry.licenseText.replace(/\r\n?/g, '\n') };
  } catch {
    return undefined; // this id has no text in the list (a few recent ones): the notice says so
  }
}
