// Rules about what an action row must say: who leads it, how success is measured, what is happening.
import { address, isEmpty } from '../snapshot';
import { Rule, forEachAction } from './rule';
import { needsAttention } from './dates';

export const leadMissing: Rule = {
  code: 'lead-missing',
  severity: 'warning',
  family: 'completeness',
  description: 'An action row has no lead partner (where the sheet has a lead column).',
  fix: null,
  check({ analysis }, report) {
    forEachAction(analysis, ({ theme, at }) => {
      const lead = at('lead');
      if (lead && isEmpty(lead.value))
        report(theme.name, lead.cell, 'This action has no lead partner; name who is responsible.');
    });
  },
};

export const outcomeMissing: Rule = {
  code: 'outcome-missing',
  severity: 'warning',
  family: 'completeness',
  description: 'An action row has no outcome or impact measure (where the sheet has that column).',
  fix: null,
  check({ analysis }, report) {
    forEachAction(analysis, ({ theme, at }) => {
      const outcome = at('outcome');
      if (outcome && isEmpty(outcome.value))
        report(theme.name, outcome.cell, 'This action has no outcome or impact measure.');
    });
  },
};

export const evidenceMissing: Rule = {
  code: 'evidence-missing',
  severity: 'warning',
  family: 'completeness',
  description: 'An off-track or at-risk row (R or A) has no evidence or progress update (where that column exists).',
  fix: null,
  check({ analysis }, report) {
    forEachAction(analysis, ({ theme, action, at }) => {
      const evidence = at('evidence');
      const status = needsAttention(analysis, action);
      if (evidence && status && isEmpty(evidence.value))
        report(
          theme.name,
          evidence.cell,
          `This action is rated ${status.name} but has no evidence or progress update; say what is happening.`,
        );
    });
  },
};

export const cellError: Rule = {
  code: 'cell-error',
  severity: 'error',
  family: 'completeness',
  description: 'A cell of an action row shows an Excel error (#REF!, #N/A, #VALUE!, #DIV/0!, #NAME?, #NULL!, #NUM!).',
  fix: null,
  check({ analysis }, report) {
    forEachAction(analysis, ({ theme, action }) => {
      (theme.layout.sheet.cells[action.row] ?? []).forEach((value, col) => {
        if (value.kind === 'error')
          report(
            theme.name,
            address(action.row, col),
            `This cell shows the Excel error ${value.error}; correct the formula or type the value in.`,
          );
      });
    });
  },
};
