// Builds snapshots from plain arrays for the engine's tests.
import { CellRange, CellValue, SheetSnapshot, WorkbookSnapshot } from './snapshot';

export type Raw = string | number | boolean | null | undefined | { error: string } | { date: string };

export function toValue(raw: Raw): CellValue {
  if (raw === null || raw === undefined || raw === '') return { kind: 'empty' };
  if (typeof raw === 'string') return { kind: 'text', text: raw };
  if (typeof raw === 'number') return { kind: 'number', value: raw };
  if (typeof raw === 'boolean') return { kind: 'boolean', value: raw };
  if ('error' in raw) return { kind: 'error', error: raw.error };
  const [y, m, d] = raw.date.split('-').map(Number);
  return { kind: 'date', serial: (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000 };
}

export function sheet(
  name: string,
  rows: Raw[][],
  extra: { merges?: CellRange[]; fills?: Record<string, string>; hiddenRows?: number[] } = {},
): SheetSnapshot {
  return {
    name,
    visibility: 'visible',
    cells: rows.map((row) => row.map(toValue)),
    merges: extra.merges ?? [],
    hiddenRows: extra.hiddenRows ?? [],
    fills: extra.fills ?? {},
  };
}

export function workbook(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { sheets };
}

export const TODAY = new Date(Date.UTC(2026, 10, 20));

export const HEADER = ['Ref', 'Priority', 'Actions', 'Lead', 'Outcome measure', 'RAG', 'Progress update'];

/** A theme sheet with a title row, the standard header, and the given data rows. */
export function themeSheet(name: string, rows: Raw[][], title = name): SheetSnapshot {
  return sheet(name, [[title], HEADER, ...rows]);
}

/** A complete, valid action row for the standard header. */
export function action(
  ref: Raw,
  rag: Raw = 'G',
  overrides: Partial<Record<'priority' | 'actions' | 'lead' | 'outcome' | 'evidence', Raw>> = {},
): Raw[] {
  return [
    ref,
    'priority' in overrides ? overrides.priority : ref ? `Priority ${String(ref)}` : null,
    'actions' in overrides ? overrides.actions : 'Do the thing',
    'lead' in overrides ? overrides.lead : 'Police',
    'outcome' in overrides ? overrides.outcome : 'Fewer victims',
    rag,
    'evidence' in overrides ? overrides.evidence : 'On track',
  ];
}

/**
 * A safeguarding review's table that Proforma cannot read until the board maps
 * its headings: only "Current Status" (RAG) and "Owner" (lead) are recognised.
 */
export function sarReview(statuses: [Raw, Raw] = ['Amber', 'Green']): SheetSnapshot {
  return sheet('SAR review', [
    ['Safeguarding Adults Review: update on recommendations'],
    ['Rec', 'Finding', 'Current Status', 'Owner'],
    ['R1', 'Information was not shared', statuses[0], 'Adult social care'],
    ['R2', 'No single plan', statuses[1], 'Health'],
  ]);
}

/** The overview's matrix as a reader sees it: group labels, column codes, and each labelled row's numbers. */
export interface Matrix {
  groups: Array<{ label: string; columns: number[] }>;
  codes: string[];
  themes: Array<{ label: string; actions: number; cells: number[] }>;
  total: number[];
  /** The "Actions (N)" row: N, and the number under each group. */
  actions: { n: number; byGroup: number[] };
}

/** Reads the matrix back from an overview's cells as text (row by row, merged cells empty but the first). */
export function readMatrix(rows: string[][]): Matrix {
  const top = rows.findIndex((r) => r[0] === 'Theme');
  if (top < 0) throw new Error('no matrix: no "Theme" header');
  const width = rows[top + 1].length;
  const starts = rows[top].map((text, c) => (c > 0 && text !== '' ? c : -1)).filter((c) => c > 0);
  const groups = starts.map((start, i) => ({
    label: rows[top][start],
    columns: Array.from({ length: (starts[i + 1] ?? width) - start }, (_, k) => start + k),
  }));
  const numbers = (row: string[]): number[] =>
    Array.from({ length: width - 1 }, (_, k) => {
      const n = Number(row[k + 1] ?? '');
      if (row[k + 1] === undefined || row[k + 1] === '' || !Number.isInteger(n)) throw new Error(`not a count: ${row}`);
      return n;
    });
  const themes: Matrix['themes'] = [];
  let r = top + 2;
  for (; rows[r] && rows[r][0] !== 'Total'; r++) {
    const match = /\((\d+)\)$/.exec(rows[r][0]);
    if (!match) throw new Error(`theme row without a count: ${rows[r][0]}`);
    themes.push({ label: rows[r][0], actions: Number(match[1]), cells: numbers(rows[r]) });
  }
  const total = numbers(rows[r]);
  const actionsRow = rows[r + 1];
  const n = /^Actions \((\d+)\)$/.exec(actionsRow[0]);
  if (!n) throw new Error(`no Actions row under Total: ${actionsRow[0]}`);
  return {
    groups,
    codes: rows[top + 1].slice(1),
    themes,
    total,
    actions: { n: Number(n[1]), byGroup: groups.map((g) => Number(actionsRow[g.columns[0]])) },
  };
}

/** Every way the matrix fails to add up, as sentences (none: it adds up). */
export function matrixProblems(m: Matrix): string[] {
  const problems: string[] = [];
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const at = (cells: number[], column: number): number => cells[column - 1];
  const all = m.groups.find((g) => g.label === 'All terms') ?? m.groups[0];
  const terms = m.groups.filter((g) => g !== all);
  for (const theme of m.themes) {
    const across = sum(all.columns.map((c) => at(theme.cells, c)));
    if (across !== theme.actions) problems.push(`${theme.label}: ${all.label} adds up to ${across}`);
    if (terms.length > 0)
      all.columns.forEach((c, k) => {
        const byTerm = sum(terms.map((g) => at(theme.cells, g.columns[k])));
        if (byTerm !== at(theme.cells, c))
          problems.push(`${theme.label}: ${m.codes[c - 1]} is ${byTerm} over the terms`);
      });
  }
  m.total.forEach((t, k) => {
    const down = sum(m.themes.map((theme) => theme.cells[k]));
    if (down !== t) problems.push(`column ${k + 1} (${m.codes[k]}) adds up to ${down}, Total says ${t}`);
  });
  m.groups.forEach((g, i) => {
    const across = sum(g.columns.map((c) => at(m.total, c)));
    if (across !== m.actions.byGroup[i]) problems.push(`${g.label}: Total adds up to ${across}`);
  });
  const inTerms = sum(
    terms.length > 0 ? terms.map((g) => m.actions.byGroup[m.groups.indexOf(g)]) : [m.actions.byGroup[0]],
  );
  if (inTerms !== m.actions.n) problems.push(`Actions (${m.actions.n}): the groups add up to ${inTerms}`);
  if (sum(m.themes.map((t) => t.actions)) !== m.actions.n)
    problems.push(`the themes' counts do not add up to ${m.actions.n}`);
  return problems;
}

/** Freezes a value and everything it holds, so that any change to it throws (test modules run in strict mode). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
