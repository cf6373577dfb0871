// Recognising the proforma on a sheet (SPEC §2.1–2.3): header row, columns by
// role, theme name, and which rows are actions and which groups they belong to.
import { headingText, periodKey, readPeriod } from './periods';
import { readRef, readRefList } from './refs';
import { CellValue, EMPTY, SheetSnapshot, address, cellAt, isEmpty } from './snapshot';

export type Role = 'ref' | 'priority' | 'actions' | 'lead' | 'outcome' | 'term' | 'rag' | 'evidence' | 'due' | 'target';

export const ROLE_NAMES: Record<Role, string> = {
  ref: 'Ref',
  priority: 'Priority',
  actions: 'Actions',
  lead: 'Lead',
  outcome: 'Outcome / impact measure',
  term: 'Term (S M L)',
  rag: 'RAG',
  evidence: 'Evidence / progress update',
  due: 'By when',
  target: 'Target',
};

/**
 * Header wording per role, in the order of SPEC §2.2's table (that order breaks
 * ties). The SPEC's lists first, then wording from published plans: NHS trust
 * board action logs ("Action owner", "Date due", "Update"), a safeguarding
 * board's review update ("Recommendation", "Progress", "Timescale") and council
 * delivery plans ("Lead officer", "Commentary", "Milestones", "Current status").
 */
export const SYNONYMS: Record<Role, string[]> = {
  ref: [
    'Ref',
    'Ref.',
    'Reference',
    'No',
    'No.',
    'Ref No',
    'Number',
    'Action No',
    'Action Ref',
    'Action Number',
    'Rec No',
    'Recommendation No',
    'Item No',
    'Action Log Ref',
    'Recommendation Number',
    'Recommendation Ref',
    'Deliverable Ref',
    'Priority No',
    'Priority Ref',
    'Objective Ref',
    // A performance system's export (Pentana, Covalent): "Code | Action | Assigned to | Status | Note".
    'Code',
  ],
  priority: [
    'Priority',
    'Key Deliverable',
    'Deliverable',
    'Objective',
    'Key Deliverables',
    'Strategic Priority',
    'Priority Area',
    'Recommendation',
    'Recommendations',
    'Commitment',
    'Goal',
    'Aim',
    'Workstream',
  ],
  actions: [
    'Actions',
    'Action',
    'Key Actions',
    'Priority Actions',
    'Supporting Actions',
    'Action Required',
    'Actions Required',
    'Action to be taken',
    'Actions to be taken',
    'Agreed Action',
    'Action Description',
    'Milestones',
    'Key Milestones',
    'Milestone',
    'Activity',
    'Activities',
    'Task',
    'Tasks',
    'What we will do',
  ],
  lead: [
    'Responsible Partner / Lead',
    'Responsible Partner',
    'Lead',
    'Lead Partner',
    'Owner',
    'Lead Agency',
    'Responsible Lead',
    'Action Owner',
    'Action Lead',
    'Lead Officer',
    'Lead Officers',
    'Lead Officer(s)',
    'Responsible Officer',
    'Responsible',
    'Responsibility',
    'Accountable Lead',
    'Executive Lead',
    'Lead Director',
    'By whom',
    'Action by',
    'Who',
    'Workstream Lead',
    'Priority Lead',
    'Priority Owner',
    'Deliverable Lead',
    'Deliverable Owner',
    'Recommendation Lead',
    'Recommendation Owner',
    'Milestone Lead',
    'Milestone Owner',
    'Objective Lead',
    'Objective Owner',
    'Outcome Lead',
    'Theme Lead',
    'Project Lead',
    'Assigned to',
    'Assignee',
    'Managed by',
  ],
  outcome: [
    'Outcome / impact measure',
    'Outcome measure',
    'Impact measure',
    'Performance measure(s)',
    'Performance measure',
    'Performance measures',
    'Measure',
    'Outcome',
    'Outcomes',
    'Expected Outcome',
    'Intended Outcome',
    'Success Measure',
    'Success Measures',
    'Measure of Success',
    'Measures of Success',
    'Success Criteria',
    'KPI',
  ],
  term: ['S M L', 'Term', 'Timescale', 'Timescales', 'Timeframe', 'Time frame', 'Short / Medium / Long term'],
  rag: [
    'RAG',
    'R A G',
    'RAG Status',
    'Status',
    'RAG rating',
    'Current Status',
    'Overall RAG',
    'Delivery Status',
    'BRAG',
    'Progress RAG',
    'Action Status',
    'Action RAG',
    'Milestone RAG',
    'Milestone Status',
    'Activity Status',
    'Activity RAG',
    'Outcome RAG',
    'Impact RAG',
    'Progress Status',
    'Priority RAG',
    'Priority Status',
    'Deliverable RAG',
    'Deliverable Status',
    'Objective RAG',
    'Objective Status',
    'Recommendation RAG',
    'Recommendation Status',
  ],
  evidence: [
    'Evidence / Progress update',
    'Progress update',
    'Evidence',
    'Update',
    'Comments',
    'Progress',
    'Latest update',
    'Status update',
    'Update on progress',
    'Progress to date',
    'Progress commentary',
    'Commentary',
    'Narrative',
    'Notes',
    'Note',
    'Latest note',
    'Current position',
    'Position statement',
    'Evidence of progress',
    'Action update',
  ],
  due: [
    'By When',
    'Due',
    'Due date',
    'Target date',
    'Deadline',
    'Date due',
    'Completion date',
    'Target completion date',
    'Expected completion date',
    'Revised date',
    'When',
    'Milestone date',
    'Milestone due date',
    'Action by date',
    'Action due date',
  ],
  target: ['Target'],
};

/**
 * Headings that name no role although they contain a synonym: the date an
 * action was raised is not the action, a risk's mitigation is not an action of
 * the plan. They stop containment, and a mapping still overrides them.
 */
const NOT_ROLES = [
  'Date raised',
  'Date action raised',
  'Date opened',
  'Date closed',
  'Date completed',
  'Date of update',
  'Update date',
  'Date updated',
  'Last updated',
  'Mitigating actions',
  'Mitigation actions',
  'Mitigation',
  'Mitigations',
  'Risk ID',
  'Risk rating',
];

/**
 * Header matching ignores case, punctuation, white space and line breaks. "#" is the one sign
 * that is a word: it means number, as "No" does ("#", "Ref #", "Action #").
 */
export function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/#/g, 'no')
    .replace(/[^a-z0-9]/g, '');
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/#/g, ' no ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Too common inside longer headers to mean their role there ("Yes/No", "Phone number"): exact matches only. */
const EXACT_ONLY = new Set(['no', 'id', 'number', 'who', 'when', 'aim', 'goal', 'task', 'code']);

/**
 * Headings that name their role only in a plan's header and only where no other heading of the
 * row does: "Code" is a ref in a performance system's export ("Code | Action | Assigned to |
 * Status"), but a glossary's or a legend's first column elsewhere, and a plan with both "Code"
 * and "Ref" has its refs under "Ref"; "#" beside a "Ref" column counts rows.
 */
function isWeakHeading(text: string): boolean {
  return headerKey(text) === 'code' || text.trim() === '#';
}

/** Longer than a header: a sentence of notes that happens to hold "status" or "lead" is not a heading. */
const MAX_HEADER_LENGTH = 60;

/** The roles every theme sheet is read with, its actions and their statuses: its columns' type says they are there. */
export const CORE_ROLES = ['actions', 'rag'] as const satisfies readonly Role[];
export type CoreRole = (typeof CORE_ROLES)[number];

/**
 * The roles a proforma sheet cannot be read without (SPEC §2.2): column-missing names any that is absent.
 * A ref column is not one: a sheet without it is read, and gets ref-column-missing.
 */
export const REQUIRED_ROLES: readonly Role[] = CORE_ROLES;

/** The roles in the order of SPEC §2.2's table. */
export const ROLE_ORDER = Object.keys(SYNONYMS) as Role[];

const ROLE_BY_KEY: Map<string, Role> = new Map(
  (Object.entries(SYNONYMS) as Array<[Role, string[]]>).flatMap(([role, names]) =>
    names.map((name) => [headerKey(name), role] as [string, Role]),
  ),
);

const NOT_A_ROLE = new Set(NOT_ROLES.map(headerKey));

/** Synonyms as word lists for whole-word containment, longest first (then by the table's role order). */
const CONTAINED: Array<{ words: string[]; role: Role }> = (Object.entries(SYNONYMS) as Array<[Role, string[]]>)
  .flatMap(([role, names]) =>
    names.filter((name) => !EXACT_ONLY.has(headerKey(name))).map((name) => ({ words: wordsOf(name), role })),
  )
  .sort(
    (a, b) =>
      b.words.join('').length - a.words.join('').length || ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role),
  );

function containsWords(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** A board's own header → role mappings (settings `column:<header>`), keyed by headerKey. */
export type ColumnMappings = ReadonlyMap<string, Role>;

export const NO_MAPPINGS: ColumnMappings = new Map();

/**
 * The role a header cell names (SPEC §2.2): the board's mapping, else a synonym
 * exactly, else the longest synonym it contains as whole words ("Overall RAG",
 * "Lead officer(s)", "Latest update").
 */
export function roleOfHeader(text: string, mappings: ColumnMappings = NO_MAPPINGS): Role | undefined {
  const key = headerKey(text);
  if (key === '') return undefined;
  const mapped = mappings.get(key);
  if (mapped) return mapped;
  const exact = ROLE_BY_KEY.get(key);
  if (exact) return exact;
  if (NOT_A_ROLE.has(key)) return undefined;
  if (text.length > MAX_HEADER_LENGTH) return undefined;
  const words = wordsOf(text);
  return CONTAINED.find((synonym) => containsWords(words, synonym.words))?.role;
}

export const HEADER_SEARCH_ROWS = 30;
const MIN_ROLES_FOR_HEADER = 3;

/** Columns by role, as recognised on a header row: any role may be absent. */
export type Columns = Partial<Record<Role, number>>;

/** A theme sheet's columns: the core roles always, every other role (ref too) where the sheet has it. */
export type PlanColumns = Columns & Record<CoreRole, number>;
/** A heading of the header. A two-row header's sub-heading is read with its group heading ("RAG status Q1"). */
export interface HeaderCell {
  col: number;
  /** The row of the cell that holds it: a two-row header's upper row for a heading that spans both rows. */
  row: number;
  text: string;
  /** A two-row header's sub-heading alone ("Q1"): a board's mapping may name it so. */
  sub?: string;
}

/** A status column: the sheet's one status column, or one period of its status history (SPEC §2.2). */
export interface StatusColumn {
  col: number;
  /** Its heading, which labels the period ("Q3 2009/10", "RAG status Q1"). */
  label: string;
  /** Its heading names a reporting period. */
  period: boolean;
  /**
   * The column of this period's own progress update, where the sheet keeps one per period
   * ("Q1 RAG | Q1 Update | Q2 RAG | Q2 Update"): an evidence heading naming the same period.
   */
  update?: number;
}

/** A header as read: its rows, its headings, its columns by role and its status columns. */
export interface Header {
  /** The header's first row; `row` is its last (the same row unless it is a two-row header). */
  top: number;
  row: number;
  /** Its headings, in column order. */
  cells: HeaderCell[];
  /** Columns by role; `rag` is the first status column. */
  columns: Columns;
  /** The status column, or the periods of a status history, in column order. */
  status: StatusColumn[];
  /**
   * Period headings with no status heading over or beside them and no mapping ("Q1 | Q2 | Q3"):
   * they count toward a header row, but whether they hold statuses only the board can say.
   */
  loosePeriods: HeaderCell[];
}

/** Loose period headings count as a status heading when there are several: one month's name in a row is data. */
const MIN_LOOSE_PERIODS = 2;

/** The roles a header names; loose period headings count as the status heading (SPEC §2.2). */
function roleCount(header: Header): number {
  const roles = Object.keys(header.columns).length;
  return header.columns.rag === undefined && header.loosePeriods.length >= MIN_LOOSE_PERIODS ? roles + 1 : roles;
}

/**
 * Reads headings into columns (SPEC §2.2). Statuses: every heading mapped to rag,
 * every period heading that names a status word, and the first other status heading
 * unless the board mapped one; period headings beside those join them as the status
 * history. Every other role: mapped headings first, then the leftmost heading that
 * names it; one heading has one role.
 */
function readHeader(top: number, row: number, cells: HeaderCell[], mappings: ColumnMappings): Header {
  const read = cells.map((cell) => {
    const mapped =
      mappings.get(headerKey(cell.text)) ?? (cell.sub === undefined ? undefined : mappings.get(headerKey(cell.sub)));
    return { cell, mapped, period: readPeriod(cell.text), recognised: mapped ? undefined : roleOfHeader(cell.text) };
  });
  const status = new Map<number, StatusColumn>();
  const add = (cell: HeaderCell, period: boolean): void => {
    status.set(cell.col, { col: cell.col, label: cell.text.replace(/\s+/g, ' '), period });
  };
  for (const h of read) {
    if (h.mapped === 'rag') add(h.cell, h.period !== undefined);
    else if (!h.mapped && h.period && (h.period.statusWord || h.recognised === 'rag')) add(h.cell, true);
  }
  if (!read.some((h) => h.mapped === 'rag')) {
    const plain = read.find((h) => !h.mapped && !h.period && h.recognised === 'rag');
    if (plain) add(plain.cell, false);
  }
  // Plain period headings beside a status column (a run of them) are its history.
  const plainPeriods = read.filter((h) => !h.mapped && h.period && h.recognised === undefined).map((h) => h.cell);
  for (let grew = status.size > 0; grew;) {
    grew = false;
    for (const cell of plainPeriods)
      if (!status.has(cell.col) && (status.has(cell.col - 1) || status.has(cell.col + 1))) {
        add(cell, true);
        grew = true;
      }
  }
  const ordered = [...status.values()].sort((a, b) => a.col - b.col);
  const updates = periodUpdates(
    ordered,
    read.filter((h) => !status.has(h.cell.col) && (h.mapped ?? h.recognised) === 'evidence').map((h) => h.cell),
  );
  const columns: Columns = {};
  for (const pass of ['mapped', 'recognised', 'weak'] as const)
    for (const h of read) {
      const weak = !h.mapped && isWeakHeading(h.cell.text);
      if ((pass === 'weak') !== weak) continue;
      const role = pass === 'mapped' ? h.mapped : h.recognised;
      if (!role || role === 'rag' || status.has(h.cell.col) || updates.has(h.cell.col) || columns[role] !== undefined)
        continue;
      // A weak heading is read only beside a plan's own headings: actions or a status.
      if (weak && columns.actions === undefined && status.size === 0) continue;
      columns[role] = h.cell.col;
    }
  if (ordered.length > 0) columns.rag = ordered[0].col;
  return {
    top,
    row,
    cells,
    columns,
    status: ordered,
    loosePeriods: plainPeriods.filter((cell) => !status.has(cell.col)),
  };
}

/**
 * Pairs each period of a status history with its own progress update (SPEC §2.2, §3): an
 * evidence heading naming the same period ("Q2 Update" with "Q2 RAG"), where at least two
 * periods have one; a single dated update ("Q3 update" beside Q1–Q3 statuses) stays the
 * sheet's one evidence column, as before. Sets each paired status column's `update`; returns
 * the paired columns, which are no longer candidates for the sheet's one evidence column.
 */
function periodUpdates(status: StatusColumn[], evidence: HeaderCell[]): Set<number> {
  const paired = new Set<number>();
  if (status.filter((s) => s.period).length < 2) return paired;
  const byKey = new Map<string, HeaderCell[]>();
  for (const cell of evidence) {
    const key = periodKey(cell.text);
    if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), cell]);
  }
  const pairs: Array<[StatusColumn, HeaderCell]> = [];
  for (const column of status) {
    const key = column.period ? periodKey(column.label) : undefined;
    const cells = key === undefined ? undefined : byKey.get(key);
    // One update heading per period: two of one period say nothing about which is current.
    if (cells?.length === 1 && status.filter((s) => s.period && periodKey(s.label) === key).length === 1)
      pairs.push([column, cells[0]]);
  }
  if (pairs.length < 2) return paired;
  for (const [column, cell] of pairs) {
    column.update = cell.col;
    paired.add(cell.col);
  }
  return paired;
}

/** A one-row header's headings: the row's texts (and dates, as the months they name). */
function oneRowCells(sheet: SheetSnapshot, row: number): HeaderCell[] {
  const cells: HeaderCell[] = [];
  (sheet.cells[row] ?? []).forEach((value, col) => {
    const text = headingText(value);
    if (text !== '') cells.push({ col, row, text });
  });
  return cells;
}

/** A sub-heading is short: longer text under a heading is a row of data. */
const SUB_HEADING_LENGTH = 40;

/**
 * A two-row header's headings (SPEC §2.2), if rows `top` and `top + 1` make one: a
 * heading spread across several columns above a row of sub-headings ("RAG status"
 * over "Q1 | Q2 | Q3 | Q4", "Update" over "Date | Commentary"), each sub-heading read
 * with its group heading. The spread is a merge where the read has merges, else the
 * shape a merge leaves: the heading, then empty cells, above sub-headings (Excel's
 * check reads no merges: getMergedAreasOrNullObject clears the user's undo history,
 * office-js#5918). Elsewhere in the lower row a heading may stand only under an empty
 * cell (the upper row's headings usually run down both rows as merges); text under a
 * heading outside a group, a number, or long text is a row of data, not sub-headings.
 */
function twoRowCells(sheet: SheetSnapshot, top: number, mappings: ColumnMappings): HeaderCell[] | undefined {
  const lower = top + 1;
  if (lower >= sheet.cells.length) return undefined;
  const upperCols = nonEmptyColumns(sheet, top);
  // A title row (one text, perhaps merged across the table) is not a group heading.
  if (upperCols.length < 2) return undefined;
  const width = Math.max(sheet.cells[top]?.length ?? 0, sheet.cells[lower]?.length ?? 0);
  const filledBelow = (col: number): boolean => !isEmpty(cellAt(sheet, lower, col));
  const groups: Array<{ left: number; right: number; text: string }> = [];
  for (const col of upperCols) {
    const text = headingText(cellAt(sheet, top, col));
    const namesSomething =
      mappings.has(headerKey(text)) || roleOfHeader(text) !== undefined || readPeriod(text) !== undefined;
    if (text === '' || !namesSomething) continue;
    const merge = sheet.merges.find((m) => m.top === top && m.bottom === top && m.left === col && m.right > col);
    let right = col;
    if (merge) right = merge.right;
    else if (filledBelow(col)) {
      // Without a merge, a group over periods runs over periods only: a heading beside them stands alone.
      const overPeriods = readPeriod(headingText(cellAt(sheet, lower, col))) !== undefined;
      while (
        right + 1 < width &&
        isEmpty(cellAt(sheet, top, right + 1)) &&
        filledBelow(right + 1) &&
        (!overPeriods || readPeriod(headingText(cellAt(sheet, lower, right + 1))) !== undefined)
      )
        right++;
    }
    let subs = 0;
    for (let c = col; c <= right; c++) if (filledBelow(c)) subs++;
    if (subs >= 2) groups.push({ left: col, right, text });
  }
  if (groups.length === 0) return undefined;

  const cells: HeaderCell[] = [];
  for (let col = 0; col < width; col++) {
    const group = groups.find((g) => col >= g.left && col <= g.right);
    const below = cellAt(sheet, lower, col);
    if (!isEmpty(below)) {
      const sub = headingText(below);
      if ((below.kind !== 'text' && below.kind !== 'date') || sub.length > SUB_HEADING_LENGTH) return undefined;
      if (group) cells.push({ col, row: lower, text: `${group.text} ${sub}`, sub });
      else if (isEmpty(cellAt(sheet, top, col))) cells.push({ col, row: lower, text: sub });
      else return undefined;
    } else if (!group || col === group.left) {
      const text = headingText(cellAt(sheet, top, col));
      if (text !== '') cells.push({ col, row: top, text });
    }
  }
  return cells;
}

/**
 * The header (SPEC §2.2): the first row within the first 30 that names at least
 * three roles, read with the row below it where the two make a two-row header
 * (even when the upper row alone names three roles).
 */
export function findHeader(sheet: SheetSnapshot, mappings: ColumnMappings = NO_MAPPINGS): Header | undefined {
  const limit = Math.min(sheet.cells.length, HEADER_SEARCH_ROWS);
  for (let row = 0; row < limit; row++) {
    const twoRows = twoRowCells(sheet, row, mappings);
    if (twoRows) {
      const header = readHeader(row, row + 1, twoRows, mappings);
      if (roleCount(header) >= MIN_ROLES_FOR_HEADER) return header;
    }
    const header = readHeader(row, row, oneRowCells(sheet, row), mappings);
    if (roleCount(header) >= MIN_ROLES_FOR_HEADER) return header;
  }
  return undefined;
}

/** The header row and its columns by role (see findHeader). */
export function findHeaderRow(
  sheet: SheetSnapshot,
  mappings: ColumnMappings = NO_MAPPINGS,
): { row: number; columns: Columns } | undefined {
  const header = findHeader(sheet, mappings);
  return header && { row: header.row, columns: header.columns };
}

export interface ActionRow {
  row: number;
  /** Index of the group (priority) this row belongs to within the sheet. */
  group: number;
}

export interface Group {
  /** Row that starts the group (holds the ref, if any). */
  row: number;
  ref: CellValue;
  priority: string;
}

export interface SheetLayout<C extends Columns = Columns> {
  sheet: SheetSnapshot;
  /** The header's last row: data starts below it. */
  headerRow: number;
  /** The header's first row: headerRow, or the row above it for a two-row header. */
  headerTop: number;
  /** The header's first heading, where column-missing and ref-column-missing are reported (e.g. "A3"). */
  headerCell: string;
  /** The header's headings, in column order (a two-row header's sub-headings read with their group heading). */
  headings: HeaderCell[];
  columns: C;
  /** The status column, or every period column of a status history, in column order (empty without a status). */
  status: StatusColumn[];
  /** First and last column of the table, from the header. */
  firstCol: number;
  lastCol: number;
  theme: string;
  actions: ActionRow[];
  /** Priority groups, including any that start on a row without an action (a ref or deliverable alone). */
  groups: Group[];
}

/** The layout of a sheet that has the core columns: a theme sheet's. */
export type PlanLayout = SheetLayout<PlanColumns>;

/** Whether the layout has the core columns, as a theme sheet's must. */
export function isPlanLayout(layout: SheetLayout): layout is PlanLayout {
  return CORE_ROLES.every((role) => layout.columns[role] !== undefined);
}

/**
 * A sheet with a header row is a proforma (perhaps missing a column); one whose only
 * status headings are loose periods is a table Proforma cannot read without a mapping.
 */
export type Recognition = { kind: 'proforma'; layout: SheetLayout } | { kind: 'not-proforma'; table?: TableLike };

function textOf(value: CellValue): string {
  return value.kind === 'text' ? value.text.trim() : '';
}

/** Longer than a title: a sentence of notes above the table (SPEC §2.1). */
const MAX_TITLE_LENGTH = 100;

/** Lines that say when or by whom the sheet was written, not what it is about (SPEC §2.1). */
const NOT_A_TITLE = /^(last\s+updated|updated|version|date|publication\s+date|prepared\s+by)\b/i;

/**
 * Words a key or legend uses for statuses, from the built-in scales and the words
 * boards write instead: a row of captions starting with them ("OFF TRACK – not
 * started", "AT RISK …") explains the colours, it does not name the theme.
 */
const STATUS_WORDS = [
  'r',
  'a',
  'g',
  'b',
  'w',
  'red',
  'amber',
  'green',
  'blue',
  'grey',
  'gray',
  'off track',
  'at risk',
  'on track',
  'complete',
  'completed',
  'not started',
  'in progress',
  'delayed',
  'on hold',
  'withdrawn',
  'superseded',
];
const STATUS_CAPTION = new RegExp(
  `^(${STATUS_WORDS.map((w) => w.replace(/ /g, '[\\s-]*')).join('|')})(?![a-z0-9])`,
  'i',
);
const KEY_CAPTION = /^(key|legend|rag\s+(key|rating|status)s?)\b/i;

const MONTHS =
  'jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?';
/** One piece of a date or date range: a month, a day or year, a quarter, a connecting word. */
const DATE_PIECE = new RegExp(`^(${MONTHS}|\\d{1,4}(st|nd|rd|th)?|q[1-4]|quarter|fy|to|until|and|from)$`, 'i');

/** "June 2026", "31/03/2026", "2025-27", "April 2026 – March 2027", "Q2 2026/27": a date or range alone. */
export function isDateLine(text: string): boolean {
  const pieces = text
    .trim()
    .split(/[\s\-–—/.,:()]+/)
    .filter(Boolean);
  return pieces.length > 0 && pieces.some((p) => /\d/.test(p)) && pieces.every((p) => DATE_PIECE.test(p));
}

/**
 * A key or legend row (SPEC §2.1): a caption beginning "Key" (or "Legend"), status words
 * or codes starting several cells, or one cell naming three statuses ("Red = not started,
 * Amber = …, Green = …").
 */
function isKeyRow(texts: string[]): boolean {
  if (texts.some((t) => KEY_CAPTION.test(t))) return true;
  if (texts.filter((t) => STATUS_CAPTION.test(t)).length >= 2) return true;
  return texts.some((t) => {
    const named = new Set(
      (t.toLowerCase().match(/\b(red|amber|green|blue|off track|at risk|on track|complete)\b/g) ?? []).map((w) => w),
    );
    return named.size >= 3;
  });
}

/** Whether a line above the header can be a title: not a date line, a "Last updated …" line, or a paragraph. */
export function isTitleText(text: string): boolean {
  const line = text.replace(/\s+/g, ' ').trim();
  return line !== '' && line.length <= MAX_TITLE_LENGTH && !NOT_A_TITLE.test(line) && !isDateLine(line);
}

/**
 * The title lines above a header row, nearest the header first: each row's first text,
 * white space made single, leaving out key and legend rows and lines that are not titles
 * (SPEC §2.1).
 */
export function titleLines(sheet: SheetSnapshot, headerTop: number): string[] {
  const lines: string[] = [];
  for (let row = headerTop - 1; row >= 0; row--) {
    const texts = (sheet.cells[row] ?? []).map(textOf).filter((t) => t !== '');
    if (texts.length === 0 || isKeyRow(texts)) continue;
    if (isTitleText(texts[0])) lines.push(texts[0].replace(/\s+/g, ' '));
  }
  return lines;
}

/** The theme a sheet is about: its nearest title line, else the sheet's name. */
function themeName(sheet: SheetSnapshot, headerTop: number): string {
  return titleLines(sheet, headerTop)[0] ?? sheet.name;
}

function nonEmptyColumns(sheet: SheetSnapshot, row: number): number[] {
  const cols: number[] = [];
  (sheet.cells[row] ?? []).forEach((value, col) => {
    if (!isEmpty(value)) cols.push(col);
  });
  return cols;
}

/** A header row's own texts, as header keys, and whether each is the ref or a status column. */
type OwnHeadings = Array<{ col: number; key: string; anchor: boolean }>;

/**
 * A page-break repeat of the header: one header row's own texts again in at least
 * three of its columns, one of them the ref or a status column. Cells that merely
 * hold role words ("Lead", "Evidence") are data, never a header.
 */
function isRepeatedHeader(sheet: SheetSnapshot, row: number, headerRows: OwnHeadings[]): boolean {
  return headerRows.some((headings) => {
    const matches = (heading: { col: number; key: string }): boolean => {
      const value = cellAt(sheet, row, heading.col);
      return value.kind === 'text' && headerKey(value.text) === heading.key;
    };
    // An anchor must repeat its heading: checked first, it rules out almost every data row cheaply.
    if (!headings.some((h) => h.anchor && matches(h))) return false;
    return headings.filter(matches).length >= MIN_ROLES_FOR_HEADER;
  });
}

/** Each header row's own texts (computed once per sheet). */
function ownHeadingsOf(sheet: SheetSnapshot, header: Header): OwnHeadings[] {
  const anchors = new Set([
    ...header.status.map((s) => s.col),
    ...(header.columns.ref === undefined ? [] : [header.columns.ref]),
  ]);
  const rows = header.top === header.row ? [header.row] : [header.top, header.row];
  return rows.map((row) =>
    (sheet.cells[row] ?? [])
      .map((value, col) => ({ col, key: headerKey(textOf(value)), anchor: anchors.has(col) }))
      .filter((h) => h.key !== ''),
  );
}

/** Recognises the proforma on a sheet; the sheet's merges must already be blanked. */
export function recogniseSheet(sheet: SheetSnapshot, mappings: ColumnMappings = NO_MAPPINGS): Recognition {
  const header = findHeader(sheet, mappings);
  if (!header) return { kind: 'not-proforma' };
  if (header.status.length === 0 && header.loosePeriods.length >= MIN_LOOSE_PERIODS)
    return { kind: 'not-proforma', table: tableOf(header) };
  const { row: headerRow, columns } = header;
  const headerCols = [...new Set([...nonEmptyColumns(sheet, header.top), ...nonEmptyColumns(sheet, headerRow)])].sort(
    (a, b) => a - b,
  );
  const firstCol = headerCols[0] ?? 0;
  const lastCol = headerCols[headerCols.length - 1] ?? 0;
  const first = header.cells[0];

  const actions: ActionRow[] = [];
  const groups: Group[] = [];
  const statusCols = header.status.map((s) => s.col);
  const valueOf = (row: number, role: Role): CellValue => {
    const col = columns[role];
    return col === undefined ? EMPTY : cellAt(sheet, row, col);
  };

  const ownHeadings = ownHeadingsOf(sheet, header);
  for (let row = headerRow + 1; row < sheet.cells.length; row++) {
    const filled = nonEmptyColumns(sheet, row);
    if (filled.length === 0) continue;
    if (isRepeatedHeader(sheet, row, ownHeadings)) continue;

    const ref = valueOf(row, 'ref');
    const priority = textOf(valueOf(row, 'priority'));
    const isAction =
      textOf(valueOf(row, 'actions')) !== '' || statusCols.some((col) => !isEmpty(cellAt(sheet, row, col)));

    if (filled.length === 1 && isGroupRow(sheet, row, filled[0], columns, isAction)) continue;

    const previous = groups[groups.length - 1];
    // A repeated priority text (filled down by hand instead of merged) continues its group.
    const startsGroup =
      !isEmpty(ref) || (priority !== '' && (previous === undefined || previous.priority !== priority));
    if (startsGroup) groups.push({ row, ref, priority });
    else if (isAction && groups.length === 0) groups.push({ row, ref, priority });
    if (isAction) actions.push({ row, group: groups.length - 1 });
  }

  return {
    kind: 'proforma',
    layout: {
      sheet,
      headerRow,
      headerTop: header.top,
      headerCell: first ? address(first.row, first.col) : address(headerRow, firstCol),
      headings: header.cells,
      columns,
      status: header.status,
      firstCol,
      lastCol,
      theme: themeName(sheet, header.top),
      actions,
      groups,
    },
  };
}

/** A ref alone on its row starts its group; these are titles: words, months, dates. */
function isRefLike(value: CellValue): boolean {
  if (value.kind === 'number') return true;
  if (value.kind !== 'text') return false;
  const text = value.text.trim();
  if (readPeriod(text) !== undefined) return false;
  // Several refs listed in one cell ("01 & 02", "PE1, PE2"): still refs (SPEC §2.4).
  if (readRefList(value) !== null) return true;
  // "Section 2", "PARKING AND TRANSPORT": words, not a prefix and a number ("PE 3").
  if (/\s/.test(text) && (text.length > 12 || /[a-z]{4,}/i.test(text))) return false;
  const reading = readRef(value);
  return reading.shape !== 'other' || reading.code !== null;
}

/** A lone value in the actions or a status column is an action unless plainly a title. */
const WIDE_MERGE = 3;

/**
 * A section title typed in capitals, as boards head a part of the table ("HOUSING AND
 * HOMELESSNESS", "HOUSING"): no lower-case letter, and a word of four or more letters,
 * so an acronym ("ASB", "DV") or a code is not one. An action is written as a sentence.
 */
function isCapitalsTitle(text: string): boolean {
  const line = text.trim();
  return line.length <= MAX_TITLE_LENGTH && !/\p{Ll}/u.test(line) && /(?:^|[^\p{L}])\p{Lu}{4,}(?![\p{L}])/u.test(line);
}

/**
 * A group row (SPEC §2.3): a row whose only value is one cell, or one merge, is a title
 * ("May 2012", "PARKING AND TRANSPORT", a banner between two tables), wherever it
 * stands, with two exceptions: a ref alone in the ref column starts its group, and a
 * lone action text or status is an action (a row must never vanish from the counts)
 * unless it is a period or a date, a merge across the table says it is a title, or it
 * is action text written as a title in capitals (isCapitalsTitle).
 */
function isGroupRow(sheet: SheetSnapshot, row: number, col: number, columns: Columns, isAction: boolean): boolean {
  const value = cellAt(sheet, row, col);
  const merge = sheet.merges.find((m) => m.top === row && m.left === col);
  const wide = merge !== undefined && merge.right - merge.left + 1 >= WIDE_MERGE;
  if (isAction) {
    if (wide || value.kind === 'date') return true;
    if (value.kind !== 'text') return false;
    return readPeriod(value.text) !== undefined || (col === columns.actions && isCapitalsTitle(value.text));
  }
  if (col === columns.ref) return wide || !isRefLike(value);
  return true;
}

/** A table that was not recognised as a proforma (SPEC §2.2): where it is and what was found in its header. */
export interface TableLike {
  row: number;
  /** The header row's first filled column. */
  firstCol: number;
  /** Roles the row's headers were recognised as. */
  columns: Columns;
  /** The header row's texts, in column order. */
  headers: Array<{ col: number; text: string }>;
  /** Period headings with no status heading over or beside them ("Q1", "Q2"): statuses, perhaps, once mapped. */
  periods: string[];
}

function tableOf(header: Header): TableLike {
  return {
    row: header.cells[0]?.row ?? header.row,
    firstCol: header.cells[0]?.col ?? 0,
    columns: header.columns,
    headers: header.cells.map(({ col, text }) => ({ col, text })),
    periods: header.loosePeriods.map((cell) => cell.text),
  };
}

const SHORT_TEXT = 40;

/**
 * A header-like row needs one heading that only a plan has (a ref, priority,
 * action or status); without one, a contacts list, glossary, version history or
 * meeting schedule would be "a table of actions".
 */
const PLAN_ROLES: Role[] = ['ref', 'priority', 'actions', 'rag'];

/**
 * A sheet with no proforma header row that still looks like a table of actions:
 * a row naming two roles (period headings count as the status heading), or a
 * header-like row of three or more short texts (and nothing else, one of them a
 * plan's heading, or two periods) with two or more filled rows under it. Single
 * letters do not count as headings and filled rows hold words in two cells, so a
 * hand-made overview ("Theme", "R", "A", "G" over counts) is not a plan.
 */
export function findTableLike(sheet: SheetSnapshot, mappings: ColumnMappings = NO_MAPPINGS): TableLike | undefined {
  const limit = Math.min(sheet.cells.length, HEADER_SEARCH_ROWS);
  for (let row = 0; row < limit; row++) {
    const cells = sheet.cells[row] ?? [];
    const headers: TableLike['headers'] = [];
    let others = 0;
    cells.forEach((value, col) => {
      if (value.kind === 'text' && value.text.trim() !== '') headers.push({ col, text: value.text.trim() });
      else if (!isEmpty(value)) others++;
    });
    if (headers.length === 0) continue;
    const header = readHeader(row, row, oneRowCells(sheet, row), mappings);
    const { columns } = header;
    const named = roleCount(header) >= 2;
    const headerLike =
      (PLAN_ROLES.some((role) => columns[role] !== undefined) || header.loosePeriods.length >= MIN_LOOSE_PERIODS) &&
      others === 0 &&
      headers.filter(
        (h) => h.text.length <= SHORT_TEXT && (/[a-z].*[a-z]/i.test(h.text) || readPeriod(h.text) !== undefined),
      ).length >= 3 &&
      filledRowsUnder(
        sheet,
        row,
        headers.map((h) => h.col),
      ) >= 2;
    if (named || headerLike)
      return { row, firstCol: headers[0].col, columns, headers, periods: header.loosePeriods.map((c) => c.text) };
  }
  return undefined;
}

/** Rows under a header row with words in at least two of its columns. */
function filledRowsUnder(sheet: SheetSnapshot, headerRow: number, cols: number[]): number {
  let filled = 0;
  for (let row = headerRow + 1; row < sheet.cells.length && filled < 2; row++)
    if (cols.filter((col) => /[a-z]/i.test(textOf(cellAt(sheet, row, col)))).length >= 2) filled++;
  return filled;
}
