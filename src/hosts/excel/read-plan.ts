// Planning a read, with no Office.js calls: how much of each sheet the first sync
// asks for, and how what lies outside it is cut into blocks and syncs that stay
// under Excel on the web's 5 MB per request and response (docs-pr
// concepts/resource-limits-and-performance-optimization.md, "Excel add-ins").
// Pure functions, tested on their own; read.ts carries them out.
import { WorkbookSnapshot } from '../../engine';

/** Excel on the web refuses requests or responses over 5 MB; stay well below. */
export const PAYLOAD_BUDGET = 4_000_000;
/** Rough JSON size of one cell's value, type, number format and fill in a response. */
export const BYTES_PER_CELL = 90;
/** More cells than an action plan ever needs; reading them would take minutes and many requests. */
export const MAX_CELLS = 2_000_000;

export interface Block {
  sheet: number;
  /** Offset of the block within the sheet (0-based, absolute). */
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Splits each used range into row blocks, and blocks into syncs, to stay under the payload budget. */
export function planReads(
  used: Array<{ row: number; col: number; rows: number; cols: number } | null>,
  bytesPerCell = BYTES_PER_CELL,
): Block[][] {
  const blocks: Block[] = [];
  used.forEach((range, sheet) => {
    if (range) blocks.push({ sheet, row: range.row, col: range.col, rows: range.rows, cols: range.cols });
  });
  return regroup(blocks, bytesPerCell);
}

/** Blocks cut rows-wise to fit the budget at `bytesPerCell`, then grouped into syncs. */
export function regroup(input: Block[], bytesPerCell: number): Block[][] {
  const blocks: Block[] = [];
  for (const block of input) {
    const rowsPerBlock = Math.max(1, Math.floor(PAYLOAD_BUDGET / (bytesPerCell * block.cols)));
    for (let r = 0; r < block.rows; r += rowsPerBlock)
      blocks.push({ ...block, row: block.row + r, rows: Math.min(rowsPerBlock, block.rows - r) });
  }
  const syncs: Block[][] = [];
  let current: Block[] = [];
  let bytes = 0;
  for (const block of blocks) {
    const size = block.rows * block.cols * bytesPerCell;
    if (current.length > 0 && bytes + size > PAYLOAD_BUDGET) {
      syncs.push(current);
      current = [];
      bytes = 0;
    }
    current.push(block);
    bytes += size;
  }
  if (current.length > 0) syncs.push(current);
  return syncs;
}

/** A sync's blocks as two syncs, or each block cut in two rows-wise; null when a block is one row. */
export function halve(syncBlocks: Block[]): Block[][] | null {
  if (syncBlocks.length > 1) {
    const middle = Math.ceil(syncBlocks.length / 2);
    return [syncBlocks.slice(0, middle), syncBlocks.slice(middle)];
  }
  const [block] = syncBlocks;
  if (block.rows < 2) return null;
  const top = Math.ceil(block.rows / 2);
  return [[{ ...block, rows: top }], [{ ...block, row: block.row + top, rows: block.rows - top }]];
}

/** Columns of each sheet the first read covers: an action plan's table fits well inside. */
const WINDOW_COLS = 30;

/**
 * The part of each sheet the first read takes with the used ranges, in one sync: the payload
 * budget's cells shared between the sheets. A stray value far down a sheet makes its used range
 * huge, and a read over 5 million cells can come back null instead of failing (office-js#4783,
 * #6781; docs: excel/performance.md), so the first read never asks for more than this.
 */
export function firstWindow(sheetCount: number): { rows: number; cols: number } {
  const cells = Math.floor(PAYLOAD_BUDGET / BYTES_PER_CELL / Math.max(1, sheetCount));
  return { rows: Math.max(1, Math.floor(cells / WINDOW_COLS)), cols: WINDOW_COLS };
}

export type Dim = { row: number; col: number; rows: number; cols: number };

/** How far a sheet's cells reach (rows and columns from A1), as an earlier read found them. */
export type SheetExtents = Record<string, { rows: number; cols: number }>;

/** The extents of each sheet of a snapshot: the hint for the next read's windows. */
export function extentsOf(snapshot: WorkbookSnapshot): SheetExtents {
  const extents: SheetExtents = {};
  for (const sheet of snapshot.sheets)
    // A loop, not Math.max(...lines): a sheet of 200,000 rows would pass the engine's argument limit.
    extents[sheet.name] = {
      rows: sheet.cells.length,
      cols: sheet.cells.reduce((n, line) => Math.max(n, line.length), 0),
    };
  return extents;
}

/**
 * Each sheet's first window. With a hint of how far each sheet reached when last read (the
 * pane reads the same workbook again and again), a window fits it with room to grow, so a
 * workbook within the budget is read in two syncs whatever the shape of its sheets; sheets the
 * hint does not know share what is left. Without one, or past the budget, firstWindow's share.
 */
export function firstWindows(names: string[], hint?: SheetExtents): Array<{ rows: number; cols: number }> {
  const equal = firstWindow(names.length);
  if (!hint) return names.map(() => equal);
  const budget = Math.floor(PAYLOAD_BUDGET / BYTES_PER_CELL);
  const fitted = names.map((name) => {
    const known = hint[name];
    return known ? { rows: Math.ceil(known.rows * 1.2) + 20, cols: known.cols + 2 } : null;
  });
  const used = fitted.reduce((n, w) => n + (w ? w.rows * w.cols : 0), 0);
  const unknown = fitted.filter((w) => w === null).length;
  if (used > budget) return names.map(() => equal);
  const share = unknown > 0 ? Math.max(1, Math.floor((budget - used) / unknown / WINDOW_COLS)) : 0;
  return fitted.map((w) => w ?? { rows: share, cols: WINDOW_COLS });
}

/** The blocks of a used range outside the first read's window: below it, and to its right. */
export function outsideWindow(sheet: number, dim: Dim, window: { rows: number; cols: number }): Block[] {
  const blocks: Block[] = [];
  const bottom = dim.row + dim.rows;
  const right = dim.col + dim.cols;
  const insideRight = Math.min(right, window.cols);
  if (bottom > window.rows && insideRight > dim.col) {
    const top = Math.max(dim.row, window.rows);
    blocks.push({ sheet, row: top, col: dim.col, rows: bottom - top, cols: insideRight - dim.col });
  }
  if (right > window.cols) {
    const left = Math.max(dim.col, window.cols);
    blocks.push({ sheet, row: dim.row, col: left, rows: dim.rows, cols: right - left });
  }
  return blocks;
}
