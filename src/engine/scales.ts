// RAG and term scales (SPEC §2.5): what a cell's value means, and whether it is
// written in the scale's normal form.
import { withoutInvisible } from './invisible';
import { CellValue, isEmpty } from './snapshot';

/** A status code of the board's scale ("R", "On track", "3"…): what the status cell should hold. */
export type RagCode = string;
export type TermCode = 'S' | 'M' | 'L';

/** What a status means for the checks: evidence is needed for off-track and at-risk, and only they can be overdue. */
export type StatusClass = 'off-track' | 'at-risk' | 'on-track' | 'complete' | 'withdrawn';
export const STATUS_CLASSES: readonly StatusClass[] = ['off-track', 'at-risk', 'on-track', 'complete', 'withdrawn'];

export interface StatusInfo {
  code: RagCode;
  name: string;
  meaning: string;
  /** Strong colour for the status cell, and its text colour (WCAG AA on that fill). */
  colour: string;
  textColour: string;
  /** Pale tint for the rest of the row (black text stays readable). */
  tint: string;
  class: StatusClass;
  /** What else the board writes for it, as compared (see spellingKey); the code is always one. */
  spellings: string[];
}

export type ScaleName = 'rag' | 'ragb' | 'track' | 'custom';
export const BUILT_IN_SCALES: readonly Exclude<ScaleName, 'custom'>[] = ['rag', 'ragb', 'track'];

export interface Scale {
  name: ScaleName;
  statuses: StatusInfo[];
  /** Spellings are compared without spaces and hyphens too ("on-track", "OnTrack"), not only without case. */
  compact: boolean;
}

export const STATUSES: Record<'R' | 'A' | 'G' | 'W' | 'B', StatusInfo> = {
  R: {
    code: 'R',
    name: 'Red',
    meaning: 'Not implemented / off track',
    colour: '#D4351C',
    textColour: '#FFFFFF',
    tint: '#F6D7D2',
    class: 'off-track',
    spellings: ['r', 'red'],
  },
  A: {
    code: 'A',
    name: 'Amber',
    meaning: 'Being implemented / at risk',
    colour: '#F47738',
    textColour: '#0B0C0C',
    tint: '#FDE4D7',
    class: 'at-risk',
    spellings: ['a', 'amber', 'amb', 'orange', 'yellow'],
  },
  G: {
    code: 'G',
    name: 'Green',
    meaning: 'Implemented / on track',
    colour: '#00703C',
    textColour: '#FFFFFF',
    tint: '#CCE2D8',
    class: 'on-track',
    spellings: ['g', 'green'],
  },
  W: {
    code: 'W',
    name: 'Withdrawn',
    meaning: 'Superseded or withdrawn',
    colour: '#B1B4B6',
    textColour: '#0B0C0C',
    tint: '#EFF0F0',
    class: 'withdrawn',
    spellings: ['w', 'superseded', 'super-ceded', 'superceded', 'withdrawn'],
  },
  B: {
    code: 'B',
    name: 'Blue',
    meaning: 'Complete',
    colour: '#1D70B8',
    textColour: '#FFFFFF',
    tint: '#D2E2F1',
    class: 'complete',
    spellings: ['b', 'blue', 'complete', 'completed'],
  },
};

/** The words scale (SPEC §2.5): spellings ignore case, spaces and hyphens. */
const TRACK_STATUSES: StatusInfo[] = [
  { ...STATUSES.R, code: 'Off track', name: 'Off track', meaning: 'Off track', spellings: ['offtrack'] },
  { ...STATUSES.A, code: 'At risk', name: 'At risk', meaning: 'At risk of missing its target', spellings: ['atrisk'] },
  { ...STATUSES.G, code: 'On track', name: 'On track', meaning: 'On track', spellings: ['ontrack'] },
  {
    ...STATUSES.B,
    code: 'Complete',
    name: 'Complete',
    meaning: 'Done',
    spellings: ['complete', 'completed', 'done'],
  },
];

/** Every fill colour Proforma painted in earlier versions, so a stale status fill can be recognised and cleared. */
export const PROFORMA_FILLS: ReadonlySet<string> = new Set(Object.values(STATUSES).flatMap((s) => [s.colour, s.tint]));

/** A built-in scale by name; `withW` false drops W from rag and ragb (the older ragWithW setting). */
export function builtInScale(name: Exclude<ScaleName, 'custom'>, withW = true): Scale {
  if (name === 'track') return { name, statuses: TRACK_STATUSES, compact: true };
  const codes = (['R', 'A', 'G', 'W', 'B'] as const).filter(
    (c) => (c !== 'W' || withW) && (c !== 'B' || name === 'ragb'),
  );
  return { name, statuses: codes.map((c) => STATUSES[c]), compact: false };
}

/** How a status spelling is compared: without case and surrounding space (and, on a compact scale, inner spaces and hyphens). */
export function spellingKey(text: string, compact: boolean): string {
  const key = withoutInvisible(text).trim().toLowerCase().replace(/\s+/g, ' ');
  return compact ? key.replace(/[\s-]/g, '') : key;
}

/** The spellings that mean a status, as compared: its code first. */
export function spellingsOf(status: StatusInfo, scale: Scale): string[] {
  const keys = [status.code, ...status.spellings].map((s) => spellingKey(s, scale.compact));
  return [...new Set(keys)];
}

/** WCAG 2 relative luminance of "#RRGGBB". */
export function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** A board's own status colour made into a status: readable text on it, and a pale tint for its rows. */
export function statusColours(colour: string): Pick<StatusInfo, 'colour' | 'textColour' | 'tint'> {
  const upper = colour.toUpperCase();
  // White or black text, whichever reads better; one of them always reaches AA (4.5:1) on any
  // colour. GOV.UK's near-black where it is enough.
  const dark = contrast(upper, '#0B0C0C') >= 4.5 ? '#0B0C0C' : '#000000';
  const textColour = contrast(upper, '#FFFFFF') >= contrast(upper, '#000000') ? '#FFFFFF' : dark;
  // 80% of the way to white: pale enough for black text (AA) on any colour.
  const tint =
    '#' +
    [1, 3, 5]
      .map((i) => {
        const c = parseInt(upper.slice(i, i + 2), 16);
        return Math.round(c + (255 - c) * 0.8)
          .toString(16)
          .padStart(2, '0');
      })
      .join('')
      .toUpperCase();
  return { colour: upper, textColour, tint };
}

/** Hue (degrees), saturation and lightness (0–1) of "#RRGGBB". */
export function hsl(hex: string): { hue: number; saturation: number; lightness: number } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const lightness = (max + min) / 2;
  const delta = max - min;
  if (delta === 0) return { hue: 0, saturation: 0, lightness };
  const saturation = delta / (1 - Math.abs(2 * lightness - 1));
  const hue =
    max === r ? 60 * (((g - b) / delta + 6) % 6) : max === g ? 60 * ((b - r) / delta + 2) : 60 * ((r - g) / delta + 4);
  return { hue, saturation, lightness };
}

/**
 * Where each class sits on the colour wheel for the built-in scales: red, amber (orange to
 * yellow), green, blue. Office's own reds, ambers and greens (FF0000, FFC000, FFFF00, 00B050,
 * the "light red fill" FFC7CE, FFEB9C, C6EFCE) are nearest their class, and so are GOV.UK's red
 * (8°) and orange (20°): amber sits at 38° so that the two fall either side of the middle.
 */
const CLASS_HUES: Partial<Record<StatusClass, number>> = {
  'off-track': 0,
  'at-risk': 38,
  'on-track': 125,
  complete: 210,
};

/** Plain words for a hue, to name the colour seen. */
function colourWord(hue: number): string {
  if (hue < 15 || hue >= 330) return 'red';
  if (hue < 40) return 'orange';
  if (hue < 70) return 'yellow';
  if (hue < 165) return 'green';
  if (hue < 260) return 'blue';
  return 'purple';
}

/**
 * The status a cell's fill shows (SPEC §2.5), if it is a status colour: saturated enough to
 * have a hue (not white, black or grey; pale fills count) and nearest in hue a status of the
 * scale with a colour (withdrawn grey has none). Built-in scales compare with their classes'
 * hues, a board's own scale with its statuses' colours.
 */
export function statusOfFill(fill: string, scale: Scale): { status: StatusInfo; colour: string } | undefined {
  if (!/^#[0-9A-F]{6}$/i.test(fill)) return undefined;
  const upper = fill.toUpperCase();
  const seen = hsl(upper);
  const word = `${colourWord(seen.hue)} (${upper})`;
  // The scale's own colours and tints are theirs, whatever the hues around them.
  const own = scale.statuses.find((s) => s.colour === upper || s.tint === upper);
  if (own && own.class !== 'withdrawn') return { status: own, colour: word };
  if (seen.saturation < 0.2 || seen.lightness < 0.08 || seen.lightness > 0.96) return undefined;
  let best: { status: StatusInfo; distance: number } | undefined;
  for (const status of scale.statuses) {
    const own = hsl(status.colour);
    const hue = scale.name === 'custom' ? (own.saturation < 0.2 ? undefined : own.hue) : CLASS_HUES[status.class];
    if (hue === undefined) continue;
    const around = Math.abs(seen.hue - hue) % 360;
    const distance = Math.min(around, 360 - around);
    if (!best || distance < best.distance) best = { status, distance };
  }
  return best && { status: best.status, colour: word };
}

/** What a term drop-down offers: the codes, and each carried forward. */
export const TERM_CHOICES: readonly string[] = ['S', 'M', 'L', 'S c/f', 'M c/f', 'L c/f'];

export type RagReading =
  | { state: 'missing' }
  | { state: 'valid'; code: RagCode; normal: boolean }
  | { state: 'invalid'; found: string; offScale?: RagCode };

/** Spelling → status, per scale (a scale is made once per analysis; this keeps each lookup a map read). */
const lookups = new WeakMap<Scale, Map<string, StatusInfo>>();

function lookup(scale: Scale): Map<string, StatusInfo> {
  let map = lookups.get(scale);
  if (!map) {
    map = new Map();
    for (const status of scale.statuses)
      for (const key of spellingsOf(status, scale)) if (!map.has(key)) map.set(key, status);
    lookups.set(scale, map);
  }
  return map;
}

/** B and W, known to Proforma, for the hint when a board's rag scale leaves them out. */
const FULL_RAG = builtInScale('ragb', true);

/** The text a status cell shows, as compared: numbers and booleans as Excel writes them. */
function statusText(value: CellValue): string | null {
  if (value.kind === 'text') return value.text;
  if (value.kind === 'number') return String(value.value);
  if (value.kind === 'boolean') return value.value ? 'TRUE' : 'FALSE';
  return null;
}

/** Reads a status cell on the board's scale. `normal` is false for a recognised spelling that is not the bare code. */
export function readRag(value: CellValue, scale: Scale): RagReading {
  if (isEmpty(value)) return { state: 'missing' };
  const text = statusText(value);
  if (text === null) return { state: 'invalid', found: describeValue(value) };
  const status = lookup(scale).get(spellingKey(text, scale.compact));
  if (status) return { state: 'valid', code: status.code, normal: text === status.code };
  if (scale.name === 'rag' || scale.name === 'ragb') {
    const known = lookup(FULL_RAG).get(spellingKey(text, false));
    if (known) return { state: 'invalid', found: text, offScale: known.code };
  }
  return { state: 'invalid', found: text };
}

/**
 * The first built-in scale other than `scale` on which most of these filled status cells are
 * valid, if any, where `invalid` of them are not valid on `scale` (as the analysis read them).
 */
export function betterScale(filled: CellValue[], invalid: number, scale: Scale, withW: boolean): Scale | null {
  if (filled.length === 0 || invalid * 2 <= filled.length) return null;
  for (const name of BUILT_IN_SCALES) {
    if (name === scale.name) continue;
    const other = builtInScale(name, withW);
    const valid = filled.filter((v) => readRag(v, other).state === 'valid').length;
    if (valid * 2 > filled.length && valid > filled.length - invalid) return other;
  }
  return null;
}

export type TermReading =
  | { state: 'missing' }
  | { state: 'valid'; code: TermCode; carriedForward: boolean }
  | { state: 'invalid'; found: string };

const TERM_PATTERN = /^(s|m|l|short|medium|long)(?:\s*(?:term)?)?\s*(\(?\s*c\s*\/?\s*f\s*\)?)?$/i;

export function readTerm(value: CellValue): TermReading {
  if (isEmpty(value)) return { state: 'missing' };
  if (value.kind !== 'text') return { state: 'invalid', found: describeValue(value) };
  const match = TERM_PATTERN.exec(withoutInvisible(value.text).trim());
  if (!match) return { state: 'invalid', found: value.text };
  return {
    state: 'valid',
    code: match[1][0].toUpperCase() as TermCode,
    carriedForward: match[2] !== undefined,
  };
}

export const TERMS: Record<TermCode, string> = { S: 'Short', M: 'Medium', L: 'Long' };

function describeValue(value: CellValue): string {
  switch (value.kind) {
    case 'number':
      return String(value.value);
    case 'boolean':
      return value.value ? 'TRUE' : 'FALSE';
    case 'date':
      return 'a date';
    case 'error':
      return value.error;
    case 'text':
      return value.text;
    case 'empty':
      return '';
  }
}
