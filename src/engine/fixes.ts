// Fixes: each changes exactly its one cell, and only where the correction is certain.
import type { Analysis, Issue } from './issues';
import { Edit, Plan } from './plan';
import { cellAt, parseAddress } from './snapshot';

/** A plan applying the fixes of the given issues (all fixable issues when omitted). */
export function fixPlan(analysis: Analysis, issues: Issue[] = analysis.issues): Plan {
  const edits: Edit[] = [];
  for (const issue of issues) {
    if (!issue.fix) continue;
    const theme = analysis.themes.find((t) => t.name === issue.sheet);
    if (!theme) continue;
    const { row, col } = parseAddress(issue.cell);
    edits.push({
      kind: 'set-value',
      sheet: issue.sheet,
      row,
      col,
      expect: cellAt(theme.layout.sheet, row, col),
      value: issue.fix.value,
    });
  }
  const n = edits.length;
  return { description: n === 0 ? 'Nothing to fix.' : `Fixed ${n} cell${n === 1 ? '' : 's'}.`, edits };
}
