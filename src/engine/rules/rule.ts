// What a rule of the catalogue is (SPEC §3), in the style of ESLint's and
// markdownlint's rule modules: a named object that says what it finds and how
// it is fixed, and a function that finds it in the workbook's model.
import { quoteCell } from '../quote';
import type { CoreRole, Role, TableLike } from '../layout';
import type { ActionInfo, PeriodStatus, ThemeSheet, WorkbookModel } from '../model';
import type { RefReading } from '../refs';
import type { SettingsProblem } from '../settings';
import { CellValue, WorkbookSnapshot, address, cellAt } from '../snapshot';

export type Severity = 'error' | 'warning' | 'info';

export type Family = 'workbook' | 'refs' | 'status' | 'completeness' | 'dates' | 'moved';

/** The families in the order the catalogue lists them, with their titles. */
export const FAMILIES: Record<Family, string> = {
  workbook: 'The workbook',
  refs: 'Refs',
  status: 'Statuses and terms',
  completeness: 'What each action says',
  dates: 'Dates',
  moved: 'Since the baseline',
};

/** A ref that starts a group, in workbook order. */
export interface RefEntry {
  theme: ThemeSheet;
  cell: string;
  reading: RefReading;
  /** One of several refs listed in its cell ("01 & 02"): counted for uniqueness and sequence, never ref-format. */
  listed?: boolean;
}

/** Everything a rule may look at: the workbook's model and what recognition found on the way. */
export interface RuleContext {
  model: WorkbookModel;
  /** The workbook as analyse() read it: each merge's value in its top-left cell only. */
  snapshot: WorkbookSnapshot;
  today: Date;
  /** Today as an Excel date serial, for due dates. */
  todaySerial: number;
  /** Sheets without a proforma header row, with the table found on them if one looks like a plan. */
  skipped: Array<{ name: string; table: TableLike | undefined }>;
  /** Settings that cannot be used, at their row of the settings sheet. */
  settingsProblems: SettingsProblem[];
  /** Every theme sheet's refs, in workbook order. */
  refs: RefEntry[];
}

/** What a rule reports: one cell, one plain-English sentence, and the value that fixes it where the fix is certain. */
export interface Finding {
  sheet: string;
  cell: string;
  message: string;
  fix?: string;
}

export type Report = (finding: Finding) => void;

/** A rule; `Code` is its code as a literal type, from which the catalogue makes the IssueCode union. */
export interface Rule<Code extends string = string> {
  code: Code;
  severity: Severity;
  family: Family;
  /** One line: when the rule reports. */
  description: string;
  /** What its fix writes, or null when it has none. */
  fix: string | null;
  check(context: RuleContext, report: Report): void;
}

/** Declares a rule, keeping its code as a literal type (a plain annotation would widen it to string). */
export function defineRule<Code extends string>(rule: Rule<Code>): Rule<Code> {
  return rule;
}

/** One cell of an action row: its value and its address. */
export interface RowCell {
  value: CellValue;
  cell: string;
}

/** One action row of a theme sheet, with its cells by role. */
export interface ActionCells {
  theme: ThemeSheet;
  action: ActionInfo;
  /**
   * The row's cell for a role every theme sheet has: its action text, or its current status
   * (on a sheet with a status per period, the cell the current status is read from: ActionInfo.statusCol).
   */
  required(role: CoreRole): RowCell;
  /**
   * The row's cell for a role, or undefined when the sheet has no such column. Its status is the
   * current one's cell (statusCol), its evidence the current period's update where each period
   * has one (evidenceCol).
   */
  at(role: Role): RowCell | undefined;
  /** Every filled status cell of the row (one per period on a sheet with a status per period), with its reading. */
  filledStatuses(): Array<RowCell & { period: PeriodStatus }>;
}

/**
 * Each action row's cells, made once per model and shared by every rule that visits the rows:
 * a dozen rules over 50,000 actions would otherwise build 600,000 sets of the same closures and
 * cells. A memo of an immutable model (never written to), not state: the same model gives the
 * same rows.
 */
const rowsOfModel = new WeakMap<WorkbookModel, ActionCells[]>();

function actionRows(model: WorkbookModel): ActionCells[] {
  const known = rowsOfModel.get(model);
  if (known) return known;
  const rows: ActionCells[] = [];
  for (const theme of model.themes) {
    const { sheet, columns } = theme.layout;
    for (const action of theme.actions) {
      const cells = new Map<number, RowCell>();
      const cellIn = (col: number): RowCell => {
        let cell = cells.get(col);
        if (!cell) {
          cell = { value: cellAt(sheet, action.row, col), cell: address(action.row, col) };
          cells.set(col, cell);
        }
        return cell;
      };
      let filled: Array<RowCell & { period: PeriodStatus }> | undefined;
      rows.push({
        theme,
        action,
        required: (role) => cellIn(role === 'rag' ? action.statusCol : columns[role]),
        at: (role) => {
          const col = role === 'rag' ? action.statusCol : role === 'evidence' ? action.evidenceCol : columns[role];
          return col === undefined ? undefined : cellIn(col);
        },
        filledStatuses: () =>
          (filled ??= action.periods
            .filter((period) => period.reading.state !== 'missing')
            .map((period) => ({ ...cellIn(period.col), period }))),
      });
    }
  }
  rowsOfModel.set(model, rows);
  return rows;
}

export function forEachAction(model: WorkbookModel, visit: (row: ActionCells) => void): void {
  for (const row of actionRows(model)) visit(row);
}

/** A cell's text in a message: quoted, and cut when long (see quoteCell). */
export function quote(text: string): string {
  return quoteCell(text);
}

/** "RAG" on the RAG scales, "status" on others: the word a board uses. */
export function statusNoun(model: WorkbookModel): string {
  return model.scale.name === 'rag' || model.scale.name === 'ragb' ? 'RAG' : 'status';
}

/** "an invisible character (zero-width space)", "invisible characters (zero-width space and byte order mark)". */
export function invisibleSentence(names: string[]): string {
  return names.length === 1 ? `an invisible character (${names[0]})` : `invisible characters (${listOf(names)})`;
}

export function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
