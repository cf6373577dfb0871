// The pane's and the ribbon's operations: what a rebuild says when it left rows
// out of the overview's status or term columns; recording a baseline in Excel.
import { createOperations, fileNameOf } from '../src/addin/operations';
import { BASELINE_SHEET, analyse, baselinePlan, displayText, leftOutExplanation } from '../src/engine';
import type { LeftOut, WorkbookSnapshot } from '../src/engine';
import { readSnapshot, runInExcel } from '../src/hosts/excel';
import * as xlsx from '../src/hosts/xlsx';
import { EXAMPLE_DATE, exampleBytes, exampleSnapshot } from './fixtures/examples';
import { action, themeSheet, workbook } from './fixtures/snapshots';
import { FakeExcel } from './fake-excel';
import { loadSnapshot } from './fake-excel/from-snapshot';

const leftOut = (cell: string, reason: LeftOut['reason'], sheet = 'Prevention'): LeftOut => ({
  sheet,
  cell,
  reason,
  column: reason.startsWith('term') || reason === 'no term column' ? 'term' : 'status',
});

describe('leftOutExplanation', () => {
  it('is empty when no row was left out', () => {
    expect(leftOutExplanation([])).toBe('');
  });

  it('says why one row was left out, each reason once', () => {
    expect(leftOutExplanation([leftOut('F9', 'RAG invalid'), leftOut('E9', 'term missing')])).toBe(
      'The row left out has a status not on the scale and has no term; correct it and rebuild.',
    );
  });

  it('counts rows per reason, the most common first, with the verb agreeing', () => {
    expect(
      leftOutExplanation([
        leftOut('F4', 'RAG missing'),
        leftOut('F6', 'status shown only by colour'),
        leftOut('F7', 'status shown only by colour', 'Diversion'),
      ]),
    ).toBe('Of the rows left out, 2 show their status only by colour and 1 has no status; correct them and rebuild.');
  });
});

describe('rebuild', () => {
  const run = async (snapshot: Parameters<typeof loadSnapshot>[1]) => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    loadSnapshot(fake.state, snapshot);
    return createOperations(fake, () => EXAMPLE_DATE).rebuild();
  };

  it('is a warning, saying how many rows were left out and why, when the overview cannot place them', async () => {
    const done = await run(exampleSnapshot('norfolk-2019-refresh.xlsx'));
    expect(done.intent).toBe('warning');
    expect(done.message).toMatch(/2 rows left out/);
    expect(done.message).toMatch(
      /Of the rows left out, 1 has a status not on the scale and 1 has no status; correct them and rebuild\.$/,
    );
  });

  it('is a plain success when every row was placed', async () => {
    const done = await run(workbook(themeSheet('Prevention', [action('PE1'), action('PE2', 'A')])));
    expect(done.intent).toBe('success');
    expect(done.message).not.toMatch(/left out,/);
  });
});

describe('the overview built in Excel is titled with the workbook’s file name where its sheets give no title', () => {
  it('reads the file name from the document’s path or URL', () => {
    expect(fileNameOf('https://board.sharepoint.com/sites/rob/Shared%20Documents/ROB%20plan%202026.xlsx?web=1')).toBe(
      'ROB plan 2026.xlsx',
    );
    expect(fileNameOf('C:\\Users\\sec\\Documents\\Action plan.xlsm')).toBe('Action plan.xlsm');
    expect(fileNameOf('/Users/sec/plan.xlsx')).toBe('plan.xlsx');
    expect(fileNameOf('')).toBeUndefined();
    expect(fileNameOf(undefined)).toBeUndefined();
  });

  it('titles the rebuilt overview with it', async () => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    loadSnapshot(fake.state, workbook(themeSheet('Prevention', [action('PE1')])));
    const operations = createOperations(
      fake,
      () => EXAMPLE_DATE,
      () => 'https://board.sharepoint.com/sites/rob/Shared%20Documents/ROB%20plan%202026.xlsx',
    );
    await operations.rebuild();
    expect(fake.state.value('Overview', 'A1')).toBe('ROB plan 2026 — overview, Q3 2026/27');
  });
});

describe('Record baseline', () => {
  it('records the plan in Excel as the CLI does, reads it back, and replaces it the next quarter', async () => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    const snapshot = exampleSnapshot('quarterly-performance-report.xlsx');
    loadSnapshot(fake.state, snapshot);
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    const first = await operations.recordBaseline('Q2 2026/27');
    expect(first.message).toBe(
      'Baseline "Q2 2026/27" recorded: 25 actions. Next quarter, compare the plan with it to see what moved; until partners write new updates, those of actions off track or at risk show as unchanged.',
    );
    expect(fake.state.sheets.map((s) => s.name).pop()).toBe(BASELINE_SHEET);
    expect(fake.state.sheet(BASELINE_SHEET)?.visibility).toBe('VeryHidden');
    // What the pane shows after it (predicted) is what a fresh check reads.
    const checked = await operations.check();
    expect(checked.analysis.movement).toEqual(first.result.analysis.movement);
    expect(checked.analysis.movement?.since).toMatchObject({ kind: 'baseline', label: 'Q2 2026/27' });
    // The same rows as the .xlsx host writes for the same plan.
    const inFile = xlsx.readPackage(
      xlsx.applyPlan(
        xlsx.readPackage(exampleBytes('quarterly-performance-report.xlsx')),
        baselinePlan(analyse(snapshot, { today: EXAMPLE_DATE }), snapshot, 'Q2 2026/27', EXAMPLE_DATE),
        EXAMPLE_DATE,
      ),
    ).snapshot;
    // Rows of text, as each host reads them (Excel reads a rectangle: trailing blanks left out).
    const rows = (s: WorkbookSnapshot) =>
      s.sheets
        .find((sheet) => sheet.name === BASELINE_SHEET)!
        .cells.map((r) => r.map(displayText).join('\t').replace(/\t+$/, ''));
    const { snapshot: inExcel } = await runInExcel(fake, (context) => readSnapshot(context));
    expect(rows(inExcel)).toEqual(rows(inFile));
    // The next quarter: a status moves, and a new baseline replaces the first.
    fake.state.set('Prevention', 'G4', 'R');
    const moved = await operations.check();
    expect(moved.analysis.movement?.actions.filter((c) => c.change === 'status')).toEqual([
      expect.objectContaining({ sheet: 'Prevention', cell: 'G4', from: 'G', to: 'R', direction: 'worse' }),
    ]);
    const next = await operations.recordBaseline('Q3 2026/27');
    expect(next.message).toMatch(/^Baseline "Q3 2026\/27" recorded: 25 actions, replacing the one recorded before\./);
    expect(fake.state.sheets.filter((s) => s.name === BASELINE_SHEET)).toHaveLength(1);
    expect(fake.state.value(BASELINE_SHEET, 'B2')).toBe('Q3 2026/27');
    expect((await operations.check()).analysis.movement?.actions.filter((c) => c.change === 'status')).toEqual([]);
  });

  it('refuses a blank label, writing nothing', async () => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    loadSnapshot(fake.state, exampleSnapshot('quarterly-performance-report.xlsx'));
    await expect(createOperations(fake, () => EXAMPLE_DATE).recordBaseline('  ')).rejects.toThrow(
      'A baseline needs a label naming the period, e.g. "Q3 2026/27". Nothing was written.',
    );
    expect(fake.state.sheet(BASELINE_SHEET)).toBeUndefined();
  });
});
