// Rules about dates: a due date that does not exist; an action still off track or at risk after its due date.
import type { ActionInfo, WorkbookModel } from '../model';
import { readDue, readDueDate } from '../dates';
import { StatusInfo } from '../scales';
import { formatDay, serialToDate } from '../snapshot';
import { defineRule, forEachAction, statusNoun } from './rule';

/** The row's status when it needs evidence and can be overdue: off-track and at-risk only (SPEC §2.5). */
export function needsAttention(model: WorkbookModel, action: ActionInfo): StatusInfo | undefined {
  const { rag } = action;
  if (rag.state !== 'valid') return undefined;
  const status = model.scale.statuses.find((s) => s.code === rag.code);
  return status?.class === 'off-track' || status?.class === 'at-risk' ? status : undefined;
}

export const overdue = defineRule({
  code: 'overdue',
  severity: 'warning',
  family: 'dates',
  description: 'The due date has passed and the status is still off track or at risk (R or A).',
  fix: null,
  check({ model, todaySerial }, report) {
    forEachAction(model, ({ theme, action, at }) => {
      const due = at('due');
      if (!due) return;
      const dueSerial = readDueDate(due.value);
      const status = needsAttention(model, action);
      if (dueSerial !== undefined && dueSerial < todaySerial && status)
        report({
          sheet: theme.name,
          cell: due.cell,
          message: `This action was due by ${formatDay(dueSerial)} and is still rated ${status.name}; update the ${statusNoun(model)} or agree a new date.`,
        });
    });
  },
});

/** "31/03/2026" → "31 March 2026": the date a day-first reading of a swapped date names. */
function longDay(dayFirst: string): string {
  const serial = readDueDate({ kind: 'text', text: dayFirst });
  if (serial === undefined) return dayFirst;
  const date = serialToDate(serial);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export const dueInvalid = defineRule({
  code: 'due-invalid',
  severity: 'warning',
  family: 'dates',
  description:
    'A due cell writes a date that does not exist ("31/02/2026", "2026-02-30", "03/31/2026" read day first), so the action can never be found overdue. Words ("Ongoing", "TBC") are not dates and are left alone.',
  fix: null,
  check({ model }, report) {
    forEachAction(model, ({ theme, at }) => {
      const due = at('due');
      if (!due) return;
      for (const date of readDue(due.value).impossible)
        report({
          sheet: theme.name,
          cell: due.cell,
          message: date.dayFirst
            ? `${date.text} is not a date (${date.why}); if it means ${longDay(date.dayFirst)}, write ${date.dayFirst}.`
            : `${date.text} is not a date (${date.why}); write the day this action is due.`,
        });
    });
  },
});
