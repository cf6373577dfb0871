// The .xlsx host on real files: every operation saved to disk and read back.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import {
  Plan,
  STATUSES,
  WorkbookSnapshot,
  analyse,
  colourPlan,
  displayText,
  fixPlan,
  rebuildPlan,
} from '../src/engine';
import { HostError, applyPlan, loadWorkbook, saveWorkbook, snapshotWorkbook } from '../src/hosts/xlsx';
import { EXAMPLES, EXAMPLES_DIR, EXAMPLE_DATE, norfolkWorkbook, quarterlyWorkbook } from '../scripts/make-examples';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'proforma-host-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function saveAndLoad(workbook: ExcelJS.Workbook, name: string): Promise<ExcelJS.Workbook> {
  const file = path.join(dir, name);
  await saveWorkbook(workbook, file);
  return loadWorkbook(file);
}

/** Every cell of every sheet as text, keyed by sheet name. */
function valuesOf(snapshot: WorkbookSnapshot, sheets?: string[]): Record<string, string[][]> {
  const out: Record<string, string[][]> = {};
  for (const sheet of snapshot.sheets) {
    if (sheets && !sheets.includes(sheet.name)) continue;
    out[sheet.name] = sheet.cells.map((row) => row.map(displayText));
  }
  return out;
}

function themeNames(snapshot: WorkbookSnapshot): string[] {
  return analyse(snapshot, { today: EXAMPLE_DATE }).themes.map((t) => t.name);
}

async function applyAndReload(workbook: ExcelJS.Workbook, plan: (wb: ExcelJS.Workbook) => Plan, name: string) {
  applyPlan(workbook, plan(workbook));
  return saveAndLoad(workbook, name);
}

const rebuild = (wb: ExcelJS.Workbook, at = EXAMPLE_DATE): Plan => {
  const snapshot = snapshotWorkbook(wb);
  return rebuildPlan(snapshot, analyse(snapshot, { today: at }), at);
};
const colour = (wb: ExcelJS.Workbook): Plan => colourPlan(analyse(snapshotWorkbook(wb), { today: EXAMPLE_DATE }));

describe('reading cells', () => {
  it('reads text, rich text, hyperlinks, numbers, dates, booleans, formulas (cached result) and errors', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Values');
    ws.getCell('A1').value = 'plain';
    ws.getCell('B1').value = { richText: [{ text: 'Am' }, { text: 'ber', font: { bold: true } }] };
    ws.getCell('C1').value = { text: 'link text', hyperlink: 'https://example.org' };
    ws.getCell('D1').value = 42;
    ws.getCell('E1').value = new Date(Date.UTC(2027, 2, 31));
    ws.getCell('F1').value = true;
    ws.getCell('G1').value = { formula: 'UPPER("g")', result: 'G' };
    ws.getCell('H1').value = { formula: '1/0', result: { error: '#DIV/0!' } };
    ws.getCell('I1').value = { error: '#REF!' };
    ws.getCell('A2').value = 'merged master';
    ws.mergeCells('A2:A4');
    const snap = snapshotWorkbook(await saveAndLoad(wb, 'values.xlsx'));
    const [sheet] = snap.sheets;
    expect(sheet.cells[0]).toEqual([
      { kind: 'text', text: 'plain' },
      { kind: 'text', text: 'Amber' },
      { kind: 'text', text: 'link text' },
      { kind: 'number', value: 42 },
      { kind: 'date', serial: 46477 },
      { kind: 'boolean', value: true },
      { kind: 'text', text: 'G' },
      { kind: 'error', error: '#DIV/0!' },
      { kind: 'error', error: '#REF!' },
    ]);
    expect(displayText(sheet.cells[0][4])).toBe('2027-03-31');
    // The lower cells of a merge are continuation cells, not copies of the master.
    expect(sheet.cells[1][0]).toEqual({ kind: 'text', text: 'merged master' });
    expect(sheet.cells[2]?.[0] ?? { kind: 'empty' }).toEqual({ kind: 'empty' });
    expect(sheet.merges).toEqual([{ top: 1, left: 0, bottom: 3, right: 0 }]);
  });

  it('reads hidden rows and solid fills', async () => {
    const wb = norfolkWorkbook();
    const snap = snapshotWorkbook(await saveAndLoad(wb, 'hidden.xlsx'));
    const om = snap.sheets.find((s) => s.name === 'Offender Management')!;
    expect(om.hiddenRows).toEqual([7]);
    expect(om.fills['2,0']).toBe('#D9D9D9');
  });
});

describe('bundled examples', () => {
  it.each(Object.keys(EXAMPLES))('%s on disk matches its generator', async (file) => {
    const committed = snapshotWorkbook(await loadWorkbook(path.join(EXAMPLES_DIR, file)));
    const fresh = snapshotWorkbook(await saveAndLoad(EXAMPLES[file](), `fresh-${file}`));
    expect(valuesOf(committed)).toEqual(valuesOf(fresh));
  });
});

describe('rebuild', () => {
  it('keeps every value of every theme sheet identical (read → rebuild → save → read)', async () => {
    const wb = await saveAndLoad(quarterlyWorkbook(), 'q.xlsx');
    const before = snapshotWorkbook(wb);
    const themes = themeNames(before);
    const after = snapshotWorkbook(await applyAndReload(wb, rebuild, 'q-rebuilt.xlsx'));
    expect(themes).toHaveLength(4);
    expect(valuesOf(after, themes)).toEqual(valuesOf(before, themes));
    expect(after.sheets.map((s) => s.name)).toEqual(before.sheets.map((s) => s.name));
  });

  it('keeps a hand-made Overview as "Overview (previous)" and puts the new overview first', async () => {
    const wb = await saveAndLoad(norfolkWorkbook(), 'n.xlsx');
    const handMade = valuesOf(snapshotWorkbook(wb), ['Overview']).Overview;
    const after = snapshotWorkbook(await applyAndReload(wb, rebuild, 'n-rebuilt.xlsx'));
    expect(after.sheets.map((s) => s.name)).toEqual([
      'Overview',
      'Overview (previous)',
      'Prevention & Early Intervention',
      'Offender Management',
      'Rehabilitation & Resettlement',
      'Notes',
    ]);
    expect(valuesOf(after, ['Overview (previous)'])['Overview (previous)']).toEqual(handMade);
    const analysis = analyse(after, { today: EXAMPLE_DATE });
    expect(analysis.overviewSheet?.name).toBe('Overview');
    expect(analysis.issues.filter((i) => i.code === 'overview-stale')).toEqual([]);
  });

  it('twice gives the same content except the build time, and keeps one overview', async () => {
    const wb = await saveAndLoad(norfolkWorkbook(), 'twice.xlsx');
    const once = snapshotWorkbook(await applyAndReload(wb, rebuild, 'twice-1.xlsx'));
    const wb2 = await loadWorkbook(path.join(dir, 'twice-1.xlsx'));
    const later = new Date(EXAMPLE_DATE.getTime() + 3 * 86_400_000);
    const twice = snapshotWorkbook(await applyAndReload(wb2, (w) => rebuild(w, later), 'twice-2.xlsx'));
    expect(twice.sheets.map((s) => s.name)).toEqual(once.sheets.map((s) => s.name));
    const a = valuesOf(once).Overview;
    const b = valuesOf(twice).Overview;
    expect(b[1][1]).not.toEqual(a[1][1]);
    b[1][1] = a[1][1];
    expect(b).toEqual(a);
  });

  it('reports overview-stale after one RAG value is edited, and not before', async () => {
    const wb = await applyAndReload(await saveAndLoad(norfolkWorkbook(), 's.xlsx'), rebuild, 's-rebuilt.xlsx');
    const stale = (w: ExcelJS.Workbook) =>
      analyse(snapshotWorkbook(w), { today: EXAMPLE_DATE }).issues.filter((i) => i.code === 'overview-stale');
    expect(stale(wb)).toEqual([]);
    wb.getWorksheet('Offender Management')!.getCell('F4').value = 'R';
    const edited = await saveAndLoad(wb, 's-edited.xlsx');
    expect(stale(edited)).toEqual([expect.objectContaining({ sheet: 'Overview', cell: 'A1' })]);
  });

  it('writes a formula-looking theme name as text, never as a formula', async () => {
    const wb = norfolkWorkbook();
    wb.getWorksheet('Offender Management')!.getCell('A2').value = '=HYPERLINK("http://x","Offender Management")';
    wb.getWorksheet('Notes')!.getCell('A1').value = '+SUM(1)';
    const after = await applyAndReload(wb, rebuild, 'formula.xlsx');
    const values: ExcelJS.CellValue[] = [];
    after.getWorksheet('Overview')!.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain('=HYPERLINK("http://x","Offender Management") (9)');
    expect(values.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
  });
});

describe('colour', () => {
  it('is idempotent and changes no values, fonts or widths', async () => {
    const wb = await saveAndLoad(norfolkWorkbook(), 'c.xlsx');
    const before = snapshotWorkbook(wb);
    const once = await applyAndReload(wb, colour, 'c-1.xlsx');
    const twice = await applyAndReload(await loadWorkbook(path.join(dir, 'c-1.xlsx')), colour, 'c-2.xlsx');
    const s1 = snapshotWorkbook(once);
    const s2 = snapshotWorkbook(twice);
    expect(valuesOf(s1)).toEqual(valuesOf(before));
    expect(s2.sheets.map((s) => s.fills)).toEqual(s1.sheets.map((s) => s.fills));

    const pe1 = s1.sheets.find((s) => s.name === 'Prevention & Early Intervention')!;
    // Row 4 (PE1, G): tint across A..G, strong green on the RAG cell F4 with white text.
    expect(pe1.fills['3,0']).toBe(STATUSES.G.tint);
    expect(pe1.fills['3,6']).toBe(STATUSES.G.tint);
    expect(pe1.fills['3,5']).toBe(STATUSES.G.colour);
    expect(once.getWorksheet('Prevention & Early Intervention')!.getCell('F4').font?.color?.argb).toBe('FFFFFFFF');
    // Header and title rows untouched; an invalid RAG row (F9 "Amber/ Green") gets no status fill.
    expect(pe1.fills['2,0']).toBe('#D9D9D9');
    expect(pe1.fills['0,0']).toBeUndefined();
    expect(pe1.fills['8,0']).toBeUndefined();
    // Fonts and widths untouched: the bold title stays bold, column widths stay.
    const sheet = once.getWorksheet('Prevention & Early Intervention')!;
    expect(sheet.getCell('A2').font?.bold).toBe(true);
    expect(sheet.getColumn(3).width).toBe(50);
  });

  it('recolours a row whose RAG changed, and clears it when the RAG becomes invalid', async () => {
    const wb = await applyAndReload(await saveAndLoad(norfolkWorkbook(), 'r.xlsx'), colour, 'r-1.xlsx');
    const sheet = wb.getWorksheet('Prevention & Early Intervention')!;
    sheet.getCell('F4').value = 'R';
    sheet.getCell('F6').value = 'unknown';
    const after = snapshotWorkbook(await applyAndReload(wb, colour, 'r-2.xlsx'));
    const fills = after.sheets.find((s) => s.name === 'Prevention & Early Intervention')!.fills;
    expect(fills['3,0']).toBe(STATUSES.R.tint);
    expect(fills['3,5']).toBe(STATUSES.R.colour);
    expect(fills['5,0']).toBeUndefined();
    expect(fills['5,5']).toBeUndefined();
  });
});

describe('fix', () => {
  it('changes exactly the fixable cells', async () => {
    const wb = await saveAndLoad(norfolkWorkbook(), 'f.xlsx');
    const before = snapshotWorkbook(wb);
    const analysis = analyse(before, { today: EXAMPLE_DATE });
    const plan = fixPlan(analysis);
    const after = snapshotWorkbook(await applyAndReload(wb, () => plan, 'f-1.xlsx'));
    const changed: string[] = [];
    const b = valuesOf(before);
    const a = valuesOf(after);
    for (const sheet of Object.keys(b))
      b[sheet].forEach((row, r) =>
        row.forEach((value, c) => {
          if (a[sheet][r][c] !== value) changed.push(`${sheet}!${r},${c}=${a[sheet][r][c]}`);
        }),
      );
    expect(changed.sort()).toEqual(
      [
        'Prevention & Early Intervention!4,5=A',
        'Prevention & Early Intervention!6,5=A',
        'Prevention & Early Intervention!7,5=G',
        'Offender Management!5,0=OM2',
        'Rehabilitation & Resettlement!4,0=RR2',
        'Rehabilitation & Resettlement!4,5=W',
      ].sort(),
    );
    expect(analyse(after, { today: EXAMPLE_DATE }).issues.filter((i) => i.fix)).toEqual([]);
  });

  it('refuses, changing nothing, when a cell changed since the check', async () => {
    const wb = await saveAndLoad(norfolkWorkbook(), 'conflict.xlsx');
    const plan = fixPlan(analyse(snapshotWorkbook(wb), { today: EXAMPLE_DATE }));
    wb.getWorksheet('Rehabilitation & Resettlement')!.getCell('F5').value = 'Green';
    const before = valuesOf(snapshotWorkbook(wb));
    expect(() => applyPlan(wb, plan)).toThrow(HostError);
    expect(() => applyPlan(wb, plan)).toThrow(/'Rehabilitation & Resettlement'!F5 changed since it was checked/);
    expect(valuesOf(snapshotWorkbook(wb))).toEqual(before);
  });
});

describe('settings stored in the workbook', () => {
  it('are read from the very hidden ProformaSettings sheet, and reported when unusable', async () => {
    const wb = norfolkWorkbook();
    const settings = wb.addWorksheet('ProformaSettings', { state: 'veryHidden' });
    settings.addRows([
      ['ragWithB', 'TRUE'],
      ['prefix:Offender Management', 'om'],
      ['refScheme', 'sometimes'],
    ]);
    wb.getWorksheet('Rehabilitation & Resettlement')!.getCell('F4').value = 'Complete';
    const analysis = analyse(snapshotWorkbook(await saveAndLoad(wb, 'settings.xlsx')), { today: EXAMPLE_DATE });
    expect(analysis.settings.ragWithB).toBe(true);
    expect(analysis.settings.prefixes).toEqual({ 'Offender Management': 'OM' });
    expect(analysis.settingsProblems).toEqual([
      'Setting refScheme should be auto, prefixed or numbered, not "sometimes".',
    ]);
    expect(analysis.sheets.map((s) => s.name)).not.toContain('ProformaSettings');
    expect(analysis.issues.filter((i) => i.cell === 'F4' && i.sheet === 'Rehabilitation & Resettlement')).toEqual([
      expect.objectContaining({ code: 'rag-nonstandard', fix: { value: 'B' } }),
    ]);
  });
});

describe('bad files', () => {
  it.each([
    ['missing.xlsx', null, /no such file/],
    ['empty.xlsx', Buffer.alloc(0), /the file is empty/],
    ['text.xlsx', Buffer.from('Ref,Actions,RAG\nPE1,x,G\n'), /not an \.xlsx file/],
    ['old.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /old-style \.xls/],
  ])('%s gives a clear HostError', async (name, bytes, message) => {
    const file = path.join(dir, name);
    if (bytes) await fs.writeFile(file, bytes);
    await expect(loadWorkbook(file)).rejects.toThrow(HostError);
    await expect(loadWorkbook(file)).rejects.toThrow(message);
  });
});
