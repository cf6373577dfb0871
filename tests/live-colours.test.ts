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
    return (
      rules
        // Status-cell rules: one a status, in scale order, all ahead of the row tints (they set a text colour).
        .filter((rule) => rule.fontColour !== undefined)
        .map((rule, i) => ({ rule, code: codes[i] }))
        .filter(({ rule }) => covers(rule, row, col))
        .filter(({ rule }) => {
          const result = hf.calculateFormula(formulaAt(rule, row), sheetId);
          return typeof result === 'number' ? result !== 0 : result === true;
        })
        .map(({ code }) => code)
    );
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
        for (const tint of rules.filter((r) => r.fontColour === undefined))
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
        .filter((rule) => rule.fontColour !== undefined)
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

describe('a status per quarter in a real formula engine (partnership-quarterly-tracker.xlsx)', () => {
  const file = 'partnership-quarterly-tracker.xlsx';
  const pkg = readPackage(exampleBytes(file));
  const analysis = analyse(pkg.snapshot, { today: EXAMPLE_DATE });
  const written = readPackage(applyPlan(pkg, colourPlan(analysis), EXAMPLE_DATE));
  const sheets = Object.fromEntries(written.snapshot.sheets.map((s) => [s.name, s.cells.map((line) => line.map(raw))]));
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
  afterAll(() => hf.destroy());
  const codes = analysis.scale.statuses.map((s) => s.code);

  /** The statuses whose rules of one kind (cell colours: with a font colour; row tints: without) fire at a cell. */
  const firing = (sheetName: string, row: number, col: number, kind: 'cell' | 'tint'): string[] => {
    const rules = written.snapshot.sheets.find((s) => s.name === sheetName)?.statusRules ?? [];
    const sheetId = hf.getSheetId(sheetName) as number;
    return rules
      .filter((rule) => (kind === 'cell') === (rule.fontColour !== undefined) && covers(rule, row, col))
      .filter((rule) => {
        const result = hf.calculateFormula(formulaAt(rule, row), sheetId);
        return typeof result === 'number' ? result !== 0 : result === true;
      })
      .map((rule) => codes[analysis.scale.statuses.findIndex((s) => s.tint === rule.fill || s.colour === rule.fill)]);
  };
  const valid = (reading: { state: string; code?: string }): string[] =>
    reading.state === 'valid' ? [reading.code as string] : [];

  it('colours each quarter’s cell by its own status and tints each row by its current status', () => {
    let rows = 0;
    for (const theme of analysis.themes) {
      expect(theme.layout.status).toHaveLength(4);
      for (const action of theme.actions) {
        for (const period of action.periods)
          expect([theme.name, action.row, period.label, firing(theme.name, action.row, period.col, 'cell')]).toEqual([
            theme.name,
            action.row,
            period.label,
            valid(period.reading),
          ]);
        expect([theme.name, action.row, firing(theme.name, action.row, theme.layout.columns.actions, 'tint')]).toEqual([
          theme.name,
          action.row,
          valid(action.rag),
        ]);
        rows++;
      }
    }
    expect(rows).toBe(10);
    // Rows whose current status is a later quarter than another row's: the tint follows each row's own latest.
    expect(new Set(analysis.themes.flatMap((t) => t.actions.map((a) => a.current?.label ?? null)))).toEqual(
      new Set(['RAG status Q3', 'RAG status Q2', null, 'Q3 RAG', 'Q2 RAG']),
    );
  });

  it('shows each quarter’s own colour where rules overlap: a status cell’s strong colour wins over any row tint', () => {
    // Rules in priority order; the first whose formula holds sets the cell's fill (and Excel adds only
    // what does not conflict from the rest), so the winner is what the cell shows.
    const winner = (sheetName: string, row: number, col: number): string | undefined => {
      const rules = written.snapshot.sheets.find((s) => s.name === sheetName)?.statusRules ?? [];
      const sheetId = hf.getSheetId(sheetName) as number;
      return rules.find((rule) => {
        if (!covers(rule, row, col)) return false;
        const result = hf.calculateFormula(formulaAt(rule, row), sheetId);
        return typeof result === 'number' ? result !== 0 : result === true;
      })?.fill;
    };
    let differing = 0;
    for (const theme of analysis.themes)
      for (const action of theme.actions) {
        const { rag } = action;
        const tint = rag.state === 'valid' ? analysis.scale.statuses.find((s) => s.code === rag.code)?.tint : undefined;
        for (const period of action.periods) {
          const shown = winner(theme.name, action.row, period.col);
          // A rated quarter shows its own strong colour; an empty or unreadable one, the row's tint.
          const expected =
            period.reading.state === 'valid'
              ? analysis.scale.statuses.find((s) => s.code === (period.reading as { code: string }).code)?.colour
              : tint;
          expect([theme.name, action.row, period.label, shown]).toEqual([
            theme.name,
            action.row,
            period.label,
            expected,
          ]);
          if (
            period.reading.state === 'valid' &&
            action.rag.state === 'valid' &&
            period.reading.code !== action.rag.code
          )
            differing++;
        }
      }
    // The example has quarters rated otherwise than the row's current status: the case that matters.
    expect(differing).toBeGreaterThan(0);
  });

  it('follows a partner who reports the next quarter, and falls back when they clear it', () => {
    const theme = analysis.themes[0];
    const action = theme.actions[0];
    const q4 = theme.layout.status[3].col;
    const sheetId = hf.getSheetId(theme.name) as number;
    const tint = () => firing(theme.name, action.row, theme.layout.columns.actions, 'tint');
    expect(tint()).toEqual(['G']);
    for (const [typed, expected] of [
      ['R', ['R']],
      [' amber', ['A']],
      ['Purple', []],
      ['   ', ['G']],
      [null, ['G']],
    ] as const) {
      hf.setCellContents({ sheet: sheetId, row: action.row, col: q4 }, [[typed]]);
      expect([typed, tint()]).toEqual([typed, expected]);
    }
  });

  it('is written once: colouring the coloured file again changes nothing', () => {
    const again = colourPlan(analyse(written.snapshot, { today: EXAMPLE_DATE }));
    expect(again.edits).toEqual([]);
  });
});

describe.each([...EXAMPLE_FILES, 'partnership-quarterly-tracker.xlsx'])(
  '%s: a partner’s action added below the last one, after colouring',
  (file) => {
    // Coloured by the .xlsx host; then a partner types a new action in the first empty row under
    // each table, in the written file (the host patches those cells in, as Excel would save them).
    const pkg = readPackage(exampleBytes(file));
    const analysis = analyse(pkg.snapshot, { today: EXAMPLE_DATE });
    const coloured = readPackage(applyPlan(pkg, colourPlan(analysis), EXAMPLE_DATE));
    const typed = ['Amber', 'g', ' R '];
    const added = analysis.themes.map((theme, i) => {
      const { columns, actions, status } = theme.layout;
      // Typed in the latest period's column where the sheet keeps a status per period.
      const statusCol = status[status.length - 1].col;
      return {
        sheet: theme.name,
        row: actions[actions.length - 1].row + 1,
        columns,
        statusCol,
        status: typed[i % typed.length],
      };
    });
    const edits = added.flatMap(({ sheet, row, columns, statusCol, status }) =>
      (
        [
          [columns.actions, 'Run a drop-in for families of prisoners'],
          [columns.lead ?? columns.actions + 1, 'Voluntary sector'],
          [statusCol, status],
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
    const sheets = Object.fromEntries(
      withRow.snapshot.sheets.map((s) => [s.name, s.cells.map((line) => line.map(raw))]),
    );
    const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
    afterAll(() => hf.destroy());

    it('is an action of the plan, and colouring again writes nothing: the rules and lists already cover it', () => {
      const again = analyse(withRow.snapshot, { today: EXAMPLE_DATE });
      for (const { sheet, row } of added)
        expect(again.themes.find((t) => t.name === sheet)?.actions.some((a) => a.row === row)).toBe(true);
      expect(colourPlan(again).edits).toEqual([]);
    });

    it('takes its status colour on the status cell and its tint across the row, as a formula engine evaluates the rules', () => {
      for (const { sheet, row, columns, statusCol, status } of added) {
        const rules = withRow.snapshot.sheets.find((s) => s.name === sheet)?.statusRules ?? [];
        const sheetId = hf.getSheetId(sheet) as number;
        const code = (readRag({ kind: 'text', text: status }, analysis.scale) as { code: string }).code;
        // A status cell's rule has a font colour; a row's tint has none. The fill says whose status.
        const fired = (col: number, strong: boolean) =>
          rules
            .map((rule) => ({
              rule,
              code: analysis.scale.statuses.find((s) => s.colour === rule.fill || s.tint === rule.fill)?.code,
              strong: rule.fontColour !== undefined,
            }))
            .filter((r) => r.strong === strong && covers(r.rule, row, col))
            .filter(({ rule }) => {
              const result = hf.calculateFormula(formulaAt(rule, row), sheetId);
              return typeof result === 'number' ? result !== 0 : result === true;
            })
            .map((r) => r.code);
        expect([sheet, status, fired(statusCol, true)]).toEqual([sheet, status, [code]]);
        expect([sheet, status, fired(columns.actions, false)]).toEqual([sheet, status, [code]]);
        const fill = analysis.scale.statuses.find((s) => s.code === code)?.colour;
        expect(rules.find((r) => covers(r, row, statusCol) && r.fill === fill)).toBeDefined();
      }
    });

    it('lies inside the status drop-down of the scale, and the term list where the sheet has a term column', () => {
      for (const { sheet, row, columns, statusCol } of added) {
        const lists = withRow.snapshot.sheets.find((s) => s.name === sheet)?.dropDowns ?? [];
        const status = lists.find((d) => d.values.join(',') === analysis.scale.statuses.map((s) => s.code).join(','));
        expect([sheet, status?.ranges.some((r) => row >= r.top && row <= r.bottom && statusCol === r.left)]).toEqual([
          sheet,
          true,
        ]);
        if (columns.term !== undefined) {
          const term = lists.find((d) => d.values.includes('S c/f'));
          expect(term?.ranges.some((r) => row >= r.top && row <= r.bottom && r.left === columns.term)).toBe(true);
        }
      }
    });
  },
);
