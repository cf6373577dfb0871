// Baselines (SPEC §8): the state of every action at a chosen moment, to say what
// moved since. A baseline is recorded in the workbook itself, in the very hidden
// sheet ProformaBaseline (written through each host's ordinary record-sheet edit,
// replacing any earlier one), or made from another file given with --since; the
// plan's own previous period column needs no record (movement.ts reads it).
//
// What is kept of each action: its identity (SPEC §7.1: sheet, ref, action text),
// status (code and class), due date, lead, and a fingerprint of its progress update
// (fingerprint.ts) — never the update's text.
import type { Baseline, BaselineAction, ActionState, ThemeSheet, WorkbookModel } from './model';
import { planActions, type PlanAction } from './identity';
import { readDueDate } from './dates';
import { fingerprint } from './fingerprint';
import { Plan, PlanRefusal } from './plan';
import { STATUS_CLASSES, Scale, StatusClass } from './scales';
import {
  CellValue,
  WorkbookSnapshot,
  address,
  cellAt,
  displayText,
  formatDateTime,
  isEmpty,
  serialToIsoDate,
} from './snapshot';

export const BASELINE_SHEET = 'ProformaBaseline';
/** What A1 of the baseline sheet says: the sheet is one Proforma recorded. */
const BASELINE_TITLE = 'Proforma baseline';
/** The columns of each action's row, after the header row that names them. */
const COLUMNS = ['sheet', 'ref', 'action', 'cell', 'status', 'class', 'due', 'lead', 'evidence'] as const;
type Column = (typeof COLUMNS)[number];
/** The columns a theme sheet may lack: each sheet's are listed on a `columns` row, so "no column" is not "empty". */
const OPTIONAL = ['due', 'lead', 'evidence'] as const;
type Optional = (typeof OPTIONAL)[number];
/** A label names a period ("Q2 2026/27"); a sentence is not one, and the overview's title shows it. */
export const MAX_LABEL = 60;

/** Whether a sheet's name is the baseline's (as Excel compares names, without case). */
export function isBaselineSheet(name: string): boolean {
  return name.toLowerCase() === BASELINE_SHEET.toLowerCase();
}

/** A due date as compared: the ISO date a cell names ("Mar 2027" is 2027-03-31), else its text; null when empty. */
function dueOf(value: CellValue): string | null {
  if (isEmpty(value)) return null;
  const serial = readDueDate(value);
  if (serial !== undefined) return serialToIsoDate(serial);
  return displayText(value).trim() || null;
}

function textOf(value: CellValue): string | null {
  return displayText(value).trim() || null;
}

/** An action's state as the plan says it now. */
export function stateOf(theme: ThemeSheet, index: number, scale: Scale): ActionState {
  const action = theme.actions[index];
  const { sheet, columns } = theme.layout;
  const at = (col: number | undefined): CellValue | undefined =>
    col === undefined ? undefined : cellAt(sheet, action.row, col);
  const { rag } = action;
  const status = rag.state === 'valid' ? scale.statuses.find((s) => s.code === rag.code) : undefined;
  const state: ActionState = {
    status: rag.state === 'valid' ? rag.code : rag.state === 'invalid' ? rag.found : null,
    class: status?.class ?? null,
    statusName: status?.name ?? (rag.state === 'invalid' ? rag.found : null),
  };
  const due = at(columns.due);
  const lead = at(columns.lead);
  // Where each period has its own update, the current period's is the action's update now.
  const evidence = at(action.evidenceCol);
  if (due) state.due = dueOf(due);
  if (lead) state.lead = textOf(lead);
  if (evidence) state.evidence = fingerprint(displayText(evidence));
  return state;
}

/** Every action of the plan with its identity and its state now, in workbook order. */
export function actionStates(
  model: WorkbookModel,
): Array<PlanAction & { theme: ThemeSheet; index: number; state: ActionState }> {
  const actions = planActions(model);
  // planActions lists the themes' actions in the order the model holds them.
  const owners = model.themes.flatMap((theme) => theme.actions.map((_, index) => ({ theme, index })));
  return actions.map((action, i) => {
    const { theme, index } = owners[i];
    return { ...action, theme, index, state: stateOf(theme, index, model.scale) };
  });
}

/** Another copy of the plan (--since FILE) as a baseline: its actions as that copy says them. */
export function baselineFromPlan(model: WorkbookModel, label: string): Baseline {
  return {
    kind: 'file',
    label,
    recorded: null,
    actions: actionStates(model).map(({ sheet, ref, text, cell, state }) => ({ sheet, ref, text, cell, ...state })),
  };
}

/** The label as it will be recorded, or why it cannot be. */
export function checkLabel(label: string): { label: string } | { problem: string } {
  const trimmed = label.replace(/\s+/g, ' ').trim();
  if (trimmed === '') return { problem: 'A baseline needs a label naming the period, e.g. "Q3 2026/27".' };
  if (trimmed.length > MAX_LABEL)
    return {
      problem: `A baseline's label names the period, e.g. "Q3 2026/27", in at most ${MAX_LABEL} characters; this one has ${trimmed.length}.`,
    };
  return { label: trimmed };
}

/** The rows of the baseline sheet for these actions. */
function baselineRows(model: WorkbookModel, label: string, at: Date): string[][] {
  const rows: string[][] = [
    [BASELINE_TITLE, 'Recorded by Proforma: "what moved" is compared with this. Recording a new baseline replaces it.'],
    ['label', label],
    ['recorded', at.toISOString()],
  ];
  for (const theme of model.themes) {
    // A sheet that keeps an update per period has updates, though no one evidence column.
    const has = OPTIONAL.filter(
      (role) =>
        theme.layout.columns[role] !== undefined ||
        (role === 'evidence' && theme.layout.status.some((s) => s.update !== undefined)),
    );
    rows.push(['columns', theme.name, ...has]);
  }
  rows.push([...COLUMNS]);
  for (const { sheet, ref, text, cell, state } of actionStates(model))
    rows.push([
      sheet,
      ref ?? '',
      text,
      cell,
      state.status ?? '',
      state.class ?? '',
      state.due ?? '',
      state.lead ?? '',
      state.evidence ?? '',
    ]);
  return rows;
}

/**
 * The plan that records the plan's state now as the baseline `label` (SPEC §8): the very hidden
 * sheet ProformaBaseline, added at the end of the workbook or its rows replaced. Empty when that
 * baseline is already recorded as the plan stands. Refused (PlanRefusal) when there is no plan to
 * record or the label cannot be used.
 */
export function baselinePlan(model: WorkbookModel, snapshot: WorkbookSnapshot, label: string, at: Date): Plan {
  const checked = checkLabel(label);
  if ('problem' in checked) throw new PlanRefusal(`${checked.problem} Nothing was written.`);
  if (model.themes.length === 0)
    throw new PlanRefusal(
      'No sheet holds an action plan that could be read, so there is no baseline to record; nothing was written.',
    );
  const rows = baselineRows(model, checked.label, at);
  const count = rows.length - rows.findIndex((row) => row[0] === COLUMNS[0]) - 1;
  const existing = snapshot.sheets.find((s) => isBaselineSheet(s.name));
  if (existing) {
    const trimmed = (row: string[]): string => {
      const copy = [...row];
      while (copy.length > 0 && copy[copy.length - 1] === '') copy.pop();
      return JSON.stringify(copy);
    };
    const held = existing.cells.map((row) => trimmed(row.map(displayText)));
    while (held.length > 0 && held[held.length - 1] === '[]') held.pop();
    // The time it was recorded aside, the same rows: nothing to record.
    const same = held.length === rows.length && rows.every((row, r) => r === 2 || trimmed(row) === held[r]);
    if (same)
      return {
        description: `The baseline "${checked.label}" is already recorded as the plan stands: nothing to record.`,
        edits: [],
      };
  }
  return {
    // Said now, so the warnings that follow at once are expected: every update is as it was a moment ago.
    description: `Baseline "${checked.label}" recorded: ${count} action${count === 1 ? '' : 's'}${existing ? ', replacing the one recorded before' : ''}. Next quarter, compare the plan with it to see what moved; until partners write new updates, those of actions off track or at risk show as unchanged.`,
    edits: [{ kind: 'record-sheet', name: BASELINE_SHEET, rows }],
  };
}

export type RecordedBaseline = { baseline: Baseline } | { problem: string };

/**
 * The baseline recorded in the workbook, read on the workbook's scale (for the statuses'
 * names); null when there is none. A sheet that cannot be read as one says why.
 */
export function readRecordedBaseline(snapshot: WorkbookSnapshot, scale: Scale): RecordedBaseline | null {
  const sheet = snapshot.sheets.find((s) => isBaselineSheet(s.name));
  if (!sheet) return null;
  const rows = sheet.cells.map((row) => row.map((value) => displayText(value).trim()));
  const unusable = (why: string): RecordedBaseline => ({
    problem: `The baseline recorded in the workbook (sheet ${BASELINE_SHEET}) cannot be read: ${why} Record the baseline again.`,
  });
  if (rows[0]?.[0] !== BASELINE_TITLE) return unusable(`its cell A1 should read "${BASELINE_TITLE}".`);
  const header = rows.findIndex((row) => row[0] === COLUMNS[0]);
  if (header < 0) return unusable(`it has no row headed "${COLUMNS.join('", "')}".`);
  let label = '';
  let recorded: string | null = null;
  const optional = new Map<string, Set<Optional>>();
  for (const row of rows.slice(1, header)) {
    if (row[0] === 'label') label = row[1] ?? '';
    else if (row[0] === 'recorded') recorded = row[1] || null;
    else if (row[0] === 'columns' && row[1])
      optional.set(row[1], new Set(OPTIONAL.filter((role) => row.slice(2).includes(role))));
  }
  if (label === '') return unusable('it has no label.');
  const index = new Map<string, number>();
  rows[header].forEach((name, c) => {
    if (!index.has(name)) index.set(name, c);
  });
  const missing = COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) return unusable(`its header row lacks ${missing.map((c) => `"${c}"`).join(', ')}.`);
  const actions: BaselineAction[] = [];
  for (const row of rows.slice(header + 1)) {
    const get = (column: Column): string => row[index.get(column) as number] ?? '';
    if (row.every((text) => text === '')) continue;
    if (get('sheet') === '') continue;
    const status = get('status') || null;
    const cls = get('class');
    const known = scale.statuses.find((s) => s.code === status);
    const action: BaselineAction = {
      sheet: get('sheet'),
      ref: get('ref') || null,
      text: get('action'),
      cell: get('cell') || null,
      status,
      class: (STATUS_CLASSES as readonly string[]).includes(cls) ? (cls as StatusClass) : null,
      statusName: known?.name ?? status,
    };
    // A sheet with no `columns` row (a baseline typed by hand) is taken to have had every column.
    const had = optional.get(action.sheet);
    for (const role of OPTIONAL) if (!had || had.has(role)) action[role] = get(role) || null;
    actions.push(action);
  }
  return { baseline: { kind: 'baseline', label, recorded, actions } };
}

/** When a recorded baseline was taken, as people read it ("20 Nov 2026 09:30"); null when not known. */
export function recordedWhen(recorded: string | null): string | null {
  if (!recorded) return null;
  const date = new Date(recorded);
  return Number.isNaN(date.getTime()) ? recorded : formatDateTime(date);
}

/** The cell of an action's row in a column (for where a change is reported). */
export function cellOfRow(row: number, col: number | undefined, fallback: string): string {
  return col === undefined ? fallback : address(row, col);
}
