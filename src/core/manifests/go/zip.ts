import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

/**
 * A minimal zip reader for archives that come from the network (Go module zips): it reads the
 * central directory and then only the entries asked for, through a random-access `ZipSource`
 * (an in-memory body, or HTTP range requests), so a large module is never inflated whole.
 *
 * Only what `go mod download` archives use is supported: stored or deflated entries, no zip64,
 * no encryption. Nothing is trusted: every offset and size is checked against the archive,
 * an entry's output is capped while it is inflated (a small entry may claim a small size and
 * inflate to gigabytes), and its CRC-32 is checked. Every problem is a ZipError.
 */

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

/** Random access to an archive's bytes. */
export interface ZipSource {
  readonly size: number;
  /** Exactly `length` bytes at `offset` (the caller keeps both within `size`). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const END_RECORD_SIZE = 22;
const CENTRAL_ENTRY_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
/** The end record is 22 bytes plus a comment of at most 65535 bytes. */
const MAX_END_SEARCH = END_RECORD_SIZE + 0xffff;
/** A module of 100 000 files has a directory of about 10 MB; a bigger one is not a module zip. */
const MAX_CENTRAL_DIRECTORY_BYTES = 32 * 1024 * 1024;
const ENCRYPTED = 0x0001;
const STORED = 0;
const DEFLATED = 8;

export function bufferSource(bytes: Uint8Array): ZipSource {
  return { size: bytes.byteLength, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}

/** The entries of the archive's central directory, in order. */
export async function zipEntries(source: ZipSource): Promise<ZipEntry[]> {
  const tailLength = Math.min(source.size, MAX_END_SEARCH);
  if (tailLength < END_RECORD_SIZE) throw new ZipError('not a zip archive (too short)');
  const tail = view(await source.read(source.size - tailLength, tailLength));
  let end = -1;
  for (let i = tail.byteLength - END_RECORD_SIZE; i >= 0; i--) {
    if (tail.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('not a zip archive (no end of central directory record; truncated?)');
  const count = tail.getUint16(end + 10, true);
  const directorySize = tail.getUint32(end + 12, true);
  const directoryOffset = tail.getUint32(end + 16, true);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) throw new ZipError('a zip64 archive, which is not supported');
  const endOffset = source.size - tailLength + end;
  if (directoryOffset + directorySize > endOffset) throw new ZipError('the central directory lies outside the archive (truncated?)');
  if (directorySize > MAX_CENTRAL_DIRECTORY_BYTES) throw new ZipError(`the central directory is larger than ${megabytes(MAX_CENTRAL_DIRECTORY_BYTES)}`);
  if (count * CENTRAL_ENTRY_SIZE > directorySize) throw new ZipError('the central directory is shorter than its entry count says');
  return parseCentralDirectory(await source.read(directoryOffset, directorySize), count, directoryOffset);
}

function parseCentralDirectory(bytes: Uint8Array, count: number, directoryOffset: number): ZipEntry[] {
  const directory = view(bytes);
  const names = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_ENTRY_SIZE > bytes.byteLength || directory.getUint32(at, true) !== CENTRAL_DIRECTORY_ENTRY) {
      throw new ZipError(`the central directory is damaged at entry ${i + 1}`);
    }
    const nameLength = directory.getUint16(at + 28, true);
    const extraLength = directory.getUint16(at + 30, true);
    const commentLength = directory.getUint16(at + 32, true);
    const next = at + CENTRAL_ENTRY_SIZE + nameLength + extraLength + commentLength;
    if (next > bytes.byteLength) throw new ZipError(`the central directory is damaged at entry ${i + 1}`);
    const entry: ZipEntry = {
      flags: directory.getUint16(at + 8, true),
      method: directory.getUint16(at + 10, true),
      crc32: directory.getUint32(at + 16, true),
      compressedSize: directory.getUint32(at + 20, true),
      size: directory.getUint32(at + 24, true),
      localHeaderOffset: directory.getUint32(at + 42, true),
      name: names.decode(bytes.subarray(at + CENTRAL_ENTRY_SIZE, at + CENTRAL_ENTRY_SIZE + nameLength)),
    };
    if (entry.localHeaderOffset + LOCAL_HEADER_SIZE + entry.compressedSize > directoryOffset) {
      throw new ZipError(`entry ${entry.name} lies outside the archive's data`);
    }
    entries.push(entry);
    at = next;
  }
  return entries;
}

const inflateRaw = promisify(zlib.inflateRaw) as (data: Uint8Array, options: zlib.ZlibOptions & { maxOutputLength: number }) => Promise<Buffer>;

/**
 * The content of one entry, at most `maxBytes` of it inflated: a larger entry — declared or
 * found while inflating — is a ZipError, never a large allocation.
 */
export async function readZipEntry(source: ZipSource, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  if (entry.flags & ENCRYPTED) throw new ZipError(`${entry.name} is encrypted`);
  if (entry.method !== STORED && entry.method !== DEFLATED) throw new ZipError(`${entry.name} uses compression method ${entry.method}, which is not supported`);
  // Deflate never grows data by more than a few bytes per 16 KB block.
  const maxCompressed = entry.method === STORED ? maxBytes : maxBytes + Math.ceil(maxBytes / 16384) * 5 + 64;
  if (entry.size > maxBytes || entry.compressedSize > maxCompressed) {
    throw new ZipError(`${entry.name} is larger than ${megabytes(maxBytes)}`);
  }
  const data = await entryData(source, entry);
  let content: Buffer;
  if (entry.method === STORED) {
    content = Buffer.from(data);
  } else {
    try {
      content = await inflateRaw(data, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipError(`${entry.name} inflates to more than ${megabytes(maxBytes)}`);
      throw new ZipError(`${entry.name} cannot be inflated (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (content.byteLength !== entry.size) throw new ZipError(`${entry.name} is ${content.byteLength} bytes, not the ${entry.size} its directory says`);
  if (typeof zlib.crc32 === 'function' && zlib.crc32(content) >>> 0 !== entry.crc32) throw new ZipError(`${entry.name} is corrupt (CRC-32 mismatch)`);
  return content;
}

/** An entry's stored bytes, after its local header (whose own lengths may differ from the directory's). */
async function entryData(source: ZipSource, entry: ZipEntry): Promise<Uint8Array> {
  // One read usually covers the header, name, extra field and data: fewer round trips over HTTP.
  const guess = Math.min(source.size - entry.localHeaderOffset, LOCAL_HEADER_SIZE + 1024 + entry.name.length * 4 + entry.compressedSize);
  const first = await source.read(entry.localHeaderOffset, guess);
  const header = view(first);
  if (first.byteLength < LOCAL_HEADER_SIZE || header.getUint32(0, true) !== LOCAL_FILE_HEADER) throw new ZipError(`the local header of ${entry.name} is damaged`);
  const start = LOCAL_HEADER_SIZE + header.getUint16(26, true) + header.getUint16(28, true);
  if (entry.localHeaderOffset + start + entry.compressedSize > source.size) throw new ZipError(`${entry.name} runs past the end of the archive (truncated?)`);
  if (start + entry.compressedSize <= first.byteLength) return first.subarray(start, start + entry.compressedSize);
  return source.read(entry.localHeaderOffset + start, entry.compressedSize);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
