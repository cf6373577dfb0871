// A fingerprint of a progress update (SPEC §8): a baseline keeps, for each action,
// whether its update is word for word what it was, without keeping the update
// itself (a baseline travels with the workbook; the text it fingerprints may be
// a partner's sensitive note, and is already in the plan).
//
// The text is trimmed of the white space around it and nothing else: a changed
// word, letter case, punctuation or inner spacing is a changed update. The hash
// is 64-bit FNV-1a over the text's UTF-8 bytes, written as 16 hex digits: fixed
// forever (a baseline recorded today must compare tomorrow), the same in every
// host (pure TypeScript: the engine cannot use Node's crypto, and a browser's
// SubtleCrypto is asynchronous), and far from any chance collision between one
// action's two updates. Written by hand: it is a dozen lines, where the packages
// that offer it are ESM-only or wrap Node's crypto.

const MAX32 = 0x1_0000_0000;
/** FNV-1a 64's prime is 2^40 + 0x1B3: a multiply by it is a multiply by 0x1B3 plus a shift left by 40. */
const PRIME_LOW = 0x1b3;

/** The text's UTF-8 bytes (TextEncoder is not in every environment the engine runs in, jsdom's among them). */
function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else
      bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return bytes;
}

/** FNV-1a, 64 bits, as 16 hex digits ("" hashes to cbf29ce484222325). */
export function fnv1a64(text: string): string {
  // The 64-bit state as two 32-bit halves; every product below stays under 2^53, so doubles hold it exactly.
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (const byte of utf8(text)) {
    low = (low ^ byte) >>> 0;
    const lowProduct = low * PRIME_LOW;
    const carry = Math.floor(lowProduct / MAX32);
    // The shift by 40 moves the low half's lowest 24 bits into the high half, 8 bits up.
    high = (high * PRIME_LOW + carry + (low & 0xffffff) * 0x100) % MAX32;
    low = lowProduct % MAX32;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/**
 * A progress update's fingerprint: its text without the white space around it, hashed; null
 * for an update that is empty or only white space (there is nothing to have left unchanged).
 */
export function fingerprint(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : fnv1a64(trimmed);
}
