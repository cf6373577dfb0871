// The issue record of SPEC §3: one cell, one plain-English sentence; and what
// analyse() returns, the workbook's model with the issues found in it.
import type { WorkbookModel } from './model';
import type { IssueCode } from './rules/catalogue';
import type { Severity } from './rules/rule';
import { parseAddress } from './snapshot';

export type { IssueCode } from './rules/catalogue';
export type { Severity } from './rules/rule';

export interface Issue {
  severity: Severity;
  code: IssueCode;
  sheet: string;
  cell: string;
  message: string;
  fix?: { value: string };
}

/** What analyse() returns: the workbook as the engine reads it (model.ts), and every issue found in it, sorted. */
export interface Analysis extends WorkbookModel {
  issues: Issue[];
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
