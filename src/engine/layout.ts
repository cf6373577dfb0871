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

const SYNONYMS: Record<Role, string[]> = {
  ref: ['Ref', 'Ref.', 'Reference', 'No', 'No.', 'Ref No', 'Number'],
  priority: ['Priority', 'Key Deliverable', 'Deliverable', 'Objective', 'Key Deliverables', 'Strategic Priority'],
  actions: ['Actions', 'Action', 'Key Actions', 'Priority Actions', 'Supporting Actions'],
  lead: [
    'Responsible Partner / Lead',
    'Responsible Partner',
    'Lead',
    'Lead Partner',
    'Owner',
    'Lead Agency',
    'Responsible Lead',
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
  ],
  term: ['S M L', 'Term', 'Timescale'],
  rag: ['RAG', 'R A G', 'RAG Status', 'Status', 'RAG rating'],
  evidence: ['Evidence / Progress update', 'Progress update', 'Evidence', 'Update', 'Comments', 'Progress'],
  due: ['By When', 'Due', 'Due date', 'Target date', 'Deadline'],
  target: ['Target'],
};

/** Header matching ignores case, punctuation, white space and line breaks. */
export function headerKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const ROLE_BY_KEY: Map<string, Role> = new Map(
  (Object.entries(SYNONYMS) as Array<[Role, string[]]>).flatMap(([role, names]) =>
    names.map((name) => [headerKey(name), role] as [string, Role]),
  ),
);

export function roleOfHeader(text: string): Role | undefined {
  return ROLE_BY_KEY.get(headerKey(text));
}

export const HEADER_SEARCH_ROWS = 30;
const MIN_ROLES_FOR_HEADER = 3;

export type Columns = Partial<Record<Role, number>>;

/** Roles matched by one row, first column wins for each role. */
function rolesInRow(sheet: SheetSnapshot, row: number): Columns {
  const columns: Columns = {};
  const cells = sheet.cells[row] ?? [];
  cells.forEach((value, col) => {
    if (value.kind !== 'text') return;
    const role = roleOfHeader(value.text);
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

export interface SheetLayout {
  sheet: SheetSnapshot;
  headerRow: number;
  columns: Columns;
  /** First and last column of the table, from the header row. */
  firstCol: number;
  lastCol: number;
  theme: string;
  actions: ActionRow[];
  /** Priority groups, including any that start on a row without an action (a ref or deliverable alone). */
  groups: Group[];
}

export type Recognition = { kind: 'proforma'; layout: SheetLayout } | { kind: 'not-proforma' };

export function findHeaderRow(sheet: SheetSnapshot): { row: number; columns: Columns } | undefined {
  const limit = Math.min(sheet.cells.length, HEADER_SEARCH_ROWS);
  for (let row = 0; row < limit; row++) {
    const columns = rolesInRow(sheet, row);
    if (Object.keys(columns).length >= MIN_ROLES_FOR_HEADER) return { row, columns };
  }
  return undefined;
}

function textOf(value: CellValue): string {
  return value.kind === 'text' ? value.text.trim() : '';
}

function themeName(sheet: SheetSnapshot, headerRow: number): string {
  for (let row = headerRow - 1; row >= 0; row--) {
    const text = (sheet.cells[row] ?? []).map(textOf).find((t) => t !== '');
    if (text) return text.replace(/\s+/g, ' ');
  }
  return sheet.name;
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
export function recogniseSheet(sheet: SheetSnapshot): Recognition {
  const header = findHeaderRow(sheet);
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
