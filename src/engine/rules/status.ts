// Rules about statuses and terms (SPEC §2.5): every action has one, on the board's scale, written as its code.
import { betterScale } from '../scales';
import { address, cellAt, displayText } from '../snapshot';
import { Rule, forEachAction, quote, statusNoun } from './rule';

const codesOf = (statuses: Array<{ code: string }>): string => statuses.map((s) => s.code).join(', ');

export const ragMissing: Rule = {
  code: 'rag-missing',
  severity: 'error',
  family: 'status',
  description: 'An action row has no status (and its cell’s fill shows none either).',
  fix: null,
  check({ analysis }, report) {
    const codes = codesOf(analysis.scale.statuses);
    forEachAction(analysis, ({ theme, action, at }) => {
      if (action.rag.state === 'missing' && !action.colourOnly)
        report(
          theme.name,
          at('rag')!.cell,
          `This action has no ${statusNoun(analysis)} status; enter one of ${codes}.`,
        );
    });
  },
};

export const ragColourOnly: Rule = {
  code: 'rag-colour-only',
  severity: 'error',
  family: 'status',
  description:
    'A status shown only by the cell’s fill colour, which no one can filter, count or read with colour blindness.',
  fix: 'the code of the status whose colour the fill is; the fill stays',
  check({ analysis }, report) {
    forEachAction(analysis, ({ theme, action, at }) => {
      const shown = action.colourOnly;
      if (shown)
        report(
          theme.name,
          at('rag')!.cell,
          `This action's status is shown only by the cell's colour, ${shown.colour}; write ${shown.status.code}${shown.status.name === shown.status.code ? '' : ` (${shown.status.name})`} in the cell so everyone can read, filter and count it.`,
          shown.status.code,
        );
    });
  },
};

export const ragInvalid: Rule = {
  code: 'rag-invalid',
  severity: 'error',
  family: 'status',
  description: 'A status value that is not on the board’s scale (nor a spelling of one of its statuses).',
  fix: null,
  check({ analysis }, report) {
    const codes = codesOf(analysis.scale.statuses);
    const noun = statusNoun(analysis) === 'RAG' ? 'RAG value' : 'Status';
    forEachAction(analysis, ({ theme, action, at }) => {
      const { rag } = action;
      const cell = at('rag')!;
      if (rag.state !== 'invalid' || cell.value.kind === 'error') return;
      const hint =
        rag.offScale === 'B'
          ? ' B (complete) is on the ragb scale; choose that scale in the settings if the board uses it.'
          : rag.offScale
            ? ` ${rag.offScale} is not on this board's scale; switch it on in the settings if the board uses it.`
            : '';
      report(theme.name, cell.cell, `${noun} ${quote(rag.found)} is not on the scale; use one of ${codes}.${hint}`);
    });
  },
};

export const ragNonstandard: Rule = {
  code: 'rag-nonstandard',
  severity: 'warning',
  family: 'status',
  description: 'A recognised spelling of a status that is not its code ("amber ", "Amb", "on-track").',
  fix: 'the status’s code',
  check({ analysis }, report) {
    const noun = statusNoun(analysis) === 'RAG' ? 'RAG value' : 'Status';
    forEachAction(analysis, ({ theme, action, at }) => {
      const { rag } = action;
      if (rag.state !== 'valid' || rag.normal) return;
      const cell = at('rag')!;
      const found = displayText(cell.value);
      const message =
        found.trim() === rag.code
          ? `${noun} "${found}" has spaces around it; write just ${rag.code}.`
          : `${noun} "${found}" should be written as the code ${rag.code}.`;
      report(theme.name, cell.cell, message, rag.code);
    });
  },
};

export const scaleMismatch: Rule = {
  code: 'scale-mismatch',
  severity: 'warning',
  family: 'status',
  description:
    'Most status values are not on the board’s scale but fit another built-in one (cell: the first status header).',
  fix: null,
  check({ analysis }, report) {
    const { themes, scale, settings } = analysis;
    if (themes.length === 0) return;
    const filled = themes.flatMap((t) =>
      t.actions
        .filter((a) => a.rag.state !== 'missing')
        .map((a) => ({ state: a.rag.state, value: cellAt(t.layout.sheet, a.row, t.layout.columns.rag) })),
    );
    const invalid = filled.filter((f) => f.state === 'invalid').length;
    const better = betterScale(
      filled.map((f) => f.value),
      invalid,
      scale,
      settings.ragWithW,
    );
    if (!better) return;
    const first = themes[0].layout;
    report(
      first.sheet.name,
      address(first.headerRow, first.columns.rag),
      `${invalid} of ${filled.length} status values are not on the ${scale.name} scale but fit the ${better.name} scale (${codesOf(better.statuses)}); choose it in the settings (scale: ${better.name}), or run the command line with --scale ${better.name}.`,
    );
  },
};

export const termMissing: Rule = {
  code: 'term-missing',
  severity: 'warning',
  family: 'status',
  description: 'The sheet has a term column and an action row’s term is empty.',
  fix: null,
  check({ analysis }, report) {
    forEachAction(analysis, ({ theme, action, at }) => {
      if (action.term?.state === 'missing')
        report(theme.name, at('term')!.cell, 'This action has no term; enter S, M or L (short, medium or long).');
    });
  },
};

export const termInvalid: Rule = {
  code: 'term-invalid',
  severity: 'error',
  family: 'status',
  description: 'A term value not on the term scale (S, M, L, optionally followed by "c/f").',
  fix: null,
  check({ analysis }, report) {
    forEachAction(analysis, ({ theme, action, at }) => {
      const term = action.term;
      const cell = at('term');
      if (term?.state !== 'invalid' || !cell || cell.value.kind === 'error') return;
      report(
        theme.name,
        cell.cell,
        `Term ${quote(term.found)} is not on the term scale; use S, M or L, with "c/f" after it if carried forward (e.g. "M c/f").`,
      );
    });
  },
};
