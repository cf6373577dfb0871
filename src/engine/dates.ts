// Due dates as boards write them: real dates, "31/10/2012", "2012-10-31",
// "Oct 2012", "March 2022". A month alone means the end of that month.
import { CellValue, dateToSerial } from './snapshot';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

function validDay(y: number, m: number, d: number): Date | undefined {
  const date = new Date(Date.UTC(y, m, d));
  return date.getUTCMonth() === m && date.getUTCDate() === d ? date : undefined;
}

/** Every date a text mentions; a deadline like "Jul 2011 by Oct 2012" means the latest. */
function datesInText(text: string): Date[] {
  const found: Date[] = [];
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g)) {
    const d = validDay(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (d) found.push(d);
  }
  for (const m of lower.matchAll(/\b(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\b/g)) {
    const d = validDay(fullYear(Number(m[3])), Number(m[2]) - 1, Number(m[1]));
    if (d) found.push(d);
  }
  for (const m of lower.matchAll(/\b(\d{1,2}\s+)?([a-z]{3})[a-z]*\.?[\s-]+(\d{4}|\d{2})\b/g)) {
    const month = MONTHS.indexOf(m[2]);
    if (month < 0) continue;
    const year = fullYear(Number(m[3]));
    const d = m[1] ? validDay(year, month, Number(m[1])) : new Date(Date.UTC(year, month + 1, 0));
    if (d) found.push(d);
  }
  return found;
}

/** The due date as an Excel serial (whole days), or undefined when the cell names no date. */
export function readDueDate(value: CellValue): number | undefined {
  if (value.kind === 'date') return Math.floor(value.serial);
  if (value.kind !== 'text') return undefined;
  const dates = datesInText(value.text);
  if (dates.length === 0) return undefined;
  return Math.max(...dates.map((d) => Math.floor(dateToSerial(d))));
}

/**
 * Whether a number format shows a date: a day, month or year outside quoted
 * text, [colour]/[$-locale] sections and escapes. "m" next to h or s is minutes
 * (h:mm, mm:ss), so a time-only format is not a date. Both hosts read dates by it.
 */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, '').toLowerCase();
  if (bare.trim() === 'general') return false;
  return /[dy]/.test(bare) || (/m/.test(bare) && !/[hs]/.test(bare));
}
