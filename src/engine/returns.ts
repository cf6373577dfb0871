// The ProformaReturn record (SPEC §7.2): what a pack carries of what was sent, the
// base of the merge (§7.3). A very hidden sheet of text rows (a record-sheet edit):
// the plan it came from (file name and a fingerprint of its actions), the partner,
// the date, and for every action row of the plan — not only the partner's, so a
// change to another partner's row can be recognised — its identity (§7.1) and the
// values of its cells as sent.
//
// Text only, so any program that re-saves the return keeps it as it is: LibreOffice
// saves a very hidden sheet back as merely hidden (so it is found by its name, not
// its state), and may store the text as shared or inline strings; either reads the
// same. A value that is not text keeps its type in its key ("due#date" 46295), so a
// date sent stays a date.
import type { Role } from './layout';
import type { ThemeSheet, WorkbookModel } from './model';
import { PlanAction, planActions, textKey } from './identity';
import { CellValue, EMPTY, WorkbookSnapshot, cellAt, displayText, isEmpty } from './snapshot';

/** The record sheet's name. */
export const RETURN_SHEET = 'ProformaReturn';

/** Whether a sheet is the return record (names are matched as Excel matches them, without case). */
export function isReturnSheet(name: string): boolean {
  return name.toLowerCase() === RETURN_SHEET.toLowerCase();
}

/** The first cell of the record, and its version: a sheet of that name with anything else is not Proforma's. */
const FORMAT = [RETURN_SHEET, '1'];
const NOTE = 'What Proforma sent in this pack, so the board secretary can merge the return. Please leave it as it is.';

/** The roles merged cell by cell (SPEC §7.3): a partner's update. */
export const UPDATE_ROLES: readonly Role[] = ['rag', 'evidence', 'due', 'target', 'outcome', 'term', 'lead'];
/** The roles that are the action's identity: never merged, a change to them is reported. */
export const IDENTITY_ROLES: readonly Role[] = ['ref', 'priority', 'actions'];

/** One column a merge compares: an update column (each status period its own) or an identity column. */
export interface MergeColumn {
  /** How the record names it: the role, and a status column's heading ("rag:Q3 2026"). */
  key: string;
  col: number;
  role: Role;
  /** Its heading on the sheet, for the report. */
  heading: string;
  identity: boolean;
}

function headingOf(theme: ThemeSheet, col: number, fallback: string): string {
  return (
    theme.layout.headings
      .find((h) => h.col === col)
      ?.text.replace(/\s+/g, ' ')
      .trim() || fallback
  );
}

/** A status column's key: its heading as compared (case and spaces ignored). */
export function statusKey(label: string): string {
  return `rag:${label.replace(/\s+/g, ' ').trim().toLowerCase()}`;
}

/** The columns of a theme sheet a merge compares, in column order. */
export function mergeColumns(theme: ThemeSheet): MergeColumn[] {
  const { columns, status } = theme.layout;
  const out: MergeColumn[] = [];
  for (const role of [...IDENTITY_ROLES, ...UPDATE_ROLES]) {
    if (role === 'rag') {
      for (const s of status)
        out.push({
          key: statusKey(s.label),
          col: s.col,
          role,
          heading: headingOf(theme, s.col, s.label),
          identity: false,
        });
      continue;
    }
    const col = columns[role];
    if (col === undefined) continue;
    out.push({ key: role, col, role, heading: headingOf(theme, col, role), identity: IDENTITY_ROLES.includes(role) });
  }
  return out.sort((a, b) => a.col - b.col);
}

/**
 * A cell of an action row as a merge compares it: the identity columns as the row's group
 * holds them (a priority's ref and text are on its first row), every other cell its own.
 */
export function rowValue(theme: ThemeSheet, row: number, column: MergeColumn): CellValue {
  const { sheet } = theme.layout;
  if (column.role === 'ref' || column.role === 'priority') {
    const top = groupRowOf(theme, row);
    if (top !== undefined) return cellAt(sheet, top, column.col);
  }
  return cellAt(sheet, row, column.col);
}

// Per layout, each action row's group's first row: looked up for every cell a merge compares.
const groupRows = new WeakMap<ThemeSheet['layout'], Map<number, number>>();

/** The first row of the group (priority) an action row belongs to; undefined for a row that is not an action's. */
export function groupRowOf(theme: ThemeSheet, row: number): number | undefined {
  let rows = groupRows.get(theme.layout);
  if (!rows) {
    const { actions, groups } = theme.layout;
    rows = new Map(actions.flatMap((a) => (groups[a.group] ? [[a.row, groups[a.group].row] as [number, number]] : [])));
    groupRows.set(theme.layout, rows);
  }
  return rows.get(row);
}

/** An action row as recorded: its identity and its values as sent, by column key. */
export interface RecordedRow {
  sheet: string;
  /** Its row in the pack (0-based). */
  row: number;
  ref: string | null;
  text: string;
  values: Map<string, CellValue>;
}

export interface ReturnRecord {
  /** The plan's file name, as the pack was made from it. */
  plan: string;
  fingerprint: string;
  partner: string;
  /** The day the pack was made, YYYY-MM-DD. */
  sent: string;
  rows: RecordedRow[];
}

/** A value's kind as its key says it; text has none. */
const KIND_SUFFIX: Partial<Record<CellValue['kind'], string>> = {
  number: 'number',
  date: 'date',
  boolean: 'boolean',
  error: 'error',
};

function encode(key: string, value: CellValue): [string, string] | null {
  switch (value.kind) {
    case 'empty':
      return null;
    case 'text':
      return value.text === '' ? null : [key, value.text];
    case 'number':
      return [`${key}#number`, String(value.value)];
    case 'date':
      return [`${key}#date`, String(value.serial)];
    case 'boolean':
      return [`${key}#boolean`, value.value ? 'TRUE' : 'FALSE'];
    case 'error':
      return [`${key}#error`, value.error];
  }
}

function decode(key: string, text: string): [string, CellValue] | null {
  const hash = key.lastIndexOf('#');
  const kind = hash >= 0 ? key.slice(hash + 1) : '';
  if (hash < 0 || !Object.values(KIND_SUFFIX).includes(kind))
    return [key, text === '' ? EMPTY : { kind: 'text', text }];
  const base = key.slice(0, hash);
  const number = Number(text);
  switch (kind) {
    case 'number':
      return Number.isFinite(number) && text.trim() !== '' ? [base, { kind: 'number', value: number }] : null;
    case 'date':
      return Number.isFinite(number) && text.trim() !== '' ? [base, { kind: 'date', serial: number }] : null;
    case 'boolean':
      return [base, { kind: 'boolean', value: text.trim().toUpperCase() === 'TRUE' }];
    default:
      return [base, { kind: 'error', error: text }];
  }
}

// FNV-1a over UTF-16 code units, twice with different offsets: a fingerprint, not a secret.
function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** A fingerprint of a plan's actions: their sheets, refs and action texts as identity compares them. */
export function planFingerprint(actions: readonly PlanAction[]): string {
  const text = actions.map((a) => `${a.sheet}\u0000${a.identity.ref ?? ''}\u0000${textKey(a.text)}`).join('\n');
  return `${fnv1a(text, 0x811c9dc5)}${fnv1a(text, 0x01000193)}`;
}

/** The record's rows (text) for a pack of the plan made on `sent` (YYYY-MM-DD) for a partner. */
export function returnRecordRows(model: WorkbookModel, plan: string, partner: string, sent: string): string[][] {
  const actions = planActions(model);
  const rows: string[][] = [
    [...FORMAT, NOTE],
    ['plan', plan],
    ['fingerprint', planFingerprint(actions)],
    ['partner', partner],
    ['sent', sent],
    [],
    ['sheet', 'row', 'ref', 'action', 'values'],
  ];
  const columns = new Map(model.themes.map((t) => [t.name, { theme: t, columns: mergeColumns(t) }]));
  for (const action of actions) {
    const { theme, columns: recorded } = columns.get(action.sheet) as { theme: ThemeSheet; columns: MergeColumn[] };
    const values = recorded
      .filter((c) => c.role !== 'actions')
      .flatMap((c) => encode(c.key, rowValue(theme, action.row, c)) ?? []);
    rows.push([action.sheet, String(action.row + 1), action.ref ?? '', action.text, ...values]);
  }
  return rows;
}

/** The record a return carries: null when it has none; a sentence when its sheet is not a record Proforma can read. */
export function readReturnRecord(snapshot: WorkbookSnapshot): ReturnRecord | null | { damaged: string } {
  const sheet = snapshot.sheets.find((s) => isReturnSheet(s.name));
  if (!sheet) return null;
  const text = (row: number, col: number): string => displayText(cellAt(sheet, row, col));
  if (text(0, 0) !== FORMAT[0] || text(0, 1).trim() !== FORMAT[1])
    return { damaged: `its sheet ${sheet.name} is not a record Proforma wrote (version ${text(0, 1) || 'missing'})` };
  const fields = new Map<string, string>();
  let header = -1;
  for (let r = 1; r < sheet.cells.length; r++) {
    const key = text(r, 0);
    if (key === 'sheet' && text(r, 1) === 'row') {
      header = r;
      break;
    }
    if (key !== '') fields.set(key, text(r, 1));
  }
  for (const field of ['plan', 'partner', 'sent'])
    if (header < 0 || !fields.has(field))
      return { damaged: `its ${RETURN_SHEET} record has no ${header < 0 ? 'rows of actions' : field}` };
  const rows: RecordedRow[] = [];
  for (let r = header + 1; r < sheet.cells.length; r++) {
    const line = sheet.cells[r] ?? [];
    if (line.every(isEmpty)) continue;
    const row = Number(text(r, 1));
    if (!Number.isInteger(row) || row < 1)
      return { damaged: `row ${r + 1} of its ${RETURN_SHEET} record has no row number` };
    const values = new Map<string, CellValue>();
    for (let c = 4; c < line.length; c += 2) {
      const key = text(r, c);
      if (key === '') continue;
      const decoded = decode(key, text(r, c + 1));
      if (!decoded) return { damaged: `row ${r + 1} of its ${RETURN_SHEET} record holds "${key}" it cannot read` };
      values.set(decoded[0], decoded[1]);
    }
    rows.push({ sheet: text(r, 0), row: row - 1, ref: text(r, 2) || null, text: text(r, 3), values });
  }
  return {
    plan: fields.get('plan') as string,
    fingerprint: fields.get('fingerprint') ?? '',
    partner: (fields.get('partner') as string).trim(),
    sent: (fields.get('sent') as string).trim(),
    rows,
  };
}
