// Reporting periods in headings (SPEC §2.2): a plan that keeps a status per
// quarter, month or financial year heads each of those columns with its period
// ("Q3 2009/10", "Quarter 2", "Qtr 2", "Jun 2023", "June", "2016/17"), often with
// a status word beside it ("Q1 BRAG", "RAG Q3", "RAG status Q1").
import { type CellValue, serialToDate } from './snapshot';

export interface PeriodHeading {
  kind: 'quarter' | 'month' | 'year';
  /** The heading names a status word too ("Q1 BRAG", "RAG Q3"): its column is a status by its own heading. */
  statusWord: boolean;
}

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** A year as plans write one beside a period: 2023, 23, 2009/10, 2023-24, 2023/2024, 23/24. */
const YEAR = '(?:fy ?)?(?:\\d{4}(?: ?[/-] ?(?:\\d{4}|\\d{2}))?|\\d{2} ?[/-] ?\\d{2}|\\d{2})';
const QUARTER = '(?:q|qtr|quarter) ?[1-4]';
const MONTH_RANGE = `${MONTH} ?(?:-|to) ?${MONTH}(?: ${YEAR})?`;

const QUARTER_HEADING = new RegExp(`^(?:${YEAR} )?${QUARTER}(?: ${YEAR})?(?: ${MONTH_RANGE})?$`);
const MONTH_HEADING = new RegExp(`^${MONTH}(?: ?-? ?(?:\\d{4}|\\d{2}))?$`);
const YEAR_HEADING = /^(?:(?:financial )?year |fy ?)?(\d{4}|\d{2}) ?[/-] ?(\d{4}|\d{2})$/;

/** Status words a period heading may carry ("RAG", "BRAG", "R A G", "status", "rating"). */
const STATUS_WORDS = /\b(?:b ?r ?a ?g|r ?a ?g|status|rating|rated)\b/g;
/** Words that frame a period without changing it ("Status as at June 2023", "RAG for Q2", "End of Q1"). */
const FILLER_WORDS = /\b(?:as at|at|for|in|end of|end)\b/g;

/** Whether two years written as a financial year follow each other: 2016/17, 2016-2017, 16/17. */
function consecutiveYears(first: string, second: string): boolean {
  const a = Number(first) % 100;
  const b = Number(second) % 100;
  return (a + 1) % 100 === b && (first.length === 4 || second.length === 2);
}

/** A heading's words as periods are read: lower case, dashes and punctuation as spaces, single-spaced. */
function headingWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[–—]/g, '-')
    .replace(/[()[\],:;.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words left with framing words, stray dashes and repeated spaces taken out. */
function withoutFiller(words: string): string {
  return words
    .replace(FILLER_WORDS, ' ')
    .replace(/\s*-\s*$/, '')
    .replace(/^\s*-\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The kind of period the words (status and framing words taken out) name, if they are one. */
function periodKind(words: string): PeriodHeading['kind'] | undefined {
  if (QUARTER_HEADING.test(words)) return 'quarter';
  if (MONTH_HEADING.test(words)) return 'month';
  const year = YEAR_HEADING.exec(words);
  if (year && consecutiveYears(year[1], year[2])) return 'year';
  return undefined;
}

/** The period a heading names, if its whole text is a period (with status or framing words around it). */
export function readPeriod(text: string): PeriodHeading | undefined {
  const words = headingWords(text);
  if (words === '' || words.length > 40) return undefined;
  const withoutStatus = words.replace(STATUS_WORDS, ' ');
  const kind = periodKind(withoutFiller(withoutStatus));
  return kind && { kind, statusWord: withoutStatus !== words };
}

/** Words a progress update's heading uses beside its period ("Q1 Update", "Commentary Q2", "Q3 progress update"). */
const UPDATE_WORDS =
  /\b(?:latest|progress|updates?|comments?|commentary|evidence|notes?|narrative|position|statement|of|on|to date)\b/g;

/**
 * The period a heading names, as a key two headings of one period share whatever else they say:
 * "Q1 RAG", "RAG status Q1", "Quarter 1 update" and "Q1 Commentary" are all "q1"; "Q3 2025-26"
 * and "Q3 2025/26 Update" are "q3 2025/26". Undefined when the heading names no period. It pairs
 * a period's progress update with its status (SPEC §2.2).
 */
export function periodKey(text: string): string | undefined {
  const words = headingWords(text);
  if (words === '' || words.length > 60) return undefined;
  const period = withoutFiller(words.replace(STATUS_WORDS, ' ').replace(UPDATE_WORDS, ' '));
  if (periodKind(period) === undefined) return undefined;
  return period
    .replace(/\b(?:quarter|qtr|q) ?([1-4])\b/, 'q$1')
    .replace(/(\d) ?[/-] ?(\d)/g, '$1/$2')
    .replace(/\bfy ?/, '');
}

/**
 * The period a status heading names, for people: its status words left out ("RAG status Q2" and
 * "Q2 RAG" are "Q2"; "Q3 2009/10" stays as it is); the heading itself when nothing else is left.
 */
export function periodName(heading: string): string {
  const name = heading
    .replace(/\b(?:b ?r ?a ?g|r ?a ?g|status|rating|rated)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s:;,–—-]+|[\s:;,–—-]+$/g, '')
    .trim();
  return name || heading.trim();
}

/** A period named inside a line of text: a quarter ("Q2", "Quarter 2", "Qtr 2"), a month with its year ("June 2026", "Jun-26"), or a financial year ("2026/27"). */
const PERIOD_IN_TEXT = [/\b(?:q|qtr|quarter) ?[1-4]\b/i, new RegExp(`\\b${MONTH} ?[-']? ?(?:\\d{4}|\\d{2})\\b`, 'i')];

/**
 * Whether a line of text (a plan's title) names a reporting period: a quarter, a month with its
 * year, or one financial year ("2026/27", "2026-2027"). A span of several years ("2023-2026", a
 * strategy's life) or a year alone is not one: a plan's title often carries those whatever the
 * period it reports on.
 */
export function namesPeriod(text: string): boolean {
  if (PERIOD_IN_TEXT.some((pattern) => pattern.test(text))) return true;
  for (const match of text.matchAll(/\b(\d{4}|\d{2}) ?[/-] ?(\d{4}|\d{2})\b/g))
    if (match[1].length === 4 && consecutiveYears(match[1], match[2])) return true;
  return false;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A heading cell's text: text as written (trimmed), and a date as the month it names
 * ("Jun 2023"), since Excel turns a typed "Jun-23" heading into a date. Empty for anything else.
 */
export function headingText(value: CellValue): string {
  if (value.kind === 'text') return value.text.trim();
  if (value.kind === 'date') {
    const date = serialToDate(Math.floor(value.serial));
    return `${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  }
  return '';
}
