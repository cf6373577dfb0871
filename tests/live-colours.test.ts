// The live colours checked with a real formula engine (HyperFormula), not with our own reading
// of the rules: on every action row of both examples, the status-cell rules pick exactly the
// row's status as the engine reads it, before and after a partner types a new one; and the
// drop-downs offer exactly the scale. The rules are taken from the .xlsx the host wrote.
import { HyperFormula } from 'hyperformula';
import {
  CellValue,
  SETTINGS_SHEET,
  StatusRule,
  analyse,
  colourPlan,
  isProformaRule,
  rangeAddress,
  readRag,
} from '../src/engine';
import { action, sheet, themeSheet, workbook } from './fixtures/snapshots';
import { applyPlan, readPackage } from '../src/hosts/xlsx';
import { EXAMPLE_DATE, exampleBytes } from './fixtures/examples';

const EXAMPLE_FILES = ['norfolk-2019-refresh.xlsx', 'quarterly-performance-report.xlsx'];

function raw(value: CellValue): string | number | boolean | null {
  switch (value.kind) {
    case 'text':
      // A leading "=" would be a formula to HyperFormula; a quote keeps it text, as in Excel.
      return /^[=+\-'@]/.test(value.text) || /^\s*[\d.]+\s*$/.test(value.text) ? `'${value.text}` : value.text;
    case 'number':
      return value.value;
    case 'boolean':
      return value.value;
    case 'date':
      return value.serial;
    default:
      return null;
  }
}

/** The rule's formula as Excel evaluates it for a cell of row `row`: relative rows move with the cell. */
function formulaAt(rule: StatusRule, row: number): string {
  const shift = row - rule.ranges[0].top;
  return `=${rule.formula.replace(/\$([A-Z]+)(\d+)/g, (_, col: string, r: string) => `$${col}${Number(r) + shift}`)}`;
}

function covers(rule: StatusRule, row: number, col: number): boolean {
  return rule.ranges.some((r) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right);
}

describe.each(EXAMPLE_FILES)('%s: live colours in a real formula engine', (file) => {
  const pkg = readPackage(exampleBytes(file));
  const analysis = analyse(pkg.snapshot, { today: EXAMPLE_DATE });
  const written = readPackage(applyPlan(pkg, colourPlan(analysis), EXAMPLE_DATE));
  const sheets = Object.fromEntries(written.snapshot.sheets.map((s) => [s.name, s.cells.map((line) => line.map(raw))]));
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
  afterAll(() => hf.destroy());

  const colouredSheets = written.snapshot.sheets.filter((s) => s.statusRules);
  const statusColumn = (rules: StatusRule[]): number => rules[0].ranges[0].left;

  it('writes Proforma’s rules into every theme sheet of the file', () => {
    expect(colouredSheets.map((s) => s.name)).toEqual(analysis.themes.map((t) => t.name));
    for (const s of colouredSheets) expect((s.statusRules ?? []).every((r) => isProformaRule(r.formula))).toBe(true);
  });

  /** For each action row: which statuses' cell rules are true, as HyperFormula computes them. */
  const firing = (sheetName: string, rules: StatusRule[], row: number): string[] => {
    const sheetId = hf.getSheetId(sheetName) as number;
    const col = statusColumn(rules);
    const codes = analysis.scale.statuses.map((s) => s.code);
    return rules
      .filter((_, i) => i % 2 === 0) // status-cell rules; each is followed by its row tint
      .map((rule, i) => ({ rule, code: codes[i] }))
      .filter(({ rule }) => covers(rule, row, col))
      .filter(({ rule }) => {
        const result = hf.calculateFormula(formulaAt(rule, row), sheetId);
        return typeof result === 'number' ? result !== 0 : result === true;
      })
      .map(({ code }) => code);
  };

  const expected = (value: CellValue): string[] => {
    const reading = readRag(value, analysis.scale);
    return reading.state === 'valid' ? [reading.code] : [];
  };

  it('picks exactly each action row’s status, and none where it is missing or not on the scale', () => {
    let checked = 0;
    for (const theme of analysis.themes) {
      const rules = written.snapshot.sheets.find((s) => s.name === theme.name)?.statusRules ?? [];
      const col = statusColumn(rules);
      for (const action of theme.layout.actions) {
        const value = theme.layout.sheet.cells[action.row]?.[col] ?? { kind: 'empty' };
        expect([theme.name, action.row, firing(theme.name, rules, action.row)]).toEqual([
          theme.name,
          action.row,
          expected(value),
        ]);
        // Every row tint covers the row's action text, unless that cell is merged across rows.
        const actionsCol = theme.layout.columns.actions;
        const merged = theme.layout.sheet.merges.some(
          (m) =>
            m.bottom > m.top &&
            action.row >= m.top &&
            action.row <= m.bottom &&
            actionsCol >= m.left &&
            actionsCol <= m.right,
        );
        for (const tint of rules.filter((_, i) => i % 2 === 1))
          expect(covers(tint, action.row, actionsCol)).toBe(!merged);
        checked++;
      }
    }
    expect(checked).toBe(analysis.themes.reduce((n, t) => n + t.layout.actions.length, 0));
    expect(checked).toBeGreaterThan(10);
  });

  it('follows a status a partner types afterwards, however it is spelt', () => {
    const theme = analysis.themes[0];
    const rules = written.snapshot.sheets.find((s) => s.name === theme.name)?.statusRules ?? [];
    const col = statusColumn(rules);
    const row = theme.layout.actions[0].row;
    const sheetId = hf.getSheetId(theme.name) as number;
    for (const typed of ['amber ', 'GREEN', ' r', 'Withdrawn', 'Red/Amber', '', 'B']) {
      hf.setCellContents({ sheet: sheetId, row, col }, [[typed === '' ? null : typed]]);
      const value: CellValue = typed === '' ? { kind: 'empty' } : { kind: 'text', text: typed };
      expect([typed, firing(theme.name, rules, row)]).toEqual([typed, expected(value)]);
    }
  });

  it('offers exactly the scale in the status drop-down, over the status cells the rules cover', () => {
    for (const s of colouredSheets) {
      const rules = s.statusRules ?? [];
      const status = (s.dropDowns ?? []).find((d) => d.values.includes('R'));
      expect(status?.values).toEqual(analysis.scale.statuses.map((s) => s.code));
      expect(status?.ranges.map(rangeAddress)).toEqual(rules[0].ranges.map(rangeAddress));
    }
  });
});

describe.each([
  ['track', [['scale', 'track']], ['On track', 'on-track', 'OFF TRACK', ' At Risk ', 'Completed', 'G', 'Red', '']],
  [
    'a 1–4 score of the board’s own',
    [
      ['scale', 'custom'],
      ['status:1', 'off-track; Not started; No progress; #D4351C; not started'],
      ['status:2', 'at-risk; Some progress; Behind; #F47738'],
      ['status:3', 'on-track; Good progress; On plan; #00703C'],
      ['status:4', 'complete; Done; Delivered; #1D70B8; done'],
    ],
    [1, '2', 3, 4, ' Done', 'not started', 5, '1.0', ''],
  ],
] as const)('the %s scale in a real formula engine', (_name, pairs, statuses) => {
  const settings = sheet(
    SETTINGS_SHEET,
    pairs.map(([k, v]) => [k, v]),
  );
  const plan = themeSheet(
    'Plan',
    statuses.map((s, i) => action(`P${i + 1}`, s)),
  );
  const snapshot = workbook(plan, settings);
  const analysis = analyse(snapshot, { today: EXAMPLE_DATE });
  const edit = colourPlan(analysis).edits.find((e) => e.kind === 'live-colours');
  const rules = edit?.kind === 'live-colours' ? edit.rules : [];
  const hf = HyperFormula.buildFromSheets({ Plan: plan.cells.map((line) => line.map(raw)) }, { licenseKey: 'gpl-v3' });
  afterAll(() => hf.destroy());

  it('picks exactly the status the engine reads, for numbers and words however written', () => {
    expect(analysis.settingsProblems).toEqual([]);
    const codes = analysis.scale.statuses.map((s) => s.code);
    for (const action of analysis.themes[0].actions) {
      const value = plan.cells[action.row][5];
      const fired = rules
        .filter((_, i) => i % 2 === 0)
        .map((rule, i) => ({ rule, code: codes[i] }))
        .filter(({ rule }) => {
          const result = hf.calculateFormula(formulaAt(rule, action.row), 0);
          return typeof result === 'number' ? result !== 0 : result === true;
        })
        .map(({ code }) => code);
      const reading = readRag(value, analysis.scale);
      expect([value, fired]).toEqual([value, reading.state === 'valid' ? [reading.code] : []]);
    }
    // Something of each kind: valid, invalid, missing.
    const states = analysis.themes[0].actions.map((a) => a.rag.state);
    expect(new Set(states)).toEqual(new Set(['valid', 'invalid', 'missing']));
  });
});

describe.each(EXAMPLE_FILES)('%s: a partner’s action added below the last one, after colouring', (file) => {
  // Coloured by the .xlsx host; then a partner types a new action in the first empty row under
  // each table, in the written file (the host patches those cells in, as Excel would save them).
  const pkg = readPackage(exampleBytes(file));
  const analysis = analyse(pkg.snapshot, { today: EXAMPLE_DATE });
  const coloured = readPackage(applyPlan(pkg, colourPlan(analysis), EXAMPLE_DATE));
  const typed = ['Amber', 'g', ' R '];
  const added = analysis.themes.map((theme, i) => {
    const { columns, actions } = theme.layout;
    return { sheet: theme.name, row: actions[actions.length - 1].row + 1, columns, status: typed[i % typed.length] };
  });
  const edits = added.flatMap(({ sheet, row, columns, status }) =>
    (
      [
        [columns.actions, 'Run a drop-in for families of prisoners'],
        [columns.lead ?? columns.actions + 1, 'Voluntary sector'],
        [columns.rag, status],
      ] as Array<[number, string]>
    ).map(([col, value]) => ({
      kind: 'set-value' as const,
      sheet,
      row,
      col,
      expect: { kind: 'empty' as const },
      value,
    })),
  );
  const withRow = readPackage(applyPlan(coloured, { description: 'A partner adds a row', edits }, EXAMPLE_DATE));
  const sheets = Object.fromEntries(withRow.snapshot.sheets.map((s) => [s.name, s.cells.map((line) => line.map(raw))]));
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
  afterAll(() => hf.destroy());

  it('is an action of the plan, and colouring again writes nothing: the rules and lists already cover it', () => {
    const again = analyse(withRow.snapshot, { today: EXAMPLE_DATE });
    for (const { sheet, row } of added)
      expect(again.themes.find((t) => t.name === sheet)?.actions.some((a) => a.row === row)).toBe(true);
    expect(colourPlan(again).edits).toEqual([]);
  });

  it('takes its status colour on the status cell and its tint across the row, as a formula engine evaluates the rules', () => {
    for (const { sheet, row, columns, status } of added) {
      const rules = withRow.snapshot.sheets.find((s) => s.name === sheet)?.statusRules ?? [];
      const sheetId = hf.getSheetId(sheet) as number;
      const code = (readRag({ kind: 'text', text: status }, analysis.scale) as { code: string }).code;
      const fired = (col: number, strong: boolean) =>
        rules
          .map((rule, i) => ({ rule, code: analysis.scale.statuses[Math.floor(i / 2)].code, strong: i % 2 === 0 }))
          .filter((r) => r.strong === strong && covers(r.rule, row, col))
          .filter(({ rule }) => {
            const result = hf.calculateFormula(formulaAt(rule, row), sheetId);
            return typeof result === 'number' ? result !== 0 : result === true;
          })
          .map((r) => r.code);
      expect([sheet, status, fired(columns.rag, true)]).toEqual([sheet, status, [code]]);
      expect([sheet, status, fired(columns.actions, false)]).toEqual([sheet, status, [code]]);
      const fill = analysis.scale.statuses.find((s) => s.code === code)?.colour;
      expect(rules.find((r) => covers(r, row, columns.rag) && r.fill === fill)).toBeDefined();
    }
  });

  it('lies inside the status drop-down of the scale, and the term list where the sheet has a term column', () => {
    for (const { sheet, row, columns } of added) {
      const lists = withRow.snapshot.sheets.find((s) => s.name === sheet)?.dropDowns ?? [];
      const status = lists.find((d) => d.values.join(',') === analysis.scale.statuses.map((s) => s.code).join(','));
      expect([sheet, status?.ranges.some((r) => row >= r.top && row <= r.bottom && columns.rag === r.left)]).toEqual([
        sheet,
        true,
      ]);
      if (columns.term !== undefined) {
        const term = lists.find((d) => d.values.includes('S c/f'));
        expect(term?.ranges.some((r) => row >= r.top && row <= r.bottom && r.left === columns.term)).toBe(true);
      }
    }
  });
});
