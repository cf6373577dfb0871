// Reading the workbook into the engine's snapshot, in a fixed few syncs: the sheet
// list with protection and names, then each sheet's used range and the cells of a
// first window (read-plan.ts), then only what lies outside it or past the 5 MB
// limit. What the read saw is returned with it as a receipt, which a write takes as
// an argument: nothing about a read is kept anywhere else.
import { CellValue, SheetSnapshot, WorkbookSnapshot, isDateFormatCode } from '../../engine';
import { ExcelHostError, codeOf } from './errors';
import { AREA_PROPS, LiveQuery, RuleHandle, readLiveColours } from './live-read';
import {
  BYTES_PER_CELL,
  Block,
  Dim,
  MAX_CELLS,
  SheetExtents,
  firstWindows,
  outsideWindow,
  planReads,
  regroup,
  halve,
} from './read-plan';

/** What a read saw besides the snapshot: what writePlan needs to know of it. */
export interface ReadReceipt {
  /** Colouring's needs were read: Proforma's rules and lists, and where the board's own validation is. */
  colours: boolean;
  /**
   * Proforma's rules on each sheet as read. Their ids are positions in the sheet's rules and
   * move when anyone adds or deletes one (docs-ref ConditionalFormat.id), so a write finds
   * Proforma's rules again by their mark in a load of its own; these say what the read saw.
   */
  rules: Record<string, RuleHandle[]>;
  /** Merged areas: not read (a check never needs them), read where colouring needed them, or not readable here. */
  merges: 'not-read' | 'read' | 'unsupported' | 'too-many';
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  receipt: ReadReceipt;
}

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

interface BlockResult {
  block: Block;
  range: Excel.Range;
  properties: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  rowProperties: OfficeExtension.ClientResult<Excel.RowProperties[]>;
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
 * Proforma's rules and lists, and where the board's own validation is (live-read.ts); merged
 * areas are read apart, only where the colour plan needs them (readMerges).
 */
export async function readSnapshot(
  context: Excel.RequestContext,
  { colours = false, hint }: { colours?: boolean; hint?: SheetExtents } = {},
): Promise<ReadResult> {
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
  // address list to split on ",". Excel reads the cells under a merge as empty, all a check
  // needs: merged areas are not asked for here (see readMerges).
  // Proforma's rules and lists, and where the board's validation is: their ranges and rules are
  // asked for in one sync more, only when a sheet has any (see readLiveColours).
  const live: LiveQuery[] = [];
  const queueExtras = (usedOf: (i: number) => Excel.Range | null): { collect: () => void } => {
    live.length = 0;
    const areaProps = `isNullObject,${AREA_PROPS}`;
    const formulaQueries: Array<{ sheet: number; areas: Excel.RangeAreas }> = [];
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
    });
    return {
      collect: () => {
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
  const first = queueFirstRead();
  let extras: { collect: () => void } | null = null;
  let dims: Array<Dim | null> | null = null;
  try {
    await context.sync();
    dims = first.usedRanges.map((used, i) => {
      const part = first.firstParts[i].range;
      const blank = used.rowCount * used.columnCount === 1 && part.valueTypes[0][0] === 'Empty';
      return blank ? null : { row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount };
    });
    extras = first.extras;
  } catch {
    // A read changes nothing, so it is made again the careful way: used ranges first, then
    // blocks sized to the budget. This happens when the window's text passes 5 MB, or when a
    // sheet's values start outside the window (getIntersection: ItemNotFound).
  }

  let bytesPerCell = BYTES_PER_CELL;
  const queue: Block[][] = [];
  if (dims) {
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
      const halves = halve(syncBlocks);
      if (codeOf(error) !== 'ResponsePayloadSizeLimitExceeded' || halves === null) throw error;
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
  const rules = colours ? await readLiveColours(context, sheets, snapshots, live) : {};
  const definedNames = names.items.map((n) => ({ name: n.name, formula: String(n.formula ?? '').replace(/^=/, '') }));
  sheets.forEach((ws, i) => {
    if (ws.protection.protected) snapshots[i].protected = true;
  });
  const snapshot: WorkbookSnapshot = { sheets: snapshots, names: definedNames };
  if (structure.protected) snapshot.structureProtected = true;
  return { snapshot, receipt: { colours, rules, merges: 'not-read' } };
}
