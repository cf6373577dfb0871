// The .xlsx host's two shortcuts on a large plan's colour path: shared strings found
// with string searches, and live colours indexed without reading the rows. Each must
// give exactly what the full XML parse gives, and hand anything unusual to it.
import fc from 'fast-check';
import {
  SheetContext,
  parseSharedStrings,
  readPackage,
  readSheetWith,
  scanSharedStrings,
} from '../src/hosts/xlsx/read';
import { readText } from '../src/hosts/xlsx/zip';
import { EXAMPLES, exampleBytes } from './fixtures/examples';
import { patchLiveColours } from '../src/hosts/xlsx/live-xml';
import { StyleBook, readStyles } from '../src/hosts/xlsx/styles';
import { STATUSES, statusFormula } from '../src/engine';

const SST = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://x" count="9">';
const sst = (items: string): string => `${SST}${items}</sst>`;

describe('shared strings found by string search', () => {
  it.each([
    ['plain and preserved text', '<si><t>Red</t></si><si><t xml:space="preserve"> two  spaces </t></si>'],
    [
      'entities and character references',
      '<si><t>A &amp; B &lt;1&gt; &quot;x&quot; &apos;y&apos; &#233; &#x1F600;</t></si>',
    ],
    ['line ends', '<si><t>one\r\ntwo\rthree\nfour</t></si>'],
    ["Excel's escapes", '<si><t>Line one_x000D_\nline two _x005F_x0041_</t></si>'],
    [
      'rich runs, phonetic runs left out',
      '<si><r><rPr><b/><sz val="11"/><color rgb="FFFF0000"/></rPr><t>Re</t></r><r><t xml:space="preserve">d </t></r>' +
        '<rPh sb="0" eb="1"><t>ignored</t></rPh><phoneticPr fontId="1"/></si>',
    ],
    ['empty items', '<si/><si><t/></si><si><t></t></si>'],
  ])('%s: as the XML parser reads them', (_, items) => {
    const xml = sst(items);
    const scanned = scanSharedStrings(xml);
    expect(scanned).not.toBeNull();
    expect(scanned).toEqual(parseSharedStrings(xml, 'xl/sharedStrings.xml'));
  });

  it.each([
    ['a comment', '<si><t>a</t></si><!-- <si><t>b</t></si> -->'],
    ['CDATA', '<si><t><![CDATA[a < b]]></t></si>'],
    ['a prefixed element', '<x:si><x:t>a</x:t></x:si>'],
    ['an unknown element', '<si><t>a</t><extLst/></si>'],
  ])('%s: left to the XML parser', (_, items) => {
    expect(scanSharedStrings(sst(items))).toBeNull();
  });

  it.each([
    ['an unknown entity', '<si><t>A &nbsp; B</t></si>'],
    ['a bare ampersand', '<si><t>A & B</t></si>'],
    ['an unclosed run', '<si><r><t>a</t></si>'],
    ['a forbidden character reference', '<si><t>&#1;</t></si>'],
  ])('%s: left to the XML parser, which calls the part damaged', (_, items) => {
    const xml = sst(items);
    expect(scanSharedStrings(xml)).toBeNull();
    expect(() => parseSharedStrings(xml, 'xl/sharedStrings.xml')).toThrow(/damaged/);
  });

  it('agrees with the XML parser on any text', () => {
    const escape = (text: string): string =>
      text.replace(/[&<>]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[ch] as string);
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 8 }), fc.boolean(), (texts, rich) => {
        const items = texts
          .map((t) =>
            rich
              ? `<si><r><rPr><b/></rPr><t xml:space="preserve">${escape(t)}</t></r><r><t>!</t></r></si>`
              : `<si><t xml:space="preserve">${escape(t)}</t></si>`,
          )
          .join('');
        const xml = sst(items);
        expect(scanSharedStrings(xml)).toEqual(parseSharedStrings(xml, 'xl/sharedStrings.xml'));
      }),
    );
  });
});

describe('live colours indexed without reading the rows', () => {
  const styles = (): StyleBook =>
    new StyleBook(readStyles('<styleSheet xmlns="http://x"><fills count="0"/><cellXfs count="0"/></styleSheet>', []));
  const rule = {
    ranges: [{ top: 2, bottom: 9, left: 0, right: 6 }],
    formula: statusFormula('R', ['r'], 'F', 2),
    fill: STATUSES.R.tint,
  };
  const sheet = (rows: string, after = ''): string =>
    `<worksheet xmlns="http://x"><dimension ref="A1:G10"/><sheetData>${rows}</sheetData>${after}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;

  it('patches the part as a full parse would, the rows untouched', () => {
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>conditionalFormatting &lt;sheetData&gt;</t></is></c></row>';
    const board =
      '<conditionalFormatting sqref="D3:D9"><cfRule type="cellIs" dxfId="0" priority="1" operator="equal"><formula>"x"</formula></cfRule></conditionalFormatting>';
    const ours = `<conditionalFormatting sqref="A3:G9"><cfRule type="expression" dxfId="1" priority="2"><formula>${statusFormula('G', ['g'], 'F', 2)}</formula></cfRule></conditionalFormatting>`;
    const xml = sheet(rows, board + ours);
    const patched = patchLiveColours(xml, 'xl/worksheets/sheet1.xml', [rule], [], styles());
    expect(patched.startsWith(xml.slice(0, xml.indexOf('</sheetData>')))).toBe(true);
    expect(patched).toContain(board);
    expect(patched).not.toContain(ours);
    expect(patched).toContain('<conditionalFormatting sqref="A3:G10"><cfRule type="expression" dxfId="');
    expect(patched).toContain('priority="2"');
    expect(patched.indexOf('<pageMargins')).toBeGreaterThan(patched.indexOf('A3:G10'));
  });

  it('a part whose "<sheetData" text is not the element is parsed whole, and patched the same', () => {
    const xml = sheet('').replace('<dimension', '<!-- <sheetData> --><dimension');
    const patched = patchLiveColours(xml, 'xl/worksheets/sheet1.xml', [rule], [], styles());
    expect(patched).toContain('<!-- <sheetData> -->');
    expect(patched).toContain('<conditionalFormatting sqref="A3:G10">');
  });
});

describe('rows found by string search', () => {
  const context = (pkg: ReturnType<typeof readPackage>): SheetContext => ({
    sharedStrings: scanSharedStrings(readText(pkg.zip, 'xl/sharedStrings.xml') ?? '<sst/>') ?? [],
    styles: pkg.styles,
    date1904: pkg.date1904,
    cellBudget: { left: 1e7, limit: 1e7 },
  });

  it.each(Object.keys(EXAMPLES))('%s: each sheet reads as the XML parser reads it', (file) => {
    const pkg = readPackage(exampleBytes(file));
    for (const entry of pkg.sheets.filter((s) => s.kind === 'worksheet')) {
      const xml = readText(pkg.zip, entry.path) as string;
      const scanned = readSheetWith(xml, entry, context(pkg), true);
      expect(scanned).not.toBeNull();
      expect(scanned).toEqual(readSheetWith(xml, entry, context(pkg), false));
    }
  });

  const entry = { name: 'P', kind: 'worksheet' as const, state: 'visible' as const, relId: 'rId1', path: 'p.xml' };
  const part = (rows: string): string =>
    `<worksheet xmlns="http://x"><cols><col min="2" max="2" style="0"/></cols><sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells></worksheet>`;
  const bare: SheetContext = {
    sharedStrings: ['Red'],
    styles: readStyles('<styleSheet xmlns="http://x"/>', []),
    date1904: false,
    cellBudget: { left: 1e6, limit: 1e6 },
  };

  it('formulas, shared strings, numbers, errors, booleans, empty and self-closing rows: as the XML parser reads them', () => {
    const xml = part(
      '<row r="1" spans="1:4" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>SUM(1,2)&amp;""</f><v>3</v></c>' +
        '<c r="C1" t="e"><v>#N/A</v></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="str"><f t="shared" ref="E1:E2" si="0"/><v>a &lt; b</v></c></row>' +
        '<row r="2" hidden="1"/>\n<row r="3"><c r="A3"/><c r="B3"><v/></c><c r="C3" t="inlineStr"><is><t xml:space="preserve"> x &amp; y</t></is></c></row>',
    );
    const scanned = readSheetWith(xml, entry, { ...bare }, true);
    expect(scanned).toEqual(readSheetWith(xml, entry, { ...bare }, false));
    expect(scanned?.formulas).toEqual({ '0,1': true, '0,4': true });
    expect(scanned?.cells[0].map((c) => c.kind)).toEqual(['text', 'number', 'error', 'boolean', 'text']);
  });

  it.each([
    ['rich inline strings', '<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r></is></c></row>'],
    ['an entity in an attribute', '<row r="1" x="&amp;"><c r="A1"><v>1</v></c></row>'],
    ['a prefix', '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'],
  ])('%s: read by the XML parser', (_, rows) => {
    expect(readSheetWith(part(rows), entry, { ...bare }, true)).toBeNull();
  });

  it('a shared string that is not there: damaged, read either way', () => {
    const xml = part('<row r="1"><c r="A1" t="s"><v>7</v></c></row>');
    expect(() => readSheetWith(xml, entry, { ...bare }, true)).toThrow(/missing shared string/);
    expect(() => readSheetWith(xml, entry, { ...bare }, false)).toThrow(/missing shared string/);
  });

  it('cells of other forms (attributes in another order, a lower-case reference) as the XML parser reads them', () => {
    const xml = part(
      '<row r="1"><c t="s" r="A1"><v>0</v></c><c r="b1" s="0"><v>2</v></c><c r="C1" s="0" t="n" cm="1"><v>3</v></c>' +
        '<c r="D1" t="s"><v> 0 </v></c></row>',
    );
    const scanned = readSheetWith(xml, entry, { ...bare }, true);
    expect(scanned).toEqual(readSheetWith(xml, entry, { ...bare }, false));
    expect(scanned?.cells[0].map((c) => c.kind)).toEqual(['text', 'number', 'number', 'text']);
  });

  it('a damaged row is left to the XML parser, which says so', () => {
    const xml = part('<row r="1"><c r="A1"><v>1</c></row>');
    expect(readSheetWith(xml, entry, { ...bare }, true)).toBeNull();
    expect(() => readSheetWith(xml, entry, { ...bare }, false)).toThrow(/damaged/);
  });
});
