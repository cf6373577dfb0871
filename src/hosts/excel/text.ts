// Text as Excel stores what is written to Range.values: the guard that keeps a
// value of the board's (a theme name, a lead, "12", "=HYPERLINK(…)") text, never a
// number, date or formula.

/**
 * Text is written as text. Excel parses what is written to Range.values as if
 * typed: "=…", "+…", "-…", "@…" become formulas, "12" a number, "50%", "TRUE",
 * "2026-11-24", "24/11/2026", "Jan 2026", "09:05" numbers or dates (docs:
 * Range.values). A leading quote keeps such text as it is (Excel stores it
 * without the quote). Other text is written bare: in a cell formatted as Text
 * a quote could be kept as a character, and codes like "A" or "OM2" need none.
 */
export function literal(value: string | number | null): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  return wouldBeParsed(value) ? `'${value}` : value;
}

const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const PARSED = [
  /^[=+\-@']/, // formulas, and a text's own leading quote (Excel would swallow it)
  /^\s*[-+(]?[£$€]?\s*[\d.,]+\s*%?\)?\s*$/, // numbers, money, percentages
  /^\s*[-+]?\d[\d.,]*e[-+]?\d+\s*$/i, // scientific
  /^\s*(true|false)\s*$/i,
  /^\s*\d{1,4}\s*[-/.]\s*\d{1,2}(\s*[-/.]\s*\d{1,4})?([ T]+\d{1,2}:\d{2}(:\d{2})?\s*([ap]m)?)?\s*$/i, // dates
  /^\s*\d{1,2}:\d{2}(:\d{2})?\s*([ap]m)?\s*$/i, // times
  /^\s*\d+\s+\d+\/\d+\s*$/, // fractions
  new RegExp(`^\\s*(\\d{1,2}[\\s-]*)?${MONTH}([\\s-]*\\d{1,4})?([ ,]+\\d{1,4})?([ T]+\\d{1,2}:\\d{2})?\\s*$`, 'i'), // "24 Nov 2026 14:05", "Jan-26"
];

/** Whether Excel would read the text as something other than text. */
export function wouldBeParsed(text: string): boolean {
  return text !== '' && PARSED.some((pattern) => pattern.test(text));
}
