// Writing a plan to the workbook, as real Excel allows. Sheets to add or rename go
// first, in a run of their own: Excel cannot undo them inside an undo group (docs-pr
// excel-add-ins-undo-capabilities.md, "Unsupported APIs"). Everything else is one
// change (session.ts: one undo step where this Excel allows it) made of one load and
// one write sync (more only past the payload budget). The load is what makes the
// write safe with co-authors: the rules and lists it replaces and the cells it fixes
// are decided from it, not from the read the plan came from (live-write.ts), so a
// co-author's rule, list or edit made meanwhile is never removed or overwritten.
import {
  CellValue,
  Edit,
  OVERVIEW_NAME,
  Plan,
  WorkbookSnapshot,
  address,
  displayText,
  isDateFormatCode,
  plannedValue,
  quoteSheetName,
  sameCellValue,
  sheetsTouched,
} from '../../engine';
import { ACTION_BYTES, WriteStep, contentSteps } from './content';
import { ExcelHostError } from './errors';
import { ListNotWritten, LiveNow, liveAsRead, liveSteps, queueLiveLoad } from './live-write';
import { knownListSeparator } from './multi-area';
import { PAYLOAD_BUDGET } from './read-plan';
import { ReadReceipt, toCellValue } from './read';
import { OfficeApi, runInExcel } from './run';
import { ExcelSession, UndoStep, WriteMark, runChange } from './session';
import { literal } from './text';

/** A fix not made: its cell no longer held what the check saw (someone changed it meanwhile). */
export interface SkippedFix {
  sheet: string;
  cell: string;
  /** What the cell holds now, as Excel shows it. */
  found: string;
}

/** What a write did besides the plan: for the message the user reads. */
export interface WriteNotes {
  skippedFixes: SkippedFix[];
  listsNotWritten: ListNotWritten[];
}

export interface WriteResult extends WriteNotes {
  /** Whether the change is one undo step (session.ts). */
  undo: UndoStep;
}

/** What the write's own load found before anything was written. */
export interface Now {
  /** By sheet: Proforma's rules and whose validation the lists' columns hold. */
  live: Map<string, LiveNow>;
  /** By cell (cellKey): the value each fixed cell holds. */
  values: Map<string, CellValue>;
  /** By cell (cellKey): its number format (en-US codes, as Range.numberFormat gives them), where loaded. */
  formats?: Map<string, string>;
  /** Between areas in getRanges (multi-area.ts). */
  separator: ',' | ';' | null;
}

function cellKey(sheet: string, row: number, col: number): string {
  return `${sheet}\u0000${row},${col}`;
}

/** Sheets a write's load must look at for live colours. */
function liveEdits(plan: Plan): Array<Extract<Edit, { kind: 'live-colours' }>> {
  return plan.edits.filter((e): e is Extract<Edit, { kind: 'live-colours' }> => e.kind === 'live-colours');
}

/** Queues and syncs the write's load: what is there now, where the plan would delete or overwrite. */
export async function loadNow(
  context: Excel.RequestContext,
  plan: Plan,
  before: WorkbookSnapshot,
  separator: ',' | ';' | null,
): Promise<Now> {
  const live = liveEdits(plan).map((edit) => ({ sheet: edit.sheet, load: queueLiveLoad(context, edit, before) }));
  const cells = plan.edits.flatMap((edit) => {
    if (edit.kind !== 'set-value') return [];
    const range = context.workbook.worksheets.getItem(edit.sheet).getRangeByIndexes(edit.row, edit.col, 1, 1);
    range.load('values,valueTypes,numberFormat');
    return [{ key: cellKey(edit.sheet, edit.row, edit.col), range }];
  });
  const now: Now = { live: new Map(), values: new Map(), formats: new Map(), separator };
  if (live.length === 0 && cells.length === 0) return now;
  await context.sync();
  for (const { key, range } of cells) {
    const format = String(range.numberFormat[0][0] ?? '');
    now.values.set(key, toCellValue(range.values[0][0], range.valueTypes[0][0], format));
    now.formats?.set(key, format);
  }
  for (const { sheet, load } of live) now.live.set(sheet, await load.resolve());
  return now;
}

/** What the load would find if nothing had changed since the read: for recording a write's requests. */
export function nowAsRead(
  plan: Plan,
  before: WorkbookSnapshot,
  receipt: ReadReceipt,
  separator: ',' | ';' | null,
): Now {
  const now: Now = { live: new Map(), values: new Map(), separator };
  for (const edit of liveEdits(plan))
    now.live.set(edit.sheet, liveAsRead(edit, before, receipt.rules[edit.sheet] ?? []));
  return now;
}

/**
 * Queues a plan's writes, decided from `now`, in one sync (more only past the payload budget).
 * The plan was made from `before`: protection was refused from it (refuseIfProtected), and it
 * says whether the overview mark exists.
 */
export async function queueWrites(
  context: Excel.RequestContext,
  plan: Plan,
  before: WorkbookSnapshot,
  now: Now,
): Promise<WriteNotes> {
  const notes: WriteNotes = { skippedFixes: [], listsNotWritten: [] };
  let pending = 0;
  for (const edit of plan.edits)
    for (const step of editSteps(edit, before, now, notes)) {
      if (pending > 0 && pending + step.bytes > PAYLOAD_BUDGET) {
        await context.sync();
        pending = 0;
      }
      step.queue(context);
      pending += step.bytes;
    }
  if (pending > 0) await context.sync();
  return notes;
}

/** A plan's content (its sheets made already: contentOf) applied in one run: the load, then the write. */
export async function applyPlan(
  context: Excel.RequestContext,
  plan: Plan,
  before: WorkbookSnapshot,
  { separator = ',', mark }: { separator?: ',' | ';' | null; mark?: WriteMark } = {},
): Promise<WriteNotes> {
  if (plan.edits.length === 0) return { skippedFixes: [], listsNotWritten: [] };
  const now = await loadNow(context, plan, before, separator);
  mark?.writing();
  return queueWrites(context, plan, before, now);
}

/** Rows (0-based) as runs of consecutive rows, in order. */
function rowRuns(rows: readonly number[]): Array<{ top: number; bottom: number }> {
  const runs: Array<{ top: number; bottom: number }> = [];
  for (const row of [...new Set(rows)].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last.bottom === row - 1) last.bottom = row;
    else runs.push({ top: row, bottom: row });
  }
  return runs;
}

/** A cell's value as Range.values takes it: text kept as text (literal), a date as its serial number. */
function excelValue(value: CellValue): string | number | boolean {
  switch (value.kind) {
    case 'empty':
      return '';
    case 'text':
      return literal(value.text);
    case 'number':
      return value.value;
    case 'date':
      return value.serial;
    case 'boolean':
      return value.value;
    case 'error':
      // A merge never plans one (merge.ts lists an error as refused): an error is a formula's, never typed.
      throw new Error(`Proforma: an Excel error (${value.error}) is never written as a value.`);
  }
}

/** The steps of one edit of a plan whose sheets exist already (see contentOf). */
function editSteps(edit: Edit, before: WorkbookSnapshot, now: Now, notes: WriteNotes): WriteStep[] {
  const sheet = (name: string) => (context: Excel.RequestContext) => context.workbook.worksheets.getItem(name);
  switch (edit.kind) {
    case 'set-value': {
      // Only where the cell still holds what the check saw (as the .xlsx host refuses otherwise).
      const key = cellKey(edit.sheet, edit.row, edit.col);
      const found = now.values.get(key) ?? edit.expect;
      const value = plannedValue(edit);
      if (!sameCellValue(found, edit.expect)) {
        // Already the fix (a change made again after Excel refused to group it): nothing to do.
        if (sameCellValue(found, value)) return [];
        notes.skippedFixes.push({ sheet: edit.sheet, cell: address(edit.row, edit.col), found: displayText(found) });
        return [];
      }
      // A date is a number under a date format (docs-ref Range.numberFormat, en-US codes): where the
      // cell's format is not a date's it takes "m/d/yyyy", Excel's code for the reader's short date
      // (built-in format 14, as the .xlsx host writes it); a number under a date format takes General.
      const format = now.formats?.get(key);
      const dated = format !== undefined ? isDateFormatCode(format) : found.kind === 'date';
      const numberFormat =
        value.kind === 'date' && !dated ? 'm/d/yyyy' : value.kind === 'number' && dated ? 'General' : null;
      return [
        {
          bytes: 2 * ACTION_BYTES + displayText(value).length + (numberFormat ? ACTION_BYTES : 0),
          queue: (context) => {
            const range = sheet(edit.sheet)(context).getRangeByIndexes(edit.row, edit.col, 1, 1);
            range.values = [[excelValue(value)]];
            if (numberFormat) range.numberFormat = [[numberFormat]];
          },
        },
      ];
    }
    case 'format': {
      const { top, left, bottom, right } = edit.range;
      return [
        {
          bytes: 4 * ACTION_BYTES,
          queue: (context) => {
            const format = sheet(edit.sheet)(context).getRangeByIndexes(
              top,
              left,
              bottom - top + 1,
              right - left + 1,
            ).format;
            if (edit.fill === null) format.fill.clear();
            else format.fill.color = edit.fill;
            // Office.js has no "automatic" font colour to set back; black is what automatic shows.
            if (edit.fontColour !== undefined) format.font.color = edit.fontColour ?? '#000000';
          },
        },
      ];
    }
    case 'add-sheet':
    case 'replace-sheet': {
      // In place, never deleted and re-added: formulas elsewhere that point at the overview keep working.
      const of = sheet(edit.content.name);
      const clear: WriteStep = {
        bytes: 4 * ACTION_BYTES,
        queue: (context) => {
          const all = of(context).getRange();
          all.unmerge();
          all.clear('All');
          // Heights the last build gave its rows go too (clearing leaves them): the plan sets its own.
          all.format.useStandardHeight = true;
        },
      };
      return [clear, ...contentSteps(of, edit.content)];
    }
    case 'mark-overview':
      return [{ bytes: 2 * ACTION_BYTES, queue: (context) => markOverview(context, edit.sheet, before) }];
    case 'live-colours':
      return liveSteps(
        edit,
        now.live.get(edit.sheet) ?? { rules: [], validation: [] },
        now.separator,
        notes.listsNotWritten,
      );
    case 'rename-sheet':
      return [{ bytes: 2 * ACTION_BYTES, queue: (context) => (sheet(edit.from)(context).name = edit.to) }];
    case 'hide-rows':
      // Range.rowHidden (ExcelApi 1.2) over each run of rows, whole rows by address: undoable, as
      // it is not among the undo table's unsupported APIs (docs-pr excel-add-ins-undo-capabilities.md).
      return rowRuns(edit.rows).map(({ top, bottom }) => ({
        bytes: 2 * ACTION_BYTES,
        queue: (context) => (sheet(edit.sheet)(context).getRange(`${top + 1}:${bottom + 1}`).rowHidden = true),
      }));
    case 'record-sheet': {
      // The sheet exists by now (structureOf adds it): its contents go, its formats stay (as in the .xlsx host).
      const width = Math.max(1, ...edit.rows.map((row) => row.length));
      const values = edit.rows.map((row) => Array.from({ length: width }, (_, c) => literal(row[c] ?? '')));
      const text = edit.rows.reduce((n, row) => n + row.reduce((m, cell) => m + cell.length + 8, 0), 0);
      return [
        {
          bytes: 4 * ACTION_BYTES + text,
          queue: (context) => {
            const target = sheet(edit.name)(context);
            target.getRange().clear('Contents');
            if (values.length > 0) target.getRangeByIndexes(0, 0, values.length, width).values = values;
          },
        },
      ];
    }
  }
}

export function structureOf(plan: Plan, before?: WorkbookSnapshot): Plan {
  const sheets = plan.edits.filter((e) => e.kind === 'add-sheet' || e.kind === 'rename-sheet');
  // The mark goes with the sheet it marks: if the grouped write fails or is undone, the new
  // sheet is still known as Proforma's overview, never taken for a hand-made one next time.
  const marks = sheets.length > 0 ? plan.edits.filter((e) => e.kind === 'mark-overview') : [];
  // A record sheet not there yet is added (and very hidden, which Excel cannot undo either).
  const records = plan.edits.filter(
    (e) => e.kind === 'record-sheet' && !before?.sheets.some((s) => s.name.toLowerCase() === e.name.toLowerCase()),
  );
  return { description: plan.description, edits: [...sheets, ...marks, ...records] };
}

/** The rest of a plan, once its sheets exist: grouped into one undo step where Excel supports it. */
export function contentOf(plan: Plan): Plan {
  const structural = plan.edits.some((e) => e.kind === 'add-sheet' || e.kind === 'rename-sheet');
  const edits: Edit[] = [];
  for (const edit of plan.edits) {
    if (edit.kind === 'rename-sheet' || (edit.kind === 'mark-overview' && structural)) continue;
    edits.push(edit.kind === 'add-sheet' ? { kind: 'replace-sheet', content: edit.content } : edit);
  }
  return { description: plan.description, edits };
}

/** Refuses, before anything is written, a plan that protection would stop (as the snapshot read it). */
export function refuseIfProtected(snapshot: WorkbookSnapshot, plan: Plan): void {
  if (snapshot.structureProtected && structureOf(plan, snapshot).edits.length > 0)
    throw new ExcelHostError(
      'The workbook structure is protected, so sheets cannot be added or renamed. Unprotect it (Review > Protect Workbook) and try again; nothing was changed.',
      'AccessDenied',
    );
  for (const name of sheetsTouched(plan)) {
    if (snapshot.sheets.find((s) => s.name === name)?.protected)
      throw new ExcelHostError(
        `The sheet "${name}" is protected. Unprotect it (Review > Unprotect Sheet) and try again; nothing was changed.`,
        'AccessDenied',
      );
  }
}

/** Adds (first in the workbook) and renames sheets, and marks the overview, in one sync. */
export async function applyStructure(
  context: Excel.RequestContext,
  plan: Plan,
  before: WorkbookSnapshot,
): Promise<void> {
  if (plan.edits.length === 0) return;
  const worksheets = context.workbook.worksheets;
  for (const edit of plan.edits) {
    if (edit.kind === 'rename-sheet') worksheets.getItem(edit.from).name = edit.to;
    else if (edit.kind === 'add-sheet') {
      const sheet = worksheets.add(edit.content.name);
      sheet.position = 0;
      sheet.activate();
    } else if (edit.kind === 'mark-overview') markOverview(context, edit.sheet, before);
    else if (
      edit.kind === 'record-sheet' &&
      !before.sheets.some((s) => s.name.toLowerCase() === edit.name.toLowerCase())
    )
      // Added at the end of the workbook (docs-ref Worksheets.add), out of the way.
      worksheets.add(edit.name).visibility = 'VeryHidden';
  }
  await context.sync();
}

/** Points the hidden name ProformaOverview at the sheet (added once, then updated). */
function markOverview(context: Excel.RequestContext, sheet: string, before: WorkbookSnapshot): void {
  const reference = `=${quoteSheetName(sheet)}!$A$1`;
  const marked = (before.names ?? []).some((n) => n.name.toLowerCase() === OVERVIEW_NAME.toLowerCase());
  if (marked) context.workbook.names.getItem(OVERVIEW_NAME).formula = reference;
  else context.workbook.names.add(OVERVIEW_NAME, reference).visible = false;
}

/**
 * Writes a plan made from `before`, which a read returned with `receipt`: sheets first in a run
 * of their own, then the rest as one change (see the head of this file). `session` carries
 * what this Excel was found to accept (session.ts) from one change to the next.
 */
export async function writePlan(
  api: OfficeApi,
  plan: Plan,
  before: WorkbookSnapshot,
  receipt: ReadReceipt,
  session: ExcelSession = new ExcelSession(),
): Promise<WriteResult> {
  refuseIfProtected(before, plan);
  // Without the rules and lists as read, the plan could not say whether colours are live.
  if (!receipt.colours && liveEdits(plan).length > 0)
    throw new Error('Proforma: live colours are written only from a read made with { colours: true }.');
  const structure = structureOf(plan, before);
  if (structure.edits.length > 0) await runInExcel(api, (context) => applyStructure(context, structure, before));
  const content = contentOf(plan);
  if (content.edits.length === 0) return { skippedFixes: [], listsNotWritten: [], undo: 'grouped' };
  const severalAreas = liveEdits(content).some((e) => e.rules.some((r) => r.ranges.length > 1));
  const separator = severalAreas ? await knownListSeparator(api, session) : ',';
  const { value, undo } = await runChange(api, session, (context, mark) =>
    applyPlan(context, content, before, { separator, mark }),
  );
  return { ...value, undo };
}
