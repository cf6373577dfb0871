// Text from a cell, quoted in a message for people. A cell holds up to 32,767
// characters: a paragraph pasted into a status or ref cell would fill a screen
// (or a page) if quoted whole, so a quote is cut (SPEC §6). Characters no one
// sees (a zero-width space) are named where they stand, so the quote shows
// why "G" is not G.
import { showInvisible } from './invisible';
import { CellValue, formatDay } from './snapshot';

/** About this many characters of a cell's text are quoted; the rest is said as a length. */
export const QUOTE_LIMIT = 80;

/** 33012 → "33,012", the same in every locale (messages are English). */
function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `"text"`, invisible characters named ("G[zero-width space]"), trimmed (unless `trim` is false: spaces around a value are what a fix removes); a
 * longer text is cut to QUOTE_LIMIT characters with "…" and its full length after it:
 * `"Partners agreed to …" (33,012 characters)`.
 */
export function quoteCell(text: string, trim = true): string {
  const trimmed = showInvisible(trim ? text.trim() : text);
  // By code points, so a cut never splits an emoji or other astral character in two.
  const chars = Array.from(trimmed);
  if (chars.length <= QUOTE_LIMIT) return `"${trimmed}"`;
  return `"${chars
    .slice(0, QUOTE_LIMIT - 1)
    .join('')
    .trimEnd()}…" (${withThousands(chars.length)} characters)`;
}

/**
 * A cell's value as a person reads it in a report of what a return changes (the CLI's and the
 * pane's): text quoted and cut when long, a date as a board writes it, "(empty)", and
 * "(no record)" where a return carries no record of what was sent.
 */
export function reportValue(value: CellValue | null): string {
  if (value === null) return '(no record)';
  switch (value.kind) {
    case 'empty':
      return '(empty)';
    case 'text':
      return value.text.trim() === '' ? '(empty)' : quoteCell(value.text, false);
    case 'date':
      return formatDay(value.serial);
    case 'number':
      return String(value.value);
    case 'boolean':
      return value.value ? 'TRUE' : 'FALSE';
    case 'error':
      return value.error;
  }
}
