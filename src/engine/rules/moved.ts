// Rules about what moved since the baseline (SPEC §8): they report only when the
// workbook has a baseline to compare with (a file given, the plan's own previous
// period, or a recorded baseline) and read the comparison analyse() made
// (model.movement), so they agree with `compare` and the overview.
import type { ActionChange, WorkbookModel } from '../model';
import { atBaseline } from '../movement';
import { needsAttention } from './dates';
import { defineRule, statusNoun } from './rule';

/** Each change of a kind, with the theme sheet and action row it is on. */
function changesOf(model: WorkbookModel, kind: ActionChange['change']) {
  const rows = new Map(
    model.themes.map((theme) => [theme.name, { theme, actions: new Map(theme.actions.map((a) => [a.row, a])) }]),
  );
  const found = [];
  for (const change of model.movement?.actions ?? []) {
    if (change.change !== kind || change.row === null || change.cell === null) continue;
    const sheet = rows.get(change.sheet);
    const action = sheet?.actions.get(change.row);
    if (sheet && action) found.push({ change, cell: change.cell, theme: sheet.theme, action });
  }
  return found;
}

export const updateUnchanged = defineRule({
  code: 'update-unchanged',
  severity: 'warning',
  family: 'moved',
  description:
    'With a baseline: an off-track or at-risk action’s progress update is word for word what it was at the baseline.',
  fix: null,
  check({ model }, report) {
    if (!model.movement) return;
    const since = atBaseline(model.movement.since);
    for (const { cell, theme, action } of changesOf(model, 'update-unchanged')) {
      const status = needsAttention(model, action);
      if (status)
        report({
          sheet: theme.name,
          cell,
          message: `This action is rated ${status.name} and its progress update is word for word what it was ${since}; ask the lead for this quarter's progress.`,
        });
    }
  },
});

export const dueSlipped = defineRule({
  code: 'due-slipped',
  severity: 'info',
  family: 'moved',
  description: 'With a baseline: the action’s due date is later than it was at the baseline.',
  fix: null,
  check({ model }, report) {
    if (!model.movement) return;
    const since = atBaseline(model.movement.since);
    for (const { change, cell, theme } of changesOf(model, 'due'))
      if (change.direction === 'worse')
        report({
          sheet: theme.name,
          cell,
          message: `The due date slipped from ${change.fromText} ${since} to ${change.toText}; check the ${statusNoun(model)} still fits the new date.`,
        });
  },
});
