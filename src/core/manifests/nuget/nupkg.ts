import { promises as fs } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/**
 * Reads one file out of a `.nupkg` (a zip archive). The `packages/` folder of a
 * packages.config solution holds `<Id>.<Version>/<Id>.<Version>.nupkg` and the
 * extracted content, but by default not the .nuspec (NuGet's PackageSaveMode
 * "nupkg"), so the license is only inside the archive. Only what a nupkg uses is
 * supported: stored or deflated entries, no zip64, no encryption.
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** The end record is 22 bytes plus a comment of at most 65535 bytes. */
const MAX_END_SEARCH = 22 + 0xffff;
/** Metadata and license files are small; anything bigger is not read. */
export const MAX_ENTRY_SIZE = 1024 * 1024;

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

/**
 * The content of the first entry `pick` accepts, as UTF-8 text; undefined when
 * the archive is missing, malformed, or has no such entry.
 */
export async function readZipEntry(archive: string, pick: (name: string) => boolean): Promise<string | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(archive, 'r');
    const { size } = await handle.stat();
    const entries = await centralDirectory(handle, size);
    const entry = entries?.find((e) => pick(e.name));
    if (!entry || entry.size > MAX_ENTRY_SIZE || entry.compressedSize > MAX_ENTRY_SIZE) return undefined;
    const data = await entryData(handle, entry);
    return data?.toString('utf8');
  } catch {
    return undefined; // an unreadable or corrupt archive counts as absent
  } finally {
    await handle?.close();
  }
}

async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

async function centralDirectory(handle: fs.FileHandle, fileSize: number): Promise<ZipEntry[] | undefined> {
  const tailLength = Math.min(fileSize, MAX_END_SEARCH);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (directoryOffset + directorySize > fileSize) return undefined;
  return parseEntries(await readAt(handle, directoryOffset, directorySize), count);
}

function parseEntries(directory: Buffer, count: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let offset = 0;
  for (let i = 0; i < count && offset + 46 <= directory.length; i++) {
    if (directory.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) break;
    const nameLength = directory.readUInt16LE(offset + 28);
    const extraLength = directory.readUInt16LE(offset + 30);
    const commentLength = directory.readUInt16LE(offset + 32);
    entries.push({
      method: directory.readUInt16LE(offset + 10),
      compressedSize: directory.readUInt32LE(offset + 20),
      size: directory.readUInt32LE(offset + 24),
      localHeaderOffset: directory.readUInt32LE(offset + 42),
      name: directory.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function entryData(handle: fs.FileHandle, entry: ZipEntry): Promise<Buffer | undefined> {
  const header = await readAt(handle, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_FILE_HEADER) return undefined;
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const compressed = await readAt(handle, start, entry.compressedSize);
  if (entry.method === 0) return compressed;
  if (entry.method === 8) return inflateRawSync(compressed, { maxOutputLength: MAX_ENTRY_SIZE });
  return undefined;
}
