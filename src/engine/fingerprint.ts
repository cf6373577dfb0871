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

/** FNV-1a 64's prime is 2^40 + 0x1B3: a multiply by it is a multiply by 0x1B3 plus a shift left by 40. */
const PRIME_LOW = 0x1b3;
/** The UTF-8 bytes of one code point (at most four), reused: no allocation per character. */
const bytes = [0, 0, 0, 0];

/** The UTF-8 bytes of a code point into `bytes`; how many. (TextEncoder is not in jsdom, and would allocate.) */
function utf8(code: number): number {
  if (code < 0x80) {
    bytes[0] = code;
    return 1;
  }
  if (code < 0x800) {
    bytes[0] = 0xc0 | (code >> 6);
    bytes[1] = 0x80 | (code & 0x3f);
    return 2;
  }
  if (code < 0x10000) {
    bytes[0] = 0xe0 | (code >> 12);
    bytes[1] = 0x80 | ((code >> 6) & 0x3f);
    bytes[2] = 0x80 | (code & 0x3f);
    return 3;
  }
  bytes[0] = 0xf0 | (code >> 18);
  bytes[1] = 0x80 | ((code >> 12) & 0x3f);
  bytes[2] = 0x80 | ((code >> 6) & 0x3f);
  bytes[3] = 0x80 | (code & 0x3f);
  return 4;
}

const hex4 = (lane: number): string => lane.toString(16).padStart(4, '0');

/** FNV-1a, 64 bits, over the text's UTF-8 bytes, as 16 hex digits ("" hashes to cbf29ce484222325). */
export function fnv1a64(text: string): string {
  // The 64-bit state as four 16-bit lanes, lowest first: every product stays a small integer.
  let v0 = 0x2325;
  let v1 = 0x8422;
  let v2 = 0x9ce4;
  let v3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) ?? 0;
    if (code > 0xffff) i++;
    const n = utf8(code);
    for (let k = 0; k < n; k++) {
      v0 ^= bytes[k];
      // × 0x1B3 lane by lane, plus the state shifted left by 40 (lanes 0 and 1, 8 bits up, into lanes 2 and 3).
      const t0 = v0 * PRIME_LOW;
      let t1 = v1 * PRIME_LOW;
      let t2 = v2 * PRIME_LOW + (v0 << 8);
      const t3 = v3 * PRIME_LOW + (v1 << 8);
      t1 += t0 >>> 16;
      v0 = t0 & 0xffff;
      t2 += t1 >>> 16;
      v1 = t1 & 0xffff;
      v3 = (t3 + (t2 >>> 16)) & 0xffff;
      v2 = t2 & 0xffff;
    }
  }
  return hex4(v3) + hex4(v2) + hex4(v1) + hex4(v0);
}

/**
 * A progress update's fingerprint: its text without the white space around it, hashed; null
 * for an update that is empty or only white space (there is nothing to have left unchanged).
 */
export function fingerprint(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : fnv1a64(trimmed);
}
