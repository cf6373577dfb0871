// Partner returns in Excel (SPEC §7.4), over the fake: the workbook read as a file in
// slices (and the fake as strict as the docs say Office is), a pack made from those
// slices and opened as a new workbook, and returned files merged in one write.
import { createOperations } from '../src/addin/operations';
import { RETURN_SHEET, analyse, cellAt, parseAddress, readReturnRecord, type WorkbookSnapshot } from '../src/engine';
import { MAX_SLICE, OfficeFiles, readDocumentFile, readSnapshot, runInExcel, toBase64 } from '../src/hosts/excel';
import { readPackage } from '../src/hosts/xlsx';
import { EXAMPLE_DATE, exampleBytes, exampleSnapshot } from './fixtures/examples';
import { SENT, packBytes, snapshotOf, typedInto } from './fixtures/returns';
import { FakeExcel } from './fake-excel';
import type { FakeAsyncResult, FakeFile } from './fake-excel/document';
import { loadSnapshot } from './fake-excel/from-snapshot';

const NORFOLK = 'norfolk-2019-refresh.xlsx';
const P = 'Prevention & Early Intervention';
const O = 'Offender Management';

/** The Office.js calls a pack needs, over the fake (as office.ts wires the real ones). */
function filesOf(fake: FakeExcel): OfficeFiles {
  return {
    getFileAsync: (options, callback) =>
      fake.document.getFileAsync('compressed', options, (result) => callback(result as never)),
    createWorkbook: (base64) => fake.createWorkbook(base64),
    isSetSupported: (name, version) => fake.isSetSupported(name, version),
  };
}

/** The fake Excel with the Norfolk example open, and its file as Office hands it over. */
function norfolk(supports: Record<string, string> = { ExcelApi: '1.20', File: '1.1', CompressedFile: '1.1' }) {
  const fake = new FakeExcel({ supports });
  loadSnapshot(fake.state, exampleSnapshot(NORFOLK));
  fake.document.file = exampleBytes(NORFOLK);
  const operations = createOperations(
    fake,
    () => EXAMPLE_DATE,
    () => 'https://contoso.sharepoint.com/Board/Norfolk%20plan.xlsx',
    filesOf(fake),
  );
  return { fake, operations, files: filesOf(fake) };
}

function value(snapshot: WorkbookSnapshot, where: string) {
  const bang = where.lastIndexOf('!');
  const sheet = snapshot.sheets.find((s) => s.name === where.slice(0, bang));
  const { row, col } = parseAddress(where.slice(bang + 1));
  return sheet ? cellAt(sheet, row, col) : null;
}

describe('the workbook as a file (getFileAsync)', () => {
  test('read in slices, one after another, into the file’s bytes; the file closed', async () => {
    const { fake, files } = norfolk();
    const bytes = await readDocumentFile(files, { sliceSize: 4096 });
    const file = exampleBytes(NORFOLK);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(file))).toBe(0);
    const slices = Math.ceil(file.length / 4096);
    expect(fake.document.calls).toEqual([
      { sliceSize: 4096 },
      ...Array.from({ length: slices }, (_, slice) => ({ slice })),
      'close',
    ]);
    expect(fake.document.open).toBe(0);
  });

  test('never asks for slices over 4 MB, which Office refuses as an internal error', async () => {
    const { fake, files } = norfolk();
    await readDocumentFile(files, { sliceSize: 10 * MAX_SLICE });
    expect(fake.document.calls[0]).toEqual({ sliceSize: MAX_SLICE });
    // The fake is as strict: asked for more, it fails with 5001.
    const result = await new Promise<FakeAsyncResult<FakeFile>>((resolve) =>
      fake.document.getFileAsync('compressed', { sliceSize: MAX_SLICE + 1 }, resolve),
    );
    expect([result.status, result.error?.code]).toEqual(['failed', 5001]);
  });

  test('a third file open at once fails, as the docs warn; Proforma closes its own, so the next read works', async () => {
    const { fake, files } = norfolk();
    const open = () =>
      new Promise<FakeAsyncResult<FakeFile>>((resolve) => fake.document.getFileAsync('compressed', {}, resolve));
    const first = await open();
    await open();
    await expect(readDocumentFile(files)).rejects.toThrow(
      /^Excel reported an internal error handing over the workbook .* Make the packs with the command line instead: proforma packs/,
    );
    first.value.closeAsync();
    expect((await readDocumentFile(files)).length).toBe(exampleBytes(NORFOLK).length);
  });

  test('an Excel without the CompressedFile set (Excel on iPad) is told to use the command line', async () => {
    const { files, fake } = norfolk({ ExcelApi: '1.20', File: '1.1' });
    await expect(readDocumentFile(files)).rejects.toThrow(
      'This Excel cannot give Proforma the workbook as a file (Excel on iPad cannot, nor older Excel). Make the packs with the command line instead: proforma packs <plan.xlsx> -o <folder>.',
    );
    expect(fake.document.calls).toEqual([]);
  });

  test('a network failure (11001, reported on the web) is said plainly', async () => {
    const { fake, files } = norfolk();
    fake.document.failWith = 11001;
    await expect(readDocumentFile(files)).rejects.toThrow(/^A network problem stopped Excel handing over the workbook/);
  });
});

describe('a partner pack from the pane', () => {
  test('made from the file’s slices, opened as a new workbook named for the partner', async () => {
    const { fake, operations } = norfolk();
    const done = await operations.makePack('opccn');
    expect(done).toMatchObject({ partner: 'OPCCN', fileName: 'Norfolk plan - OPCCN.xlsx', opened: true });
    expect(done.message).toBe(
      'The pack for OPCCN (4 action rows) has opened as a new workbook; it may be behind this window. Save it as "Norfolk plan - OPCCN.xlsx" and send it to OPCCN. 1 of its rows is hidden in the plan (Offender Management C8), and so in the pack too.',
    );
    expect(fake.created).toHaveLength(1);
    // What opened is the pack the command line makes from the same file.
    expect(Buffer.compare(Buffer.from(fake.created[0]), Buffer.from(done.bytes))).toBe(0);
    const pack = readPackage(fake.created[0]).snapshot;
    const record = readReturnRecord(pack);
    if (!record || 'damaged' in record) throw new Error('no record');
    expect([record.plan, record.partner, record.rows.length]).toEqual(['Norfolk plan.xlsx', 'OPCCN', 17]);
    expect(pack.sheets.find((s) => s.name === RETURN_SHEET)?.visibility).toBe('veryHidden');
    expect(pack.sheets.find((s) => s.name === P)?.hiddenRows).toEqual([3, 5, 6, 7, 8]);
    // The open workbook is not changed.
    expect(fake.state.sheets.map((s) => s.name)).not.toContain(RETURN_SHEET);
    expect(fake.document.open).toBe(0);
  });

  test('a workbook with unsaved changes: made, with a warning that the file may not hold them', async () => {
    const { fake, operations } = norfolk();
    fake.state.dirty = true;
    const done = await operations.makePack('OPCCN');
    expect(done.intent).toBe('warning');
    expect(done.message).toMatch(
      /The workbook has changes not saved yet: the pack was made from the file as Excel hands it over/,
    );
  });

  test('an Excel that cannot open a new workbook (before ExcelApi 1.8): the pack is kept to save', async () => {
    const { fake, operations } = norfolk({ ExcelApi: '1.7', File: '1.1', CompressedFile: '1.1' });
    const done = await operations.makePack('OPCCN');
    expect(done).toMatchObject({ opened: false, intent: 'warning', fileName: 'Norfolk plan - OPCCN.xlsx' });
    expect(done.message).toMatch(
      /^This Excel cannot open a new workbook for Proforma \(ExcelApi 1\.8\)\. Save the pack \(4 action rows for OPCCN\) with the link below instead\./,
    );
    expect(readPackage(done.bytes).snapshot.sheets.map((s) => s.name)).toContain(RETURN_SHEET);
    expect(fake.created).toEqual([]);
  });

  test('a partner who leads nothing in the file as saved is refused, and packs need the file API', async () => {
    const { operations } = norfolk();
    await expect(operations.makePack('Fire Service')).rejects.toThrow(
      'Fire Service leads no action row in the workbook as it was last saved. Save the workbook, then make the pack again.',
    );
    expect(createOperations(new FakeExcel(), () => EXAMPLE_DATE).packsUnavailable()).toBe(
      'Partner packs cannot be made here.',
    );
    expect(norfolk({ ExcelApi: '1.20' }).operations.packsUnavailable()).toMatch(
      /^This Excel cannot give Proforma the workbook as a file/,
    );
  });

  test('createWorkbook takes Base64 of a workbook and nothing else (as Excel refuses what it cannot open)', async () => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.8' } });
    await expect(fake.createWorkbook('not base64!')).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(fake.createWorkbook(toBase64(new TextEncoder().encode('plain text')))).rejects.toMatchObject({
      code: 'InvalidArgument',
    });
    await fake.createWorkbook(toBase64(exampleBytes(NORFOLK)));
    expect(fake.created).toHaveLength(1);
  });
});

describe('merging returned files into the open workbook', () => {
  /** Three partners' returns as files picked in the pane. */
  function returnedFiles() {
    const plan = exampleBytes(NORFOLK);
    const pack = (lead: string) => packBytes(plan, lead, NORFOLK);
    return [
      {
        name: 'OPCCN.xlsx',
        bytes: typedInto(pack('OPCCN'), { [`${P}!F5`]: 'G', [`${P}!G5`]: '12/03/2027', [`${O}!F6`]: 'R' }),
      },
      { name: 'Constabulary.xlsx', bytes: typedInto(pack('Norfolk Constabulary'), { [`${O}!F7`]: 'G' }) },
      { name: 'Probation.xlsx', bytes: typedInto(pack('National Probation Service'), { [`${O}!E10`]: 0.4 }) },
      { name: 'notes.txt', bytes: new TextEncoder().encode('not a workbook') },
    ];
  }

  test('the preview lists what each file would do, as the command line does; a file that is no workbook is said', async () => {
    const { operations, fake } = norfolk();
    fake.state.set(O, 'F7', 'R');
    const preview = await operations.previewMerge(returnedFiles());
    expect(preview.unreadable).toEqual([
      { name: 'notes.txt', problem: 'cannot read it: it is not an .xlsx file (not a zip package)' },
    ]);
    expect(
      preview.result.returns.map((r) => [
        r.file,
        r.partner,
        r.applied.map((c) => c.cell),
        r.conflicts.map((c) => c.cell),
        r.refused.map((c) => c.cell),
      ]),
    ).toEqual([
      ['OPCCN.xlsx', 'OPCCN', ['F5', 'G5'], [], ['F6']],
      ['Constabulary.xlsx', 'Norfolk Constabulary', [], ['F7'], []],
      ['Probation.xlsx', 'National Probation Service', ['E10'], [], []],
    ]);
  });

  test('applied in one write (one undo step), conflicts settled by the choices; the new state predicted, not read again', async () => {
    const { operations, fake } = norfolk();
    fake.state.set(O, 'F7', 'R');
    const preview = await operations.previewMerge(returnedFiles());
    fake.resetStats();
    const done = await operations.applyMerge(preview, new Map([[`${O}!F7`, 1]]));
    expect(done.message).toBe('Merged 4 cells from the returns.');
    // A fresh read, and one grouped change of one load and one write sync.
    expect(fake.stats.runs).toEqual([{ delayForCellEdit: true }, { delayForCellEdit: true, mergeUndoGroup: true }]);
    expect(fake.state.value(P, 'F5')).toBe('G');
    // Text Excel would parse stays text; a number stays a number.
    expect(fake.state.cell(P, 'G5')).toMatchObject({ value: '12/03/2027', type: 'String' });
    expect(fake.state.cell(O, 'E10')).toMatchObject({ value: 0.4, type: 'Double' });
    // The conflict the secretary settled by taking the Constabulary's value; the refused cell left.
    expect(fake.state.value(O, 'F7')).toBe('G');
    expect(fake.state.value(O, 'F6')).toBe('G');
    const { snapshot: after } = await runInExcel(fake, (context) => readSnapshot(context));
    expect(analyse(after, { today: EXAMPLE_DATE }).issues).toEqual(done.result.analysis.issues);
  });

  test('a date merged where the cell has no date format takes Excel’s short date, and reads back as that date', async () => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    const plan = exampleBytes('quarterly-performance-report.xlsx');
    loadSnapshot(fake.state, snapshotOf(plan));
    const returned = typedInto(packBytes(plan, 'Norfolk Youth Offending Team'), {
      'Prevention!E10': { date: '2027-03-31' },
    });
    const operations = createOperations(fake, () => SENT);
    const preview = await operations.previewMerge([{ name: 'YOT.xlsx', bytes: returned }]);
    expect(preview.result.returns[0].applied.map((c) => c.cell)).toEqual(['E10']);
    const done = await operations.applyMerge(preview, new Map());
    expect(fake.state.cell('Prevention', 'E10')).toMatchObject({ type: 'Double', numberFormat: 'm/d/yyyy' });
    const { snapshot: after } = await runInExcel(fake, (context) => readSnapshot(context));
    expect(value(after, 'Prevention!E10')).toEqual({ kind: 'date', serial: 46477 });
    // As the engine predicted it, with no second read.
    const predicted = done.result.analysis.themes.find((t) => t.name === 'Prevention')?.layout.sheet;
    expect(predicted && cellAt(predicted, 9, 4)).toEqual({ kind: 'date', serial: 46477 });
  });

  test('a cell a co-author changed between the preview and the write is not overwritten, and the message says so', async () => {
    const { operations, fake } = norfolk();
    const preview = await operations.previewMerge(returnedFiles().slice(0, 1));
    let runs = 0;
    fake.onRun = () => {
      // After the fresh read of the merge's own run, before its write: a co-author types in F5.
      if (++runs === 2) fake.state.set(P, 'F5', 'R');
    };
    const done = await operations.applyMerge(preview, new Map());
    expect(fake.state.value(P, 'F5')).toBe('R');
    expect(done.message).toMatch(
      /1 merged cell was not written: Prevention & Early Intervention F5 \(now "R"\) changed since the check\./,
    );
  });
});
