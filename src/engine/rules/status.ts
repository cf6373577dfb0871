// Rules about statuses and terms (SPEC §2.5): every action has one, on the board's scale, written as its code.
import type { ActionInfo, ThemeSheet } from '../model';
import { proposalSentence, proposeScale } from '../scale-proposal';
import { Scale, StatusInfo, builtInScale, statusOfFill } from '../scales';
import { address, displayText } from '../snapshot';
import { invisiblesIn, withoutInvisible } from '../invisible';
import { quoteCell } from '../quote';
import { defineRule, forEachAction, invisibleSentence, quote, statusNoun } from './rule';

const codesOf = (statuses: Array<{ code: string }>): string => statuses.map((s) => s.code).join(', ');

/**
 * The status an action's empty status cell shows by its fill alone (SPEC §2.5), if any: what
 * rag-colour-only reports instead of rag-missing, and why the summary leaves the row out.
 */
export function colourOnlyStatus(
  theme: ThemeSheet,
  action: ActionInfo,
  scale: Scale,
): { status: StatusInfo; colour: string } | undefined {
  if (action.rag.state !== 'missing') return undefined;
  const fill = theme.layout.sheet.fills[`${action.row},${action.statusCol}`];
  return fill === undefined ? undefined : statusOfFill(fill, scale);
}

export const ragMissing = defineRule({
  code: 'rag-missing',
  severity: 'error',
  family: 'status',
  description:
    'An action row has no status (and its cell’s fill shows none either); with a status per period, no period is filled (cell: the latest period any row filled).',
  fix: null,
  check({ model }, report) {
    const codes = codesOf(model.scale.statuses);
    forEachAction(model, ({ theme, action, required }) => {
      if (action.rag.state === 'missing' && !colourOnlyStatus(theme, action, model.scale))
        report({
          sheet: theme.name,
          cell: required('rag').cell,
          message: `This action has no ${statusNoun(model)} status; enter one of ${codes}.`,
        });
    });
  },
});

export const ragColourOnly = defineRule({
  code: 'rag-colour-only',
  severity: 'error',
  family: 'status',
  description:
    'A status shown only by the cell’s fill colour, which no one can filter, count or read with colour blindness.',
  fix: 'the code of the status whose colour the fill is; the fill stays',
  check({ model }, report) {
    forEachAction(model, ({ theme, action, required }) => {
      const shown = colourOnlyStatus(theme, action, model.scale);
      if (shown)
        report({
          sheet: theme.name,
          cell: required('rag').cell,
          message: `This action's status is shown only by the cell's colour, ${shown.colour}; write ${shown.status.code}${shown.status.name === shown.status.code ? '' : ` (${shown.status.name})`} in the cell so everyone can read, filter and count it.`,
          fix: shown.status.code,
        });
    });
  },
});

export const ragInvalid = defineRule({
  code: 'rag-invalid',
  severity: 'error',
  family: 'status',
  description:
    'A status value that is not on the board’s scale (nor a spelling of one of its statuses), in any period’s status cell.',
  fix: null,
  check({ model }, report) {
    const codes = codesOf(model.scale.statuses);
    const noun = statusNoun(model) === 'RAG' ? 'RAG value' : 'Status';
    // Where scale-mismatch proposes a scale (the board's own words, or a built-in one other than
    // ragb), a cell's hint to choose ragb or switch on W would contradict it: the proposal is the advice.
    let otherAdvice: boolean | undefined;
    const proposalContradicts = (): boolean => {
      if (otherAdvice === undefined) {
        const proposed = model.settings.warningsOff.includes('scale-mismatch') ? undefined : proposeScale(model);
        otherAdvice =
          proposed !== undefined &&
          ('proposal' in proposed || (proposed.reason === 'built-in' && proposed.scale !== 'ragb'));
      }
      return otherAdvice;
    };
    forEachAction(model, ({ theme, filledStatuses }) => {
      for (const cell of filledStatuses()) {
        const rag = cell.period.reading;
        if (rag.state !== 'invalid' || cell.value.kind === 'error') continue;
        const hint =
          !rag.offScale || proposalContradicts()
            ? ''
            : rag.offScale === 'B'
              ? ' B (complete) is on the ragb scale; choose that scale in the settings if the board uses it.'
              : ` ${rag.offScale} is not on this board's scale; switch it on in the settings if the board uses it.`;
        report({
          sheet: theme.name,
          cell: cell.cell,
          message: `${noun} ${quote(rag.found)} is not on the scale; use one of ${codes}.${hint}`,
        });
      }
    });
  },
});

export const ragNonstandard = defineRule({
  code: 'rag-nonstandard',
  severity: 'warning',
  family: 'status',
  description: 'A recognised spelling of a status that is not its code ("amber ", "Amb", "on-track"), in any period.',
  fix: 'the status’s code',
  check({ model }, report) {
    const noun = statusNoun(model) === 'RAG' ? 'RAG value' : 'Status';
    forEachAction(model, ({ theme, filledStatuses }) => {
      for (const cell of filledStatuses()) {
        const rag = cell.period.reading;
        if (rag.state !== 'valid' || rag.normal) continue;
        const found = displayText(cell.value);
        const invisible = invisiblesIn(found);
        const message =
          withoutInvisible(found).trim() !== rag.code
            ? `${noun} ${quoteCell(found, false)} should be written as the code ${rag.code}.`
            : invisible.length > 0
              ? `${noun} ${quoteCell(found, false)} has ${invisibleSentence(invisible)} in it; write just ${rag.code}.`
              : `${noun} ${quoteCell(found, false)} has spaces around it; write just ${rag.code}.`;
        report({ sheet: theme.name, cell: cell.cell, message, fix: rag.code });
      }
    });
  },
});

export const scaleMismatch = defineRule({
  code: 'scale-mismatch',
  severity: 'warning',
  family: 'status',
  description:
    'Most status values are not on the board’s scale but fit another built-in one, or are a few words of the board’s own, proposed as its scale (cell: the first status header).',
  fix: null,
  check({ model }, report) {
    const { themes, scale } = model;
    if (themes.length === 0) return;
    const first = themes[0].layout;
    const at = { sheet: first.sheet.name, cell: address(first.headerRow, first.columns.rag) };
    const proposed = proposeScale(model);
    if ('proposal' in proposed)
      report({
        ...at,
        message: `${proposalSentence(proposed.proposal, scale.name, true)} Choose it with the command line's settings --scale-from-values, or "Use these words as the scale" in the add-in.`,
      });
    else if (proposed.reason === 'built-in') {
      const better = builtInScale(proposed.scale, model.settings.ragWithW);
      report({
        ...at,
        message: `${proposed.invalid} of ${proposed.filled} status values are not on the ${scale.name} scale but fit the ${better.name} scale (${codesOf(better.statuses)}); choose it in the settings (scale: ${better.name}), or run the command line with --scale ${better.name}.`,
      });
    }
  },
});

export const termMissing = defineRule({
  code: 'term-missing',
  severity: 'warning',
  family: 'status',
  description: 'The sheet has a term column and an action row’s term is empty.',
  fix: null,
  check({ model }, report) {
    forEachAction(model, ({ theme, action, at }) => {
      const term = at('term');
      if (action.term?.state === 'missing' && term)
        report({
          sheet: theme.name,
          cell: term.cell,
          message: 'This action has no term; enter S, M or L (short, medium or long).',
        });
    });
  },
});

export const termInvalid = defineRule({
  code: 'term-invalid',
  severity: 'error',
  family: 'status',
  description: 'A term value not on the term scale (S, M, L, optionally followed by "c/f").',
  fix: null,
  check({ model }, report) {
    forEachAction(model, ({ theme, action, at }) => {
      const term = action.term;
      const cell = at('term');
      if (term?.state !== 'invalid' || !cell || cell.value.kind === 'error') return;
      report({
        sheet: theme.name,
        cell: cell.cell,
        message: `Term ${quote(term.found)} is not on the term scale; use S, M or L, with "c/f" after it if carried forward (e.g. "M c/f").`,
      });
    });
  },
});
