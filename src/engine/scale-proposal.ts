// A scale made of the board's own words (SPEC §2.5): when most status values are
// not on the board's scale and fit no built-in one, but are a few words used
// consistently, Proforma proposes them as the board's scale — each word with every
// spelling seen, in class order, each with a class guessed from common words.
// A word with no guessed class is listed for the board to classify, never guessed.
import type { WorkbookModel } from './model';
import {
  STATUSES,
  STATUS_CLASSES,
  ScaleName,
  StatusClass,
  StatusInfo,
  betterScale,
  spellingKey,
  statusColours,
} from './scales';
import { statusRow } from './settings';
import { CellValue, cellAt } from './snapshot';

/** At most this many distinct values (case and spaces ignored) make "a few words". */
export const PROPOSAL_MAX_WORDS = 8;
/** Each of them at most this long. */
export const PROPOSAL_MAX_LENGTH = 40;

/**
 * Common status words and the class each means (SPEC §2.5). Amber sits with red and green: a board that writes the
 * colours' names means the RAG classes.
 */
const CLASS_WORDS: Record<StatusClass, readonly string[]> = {
  'off-track': ['off track', 'overdue', 'not achieved', 'stalled', 'red'],
  'at-risk': ['at risk', 'delayed', 'behind', 'slipping', 'on hold', 'not started', 'amber'],
  'on-track': ['on track', 'in progress', 'ongoing', 'on target', 'green'],
  complete: ['complete', 'completed', 'done', 'closed', 'achieved', 'delivered'],
  withdrawn: ['withdrawn', 'superseded', 'cancelled', 'no longer required'],
};

/** What each class means, for a proposed status's meaning (the overview's legend shows it). */
const CLASS_MEANINGS: Record<StatusClass, string> = {
  'off-track': 'Off track',
  'at-risk': 'At risk',
  'on-track': 'On track',
  complete: 'Complete',
  withdrawn: 'Withdrawn',
};

/** Each class's colour: the built-in scale's (red, amber, green, blue, grey). */
const CLASS_COLOURS: Record<StatusClass, string> = {
  'off-track': STATUSES.R.colour,
  'at-risk': STATUSES.A.colour,
  'on-track': STATUSES.G.colour,
  complete: STATUSES.B.colour,
  withdrawn: STATUSES.W.colour,
};

/** A word as the table compares it: lower case, without spaces, hyphens or a full stop ("On-going." is "ongoing"). */
const phrase = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[.!]+\s*$/, '')
    .replace(/[\s\-_]+/g, '');

const WORD_CLASS = new Map<string, StatusClass>(
  STATUS_CLASSES.flatMap((cls) => CLASS_WORDS[cls].map((word) => [phrase(word), cls] as const)),
);

/** The class a status word means, if it is one of the common words (whole, not a part: "Not on track" is none). */
export function guessClass(word: string): StatusClass | null {
  return WORD_CLASS.get(phrase(word)) ?? null;
}

/** One word of the board's, as the proposal would write it. */
export interface ProposedWord {
  /** The status's code: the spelling the board uses most (the first seen of equals). */
  code: string;
  /** Every other spelling seen that the scale would not already take for the code (case and spaces aside). */
  spellings: string[];
  /** The class guessed from the word; null where none could be, for the board to say. */
  class: StatusClass | null;
  /** Status cells that hold it. */
  count: number;
}

export interface ScaleProposal {
  /** The board's words: classified ones in class order, then those to classify, each in order of first use. */
  words: ProposedWord[];
  /** Filled status cells, and how many of them are not on the board's scale now. */
  filled: number;
  invalid: number;
}

/** Why there is no proposal, for a command asked for one. */
export type NoProposal =
  | { reason: 'no-plan' }
  | { reason: 'on-scale'; invalid: number; filled: number }
  | { reason: 'built-in'; scale: Exclude<ScaleName, 'custom'>; invalid: number; filled: number }
  | { reason: 'not-words'; example: string }
  | { reason: 'too-many'; distinct: number };

/** The text a status cell holds, as the board's word; null for a value that is not one (a date, an error). */
function wordOf(value: CellValue): string | null {
  if (value.kind === 'text') return value.text.replace(/\s+/g, ' ').trim();
  if (value.kind === 'number') return String(value.value);
  return null;
}

/** Words are the same word when they differ only in case, spaces and hyphens ("On-track", "on track", "ONTRACK"). */
const wordKey = (word: string): string => word.toLowerCase().replace(/[\s-]+/g, '');

/** Every filled status cell of the plan's sheets, and whether it is on the board's scale. */
export function filledStatusCells(model: WorkbookModel): Array<{ valid: boolean; value: CellValue }> {
  const filled: Array<{ valid: boolean; value: CellValue }> = [];
  // Every filled status cell, every period's included (SPEC §2.2).
  for (const theme of model.themes)
    for (const action of theme.actions)
      for (const period of action.periods)
        if (period.reading.state !== 'missing')
          filled.push({
            valid: period.reading.state === 'valid',
            value: cellAt(theme.layout.sheet, action.row, period.col),
          });
  return filled;
}

/**
 * The board's own scale, made of its status words (SPEC §2.5), or why none is proposed:
 * proposed when most filled status cells are not on the scale, no built-in scale fits them,
 * and they are at most 8 distinct words of at most 40 characters each (none holding "," or
 * ";", which the settings row cannot hold).
 */
export function proposeScale(model: WorkbookModel): { proposal: ScaleProposal } | NoProposal {
  const { themes, scale, settings } = model;
  if (themes.length === 0) return { reason: 'no-plan' };
  const filled = filledStatusCells(model);
  const invalid = filled.filter((f) => !f.valid).length;
  if (invalid * 2 <= filled.length) return { reason: 'on-scale', invalid, filled: filled.length };
  const better = betterScale(
    filled.map((f) => f.value),
    invalid,
    scale,
    settings.ragWithW,
  );
  if (better)
    return { reason: 'built-in', scale: better.name as Exclude<ScaleName, 'custom'>, invalid, filled: filled.length };

  // Every filled value, valid ones too: once the board's own scale is chosen, the old one is gone.
  const groups = new Map<string, { spellings: Map<string, { text: string; count: number }>; count: number }>();
  for (const { value } of filled) {
    if (value.kind === 'error') continue;
    const word = wordOf(value);
    if (word === null || word === '' || word.length > PROPOSAL_MAX_LENGTH || /[,;]/.test(word))
      return { reason: 'not-words', example: word ?? (value.kind === 'date' ? 'a date' : String(value.kind)) };
    const key = wordKey(word);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { spellings: new Map(), count: 0 }));
    group.count++;
    const spelling = spellingKey(word, false);
    const seen = group.spellings.get(spelling);
    if (seen) seen.count++;
    else group.spellings.set(spelling, { text: word, count: 1 });
  }
  if (groups.size > PROPOSAL_MAX_WORDS) return { reason: 'too-many', distinct: groups.size };
  if (groups.size === 0) return { reason: 'on-scale', invalid, filled: filled.length };

  const words: ProposedWord[] = [...groups.values()].map((group) => {
    const spellings = [...group.spellings.values()];
    // The most used spelling is the code; the first seen of equals (Map order is first use).
    const code = spellings.reduce((best, s) => (s.count > best.count ? s : best)).text;
    return {
      code,
      spellings: spellings.map((s) => s.text).filter((text) => spellingKey(text, false) !== spellingKey(code, false)),
      class: guessClass(code) ?? spellings.map((s) => guessClass(s.text)).find((c) => c !== null) ?? null,
      count: group.count,
    };
  });
  const rank = (word: ProposedWord): number =>
    word.class === null ? STATUS_CLASSES.length : STATUS_CLASSES.indexOf(word.class);
  // Stable: words of one class stay in the order the workbook first uses them.
  words.sort((a, b) => rank(a) - rank(b));
  return { proposal: { words, filled: filled.length, invalid } };
}

/** The proposal as the board's statuses, each word's class as guessed or as `classes` (by code, case aside) says. */
export function proposedStatuses(
  proposal: ScaleProposal,
  classes: Record<string, StatusClass> = {},
): { statuses: StatusInfo[]; unclassified: string[] } {
  const given = new Map(Object.entries(classes).map(([word, cls]) => [wordKey(word), cls]));
  const unclassified: string[] = [];
  const statuses: StatusInfo[] = [];
  for (const word of proposal.words) {
    const cls = given.get(wordKey(word.code)) ?? word.class;
    if (cls === null) {
      unclassified.push(word.code);
      continue;
    }
    statuses.push({
      code: word.code,
      name: word.code,
      meaning: CLASS_MEANINGS[cls],
      ...statusColours(CLASS_COLOURS[cls]),
      class: cls,
      spellings: word.spellings,
    });
  }
  const rank = (s: StatusInfo): number => STATUS_CLASSES.indexOf(s.class);
  statuses.sort((a, b) => rank(a) - rank(b));
  return { statuses, unclassified };
}

/** Whether `word` is one of the proposal's words (as the proposal compares them). */
export function isProposedWord(proposal: ScaleProposal, word: string): boolean {
  return proposal.words.some((w) => wordKey(w.code) === wordKey(word));
}

/** The settings rows a proposal writes (`scale`, then a `status:` row per classified word), as key and value. */
export function proposalRows(proposal: ScaleProposal): Array<[string, string]> {
  const { statuses } = proposedStatuses(proposal);
  return [['scale', 'custom'], ...statuses.map(statusRow)];
}

/**
 * What scale-mismatch says of a proposal: the words, and (with `rows`) the settings rows it
 * would write; the words it could not classify. Where to choose it is said by the caller.
 */
export function proposalSentence(proposal: ScaleProposal, scaleName: string, rows: boolean): string {
  const { invalid, filled, words } = proposal;
  const list = words.map((w) => `"${w.code}"`).join(', ');
  const unclassified = words.filter((w) => w.class === null).map((w) => `"${w.code}"`);
  const shown = rows
    ? ` In the settings they would read: ${proposalRows(proposal)
        .map(([key, value]) => `[${key} = ${value}]`)
        .join(' ')}.`
    : '';
  const ask =
    unclassified.length === 0
      ? ''
      : ` Proforma cannot tell what ${unclassified.join(' and ')} mean${unclassified.length === 1 ? 's' : ''}: say which class ${unclassified.length === 1 ? 'it is' : 'each is'} (${STATUS_CLASSES.join(', ')}) when choosing the scale.`;
  return `${invalid} of ${filled} status values are not on the ${scaleName} scale, nor on another built-in one, but are the board's own words: ${list}. Proforma proposes them as the board's scale, so that none of them is invalid.${shown}${ask}`;
}
