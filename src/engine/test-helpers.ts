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
