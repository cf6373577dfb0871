// The overview sheet (SPEC §4.2): built from the theme sheets in the layout of
// the quarterly report, and compared with the one in the workbook.
import type { WorkbookModel } from './model';
import { OVERVIEW_MARKER } from './overview-marker';
import { CellStyle, Edit, Plan, PlanRefusal, PlannedCell, SheetContent } from './plan';
import { ROLE_NAMES } from './layout';
import { StatusInfo, TERMS } from './scales';
import { SETTINGS_SHEET } from './settings';
import { CellRange, SheetSnapshot, WorkbookSnapshot, cellAt, displayText, formatDateTime } from './snapshot';
import { StatusCounts, Summary, TermKey, ThemeSummary, leftOutRow, summarise } from './summary';

const TITLE = 'Action plan overview';
const NOT_COUNTED = 'Not counted';
const ALL_TERMS = 'All terms';
export const MAX_CELL_TEXT = 32_767;
const TERM_LABEL: Record<TermKey, string> = { ...TERMS, none: 'No term' };
/** One line of Calibri 11, Excel's default row height, in points. */
const LINE_POINTS = 15;
/** Excel's tallest row, in points. */
const MAX_ROW_POINTS = 409;
/**
 * The narrowest the page gets, in Excel's character units: a sentence about a row left out
 * (a sheet name of up to 31 characters, a cell, a value cut to MAX_QUOTED) fits across it
 * unwrapped, so it never prints past the matrix's right edge.
 */
const MIN_PAGE_WIDTH = 100;
/** A value quoted in a sentence is cut to this: a paragraph typed into a status cell would not fit the page. */
const MAX_QUOTED = 24;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function quoted(text: string): string {
  const trimmed = text.trim();
  return `"${trimmed.length > MAX_QUOTED ? `${trimmed.slice(0, MAX_QUOTED - 1)}…` : trimmed}"`;
}

function longestWord(text: string): number {
  return Math.max(0, ...text.split(/\s+/).map((word) => word.length));
}

/**
 * Lines a text takes wrapped at `width` (Excel's unit: one digit of the default font; most
 * letters are narrower, so this errs towards a row a little too tall, never one that clips).
 */
export function linesOf(text: string, width: number): number {
  const capacity = Math.max(1, Math.floor(width) - 1);
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (used > 0 && used + 1 + word.length <= capacity) {
        used += 1 + word.length;
        continue;
      }
      if (used > 0) lines++;
      // A word longer than a line breaks across lines.
      lines += Math.floor((word.length - 1) / capacity);
      used = ((word.length - 1) % capacity) + 1;
    }
  }
  return lines;
}

class Grid {
  readonly cells: PlannedCell[][] = [];
  readonly merges: CellRange[] = [];
  private readonly heights = new Map<number, number>();

  set(row: number, col: number, value: string | number | null, style?: CellStyle): string | number | null {
    // Excel holds at most 32,767 characters in a cell.
    if (typeof value === 'string' && value.length > MAX_CELL_TEXT) value = `${value.slice(0, MAX_CELL_TEXT - 1)}…`;
    while (this.cells.length <= row) this.cells.push([]);
    const line = this.cells[row];
    while (line.length <= col) line.push({ value: null });
    line[col] = style ? { value, style } : { value };
    return value;
  }

  /**
   * Cells hidden under a merge take its style: a border is drawn per cell, so a merged
   * cell's right and bottom edges come from the cells it covers.
   */
  merge(top: number, left: number, bottom: number, right: number): void {
    if (bottom === top && right === left) return;
    this.merges.push({ top, left, bottom, right });
    const style = this.cells[top]?.[left]?.style;
    for (let r = top; r <= bottom; r++)
      for (let c = left; c <= right; c++) if (r !== top || c !== left) this.set(r, c, null, style);
  }

  /** Makes the row tall enough for the text wrapped at `width`. */
  fit(row: number, text: string | number | null, width: number): void {
    const lines = linesOf(String(text ?? ''), width);
    if (lines < 2) return;
    this.heights.set(row, Math.min(MAX_ROW_POINTS, Math.max(this.heights.get(row) ?? 0, lines * LINE_POINTS)));
  }

  get rowHeights(): Array<{ row: number; points: number }> {
    return [...this.heights].sort(([a], [b]) => a - b).map(([row, points]) => ({ row, points }));
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

type Counted = Omit<ThemeSummary, 'sheet' | 'name'>;
/** A column group: one term, or all terms together. */
type Group = TermKey | 'all';

/** The line under the title: how many rows were counted, and how many left out of a column, and why. */
function reconciliation(summary: Summary, analysis: WorkbookModel): string {
  const status = summary.leftOut.filter((l) => l.column === 'status').length;
  const term = summary.leftOut.filter((l) => l.column === 'term').length;
  const sheets = analysis.incomplete.length;
  const counted = `${plural(summary.total.actions, 'action row')} counted`;
  if (status + term + sheets === 0)
    return `${counted}, each with a status${analysis.hasTermColumn ? ' and a term' : ''}.`;
  const has = (n: number): string => `${n} ${n === 1 ? 'has' : 'have'}`;
  const parts: string[] = [];
  if (status > 0) parts.push(`${has(status)} no status that can be counted ("${NOT_COUNTED}")`);
  if (term > 0) parts.push(`${has(term)} no term that can be read ("${TERM_LABEL.none}")`);
  if (sheets > 0) parts.push(`${plural(sheets, 'sheet')} could not be counted`);
  return `${counted}. ${parts.join('; ')}. Each is listed below the key.`;
}

/** One plain sentence per row left out of a status or term column (SPEC §4.2), sheet and cell first. */
function leftOutLines(summary: Summary, analysis: WorkbookModel): string[] {
  const lines: string[] = [];
  const noTermColumn = new Map<string, number>();
  for (const item of summary.leftOut) {
    const at = `${item.sheet}, cell ${item.cell}: `;
    switch (item.reason) {
      case 'RAG missing':
        lines.push(`${at}no status`);
        break;
      case 'RAG invalid':
        lines.push(`${at}status ${quoted(item.found ?? '')} is not on the scale`);
        break;
      case 'status shown only by colour':
        lines.push(`${at}status shown only by the cell's colour, ${item.found ?? 'a fill'}`);
        break;
      case 'term missing':
        lines.push(`${at}no term, so the action is under ${TERM_LABEL.none}`);
        break;
      case 'term invalid':
        lines.push(`${at}term ${quoted(item.found ?? '')} is not S, M or L, so the action is under ${TERM_LABEL.none}`);
        break;
      case 'no term column':
        // One line for the sheet, not one per row: every action on it is in the same place.
        noTermColumn.set(item.sheet, (noTermColumn.get(item.sheet) ?? 0) + 1);
        break;
    }
  }
  for (const [sheet, n] of noTermColumn)
    lines.push(
      `${sheet}: the sheet has no term column, so its ${plural(n, 'action')} ${n === 1 ? 'is' : 'are'} under ${TERM_LABEL.none}`,
    );
  for (const sheet of analysis.incomplete)
    lines.push(
      `${sheet.name}: left out, as the sheet has no ${sheet.missing.map((r) => ROLE_NAMES[r]).join(' or ')} column`,
    );
  return lines;
}

export function buildOverview(
  analysis: WorkbookModel,
  builtAt: Date,
  summary: Summary = summarise(analysis),
): SheetContent {
  const grid = new Grid();
  const { scale } = summary;
  const statusOf = (code: string): StatusInfo => analysis.scale.statuses.find((s) => s.code === code) as StatusInfo;
  const total: Counted = summary.total;

  // Every row and column of the matrix adds up to its action count. Each term group has
  // its own "Not counted" column, so a theme's statuses and not-counted in a group add up
  // to its actions in that term, and the group's Total cells to its "Actions" cell; one
  // not-counted column for all terms would leave every term group short. "All terms" is
  // each theme's row across terms: its cells add up to the N in "Theme (N)".
  const terms = termGroups(summary, analysis.hasTermColumn);
  const groups: Group[] = terms.length > 1 ? [...terms, 'all'] : terms;
  const groupLabel = (g: Group): string =>
    g === 'all' ? ALL_TERMS : analysis.hasTermColumn ? TERM_LABEL[g] : 'All actions';
  const countsOf = (of: Counted, g: Group): StatusCounts =>
    (g === 'all' ? of.rag : of.terms[g]) ?? ({ none: 0 } as StatusCounts);
  const cellsOf = (counts: StatusCounts): number[] => [...scale.map((code) => counts[code] ?? 0), counts.none];
  const carriedOf = (of: Counted, g: Group): number =>
    g === 'all' ? of.carriedForward : (of.carriedForwardByTerm[g] ?? 0);

  // Columns: labels, then per group a column per status (as wide as its code's longest word;
  // the header wraps) and "Not counted". The label column takes the longest label, 16 to 40
  // wide (longer ones wrap); a page narrower than MIN_PAGE_WIDTH widens the count columns.
  const keyLabel = (code: string): string => (statusOf(code).name === code ? code : `${code}: ${statusOf(code).name}`);
  const labels = [
    ...summary.themes.map((t) => `${t.name} (${t.actions})`),
    ...scale.map(keyLabel),
    ...(analysis.hasTermColumn ? [`Carried forward (${total.carriedForward})`] : []),
    'Reconciliation',
  ];
  const labelWidth = Math.min(40, Math.max(16, ...labels.map((l) => l.length + 2)));
  let groupWidths = [...scale.map((code) => Math.max(5, longestWord(code) + 2)), longestWord(NOT_COUNTED) + 2];
  const span = groupWidths.length;
  const narrow = MIN_PAGE_WIDTH - labelWidth - groups.length * groupWidths.reduce((a, b) => a + b, 0);
  if (narrow > 0) groupWidths = groupWidths.map((w) => w + Math.ceil(narrow / (groups.length * span)));
  const columnWidths = [labelWidth, ...groups.flatMap(() => groupWidths)];
  const last = columnWidths.length - 1;
  const textWidth = columnWidths.slice(1).reduce((a, b) => a + b, 0);

  const label: CellStyle = { bold: true, wrap: true };
  const wrapped: CellStyle = { wrap: true };
  /** A label, and a text merged across the rest of the page, wrapped. */
  const textRow = (row: number, name: string, text: string, style: CellStyle = label): void => {
    grid.set(row, 0, name, style);
    grid.fit(row, name, labelWidth);
    grid.fit(row, grid.set(row, 1, text, wrapped), textWidth);
    grid.merge(row, 1, row, last);
  };

  grid.set(0, 0, TITLE, { bold: true, size: 14 });
  grid.set(1, 0, 'Built', label);
  grid.set(1, 1, formatDateTime(builtAt));
  textRow(2, 'Reconciliation', reconciliation(summary, analysis));

  // The matrix, with borders.
  const headerTop = 4;
  const head: CellStyle = { bold: true, align: 'center', wrap: true, border: true };
  grid.set(headerTop, 0, 'Theme', { bold: true, wrap: true, border: true });
  grid.merge(headerTop, 0, headerTop + 1, 0);
  groups.forEach((g, i) => {
    const left = 1 + i * span;
    grid.set(headerTop, left, groupLabel(g), head);
    grid.merge(headerTop, left, headerTop, left + span - 1);
    [...scale, NOT_COUNTED].forEach((text, s) => {
      const status = s < scale.length ? statusOf(text) : null;
      const style = status ? { ...head, fill: status.colour, fontColour: status.textColour } : head;
      grid.fit(headerTop + 1, grid.set(headerTop + 1, left + s, text, style), groupWidths[s]);
    });
  });
  let row = headerTop + 2;

  const countRow = (name: string, of: Counted, bold: boolean): void => {
    const strong: CellStyle = bold ? { bold: true } : {};
    grid.fit(row, grid.set(row, 0, name, { ...strong, wrap: true, border: true }), labelWidth);
    const number: CellStyle = { ...strong, align: 'center', border: true };
    groups.forEach((g, i) => cellsOf(countsOf(of, g)).forEach((n, s) => grid.set(row, 1 + i * span + s, n, number)));
    row++;
  };
  const groupRow = (name: string, valueFor: (g: Group) => string | number): void => {
    grid.set(row, 0, name, { bold: true, wrap: true, border: true });
    groups.forEach((g, i) => {
      const left = 1 + i * span;
      grid.set(row, left, valueFor(g), { bold: true, align: 'center', border: true });
      grid.merge(row, left, row, left + span - 1);
    });
    row++;
  };
  for (const theme of summary.themes) countRow(`${theme.name} (${theme.actions})`, theme, false);
  countRow('Total', total, true);
  groupRow(`Actions (${total.actions})`, (g) => cellsOf(countsOf(total, g)).reduce((a, b) => a + b, 0));
  if (analysis.hasTermColumn)
    groupRow(`Carried forward (${total.carriedForward})`, (g) => `${carriedOf(total, g)} c/f`);

  // The key.
  row++;
  grid.set(row++, 0, 'Key', label);
  for (const code of scale) {
    const status = statusOf(code);
    textRow(row++, keyLabel(code), status.meaning, {
      bold: true,
      wrap: true,
      fill: status.colour,
      fontColour: status.textColour,
    });
  }
  textRow(row++, NOT_COUNTED, 'No status that can be counted: missing, not on the scale, or shown only by colour');

  row++;
  const sheetNames = analysis.themes.map((t) => t.name);
  textRow(row++, 'Built from', `${plural(sheetNames.length, 'theme sheet')}: ${sheetNames.join(', ') || 'none'}`);

  // Rows left out, one sentence a line. Not merged or wrapped: the page is wide enough for
  // each (MIN_PAGE_WIDTH), and a long list stays cheap to write.
  const lines = leftOutLines(summary, analysis);
  if (lines.length > 0) {
    row++;
    grid.set(row++, 0, 'Left out of a status or term column', { bold: true });
    for (const line of lines) grid.set(row++, 0, line);
  }

  row++;
  const marker = `${OVERVIEW_MARKER} from the theme sheets. Rebuild it after changing them; changes typed here are replaced.`;
  grid.set(row, 0, marker, { fontColour: '#505A5F', wrap: true });
  grid.fit(row, marker, labelWidth + textWidth);
  grid.merge(row, 0, row, last);

  return {
    name: analysis.settings.overviewName,
    cells: grid.cells,
    merges: grid.merges,
    columnWidths,
    rowHeights: grid.rowHeights,
    // Landscape, one page wide. The rows from the title to the matrix's header repeat on every
    // page: the title is what the SPEC asks to repeat, and a matrix that runs onto a second
    // page is unreadable without its header. That block stays small (title, build time, one
    // reconciliation sentence, the two header rows) because the unbounded texts — the sheets
    // it was built from and the list of rows left out — come after the matrix.
    print: { landscape: true, fitToWidth: true, repeatRows: { top: 0, bottom: headerTop + 1 } },
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
export function rebuildPlan(snapshot: WorkbookSnapshot, analysis: WorkbookModel, builtAt: Date): Plan {
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
    const key = leftOutRow(item);
    if (!rows.has(key)) rows.set(key, `${item.sheet} ${item.cell}`);
  }
  if (rows.size === 0) return 'none left out';
  const places = [...rows.values()];
  const shown = places.slice(0, 3).join(', ');
  const more = places.length > 3 ? ` and ${places.length - 3} more` : '';
  return `${plural(rows.size, 'row')} left out — see ${shown}${more}`;
}
