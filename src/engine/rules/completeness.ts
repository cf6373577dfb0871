// Rules about what an action row must say: who leads it, how success is measured, what is happening.
import { address, isEmpty } from '../snapshot';
import { defineRule, forEachAction } from './rule';
import { needsAttention } from './dates';

export const leadMissing = defineRule({
  code: 'lead-missing',
  severity: 'warning',
  family: 'completeness',
  description: 'An action row has no lead partner (where the sheet has a lead column).',
  fix: null,
  check({ model }, report) {
    forEachAction(model, ({ theme, at }) => {
      const lead = at('lead');
      if (lead && isEmpty(lead.value))
        report({
          sheet: theme.name,
          cell: lead.cell,
          message: 'This action has no lead partner; name who is responsible.',
        });
    });
  },
});

export const outcomeMissing = defineRule({
  code: 'outcome-missing',
  severity: 'warning',
  family: 'completeness',
  description: 'An action row has no outcome or impact measure (where the sheet has that column).',
  fix: null,
  check({ model }, report) {
    forEachAction(model, ({ theme, at }) => {
      const outcome = at('outcome');
      if (outcome && isEmpty(outcome.value))
        report({ sheet: theme.name, cell: outcome.cell, message: 'This action has no outcome or impact measure.' });
    });
  },
});

export const evidenceMissing = defineRule({
  code: 'evidence-missing',
  severity: 'warning',
  family: 'completeness',
  description: 'An off-track or at-risk row (R or A) has no evidence or progress update (where that column exists).',
  fix: null,
  check({ model }, report) {
    forEachAction(model, ({ theme, action, at }) => {
      const evidence = at('evidence');
      const status = needsAttention(model, action);
      if (evidence && status && isEmpty(evidence.value))
        report({
          sheet: theme.name,
          cell: evidence.cell,
          message: `This action is rated ${status.name} but has no evidence or progress update; say what is happening.`,
        });
    });
  },
});

export const cellError = defineRule({
  code: 'cell-error',
  severity: 'error',
  family: 'completeness',
  description: 'A cell of an action row shows an Excel error (#REF!, #N/A, #VALUE!, #DIV/0!, #NAME?, #NULL!, #NUM!).',
  fix: null,
  check({ model }, report) {
    forEachAction(model, ({ theme, action }) => {
      (theme.layout.sheet.cells[action.row] ?? []).forEach((value, col) => {
        if (value.kind === 'error')
          report({
            sheet: theme.name,
            cell: address(action.row, col),
            message: `This cell shows the Excel error ${value.error}; correct the formula or type the value in.`,
          });
      });
    });
  },
});
