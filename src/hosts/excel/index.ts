// The Excel host: Office.js reads the workbook into the engine's snapshot in a
// fixed few syncs, and applies a plan made from that read in one write sync
// (sheets Excel cannot undo adding or renaming go first, in a run of their own).
// It decides nothing about action plans.
import {
  CellRange,
  CellStyle,
  CellValue,
  DROP_DOWN_TITLE,
  Edit,
  OVERVIEW_NAME,
  Plan,
  SETTINGS_SHEET,
  isDateFormatCode,
  SheetContent,
  SheetSnapshot,
  Settings,
  StatusRule,
  WorkbookSnapshot,
  isProformaRule,
  quoteSheetName,
  rangeAddress,
  settingsToPairs,
  sheetsTouched,
} from '../../engine';

/** The parts of the Office.js globals the host needs: injected, so tests can pass a fake. */
export interface OfficeApi {
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
}

/** A problem the user can act on; its message is one or two plain sentences. */
export class ExcelHostError extends Error {
  override name = 'ExcelHostError';
  constructor(
    message: string,
    readonly code: string = 'Proforma',
  ) {
    super(message);
  }
}

/** Excel on the web refuses requests or responses over 5 MB; stay well below. */
export const PAYLOAD_BUDGET = 4_000_000;
/** Rough JSON size of one cell's value, type, number format and fill in a response. */
const BYTES_PER_CELL = 90;
export const RUN_TIMEOUT_MS = 60_000;
/** More cells than an action plan ever needs; reading them would take minutes and many requests. */
export const MAX_CELLS = 2_000_000;

const TOO_LARGE =
  'The workbook is too large for Excel to send in one go. Try again on the desktop version of Excel, or split the plan into smaller workbooks.';
const CELL_EDIT =
  'Excel is busy: a cell is being edited. Press Enter or Esc to finish editing, then try again; nothing was changed.';

/** Plain words for Excel's error codes (docs: application-specific-api-error-handling.md, "Error codes and messages"). */
const FRIENDLY: Record<string, string> = {
  AccessDenied:
    'Excel refused the change: the sheet or workbook is protected, or you have read-only access. Unprotect it (Review > Unprotect) or ask for edit access, then try again.',
  InvalidOperationInCellEditMode: CELL_EDIT,
  InvalidOperation:
    'Excel could not do this to the workbook as it is now (a sheet or range may have changed meanwhile). Run Check to see it as it is, then try again.',
  ItemAlreadyExists:
    'A sheet or name Proforma wanted to add already exists, perhaps just added by someone else. Run Check again, then try again.',
  ItemNotFound:
    'A sheet changed while Proforma was working (renamed, moved or deleted). Nothing more was changed; run Check again.',
  GeneralException:
    'Excel reported an unexpected problem. Save your work, then try again; if it repeats, reopen the workbook.',
  RequestPayloadSizeLimitExceeded: TOO_LARGE,
  ResponsePayloadSizeLimitExceeded: TOO_LARGE,
  UndoNotSupported:
    'Excel could not group this change into one undo step and stopped; part of it may already be in the workbook. Run Check to see the workbook as it is now, then try again.',
};

/** Turns whatever Excel threw into an ExcelHostError with a message for people. */
export function explainError(error: unknown): ExcelHostError {
  if (error instanceof ExcelHostError) return error;
  const code = (error as { code?: string })?.code;
  if (code && FRIENDLY[code]) return new ExcelHostError(FRIENDLY[code], code);
  const message = (error as Error)?.message ?? String(error);
  return new ExcelHostError(`Excel reported a problem: ${message}`, code ?? 'Unknown');
}

/**
 * Excel.run with the options the running Excel supports, a time-out, and clear
 * errors. After a time-out the batch may still be running in Excel: every later
 * context.sync() of it is refused, so nothing more is written; what a sync
 * already sent may still arrive, and the message says so.
 */
export async function runInExcel<T>(
  api: OfficeApi,
  batch: (context: Excel.RequestContext) => Promise<T>,
  { write = false, timeoutMs = RUN_TIMEOUT_MS }: { write?: boolean; timeoutMs?: number } = {},
): Promise<T> {
  const options: Excel.RunOptions = {};
  // Wait for a cell edit to finish rather than fail at once (docs: excel-add-ins-delay-in-cell-edit.md).
  if (api.isSetSupported('ExcelApi', '1.11')) options.delayForCellEdit = true;
  // One undo step for the whole change (ExcelApi 1.20).
  if (write && api.isSetSupported('ExcelApi', '1.20')) options.mergeUndoGroup = true;
  let cancelled = false;
  const stopped = (): ExcelHostError =>
    new ExcelHostError(
      write
        ? `Excel did not answer within ${Math.round(timeoutMs / 1000)} seconds, so Proforma stopped; nothing more will be written, but part of the change may already be in the workbook. If a cell is being edited, finish it; then run Check to see the workbook as it is.`
        : `Excel did not answer within ${Math.round(timeoutMs / 1000)} seconds. If a cell is being edited, finish it; then try again.`,
      'Timeout',
    );
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expire: () => void = () => undefined;
  const timeout = new Promise<never>((_, reject) => {
    expire = () => {
      cancelled = true;
      reject(stopped());
    };
  });
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(expire, timeoutMs);
  };
  // Excel.run ends every batch, a failed one too, with a sync of whatever is still queued
  // (office-js: ClientRequestContext cleanup). So once timed out, the batch may queue nothing
  // more: every use of the context throws. The limit is per sync: a long change that keeps
  // answering is not cut short.
  const guarded = (context: Excel.RequestContext): Excel.RequestContext =>
    new Proxy(context, {
      get(target, property, receiver) {
        if (cancelled) throw stopped();
        if (property !== 'sync') return Reflect.get(target, property, receiver);
        return async () => {
          await target.sync();
          if (cancelled) throw stopped();
          arm();
        };
      },
    });
  arm();
  const running = api.run(options, (context) => batch(guarded(context)));
  // A batch that fails after the time-out has already been reported; its error is expected.
  running.catch(() => undefined);
  timeout.catch(() => undefined);
  try {
    return await Promise.race([running, timeout]);
  } catch (error) {
    throw explainError(error);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- reading

export function toCellValue(value: unknown, type: Excel.RangeValueType | string, numberFormat: string): CellValue {
  switch (type) {
    case 'Empty':
      return { kind: 'empty' };
    case 'Error':
      return { kind: 'error', error: String(value) };
    case 'Boolean':
      return { kind: 'boolean', value: Boolean(value) };
    case 'Double':
    case 'Integer':
      return isDateFormatCode(numberFormat)
        ? { kind: 'date', serial: Number(value) }
        : { kind: 'number', value: Number(value) };
    default: {
      const text = String(value ?? '');
      return text === '' ? { kind: 'empty' } : { kind: 'text', text };
    }
  }
}

export interface Block {
  sheet: number;
  /** Offset of the block within the sheet (0-based, absolute). */
  row: number;
  col: number;
  rows: number;
  cols: number;
}

interface BlockResult {
  block: Block;
  range: Excel.Range;
  properties: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  rowProperties: OfficeExtension.ClientResult<Excel.RowProperties[]>;
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

type Dim = { row: number; col: number; rows: number; cols: number };

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

/** Queues the values, types, formats, fills and hidden rows of a range. */
function queueCells(range: Excel.Range): Omit<BlockResult, 'block'> {
  range.load('values,valueTypes,numberFormat');
  return {
    range,
    // tintAndShade tells a fill from none: Excel reports no fill as #FFFFFF with a null
    // tintAndShade and pattern null for fills too (office-js#4900, maintainer's answer).
    properties: range.getCellProperties({ format: { fill: { color: true, tintAndShade: true } } }),
    rowProperties: range.getRowProperties({ rowIndex: true, rowHidden: true }),
  };
}

/** Puts a block read into its sheet's snapshot. */
function storeCells(sheet: SheetSnapshot, { block, range, properties, rowProperties }: BlockResult): void {
  for (let r = 0; r < block.rows; r++) {
    const row = block.row + r;
    const line = (sheet.cells[row] ??= []);
    for (let c = 0; c < block.cols; c++) {
      const col = block.col + c;
      while (line.length < col) line.push({ kind: 'empty' });
      line[col] = toCellValue(range.values[r][c], range.valueTypes[r][c], String(range.numberFormat[r][c] ?? ''));
      const fill = properties.value[r][c].format?.fill;
      const filled = fill?.color && (fill.color.toUpperCase() !== '#FFFFFF' || typeof fill.tintAndShade === 'number');
      if (filled) sheet.fills[`${row},${col}`] = (fill.color as string).toUpperCase();
    }
  }
  for (const props of rowProperties.value)
    if (props.rowHidden && props.rowIndex !== undefined) sheet.hiddenRows.push(props.rowIndex);
}

/** Bytes a cell of these blocks took in the response: to size the blocks still to read. */
function bytesPerCellSeen(results: BlockResult[]): number | null {
  const cells = results.reduce((n, { block }) => n + block.rows * block.cols, 0);
  if (cells === 0) return null;
  const seen = results.reduce(
    (n, r) => n + JSON.stringify(r.range.values).length + JSON.stringify(r.properties.value).length,
    0,
  );
  return (seen / cells) * 1.25 + 40; // + types, formats and row properties
}

/** Refuses a workbook whose sheets use more cells than a plan ever needs, before reading them. */
function refuseTooLarge(dims: Array<Dim | null>, sheets: Excel.Worksheet[]): void {
  const size = (i: number): number => (dims[i] ? dims[i].rows * dims[i].cols : 0);
  const cells = dims.reduce((n, _, i) => n + size(i), 0);
  if (cells <= MAX_CELLS) return;
  const biggest = dims.reduce((best, _, i) => (size(i) > size(best) ? i : best), 0);
  throw new ExcelHostError(
    `The workbook is too large to check here: its sheets use ${cells.toLocaleString('en-GB')} cells (the largest is "${sheets[biggest].name}"). ` +
      'Delete unused rows and columns below and to the right of the plan (a stray value far down counts), then try again.',
    'TooLarge',
  );
}

/**
 * Reads every sheet into a snapshot in two syncs: the sheet list, then each sheet's used range
 * with its values and formats (within a first window: see firstWindow). More only for what lies
 * outside that window or past the 5 MB limit. `colours` reads what colouring needs besides:
 * merges, Proforma's rules and lists, and where the board's own validation is.
 */
export async function readSnapshot(
  context: Excel.RequestContext,
  { colours = false, hint }: { colours?: boolean; hint?: SheetExtents } = {},
): Promise<WorkbookSnapshot> {
  const worksheets = context.workbook.worksheets;
  // Protection comes with the snapshot, so a change is refused before anything is written.
  worksheets.load('items/name,items/visibility,items/protection/protected');
  const structure = context.workbook.protection;
  structure.load('protected');
  // Workbook-scoped names: Proforma's overview mark is one (NamedItem.formula: ExcelApi 1.7).
  const names = context.workbook.names;
  names.load('items/name,items/formula');
  await context.sync();
  const sheets = worksheets.items;
  const snapshots: SheetSnapshot[] = sheets.map((ws) => ({
    name: ws.name,
    visibility: ws.visibility === 'VeryHidden' ? 'veryHidden' : ws.visibility === 'Hidden' ? 'hidden' : 'visible',
    cells: [],
    merges: [],
    hiddenRows: [],
    fills: {},
  }));

  // Formula cells (a fix is never offered for them), as rectangles (areas.items), never as an
  // address list to split on ",". Merged areas only to colour (a cell merged across rows gets no
  // row tint): the call clears the user's undo stack (office-js#5918) and fails past 512 areas
  // (docs-ref), so Check never makes it, and a read where it fails is made again without it. It
  // finds merges whose top-left cell is inside the range (office-js#3611): asked from A1, that is
  // every merge of the used range. Elsewhere Excel already reads the cells under a merge as
  // empty, all the engine needs.
  let askMerges = colours;
  // Proforma's rules and lists, and where the board's validation is: their ranges and rules are
  // asked for in one sync more, only when a sheet has any (see readLiveColours).
  const live: LiveQuery[] = [];
  const queueExtras = (usedOf: (i: number) => Excel.Range | null): { collect: () => void } => {
    live.length = 0;
    const areaProps = `isNullObject,${AREA_PROPS}`;
    const formulaQueries: Array<{ sheet: number; areas: Excel.RangeAreas }> = [];
    const mergeQueries: Array<{ sheet: number; areas: Excel.RangeAreas }> = [];
    sheets.forEach((ws, i) => {
      const used = usedOf(i);
      if (!used) return;
      const formulas = used.getSpecialCellsOrNullObject('Formulas');
      formulas.load(areaProps);
      formulaQueries.push({ sheet: i, areas: formulas });
      if (!colours) return;
      // Down to the sheet's end: Proforma's lists reach below the table (rows a partner adds),
      // and the board's own validation there must be seen before a list is written over it.
      const validated = used.getEntireColumn().getSpecialCellsOrNullObject('DataValidations');
      validated.load(areaProps);
      // Every rule on the sheet: the type says which are custom (customOrNullObject needs no second look).
      const formats = ws.getRange().conditionalFormats;
      formats.load(
        'items/id,items/type,items/priority,items/customOrNullObject/rule/formula,' +
          'items/customOrNullObject/format/fill/color,items/customOrNullObject/format/font/color',
      );
      live.push({ sheet: i, formats, validated });
      if (askMerges) {
        const merged = ws.getRangeByIndexes(0, 0, 1, 1).getBoundingRect(used).getMergedAreasOrNullObject();
        merged.load(areaProps);
        mergeQueries.push({ sheet: i, areas: merged });
      }
    });
    return {
      collect: () => {
        for (const { sheet, areas } of mergeQueries) {
          if (areas.isNullObject) continue;
          snapshots[sheet].merges = areas.areas.items.map(rangeOfArea);
        }
        for (const { sheet, areas } of formulaQueries) {
          if (areas.isNullObject) continue;
          const formulas = (snapshots[sheet].formulas ??= {});
          for (const a of areas.areas.items)
            for (let r = a.rowIndex; r < a.rowIndex + a.rowCount; r++)
              for (let c = a.columnIndex; c < a.columnIndex + a.columnCount; c++) formulas[`${r},${c}`] = true;
        }
      },
    };
  };

  // The second sync: used ranges, the cells inside the first window, formula cells (and what
  // colouring needs). getUsedRange(true) never fails: a blank sheet gives A1 (docs-ref).
  const windows = firstWindows(
    sheets.map((ws) => ws.name),
    hint,
  );
  const queueFirstRead = () => {
    const usedRanges = sheets.map((ws) => {
      const used = ws.getUsedRange(true);
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      return used;
    });
    const firstParts = usedRanges.map((used, i) => {
      const part = used.getIntersection(sheets[i].getRangeByIndexes(0, 0, windows[i].rows, windows[i].cols));
      part.load('rowIndex,columnIndex,rowCount,columnCount');
      return queueCells(part);
    });
    return { usedRanges, firstParts, extras: queueExtras((i) => usedRanges[i]) };
  };
  let first: ReturnType<typeof queueFirstRead> | null = queueFirstRead();
  let extras: { collect: () => void } | null = null;
  let dims: Array<Dim | null> | null = null;
  while (first !== null && dims === null) {
    const { usedRanges, firstParts } = first;
    try {
      await context.sync();
      dims = usedRanges.map((used, i) => {
        const part = firstParts[i].range;
        const blank = used.rowCount * used.columnCount === 1 && part.valueTypes[0][0] === 'Empty';
        return blank
          ? null
          : { row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount };
      });
      extras = first.extras;
    } catch (error) {
      const code = (error as { code?: string })?.code;
      if (askMerges && code !== 'ResponsePayloadSizeLimitExceeded' && code !== 'ItemNotFound') {
        // Past 512 merged areas Excel fails the merged-areas call: the same read without it
        // (with new objects: those of a failed request are not used again).
        askMerges = false;
        first = queueFirstRead();
        continue;
      }
      // A read changes nothing, so it is made again the careful way: used ranges first, then
      // blocks sized to the budget. This happens when the window's text passes 5 MB, or when a
      // sheet's values start outside the window (getIntersection: ItemNotFound).
      first = null;
    }
  }

  let bytesPerCell = BYTES_PER_CELL;
  const queue: Block[][] = [];
  if (dims && first) {
    refuseTooLarge(dims, sheets);
    const read: BlockResult[] = [];
    first.firstParts.forEach((part, i) => {
      if (!dims?.[i]) return;
      const { rowIndex: row, columnIndex: col, rowCount: rows, columnCount: cols } = part.range;
      read.push({ block: { sheet: i, row, col, rows, cols }, ...part });
    });
    for (const result of read) storeCells(snapshots[result.block.sheet], result);
    extras?.collect();
    bytesPerCell = Math.max(BYTES_PER_CELL, bytesPerCellSeen(read) ?? 0);
    const rest = dims.flatMap((dim, i) => (dim ? outsideWindow(i, dim, windows[i]) : []));
    queue.push(...regroup(rest, bytesPerCell));
  } else {
    const careful = sheets.map((ws) => {
      const used = ws.getUsedRangeOrNullObject(true);
      used.load('isNullObject,rowIndex,columnIndex,rowCount,columnCount');
      return used;
    });
    await context.sync();
    dims = careful.map((used) =>
      used.isNullObject
        ? null
        : { row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount },
    );
    refuseTooLarge(dims, sheets);
    // Every sheet blank: nothing to read, and no formula cells or rules to ask about.
    queue.push(...planReads(dims, bytesPerCell));
  }

  // The blocks are sized from a guess of bytes per cell; long texts can pass Excel on the web's
  // 5 MB response limit all the same. A read has no effects, so such a sync is read again in halves.
  const known = dims;
  while (queue.length > 0) {
    const syncBlocks = queue.shift() as Block[];
    // The formula cells (and merges) ride with the first sync that succeeds.
    const pendingExtras =
      extras === null
        ? queueExtras((i) => {
            const dim = known[i];
            return dim ? sheets[i].getRangeByIndexes(dim.row, dim.col, dim.rows, dim.cols) : null;
          })
        : null;
    const results: BlockResult[] = syncBlocks.map((block) => ({
      block,
      ...queueCells(sheets[block.sheet].getRangeByIndexes(block.row, block.col, block.rows, block.cols)),
    }));
    try {
      await context.sync();
    } catch (error) {
      if (pendingExtras && askMerges && (error as { code?: string })?.code !== 'ResponsePayloadSizeLimitExceeded') {
        // Past 512 merged areas Excel fails the merged-areas call: read again without it.
        askMerges = false;
        queue.unshift(syncBlocks);
        continue;
      }
      const halves = halve(syncBlocks);
      if ((error as { code?: string })?.code !== 'ResponsePayloadSizeLimitExceeded' || halves === null) throw error;
      // Too big: this sync in halves, and the rest planned for at least twice the bytes a cell.
      bytesPerCell *= 2;
      queue.splice(0, queue.length, ...halves, ...regroup(queue.flat(), bytesPerCell));
      continue;
    }
    // Size the rest from the text actually there: what this sync brought back, a cell.
    const estimate = bytesPerCellSeen(results);
    if (estimate !== null && estimate > bytesPerCell && queue.length > 0) {
      bytesPerCell = estimate;
      queue.splice(0, queue.length, ...regroup(queue.flat(), bytesPerCell));
    }
    if (pendingExtras) {
      pendingExtras.collect();
      extras = pendingExtras;
    }
    for (const result of results) storeCells(snapshots[result.block.sheet], result);
  }
  for (const sheet of snapshots) {
    for (let r = 0; r < sheet.cells.length; r++) sheet.cells[r] ??= [];
    // A row read in two blocks (the window and the columns to its right) is one hidden row.
    sheet.hiddenRows = [...new Set(sheet.hiddenRows)].sort((a, b) => a - b);
  }
  if (colours) await readLiveColours(context, sheets, snapshots, live);
  const definedNames = names.items.map((n) => ({ name: n.name, formula: String(n.formula ?? '').replace(/^=/, '') }));
  sheets.forEach((ws, i) => {
    if (ws.protection.protected) snapshots[i].protected = true;
  });
  const snapshot: WorkbookSnapshot = { sheets: snapshots, names: definedNames };
  if (structure.protected) snapshot.structureProtected = true;
  if (!colours) readWithoutColours.add(snapshot);
  return snapshot;
}

/** What a RangeAreas is loaded with to be read as rectangles. */
const AREA_PROPS = 'areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount';

function rangeOfArea(a: Excel.Range): CellRange {
  return {
    top: a.rowIndex,
    left: a.columnIndex,
    bottom: a.rowIndex + a.rowCount - 1,
    right: a.columnIndex + a.columnCount - 1,
  };
}

interface LiveQuery {
  sheet: number;
  formats: Excel.ConditionalFormatCollection;
  validated: Excel.RangeAreas;
}

/** Snapshots read without what colouring needs (readSnapshot's `colours`): never coloured from. */
const readWithoutColours = new WeakSet<WorkbookSnapshot>();

/** Host handles of Proforma's rules as read (ConditionalFormat ids, positional: docs-ref), to replace them. */
const ruleHandles = new WeakMap<SheetSnapshot, Array<{ id: string; priority: number }>>();

/**
 * Proforma's conditional formats (by the formula's mark) and drop-down lists (by their error
 * title), and the cells of the board's own validation: one more sync, only when a sheet has
 * any. Validation is asked column by column, so Proforma's list beside the board's own is
 * told apart; a column part mixing rules counts as the board's.
 */
async function readLiveColours(
  context: Excel.RequestContext,
  sheets: Excel.Worksheet[],
  snapshots: SheetSnapshot[],
  live: LiveQuery[],
): Promise<void> {
  const rules: Array<{ sheet: number; item: Excel.ConditionalFormat; areas: Excel.RangeAreas }> = [];
  const columns: Array<{ sheet: number; range: CellRange; validation: Excel.DataValidation }> = [];
  for (const { sheet, formats, validated } of live) {
    for (const item of formats.items) {
      const formula = item.type === 'Custom' ? (item.customOrNullObject.rule.formula ?? '') : '';
      if (!isProformaRule(formula)) continue;
      const areas = item.getRanges();
      areas.load(AREA_PROPS);
      rules.push({ sheet, item, areas });
    }
    if (validated.isNullObject) continue;
    for (const a of validated.areas.items)
      for (let c = a.columnIndex; c < a.columnIndex + a.columnCount; c++) {
        const validation = sheets[sheet].getRangeByIndexes(a.rowIndex, c, a.rowCount, 1).dataValidation;
        validation.load('type,rule,errorAlert');
        const range = { top: a.rowIndex, bottom: a.rowIndex + a.rowCount - 1, left: c, right: c };
        columns.push({ sheet, range, validation });
      }
  }
  if (rules.length === 0 && columns.length === 0) return;
  await context.sync();
  for (const { sheet, item, areas } of rules) {
    const custom = item.customOrNullObject;
    const rule: StatusRule = {
      ranges: areas.areas.items.map(rangeOfArea),
      formula: (custom.rule.formula ?? '').replace(/^=/, ''),
      fill: (custom.format.fill.color ?? '').toUpperCase(),
    };
    if (custom.format.font.color) rule.fontColour = custom.format.font.color.toUpperCase();
    (snapshots[sheet].statusRules ??= []).push(rule);
    const handles = ruleHandles.get(snapshots[sheet]) ?? [];
    handles.push({ id: item.id, priority: item.priority });
    ruleHandles.set(snapshots[sheet], handles);
  }
  // A column part with different rules in it (Proforma's list beside a board's rule on one
  // cell) is asked again in halves until each part has one rule: a sync a halving, rarely needed.
  let parts = columns;
  while (parts.length > 0) {
    const mixed: typeof columns = [];
    for (const { sheet, range, validation } of parts) {
      const snapshot = snapshots[sheet];
      const differs = validation.type === 'Inconsistent' || validation.type === 'MixedCriteria';
      if (differs && range.bottom > range.top) {
        const top = Math.ceil((range.bottom - range.top + 1) / 2);
        for (const half of [
          { ...range, bottom: range.top + top - 1 },
          { ...range, top: range.top + top },
        ]) {
          const next = sheets[sheet].getRangeByIndexes(
            half.top,
            half.left,
            half.bottom - half.top + 1,
            1,
          ).dataValidation;
          next.load('type,rule,errorAlert');
          mixed.push({ sheet, range: half, validation: next });
        }
        continue;
      }
      if (validation.type === 'None') continue;
      const list = validation.type === 'List' ? validation.rule?.list : undefined;
      const alert = validation.errorAlert;
      if (list && typeof list.source === 'string' && alert?.title === DROP_DOWN_TITLE) {
        const values = list.source.split(',');
        const dropDowns = (snapshot.dropDowns ??= []);
        const same = dropDowns.find((d) => d.values.join(',') === values.join(',') && d.message === alert.message);
        if (same) same.ranges.push(range);
        else dropDowns.push({ ranges: [range], values, message: alert.message ?? '' });
      } else (snapshot.boardValidation ??= []).push(range);
    }
    if (mixed.length > 0) await context.sync();
    parts = mixed;
  }
  // Halves of one list next to each other are one range again, as the list was written.
  for (const snapshot of snapshots)
    for (const list of snapshot.dropDowns ?? []) {
      list.ranges.sort((a, b) => a.left - b.left || a.top - b.top);
      list.ranges = list.ranges.reduce<CellRange[]>((joined, r) => {
        const last = joined[joined.length - 1];
        if (last && last.left === r.left && last.right === r.right && last.bottom + 1 === r.top) last.bottom = r.bottom;
        else joined.push({ ...r });
        return joined;
      }, []);
    }
  const byPlace = (a: CellRange, b: CellRange): number => a.top - b.top || a.left - b.left;
  for (const snapshot of snapshots) {
    for (const list of snapshot.dropDowns ?? []) list.ranges.sort(byPlace);
    snapshot.dropDowns?.sort((a, b) => byPlace(a.ranges[0], b.ranges[0]));
  }
}

// ---------------------------------------------------------------- writing

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

/** Column width in Excel character units → Office.js points (about 7 px per character at 100%). */
const POINTS_PER_CHAR = 5.6;

/** One part of a write, with what it adds to the request (estimated, generously). */
interface WriteStep {
  bytes: number;
  queue: (context: Excel.RequestContext) => void;
}

/**
 * Bytes Office.js sends per queued action beyond its data: object paths and the action.
 * Measured with Microsoft's client library serialising these requests (npm run bench,
 * "officejs-client"): about 300 a property set on a range already reached, 575 a cell fix.
 */
const ACTION_BYTES = 300;
/** Rows of the overview's values written in one step. */
const VALUE_ROWS_PER_STEP = 500;

/** A rectangle of cells that share one planned style. */
interface StyledArea {
  range: CellRange;
  style: CellStyle;
}

/**
 * The content's styled cells as few rectangles as possible: runs of one style along a row,
 * stacked where the rows below repeat them. A format is then set once per area, not per cell.
 */
export function styledAreas(content: SheetContent): StyledArea[] {
  const done: StyledArea[] = [];
  // Areas still open at the row above, by "left,right,style".
  let open = new Map<string, StyledArea>();
  content.cells.forEach((row, r) => {
    const next = new Map<string, StyledArea>();
    let c = 0;
    while (c < row.length) {
      const style = row[c]?.style;
      if (!style) {
        c++;
        continue;
      }
      const key = JSON.stringify(style, Object.keys(style).sort());
      let right = c;
      while (
        right + 1 < row.length &&
        row[right + 1]?.style &&
        JSON.stringify(row[right + 1].style, Object.keys(row[right + 1].style as CellStyle).sort()) === key
      )
        right++;
      const id = `${c},${right},${key}`;
      const above = open.get(id);
      if (above) {
        above.range.bottom = r;
        open.delete(id);
        next.set(id, above);
      } else next.set(id, { range: { top: r, left: c, bottom: r, right }, style });
      c = right + 1;
    }
    done.push(...open.values());
    open = next;
  });
  done.push(...open.values());
  return done.sort((a, b) => a.range.top - b.range.top || a.range.left - b.range.left);
}

/**
 * The border sides that draw a grid over an area, as docs-ref's RangeBorderCollection example
 * does: its four edges, and inside lines only where it has more than one row or column.
 */
type BorderSide = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical';

function gridBorders(range: CellRange): BorderSide[] {
  const sides: BorderSide[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
  if (range.bottom > range.top) sides.push('InsideHorizontal');
  if (range.right > range.left) sides.push('InsideVertical');
  return sides;
}

/**
 * A sheet's planned content as steps, so a large overview (a long list of rows left out) is
 * written across syncs instead of one request past Excel on the web's 5 MB.
 */
function contentSteps(sheetOf: (context: Excel.RequestContext) => Excel.Worksheet, content: SheetContent): WriteStep[] {
  const steps: WriteStep[] = [];
  const rows = content.cells.length;
  const cols = Math.max(1, ...content.cells.map((row) => row.length));
  for (let top = 0; top < rows; top += VALUE_ROWS_PER_STEP) {
    const block = content.cells
      .slice(top, top + VALUE_ROWS_PER_STEP)
      .map((row) => Array.from({ length: cols }, (_, c) => literal(row[c]?.value ?? null)));
    steps.push({
      bytes: 2 * ACTION_BYTES + JSON.stringify(block).length,
      queue: (context) => (sheetOf(context).getRangeByIndexes(top, 0, block.length, cols).values = block),
    });
  }
  // Merged before formatted: a border set over a merged area runs around the area, not its first cell.
  for (const m of content.merges)
    steps.push({
      bytes: 2 * ACTION_BYTES,
      queue: (context) =>
        sheetOf(context)
          .getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1)
          .merge(false),
    });
  for (const { range, style } of styledAreas(content)) {
    const borders = style.border ? gridBorders(range) : [];
    steps.push({
      bytes: (2 + Object.keys(style).length + 2 * borders.length) * ACTION_BYTES,
      queue: (context) => {
        const format = sheetOf(context).getRangeByIndexes(
          range.top,
          range.left,
          range.bottom - range.top + 1,
          range.right - range.left + 1,
        ).format;
        if (style.bold) format.font.bold = true;
        if (style.size) format.font.size = style.size;
        if (style.fontColour) format.font.color = style.fontColour;
        if (style.fill) format.fill.color = style.fill;
        if (style.align)
          format.horizontalAlignment = style.align === 'center' ? 'Center' : style.align === 'right' ? 'Right' : 'Left';
        if (style.wrap) format.wrapText = true;
        // docs-ref RangeFormat.textOrientation (ExcelApi 1.7): -90 to 90 degrees.
        if (style.rotate) format.textOrientation = 90;
        // Aligned or wrapped text sits in the middle of its row, as the .xlsx host writes it.
        if (style.align || style.wrap) format.verticalAlignment = 'Center';
        for (const side of borders) {
          const border = format.borders.getItem(side);
          border.style = 'Continuous';
          border.weight = 'Thin';
        }
      },
    });
  }
  content.columnWidths.forEach((width, c) =>
    steps.push({
      bytes: 2 * ACTION_BYTES,
      queue: (context) => (sheetOf(context).getRangeByIndexes(0, c, 1, 1).format.columnWidth = width * POINTS_PER_CHAR),
    }),
  );
  for (const { row, points } of content.rowHeights ?? [])
    steps.push({
      bytes: 2 * ACTION_BYTES,
      queue: (context) => (sheetOf(context).getRangeByIndexes(row, 0, 1, 1).format.rowHeight = points),
    });
  const print = content.print;
  if (print)
    steps.push({
      bytes: 4 * ACTION_BYTES,
      queue: (context) => {
        // docs-ref excel.pagelayout.yml (ExcelApi 1.9). The zoom is set whole, as a JSON object
        // (docs: "use x.zoom = {...}"), fit to pages without a scale. verticalFitToPages 0 is
        // "as many pages as needed" as in the file format's fitToHeight="0"; the Office.js docs
        // do not say (docs/office-js-facts.md §12).
        const layout = sheetOf(context).pageLayout;
        layout.orientation = print.landscape ? 'Landscape' : 'Portrait';
        if (print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
        // "The range must span the entire row to be valid": rows as "$1:$6". Office.js documents
        // no way to clear print titles an earlier build set, so where none are planned the
        // plan's blank row repeats instead: nothing shows.
        const repeat =
          print.repeatRows ?? (print.blankRow !== undefined ? { top: print.blankRow, bottom: print.blankRow } : null);
        if (repeat) layout.setPrintTitleRows(`$${repeat.top + 1}:$${repeat.bottom + 1}`);
      },
    });
  return steps;
}

/** The steps of one edit of a plan whose sheets exist already (see contentOf). */
function editSteps(edit: Edit, before: WorkbookSnapshot): WriteStep[] {
  const sheet = (name: string) => (context: Excel.RequestContext) => context.workbook.worksheets.getItem(name);
  switch (edit.kind) {
    case 'set-value':
      return [
        {
          bytes: 2 * ACTION_BYTES + edit.value.length,
          queue: (context) =>
            (sheet(edit.sheet)(context).getRangeByIndexes(edit.row, edit.col, 1, 1).values = [[literal(edit.value)]]),
        },
      ];
    case 'format': {
      const { top, left, bottom, right } = edit.range;
      return [
        {
          bytes: 4 * ACTION_BYTES,
          queue: (context) => {
            const format = sheet(edit.sheet)(context).getRangeByIndexes(
              top,
              left,
              bottom - top + 1,
              right - left + 1,
            ).format;
            if (edit.fill === null) format.fill.clear();
            else format.fill.color = edit.fill;
            // Office.js has no "automatic" font colour to set back; black is what automatic shows.
            if (edit.fontColour !== undefined) format.font.color = edit.fontColour ?? '#000000';
          },
        },
      ];
    }
    case 'add-sheet':
    case 'replace-sheet': {
      // In place, never deleted and re-added: formulas elsewhere that point at the overview keep working.
      const of = sheet(edit.content.name);
      const clear: WriteStep = {
        bytes: 4 * ACTION_BYTES,
        queue: (context) => {
          const all = of(context).getRange();
          all.unmerge();
          all.clear('All');
          // Heights the last build gave its rows go too (clearing leaves them): the plan sets its own.
          all.format.useStandardHeight = true;
        },
      };
      return [clear, ...contentSteps(of, edit.content)];
    }
    case 'mark-overview':
      return [{ bytes: 2 * ACTION_BYTES, queue: (context) => markOverview(context, edit.sheet, before) }];
    case 'live-colours':
      return liveColourSteps(edit, before);
    case 'rename-sheet':
      return [{ bytes: 2 * ACTION_BYTES, queue: (context) => (sheet(edit.from)(context).name = edit.to) }];
    case 'record-sheet': {
      // The sheet exists by now (structureOf adds it): its contents go, its formats stay (as in the .xlsx host).
      const width = Math.max(1, ...edit.rows.map((row) => row.length));
      const values = edit.rows.map((row) => Array.from({ length: width }, (_, c) => literal(row[c] ?? '')));
      const text = edit.rows.reduce((n, row) => n + row.reduce((m, cell) => m + cell.length + 8, 0), 0);
      return [
        {
          bytes: 4 * ACTION_BYTES + text,
          queue: (context) => {
            const target = sheet(edit.name)(context);
            target.getRange().clear('Contents');
            if (values.length > 0) target.getRangeByIndexes(0, 0, values.length, width).values = values;
          },
        },
      ];
    }
  }
}

/** Past the last priority: Excel moves such a rule to the back (docs-ref ConditionalFormat.priority). */
const LAST_PRIORITY = 1_000_000;

/**
 * Proforma's rules and lists on a sheet replaced. Its old rules are deleted by the ids the read
 * gave, last first (an id is a position: deleting from the back keeps the others' ids). Each new
 * rule is added (Excel adds at the top), given its formula and colours, then moved to the back,
 * so the board's own rules keep precedence and Proforma's keep the plan's order.
 */
function liveColourSteps(edit: Extract<Edit, { kind: 'live-colours' }>, before: WorkbookSnapshot): WriteStep[] {
  const sheetOf = (context: Excel.RequestContext): Excel.Worksheet => context.workbook.worksheets.getItem(edit.sheet);
  const areas = (ranges: CellRange[]): string => ranges.map(rangeAddress).join(',');
  const old = before.sheets.find((s) => s.name === edit.sheet);
  // Without the rules and lists as read, the old ones could not be replaced: they would double.
  if (readWithoutColours.has(before))
    throw new Error('Proforma: live colours are written only from a read made with { colours: true }.');
  const handles = [...((old && ruleHandles.get(old)) ?? [])].sort((a, b) => b.priority - a.priority);
  const steps: WriteStep[] = [];
  if (handles.length > 0)
    steps.push({
      bytes: (2 + 2 * handles.length) * ACTION_BYTES,
      queue: (context) => {
        const formats = sheetOf(context).getRange().conditionalFormats;
        for (const { id } of handles) formats.getItem(id).delete();
      },
    });
  for (const list of old?.dropDowns ?? [])
    steps.push({
      bytes: 3 * ACTION_BYTES,
      queue: (context) => sheetOf(context).getRanges(areas(list.ranges)).dataValidation.clear(),
    });
  for (const rule of edit.rules)
    steps.push({
      bytes: 8 * ACTION_BYTES + rule.formula.length,
      queue: (context) => {
        const format = sheetOf(context).getRanges(areas(rule.ranges)).conditionalFormats.add('Custom');
        format.custom.rule.formula = `=${rule.formula}`;
        format.custom.format.fill.color = rule.fill;
        if (rule.fontColour) format.custom.format.font.color = rule.fontColour;
        format.priority = LAST_PRIORITY;
      },
    });
  for (const list of edit.dropDowns)
    steps.push({
      bytes: 5 * ACTION_BYTES + list.message.length + list.values.join(',').length,
      queue: (context) => {
        const validation = sheetOf(context).getRanges(areas(list.ranges)).dataValidation;
        validation.rule = { list: { inCellDropDown: true, source: list.values.join(',') } };
        validation.errorAlert = { showAlert: true, style: 'Warning', title: DROP_DOWN_TITLE, message: list.message };
      },
    });
  return steps;
}

// ------------------------------------------------ sheets: outside undo groups

/**
 * Edits Excel cannot undo — adding, moving or renaming a sheet — throw
 * UndoNotSupported inside an undo group (docs: excel-add-ins-undo-capabilities.md,
 * "Unsupported APIs": Worksheet.position and Worksheet.name on Windows and Mac,
 * Worksheet.delete everywhere). They are made first, in their own Excel.run.
 */
export function structureOf(plan: Plan, before?: WorkbookSnapshot): Plan {
  const sheets = plan.edits.filter((e) => e.kind === 'add-sheet' || e.kind === 'rename-sheet');
  // The mark goes with the sheet it marks: if the grouped write fails or is undone, the new
  // sheet is still known as Proforma's overview, never taken for a hand-made one next time.
  const marks = sheets.length > 0 ? plan.edits.filter((e) => e.kind === 'mark-overview') : [];
  // A record sheet not there yet is added (and very hidden, which Excel cannot undo either).
  const records = plan.edits.filter(
    (e) => e.kind === 'record-sheet' && !before?.sheets.some((s) => s.name.toLowerCase() === e.name.toLowerCase()),
  );
  return { description: plan.description, edits: [...sheets, ...marks, ...records] };
}

/** The rest of a plan, once its sheets exist: grouped into one undo step where Excel supports it. */
export function contentOf(plan: Plan): Plan {
  const structural = plan.edits.some((e) => e.kind === 'add-sheet' || e.kind === 'rename-sheet');
  const edits: Edit[] = [];
  for (const edit of plan.edits) {
    if (edit.kind === 'rename-sheet' || (edit.kind === 'mark-overview' && structural)) continue;
    edits.push(edit.kind === 'add-sheet' ? { kind: 'replace-sheet', content: edit.content } : edit);
  }
  return { description: plan.description, edits };
}

/** Refuses, before anything is written, a plan that protection would stop (as the snapshot read it). */
export function refuseIfProtected(snapshot: WorkbookSnapshot, plan: Plan): void {
  if (snapshot.structureProtected && structureOf(plan, snapshot).edits.length > 0)
    throw new ExcelHostError(
      'The workbook structure is protected, so sheets cannot be added or renamed. Unprotect it (Review > Protect Workbook) and try again; nothing was changed.',
      'AccessDenied',
    );
  for (const name of sheetsTouched(plan)) {
    if (snapshot.sheets.find((s) => s.name === name)?.protected)
      throw new ExcelHostError(
        `The sheet "${name}" is protected. Unprotect it (Review > Unprotect Sheet) and try again; nothing was changed.`,
        'AccessDenied',
      );
  }
}

/** Adds (first in the workbook) and renames sheets, and marks the overview, in one sync. */
export async function applyStructure(
  context: Excel.RequestContext,
  plan: Plan,
  before: WorkbookSnapshot,
): Promise<void> {
  if (plan.edits.length === 0) return;
  const worksheets = context.workbook.worksheets;
  for (const edit of plan.edits) {
    if (edit.kind === 'rename-sheet') worksheets.getItem(edit.from).name = edit.to;
    else if (edit.kind === 'add-sheet') {
      const sheet = worksheets.add(edit.content.name);
      sheet.position = 0;
      sheet.activate();
    } else if (edit.kind === 'mark-overview') markOverview(context, edit.sheet, before);
    else if (
      edit.kind === 'record-sheet' &&
      !before.sheets.some((s) => s.name.toLowerCase() === edit.name.toLowerCase())
    )
      // Added at the end of the workbook (docs-ref Worksheets.add), out of the way.
      worksheets.add(edit.name).visibility = 'VeryHidden';
  }
  await context.sync();
}

/** Points the hidden name ProformaOverview at the sheet (added once, then updated). */
function markOverview(context: Excel.RequestContext, sheet: string, before: WorkbookSnapshot): void {
  const reference = `=${quoteSheetName(sheet)}!$A$1`;
  const marked = (before.names ?? []).some((n) => n.name.toLowerCase() === OVERVIEW_NAME.toLowerCase());
  if (marked) context.workbook.names.getItem(OVERVIEW_NAME).formula = reference;
  else context.workbook.names.add(OVERVIEW_NAME, reference).visible = false;
}

/** Writes a plan as real Excel allows: sheets first in a run of their own, then the rest as one undo step. */
export async function writePlan(api: OfficeApi, plan: Plan, before: WorkbookSnapshot): Promise<void> {
  refuseIfProtected(before, plan);
  const structure = structureOf(plan, before);
  if (structure.edits.length > 0) await runInExcel(api, (context) => applyStructure(context, structure, before));
  await runInExcel(api, (context) => applyPlan(context, contentOf(plan), before), { write: true });
}

/** Saves settings: the sheet (if new) outside any undo group, its values as one undo step. */
export async function writeSettings(api: OfficeApi, settings: Settings): Promise<void> {
  await runInExcel(api, (context) => ensureSettingsSheet(context));
  await runInExcel(api, (context) => saveSettings(context, settings), { write: true });
}

/**
 * Applies a plan in one sync (more only past the payload budget). The plan must
 * have been made from `before`, a read just made: protection was refused from
 * it (refuseIfProtected), fixes were planned from its values, and it says
 * whether the overview mark exists. Nothing is read here.
 */
export async function applyPlan(context: Excel.RequestContext, plan: Plan, before: WorkbookSnapshot): Promise<void> {
  if (plan.edits.length === 0) return;
  // One write sync, unless the plan would pass the payload budget: then one per block.
  let pending = 0;
  for (const edit of plan.edits)
    for (const step of editSteps(edit, before)) {
      if (pending > 0 && pending + step.bytes > PAYLOAD_BUDGET) {
        await context.sync();
        pending = 0;
      }
      step.queue(context);
      pending += step.bytes;
    }
  await context.sync();
}

/**
 * Reads the settings sheet alone, as a workbook of that one sheet: when the
 * whole workbook cannot be read (too large, a sheet that will not load), the
 * settings view still shows, and saves over, the board's own settings rather
 * than defaults. The sheet is a few dozen key/value rows, far inside any limit.
 */
export async function readSettingsSheet(context: Excel.RequestContext): Promise<WorkbookSnapshot> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
  sheet.load('isNullObject');
  await context.sync();
  if (sheet.isNullObject) return { sheets: [] };
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('isNullObject,values,valueTypes,numberFormat,rowIndex,columnIndex');
  await context.sync();
  if (used.isNullObject) return { sheets: [] };
  const cells: CellValue[][] = [];
  used.values.forEach((line, r) => {
    const row: CellValue[] = Array.from({ length: used.columnIndex }, () => ({ kind: 'empty' }));
    line.forEach((value, c) => row.push(toCellValue(value, used.valueTypes[r][c], String(used.numberFormat[r][c]))));
    cells[used.rowIndex + r] = row;
  });
  for (let r = 0; r < cells.length; r++) cells[r] ??= [];
  return {
    sheets: [{ name: SETTINGS_SHEET, visibility: 'veryHidden', cells, merges: [], hiddenRows: [], fills: {} }],
  };
}

/** Selects a cell, for "click an issue to go to it". */
export async function selectCell(context: Excel.RequestContext, sheetName: string, cell: string): Promise<void> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
  sheet.load('isNullObject');
  await context.sync();
  if (sheet.isNullObject)
    throw new ExcelHostError(`The sheet "${sheetName}" is no longer in the workbook; run Check again.`, 'ItemNotFound');
  sheet.activate();
  sheet.getRange(cell).select();
  await context.sync();
}

/**
 * Makes sure the settings sheet exists (very hidden when it is added). Adding a sheet and setting
 * its visibility cannot be undone, so this runs outside any undo group.
 */
export async function ensureSettingsSheet(context: Excel.RequestContext): Promise<void> {
  const worksheets = context.workbook.worksheets;
  const existing = worksheets.getItemOrNullObject(SETTINGS_SHEET);
  existing.load('isNullObject');
  await context.sync();
  // A settings sheet the board typed keeps its visibility: it is written into, as the .xlsx host does.
  if (!existing.isNullObject) return;
  // Through the context again after the sync: after a time-out it refuses to queue more.
  context.workbook.worksheets.add(SETTINGS_SHEET).visibility = 'VeryHidden';
  await context.sync();
}

/** Writes settings into the settings sheet (which must exist), so every partner shares them. */
export async function saveSettings(context: Excel.RequestContext, settings: Settings): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(SETTINGS_SHEET);
  sheet.getRange().clear('Contents');
  const pairs = settingsToPairs(settings).map(([key, value]) => [literal(key), literal(value)]);
  sheet.getRangeByIndexes(0, 0, pairs.length, 2).values = pairs;
  await context.sync();
}
