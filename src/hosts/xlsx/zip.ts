// The zip container of an .xlsx package: read its directory, inflate the parts
// Proforma reads, and write a package back that copies every other entry's
// compressed bytes exactly as they were.
//
// Written by hand (over fflate's deflate/inflate) because no maintained zip
// library for both Node and the browser copies an entry's raw compressed bytes
// and directory record through untouched: they all recompress, which changes
// every part of the file. The format is PKWARE's APPNOTE.TXT (sections 4.3–4.5).
import { deflateSync, inflateSync } from 'fflate';

/** A refusal of a package Proforma cannot or will not read; one plain sentence. */
export class PackageError extends Error {
  override name = 'PackageError';
}

/** Sane limits for an action plan: refuse before reading anything larger. */
export const LIMITS = {
  /** One part, uncompressed. */
  partBytes: 256 * 1024 * 1024,
  /** All parts Proforma reads, uncompressed. */
  totalBytes: 1024 * 1024 * 1024,
  /** The file itself. */
  fileBytes: 512 * 1024 * 1024,
  entries: 50_000,
};

export function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header starts in the file. */
  localOffset: number;
  /** Where the compressed data starts. */
  dataOffset: number;
  /** The whole local record (header, data, data descriptor): [start, end). */
  recordEnd: number;
  /** This entry's central directory record, as read. */
  centralRecord: Uint8Array;
  /** Where, inside centralRecord, the local header offset is stored, and in how many bytes (4, or 8 in zip64). */
  offsetField: { at: number; bytes: 4 | 8 };
}

/**
 * How bytes are inflated, deflated and checked. The default is fflate and a
 * table CRC, which run anywhere (the task pane too); Node passes its native
 * zlib, several times faster on a large plan.
 */
export interface ZipCodec {
  /** Inflates raw deflate data into at most `size` bytes (more is an error or a cut result). */
  inflateRaw(data: Uint8Array, size: number): Uint8Array;
  deflateRaw(data: Uint8Array): Uint8Array;
  crc32(data: Uint8Array): number;
}

export interface ZipArchive {
  bytes: Uint8Array;
  codec: ZipCodec;
  entries: ZipEntry[];
  byName: Map<string, ZipEntry>;
  comment: Uint8Array;
  /**
   * Parts already inflated and decoded, by name: the worksheets a read went through, so a
   * write that patches them (colour patches every theme sheet) does not inflate them again.
   */
  texts?: Map<string, string>;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_END64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(dv: DataView, at: number): number {
  return dv.getUint32(at, true) + dv.getUint32(at + 4, true) * 0x1_0000_0000;
}

const damaged = (why: string): PackageError =>
  new PackageError(`the file is damaged or cut short (${why}); Excel's "Open and Repair" may recover it`);

const decoder = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

function findEnd(bytes: Uint8Array, dv: DataView): number {
  // The end record is in the last 64 KiB + 22 bytes (its comment is at most 65,535 bytes).
  const stop = Math.max(0, bytes.length - 65_557);
  for (let at = bytes.length - 22; at >= stop; at--) if (dv.getUint32(at, true) === SIG_END) return at;
  throw damaged('its zip directory is missing');
}

/** Reads the zip directory; nothing is inflated yet. */
export function openZip(bytes: Uint8Array, codec: ZipCodec = PORTABLE_CODEC): ZipArchive {
  if (bytes.length < 22) throw damaged('it is too short to be a zip package');
  const dv = view(bytes);
  const end = findEnd(bytes, dv);
  let count = dv.getUint16(end + 10, true);
  let dirSize = dv.getUint32(end + 12, true);
  let dirOffset = dv.getUint32(end + 16, true);
  const commentLength = dv.getUint16(end + 20, true);
  const comment = bytes.slice(end + 22, end + 22 + commentLength);
  if (count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || dv.getUint32(locator, true) !== SIG_END64_LOCATOR)
      throw damaged('its zip64 directory is missing');
    const end64 = u64(dv, locator + 8);
    if (end64 + 56 > bytes.length || dv.getUint32(end64, true) !== SIG_END64)
      throw damaged('its zip64 directory is bad');
    count = u64(dv, end64 + 32);
    dirSize = u64(dv, end64 + 40);
    dirOffset = u64(dv, end64 + 48);
  }
  if (count > LIMITS.entries)
    throw new PackageError(`it has ${count} parts, more than the ${LIMITS.entries} Proforma reads`);
  if (dirOffset + dirSize > bytes.length) throw damaged('its zip directory points past the end');

  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || dv.getUint32(at, true) !== SIG_CENTRAL) throw damaged('its zip directory is bad');
    const flags = dv.getUint16(at + 8, true);
    const method = dv.getUint16(at + 10, true);
    const crc = dv.getUint32(at + 16, true);
    let compressedSize = dv.getUint32(at + 20, true);
    let size = dv.getUint32(at + 24, true);
    const nameLength = dv.getUint16(at + 28, true);
    const extraLength = dv.getUint16(at + 30, true);
    const commentLen = dv.getUint16(at + 32, true);
    let localOffset = dv.getUint32(at + 42, true);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise code page 437, which for part names (ASCII) reads the same as latin1.
    const name = (flags & 0x800 ? decoder : latin1).decode(nameBytes);
    const recordLength = 46 + nameLength + extraLength + commentLen;
    let offsetField: ZipEntry['offsetField'] = { at: 42, bytes: 4 };
    // Zip64 extra field (id 1): the 0xFFFFFFFF values, in order, as 8-byte numbers.
    let e = at + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = dv.getUint16(e, true);
      const length = dv.getUint16(e + 2, true);
      if (id === 1) {
        let f = e + 4;
        if (size === 0xffffffff) {
          size = u64(dv, f);
          f += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(dv, f);
          f += 8;
        }
        if (localOffset === 0xffffffff) {
          offsetField = { at: f - at, bytes: 8 };
          localOffset = u64(dv, f);
        }
      }
      e += 4 + length;
    }
    if (localOffset + 30 > bytes.length || dv.getUint32(localOffset, true) !== SIG_LOCAL)
      throw damaged(`part ${name} is missing`);
    const dataOffset = localOffset + 30 + dv.getUint16(localOffset + 26, true) + dv.getUint16(localOffset + 28, true);
    let recordEnd = dataOffset + compressedSize;
    if (recordEnd > bytes.length) throw damaged(`part ${name} is cut short`);
    if (flags & 0x8) {
      // A data descriptor follows the data: optional signature, CRC, then 4- or 8-byte sizes.
      const signed = recordEnd + 4 <= bytes.length && dv.getUint32(recordEnd, true) === SIG_DESCRIPTOR;
      const zip64 = size > 0xfffffffe || compressedSize > 0xfffffffe;
      recordEnd += (signed ? 4 : 0) + 4 + (zip64 ? 16 : 8);
      if (recordEnd > bytes.length) throw damaged(`part ${name} is cut short`);
    }
    const entry: ZipEntry = {
      name,
      method,
      flags,
      crc,
      compressedSize,
      size,
      localOffset,
      dataOffset,
      recordEnd,
      // A copy: a Node Buffer's slice() is a view, and writing a package sets offsets in this record.
      centralRecord: new Uint8Array(bytes.subarray(at, at + recordLength)),
      offsetField,
    };
    entries.push(entry);
    byName.set(name, entry);
    at += recordLength;
  }
  // A record ends where the next one (or the directory) begins: a data descriptor's size
  // (zip64 or not, signed or not) cannot be mistaken that way.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  byOffset.forEach((entry, i) => {
    const next = i + 1 < byOffset.length ? byOffset[i + 1].localOffset : dirOffset;
    if (next >= entry.dataOffset + entry.compressedSize) entry.recordEnd = next;
  });
  return { bytes, codec, entries, byName, comment };
}

// CRC-32 (the zip polynomial), table-driven; fflate does not export its own.
const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

export const PORTABLE_CODEC: ZipCodec = {
  // The output buffer is the declared size: a part that inflates to more is cut, then fails its CRC.
  inflateRaw: (data, size) => inflateSync(data, { out: new Uint8Array(size) }),
  deflateRaw: (data) => deflateSync(data, { level: 6 }),
  crc32,
};

/** Inflates one entry, checking its size against the limits first and its CRC after. */
export function readEntry(zip: ZipArchive, entry: ZipEntry): Uint8Array {
  if (entry.flags & 0x1) throw new PackageError(`part ${entry.name} is encrypted`);
  if (entry.size > LIMITS.partBytes)
    throw new PackageError(
      `its part ${entry.name} would expand to ${mib(entry.size)}, past the ${mib(LIMITS.partBytes)} limit for one part`,
    );
  const raw = zip.bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) {
    try {
      data = zip.codec.inflateRaw(raw, entry.size);
    } catch {
      throw damaged(`part ${entry.name} cannot be decompressed`);
    }
  } else throw new PackageError(`part ${entry.name} uses a compression method (${entry.method}) Excel does not write`);
  if (data.length !== entry.size || zip.codec.crc32(data) !== entry.crc)
    throw damaged(`part ${entry.name} fails its CRC check`);
  return data;
}

export function readText(zip: ZipArchive, name: string): string | undefined {
  const known = zip.texts?.get(name);
  if (known !== undefined) return known;
  const entry = zip.byName.get(name);
  return entry ? decoder.decode(readEntry(zip, entry)) : undefined;
}

/** A part to write: new content, or an entry of the source copied as it was. */
export type OutputPart = { name: string; data: Uint8Array } | { copy: ZipEntry };

function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: (Math.max(0, date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** Writes a package: copied entries keep their local and directory records byte for byte (but the offset). */
export function writeZip(source: ZipArchive, parts: OutputPart[], now: Date): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const stamp = dosDateTime(now);
  const encoder = new TextEncoder();
  for (const part of parts) {
    if ('copy' in part) {
      const { copy } = part;
      chunks.push(source.bytes.subarray(copy.localOffset, copy.recordEnd));
      // A copy (never a view of the source, which a later write of the same package reads again).
      const record = new Uint8Array(copy.centralRecord);
      const dv = view(record);
      if (copy.offsetField.bytes === 4) dv.setUint32(copy.offsetField.at, offset, true);
      else {
        dv.setUint32(copy.offsetField.at, offset % 0x1_0000_0000, true);
        dv.setUint32(copy.offsetField.at + 4, Math.floor(offset / 0x1_0000_0000), true);
      }
      central.push(record);
      offset += copy.recordEnd - copy.localOffset;
      continue;
    }
    const name = encoder.encode(part.name);
    const compressed = source.codec.deflateRaw(part.data);
    const crc = source.codec.crc32(part.data);
    const local = new Uint8Array(30 + name.length);
    const lv = view(local);
    lv.setUint32(0, SIG_LOCAL, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x800, true); // UTF-8 name
    lv.setUint16(8, 8, true);
    lv.setUint16(10, stamp.time, true);
    lv.setUint16(12, stamp.date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, compressed.length, true);
    lv.setUint32(22, part.data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const record = new Uint8Array(46 + name.length);
    const cv = view(record);
    cv.setUint32(0, SIG_CENTRAL, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x800, true);
    cv.setUint16(10, 8, true);
    cv.setUint16(12, stamp.time, true);
    cv.setUint16(14, stamp.date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, compressed.length, true);
    cv.setUint32(24, part.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    record.set(name, 46);
    chunks.push(local, compressed);
    central.push(record);
    offset += local.length + compressed.length;
  }
  const dirOffset = offset;
  const dirSize = central.reduce((n, r) => n + r.length, 0);
  if (dirOffset + dirSize > 0xfffffff0 || central.length > 0xfffe)
    throw new PackageError('the written workbook would be larger than a plain zip package can hold');
  const end = new Uint8Array(22 + source.comment.length);
  const ev = view(end);
  ev.setUint32(0, SIG_END, true);
  ev.setUint16(8, central.length, true);
  ev.setUint16(10, central.length, true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, dirOffset, true);
  ev.setUint16(20, source.comment.length, true);
  end.set(source.comment, 22);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
