// A corpus of workbooks carrying every kind of package part a board's workbook
// holds (charts, pivot tables, comments, labels, macros, ...), written from
// hand-made XML the way Excel writes it, so tests can prove that Proforma's
// write commands keep every part they do not touch byte for byte.
//
// Every workbook shares one action-plan sheet ("Prevention & Early
// Intervention") with work for each write command: a RAG spelling to fix
// ("amber "), rows to colour and an overview to build. One workbook per kind
// adds that kind's parts; "everything" adds them all; "base" adds none.
//
//   npx tsx scripts/make-corpus.ts [dir]      (default out/corpus)
//
// Nothing here is random: GUIDs and binary parts are derived from fixed labels,
// so the corpus is the same on every run. The sheet and workbook protection
// hashes are real SHA-512 hashes of the password "ProformaCorpus".
import { createHash } from 'crypto';
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { WORKSHEET_ORDER } from '../src/hosts/xlsx/schema';

export interface CorpusWorkbook {
  name: string;
  kinds: string[];
  bytes: Uint8Array;
}

/** Every kind of part the corpus covers, one workbook each. */
export const CORPUS_KINDS = [
  'chart',
  'chartsheet',
  'pivot-table',
  'text-box',
  'legacy-comments',
  'threaded-comments',
  'sparklines',
  'cross-sheet-validation',
  'board-conditional-formatting',
  'sensitivity-label',
  'custom-properties',
  'add-in',
  'external-link',
  'defined-names',
  'protection',
  'printer-settings',
  'data-connections',
  'manual-calculation',
  'dynamic-array',
  'macros',
  'table',
  'custom-xml',
  'iso-date',
  'rich-inline-string',
  'workbook-extlst',
] as const;
export type CorpusKind = (typeof CORPUS_KINDS)[number];

/** The action-plan sheet every workbook shares, and what each write command has to do on it. */
export const THEME_SHEET = {
  name: 'Prevention & Early Intervention',
  part: 'xl/worksheets/sheet1.xml',
  /** Rows (1-based) that hold actions: colour may restyle these, nothing else. */
  actionRows: [3, 4, 5, 6, 7],
  /** The table's columns (A..F). */
  columns: ['A', 'B', 'C', 'D', 'E', 'F'],
  /** The one cell `fix` changes: the RAG cell holding "amber " (shared string), to "A". */
  fixCell: 'E4',
  fixFrom: 'amber ',
  fixTo: 'A',
} as const;

export const NOTES_SHEET = { name: 'Notes', part: 'xl/worksheets/sheet2.xml' } as const;

// ---------------------------------------------------------------------------
// Namespaces, relationship types and content types

const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  x14ac: 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac',
  x14: 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main',
  x15: 'http://schemas.microsoft.com/office/spreadsheetml/2010/11/main',
  xm: 'http://schemas.microsoft.com/office/excel/2006/main',
  xr: 'http://schemas.microsoft.com/office/spreadsheetml/2014/revision',
  xr2: 'http://schemas.microsoft.com/office/spreadsheetml/2015/revision2',
  xr3: 'http://schemas.microsoft.com/office/spreadsheetml/2016/revision3',
  xr6: 'http://schemas.microsoft.com/office/spreadsheetml/2016/revision6',
  xr10: 'http://schemas.microsoft.com/office/spreadsheetml/2016/revision10',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  vt: 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes',
};

const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = {
  officeDocument: `${OFFICE_REL}/officeDocument`,
  core: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  app: `${OFFICE_REL}/extended-properties`,
  custom: `${OFFICE_REL}/custom-properties`,
  label: 'http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels',
  taskpanes: 'http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes',
  webextension: 'http://schemas.microsoft.com/office/2011/relationships/webextension',
  worksheet: `${OFFICE_REL}/worksheet`,
  chartsheet: `${OFFICE_REL}/chartsheet`,
  theme: `${OFFICE_REL}/theme`,
  styles: `${OFFICE_REL}/styles`,
  sharedStrings: `${OFFICE_REL}/sharedStrings`,
  calcChain: `${OFFICE_REL}/calcChain`,
  drawing: `${OFFICE_REL}/drawing`,
  chart: `${OFFICE_REL}/chart`,
  chartColors: 'http://schemas.microsoft.com/office/2011/relationships/chartColorStyle',
  vmlDrawing: `${OFFICE_REL}/vmlDrawing`,
  comments: `${OFFICE_REL}/comments`,
  threadedComment: 'http://schemas.microsoft.com/office/2017/10/relationships/threadedComment',
  person: 'http://schemas.microsoft.com/office/2017/10/relationships/person',
  pivotTable: `${OFFICE_REL}/pivotTable`,
  pivotCacheDefinition: `${OFFICE_REL}/pivotCacheDefinition`,
  pivotCacheRecords: `${OFFICE_REL}/pivotCacheRecords`,
  table: `${OFFICE_REL}/table`,
  externalLink: `${OFFICE_REL}/externalLink`,
  externalLinkPath: `${OFFICE_REL}/externalLinkPath`,
  printerSettings: `${OFFICE_REL}/printerSettings`,
  connections: `${OFFICE_REL}/connections`,
  sheetMetadata: `${OFFICE_REL}/sheetMetadata`,
  vbaProject: 'http://schemas.microsoft.com/office/2006/relationships/vbaProject',
  customXml: `${OFFICE_REL}/customXml`,
  customXmlProps: `${OFFICE_REL}/customXmlProps`,
};

const SML_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const CT = {
  workbook: `${SML_CT}.sheet.main+xml`,
  workbookMacro: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  worksheet: `${SML_CT}.worksheet+xml`,
  chartsheet: `${SML_CT}.chartsheet+xml`,
  styles: `${SML_CT}.styles+xml`,
  sharedStrings: `${SML_CT}.sharedStrings+xml`,
  calcChain: `${SML_CT}.calcChain+xml`,
  comments: `${SML_CT}.comments+xml`,
  table: `${SML_CT}.table+xml`,
  pivotTable: `${SML_CT}.pivotTable+xml`,
  pivotCacheDefinition: `${SML_CT}.pivotCacheDefinition+xml`,
  pivotCacheRecords: `${SML_CT}.pivotCacheRecords+xml`,
  externalLink: `${SML_CT}.externalLink+xml`,
  connections: `${SML_CT}.connections+xml`,
  sheetMetadata: `${SML_CT}.sheetMetadata+xml`,
  printerSettings: `${SML_CT}.printerSettings`,
  theme: 'application/vnd.openxmlformats-officedocument.theme+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  chartColors: 'application/vnd.ms-office.chartcolorstyle+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  threadedComments: 'application/vnd.ms-excel.threadedcomments+xml',
  person: 'application/vnd.ms-excel.person+xml',
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  app: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
  custom: 'application/vnd.openxmlformats-officedocument.custom-properties+xml',
  label: 'application/vnd.ms-office.classificationlabels+xml',
  taskpanes: 'application/vnd.ms-office.webextensiontaskpanes+xml',
  webextension: 'application/vnd.ms-office.webextension+xml',
  vbaProject: 'application/vnd.ms-office.vbaProject',
  customXmlProps: 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml',
  rels: 'application/vnd.openxmlformats-package.relationships+xml',
  xml: 'application/xml',
};

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

// ---------------------------------------------------------------------------
// Small helpers

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<t>` text, keeping leading/trailing spaces as Excel does. */
function tText(text: string): string {
  return /^\s|\s$/.test(text) ? `<t xml:space="preserve">${esc(text)}</t>` : `<t>${esc(text)}</t>`;
}

/** Deterministic bytes from a label: the same corpus on every run. */
function bytesFrom(label: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let block = 0, at = 0; at < length; block++) {
    const digest = createHash('sha256').update(`${label}#${block}`).digest();
    out.set(digest.subarray(0, Math.min(digest.length, length - at)), at);
    at += digest.length;
  }
  return out;
}

/** A GUID derived from a label, upper case in braces as Excel writes most of them. */
function guid(label: string, lower = false): string {
  const hex = Buffer.from(bytesFrom(`guid:${label}`, 16)).toString('hex');
  const g = `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`;
  return lower ? g : g.toUpperCase();
}

/** Excel's SHA-512 password hash (ECMA-376 agile): hash(salt + password), then spinCount rounds. */
function passwordHash(password: string, label: string): { hash: string; salt: string; spinCount: number } {
  const spinCount = 100000;
  const salt = Buffer.from(bytesFrom(`salt:${label}`, 16));
  let hash = createHash('sha512')
    .update(Buffer.concat([salt, Buffer.from(password, 'utf16le')]))
    .digest();
  const iterator = Buffer.alloc(4);
  for (let i = 0; i < spinCount; i++) {
    iterator.writeUInt32LE(i, 0);
    hash = createHash('sha512')
      .update(Buffer.concat([hash, iterator]))
      .digest();
  }
  return { hash: hash.toString('base64'), salt: salt.toString('base64'), spinCount };
}

let protectionHashes: { sheet: ReturnType<typeof passwordHash>; book: ReturnType<typeof passwordHash> } | undefined;
function hashes() {
  protectionHashes ??= {
    sheet: passwordHash('ProformaCorpus', 'sheet'),
    book: passwordHash('ProformaCorpus', 'workbook'),
  };
  return protectionHashes;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function splitRef(ref: string): { col: string; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`bad cell reference ${ref}`);
  return { col: m[1], row: Number(m[2]) };
}

// ---------------------------------------------------------------------------
// The package being built

interface Rel {
  id: string;
  type: string;
  target: string;
  external?: boolean;
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly items: string[] = [];
  refs = 0;
  add(text: string): number {
    this.refs++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(text);
      this.index.set(text, i);
    }
    return i;
  }
  xml(): string {
    const si = this.items.map((t) => `<si>${tText(t)}</si>`).join('');
    return `${DECL}<sst xmlns="${NS.main}" count="${this.refs}" uniqueCount="${this.items.length}">${si}</sst>`;
  }
}

type WorksheetSlot = (typeof WORKSHEET_ORDER)[number];

interface Row {
  attrs: string;
  cells: Map<string, string>;
}

class Worksheet {
  readonly rows = new Map<number, Row>();
  readonly slots = new Map<WorksheetSlot, string[]>();
  readonly exts: string[] = [];
  sheetPrAttrs = '';
  sheetPrInner = '';
  pageSetupAttrs = 'paperSize="9" orientation="portrait"';
  /** Formula cells, for the calculation chain. */
  readonly formulas: string[] = [];
  constructor(
    readonly name: string,
    readonly part: string,
    readonly uid: string,
  ) {}

  row(r: number, attrs = ''): Row {
    let row = this.rows.get(r);
    if (!row) {
      row = { attrs, cells: new Map() };
      this.rows.set(r, row);
    } else if (attrs) row.attrs = attrs;
    return row;
  }
  cell(ref: string, xml: string): void {
    const { col, row } = splitRef(ref);
    this.row(row).cells.set(col, xml);
  }
  add(slot: WorksheetSlot, xml: string): void {
    const list = this.slots.get(slot) ?? [];
    list.push(xml);
    this.slots.set(slot, list);
  }
  set(slot: WorksheetSlot, xml: string): void {
    this.slots.set(slot, [xml]);
  }

  private dimension(): string {
    let minCol = Infinity;
    let maxCol = 0;
    const rows = [...this.rows.keys()];
    for (const row of this.rows.values())
      for (const col of row.cells.keys()) {
        minCol = Math.min(minCol, colNumber(col));
        maxCol = Math.max(maxCol, colNumber(col));
      }
    const letters = (n: number): string => {
      let s = '';
      for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
      return s;
    };
    return `${letters(minCol)}${Math.min(...rows)}:${letters(maxCol)}${Math.max(...rows)}`;
  }

  xml(): string {
    const sheetData = [...this.rows.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([r, row]) => {
        const cols = [...row.cells.keys()].sort((a, b) => colNumber(a) - colNumber(b));
        const spans = `${colNumber(cols[0])}:${colNumber(cols[cols.length - 1])}`;
        const cells = cols.map((c) => row.cells.get(c)).join('');
        return `<row r="${r}" spans="${spans}"${row.attrs ? ` ${row.attrs}` : ''} x14ac:dyDescent="0.35">${cells}</row>`;
      })
      .join('');
    const parts = new Map(this.slots);
    parts.set('sheetPr', [`<sheetPr${this.sheetPrAttrs}>${this.sheetPrInner}</sheetPr>`]);
    parts.set('dimension', [`<dimension ref="${this.dimension()}"/>`]);
    parts.set('sheetData', [`<sheetData>${sheetData}</sheetData>`]);
    parts.set('pageSetup', [`<pageSetup ${this.pageSetupAttrs}/>`]);
    if (this.exts.length > 0) parts.set('extLst', [`<extLst>${this.exts.join('')}</extLst>`]);
    const body = WORKSHEET_ORDER.map((slot) => (parts.get(slot) ?? []).join('')).join('');
    return (
      `${DECL}<worksheet xmlns="${NS.main}" xmlns:r="${NS.r}" xmlns:mc="${NS.mc}" mc:Ignorable="x14ac xr xr2 xr3" ` +
      `xmlns:x14ac="${NS.x14ac}" xmlns:xr="${NS.xr}" xmlns:xr2="${NS.xr2}" xmlns:xr3="${NS.xr3}" xr:uid="${this.uid}">` +
      `${body}</worksheet>`
    );
  }
}

interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
}

interface Comment {
  ref: string;
  author: string;
  text: string;
  /** Threaded: the thread (first is the comment, the rest replies) behind the legacy placeholder. */
  thread?: { person: string; text: string; at: string }[];
}

class Package {
  readonly parts = new Map<string, string | Uint8Array>();
  readonly defaults = new Map<string, string>([
    ['rels', CT.rels],
    ['xml', CT.xml],
  ]);
  readonly overrides = new Map<string, string>();
  readonly rels = new Map<string, Rel[]>();
  readonly sst = new SharedStrings();
  readonly theme: Worksheet;
  readonly notes: Worksheet;
  readonly sheets: SheetEntry[] = [];
  macro = false;
  /** Workbook.xml pieces. */
  workbookPrAttrs = ' defaultThemeVersion="202300"';
  workbookProtection = '';
  externalReferences: string[] = [];
  definedNames: string[] = [];
  calcPrAttrs = ' calcId="191029"';
  pivotCaches: string[] = [];
  workbookExt = '';
  /** Drawing anchors on the theme sheet (charts and text boxes share one drawing part). */
  readonly themeAnchors: string[] = [];
  readonly comments: Comment[] = [];
  readonly appCharts: string[] = [];
  private counters = new Map<string, number>();

  constructor() {
    this.theme = new Worksheet(THEME_SHEET.name, THEME_SHEET.part, guid('sheet1'));
    this.notes = new Worksheet(NOTES_SHEET.name, NOTES_SHEET.part, guid('sheet2'));
  }

  next(kind: string): number {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return n;
  }

  /** Adds a part with its content type (an override unless the extension's default fits). */
  part(name: string, content: string | Uint8Array, contentType?: string): void {
    this.parts.set(name, content);
    if (contentType) this.overrides.set(`/${name}`, contentType);
  }

  /** Adds a relationship from `source` ('' for the package) and returns its id. */
  rel(source: string, type: string, target: string, external = false): string {
    const list = this.rels.get(source) ?? [];
    const id = `rId${list.length + 1}`;
    list.push({ id, type, target, external });
    this.rels.set(source, list);
    return id;
  }

  /** A shared-string cell. */
  s(sheet: Worksheet, ref: string, text: string, style?: number): void {
    const st = style === undefined ? '' : ` s="${style}"`;
    sheet.cell(ref, `<c r="${ref}"${st} t="s"><v>${this.sst.add(text)}</v></c>`);
  }
}

function relsPath(source: string): string {
  if (source === '') return '_rels/.rels';
  const dir = path.posix.dirname(source);
  return `${dir}/_rels/${path.posix.basename(source)}.rels`;
}

function relsXml(rels: Rel[]): string {
  const items = rels
    .map(
      (r) =>
        `<Relationship Id="${r.id}" Type="${r.type}" Target="${esc(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`,
    )
    .join('');
  return `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`;
}

// ---------------------------------------------------------------------------
// The shared base

const STYLE = { normal: 0, title: 1, header: 2, body: 3, date: 4 } as const;

const ACTIONS: [ref: string, priority: string, action: string, lead: string, rag: string, evidence: string][] = [
  [
    'PE1',
    'Reduce first-time entrants to the youth justice system',
    'Offer triage to every young person arrested for a first offence',
    'Youth Offending Team',
    'G',
    'Triage in place at all three custody suites since April.',
  ],
  [
    '',
    '',
    'Joint diversion panel to meet monthly',
    'Police',
    THEME_SHEET.fixFrom,
    'Panel met twice this quarter; attendance to be confirmed.',
  ],
  [
    'PE2',
    'Early help for families of people in custody',
    'Refer families to the Early Help hub at sentence',
    'County Council',
    'R',
    'Referrals paused while the hub recruits two caseworkers.',
  ],
  ['', '', 'School liaison officers in every high school', 'Police', 'G', ''],
  [
    'PE3',
    'Diversion from custody for people with mental health needs',
    'Liaison and diversion workers at both magistrates courts',
    'Health',
    'A',
    'Second court covered three days a week from October.',
  ],
];

/** Action-row text of C6, replaced by a rich inline string in that kind. */
const C6_TEXT = ACTIONS[3][2];

function baseTheme(pkg: Package): void {
  const ws = pkg.theme;
  ws.sheetPrInner = '<tabColor rgb="FF00703C"/><pageSetUpPr fitToPage="1"/>';
  ws.set(
    'sheetViews',
    '<sheetViews><sheetView tabSelected="1" zoomScale="90" zoomScaleNormal="90" workbookViewId="0">' +
      '<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft" activeCell="E4" sqref="E4"/></sheetView></sheetViews>',
  );
  ws.set('sheetFormatPr', '<sheetFormatPr defaultRowHeight="14.5" x14ac:dyDescent="0.35"/>');
  ws.set(
    'cols',
    '<cols><col min="1" max="1" width="7.6328125" customWidth="1"/><col min="2" max="2" width="32.6328125" customWidth="1"/>' +
      '<col min="3" max="3" width="44.6328125" customWidth="1"/><col min="4" max="4" width="22.6328125" customWidth="1"/>' +
      '<col min="5" max="5" width="6.6328125" customWidth="1"/><col min="6" max="6" width="42.6328125" customWidth="1"/>' +
      '<col min="8" max="9" width="12.6328125" customWidth="1"/></cols>',
  );
  // Row 1: the theme title, merged across the table.
  ws.row(1, 'ht="18.5" customHeight="1"');
  pkg.s(ws, 'A1', 'Prevention/Early Intervention', STYLE.title);
  for (const c of ['B', 'C', 'D', 'E', 'F']) ws.cell(`${c}1`, `<c r="${c}1" s="${STYLE.title}"/>`);
  // Row 2: the header.
  ws.row(2, 'ht="29" customHeight="1"');
  ['Ref', 'Priority', 'Actions', 'Lead', 'RAG', 'Evidence / Progress update'].forEach((h, i) =>
    pkg.s(ws, `${THEME_SHEET.columns[i]}2`, h, STYLE.header),
  );
  // Rows 3-7: actions; continuation rows leave ref and priority empty.
  ACTIONS.forEach((values, i) => {
    const r = 3 + i;
    ws.row(r, 'ht="43.5" customHeight="1"');
    values.forEach((v, c) => {
      const ref = `${THEME_SHEET.columns[c]}${r}`;
      if (v === '') ws.cell(ref, `<c r="${ref}" s="${STYLE.body}"/>`);
      else pkg.s(ws, ref, v, STYLE.body);
    });
  });
  // Rows 9-12: the board's own status counts beside the plan (charts and sparklines read them).
  pkg.s(ws, 'H9', 'Rating', STYLE.header);
  pkg.s(ws, 'I9', 'Rows', STYLE.header);
  const counts: [string, number][] = [
    ['R', 1],
    ['A', 1],
    ['G', 2],
  ];
  counts.forEach(([code, n], i) => {
    const r = 10 + i;
    pkg.s(ws, `H${r}`, code);
    ws.cell(`I${r}`, `<c r="I${r}"><f>COUNTIF($E$3:$E$7,H${r})</f><v>${n}</v></c>`);
    ws.formulas.push(`I${r}`);
  });
  ws.set('mergeCells', '<mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells>');
  ws.set('pageMargins', '<pageMargins left="0.25" right="0.25" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  ws.pageSetupAttrs = 'paperSize="9" scale="71" fitToHeight="0" orientation="landscape"';
  ws.set(
    'headerFooter',
    '<headerFooter><oddHeader>&amp;C&amp;"-,Bold"Reducing Offending Board</oddHeader>' +
      '<oddFooter>&amp;L&amp;F&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter>',
  );
}

function baseNotes(pkg: Package): void {
  const ws = pkg.notes;
  ws.set('sheetViews', '<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  ws.set('sheetFormatPr', '<sheetFormatPr defaultRowHeight="14.5" x14ac:dyDescent="0.35"/>');
  ws.set('cols', '<cols><col min="1" max="1" width="48.6328125" customWidth="1"/></cols>');
  pkg.s(ws, 'A1', 'Police');
  pkg.s(ws, 'A2', 'Probation Service');
  pkg.s(ws, 'A3', 'Youth Offending Team');
  pkg.s(ws, 'A5', 'These notes are kept by the board secretary. Partners update their own rows only.');
  ws.set('pageMargins', '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
}

const STYLES_XML =
  `${DECL}<styleSheet xmlns="${NS.main}" xmlns:mc="${NS.mc}" mc:Ignorable="x14ac x16r2 xr" xmlns:x14ac="${NS.x14ac}" ` +
  `xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" xmlns:xr="${NS.xr}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="d\\ mmm\\ yyyy"/></numFmts>' +
  '<fonts count="3" x14ac:knownFonts="1">' +
  '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '<font><b/><sz val="14"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '</fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor theme="0" tint="-0.14999847407452621"/><bgColor indexed="64"/></patternFill></fill>' +
  '</fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"><color indexed="64"/></left><right style="thin"><color indexed="64"/></right>' +
  '<top style="thin"><color indexed="64"/></top><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border>' +
  '</borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">' +
  '<alignment vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">' +
  '<alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="1"><dxf><font><b/><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>' +
  '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  '<extLst>' +
  `<ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="${NS.x14}"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext>` +
  `<ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" xmlns:x15="${NS.x15}"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext>` +
  '</extLst></styleSheet>';

function themeXml(): string {
  const sys = (name: string, val: string, last: string) =>
    `<a:${name}><a:sysClr val="${val}" lastClr="${last}"/></a:${name}>`;
  const srgb = (name: string, val: string) => `<a:${name}><a:srgbClr val="${val}"/></a:${name}>`;
  const font = (typeface: string) =>
    `<a:latin typeface="${typeface}" panose="020F0502020204030204"/><a:ea typeface=""/><a:cs typeface=""/>`;
  const solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
  const line = (w: number) =>
    `<a:ln w="${w}" cap="flat" cmpd="sng" algn="ctr">${solid}<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>`;
  const gradient =
    '<a:gradFill rotWithShape="1"><a:gsLst>' +
    '<a:gs pos="0"><a:schemeClr val="phClr"><a:lumMod val="110000"/><a:satMod val="105000"/><a:tint val="67000"/></a:schemeClr></a:gs>' +
    '<a:gs pos="100000"><a:schemeClr val="phClr"><a:lumMod val="105000"/><a:satMod val="109000"/><a:tint val="81000"/></a:schemeClr></a:gs>' +
    '</a:gsLst><a:lin ang="5400000" scaled="0"/></a:gradFill>';
  return (
    `${DECL}<a:theme xmlns:a="${NS.a}" name="Office Theme"><a:themeElements>` +
    '<a:clrScheme name="Office">' +
    sys('dk1', 'windowText', '000000') +
    sys('lt1', 'window', 'FFFFFF') +
    srgb('dk2', '44546A') +
    srgb('lt2', 'E7E6E6') +
    srgb('accent1', '4472C4') +
    srgb('accent2', 'ED7D31') +
    srgb('accent3', 'A5A5A5') +
    srgb('accent4', 'FFC000') +
    srgb('accent5', '5B9BD5') +
    srgb('accent6', '70AD47') +
    srgb('hlink', '0563C1') +
    srgb('folHlink', '954F72') +
    '</a:clrScheme>' +
    `<a:fontScheme name="Office"><a:majorFont>${font('Calibri Light')}</a:majorFont><a:minorFont>${font('Calibri')}</a:minorFont></a:fontScheme>` +
    '<a:fmtScheme name="Office">' +
    `<a:fillStyleLst>${solid}${gradient}${gradient}</a:fillStyleLst>` +
    `<a:lnStyleLst>${line(6350)}${line(12700)}${line(19050)}</a:lnStyleLst>` +
    '<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>' +
    '<a:effectStyle><a:effectLst><a:outerShdw blurRad="57150" dist="19050" dir="5400000" algn="ctr" rotWithShape="0">' +
    '<a:srgbClr val="000000"><a:alpha val="63000"/></a:srgbClr></a:outerShdw></a:effectLst></a:effectStyle></a:effectStyleLst>' +
    `<a:bgFillStyleLst>${solid}<a:solidFill><a:schemeClr val="phClr"><a:tint val="95000"/><a:satMod val="170000"/></a:schemeClr></a:solidFill>${gradient}</a:bgFillStyleLst>` +
    '</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>'
  );
}

const CORE_XML =
  `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
  'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  '<dc:title>Reducing Offending Board action plan 2026/27</dc:title><dc:creator>Board Secretary</dc:creator>' +
  '<cp:lastModifiedBy>Youth Offending Team</cp:lastModifiedBy>' +
  '<dcterms:created xsi:type="dcterms:W3CDTF">2019-06-03T09:12:00Z</dcterms:created>' +
  '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-10-14T15:40:21Z</dcterms:modified></cp:coreProperties>';

// ---------------------------------------------------------------------------
// The kinds

type Feature = (pkg: Package) => void;

const THEME_REF = `'${THEME_SHEET.name}'`;

function chartXml(kind: 'bar' | 'pie', title: string): string {
  const cat = `${THEME_REF}!$H$10:$H$12`;
  const val = `${THEME_REF}!$I$10:$I$12`;
  const strCache = (items: string[]) =>
    `<c:strCache><c:ptCount val="${items.length}"/>${items.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join('')}</c:strCache>`;
  const numCache = (items: number[]) =>
    `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${items.length}"/>` +
    `${items.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join('')}</c:numCache>`;
  const tx = `<c:tx><c:strRef><c:f>${esc(`${THEME_REF}!$I$9`)}</c:f>${strCache(['Rows'])}</c:strRef></c:tx>`;
  const catVal =
    `<c:cat><c:strRef><c:f>${esc(cat)}</c:f>${strCache(['R', 'A', 'G'])}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${esc(val)}</c:f>${numCache([1, 1, 2])}</c:numRef></c:val>`;
  const plot =
    kind === 'bar'
      ? '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
        `<c:ser><c:idx val="0"/><c:order val="0"/>${tx}<c:spPr><a:solidFill><a:schemeClr val="accent1"/></a:solidFill></c:spPr>` +
        `<c:invertIfNegative val="0"/>${catVal}</c:ser>` +
        '<c:gapWidth val="150"/><c:axId val="512345001"/><c:axId val="512345002"/></c:barChart>' +
        '<c:catAx><c:axId val="512345001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>' +
        '<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/>' +
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="512345002"/><c:crosses val="autoZero"/>' +
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
        '<c:valAx><c:axId val="512345002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>' +
        '<c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/>' +
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="512345001"/><c:crosses val="autoZero"/>' +
        '<c:crossBetween val="between"/></c:valAx>'
      : `<c:pieChart><c:varyColors val="1"/><c:ser><c:idx val="0"/><c:order val="0"/>${tx}${catVal}</c:ser>` +
        '<c:firstSliceAng val="0"/></c:pieChart>';
  const legend = kind === 'pie' ? '<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend>' : '';
  return (
    `${DECL}<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}" ` +
    'xmlns:c16r2="http://schemas.microsoft.com/office/drawing/2015/06/chart">' +
    '<c:date1904 val="0"/><c:lang val="en-GB"/><c:roundedCorners val="0"/><c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:rPr lang="en-GB"/><a:t>${esc(title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>' +
    `<c:plotArea><c:layout/>${plot}</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    '<c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/>' +
    '<c:pageSetup/></c:printSettings></c:chartSpace>'
  );
}

const CHART_COLORS_XML =
  `${DECL}<cs:colorStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" xmlns:a="${NS.a}" meth="cycle" id="10">` +
  '<a:schemeClr val="accent1"/><a:schemeClr val="accent2"/><a:schemeClr val="accent3"/><a:schemeClr val="accent4"/>' +
  '<a:schemeClr val="accent5"/><a:schemeClr val="accent6"/><cs:variation/><cs:variation><a:lumMod val="60000"/></cs:variation>' +
  '</cs:colorStyle>';

/** A chart part (with its colour-style part) and the graphic frame that shows it. */
function addChart(pkg: Package, drawingPart: string, kind: 'bar' | 'pie', title: string): string {
  const n = pkg.next('chart');
  const chartPart = `xl/charts/chart${n}.xml`;
  pkg.part(chartPart, chartXml(kind, title), CT.chart);
  pkg.part(`xl/charts/colors${n}.xml`, CHART_COLORS_XML, CT.chartColors);
  pkg.rel(chartPart, REL.chartColors, `colors${n}.xml`);
  const rid = pkg.rel(drawingPart, REL.chart, `../charts/chart${n}.xml`);
  return (
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${n + 1}" name="Chart ${n}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>' +
    `<a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${rid}"/></a:graphicData>` +
    '</a:graphic></xdr:graphicFrame>'
  );
}

function anchor(from: [number, number], to: [number, number], body: string, editAs = ''): string {
  const marker = (tag: string, [col, row]: [number, number]) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return `<xdr:twoCellAnchor${editAs}>${marker('from', from)}${marker('to', to)}${body}<xdr:clientData/></xdr:twoCellAnchor>`;
}

function drawingXml(anchors: string): string {
  return `${DECL}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}">${anchors}</xdr:wsDr>`;
}

const THEME_DRAWING = 'xl/drawings/drawing1.xml';

const chart: Feature = (pkg) => {
  const frame = addChart(pkg, THEME_DRAWING, 'bar', 'Actions by status');
  pkg.themeAnchors.push(anchor([10, 1], [17, 16], frame, ' editAs="oneCell"'));
};

const chartsheet: Feature = (pkg) => {
  const n = pkg.next('drawing') + 1; // drawing1 is the theme sheet's
  const drawingPart = `xl/drawings/drawing${n}.xml`;
  const frame = addChart(pkg, drawingPart, 'pie', 'Status of all actions');
  pkg.part(
    drawingPart,
    drawingXml(
      `<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="9309100" cy="6072188"/>${frame}<xdr:clientData/></xdr:absoluteAnchor>`,
    ),
    CT.drawing,
  );
  const part = 'xl/chartsheets/sheet1.xml';
  const rid = pkg.rel(part, REL.drawing, `../drawings/drawing${n}.xml`);
  pkg.part(
    part,
    `${DECL}<chartsheet xmlns="${NS.main}" xmlns:r="${NS.r}"><sheetPr><tabColor rgb="FF1D70B8"/></sheetPr>` +
      '<sheetViews><sheetView zoomScale="118" workbookViewId="0" zoomToFit="1"/></sheetViews>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      `<drawing r:id="${rid}"/></chartsheet>`,
    CT.chartsheet,
  );
  const relId = pkg.rel('xl/workbook.xml', REL.chartsheet, 'chartsheets/sheet1.xml');
  pkg.sheets.push({ name: 'Status chart', sheetId: 3, relId });
  pkg.appCharts.push('Status chart');
};

const textBox: Feature = (pkg) => {
  const sp =
    '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="20" name="TextBox 19"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr>' +
    '<xdr:spPr><a:xfrm><a:off x="8001000" y="3200400"/><a:ext cx="3048000" cy="914400"/></a:xfrm>' +
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="lt1"/></a:solidFill>' +
    '<a:ln w="9525" cmpd="sng"><a:solidFill><a:schemeClr val="lt1"><a:shade val="50000"/></a:schemeClr></a:solidFill></a:ln></xdr:spPr>' +
    '<xdr:txBody><a:bodyPr vertOverflow="clip" horzOverflow="clip" wrap="square" rtlCol="0" anchor="t"/><a:lstStyle/>' +
    '<a:p><a:r><a:rPr lang="en-GB" sz="1100" b="1"/><a:t>Board note</a:t></a:r></a:p>' +
    '<a:p><a:r><a:rPr lang="en-GB" sz="1100"/><a:t>Partners: update your own rows before the quarterly meeting.</a:t></a:r></a:p>' +
    '</xdr:txBody></xdr:sp>';
  pkg.themeAnchors.push(anchor([7, 16], [11, 21], sp));
};

const legacyComments: Feature = (pkg) => {
  pkg.comments.push({
    ref: 'F4',
    author: 'Board Secretary',
    text: 'Police to confirm panel attendance figures before the meeting.',
  });
};

const threadedComments: Feature = (pkg) => {
  pkg.comments.push({
    ref: 'E5',
    author: '',
    text: '',
    thread: [
      {
        person: 'Jo Carter',
        text: 'Why is this red? The hub had funding agreed in June.',
        at: '2026-10-02T10:15:32.41',
      },
      {
        person: 'Sam Patel',
        text: 'Funding is agreed but the two caseworker posts are still vacant.',
        at: '2026-10-03T08:02:11.07',
      },
    ],
  });
};

const sparklines: Feature = (pkg) => {
  pkg.s(pkg.theme, 'H13', 'Trend');
  pkg.theme.exts.push(
    `<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="${NS.x14}"><x14:sparklineGroups xmlns:xm="${NS.xm}">` +
      `<x14:sparklineGroup type="column" displayEmptyCellsAs="gap" xr2:uid="${guid('sparkline-group')}">` +
      '<x14:colorSeries theme="4" tint="-0.499984740745262"/><x14:colorNegative theme="5"/><x14:colorAxis rgb="FF000000"/>' +
      '<x14:colorMarkers theme="4" tint="-0.499984740745262"/><x14:colorFirst theme="4" tint="0.39997558519241921"/>' +
      '<x14:colorLast theme="4" tint="0.39997558519241921"/><x14:colorHigh theme="4"/><x14:colorLow theme="4"/>' +
      `<x14:sparklines><x14:sparkline><xm:f>${esc(THEME_REF)}!I10:I12</xm:f><xm:sqref>I13</xm:sqref></x14:sparkline></x14:sparklines>` +
      '</x14:sparklineGroup></x14:sparklineGroups></ext>',
  );
};

const crossSheetValidation: Feature = (pkg) => {
  pkg.theme.exts.push(
    `<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="${NS.x14}"><x14:dataValidations count="1" xmlns:xm="${NS.xm}">` +
      `<x14:dataValidation type="list" errorStyle="warning" allowBlank="1" showInputMessage="1" showErrorMessage="1" ` +
      `errorTitle="Lead partner" error="Choose a partner from the Notes sheet." xr:uid="${guid('dv')}">` +
      '<x14:formula1><xm:f>Notes!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>D3:D7</xm:sqref></x14:dataValidation>' +
      '</x14:dataValidations></ext>',
  );
};

const boardConditionalFormatting: Feature = (pkg) => {
  pkg.theme.add(
    'conditionalFormatting',
    '<conditionalFormatting sqref="F3:F7"><cfRule type="containsText" dxfId="0" priority="2" operator="containsText" text="paused">' +
      '<formula>NOT(ISERROR(SEARCH("paused",F3)))</formula></cfRule></conditionalFormatting>',
  );
  pkg.theme.add(
    'conditionalFormatting',
    '<conditionalFormatting sqref="I10:I12"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan">' +
      '<formula>1</formula></cfRule></conditionalFormatting>',
  );
};

const sensitivityLabel: Feature = (pkg) => {
  pkg.part(
    'docMetadata/LabelInfo.xml',
    `${DECL}<clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata">` +
      `<clbl:label id="${guid('label', true)}" enabled="1" method="Privileged" siteId="${guid('tenant', true)}" contentBits="0" removed="0"/>` +
      '</clbl:labelList>',
    CT.label,
  );
  pkg.rel('', REL.label, 'docMetadata/LabelInfo.xml');
};

const customProperties: Feature = (pkg) => {
  const fmtid = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';
  pkg.part(
    'docProps/custom.xml',
    `${DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="${NS.vt}">` +
      `<property fmtid="${fmtid}" pid="2" name="ContentTypeId"><vt:lpwstr>0x010100A1B2C3D4E5F60718293A4B5C6D7E8F90</vt:lpwstr></property>` +
      `<property fmtid="${fmtid}" pid="3" name="Board meeting"><vt:filetime>2026-12-03T00:00:00Z</vt:filetime></property>` +
      `<property fmtid="${fmtid}" pid="4" name="Quarter"><vt:lpwstr>Q2 2026/27</vt:lpwstr></property>` +
      `<property fmtid="${fmtid}" pid="5" name="Version"><vt:i4>7</vt:i4></property></Properties>`,
    CT.custom,
  );
  pkg.rel('', REL.custom, 'docProps/custom.xml');
};

const addIn: Feature = (pkg) => {
  pkg.part(
    'xl/webextensions/webextension1.xml',
    `${DECL}<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="${guid('webext')}">` +
      '<we:reference id="wa200005502" version="1.4.0.0" store="en-GB" storeType="OMEX"/><we:alternateReferences>' +
      '<we:reference id="WA200005502" version="1.4.0.0" store="omex" storeType="OMEX"/></we:alternateReferences>' +
      '<we:properties><we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/>' +
      '<we:property name="boardId" value="&quot;reducing-offending&quot;"/></we:properties>' +
      `<we:bindings/><we:snapshot xmlns:r="${NS.r}"/></we:webextension>`,
    CT.webextension,
  );
  const rid = pkg.rel('xl/webextensions/taskpanes.xml', REL.webextension, 'webextension1.xml');
  pkg.part(
    'xl/webextensions/taskpanes.xml',
    `${DECL}<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">` +
      '<wetp:taskpane dockstate="right" visibility="1" width="350" row="4">' +
      `<wetp:webextensionref xmlns:r="${NS.r}" r:id="${rid}"/></wetp:taskpane></wetp:taskpanes>`,
    CT.taskpanes,
  );
  pkg.rel('', REL.taskpanes, 'xl/webextensions/taskpanes.xml');
};

const externalLink: Feature = (pkg) => {
  const part = 'xl/externalLinks/externalLink1.xml';
  const pathRid = pkg.rel(
    part,
    REL.externalLinkPath,
    'https://county.sharepoint.com/sites/finance/Shared%20Documents/Budget%202026-27.xlsx',
    true,
  );
  pkg.part(
    part,
    `${DECL}<externalLink xmlns="${NS.main}" xmlns:r="${NS.r}" xmlns:mc="${NS.mc}" mc:Ignorable="x14" xmlns:x14="${NS.x14}">` +
      `<externalBook r:id="${pathRid}"><sheetNames><sheetName val="Budget"/></sheetNames><sheetDataSet>` +
      '<sheetData sheetId="0"><row r="2"><cell r="B2"><v>125000</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>',
    CT.externalLink,
  );
  const rid = pkg.rel('xl/workbook.xml', REL.externalLink, 'externalLinks/externalLink1.xml');
  pkg.externalReferences.push(`<externalReference r:id="${rid}"/>`);
  pkg.s(pkg.notes, 'A12', 'Budget for diversion (from the finance workbook)');
  pkg.notes.cell('B12', '<c r="B12"><f>[1]Budget!$B$2</f><v>125000</v></c>');
  pkg.notes.formulas.push('B12');
};

const definedNames: Feature = (pkg) => {
  pkg.definedNames.push(
    `<definedName name="_xlnm.Print_Area" localSheetId="0">${esc(THEME_REF)}!$A$1:$F$7</definedName>`,
    '<definedName name="BoardName">"Reducing Offending Board"</definedName>',
    '<definedName name="Partners" localSheetId="1">Notes!$A$1:$A$3</definedName>',
    `<definedName name="RedCount">COUNTIF(${esc(THEME_REF)}!$E$3:$E$7,"R")</definedName>`,
  );
};

const protection: Feature = (pkg) => {
  const { sheet, book } = hashes();
  pkg.notes.set(
    'sheetProtection',
    `<sheetProtection algorithmName="SHA-512" hashValue="${sheet.hash}" saltValue="${sheet.salt}" spinCount="${sheet.spinCount}" ` +
      'sheet="1" objects="1" scenarios="1"/>',
  );
  pkg.workbookProtection =
    `<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="${book.hash}" workbookSaltValue="${book.salt}" ` +
    `workbookSpinCount="${book.spinCount}" lockStructure="0"/>`;
};

/** A DEVMODEW as Windows printer drivers write it, then driver-private bytes. */
function devmode(): Uint8Array {
  const extra = 1200;
  const out = Buffer.alloc(220 + extra);
  out.write('Board Room MFP (PCL6)', 0, 'utf16le'); // dmDeviceName[32]
  out.writeUInt16LE(0x0401, 64); // dmSpecVersion
  out.writeUInt16LE(0x0603, 66); // dmDriverVersion
  out.writeUInt16LE(220, 68); // dmSize
  out.writeUInt16LE(extra, 70); // dmDriverExtra
  out.writeUInt32LE(0x0001ff03, 72); // dmFields
  out.writeInt16LE(2, 76); // dmOrientation: landscape
  out.writeInt16LE(9, 78); // dmPaperSize: A4
  out.writeInt16LE(1, 86); // dmCopies
  out.writeInt16LE(600, 90); // dmPrintQuality
  out.write('A4', 102, 'utf16le'); // dmFormName[32]
  Buffer.from(bytesFrom('devmode-extra', extra)).copy(out, 220);
  return new Uint8Array(out);
}

const printerSettings: Feature = (pkg) => {
  pkg.defaults.set('bin', CT.printerSettings);
  pkg.parts.set('xl/printerSettings/printerSettings1.bin', devmode());
  const rid = pkg.rel(THEME_SHEET.part, REL.printerSettings, '../printerSettings/printerSettings1.bin');
  pkg.theme.pageSetupAttrs += ` r:id="${rid}"`;
  pkg.theme.set('rowBreaks', '<rowBreaks count="1" manualBreakCount="1"><brk id="5" max="16383" man="1"/></rowBreaks>');
};

const dataConnections: Feature = (pkg) => {
  pkg.part(
    'xl/connections.xml',
    `${DECL}<connections xmlns="${NS.main}"><connection id="1" keepAlive="1" name="Query - Partner returns" ` +
      'description="Connection to the \'Partner returns\' query in the workbook." type="5" refreshedVersion="8" background="1">' +
      '<dbPr connection="Provider=Microsoft.Mashup.OleDb.1;Data Source=$Workbook$;Location=&quot;Partner returns&quot;;Extended Properties=&quot;&quot;" ' +
      'command="SELECT * FROM [Partner returns]"/></connection></connections>',
    CT.connections,
  );
  pkg.rel('xl/workbook.xml', REL.connections, 'connections.xml');
};

const manualCalculation: Feature = (pkg) => {
  pkg.calcPrAttrs = ' calcId="191029" calcMode="manual" calcOnSave="0"';
};

const dynamicArray: Feature = (pkg) => {
  pkg.part(
    'xl/metadata.xml',
    `${DECL}<metadata xmlns="${NS.main}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">` +
      '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" ' +
      'merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>' +
      '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}">' +
      '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>' +
      '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>',
    CT.sheetMetadata,
  );
  pkg.rel('xl/workbook.xml', REL.sheetMetadata, 'metadata.xml');
  const ws = pkg.theme;
  pkg.s(ws, 'H16', 'Leads');
  ws.cell(
    'H17',
    '<c r="H17" t="str" cm="1"><f t="array" ref="H17:H20">_xlfn._xlws.SORT(_xlfn.UNIQUE(D3:D7))</f><v>County Council</v></c>',
  );
  ws.formulas.push('H17');
  ['Health', 'Police', 'Youth Offending Team'].forEach((v, i) =>
    ws.cell(`H${18 + i}`, `<c r="H${18 + i}" t="str"><v>${esc(v)}</v></c>`),
  );
};

/** A compound-file header (as every vbaProject.bin starts), then fixed pseudo-random sectors. */
function vbaProject(): Uint8Array {
  const out = new Uint8Array(7680);
  out.set(bytesFrom('vbaProject', out.length));
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  return out;
}

const macros: Feature = (pkg) => {
  pkg.macro = true;
  pkg.part('xl/vbaProject.bin', vbaProject(), CT.vbaProject);
  pkg.rel('xl/workbook.xml', REL.vbaProject, 'vbaProject.bin');
  pkg.workbookPrAttrs = ' codeName="ThisWorkbook" defaultThemeVersion="202300"';
  pkg.theme.sheetPrAttrs = ' codeName="Sheet1"';
  pkg.notes.sheetPrAttrs = ' codeName="Sheet2"';
};

const table: Feature = (pkg) => {
  const ws = pkg.notes;
  const heads = ['Date', 'Meeting', 'Decision'];
  heads.forEach((h, i) => pkg.s(ws, `${'ABC'[i]}7`, h));
  const rows: [number, string, string][] = [
    [46091, 'Board (March)', 'Adopt the refreshed plan'],
    [46182, 'Board (June)', 'Add the diversion priority'],
    [46273, 'Board (September)', 'Ask Early Help for a recovery plan'],
  ];
  rows.forEach(([date, meeting, decision], i) => {
    const r = 8 + i;
    ws.cell(`A${r}`, `<c r="A${r}" s="${STYLE.date}"><v>${date}</v></c>`);
    pkg.s(ws, `B${r}`, meeting);
    pkg.s(ws, `C${r}`, decision);
  });
  pkg.part(
    'xl/tables/table1.xml',
    `${DECL}<table xmlns="${NS.main}" xmlns:mc="${NS.mc}" mc:Ignorable="xr xr3" xmlns:xr="${NS.xr}" xmlns:xr3="${NS.xr3}" ` +
      `id="1" xr:uid="${guid('table')}" name="Meetings" displayName="Meetings" ref="A7:C10" totalsRowShown="0">` +
      `<autoFilter ref="A7:C10" xr:uid="${guid('table-filter')}"/><tableColumns count="3">` +
      heads.map((h, i) => `<tableColumn id="${i + 1}" xr3:uid="${guid(`table-col-${i}`)}" name="${h}"/>`).join('') +
      '</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>' +
      '</table>',
    CT.table,
  );
  const rid = pkg.rel(NOTES_SHEET.part, REL.table, '../tables/table1.xml');
  ws.set('tableParts', `<tableParts count="1"><tablePart r:id="${rid}"/></tableParts>`);
};

const pivotTable: Feature = (pkg) => {
  const leads = ['Youth Offending Team', 'Police', 'County Council', 'Health'];
  const rags = ['G', THEME_SHEET.fixFrom, 'R', 'G', 'A'];
  const fields = ['Ref', 'Priority', 'Actions', 'Lead', 'RAG', 'Evidence / Progress update'];
  const cacheFields = fields
    .map((f, i) => {
      const items =
        i === 3
          ? `<sharedItems count="${leads.length}">${leads.map((l) => `<s v="${esc(l)}"/>`).join('')}</sharedItems>`
          : i === 0 || i === 1 || i === 5
            ? '<sharedItems containsBlank="1"/>'
            : '<sharedItems/>';
      return `<cacheField name="${esc(f)}" numFmtId="0">${items}</cacheField>`;
    })
    .join('');
  const records = ACTIONS.map((row, r) => {
    const values = row.map((v, i) => {
      if (i === 3) return `<x v="${leads.indexOf(v)}"/>`;
      if (i === 4) return `<s v="${esc(rags[r])}"/>`;
      return v === '' ? '<m/>' : `<s v="${esc(v)}"/>`;
    });
    return `<r>${values.join('')}</r>`;
  }).join('');
  pkg.part(
    'xl/pivotCache/pivotCacheRecords1.xml',
    `${DECL}<pivotCacheRecords xmlns="${NS.main}" xmlns:r="${NS.r}" count="${ACTIONS.length}">${records}</pivotCacheRecords>`,
    CT.pivotCacheRecords,
  );
  const defPart = 'xl/pivotCache/pivotCacheDefinition1.xml';
  const recRid = pkg.rel(defPart, REL.pivotCacheRecords, 'pivotCacheRecords1.xml');
  pkg.part(
    defPart,
    `${DECL}<pivotCacheDefinition xmlns="${NS.main}" xmlns:r="${NS.r}" r:id="${recRid}" refreshedBy="Board Secretary" ` +
      `refreshedDate="46309.6630787037" createdVersion="8" refreshedVersion="8" minRefreshableVersion="3" recordCount="${ACTIONS.length}">` +
      `<cacheSource type="worksheet"><worksheetSource ref="A2:F7" sheet="${esc(THEME_SHEET.name)}"/></cacheSource>` +
      `<cacheFields count="${fields.length}">${cacheFields}</cacheFields></pivotCacheDefinition>`,
    CT.pivotCacheDefinition,
  );
  const cacheRid = pkg.rel('xl/workbook.xml', REL.pivotCacheDefinition, 'pivotCache/pivotCacheDefinition1.xml');
  pkg.pivotCaches.push(`<pivotCache cacheId="7" r:id="${cacheRid}"/>`);
  // The pivot table on Notes: count of RAG by lead, leads sorted as Excel shows them.
  const order = [2, 3, 1, 0]; // County Council, Health, Police, Youth Offending Team
  const counts = [1, 1, 2, 1];
  const tablePart = 'xl/pivotTables/pivotTable1.xml';
  pkg.rel(tablePart, REL.pivotCacheDefinition, '../pivotCache/pivotCacheDefinition1.xml');
  const pivotFields = fields
    .map((_, i) =>
      i === 3
        ? `<pivotField axis="axisRow" showAll="0"><items count="${leads.length + 1}">${order.map((x) => `<item x="${x}"/>`).join('')}<item t="default"/></items></pivotField>`
        : i === 4
          ? '<pivotField dataField="1" showAll="0"/>'
          : '<pivotField showAll="0"/>',
    )
    .join('');
  pkg.part(
    tablePart,
    `${DECL}<pivotTableDefinition xmlns="${NS.main}" name="PivotTable1" cacheId="7" applyNumberFormats="0" applyBorderFormats="0" ` +
      'applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Values" ' +
      'updatedVersion="8" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="8" indent="0" ' +
      'outline="1" outlineData="1" multipleFieldFilters="0">' +
      '<location ref="E2:F7" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/>' +
      `<pivotFields count="${fields.length}">${pivotFields}</pivotFields>` +
      '<rowFields count="1"><field x="3"/></rowFields>' +
      '<rowItems count="5"><i><x/></i><i><x v="1"/></i><i><x v="2"/></i><i><x v="3"/></i><i t="grand"><x/></i></rowItems>' +
      '<colItems count="1"><i/></colItems>' +
      '<dataFields count="1"><dataField name="Count of RAG" fld="4" subtotal="count" baseField="0" baseItem="0"/></dataFields>' +
      '<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/>' +
      '</pivotTableDefinition>',
    CT.pivotTable,
  );
  pkg.rel(NOTES_SHEET.part, REL.pivotTable, '../pivotTables/pivotTable1.xml');
  // The cells Excel renders for the pivot table.
  const ws = pkg.notes;
  pkg.s(ws, 'E2', 'Row Labels');
  pkg.s(ws, 'F2', 'Count of RAG');
  order.forEach((x, i) => {
    pkg.s(ws, `E${3 + i}`, leads[x]);
    ws.cell(`F${3 + i}`, `<c r="F${3 + i}"><v>${counts[i]}</v></c>`);
  });
  pkg.s(ws, 'E7', 'Grand Total');
  ws.cell('F7', `<c r="F7"><v>${ACTIONS.length}</v></c>`);
};

const customXml: Feature = (pkg) => {
  const id = guid('customxml');
  pkg.parts.set(
    'customXml/item1.xml',
    '<?xml version="1.0"?>\r\n<p:properties xmlns:p="http://schemas.microsoft.com/office/2006/metadata/properties" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:pc="http://schemas.microsoft.com/office/infopath/2007/PartnerControls">' +
      '<documentManagement><BoardTheme xmlns="http://schemas.example.org/board">Prevention</BoardTheme>' +
      '<TaxCatchAll xmlns="http://schemas.example.org/board"/></documentManagement></p:properties>',
  );
  pkg.part(
    'customXml/itemProps1.xml',
    `${DECL}<ds:datastoreItem ds:itemID="${id}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">` +
      '<ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.microsoft.com/office/2006/metadata/properties"/>' +
      '<ds:schemaRef ds:uri="http://schemas.microsoft.com/office/infopath/2007/PartnerControls"/>' +
      '<ds:schemaRef ds:uri="http://schemas.example.org/board"/></ds:schemaRefs></ds:datastoreItem>',
    CT.customXmlProps,
  );
  pkg.rel('customXml/item1.xml', REL.customXmlProps, 'itemProps1.xml');
  pkg.rel('xl/workbook.xml', REL.customXml, '../customXml/item1.xml');
};

const isoDate: Feature = (pkg) => {
  pkg.s(pkg.theme, 'H14', 'Last reviewed');
  pkg.theme.cell('I14', `<c r="I14" s="${STYLE.date}" t="d"><v>2019-07-01T00:00:00</v></c>`);
};

const richInlineString: Feature = (pkg) => {
  const rPr = (extra: string) =>
    `<rPr>${extra}<sz val="11"/><color theme="1"/><rFont val="Calibri"/><family val="2"/><scheme val="minor"/></rPr>`;
  const [first, ...rest] = C6_TEXT.split(' in ');
  pkg.theme.cell(
    'C6',
    `<c r="C6" s="${STYLE.body}" t="inlineStr"><is><r>${rPr('<b/>')}<t xml:space="preserve">${esc(first)} </t></r>` +
      `<r>${rPr('<i/>')}<t>${esc(`in ${rest.join(' in ')}`)}</t></r></is></c>`,
  );
};

const workbookExtLst: Feature = (pkg) => {
  pkg.workbookExt =
    '<extLst>' +
    `<ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" xmlns:x15="${NS.x15}"><x15:workbookPr chartTrackingRefBase="1"/></ext>` +
    '<ext uri="{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}" xmlns:xcalcf="http://schemas.microsoft.com/office/spreadsheetml/2018/calcfeatures">' +
    '<xcalcf:calcFeatures><xcalcf:feature name="microsoft.com:RD"/><xcalcf:feature name="microsoft.com:Single"/>' +
    '<xcalcf:feature name="microsoft.com:FV"/><xcalcf:feature name="microsoft.com:CNMTM"/>' +
    '<xcalcf:feature name="microsoft.com:LET_WF"/><xcalcf:feature name="microsoft.com:LAMBDA_WF"/>' +
    '<xcalcf:feature name="microsoft.com:ARRAYTEXT_WF"/></xcalcf:calcFeatures></ext></extLst>';
};

const FEATURES: Record<CorpusKind, Feature> = {
  chart,
  chartsheet,
  'pivot-table': pivotTable,
  'text-box': textBox,
  'legacy-comments': legacyComments,
  'threaded-comments': threadedComments,
  sparklines,
  'cross-sheet-validation': crossSheetValidation,
  'board-conditional-formatting': boardConditionalFormatting,
  'sensitivity-label': sensitivityLabel,
  'custom-properties': customProperties,
  'add-in': addIn,
  'external-link': externalLink,
  'defined-names': definedNames,
  protection,
  'printer-settings': printerSettings,
  'data-connections': dataConnections,
  'manual-calculation': manualCalculation,
  'dynamic-array': dynamicArray,
  macros,
  table,
  'custom-xml': customXml,
  'iso-date': isoDate,
  'rich-inline-string': richInlineString,
  'workbook-extlst': workbookExtLst,
};

// ---------------------------------------------------------------------------
// Finishing: drawings, comments, workbook, content types, zip

function finishDrawing(pkg: Package): void {
  if (pkg.themeAnchors.length === 0) return;
  pkg.part(THEME_DRAWING, drawingXml(pkg.themeAnchors.join('')), CT.drawing);
  const rid = pkg.rel(THEME_SHEET.part, REL.drawing, '../drawings/drawing1.xml');
  pkg.theme.set('drawing', `<drawing r:id="${rid}"/>`);
}

const THREADED_PLACEHOLDER =
  '[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to it will get ' +
  'removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    ';

function finishComments(pkg: Package): void {
  if (pkg.comments.length === 0) return;
  const comments = [...pkg.comments].sort((a, b) => splitRef(a.ref).row - splitRef(b.ref).row);
  const people = new Map<string, string>();
  const threadIds = new Map<string, string>();
  const authors: string[] = [];
  const list = comments.map((c) => {
    let author = c.author;
    let text = c.text;
    let uid = '';
    if (c.thread) {
      const id = guid(`thread-${c.ref}`);
      threadIds.set(c.ref, id);
      author = `tc=${id}`;
      text = THREADED_PLACEHOLDER + c.thread.map((t, i) => (i === 0 ? t.text : `Reply:\n    ${t.text}`)).join('\n');
      uid = ` xr:uid="${id}"`;
      for (const t of c.thread) if (!people.has(t.person)) people.set(t.person, guid(`person-${t.person}`));
    }
    if (!authors.includes(author)) authors.push(author);
    return `<comment ref="${c.ref}" authorId="${authors.indexOf(author)}" shapeId="0"${uid}><text>${
      c.thread
        ? `${tText(text)}`
        : `<r><rPr><b/><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr>${tText(`${author}:`)}</r><r><rPr><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr>${tText(`\n${text}`)}</r>`
    }</text></comment>`;
  });
  pkg.part(
    'xl/comments1.xml',
    `${DECL}<comments xmlns="${NS.main}" xmlns:mc="${NS.mc}" mc:Ignorable="xr" xmlns:xr="${NS.xr}">` +
      `<authors>${authors.map((a) => `<author>${esc(a)}</author>`).join('')}</authors>` +
      `<commentList>${list.join('')}</commentList></comments>`,
    CT.comments,
  );
  // The legacy drawing that shows each note.
  const shapes = comments
    .map((c, i) => {
      const { col, row } = splitRef(c.ref);
      const x = colNumber(col) - 1;
      return (
        `<v:shape id="_x0000_s${1025 + i}" type="#_x0000_t202" style='position:absolute;margin-left:420pt;margin-top:${20 + 40 * i}pt;` +
        `width:108pt;height:59.25pt;z-index:${i + 1};visibility:hidden' fillcolor="infoBackground [80]" o:insetmode="auto">` +
        '<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/>' +
        "<v:textbox style='mso-direction-alt:auto'><div style='text-align:left'></div></v:textbox>" +
        '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>' +
        `<x:Anchor>${x + 1}, 15, ${row - 2}, 10, ${x + 3}, 15, ${row + 2}, 4</x:Anchor><x:AutoFill>False</x:AutoFill>` +
        `<x:Row>${row - 1}</x:Row><x:Column>${x}</x:Column></x:ClientData></v:shape>`
      );
    })
    .join('');
  pkg.defaults.set('vml', CT.vml);
  pkg.parts.set(
    'xl/drawings/vmlDrawing1.vml',
    '<xml xmlns:v="urn:schemas-microsoft-com:vml"\r\n xmlns:o="urn:schemas-microsoft-com:office:office"\r\n' +
      ' xmlns:x="urn:schemas-microsoft-com:office:excel">\r\n <o:shapelayout v:ext="edit">\r\n  <o:idmap v:ext="edit" data="1"/>\r\n' +
      ' </o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"\r\n  path="m,l,21600r21600,l21600,xe">\r\n' +
      '  <v:stroke joinstyle="miter"/>\r\n  <v:path gradientshapeok="t" o:connecttype="rect"/>\r\n </v:shapetype>' +
      `${shapes}</xml>`,
  );
  const vmlRid = pkg.rel(THEME_SHEET.part, REL.vmlDrawing, '../drawings/vmlDrawing1.vml');
  pkg.rel(THEME_SHEET.part, REL.comments, '../comments1.xml');
  pkg.theme.set('legacyDrawing', `<legacyDrawing r:id="${vmlRid}"/>`);
  if (people.size === 0) return;
  // Threaded comments and the people who wrote them.
  const threads = comments
    .filter((c) => c.thread)
    .flatMap((c) => {
      const parent = threadIds.get(c.ref) as string;
      return (c.thread ?? []).map((t, i) => {
        const id = i === 0 ? parent : guid(`reply-${c.ref}-${i}`);
        const parentAttr = i === 0 ? '' : ` parentId="${parent}"`;
        return `<threadedComment ref="${c.ref}" dT="${t.at}" personId="${people.get(t.person)}" id="${id}"${parentAttr}><text>${esc(t.text)}</text></threadedComment>`;
      });
    })
    .join('');
  const TC_NS = 'http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments';
  pkg.part(
    'xl/threadedComments/threadedComment1.xml',
    `${DECL}<ThreadedComments xmlns="${TC_NS}" xmlns:x="${NS.main}">${threads}</ThreadedComments>`,
    CT.threadedComments,
  );
  pkg.rel(THEME_SHEET.part, REL.threadedComment, '../threadedComments/threadedComment1.xml');
  const persons = [...people.entries()]
    .map(
      ([name, id]) =>
        `<person displayName="${esc(name)}" id="${id}" userId="${esc(name.toLowerCase().replace(' ', '.'))}@county.example.gov.uk" providerId="AD"/>`,
    )
    .join('');
  pkg.part(
    'xl/persons/person.xml',
    `${DECL}<personList xmlns="${TC_NS}" xmlns:x="${NS.main}">${persons}</personList>`,
    CT.person,
  );
  pkg.rel('xl/workbook.xml', REL.person, 'persons/person.xml');
}

function appXml(pkg: Package): string {
  const worksheets = pkg.sheets.filter((s) => !pkg.appCharts.includes(s.name)).map((s) => s.name);
  const ranges = pkg.definedNames.length > 0 ? [`${THEME_REF}!Print_Area`, 'Notes!Partners'] : [];
  const pairs: [string, string[]][] = [['Worksheets', worksheets]];
  if (pkg.appCharts.length > 0) pairs.push(['Charts', pkg.appCharts]);
  if (ranges.length > 0) pairs.push(['Named Ranges', ranges]);
  const titles = pairs.flatMap(([, names]) => names);
  return (
    `${DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="${NS.vt}">` +
    '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
    `<HeadingPairs><vt:vector size="${pairs.length * 2}" baseType="variant">` +
    pairs
      .map(
        ([heading, names]) =>
          `<vt:variant><vt:lpstr>${heading}</vt:lpstr></vt:variant><vt:variant><vt:i4>${names.length}</vt:i4></vt:variant>`,
      )
      .join('') +
    `</vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="${titles.length}" baseType="lpstr">` +
    titles.map((t) => `<vt:lpstr>${esc(t)}</vt:lpstr>`).join('') +
    '</vt:vector></TitlesOfParts><Company>County Council</Company><LinksUpToDate>false</LinksUpToDate>' +
    '<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>'
  );
}

function workbookXml(pkg: Package): string {
  const sheets = pkg.sheets
    .map((s) => `<sheet name="${esc(s.name)}" sheetId="${s.sheetId}" r:id="${s.relId}"/>`)
    .join('');
  return (
    `${DECL}<workbook xmlns="${NS.main}" xmlns:r="${NS.r}" xmlns:mc="${NS.mc}" mc:Ignorable="x15 xr xr6 xr10 xr2" ` +
    `xmlns:x15="${NS.x15}" xmlns:xr="${NS.xr}" xmlns:xr6="${NS.xr6}" xmlns:xr10="${NS.xr10}" xmlns:xr2="${NS.xr2}">` +
    '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="28526"/>' +
    `<workbookPr${pkg.workbookPrAttrs}/>` +
    `<mc:AlternateContent xmlns:mc="${NS.mc}"><mc:Choice Requires="x15">` +
    '<x15ac:absPath url="C:\\Users\\secretary\\Board\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/>' +
    '</mc:Choice></mc:AlternateContent>' +
    `<xr:revisionPtr revIDLastSave="0" documentId="8_{${guid('document').slice(1)}" xr6:coauthVersionLast="47" ` +
    'xr6:coauthVersionMax="47" xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>' +
    pkg.workbookProtection +
    `<bookViews><workbookView xWindow="-110" yWindow="-110" windowWidth="25820" windowHeight="15500" xr2:uid="${guid('view')}"/></bookViews>` +
    `<sheets>${sheets}</sheets>` +
    (pkg.externalReferences.length > 0
      ? `<externalReferences>${pkg.externalReferences.join('')}</externalReferences>`
      : '') +
    (pkg.definedNames.length > 0 ? `<definedNames>${pkg.definedNames.join('')}</definedNames>` : '') +
    `<calcPr${pkg.calcPrAttrs}/>` +
    (pkg.pivotCaches.length > 0 ? `<pivotCaches>${pkg.pivotCaches.join('')}</pivotCaches>` : '') +
    pkg.workbookExt +
    '</workbook>'
  );
}

function contentTypesXml(pkg: Package): string {
  const defaults = [...pkg.defaults.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([ext, ct]) => `<Default Extension="${ext}" ContentType="${ct}"/>`)
    .join('');
  const overrides = [...pkg.overrides.entries()]
    .map(([name, ct]) => `<Override PartName="${name}" ContentType="${ct}"/>`)
    .join('');
  return `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${defaults}${overrides}</Types>`;
}

function build(kinds: CorpusKind[]): Package {
  const pkg = new Package();
  pkg.rel('', REL.officeDocument, 'xl/workbook.xml');
  pkg.rel('', REL.core, 'docProps/core.xml');
  pkg.rel('', REL.app, 'docProps/app.xml');
  const wb = 'xl/workbook.xml';
  pkg.sheets.push({ name: THEME_SHEET.name, sheetId: 1, relId: pkg.rel(wb, REL.worksheet, 'worksheets/sheet1.xml') });
  pkg.sheets.push({ name: NOTES_SHEET.name, sheetId: 2, relId: pkg.rel(wb, REL.worksheet, 'worksheets/sheet2.xml') });
  baseTheme(pkg);
  baseNotes(pkg);
  for (const kind of CORPUS_KINDS) if (kinds.includes(kind)) FEATURES[kind](pkg);
  finishDrawing(pkg);
  finishComments(pkg);
  pkg.rel(wb, REL.theme, 'theme/theme1.xml');
  pkg.rel(wb, REL.styles, 'styles.xml');
  pkg.rel(wb, REL.sharedStrings, 'sharedStrings.xml');
  pkg.rel(wb, REL.calcChain, 'calcChain.xml');
  // The calculation chain lists every formula cell, by sheet id.
  const chain = [
    ...pkg.theme.formulas.map((ref, i) => `<c r="${ref}"${i === 0 ? ' i="1"' : ''}/>`),
    ...pkg.notes.formulas.map((ref, i) => `<c r="${ref}"${i === 0 ? ' i="2"' : ''}/>`),
  ];
  const featureParts = new Map(pkg.parts);
  pkg.parts.clear();
  // Written last (content types and package rels aside) but listed first, as Excel orders a package.
  const main = new Map<string, [string, string]>([
    [wb, [workbookXml(pkg), pkg.macro ? CT.workbookMacro : CT.workbook]],
    [THEME_SHEET.part, [pkg.theme.xml(), CT.worksheet]],
    [NOTES_SHEET.part, [pkg.notes.xml(), CT.worksheet]],
    ['xl/theme/theme1.xml', [themeXml(), CT.theme]],
    ['xl/styles.xml', [STYLES_XML, CT.styles]],
    ['xl/sharedStrings.xml', [pkg.sst.xml(), CT.sharedStrings]],
    ['xl/calcChain.xml', [`${DECL}<calcChain xmlns="${NS.main}">${chain.join('')}</calcChain>`, CT.calcChain]],
    ['docProps/core.xml', [CORE_XML, CT.core]],
    ['docProps/app.xml', [appXml(pkg), CT.app]],
  ]);
  const overrides = new Map<string, string>();
  for (const [name, [, ct]] of main) overrides.set(`/${name}`, ct);
  for (const [name, ct] of pkg.overrides) overrides.set(name, ct);
  pkg.overrides.clear();
  for (const [name, ct] of overrides) pkg.overrides.set(name, ct);

  pkg.parts.set('[Content_Types].xml', contentTypesXml(pkg));
  pkg.parts.set('_rels/.rels', relsXml(pkg.rels.get('') ?? []));
  for (const [name, [xml]] of main) pkg.parts.set(name, xml);
  for (const [name, content] of featureParts) pkg.parts.set(name, content);
  for (const [source, rels] of pkg.rels) if (source !== '') pkg.parts.set(relsPath(source), relsXml(rels));
  return pkg;
}

/** Zips the parts, deflated, with one fixed time stamp (a reproducible file). */
function zip(pkg: Package): Uint8Array {
  const mtime = new Date(Date.UTC(2026, 9, 14, 15, 40, 20));
  const files: Zippable = {};
  for (const [name, content] of pkg.parts)
    files[name] = [typeof content === 'string' ? strToU8(content) : content, { level: 6, mtime }];
  return zipSync(files);
}

function workbook(name: string, kinds: CorpusKind[]): CorpusWorkbook {
  return { name, kinds: [...kinds], bytes: zip(build(kinds)) };
}

/** The file name a corpus workbook is written under: .xlsm when it holds macros, else .xlsx. */
export function corpusFileName(w: CorpusWorkbook): string {
  return `${w.name}${w.kinds.includes('macros') ? '.xlsm' : '.xlsx'}`;
}

let cached: CorpusWorkbook[] | undefined;

/** The corpus: "base", one workbook per kind (named after it), and "everything". */
export function corpusWorkbooks(): CorpusWorkbook[] {
  cached ??= [
    workbook('base', []),
    ...CORPUS_KINDS.map((kind) => workbook(kind, [kind])),
    workbook('everything', [...CORPUS_KINDS]),
  ];
  return cached.map((w) => ({ ...w, kinds: [...w.kinds] }));
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? path.join('out', 'corpus'));
  mkdirSync(dir, { recursive: true });
  for (const w of corpusWorkbooks()) {
    const file = path.join(dir, corpusFileName(w));
    writeFileSync(file, w.bytes);
    process.stdout.write(`${file}\n`);
  }
}
