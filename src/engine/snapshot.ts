// What a host reads from a workbook: plain data, no host objects. Row and column
// indexes are 0-based everywhere in the engine; addresses ("F7") only appear in
// issues and messages.
import { withoutInvisible } from './invisible';
export type CellValue =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  /** A date as an Excel serial number (days since 1899-12-30, fraction = time). */
  | { kind: 'date'; serial: number }
  | { kind: 'error'; error: string };

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * A conditional format of Proforma's (SPEC §4.1; live-colours.ts makes and marks them): where
 * `formula` (Excel A1 syntax, no "=") is true, the cells take these colours.
 */
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

export interface SheetSnapshot {
  name: string;
  /** 'veryHidden' sheets are Proforma's own settings store and are not plan sheets. */
  visibility: 'visible' | 'hidden' | 'veryHidden';
  /** Dense grid from A1 to the end of the used range; rows may be shorter than others. */
  cells: CellValue[][];
  merges: CellRange[];
  hiddenRows: number[];
  /** Solid fill colour per cell as "#RRGGBB", only where a fill is set (key `${row},${col}`). */
  fills: Record<string, string>;
  /** Cells that hold a formula (key `${row},${col}`); their values are the formulas' results. */
  formulas?: Record<string, true>;
  /** The sheet is protected: Excel refuses changes to its locked cells. */
  protected?: boolean;
  /** Proforma's own live-colour rules on the sheet, highest priority first (SPEC §4.1). */
  statusRules?: StatusRule[];
  /** Proforma's own drop-down lists on the sheet. */
  dropDowns?: DropDown[];
  /** Cells that hold the board's own data validation: Proforma's lists leave them alone. */
  boardValidation?: CellRange[];
}

/** A workbook-level defined name, as Excel stores it (formula without the leading "="). */
export interface DefinedName {
  name: string;
  formula: string;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /** Workbook-level defined names (Proforma marks its overview with one). */
  names?: DefinedName[];
  /** The workbook's structure is protected: sheets cannot be added, renamed or moved. */
  structureProtected?: boolean;
  /** Names of sheets that hold no cells for the engine (chart sheets): taken, all the same. */
  otherSheets?: string[];
}

export function isFormulaCell(sheet: SheetSnapshot, row: number, col: number): boolean {
  return sheet.formulas?.[`${row},${col}`] === true;
}

export const EMPTY: CellValue = Object.freeze({ kind: 'empty' }) as CellValue;

export function cellAt(sheet: SheetSnapshot, row: number, col: number): CellValue {
  return sheet.cells[row]?.[col] ?? EMPTY;
}

export function isEmpty(value: CellValue): boolean {
  return value.kind === 'empty' || (value.kind === 'text' && withoutInvisible(value.text).trim() === '');
}

/** The value as a person would read it in the cell (dates as ISO days). */
export function displayText(value: CellValue): string {
  switch (value.kind) {
    case 'empty':
      return '';
    case 'text':
      return value.text;
    case 'number':
      return String(value.value);
    case 'boolean':
      return value.value ? 'TRUE' : 'FALSE';
    case 'date':
      return formatDay(value.serial);
    case 'error':
      return value.error;
  }
}

/** Whether two cells hold the same value as a person reads it (type and text). */
export function sameCellValue(a: CellValue, b: CellValue): boolean {
  return a.kind === b.kind && displayText(a) === displayText(b);
}

export function columnLetters(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function address(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** "F7" or "$F$7" → 0-based row and column. */
export function parseAddress(a1: string): { row: number; col: number } {
  const match = /^\$?([A-Z]+)\$?(\d+)$/.exec(a1.trim().toUpperCase());
  if (!match) throw new Error(`Not a cell address: ${a1}`);
  let col = 0;
  for (const ch of match[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, col: col - 1 };
}

/** "A1:B3", "$A$1:$B$3" or "'My sheet'!B2" (sheet name ignored) → a 0-based range. */
export function parseRangeAddress(a1: string): CellRange {
  const local = a1.includes('!') ? a1.slice(a1.lastIndexOf('!') + 1) : a1;
  const [start, end = start] = local.split(':');
  const from = parseAddress(start);
  const to = parseAddress(end);
  return { top: from.row, left: from.col, bottom: to.row, right: to.col };
}

export function rangeAddress(range: CellRange): string {
  const start = address(range.top, range.left);
  const end = address(range.bottom, range.right);
  return start === end ? start : `${start}:${end}`;
}

const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function dateToSerial(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH_MS) / MS_PER_DAY;
}

export function serialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * MS_PER_DAY));
}

export function serialToIsoDate(serial: number): string {
  return serialToDate(serial).toISOString().slice(0, 10);
}

// Dates are written the way a board paper writes them ("24 Nov 2026"), not ISO:
// a secretary reads them, and "2026-09-30" looks like a database.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An Excel date serial as "30 Sep 2026" (the time of day, if any, is dropped). */
export function formatDay(serial: number): string {
  const date = serialToDate(Math.floor(serial));
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** A moment in local time as "24 Nov 2026 14:05". */
export function formatDateTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The sheet as the engine reads it: each merge's value in its top-left cell only, the cells
 * hidden under it empty (some readers report the top-left value for every cell of a merge).
 * Pure: the sheet given is left as it is; rows a merge touches are copied.
 */
export function withoutMergeContinuations(sheet: SheetSnapshot): SheetSnapshot {
  if (sheet.merges.length === 0) return sheet;
  const cells = [...sheet.cells];
  for (const merge of sheet.merges) {
    for (let r = merge.top; r <= merge.bottom; r++) {
      const original = sheet.cells[r];
      if (!original) continue;
      if (cells[r] === original) cells[r] = [...original];
      const row = cells[r];
      for (let c = merge.left; c <= merge.right; c++) {
        if ((r !== merge.top || c !== merge.left) && c < row.length) row[c] = EMPTY;
      }
    }
  }
  return { ...sheet, cells };
}
