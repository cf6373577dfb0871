// RAG and term scales (SPEC §2.5): what a cell's value means, and whether it is
// written in the scale's normal form.
import { CellValue, isEmpty } from './snapshot';
import { Settings } from './settings';

export type RagCode = 'R' | 'A' | 'G' | 'W' | 'B';
export type TermCode = 'S' | 'M' | 'L';

export interface StatusInfo {
  code: RagCode;
  name: string;
  meaning: string;
  /** Strong colour for the RAG cell, and its text colour (WCAG AA on that fill). */
  colour: string;
  textColour: string;
  /** Pale tint for the rest of the row (black text stays readable). */
  tint: string;
}

export const STATUSES: Record<RagCode, StatusInfo> = {
  R: {
    code: 'R',
    name: 'Red',
    meaning: 'Not implemented / off track',
    colour: '#D4351C',
    textColour: '#FFFFFF',
    tint: '#F6D7D2',
  },
  A: {
    code: 'A',
    name: 'Amber',
    meaning: 'Being implemented / at risk',
    colour: '#F47738',
    textColour: '#0B0C0C',
    tint: '#FDE4D7',
  },
  G: {
    code: 'G',
    name: 'Green',
    meaning: 'Implemented / on track',
    colour: '#00703C',
    textColour: '#FFFFFF',
    tint: '#CCE2D8',
  },
  W: {
    code: 'W',
    name: 'Withdrawn',
    meaning: 'Superseded or withdrawn',
    colour: '#B1B4B6',
    textColour: '#0B0C0C',
    tint: '#EFF0F0',
  },
  B: { code: 'B', name: 'Blue', meaning: 'Complete', colour: '#1D70B8', textColour: '#FFFFFF', tint: '#D2E2F1' },
};

/** Every fill colour Proforma paints, so a stale status fill can be recognised and cleared. */
export const PROFORMA_FILLS: ReadonlySet<string> = new Set(Object.values(STATUSES).flatMap((s) => [s.colour, s.tint]));

export function ragScale(settings: Settings): RagCode[] {
  const codes: RagCode[] = ['R', 'A', 'G'];
  if (settings.ragWithW) codes.push('W');
  if (settings.ragWithB) codes.push('B');
  return codes;
}

const RAG_SPELLINGS: Record<string, RagCode> = {
  r: 'R',
  red: 'R',
  a: 'A',
  amber: 'A',
  amb: 'A',
  orange: 'A',
  yellow: 'A',
  g: 'G',
  green: 'G',
  w: 'W',
  superseded: 'W',
  'super-ceded': 'W',
  superceded: 'W',
  withdrawn: 'W',
  b: 'B',
  blue: 'B',
  complete: 'B',
  completed: 'B',
};

/** The spellings (lower case, as compared) that mean a code, the code itself first. */
export function spellingsOf(code: RagCode): string[] {
  return Object.entries(RAG_SPELLINGS)
    .filter(([, c]) => c === code)
    .map(([spelling]) => spelling);
}

/** What a term drop-down offers: the codes, and each carried forward. */
export const TERM_CHOICES: readonly string[] = ['S', 'M', 'L', 'S c/f', 'M c/f', 'L c/f'];

export type RagReading =
  | { state: 'missing' }
  | { state: 'valid'; code: RagCode; normal: boolean }
  | { state: 'invalid'; found: string; offScale?: RagCode };

/** Reads a RAG cell. `normal` is false for a recognised spelling that is not the bare code. */
export function readRag(value: CellValue, settings: Settings): RagReading {
  if (isEmpty(value)) return { state: 'missing' };
  if (value.kind !== 'text') return { state: 'invalid', found: describeValue(value) };
  const key = value.text.trim().toLowerCase().replace(/\s+/g, ' ');
  const code = RAG_SPELLINGS[key];
  if (!code) return { state: 'invalid', found: value.text };
  if (!ragScale(settings).includes(code)) return { state: 'invalid', found: value.text, offScale: code };
  return { state: 'valid', code, normal: value.text === code };
}

export type TermReading =
  | { state: 'missing' }
  | { state: 'valid'; code: TermCode; carriedForward: boolean }
  | { state: 'invalid'; found: string };

const TERM_PATTERN = /^(s|m|l|short|medium|long)(?:\s*(?:term)?)?\s*(\(?\s*c\s*\/?\s*f\s*\)?)?$/i;

export function readTerm(value: CellValue): TermReading {
  if (isEmpty(value)) return { state: 'missing' };
  if (value.kind !== 'text') return { state: 'invalid', found: describeValue(value) };
  const match = TERM_PATTERN.exec(value.text.trim());
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
