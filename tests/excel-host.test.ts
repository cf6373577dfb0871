// The Office.js host against the in-memory fake Excel: the whole read → check →
// fix/colour/rebuild cycle gives the same results as the .xlsx host, in a fixed
// number of syncs; and the errors a user can hit come out clear and change nothing.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../src/cli';
import * as xlsxBuild from './fixtures/xlsx-build';
import {
  Analysis,
  SETTINGS_SHEET,
  STATUSES,
  settingsRows,
  WorkbookSnapshot,
  analyse,
  colourPlan,
  displayText,
  fixPlan,
  mergesNeeded,
  rebuildPlan,
} from '../src/engine';
import {
  ReadReceipt,
  applyPlan,
  applyStructure,
  readMerges,
  contentOf,
  firstWindow,
  structureOf,
  readSnapshot,
  styledAreas,
  runInExcel,
  selectCell,
  writePlan,
  writeSettings,
} from '../src/hosts/excel';
import * as xlsx from '../src/hosts/xlsx';
import { createOperations } from '../src/addin/operations';
import { EXAMPLES, EXAMPLE_DATE, exampleBytes, exampleSnapshot } from './fixtures/examples';
import { FakeExcel, FakeOfficeError, newSheet } from './fake-excel';
import { loadSnapshot } from './fake-excel/from-snapshot';
import { matrixProblems, readMatrix } from './fixtures/overview-matrix';

async function fakeWith(file: string, supports: Record<string, string> = { ExcelApi: '1.20' }): Promise<FakeExcel> {
  const fake = new FakeExcel({ supports });
  loadSnapshot(fake.state, exampleSnapshot(file));
  return fake;
}

const read = async (fake: FakeExcel): Promise<WorkbookSnapshot> =>
  (await runInExcel(fake, (ctx) => readSnapshot(ctx))).snapshot;
/** What a plain read (no colours) tells a write: enough for fixes and rebuilds. */
const PLAIN: ReadReceipt = { colours: false, rules: {}, merges: 'not-read' };
const check = async (fake: FakeExcel): Promise<Analysis> => analyse(await read(fake), { today: EXAMPLE_DATE });
/** Offender Management grows to `rows` rows of actions rated R, A, G in turn (one colour run a row). */
function addActionRows(fake: FakeExcel, rows: number): void {
  const sheet = fake.state.sheet('Offender Management')!;
  for (let r = 12; r < rows; r++) {
    sheet.cells.set(`${r},2`, { value: `action ${r}`, type: 'String', numberFormat: 'General' });
    sheet.cells.set(`${r},5`, { value: ['R', 'A', 'G'][r % 3], type: 'String', numberFormat: 'General' });
  }
}

/** A read to plan from, as the pane makes it before a change (colouring's needs included). */
const fresh = async (fake: FakeExcel) => {
  const { snapshot, receipt } = await runInExcel(fake, (ctx) => readSnapshot(ctx, { colours: true }));
  return { snapshot, receipt, analysis: analyse(snapshot, { today: EXAMPLE_DATE }) };
};

/** Values of every sheet as text, for comparing hosts. */
function values(snapshot: WorkbookSnapshot): Record<string, string[][]> {
  const out: Record<string, string[][]> = {};
  for (const sheet of snapshot.sheets) {
    const rows = sheet.cells.map((row) => row.map(displayText));
    while (rows.length && rows[rows.length - 1].every((v) => v === '')) rows.pop();
    out[sheet.name] = rows.map((row) => {
      const r = [...row];
      while (r.length && r[r.length - 1] === '') r.pop();
      return r;
    });
  }
  return out;
}

/** Runs check → fix → colour → rebuild on one host. */
interface Host {
  read(): Promise<WorkbookSnapshot>;
  apply(plan: ReturnType<typeof fixPlan>): Promise<void>;
}

async function cycle(host: Host) {
  const first = analyse(await host.read(), { today: EXAMPLE_DATE });
  await host.apply(fixPlan(first));
  await host.apply(colourPlan(analyse(await host.read(), { today: EXAMPLE_DATE })));
  const beforeRebuild = await host.read();
  await host.apply(rebuildPlan(beforeRebuild, analyse(beforeRebuild, { today: EXAMPLE_DATE }), EXAMPLE_DATE));
  const end = await host.read();
  return { first, end, final: analyse(end, { today: EXAMPLE_DATE }) };
}

describe.each(Object.keys(EXAMPLES))('%s: both hosts agree', (file) => {
  it('on issues, fixes, colours and the rebuilt overview', async () => {
    let pkg = xlsx.readPackage(exampleBytes(file));
    const xlsxHost: Host = {
      read: async () => pkg.snapshot,
      apply: async (plan) => {
        pkg = xlsx.readPackage(xlsx.applyPlan(pkg, plan, EXAMPLE_DATE));
      },
    };
    const fake = await fakeWith(file);
    let lastRead: Awaited<ReturnType<typeof fresh>> | null = null;
    const excelHost: Host = {
      // As the pane colours: with the merges (no row tint on a cell merged across rows).
      read: async () => {
        lastRead = await fresh(fake);
        await runInExcel(fake, (ctx) => readMerges(ctx, lastRead!.snapshot, mergesNeeded(lastRead!.analysis)));
        return lastRead.snapshot;
      },
      apply: async (plan) => void (await writePlan(fake, plan, lastRead!.snapshot, lastRead!.receipt)),
    };
    const a = await cycle(xlsxHost);
    const b = await cycle(excelHost);
    expect(b.first.issues).toEqual(a.first.issues);
    expect(b.first.issues.length).toBeGreaterThan(5);
    expect(b.final.issues).toEqual(a.final.issues);
    expect(b.final.issues.some((i) => i.fix)).toBe(false);
    expect(b.end.sheets.map((s) => s.name)).toEqual(a.end.sheets.map((s) => s.name));
    expect(b.end.sheets[0].name).toBe('Overview');
    const va = values(a.end);
    const vb = values(b.end);
    expect(vb).toEqual(va);
    for (const theme of a.final.themes) {
      const sa = a.end.sheets.find((s) => s.name === theme.name)!;
      const sb = b.end.sheets.find((s) => s.name === theme.name)!;
      expect(sb.fills).toEqual(sa.fills);
      // The same live rules and drop-down lists, read back from each host's own workbook.
      expect(sb.statusRules).toEqual(sa.statusRules);
      expect(sb.dropDowns).toEqual(sa.dropDowns);
      expect(sb.statusRules?.map((r) => r.fill)).toContain(STATUSES.A.colour);
    }
  });
});

describe('partnership-quarterly-tracker.xlsx: a check that reads no merges', () => {
  it('reads the two-row header, the quarters and the section titles as the .xlsx host does with its merges', async () => {
    // Check never asks Excel for merged areas (it would clear the user's undo history, office-js#5918).
    const file = 'partnership-quarterly-tracker.xlsx';
    const fake = await fakeWith(file);
    const snapshot = await read(fake);
    expect(snapshot.sheets.every((s) => s.merges.length === 0)).toBe(true);
    const fromFile = exampleSnapshot(file);
    expect(fromFile.sheets.find((s) => s.name === 'Early Help')?.merges.length).toBeGreaterThan(0);
    const viaExcel = analyse(snapshot, { today: EXAMPLE_DATE });
    const viaFile = analyse(fromFile, { today: EXAMPLE_DATE });
    expect(viaExcel.issues).toEqual(viaFile.issues);
    expect(viaExcel.themes.map((t) => [t.name, t.layout.headerRow, t.layout.status.map((p) => p.label)])).toEqual(
      viaFile.themes.map((t) => [t.name, t.layout.headerRow, t.layout.status.map((p) => p.label)]),
    );
    expect(viaExcel.themes.map((t) => t.actions)).toEqual(viaFile.themes.map((t) => t.actions));
    expect(viaFile.themes[0].layout.status.map((p) => p.label)).toEqual([
      'RAG status Q1',
      'RAG status Q2',
      'RAG status Q3',
      'RAG status Q4',
    ]);
  });
});

describe('Office.js discipline', () => {
  it('reads a workbook in 2 syncs, whatever its number of sheets, while it fits the first window', async () => {
    for (const file of Object.keys(EXAMPLES)) {
      const fake = await fakeWith(file);
      await read(fake);
      expect(fake.stats.syncs).toBe(2);
    }
    const big = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    loadSnapshot(big.state, exampleSnapshot('quarterly-performance-report.xlsx'));
    for (let s = 0; s < 12; s++) {
      const copy = { ...big.state.sheets[1], name: `Copy ${s}`, cells: new Map(big.state.sheets[1].cells) };
      for (let r = 20; r < 300; r++)
        copy.cells.set(`${r},2`, { value: `action ${r}`, type: 'String', numberFormat: 'General' });
      big.state.sheets.push(copy);
    }
    // Past the first window (19 sheets share it: 77 rows each), down and to the right: one sync more.
    const wide = big.state.sheet('Copy 0')!;
    wide.cells.set('150,40', { value: 'far right', type: 'String', numberFormat: 'General' });
    wide.hiddenRows.add(150);
    const snapshot = await read(big);
    expect(big.stats.syncs).toBe(3);
    expect(snapshot.sheets).toHaveLength(19);
    const copy = snapshot.sheets.find((s) => s.name === 'Copy 0')!;
    expect(copy.cells[299][2]).toEqual({ kind: 'text', text: 'action 299' });
    expect(copy.cells[150][40]).toEqual({ kind: 'text', text: 'far right' });
    expect(copy.cells[150].slice(0, 40).every((c) => c !== undefined)).toBe(true);
    expect(copy.hiddenRows.filter((r) => r === 150)).toHaveLength(1);
  });

  it('reads again in 2 syncs once it knows how far each sheet reaches, and still reads what grew', async () => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    loadSnapshot(fake.state, exampleSnapshot('quarterly-performance-report.xlsx'));
    // Seven sheets of 400 rows: within the budget, but past the first read's equal share (211 rows).
    for (const sheet of fake.state.sheets)
      for (let r = 30; r < 400; r++)
        sheet.cells.set(`${r},2`, { value: `note ${r}`, type: 'String', numberFormat: 'General' });
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    fake.resetStats();
    await operations.check();
    expect(fake.stats.syncs).toBe(3);
    fake.resetStats();
    await operations.check();
    expect(fake.stats.syncs).toBe(2);
    // A sheet that grew far past what was known is still read whole, in a sync more.
    fake.state.sheets[1].cells.set('2999,2', { value: 'far', type: 'String', numberFormat: 'General' });
    fake.resetStats();
    const { summary } = await operations.check();
    expect(fake.stats.syncs).toBe(3);
    expect(summary.total.actions).toBeGreaterThan(0);
    const snapshot = await runInExcel(fake, (ctx) =>
      readSnapshot(ctx, { hint: { [fake.state.sheets[1].name]: { rows: 10, cols: 3 } } }),
    ).then((r) => r.snapshot);
    expect(snapshot.sheets[1].cells[2999][2]).toEqual({ kind: 'text', text: 'far' });
  });

  it('applies a plan made from a fresh read in a load and one write sync, as one undo step where supported', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const { snapshot, receipt, analysis } = await fresh(fake);
    fake.resetStats();
    await writePlan(fake, colourPlan(analysis), snapshot, receipt);
    // The load the write decides from (what is there now), then the write.
    expect(fake.stats.syncs).toBe(2);
    expect(fake.stats.runs).toEqual([{ delayForCellEdit: true, mergeUndoGroup: true }]);

    const old = await fakeWith('norfolk-2019-refresh.xlsx', { ExcelApi: '1.9' });
    const o = await fresh(old);
    old.resetStats();
    await writePlan(old, colourPlan(o.analysis), o.snapshot, o.receipt);
    expect(old.stats.runs).toEqual([{}]);
    expect(old.stats.syncs).toBe(2);
  });

  it('splits reads past the 5 MB payload limit, and only then', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const sheet = fake.state.sheet('Offender Management')!;
    // About 5.5 MB of text in 2,600 rows: past what one response may carry.
    const long = 'x'.repeat(2_100);
    for (let r = 12; r < 2_600; r++) {
      sheet.cells.set(`${r},2`, { value: `${long} ${r}`, type: 'String', numberFormat: 'General' });
      sheet.cells.set(`${r},5`, { value: 'G', type: 'String', numberFormat: 'General' });
    }
    const analysis = analyse(await read(fake), { today: EXAMPLE_DATE });
    expect(analysis.themes.find((t) => t.name === 'Offender Management')!.actions.length).toBe(9 + 2_588);
    expect(fake.stats.syncs).toBeGreaterThan(3);
    expect(fake.stats.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
  });

  it('reads long texts (3,000 rows of 1,200-character updates) within the 5 MB limit, sizing blocks from the first window', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const sheet = fake.state.sheet('Offender Management')!;
    const update = 'Progress this quarter: '.padEnd(1200, 'x');
    for (let r = 12; r < 3012; r++) {
      sheet.cells.set(`${r},2`, { value: `Action ${r}`, type: 'String', numberFormat: 'General' });
      sheet.cells.set(`${r},5`, { value: 'A', type: 'String', numberFormat: 'General' });
      sheet.cells.set(`${r},6`, { value: update, type: 'String', numberFormat: 'General' });
    }
    const snapshot = await read(fake);
    expect(snapshot.sheets.find((s) => s.name === 'Offender Management')!.cells[3011][6]).toEqual({
      kind: 'text',
      text: update,
    });
    // The rest was sized from the text the first window brought back: nothing was refused.
    expect(fake.stats.refusedResponses).toBe(0);
    expect(fake.stats.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
  });

  it('reads a first window past 5 MB (30,000-character narratives) again in blocks, halved until each fits', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const sheet = fake.state.sheet('Offender Management')!;
    const update = 'Progress this quarter: '.padEnd(1200, 'x');
    sheet.cells.set('3011,6', { value: update, type: 'String', numberFormat: 'General' });
    // Excel refuses the first window's response; the host reads it again in halved blocks.
    const window = firstWindow(fake.state.sheets.length);
    const huge = 'Long narrative: '.padEnd(30_000, 'y');
    for (let r = 12; r < window.rows; r++)
      sheet.cells.set(`${r},6`, { value: huge, type: 'String', numberFormat: 'General' });
    const again = await read(fake);
    const offender = again.sheets.find((s) => s.name === 'Offender Management')!;
    expect(offender.cells[window.rows - 1][6]).toEqual({ kind: 'text', text: huge });
    expect(offender.cells[3011][6]).toEqual({ kind: 'text', text: update });
    expect(fake.stats.refusedResponses).toBeGreaterThan(1);
    expect(fake.stats.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
  });

  it('reads a sheet named with a comma, one with 700 merges and an empty one, without asking for merged areas', async () => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    loadSnapshot(fake.state, exampleSnapshot('quarterly-performance-report.xlsx'));
    fake.state.sheet('Diversion')!.name = 'Health, Drugs & Alcohol';
    const big = newSheet('Merged, many');
    for (let r = 0; r < 700; r++) {
      big.merges.push({ top: 2 * r, left: 0, bottom: 2 * r + 1, right: 0 });
      big.cells.set(`${2 * r},0`, { value: `group ${r}`, type: 'String', numberFormat: 'General' });
    }
    fake.state.sheets.push(big, newSheet('Empty'));
    const snapshot = await read(fake);
    expect(snapshot.sheets.map((s) => s.name)).toContain('Health, Drugs & Alcohol');
    // Under a merge Excel reads empty cells: the groups read as 700 values with a blank between each.
    expect(
      snapshot.sheets.find((s) => s.name === 'Merged, many')!.cells.filter((r) => r[0]?.kind === 'text'),
    ).toHaveLength(700);
    // getMergedAreasOrNullObject would clear the user's undo history (office-js#5918): never called.
    expect(fake.stats.undoStackCleared).toBe(0);
    expect(fake.stats.syncs).toBe(3);
  });

  it('writes an overview too large for one request (a long list of rows left out) across syncs', async () => {
    const rows = [['Title'], ['Ref', 'Priority', 'Actions', 'Lead', 'RAG', 'Progress update']];
    for (let r = 0; r < 40_000; r++)
      rows.push([`${r + 1}`, `Deliverable ${r}`, `Action ${r}`, 'Police', 'Red/Amber', '']);
    const snapshot: WorkbookSnapshot = {
      sheets: [
        {
          name: 'Reducing reoffending among young adults',
          visibility: 'visible',
          cells: rows.map((line) =>
            line.map((text) => (text ? { kind: 'text' as const, text } : { kind: 'empty' as const })),
          ),
          merges: [],
          hiddenRows: [],
          fills: {},
        },
      ],
    };
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    loadSnapshot(fake.state, snapshot);
    const plan = rebuildPlan(snapshot, analyse(snapshot, { today: EXAMPLE_DATE }), EXAMPLE_DATE);
    fake.resetStats();
    await writePlan(fake, plan, snapshot, PLAIN);
    expect(fake.stats.syncs).toBeGreaterThan(2);
    expect(fake.stats.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    const overview = fake.state.sheet('Overview')!;
    const texts = [...overview.cells.values()].map((c) => String(c.value));
    expect(texts.some((t) => t.includes('E40002'))).toBe(true);
  });

  it('colours 40,000 more rows with the same small request: rules per sheet, not formats per row', async () => {
    // Planned from the snapshot the fake is loaded with (no rules of Proforma's to replace yet):
    // reading 40,000 rows back through the fake would only make the test slow, not stricter.
    const colourRequest = async (rows: number) => {
      const snapshot = exampleSnapshot('norfolk-2019-refresh.xlsx');
      const sheet = snapshot.sheets.find((s) => s.name === 'Offender Management')!;
      for (let r = 12; r < rows; r++) {
        const line = (sheet.cells[r] ??= []);
        while (line.length < 6) line.push({ kind: 'empty' });
        line[2] = { kind: 'text', text: `action ${r}` };
        line[5] = { kind: 'text', text: ['R', 'A', 'G'][r % 3] };
      }
      const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
      loadSnapshot(fake.state, snapshot);
      const analysis = analyse(snapshot, { today: EXAMPLE_DATE });
      fake.resetStats();
      await writePlan(fake, colourPlan(analysis), snapshot, { ...PLAIN, colours: true });
      return { fake, syncs: fake.stats.syncs, bytes: fake.stats.maxRequestBytes };
    };
    const small = await colourRequest(0);
    const large = await colourRequest(40_000);
    expect(large.syncs).toBe(2); // the load, and the write
    expect(large.bytes).toBeLessThan(small.bytes * 1.1);
    const rules = large.fake.state.sheet('Offender Management')!.rules;
    expect(rules).toHaveLength(8);
    expect(rules[0].ranges.some((r) => r.bottom >= 39_999)).toBe(true);
  });

  it('the fake refuses to read a property that was not loaded and synced', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    await fake.run({}, async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      expect(() => sheets.items).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      sheets.load('items/name');
      expect(() => sheets.items).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)[1]).toBe('Prevention & Early Intervention');
      const range = sheets.getItem('Notes').getRange('A1');
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      sheets.getItem('No such sheet').load('name');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
  });
});

describe('errors a user can hit', () => {
  it('a protected sheet: a clear message, and nothing written', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    fake.state.sheet('Offender Management')!.protected = true;
    const before = values(await read(fake));
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    await expect(operations.fix()).rejects.toThrow(
      'The sheet "Offender Management" is protected. Unprotect it (Review > Unprotect Sheet) and try again; nothing was changed.',
    );
    expect(values(await read(fake))).toEqual(before);
  });

  it('a protected workbook structure stops a rebuild before anything is written', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    fake.state.structureProtected = true;
    await expect(createOperations(fake, () => EXAMPLE_DATE).rebuild()).rejects.toThrow(
      /workbook structure is protected.*nothing was changed/,
    );
    expect(fake.state.sheets.map((s) => s.name)[0]).toBe('Overview');
    expect(fake.state.sheet('Overview (previous)')).toBeUndefined();
  });

  it('protected by a co-author between the read and the write: Excel refuses the first thing written', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const { snapshot, receipt, analysis } = await fresh(fake);
    fake.state.structureProtected = true;
    await expect(writePlan(fake, rebuildPlan(snapshot, analysis, EXAMPLE_DATE), snapshot, receipt)).rejects.toThrow(
      /the sheet or workbook is protected/,
    );
    expect(fake.state.sheet('Overview (previous)')).toBeUndefined();
  });

  it('a sheet renamed since the pane checked: the change is planned from a fresh read and still right', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    await operations.check();
    fake.state.sheet('Prevention & Early Intervention')!.name = 'Prevention';
    const done = await operations.colour();
    expect(done.result.analysis.themes.map((t) => t.name)).toContain('Prevention');
    expect(fake.state.sheet('Prevention')!.rules).toHaveLength(8);
  });

  it('a cell a co-author changed since the pane checked: its old fix is not applied over it', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    const checked = await operations.check();
    const oldIssue = checked.analysis.issues.find((i) => i.sheet === 'Offender Management' && i.cell === 'A6');
    expect(oldIssue?.fix).toEqual({ value: 'OM2' });
    fake.state.set('Offender Management', 'A6', 'OM9');
    await operations.fix([oldIssue!]);
    expect(fake.state.value('Offender Management', 'A6')).toBe('OM9');
  });

  it('a cell being edited: waits with delayForCellEdit; without it, says what to do', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    fake.state.editing = true;
    const pending = read(fake);
    setTimeout(() => fake.finishEdit(), 10);
    expect((await pending).sheets).toHaveLength(5);

    const old = await fakeWith('norfolk-2019-refresh.xlsx', { ExcelApi: '1.9' });
    old.state.editing = true;
    await expect(read(old)).rejects.toThrow(/Press Enter or Esc to finish editing/);
  });

  it('reads a sheet whose values all lie outside the first window the careful way', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    fake.state.sheets.push(newSheet('Far'));
    fake.state.set('Far', 'C9000', 'far down');
    const snapshot = await read(fake);
    // The first read's window and that sheet's used range do not meet (getIntersection fails):
    // read again, used ranges first, then blocks.
    expect(snapshot.sheets.find((s) => s.name === 'Far')!.cells[8999][2]).toEqual({ kind: 'text', text: 'far down' });
    expect(fake.stats.syncs).toBe(4);
  });

  it('a workbook too large: a clear message before reading more than the first window', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    fake.state.set('Notes', 'Z900000', 'stray value');
    await expect(read(fake)).rejects.toThrow(
      /^The workbook is too large to check here: its sheets use 23,4\d\d,\d{3} cells \(the largest is "Notes"\)\. Delete unused rows/,
    );
    expect(fake.stats.syncs).toBe(2);
  });

  it('a hung sync becomes a time-out message', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    fake.state.hang = true;
    await expect(runInExcel(fake, (ctx) => readSnapshot(ctx), { timeoutMs: 50 })).rejects.toThrow(
      'Excel did not answer within 0 seconds. If a cell is being edited, finish it; then try again.',
    );
  });

  it('after a time-out nothing more is written, and the message says part may already be in the workbook', async () => {
    // A change written in several syncs (past the payload budget); Excel answers each one late.
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    loadSnapshot(fake.state, exampleSnapshot('norfolk-2019-refresh.xlsx'));
    addActionRows(fake, 6000);
    const { snapshot, analysis } = await fresh(fake);
    const plan = contentOf(colourPlan(analysis));
    fake.resetStats();
    fake.state.delayMs = 150;
    await expect(
      runInExcel(fake, (ctx) => applyPlan(ctx, plan, snapshot), { write: true, timeoutMs: 100 }),
    ).rejects.toThrow(/nothing more will be written, but part of the change may already be in the workbook/);
    await fake.idle();
    // The sync under way when time ran out arrived; nothing after it, not even Excel.run's closing sync.
    expect(fake.stats.syncs).toBe(1);
    expect(fake.state.cell('Offender Management', 'F6000')?.fill).toBeUndefined();
  });

  it.each([
    ['AccessDenied', /protected, or you have read-only access/],
    ['GeneralException', /unexpected problem/],
    ['ResponsePayloadSizeLimitExceeded', /too large/],
    ['InvalidOperationInCellEditMode', /a cell is being edited/],
    ['ItemAlreadyExists', /already exists, perhaps just added by someone else/],
    ['UndoNotSupported', /part of it may already be in the workbook/],
    ['InvalidOperation', /as it is now/],
  ])('%s from Excel gets a plain message', async (code, message) => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    await expect(
      runInExcel(fake, async () => {
        throw new FakeOfficeError(code, 'raw');
      }),
    ).rejects.toThrow(message);
  });
});

describe('undo: Excel cannot undo adding, moving or renaming sheets', () => {
  it.each(['desktop', 'web'] as const)(
    'on %s, a first rebuild and saving settings work with ExcelApi 1.20 undo grouping',
    async (platform) => {
      const fake = new FakeExcel({ supports: { ExcelApi: '1.20' }, platform });
      loadSnapshot(fake.state, exampleSnapshot('norfolk-2019-refresh.xlsx'));
      const snapshot = await read(fake);
      await writePlan(
        fake,
        rebuildPlan(snapshot, analyse(snapshot, { today: EXAMPLE_DATE }), EXAMPLE_DATE),
        snapshot,
        PLAIN,
      );
      expect(fake.state.sheets.map((s) => s.name).slice(0, 2)).toEqual(['Overview', 'Overview (previous)']);
      await writeSettings(fake, { ...analyse(snapshot, { today: EXAMPLE_DATE }).settings, scale: 'ragb' });
      expect(fake.state.sheet('ProformaSettings')?.visibility).toBe('VeryHidden');
      // Sheets were added, moved, renamed and hidden outside any undo group; the content was written inside one.
      const grouped = fake.stats.runs.filter((r) => r.mergeUndoGroup === true);
      expect(grouped.length).toBe(2);
    },
  );

  it('a new overview is marked when it is added: if the grouped write never happens, the next rebuild fills it in place', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const { snapshot, analysis } = await fresh(fake);
    const plan = rebuildPlan(snapshot, analysis, EXAMPLE_DATE);
    // Only the first run (sheets and mark) happens; the grouped write fails or is undone.
    await runInExcel(fake, (ctx) => applyStructure(ctx, structureOf(plan), snapshot));
    const again = await fresh(fake);
    expect(again.analysis.overviewSheet?.name).toBe('Overview');
    expect(rebuildPlan(again.snapshot, again.analysis, EXAMPLE_DATE).edits.map((e) => e.kind)).toEqual([
      'replace-sheet',
    ]);
  });

  it('the fake is as strict as Excel: a protected sheet takes values only in its unlocked cells', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const notes = fake.state.sheet('Notes')!;
    notes.protected = true;
    notes.cells.set('5,1', { value: '', type: 'Empty', numberFormat: 'General', locked: false });
    const write = (address: string) =>
      fake.run({}, async (context) => {
        context.workbook.worksheets.getItem('Notes').getRange(address).values = [['typed']];
        await context.sync();
      });
    await write('B6');
    expect(fake.state.value('Notes', 'B6')).toBe('typed');
    await expect(write('C6')).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('the fake is as strict as Excel: moving a sheet inside an undo group fails on desktop', async () => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' }, platform: 'desktop' });
    loadSnapshot(fake.state, exampleSnapshot('norfolk-2019-refresh.xlsx'));
    await expect(
      fake.run({ mergeUndoGroup: true }, async (context) => {
        context.workbook.worksheets.getItem('Notes').position = 0;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'UndoNotSupported' });
  });
});

describe('the overview on paper, in Excel (the fake)', () => {
  it.each(['quarterly-performance-report.xlsx', 'norfolk-2019-refresh.xlsx'])(
    '%s: landscape, one page wide, nothing repeated over the lists, matrix bordered, rows as tall as planned, adding up',
    async (file) => {
      const fake = await fakeWith(file);
      // A page break in the earlier overview (Proforma's own, in the quarterly report) goes: this matrix fits on one page.
      const earlier = fake.state.sheets[0];
      earlier.rowBreaks = [3];
      const snapshot = await read(fake);
      const plan = rebuildPlan(snapshot, analyse(snapshot, { today: EXAMPLE_DATE }), EXAMPLE_DATE);
      const content = plan.edits.flatMap((e) =>
        e.kind === 'add-sheet' || e.kind === 'replace-sheet' ? [e.content] : [],
      )[0];
      fake.resetStats();
      await writePlan(fake, plan, snapshot, PLAIN);
      // All of it in the one grouped write (a new overview's sheet is added in a run of its own first).
      expect(fake.stats.runs.at(-1)).toEqual({ delayForCellEdit: true, mergeUndoGroup: true });
      expect(fake.stats.syncs).toBe(fake.stats.runs.length);

      const sheet = fake.state.sheet('Overview')!;
      const header = content.cells.findIndex((row) => row[0]?.value === 'Theme');
      // The matrix ends on the first page. The print titles the board's earlier overview had cannot be
      // cleared through Office.js, so the blank row above the matrix repeats instead: nothing shows.
      expect(content.cells[header - 1].every((c) => c.value === null)).toBe(true);
      expect(sheet.pageLayout).toEqual({
        orientation: 'Landscape',
        zoom: { scale: null, horizontalFitToPages: 1, verticalFitToPages: 0 },
        printTitleRows: `$${header}:$${header}`,
      });
      expect(sheet.rowBreaks).toEqual([]);
      const rows = values(await read(fake)).Overview;
      const actions = rows.findIndex((r) => /^Actions \(/.test(r[0]));
      const last = /^Carried forward/.test(rows[actions + 1]?.[0] ?? '') ? actions + 1 : actions;
      const width = content.columnWidths.length;
      for (let r = 0; r < content.cells.length; r++)
        for (let c = 0; c < width; c++) {
          const borders = sheet.cells.get(`${r},${c}`)?.borders;
          const inMatrix = r >= header && r <= last;
          const all = { top: 'Continuous', bottom: 'Continuous', left: 'Continuous', right: 'Continuous' };
          expect([r, c, borders]).toEqual([r, c, inMatrix ? all : undefined]);
        }
      expect(Object.fromEntries(sheet.rowHeights)).toEqual(
        Object.fromEntries((content.rowHeights ?? []).map((h) => [h.row, h.points])),
      );
      expect(matrixProblems(readMatrix(rows))).toEqual([]);
    },
  );

  it('a matrix running onto a second page: a page break, then its title and header again; themes of one name get their sheets', async () => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    const base = exampleSnapshot('norfolk-2019-refresh.xlsx');
    const theme = base.sheets.find((s) => s.name === 'Offender Management')!;
    const copies = Array.from({ length: 30 }, (_, i) => ({ ...theme, name: `OM ${i + 1}` }));
    loadSnapshot(fake.state, { sheets: copies });
    const snapshot = await read(fake);
    const plan = rebuildPlan(snapshot, analyse(snapshot, { today: EXAMPLE_DATE }), EXAMPLE_DATE);
    await writePlan(fake, plan, snapshot, PLAIN);
    const rows = values(await read(fake)).Overview;
    const header = rows.findIndex((r) => r[0] === 'Theme');
    const overview = fake.state.sheet('Overview')!;
    // No print titles (the blank row above the matrix stands in for none): a header is written
    // again where each page break starts a page of the matrix.
    expect(overview.pageLayout.printTitleRows).toBe(`$${header}:$${header}`);
    const content = plan.edits.flatMap((e) => (e.kind === 'add-sheet' ? [e.content] : []))[0];
    expect(overview.rowBreaks).toEqual(content.print?.rowBreaks);
    expect(overview.rowBreaks.length).toBeGreaterThanOrEqual(1);
    for (const at of overview.rowBreaks) {
      expect(rows[at][0]).toBe(`${rows[0][0]} (continued)`);
      expect([rows[at + 1][0], rows[at + 2][1]]).toEqual(['Theme', 'R']);
    }
    const labels = readMatrix(rows).themes.map((t) => t.label);
    expect(labels[0]).toBe('Offender Management – OM 1 (9)');
    expect(new Set(labels).size).toBe(30);
  });

  it('turns status headers upwards where the plan says (RangeFormat.textOrientation)', async () => {
    const fake = await fakeWith('quarterly-performance-report.xlsx');
    const snapshot = await read(fake);
    const plan = rebuildPlan(snapshot, analyse(snapshot, { today: EXAMPLE_DATE, scale: 'ragb' }), EXAMPLE_DATE);
    await writePlan(fake, plan, snapshot, PLAIN);
    const rows = values(await read(fake)).Overview;
    const header = rows.findIndex((r) => r[0] === 'Theme') + 1;
    const cells = fake.state.sheet('Overview')!.cells;
    expect([1, 6, 7].map((c) => [rows[header][c], cells.get(`${header},${c}`)?.textOrientation])).toEqual([
      ['R', 90],
      ['Not counted', 90],
      ['R', 90],
    ]);
    expect(cells.get(`${header + 1},0`)?.textOrientation).toBeUndefined();
  });

  it('formats areas of one style at a time, not single cells', async () => {
    const fake = await fakeWith('quarterly-performance-report.xlsx');
    const snapshot = await read(fake);
    const plan = rebuildPlan(snapshot, analyse(snapshot, { today: EXAMPLE_DATE }), EXAMPLE_DATE);
    const content = plan.edits.flatMap((e) => (e.kind === 'replace-sheet' ? [e.content] : []))[0];
    const styled = content.cells.flat().filter((c) => c.style).length;
    const areas = styledAreas(content);
    expect(styled).toBeGreaterThan(200);
    expect(areas.length).toBeLessThan(styled / 4);
    // The areas cover exactly the styled cells, each with its own style.
    for (const { range, style } of areas)
      for (let r = range.top; r <= range.bottom; r++)
        for (let c = range.left; c <= range.right; c++) expect(content.cells[r][c].style).toEqual(style);
    expect(areas.reduce((n, a) => n + (a.range.bottom - a.range.top + 1) * (a.range.right - a.range.left + 1), 0)).toBe(
      styled,
    );
  });

  it('a rebuild takes back the row heights of the last one', async () => {
    const fake = await fakeWith('quarterly-performance-report.xlsx');
    fake.state.sheet('Overview')!.rowHeights.set(40, 90);
    const snapshot = await read(fake);
    await writePlan(
      fake,
      rebuildPlan(snapshot, analyse(snapshot, { today: EXAMPLE_DATE }), EXAMPLE_DATE),
      snapshot,
      PLAIN,
    );
    expect(fake.state.sheet('Overview')!.rowHeights.has(40)).toBe(false);
  });

  it('the fake refuses what the docs say Excel refuses about page layout and borders (and, stricter, a scale with fit to pages)', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const attempt = (queue: (sheet: Excel.Worksheet) => void) =>
      fake.run({}, async (context) => {
        queue(context.workbook.worksheets.getItem('Notes'));
        await context.sync();
      });
    // docs-ref PageLayout.zoom: set as a whole object; a scale or a fit to pages, not both; scale 10 to 400.
    await expect(attempt((s) => (s.pageLayout.zoom.scale = 50))).rejects.toMatchObject({ code: 'PropertyNotLoaded' });
    await expect(attempt((s) => (s.pageLayout.zoom = { scale: 80, horizontalFitToPages: 1 }))).rejects.toMatchObject({
      code: 'InvalidArgument',
    });
    await expect(attempt((s) => (s.pageLayout.zoom = { scale: 5 }))).rejects.toMatchObject({ code: 'InvalidArgument' });
    // setPrintTitleRows: "The range must span the entire row to be valid."
    await expect(attempt((s) => s.pageLayout.setPrintTitleRows('A1:Q6'))).rejects.toMatchObject({
      code: 'InvalidArgument',
    });
    // A border's style is a line style; "Thin" is a weight.
    await expect(
      attempt((s) => (s.getRange('A1:B2').format.borders.getItem('EdgeTop').style = 'Thin' as Excel.BorderLineStyle)),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    await attempt((s) => {
      s.pageLayout.zoom = { scale: 80 };
      s.pageLayout.setPrintTitleRows(s.getRange('1:2') as unknown as Excel.Range);
    });
    expect(fake.state.sheet('Notes')!.pageLayout).toMatchObject({
      zoom: { scale: 80, horizontalFitToPages: null, verticalFitToPages: null },
      printTitleRows: '$1:$2',
    });
  });
});

describe('writing safely', () => {
  it('writes text that Excel would read as a number, percentage, TRUE or a date as that text', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const texts = ['12', '1,234', '50%', 'TRUE', '2026-11-24', '24/11/2026', '09:05', '=SUM(1)', "'quoted"];
    // The fake parses as Excel does: written bare, these become numbers, booleans, dates and a formula.
    await fake.run({}, async (context) => {
      context.workbook.worksheets.getItem('Notes').getRangeByIndexes(10, 0, 1, texts.length).values = [texts];
      await context.sync();
    });
    expect(texts.map((_, c) => fake.state.cell('Notes', `${String.fromCharCode(65 + c)}11`)?.type)).toEqual([
      'Double',
      'Double',
      'Double',
      'Boolean',
      'Double',
      'Double',
      'Double',
      'Error',
      'String',
    ]);
    const snapshot = await read(fake);
    const edits = texts.map((value, c) => ({
      kind: 'set-value' as const,
      sheet: 'Notes',
      row: 11,
      col: c,
      expect: { kind: 'empty' as const },
      value,
    }));
    await writePlan(fake, { description: 'texts', edits }, snapshot, PLAIN);
    texts.forEach((text, c) =>
      expect(fake.state.cell('Notes', `${String.fromCharCode(65 + c)}12`)).toMatchObject({
        type: 'String',
        value: text,
      }),
    );
  });

  it('writes formula-looking text as text', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    fake.state.set('Offender Management', 'A2', '=HYPERLINK("http://x","OM")');
    const snapshot = await read(fake);
    await writePlan(
      fake,
      rebuildPlan(snapshot, analyse(snapshot, { today: EXAMPLE_DATE }), EXAMPLE_DATE),
      snapshot,
      PLAIN,
    );
    const overview = fake.state.sheet('Overview')!;
    const cells = [...overview.cells.values()];
    expect(cells.some((c) => c.value === '=HYPERLINK("http://x","OM") (9)' && c.type === 'String')).toBe(true);
    expect(cells.some((c) => c.formula !== undefined)).toBe(false);
  });

  it('selects the cell of an issue', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    await runInExcel(fake, (ctx) => selectCell(ctx, 'Offender Management', 'F11'));
    expect(fake.state.selection).toEqual({ sheet: 'Offender Management', address: 'F11' });
    expect(fake.state.activeSheet).toBe('Offender Management');
  });

  it('saves settings to a very hidden sheet that the next check reads', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const analysis = await check(fake);
    await writeSettings(fake, { ...analysis.settings, scale: 'ragb', prefixes: { Notes: 'NT' } });
    expect(fake.state.sheet('ProformaSettings')!.visibility).toBe('VeryHidden');
    const again = await check(fake);
    expect(again.settings.scale).toBe('ragb');
    expect(again.settings.prefixes).toEqual({ Notes: 'NT' });
    await writeSettings(fake, { ...again.settings, scale: 'rag', prefixes: {} });
    expect((await check(fake)).settings).toEqual(analysis.settings);
  });

  it("reads a board's column mappings, scale and dotted refs, and saves warningsOff and mappings back", async () => {
    const fake = await fakeWith('delivery-plan-on-track.xlsx');
    const analysis = await check(fake);
    expect(analysis.settings).toMatchObject({ scale: 'track', columns: { 'Success looks like': 'outcome' } });
    expect(analysis.scheme).toBe('dotted');
    expect(analysis.themes[0].layout.columns.outcome).toBe(4);
    expect(analysis.issues.filter((i) => i.code === 'overdue')).toHaveLength(3);
    const columns = { ...analysis.settings.columns, 'Key milestones': 'actions' as const };
    await writeSettings(fake, { ...analysis.settings, columns, warningsOff: ['overdue'], refScheme: 'dotted' });
    const again = await check(fake);
    expect(again.settings).toMatchObject({ columns, warningsOff: ['overdue'], refScheme: 'dotted' });
    expect(again.settingsProblems).toEqual([]);
    expect(again.issues.filter((i) => i.code === 'overdue')).toEqual([]);
    expect(again.issues.length).toBe(analysis.issues.length - 3);
  });
});

describe('live colours in Excel (the fake)', () => {
  const alert = { title: '', message: '', style: 'Stop', showAlert: true };

  it('adds rules and lists in the undo group, behind the board’s own, and writes nothing the second time', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx'); // ExcelApi 1.20, desktop: one undo group
    const sheet = fake.state.sheet('Prevention & Early Intervention')!;
    // The board's own: a highlight on the lead column, and a rule of its own on status cell F5.
    const boardRule = {
      type: 'CellValue' as const,
      ranges: [{ top: 3, left: 3, bottom: 8, right: 3 }],
      formula: '',
      anchor: { row: 3, col: 3 },
      fill: '#FFC7CE',
    };
    sheet.rules.push(boardRule);
    sheet.validation.set('4,5', { type: 'WholeNumber', source: '', inCellDropDown: false, alert });
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    const done = await operations.colour();
    expect(done.message).toMatch(/^Colours are live on 3 sheets/);
    expect(sheet.rules[0]).toBe(boardRule);
    // Every status cell's strong colour ahead of every row tint.
    expect(sheet.rules.slice(1).map((r) => r.fill)).toEqual([
      ...['R', 'A', 'G', 'W'].map((c) => STATUSES[c as 'R'].colour),
      ...['R', 'A', 'G', 'W'].map((c) => STATUSES[c as 'R'].tint),
    ]);
    expect(sheet.rules[1].formula).toBe('=N("Proforma R")+OR(TRIM(CLEAN($F4))="r",TRIM(CLEAN($F4))="red")');
    expect(sheet.validation.get('4,5')?.type).toBe('WholeNumber');
    expect(sheet.validation.get('3,5')).toMatchObject({
      source: 'R,A,G,W',
      alert: { title: 'Proforma', style: 'Warning' },
    });

    // A check does not read rules or lists (only colouring needs them): still two syncs.
    fake.resetStats();
    await operations.check();
    expect(fake.stats.syncs).toBe(2);
    fake.resetStats();
    await runInExcel(fake, (ctx) => readSnapshot(ctx, { colours: true }));
    const colourRead = fake.stats.syncs;
    const rulesBefore = [...sheet.rules];
    fake.resetStats();
    expect((await operations.colour()).message).toMatch(/^Colours are already live/);
    // The read, the merges of the two tables with empty cells (where a merge could hide), no write.
    expect(fake.stats.syncs).toBe(colourRead + 1);
    expect(fake.stats.runs).toHaveLength(1);
    expect(sheet.rules).toEqual(rulesBefore);

    // The board puts B on its scale: Proforma's rules and lists are replaced, the board's stay.
    const settings = (await operations.check()).analysis.settings;
    await operations.saveSettings({ ...settings, scale: 'ragb' });
    await operations.colour();
    expect(sheet.rules[0]).toBe(boardRule);
    expect(sheet.rules).toHaveLength(11);
    expect(sheet.rules[5].fill).toBe(STATUSES.B.colour);
    expect(sheet.rules[10].fill).toBe(STATUSES.B.tint);
    expect(sheet.validation.get('3,5')?.source).toBe('R,A,G,W,B');
    expect(sheet.validation.get('4,5')?.type).toBe('WholeNumber');
  });

  it('reads merges only to colour (the call clears undo history), and colours past 512 merged areas without them', async () => {
    const fake = await fakeWith('quarterly-performance-report.xlsx');
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    await operations.check();
    expect(fake.stats.undoStackCleared).toBe(0);
    const first = await operations.colour();
    expect(first.message).not.toMatch(/merged/);
    // Ref and deliverable are merged down rows 4–6 of Prevention: no row tint on them.
    // The first row tint, behind the four status-cell rules.
    const tint = fake.state.sheet('Prevention')!.rules[4];
    expect(tint.ranges.some((r) => r.left === 0 && r.top <= 4 && r.bottom >= 4)).toBe(false);
    expect(tint.ranges.some((r) => r.left <= 2 && r.right >= 2 && r.top <= 4 && r.bottom >= 4)).toBe(true);

    // Prevention's rows grow to 1,300, merged in pairs down its Ref column: past 512 merged areas.
    const prevention = fake.state.sheet('Prevention')!;
    for (let r = 10; r < 1300; r++) {
      prevention.cells.set(`${r},2`, { value: `action ${r}`, type: 'String', numberFormat: 'General' });
      prevention.cells.set(`${r},6`, { value: 'G', type: 'String', numberFormat: 'General' });
      if (r % 2 === 0 && r + 1 < 1300) prevention.merges.push({ top: r, left: 0, bottom: r + 1, right: 0 });
    }
    fake.resetStats();
    const again = await operations.colour();
    expect(again.message).toMatch(/^Colours are live on 4 sheets/);
    expect(again.message).toMatch(/more than 512 merged areas.*takes the tint of the row it starts on/);
    // Excel failed the merged-areas call; the rows were coloured all the same (merged cells tinted).
    expect(fake.stats.syncs).toBeGreaterThan(3);
    expect(prevention.rules[4].ranges.some((r) => r.bottom >= 1299)).toBe(true);
  });
});

describe('a failed merged-areas read', () => {
  /** A context whose one sync fails with this code, as Excel's would. */
  const failingWith = (code: string): Excel.RequestContext =>
    ({
      workbook: {
        worksheets: {
          getItem: () => ({
            getRangeByIndexes: () => ({ getMergedAreasOrNullObject: () => ({ load: () => undefined }) }),
          }),
        },
      },
      sync: () => Promise.reject(new FakeOfficeError(code, 'raw')),
    }) as unknown as Excel.RequestContext;
  const question = [{ sheet: 'Prevention', range: { top: 0, left: 0, bottom: 9, right: 7 } }];

  it('colours without merges when Excel cannot list them', async () => {
    const snapshot = exampleSnapshot('quarterly-performance-report.xlsx');
    await expect(readMerges(failingWith('GeneralException'), snapshot, question)).resolves.toBe('too-many');
  });

  it.each(['InvalidOperationInCellEditMode', 'ItemNotFound'])(
    'stops the change on %s (the user must finish an edit, or a sheet went meanwhile)',
    async (code) => {
      const snapshot = exampleSnapshot('quarterly-performance-report.xlsx');
      await expect(readMerges(failingWith(code), snapshot, question)).rejects.toMatchObject({ code });
    },
  );
});

describe('a status shown only by colour, in Excel (the fake)', () => {
  it('is read from the fill (pattern null, as Excel reports it), fixed with the code, and the fill stays', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const sheet = fake.state.sheet('Offender Management')!;
    sheet.cells.set('3,5', { value: '', type: 'Empty', numberFormat: 'General', fill: '#C6EFCE' });
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    const { analysis } = await operations.check();
    const issue = analysis.issues.find((i) => i.sheet === 'Offender Management' && i.cell === 'F4');
    expect(issue).toMatchObject({ code: 'rag-colour-only', fix: { value: 'G' } });
    expect(issue?.message).toContain('green (#C6EFCE)');
    await operations.fix([issue!]);
    expect(sheet.cells.get('3,5')).toMatchObject({ value: 'G', type: 'String', fill: '#C6EFCE' });
  });
});

describe('settings: written by the command line, read by the add-in, and back (SPEC §2.6)', () => {
  /** A plan written in the board's own words, as a first-week board writes it. */
  const wordsPlan = (): Uint8Array => {
    const { buildXlsx, inline, row } = xlsxBuild;
    const header = row(
      2,
      ['Ref', 'Actions', 'Lead', 'Status'].map((t, i) => inline(`${'ABCD'[i]}2`, t)),
    );
    const rows = ['Not started', 'In progress', 'Complete', 'in progress']
      .map((status, i) =>
        row(3 + i, [
          inline(`A${3 + i}`, `CS${i + 1}`),
          inline(`B${3 + i}`, `Action ${i + 1}`),
          inline(`C${3 + i}`, 'Council'),
          inline(`D${3 + i}`, status),
        ]),
      )
      .join('');
    return buildXlsx({ sheets: [{ name: 'Community Safety', body: `<sheetData>${header}${rows}</sheetData>` }] });
  };

  it('the settings the CLI writes are the ones the Excel host reads; the ones the add-in saves, the CLI reads', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'proforma-settings-'));
    try {
      const file = path.join(dir, 'plan.xlsx');
      await fs.writeFile(file, wordsPlan());
      const io = { out: () => undefined, err: () => undefined, colour: false, now: () => EXAMPLE_DATE };
      const args = ['--set', 'overviewName=Board summary', '--set', 'theme:Community Safety=Safer communities'];
      expect(
        await main(
          ['settings', file, '--scale-from-values', ...args, '--set', 'warningsOff=lead-missing', '--in-place'],
          io,
        ),
      ).toBe(0);
      const written = xlsx.readPackage(new Uint8Array(await fs.readFile(file)));
      const byCli = analyse(written.snapshot, { today: EXAMPLE_DATE });
      expect(byCli.settingsProblems).toEqual([]);

      // The add-in opens the same workbook: the same settings, the same reading of the plan.
      const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
      loadSnapshot(fake.state, written.snapshot);
      const inExcel = await check(fake);
      expect(inExcel.settings).toEqual(byCli.settings);
      expect(inExcel.settings).toMatchObject({
        scale: 'custom',
        overviewName: 'Board summary',
        warningsOff: ['lead-missing'],
      });
      expect(inExcel.themes[0].theme).toBe('Safer communities');
      expect(inExcel.themes[0].actions.map((a) => a.rag.state)).toEqual(['valid', 'valid', 'valid', 'valid']);
      expect(inExcel.issues.map((i) => i.code)).toEqual(byCli.issues.map((i) => i.code));

      // The add-in saves a change; its rows, written to the file, are what the CLI reads.
      await writeSettings(fake, { ...inExcel.settings, dropdowns: false, overviewName: 'Summary' });
      const { snapshot: saved } = await runInExcel(fake, (ctx) => readSnapshot(ctx));
      const rows = settingsRows(saved);
      const back = xlsx.readPackage(
        xlsx.applyPlan(
          written,
          { description: '', edits: [{ kind: 'record-sheet', name: SETTINGS_SHEET, rows }] },
          EXAMPLE_DATE,
        ),
      );
      const byCliAgain = analyse(back.snapshot, { today: EXAMPLE_DATE });
      expect(byCliAgain.settings).toEqual(analyse(saved, { today: EXAMPLE_DATE }).settings);
      expect(byCliAgain.settings).toMatchObject({ dropdowns: false, overviewName: 'Summary', scale: 'custom' });
      expect(byCliAgain.settings.customStatuses).toEqual(byCli.settings.customStatuses);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('a record sheet is added at the end and very hidden outside the undo group, then its rows replaced in one', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const before = await read(fake);
    const rows = [
      ['overviewName', 'Summary'],
      ['dropdowns', 'FALSE'],
    ];
    const plan = { description: '', edits: [{ kind: 'record-sheet' as const, name: SETTINGS_SHEET, rows }] };
    expect(structureOf(plan, before).edits).toHaveLength(1);
    await writePlan(fake, plan, before, PLAIN);
    expect(fake.state.sheets.map((s) => s.name).pop()).toBe(SETTINGS_SHEET);
    expect(fake.state.sheet(SETTINGS_SHEET)?.visibility).toBe('VeryHidden');
    // "TRUE" and "1" stay text: a record is rows of text.
    const after = await read(fake);
    expect(settingsRows(after)).toEqual(rows);
    const again = [
      ['dropdowns', 'TRUE'],
      ['prefix:Notes', '1'],
    ];
    expect(structureOf({ ...plan, edits: [{ ...plan.edits[0], rows: again }] }, after).edits).toEqual([]);
    await writePlan(fake, { ...plan, edits: [{ ...plan.edits[0], rows: again }] }, after, PLAIN);
    expect(fake.state.cell(SETTINGS_SHEET, 'B2')?.type).toBe('String');
    expect(settingsRows(await read(fake))).toEqual(again);
    expect(fake.stats.runs.filter((r) => r.mergeUndoGroup === true).length).toBe(2);
  });

  it('a visible settings sheet the board typed keeps its visibility and formats when written into', async () => {
    const fake = await fakeWith('norfolk-2019-refresh.xlsx');
    const sheet = newSheet(SETTINGS_SHEET);
    sheet.cells.set('0,0', { value: 'overviewName', type: 'String', numberFormat: 'General', fill: '#FFFF00' });
    sheet.cells.set('0,1', { value: 'Board summary', type: 'String', numberFormat: 'General' });
    fake.state.sheets.push(sheet);
    const analysis = await check(fake);
    expect(analysis.settings.overviewName).toBe('Board summary');
    await writeSettings(fake, { ...analysis.settings, overviewName: 'Summary' });
    expect(fake.state.sheet(SETTINGS_SHEET)?.visibility).toBe('Visible');
    expect(fake.state.cell(SETTINGS_SHEET, 'A1')?.fill).toBe('#FFFF00');
    expect((await check(fake)).settings.overviewName).toBe('Summary');
  });
});
