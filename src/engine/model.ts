// The engine's model of a workbook (SPEC §2): what analyse() reads a snapshot
// into, and what the checks (rules/), the summary, the overview and the colour
// plan work from. Types only.
//
// The model holds no issues: the rules read it and report, and the catalogue
// they make up defines the issue codes, so an issue cannot be part of what the
// rules read without an import cycle. What analyse() returns, the model with its
// issues, is `Analysis` (issues.ts).
import type { PlanLayout, Role, SheetLayout, TableLike } from './layout';
import type { RefScheme } from './refs';
import type { RagReading, Scale, TermReading } from './scales';
import type { Settings } from './settings';
import type { SheetSnapshot } from './snapshot';

/**
 * One status cell of an action row: on a sheet with a status per period (SPEC §2.2), one
 * period's status, labelled with the period's heading ("Q3 2009/10", "RAG status Q1").
 */
export interface PeriodStatus {
  /** The status column (0-based). */
  col: number;
  /** The column's heading: the period's label (on a sheet with one status column, that column's heading). */
  label: string;
  reading: RagReading;
}

/** What one action row says: its status (and, per period, its status history) and term as read (the rules judge them). */
export interface ActionInfo {
  row: number;
  /** The current status: the rightmost filled status cell's reading; missing when no status cell is filled. */
  rag: RagReading;
  /**
   * The column of the current status. Where no status cell is filled: the rightmost status cell
   * whose fill shows a status (rag-colour-only), else the rightmost status column any action row
   * of the sheet has filled (where rag-missing is reported), else the first status column.
   */
  statusCol: number;
  /** The status cell the current status is read from; null when none is filled. */
  current: PeriodStatus | null;
  /** The filled status cell before the current one (the previous period's status, SPEC §8); null when there is none. */
  previous: PeriodStatus | null;
  /** Every status column's reading, filled or not, in column order: one entry on a sheet with one status column. */
  periods: PeriodStatus[];
  /** null where the sheet has no term column. */
  term: TermReading | null;
}

/** A theme sheet that can be counted: a plan with the columns it cannot be read without. */
export interface ThemeSheet {
  /** The sheet's name (its tab). */
  name: string;
  /** The theme's name, from the title rows or the settings (SPEC §2.1). */
  theme: string;
  /** The sheet's ref prefix in the prefixed scheme; null in the other schemes. */
  prefix: string | null;
  /** Its columns by role: actions and status always, the others (ref too) where the sheet has them. */
  layout: PlanLayout;
  actions: ActionInfo[];
}

/** Every sheet of the workbook but the settings sheet, in workbook order, as the overview and the pane list them. */
export interface SheetInfo {
  name: string;
  kind: 'theme' | 'overview' | 'skipped';
  theme: string | null;
  prefix: string | null;
  actions: number;
}

/** A proforma sheet left out of the overview because a column it cannot be read without (actions, status) is missing (column-missing). */
export interface IncompleteSheet {
  name: string;
  missing: Role[];
  headerCell: string;
  layout: SheetLayout;
}

/** A sheet not read that looks like a table of actions (sheet-unrecognised): its header row, for mapping. */
export interface UnrecognisedSheet {
  name: string;
  table: TableLike;
}

/** A workbook as the engine reads it: everything but the issues found in it. */
export interface WorkbookModel {
  settings: Settings;
  /** The status scale the workbook was read on (the settings' scale). */
  scale: Scale;
  /** Settings that could not be used, as sentences (each is also a settings-invalid issue). */
  settingsProblems: string[];
  scheme: RefScheme;
  /** What the refs show whatever the settings say: the scheme by majority, each theme sheet's most common prefix. */
  detected: { scheme: RefScheme; prefixes: Record<string, string | null> };
  sheets: SheetInfo[];
  /** Theme sheets that can be counted (they have actions and status columns; a ref column is optional). */
  themes: ThemeSheet[];
  /** Proforma sheets left out of the overview because a column is missing. */
  incomplete: IncompleteSheet[];
  /** Sheets not read that look like a table of actions (sheet-unrecognised): their header rows, for mapping. */
  unrecognised: UnrecognisedSheet[];
  hasTermColumn: boolean;
  /** The overview sheet Proforma built, if any. */
  overviewSheet: SheetSnapshot | null;
}
