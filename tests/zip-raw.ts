// A tiny zip reader for tests: each entry's name and its raw compressed bytes
// exactly as stored, so a test can prove a part was copied byte for byte.
// Independent of src/hosts/xlsx on purpose; no zip64, no encryption.
import { inflateSync, strFromU8 } from 'fflate';

export interface RawEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  crc32: number;
  size: number;
  /** The compressed bytes as stored in the file (from the local header's data start). */
  raw: Uint8Array;
  /** The uncompressed bytes. */
  data(): Uint8Array;
  /** The uncompressed bytes as UTF-8 text. */
  text(): string;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function readZipRaw(bytes: Uint8Array): Map<string, RawEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== EOCD) eocd--;
  if (eocd < 0) throw new Error('not a zip: no end-of-central-directory record');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries = new Map<string, RawEntry>();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== CENTRAL) throw new Error(`bad central directory entry ${i}`);
    const method = view.getUint16(at + 10, true);
    const crc32 = view.getUint32(at + 16, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = strFromU8(bytes.subarray(at + 46, at + 46 + nameLength));
    if (compressed === 0xffffffff || local === 0xffffffff) throw new Error(`${name}: zip64 is not supported here`);
    if (view.getUint32(local, true) !== LOCAL) throw new Error(`${name}: bad local header`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + compressed);
    const data = (): Uint8Array => {
      if (method === 0) return raw;
      if (method === 8) return inflateSync(raw, { out: new Uint8Array(size) });
      throw new Error(`${name}: compression method ${method} is not supported here`);
    };
    entries.set(name, { name, method, crc32, size, raw, data, text: () => strFromU8(data()) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
