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
 * Rectangles covering exactly the cells `included(row, col)` says, in rows `rows`
 * (ascending) and columns `left`..`right`: per row the runs of included columns, and
 * rows next to each other with the same runs joined. Top row first.
 */
export function rectangles(
  rows: number[],
  left: number,
  right: number,
  included: (row: number, col: number) => boolean,
): CellRange[] {
  const out: CellRange[] = [];
  let open: CellRange[] = [];
  let previousRow = -2;
  let previousKey = '';
  for (const row of rows) {
    const runs: Array<[number, number]> = [];
    for (let col = left; col <= right; col++) {
      if (!included(row, col)) continue;
      const last = runs[runs.length - 1];
      if (last && last[1] === col - 1) last[1] = col;
      else runs.push([col, col]);
    }
    const key = runs.map(([a, b]) => `${a}-${b}`).join(',');
    if (row === previousRow + 1 && key === previousKey) for (const range of open) range.bottom = row;
    else {
      out.push(...open);
      open = runs.map(([a, b]) => ({ top: row, bottom: row, left: a, right: b }));
    }
    previousRow = row;
    previousKey = key;
  }
  out.push(...open);
  return out.sort((a, b) => a.top - b.top || a.left - b.left);
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
