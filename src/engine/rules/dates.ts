// Rules about dates: an action still off track or at risk after its due date.
import type { ActionInfo, WorkbookModel } from '../model';
import { readDueDate } from '../dates';
import { StatusInfo } from '../scales';
import { formatDay } from '../snapshot';
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
