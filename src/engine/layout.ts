// Recognising the proforma on a sheet (SPEC §2.1–2.3): header row, columns by
// role, theme name, and which rows are actions and which groups they belong to.
import { CellValue, SheetSnapshot, cellAt, isEmpty } from './snapshot';

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

/** Header matching ignores case, punctuation, white space and line breaks. */
export function headerKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Too common inside longer headers to mean their role there ("Yes/No", "Phone number"): exact matches only. */
const EXACT_ONLY = new Set(['no', 'id', 'number', 'who', 'when', 'aim', 'goal', 'task']);

/** Longer than a header: a sentence of notes that happens to hold "status" or "lead" is not a heading. */
const MAX_HEADER_LENGTH = 60;

/** The roles every theme sheet is read with, its actions and their statuses: its columns' type says they are there. */
export const CORE_ROLES = ['actions', 'rag'] as const satisfies readonly Role[];
export type CoreRole = (typeof CORE_ROLES)[number];

/**
 * The roles a proforma sheet cannot be read without (SPEC §2.2): column-missing names any that is absent.
 * Ref is one, but the engine does not count on it: a theme sheet's ref column is typed as optional.
 */
export const REQUIRED_ROLES: readonly Role[] = ['ref', ...CORE_ROLES];

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

/**
 * Roles matched by one row: mapped headers take their roles first, then each
 * role goes to the leftmost cell that names it; one cell has one role.
 */
function rolesInRow(sheet: SheetSnapshot, row: number, mappings: ColumnMappings): Columns {
  const columns: Columns = {};
  const cells = sheet.cells[row] ?? [];
  for (const pass of ['mapped', 'recognised'] as const)
    cells.forEach((value, col) => {
      if (value.kind !== 'text') return;
      const mapped = mappings.get(headerKey(value.text));
      if ((pass === 'mapped') !== (mapped !== undefined)) return;
      const role = mapped ?? roleOfHeader(value.text);
      if (role && columns[role] === undefined) columns[role] = col;
    });
  return columns;
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
  headerRow: number;
  columns: C;
  /** First and last column of the table, from the header row. */
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

export type Recognition = { kind: 'proforma'; layout: SheetLayout } | { kind: 'not-proforma' };

export function findHeaderRow(
  sheet: SheetSnapshot,
  mappings: ColumnMappings = NO_MAPPINGS,
): { row: number; columns: Columns } | undefined {
  const limit = Math.min(sheet.cells.length, HEADER_SEARCH_ROWS);
  for (let row = 0; row < limit; row++) {
    const columns = rolesInRow(sheet, row, mappings);
    if (Object.keys(columns).length >= MIN_ROLES_FOR_HEADER) return { row, columns };
  }
  return undefined;
}

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
export function titleLines(sheet: SheetSnapshot, headerRow: number): string[] {
  const lines: string[] = [];
  for (let row = headerRow - 1; row >= 0; row--) {
    const texts = (sheet.cells[row] ?? []).map(textOf).filter((t) => t !== '');
    if (texts.length === 0 || isKeyRow(texts)) continue;
    if (isTitleText(texts[0])) lines.push(texts[0].replace(/\s+/g, ' '));
  }
  return lines;
}

/** The theme a sheet is about: its nearest title line, else the sheet's name. */
function themeName(sheet: SheetSnapshot, headerRow: number): string {
  return titleLines(sheet, headerRow)[0] ?? sheet.name;
}

function nonEmptyColumns(sheet: SheetSnapshot, row: number): number[] {
  const cols: number[] = [];
  (sheet.cells[row] ?? []).forEach((value, col) => {
    if (!isEmpty(value)) cols.push(col);
  });
  return cols;
}

/**
 * A page-break repeat of the header: the header row's own texts again in at
 * least three of its columns, one of them the ref or RAG column. Cells that
 * merely hold role words ("Lead", "Evidence") are data, never a header.
 */
function isRepeatedHeader(
  sheet: SheetSnapshot,
  row: number,
  headings: Array<{ role: Role; col: number; key: string }>,
): boolean {
  const matches = (heading: { col: number; key: string }): boolean => {
    const value = cellAt(sheet, row, heading.col);
    return value.kind === 'text' && headerKey(value.text) === heading.key;
  };
  // The ref or RAG column must repeat its heading: checked first, it rules out almost every data row cheaply.
  if (!headings.some((h) => (h.role === 'ref' || h.role === 'rag') && matches(h))) return false;
  return headings.filter(matches).length >= MIN_ROLES_FOR_HEADER;
}

/** The header row's own texts, by role, as header keys (computed once per sheet). */
function headingsOf(
  sheet: SheetSnapshot,
  headerRow: number,
  header: Columns,
): Array<{ role: Role; col: number; key: string }> {
  return (Object.entries(header) as Array<[Role, number]>)
    .map(([role, col]) => ({ role, col, key: headerKey(textOf(cellAt(sheet, headerRow, col))) }))
    .filter((h) => h.key !== '');
}

/** Recognises the proforma on a sheet; the sheet's merges must already be blanked. */
export function recogniseSheet(sheet: SheetSnapshot, mappings: ColumnMappings = NO_MAPPINGS): Recognition {
  const header = findHeaderRow(sheet, mappings);
  if (!header) return { kind: 'not-proforma' };
  const { row: headerRow, columns } = header;
  const headerCols = nonEmptyColumns(sheet, headerRow);
  const firstCol = headerCols[0] ?? 0;
  const lastCol = headerCols[headerCols.length - 1] ?? 0;

  const actions: ActionRow[] = [];
  const groups: Group[] = [];
  const colOf = (role: Role): number | undefined => columns[role];
  const valueOf = (row: number, role: Role): CellValue => {
    const col = colOf(role);
    return col === undefined ? { kind: 'empty' } : cellAt(sheet, row, col);
  };

  const headings = headingsOf(sheet, headerRow, columns);
  for (let row = headerRow + 1; row < sheet.cells.length; row++) {
    const filled = nonEmptyColumns(sheet, row);
    if (filled.length === 0) continue;
    if (isRepeatedHeader(sheet, row, headings)) continue;

    const ref = valueOf(row, 'ref');
    const priority = textOf(valueOf(row, 'priority'));
    const isAction = textOf(valueOf(row, 'actions')) !== '' || !isEmpty(valueOf(row, 'rag'));

    if (!isAction && filled.length === 1 && isLoneTitle(sheet, row, filled[0], columns)) continue;

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
      columns,
      firstCol,
      lastCol,
      theme: themeName(sheet, headerRow),
      actions,
      groups,
    },
  };
}

/**
 * A row holding one piece of text outside the action columns, such as a
 * "Strategic Priority: Offender Management" banner between two tables.
 * A short ref-like value in the ref column is not a title: it starts a group.
 */
function isLoneTitle(sheet: SheetSnapshot, row: number, col: number, columns: Columns): boolean {
  const value = cellAt(sheet, row, col);
  if (value.kind !== 'text') return false;
  if (col === columns.ref) return /\s/.test(value.text.trim()) && value.text.trim().length > 12;
  return col !== columns.priority;
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
 * a row naming two roles, or a header-like row of three or more short texts
 * (and nothing else, one of them a plan's heading) with two or more filled rows under it. Single letters do
 * not count as headings and filled rows hold words in two cells, so a
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
    const columns = rolesInRow(sheet, row, mappings);
    const named = Object.keys(columns).length >= 2;
    const headerLike =
      PLAN_ROLES.some((role) => columns[role] !== undefined) &&
      others === 0 &&
      headers.filter((h) => h.text.length <= SHORT_TEXT && /[a-z].*[a-z]/i.test(h.text)).length >= 3 &&
      filledRowsUnder(
        sheet,
        row,
        headers.map((h) => h.col),
      ) >= 2;
    if (named || headerLike) return { row, firstCol: headers[0].col, columns, headers };
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
