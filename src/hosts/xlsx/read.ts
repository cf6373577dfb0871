// Reading an .xlsx package into the engine's snapshot: the zip directory, then
// workbook.xml, its relationships, shared strings, styles and each worksheet,
// each parsed once with a streaming XML parser. No Node APIs: this also runs
// in the task pane.
import {
  CellRange,
  CellValue,
  DROP_DOWN_TITLE,
  DefinedName,
  DropDown,
  EMPTY,
  SheetSnapshot,
  StatusRule,
  WorkbookSnapshot,
  isProformaRule,
  parseRangeAddress,
} from '../../engine';
import { Styles, readStyles, readThemeColours } from './styles';
import { parseXml, unescapeOoxml } from './xml';
import { LIMITS, PackageError, ZipArchive, ZipCodec, mib, openZip, readEntry, readText } from './zip';

/** More cells than Excel on the web reads in one go; an action plan never needs them. */
export const MAX_CELLS = 5_000_000;

export interface SheetEntry {
  name: string;
  kind: 'worksheet' | 'chartsheet' | 'other';
  state: 'visible' | 'hidden' | 'veryHidden';
  relId: string;
  /** The sheet's part, e.g. "xl/worksheets/sheet1.xml". */
  path: string;
}

export interface XlsxPackage {
  zip: ZipArchive;
  workbookPath: string;
  workbookRelsPath: string;
  /** Every <sheet> of workbook.xml in order, worksheets and chart sheets alike. */
  sheets: SheetEntry[];
  date1904: boolean;
  stylesPath: string | null;
  styles: Styles;
  /** The package is a macro-enabled workbook (.xlsm). */
  macroEnabled: boolean;
  snapshot: WorkbookSnapshot;
}

export const local = (name: string): string => name.slice(name.indexOf(':') + 1);

/** "xl/worksheets/sheet1.xml" from a relationship target, relative to its part's folder or absolute. */
export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

export interface Relationship {
  id: string;
  /** The last segment of the type URI ("worksheet", "styles", …): the same in transitional and strict files. */
  type: string;
  target: string;
  external: boolean;
}

export function readRelationships(zip: ZipArchive, part: string): Relationship[] {
  const path = relsPathOf(part);
  const xml = readText(zip, path);
  if (xml === undefined) return [];
  const rels: Relationship[] = [];
  parseXml(xml, path, {
    open(tag) {
      if (local(tag.name) !== 'Relationship') return;
      const a = tag.attributes as Record<string, string>;
      const external = a.TargetMode === 'External';
      rels.push({
        id: a.Id,
        type: (a.Type ?? '').slice((a.Type ?? '').lastIndexOf('/') + 1),
        target: external ? a.Target : resolveTarget(part, a.Target ?? ''),
        external,
      });
    },
  });
  return rels;
}

function whatKindOfPackage(zip: ZipArchive): string {
  if (zip.byName.has('word/document.xml')) return 'it is a Word document, not an Excel workbook';
  if (zip.byName.has('ppt/presentation.xml')) return 'it is a PowerPoint file, not an Excel workbook';
  return 'it is a zip file but not an Excel workbook';
}

function readSharedStrings(zip: ZipArchive, path: string | undefined): string[] {
  const xml = path ? readText(zip, path) : undefined;
  if (xml === undefined) return [];
  return scanSharedStrings(xml) ?? parseSharedStrings(xml, path as string);
}

/** The shared strings through saxes: any shape the schema allows, and "damaged" for what is not XML. */
export function parseSharedStrings(xml: string, path: string): string[] {
  const strings: string[] = [];
  let current: string[] = [];
  let inText = false;
  let phonetic = 0;
  parseXml(
    xml,
    path,
    {
      open(tag) {
        const name = local(tag.name);
        if (name === 'si') current = [];
        else if (name === 'rPh') phonetic++;
        else if (name === 't' && phonetic === 0) inText = !tag.isSelfClosing;
      },
      close(tag) {
        const name = local(tag.name);
        if (name === 'si') strings.push(unescapeOoxml(current.join('')));
        else if (name === 'rPh') phonetic--;
        else if (name === 't') inText = false;
      },
      text(text) {
        if (inText) current.push(text);
      },
    },
    false,
  );
  return strings;
}

/**
 * The shared strings of the usual shape — <sst><si><t>…</t></si>…, rich runs (<r>) and
 * phonetic runs (<rPh>, left out) — found with string searches, or null for anything else
 * (comments, CDATA, prefixes, an unknown entity, a tag it does not expect), which then goes
 * through saxes. Written by hand because this part is most of a large plan's text (25 MB for
 * 50,000 actions) and saxes reads it a character at a time, about five times slower; what
 * this accepts is exactly what saxes reads the same way.
 */
export function scanSharedStrings(xml: string): string[] | null {
  const root = xml.indexOf('<sst');
  if (root < 0 || !/^\uFEFF?(<\?xml[^<>]*\?>)?\s*$/.test(xml.slice(0, root))) return null;
  const rootEnd = xml.indexOf('>', root);
  if (rootEnd < 0 || !/^<sst(\s[^<>]*)?\/?>$/.test(xml.slice(root, rootEnd + 1))) return null;
  if (xml[rootEnd - 1] === '/') return /^\s*$/.test(xml.slice(rootEnd + 1)) ? [] : null;
  const close = xml.lastIndexOf('</sst>');
  if (close < rootEnd || !/^\s*$/.test(xml.slice(close + 6))) return null;
  if (xml.includes('<!', rootEnd) || xml.includes('<?', rootEnd)) return null;
  const strings: string[] = [];
  let at = rootEnd + 1;
  for (;;) {
    while (at < close && isSpace(xml.charCodeAt(at))) at++;
    if (at >= close) return strings;
    if (xml.startsWith('<si/>', at)) {
      strings.push('');
      at += 5;
      continue;
    }
    if (!xml.startsWith('<si>', at)) return null;
    // Most are one plain <t>: its text runs to the next "<", which must close it and the <si>.
    const t = xml.startsWith('<t>', at + 4)
      ? at + 7
      : xml.startsWith(PRESERVED_T, at + 4)
        ? at + 4 + PRESERVED_T.length
        : -1;
    if (t > 0) {
      const lt = xml.indexOf('<', t);
      if (xml.startsWith('</t></si>', lt)) {
        const text = xmlText(xml.slice(t, lt));
        if (text === null) return null;
        strings.push(text.includes('_x') ? unescapeOoxml(text) : text);
        at = lt + 9;
        continue;
      }
    }
    const end = xml.indexOf('</si>', at + 4);
    if (end < 0 || end > close) return null;
    const text = siText(xml.slice(at + 4, end));
    if (text === null) return null;
    strings.push(text);
    at = end + 5;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

const PRESERVED_T = '<t xml:space="preserve">';
const TAG = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g;
const SI_CHILDREN = new Set(['t', 'r', 'rPr', 'rPh', 'phoneticPr']);

/** An <si>'s text: its <t>s outside <rPh>, or null where it is not of the usual shape. */
function siText(inner: string): string | null {
  const parts: string[] = [];
  const open: string[] = [];
  let last = 0;
  let tags = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(inner); m; m = TAG.exec(inner)) {
    tags++;
    const [whole, closing, name, , selfClosing] = m;
    const between = inner.slice(last, m.index);
    last = m.index + whole.length;
    const parent = open[open.length - 1];
    if (between !== '') {
      if (parent !== 't') {
        if (!/^\s*$/.test(between)) return null;
      } else if (!open.includes('rPh')) {
        const text = xmlText(between);
        if (text === null) return null;
        parts.push(text);
      }
    }
    // Run properties (<rPr>'s children) are read by no one: any name is fine inside.
    if (!open.includes('rPr') && !SI_CHILDREN.has(name)) return null;
    if (closing) {
      if (selfClosing || open.pop() !== name) return null;
    } else if (!selfClosing) open.push(name);
  }
  // Every "<" a tag this knows, and every tag closed.
  if (open.length > 0 || !/^\s*$/.test(inner.slice(last)) || countOf(inner, '<') !== tags) return null;
  return unescapeOoxml(parts.join(''));
}

function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Character data as XML reads it: entities and character references decoded, line ends made "\n"; null if malformed. */
function xmlText(raw: string): string | null {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('&')) return text;
  let references = 0;
  let bad = false;
  const decoded = text.replace(
    ENTITY,
    (_, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
      references++;
      if (name) return NAMED[name];
      const code = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
      const allowed = code === 9 || code === 10 || code === 13 || (code >= 32 && code <= 0x10ffff);
      if (!allowed || (code >= 0xd800 && code <= 0xdfff)) bad = true;
      return bad ? '' : String.fromCodePoint(code);
    },
  );
  // An "&" that begins no reference is not XML: saxes says so.
  return bad || references !== countOf(text, '&') ? null : decoded;
}

const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Days between the 1900 and 1904 date systems' day 0. */
const DAYS_1904 = 1462;

export interface SheetContext {
  sharedStrings: string[];
  styles: Styles;
  date1904: boolean;
  cellBudget: { left: number; limit: number };
}

/** "AB" of "AB12" → 27 (0-based col), and the row (0-based). */
function cellPosition(ref: string): { row: number; col: number } | undefined {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) col = col * 26 + code - 64;
    else if (code >= 97 && code <= 122) col = col * 26 + code - 96;
    else break;
  }
  // The row's digits read in place: a cell reference is parsed for every cell of a sheet.
  let row = 0;
  const start = i;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 48 || code > 57) return undefined;
    row = row * 10 + code - 48;
  }
  if (start === 0 || i === start || row < 1) return undefined;
  return { row: row - 1, col: col - 1 };
}

/**
 * A worksheet part as the engine's sheet. Its rows go through scanRows (string searches) where
 * they have the usual shape, the rest of the part through saxes; a part the scan does not
 * follow is read again, all of it through saxes.
 */
function readSheet(xml: string, entry: SheetEntry, context: SheetContext): SheetSnapshot {
  const budget = context.cellBudget.left;
  const scanned = readSheetWith(xml, entry, context, true);
  if (scanned) return scanned;
  context.cellBudget.left = budget;
  return readSheetWith(xml, entry, context, false) as SheetSnapshot;
}

/** Exported for tests: with `scan`, null where the rows are not of the shape scanRows reads. */
export function readSheetWith(
  xml: string,
  entry: SheetEntry,
  context: SheetContext,
  scan: boolean,
): SheetSnapshot | null {
  const { sharedStrings, styles, date1904, cellBudget } = context;
  const cells: CellValue[][] = [];
  const merges: CellRange[] = [];
  const hiddenRows: number[] = [];
  const fills: Record<string, string> = {};
  const formulas: Record<string, true> = {};
  let isProtected = false;
  const rowFills = new Map<number, string>();
  const colFills: Array<{ from: number; to: number; fill: string }> = [];
  /** Cells written in the sheet, kept only when rows or columns carry fills of their own. */
  const written = new Set<string>();

  let row = -1;
  let col = -1;
  let type = 'n';
  let style = 0;
  let text = '';
  /** A shared string's index, read as a number where the scan found one (-1: read `text`). */
  let shared = -1;
  let hasFormula = false;
  let collect = false;
  let phonetic = 0;
  // Conditional formats and data validation (SPEC §4.1): Proforma's own, and where the board's are.
  const rules: Array<StatusRule & { priority: number }> = [];
  const dropDowns: DropDown[] = [];
  const boardValidation: CellRange[] = [];
  let sqref = '';
  let cfRule: Record<string, string> | null = null;
  let validation: Record<string, string> | null = null;
  let extValidation = false;
  let meta: string[] | null = null;
  const rangesOf = (list: string): CellRange[] => {
    const ranges: CellRange[] = [];
    for (const part of list.trim().split(/\s+/)) {
      if (part === '') continue;
      try {
        ranges.push(parseRangeAddress(part));
      } catch {
        throw new PackageError(`the file is damaged: sheet "${entry.name}" has a bad range "${part}"`);
      }
    }
    return ranges;
  };

  const put = (value: CellValue): void => {
    if (value.kind === 'empty') return;
    while (cells.length <= row) cells.push([]);
    const line = cells[row];
    // Rows are dense up to their last value: a stray value far to the right costs a whole row of
    // blanks, so the blanks count against the cell limit too (a small file must not fill memory).
    if (col >= line.length) {
      cellBudget.left -= col - line.length;
      if (cellBudget.left < 0)
        throw new PackageError(
          `it has more than ${cellBudget.limit.toLocaleString('en-GB')} cells, counting the blanks before a value far to the right (sheet "${entry.name}", row ${row + 1}); delete unused columns and try again`,
        );
    }
    while (line.length < col) line.push(EMPTY);
    line[col] = value;
  };

  const valueOf = (raw: string): CellValue => {
    switch (type) {
      case 's': {
        if (raw.trim() === '') return EMPTY;
        const shared = sharedStrings[Number(raw)];
        if (shared === undefined)
          throw new PackageError(`the file is damaged: sheet "${entry.name}" refers to a missing shared string`);
        return shared === '' ? EMPTY : { kind: 'text', text: shared };
      }
      case 'str':
      case 'inlineStr': {
        const value = unescapeOoxml(raw);
        return value === '' ? EMPTY : { kind: 'text', text: value };
      }
      case 'b':
        return raw === '' ? EMPTY : { kind: 'boolean', value: raw.trim() === '1' || raw.trim() === 'true' };
      case 'e':
        return { kind: 'error', error: raw.trim() };
      case 'd': {
        // An ISO 8601 date (strict files and some writers): its day and time as written.
        const ms = Date.parse(raw.trim().length <= 10 ? `${raw.trim()}T00:00:00Z` : `${raw.trim().replace(/Z$/, '')}Z`);
        return Number.isNaN(ms)
          ? { kind: 'text', text: raw }
          : { kind: 'date', serial: (ms - EXCEL_EPOCH_MS) / MS_PER_DAY };
      }
      default: {
        if (raw.trim() === '') return EMPTY;
        const value = Number(raw);
        if (Number.isNaN(value)) return { kind: 'text', text: raw };
        if (styles.xfIsDate[style]) return { kind: 'date', serial: date1904 ? value + DAYS_1904 : value };
        return { kind: 'number', value };
      }
    }
  };

  const startRow = (a: Record<string, string>): void => {
    row = a.r !== undefined ? Number(a.r) - 1 : row + 1;
    col = -1;
    if (a.hidden === '1' || a.hidden === 'true') hiddenRows.push(row);
    // A row formatted as a whole: its cells that are not written take the row's fill.
    const rowFill = a.customFormat === '1' || a.customFormat === 'true' ? styles.xfFill[Number(a.s ?? 0)] : null;
    if (rowFill) rowFills.set(row, rowFill);
  };
  const startCell = (a: Record<string, string>): void => {
    const at = a.r !== undefined ? cellPosition(a.r) : undefined;
    startCellAt(at ? at.row : row, at ? at.col : col + 1, a.t ?? 'n', a.s !== undefined ? Number(a.s) : 0);
  };
  /** A cell at row, col (0-based) of a type ("s", "n", "str", …) and style (its xf's index). */
  const startCellAt = (cellRow: number, cellCol: number, cellType: string, cellStyle: number): void => {
    if (--cellBudget.left < 0)
      throw new PackageError(
        `it has more than ${cellBudget.limit.toLocaleString('en-GB')} cells, more than Proforma reads (is it really an action plan?)`,
      );
    row = cellRow;
    col = cellCol;
    type = cellType;
    style = cellStyle;
    text = '';
    shared = -1;
    hasFormula = false;
    collect = false;
    phonetic = 0;
    const fill = styles.xfFill[style];
    if (fill) fills[`${row},${col}`] = fill;
    // Kept only where rows or columns have fills of their own (most sheets have none).
    if (rowFills.size > 0 || colFills.length > 0)
      if (rowFills.has(row) || colFills.some((f) => col >= f.from && col <= f.to)) written.add(`${row},${col}`);
  };
  const endCell = (): void => {
    if (hasFormula) formulas[`${row},${col}`] = true;
    if (shared < 0) put(valueOf(text));
    else {
      const found = sharedStrings[shared];
      if (found === undefined)
        throw new PackageError(`the file is damaged: sheet "${entry.name}" refers to a missing shared string`);
      if (found !== '') put({ kind: 'text', text: found });
    }
  };

  // With `scan`, the rows are cut out of the part for saxes and scanned after it (the columns'
  // fills, before the rows in the part, are known by then; nothing after them needs the cells).
  const rows = scan ? sheetDataContent(xml) : null;
  if (scan && !rows) return null;
  const parsed = rows ? xml.slice(0, rows.from) + xml.slice(rows.to) : xml;

  parseXml(
    parsed,
    entry.path,
    {
      open(tag, depth) {
        const name = local(tag.name);
        const a = tag.attributes as Record<string, string>;
        if (depth === 1) {
          if (name === 'sheetProtection') isProtected = a.sheet === '1' || a.sheet === 'true';
          else if (name === 'conditionalFormatting') sqref = a.sqref ?? '';
          return;
        }
        if (depth === 2 && name === 'cfRule') {
          cfRule = a;
          return;
        }
        if (depth === 2 && name === 'dataValidation') {
          validation = a;
          return;
        }
        if ((depth === 3 && (name === 'formula' || name === 'formula1')) || (extValidation && name === 'sqref')) {
          if (cfRule || validation || extValidation) meta = [];
          return;
        }
        if (depth > 2 && name === 'dataValidation') {
          // x14 validation (lists from other sheets) sits in extLst: the board's, always.
          extValidation = true;
          return;
        }
        if (depth === 2) {
          if (name === 'row') startRow(a);
          else if (name === 'col' && a.style !== undefined) {
            const colFill = styles.xfFill[Number(a.style)];
            if (colFill) colFills.push({ from: Number(a.min) - 1, to: Number(a.max) - 1, fill: colFill });
          } else if (name === 'mergeCell' && a.ref) {
            try {
              merges.push(parseRangeAddress(a.ref));
            } catch {
              throw new PackageError(`the file is damaged: sheet "${entry.name}" has a bad merged range "${a.ref}"`);
            }
          }
          return;
        }
        if (depth === 3 && name === 'c') {
          startCell(a);
          return;
        }
        if (depth === 4) {
          if (name === 'v') collect = true;
          else if (name === 'f') hasFormula = true;
          return;
        }
        if (name === 'rPh') phonetic++;
        else if (name === 't' && phonetic === 0) collect = true;
      },
      close(tag, depth) {
        const name = local(tag.name);
        if (meta !== null && (name === 'formula' || name === 'formula1' || name === 'sqref')) {
          const content = meta.join('');
          meta = null;
          if (name === 'sqref') boardValidation.push(...rangesOf(content));
          else if (cfRule && name === 'formula' && cfRule.formula === undefined)
            cfRule = { ...cfRule, formula: content };
          else if (validation && name === 'formula1') validation = { ...validation, formula1: content };
          return;
        }
        if (depth === 2 && name === 'cfRule' && cfRule) {
          const formula = cfRule.formula ?? '';
          if (cfRule.type === 'expression' && isProformaRule(formula)) {
            const colours = styles.dxfColours[Number(cfRule.dxfId)];
            const rule: StatusRule & { priority: number } = {
              ranges: rangesOf(sqref),
              formula,
              fill: colours?.fill ?? '',
              priority: Number(cfRule.priority ?? 0),
            };
            if (colours?.font) rule.fontColour = colours.font;
            rules.push(rule);
          }
          cfRule = null;
          return;
        }
        if (depth === 2 && name === 'dataValidation' && validation) {
          const ranges = rangesOf(validation.sqref ?? '');
          const list = /^"(.*)"$/s.exec(validation.formula1 ?? '');
          if (validation.type === 'list' && validation.errorTitle === DROP_DOWN_TITLE && list)
            dropDowns.push({ ranges, values: list[1].split(','), message: validation.error ?? '' });
          else boardValidation.push(...ranges);
          validation = null;
          return;
        }
        if (depth > 2 && name === 'dataValidation') {
          extValidation = false;
          return;
        }
        if (depth === 3 && name === 'c') {
          endCell();
          return;
        }
        if (depth >= 4) {
          if (name === 'rPh') phonetic--;
          else if (name === 'v' || name === 't') collect = false;
        }
      },
      text(chunk) {
        if (collect) text += chunk;
        else if (meta !== null) meta.push(chunk);
      },
    },
    false,
  );

  if (rows) {
    const sink: RowSink = {
      row: startRow,
      cell: startCell,
      cellAt: startCellAt,
      typeOf: () => type,
      sharedIndex: (index) => (shared = index),
      value: (raw) => (text += raw),
      formula: () => (hasFormula = true),
      end: endCell,
    };
    if (!scanRows(xml, rows.from, rows.to, sink)) return null;
  }

  // Fills a cell shows without being written: its row's format, else its column's (a written cell
  // has a format of its own). Within the rows and columns the sheet uses: Excel reports the same.
  if (rowFills.size > 0 || colFills.length > 0) {
    const usedWidth = cells.reduce((n, line) => Math.max(n, line.length), 0);
    for (const [r, fill] of rowFills)
      for (let c = 0; c < usedWidth; c++) if (!written.has(`${r},${c}`)) fills[`${r},${c}`] = fill;
    for (const { from, to, fill } of colFills)
      for (let c = from; c <= Math.min(to, usedWidth - 1); c++)
        for (let r = 0; r < cells.length; r++)
          if (!rowFills.has(r) && !written.has(`${r},${c}`)) fills[`${r},${c}`] = fill;
  }
  const sheet: SheetSnapshot = { name: entry.name, visibility: entry.state, cells, merges, hiddenRows, fills };
  if (Object.keys(formulas).length > 0) sheet.formulas = formulas;
  if (isProtected) sheet.protected = true;
  if (rules.length > 0)
    sheet.statusRules = rules.sort((x, y) => x.priority - y.priority).map(({ priority: _, ...rule }) => rule);
  if (dropDowns.length > 0) sheet.dropDowns = dropDowns;
  if (boardValidation.length > 0) sheet.boardValidation = boardValidation;
  return sheet;
}

/** Where a worksheet's <sheetData> content lies (between its tags; nothing for <sheetData/>), or null if not plain to find. */
function sheetDataContent(xml: string): { from: number; to: number } | null {
  const open = /<sheetData(?:\s[^<>]*)?\/?>/.exec(xml);
  if (!open) return null;
  const from = open.index + open[0].length;
  const to = open[0].endsWith('/>') ? from : xml.indexOf('</sheetData>', from);
  // One <sheetData>, no comment or CDATA that could hide a tag from the search.
  if (to < 0 || xml.includes('<!--') || xml.includes('<![CDATA[') || xml.indexOf('<sheetData', to) >= 0) return null;
  return { from, to };
}

/** What scanRows reports, in the order saxes would. */
interface RowSink {
  row(attributes: Record<string, string>): void;
  cell(attributes: Record<string, string>): void;
  /** A cell found by the usual form's fast path: its place, type and style, already read. */
  cellAt(row: number, col: number, type: string, style: number): void;
  /** The type of the cell being read. */
  typeOf(): string;
  /** A shared-string cell's <v>, read as its index. */
  sharedIndex(index: number): void;
  /** A cell's <v> text, as XML reads it. */
  value(text: string): void;
  formula(): void;
  end(): void;
}

/**
 * The attributes named in `wanted` of an open tag's text (after its name, before ">" or "/>"):
 * name="value" pairs with plain values (no entity, "<" or line break), or null for anything
 * else (single quotes, a malformed pair). Names are compared where they stand and only the
 * values wanted are cut out: this runs for every cell of a sheet.
 */
function attributesOf(xml: string, from: number, to: number, wanted: readonly string[]): Record<string, string> | null {
  const attributes: Record<string, string> = {};
  let at = from;
  for (;;) {
    while (at < to && isSpace(xml.charCodeAt(at))) at++;
    if (at >= to) return attributes;
    const equals = xml.indexOf('="', at);
    if (equals < 0 || equals >= to || equals === at) return null;
    const close = xml.indexOf('"', equals + 2);
    if (close < 0 || close >= to) return null;
    for (let i = at; i < equals; i++) {
      const code = xml.charCodeAt(i);
      // Letters, digits, "_", ":", ".", "-" only.
      const ok =
        (code >= 97 && code <= 122) ||
        (code >= 65 && code <= 90) ||
        (code >= 48 && code <= 58) ||
        code === 95 ||
        code === 46 ||
        code === 45;
      if (!ok) return null;
    }
    for (let i = equals + 2; i < close; i++) {
      const code = xml.charCodeAt(i);
      if (code === 38 || code === 60 || code === 9 || code === 10 || code === 13) return null; // & < \t \n \r
    }
    for (const name of wanted)
      if (equals - at === name.length && xml.startsWith(name, at)) attributes[name] = xml.slice(equals + 2, close);
    at = close + 1;
    if (at < to && !isSpace(xml.charCodeAt(at))) return null;
  }
}

const ROW_ATTRIBUTES = ['r', 'hidden', 'customFormat', 's'] as const;
/** The cell types a plan's cells have, each with what follows it in t="…". */
const CELL_TYPES = ['s', 'n', 'str', 'b', 'e', 'd', 'inlineStr'].map((t) => [t, `${t}"`] as const);

/**
 * A cell tag of the usual form — <c r="B3" s="5" t="s"> or "/>", s and t optional — read from
 * just after `<c r="`: the sink is told the cell, and the index after the tag is returned; 0
 * where the tag is of any other form (then read the general way).
 */
function plainCell(xml: string, from: number, to: number, sink: RowSink): number {
  let i = from;
  let col = 0;
  for (let code = xml.charCodeAt(i); code >= 65 && code <= 90 && i - from < 3; code = xml.charCodeAt(++i))
    col = col * 26 + code - 64;
  const digits = i;
  let row = 0;
  for (let code = xml.charCodeAt(i); code >= 48 && code <= 57 && i - digits < 7; code = xml.charCodeAt(++i))
    row = row * 10 + code - 48;
  if (col === 0 || row === 0 || i === digits || xml.charCodeAt(i) !== 34 /* " */) return 0;
  i++;
  let style = 0;
  if (xml.startsWith(' s="', i)) {
    i += 4;
    const start = i;
    for (let code = xml.charCodeAt(i); code >= 48 && code <= 57 && i - start < 9; code = xml.charCodeAt(++i))
      style = style * 10 + code - 48;
    if (i === start || xml.charCodeAt(i) !== 34) return 0;
    i++;
  }
  let type = 'n';
  if (xml.startsWith(' t="', i)) {
    i += 4;
    const known = CELL_TYPES.find(([, quoted]) => xml.startsWith(quoted, i));
    if (!known) return 0;
    type = known[0];
    i += known[1].length;
  }
  const end = xml.startsWith('/>', i) ? i + 2 : xml.startsWith('>', i) ? i + 1 : 0;
  if (end === 0 || end > to) return 0;
  sink.cellAt(row - 1, col - 1, type, style);
  return end;
}
const CELL_ATTRIBUTES = ['r', 's', 't'] as const;

/**
 * The rows of xml[from, to) — <row>s of <c>s holding <v>, <f> and plain inline strings — found
 * with string searches; false where the content has any other shape (rich text, entities in an
 * attribute, a prefix), which saxes then reads. Written by hand, as scanSharedStrings is: the
 * rows are the rest of a large plan's text, and saxes reads them a character at a time.
 */
function scanRows(xml: string, from: number, to: number, sink: RowSink): boolean {
  let at = from;
  let inRow = false;
  const skipSpace = (): void => {
    while (at < to && isSpace(xml.charCodeAt(at))) at++;
  };
  // The cell's children: <f …/> or <f …>…</f>, <v>…</v>, a plain inline string; then </c>.
  const cellChildren = (): boolean => {
    for (;;) {
      skipSpace();
      if (xml.startsWith('</c>', at)) {
        at += 4;
        sink.end();
        return true;
      }
      if (xml.startsWith('<v>', at)) {
        const end = xml.indexOf('<', at + 3);
        if (!xml.startsWith('</v>', end) || end > to) return false;
        // A shared string's index, read as a number (the common cell of a plan).
        if (sink.typeOf() === 's' && end > at + 3 && end - at - 3 <= 9) {
          let index = 0;
          for (let i = at + 3; i < end && index >= 0; i++) {
            const code = xml.charCodeAt(i);
            index = code >= 48 && code <= 57 ? index * 10 + code - 48 : -1;
          }
          if (index >= 0) {
            sink.sharedIndex(index);
            at = end + 4;
            continue;
          }
        }
        const text = xmlText(xml.slice(at + 3, end));
        if (text === null) return false;
        sink.value(text);
        at = end + 4;
      } else if (xml.startsWith('<v/>', at)) at += 4;
      else if (xml.startsWith('<is><t', at)) {
        // An inline string of one plain <t> (rich runs go to saxes).
        const t = xml.startsWith('<is><t>', at)
          ? at + 7
          : xml.startsWith(`<is>${PRESERVED_T}`, at)
            ? at + 4 + PRESERVED_T.length
            : -1;
        const end = t < 0 ? -1 : xml.indexOf('<', t);
        if (end < 0 || end > to || !xml.startsWith('</t></is>', end)) return false;
        const text = xmlText(xml.slice(t, end));
        if (text === null) return false;
        sink.value(text);
        at = end + 9;
      } else if (xml.startsWith('<f', at) && /[\s/>]/.test(xml[at + 2])) {
        const close = xml.indexOf('>', at);
        if (close < 0 || close > to || xml.lastIndexOf('<', close) !== at) return false;
        if (xml[close - 1] === '/') at = close + 1;
        else {
          // The formula's text is not read, but must be XML all the same.
          const end = xml.indexOf('<', close);
          if (!xml.startsWith('</f>', end) || end > to || xmlText(xml.slice(close + 1, end)) === null) return false;
          at = end + 4;
        }
        sink.formula();
      } else return false;
    }
  };
  for (;;) {
    skipSpace();
    if (at >= to) return !inRow;
    if (xml.startsWith('</row>', at)) {
      if (!inRow) return false;
      inRow = false;
      at += 6;
      continue;
    }
    // Most cells are written as Excel and ExcelJS write them: r, then s, then t, nothing else.
    // Read where they stand, nothing cut out: this runs for every cell of a sheet.
    if (inRow && xml.startsWith('<c r="', at)) {
      const end = plainCell(xml, at + 6, to, sink);
      if (end > 0) {
        at = end;
        if (xml.charCodeAt(end - 2) === 47 /* "/" */) sink.end();
        else if (!cellChildren()) return false;
        continue;
      }
    }
    // <row …> or <c …>, plain: the tag's text up to ">" has no other "<".
    const name = xml.startsWith('<row', at) ? 'row' : xml.startsWith('<c', at) ? 'c' : null;
    const close = name ? xml.indexOf('>', at) : -1;
    if (!name || close < 0 || close >= to || xml.lastIndexOf('<', close) !== at) return false;
    const selfClosing = xml.charCodeAt(close - 1) === 47; // "/"
    const nameEnd = at + name.length + 1;
    if (nameEnd < close - (selfClosing ? 1 : 0) && !isSpace(xml.charCodeAt(nameEnd))) return false;
    const attributes = attributesOf(
      xml,
      nameEnd,
      selfClosing ? close - 1 : close,
      name === 'row' ? ROW_ATTRIBUTES : CELL_ATTRIBUTES,
    );
    if (!attributes) return false;
    at = close + 1;
    if (name === 'row') {
      if (inRow) return false;
      sink.row(attributes);
      inRow = !selfClosing;
      continue;
    }
    if (!inRow) return false;
    sink.cell(attributes);
    if (selfClosing) {
      sink.end();
      continue;
    }
    if (!cellChildren()) return false;
  }
}

interface WorkbookPart {
  sheets: Array<{ name: string; state: SheetEntry['state']; relId: string }>;
  date1904: boolean;
  names: DefinedName[];
  structureProtected: boolean;
}

function readWorkbookPart(xml: string, path: string): WorkbookPart {
  const result: WorkbookPart = { sheets: [], date1904: false, names: [], structureProtected: false };
  let name: { name: string; text: string[]; sheetScoped: boolean } | null = null;
  parseXml(xml, path, {
    open(tag) {
      const a = tag.attributes as Record<string, string>;
      switch (local(tag.name)) {
        case 'sheet': {
          const relKey = Object.keys(a).find((k) => local(k) === 'id' && k.includes(':'));
          const state = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
          result.sheets.push({ name: a.name ?? '', state, relId: relKey ? a[relKey] : '' });
          break;
        }
        case 'workbookPr':
          result.date1904 = a.date1904 === '1' || a.date1904 === 'true';
          break;
        case 'workbookProtection':
          result.structureProtected = a.lockStructure === '1' || a.lockStructure === 'true';
          break;
        case 'definedName':
          name = { name: a.name ?? '', text: [], sheetScoped: a.localSheetId !== undefined };
          break;
      }
    },
    close(tag) {
      if (local(tag.name) === 'definedName' && name) {
        if (!name.sheetScoped) result.names.push({ name: name.name, formula: name.text.join('') });
        name = null;
      }
    },
    text(text) {
      if (name) name.text.push(text);
    },
  });
  return result;
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Why bytes are not an .xlsx package at all, or undefined when they are a zip. */
export function describeNonZip(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'the file is empty';
  if (CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    // A password-protected workbook is an OLE compound file holding an "EncryptedPackage" stream.
    const name = new Uint8Array([...'EncryptedPackage'].flatMap((ch) => [ch.charCodeAt(0), 0]));
    if (indexOf(bytes, name) >= 0)
      return 'it is protected with a password (encrypted); open it in Excel, choose File > Info > Protect Workbook > Encrypt with Password, clear the password, save, and try again';
    return 'it is an old-style .xls (or other Office 97-2003) file; open it in Excel and save it as .xlsx';
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04))
    return 'it is not an .xlsx file (not a zip package)';
  return undefined;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Reads a package into a snapshot; throws PackageError with one plain sentence when it cannot. */
export function readPackage(bytes: Uint8Array, options: { maxCells?: number; codec?: ZipCodec } = {}): XlsxPackage {
  const notZip = describeNonZip(bytes);
  if (notZip) throw new PackageError(notZip);
  const zip = openZip(bytes, options.codec);
  const office = readRelationships(zip, '').find((r) => r.type === 'officeDocument');
  const workbookPath = office?.target ?? 'xl/workbook.xml';
  if (!zip.byName.has(workbookPath)) throw new PackageError(whatKindOfPackage(zip));

  // Refuse before inflating: the parts Proforma reads must fit the limits as declared.
  const rels = readRelationships(zip, workbookPath);
  const targetOf = (type: string): string | undefined => rels.find((r) => r.type === type && !r.external)?.target;
  const workbook = readWorkbookPart(readText(zip, workbookPath) as string, workbookPath);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = workbook.sheets.map((s) => {
    const rel = byId.get(s.relId);
    const kind = rel?.type === 'worksheet' ? 'worksheet' : rel?.type === 'chartsheet' ? 'chartsheet' : 'other';
    return { name: s.name, kind, state: s.state, relId: s.relId, path: rel?.target ?? '' };
  });
  const sharedStringsPath = targetOf('sharedStrings');
  const stylesPath = targetOf('styles') ?? null;
  const themePath = targetOf('theme');
  const toRead = [
    sharedStringsPath,
    stylesPath,
    themePath,
    ...sheets.filter((s) => s.kind === 'worksheet').map((s) => s.path),
  ];
  let declared = 0;
  for (const part of toRead) {
    const entry = part ? zip.byName.get(part) : undefined;
    if (entry) declared += entry.size;
  }
  if (declared > LIMITS.totalBytes)
    throw new PackageError(
      `it would expand to ${mib(declared)}, past the ${mib(LIMITS.totalBytes)} Proforma reads (is it really an action plan?)`,
    );

  const theme = readThemeColours(themePath ? readText(zip, themePath) : undefined);
  const styles = readStyles(stylesPath ? readText(zip, stylesPath) : undefined, theme);
  const context: SheetContext = {
    sharedStrings: readSharedStrings(zip, sharedStringsPath),
    styles,
    date1904: workbook.date1904,
    cellBudget: { left: options.maxCells ?? MAX_CELLS, limit: options.maxCells ?? MAX_CELLS },
  };
  const decoder = new TextDecoder('utf-8');
  const snapshotSheets: SheetSnapshot[] = [];
  for (const entry of sheets) {
    if (entry.kind !== 'worksheet') continue;
    const zipEntry = zip.byName.get(entry.path);
    if (!zipEntry) throw new PackageError(`the file is damaged: the part of sheet "${entry.name}" is missing`);
    const xml = decoder.decode(readEntry(zip, zipEntry));
    (zip.texts ??= new Map()).set(entry.path, xml);
    snapshotSheets.push(readSheet(xml, entry, context));
  }
  const snapshot: WorkbookSnapshot = { sheets: snapshotSheets, names: workbook.names };
  const others = sheets.filter((s) => s.kind !== 'worksheet').map((s) => s.name);
  if (others.length > 0) snapshot.otherSheets = others;
  if (workbook.structureProtected) snapshot.structureProtected = true;
  return {
    zip,
    workbookPath,
    workbookRelsPath: relsPathOf(workbookPath),
    sheets,
    date1904: workbook.date1904,
    stylesPath,
    styles,
    macroEnabled: (readText(zip, '[Content_Types].xml') ?? '').includes('macroEnabled.main+xml'),
    snapshot,
  };
}
