// Ref schemes (SPEC §2.4): prefixed (PE1, OM2) or numbered (1, 2 … 19).
import { CellValue } from './snapshot';
import { RefScheme } from './settings';

export interface RefReading {
  /** The ref as written, for messages. */
  raw: string;
  /** Normal form (trimmed, upper case, no inner spaces or dashes), or null if it has none. */
  normal: string | null;
  /** Whether the cell already holds the normal form. */
  isNormal: boolean;
  shape: 'prefixed' | 'numbered' | 'other';
  prefix: string;
  number: number;
}

const PREFIXED = /^([A-Z]+)(\d+)$/;
const NUMBERED = /^\d+$/;

export function readRef(value: CellValue): RefReading {
  if (value.kind === 'number') {
    const raw = String(value.value);
    if (Number.isInteger(value.value) && value.value > 0)
      return { raw, normal: raw, isNormal: true, shape: 'numbered', prefix: '', number: value.value };
    return { raw, normal: null, isNormal: false, shape: 'other', prefix: '', number: NaN };
  }
  const raw = value.kind === 'text' ? value.text : '';
  const candidate = raw
    .trim()
    .toUpperCase()
    .replace(/[\s\-‐-―]+/g, '');
  const prefixed = PREFIXED.exec(candidate);
  if (prefixed)
    return {
      raw,
      normal: candidate,
      isNormal: raw === candidate,
      shape: 'prefixed',
      prefix: prefixed[1],
      number: Number(prefixed[2]),
    };
  if (NUMBERED.test(candidate) && Number(candidate) > 0)
    return {
      raw,
      normal: candidate,
      isNormal: raw === candidate,
      shape: 'numbered',
      prefix: '',
      number: Number(candidate),
    };
  return { raw, normal: null, isNormal: false, shape: 'other', prefix: '', number: NaN };
}

/** The workbook's scheme: the setting, else the majority of readable refs (prefixed on a tie). */
export function detectScheme(setting: RefScheme, refs: RefReading[]): 'prefixed' | 'numbered' {
  if (setting !== 'auto') return setting;
  let prefixed = 0;
  let numbered = 0;
  for (const ref of refs) {
    if (ref.shape === 'prefixed') prefixed++;
    else if (ref.shape === 'numbered') numbered++;
  }
  return numbered > prefixed ? 'numbered' : 'prefixed';
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
