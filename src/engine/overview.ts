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
import { namesPeriod } from './periods';

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
/** The wider of the two papers' printable widths (A4's 11.69 in): printed on it, the page is scaled up the most. */
const WIDEST_PRINTABLE_POINTS = 11.69 * 72 - 2 * 0.7 * 72;
/** Text is written at Excel's default 11 pt; printed at no less than 9 pt, the page is scaled by at least this. */
export const SMALLEST_SCALE = 9 / 11;
/**
 * The share of a printed page's height the matrix plans to fill before its own page break:
 * row heights and scales are estimates, and a page that ended before the planned break would
 * continue the matrix without its header.
 */
const PAGE_FILL = 0.96;
/** Added to the title on the pages the matrix continues onto. */
const CONTINUED = ' (continued)';
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

/**
 * The largest scale a program may print columns this wide at, one page wide: Excel's own
 * arithmetic, without LibreOffice's padding (see printScale), on the wider paper. Rows take the
 * most room on the page at this scale, so the pages of the matrix are counted at it (with A4's
 * height, the shorter).
 */
export function largestPrintScale(columnWidths: number[]): number {
  const width = columnWidths.reduce((sum, w) => sum + Math.round(w * 7), 0) * 0.75;
  return Math.min(1, WIDEST_PRINTABLE_POINTS / width);
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

/** A file name in a title is cut to no less than this, where the title has no room for more. */
const SHORTEST_FILE_NAME = 12;

/** The top title line of the first theme sheet that has one above its theme's name, if any. */
function titleRowsName(analysis: WorkbookModel): string | undefined {
  for (const theme of analysis.themes) {
    const lines = titleLines(theme.layout.sheet, theme.layout.headerTop);
    const top = lines[lines.length - 1];
    if (lines.length >= 2 && top !== theme.theme) return top;
  }
  return undefined;
}

/**
 * The plan's name: the top title line of the first theme sheet that has one above its
 * theme's name (e.g. "Appendix 1: Strategic Framework - Action Plan Proforma"), else the
 * file's name without its extension, else "Action plan".
 */
export function planName(analysis: WorkbookModel, fileName?: string, maxFileName = Infinity): string {
  const titled = titleRowsName(analysis);
  if (titled !== undefined) return titled;
  const file = (fileName ?? '')
    .split(/[\\/]/)
    .pop()
    ?.replace(/\.xls[xmb]?$/i, '')
    .trim();
  if (!file) return UNNAMED_PLAN;
  const max = Math.max(SHORTEST_FILE_NAME, maxFileName);
  return file.length > max ? `${file.slice(0, max - 1)}…` : file;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The build date's quarter as quarterOf writes it: when the overview was built, not what it says. */
const QUARTER_PATTERN = 'Q[1-4] \\d{4}/\\d{2}';

/**
 * The overview's title (SPEC §4.2): the plan's name and the period, "… — overview, Q3 2026/27";
 * no second period where the plan's own title names one ("… Report, Q2 2026/27 — overview").
 * `pattern` matches every title that says the same of the workbook: the parts that say where
 * and when it was built — a file name (a partner renames the file when emailing it), the
 * build date's quarter — match whatever they were, so they never make an overview stale.
 */
export function overviewTitle(
  analysis: WorkbookModel,
  builtAt: Date,
  title: OverviewTitle = {},
  maxLength = Infinity,
): { text: string; pattern: string } {
  const fromRows = titleRowsName(analysis) !== undefined;
  // The period is the recorded baseline's label, which the board chose to name it; compared with
  // the plan's own previous period or another file (whose label is a heading or a file name), the
  // build's quarter.
  const since = analysis.movement?.since;
  const given = title.period ?? (since?.kind === 'baseline' ? since.label : undefined);
  // A file name is cut to keep the title within `maxLength`: on one line, under any file name,
  // so renaming the file never moves a page break.
  const rest = ` — overview, ${given ?? quarterOf(builtAt)}`.length;
  const name = planName(analysis, title.fileName, maxLength - rest);
  const period = namesPeriod(name) ? null : (given ?? quarterOf(builtAt));
  const text = period === null ? `${name} — overview` : `${name} — overview, ${period}`;
  if (!fromRows) return { text, pattern: '.+ — overview(?:, .+)?' };
  const periodPattern = period === null ? '' : `, ${given === undefined ? QUARTER_PATTERN : escapeRegExp(period)}`;
  return { text, pattern: `${escapeRegExp(name)} — overview${periodPattern}` };
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
  // columns narrow to their words, then the status headers turn upwards; where even that is
  // too wide (a scale of seven or eight words, every term group), the groups go in blocks, one
  // below the other, All terms first. A page narrower than MIN_PAGE_WIDTH widens the count columns.
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
  /** The widest columns that keep text legible with `across` groups side by side. */
  const columnsFor = (across: number): { labelWidth: number; groupWidths: number[]; upright: boolean } => {
    let labelWidth = natural;
    let groupWidths = [...scale.map((code) => Math.max(5, longestWord(code) + 2)), longestWord(NOT_COUNTED) + 2];
    const legible = (): boolean =>
      printScale([labelWidth, ...Array.from({ length: across }, () => groupWidths).flat()]) >= SMALLEST_SCALE;
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
    return { labelWidth, groupWidths, upright };
  };
  const fits = (across: number): boolean => {
    const c = columnsFor(across);
    return printScale([c.labelWidth, ...Array.from({ length: across }, () => c.groupWidths).flat()]) >= SMALLEST_SCALE;
  };
  // As many groups side by side as stay legible, then shared out evenly between the blocks.
  let across = groups.length;
  while (across > 1 && !fits(across)) across--;
  const blockCount = Math.ceil(groups.length / across);
  across = Math.ceil(groups.length / blockCount);
  const blocks = Array.from({ length: blockCount }, (_, b) => groups.slice(b * across, (b + 1) * across));
  const columns = columnsFor(across);
  const { labelWidth, upright } = columns;
  let { groupWidths } = columns;
  const span = groupWidths.length;
  const narrow = MIN_PAGE_WIDTH - labelWidth - across * groupWidths.reduce((a, b) => a + b, 0);
  if (narrow > 0) groupWidths = groupWidths.map((w) => w + Math.ceil(narrow / (across * span)));
  const columnWidths = [labelWidth, ...Array.from({ length: across }, () => groupWidths).flat()];
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

  // The title names the plan and the period (SPEC §4.2), across the page, wrapped.
  // The title's characters on a line (as linesOf counts them), with room for "(continued)".
  const titleRoom = Math.floor(((labelWidth + textWidth) * 11) / TITLE_POINTS) - 1 - CONTINUED.length;
  const heading = overviewTitle(analysis, builtAt, title, titleRoom);
  const titles: NonNullable<SheetContent['titles']> = [];
  const titleAt = (row: number, text: string, pattern: string): number => {
    grid.set(row, 0, text, { bold: true, size: TITLE_POINTS, wrap: true });
    grid.merge(row, 0, row, last);
    const lines = linesOf(text, ((labelWidth + textWidth) * 11) / TITLE_POINTS);
    grid.setHeight(row, lines * TITLE_LINE_POINTS);
    titles.push({ row, col: 0, pattern });
    return lines * TITLE_LINE_POINTS;
  };
  const titlePoints = titleAt(0, heading.text, heading.pattern);
  grid.set(1, 0, 'Built', label);
  grid.set(1, 1, formatDateTime(builtAt));
  textRow(2, 'Reconciliation', reconciliation(summary, analysis));

  // The matrix, with borders, in blocks of column groups. Printed, each page it continues onto
  // starts with the title and the block's header, written again after a manual page break
  // (SPEC §4.2): print titles would repeat them over the pages of lists below it too. The pages
  // are counted at the largest scale either program may print at, and a little short, so a
  // page never ends before its planned break.
  const page = (PRINTABLE_HEIGHT_POINTS / largestPrintScale(columnWidths)) * PAGE_FILL;
  const breaks: number[] = [];
  const headerTop = 4;
  let row = headerTop;
  let used = titlePoints;
  for (let r = 1; r < headerTop; r++) used += grid.heightOf(r);

  const head: CellStyle = { bold: true, align: 'center', wrap: true, border: true };
  const header = (block: Group[]): void => {
    grid.set(row, 0, 'Theme', { bold: true, wrap: true, border: true });
    grid.merge(row, 0, row + 1, 0);
    block.forEach((g, i) => {
      const left = 1 + i * span;
      grid.set(row, left, groupLabel(g), head);
      grid.merge(row, left, row, left + span - 1);
      [...scale, NOT_COUNTED].forEach((text, s) => {
        const status = s < scale.length ? statusOf(text) : null;
        const turned: CellStyle = upright ? head : { ...head, rotate: true };
        const style = status ? { ...turned, fill: status.colour, fontColour: status.textColour } : turned;
        grid.set(row + 1, left + s, text, style);
        // Turned text runs up the row, which is as tall as the longest header.
        if (upright) grid.fit(row + 1, text, groupWidths[s]);
        else grid.fit(row + 1, text, groupWidths[s], ROTATED_CHAR_POINTS);
      });
    });
    used += grid.heightOf(row) + grid.heightOf(row + 1);
    row += 2;
  };
  /** A new page: the break, then the title and the block's header again. */
  const newPage = (block: Group[]): void => {
    breaks.push(row);
    used = titleAt(row, `${heading.text}${CONTINUED}`, `${heading.pattern}${escapeRegExp(CONTINUED)}`);
    row++;
    header(block);
  };
  /** The height a matrix row takes for its label (as Grid.fit makes it). */
  const labelPoints = (name: string): number => {
    const lines = linesOf(name, labelWidth);
    return lines >= 2 ? Math.min(MAX_ROW_POINTS, lines * LINE_POINTS) : LINE_POINTS;
  };
  /** Starts a matrix row: on a new page when it (and `keep` points of rows kept with it) would not fit on this one. */
  const place = (name: string, block: Group[], keep = 0): void => {
    const points = labelPoints(name);
    if (used + points + keep > page) newPage(block);
    used += points;
  };
  const carriedLabel = `Carried forward (${total.carriedForward})`;
  const actionsLabel = `Actions (${total.actions})`;
  // The Total, Actions and c/f rows stay on the page of the last theme: never a page of totals alone.
  const footerPoints =
    labelPoints('Total') + labelPoints(actionsLabel) + (analysis.hasTermColumn ? labelPoints(carriedLabel) : 0);
  const countRow = (block: Group[], name: string, of: Counted, bold: boolean, keep = 0): void => {
    place(name, block, keep);
    const strong: CellStyle = bold ? { bold: true } : {};
    grid.fit(row, grid.set(row, 0, name, { ...strong, wrap: true, border: true }), labelWidth);
    const number: CellStyle = { ...strong, align: 'center', border: true };
    block.forEach((g, i) => cellsOf(countsOf(of, g)).forEach((n, s) => grid.set(row, 1 + i * span + s, n, number)));
    row++;
  };
  const groupRow = (block: Group[], name: string, valueFor: (g: Group) => string | number): void => {
    place(name, block);
    grid.fit(row, grid.set(row, 0, name, { bold: true, wrap: true, border: true }), labelWidth);
    block.forEach((g, i) => {
      const left = 1 + i * span;
      grid.set(row, left, valueFor(g), { bold: true, align: 'center', border: true });
      grid.merge(row, left, row, left + span - 1);
    });
    row++;
  };
  let headerPoints = 0;
  // With one theme, its row and the totals under it start the block together.
  const lastIsFirst = summary.themes.length === 1;
  blocks.forEach((block, b) => {
    if (b === 0) {
      header(block);
      headerPoints = grid.heightOf(headerTop) + grid.heightOf(headerTop + 1);
    } else if (
      used + LINE_POINTS + headerPoints + labelPoints(themeLabel(0)) + (lastIsFirst ? footerPoints : 0) >
      page
    ) {
      // A block starts on a new page rather than leave its header alone at the foot of one.
      newPage(block);
    } else {
      row++;
      used += LINE_POINTS;
      header(block);
    }
    const lastTheme = summary.themes.length - 1;
    summary.themes.forEach((theme, index) =>
      countRow(block, themeLabel(index), theme, false, index === lastTheme ? footerPoints : 0),
    );
    countRow(block, 'Total', total, true);
    groupRow(block, actionsLabel, (g) => cellsOf(countsOf(total, g)).reduce((a, b) => a + b, 0));
    if (analysis.hasTermColumn) groupRow(block, carriedLabel, (g) => `${carriedOf(total, g)} c/f`);
  });

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

  // Landscape, one page wide, with the matrix's page breaks. No print titles: they would
  // repeat on every page.
  return {
    name: analysis.settings.overviewName,
    cells: grid.cells,
    merges: grid.merges,
    columnWidths,
    rowHeights: grid.rowHeights,
    print: { landscape: true, fitToWidth: true, rowBreaks: breaks, blankRow: headerTop - 1 },
    buildTimeCell: { row: 1, col: 1 },
    titles,
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

function plannedText(cell: PlannedCell | undefined): string {
  if (!cell || cell.value === null) return '';
  return String(cell.value);
}

/**
 * Whether the overview in the workbook differs from a fresh build, the build time aside: its
 * numbers, or what moved since the baseline, no longer match the theme sheets. Its title says
 * what the fresh one says but for the file's name and the build date's quarter, which say where
 * and when it was built, not whether the numbers are right (a renamed file is not a stale
 * overview). What moved since another file (`rebuild --since FILE`) cannot be built again without
 * that file: unless this build is against the same file, that block is left out of the comparison.
 */
export function isOverviewStale(existing: SheetSnapshot, fresh: SheetContent): boolean {
  return overviewDiffers(existing, fresh, true);
}

/**
 * The comparison behind isOverviewStale, which `rebuild` makes too, so an overview `check` calls
 * up to date is one `rebuild` leaves alone. Only a rebuild knows what moved is now compared with:
 * a rebuild without `--since FILE` compares the block that file wrote (`sinceFileUnknown` false).
 */
function overviewDiffers(existing: SheetSnapshot, fresh: SheetContent, sinceFileUnknown: boolean): boolean {
  const titles = fresh.titles ?? [];
  const before = textGrid(existing);
  const after = plannedGrid(fresh);
  for (const title of titles)
    if (!new RegExp(`^(?:${title.pattern})$`).test(before[title.row]?.[title.col] ?? '')) return true;
  const old = movementBlock(before);
  if (sinceFileUnknown && old?.source.startsWith(sinceText({ kind: 'file', label: '', recorded: null }))) {
    const now = movementBlock(after);
    if (!now || now.source !== old.source) {
      // The block and the blank row after it.
      before.splice(old.top, old.end - old.top + 1);
      if (now) after.splice(now.top, now.end - now.top + 1);
    }
  }
  return gridsDiffer(before, after, [fresh.buildTimeCell, ...titles]);
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
  // Nothing to do (SPEC §6): our overview, under its name, is up to date (as `check` says it).
  if (ours && ours.name === target && edits.length === 0 && !overviewDiffers(ours, content, false))
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
