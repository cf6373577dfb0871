// Which action an issue is about, so the pane can say "PE3 · Develop a diversion
// scheme for…" rather than only "F11": the ref of the row's priority group and
// the start of the row's action text, from the analysis's own reading of each
// theme sheet (no second reading of the workbook).
import { cellAt, displayText, isEmpty, parseAddress, type Analysis, type Issue } from '../engine';

export interface IssueAction {
  /** The ref of the row's group as written (trimmed), or null where the group has none. */
  ref: string | null;
  /** The row's action text (else its priority), on one line, cut to ACTION_TEXT_LENGTH; '' if none. */
  text: string;
}

/** Enough of the action to recognise it; the pane cuts it further to fit its width. */
export const ACTION_TEXT_LENGTH = 80;

const oneLine = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > ACTION_TEXT_LENGTH ? `${flat.slice(0, ACTION_TEXT_LENGTH - 1).trimEnd()}…` : flat;
};

/** Per theme sheet, each action or group row's ref and text, read once per analysis. */
export function actionsByRow(analysis: Analysis): Map<string, Map<number, IssueAction>> {
  const bySheet = new Map<string, Map<number, IssueAction>>();
  for (const theme of analysis.themes) {
    const { sheet, columns, groups, actions } = theme.layout;
    const rows = new Map<number, IssueAction>();
    const refOf = (group: number): string | null => {
      const ref = groups[group]?.ref;
      return ref && !isEmpty(ref) ? displayText(ref).trim() : null;
    };
    const textAt = (row: number, col: number | undefined): string =>
      col === undefined ? '' : oneLine(displayText(cellAt(sheet, row, col)));
    // A group's own row may hold a ref and priority but no action (a deliverable heading).
    groups.forEach((group, index) =>
      rows.set(group.row, { ref: refOf(index), text: oneLine(group.priority) || textAt(group.row, columns.actions) }),
    );
    for (const action of actions)
      rows.set(action.row, {
        ref: refOf(action.group),
        text: textAt(action.row, columns.actions) || oneLine(groups[action.group]?.priority ?? ''),
      });
    bySheet.set(theme.name, rows);
  }
  return bySheet;
}

/** The action an issue's cell is on, or null for a cell outside any action row (a header, A1, the overview). */
export function actionOf(issue: Issue, byRow: Map<string, Map<number, IssueAction>>): IssueAction | null {
  const rows = byRow.get(issue.sheet);
  if (!rows) return null;
  return rows.get(parseAddress(issue.cell).row) ?? null;
}

/** "PE3 · Develop a diversion…", "Ref 12 · Review the cohort…" (a bare number reads as a count), or the text alone. */
export function actionLabel(action: IssueAction): string {
  if (!action.ref) return action.text;
  const ref = /^\d/.test(action.ref) ? `Ref ${action.ref}` : action.ref;
  return action.text ? `${ref} · ${action.text}` : ref;
}
