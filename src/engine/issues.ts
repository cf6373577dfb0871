// The issue record of SPEC §3: one cell, one plain-English sentence.
import { parseAddress } from './snapshot';

export type Severity = 'error' | 'warning' | 'info';

export type IssueCode =
  | 'sheet-skipped'
  | 'column-missing'
  | 'ref-missing'
  | 'ref-format'
  | 'ref-prefix'
  | 'ref-duplicate'
  | 'ref-sequence'
  | 'rag-missing'
  | 'rag-nonstandard'
  | 'rag-invalid'
  | 'term-missing'
  | 'term-invalid'
  | 'lead-missing'
  | 'outcome-missing'
  | 'evidence-missing'
  | 'cell-error'
  | 'overdue'
  | 'overview-stale'
  | 'settings-invalid';

export const SEVERITY: Record<IssueCode, Severity> = {
  'sheet-skipped': 'info',
  'column-missing': 'error',
  'ref-missing': 'error',
  'ref-format': 'error',
  'ref-prefix': 'error',
  'ref-duplicate': 'error',
  'ref-sequence': 'warning',
  'rag-missing': 'error',
  'rag-nonstandard': 'warning',
  'rag-invalid': 'error',
  'term-missing': 'warning',
  'term-invalid': 'error',
  'lead-missing': 'warning',
  'outcome-missing': 'warning',
  'evidence-missing': 'warning',
  'cell-error': 'error',
  overdue: 'warning',
  'overview-stale': 'warning',
  'settings-invalid': 'error',
};

export interface Issue {
  severity: Severity;
  code: IssueCode;
  sheet: string;
  cell: string;
  message: string;
  fix?: { value: string };
}

export function makeIssue(code: IssueCode, sheet: string, cell: string, message: string, fix?: string): Issue {
  const issue: Issue = { severity: SEVERITY[code], code, sheet, cell, message };
  if (fix !== undefined) issue.fix = { value: fix };
  return issue;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sheet order as in the workbook, then errors first, then by row and column. */
export function sortIssues(issues: Issue[], sheetOrder: string[]): Issue[] {
  const sheetIndex = new Map(sheetOrder.map((name, i) => [name, i]));
  const rowCol = (cell: string): [number, number] => {
    const { row, col } = parseAddress(cell);
    return [row, col];
  };
  return [...issues].sort((a, b) => {
    const bySheet = (sheetIndex.get(a.sheet) ?? 0) - (sheetIndex.get(b.sheet) ?? 0);
    if (bySheet !== 0) return bySheet;
    const bySeverity = SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
    if (bySeverity !== 0) return bySeverity;
    const [ar, ac] = rowCol(a.cell);
    const [br, bc] = rowCol(b.cell);
    return ar - br || ac - bc;
  });
}

export function countIssues(issues: Issue[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const issue of issues) counts[issue.severity]++;
  return counts;
}
