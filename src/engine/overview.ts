// The overview sheet (SPEC §4.2): built from the theme sheets in the layout of
// the quarterly report, and compared with the one in the workbook.
import type { WorkbookModel } from './model';
import { OVERVIEW_MARKER } from './overview-marker';
import { CellStyle, Edit, Plan, PlanRefusal, PlannedCell, SheetContent } from './plan';
import { ROLE_NAMES, titleLines } from './layout';
import { StatusInfo, TERMS } from './scales';
import { SETTINGS_SHEET } from './settings';
import { BASELINE_SHEET } from './baseline';
import { CellRange, SheetSnapshot, WorkbookSnapshot, displayText, formatDateTime } from './snapshot';
import { StatusCounts, Summary, TermKey, ThemeSummary, leftOutRow, summarise } from './summary';
import { countsText, setbackSentences, sinceText, totalMovement } from './movement';

/** What the title calls the plan when neither its title rows nor a file name say. */
const UNNAMED_PLAN = 'Action plan';
const NOT_COUNTED = 'Not counted';
/** The movement block's heading starts so, and its second row is labelled so (SPEC §8). */
const MOVED_HEADING = 'What moved since ';
const COMPARED_WITH = 'Compared with';
const WORSE_OR_SLIPPED = 'Worse or slipped';
/** The movement block's heading: a little larger than the text, smaller than the title. */
const MOVED_POINTS = 12;
const MOVED_LINE_POINTS = 15.75;
const ALL_TERMS = 'All terms';
export const MAX_CELL_TEXT = 32_767;
const TERM_LABEL: Record<TermKey, string> = { ...TERMS, none: 'No term' };
/** One line of Calibri 11, Excel's default row height, in points. */
const LINE_POINTS = 15;
/** The title's font size, and the height of one line of it (Excel's own for Calibri 14). */
const TITLE_POINTS = 14;
const TITLE_LINE_POINTS = 18.75;
/** Turned status headers, on one line: each character takes this many points up the row. */
const ROTATED_CHAR_POINTS = 7;
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

/*
 * The printed page (SPEC §4.2: landscape, one page wide, text at least 9 pt). The overview
 * does not choose the paper, so it is laid out for the smaller side of both papers a board
 * may print on: US Letter's width (11 in) and A4's height (8.27 in), inside Excel's normal
 * margins (0.7 in at the sides, 0.75 in at the top and bottom).
 */
const PRINTABLE_WIDTH_POINTS = 11 * 72 - 2 * 0.7 * 72;
const PRINTABLE_HEIGHT_POINTS = 8.27 * 72 - 2 * 0.75 * 72;
/** Text is written at Excel's default 11 pt; printed at no less than 9 pt, the page is scaled by at least this. */
const SMALLEST_SCALE = 9 / 11;
/**
 * The print scale that fits columns this wide on one page: a whole percentage, at most 100 %.
 * The width unit is one digit of the default font, 7 pixels (0.75 pt each) of Calibri 11; each
 * column is counted 5 pixels wider, as LibreOffice lays it out (Excel's own arithmetic leaves the
 * padding out, so Excel prints a little larger), so the estimate holds in both.
 */
export function printScale(columnWidths: number[]): number {
  const width = columnWidths.reduce((sum, w) => sum + Math.round(w * 7) + 5, 0) * 0.75;
  return Math.min(100, Math.floor((100 * PRINTABLE_WIDTH_POINTS) / width)) / 100;
}

/** "Q3 2026/27": the quarter of the UK financial year (April to March) a date falls in. */
export function quarterOf(date: Date): string {
  const month = date.getMonth();
  const quarter = month >= 3 ? Math.floor((month - 3) / 3) + 1 : 4;
  const startYear = month >= 3 ? date.getFullYear() : date.getFullYear() - 1;
  return `Q${quarter} ${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** What the overview's title says beyond the workbook's own content (SPEC §4.2). */
export interface OverviewTitle {
  /** The workbook's file name: the plan's name when its theme sheets have no title rows of their own. */
  fileName?: string;
  /** The period it reports on (a baseline's label, SPEC §8); when not given, the build date's quarter. */
  period?: string;
}

/**
 * The plan's name: the top title line of the first theme sheet that has one above its
 * theme's name (e.g. "Appendix 1: Strategic Framework - Action Plan Proforma"), else the
 * file's name without its extension, else "Action plan".
 */
export function planName(analysis: WorkbookModel, fileName?: string): string {
  for (const theme of analysis.themes) {
    const lines = titleLines(theme.layout.sheet, theme.layout.headerTop);
    const top = lines[lines.length - 1];
    if (lines.length >= 2 && top !== theme.theme) return top;
  }
  const file = (fileName ?? '')
    .split(/[\\/]/)
    .pop()
    ?.replace(/\.xls[xmb]?$/i, '')
    .trim();
  return file || UNNAMED_PLAN;
}

/**
 * Each theme's label in the matrix, unique: two themes of one name (a June and a December
 * sheet of the same theme) get their sheet names added, "Reducing Crime – Crime Jun".
 */
export function themeLabels(themes: Array<{ sheet: string; name: string }>): string[] {
  const key = (name: string): string => name.replace(/\s+/g, ' ').trim().toLowerCase();
  const uses = new Map<string, number>();
  for (const t of themes) uses.set(key(t.name), (uses.get(key(t.name)) ?? 0) + 1);
  return themes.map((t) => ((uses.get(key(t.name)) ?? 0) > 1 ? `${t.name} – ${t.sheet}` : t.name));
}

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

  /**
   * Makes the row tall enough for the text wrapped at `width`; for turned text, `perChar`
   * gives the points each character takes up the row instead.
   */
  fit(row: number, text: string | number | null, width: number, perChar?: number): void {
    const value = String(text ?? '');
    const points = perChar ? (value.length + 2) * perChar : linesOf(value, width) * LINE_POINTS;
    if (!perChar && points < 2 * LINE_POINTS) return;
    this.heights.set(row, Math.min(MAX_ROW_POINTS, Math.max(this.heights.get(row) ?? 0, points)));
  }

  /** Sets the row's height outright (a title in a larger font). */
  setHeight(row: number, points: number): void {
    this.heights.set(row, Math.min(MAX_ROW_POINTS, points));
  }

  /** The row's height in points as planned, or Excel's default. */
  heightOf(row: number): number {
    return this.heights.get(row) ?? LINE_POINTS;
  }

  get rowHeights(): Array<{ row: number; points: number }> {
    return [...this.heights].sort(([a], [b]) => a - b).map(([row, points]) => ({ row, points }));
  }
}

/**
 * Term groups shown as column groups: those with actions ("No term" only where some action
 * has none, an empty Long group left out, so the page keeps room for legible text).
 */
function termGroups(summary: Summary, hasTermColumn: boolean): TermKey[] {
  if (!hasTermColumn) return ['none'];
  const terms: TermKey[] = ['S', 'M', 'L', 'none'];
  return terms.filter((key) => {
    const counts = summary.total.terms[key];
    return (counts?.none ?? 0) + sumStatuses(summary, counts) > 0;
  });
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
  title: OverviewTitle = {},
): SheetContent {
  const grid = new Grid();
  const { scale } = summary;
  const statusOf = (code: string): StatusInfo => analysis.scale.statuses.find((s) => s.code === code) as StatusInfo;
  const total: Counted = summary.total;

  // Every row and column of the matrix adds up to its action count. Each term group has
  // its own "Not counted" column, so a theme's statuses and not-counted in a group add up
  // to its actions in that term, and the group's Total cells to its "Actions" cell; one
  // not-counted column for all terms would leave every term group short. "All terms" is
  // each theme's row across terms: its cells add up to the N in "Theme (N)". It comes
  // first, beside the theme names: the row a board reads first.
  const terms = termGroups(summary, analysis.hasTermColumn);
  const groups: Group[] = terms.length === 1 ? terms : ['all', ...terms];
  const groupLabel = (g: Group): string =>
    g === 'all' ? ALL_TERMS : analysis.hasTermColumn ? TERM_LABEL[g] : 'All actions';
  const countsOf = (of: Counted, g: Group): StatusCounts =>
    (g === 'all' ? of.rag : of.terms[g]) ?? ({ none: 0 } as StatusCounts);
  const cellsOf = (counts: StatusCounts): number[] => [...scale.map((code) => counts[code] ?? 0), counts.none];
  const carriedOf = (of: Counted, g: Group): number =>
    g === 'all' ? of.carriedForward : (of.carriedForwardByTerm[g] ?? 0);
  const names = themeLabels(summary.themes);
  const themeLabel = (index: number): string => `${names[index]} (${summary.themes[index].actions})`;

  // Columns: labels, then per group a column per status (as wide as its code's longest word;
  // the header wraps) and "Not counted". The label column takes the longest label, 16 to 40
  // wide (longer ones wrap). Printed one page wide, the text must stay at 9 pt or more: where
  // the columns are too wide for that, the label column gives way first, then the count
  // columns narrow to their words. A page narrower than MIN_PAGE_WIDTH widens the count columns.
  const keyLabel = (code: string): string => (statusOf(code).name === code ? code : `${code}: ${statusOf(code).name}`);
  const labels = [
    ...summary.themes.map((_, i) => themeLabel(i)),
    ...scale.map(keyLabel),
    ...(analysis.hasTermColumn ? [`Carried forward (${total.carriedForward})`] : []),
    'Reconciliation',
  ];
  const natural = Math.min(40, Math.max(16, ...labels.map((l) => l.length + 2)));
  // Narrower, the label column would break its own words ("Reconciliation", "Carried forward").
  const narrowest = Math.max(...['Reconciliation', 'Carried forward', NOT_COUNTED].map(longestWord)) + 2;
  let labelWidth = natural;
  let groupWidths = [...scale.map((code) => Math.max(5, longestWord(code) + 2)), longestWord(NOT_COUNTED) + 2];
  const legible = (): boolean => printScale([labelWidth, ...groups.flatMap(() => groupWidths)]) >= SMALLEST_SCALE;
  while (!legible() && labelWidth > narrowest) labelWidth--;
  if (!legible()) {
    groupWidths = [...scale.map((code) => Math.max(4, longestWord(code) + 1)), longestWord(NOT_COUNTED) + 1];
    labelWidth = natural;
    while (!legible() && labelWidth > narrowest) labelWidth--;
  }
  // Still too wide (a scale of long words, every term group): the status headers turn to read
  // upwards, so each count column is only as wide as a count, and the labels get back what fits.
  const upright = legible();
  if (!upright) {
    groupWidths = groupWidths.map(() => 4);
    labelWidth = natural;
    while (!legible() && labelWidth > narrowest) labelWidth--;
  }
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

  // The title names the plan and the period (SPEC §4.2), across the page, wrapped: the period is
  // the recorded baseline's label, which the board chose to name it; compared with the plan's own
  // previous period or another file (whose label is a heading or a file name), the build's quarter.
  const since = analysis.movement?.since;
  const period = title.period ?? (since?.kind === 'baseline' ? since.label : undefined) ?? quarterOf(builtAt);
  const heading = `${planName(analysis, title.fileName)} — overview, ${period}`;
  grid.set(0, 0, heading, { bold: true, size: TITLE_POINTS, wrap: true });
  grid.merge(0, 0, 0, last);
  grid.setHeight(0, linesOf(heading, ((labelWidth + textWidth) * 11) / TITLE_POINTS) * TITLE_LINE_POINTS);
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
      const turned: CellStyle = upright ? head : { ...head, rotate: true };
      const style = status ? { ...turned, fill: status.colour, fontColour: status.textColour } : turned;
      grid.set(headerTop + 1, left + s, text, style);
      // Turned text runs up the row, which is as tall as the longest header.
      if (upright) grid.fit(headerTop + 1, text, groupWidths[s]);
      else grid.fit(headerTop + 1, text, groupWidths[s], ROTATED_CHAR_POINTS);
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
    grid.fit(row, grid.set(row, 0, name, { bold: true, wrap: true, border: true }), labelWidth);
    groups.forEach((g, i) => {
      const left = 1 + i * span;
      grid.set(row, left, valueFor(g), { bold: true, align: 'center', border: true });
      grid.merge(row, left, row, left + span - 1);
    });
    row++;
  };
  summary.themes.forEach((theme, index) => countRow(themeLabel(index), theme, false));
  countRow('Total', total, true);
  groupRow(`Actions (${total.actions})`, (g) => cellsOf(countsOf(total, g)).reduce((a, b) => a + b, 0));
  if (analysis.hasTermColumn)
    groupRow(`Carried forward (${total.carriedForward})`, (g) => `${carriedOf(total, g)} c/f`);
  const matrixBottom = row - 1;

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

  // What moved since the baseline (SPEC §8): plain sentences, each merged across the page and wrapped.
  // The block is contiguous, with a blank row after it, so a staleness check can find it (movementBlock).
  const movement = analysis.movement;
  if (movement) {
    row++;
    const moved = `${MOVED_HEADING}${movement.since.label}`;
    grid.set(row, 0, moved, { bold: true, size: MOVED_POINTS, wrap: true });
    grid.merge(row, 0, row, last);
    grid.setHeight(row, linesOf(moved, ((labelWidth + textWidth) * 11) / MOVED_POINTS) * MOVED_LINE_POINTS);
    row++;
    textRow(row++, COMPARED_WITH, `${sinceText(movement.since)}.`);
    const labels = themeLabels(movement.themes);
    movement.themes.forEach((theme, i) => textRow(row++, labels[i], `${countsText(theme)}.`));
    if (movement.themes.length > 1) textRow(row++, 'All themes', `${countsText(totalMovement(movement))}.`);
    const setbacks = setbackSentences(movement);
    if (setbacks.length === 0) textRow(row++, WORSE_OR_SLIPPED, 'No action got worse or slipped.');
    setbacks.forEach((sentence, i) => textRow(row++, i === 0 ? WORSE_OR_SLIPPED : '', sentence, label));
  }

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

  // Landscape, one page wide. The title and the matrix's header repeat only on pages that
  // continue the matrix (SPEC §4.2): where the matrix ends on the first page, nothing
  // repeats, so the pages of lists after it never carry a header with nothing under it.
  const page = PRINTABLE_HEIGHT_POINTS / printScale(columnWidths);
  let matrixHeight = 0;
  for (let r = 0; r <= matrixBottom; r++) matrixHeight += grid.heightOf(r);
  const repeat = matrixHeight > page ? { repeatRows: { top: 0, bottom: headerTop + 1 } } : {};
  return {
    name: analysis.settings.overviewName,
    cells: grid.cells,
    merges: grid.merges,
    columnWidths,
    rowHeights: grid.rowHeights,
    print: { landscape: true, fitToWidth: true, ...repeat, blankRow: headerTop - 1 },
    buildTimeCell: { row: 1, col: 1 },
    titleCell: { row: 0, col: 0 },
  };
}

/** A sheet's cells as text, row by row. */
function textGrid(sheet: SheetSnapshot): string[][] {
  return sheet.cells.map((row) => row.map((value) => displayText(value).trim()));
}

/** A planned sheet's cells as text, as a host will write them. */
function plannedGrid(content: SheetContent): string[][] {
  return content.cells.map((row) => row.map((cell) => plannedText(cell).trim()));
}

/**
 * The rows of the "What moved since" block (SPEC §8): its heading in column A, "Compared with"
 * on the next row, down to the blank row after it; `source` says what it was compared with.
 */
function movementBlock(grid: string[][]): { top: number; end: number; source: string } | null {
  const top = grid.findIndex((row, r) => row[0]?.startsWith(MOVED_HEADING) && grid[r + 1]?.[0] === COMPARED_WITH);
  if (top < 0) return null;
  let end = top + 1;
  while (end < grid.length && grid[end].some((text) => text !== '')) end++;
  return { top, end, source: grid[top + 1].slice(1).find((text) => text !== '') ?? '' };
}

/** Whether two grids differ in any cell's text but the ones named. */
function gridsDiffer(existing: string[][], fresh: string[][], ignored: Array<{ row: number; col: number }>): boolean {
  const rows = Math.max(existing.length, fresh.length);
  for (let r = 0; r < rows; r++) {
    const cols = Math.max(existing[r]?.length ?? 0, fresh[r]?.length ?? 0);
    for (let c = 0; c < cols; c++) {
      if (ignored.some((cell) => cell.row === r && cell.col === c)) continue;
      if ((existing[r]?.[c] ?? '') !== (fresh[r]?.[c] ?? '')) return true;
    }
  }
  return false;
}

/** Whether two overviews differ in any cell's text but the ones named. */
function differs(existing: SheetSnapshot, fresh: SheetContent, ignored: Array<{ row: number; col: number }>): boolean {
  return gridsDiffer(textGrid(existing), plannedGrid(fresh), ignored);
}

function plannedText(cell: PlannedCell | undefined): string {
  if (!cell || cell.value === null) return '';
  return String(cell.value);
}

/**
 * Whether the overview in the workbook differs from a fresh build, the build time and the
 * title aside: its numbers, or what moved since the baseline, no longer match the theme sheets.
 * (The title names the file and the quarter, which say nothing about whether the numbers are
 * right.) What moved since another file (`rebuild --since FILE`) cannot be built again without
 * that file: unless this build is against the same file, that block is left out of the comparison.
 */
export function isOverviewStale(existing: SheetSnapshot, fresh: SheetContent): boolean {
  const ignored = [fresh.buildTimeCell, ...(fresh.titleCell ? [fresh.titleCell] : [])];
  const before = textGrid(existing);
  const after = plannedGrid(fresh);
  const old = movementBlock(before);
  if (old?.source.startsWith(sinceText({ kind: 'file', label: '', recorded: null }))) {
    const now = movementBlock(after);
    if (!now || now.source !== old.source) {
      // The block and the blank row after it.
      before.splice(old.top, old.end - old.top + 1);
      if (now) after.splice(now.top, now.end - now.top + 1);
    }
  }
  return gridsDiffer(before, after, ignored);
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
export function rebuildPlan(
  snapshot: WorkbookSnapshot,
  analysis: WorkbookModel,
  builtAt: Date,
  title: OverviewTitle = {},
): Plan {
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
    BASELINE_SHEET.toLowerCase(),
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
  const content = { ...buildOverview(analysis, builtAt, summary, title), name: target };
  // Nothing to do (SPEC §6): our overview, under its name, already says all this, title included.
  if (ours && ours.name === target && edits.length === 0 && !differs(ours, content, [content.buildTimeCell]))
    return { description: 'The overview is up to date: nothing to rebuild.', edits: [] };
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
