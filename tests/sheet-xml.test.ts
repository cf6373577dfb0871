// Patching a worksheet's XML: rows written without r=, a self-closing row that
// gets cells, and new rows that go in at one place stay in order, once each.
import { SaxesParser } from 'saxes';
import { patchCells } from '../src/hosts/xlsx/sheet-xml';
import { StyleBook, readStyles } from '../src/hosts/xlsx/styles';
import { STYLES_XML } from './fixtures/xlsx-build';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** The r= of every row, in document order, and each row's cell refs and values (well-formedness checked). */
function rowsOf(xml: string): Array<{ r: string; cells: string[] }> {
  const rows: Array<{ r: string; cells: string[] }> = [];
  const parser = new SaxesParser();
  let text = '';
  parser.on('opentag', (tag) => {
    if (tag.name === 'row') rows.push({ r: String(tag.attributes.r), cells: [] });
    // A cell written without r= takes its place from its row: it needs none.
    if (tag.name === 'c') rows[rows.length - 1].cells.push(String(tag.attributes.r ?? '(next)'));
    text = '';
  });
  parser.on('text', (t) => (text += t));
  parser.on('closetag', (tag) => {
    if (tag.name === 't' || tag.name === 'v') {
      const cells = rows[rows.length - 1].cells;
      cells[cells.length - 1] += `=${text}`;
    }
  });
  parser.write(xml).close();
  return rows;
}

const book = (): StyleBook => new StyleBook(readStyles(STYLES_XML, []));

describe('patching sheet XML', () => {
  it('names rows written without r= once another is inserted, and fills a self-closing row', () => {
    const xml = `<worksheet xmlns="${MAIN}"><sheetData><row><c t="inlineStr"><is><t>a</t></is></c></row><row/><row><c><v>1</v></c></row></sheetData></worksheet>`;
    const patches = new Map([
      [1, new Map([[0, { value: 'x' }]])],
      [5, new Map([[0, { value: 'y' }]])],
    ]);
    expect(rowsOf(patchCells(xml, 'sheet', patches, book()))).toEqual([
      { r: '1', cells: ['(next)=a'] },
      { r: '2', cells: ['A2=x'] },
      { r: '3', cells: ['(next)=1'] },
      { r: '6', cells: ['A6=y'] },
    ]);
  });

  it('inserts several new rows at one place in row order, whatever order the patches came in', () => {
    const xml = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="9"><c r="A9"><v>9</v></c></row></sheetData></worksheet>`;
    const patches = new Map([
      [7, new Map([[0, { value: 'late' }]])],
      [5, new Map([[0, { value: 'early' }]])],
    ]);
    expect(rowsOf(patchCells(xml, 'sheet', patches, book())).map((r) => r.r)).toEqual(['1', '6', '8', '9']);
  });
});
