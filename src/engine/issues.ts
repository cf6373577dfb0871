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
  | 'settings-invalid'
  | 'scale-mismatch'
  | 'rag-colour-only';

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
  'scale-mismatch': 'warning',
  'rag-colour-only': 'error',
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
  // Each cell address is parsed once, not once per comparison.
  const keyed = issues.map((issue) => ({
    issue,
    sheet: sheetIndex.get(issue.sheet) ?? 0,
    at: parseAddress(issue.cell),
  }));
  keyed.sort(
    (a, b) =>
      a.sheet - b.sheet ||
      SEVERITY_ORDER[a.issue.severity] - SEVERITY_ORDER[b.issue.severity] ||
      a.at.row - b.at.row ||
      a.at.col - b.at.col,
  );
  return keyed.map((k) => k.issue);
}

export function countIssues(issues: Issue[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const issue of issues) counts[issue.severity]++;
  return counts;
}
