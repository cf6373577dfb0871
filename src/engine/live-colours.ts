// Live status colours (SPEC §4.1): conditional-formatting rules a workbook
// keeps and Excel evaluates as anyone types, plus drop-down lists of the
// scale. The engine says which rules and lists each theme sheet should have;
// hosts write them as they are and recognise Proforma's own by the marks below.
// The StatusRule and DropDown types are in snapshot.ts: hosts read them as part of a sheet.
import type { CellRange } from './snapshot';

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

/** Excel's limit on a formula, a conditional format's included (ST_Formula: at most 8,192 characters, MS-OI29500 §2.1.1085). */
export const MAX_FORMULA_CHARS = 8192;

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
 * The formula that is true where the row's current status (SPEC §2.2: its rightmost
 * filled status cell) holds one of `spellings`, for a status kept per period in
 * `statusColumns` (left to right). Nested IFs, not LOOKUP(2,1/(range<>""),range): every
 * spreadsheet evaluates IF alike in a conditional format, with no array evaluation to rely
 * on, and HyperFormula, which the tests evaluate the rules with, has no LOOKUP. A cell is
 * filled when TRIM(CLEAN()) leaves text, as the engine reads it. One column gives
 * statusFormula's own formula. The formula grows with periods × spellings: a year of
 * monthly columns on any built-in scale stays inside Excel's 8,192 characters (the colour
 * plan leaves out a row tint that would not).
 */
export function currentStatusFormula(
  code: string,
  spellings: string[],
  statusColumns: string[],
  row: number,
  compact = false,
): string {
  const cell = (column: string): string => {
    const trimmed = `TRIM(CLEAN($${column}${row + 1}))`;
    return compact ? `SUBSTITUTE(SUBSTITUTE(${trimmed}," ",""),"-","")` : trimmed;
  };
  const holds = (column: string): string =>
    `OR(${spellings.map((s) => `${cell(column)}=${textLiteral(s)}`).join(',')})`;
  let test = holds(statusColumns[0]);
  for (const column of statusColumns.slice(1))
    test = `IF(TRIM(CLEAN($${column}${row + 1}))<>"",${holds(column)},${test})`;
  return `${RULE_MARK} ${code.replace(/"/g, '""')}")+${test}`;
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

/** The last row of a sheet (0-based): Excel's sheets have 1,048,576 rows (Excel specifications and limits). */
export const LAST_ROW = 1_048_575;

/** The cells of `range` outside all of `holes`, as rectangles: bands above and below each hole, and its sides. */
export function subtractRanges(range: CellRange, holes: readonly CellRange[]): CellRange[] {
  let pieces: CellRange[] = [range];
  for (const hole of holes) {
    const next: CellRange[] = [];
    for (const p of pieces) {
      if (hole.bottom < p.top || hole.top > p.bottom || hole.right < p.left || hole.left > p.right) {
        next.push(p);
        continue;
      }
      const top = Math.max(p.top, hole.top);
      const bottom = Math.min(p.bottom, hole.bottom);
      if (p.top < top) next.push({ ...p, bottom: top - 1 });
      if (p.left < hole.left) next.push({ top, bottom, left: p.left, right: hole.left - 1 });
      if (p.right > hole.right) next.push({ top, bottom, left: hole.right + 1, right: p.right });
      if (p.bottom > bottom) next.push({ ...p, top: bottom + 1 });
    }
    pieces = next;
  }
  return pieces.sort((a, b) => a.top - b.top || a.left - b.left);
}
