// The pane's and the ribbon's operations: what a rebuild says when it left rows
// out of the overview's status or term columns.
import { createOperations, fileNameOf } from '../src/addin/operations';
import { leftOutExplanation } from '../src/engine';
import type { LeftOut } from '../src/engine';
import { EXAMPLE_DATE, exampleSnapshot } from './fixtures/examples';
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
