// Live status colours (SPEC §4.1): conditional-formatting rules a workbook
// keeps and Excel evaluates as anyone types, plus drop-down lists of the
// scale. The engine says which rules and lists each theme sheet should have;
// hosts write them as they are and recognise Proforma's own by the marks below.
import { CellRange } from './snapshot';

/** A conditional format of Proforma's: where `formula` (Excel A1 syntax, no "=") is true, the cells take these colours. */
export interface StatusRule {
  /**
   * The cells it covers, top row first. The formula's relative row is the first range's top
   * row; its columns are absolute, so it reads the same for every cell of a row.
   */
  ranges: CellRange[];
  formula: string;
  /** "#RRGGBB" */
  fill: string;
  fontColour?: string;
}

/** An in-cell drop-down list of Proforma's (data validation, warning style: it never locks anyone out). */
export interface DropDown {
  ranges: CellRange[];
  values: string[];
  /** What a partner is told on typing something else. */
  message: string;
}

/**
 * Every formula of Proforma's starts with N("Proforma …"): N of a text is 0, so the
 * rule's result is unchanged, and no rule a person writes starts that way.
 */
export const RULE_MARK = 'N("Proforma';

export function isProformaRule(formula: string): boolean {
  return formula.replace(/^=/, '').trimStart().startsWith(RULE_MARK);
}

/** The error title of Proforma's drop-down lists: how hosts tell them from the board's own validation. */
export const DROP_DOWN_TITLE = 'Proforma';

/** Excel rejects a literal list over 255 characters (file format limit, as XlsxWriter and others document). */
export const MAX_LIST_CHARS = 255;

/** A formula text literal: "…" with inner quotes doubled. */
function textLiteral(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The formula that is true where the row's status cell holds one of `spellings` (as
 * spellingKey gives them). Excel's "=" compares text without case, as the engine reads
 * statuses; TRIM(CLEAN()) drops the surrounding spaces and line breaks the engine also
 * ignores, and turns a number into its text (a 1–4 score). On a compact scale spaces
 * and hyphens are dropped too, as the engine drops them.
 */
export function statusFormula(
  code: string,
  spellings: string[],
  statusColumn: string,
  row: number,
  compact = false,
): string {
  const trimmed = `TRIM(CLEAN($${statusColumn}${row + 1}))`;
  const cell = compact ? `SUBSTITUTE(SUBSTITUTE(${trimmed}," ",""),"-","")` : trimmed;
  const tests = spellings.map((s) => `${cell}=${textLiteral(s)}`);
  return `${RULE_MARK} ${code.replace(/"/g, '""')}")+OR(${tests.join(',')})`;
}

/**
 * Rectangles covering rows `rows` (ascending) from column `left` to `right`, except the
 * cells of the ranges `excluded(row)` gives for each row: per row the runs of columns
 * left, and rows next to each other with the same runs joined. Top row first. The cost
 * is the rows times the columns, whatever the number of ranges left out (see byRow).
 */
export function rectangles(
  rows: readonly number[],
  left: number,
  right: number,
  excluded: (row: number) => readonly CellRange[] | undefined = () => undefined,
): CellRange[] {
  const out: CellRange[] = [];
  let open: CellRange[] = [];
  let previousRow = -2;
  let previous: Array<[number, number]> = [];
  const same = (a: Array<[number, number]>, b: Array<[number, number]>): boolean =>
    a.length === b.length && a.every(([x, y], i) => x === b[i][0] && y === b[i][1]);
  for (const row of rows) {
    const runs = runsLeft(left, right, excluded(row));
    if (row === previousRow + 1 && same(runs, previous)) for (const range of open) range.bottom = row;
    else {
      out.push(...open);
      open = runs.map(([a, b]) => ({ top: row, bottom: row, left: a, right: b }));
    }
    previousRow = row;
    previous = runs;
  }
  out.push(...open);
  return out.sort((a, b) => a.top - b.top || a.left - b.left);
}

/** The runs of columns left..right outside the given ranges' columns. */
function runsLeft(left: number, right: number, ranges: readonly CellRange[] | undefined): Array<[number, number]> {
  if (!ranges || ranges.length === 0) return left <= right ? [[left, right]] : [];
  const cut = ranges
    .filter((r) => r.right >= left && r.left <= right)
    .map((r): [number, number] => [Math.max(left, r.left), Math.min(right, r.right)])
    .sort((a, b) => a[0] - b[0]);
  const runs: Array<[number, number]> = [];
  let from = left;
  for (const [a, b] of cut) {
    if (a > from) runs.push([from, a - 1]);
    from = Math.max(from, b + 1);
  }
  if (from <= right) runs.push([from, right]);
  return runs;
}

/**
 * The ranges that cover each row from `top` to `bottom`, keyed by row: looked up a row at a
 * time instead of testing every cell against every range (a sheet of 10,000 rows merged in
 * groups has thousands of merges). The work is the rows the ranges cover inside top..bottom.
 */
export function byRow(ranges: readonly CellRange[], top: number, bottom: number): Map<number, CellRange[]> {
  const rows = new Map<number, CellRange[]>();
  for (const range of ranges)
    for (let row = Math.max(top, range.top); row <= Math.min(bottom, range.bottom); row++) {
      const list = rows.get(row);
      if (list) list.push(range);
      else rows.set(row, [range]);
    }
  return rows;
}

export function inRanges(ranges: readonly CellRange[], row: number, col: number): boolean {
  return ranges.some((r) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right);
}
