import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { DependencyResult } from '../check';
import { collectPackages, relativePath, type FoundText, type PackageEntry, type PackageTexts, type ReportManifest } from './common';
import { copyrightLines } from './copyright';

/** LICENSE, LICENCE.md, COPYING.LESSER, LICENSE-MIT, NOTICE.txt, COPYRIGHT… at a package's top level. */
const LICENSE_FILE = /^(?:licen[cs]e|copying|copyright|unlicense)(?:[-._][\w.-]*)?$/i;
const NOTICE_FILE = /^notice(?:[-._][\w.-]*)?$/i;
/** A license file larger than this is not a license file. */
const MAX_FILE_BYTES = 512 * 1024;

/**
 * The license and notice files of each package, where the package sits on disk in a place
 * we can find from its manifest: npm's node_modules (searched upward, as Node resolves),
 * Cargo's and Go's vendor folders. Packages found nowhere have no entry; the notices then
 * fall back to the standard text of their SPDX license.
 */
export async function findPackageTexts(manifests: readonly ReportManifest[], root: string): Promise<Map<string, PackageTexts>> {
  const found = new Map<string, PackageTexts>();
  for (const entry of collectPackages(manifests)) {
    const texts = await textsOf(entry, root);
    if (texts) found.set(entry.purl, texts);
  }
  return found;
}

async function textsOf(entry: PackageEntry, root: string): Promise<PackageTexts | undefined> {
  for (const use of entry.uses) {
    for (const dir of candidateFolders(use)) {
      const texts = await readPackageFolder(dir, root);
      if (texts) return texts;
    }
  }
  return undefined;
}

function candidateFolders(use: DependencyResult): string[] {
  const manifestDir = path.dirname(use.manifest);
  switch (use.ecosystem) {
    case 'npm':
      return ancestors(manifestDir).map((dir) => path.join(dir, 'node_modules', ...use.name.split('/')));
    case 'cargo':
      return [path.join(manifestDir, 'vendor', use.name), ...(use.version ? [path.join(manifestDir, 'vendor', `${use.name}-${use.version}`)] : [])];
    case 'go':
      return [path.join(manifestDir, 'vendor', ...use.name.split('/'))];
    default:
      return [];
  }
}

function ancestors(dir: string): string[] {
  const dirs = [dir];
  for (let parent = path.dirname(dir); parent !== dirs.at(-1); parent = path.dirname(parent)) dirs.push(parent);
  return dirs;
}

async function readPackageFolder(dir: string, root: string): Promise<PackageTexts | undefined> {
  let names: string[];
  try {
    names = (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
  } catch {
    return undefined; // not installed here
  }
  const licenseFiles: FoundText[] = [];
  const noticeFiles: FoundText[] = [];
  for (const name of names) {
    const isNotice = NOTICE_FILE.test(name);
    if (!isNotice && !LICENSE_FILE.test(name)) continue;
    const text = await readSmallText(path.join(dir, name));
    if (text === undefined) continue;
    (isNotice ? noticeFiles : licenseFiles).push({ file: relativePath(path.join(dir, name), root), text });
  }
  if (licenseFiles.length === 0 && noticeFiles.length === 0) return undefined;
  const copyrights = [...new Set([...licenseFiles, ...noticeFiles].flatMap((f) => copyrightLines(f.text)))];
  return { licenseFiles, noticeFiles, copyrights };
}

async function readSmallText(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_FILE_BYTES) return undefined;
    const text = await fs.readFile(file, 'utf8');
    return text.includes('\u0000') ? undefined : text.replace(/\r\n?/g, '\n');
  } catch {
    return undefined; // unreadable: the notices fall back to the standard text
  }
}
