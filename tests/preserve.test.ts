// Nothing is lost at the file level (SPEC §4): for every workbook of the
// generated corpus (tests/fixtures/corpus) and every write command, every
// package part the command does not touch comes out byte for byte as it went
// in (the same compressed bytes), and every part it touches changes only
// where its plan says:
//   fix     → the theme sheet (one cell)
//   colour  → the theme sheet (action rows' styles, new rules and lists) and styles.xml (appended styles)
//   rebuild → workbook.xml, its rels, [Content_Types].xml, styles.xml, and one new worksheet part
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SaxesParser } from 'saxes';
import { main } from '../src/cli';
import {
  CORPUS_KINDS,
  CorpusKind,
  CorpusWorkbook,
  THEME_SHEET,
  corpusFileName,
  corpusWorkbooks,
} from './fixtures/corpus';
import { RawEntry, readZipRaw } from './zip-raw';
import { typedInto } from './fixtures/returns';
import { STYLESHEET_ORDER, WORKBOOK_ORDER, WORKSHEET_ORDER } from '../src/hosts/xlsx/schema';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPES = 'http://schemas.openxmlformats.org/package/2006/content-types';
const WORKSHEET_REL = `${R}/worksheet`;
const WORKSHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

// ---------------------------------------------------------------------------
// A small XML tree over saxes, compared by expanded names (namespace + local).

interface El {
  uri: string;
  local: string;
  /** Attributes by expanded name, namespace declarations left out. */
  attrs: Map<string, string>;
  /** Namespace declarations made on this element: prefix ('' default) → URI. */
  ns: Map<string, string>;
  children: (El | string)[];
}

const SHORT = new Map([
  [MAIN, ''],
  [R, 'r:'],
  ['http://schemas.openxmlformats.org/markup-compatibility/2006', 'mc:'],
  ['http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac', 'x14ac:'],
  ['http://schemas.microsoft.com/office/spreadsheetml/2009/9/main', 'x14:'],
  ['http://schemas.microsoft.com/office/excel/2006/main', 'xm:'],
  ['http://schemas.microsoft.com/office/spreadsheetml/2014/revision', 'xr:'],
  [PKG_RELS, ''],
  [CONTENT_TYPES, ''],
]);

function key(uri: string, local: string): string {
  const short = SHORT.get(uri);
  return short !== undefined ? `${short}${local}` : uri ? `{${uri}}${local}` : local;
}

function parseXml(text: string, part: string): El {
  const parser = new SaxesParser({ xmlns: true });
  const stack: El[] = [];
  let root: El | undefined;
  parser.on('opentag', (node) => {
    const el: El = { uri: node.uri, local: node.local, attrs: new Map(), ns: new Map(), children: [] };
    for (const a of Object.values(node.attributes)) {
      if (a.prefix === 'xmlns') el.ns.set(a.local, a.value);
      else if (a.name === 'xmlns') el.ns.set('', a.value);
      else el.attrs.set(key(a.uri, a.local), a.value);
    }
    stack[stack.length - 1]?.children.push(el);
    stack.push(el);
    root ??= el;
  });
  parser.on('text', (t) => stack[stack.length - 1]?.children.push(t));
  parser.on('cdata', (t) => stack[stack.length - 1]?.children.push(t));
  parser.on('closetag', () => {
    const el = stack.pop() as El;
    // Whitespace between elements means nothing; text in a text-only element does.
    if (el.children.some((c) => typeof c !== 'string'))
      el.children = el.children.filter((c) => typeof c !== 'string' || c.trim() !== '');
  });
  try {
    parser.write(text).close();
  } catch (error) {
    throw new Error(`${part} is not well-formed XML: ${(error as Error).message}`);
  }
  if (!root) throw new Error(`${part} has no root element`);
  return root;
}

function elements(el: El): El[] {
  return el.children.filter((c): c is El => typeof c !== 'string');
}

function child(el: El, local: string): El | undefined {
  return elements(el).find((c) => c.local === local);
}

function textOf(el: El): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

function canon(node: El | string): string {
  if (typeof node === 'string') return node.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const attrs = [...node.attrs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
  const name = key(node.uri, node.local);
  return `<${name}${attrs}>${node.children.map(canon).join('')}</${name}>`;
}

/** Where two canonical forms first differ, with a little context either side. */
function diff(before: string, after: string): string {
  let i = 0;
  while (i < before.length && before[i] === after[i]) i++;
  const from = Math.max(0, i - 50);
  const cut = (s: string) => `${from > 0 ? '…' : ''}${s.slice(from, i + 70)}${s.length > i + 70 ? '…' : ''}`;
  return `was ${cut(before)}  now ${cut(after)}`;
}

function tag(el: El): string {
  return `<${key(el.uri, el.local)}>`;
}

// ---------------------------------------------------------------------------
// Running the CLI on a corpus workbook

type Command = 'fix' | 'colour' | 'rebuild';

interface Run {
  code: number;
  err: string;
  file: string;
  input: Map<string, RawEntry>;
  output?: Map<string, RawEntry>;
}

const NOW = () => new Date(Date.UTC(2026, 10, 24, 9));
const CORPUS = corpusWorkbooks();
let dir: string;
const runs = new Map<string, Promise<Run>>();

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'proforma-preserve-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function cli(argv: string[]): Promise<{ code: number; err: string }> {
  const errs: string[] = [];
  const code = await main(argv, { out: () => undefined, err: (t) => errs.push(t), colour: false, now: NOW });
  return { code, err: errs.join('\n') };
}

/** Runs `command` on the workbook once per test file; tests that need the same run share it. */
function run(w: CorpusWorkbook, command: Command): Promise<Run> {
  const id = `${command}:${w.name}`;
  let result = runs.get(id);
  if (!result) {
    result = (async () => {
      const input = path.join(dir, `${command}-in-${corpusFileName(w)}`);
      const file = path.join(dir, `${command}-out-${corpusFileName(w)}`);
      await fs.writeFile(input, w.bytes);
      const { code, err } = await cli([command, input, '-o', file]);
      const output = code === 0 ? readZipRaw(new Uint8Array(await fs.readFile(file))) : undefined;
      return { code, err, file, input: readZipRaw(w.bytes), output };
    })();
    runs.set(id, result);
  }
  return result;
}

// ---------------------------------------------------------------------------
// Package-level checks

/** The parts each command may rewrite; everything else must be byte-identical. */
const TOUCHED: Record<Command, string[]> = {
  fix: [THEME_SHEET.part],
  colour: [THEME_SHEET.part, 'xl/styles.xml'],
  rebuild: ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml'],
};

function sameRaw(a: RawEntry, b: RawEntry): boolean {
  if (a.method !== b.method || a.crc32 !== b.crc32 || a.raw.length !== b.raw.length) return false;
  for (let i = 0; i < a.raw.length; i++) if (a.raw[i] !== b.raw[i]) return false;
  return true;
}

function checkUntouched(input: Map<string, RawEntry>, output: Map<string, RawEntry>, command: Command): string[] {
  const touched = TOUCHED[command];
  const problems: string[] = [];
  for (const [name, before] of input) {
    const after = output.get(name);
    if (!after) problems.push(`${name}: dropped from the package`);
    else if (!touched.includes(name) && !sameRaw(before, after))
      problems.push(
        before.crc32 === after.crc32
          ? `${name}: same content but recompressed (an untouched part must keep its compressed bytes)`
          : `${name}: changed, but ${command} may change only ${touched.join(', ')}`,
      );
  }
  return problems;
}

function checkOrder(part: string, root: El, order: readonly string[]): string[] {
  let last = -1;
  for (const el of elements(root)) {
    if (el.uri !== MAIN) continue;
    const at = order.indexOf(el.local);
    if (at < 0) return [`${part}: unknown element ${tag(el)} (Excel would refuse the file)`];
    if (at < last) return [`${part}: ${tag(el)} is out of schema order (Excel would refuse the file)`];
    last = at;
  }
  return [];
}

/** The root element keeps its name, attributes and namespace declarations (mc:Ignorable needs its prefixes). */
function checkRoot(part: string, before: El, after: El): string[] {
  const problems: string[] = [];
  if (key(before.uri, before.local) !== key(after.uri, after.local))
    return [`${part}: root element ${tag(before)} became ${tag(after)}`];
  for (const [prefix, uri] of before.ns)
    if (after.ns.get(prefix) !== uri) problems.push(`${part}: namespace declaration xmlns:${prefix}="${uri}" lost`);
  for (const [name, value] of before.attrs)
    if (after.attrs.get(name) !== value) problems.push(`${part}: root attribute ${name}="${value}" changed or lost`);
  return problems;
}

/**
 * The children of `after` must be those of `before`, in order and unchanged,
 * except elements named in `skip` (checked elsewhere) and new elements named in `mayAdd`.
 */
function checkChildren(part: string, before: El, after: El, skip: string[], mayAdd: string[] = []): string[] {
  const was = elements(before).filter((e) => !(e.uri === MAIN && skip.includes(e.local)));
  const now = elements(after).filter((e) => !(e.uri === MAIN && skip.includes(e.local)));
  const a = was.map(canon);
  const b = now.map(canon);
  // Longest common subsequence: the originals kept, unchanged and in order.
  const lcs = a.map(() => new Array<number>(b.length + 1).fill(0));
  lcs.push(new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const lost: number[] = [];
  const added: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) added.push(j++);
    else lost.push(i++);
  }
  const problems: string[] = [];
  const sameName = (x: El, y: El) => x.uri === y.uri && x.local === y.local;
  for (const n of added) {
    const el = now[n];
    // An original of the same name that did not survive: this is it, changed.
    const k = lost.findIndex((m) => sameName(was[m], el));
    if (k >= 0) {
      problems.push(`${part}: ${tag(el)} changed: ${diff(a[lost[k]], b[n])}`);
      lost.splice(k, 1);
    } else if (!(el.uri === MAIN && mayAdd.includes(el.local)))
      problems.push(`${part}: unexpected new element ${tag(el)}: ${b[n].slice(0, 160)}`);
  }
  for (const m of lost) problems.push(`${part}: ${tag(was[m])} lost: ${a[m].slice(0, 160)}`);
  return problems;
}

function xml(entries: Map<string, RawEntry>, part: string): El {
  const entry = entries.get(part);
  if (!entry) throw new Error(`${part} is not in the package`);
  return parseXml(entry.text(), part);
}

// ---------------------------------------------------------------------------
// Touched parts: the theme sheet

function colNumber(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function cellsOf(row: El): El[] {
  return elements(row).filter((c) => c.uri === MAIN && c.local === 'c');
}

interface SheetRules {
  /** Rows whose cells may change style (`s`) and gain empty styled cells in the table's columns. */
  styleRows: number[];
  /** Cells whose value may change (checked separately). */
  valueCells: string[];
  /** New top-level elements allowed (Proforma's own rules and lists). */
  mayAdd: string[];
  /** Rows (1-based) that may become hidden (hidden="1"), nothing else of them changing (a pack). */
  hiddenRows?: number[];
}

function checkSheet(part: string, before: El, after: El, rules: SheetRules): string[] {
  const problems = [
    ...checkRoot(part, before, after),
    ...checkOrder(part, after, WORKSHEET_ORDER),
    ...checkChildren(part, before, after, ['sheetData'], rules.mayAdd),
  ];
  const dataBefore = child(before, 'sheetData') as El;
  const dataAfter = child(after, 'sheetData');
  if (!dataAfter) return [...problems, `${part}: <sheetData> lost`];
  const rowsAfter = new Map(elements(dataAfter).map((r) => [Number(r.attrs.get('r')), r]));
  const numbers = [...rowsAfter.keys()];
  if (numbers.some((n, i) => i > 0 && n <= numbers[i - 1])) problems.push(`${part}: rows out of order`);
  const rowsBefore = new Map(elements(dataBefore).map((r) => [Number(r.attrs.get('r')), r]));
  for (const n of rowsAfter.keys())
    if (!rowsBefore.has(n))
      problems.push(`${part}: unexpected new row ${n}: ${canon(rowsAfter.get(n) as El).slice(0, 160)}`);
  for (const [n, row] of rowsBefore) {
    const now = rowsAfter.get(n);
    if (!now) {
      problems.push(`${part}: row ${n} lost: ${canon(row).slice(0, 160)}`);
      continue;
    }
    // Rows the plan names may change cell styles (and `spans`, a hint of the used columns); others nothing.
    const restyle = rules.styleRows.includes(n);
    const valueCells = rules.valueCells.filter((ref) => Number(ref.replace(/^[A-Z]+/, '')) === n);
    const planned = restyle || valueCells.length > 0;
    const hides = rules.hiddenRows?.includes(n) ?? false;
    for (const name of new Set([...row.attrs.keys(), ...now.attrs.keys()]))
      if (
        !(planned && name === 'spans') &&
        !(hides && name === 'hidden' && now.attrs.get(name) === '1') &&
        now.attrs.get(name) !== row.attrs.get(name)
      )
        problems.push(`${part}: row ${n} attribute ${name} was ${row.attrs.get(name)}, now ${now.attrs.get(name)}`);
    const others = (r: El) =>
      elements(r)
        .filter((c) => !(c.uri === MAIN && c.local === 'c'))
        .map(canon)
        .join('');
    if (others(now) !== others(row)) problems.push(`${part}: row ${n} changed: ${diff(others(row), others(now))}`);
    const cellsNow = cellsOf(now);
    const refs = cellsNow.map((c) => c.attrs.get('r') ?? '');
    if (refs.some((r, i) => i > 0 && colNumber(r) <= colNumber(refs[i - 1])))
      problems.push(`${part}: cells of row ${n} out of order (${refs.join(' ')})`);
    const was = new Map(cellsOf(row).map((c) => [c.attrs.get('r') ?? '', c]));
    for (const [ref, cell] of was) {
      const cellNow = cellsNow.find((c) => c.attrs.get('r') === ref);
      if (!cellNow) {
        problems.push(`${part}: cell ${ref} lost: ${canon(cell).slice(0, 160)}`);
        continue;
      }
      if (valueCells.includes(ref)) {
        if (cellNow.attrs.get('s') !== cell.attrs.get('s')) problems.push(`${part}: ${ref} lost its style`);
        continue;
      }
      const strip = (c: El): string => {
        const copy: El = { ...c, attrs: new Map(c.attrs) };
        if (restyle) copy.attrs.delete('s');
        return canon(copy);
      };
      if (strip(cellNow) !== strip(cell))
        problems.push(`${part}: cell ${ref} changed: ${diff(strip(cell), strip(cellNow))}`);
    }
    for (const cellNow of cellsNow) {
      const ref = cellNow.attrs.get('r') ?? '';
      if (was.has(ref)) continue;
      const column = ref.replace(/\d+$/, '');
      const onlyStyle =
        elements(cellNow).length === 0 && [...cellNow.attrs.keys()].every((k) => k === 'r' || k === 's');
      if (!restyle || !onlyStyle || !(THEME_SHEET.columns as readonly string[]).includes(column))
        problems.push(`${part}: unexpected new cell ${canon(cellNow)}`);
    }
  }
  return problems;
}

function sharedStrings(entries: Map<string, RawEntry>): string[] {
  const sst = entries.get('xl/sharedStrings.xml');
  if (!sst) return [];
  return elements(parseXml(sst.text(), 'xl/sharedStrings.xml')).map((si) =>
    elements(si)
      .filter((e) => e.local === 't' || e.local === 'r')
      .map((e) => (e.local === 't' ? textOf(e) : textOf(child(e, 't') ?? e)))
      .join(''),
  );
}

/** The text a cell shows: shared, inline (plain or rich) or a formula's string. */
function cellText(entries: Map<string, RawEntry>, sheet: El, ref: string): string | undefined {
  const data = child(sheet, 'sheetData');
  const cell =
    data &&
    elements(data)
      .flatMap(cellsOf)
      .find((c) => c.attrs.get('r') === ref);
  if (!cell) return undefined;
  const type = cell.attrs.get('t') ?? 'n';
  const v = child(cell, 'v');
  if (type === 's') return v ? sharedStrings(entries)[Number(textOf(v))] : undefined;
  if (type === 'inlineStr') {
    const is = child(cell, 'is');
    return (
      is &&
      elements(is)
        .map((e) => (e.local === 't' ? textOf(e) : textOf(child(e, 't') ?? e)))
        .join('')
    );
  }
  if (type === 'str') return v ? `formula:${textOf(v)}` : undefined;
  return v ? `${type}:${textOf(v)}` : undefined;
}

// ---------------------------------------------------------------------------
// Touched parts: styles.xml, workbook.xml, rels, content types

const STYLE_LISTS = ['numFmts', 'fonts', 'fills', 'borders', 'cellXfs', 'dxfs'];

function checkStyles(before: El, after: El): string[] {
  const part = 'xl/styles.xml';
  const problems = [...checkRoot(part, before, after), ...checkChildren(part, before, after, STYLE_LISTS)];
  for (const list of STYLE_LISTS) {
    const was = child(before, list);
    const now = child(after, list);
    if (!now) {
      if (was) problems.push(`${part}: <${list}> lost`);
      continue;
    }
    const items = elements(now);
    if (now.attrs.has('count') && Number(now.attrs.get('count')) !== items.length)
      problems.push(`${part}: <${list} count="${now.attrs.get('count')}"> but it holds ${items.length}`);
    if (!was) continue;
    for (const [name, value] of was.attrs)
      if (name !== 'count' && now.attrs.get(name) !== value)
        problems.push(`${part}: <${list}> attribute ${name} changed`);
    elements(was).forEach((item, i) => {
      if (!items[i]) problems.push(`${part}: <${list}> item ${i} lost`);
      else if (canon(items[i]) !== canon(item))
        problems.push(
          `${part}: <${list}> item ${i} changed (existing styles must keep their index): ${diff(canon(item), canon(items[i]))}`,
        );
    });
  }
  const ids = elements(child(after, 'numFmts') ?? after).map((f) => f.attrs.get('numFmtId'));
  if (new Set(ids).size !== ids.length) problems.push(`${part}: two number formats share an id`);
  const order = elements(after)
    .filter((e) => e.uri === MAIN)
    .map((e) => e.local);
  const schema = STYLESHEET_ORDER;
  if (order.some((n, i) => i > 0 && schema.indexOf(n) < schema.indexOf(order[i - 1])))
    problems.push(`${part}: children out of schema order (${order.join(', ')})`);
  return problems;
}

interface SheetInfo {
  name: string;
  sheetId?: string;
  rid?: string;
  el: El;
}

function sheetsOf(workbook: El): SheetInfo[] {
  const sheets = child(workbook, 'sheets');
  return (sheets ? elements(sheets) : []).map((el) => ({
    name: el.attrs.get('name') ?? '',
    sheetId: el.attrs.get('sheetId'),
    rid: el.attrs.get('r:id'),
    el,
  }));
}

function checkWorkbook(before: El, after: El, added: number): string[] {
  const part = 'xl/workbook.xml';
  const problems = [
    ...checkRoot(part, before, after),
    ...checkOrder(part, after, WORKBOOK_ORDER),
    ...checkChildren(part, before, after, ['sheets', 'definedNames', 'bookViews']),
  ];
  if (!child(after, 'bookViews') && child(before, 'bookViews')) problems.push(`${part}: <bookViews> lost`);
  const was = sheetsOf(before);
  const now = sheetsOf(after);
  for (const sheet of was) {
    const found = now.find((s) => s.name === sheet.name);
    if (!found) problems.push(`${part}: sheet "${sheet.name}" lost or renamed`);
    else if (canon(found.el) !== canon(sheet.el))
      problems.push(`${part}: sheet "${sheet.name}" changed: ${diff(canon(sheet.el), canon(found.el))}`);
  }
  if (now.length !== was.length + added)
    problems.push(
      `${part}: ${now.length} sheets, expected ${was.length + added} (${now.map((s) => s.name).join(', ')})`,
    );
  if (new Set(now.map((s) => s.sheetId)).size !== now.length) problems.push(`${part}: two sheets share a sheetId`);
  // Defined names keep their text; a sheet-scoped name follows its sheet to its new position.
  const namesBefore = child(before, 'definedNames');
  const namesAfter = child(after, 'definedNames');
  for (const name of namesBefore ? elements(namesBefore) : []) {
    const label = `definedName "${name.attrs.get('name')}"`;
    const scope = name.attrs.get('localSheetId');
    const expected = new Map(name.attrs);
    if (scope !== undefined) {
      const sheet = was[Number(scope)]?.name;
      expected.set('localSheetId', String(now.findIndex((s) => s.name === sheet)));
    }
    const match = (namesAfter ? elements(namesAfter) : []).find(
      (n) =>
        n.attrs.get('name') === name.attrs.get('name') && n.attrs.get('localSheetId') === expected.get('localSheetId'),
    );
    if (!match) {
      problems.push(`${part}: ${label}${scope !== undefined ? ` (sheet ${expected.get('localSheetId')})` : ''} lost`);
      continue;
    }
    const want = canon({ ...name, attrs: expected });
    if (canon(match) !== want) problems.push(`${part}: ${label} changed: ${diff(want, canon(match))}`);
  }
  return problems;
}

/** Relationships and content types may gain entries; none may change or go. */
function checkAdditionsOnly(part: string, before: El, after: El, id: (el: El) => string): string[] {
  const problems = checkRoot(part, before, after);
  const now = new Map<string, El>();
  for (const el of elements(after)) {
    if (now.has(id(el))) problems.push(`${part}: two entries for ${id(el)}`);
    now.set(id(el), el);
  }
  for (const el of elements(before)) {
    const found = now.get(id(el));
    if (!found) problems.push(`${part}: ${canon(el)} lost`);
    else if (canon(found) !== canon(el)) problems.push(`${part}: ${id(el)} changed: ${diff(canon(el), canon(found))}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------
// The tests

/** Evidence in each corpus workbook of the kinds it claims to carry. */
const SIGNS: Record<CorpusKind, [part: string, contains?: string][]> = {
  chart: [
    ['xl/charts/chart1.xml', '<c:barChart>'],
    ['xl/drawings/drawing1.xml', 'graphicFrame'],
  ],
  chartsheet: [
    ['xl/chartsheets/sheet1.xml', '<drawing'],
    ['xl/workbook.xml', 'name="Status chart"'],
  ],
  'pivot-table': [
    ['xl/pivotTables/pivotTable1.xml', 'cacheId="7"'],
    ['xl/pivotCache/pivotCacheDefinition1.xml', '<worksheetSource'],
    ['xl/pivotCache/pivotCacheRecords1.xml'],
  ],
  'text-box': [['xl/drawings/drawing1.xml', '<xdr:txBody>']],
  'legacy-comments': [
    ['xl/comments1.xml', 'ref="F4"'],
    ['xl/drawings/vmlDrawing1.vml', 'ObjectType="Note"'],
  ],
  'threaded-comments': [
    ['xl/threadedComments/threadedComment1.xml', 'parentId='],
    ['xl/persons/person.xml', '<person '],
  ],
  sparklines: [[THEME_SHEET.part, '<x14:sparklineGroups']],
  'cross-sheet-validation': [[THEME_SHEET.part, '<xm:f>Notes!$A$1:$A$3</xm:f>']],
  'board-conditional-formatting': [[THEME_SHEET.part, '<cfRule type="containsText" dxfId="0"']],
  'sensitivity-label': [
    ['docMetadata/LabelInfo.xml', '<clbl:label '],
    ['_rels/.rels', 'classificationlabels'],
  ],
  'custom-properties': [['docProps/custom.xml', 'name="Quarter"']],
  'add-in': [['xl/webextensions/webextension1.xml'], ['xl/webextensions/taskpanes.xml']],
  'external-link': [
    ['xl/externalLinks/externalLink1.xml'],
    ['xl/externalLinks/_rels/externalLink1.xml.rels', 'TargetMode="External"'],
  ],
  'defined-names': [
    ['xl/workbook.xml', 'localSheetId="1"'],
    ['xl/workbook.xml', '_xlnm.Print_Area'],
  ],
  protection: [
    ['xl/worksheets/sheet2.xml', '<sheetProtection algorithmName="SHA-512"'],
    ['xl/workbook.xml', '<workbookProtection '],
  ],
  'printer-settings': [['xl/printerSettings/printerSettings1.bin'], [THEME_SHEET.part, '<rowBreaks ']],
  'data-connections': [['xl/connections.xml', '<connection ']],
  'manual-calculation': [['xl/workbook.xml', 'calcMode="manual"']],
  'dynamic-array': [
    ['xl/metadata.xml', 'XLDAPR'],
    [THEME_SHEET.part, 'cm="1"'],
  ],
  macros: [['xl/vbaProject.bin'], ['[Content_Types].xml', 'macroEnabled.main+xml']],
  table: [
    ['xl/tables/table1.xml', 'name="Meetings"'],
    ['xl/worksheets/sheet2.xml', '<tableParts count="1">'],
  ],
  'custom-xml': [['customXml/item1.xml'], ['customXml/itemProps1.xml', 'ds:datastoreItem']],
  'iso-date': [[THEME_SHEET.part, 't="d"><v>2019-07-01T00:00:00</v>']],
  'rich-inline-string': [[THEME_SHEET.part, 't="inlineStr"><is><r>']],
  'workbook-extlst': [['xl/workbook.xml', '<extLst>']],
};

describe('the corpus', () => {
  test('covers every kind, each in its own workbook and all in one', () => {
    expect(CORPUS.map((w) => w.name)).toEqual(['base', ...CORPUS_KINDS, 'everything']);
    expect(CORPUS[CORPUS.length - 1].kinds).toEqual([...CORPUS_KINDS]);
  });

  test.each(CORPUS.map((w) => [w.name, w] as const))('%s is a well-formed package', (_name, w) => {
    const entries = readZipRaw(w.bytes);
    const problems: string[] = [];
    const types = parseXml((entries.get('[Content_Types].xml') as RawEntry).text(), '[Content_Types].xml');
    const defaults = new Set(
      elements(types)
        .filter((e) => e.local === 'Default')
        .map((e) => e.attrs.get('Extension')),
    );
    const overrides = new Set(
      elements(types)
        .filter((e) => e.local === 'Override')
        .map((e) => e.attrs.get('PartName')),
    );
    for (const [name, entry] of entries) {
      if (/\.(xml|rels|vml)$/.test(name)) {
        try {
          parseXml(entry.text(), name);
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
      if (name !== '[Content_Types].xml' && !overrides.has(`/${name}`) && !defaults.has(name.split('.').pop()))
        problems.push(`${name}: no content type`);
      if (!name.endsWith('.rels')) continue;
      const source = name.replace(/_rels\/([^/]*)\.rels$/, '$1');
      for (const rel of elements(parseXml(entry.text(), name))) {
        if (rel.attrs.get('TargetMode') === 'External') continue;
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(source), rel.attrs.get('Target') ?? ''));
        if (!entries.has(target)) problems.push(`${name}: ${rel.attrs.get('Id')} points at missing ${target}`);
      }
    }
    for (const p of overrides) if (!entries.has((p ?? '').slice(1))) problems.push(`[Content_Types].xml: no part ${p}`);
    for (const kind of w.kinds as CorpusKind[])
      for (const [part, contains] of SIGNS[kind]) {
        const entry = entries.get(part);
        if (!entry) problems.push(`${kind}: ${part} missing`);
        else if (contains && !entry.text().includes(contains)) problems.push(`${kind}: ${part} lacks ${contains}`);
      }
    expect(problems).toEqual([]);
  });
});

const COMMANDS: Command[] = ['fix', 'colour', 'rebuild'];

describe.each(COMMANDS)('%s keeps every part it does not touch', (command) => {
  test.each(CORPUS.map((w) => [w.name, w] as const))('%s', async (_name, w) => {
    const r = await run(w, command);
    if (r.code !== 0 || !r.output) throw new Error(`proforma ${command} exited ${r.code}: ${r.err}`);
    const { input, output } = r;
    const problems = checkUntouched(input, output, command);
    // New parts (zip folder entries such as "xl/" are not parts).
    const fresh = [...output.keys()].filter((name) => !input.has(name) && !name.endsWith('/'));

    if (command === 'fix' || command === 'colour') {
      for (const name of fresh) problems.push(`${name}: unexpected new part`);
      if (output.has(THEME_SHEET.part)) {
        const before = xml(input, THEME_SHEET.part);
        const after = xml(output, THEME_SHEET.part);
        const isFix = command === 'fix';
        problems.push(
          ...checkSheet(THEME_SHEET.part, before, after, {
            styleRows: isFix ? [] : [...THEME_SHEET.actionRows],
            valueCells: isFix ? [THEME_SHEET.fixCell] : [],
            mayAdd: isFix ? [] : ['conditionalFormatting', 'dataValidations'],
          }),
        );
        if (isFix) {
          const value = cellText(output, after, THEME_SHEET.fixCell);
          if (value !== THEME_SHEET.fixTo)
            problems.push(
              `${THEME_SHEET.part}: ${THEME_SHEET.fixCell} reads ${JSON.stringify(value)}, expected "${THEME_SHEET.fixTo}"`,
            );
        } else if (canon(before) === canon(after)) problems.push(`${THEME_SHEET.part}: colour changed nothing`);
      }
    }

    if (command === 'colour' || command === 'rebuild')
      if (output.has('xl/styles.xml'))
        problems.push(...checkStyles(xml(input, 'xl/styles.xml'), xml(output, 'xl/styles.xml')));

    if (command === 'rebuild') {
      const wbBefore = xml(input, 'xl/workbook.xml');
      const wbAfter = xml(output, 'xl/workbook.xml');
      problems.push(...checkWorkbook(wbBefore, wbAfter, 1));
      const relsAfter = xml(output, 'xl/_rels/workbook.xml.rels');
      problems.push(
        ...checkAdditionsOnly(
          'xl/_rels/workbook.xml.rels',
          xml(input, 'xl/_rels/workbook.xml.rels'),
          relsAfter,
          (e) => e.attrs.get('Id') ?? '',
        ),
      );
      const typesAfter = xml(output, '[Content_Types].xml');
      problems.push(
        ...checkAdditionsOnly('[Content_Types].xml', xml(input, '[Content_Types].xml'), typesAfter, (e) =>
          e.local === 'Default' ? `Default ${e.attrs.get('Extension')}` : `Override ${e.attrs.get('PartName')}`,
        ),
      );
      // The one new sheet: a worksheet part of its own, related and typed.
      const names = new Set(sheetsOf(wbBefore).map((s) => s.name));
      const added = sheetsOf(wbAfter).filter((s) => !names.has(s.name));
      const rel = added[0] && elements(relsAfter).find((e) => e.attrs.get('Id') === added[0].rid);
      const target = rel && path.posix.normalize(path.posix.join('xl', rel.attrs.get('Target') ?? ''));
      if (added.length === 1 && (!rel || rel.attrs.get('Type') !== WORKSHEET_REL || !target))
        problems.push(`xl/_rels/workbook.xml.rels: no worksheet relationship for the new sheet "${added[0].name}"`);
      else if (target) {
        const override = elements(typesAfter).find((e) => e.attrs.get('PartName') === `/${target}`);
        if (override?.attrs.get('ContentType') !== WORKSHEET_CT)
          problems.push(`[Content_Types].xml: ${target} is not typed as a worksheet`);
        if (input.has(target)) problems.push(`${target}: the new sheet overwrote an existing part`);
        else if (!output.has(target)) problems.push(`${target}: the new sheet's part is missing`);
        else if (xml(output, target).local !== 'worksheet') problems.push(`${target}: not a worksheet`);
      }
      const allowed = new Set(
        target ? [target, `${path.posix.dirname(target)}/_rels/${path.posix.basename(target)}.rels`] : [],
      );
      for (const name of fresh) if (!allowed.has(name)) problems.push(`${name}: unexpected new part`);
    }
    expect(problems).toEqual([]);
  });
});

describe('rebuild rewrites its own overview in place', () => {
  test.each(CORPUS.map((w) => [w.name, w] as const))('%s: a second rebuild adds no sheet', async (_name, w) => {
    const first = await run(w, 'rebuild');
    if (first.code !== 0 || !first.output) throw new Error(`proforma rebuild exited ${first.code}: ${first.err}`);
    const again = path.join(dir, `again-${corpusFileName(w)}`);
    await fs.copyFile(first.file, again);
    const second = await cli(['rebuild', again, '--in-place']);
    if (second.code !== 0) throw new Error(`second proforma rebuild --in-place exited ${second.code}: ${second.err}`);
    const count = (entries: Map<string, RawEntry>) =>
      ((entries.get('xl/workbook.xml') as RawEntry).text().match(/<(\w+:)?sheet /g) ?? []).length;
    const afterSecond = readZipRaw(new Uint8Array(await fs.readFile(again)));
    expect({ sheets: count(afterSecond) }).toEqual({ sheets: count(first.output) });
    // In place: the overview keeps its sheet id, so formulas pointing at it keep working.
    const ids = (entries: Map<string, RawEntry>) =>
      sheetsOf(xml(entries, 'xl/workbook.xml')).map((s) => `${s.name}#${s.sheetId}`);
    expect(ids(afterSecond)).toEqual(ids(first.output));
    // Rewritten in place, not deleted and re-added: workbook.xml, its rels and the content types are untouched,
    // and only the overview's own part (and styles) may differ.
    const changed = [...afterSecond.keys()].filter((name) => {
      const before = (first.output as Map<string, RawEntry>).get(name);
      const after = afterSecond.get(name) as RawEntry;
      return !before || Buffer.compare(Buffer.from(before.raw), Buffer.from(after.raw)) !== 0;
    });
    // (With the same build time the rewritten overview is the same bytes; styles are reused, not appended again.)
    expect(changed.filter((name) => !/^xl\/worksheets\/sheet\d+\.xml$/.test(name))).toEqual([]);
    expect(changed.length).toBeLessThanOrEqual(1);
  });
});

describe('settings writes the settings sheet and nothing else', () => {
  // First a very hidden sheet added at the end (workbook.xml, its rels and the content types gain
  // an entry each); then, with it there, only its own part changes.
  test.each(CORPUS.map((w) => [w.name, w] as const))('%s', async (_name, w) => {
    const input = path.join(dir, `settings-in-${corpusFileName(w)}`);
    const file = path.join(dir, `settings-out-${corpusFileName(w)}`);
    await fs.writeFile(input, w.bytes);
    const first = await cli(['settings', input, '--set', 'overviewName=Board summary', '-o', file]);
    if (first.code !== 0) throw new Error(`proforma settings exited ${first.code}: ${first.err}`);
    const before = readZipRaw(w.bytes);
    const after = readZipRaw(new Uint8Array(await fs.readFile(file)));
    const touched = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml'];
    const problems: string[] = [];
    for (const [name, entry] of before) {
      const now = after.get(name);
      if (!now) problems.push(`${name}: dropped from the package`);
      else if (!touched.includes(name) && !sameRaw(entry, now)) problems.push(`${name}: changed`);
    }
    const wbBefore = xml(before, 'xl/workbook.xml');
    const wbAfter = xml(after, 'xl/workbook.xml');
    problems.push(...checkWorkbook(wbBefore, wbAfter, 1));
    const added = sheetsOf(wbAfter).filter((s) => !sheetsOf(wbBefore).some((b) => b.name === s.name));
    // Added last, very hidden: sheet-scoped names keep their sheets (checkWorkbook), the tabs their order.
    expect(added.map((s) => [s.name, s.el.attrs.get('state')])).toEqual([['ProformaSettings', 'veryHidden']]);
    expect(sheetsOf(wbAfter).pop()?.name).toBe('ProformaSettings');
    const relsAfter = xml(after, 'xl/_rels/workbook.xml.rels');
    problems.push(
      ...checkAdditionsOnly(
        'xl/_rels/workbook.xml.rels',
        xml(before, 'xl/_rels/workbook.xml.rels'),
        relsAfter,
        (e) => e.attrs.get('Id') ?? '',
      ),
      ...checkAdditionsOnly(
        '[Content_Types].xml',
        xml(before, '[Content_Types].xml'),
        xml(after, '[Content_Types].xml'),
        (e) => (e.local === 'Default' ? `Default ${e.attrs.get('Extension')}` : `Override ${e.attrs.get('PartName')}`),
      ),
    );
    const rel = elements(relsAfter).find((e) => e.attrs.get('Id') === added[0].rid);
    const part = path.posix.normalize(path.posix.join('xl', rel?.attrs.get('Target') ?? ''));
    const fresh = [...after.keys()].filter((name) => !before.has(name) && !name.endsWith('/'));
    expect(fresh).toEqual([part]);
    expect(xml(after, part).local).toBe('worksheet');
    expect(problems).toEqual([]);

    // Written again: the settings sheet's own part, and not one byte more.
    const again = await cli(['settings', file, '--set', 'dropdowns=FALSE', '--in-place']);
    if (again.code !== 0) throw new Error(`second proforma settings exited ${again.code}: ${again.err}`);
    const third = readZipRaw(new Uint8Array(await fs.readFile(file)));
    const changed = [...third.keys()].filter((name) => {
      const was = after.get(name);
      return !was || !sameRaw(was, third.get(name) as RawEntry);
    });
    expect(changed).toEqual([part]);
  });
});

// ---------------------------------------------------------------------------
// Partner returns (SPEC §7): a pack is the board's workbook patched, a merge changes only the merged cells.

/** The Police lead rows 4 and 6 of the corpus's plan; the pack hides the others' action rows. */
const POLICE = { rows: [4, 6], hidden: [3, 5, 7] };

async function packOf(w: CorpusWorkbook): Promise<{ file: string; bytes: Uint8Array }> {
  const input = path.join(dir, `packs-in-${corpusFileName(w)}`);
  const folder = path.join(dir, `packs-${w.name}`);
  await fs.writeFile(input, w.bytes);
  const errs: string[] = [];
  const code = await main(['packs', input, '-o', folder, '--lead', 'Police', '--force'], {
    out: () => undefined,
    err: (t) => errs.push(t),
    colour: false,
    now: NOW,
  });
  if (code !== 0) throw new Error(`proforma packs exited ${code}: ${errs.join('\n')}`);
  const [file] = await fs.readdir(folder);
  return { file: path.join(folder, file), bytes: new Uint8Array(await fs.readFile(path.join(folder, file))) };
}

describe('packs keep every part they do not touch', () => {
  test.each(CORPUS.map((w) => [w.name, w] as const))('%s', async (_name, w) => {
    const { file, bytes } = await packOf(w);
    expect(path.basename(file)).toBe(`packs-in-${w.name} - Police${path.extname(corpusFileName(w))}`);
    const input = readZipRaw(w.bytes);
    const output = readZipRaw(bytes);
    const touched = [
      THEME_SHEET.part,
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      '[Content_Types].xml',
    ];
    const problems: string[] = [];
    for (const [name, before] of input) {
      const after = output.get(name);
      if (!after) problems.push(`${name}: dropped from the package`);
      else if (!touched.includes(name) && !sameRaw(before, after)) problems.push(`${name}: changed`);
    }
    // The theme sheet: the others' rows hidden, the rows restyled by live colours, nothing else.
    problems.push(
      ...checkSheet(THEME_SHEET.part, xml(input, THEME_SHEET.part), xml(output, THEME_SHEET.part), {
        styleRows: [...THEME_SHEET.actionRows],
        valueCells: [],
        mayAdd: ['conditionalFormatting', 'dataValidations'],
        hiddenRows: POLICE.hidden,
      }),
    );
    const rows = elements(child(xml(output, THEME_SHEET.part), 'sheetData') as El);
    const hidden = rows.filter((r) => r.attrs.get('hidden') === '1').map((r) => Number(r.attrs.get('r')));
    expect(hidden).toEqual(POLICE.hidden);
    problems.push(...checkStyles(xml(input, 'xl/styles.xml'), xml(output, 'xl/styles.xml')));
    // One sheet added at the end, very hidden, in a worksheet part named as ExcelJS reads them.
    const wbBefore = xml(input, 'xl/workbook.xml');
    const wbAfter = xml(output, 'xl/workbook.xml');
    problems.push(...checkWorkbook(wbBefore, wbAfter, 1));
    const record = sheetsOf(wbAfter).pop();
    expect([record?.name, record?.el.attrs.get('state')]).toEqual(['ProformaReturn', 'veryHidden']);
    const relsAfter = xml(output, 'xl/_rels/workbook.xml.rels');
    problems.push(
      ...checkAdditionsOnly(
        'xl/_rels/workbook.xml.rels',
        xml(input, 'xl/_rels/workbook.xml.rels'),
        relsAfter,
        (e) => e.attrs.get('Id') ?? '',
      ),
      ...checkAdditionsOnly(
        '[Content_Types].xml',
        xml(input, '[Content_Types].xml'),
        xml(output, '[Content_Types].xml'),
        (e) => (e.local === 'Default' ? `Default ${e.attrs.get('Extension')}` : `Override ${e.attrs.get('PartName')}`),
      ),
    );
    const rel = elements(relsAfter).find((e) => e.attrs.get('Id') === record?.rid);
    const part = path.posix.normalize(path.posix.join('xl', rel?.attrs.get('Target') ?? ''));
    expect(part).toMatch(/^xl\/worksheets\/sheet\d+\.xml$/);
    const fresh = [...output.keys()].filter((name) => !input.has(name) && !name.endsWith('/'));
    expect(fresh).toEqual([part]);
    expect(problems).toEqual([]);
  });
});

describe('merge writes the merged cells and nothing else', () => {
  test.each(CORPUS.map((w) => [w.name, w] as const))('%s', async (_name, w) => {
    const { bytes } = await packOf(w);
    // The Police move their status (sent spelt "amber ") and write an update where there was none.
    // (Re-spelling it "A" would be no change: a merge compares statuses on the scale.)
    const returned = path.join(dir, `return-${corpusFileName(w)}`);
    const sheet = THEME_SHEET.name;
    await fs.writeFile(
      returned,
      typedInto(bytes, { [`${sheet}!E4`]: 'G', [`${sheet}!F6`]: 'Assemblies booked for the spring term' }),
    );
    const plan = path.join(dir, `merge-plan-${corpusFileName(w)}`);
    const out = path.join(dir, `merged-${corpusFileName(w)}`);
    await fs.writeFile(plan, w.bytes);
    const { code, err } = await cli(['merge', plan, returned, '-o', out]);
    if (code !== 0) throw new Error(`proforma merge exited ${code}: ${err}`);
    const input = readZipRaw(w.bytes);
    const output = readZipRaw(new Uint8Array(await fs.readFile(out)));
    const problems = checkUntouched(input, output, 'fix');
    for (const name of output.keys())
      if (!input.has(name) && !name.endsWith('/')) problems.push(`${name}: unexpected new part`);
    const after = xml(output, THEME_SHEET.part);
    problems.push(
      ...checkSheet(THEME_SHEET.part, xml(input, THEME_SHEET.part), after, {
        styleRows: [],
        valueCells: ['E4', 'F6'],
        mayAdd: [],
      }),
    );
    expect([cellText(output, after, 'E4'), cellText(output, after, 'F6')]).toEqual([
      'G',
      'Assemblies booked for the spring term',
    ]);
    expect(problems).toEqual([]);
  });
});
