// What a rule of the catalogue is (SPEC §3), in the style of ESLint's and
// markdownlint's rule modules: a named object that says what it finds and how
// it is fixed, and a function that finds it in an analysed workbook.
import { quoteCell } from '../quote';
import type { ActionInfo, Analysis, ThemeSheet } from '../analyse';
import type { IssueCode, Severity } from '../issues';
import type { TableLike } from '../layout';
import type { RefReading } from '../refs';
import type { SettingsProblem } from '../settings';
import { CellValue, WorkbookSnapshot, address, cellAt } from '../snapshot';

export type Family = 'workbook' | 'refs' | 'status' | 'completeness' | 'dates';

/** The families in the order the catalogue lists them, with their titles. */
export const FAMILIES: Record<Family, string> = {
  workbook: 'The workbook',
  refs: 'Refs',
  status: 'Statuses and terms',
  completeness: 'What each action says',
  dates: 'Dates',
};

/** A ref that starts a group, in workbook order. */
export interface RefEntry {
  theme: ThemeSheet;
  cell: string;
  reading: RefReading;
}

/** Everything a rule may look at: the analysed workbook and what recognition found on the way. */
export interface RuleContext {
  analysis: Analysis;
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

export type Report = (sheet: string, cell: string, message: string, fix?: string) => void;

export interface Rule {
  code: IssueCode;
  severity: Severity;
  family: Family;
  /** One line: when the rule reports. */
  description: string;
  /** What its fix writes, or null when it has none. */
  fix: string | null;
  check(context: RuleContext, report: Report): void;
}

/** One action row of a theme sheet, with its cells by role. */
export interface ActionCells {
  theme: ThemeSheet;
  action: ActionInfo;
  /** The row's cell for a role, or undefined when the sheet has no such column. */
  at(role: keyof ThemeSheet['layout']['columns']): { value: CellValue; cell: string } | undefined;
}

export function forEachAction(analysis: Analysis, visit: (row: ActionCells) => void): void {
  for (const theme of analysis.themes) {
    const { sheet, columns } = theme.layout;
    for (const action of theme.actions) {
      visit({
        theme,
        action,
        at: (role) => {
          const col = columns[role];
          return col === undefined
            ? undefined
            : { value: cellAt(sheet, action.row, col), cell: address(action.row, col) };
        },
      });
    }
  }
}

/** A cell's text in a message: quoted, and cut when long (see quoteCell). */
export function quote(text: string): string {
  return quoteCell(text);
}

/** "RAG" on the RAG scales, "status" on others: the word a board uses. */
export function statusNoun(analysis: Analysis): string {
  return analysis.scale.name === 'rag' || analysis.scale.name === 'ragb' ? 'RAG' : 'status';
}

export function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
