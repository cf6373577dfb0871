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
import type { RagReading, Scale, StatusClass, TermReading } from './scales';
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
  /**
   * The current status: the rightmost filled status cell's reading; missing when no status cell
   * is filled, or when an empty later period shows a status by its fill alone (SPEC §2.5: the row
   * counts as none until that status is written in).
   */
  rag: RagReading;
  /**
   * The column of the current status. Where no status cell is filled: the rightmost status cell
   * whose fill shows a status (rag-colour-only), else the rightmost status column any action row
   * of the sheet has filled (where rag-missing is reported), else the first status column. Where
   * an empty period after the last filled one shows a status by its fill: that period's column.
   */
  statusCol: number;
  /** The status cell the current status is read from; null when none is filled, or the latest status is colour-only. */
  current: PeriodStatus | null;
  /** The filled status cell before the current one (the previous period's status, SPEC §8); null when there is none. */
  previous: PeriodStatus | null;
  /** Every status column's reading, filled or not, in column order: one entry on a sheet with one status column. */
  periods: PeriodStatus[];
  /** null where the sheet has no term column. */
  term: TermReading | null;
  /**
   * The column of the row's progress update (evidence): where the sheet keeps one per period
   * ("Q1 RAG | Q1 Update | Q2 RAG | Q2 Update"), the current period's (at statusCol), else the
   * sheet's evidence column; undefined when there is none.
   */
  evidenceCol: number | undefined;
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
  /** What moved since the baseline (SPEC §8), or null when there is none to compare with. */
  movement: Movement | null;
  /** Why the baseline recorded in the workbook could not be read (then it is not used); null when it could, or there is none. */
  baselineProblem: string | null;
}

/**
 * What a baseline keeps of an action, and what the plan says of it now (SPEC §8). A field is
 * undefined where the action's sheet has no such column (nothing to compare), null where its
 * cell is empty.
 */
export interface ActionState {
  /** The status: its code where it is on the scale, else the text as written; null when empty. */
  status: string | null;
  /** The status's class on the scale it was read on; null when empty or not on that scale. */
  class: StatusClass | null;
  /** The status as people read it: its name on the scale ("Red"), else as written. */
  statusName: string | null;
  /** The due date as an ISO date ("2026-09-30") where the cell names one, else its text. */
  due?: string | null;
  lead?: string | null;
  /** The progress update's fingerprint (fingerprint.ts), never its text. */
  evidence?: string | null;
}

/** An action as a baseline recorded it: its identity (SPEC §7.1), its state, and where it was. */
export interface BaselineAction extends ActionState {
  /** Its theme sheet's name, its ref as recorded (null when none), its action text: an ActionRecord (identity.ts). */
  sheet: string;
  ref: string | null;
  text: string;
  /** The cell of its action text when the baseline was taken, e.g. "C5"; null when not known. */
  cell: string | null;
}

/**
 * Where a baseline comes from (SPEC §8): another file (--since), the plan's own previous
 * period column, or the baseline recorded in the workbook's ProformaBaseline sheet.
 */
export type BaselineKind = 'file' | 'periods' | 'baseline';

/** A baseline to compare the plan with: a recorded one, or another file's actions. */
export interface Baseline {
  kind: 'file' | 'baseline';
  /** What it is called: a recorded baseline's label ("Q2 2026/27"), a file's name. */
  label: string;
  /** When it was recorded (ISO date and time); null for a file. */
  recorded: string | null;
  actions: BaselineAction[];
}

/** One change of one action (an action can have several), as `compare --json` lists it. */
export type ChangeKind = 'new' | 'removed' | 'status' | 'due' | 'lead' | 'update-unchanged';

export interface ActionChange {
  sheet: string;
  /** Its ref in normal form, or null (no ref column, no ref). */
  ref: string | null;
  /** Its action text. */
  text: string;
  /** The cell of its action text in the plan; for a removed action, in the baseline (or null). */
  cell: string | null;
  /** Its row in the plan (0-based); null for a removed action. */
  row: number | null;
  change: ChangeKind;
  /** As compared: a status's code, a due date as an ISO date, a lead as written; null for none. */
  from: string | null;
  to: string | null;
  /** The same for people: a status's name, a date as "30 Sep 2026" (an unchanged update: the status now). */
  fromText: string | null;
  toText: string | null;
  /** A status by class order (off-track < at-risk < on-track < complete; withdrawn is neither); a later due date is worse (slipped). */
  direction: 'better' | 'worse' | null;
  /** Why a new or removed action found no partner, where identity could not tell rows apart. */
  note?: string;
}

/** Per theme, each action counted once by its status. */
export interface ThemeMovement {
  sheet: string;
  name: string;
  improved: number;
  worse: number;
  /** Matched, and its status neither better nor worse (the same, same class, or to or from withdrawn). */
  unchanged: number;
  new: number;
  removed: number;
}

export interface Movement {
  since: {
    kind: BaselineKind;
    label: string;
    /** A recorded baseline's time (ISO); null otherwise. */
    recorded: string | null;
  };
  /** Every change, in workbook order (a sheet's removed actions after its others). */
  actions: ActionChange[];
  themes: ThemeMovement[];
  /** How many actions of the plan were compared with one of the baseline. */
  compared: number;
}
