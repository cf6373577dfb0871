// Ref schemes (SPEC §2.4): prefixed (PE1, OM2), numbered (1, 2 … 19), dotted
// (1, 1.1, 1.2, 2.1.3), as boards number priorities and their actions, or a
// performance system's own codes (ESU01_C, SP1.2a, CYP-07).
import { withoutInvisible } from './invisible';
import { CellValue } from './snapshot';

export type RefScheme = 'prefixed' | 'numbered' | 'dotted' | 'codes';

export const REF_SCHEMES: readonly RefScheme[] = ['prefixed', 'numbered', 'dotted', 'codes'];

export interface RefReading {
  /** The ref as written, for messages. */
  raw: string;
  /** Normal form (trimmed, upper case, no inner spaces or dashes), or null if it has none. */
  normal: string | null;
  /** Whether the cell already holds an accepted form (for dotted refs, leading zeros and a trailing dot are accepted). */
  isNormal: boolean;
  /** What a ref-format fix writes: the normal form, keeping a dotted ref's zeros as written. */
  fixed: string | null;
  /** "numbered" is a whole number, which the dotted scheme accepts as a first-level ref. */
  shape: 'prefixed' | 'numbered' | 'dotted' | 'other';
  prefix: string;
  number: number;
  /** The numbers of a numbered or dotted ref, from the first level down ("2.1.3" is [2, 1, 3]). */
  parts: number[];
  /**
   * The ref as a code of the codes scheme, its normal form there: the trimmed text, when it is
   * letters, digits, "_", "-" and "." with at least one digit ("ESU01_C", "SP1.2a"); else null.
   */
  code: string | null;
}

/** A performance system's code: letters, digits, "_", "-" and ".", with a digit (a word alone is a title). */
const CODE = /^(?=[^\d]*\d)[A-Za-z0-9_.-]+$/;

function codeOf(raw: string): string | null {
  const trimmed = withoutInvisible(raw).trim();
  return CODE.test(trimmed) ? trimmed : null;
}

const PREFIXED = /^([A-Z]+)(\d+)$/;
const NUMBERED = /^\d+$/;
const DOTTED = /^\d+(?:\.\d+)*\.?$/;

const OTHER = (raw: string): RefReading => ({
  raw,
  normal: null,
  isNormal: false,
  fixed: null,
  shape: 'other',
  prefix: '',
  number: NaN,
  parts: [],
  code: codeOf(raw),
});

export function readRef(value: CellValue): RefReading {
  if (value.kind === 'number') {
    // Excel stores a typed 1.1 as the number 1.1; its shortest decimal form is the ref ("2.10" is lost to 2.1 on typing).
    // Fifteen significant digits, as Excel shows: a ref column built with =A2+0.1 holds 1.2000000000000002.
    const raw = String(Number(value.value.toPrecision(15)));
    if (value.value > 0 && DOTTED.test(raw)) return numberedOrDotted(raw, raw);
    return OTHER(raw);
  }
  const raw = value.kind === 'text' ? value.text : '';
  // Digits either side of a space or dash ("1-5", "PE 1 2") could be one number or two: no certain normal form.
  if (/\d[\s\-‐-―]+\d/.test(withoutInvisible(raw).trim())) return OTHER(raw);
  const candidate = withoutInvisible(raw)
    .trim()
    .toUpperCase()
    .replace(/[\s\-‐-―]+/g, '');
  const prefixed = PREFIXED.exec(candidate);
  if (prefixed)
    return {
      raw,
      normal: candidate,
      isNormal: raw === candidate,
      fixed: candidate,
      shape: 'prefixed',
      prefix: prefixed[1],
      number: Number(prefixed[2]),
      parts: [],
      code: codeOf(raw),
    };
  if (DOTTED.test(candidate)) return numberedOrDotted(raw, candidate);
  return OTHER(raw);
}

/** Between refs listed in one cell: "&", "," or the word "and" (SPEC §2.4). */
const LIST_SEPARATOR = /\s*(?:&|,|\band\b)\s*/i;

/**
 * The refs of a cell that lists several ("01 & 02", "PE1, PE2", "3 and 4"): one row answering
 * each of them (SPEC §2.4). Null when the cell holds one ref, or anything that is not a list of
 * refs ("Q1 and Q2 review" has a word that is no ref).
 */
export function readRefList(value: CellValue): RefReading[] | null {
  if (value.kind !== 'text') return null;
  const pieces = value.text.trim().split(LIST_SEPARATOR);
  if (pieces.length < 2 || pieces.some((piece) => piece === '')) return null;
  const readings = pieces.map((piece) => readRef({ kind: 'text', text: piece }));
  return readings.every((r) => r.shape !== 'other' || r.code !== null) ? readings : null;
}

function numberedOrDotted(raw: string, candidate: string): RefReading {
  const parts = candidate.replace(/\.$/, '').split('.').map(Number);
  if (parts.some((n) => n <= 0)) return OTHER(raw);
  const dotted = candidate.includes('.');
  return {
    raw,
    normal: parts.join('.'),
    isNormal: raw === candidate,
    fixed: dotted ? candidate : parts.join('.'),
    shape: NUMBERED.test(candidate) ? 'numbered' : 'dotted',
    prefix: '',
    number: parts[0],
    parts,
    code: codeOf(raw),
  };
}

/**
 * Whether a readable ref is one of the scheme's: the dotted scheme takes whole numbers as
 * first-level refs; the codes scheme takes any code (PE1 and 1.2 are codes too).
 */
export function fitsScheme(ref: RefReading, scheme: RefScheme): boolean {
  if (scheme === 'codes') return ref.code !== null;
  if (ref.normal === null) return false;
  return ref.shape === scheme || (scheme === 'dotted' && ref.shape === 'numbered');
}

/** A ref's normal form in a scheme (the codes scheme's is the trimmed text), or null when it has none there. */
export function normalIn(ref: RefReading, scheme: RefScheme): string | null {
  return scheme === 'codes' ? ref.code : ref.normal;
}

/** Whether the cell already holds the ref's accepted form in the scheme. */
export function isNormalIn(ref: RefReading, scheme: RefScheme): boolean {
  return scheme === 'codes' ? ref.code !== null && ref.raw === ref.code : ref.isNormal;
}

/** What a ref-format fix writes in the scheme, or null when the ref cannot be normalised there. */
export function fixedIn(ref: RefReading, scheme: RefScheme): string | null {
  return scheme === 'codes' ? ref.code : ref.fixed;
}

/**
 * The workbook's scheme: the setting, else the majority of readable refs
 * (prefixed on a tie). A whole number fits numbered and dotted alike; any
 * dotted ref present makes those votes dotted. Codes only when most refs
 * are codes that fit none of the other three schemes.
 */
export function detectScheme(setting: RefScheme | 'auto', refs: RefReading[]): RefScheme {
  if (setting !== 'auto') return setting;
  let prefixed = 0;
  let whole = 0;
  let dotted = 0;
  let codes = 0;
  for (const ref of refs) {
    if (ref.shape === 'prefixed') prefixed++;
    else if (ref.shape === 'numbered') whole++;
    else if (ref.shape === 'dotted') dotted++;
    else if (ref.code !== null) codes++;
  }
  if (codes > prefixed + whole + dotted) return 'codes';
  if (whole + dotted <= prefixed) return 'prefixed';
  return dotted > 0 ? 'dotted' : 'numbered';
}

/** The most common prefix, the earliest one winning a tie; null when there is none. */
export function commonPrefix(refs: RefReading[]): string | null {
  const counts = new Map<string, number>();
  for (const ref of refs) if (ref.shape === 'prefixed') counts.set(ref.prefix, (counts.get(ref.prefix) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [prefix, count] of counts) {
    if (count > bestCount) {
      best = prefix;
      bestCount = count;
    }
  }
  return best;
}

/** A ref's place in its sequence: what it should have been, when it is out of order. */
export interface SequenceSlip {
  /** The parent the ref is numbered under ("2.1" for 2.1.3), or null at the first level. */
  parent: string | null;
  /** The ref that came before at this level, or null at the start. */
  previous: string | null;
  /** The first ref expected here. */
  expected: string;
  /** The last of the skipped refs, when refs were skipped (for "skips 3 to 5"). */
  lastSkipped: string | null;
}

/**
 * Follows refs through a workbook in order (SPEC §2.4). First-level numbers,
 * written or implied by a child (85.6 implies 85), start at 1 and rise by one;
 * siblings under one parent rise by one from the first sibling seen. Numbered
 * and prefixed refs are first-level only, so the same rule covers them.
 */
export class RefSequence {
  private lastTop = 0;
  private lastChild = new Map<string, number>();

  /** Restarts the first level (prefixed refs run per sheet). */
  restart(): void {
    this.lastTop = 0;
  }

  /** Takes the next ref's numbers; returns how it slips, if it does. */
  next(parts: number[], label: (parts: number[]) => string): SequenceSlip | undefined {
    let slip: SequenceSlip | undefined;
    const [top] = parts;
    if (top !== this.lastTop) {
      if (top !== this.lastTop + 1)
        slip = {
          parent: null,
          previous: this.lastTop > 0 ? label([this.lastTop]) : null,
          expected: label([this.lastTop + 1]),
          lastSkipped: top > this.lastTop + 1 ? label([top - 1]) : null,
        };
      this.lastTop = Math.max(this.lastTop, top);
    }
    for (let level = 1; level < parts.length; level++) {
      const parent = parts.slice(0, level).join('.');
      const last = this.lastChild.get(parent);
      const n = parts[level];
      if (last !== undefined && n !== last && n !== last + 1 && !slip) {
        const at = (k: number): string => label([...parts.slice(0, level), k]);
        slip = { parent, previous: at(last), expected: at(last + 1), lastSkipped: n > last + 1 ? at(n - 1) : null };
      }
      this.lastChild.set(parent, Math.max(last ?? n, n));
    }
    return slip;
  }
}
