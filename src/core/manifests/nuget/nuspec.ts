import { attributeValue, childText, firstChild, nameIs, parseXml, elementText } from './xml';

/**
 * The license part of a package's `.nuspec` (its metadata, inside every .nupkg
 * and next to it in the global packages folder).
 * See https://learn.microsoft.com/nuget/reference/nuspec#license.
 */
export interface NuspecLicense {
  readonly id?: string;
  readonly version?: string;
  /** `<license type="expression">MIT</license>`: an SPDX expression. */
  readonly expression?: string;
  /** `<license type="file">LICENSE.txt</license>`: a file inside the package. */
  readonly file?: string;
  /** `<licenseUrl>`, deprecated since NuGet 4.9 but still what older packages carry. */
  readonly url?: string;
}

/** Reads a nuspec; undefined when the text is not one (no `<package><metadata>`). */
export function readNuspec(text: string): NuspecLicense | undefined {
  const { root } = parseXml(text);
  if (!root || !nameIs(root, 'package')) return undefined;
  const metadata = firstChild(root, 'metadata');
  if (!metadata) return undefined;
  const license = firstChild(metadata, 'license');
  const licenseText = license ? elementText(license, text)?.value : undefined;
  const licenseType = license ? (attributeValue(license, 'type') ?? '').trim().toLowerCase() : '';
  const fields: Array<[keyof NuspecLicense, string | undefined]> = [
    ['id', childText(metadata, 'id', text)],
    ['version', childText(metadata, 'version', text)],
    ['expression', licenseType === 'expression' ? licenseText : undefined],
    ['file', licenseType === 'file' ? licenseText : undefined],
    ['url', childText(metadata, 'licenseUrl', text)],
  ];
  return Object.fromEntries(fields.filter(([, value]) => value !== undefined && value !== '')) as NuspecLicense;
}

/** What `nuget pack` writes into licenseUrl for a package whose license is a file. */
const DEPRECATE_LICENSE_URL = /^https?:\/\/aka\.ms\/deprecateLicenseUrl\/?$/i;

/**
 * What a `<licenseUrl>` declares:
 * - `https://licenses.nuget.org/<expression>` embeds the package's SPDX expression
 *   (nuget.org writes it for packages that declare one): that expression, decoded;
 * - `https://aka.ms/deprecateLicenseUrl` only says "see the license element": nothing;
 * - any other URL as written. The license normaliser recognises the well-known pages
 *   of one license (opensource.org, apache.org, spdx.org…); for the rest (a GitHub
 *   LICENSE file, a vendor's EULA) the user sees where the license is, and the
 *   policy asks for a review as for any unrecognised license.
 */
export function licenseFromUrl(url: string): string | undefined {
  const trimmed = url.trim();
  if (trimmed === '' || DEPRECATE_LICENSE_URL.test(trimmed)) return undefined;
  const embedded = /^https?:\/\/licenses\.nuget\.org\/([^?#]+)$/i.exec(trimmed);
  if (embedded) {
    const expression = safeDecode(embedded[1]).replace(/\/+$/, '').trim();
    return expression === '' ? undefined : expression;
  }
  return trimmed;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
