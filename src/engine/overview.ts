// The overview sheet (SPEC §4.2): built from the theme sheets in the layout of
// the quarterly report, and compared with the one in the workbook.
import type { Analysis } from './analyse';
import { OVERVIEW_MARKER } from './overview-marker';
import { CellStyle, Edit, Plan, PlanRefusal, PlannedCell, SheetContent } from './plan';
import { StatusInfo, TERMS } from './scales';
import { SETTINGS_SHEET } from './settings';
import { CellRange, SheetSnapshot, WorkbookSnapshot, cellAt, displayText, formatDateTime } from './snapshot';
import { StatusCounts, Summary, TermKey, summarise } from './summary';

const TITLE = 'Action plan overview';
export const MAX_CELL_TEXT = 32_767;
const TERM_LABEL: Record<TermKey, string> = { ...TERMS, none: 'No term' };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

class Grid {
  readonly cells: PlannedCell[][] = [];
  readonly merges: CellRange[] = [];

  set(row: number, col: number, value: string | number | null, style?: CellStyle): void {
    // Excel holds at most 32,767 characters in a cell.
    if (typeof value === 'string' && value.length > MAX_CELL_TEXT) value = `${value.slice(0, MAX_CELL_TEXT - 1)}…`;
    while (this.cells.length <= row) this.cells.push([]);
    const line = this.cells[row];
    while (line.length <= col) line.push({ value: null });
    line[col] = style ? { value, style } : { value };
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    if (bottom > top || right > left) this.merges.push({ top, left, bottom, right });
  }

  get nextRow(): number {
    return this.cells.length;
  }
}

/** Term groups shown as column groups: "No term" only where some action has none. */
function termGroups(summary: Summary, hasTermColumn: boolean): TermKey[] {
  if (!hasTermColumn) return ['none'];
  const groups: TermKey[] = ['S', 'M', 'L'];
  if ((summary.total.terms.none?.none ?? 0) + sumStatuses(summary, summary.total.terms.none) > 0) groups.push('none');
  return groups;
}

function sumStatuses(summary: Summary, counts: StatusCounts | undefined): number {
  if (!counts) return 0;
  return summary.scale.reduce((sum, code) => sum + (counts[code] ?? 0), 0);
}

export function buildOverview(analysis: Analysis, builtAt: Date, summary: Summary = summarise(analysis)): SheetContent {
  const grid = new Grid();
  const bold: CellStyle = { bold: true };
  const { scale } = summary;
  const statusOf = (code: string): StatusInfo => analysis.scale.statuses.find((s) => s.code === code) as StatusInfo;

  grid.set(0, 0, TITLE, { bold: true, size: 14 });
  grid.set(1, 0, 'Built', bold);
  grid.set(1, 1, formatDateTime(builtAt));
  const sheetNames = analysis.themes.map((t) => t.name);
  grid.set(2, 0, 'Built from', bold);
  grid.set(2, 1, `${plural(sheetNames.length, 'theme sheet')}: ${sheetNames.join(', ') || 'none'}`);

  const statusLeftOut = summary.leftOut.filter((l) => l.column === 'status').length;
  const termLeftOut = summary.leftOut.filter((l) => l.column === 'term').length;
  const parts = [`${plural(summary.total.actions, 'action row')} counted`];
  if (statusLeftOut > 0) parts.push(`${statusLeftOut} left out of the status columns`);
  if (termLeftOut > 0) parts.push(`${termLeftOut} left out of the term columns`);
  if (statusLeftOut + termLeftOut === 0 && analysis.incomplete.length === 0) parts.push('none left out');
  grid.set(3, 0, 'Reconciliation', bold);
  grid.set(3, 1, `${parts.join('; ')}.`);
  let row = 4;
  for (const item of summary.leftOut) {
    const where = item.column === 'status' ? 'status' : 'term';
    grid.set(row++, 1, `'${item.sheet}'!${item.cell}: ${item.reason}, left out of the ${where} columns`);
  }
  for (const sheet of analysis.incomplete)
    grid.set(row++, 1, `Sheet '${sheet.name}' left out: it has no ${sheet.missing.join(', ')} column`);

  // The matrix.
  row++;
  const groups = termGroups(summary, analysis.hasTermColumn);
  const width = scale.length;
  const headerTop = row;
  grid.set(headerTop, 0, 'Theme', bold);
  grid.merge(headerTop, 0, headerTop + 1, 0);
  groups.forEach((term, g) => {
    const left = 1 + g * width;
    const label = analysis.hasTermColumn ? TERM_LABEL[term] : 'All actions';
    grid.set(headerTop, left, label, { bold: true, align: 'center' });
    grid.merge(headerTop, left, headerTop, left + width - 1);
    scale.forEach((code, i) => {
      const status = statusOf(code);
      grid.set(headerTop + 1, left + i, code, {
        bold: true,
        align: 'center',
        fill: status.colour,
        fontColour: status.textColour,
      });
    });
  });
  row = headerTop + 2;

  const countRow = (label: string, countsFor: (term: TermKey) => StatusCounts | undefined, style?: CellStyle): void => {
    grid.set(row, 0, label, style);
    groups.forEach((term, g) => {
      const counts = countsFor(term);
      scale.forEach((code, i) => grid.set(row, 1 + g * width + i, counts?.[code] ?? 0, { ...style, align: 'center' }));
    });
    row++;
  };
  for (const theme of summary.themes) countRow(`${theme.name} (${theme.actions})`, (term) => theme.terms[term]);

  const groupRow = (label: string, valueFor: (term: TermKey) => string | number): void => {
    grid.set(row, 0, label, bold);
    groups.forEach((term, g) => {
      const left = 1 + g * width;
      grid.set(row, left, valueFor(term), { bold: true, align: 'center' });
      grid.merge(row, left, row, left + width - 1);
    });
    row++;
  };
  const termActions = (term: TermKey): number => {
    const counts = summary.total.terms[term];
    return counts ? sumStatuses(summary, counts) + counts.none : 0;
  };
  groupRow(`Actions (${summary.total.actions})`, termActions);
  if (analysis.hasTermColumn)
    groupRow(
      `Carried forward (${summary.total.carriedForward})`,
      (term) => `${summary.total.carriedForwardByTerm[term] ?? 0} c/f`,
    );
  countRow('Total', (term) => summary.total.terms[term], bold);

  // Legend.
  row++;
  grid.set(row++, 0, 'Key', bold);
  for (const code of scale) {
    const status = statusOf(code);
    grid.set(row, 0, `${code}: ${status.name}`, { bold: true, fill: status.colour, fontColour: status.textColour });
    grid.set(row, 1, status.meaning);
    row++;
  }

  row++;
  grid.set(
    row,
    0,
    `${OVERVIEW_MARKER} from the theme sheets. Rebuild it after changing them; changes typed here are replaced.`,
    { fontColour: '#505A5F' },
  );

  // A status column as wide as its code ("On track" needs more than "R").
  const statusWidths = scale.map((code) => Math.max(6, code.length + 2));
  const columnWidths = [44, ...groups.flatMap(() => statusWidths)];
  return {
    name: analysis.settings.overviewName,
    cells: grid.cells,
    merges: grid.merges,
    columnWidths,
    buildTimeCell: { row: 1, col: 1 },
  };
}

function plannedText(cell: PlannedCell | undefined): string {
  if (!cell || cell.value === null) return '';
  return String(cell.value);
}

/** Whether the overview in the workbook differs from a fresh build, the build time aside. */
export function isOverviewStale(existing: SheetSnapshot, fresh: SheetContent): boolean {
  const rows = Math.max(existing.cells.length, fresh.cells.length);
  for (let r = 0; r < rows; r++) {
    const cols = Math.max(existing.cells[r]?.length ?? 0, fresh.cells[r]?.length ?? 0);
    for (let c = 0; c < cols; c++) {
      if (r === fresh.buildTimeCell.row && c === fresh.buildTimeCell.col) continue;
      if (displayText(cellAt(existing, r, c)).trim() !== plannedText(fresh.cells[r]?.[c]).trim()) return true;
    }
  }
  return false;
}

const MAX_SHEET_NAME = 31;

/** "Overview (previous)", then "(previous 2)", … : a name no sheet has, within 31 characters. */
export function previousName(base: string, taken: Set<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (previous)' : ` (previous ${n})`;
    const name = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** "Overview (2)", "(3)", … : a name no sheet has, within 31 characters. */
function freeName(base: string, taken: Set<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/**
 * Rewrites the overview Proforma built, in place, or adds one. A hand-made sheet
 * with the overview's name is kept under another name; a theme sheet is never
 * renamed, deleted or overwritten.
 */
export function rebuildPlan(snapshot: WorkbookSnapshot, analysis: Analysis, builtAt: Date): Plan {
  // An overview of nothing would replace the board's last good one with zeros.
  if (analysis.themes.length === 0) {
    const tables = analysis.unrecognised.map((u) => `"${u.name}"`);
    throw new PlanRefusal(
      `No sheet holds an action plan that could be read, so there is no overview to build; nothing was changed.${tables.length > 0 ? ` Map the headings of ${tables.join(', ')} in the settings (column:<heading> = ref, actions, rag …), then rebuild.` : ''}`,
    );
  }
  const summary = summarise(analysis);
  const wanted = analysis.settings.overviewName;
  const edits: Edit[] = [];
  // Chart sheets are not in the snapshot's sheets, but their names are taken all the same.
  const names = new Set([...snapshot.sheets.map((s) => s.name), ...(snapshot.otherSheets ?? [])]);
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  const ours = analysis.overviewSheet;
  const untouchable = new Set([
    SETTINGS_SHEET.toLowerCase(),
    ...(snapshot.otherSheets ?? []).map((n) => n.toLowerCase()),
    ...analysis.sheets.filter((s) => s.kind === 'theme').map((s) => s.name.toLowerCase()),
  ]);
  let target = wanted;
  let kept = '';
  const clash = [...names].find((n) => same(n, wanted) && n !== ours?.name);
  // Our own overview's name is free for it to keep: a rebuild does not move it from "(2)" to "(3)".
  const others = new Set([...names].filter((n) => n !== ours?.name));
  if (clash && untouchable.has(clash.toLowerCase())) target = freeName(wanted, others);
  else if (clash) {
    const to = previousName(wanted, names);
    edits.push({ kind: 'rename-sheet', from: clash, to });
    names.delete(clash);
    names.add(to);
    kept = ` The existing sheet "${clash}" was kept as "${to}".`;
  }
  const content = { ...buildOverview(analysis, builtAt, summary), name: target };
  if (ours) {
    if (ours.name !== target) edits.push({ kind: 'rename-sheet', from: ours.name, to: target });
    edits.push({ kind: 'replace-sheet', content });
    if (ours.name !== target) edits.push({ kind: 'mark-overview', sheet: target });
  } else {
    edits.push({ kind: 'add-sheet', content });
    edits.push({ kind: 'mark-overview', sheet: target });
  }
  return {
    description: `Overview rebuilt: ${plural(analysis.themes.length, 'theme')}, ${plural(summary.total.actions, 'action')}, ${leftOutText(summary)}.${kept}`,
    edits,
  };
}

/** "none left out", or "2 rows left out — see Diversion G6, Offender Management F14". */
function leftOutText(summary: Summary): string {
  const rows = new Map<string, string>();
  for (const item of summary.leftOut) {
    const key = `${item.sheet}\u0000${item.cell.replace(/^[A-Z]+/, '')}`;
    if (!rows.has(key)) rows.set(key, `${item.sheet} ${item.cell}`);
  }
  if (rows.size === 0) return 'none left out';
  const places = [...rows.values()];
  const shown = places.slice(0, 3).join(', ');
  const more = places.length > 3 ? ` and ${places.length - 3} more` : '';
  return `${plural(rows.size, 'row')} left out — see ${shown}${more}`;
}
