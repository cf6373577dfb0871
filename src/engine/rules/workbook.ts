// Rules about the workbook as a whole: which sheets hold a plan, the overview, the settings.
import { isBaselineSheet } from '../baseline';
import { isBoardOverviewName } from '../headings';
import { REQUIRED_ROLES, ROLE_NAMES, Role } from '../layout';
import { buildOverview, isOverviewStale } from '../overview';
import { SETTINGS_SHEET } from '../settings';
import { address } from '../snapshot';
import { defineRule, listOf, quote } from './rule';

export const sheetSkipped = defineRule({
  code: 'sheet-skipped',
  severity: 'info',
  family: 'workbook',
  description: 'A sheet has no proforma header row in its first 30 rows, so it is not checked (cell A1).',
  fix: null,
  check({ skipped, model }, report) {
    for (const { name, table } of skipped)
      if (!table)
        report({
          sheet: name,
          cell: 'A1',
          message: isBoardOverviewName(name, model.settings.overviewName)
            ? `Sheet "${name}" looks like the board's own overview: it is kept as it is and not checked (Rebuild makes Proforma's own overview).`
            : `Sheet "${name}" has no action-plan header row (a row with Ref, Actions, RAG and similar headings) in its first 30 rows, so it was not checked.`,
        });
  },
});

export const sheetUnrecognised = defineRule({
  code: 'sheet-unrecognised',
  severity: 'warning',
  family: 'workbook',
  description:
    'A sheet looks like a table of actions but has no proforma header row; says what was found and how to map the rest.',
  fix: null,
  check({ skipped }, report) {
    for (const { name, table } of skipped) {
      if (!table) continue;
      const found = (Object.entries(table.columns) as Array<[Role, number]>).map(
        ([role, col]) => `${ROLE_NAMES[role]} (${quote(table.headers.find((h) => h.col === col)?.text ?? '')})`,
      );
      const missing = REQUIRED_ROLES.filter((role) => table.columns[role] === undefined).map(
        (role) => ROLE_NAMES[role],
      );
      const mapped = new Set(Object.values(table.columns));
      const periods = new Set(table.periods);
      const others = table.headers.filter((h) => !mapped.has(h.col) && !periods.has(h.text)).map((h) => quote(h.text));
      const periodNote =
        table.periods.length > 0
          ? ` Its period headings ${listOf(table.periods.map(quote))} stand under or beside no status heading: if they hold statuses, map each to rag (column:${table.periods[0]} = rag).`
          : '';
      report({
        sheet: name,
        cell: address(table.row, table.firstCol),
        message:
          `This looks like a table of actions, but it was not checked: ${found.length > 0 ? `its headings give ${listOf(found)}` : 'none of its headings was recognised'}${missing.length > 0 ? `, and no ${listOf(missing)} column` : ''}.${periodNote} ` +
          `Map its headings in the settings (column:<heading> = ref, actions, rag, lead …)${others.length > 0 ? `; headings not recognised: ${others.slice(0, 6).join(', ')}${others.length > 6 ? ' …' : ''}` : ''}.`,
      });
    }
  },
});

export const columnMissing = defineRule({
  code: 'column-missing',
  severity: 'error',
  family: 'workbook',
  description:
    'A proforma sheet lacks an actions or status column; nothing else is checked there (cell: the header row’s first heading).',
  fix: null,
  check({ model }, report) {
    for (const sheet of model.incomplete) {
      // How to map it, as sheet-unrecognised says, and what each other heading was read as: the
      // statuses may sit under a heading taken for another role ("Progress score" as evidence).
      const { headings, columns } = sheet.layout;
      const roleOf = new Map((Object.entries(columns) as Array<[Role, number]>).map(([r, col]) => [col, r]));
      const candidates = headings.filter((h) => h.text.trim() !== '' && roleOf.get(h.col) !== 'actions');
      const read = candidates.map((h) => `${quote(h.text)} ${roleOf.get(h.col) ?? 'not used'}`);
      const missing = sheet.missing.map((r) => ROLE_NAMES[r]).join(', ');
      const mappings = sheet.missing.map((r) => `column:<heading> = ${r}`).join(', ');
      report({
        sheet: sheet.name,
        cell: sheet.headerCell,
        message:
          `The header row has no ${missing} column${sheet.missing.length > 1 ? 's' : ''}, so this sheet's actions cannot be checked or counted; ` +
          `map the heading that holds ${sheet.missing.length > 1 ? 'them' : 'it'} in the settings (${mappings})${read.length > 0 ? `; its headings were read as: ${read.slice(0, 6).join(', ')}${read.length > 6 ? ' …' : ''}` : ''}.`,
      });
    }
  },
});

export const noProforma = defineRule({
  code: 'no-proforma',
  severity: 'error',
  family: 'workbook',
  description: 'No sheet of the workbook holds an action plan (cell: A1 of the first sheet).',
  fix: null,
  check({ model, snapshot, skipped }, report) {
    if (model.themes.length > 0 || model.incomplete.length > 0) return;
    const first =
      snapshot.sheets.find((s) => s.name !== SETTINGS_SHEET && !isBaselineSheet(s.name)) ?? snapshot.sheets[0];
    if (!first) return;
    const tables = skipped.filter((s) => s.table).map((s) => `"${s.name}"`);
    report({
      sheet: first.name,
      cell: 'A1',
      message: `No sheet of this workbook holds an action plan that could be read, so nothing was checked or counted${tables.length > 0 ? `; ${listOf(tables)} look${tables.length === 1 ? 's' : ''} like a plan: map ${tables.length === 1 ? 'its' : 'their'} headings in the settings` : '; a plan needs a header row with Actions and Status (or RAG) headings, and a third such as Ref or Lead'}.`,
    });
  },
});

export const overviewStale = defineRule({
  code: 'overview-stale',
  severity: 'warning',
  family: 'workbook',
  description: 'The overview Proforma built no longer matches the theme sheets (cell: the overview’s A1).',
  fix: null,
  check({ model, today }, report) {
    const sheet = model.overviewSheet;
    if (sheet && isOverviewStale(sheet, buildOverview(model, today)))
      report({
        sheet: sheet.name,
        cell: 'A1',
        message: 'The overview no longer matches the theme sheets; rebuild it before sending.',
      });
  },
});

export const settingsInvalid = defineRule({
  code: 'settings-invalid',
  severity: 'error',
  family: 'workbook',
  // Spelled out: the settings sheet's name is not needed to describe the rule.
  description: 'A setting that cannot be used; it is not acted on (cell: its value on the ProformaSettings sheet).',
  fix: null,
  check({ settingsProblems }, report) {
    for (const problem of settingsProblems)
      report({ sheet: SETTINGS_SHEET, cell: address(problem.pair, 1), message: problem.message });
  },
});
