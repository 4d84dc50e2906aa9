import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bufferSource, readZipEntry, ZipError, zipEntries, type ZipSource } from '../../../../../src/core/manifests/go/zip';
import { FIXTURES } from '../../../repo';
import { writeZip } from './zipWriter';

const fastjson = (): Buffer => fs.readFileSync(path.join(FIXTURES, 'registries/goproxy/github.com/!acme/fastjson/@v/v1.4.2.zip'));
const MB = 1024 * 1024;

async function zipFailure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ZipError, `expected a ZipError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('the archive was read');
}

describe('zip reader for module archives', () => {
  it('lists the entries of an archive written by another zip implementation (Python zipfile)', async () => {
    const names = (await zipEntries(bufferSource(fastjson()))).map((entry) => entry.name);
    assert.deepEqual(names, [
      'github.com/Acme/fastjson@v1.4.2/go.mod',
      'github.com/Acme/fastjson@v1.4.2/license.go',
      'github.com/Acme/fastjson@v1.4.2/LICENSE',
      'github.com/Acme/fastjson@v1.4.2/internal/vendored/LICENSE',
      'github.com/Acme/fastjson@v1.4.2/fastjson.go',
    ]);
  });

  it('inflates a deflated entry to its exact text', async () => {
    const zip = bufferSource(fastjson());
    const entry = (await zipEntries(zip)).find((e) => e.name.endsWith('@v1.4.2/LICENSE'));
    assert.ok(entry);
    const text = (await readZipEntry(zip, entry, MB)).toString('utf8');
    assert.match(text, /^MIT License/);
    assert.equal(text.length, entry.size);
  });

  it('reads stored entries', async () => {
    const zip = bufferSource(writeZip([{ name: 'm@v1.0.0/LICENSE', content: 'stored text', store: true }]));
    const [entry] = await zipEntries(zip);
    assert.equal((await readZipEntry(zip, entry, MB)).toString(), 'stored text');
  });

  it('refuses an entry whose directory declares more than the cap, without inflating it', async () => {
    const zip = bufferSource(writeZip([{ name: 'LICENSE', content: 'x'.repeat(2 * MB) }]));
    const [entry] = await zipEntries(zip);
    assert.match(await zipFailure(readZipEntry(zip, entry, MB)), /LICENSE is larger than 1 MB/);
  });

  it('stops inflating an entry that claims to be small and inflates past the cap (a zip bomb)', async () => {
    const zip = bufferSource(writeZip([{ name: 'LICENSE', content: Buffer.alloc(8 * MB), claimedSize: 100 }]));
    const [entry] = await zipEntries(zip);
    assert.ok(entry.compressedSize < 64 * 1024, 'the bomb is small on the wire');
    assert.match(await zipFailure(readZipEntry(zip, entry, MB)), /inflates to more than 1 MB/);
  });

  it('says a truncated archive is not a zip', async () => {
    const whole = fastjson();
    assert.match(await zipFailure(zipEntries(bufferSource(whole.subarray(0, whole.length / 2)))), /not a zip archive|truncated/);
  });

  it('detects corrupted entry data', async () => {
    const bytes = writeZip([{ name: 'LICENSE', content: 'Permission is hereby granted, free of charge, to any person', store: true }]);
    bytes[30 + 'LICENSE'.length + 5] ^= 0xff;
    const zip = bufferSource(bytes);
    const [entry] = await zipEntries(zip);
    assert.match(await zipFailure(readZipEntry(zip, entry, MB)), /corrupt \(CRC-32 mismatch\)/);
  });

  it('refuses a central directory that points outside the archive', async () => {
    const bytes = writeZip([{ name: 'LICENSE', content: 'text' }]);
    bytes.writeUInt32LE(0x7fffffff, bytes.length - 22 + 16);
    assert.match(await zipFailure(zipEntries(bufferSource(bytes))), /outside the archive/);
  });

  it('refuses an entry whose local header lies beyond the data', async () => {
    const bytes = writeZip([{ name: 'LICENSE', content: 'text' }]);
    const directoryOffset = bytes.readUInt32LE(bytes.length - 22 + 16);
    bytes.writeUInt32LE(0x00ffffff, directoryOffset + 42);
    assert.match(await zipFailure(zipEntries(bufferSource(bytes))), /lies outside the archive's data/);
  });

  it('says zip64 archives are not supported', async () => {
    const bytes = writeZip([{ name: 'LICENSE', content: 'text' }]);
    bytes.writeUInt16LE(0xffff, bytes.length - 22 + 10);
    assert.match(await zipFailure(zipEntries(bufferSource(bytes))), /zip64/);
  });

  it('reads only the tail, the directory and the entry asked for', async () => {
    const bytes = writeZip([
      { name: 'LICENSE', content: 'the license' },
      { name: 'big.bin', content: Buffer.alloc(4 * MB, 7), store: true },
    ]);
    let read = 0;
    const source: ZipSource = { size: bytes.length, read: async (offset, length) => ((read += length), bytes.subarray(offset, offset + length)) };
    const [license] = await zipEntries(source);
    assert.equal((await readZipEntry(source, license, MB)).toString(), 'the license');
    assert.ok(read < 100 * 1024, `read ${read} bytes of ${bytes.length}`);
  });
});
