// Merging partners' returns into the plan (SPEC §7.3): cell by cell, in the update
// columns (status — every period column — evidence, due, target, outcome, term and
// lead), each return compared with the plan as given; base is what the return's
// ProformaReturn record says was sent (returns.ts), theirs the return's value, ours
// the plan's:
//
//   theirs = base                               nothing to do
//   theirs ≠ base, ours = theirs                already there
//   theirs ≠ base, in a row the partner does
//     not lead                                  refused ("led by Probation Service")
//   theirs ≠ base, ours = base                  applied
//   theirs ≠ base, ours ≠ base, ours ≠ theirs   conflict: not applied, listed
//
// A return without a record has no base: a cell that differs is applied where the
// plan's is empty, else a conflict ("no record of what was sent") unless the board
// prefers the returns. The returns' changes are then combined: the same change from
// two returns is applied once (the second is already there); two different changes
// to one cell are a conflict between them and neither is applied. Ref, priority and
// actions are the action's identity: never merged, a change to them is listed. Rows
// a return adds, and rows of the plan it lacks or that could not be matched, are
// listed, never added or deleted. A status (every period column) compares by the status it
// stands for on the board's scale ("Amber " and "A" are one status), a term by its term, so
// tidying spellings on either side is no change. Pure: the plan of edits is typed set-values, each
// expecting the plan's cell as read, so nothing else in the plan changes.
import { ActionMatch, ActionRecord, PlanAction, matchActions, planActions, refKey, textKey } from './identity';
import type { ThemeSheet, WorkbookModel } from './model';
import { leadKeys, leadText, partnerResolver } from './partners';
import type { Edit, Plan } from './plan';
import { quoteCell, reportValue } from './quote';
import { MergeColumn, RecordedRow, groupRowOf, mergeColumns, readReturnRecord, rowValue } from './returns';
import { Scale, readRag, readTerm } from './scales';
import {
  CellRange,
  CellValue,
  EMPTY,
  WorkbookSnapshot,
  address,
  displayText,
  isEmpty,
  isFormulaCell,
} from './snapshot';

/** A returned copy of the plan, as read, with the analysis of it. */
export interface ReturnInput {
  /** Its file name, for the report. */
  file: string;
  snapshot: WorkbookSnapshot;
  model: WorkbookModel;
}

/** One cell a return's report lists (SPEC §7.3's JSON), with where it is in the plan. */
export interface ListedCell {
  sheet: string;
  /** The plan's address of the cell. */
  cell: string;
  /** The action's ref, in normal form; null where it has none. */
  ref: string | null;
  /** The column's heading in the plan. */
  column: string;
  plan: CellValue;
  return: CellValue;
  /** What the record says was sent; null for a return without a record. */
  base: CellValue | null;
  /** Why it is listed: "led by Probation Service", "identity column", "no record of what was sent", … */
  reason: string;
  /** The plan's cell (0-based), for the edit that writes it. */
  row: number;
  col: number;
}

/** A row a return's report lists: a plan row it lacks or that could not be matched, or a row it adds. */
export interface ListedRow {
  sheet: string;
  /** The action text's cell: in the plan for a plan row, in the return for a row of the return's. */
  cell: string;
  ref: string | null;
  /** Its action text. */
  action: string;
  reason: string;
}

export interface ReturnReport {
  file: string;
  /** The partner and the day sent (YYYY-MM-DD), from the record; null when the return has none ("not a pack"). */
  partner: string | null;
  sent: string | null;
  /** Why nothing of it was merged (a record of another plan, or one that cannot be read); null when it was compared. */
  refusedWhole: string | null;
  applied: ListedCell[];
  /** Cells it changed that the plan (or an earlier return) holds already. */
  alreadyThere: ListedCell[];
  conflicts: ListedCell[];
  refused: ListedCell[];
  unmatched: ListedRow[];
  newRows: ListedRow[];
  /**
   * Rows whose ref or action text changed in the plan since the pack was sent, matched by the
   * other (SPEC §7.1), where the return changed a cell: its updates go onto them (or conflict),
   * and the secretary should see that the row is not as the partner saw it.
   */
  identityChanged: ListedRow[];
}

/** Whether a compared return changes nothing and lists nothing ("No changes."). */
export function returnChangesNothing(report: ReturnReport): boolean {
  const lists = [
    report.applied,
    report.alreadyThere,
    report.conflicts,
    report.refused,
    report.unmatched,
    report.newRows,
    report.identityChanged,
  ];
  return lists.every((list) => list.length === 0);
}

export interface MergeResult {
  returns: ReturnReport[];
  /** The edits of everything applied: typed set-values, each expecting the plan's cell as read. */
  plan: Plan;
}

export interface MergeOptions {
  /** Cells of returns without a record take the return's value where they differ (never a conflict with a base). */
  preferReturns?: boolean;
}

/** The reasons a listed cell gives, as SPEC §7.3 words them. */
export const REASONS = {
  changed: 'changed in the return',
  wasEmpty: 'no record of what was sent; the plan’s cell was empty',
  preferred: 'no record of what was sent; the return preferred',
  identity: 'identity column',
  noRecord: 'no record of what was sent',
  otherReturn: 'changed by another return',
  changedInPlan: 'changed in the plan since it was sent',
  formula: 'the plan’s cell holds a formula',
  merged: 'a merged cell',
  error: 'an Excel error in the return',
} as const;

/**
 * How a merge compares a column's cells: a status by the status it stands for on the board's scale
 * ("Amber " and "A"; "Green" and "G"), a term by its term and carry-forward ("Medium" and "M");
 * values not on the scale, and every other column, as sameValue compares them.
 */
export function sameIn(role: MergeColumn['role'], scale: Scale): (a: CellValue, b: CellValue) => boolean {
  if (role === 'rag')
    return (a, b) => {
      const x = readRag(a, scale);
      const y = readRag(b, scale);
      return x.state === 'valid' && y.state === 'valid' ? x.code === y.code : sameValue(a, b);
    };
  if (role === 'term')
    return (a, b) => {
      const x = readTerm(a);
      const y = readTerm(b);
      return x.state === 'valid' && y.state === 'valid'
        ? x.code === y.code && x.carriedForward === y.carriedForward
        : sameValue(a, b);
    };
  return sameValue;
}

/** Whether two cells hold the same value as a merge compares them: numbers and dates by value, text exactly. */
export function sameValue(a: CellValue, b: CellValue): boolean {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  const numeric = (v: CellValue): number | null =>
    v.kind === 'number' ? v.value : v.kind === 'date' ? v.serial : null;
  const x = numeric(a);
  const y = numeric(b);
  // A date and a number of the same serial are one value: a program that re-saves a return may
  // store the date's format differently, and the value is what the partner sees and typed.
  if (x !== null && y !== null) return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  if (a.kind === 'text' && b.kind === 'text') return a.text.replace(/\r\n?/g, '\n') === b.text.replace(/\r\n?/g, '\n');
  return a.kind === b.kind && displayText(a) === displayText(b);
}

/** The key a listed cell's choice is kept under (the pane's keep-the-plan's / take-the-return's). */
export function cellId(cell: { sheet: string; cell: string }): string {
  return `${cell.sheet}!${cell.cell}`;
}

type Verdict = { kind: 'none' } | { kind: 'already' } | { kind: 'apply' | 'conflict' | 'refused'; reason: string };

interface Comparison {
  ours: PlanAction;
  theirs: PlanAction;
  recorded: RecordedRow | null;
  planTheme: ThemeSheet;
  returnTheme: ThemeSheet;
  /** How the plan's row changed its identity since the pack was sent (a listed row's reason); null when it did not. */
  changedInPlan: string | null;
}

/** A sentence joined after a colon: its first letter in lower case ("Its ref…" → "its ref…"). */
function clause(sentence: string): string {
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

/** A file's name without its folders, for naming a return in another's report. */
function fileName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/** Why a plan row matched by one of ref and action text is listed: the other changed in the plan since sent. */
function identityNote(match: ActionMatch<PlanAction, RecordedRow>): string | null {
  if (match.textChanged)
    return `Its action text changed in the plan since the pack was sent: ${quoteCell(match.theirs.text)} → ${quoteCell(match.ours.text)}. Matched by its ref, so the return’s changes to the row are merged as listed.`;
  if (match.refChanged)
    return `Its ref changed in the plan since the pack was sent: ${refKey(match.theirs.ref) ?? 'none'} → ${match.ours.identity.ref ?? 'none'}. Matched by its action text, so the return’s changes to the row are merged as listed.`;
  return null;
}

/** Why a row under a ref on several rows, its action text edited on one side, is not matched (SPEC §7.1). */
function sharedRefEdited(ref: string | null, where: string, from: string, to: string): string {
  return `Its action text ${where}: ${quoteCell(from)} → ${quoteCell(to)}. Its ref ${ref ?? ''} is on several rows, so only its action text tells it apart: it is not matched, and nothing of the return is merged into it.`;
}

function themesOf(model: WorkbookModel): Map<string, ThemeSheet> {
  return new Map(model.themes.map((t) => [t.name, t]));
}

/** The return's column for a plan column: the same key (a status column by its heading), else the sheet's one status column. */
function columnIn(columns: MergeColumn[], column: MergeColumn, planColumns: MergeColumn[]): MergeColumn | undefined {
  const same = columns.find((c) => c.key === column.key);
  if (same || column.role !== 'rag') return same;
  const statuses = columns.filter((c) => c.role === 'rag');
  return statuses.length === 1 && planColumns.filter((c) => c.role === 'rag').length === 1 ? statuses[0] : undefined;
}

/** The base of a plan column in a recorded row: by its key, else the record's one status value where both have one. */
function baseOf(recorded: RecordedRow, column: MergeColumn, planColumns: MergeColumn[]): CellValue {
  if (column.role === 'actions') return { kind: 'text', text: recorded.text };
  const value = recorded.values.get(column.key);
  if (value !== undefined || column.role !== 'rag') return value ?? EMPTY;
  const statuses = [...recorded.values.keys()].filter((k) => k.startsWith('rag:'));
  return statuses.length === 1 && planColumns.filter((c) => c.role === 'rag').length === 1
    ? (recorded.values.get(statuses[0]) as CellValue)
    : EMPTY;
}

/** Whether an identity cell changed: refs in normal form, texts as identity compares them. */
function identityChanged(column: MergeColumn, from: CellValue, to: CellValue): boolean {
  if (column.role === 'ref') return refKey(displayText(from)) !== refKey(displayText(to));
  return textKey(displayText(from)) !== textKey(displayText(to));
}

// Per sheet, its merges by the rows they cover (within the sheet's cells): looked up for every cell compared.
const mergesByRow = new WeakMap<ThemeSheet['layout']['sheet'], Map<number, CellRange[]>>();

/** Whether a cell lies under a merge without being its top-left cell (the merge's value is not its own). */
function insideMerge(theme: ThemeSheet, row: number, col: number): boolean {
  const sheet = theme.layout.sheet;
  let byRow = mergesByRow.get(sheet);
  if (!byRow) {
    byRow = new Map();
    for (const m of sheet.merges)
      for (let r = m.top; r <= Math.min(m.bottom, sheet.cells.length); r++) byRow.set(r, [...(byRow.get(r) ?? []), m]);
    mergesByRow.set(sheet, byRow);
  }
  return (byRow.get(row) ?? []).some((m) => col >= m.left && col <= m.right && (row !== m.top || col !== m.left));
}

function listedRow(action: ActionRecord & { cell?: string }, reason: string): ListedRow {
  return { sheet: action.sheet, cell: action.cell ?? '', ref: refKey(action.ref), action: action.text, reason };
}

/** What the return's partner leads, as the plan's settings join spellings. */
function leaderTest(model: WorkbookModel, partner: string): (leadCell: CellValue) => boolean {
  const resolve = partnerResolver(model.settings);
  const own = resolve(partner).key;
  return (leadCell) => leadKeys(displayText(leadCell), resolve).includes(own);
}

/** Compares one return with the plan: each listed cell with its verdict, before returns are combined. */
function compareReturn(
  plan: WorkbookModel,
  input: ReturnInput,
  options: MergeOptions,
): { report: ReturnReport; verdicts: Array<{ cell: ListedCell; verdict: Verdict; same: Same }> } {
  const record = readReturnRecord(input.snapshot);
  const report: ReturnReport = {
    file: input.file,
    partner: record && !('damaged' in record) ? record.partner : null,
    sent: record && !('damaged' in record) ? record.sent : null,
    refusedWhole: null,
    applied: [],
    alreadyThere: [],
    conflicts: [],
    refused: [],
    unmatched: [],
    newRows: [],
    identityChanged: [],
  };
  if (record && 'damaged' in record) {
    report.refusedWhole = `It was not merged: ${record.damaged}.`;
    return { report, verdicts: [] };
  }
  const ours = planActions(plan);
  const theirs = planActions(input.model);
  const comparisons: Comparison[] = [];
  const planThemes = themesOf(plan);
  const returnThemes = themesOf(input.model);
  const compare = (o: PlanAction, t: PlanAction, recorded: RecordedRow | null, changedInPlan: string | null): void => {
    const planTheme = planThemes.get(o.sheet);
    const returnTheme = returnThemes.get(t.sheet);
    if (planTheme && returnTheme)
      comparisons.push({ ours: o, theirs: t, recorded, planTheme, returnTheme, changedInPlan });
  };

  if (record) {
    const sent = record.rows;
    const inPlan = matchActions(ours, sent);
    const inReturn = matchActions(sent, theirs);
    if (ours.length > 0 && sent.length > 0 && inPlan.matched.length === 0) {
      report.refusedWhole = `It was not merged: its record names another plan ("${record.plan}"), with no action in common with this one.`;
      return { report, verdicts: [] };
    }
    // The one row left under a shared ref, its text edited, is no match (SPEC §7.1): said, never merged.
    const planOf = new Map(inPlan.matched.filter((m) => m.by !== 'shared-ref').map((m) => [m.theirs, m]));
    const returnOf = new Map(inReturn.matched.filter((m) => m.by !== 'shared-ref').map((m) => [m.ours, m.theirs]));
    const editedInPlan = new Map(inPlan.matched.filter((m) => m.by === 'shared-ref').map((m) => [m.theirs, m.ours]));
    const editedInReturn = new Map(
      inReturn.matched.filter((m) => m.by === 'shared-ref').map((m) => [m.ours, m.theirs]),
    );
    for (const u of inPlan.onlyOurs)
      report.unmatched.push(
        listedRow(u.record, `Not in the pack sent (added to the plan since?): ${clause(u.message)}`),
      );
    for (const row of sent) {
      const inPlanMatch = planOf.get(row);
      const o = inPlanMatch?.ours;
      const t = returnOf.get(row);
      const planEdited = editedInPlan.get(row);
      const returnEdited = editedInReturn.get(row);
      if (inPlanMatch && t) compare(inPlanMatch.ours, t, row, identityNote(inPlanMatch));
      else if (planEdited)
        report.unmatched.push(
          listedRow(
            planEdited,
            sharedRefEdited(
              planEdited.identity.ref,
              'changed in the plan since the pack was sent',
              row.text,
              planEdited.text,
            ),
          ),
        );
      else if (o && returnEdited)
        report.unmatched.push(
          listedRow(
            o,
            sharedRefEdited(
              o.identity.ref,
              `was changed in the return (at ${returnEdited.cell})`,
              row.text,
              returnEdited.text,
            ),
          ),
        );
      else if (o && !t) {
        const why = inReturn.onlyOurs.find((u) => u.record === row)?.message ?? '';
        report.unmatched.push(listedRow(o, `Not found in the return: ${clause(why)}`));
      } else if (!o && t)
        report.unmatched.push(
          listedRow(
            t,
            `In the return at ${t.cell}, but no longer in the plan as it was sent: its ref and action text are not in the plan.`,
          ),
        );
    }
    for (const u of inReturn.onlyTheirs) report.newRows.push(listedRow(u.record, 'Added in the return.'));
  } else {
    const matching = matchActions(ours, theirs);
    if (ours.length > 0 && theirs.length > 0 && matching.matched.length === 0) {
      report.refusedWhole = 'It was not merged: it has no action in common with this plan.';
      return { report, verdicts: [] };
    }
    for (const m of matching.matched)
      if (m.by !== 'shared-ref') compare(m.ours, m.theirs, null, null);
      else
        report.unmatched.push(
          listedRow(
            m.ours,
            sharedRefEdited(
              m.ours.identity.ref,
              `is not the same in the return (at ${m.theirs.cell})`,
              m.ours.text,
              m.theirs.text,
            ),
          ),
        );
    for (const u of matching.onlyOurs)
      report.unmatched.push(listedRow(u.record, `Not found in the return: ${clause(u.message)}`));
    for (const u of matching.onlyTheirs) report.newRows.push(listedRow(u.record, 'Added in the return.'));
  }

  const leads = record ? leaderTest(plan, record.partner) : null;
  const verdicts: Array<{ cell: ListedCell; verdict: Verdict; same: Same }> = [];
  const identityCells = new Set<string>();
  const columnsOf = new Map<ThemeSheet, MergeColumn[]>();
  const columns = (theme: ThemeSheet): MergeColumn[] => {
    let found = columnsOf.get(theme);
    if (!found) columnsOf.set(theme, (found = mergeColumns(theme)));
    return found;
  };
  for (const { ours: o, theirs: t, recorded, planTheme, returnTheme, changedInPlan } of comparisons) {
    const listedBefore = verdicts.length;
    const planColumns = columns(planTheme);
    const returnColumns = columns(returnTheme);
    const leadColumn = planColumns.find((c) => c.role === 'lead');
    // Whose row it is: its lead as sent (the record's), the plan's where the record has none.
    const leadAsSent = recorded
      ? leadColumn
        ? baseOf(recorded, leadColumn, planColumns)
        : EMPTY
      : { kind: 'text' as const, text: leadText(planTheme.layout.sheet, o.row, leadColumn?.col) };
    for (const column of planColumns) {
      const theirColumn = columnIn(returnColumns, column, planColumns);
      if (!theirColumn) continue;
      const oursValue = rowValue(planTheme, o.row, column);
      const base = recorded ? baseOf(recorded, column, planColumns) : null;
      const theirsValue = asDateWhereOneWas(rowValue(returnTheme, t.row, theirColumn), base ?? oursValue);
      // Identity cells are the group's (a priority's ref is on its first row): one listing per cell.
      const planRow = column.role === 'ref' || column.role === 'priority' ? groupRow(planTheme, o.row) : o.row;
      const cell: ListedCell = {
        sheet: o.sheet,
        cell: address(planRow, column.col),
        ref: o.identity.ref,
        column: column.heading,
        plan: oursValue,
        return: theirsValue,
        base,
        reason: '',
        row: planRow,
        col: column.col,
      };
      if (column.identity) {
        if (identityChanged(column, base ?? oursValue, theirsValue) && !identityCells.has(cellId(cell))) {
          identityCells.add(cellId(cell));
          verdicts.push({ cell, verdict: { kind: 'refused', reason: REASONS.identity }, same: sameValue });
        }
        continue;
      }
      // A formula's value is the formula's, recalculated by whichever program saved the file
      // (LibreOffice turns a #N/A it cannot look up into #NAME?): not a partner's update.
      if (
        isFormulaCell(planTheme.layout.sheet, o.row, column.col) &&
        isFormulaCell(returnTheme.layout.sheet, t.row, theirColumn.col)
      )
        continue;
      const same = sameIn(column.role, plan.scale);
      const verdict = verdictOf(oursValue, theirsValue, base, options, same);
      if (verdict.kind === 'none') continue;
      const refusal =
        verdict.kind === 'already'
          ? null
          : leads && !leads(leadAsSent)
            ? isEmpty(leadAsSent)
              ? 'a row with no lead'
              : `led by ${displayText(leadAsSent).replace(/\s+/g, ' ').trim()}`
            : theirsValue.kind === 'error'
              ? REASONS.error
              : insideMerge(returnTheme, t.row, theirColumn.col) || insideMerge(planTheme, o.row, column.col)
                ? REASONS.merged
                : isFormulaCell(planTheme.layout.sheet, o.row, column.col)
                  ? REASONS.formula
                  : null;
      verdicts.push({ cell, verdict: refusal ? { kind: 'refused', reason: refusal } : verdict, same });
    }
    // The return changed this row, and the plan's row is not as it was sent: the secretary should see it.
    if (changedInPlan && verdicts.slice(listedBefore).some((v) => v.verdict.kind !== 'already'))
      report.identityChanged.push(listedRow(o, changedInPlan));
  }
  return { report, verdicts };
}

/**
 * A number where the cell held a date is that date: a program that re-saves a return may store
 * a date under a format the reader does not know as a date's, and a date must stay a date.
 */
function asDateWhereOneWas(value: CellValue, was: CellValue): CellValue {
  return value.kind === 'number' && was.kind === 'date' ? { kind: 'date', serial: value.value } : value;
}

function groupRow(theme: ThemeSheet, row: number): number {
  return groupRowOf(theme, row) ?? row;
}

type Same = (a: CellValue, b: CellValue) => boolean;

function verdictOf(
  ours: CellValue,
  theirs: CellValue,
  base: CellValue | null,
  options: MergeOptions,
  same: Same,
): Verdict {
  if (base === null) {
    if (same(theirs, ours)) return { kind: 'none' };
    if (isEmpty(ours)) return { kind: 'apply', reason: REASONS.wasEmpty };
    if (options.preferReturns) return { kind: 'apply', reason: REASONS.preferred };
    return { kind: 'conflict', reason: REASONS.noRecord };
  }
  if (same(theirs, base)) return { kind: 'none' };
  if (same(ours, theirs)) return { kind: 'already' };
  if (same(ours, base)) return { kind: 'apply', reason: REASONS.changed };
  return { kind: 'conflict', reason: REASONS.changedInPlan };
}

/**
 * Merges returns into the plan: each return's report, and the plan of what is applied. `choices`
 * (the pane's, by cellId) settle conflicts: a return's index takes that return's value, 'plan'
 * keeps the plan's; a conflict without a choice is not applied.
 */
export function mergeReturns(
  plan: { snapshot: WorkbookSnapshot; model: WorkbookModel },
  returns: readonly ReturnInput[],
  options: MergeOptions = {},
  choices: ReadonlyMap<string, number | 'plan'> = new Map(),
): MergeResult {
  const compared = returns.map((input) => compareReturn(plan.model, input, options));
  // Every return's change to a cell, in the order the returns were given.
  const byCell = new Map<string, Array<{ index: number; cell: ListedCell; same: Same }>>();
  compared.forEach(({ report, verdicts }, index) => {
    for (const { cell, verdict, same } of verdicts) {
      if (verdict.kind === 'apply') {
        const id = cellId(cell);
        byCell.set(id, [...(byCell.get(id) ?? []), { index, cell: { ...cell, reason: verdict.reason }, same }]);
      } else if (verdict.kind === 'already') report.alreadyThere.push({ ...cell, reason: 'already in the plan' });
      else if (verdict.kind === 'conflict') report.conflicts.push({ ...cell, reason: verdict.reason });
      else if (verdict.kind === 'refused') report.refused.push({ ...cell, reason: verdict.reason });
    }
  });
  const edits: Edit[] = [];
  const write = (cell: ListedCell): void => {
    edits.push({
      kind: 'set-value',
      sheet: cell.sheet,
      row: cell.row,
      col: cell.col,
      expect: cell.plan,
      value: cell.return,
    });
  };
  for (const changes of byCell.values()) {
    const [first, ...others] = changes;
    if (others.every((c) => first.same(c.cell.return, first.cell.return))) {
      compared[first.index].report.applied.push(first.cell);
      for (const other of others) compared[other.index].report.alreadyThere.push(other.cell);
      write(first.cell);
      continue;
    }
    // Each is told which other return changed the cell, and to what.
    for (const c of changes) {
      const by = changes
        .filter((other) => other !== c)
        .map((other) => `${fileName(returns[other.index].file)}: ${reportValue(other.cell.return)}`);
      compared[c.index].report.conflicts.push({ ...c.cell, reason: `${REASONS.otherReturn} (${by.join('; ')})` });
    }
  }
  // Conflicts the user settled by taking a return's value.
  const taken = new Set<string>();
  compared.forEach(({ report }, index) => {
    for (const conflict of report.conflicts) {
      const id = cellId(conflict);
      if (choices.get(id) !== index || taken.has(id)) continue;
      taken.add(id);
      write(conflict);
    }
  });
  const order = new Map(plan.model.themes.map((t, i) => [t.name, i]));
  const inOrder = (a: ListedCell, b: ListedCell): number =>
    (order.get(a.sheet) ?? 0) - (order.get(b.sheet) ?? 0) || a.row - b.row || a.col - b.col;
  for (const { report } of compared)
    for (const list of [report.applied, report.alreadyThere, report.conflicts, report.refused]) list.sort(inOrder);
  const written = edits.length;
  return {
    returns: compared.map((c) => c.report),
    plan: {
      description:
        written === 0
          ? 'Nothing new to merge.'
          : `Merged ${written} cell${written === 1 ? '' : 's'} from ${returns.length === 1 ? 'the return' : 'the returns'}.`,
      edits,
    },
  };
}

/** Whether anything of the merge is for the secretary to look at (SPEC §7.3: exit 1). */
export function mergeNeedsAttention(result: MergeResult): boolean {
  return result.returns.some(
    (r) =>
      r.refusedWhole !== null ||
      r.conflicts.length > 0 ||
      r.refused.length > 0 ||
      r.unmatched.length > 0 ||
      r.newRows.length > 0 ||
      r.identityChanged.length > 0,
  );
}
