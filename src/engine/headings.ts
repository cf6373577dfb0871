// What the settings show of the workbook's headings (SPEC §2.2, §2.6): per sheet,
// the header row's headings, the role each was read as, and the board's mapping
// of it; and the ref scheme and prefixes Proforma detects on its own. Pure: the
// task pane draws it, the settings store what the board chooses.
import type { WorkbookModel } from './model';
import { REQUIRED_ROLES, ROLE_ORDER, Role, headerKey } from './layout';
import { columnMappings } from './settings';
import { address } from './snapshot';

export interface Heading {
  /** The heading as it appears in its cell (trimmed): a mapping is saved under this text. */
  text: string;
  /** Its cell, e.g. "C4". */
  cell: string;
  /** The role the last check read its column as; null when the column was not used. */
  role: Role | null;
  /** The role the given mappings give this heading (matched as §2.2 matches headers); null: as recognised. */
  mapped: Role | null;
  /** Another heading of the same sheet mapped to the same role, if any: only the leftmost column takes it. */
  sharesMappingWith: string | null;
}

export interface SheetHeadings {
  sheet: string;
  /**
   * theme: read as a plan; incomplete: a header row without ref, actions or RAG (column-missing);
   * unrecognised: looks like a table of actions but was not read (sheet-unrecognised).
   */
  kind: 'theme' | 'incomplete' | 'unrecognised';
  /** The header row's cell holding its first heading, e.g. "A2". */
  headerCell: string;
  headings: Heading[];
  /** Roles a plan needs (ref, actions, RAG) that no heading of the sheet was read as. */
  missing: Role[];
}

export interface HeadingsView {
  /** Theme, incomplete and unrecognised sheets, in workbook order. */
  sheets: SheetHeadings[];
  /** Mappings whose heading is on none of the sheets listed, in the order they are stored. */
  unmatched: Array<{ text: string; role: Role }>;
}

/**
 * Every heading the board can map, with what the last check made of it and
 * what `columns` (the board's mappings, perhaps not yet saved) says of it.
 */
export function headingsOf(analysis: WorkbookModel, columns: Record<string, Role>): HeadingsView {
  const mappingByKey = columnMappings(columns);
  const seen = new Set<string>();

  const build = (
    sheet: string,
    kind: SheetHeadings['kind'],
    cells: Array<{ col: number; row: number; text: string; sub?: string }>,
    roleCols: Partial<Record<Role, number>>,
    statusCols: number[] = [],
    updateCols: number[] = [],
  ): SheetHeadings => {
    const roleAt = new Map<number, Role>();
    for (const role of ROLE_ORDER) {
      const col = roleCols[role];
      if (col !== undefined) roleAt.set(col, role);
    }
    // Every period of a status history is read as a status, and each period's own update as evidence.
    for (const col of statusCols) roleAt.set(col, 'rag');
    for (const col of updateCols) roleAt.set(col, 'evidence');
    const headings = cells.map(({ col, row, text, sub }): Heading => {
      const key = headerKey(text);
      seen.add(key);
      if (sub !== undefined) seen.add(headerKey(sub));
      return {
        text,
        cell: address(row, col),
        role: roleAt.get(col) ?? null,
        mapped: mappingByKey.get(key) ?? (sub === undefined ? undefined : mappingByKey.get(headerKey(sub))) ?? null,
        sharesMappingWith: null,
      };
    });
    for (const heading of headings) {
      if (heading.mapped === null) continue;
      const other = headings.find((h) => h !== heading && h.mapped === heading.mapped);
      if (other) heading.sharesMappingWith = other.text;
    }
    return {
      sheet,
      kind,
      headerCell: headings[0]?.cell ?? 'A1',
      headings,
      missing: REQUIRED_ROLES.filter((role) => roleCols[role] === undefined),
    };
  };

  const themes = new Map(
    [...analysis.themes, ...analysis.incomplete].map(
      (t) => [t.name, { kind: 'missing' in t ? 'incomplete' : 'theme', layout: t.layout }] as const,
    ),
  );
  const unrecognised = new Map(analysis.unrecognised.map((u) => [u.name, u.table]));
  const sheets: SheetHeadings[] = [];
  for (const { name } of analysis.sheets) {
    const theme = themes.get(name);
    const table = unrecognised.get(name);
    if (theme) {
      const { headings, columns, status } = theme.layout;
      sheets.push(
        build(
          name,
          theme.kind,
          headings,
          columns,
          status.map((s) => s.col),
          status.flatMap((s) => (s.update === undefined ? [] : [s.update])),
        ),
      );
    } else if (table)
      sheets.push(
        build(
          name,
          'unrecognised',
          table.headers.map((h) => ({ ...h, row: table.row })),
          table.columns,
        ),
      );
  }

  const unmatched = Object.entries(columns)
    .filter(([text]) => !seen.has(headerKey(text)))
    .map(([text, role]) => ({ text, role }));
  return { sheets, unmatched };
}

/**
 * The board's mappings with `text` mapped to `role`, or back to as recognised
 * (role null). Any mapping of the same heading (as §2.2 matches headers, e.g.
 * "R A G" and "RAG") is replaced, so a heading has at most one.
 */
export function mapHeading(columns: Record<string, Role>, text: string, role: Role | null): Record<string, Role> {
  const key = headerKey(text);
  const next: Record<string, Role> = {};
  for (const [header, mapped] of Object.entries(columns)) if (headerKey(header) !== key) next[header] = mapped;
  if (role !== null && key !== '') next[text.trim()] = role;
  return next;
}

/**
 * Sheets not read as plans that are the board's own overview: a hand-made sheet
 * under the overview's name, the same kept by a rebuild as "<name> (previous)",
 * or one named as an overview or summary. The pane lists them as what they are
 * rather than as "not an action plan". A sheet that looks like a table of
 * actions (sheet-unrecognised) is not one: it may be a plan to map.
 */
export function boardOverviews(analysis: WorkbookModel): string[] {
  const tables = new Set(analysis.unrecognised.map((u) => u.name));
  return analysis.sheets
    .filter(
      (s) => s.kind === 'skipped' && !tables.has(s.name) && isBoardOverviewName(s.name, analysis.settings.overviewName),
    )
    .map((s) => s.name);
}

/** Whether a sheet's name makes it the board's own overview: the overview's name, a kept previous one, or "overview"/"summary". */
export function isBoardOverviewName(name: string, overviewName: string): boolean {
  const lower = name.trim().toLowerCase();
  const overview = overviewName.trim().toLowerCase();
  // A rebuild keeps a hand-made overview as "<name> (previous)", "(previous 2)", the name cut to fit 31 characters.
  const stem = lower.replace(/ \(previous(?: \d+)?\)$/, '');
  return (
    stem === overview ||
    (stem !== lower && stem !== '' && overview.startsWith(stem)) ||
    /\b(overview|summary)\b/.test(lower)
  );
}
