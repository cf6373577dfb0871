// A plan of edits: what the engine asks a host to change. Hosts apply a plan
// as it is; they decide nothing.
import { CellRange, CellValue, DropDown, StatusRule } from './snapshot';

export interface CellStyle {
  bold?: boolean;
  /** Font size in points. */
  size?: number;
  /** Solid fill "#RRGGBB". */
  fill?: string;
  fontColour?: string;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
  /** Thin borders on all four sides. */
  border?: boolean;
  /** Text turned to read upwards (90°): a column header narrower than its words. */
  rotate?: boolean;
}

export interface PlannedCell {
  /** Text is always written as text, never parsed as a formula. */
  value: string | number | null;
  style?: CellStyle;
}

/** How a sheet prints (Excel's page setup). */
export interface PrintSetup {
  landscape: boolean;
  /** Scaled to one page wide, as many pages tall as it takes. */
  fitToWidth: boolean;
  /**
   * Manual page breaks: each row (0-based) starts a new printed page. They replace the sheet's
   * earlier ones, and so do no print titles (none are set: a header is written again after a break).
   */
  rowBreaks?: number[];
  /**
   * A row that is blank: a host that cannot remove print titles an earlier build set repeats
   * this row instead, so nothing shows (Office.js documents no way to clear them).
   */
  blankRow?: number;
}

export interface SheetContent {
  name: string;
  cells: PlannedCell[][];
  merges: CellRange[];
  /** Column widths in Excel character units. */
  columnWidths: number[];
  /**
   * Heights in points of rows whose wrapped text needs more than one line: Excel never
   * fits a row to text wrapped in merged cells, so the plan says how tall it is.
   */
  rowHeights?: Array<{ row: number; points: number }>;
  print?: PrintSetup;
  /** The one cell whose value changes on every build (ignored when comparing). */
  buildTimeCell: { row: number; col: number };
  /**
   * The title's cells (on the first page and each page the matrix continues onto), each with a
   * pattern (a regular expression's source, whole text) that every title saying the same of
   * the workbook matches: a file name or a build date's quarter in it is not part of whether
   * the overview is up to date.
   */
  titles?: Array<{ row: number; col: number; pattern: string }>;
}

export type Edit =
  /**
   * One cell from `expect` (as read) to `value`; hosts refuse if the cell changed meanwhile. A fix
   * writes text (a string); a merged value (SPEC §7.3) keeps its type: a date stays a date (with
   * a date format where the cell has none), a number a number, text text even where Excel would
   * parse it.
   */
  | { kind: 'set-value'; sheet: string; row: number; col: number; expect: CellValue; value: string | CellValue }
  /** Fill (null clears it) and, optionally, font colour (null resets it to automatic) over a range. */
  | { kind: 'format'; sheet: string; range: CellRange; fill: string | null; fontColour?: string | null }
  /**
   * Proforma's conditional formats and drop-down lists on a sheet become exactly these
   * (its earlier ones go; the board's own rules and validation stay, ahead of Proforma's).
   */
  | { kind: 'live-colours'; sheet: string; rules: StatusRule[]; dropDowns: DropDown[] }
  | { kind: 'rename-sheet'; from: string; to: string }
  /** Adds a sheet at the front of the workbook and writes its content. */
  | { kind: 'add-sheet'; content: SheetContent }
  /** Rewrites a sheet Proforma built, in place (content.name is its name): formulas elsewhere that point at it keep working. */
  | { kind: 'replace-sheet'; content: SheetContent }
  /** Records which sheet is Proforma's overview (a hidden workbook name; see overview-marker.ts). */
  | { kind: 'mark-overview'; sheet: string }
  /**
   * A record Proforma keeps in the workbook as rows of text (its settings; later a baseline or a
   * partner's return): a very hidden sheet added at the end of the workbook when there is no sheet
   * of that name, else that sheet's contents replaced by these rows — its visibility and cell
   * formats kept, as Excel's clear of contents keeps them (a board that typed a visible settings
   * sheet keeps seeing it).
   */
  | { kind: 'record-sheet'; name: string; rows: string[][] }
  /** Hides these rows (0-based) of a sheet, as Excel's Hide Rows does: nothing in them changes (a pack, SPEC §7.2). */
  | { kind: 'hide-rows'; sheet: string; rows: number[] };

/** A plan that cannot be made from what the workbook holds; the message says why and what to do. Nothing is written. */
export class PlanRefusal extends Error {
  override name = 'PlanRefusal';
}

export interface Plan {
  /** What the plan does, in one sentence for the user. */
  description: string;
  edits: Edit[];
}

/** The value a set-value edit writes, as a cell: a fix's text, or the merged value as it is. */
export function plannedValue(edit: Extract<Edit, { kind: 'set-value' }>): CellValue {
  if (typeof edit.value !== 'string') return edit.value;
  return edit.value === '' ? { kind: 'empty' } : { kind: 'text', text: edit.value };
}

/** Sheets a plan writes to, for pre-checks such as protection. */
export function sheetsTouched(plan: Plan): string[] {
  const names = new Set<string>();
  for (const edit of plan.edits) {
    if (edit.kind === 'set-value' || edit.kind === 'format' || edit.kind === 'live-colours') names.add(edit.sheet);
    else if (edit.kind === 'hide-rows') names.add(edit.sheet);
    else if (edit.kind === 'rename-sheet') names.add(edit.from);
    else if (edit.kind === 'replace-sheet') names.add(edit.content.name);
    else if (edit.kind === 'record-sheet') names.add(edit.name);
  }
  return [...names];
}
