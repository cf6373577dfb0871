// Due dates as boards write them: real dates, "31/10/2012", "2012-10-31",
// "Oct 2012", "March 2022", "1st March 2026". A month alone means the end of
// that month; a quarter of a financial year ("Q4 2025/26") or a financial year
// alone ("2025/26") the end of that period, as UK public bodies count them
// (April to March, Q1 April–June). A date that does not exist ("31/02/2026",
// "2026-02-30") is called that, not read (SPEC §6). Words ("Ongoing", "TBC",
// "Quarterly") and a quarter of a calendar year ("Q4 2025": which year's
// quarters?) name no date.
import { CellValue, dateToSerial } from './snapshot';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

/** A date written in a due cell that does not exist, and why ("February 2026 has 28 days"). */
export interface ImpossibleDate {
  /** The date as written: "31/02/2026". */
  text: string;
  why: string;
  /** Where the day and month read the other way round make a date (03/31/2026): that date, day first. */
  dayFirst?: string;
}

/** What a due cell says: the date it is due by (a serial, whole days), and any date written in it that does not exist. */
export interface DueReading {
  serial?: number;
  impossible: ImpossibleDate[];
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** Why year, month and day as written (month 1–12 is January–December) are no date ("February 2026 has 28 days"); null when they are one. */
export function whyNoDay(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12) return `there is no month ${m}`;
  if (d < 1) return `there is no day ${d}`;
  const days = daysIn(y, m - 1);
  return d > days ? `${MONTH_NAMES[m - 1]} ${y} has ${days} days` : null;
}

/** The date, or why it is none (month and day as written: month 1–12 is January–December). */
function dayOf(y: number, m: number, d: number): Date | string {
  return whyNoDay(y, m, d) ?? new Date(Date.UTC(y, m - 1, d));
}

/** Two years written as a financial year, "2025/26", "2025-2026", "25/26": its first year, when they follow each other. */
function financialYear(first: string, second: string): number | undefined {
  const start = fullYear(Number(first));
  const follows = second.length === 2 ? (start + 1) % 100 === Number(second) : Number(second) === start + 1;
  return follows ? start : undefined;
}

/** The last day of quarter 1–4 of the financial year starting in April of `start`. */
function endOfQuarter(start: number, quarter: number): Date {
  return new Date(Date.UTC(start, 3 + quarter * 3, 0));
}

const FY = String.raw`(?:fy\s?)?(\d{4}|\d{2})\s?[/-]\s?(\d{4}|\d{2})`;
const QUARTER = String.raw`(?:q|qtr|quarter)\s?([1-4])`;
const QUARTER_THEN_YEAR = new RegExp(String.raw`\b${QUARTER}\s*,?\s*${FY}\b`, 'gi');
const YEAR_THEN_QUARTER = new RegExp(String.raw`\b${FY}\s*,?\s*${QUARTER}\b`, 'gi');
// A financial year alone needs its first year in full, or "FY": "11/12" may be 11 December.
const YEAR_ALONE = /\b(?:fy\s?(\d{4}|\d{2})|(\d{4}))\s?[/-]\s?(\d{4}|\d{2})\b/gi;

/** Every date a text mentions, and those it writes that do not exist. */
function datesInText(text: string): { dates: Date[]; impossible: ImpossibleDate[] } {
  const dates: Date[] = [];
  const impossible: ImpossibleDate[] = [];
  const take = (written: string, date: Date | string, dayFirst?: string): void => {
    if (typeof date !== 'string') dates.push(date);
    else impossible.push({ text: written.trim(), why: date, ...(dayFirst ? { dayFirst } : {}) });
  };
  // Quarters and financial years first, blanked out so their years are not read again as a year alone.
  let rest = text;
  for (const pattern of [QUARTER_THEN_YEAR, YEAR_THEN_QUARTER]) {
    rest = rest.replace(pattern, (match, ...groups: string[]) => {
      const [quarter, first, second] =
        pattern === QUARTER_THEN_YEAR ? [groups[0], groups[1], groups[2]] : [groups[2], groups[0], groups[1]];
      const start = financialYear(first, second);
      if (start === undefined) return match;
      dates.push(endOfQuarter(start, Number(quarter)));
      return ' '.repeat(match.length);
    });
  }
  for (const m of rest.matchAll(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g))
    take(m[0], dayOf(Number(m[1]), Number(m[2]), Number(m[3])));
  rest = rest.replace(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, (match) => ' '.repeat(match.length));
  for (const m of rest.matchAll(/\b(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})\b/g)) {
    const [day, month] = [Number(m[1]), Number(m[3])];
    if (m[4].length === 3) {
      take(m[0], `the year ${m[4]} has three digits`);
      continue;
    }
    const year = fullYear(Number(m[4]));
    const read = dayOf(year, month, day);
    const swapped = typeof read === 'string' && month > 12 ? dayOf(year, day, month) : undefined;
    if (swapped instanceof Date)
      take(m[0], `dates are read day first, and ${read}`, `${m[3]}${m[2]}${m[1]}${m[2]}${m[4]}`);
    else take(m[0], read);
  }
  rest = rest.replace(/\b(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})\b/g, (match) => ' '.repeat(match.length));
  for (const m of rest.matchAll(/\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]{3})[a-z]*\.?[\s-]+(\d{4}|\d{2})\b/gi)) {
    const month = MONTHS.indexOf(m[2].toLowerCase());
    if (month < 0) continue;
    const year = fullYear(Number(m[3]));
    if (m[1]) take(m[0], dayOf(year, month + 1, Number(m[1])));
    else dates.push(new Date(Date.UTC(year, month + 1, 0)));
  }
  if (dates.length === 0 && impossible.length === 0)
    for (const m of rest.matchAll(YEAR_ALONE)) {
      const start = financialYear(m[1] ?? m[2], m[3]);
      if (start !== undefined) dates.push(new Date(Date.UTC(start + 1, 2, 31)));
    }
  return { dates, impossible };
}

/** What a due cell says: its date (a deadline like "Jul 2011 by Oct 2012" means the latest), and dates that do not exist. */
export function readDue(value: CellValue): DueReading {
  if (value.kind === 'date') return { serial: Math.floor(value.serial), impossible: [] };
  if (value.kind !== 'text') return { impossible: [] };
  const { dates, impossible } = datesInText(value.text);
  if (dates.length === 0) return { impossible };
  return { serial: Math.max(...dates.map((d) => Math.floor(dateToSerial(d)))), impossible };
}

/** The due date as an Excel serial (whole days), or undefined when the cell names no date. */
export function readDueDate(value: CellValue): number | undefined {
  return readDue(value).serial;
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
