// The .xlsx host's part in partner returns (SPEC §7): rows hidden as Excel hides them,
// merged values written with their type, several packs from one read, and a return
// re-saved by another program (ExcelJS here; LibreOffice in scripts/check-resaved-returns.ts,
// which takes longer than a unit test may) merging with no change the partner did not make.
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import * as path from 'path';
import {
  CellValue,
  Plan,
  RETURN_SHEET,
  analyse,
  cellAt,
  editSettings,
  mergeReturns,
  packPlan,
  partnersOf,
  parseAddress,
  predictSnapshot,
  type WorkbookSnapshot,
} from '../src/engine';
import { applyPlan, readPackage } from '../src/hosts/xlsx';
import { hideRows } from '../src/hosts/xlsx/sheet-xml';
import { EXAMPLES_DIR } from './fixtures/examples';
import { SENT, packBytes, snapshotOf, typedInto } from './fixtures/returns';
import { buildXlsx, inline, row } from './fixtures/xlsx-build';
import { toValue } from './fixtures/snapshots';
import { readZipRaw } from './zip-raw';

const QUARTERLY = 'quarterly-performance-report.xlsx';
/** As a file read from disk arrives: a Node Buffer, whose slice() is a view. */
const quarterly = (): Uint8Array => readFileSync(path.join(EXAMPLES_DIR, QUARTERLY));

function cell(snapshot: WorkbookSnapshot, where: string): CellValue {
  const bang = where.lastIndexOf('!');
  const sheet = snapshot.sheets.find((s) => s.name === where.slice(0, bang));
  const { row, col } = parseAddress(where.slice(bang + 1));
  return sheet ? cellAt(sheet, row, col) : { kind: 'error', error: 'no sheet' };
}

describe('hiding rows', () => {
  const part = 'xl/worksheets/sheet1.xml';

  test('hidden="1" on each row’s element, its other attributes and cells as they were', () => {
    const xml = `<worksheet><sheetData><row r="1" ht="20" customHeight="1"><c r="A1"/></row><row r="2" spans="1:3"><c r="A2"/></row></sheetData></worksheet>`;
    expect(hideRows(xml, part, [0, 1])).toBe(
      `<worksheet><sheetData><row r="1" ht="20" customHeight="1" hidden="1"><c r="A1"/></row><row r="2" spans="1:3" hidden="1"><c r="A2"/></row></sheetData></worksheet>`,
    );
  });

  test('a row the part has no element for gets an empty hidden one, in order; rows without r= are named', () => {
    const xml = `<x:worksheet><x:sheetData><x:row><x:c/></x:row><x:row r="4"/></x:sheetData></x:worksheet>`;
    expect(hideRows(xml, part, [2, 6])).toBe(
      `<x:worksheet><x:sheetData><x:row r="1"><x:c/></x:row><x:row r="3" hidden="1"/><x:row r="4"/><x:row r="7" hidden="1"/></x:sheetData></x:worksheet>`,
    );
    expect(hideRows(`<worksheet><sheetData/></worksheet>`, part, [1])).toBe(
      `<worksheet><sheetData><row r="2" hidden="1"/></sheetData></worksheet>`,
    );
  });

  test('rows hidden already: the part stays as it was', () => {
    const xml = `<worksheet><sheetData><row r="1" hidden="true"><c r="A1"/></row></sheetData></worksheet>`;
    expect(hideRows(xml, part, [0])).toBe(xml);
  });
});

describe('merged values keep their type', () => {
  // B2 general, B3 a date under dd/mm/yyyy (style 1), B4 empty.
  const bytes = buildXlsx({
    sheets: [
      {
        name: 'Plan',
        body:
          '<sheetData>' +
          row(1, [inline('A1', 'Ref'), inline('B1', 'By when')]) +
          row(2, [inline('A2', 'P1'), `<c r="B2"><v>7</v></c>`]) +
          row(3, [inline('A3', 'P2'), `<c r="B3" s="1"><v>46477</v></c>`]) +
          row(4, [inline('A4', 'P3')]) +
          '</sheetData>',
      },
    ],
  });
  const write = (changes: Record<string, CellValue>): WorkbookSnapshot => {
    const pkg = readPackage(bytes);
    const plan: Plan = {
      description: 'merge',
      edits: Object.entries(changes).map(([a1, value]) => {
        const { row: r, col } = parseAddress(a1);
        return { kind: 'set-value', sheet: 'Plan', row: r, col, expect: cellAt(pkg.snapshot.sheets[0], r, col), value };
      }),
    };
    const after = readPackage(applyPlan(pkg, plan, SENT)).snapshot;
    // The .xlsx host's fresh read is what the engine predicted.
    expect(after.sheets[0].cells).toEqual(predictSnapshot(pkg.snapshot, plan).sheets[0].cells);
    return after;
  };

  test('a date written where the format is not a date’s takes the short date; one under a date format keeps it', () => {
    const after = write({ B2: toValue({ date: '2027-06-30' }), B3: toValue({ date: '2027-09-30' }) });
    expect(cell(after, 'Plan!B2')).toEqual(toValue({ date: '2027-06-30' }));
    expect(cell(after, 'Plan!B3')).toEqual(toValue({ date: '2027-09-30' }));
  });

  test('a number under a date format is a number again; TRUE is a boolean; text Excel would parse stays text', () => {
    const after = write({
      B3: { kind: 'number', value: 12 },
      B4: { kind: 'boolean', value: true },
      B2: { kind: 'text', text: '12/03/2027' },
    });
    expect([cell(after, 'Plan!B3'), cell(after, 'Plan!B4'), cell(after, 'Plan!B2')]).toEqual([
      { kind: 'number', value: 12 },
      { kind: 'boolean', value: true },
      { kind: 'text', text: '12/03/2027' },
    ]);
  });
});

test('several packs from one read of a file: each as made alone, and the bytes read left as they were', () => {
  const source = quarterly();
  const copy = Buffer.from(source);
  const alone = packBytes(quarterly(), 'OPCCN', QUARTERLY);
  // As `proforma packs` does: one read, a pack written from it for each partner in turn.
  const pkg = readPackage(source);
  const analysis = analyse(pkg.snapshot, { today: SENT });
  const { partners } = partnersOf(analysis);
  const packs = partners.map((p) => applyPlan(pkg, packPlan(analysis, p, { planFile: QUARTERLY, now: SENT }), SENT));
  const opccn = packs[partners.findIndex((p) => p.name === 'OPCCN')];
  expect(Buffer.compare(Buffer.from(opccn), Buffer.from(alone))).toBe(0);
  expect(Buffer.compare(source as Buffer, copy)).toBe(0);
});

/**
 * The quarterly example without drop-down lists: ExcelJS expands every data validation range
 * cell by cell, so a list to the sheet's end (as Proforma writes them, SPEC §4.1) takes it over a
 * minute to open and save; the conditional formats it keeps as ranges.
 */
function quarterlyWithoutLists(): Uint8Array {
  const pkg = readPackage(quarterly());
  const edit = editSettings(
    pkg.snapshot,
    analyse(pkg.snapshot, { today: SENT }),
    { set: [['dropdowns', 'FALSE']], unset: [] },
    SENT,
  );
  if (!edit.ok) throw new Error('settings refused');
  return applyPlan(pkg, edit.plan, SENT);
}

describe('a return re-saved by another program', () => {
  const source = quarterlyWithoutLists();
  const plan = snapshotOf(source);
  const planModel = analyse(plan, { today: SENT });
  const merge = (bytes: Uint8Array) => {
    const snapshot = snapshotOf(bytes);
    return mergeReturns({ snapshot: plan, model: planModel }, [
      { file: 'return.xlsx', snapshot, model: analyse(snapshot, { today: SENT }) },
    ]);
  };

  /** The workbook opened and saved again by ExcelJS, with a partner's edits made there. */
  async function throughExcelJS(bytes: Uint8Array, edit: (wb: ExcelJS.Workbook) => void = () => undefined) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    edit(wb);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  test('ExcelJS, nothing edited: every part rewritten, no change found', async () => {
    const pack = packBytes(source, 'OPCCN', QUARTERLY);
    const resaved = await throughExcelJS(pack);
    // ExcelJS rewrites the parts (shared strings, styles) and keeps the record: it is a worksheet part named as ExcelJS reads them.
    expect(readZipRaw(resaved).get('xl/sharedStrings.xml')).toBeDefined();
    const record = snapshotOf(resaved).sheets.find((s) => s.name === RETURN_SHEET);
    expect(record?.visibility).toBe('veryHidden');
    const result = merge(resaved);
    expect(result.returns[0]).toMatchObject({
      partner: 'OPCCN',
      applied: [],
      alreadyThere: [],
      conflicts: [],
      refused: [],
      unmatched: [],
      newRows: [],
    });
    expect(result.plan.edits).toEqual([]);
  });

  test('ExcelJS, with the partner’s edits: exactly those cells, a date still a date', async () => {
    const pack = packBytes(source, 'OPCCN', QUARTERLY);
    const resaved = await throughExcelJS(pack, (wb) => {
      const sheet = wb.getWorksheet('Prevention') as ExcelJS.Worksheet;
      sheet.getCell('G6').value = 'G';
      sheet.getCell('E6').value = new Date(Date.UTC(2027, 11, 31));
      sheet.getCell('H8').value = 'Four projects funded';
    });
    const result = merge(resaved);
    expect(result.returns[0].applied.map((c) => [c.cell, c.return])).toEqual([
      ['E6', toValue({ date: '2027-12-31' })],
      ['G6', toValue('G')],
      ['H8', toValue('Four projects funded')],
    ]);
    expect(result.returns[0]).toMatchObject({ conflicts: [], refused: [], unmatched: [], newRows: [] });
    // Written into the plan as typed: the date is a date there too.
    const pkg = readPackage(source);
    const merged = readPackage(applyPlan(pkg, result.plan, SENT)).snapshot;
    expect(cell(merged, 'Prevention!E6')).toEqual(toValue({ date: '2027-12-31' }));
  });

  test('a record sheet the partner’s program saved as merely hidden is found by its name', async () => {
    const pack = typedInto(packBytes(source, 'OPCCN', QUARTERLY), { 'Prevention!G6': 'G' });
    const resaved = await throughExcelJS(pack, (wb) => {
      (wb.getWorksheet(RETURN_SHEET) as ExcelJS.Worksheet).state = 'hidden';
    });
    expect(snapshotOf(resaved).sheets.find((s) => s.name === RETURN_SHEET)?.visibility).toBe('hidden');
    expect(merge(resaved).returns[0].applied.map((c) => c.cell)).toEqual(['G6']);
  });
});
