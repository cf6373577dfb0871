// The .xlsx host on real packages: read what real files hold, write only what a
// plan names, and refuse what cannot be written without loss.
import ExcelJS from 'exceljs';
import { unzipSync, zipSync, strToU8 } from 'fflate';
import {
  Plan,
  STATUSES,
  WorkbookSnapshot,
  analyse,
  colourPlan,
  displayText,
  fixPlan,
  rangeAddress,
  rebuildPlan,
} from '../src/engine';
import { PackageError, XlsxPackage, applyPlan, readPackage } from '../src/hosts/xlsx';
import { parseXml } from '../src/hosts/xlsx/xml';
import { matrixProblems, readMatrix } from './fixtures/overview-matrix';
import { EXAMPLES, EXAMPLE_DATE, exampleBytes, norfolkWorkbook } from './fixtures/examples';
import { STYLES_XML, buildXlsx, inline, num, planSheet, row } from './fixtures/xlsx-build';
import { corpusWorkbooks } from './fixtures/corpus';

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** An independent reader (ExcelJS) of what Proforma wrote. */
async function excelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** Every cell of every sheet as text, keyed by sheet name. */
function valuesOf(snapshot: WorkbookSnapshot, sheets?: string[]): Record<string, string[][]> {
  const out: Record<string, string[][]> = {};
  for (const sheet of snapshot.sheets) {
    if (sheets && !sheets.includes(sheet.name)) continue;
    out[sheet.name] = sheet.cells.map((line) => line.map(displayText));
  }
  return out;
}

const check = (pkg: XlsxPackage, today = EXAMPLE_DATE) => analyse(pkg.snapshot, { today });
const apply = (pkg: XlsxPackage, plan: (p: XlsxPackage) => Plan, at = EXAMPLE_DATE): XlsxPackage =>
  readPackage(applyPlan(pkg, plan(pkg), at));
const rebuild = (pkg: XlsxPackage, at = EXAMPLE_DATE): Plan => rebuildPlan(pkg.snapshot, check(pkg, at), at);
const colour = (pkg: XlsxPackage): Plan => colourPlan(check(pkg));

/** A partner's change: the first action with a status gets another status of the scale. */
function changeOneStatus(pkg: XlsxPackage): Plan {
  const analysis = check(pkg);
  const theme = analysis.themes[0];
  const action = theme.actions.find((a) => a.current !== null)!;
  const sheet = pkg.snapshot.sheets.find((s) => s.name === theme.name)!;
  const now = action.rag.state === 'valid' ? action.rag.code : '';
  const value = analysis.scale.statuses.find((st) => st.code !== now)!.code;
  const { row, statusCol: col } = action;
  return {
    description: '',
    edits: [{ kind: 'set-value', sheet: sheet.name, row, col, expect: sheet.cells[row][col], value }],
  };
}

function partText(bytes: Uint8Array, part: string): string {
  return new TextDecoder().decode(unzipSync(bytes)[part]);
}

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
    const [sheet] = readPackage(await bytesOf(wb)).snapshot.sheets;
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
    expect(sheet.formulas).toEqual({ '0,6': true, '0,7': true });
    expect(displayText(sheet.cells[0][4])).toBe('31 Mar 2027');
    expect(sheet.merges).toEqual([{ top: 1, left: 0, bottom: 3, right: 0 }]);
  });

  it('reads what real files hold that ExcelJS mangles: ISO date cells, rich inline strings, 1904 dates, _x000D_ escapes', () => {
    const bytes = buildXlsx({
      workbookBefore: '<workbookPr date1904="1"/>',
      sharedStrings: ['Line one_x000D_\nline two', 'Red'],
      sheets: [
        {
          name: 'Cells',
          body:
            '<sheetData>' +
            row(1, [
              '<c r="A1" t="d"><v>2019-07-01T00:00:00</v></c>',
              '<c r="B1" t="inlineStr"><is><r><t>Am</t></r><r><rPr><b/></rPr><t>ber</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></is></c>',
              num('C1', 0, 1),
              '<c r="D1" t="s"><v>0</v></c>',
              '<c r="E1" t="e"><v>#N/A</v></c>',
              '<c r="F1" t="str"><f>UPPER("x")</f><v>X</v></c>',
            ]) +
            '</sheetData>',
        },
      ],
    });
    const [sheet] = readPackage(bytes).snapshot.sheets;
    expect(displayText(sheet.cells[0][0])).toBe('1 Jul 2019');
    expect(sheet.cells[0][1]).toEqual({ kind: 'text', text: 'Amber' });
    // Serial 0 in the 1904 system is 1 Jan 1904.
    expect(displayText(sheet.cells[0][2])).toBe('1 Jan 1904');
    expect(sheet.cells[0][3]).toEqual({ kind: 'text', text: 'Line one\r\nline two' });
    expect(sheet.cells[0][4]).toEqual({ kind: 'error', error: '#N/A' });
    expect(sheet.formulas).toEqual({ '0,5': true });
  });

  it('reads and writes a styles part with a namespace prefix (x:styleSheet, as the Open XML SDK writes it)', () => {
    const prefixed = STYLES_XML.replace(/<(\/?)([A-Za-z]+)(?=[\s>/])/g, '<$1x:$2').replace(' xmlns=', ' xmlns:x=');
    const bytes = buildXlsx({
      sheets: [
        {
          name: 'Plan',
          body: planSheet(row(6, [null, null, inline('C6', 'Act'), null, inline('E6', 'G'), num('F6', 45000, 1)])),
        },
      ],
      parts: { 'xl/styles.xml': prefixed },
    });
    const pkg = readPackage(bytes);
    expect(pkg.snapshot.sheets[0].cells[5][5]).toEqual({ kind: 'date', serial: 45000 });
    const coloured = applyPlan(pkg, colour(pkg), EXAMPLE_DATE);
    const styles = partText(coloured, 'xl/styles.xml');
    expect(styles).toMatch(/<x:dxfs count="8"><x:dxf>/);
    expect(styles).not.toMatch(/<(dxf|fill|font|patternFill|bgColor)[ >]/);
    // R, A, G, W cell rules come first: the third is G's.
    expect(readPackage(coloured).snapshot.sheets[0].statusRules?.[2]).toMatchObject({
      fill: STATUSES.G.colour,
      fontColour: STATUSES.G.textColour,
    });
  });

  it('reads the fill a cell shows from its row or its column when the cell is not written', () => {
    const bytes = buildXlsx({
      sheets: [
        {
          name: 'Fills',
          body:
            '<cols><col min="3" max="3" width="9" style="4" customWidth="1"/></cols><sheetData>' +
            row(1, [inline('A1', 'a'), null, null, inline('D1', 'd')]) +
            row(2, [inline('A2', 'own format')], ' s="3" customFormat="1"') +
            '</sheetData>',
        },
      ],
    });
    const { fills } = readPackage(bytes).snapshot.sheets[0];
    // Row 2 is formatted pink (FFC7CE) as a whole; column C green (theme tint). A written cell keeps its own.
    expect(fills['1,1']).toBe('#FFC7CE');
    expect(fills['1,3']).toBe('#FFC7CE');
    expect(fills['1,0']).toBeUndefined();
    // Where a formatted row crosses a formatted column, the row's format shows.
    expect(fills['1,2']).toBe('#FFC7CE');
    expect(fills['0,2']).toMatch(/^#C[56]E0B4$/);
    expect(fills['0,0']).toBeUndefined();
  });

  it('reads a shared-string cell with no value as empty', () => {
    const bytes = buildXlsx({
      sharedStrings: ['first'],
      sheets: [
        {
          name: 'S',
          body: `<sheetData>${row(1, ['<c r="A1" t="s"><v></v></c>', '<c r="B1" t="s"><v>0</v></c>'])}</sheetData>`,
        },
      ],
    });
    expect(readPackage(bytes).snapshot.sheets[0].cells[0]).toEqual([
      { kind: 'empty' },
      { kind: 'text', text: 'first' },
    ]);
  });

  it('reads hidden rows, protection, and fills given as rgb, theme colour with tint, and on empty cells', () => {
    const bytes = buildXlsx({
      sheets: [
        {
          name: 'Fills',
          body:
            '<sheetData>' +
            row(1, ['<c r="A1" s="3"/>', '<c r="B1" s="4"/>']) +
            row(2, [inline('A2', 'hidden')], ' hidden="1"') +
            '</sheetData><sheetProtection sheet="1" algorithmName="SHA-512" hashValue="x" saltValue="y" spinCount="100000"/>',
        },
      ],
      workbookBefore: '<workbookProtection lockStructure="1"/>',
    });
    const snapshot = readPackage(bytes).snapshot;
    const [sheet] = snapshot.sheets;
    expect(sheet.fills['0,0']).toBe('#FFC7CE');
    // accent6 70AD47 lightened by 60%: Excel shows C6E0B4 (its integer HLS arithmetic may differ by one step).
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(sheet.fills['0,1'].slice(i, i + 2), 16));
    expect([Math.abs(r - 0xc6), Math.abs(g - 0xe0), Math.abs(b - 0xb4)].every((d) => d <= 1)).toBe(true);
    expect(sheet.hiddenRows).toEqual([1]);
    expect(sheet.protected).toBe(true);
    expect(snapshot.structureProtected).toBe(true);
  });
});

describe('bundled examples', () => {
  it.each(Object.keys(EXAMPLES))('%s on disk matches its generator', async (file) => {
    const committed = readPackage(exampleBytes(file)).snapshot;
    const fresh = readPackage(await EXAMPLES[file]()).snapshot;
    expect(valuesOf(fresh)).toEqual(valuesOf(committed));
  });

  it('the quarterly report holds an overview as Proforma builds it: adding up, on paper, gone stale since', () => {
    const bytes = exampleBytes('quarterly-performance-report.xlsx');
    const pkg = readPackage(bytes);
    const rows = valuesOf(pkg.snapshot, ['Overview']).Overview;
    const matrix = readMatrix(rows);
    expect(matrixProblems(matrix)).toEqual([]);
    // Medium: 1 R, 7 A, 5 G, 0 W and 1 not counted under its 14 actions.
    const medium = matrix.groups.findIndex((g) => g.label === 'Medium');
    expect(matrix.groups[medium].columns.map((c) => matrix.total[c - 1])).toEqual([1, 7, 5, 0, 1]);
    expect(matrix.actions.byGroup[medium]).toBe(14);
    expect(rows).toContainEqual(['Diversion, cell G6: status "Red/Amber" is not on the scale']);
    const overview = pkg.sheets.find((s) => s.name === 'Overview')!;
    expect(partText(bytes, overview.path)).toContain(
      '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    );
    // The matrix ends on the first page: no page break, no rows repeat over the pages after it.
    expect(scopedName(partText(bytes, 'xl/workbook.xml'), '_xlnm.Print_Titles')).toEqual([]);
    expect(partText(bytes, overview.path)).not.toContain('rowBreaks');
    // A partner changed a RAG after it was built.
    expect(check(pkg).issues.filter((i) => i.code === 'overview-stale')).toHaveLength(1);
  });
});

/** Whether each cell format of styles.xml (by index) has a border on all four sides, read from its borderId. */
function bordersOf(stylesXml: string): boolean[] {
  const borders: boolean[] = [];
  const xfBorder: number[] = [];
  let section = '';
  let sides = new Set<string>();
  parseXml(stylesXml, 'xl/styles.xml', {
    open(tag, depth) {
      const name = tag.name.replace(/^.*:/, '');
      const attributes = tag.attributes as Record<string, string>;
      if (depth === 1) section = name;
      else if (section === 'borders' && depth === 2) sides = new Set();
      else if (section === 'borders' && depth === 3 && attributes.style && attributes.style !== 'none') sides.add(name);
      else if (section === 'cellXfs' && depth === 2) xfBorder.push(Number(attributes.borderId ?? 0));
    },
    close(tag, depth) {
      if (section === 'borders' && depth === 2)
        borders.push(['left', 'right', 'top', 'bottom'].every((s) => sides.has(s)));
    },
  });
  return xfBorder.map((id) => borders[id] ?? false);
}

/** Each written cell's format index (s=), by address. */
function cellFormats(sheetXml: string): Map<string, number> {
  const formats = new Map<string, number>();
  for (const match of sheetXml.matchAll(/<c r="([A-Z]+\d+)"(?: s="(\d+)")?/g))
    formats.set(match[1], Number(match[2] ?? 0));
  return formats;
}

/** A sheet-scoped defined name's text, by name and sheet index (localSheetId). */
function scopedName(workbookXml: string, name: string): Array<{ sheet: number; text: string }> {
  const found: Array<{ sheet: number; text: string }> = [];
  for (const match of workbookXml.matchAll(/<definedName name="([^"]+)" localSheetId="(\d+)">([^<]*)<\/definedName>/g))
    if (match[1] === name) found.push({ sheet: Number(match[2]), text: match[3] });
  return found;
}

describe('the overview on paper', () => {
  it.each(['quarterly-performance-report.xlsx', 'norfolk-2019-refresh.xlsx'])(
    '%s: written landscape, one page wide, no rows repeated (the matrix ends on page 1), matrix bordered, every row and column adding up',
    async (file) => {
      const pkg = readPackage(exampleBytes(file));
      const plan = rebuild(pkg);
      const bytes = applyPlan(pkg, plan, EXAMPLE_DATE);
      const after = readPackage(bytes);
      const overview = after.sheets.find((s) => s.name === 'Overview')!;
      const rows = after.snapshot.sheets.find((s) => s.name === 'Overview')!.cells.map((line) => line.map(displayText));
      const header = rows.findIndex((r) => r[0] === 'Theme');
      const actions = rows.findIndex((r) => /^Actions \(/.test(r[0]));
      const last = /^Carried forward \(/.test(rows[actions + 1]?.[0] ?? '') ? actions + 1 : actions;

      // The numbers, parsed back from the written cells, add up along every row and down every column.
      const matrix = readMatrix(rows);
      expect(matrixProblems(matrix)).toEqual([]);
      expect(matrix.actions.n).toBe(check(after).themes.reduce((n, t) => n + t.actions.length, 0));

      // Page setup: landscape, fit to one page wide and any number tall.
      const sheetXml = partText(bytes, overview.path);
      expect(sheetXml).toMatch(/<sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/);
      expect(sheetXml).toMatch(/<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
      // No print titles: the matrix ends on the first page, so nothing repeats over the lists after it.
      expect(scopedName(partText(bytes, 'xl/workbook.xml'), '_xlnm.Print_Titles')).toEqual([]);

      // Borders: every cell of the matrix has a thin border on all four sides (styles.xml's border ids), nothing else has.
      const bordered = bordersOf(partText(bytes, 'xl/styles.xml'));
      const formats = cellFormats(sheetXml);
      const width = rows[header + 1].length;
      for (let r = 0; r < rows.length; r++)
        for (let c = 0; c < width; c++) {
          const cell = `${String.fromCharCode(65 + c)}${r + 1}`;
          const inMatrix = r >= header && r <= last;
          expect([cell, bordered[formats.get(cell) ?? 0]]).toEqual([cell, inMatrix]);
        }

      // An independent reader sees the same.
      const ws = (await excelJs(bytes)).getWorksheet('Overview')!;
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.pageSetup.printTitlesRow).toBeUndefined();
      expect(ws.getCell(header + 3, 2).border).toMatchObject({ left: { style: 'thin' }, bottom: { style: 'thin' } });
      // Rows of wrapped text are as tall as the plan said (Excel does not fit merged cells' rows itself).
      const content = plan.edits.flatMap((e) =>
        e.kind === 'add-sheet' || e.kind === 'replace-sheet' ? [e.content] : [],
      )[0];
      expect(content.rowHeights?.length).toBeGreaterThan(0);
      for (const { row: r, points } of content.rowHeights ?? [])
        expect([r, ws.getRow(r + 1).height]).toEqual([r, points]);
    },
  );

  /** Plan sheets: thirty make a matrix too long for one page (each theme's label wraps onto two lines). */
  const plans = (n: number): Array<{ name: string; body: string }> =>
    Array.from({ length: n }, (_, i) => ({ name: n === 1 ? 'Plan' : `Plan ${i + 1}`, body: planSheet() }));
  const marked = (body: string, extra = '', themes = 30): Uint8Array =>
    buildXlsx({
      sheets: [
        { name: 'Notes', body: `<sheetData>${row(1, [inline('A1', 'Notes')])}</sheetData>` },
        { name: 'Overview', body },
        ...plans(themes),
      ],
      workbookExtra: `<definedNames>${extra}<definedName name="ProformaOverview" hidden="1">'Overview'!$A$1</definedName></definedNames>`,
    });

  it('turns the status headers upwards where six statuses in five groups would print below 9 pt', async () => {
    const pkg = readPackage(exampleBytes('quarterly-performance-report.xlsx'));
    const plan = rebuildPlan(pkg.snapshot, analyse(pkg.snapshot, { today: EXAMPLE_DATE, scale: 'ragb' }), EXAMPLE_DATE);
    const written = applyPlan(pkg, plan, EXAMPLE_DATE);
    const ws = (await excelJs(written)).getWorksheet('Overview')!;
    const header = ws.getColumn(1).values.findIndex((v) => v === 'Theme');
    const statuses = ws.getRow(header + 1);
    expect([2, 3, 7].map((c) => [statuses.getCell(c).value, statuses.getCell(c).alignment?.textRotation])).toEqual([
      ['R', 90],
      ['A', 90],
      ['Not counted', 90],
    ]);
    // Count columns as wide as a count; the theme names keep theirs.
    expect(ws.getColumn(2).width).toBe(4);
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(16);
  });

  it('a two-page overview: the title and matrix header repeat only where the matrix continues', () => {
    // Thirty themes: the matrix runs onto page 2, after a manual page break, under its title and
    // header written again. No print titles: they would repeat over the pages of lists too.
    const long = readPackage(buildXlsx({ sheets: plans(30) }));
    const written = applyPlan(long, rebuild(long), EXAMPLE_DATE);
    const rows = readPackage(written).snapshot.sheets[0].cells.map((line) => line.map(displayText));
    expect(scopedName(partText(written, 'xl/workbook.xml'), '_xlnm.Print_Titles')).toEqual([]);
    const sheetXml = partText(written, readPackage(written).sheets[0].path);
    const breaks = [...sheetXml.matchAll(/<brk id="(\d+)" max="16383" man="1"\/>/g)].map((m) => Number(m[1]));
    expect(sheetXml).toContain(`<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">`);
    // The page setup, then the breaks (CT_Worksheet's order).
    expect(sheetXml).toMatch(/<pageSetup [^>]*\/><rowBreaks /);
    expect(breaks.length).toBeGreaterThanOrEqual(1);
    // A break's id is the 0-based row it comes before: the page starts with the title and the header.
    for (const at of breaks) {
      expect(rows[at][0]).toBe(`${rows[0][0]} (continued)`);
      expect([rows[at + 1][0], rows[at + 2][1]]).toEqual(['Theme', 'R']);
    }
    expect(Math.max(...breaks)).toBeLessThan(rows.findIndex((r) => r[0] === 'Total'));
    // Thirty themes of one name: each label names its sheet, so no two are alike.
    const labels = readMatrix(rows).themes.map((t) => t.label);
    expect(labels[0]).toBe('Prevention/Early Intervention – Plan 1 (3)');
    expect(new Set(labels).size).toBe(30);

    // One theme with sixty rows left out: the list runs onto page 2 below a matrix on page 1, so
    // nothing repeats, and print titles an earlier build set over it are removed.
    const invalid = Array.from({ length: 60 }, (_, i) =>
      row(6 + i, [inline(`A${6 + i}`, `PE${3 + i}`), inline(`C${6 + i}`, 'Act'), inline(`E${6 + i}`, 'Purple')]),
    ).join('');
    const withList = readPackage(
      buildXlsx({
        sheets: [
          { name: 'Notes', body: `<sheetData>${row(1, [inline('A1', 'Notes')])}</sheetData>` },
          { name: 'Overview', body: `<sheetData>${row(1, [inline('A1', 'Action plan overview')])}</sheetData>` },
          { name: 'Plan', body: planSheet(invalid) },
        ],
        workbookExtra:
          `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">'Overview'!$1:$6</definedName>` +
          `<definedName name="_xlnm.Print_Titles" localSheetId="2">Plan!$1:$2</definedName>` +
          `<definedName name="ProformaOverview" hidden="1">'Overview'!$A$1</definedName></definedNames>`,
      }),
    );
    const plan = rebuild(withList);
    expect(plan.edits.map((e) => e.kind)).toEqual(['replace-sheet']);
    const content = plan.edits[0].kind === 'replace-sheet' ? plan.edits[0].content : null;
    expect(content?.cells.length).toBeGreaterThan(70);
    const out = applyPlan(withList, plan, EXAMPLE_DATE);
    // The overview's print titles are gone; the board's own on its plan sheet stay.
    expect(scopedName(partText(out, 'xl/workbook.xml'), '_xlnm.Print_Titles')).toEqual([
      { sheet: 2, text: 'Plan!$1:$2' },
    ]);
    const listXml = partText(out, withList.sheets.find((s) => s.name === 'Overview')!.path);
    expect(listXml).toMatch(/<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
    expect(listXml).not.toContain('rowBreaks');
  });

  it('rewrites an older overview in place with the page setup, keeping its paper size and tab colour; workbook.xml only once', () => {
    // An overview built before print settings, moved second, with a paper size and a tab colour of the board's.
    const older = marked(
      `<sheetPr><tabColor rgb="FF00703C"/></sheetPr><sheetData>${row(1, [inline('A1', 'Action plan overview')])}</sheetData>` +
        `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="portrait"/>` +
        `<rowBreaks count="1" manualBreakCount="1"><brk id="3" max="16383" man="1"/></rowBreaks>`,
      `<definedName name="_xlnm.Print_Titles" localSheetId="1">'Overview'!$1:$6</definedName>`,
    );
    const pkg = readPackage(older);
    const plan = rebuild(pkg);
    expect(plan.edits.map((e) => e.kind)).toEqual(['replace-sheet']);
    const once = applyPlan(pkg, plan, EXAMPLE_DATE);
    const sheetXml = partText(once, 'xl/worksheets/sheet2.xml');
    expect(sheetXml).toContain('<sheetPr><tabColor rgb="FF00703C"/><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(sheetXml).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    // The print titles of an earlier build go; its page break gives way to the planned ones.
    expect(scopedName(partText(once, 'xl/workbook.xml'), '_xlnm.Print_Titles')).toEqual([]);
    expect(sheetXml).not.toContain('<brk id="3" ');
    const planned = plan.edits[0].kind === 'replace-sheet' ? (plan.edits[0].content.print?.rowBreaks ?? []) : [];
    expect(planned.length).toBeGreaterThanOrEqual(1);
    expect(sheetXml).toContain(
      `<rowBreaks count="${planned.length}" manualBreakCount="${planned.length}">${planned.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join('')}</rowBreaks>`,
    );
    // Rebuilt again: up to date, so nothing is written.
    const again = readPackage(once);
    const twice = applyPlan(again, rebuild(again), EXAMPLE_DATE);
    expect(unzipSync(twice)['xl/workbook.xml']).toEqual(unzipSync(once)['xl/workbook.xml']);
    expect(partText(twice, 'xl/worksheets/sheet2.xml')).toBe(sheetXml);
  });

  it('removes print titles set on the overview, as Excel writes them or not: they would repeat over every page', () => {
    const body = `<sheetData>${row(1, [inline('A1', 'Action plan overview')])}</sheetData>`;
    for (const titles of ['Overview!$A:$A,Overview!$1:$1', `'Overview'!$1:$6`, 'Overview!$1:$6']) {
      const set = marked(body, `<definedName name="_xlnm.Print_Titles" localSheetId="1">${titles}</definedName>`);
      const fixed = applyPlan(readPackage(set), rebuild(readPackage(set)), EXAMPLE_DATE);
      expect([titles, scopedName(partText(fixed, 'xl/workbook.xml'), '_xlnm.Print_Titles')]).toEqual([titles, []]);
    }
  });

  it("adding the overview first moves every sheet's own names along: print titles and areas stay on their sheets", async () => {
    const bytes = buildXlsx({
      sheets: [
        { name: 'Notes', body: `<sheetData>${row(1, [inline('A1', 'Notes')])}</sheetData>` },
        { name: 'Plan', body: planSheet() },
        // Enough themes for the overview's matrix to run onto a second page, after a page break of its own.
        ...plans(30).map((p) => ({ ...p, name: `More ${p.name}` })),
      ],
      workbookExtra:
        `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">Notes!$A$1:$C$9</definedName>` +
        `<definedName name="_xlnm.Print_Titles" localSheetId="1">Plan!$1:$2</definedName>` +
        `<definedName name="Lead" localSheetId="1">Plan!$D$3</definedName></definedNames>`,
    });
    const written = applyPlan(readPackage(bytes), rebuild(readPackage(bytes)), EXAMPLE_DATE);
    const workbookXml = partText(written, 'xl/workbook.xml');
    expect(
      readPackage(written)
        .sheets.map((s) => s.name)
        .slice(0, 4),
    ).toEqual(['Overview', 'Notes', 'Plan', 'More Plan 1']);
    expect(scopedName(workbookXml, '_xlnm.Print_Titles')).toEqual([{ sheet: 2, text: 'Plan!$1:$2' }]);
    expect(partText(written, readPackage(written).sheets[0].path)).toContain('<rowBreaks ');
    expect(scopedName(workbookXml, '_xlnm.Print_Area')).toEqual([{ sheet: 1, text: 'Notes!$A$1:$C$9' }]);
    expect(scopedName(workbookXml, 'Lead')).toEqual([{ sheet: 2, text: 'Plan!$D$3' }]);
    const ws = (await excelJs(written)).getWorksheet('Plan')!;
    expect(ws.pageSetup.printTitlesRow).toBe('1:2');
  });
});

describe('rebuild', () => {
  it('keeps every value of every theme sheet identical and puts the new overview first', async () => {
    const pkg = readPackage(await bytesOf(norfolkWorkbook()));
    const themes = check(pkg).themes.map((t) => t.name);
    const handMade = valuesOf(pkg.snapshot, ['Overview']).Overview;
    const after = apply(pkg, rebuild);
    expect(themes).toHaveLength(3);
    expect(valuesOf(after.snapshot, themes)).toEqual(valuesOf(pkg.snapshot, themes));
    expect(after.snapshot.sheets.map((s) => s.name)).toEqual([
      'Overview',
      'Overview (previous)',
      'Prevention & Early Intervention',
      'Offender Management',
      'Rehabilitation & Resettlement',
      'Notes',
    ]);
    expect(valuesOf(after.snapshot, ['Overview (previous)'])['Overview (previous)']).toEqual(handMade);
    const analysis = check(after);
    expect(analysis.overviewSheet?.name).toBe('Overview');
    expect(analysis.issues.filter((i) => i.code === 'overview-stale')).toEqual([]);
    // An independent reader sees the same sheets in the same order.
    expect((await excelJs(applyPlan(pkg, rebuild(pkg), EXAMPLE_DATE))).worksheets.map((w) => w.name)).toEqual(
      after.snapshot.sheets.map((s) => s.name),
    );
  });

  it('twice rewrites the overview in place: same sheet part, same content but the build time and period', async () => {
    const once = apply(readPackage(await bytesOf(norfolkWorkbook())), rebuild);
    // Days later, or a quarter later, nothing new: nothing to rebuild (the build date's quarter in
    // the title says when it was built, as check says).
    for (const days of [3, 60]) {
      const at = new Date(EXAMPLE_DATE.getTime() + days * 86_400_000);
      expect([days, rebuild(once, at).edits]).toEqual([days, []]);
      expect(check(once, at).issues.filter((i) => i.code === 'overview-stale')).toEqual([]);
    }
    // A quarter later, after a partner's change: the title names the new quarter.
    const later = new Date(EXAMPLE_DATE.getTime() + 60 * 86_400_000);
    const edited = apply(once, (p) => changeOneStatus(p), later);
    const twice = apply(edited, (p) => rebuild(p, later), later);
    expect(twice.sheets.map((s) => [s.name, s.path])).toEqual(once.sheets.map((s) => [s.name, s.path]));
    const a = valuesOf(once.snapshot).Overview;
    const b = valuesOf(twice.snapshot).Overview;
    expect([a[0][0], b[0][0]]).toEqual([
      'Appendix 1: Strategic Framework - Action Plan Proforma — overview, Q3 2026/27',
      'Appendix 1: Strategic Framework - Action Plan Proforma — overview, Q4 2026/27',
    ]);
    expect(b[1][1]).not.toEqual(a[1][1]);
    b[0][0] = a[0][0];
    b[1][1] = a[1][1];
    expect(b.filter((line, r) => line.join('|') !== a[r].join('|')).length).toBeGreaterThan(0);
    expect(b.length).toBe(a.length);
    // Rewriting in place leaves workbook.xml alone: the sheet was not deleted and re-added.
    const plan = rebuild(edited, later);
    expect(plan.edits.map((e) => e.kind)).toEqual(['replace-sheet']);
    const bytes = applyPlan(edited, plan, later);
    expect(partText(bytes, 'xl/workbook.xml')).toBe(partText(once.zip.bytes, 'xl/workbook.xml'));
  });

  it('reports overview-stale after one RAG value is edited, and not before', async () => {
    const built = apply(readPackage(await bytesOf(norfolkWorkbook())), rebuild);
    const stale = (p: XlsxPackage) => check(p).issues.filter((i) => i.code === 'overview-stale');
    expect(stale(built)).toEqual([]);
    const sheet = built.snapshot.sheets.find((s) => s.name === 'Offender Management')!;
    const edited = readPackage(
      applyPlan(
        built,
        {
          description: '',
          edits: [{ kind: 'set-value', sheet: sheet.name, row: 3, col: 5, expect: sheet.cells[3][5], value: 'R' }],
        },
        EXAMPLE_DATE,
      ),
    );
    expect(stale(edited)).toEqual([expect.objectContaining({ sheet: 'Overview', cell: 'A1' })]);
  });

  it('writes a formula-looking theme name as text, never as a formula', async () => {
    const wb = norfolkWorkbook();
    wb.getWorksheet('Offender Management')!.getCell('A2').value = '=HYPERLINK("http://x","Offender Management")';
    const pkg = readPackage(await bytesOf(wb));
    const bytes = applyPlan(pkg, rebuild(pkg), EXAMPLE_DATE);
    const values: ExcelJS.CellValue[] = [];
    (await excelJs(bytes)).getWorksheet('Overview')!.eachRow((r) => r.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain('=HYPERLINK("http://x","Offender Management") (9)');
    expect(values.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
  });

  it('never takes a sheet for the overview because of its text: a notes sheet saying "Built by Proforma" survives', () => {
    const bytes = buildXlsx({
      sheets: [
        { name: 'Plan', body: planSheet() },
        {
          name: 'Notes',
          body: `<sheetData>${row(1, [inline('A1', 'Built by Proforma from the theme sheets. Do not edit.')])}</sheetData>`,
        },
      ],
    });
    const pkg = readPackage(bytes);
    expect(check(pkg).overviewSheet).toBeNull();
    const after = apply(pkg, rebuild);
    expect(after.snapshot.sheets.map((s) => s.name)).toEqual(['Overview', 'Plan', 'Notes']);
    expect(valuesOf(after.snapshot, ['Notes'])).toEqual(valuesOf(pkg.snapshot, ['Notes']));
  });

  it('never treats a sheet with an action table as the overview, even when the mark points at it', () => {
    const bytes = buildXlsx({
      sheets: [{ name: 'Plan', body: planSheet() }],
      workbookExtra: `<definedNames><definedName name="ProformaOverview" hidden="1">'Plan'!$A$1</definedName></definedNames>`,
    });
    const pkg = readPackage(bytes);
    const analysis = check(pkg);
    expect(analysis.overviewSheet).toBeNull();
    expect(analysis.themes.map((t) => t.name)).toEqual(['Plan']);
    const after = apply(pkg, rebuild);
    expect(valuesOf(after.snapshot, ['Plan'])).toEqual(valuesOf(pkg.snapshot, ['Plan']));
    expect(check(after).overviewSheet?.name).toBe('Overview');
  });

  it('refuses an overviewName setting that names a theme sheet: settings-invalid, nothing renamed', () => {
    const bytes = buildXlsx({
      sheets: [
        { name: 'Plan', body: planSheet() },
        {
          name: 'ProformaSettings',
          state: 'veryHidden',
          body: `<sheetData>${row(1, [inline('A1', 'overviewName'), inline('B1', 'Plan')])}</sheetData>`,
        },
      ],
    });
    const pkg = readPackage(bytes);
    const analysis = check(pkg);
    expect(analysis.issues.filter((i) => i.code === 'settings-invalid')).toEqual([
      expect.objectContaining({ sheet: 'ProformaSettings', cell: 'B1', severity: 'error' }),
    ]);
    const plan = rebuild(pkg);
    expect(plan.edits.filter((e) => e.kind === 'rename-sheet')).toEqual([]);
    const after = readPackage(applyPlan(pkg, plan, EXAMPLE_DATE));
    expect(after.snapshot.sheets.map((s) => s.name)).toEqual(['Overview', 'Plan', 'ProformaSettings']);
    expect(valuesOf(after.snapshot, ['Plan'])).toEqual(valuesOf(pkg.snapshot, ['Plan']));
  });

  it('renames a hand-made overview only where nothing else refers to it by name', () => {
    const referring = buildXlsx({
      sheets: [
        { name: 'Overview', body: `<sheetData>${row(1, [inline('A1', 'Typed by hand')])}</sheetData>` },
        { name: 'Plan', body: planSheet(row(6, ['<c r="G6"><f>Overview!A1</f><v>0</v></c>'])) },
      ],
    });
    const pkg = readPackage(referring);
    expect(() => applyPlan(pkg, rebuild(pkg), EXAMPLE_DATE)).toThrow(
      /sheet "Overview" would be renamed, but xl\/worksheets\/sheet2.xml refers to it by name.*nothing was written/,
    );
    // A print area of the hand-made sheet is carried along to its new name.
    const named = buildXlsx({
      sheets: [
        { name: 'Overview', body: `<sheetData>${row(1, [inline('A1', 'Typed by hand')])}</sheetData>` },
        { name: 'Plan', body: planSheet() },
      ],
      workbookExtra: `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">Overview!$A$1:$D$9</definedName><definedName name="Board">"Reducing Offending"</definedName></definedNames>`,
    });
    const written = applyPlan(readPackage(named), rebuild(readPackage(named)), EXAMPLE_DATE);
    const workbook = partText(written, 'xl/workbook.xml');
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Area" localSheetId="1">'Overview (previous)'!$A$1:$D$9</definedName>`,
    );
    expect(workbook).toContain(`<definedName name="Board">"Reducing Offending"</definedName>`);
    expect(workbook).toContain(`<definedName name="ProformaOverview" hidden="1">'Overview'!$A$1</definedName>`);
  });

  it('follows an overviewName changed after the first rebuild: renames its own overview and rewrites it in place', () => {
    const first = apply(readPackage(buildXlsx({ sheets: [{ name: 'Plan', body: planSheet() }] })), rebuild);
    expect(first.snapshot.sheets.map((s) => s.name)).toEqual(['Overview', 'Plan']);
    // The board names its overview in the settings afterwards (a settings sheet is added, then filled in).
    const edited = readPackage(
      applyPlan(
        first,
        {
          description: '',
          edits: [
            {
              kind: 'add-sheet',
              content: {
                name: 'ProformaSettings',
                cells: [],
                merges: [],
                columnWidths: [],
                buildTimeCell: { row: 0, col: 0 },
              },
            },
          ],
        },
        EXAMPLE_DATE,
      ),
    );
    const withName = readPackage(
      applyPlan(
        edited,
        {
          description: '',
          edits: ['overviewName', 'Board summary'].map((value, col) => ({
            kind: 'set-value' as const,
            sheet: 'ProformaSettings',
            row: 0,
            col,
            expect: { kind: 'empty' as const },
            value,
          })),
        },
        EXAMPLE_DATE,
      ),
    );
    const plan = rebuild(withName);
    expect(plan.edits.map((e) => e.kind)).toEqual(['rename-sheet', 'replace-sheet', 'mark-overview']);
    const after = readPackage(applyPlan(withName, plan, EXAMPLE_DATE));
    expect(after.snapshot.sheets.map((s) => s.name)).toEqual(['ProformaSettings', 'Board summary', 'Plan']);
    expect(check(after).overviewSheet?.name).toBe('Board summary');
  });

  it('next to a theme sheet called "Overview", its own overview keeps one name through every rebuild', () => {
    const bytes = buildXlsx({ sheets: [{ name: 'Overview', body: planSheet() }] });
    const once = apply(readPackage(bytes), rebuild);
    const twice = apply(once, rebuild);
    expect(once.snapshot.sheets.map((s) => s.name)).toEqual(['Overview (2)', 'Overview']);
    expect(twice.snapshot.sheets.map((s) => s.name)).toEqual(['Overview (2)', 'Overview']);
    // Nothing new: nothing to do, a quarter later too; after a change, rewritten in place under the same name.
    expect(rebuild(twice).edits).toEqual([]);
    const later = new Date(EXAMPLE_DATE.getTime() + 90 * 86_400_000);
    expect(rebuild(twice, later).edits).toEqual([]);
    const edited = apply(twice, (p) => changeOneStatus(p), later);
    expect(rebuild(edited, later).edits.map((e) => e.kind)).toEqual(['replace-sheet']);
  });

  it('never writes two sheets of one name: a chart sheet called "Overview" is left alone', () => {
    const chartBook = corpusWorkbooks().find((w) => w.kinds.includes('chartsheet'))!;
    const parts = unzipSync(chartBook.bytes);
    const workbook = new TextDecoder().decode(parts['xl/workbook.xml']);
    const chartName = /<sheet [^>]*name="([^"]+)"[^>]*r:id="(rId\d+)"/g;
    const rels = new TextDecoder().decode(parts['xl/_rels/workbook.xml.rels']);
    let renamed = workbook;
    for (const m of workbook.matchAll(chartName))
      if (new RegExp(`Id="${m[2]}"[^>]*chartsheet`).test(rels) || new RegExp(`chartsheet[^>]*Id="${m[2]}"`).test(rels))
        renamed = renamed.replace(`name="${m[1]}"`, 'name="Overview"');
    expect(renamed).not.toBe(workbook);
    parts['xl/workbook.xml'] = strToU8(renamed);
    const pkg = readPackage(zipSync(parts));
    expect(pkg.snapshot.otherSheets).toContain('Overview');
    const after = readPackage(applyPlan(pkg, rebuild(pkg), EXAMPLE_DATE));
    const names = after.sheets.map((s) => s.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(after.sheets[0].name).toBe('Overview (2)');
  });

  it('puts the new overview first with the tab that was open still open and the tab strip at the start', () => {
    const bytes = buildXlsx({
      workbookBefore: '<bookViews><workbookView firstSheet="1" activeTab="1"/></bookViews>',
      sheets: [
        { name: 'Notes', body: '<sheetData/>' },
        { name: 'Plan', body: planSheet() },
      ],
    });
    const written = applyPlan(readPackage(bytes), rebuild(readPackage(bytes)), EXAMPLE_DATE);
    expect(partText(written, 'xl/workbook.xml')).toContain('<workbookView firstSheet="0" activeTab="2"/>');
    expect(readPackage(written).snapshot.sheets.map((s) => s.name)).toEqual(['Overview', 'Notes', 'Plan']);
  });

  it('keeps overview text within Excel’s 32,767 characters a cell', () => {
    const long = 'x'.repeat(40_000);
    const bytes = buildXlsx({
      sheets: [{ name: 'Plan', body: planSheet(row(6, [null, null, inline('C6', 'Act'), null, inline('E6', long)])) }],
    });
    const after = apply(readPackage(bytes), rebuild);
    const overview = after.snapshot.sheets[0];
    const longest = Math.max(...overview.cells.flat().map((c) => displayText(c).length));
    expect(longest).toBeLessThanOrEqual(32_767);
  });
});

describe('colour', () => {
  it('writes live rules and drop-downs an independent reader sees, and nothing the second time', async () => {
    // A note under each table, a row below it: the rules and lists reach the row before the note.
    // (Without one they reach the end of the sheet, where ExcelJS, the independent reader here,
    // would make a record of each of a million cells of a list.)
    const workbook = norfolkWorkbook();
    for (const ws of workbook.worksheets)
      if (ws.name !== 'Overview' && ws.name !== 'Notes') ws.getCell(ws.rowCount + 2, 1).value = 'Source: partners';
    const pkg = readPackage(await bytesOf(workbook));
    const once = apply(pkg, colour);
    expect(colour(once).edits).toEqual([]);
    expect(valuesOf(once.snapshot)).toEqual(valuesOf(pkg.snapshot));
    // No static fill: header, title and action rows keep the fills they had.
    expect(once.snapshot.sheets.map((s) => s.fills)).toEqual(pkg.snapshot.sheets.map((s) => s.fills));
    const pe1 = once.snapshot.sheets.find((s) => s.name === 'Prevention & Early Intervention')!;
    // Over the action rows and the empty row below them, where a partner adds a row.
    expect(pe1.statusRules?.map((r) => r.ranges.map(rangeAddress).join(' '))).toEqual([
      ...Array.from({ length: 4 }, () => 'F4:F10'),
      ...Array.from({ length: 4 }, () => 'A4:G10'),
    ]);
    // ExcelJS, reading the file on its own, finds the rules with their colours and the list.
    const sheet = (await excelJs(once.zip.bytes)).getWorksheet('Prevention & Early Intervention')!;
    const formats = (
      sheet as unknown as {
        conditionalFormattings: Array<{
          ref: string;
          rules: Array<{ type: string; formulae: string[]; style: { fill?: { bgColor?: { argb?: string } } } }>;
        }>;
      }
    ).conditionalFormattings;
    expect(formats.map((f) => [f.ref, f.rules[0].type, f.rules[0].style.fill?.bgColor?.argb])).toContainEqual([
      'F4:F10',
      'expression',
      'FFD4351C',
    ]);
    expect(formats[0].rules[0].formulae[0]).toBe(pe1.statusRules?.[0].formula);
    const validation = (
      sheet as unknown as {
        dataValidations: { model: Record<string, { type: string; formulae: string[]; errorStyle: string }> };
      }
    ).dataValidations.model;
    expect(Object.values(validation).map((v) => [v.type, v.formulae[0], v.errorStyle])).toContainEqual([
      'list',
      '"R,A,G,W"',
      'warning',
    ]);
  });

  it('keeps every byte of the sheet’s cells, merges and other parts, adding only its rules and list', () => {
    const extra =
      row(6, [inline('A6', 'PE3'), null, inline('C6', 'Merged action'), null, inline('E6', 'G')]) +
      row(7, [
        inline('A7', 'left under the merge'),
        null,
        inline('C7', 'Second'),
        null,
        inline('E7', 'G'),
        '<c r="F7" t="d"><v>2019-07-01T00:00:00</v></c>',
      ]) +
      row(8, [
        null,
        null,
        '<c r="C8" t="inlineStr"><is><r><t>Rich </t></r><r><rPr><b/></rPr><t>text</t></r></is></c>',
        null,
        inline('E8', 'R'),
      ]);
    const bytes = buildXlsx({
      sheets: [{ name: 'Plan', body: planSheet(extra, '<mergeCells count="1"><mergeCell ref="A6:A7"/></mergeCells>') }],
    });
    const before = partText(bytes, 'xl/worksheets/sheet1.xml');
    const after = partText(
      applyPlan(readPackage(bytes), colour(readPackage(bytes)), EXAMPLE_DATE),
      'xl/worksheets/sheet1.xml',
    );
    const added = /<conditionalFormatting[\s\S]*<\/dataValidations>/.exec(after)?.[0] ?? '';
    expect(after.replace(added, '')).toBe(before);
    // The merged cell A6:A7 (one ref over two actions) gets no row tint; the rest of those rows do.
    expect(added).toContain('<conditionalFormatting sqref="A3:F5 B6:F7 A8:F1048576">');
  });

  it('keeps the board’s own rules ahead of Proforma’s and its validation, and replaces only Proforma’s', () => {
    const board =
      '<conditionalFormatting sqref="D3:D5"><cfRule type="containsText" dxfId="0" priority="1" operator="containsText" text="Police">' +
      '<formula>NOT(ISERROR(SEARCH("Police",D3)))</formula></cfRule></conditionalFormatting>' +
      '<dataValidations count="1"><dataValidation type="whole" allowBlank="1" sqref="E4"><formula1>1</formula1><formula2>4</formula2></dataValidation></dataValidations>';
    const styles = STYLES_XML.replace(
      '</styleSheet>',
      '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font></dxf></dxfs></styleSheet>',
    );
    const bytes = buildXlsx({
      sheets: [{ name: 'Plan', body: planSheet('', board) }],
      parts: { 'xl/styles.xml': styles },
    });
    const pkg = readPackage(bytes);
    expect(pkg.snapshot.sheets[0].boardValidation).toEqual([{ top: 3, bottom: 3, left: 4, right: 4 }]);
    const once = apply(pkg, colour);
    const xml = partText(once.zip.bytes, 'xl/worksheets/sheet1.xml');
    expect(xml).toContain(board.slice(0, board.indexOf('<dataValidations')));
    expect(xml).toContain('<dataValidations count="2"><dataValidation type="whole" allowBlank="1" sqref="E4">');
    // Proforma's list goes round the board's cell E4.
    expect(once.snapshot.sheets[0].dropDowns?.[0].ranges.map(rangeAddress)).toEqual(['E3', 'E5:E1048576']);
    expect([...xml.matchAll(/priority="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // A board that switches on B: Proforma's rules and list are replaced, the board's stay as they were.
    const settings = { ...check(once).settings, scale: 'ragb' as const };
    const plan = colourPlan(analyse(once.snapshot, { today: EXAMPLE_DATE, settings }));
    const again = readPackage(applyPlan(once, plan, EXAMPLE_DATE));
    const xml2 = partText(again.zip.bytes, 'xl/worksheets/sheet1.xml');
    expect(xml2).toContain(board.slice(0, board.indexOf('<dataValidations')));
    expect([...xml2.matchAll(/priority="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
    expect(again.snapshot.sheets[0].statusRules).toHaveLength(10);
    expect(again.snapshot.sheets[0].dropDowns?.[0].values).toEqual(['R', 'A', 'G', 'W', 'B']);
    expect(xml2.match(/<dataValidation /g)).toHaveLength(2);
    expect(again.snapshot.sheets[0].boardValidation).toEqual([{ top: 3, bottom: 3, left: 4, right: 4 }]);
  });
});

describe('fix', () => {
  it('changes exactly the fixable cells, as text an independent reader sees', async () => {
    const pkg = readPackage(await bytesOf(norfolkWorkbook()));
    const plan = fixPlan(check(pkg));
    const bytes = applyPlan(pkg, plan, EXAMPLE_DATE);
    const after = readPackage(bytes);
    const changed: string[] = [];
    const b = valuesOf(pkg.snapshot);
    const a = valuesOf(after.snapshot);
    for (const sheet of Object.keys(b))
      b[sheet].forEach((line, r) =>
        line.forEach((value, c) => {
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
    expect(check(after).issues.filter((i) => i.fix)).toEqual([]);
    expect((await excelJs(bytes)).getWorksheet('Offender Management')!.getCell('A6').value).toBe('OM2');
  });

  it('writes the code into a status shown only by colour, keeping the fill (rag-colour-only)', async () => {
    const wb = norfolkWorkbook();
    const sheet = wb.getWorksheet('Offender Management')!;
    const cell = sheet.getCell('F4');
    cell.value = null;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
    const pkg = readPackage(await bytesOf(wb));
    const issue = check(pkg).issues.find((i) => i.sheet === 'Offender Management' && i.cell === 'F4');
    expect(issue).toMatchObject({ code: 'rag-colour-only', fix: { value: 'R' } });
    const after = readPackage(applyPlan(pkg, fixPlan(check(pkg), [issue!]), EXAMPLE_DATE));
    const fixed = after.snapshot.sheets.find((s) => s.name === 'Offender Management')!;
    expect(fixed.cells[3][5]).toEqual({ kind: 'text', text: 'R' });
    expect(fixed.fills['3,5']).toBe('#FFC7CE');
    expect(check(after).issues.some((i) => i.sheet === 'Offender Management' && i.cell === 'F4')).toBe(false);
  });

  it('offers no fix for a formula cell: the formula is what needs correcting', () => {
    const bytes = buildXlsx({
      sheets: [
        {
          name: 'Plan',
          body: planSheet(
            row(6, [null, null, inline('C6', 'Act'), null, '<c r="E6" t="str"><f>"am"&amp;"ber"</f><v>amber</v></c>']),
          ),
        },
      ],
    });
    const issue = check(readPackage(bytes)).issues.find((i) => i.cell === 'E6');
    expect(issue).toEqual(expect.objectContaining({ code: 'rag-nonstandard' }));
    expect(issue?.fix).toBeUndefined();
    expect(issue?.message).toMatch(/correct the formula instead/);
  });

  it('refuses, writing nothing, when a cell changed since the check or the sheet is protected', async () => {
    const pkg = readPackage(await bytesOf(norfolkWorkbook()));
    const plan = fixPlan(check(pkg));
    const rr = pkg.snapshot.sheets.find((s) => s.name === 'Rehabilitation & Resettlement')!;
    rr.cells[4][5] = { kind: 'text', text: 'Green' };
    expect(() => applyPlan(pkg, plan, EXAMPLE_DATE)).toThrow(PackageError);
    expect(() => applyPlan(pkg, plan, EXAMPLE_DATE)).toThrow(
      /'Rehabilitation & Resettlement'!F5 changed since it was checked/,
    );
    const locked = readPackage(
      buildXlsx({
        sheets: [{ name: 'Plan', body: planSheet('', '<sheetProtection sheet="1" objects="1" scenarios="1"/>') }],
      }),
    );
    expect(() => applyPlan(locked, fixPlan(check(locked)), EXAMPLE_DATE)).toThrow(
      /sheet "Plan" is protected.*nothing was written/,
    );
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
    const analysis = check(readPackage(await bytesOf(wb)));
    expect(analysis.settings.scale).toBe('ragb');
    expect(analysis.settings.prefixes).toEqual({ 'Offender Management': 'OM' });
    expect(analysis.settingsProblems).toEqual([
      'Setting refScheme should be auto, prefixed, numbered, dotted or codes, not "sometimes".',
    ]);
    expect(analysis.issues.filter((i) => i.code === 'settings-invalid')).toEqual([
      expect.objectContaining({ sheet: 'ProformaSettings', cell: 'B3' }),
    ]);
    expect(analysis.sheets.map((s) => s.name)).not.toContain('ProformaSettings');
    expect(analysis.issues.filter((i) => i.cell === 'F4' && i.sheet === 'Rehabilitation & Resettlement')).toEqual([
      expect.objectContaining({ code: 'rag-nonstandard', fix: { value: 'B' } }),
    ]);
  });
});

describe('hostile and broken packages', () => {
  const good = () => buildXlsx({ sheets: [{ name: 'Plan', body: planSheet() }] });

  it.each([
    ['empty', new Uint8Array(0), /the file is empty/],
    ['text', strToU8('Ref,Actions,RAG\nPE1,x,G\n'), /not an \.xlsx file/],
    ['old .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /old-style \.xls/],
    ['cut short', good().slice(0, 400), /damaged or cut short/],
    ['Word document', zipSync({ 'word/document.xml': strToU8('<w:document/>') }), /Word document/],
  ])('%s: a clear PackageError', (_name, bytes, message) => {
    expect(() => readPackage(bytes)).toThrow(PackageError);
    expect(() => readPackage(bytes)).toThrow(message);
  });

  it('stops reading at the cell limit and says so, naming it', () => {
    const bytes = good();
    expect(() => readPackage(bytes, { maxCells: 10 })).toThrow(/more than 10 cells, more than Proforma reads/);
    expect(readPackage(bytes, { maxCells: 100 }).snapshot.sheets).toHaveLength(1);
  });

  it('refuses, with a clear message, a small file whose values sit far to the right (the blanks would fill memory)', () => {
    const rows = Array.from({ length: 400 }, (_, i) => row(i + 1, [inline(`XFD${i + 1}`, 'far away')])).join('');
    const bytes = buildXlsx({ sheets: [{ name: 'Wide', body: `<sheetData>${rows}</sheetData>` }] });
    expect(bytes.length).toBeLessThan(100_000);
    expect(() => readPackage(bytes)).toThrow(
      /counting the blanks before a value far to the right \(sheet "Wide", row \d+\)/,
    );
  });

  it('says a password-protected (encrypted) workbook is exactly that, and how to remove the password', () => {
    // An encrypted workbook is an OLE compound file with an EncryptedPackage stream.
    const name = Array.from('EncryptedPackage').flatMap((ch) => [ch.charCodeAt(0), 0]);
    const bytes = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0), ...name]);
    expect(() => readPackage(bytes)).toThrow(/protected with a password.*Encrypt with Password/);
  });

  it('says a part failing its CRC is damaged', () => {
    const bytes = zipSync(
      {
        ...unzipSync(good()),
        'xl/worksheets/sheet1.xml': strToU8(`<worksheet>${'<sheetData/>'.repeat(50)}</worksheet>`),
      },
      { level: 0 },
    );
    // Flip one byte inside the stored sheet: its CRC no longer matches.
    const at = Buffer.from(bytes).indexOf('<sheetData/><sheetData/>') + 3;
    bytes[at] ^= 0x20;
    expect(() => readPackage(bytes)).toThrow(/damaged.*sheet1\.xml fails its CRC check/);
  });

  it('refuses, before inflating, a part that declares more than the limit (a zip bomb)', () => {
    const bytes = good();
    // Rewrite the declared size of sheet1.xml in the central directory to 2 GiB.
    const buffer = Buffer.from(bytes);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    let at = buffer.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    while (at >= 0 && !buffer.subarray(at + 46, at + 46 + name.length).equals(name))
      at = buffer.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4);
    buffer.writeUInt32LE(0x8000_0000, at + 24);
    expect(() => readPackage(new Uint8Array(buffer))).toThrow(
      /would expand to 2048 MB, past the 1024 MB Proforma reads/,
    );
  });
});
