// What moved (SPEC §8): the plan compared with a baseline, action by action —
// new, removed, status moved (better or worse by class), due date moved (later
// is slipped), lead changed, update unchanged — and per theme, each action
// counted once by its status: improved, worse, unchanged, new, removed.
//
// Better and worse go by the statuses' classes, never their codes, so a board's
// own scale (a 1–4 score, "Not started / In progress / Done") works through the
// classes it gives its words: off-track < at-risk < on-track < complete. A move to
// or from withdrawn is neither (an action dropped on purpose has not got worse),
// nor is a move between two statuses of one class, or to or from a status that is
// missing or not on the scale.
import type {
  ActionChange,
  ActionState,
  Baseline,
  BaselineKind,
  Movement,
  PeriodStatus,
  ThemeMovement,
  ThemeSheet,
  WorkbookModel,
} from './model';
import { actionStates, recordedWhen } from './baseline';
import { matchActions, refKey } from './identity';
import { readDueDate } from './dates';
import { periodName } from './periods';
import type { StatusClass } from './scales';
import { fingerprint } from './fingerprint';
import { address, cellAt, displayText, formatDay } from './snapshot';

const CLASS_ORDER: Record<StatusClass, number | null> = {
  'off-track': 0,
  'at-risk': 1,
  'on-track': 2,
  complete: 3,
  withdrawn: null,
};

/** Better or worse by class order; null to or from withdrawn, within one class, or where a side has no class. */
export function statusDirection(from: StatusClass | null, to: StatusClass | null): 'better' | 'worse' | null {
  const a = from === null ? null : CLASS_ORDER[from];
  const b = to === null ? null : CLASS_ORDER[to];
  if (a === null || b === null || a === b) return null;
  return b > a ? 'better' : 'worse';
}

/** Text as compared for a status or a lead: case and runs of spaces ignored. */
const loose = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

/** A due date as compared (an ISO date, or text as written) to a serial, when it names a date. */
const dueSerial = (due: string): number | undefined => readDueDate({ kind: 'text', text: due });

/** A due date for people: "30 Sep 2026", or the text as written. */
export function dueText(due: string | null): string | null {
  if (due === null) return null;
  const serial = /^\d{4}-\d{2}-\d{2}$/.test(due) ? dueSerial(due) : undefined;
  return serial === undefined ? due : formatDay(serial);
}

/** Where each kind of change is reported on the action's row: the cell that changed. */
interface RowCells {
  action: string;
  status: string;
  due?: string;
  lead?: string;
  evidence?: string;
}

function rowCells(theme: ThemeSheet, index: number, actionCell: string): RowCells {
  const { row, statusCol, evidenceCol } = theme.actions[index];
  const { columns } = theme.layout;
  const at = (col: number | undefined): string | undefined => (col === undefined ? undefined : address(row, col));
  return {
    action: actionCell,
    status: address(row, statusCol),
    due: at(columns.due),
    lead: at(columns.lead),
    evidence: at(evidenceCol),
  };
}

interface Subject {
  sheet: string;
  ref: string | null;
  text: string;
  row: number;
}

/** Every change between an action's state at the baseline and now (none when nothing moved). */
export function changesBetween(subject: Subject, then: ActionState, now: ActionState, cells: RowCells): ActionChange[] {
  const changes: ActionChange[] = [];
  const change = (
    kind: ActionChange['change'],
    cell: string | undefined,
    from: string | null,
    to: string | null,
    texts: [string | null, string | null],
    direction: ActionChange['direction'] = null,
  ): void => {
    changes.push({
      ...subject,
      cell: cell ?? cells.action,
      change: kind,
      from,
      to,
      fromText: texts[0],
      toText: texts[1],
      direction,
    });
  };
  if (loose(then.status) !== loose(now.status))
    change(
      'status',
      cells.status,
      then.status,
      now.status,
      [then.statusName ?? then.status, now.statusName ?? now.status],
      statusDirection(then.class, now.class),
    );
  // A due date moved: both sides have one (a date set or cleared is not a move). Later is slipped.
  if (then.due && now.due && then.due !== now.due) {
    const [a, b] = [dueSerial(then.due), dueSerial(now.due)];
    if (a === undefined || b === undefined || a !== b)
      change(
        'due',
        cells.due,
        then.due,
        now.due,
        [dueText(then.due), dueText(now.due)],
        a !== undefined && b !== undefined && b > a ? 'worse' : null,
      );
  }
  if (then.lead !== undefined && now.lead !== undefined && loose(then.lead) !== loose(now.lead))
    change('lead', cells.lead, then.lead, now.lead, [then.lead, now.lead]);
  // Word for word the same update (its fingerprint): an update that was not refreshed.
  if (then.evidence && now.evidence && then.evidence === now.evidence)
    change('update-unchanged', cells.evidence, null, null, [null, now.statusName ?? now.status]);
  return changes;
}

/** The theme tallies, in the order given (the plan's themes, then sheets found only in the baseline). */
class Tally {
  private readonly themes = new Map<string, ThemeMovement>();

  constructor(themes: ThemeSheet[]) {
    for (const theme of themes) this.of(theme.name, theme.theme);
  }

  of(sheet: string, name = sheet): ThemeMovement {
    let tally = this.themes.get(sheet);
    if (!tally) {
      tally = { sheet, name, improved: 0, worse: 0, unchanged: 0, new: 0, removed: 0 };
      this.themes.set(sheet, tally);
    }
    return tally;
  }

  /** Counts a matched action once, by its status: improved, worse or unchanged. */
  matched(sheet: string, changes: ActionChange[]): void {
    const direction = changes.find((c) => c.change === 'status')?.direction ?? null;
    const tally = this.of(sheet);
    if (direction === 'better') tally.improved++;
    else if (direction === 'worse') tally.worse++;
    else tally.unchanged++;
  }

  get list(): ThemeMovement[] {
    return [...this.themes.values()];
  }
}

/** The plan compared with a recorded baseline or another file's actions, matched by identity (SPEC §7.1). */
export function compareWithBaseline(model: WorkbookModel, baseline: Baseline): Movement {
  const now = actionStates(model);
  const { matched, onlyOurs, onlyTheirs } = matchActions(now, baseline.actions, { pairRepeats: true });
  const partners = new Map(matched.map((m) => [m.ours, m.theirs]));
  const notes = new Map(onlyOurs.map((u) => [u.record, u]));
  const tally = new Tally(model.themes);
  const actions: ActionChange[] = [];
  const removed = (sheet: string): void => {
    for (const { record, reason, message } of onlyTheirs) {
      if (record.sheet !== sheet) continue;
      tally.of(sheet).removed++;
      actions.push({
        sheet,
        ref: refKey(record.ref),
        text: record.text,
        cell: record.cell,
        row: null,
        change: 'removed',
        from: record.status,
        to: null,
        fromText: record.statusName ?? record.status,
        toText: null,
        direction: null,
        ...(reason === 'not-found' ? {} : { note: message }),
      });
    }
  };
  const sheets = new Set<string>();
  for (const theme of model.themes) {
    sheets.add(theme.name);
    for (const action of now.filter((a) => a.theme === theme)) {
      const subject: Subject = { sheet: action.sheet, ref: action.ref, text: action.text, row: action.row };
      const then = partners.get(action);
      if (!then) {
        const unmatched = notes.get(action);
        tally.of(theme.name).new++;
        actions.push({
          ...subject,
          cell: action.cell,
          change: 'new',
          from: null,
          to: action.state.status,
          fromText: null,
          toText: action.state.statusName ?? action.state.status,
          direction: null,
          ...(unmatched && unmatched.reason !== 'not-found' ? { note: unmatched.message } : {}),
        });
        continue;
      }
      const changes = changesBetween(subject, then, action.state, rowCells(theme, action.index, action.cell));
      tally.matched(theme.name, changes);
      actions.push(...changes);
    }
    removed(theme.name);
  }
  // Sheets the baseline had and the plan has not (renamed or deleted): their actions were removed.
  for (const { record } of onlyTheirs)
    if (!sheets.has(record.sheet)) {
      sheets.add(record.sheet);
      removed(record.sheet);
    }
  return {
    since: { kind: baseline.kind, label: baseline.label, recorded: baseline.recorded },
    actions,
    themes: tally.list,
    compared: matched.length,
  };
}

function stateOfPeriod(period: PeriodStatus, model: WorkbookModel): ActionState {
  const { reading } = period;
  const status = reading.state === 'valid' ? model.scale.statuses.find((s) => s.code === reading.code) : undefined;
  return {
    status: reading.state === 'valid' ? reading.code : reading.state === 'invalid' ? reading.found : null,
    class: status?.class ?? null,
    statusName: status?.name ?? (reading.state === 'invalid' ? reading.found : null),
  };
}

/** The fingerprints of a row's updates of two periods, where both periods have an update column. */
function periodUpdates(
  theme: ThemeSheet,
  row: number,
  before: number,
  now: number,
): [string | null, string | null] | null {
  const updateOf = (col: number): number | undefined => theme.layout.status.find((s) => s.col === col)?.update;
  const [a, b] = [updateOf(before), updateOf(now)];
  if (a === undefined || b === undefined) return null;
  const { sheet } = theme.layout;
  return [fingerprint(displayText(cellAt(sheet, row, a))), fingerprint(displayText(cellAt(sheet, row, b)))];
}

/** Whether the plan keeps a status per period and some action has a previous one to compare with. */
export function hasPreviousPeriods(model: WorkbookModel): boolean {
  return model.themes.some((t) => t.layout.status.length > 1 && t.actions.some((a) => a.previous !== null));
}

/**
 * The plan compared with its own previous period column (SPEC §2.2, §8): each action's current
 * status with the filled period before it, and where each period has its own update, the
 * previous period's update with the current one's (an update copied forward is unchanged). An action rated for
 * the first time is new; one with no status in any period has not moved. Sheets with one status
 * column have no previous period and are not compared. Null when no action has a previous period.
 */
export function compareWithPeriods(model: WorkbookModel): Movement | null {
  if (!hasPreviousPeriods(model)) return null;
  const themes = model.themes.filter((theme) => theme.layout.status.length > 1);
  const tally = new Tally(themes);
  const actions: ActionChange[] = [];
  const labels = new Set<string>();
  let compared = 0;
  const planned = actionStates(model);
  for (const theme of themes) {
    for (const action of planned.filter((a) => a.theme === theme)) {
      const info = theme.actions[action.index];
      const subject: Subject = { sheet: action.sheet, ref: action.ref, text: action.text, row: action.row };
      const cells = rowCells(theme, action.index, action.cell);
      if (info.current && !info.previous) {
        tally.of(theme.name).new++;
        actions.push({
          ...subject,
          cell: cells.status,
          change: 'new',
          from: null,
          to: action.state.status,
          fromText: null,
          toText: action.state.statusName ?? action.state.status,
          direction: null,
          note: `First rated in ${periodName(info.current.label)}.`,
        });
        continue;
      }
      compared++;
      if (!info.current || !info.previous) {
        tally.of(theme.name).unchanged++;
        continue;
      }
      labels.add(periodName(info.previous.label));
      const now: ActionState = {
        status: action.state.status,
        class: action.state.class,
        statusName: action.state.statusName,
      };
      const then = stateOfPeriod(info.previous, model);
      // Where each period has its own update, the previous period's is compared with the current one's.
      const updates = periodUpdates(theme, info.row, info.previous.col, info.current.col);
      if (updates) [then.evidence, now.evidence] = updates;
      const changes = changesBetween(subject, then, now, cells);
      tally.matched(theme.name, changes);
      actions.push(...changes);
    }
  }
  return {
    since: { kind: 'periods', label: labels.size === 1 ? [...labels][0] : 'the previous period', recorded: null },
    actions,
    themes: tally.list,
    compared,
  };
}

/** What the plan is compared with, in words: for the heading and the CLI ("the baseline "Q2 2026/27" recorded on …"). */
export function sinceText(since: Movement['since'], kind: BaselineKind = since.kind): string {
  switch (kind) {
    case 'baseline': {
      const when = recordedWhen(since.recorded);
      return `the baseline "${since.label}" recorded in the workbook${when ? ` on ${when}` : ''}`;
    }
    case 'file':
      return `the file ${since.label}`;
    case 'periods':
      return since.label === 'the previous period'
        ? "each action's previous period"
        : `each action's previous period (${since.label})`;
  }
}

/** When the baseline was, in a message: "at the baseline "Q2 2026/27"", "in q1.xlsx", "in the previous period (Q2)". */
export function atBaseline(since: Movement['since']): string {
  switch (since.kind) {
    case 'baseline':
      return `at the baseline "${since.label}"`;
    case 'file':
      return `in ${since.label}`;
    case 'periods':
      return since.label === 'the previous period' ? `in ${since.label}` : `in the previous period (${since.label})`;
  }
}

/** "1 improved, 2 worse, 4 unchanged, 1 new, 0 removed". */
export function countsText(theme: Omit<ThemeMovement, 'sheet' | 'name'>): string {
  return `${theme.improved} improved, ${theme.worse} worse, ${theme.unchanged} unchanged, ${theme.new} new, ${theme.removed} removed`;
}

/** Every theme's counts added up. */
export function totalMovement(movement: Movement): Omit<ThemeMovement, 'sheet' | 'name'> {
  const total = { improved: 0, worse: 0, unchanged: 0, new: 0, removed: 0 };
  for (const t of movement.themes)
    for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += t[key];
  return total;
}

/** One change in words: "Green → Amber (worse)", "due 30 Jun 2026 → 30 Sep 2026 (slipped)", "update unchanged". */
export function changeText(change: ActionChange): string {
  const arrow = `${change.fromText ?? 'none'} → ${change.toText ?? 'none'}`;
  switch (change.change) {
    case 'new':
      return change.toText ? `new (${change.toText})` : 'new';
    case 'removed':
      return change.fromText ? `removed (was ${change.fromText})` : 'removed';
    case 'status':
      return `${arrow}${change.direction ? ` (${change.direction})` : ''}`;
    case 'due':
      return `due ${arrow}${change.direction === 'worse' ? ' (slipped)' : ''}`;
    case 'lead':
      return `lead ${arrow}`;
    case 'update-unchanged':
      return change.toText ? `update unchanged (rated ${change.toText})` : 'update unchanged';
  }
}

/** The changes of one action, together: an action of the plan (by sheet and row) or a removed one. */
export interface MovedAction {
  sheet: string;
  ref: string | null;
  text: string;
  /** The cell to go to: its first change's, on its row in the plan; a removed action's in the baseline (or null). */
  cell: string | null;
  removed: boolean;
  changes: ActionChange[];
}

/** The changes grouped by action, in the movement's order. */
export function movedActions(movement: Movement): MovedAction[] {
  const out: MovedAction[] = [];
  for (const change of movement.actions) {
    const last = out[out.length - 1];
    if (
      last &&
      !last.removed &&
      change.row !== null &&
      last.changes[0].row === change.row &&
      last.sheet === change.sheet
    )
      last.changes.push(change);
    else
      out.push({
        sheet: change.sheet,
        ref: change.ref,
        text: change.text,
        cell: change.cell,
        removed: change.change === 'removed',
        changes: [change],
      });
  }
  return out;
}

/** Whether a change is one the overview names: a status that got worse or a due date that slipped. */
export function isSetback(change: ActionChange): boolean {
  return (change.change === 'status' || change.change === 'due') && change.direction === 'worse';
}

/** The start of an action's text, on one line, cut to `length` characters with "…". */
export function startOf(text: string, length = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= length
    ? flat
    : `${chars
        .slice(0, length - 1)
        .join('')
        .trimEnd()}…`;
}

/** A ref as people say it: "PE3"; a bare number reads as a count, so "ref 3". */
export function refText(ref: string): string {
  return /^\d/.test(ref) ? `ref ${ref}` : ref;
}

/**
 * One sentence per action that got worse or slipped (SPEC §8): its sheet, ref, the start of its
 * action text, from → to. "Prevention, ref 1, "Recruit and induct the Link Worker": Green → Amber (worse)."
 */
export function setbackSentences(movement: Movement): string[] {
  return movedActions(movement)
    .filter((a) => a.changes.some(isSetback))
    .map((a) => {
      const what = a.changes.filter(isSetback).map(changeText).join('; ');
      return `${a.sheet}, ${a.ref ? `${refText(a.ref)}, ` : ''}"${startOf(a.text)}": ${what}.`;
    });
}

/** `compare --json` (SPEC §8): since, one entry per change, and the counts per theme. */
export function movementJson(movement: Movement): unknown {
  return {
    since: { kind: movement.since.kind, label: movement.since.label },
    actions: movement.actions.map(({ sheet, ref, cell, change, from, to, direction, text }) => ({
      sheet,
      ref,
      cell,
      change,
      from,
      to,
      direction,
      text,
    })),
    themes: movement.themes.map(({ sheet, name, improved, worse, unchanged, new: added, removed }) => ({
      sheet,
      name,
      improved,
      worse,
      unchanged,
      new: added,
      removed,
    })),
  };
}
