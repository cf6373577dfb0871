// Patching a worksheet part in place: the rows and cells a plan names are
// rewritten, every other byte of the part is kept as it was.
import { CellRange, CellValue, PlannedCell, PrintSetup, SheetContent, address, rangeAddress } from '../../engine';
import { StyleBook, StyleChange } from './styles';
import { Span, attributesXml, cellTextXml, childSpans, parseXml, spanOf, splice } from './xml';
import { local } from './read';
import { WORKSHEET_ORDER } from './schema';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Where a new child element goes among existing ones, given the schema order. */
export function insertionPoint(root: Span, children: Span[], name: string, order: readonly string[]): number {
  const rank = order.indexOf(name);
  let at = root.openEnd;
  for (const child of children) {
    const r = order.indexOf(local(child.name));
    if (r >= 0 && r < rank) at = child.end;
  }
  return at;
}

/** A change to one cell: a new text or number value (or a merged value of any type), and/or a change of format. */
export interface CellPatch {
  value?: string | number | CellValue;
  style?: StyleChange;
}

/** A patch's value as plain text or number, or null for an empty cell (a merged value may be any type). */
type WrittenValue = string | number | CellValue | undefined;

function isEmptyValue(value: WrittenValue): boolean {
  if (value === undefined || value === '') return true;
  return typeof value === 'object' && (value.kind === 'empty' || (value.kind === 'text' && value.text === ''));
}

interface RowSpan extends Span {
  row: number;
  hasR: boolean;
}

interface CellSpan extends Span {
  col: number;
  hasR: boolean;
}

interface SheetIndex {
  root: Span;
  children: Span[];
  sheetData?: Span;
  rows: RowSpan[];
  /** Cells of the rows of interest. */
  cells: Map<number, CellSpan[]>;
  prefix: string;
}

const DATE_FORMAT: StyleChange = { numFmtId: 14 };
const GENERAL_FORMAT: StyleChange = { numFmtId: 0 };

function colOf(ref: string): number {
  let col = 0;
  for (const ch of ref) {
    const code = ch.toUpperCase().charCodeAt(0);
    if (code < 65 || code > 90) break;
    col = col * 26 + code - 64;
  }
  return col - 1;
}

function indexSheet(xml: string, part: string, rowsOfInterest: Set<number>): SheetIndex {
  const children: Span[] = [];
  const rows: RowSpan[] = [];
  const cells = new Map<number, CellSpan[]>();
  let root: Span | undefined;
  const open: Span[] = [];
  let row = -1;
  let col = -1;
  let inSheetData = false;
  parseXml(xml, part, {
    open(tag, depth, start, openEnd) {
      if (depth > 3) return;
      const attributes = tag.attributes as Record<string, string>;
      if (depth === 2 && inSheetData) {
        row = attributes.r !== undefined ? Number(attributes.r) - 1 : row + 1;
        col = -1;
        const rowSpan = spanOf(tag, start, openEnd) as RowSpan;
        rowSpan.row = row;
        rowSpan.hasR = attributes.r !== undefined;
        rows.push(rowSpan);
        open[depth] = rowSpan;
        return;
      }
      if (depth === 3 && inSheetData) {
        col = attributes.r !== undefined ? colOf(attributes.r) : col + 1;
        if (!rowsOfInterest.has(row)) return;
        const cellSpan = spanOf(tag, start, openEnd) as CellSpan;
        cellSpan.col = col;
        cellSpan.hasR = attributes.r !== undefined;
        let list = cells.get(row);
        if (!list) cells.set(row, (list = []));
        list.push(cellSpan);
        open[depth] = cellSpan;
        return;
      }
      const span = spanOf(tag, start, openEnd);
      if (depth === 0) root = span;
      else if (depth === 1) {
        children.push(span);
        inSheetData = local(tag.name) === 'sheetData';
      }
      open[depth] = span;
    },
    close(tag, depth, end) {
      if (depth > 3) return;
      const span = open[depth];
      if (!span || (depth === 3 && !rowsOfInterest.has(row))) return;
      span.end = end;
      span.closeStart = tag.isSelfClosing ? end : xml.lastIndexOf('</', end - 1);
    },
  });
  if (!root) throw new Error(`empty part ${part}`);
  const sheetData = children.find((c) => local(c.name) === 'sheetData');
  const colon = root.name.indexOf(':');
  return { root, children, sheetData, rows, cells, prefix: colon >= 0 ? root.name.slice(0, colon + 1) : '' };
}

/**
 * A cell's open tag as written, with its s= attribute set: the other attributes
 * keep their bytes. (A <c> tag's attributes are plain tokens — r, s, t, cm, vm, ph —
 * so an attribute boundary followed by s= can only be the style.)
 */
function withStyle(tag: string, style: number): string {
  const match = /\ss\s*=\s*("[^"]*"|'[^']*')/.exec(tag);
  if (match) return `${tag.slice(0, match.index)} s="${style}"${tag.slice(match.index + match[0].length)}`;
  const at = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, at)} s="${style}"${tag.slice(at)}`;
}

function openTag(name: string, attributes: Record<string, string>, selfClosing: boolean): string {
  return `<${name}${attributesXml(attributes)}${selfClosing ? '/>' : '>'}`;
}

function valueXml(prefix: string, written: string | number | CellValue): { type?: string; inner: string } {
  let value: string | number;
  if (typeof written === 'object')
    switch (written.kind) {
      case 'number':
        value = written.value;
        break;
      case 'date':
        // A date is its serial number under a date format (the caller sees to the format).
        value = written.serial;
        break;
      case 'boolean':
        return { type: 'b', inner: `<${prefix}v>${written.value ? 1 : 0}</${prefix}v>` };
      case 'error':
        return { type: 'e', inner: `<${prefix}v>${cellTextXml(written.error)}</${prefix}v>` };
      case 'text':
        value = written.text;
        break;
      default:
        value = '';
    }
  else value = written;
  if (typeof value === 'number') return { inner: `<${prefix}v>${value}</${prefix}v>` };
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return {
    type: 'inlineStr',
    inner: `<${prefix}is><${prefix}t${space}>${cellTextXml(value)}</${prefix}t></${prefix}is>`,
  };
}

/** A whole <c> element for a new or rewritten cell. */
function cellXml(prefix: string, row: number, col: number, style: number | undefined, value: WrittenValue): string {
  const attributes: Record<string, string> = { r: address(row, col) };
  if (style !== undefined && style !== 0) attributes.s = String(style);
  if (value === undefined || isEmptyValue(value)) return openTag(`${prefix}c`, attributes, true);
  const { type, inner } = valueXml(prefix, value);
  if (type) attributes.t = type;
  return `${openTag(`${prefix}c`, attributes, false)}${inner}</${prefix}c>`;
}

/** Applies cell patches to a worksheet's XML; everything not named stays byte for byte. */
export function patchCells(
  xml: string,
  part: string,
  patches: Map<number, Map<number, CellPatch>>,
  styles: StyleBook,
): string {
  const index = indexSheet(xml, part, new Set(patches.keys()));
  const { prefix } = index;
  const edits: Edit[] = [];
  // A date is a number under a date format: one written where the format is not a date's takes
  // the reader's short date; a number written under a date format takes General.
  const styleFor = (style: number, patch: CellPatch): number => {
    const derived = patch.style ? styles.derive(style, patch.style) : style;
    const value = patch.value;
    if (typeof value !== 'object') return derived;
    if (value.kind === 'date' && !styles.isDate(derived)) return styles.derive(derived, DATE_FORMAT);
    if (value.kind === 'number' && styles.isDate(derived)) return styles.derive(derived, GENERAL_FORMAT);
    return derived;
  };
  const rowsByNumber = new Map(index.rows.map((r) => [r.row, r]));
  const inserting = [...patches.keys()].some((r) => !rowsByNumber.has(r));
  // Rows (and cells) written without r= take their number from their place; once one is inserted, name them.
  if (inserting)
    for (const r of index.rows)
      // A self-closing row that gets cells is rewritten whole below, r= included.
      if (!r.hasR && !(r.selfClosing && patches.has(r.row)))
        edits.push({
          start: r.start,
          end: r.openEnd,
          text: openTag(r.name, { r: String(r.row + 1), ...r.attributes }, r.selfClosing),
        });

  const newRows: Array<{ row: number; text: string }> = [];
  for (const [row, rowPatches] of patches) {
    const existing = rowsByNumber.get(row);
    const cols = [...rowPatches.keys()].sort((a, b) => a - b);
    if (!existing) {
      const cells = cols.map((col) => {
        const patch = rowPatches.get(col) as CellPatch;
        return cellXml(prefix, row, col, styleFor(0, patch), patch.value);
      });
      newRows.push({ row, text: `<${prefix}row r="${row + 1}">${cells.join('')}</${prefix}row>` });
      continue;
    }
    const cellSpans = index.cells.get(row) ?? [];
    const byCol = new Map(cellSpans.map((c) => [c.col, c]));
    const newCells: Array<{ col: number; text: string }> = [];
    const insertingCells = cols.some((c) => !byCol.has(c));
    for (const col of cols) {
      const patch = rowPatches.get(col) as CellPatch;
      const cell = byCol.get(col);
      if (!cell) {
        // An empty cell shows its row's format where the row has one (customFormat).
        const rowStyle = existing.attributes.customFormat === '1' ? Number(existing.attributes.s ?? 0) : 0;
        const style = styleFor(rowStyle, patch);
        newCells.push({ col, text: cellXml(prefix, row, col, style, patch.value) });
        continue;
      }
      const oldStyle = Number(cell.attributes.s ?? 0);
      const style = styleFor(oldStyle, patch);
      if (patch.value !== undefined) {
        edits.push({ start: cell.start, end: cell.end, text: cellXml(prefix, row, col, style, patch.value) });
      } else if (style !== oldStyle) {
        if (insertingCells && !cell.hasR) {
          const attributes = { r: address(row, col), ...cell.attributes, s: String(style) };
          edits.push({ start: cell.start, end: cell.openEnd, text: openTag(cell.name, attributes, cell.selfClosing) });
        } else
          edits.push({
            start: cell.start,
            end: cell.openEnd,
            text: withStyle(xml.slice(cell.start, cell.openEnd), style),
          });
      }
    }
    if (insertingCells)
      for (const cell of cellSpans)
        if (!cell.hasR && !cols.includes(cell.col))
          edits.push({
            start: cell.start,
            end: cell.openEnd,
            text: openTag(cell.name, { r: address(row, cell.col), ...cell.attributes }, cell.selfClosing),
          });
    if (newCells.length === 0) continue;
    if (existing.selfClosing) {
      // <row r="5"/> becomes <row r="5">cells</row>.
      const attributes =
        existing.hasR || !inserting ? existing.attributes : { r: String(row + 1), ...existing.attributes };
      edits.push({
        start: existing.start,
        end: existing.end,
        text: `${openTag(existing.name, attributes, false)}${newCells.map((c) => c.text).join('')}</${existing.name}>`,
      });
      continue;
    }
    for (const cell of newCells) {
      const next = cellSpans.find((c) => c.col > cell.col);
      const at = next ? next.start : existing.closeStart;
      edits.push({ start: at, end: at, text: cell.text });
    }
  }

  if (newRows.length > 0) {
    const sheetData = index.sheetData;
    if (!sheetData) throw new Error(`${part} has no sheetData`);
    if (sheetData.selfClosing) {
      const body = newRows
        .sort((a, b) => a.row - b.row)
        .map((r) => r.text)
        .join('');
      edits.push({
        start: sheetData.start,
        end: sheetData.end,
        text: `${openTag(sheetData.name, sheetData.attributes, false)}${body}</${sheetData.name}>`,
      });
    } else
      // In row order: several new rows may go in at one place.
      for (const newRow of newRows.sort((a, b) => a.row - b.row)) {
        const next = index.rows.find((r) => r.row > newRow.row);
        const at = next ? next.start : sheetData.closeStart;
        edits.push({ start: at, end: at, text: newRow.text });
      }
  }
  // Several insertions at one point keep their order (rows and cells ascending).
  return splice(xml, edits);
}

/** The <sheetData>, <cols>, <mergeCells> and <dimension> of a sheet Proforma writes whole (the overview). */
export function contentXml(
  content: SheetContent,
  prefix: string,
  styles: StyleBook,
): Record<'dimension' | 'cols' | 'sheetData' | 'mergeCells', string | null> {
  const rows: string[] = [];
  let lastCol = 0;
  const heights = new Map((content.rowHeights ?? []).map((h) => [h.row, h.points]));
  content.cells.forEach((line: PlannedCell[], r: number) => {
    const cells: string[] = [];
    line.forEach((planned, c) => {
      if (planned.value === null && !planned.style) return;
      const style = planned.style ? styles.derive(0, planned.style) : undefined;
      cells.push(cellXml(prefix, r, c, style, planned.value ?? undefined));
      lastCol = Math.max(lastCol, c);
    });
    const height = heights.get(r);
    const attributes = height === undefined ? `r="${r + 1}"` : `r="${r + 1}" ht="${height}" customHeight="1"`;
    if (cells.length > 0 || height !== undefined)
      rows.push(`<${prefix}row ${attributes}>${cells.join('')}</${prefix}row>`);
  });
  const bottom = Math.max(0, content.cells.length - 1);
  const dimension: CellRange = { top: 0, left: 0, bottom, right: lastCol };
  const cols = content.columnWidths.map(
    (width, c) => `<${prefix}col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"/>`,
  );
  const merges = content.merges.map((m) => `<${prefix}mergeCell ref="${rangeAddress(m)}"/>`);
  return {
    dimension: `<${prefix}dimension ref="${rangeAddress(dimension)}"/>`,
    cols: cols.length > 0 ? `<${prefix}cols>${cols.join('')}</${prefix}cols>` : null,
    sheetData: `<${prefix}sheetData>${rows.join('')}</${prefix}sheetData>`,
    mergeCells:
      merges.length > 0
        ? `<${prefix}mergeCells count="${merges.length}">${merges.join('')}</${prefix}mergeCells>`
        : null,
  };
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A new worksheet part holding the content. */
export function newSheetXml(content: SheetContent, styles: StyleBook): string {
  const parts = contentXml(content, '', styles);
  const print = content.print;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    (print?.fitToWidth ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : '') +
    parts.dimension +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (parts.cols ?? '') +
    parts.sheetData +
    (parts.mergeCells ?? '') +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    (print ? `<pageSetup${attributesXml(pageSetupAttributes(print, {}))}/>` : '') +
    (print ? (rowBreaksXml(print, '') ?? '') : '') +
    `</worksheet>`
  );
}

/** Rewrites a sheet Proforma owns in place: its cells, columns, merges and dimension; every other element is kept. */
export function replaceContent(xml: string, part: string, content: SheetContent, styles: StyleBook): string {
  const index = indexSheet(xml, part, new Set());
  const parts = contentXml(content, index.prefix, styles);
  // Inserted at one point, edits keep their order: sheetPr goes before a new dimension, pageSetup after new mergeCells.
  const print = content.print ? printEdits(xml, part, index, content.print) : { sheetPr: [], pageSetup: [] };
  const edits: Edit[] = [...print.sheetPr];
  for (const name of ['dimension', 'cols', 'sheetData', 'mergeCells'] as const) {
    const existing = index.children.find((c) => local(c.name) === name);
    const text = parts[name];
    if (existing) edits.push({ start: existing.start, end: existing.end, text: text ?? '' });
    else if (text) {
      const at = insertionPoint(index.root, index.children, name, WORKSHEET_ORDER);
      edits.push({ start: at, end: at, text });
    }
  }
  // The page breaks become the planned ones (the sheet is Proforma's: any earlier ones were its own).
  const breaks = content.print ? rowBreaksXml(content.print, index.prefix) : null;
  const rowBreaks = index.children.find((c) => local(c.name) === 'rowBreaks');
  if (content.print && rowBreaks) edits.push({ start: rowBreaks.start, end: rowBreaks.end, text: breaks ?? '' });
  else if (breaks) {
    const at = insertionPoint(index.root, index.children, 'rowBreaks', WORKSHEET_ORDER);
    print.pageSetup.push({ start: at, end: at, text: breaks });
  }
  return splice(xml, [...edits, ...print.pageSetup]);
}

/**
 * Manual page breaks above the planned rows (ECMA-376 18.3.1.73 rowBreaks, 18.3.1.3 brk: a
 * break's id is the 0-based row it comes before, as Excel writes it; max 16383 spans every
 * column; man marks it manual). Null when none are planned.
 */
function rowBreaksXml(print: PrintSetup, prefix: string): string | null {
  const rows = print.rowBreaks ?? [];
  if (rows.length === 0) return null;
  const breaks = rows.map((row) => `<${prefix}brk id="${row}" max="16383" man="1"/>`).join('');
  return `<${prefix}rowBreaks count="${rows.length}" manualBreakCount="${rows.length}">${breaks}</${prefix}rowBreaks>`;
}

/**
 * The page setup's attributes for a print setup (ECMA-376 18.3.1.63: fitToHeight 0 is "as many
 * pages as needed"). Attributes the sheet has already — paper size, its printer settings' r:id —
 * stay as they are.
 */
function pageSetupAttributes(print: PrintSetup, existing: Record<string, string>): Record<string, string> {
  const attributes = { ...existing, orientation: print.landscape ? 'landscape' : 'portrait' };
  if (print.fitToWidth) Object.assign(attributes, { fitToWidth: '1', fitToHeight: '0' });
  return attributes;
}

/** CT_SheetPr's children in schema order (18.3.1.82). */
const SHEET_PR_ORDER = ['tabColor', 'outlinePr', 'pageSetUpPr'];

/**
 * A sheet's page setup made to print as planned, in place: pageSetup's attributes, and
 * sheetPr/pageSetUpPr's fitToPage (which makes Excel use fitToWidth and fitToHeight);
 * whatever else those elements hold stays.
 */
function printEdits(
  xml: string,
  part: string,
  index: SheetIndex,
  print: PrintSetup,
): { sheetPr: Edit[]; pageSetup: Edit[] } {
  const { prefix, root, children } = index;
  const setup: Edit[] = [];
  const edits: Edit[] = [];
  const find = (name: string): Span | undefined => children.find((c) => local(c.name) === name);

  const pageSetup = find('pageSetup');
  if (pageSetup)
    setup.push({
      start: pageSetup.start,
      end: pageSetup.openEnd,
      text: openTag(pageSetup.name, pageSetupAttributes(print, pageSetup.attributes), pageSetup.selfClosing),
    });
  else {
    const at = insertionPoint(root, children, 'pageSetup', WORKSHEET_ORDER);
    setup.push({ start: at, end: at, text: openTag(`${prefix}pageSetup`, pageSetupAttributes(print, {}), true) });
  }

  const fit = print.fitToWidth ? '1' : '0';
  const pageSetUpPr = `<${prefix}pageSetUpPr fitToPage="${fit}"/>`;
  const sheetPr = find('sheetPr');
  if (!sheetPr) {
    const at = insertionPoint(root, children, 'sheetPr', WORKSHEET_ORDER);
    if (print.fitToWidth)
      edits.push({ start: at, end: at, text: `<${prefix}sheetPr>${pageSetUpPr}</${prefix}sheetPr>` });
  } else if (sheetPr.selfClosing) {
    if (print.fitToWidth)
      edits.push({
        start: sheetPr.start,
        end: sheetPr.end,
        text: `${openTag(sheetPr.name, sheetPr.attributes, false)}${pageSetUpPr}</${sheetPr.name}>`,
      });
  } else {
    // sheetPr's own children, found in its text; offsets moved back into the part.
    const own = childSpans(xml.slice(sheetPr.start, sheetPr.end), part);
    const inner = own.children.map((c) => ({
      ...c,
      start: c.start + sheetPr.start,
      end: c.end + sheetPr.start,
      openEnd: c.openEnd + sheetPr.start,
    }));
    const existing = inner.find((c) => local(c.name) === 'pageSetUpPr');
    if (existing)
      edits.push({
        start: existing.start,
        end: existing.openEnd,
        text: openTag(existing.name, { ...existing.attributes, fitToPage: fit }, existing.selfClosing),
      });
    else if (print.fitToWidth) {
      const at = insertionPoint(
        { ...own.root, openEnd: own.root.openEnd + sheetPr.start },
        inner,
        'pageSetUpPr',
        SHEET_PR_ORDER,
      );
      edits.push({ start: at, end: at, text: pageSetUpPr });
    }
  }
  return { sheetPr: edits, pageSetup: setup };
}

/** A new worksheet part holding rows of text (a record sheet: Proforma's settings). */
export function recordSheetXml(rows: string[][]): string {
  const data = rows
    .map((row, r) => {
      const cells = row.flatMap((text, c) => (text === '' ? [] : [cellXml('', r, c, undefined, text)]));
      return cells.length > 0 ? `<row r="${r + 1}">${cells.join('')}</row>` : '';
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="${recordDimension(rows)}"/>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    `<sheetData>${data}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `</worksheet>`
  );
}

function recordDimension(rows: string[][]): string {
  let bottom = 0;
  let right = 0;
  rows.forEach((row, r) =>
    row.forEach((text, c) => {
      if (text === '') return;
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }),
  );
  return rangeAddress({ top: 0, left: 0, bottom, right });
}

/**
 * A sheet's contents replaced by rows of text, in place: its cell formats stay where they
 * were (a cell with a format and no new text keeps the format, empty), as do its rows'
 * heights and formats, columns, merges, views and everything else but <sheetData>'s values
 * and the <dimension>: what clearing contents and typing the rows does in Excel.
 */
export function replaceRecordRows(xml: string, part: string, rows: string[][]): string {
  const first = indexSheet(xml, part, new Set());
  const index = indexSheet(xml, part, new Set(first.rows.map((r) => r.row)));
  const { prefix } = index;
  const oldRows = new Map(index.rows.map((r) => [r.row, r]));
  const numbers = new Set([...oldRows.keys()]);
  rows.forEach((row, r) => {
    if (row.some((text) => text !== '')) numbers.add(r);
  });
  const body: string[] = [];
  for (const r of [...numbers].sort((a, b) => a - b)) {
    const old = oldRows.get(r);
    const styles = new Map<number, number>();
    for (const cell of index.cells.get(r) ?? []) {
      const style = Number(cell.attributes.s ?? 0);
      if (style !== 0) styles.set(cell.col, style);
    }
    const texts = rows[r] ?? [];
    const cols = new Set([...styles.keys()]);
    texts.forEach((text, c) => {
      if (text !== '') cols.add(c);
    });
    const cells = [...cols]
      .sort((a, b) => a - b)
      .map((c) => cellXml(prefix, r, c, styles.get(c), texts[c] === '' ? undefined : texts[c]));
    // The row's own attributes (height, format, hidden) stay; spans, a hint of its columns, goes.
    const attributes: Record<string, string> = { r: String(r + 1) };
    for (const [name, value] of Object.entries(old?.attributes ?? {}))
      if (name !== 'r' && name !== 'spans') attributes[name] = value;
    if (cells.length === 0 && Object.keys(attributes).length === 1) continue;
    const name = old?.name ?? `${prefix}row`;
    body.push(
      cells.length === 0
        ? openTag(name, attributes, true)
        : `${openTag(name, attributes, false)}${cells.join('')}</${name}>`,
    );
  }
  const sheetData = index.sheetData;
  const edits: Edit[] = [];
  const dataXml = sheetData
    ? `${openTag(sheetData.name, sheetData.attributes, false)}${body.join('')}</${sheetData.name}>`
    : `<${prefix}sheetData>${body.join('')}</${prefix}sheetData>`;
  if (sheetData) edits.push({ start: sheetData.start, end: sheetData.end, text: dataXml });
  else {
    const at = insertionPoint(index.root, index.children, 'sheetData', WORKSHEET_ORDER);
    edits.push({ start: at, end: at, text: dataXml });
  }
  const dimension = index.children.find((c) => local(c.name) === 'dimension');
  const dimensionXml = `<${prefix}dimension ref="${recordDimension(rows)}"/>`;
  if (dimension) edits.push({ start: dimension.start, end: dimension.end, text: dimensionXml });
  return splice(xml, edits);
}

/**
 * Rows hidden, as Excel's Hide Rows writes them: hidden="1" on each row's element (its other
 * attributes and its cells as they were), and an empty hidden row where the part has none.
 */
export function hideRows(xml: string, part: string, rows: readonly number[]): string {
  const index = indexSheet(xml, part, new Set());
  const byNumber = new Map(index.rows.map((r) => [r.row, r]));
  const wanted = new Set(rows);
  const missing = [...wanted].filter((r) => !byNumber.has(r)).sort((a, b) => a - b);
  const edits: Edit[] = [];
  for (const row of index.rows) {
    const hidden = row.attributes.hidden === '1' || row.attributes.hidden === 'true';
    const hide = wanted.has(row.row) && !hidden;
    // Rows written without r= take their number from their place; once one is inserted, name them.
    const name = missing.length > 0 && !row.hasR;
    if (!hide && !name) continue;
    const attributes: Record<string, string> = name
      ? { r: String(row.row + 1), ...row.attributes }
      : { ...row.attributes };
    if (hide) attributes.hidden = '1';
    edits.push({ start: row.start, end: row.openEnd, text: openTag(row.name, attributes, row.selfClosing) });
  }
  if (missing.length > 0) {
    const sheetData = index.sheetData;
    if (!sheetData) throw new Error(`${part} has no sheetData`);
    const rowXml = (r: number): string => `<${index.prefix}row r="${r + 1}" hidden="1"/>`;
    if (sheetData.selfClosing)
      edits.push({
        start: sheetData.start,
        end: sheetData.end,
        text: `${openTag(sheetData.name, sheetData.attributes, false)}${missing.map(rowXml).join('')}</${sheetData.name}>`,
      });
    else
      for (const r of missing) {
        const next = index.rows.find((other) => other.row > r);
        const at = next ? next.start : sheetData.closeStart;
        edits.push({ start: at, end: at, text: rowXml(r) });
      }
  }
  return splice(xml, edits);
}
