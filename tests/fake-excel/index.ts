// An in-memory fake of the Excel JavaScript API subset Proforma uses, behaving
// like the real thing where it matters: queued operations run in order at
// sync(); properties are readable only after load() + sync(); collections have
// .items; *OrNullObject gives isNullObject; errors carry real codes
// (ItemNotFound, AccessDenied, InvalidOperation, PropertyNotLoaded, …); it
// counts syncs and payload bytes and refuses payloads over 5 MB like Excel on
// the web. Typed at its edges against @types/office-js. Where Excel differs by
// locale, platform or version (FakeExcelOptions), it behaves as reported for that
// Excel, each behaviour cited where it is modelled.

import { ValidationStore } from './validation';
import { FakeDocument, createWorkbook } from './document';
import { parseRangeAddress, rangeAddress } from '../../src/engine/snapshot';

export type FakeValueType = 'String' | 'Double' | 'Boolean' | 'Error' | 'Empty';

export interface FakeCell {
  value: string | number | boolean;
  type: FakeValueType;
  numberFormat: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  size?: number;
  align?: string;
  verticalAlign?: string;
  wrap?: boolean;
  /** Degrees the text is turned (RangeFormat.textOrientation). */
  textOrientation?: number;
  /** Border line style per side (Excel.BorderLineStyle, e.g. "Continuous"), where one is drawn. */
  borders?: Partial<Record<'top' | 'bottom' | 'left' | 'right', string>>;
  /** Cells are locked unless formatted otherwise: on a protected sheet only unlocked cells take values. */
  locked?: boolean;
}

export interface FakeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface FakeSheet {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  protected: boolean;
  cells: Map<string, FakeCell>;
  merges: FakeRange[];
  hiddenRows: Set<number>;
  columnWidths: Map<number, number>;
  /** Row heights in points, where set (other rows have the standard height). */
  rowHeights: Map<number, number>;
  pageLayout: FakePageSetup;
  /** Manual page breaks (Worksheet.horizontalPageBreaks): the rows (0-based) that start a new page, in order. */
  rowBreaks: number[];
  /** Conditional formats, highest priority first (their index is their priority). */
  rules: FakeRule[];
  /** Data validation, as rectangles of cells with their rule; a cell is reached as "row,col". */
  validation: ValidationStore<FakeValidation>;
}

/** Worksheet.pageLayout (ExcelApi 1.9), what the host sets of it. */
export interface FakePageSetup {
  orientation: 'Portrait' | 'Landscape';
  /** Either a scale or fit to pages: the other is null (docs-ref PageLayoutZoomOptions). */
  zoom: { scale: number | null; horizontalFitToPages: number | null; verticalFitToPages: number | null };
  /** The rows repeated at the top of each printed page, as an address ("$1:$6"), or null. */
  printTitleRows: string | null;
}

export interface FakeRule {
  type: 'Custom' | 'CellValue' | 'ColorScale';
  ranges: FakeRange[];
  /** As set, with "=", relative to `anchor` (the top-left of the range it was added to). */
  formula: string;
  anchor: { row: number; col: number };
  fill?: string;
  fontColor?: string;
}

export interface FakeValidation {
  /** "None" with a prompt: an input message on "any value" (Excel's Data Validation dialog, Input Message tab). */
  type: 'List' | 'WholeNumber' | 'Custom' | 'None';
  source: string;
  inCellDropDown: boolean;
  alert: { title: string; message: string; style: string; showAlert: boolean };
  prompt?: { title: string; message: string; showPrompt: boolean };
}

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/**
 * What Office.js sends for one queued action beyond its data: the action and the object paths
 * that lead to it (sheet, range, format, fill…). Measured with Microsoft's own client library
 * serialising the host's requests (`npm run bench`, lines "officejs-client"): about 550 bytes.
 */
export const ACTION_BYTES = 550;

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

const key = (r: number, c: number): string => `${r},${c}`;

function a1(range: FakeRange): string {
  return rangeAddress(range);
}

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function parseA1(address: string): FakeRange {
  // Whole rows ("1:2", "$1:$6"), as Worksheet.getRange takes them.
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(address.trim());
  if (rows) return { top: Number(rows[1]) - 1, left: 0, bottom: Number(rows[2]) - 1, right: 16_383 };
  try {
    return parseRangeAddress(address);
  } catch {
    throw new FakeOfficeError('InvalidArgument', `The argument is invalid or missing: ${address}`);
  }
}

export function newSheet(name: string): FakeSheet {
  return {
    name,
    visibility: 'Visible',
    protected: false,
    cells: new Map(),
    merges: [],
    hiddenRows: new Set(),
    columnWidths: new Map(),
    rowHeights: new Map(),
    pageLayout: {
      orientation: 'Portrait',
      zoom: { scale: 100, horizontalFitToPages: null, verticalFitToPages: null },
      printTitleRows: null,
    },
    rowBreaks: [],
    rules: [],
    validation: new ValidationStore<FakeValidation>(),
  };
}

/** The workbook's state, which tests arrange and assert on directly. */
export interface FakeName {
  name: string;
  /** As Office.js reports NamedItem.formula: with the leading "=". */
  formula: string;
  visible: boolean;
}

export class FakeWorkbookState {
  sheets: FakeSheet[] = [];
  /** Workbook-scoped defined names. */
  names: FakeName[] = [];
  structureProtected = false;
  activeSheet = '';
  selection: { sheet: string; address: string } | null = null;
  /** A cell is being edited: requests fail with InvalidOperation unless delayForCellEdit waits. */
  editing = false;
  /** Every sync hangs forever (to test time-outs). */
  hang = false;
  /** Each sync waits this long before Excel runs it: a slow Excel that answers late, after a time-out. */
  delayMs = 0;
  /**
   * Workbook.isDirty (ExcelApi 1.9, docs-ref excel.workbook.yml): "Specifies if changes have been
   * made since the workbook was last saved." Set by every sync that changes something.
   */
  dirty = false;

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** Sets a cell as a user would type it (strings that look like numbers stay strings here). */
  set(
    sheetName: string,
    address: string,
    value: string | number | boolean | null,
    extra: Partial<FakeCell> = {},
  ): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    const { top, left } = parseA1(address);
    if (value === null || value === '') {
      sheet.cells.delete(key(top, left));
      return;
    }
    const type: FakeValueType =
      typeof value === 'number' ? 'Double' : typeof value === 'boolean' ? 'Boolean' : 'String';
    sheet.cells.set(key(top, left), { value, type, numberFormat: 'General', ...extra });
  }

  value(sheetName: string, address: string): string | number | boolean {
    const { top, left } = parseA1(address);
    return this.sheet(sheetName)?.cells.get(key(top, left))?.value ?? '';
  }

  cell(sheetName: string, address: string): FakeCell | undefined {
    const { top, left } = parseA1(address);
    return this.sheet(sheetName)?.cells.get(key(top, left));
  }
}

export interface FakeStats {
  syncs: number;
  requestBytes: number;
  responseBytes: number;
  /** Largest single request / response, to compare with Excel on the web's 5 MB. */
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** Responses refused for passing the 5 MB limit (not counted in the sizes above). */
  refusedResponses: number;
  /** Calls that cleared the user's undo stack (getMergedAreasOrNullObject: office-js#5918). */
  undoStackCleared: number;
  /** Runs Excel refused for their options (FakeExcelOptions.refusesUndoGroupWithDelay). */
  refusedRuns: number;
  runs: Array<Record<string, unknown>>;
}

type Op = () => unknown;

/** One Excel.run's request context: a queue of operations flushed by sync(). */
export class FakeRequestContext {
  readonly workbook: FakeWorkbookProxy;
  private queue: Array<{ op: Op; bytes: number; write: boolean }> = [];

  constructor(
    readonly state: FakeWorkbookState,
    readonly stats: FakeStats,
    /** The run merges its edits into one undo group (RunOptions.mergeUndoGroup, ExcelApi 1.20). */
    readonly undoGroup = false,
    readonly platform: 'web' | 'desktop' = 'desktop',
    /** The requirement sets the Excel claims (FakeExcel.isSetSupported). */
    readonly supports: (name: string, version: string) => boolean = () => true,
    /** The regional list separator getRanges takes between areas. */
    readonly listSeparator: ',' | ';' = ',',
    /** Fails the run's first sync, before anything is applied (see FakeExcelOptions.refusesUndoGroupWithDelay). */
    private refusal: FakeOfficeError | null = null,
  ) {
    this.workbook = new FakeWorkbookProxy(this);
  }

  /**
   * Inside an undo group Excel throws UndoNotSupported for APIs it cannot undo
   * (docs: excel-add-ins-undo-capabilities.md, "Unsupported APIs" and "Undo
   * grouping"): Worksheet.delete on every platform; setting Worksheet.name,
   * position or visibility on Windows and Mac. Earlier edits of the batch stay.
   */
  undoable(api: 'delete' | 'name' | 'position' | 'visibility'): void {
    if (!this.undoGroup) return;
    if (api === 'delete' || this.platform === 'desktop')
      throw new FakeOfficeError(
        'UndoNotSupported',
        `The JavaScript API request failed due to lack of support for the undo operation (Worksheet.${api}).`,
      );
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Each queued action costs what Office.js sends for it: its object paths and action (ACTION_BYTES) plus its data. */
  enqueue(op: Op, request: unknown = null): void {
    // A request with data is a change (a load sends none): the workbook is then unsaved (isDirty).
    this.queue.push({
      op,
      bytes: ACTION_BYTES + (request === null ? 0 : JSON.stringify(request).length),
      write: request !== null,
    });
  }

  async sync(): Promise<void> {
    if (this.state.hang) return new Promise<void>(() => undefined);
    if (this.state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.state.delayMs));
    this.stats.syncs++;
    const queue = this.queue;
    this.queue = [];
    if (this.refusal) {
      // Nothing of this request is applied; every later sync of the run fails the same way.
      this.stats.refusedRuns++;
      throw this.refusal;
    }
    const requestBytes = queue.reduce((n, q) => n + q.bytes, 0);
    this.stats.requestBytes += requestBytes;
    this.stats.maxRequestBytes = Math.max(this.stats.maxRequestBytes, requestBytes);
    if (requestBytes > PAYLOAD_LIMIT)
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    let responseBytes = 0;
    // Like Excel, operations before a failing one stay applied: there is no rollback.
    for (const { op, write } of queue) {
      const result = op();
      if (write) this.state.dirty = true;
      if (result !== undefined) responseBytes += JSON.stringify(result).length;
    }
    if (responseBytes > PAYLOAD_LIMIT) {
      this.stats.refusedResponses++;
      throw new FakeOfficeError(
        'ResponsePayloadSizeLimitExceeded',
        'The response payload size has exceeded the limit.',
      );
    }
    this.stats.responseBytes += responseBytes;
    this.stats.maxResponseBytes = Math.max(this.stats.maxResponseBytes, responseBytes);
  }
}

/** Base of every proxy: load() queues a capture of the named properties at that point in the batch. */
abstract class Proxy {
  protected loaded = new Map<string, unknown>();
  constructor(protected readonly context: FakeRequestContext) {}

  /** Reads a property's current value from the state (for load captures). */
  protected abstract read(property: string): unknown;

  load(properties?: string | string[] | Record<string, unknown>): this {
    const list =
      typeof properties === 'string'
        ? properties.split(',')
        : Array.isArray(properties)
          ? properties
          : Object.keys(properties ?? {});
    const names = list.map((p) => p.trim()).filter(Boolean);
    this.context.enqueue(() => {
      const captured: Record<string, unknown> = {};
      for (const name of names) {
        const value = this.read(name);
        this.loaded.set(name, value);
        captured[name] = value;
      }
      return captured;
    });
    return this;
  }

  protected get<T>(property: string): T {
    if (!this.loaded.has(property))
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    return this.loaded.get(property) as T;
  }

  protected set(write: () => void, request: unknown): void {
    this.context.enqueue(write, request);
  }
}

class FakeWorkbookProxy extends Proxy {
  readonly worksheets: FakeWorksheetCollection;
  readonly protection: FakeWorkbookProtection;
  readonly names: FakeNamedItemCollection;
  constructor(context: FakeRequestContext) {
    super(context);
    this.worksheets = new FakeWorksheetCollection(context);
    this.protection = new FakeWorkbookProtection(context);
    this.names = new FakeNamedItemCollection(context);
  }
  /** Workbook.isDirty (ExcelApi 1.9). */
  get isDirty(): boolean {
    return this.get('isDirty');
  }
  protected read(property: string): unknown {
    if (property === 'isDirty') {
      if (!this.context.supports('ExcelApi', '1.9'))
        throw new FakeOfficeError('ApiNotFound', 'The API you are trying to use could not be found (ExcelApi 1.9).');
      return this.context.state.dirty;
    }
    return undefined;
  }
}

class FakeWorkbookProtection extends Proxy {
  get protected(): boolean {
    return this.get('protected');
  }
  protected read(property: string): unknown {
    if (property === 'protected') return this.context.state.structureProtected;
    throw new FakeOfficeError('InvalidArgument', `Unknown property ${property}`);
  }
}

interface ItemProxy {
  capture(props: string[]): void;
  captured(props: string[]): Record<string, unknown>;
}

/** A collection: load('items/…') captures each item's properties at that point in the batch. */
abstract class FakeCollection<T extends ItemProxy> extends Proxy {
  private itemProxies: T[] | null = null;

  /** Proxies for the items as they are when the load runs. */
  protected abstract makeItems(): T[];

  get items(): T[] {
    if (!this.itemProxies)
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        "The property 'items' is not available. Call load and sync first.",
      );
    return this.itemProxies;
  }

  override load(properties?: string | string[]): this {
    const list = typeof properties === 'string' ? properties.split(',') : (properties ?? []);
    const itemProps = list.map((p) => p.trim().replace(/^items\//, '')).filter(Boolean);
    this.context.enqueue(() => {
      const proxies = this.makeItems();
      for (const proxy of proxies) proxy.capture(itemProps);
      this.itemProxies = proxies;
      return proxies.map((p) => p.captured(itemProps));
    });
    return this;
  }

  protected read(): unknown {
    return undefined;
  }
}

/** workbook.names (ExcelApi 1.1; add 1.4, formula 1.7): workbook-scoped defined names. */
class FakeNamedItemCollection extends FakeCollection<FakeNamedItem> {
  protected makeItems(): FakeNamedItem[] {
    return this.context.state.names.map((n) => new FakeNamedItem(this.context, () => n, false, n.name));
  }

  private find(name: string): FakeName | null {
    return this.context.state.names.find((n) => n.name.toLowerCase() === name.toLowerCase()) ?? null;
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => this.find(name), true, name);
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => this.find(name), false, name);
  }

  add(name: string, reference: string): FakeNamedItem {
    let created: FakeName | null = null;
    this.context.enqueue(
      () => {
        if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name))
          throw new FakeOfficeError('InvalidArgument', `The name ${name} is not valid.`);
        if (this.find(name)) throw new FakeOfficeError('ItemAlreadyExists', `The name ${name} already exists.`);
        created = { name, formula: reference.startsWith('=') ? reference : `=${reference}`, visible: true };
        this.context.state.names.push(created);
      },
      { addName: name, reference },
    );
    return new FakeNamedItem(this.context, () => created, false, name);
  }
}

class FakeNamedItem extends Proxy {
  constructor(
    context: FakeRequestContext,
    private readonly resolve: () => FakeName | null,
    private readonly orNull: boolean,
    private readonly label: string,
  ) {
    super(context);
  }
  private target(): FakeName | null {
    const item = this.resolve();
    if (!item && !this.orNull)
      throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: ${this.label}`);
    return item;
  }
  capture(props: string[]): void {
    for (const p of props) this.loaded.set(p, this.read(p));
  }
  captured(props: string[]): Record<string, unknown> {
    return Object.fromEntries(props.map((p) => [p, this.loaded.get(p)]));
  }
  protected read(property: string): unknown {
    const item = this.target();
    if (property === 'isNullObject') return item === null;
    if (!item) return undefined;
    if (property === 'name') return item.name;
    if (property === 'formula') return item.formula;
    if (property === 'visible') return item.visible;
    throw new FakeOfficeError('InvalidArgument', `Unknown named item property ${property}`);
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get name(): string {
    return this.get('name');
  }
  get formula(): string {
    return this.get('formula');
  }
  set formula(value: string) {
    this.set(
      () => {
        const item = this.target();
        if (!item) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: ${this.label}`);
        item.formula = value.startsWith('=') ? value : `=${value}`;
      },
      { formula: value },
    );
  }
  set visible(value: boolean) {
    this.set(
      () => {
        const item = this.target();
        if (item) item.visible = value;
      },
      { visible: value },
    );
  }
}

type SheetResolver = () => FakeSheet | null;

class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  protected makeItems(): FakeWorksheet[] {
    return this.context.state.sheets.map(
      (sheet) =>
        new FakeWorksheet(this.context, () => (this.context.state.sheets.includes(sheet) ? sheet : null), false),
    );
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.state.sheet(name) ?? null, false, name);
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.state.sheet(name) ?? null, true, name);
  }

  /** WorksheetCollection.getFirst (ExcelApi 1.5). */
  getFirst(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.state.sheets[0] ?? null, false, '(first sheet)');
  }

  add(name: string): FakeWorksheet {
    let created: FakeSheet | null = null;
    this.context.enqueue(
      () => {
        const state = this.context.state;
        if (state.structureProtected) throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
        if (state.sheet(name)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named ${name} already exists.`);
        created = newSheet(name);
        state.sheets.push(created);
      },
      { add: name },
    );
    return new FakeWorksheet(this.context, () => created, false, name);
  }
}

class FakeWorksheet extends Proxy {
  readonly protection: FakeSheetProtection;

  constructor(
    context: FakeRequestContext,
    readonly resolve: SheetResolver,
    private readonly orNull: boolean,
    private readonly label = '',
  ) {
    super(context);
    this.protection = new FakeSheetProtection(context, () => this.target());
  }

  /** The sheet, or ItemNotFound (a null object yields null). */
  target(): FakeSheet | null {
    const sheet = this.resolve();
    if (!sheet && !this.orNull)
      throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: ${this.label}`);
    return sheet;
  }

  writable(): FakeSheet {
    const sheet = this.target();
    if (!sheet) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: ${this.label}`);
    if (sheet.protected) throw new FakeOfficeError('AccessDenied', `The sheet ${sheet.name} is protected.`);
    return sheet;
  }

  capture(props: string[]): void {
    for (const p of props) this.loaded.set(p, this.read(p));
  }

  captured(props: string[]): Record<string, unknown> {
    return Object.fromEntries(props.map((p) => [p, this.loaded.get(p)]));
  }

  protected read(property: string): unknown {
    if (property === 'isNullObject') return this.resolve() === null;
    const sheet = this.target();
    if (!sheet) return undefined;
    switch (property) {
      case 'name':
        return sheet.name;
      case 'visibility':
        return sheet.visibility;
      case 'position':
        return this.context.state.sheets.indexOf(sheet);
      case 'protection/protected':
        this.protection.loadedValue(sheet.protected);
        return sheet.protected;
      default:
        throw new FakeOfficeError('InvalidArgument', `Unknown worksheet property ${property}`);
    }
  }

  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get name(): string {
    return this.get('name');
  }
  set name(value: string) {
    this.set(
      () => {
        const state = this.context.state;
        this.context.undoable('name');
        if (state.structureProtected) throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
        const sheet = this.target();
        if (!sheet) throw new FakeOfficeError('ItemNotFound', 'The sheet does not exist.');
        const other = state.sheet(value);
        if (other && other !== sheet)
          throw new FakeOfficeError('ItemAlreadyExists', `A sheet named ${value} already exists.`);
        if (state.activeSheet === sheet.name) state.activeSheet = value;
        // Excel keeps references to a renamed sheet working: defined names follow it.
        const old = sheet.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const quoted = `'${value.replace(/'/g, "''")}'!`;
        for (const n of state.names)
          n.formula = n.formula
            .replace(new RegExp(`'${old.replace(/'/g, "''")}'!`, 'gi'), quoted)
            .replace(new RegExp(`(^=|[^A-Za-z0-9_.'])${old}!`, 'gi'), `$1${quoted}`);
        sheet.name = value;
      },
      { name: value },
    );
  }
  get visibility(): string {
    return this.get('visibility');
  }
  set visibility(value: 'Visible' | 'Hidden' | 'VeryHidden') {
    this.set(
      () => {
        this.context.undoable('visibility');
        const sheet = this.target();
        if (sheet) sheet.visibility = value;
      },
      { visibility: value },
    );
  }
  set position(value: number) {
    this.set(
      () => {
        this.context.undoable('position');
        const sheets = this.context.state.sheets;
        const sheet = this.target();
        if (!sheet) return;
        sheets.splice(sheets.indexOf(sheet), 1);
        sheets.splice(value, 0, sheet);
      },
      { position: value },
    );
  }

  delete(): void {
    this.set(
      () => {
        const state = this.context.state;
        this.context.undoable('delete');
        if (state.structureProtected) throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
        const sheet = this.target();
        if (!sheet) return;
        if (state.sheets.filter((s) => s.visibility === 'Visible').length <= 1 && sheet.visibility === 'Visible')
          throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
        state.sheets.splice(state.sheets.indexOf(sheet), 1);
      },
      { delete: this.label },
    );
  }

  activate(): void {
    this.set(
      () => {
        const sheet = this.target();
        if (sheet) this.context.state.activeSheet = sheet.name;
      },
      { activate: true },
    );
  }

  getRange(address?: string): FakeRangeProxy {
    return new FakeRangeProxy(this.context, () => {
      const sheet = this.target();
      if (!sheet) return null;
      return { sheet, range: address ? parseA1(address) : { top: 0, left: 0, bottom: 1_048_575, right: 16_383 } };
    });
  }

  /** Worksheet.pageLayout (ExcelApi 1.9). */
  get pageLayout(): FakePageLayout {
    return new FakePageLayout(this.context, () => this.target());
  }

  /** Worksheet.horizontalPageBreaks (ExcelApi 1.9). */
  get horizontalPageBreaks(): FakePageBreaks {
    return new FakePageBreaks(this.context, () => this.target());
  }

  /**
   * Worksheet.getRanges (ExcelApi 1.9): areas by an address of several. The areas are separated
   * by the regional list separator, not always ",": German and Czech desktop Excel throw
   * InvalidArgument on "B7:C7,G10" and take "B7:C7;G10" (office-js#1167, reproduced by
   * Microsoft; #1985). FakeExcelOptions.listSeparator picks the locale; the other separator is
   * refused, as a "," is where the separator is ";".
   */
  getRanges(address: string): FakeAreasProxy {
    return new FakeAreasProxy(this.context, () => {
      const sheet = this.target();
      if (!sheet) return null;
      const other = this.context.listSeparator === ',' ? ';' : ',';
      if (address.includes(other))
        throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      return { sheet, ranges: address.split(this.context.listSeparator).map((a) => parseA1(a.trim())) };
    });
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRangeProxy {
    return new FakeRangeProxy(this.context, () => {
      const sheet = this.target();
      if (!sheet) return null;
      return { sheet, range: { top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 } };
    });
  }

  /** Worksheet.getUsedRange: never fails; a blank sheet gives its top-left cell (docs-ref). */
  getUsedRange(valuesOnly = false): FakeRangeProxy {
    const used = this.getUsedRangeOrNullObject(valuesOnly);
    return new FakeRangeProxy(this.context, () => {
      const sheet = this.target();
      if (!sheet) return null;
      return used.resolve() ?? { sheet, range: { top: 0, left: 0, bottom: 0, right: 0 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRangeProxy {
    return new FakeRangeProxy(this.context, () => {
      const sheet = this.target();
      if (!sheet) return null;
      let range: FakeRange | null = null;
      for (const [k, cell] of sheet.cells) {
        if (valuesOnly && cell.type === 'Empty') continue;
        if (!valuesOnly && cell.type === 'Empty' && !cell.fill) continue;
        const [r, c] = k.split(',').map(Number);
        range = range
          ? {
              top: Math.min(range.top, r),
              left: Math.min(range.left, c),
              bottom: Math.max(range.bottom, r),
              right: Math.max(range.right, c),
            }
          : { top: r, left: c, bottom: r, right: c };
      }
      return range ? { sheet, range } : null;
    });
  }
}

type FakeZoom = FakePageSetup['zoom'];

/**
 * Worksheet.pageLayout (docs-ref excel.pagelayout.yml, ExcelApi 1.9), as strict as documented:
 * - orientation is "Portrait" or "Landscape";
 * - zoom "must be set as a JSON object (use x.zoom = {...} instead of x.zoom.scale = ...)":
 *   reading it needs load() and sync(), and changing the object read changes nothing;
 * - a zoom is a scale or a fit to pages (PageLayoutZoomOptions: scale "can be null if fit to
 *   page tall or wide is specified", the fits "can be null if percentage scale is used"):
 *   both at once is refused, and a scale is "between 10 and 400";
 * - setPrintTitleRows: "The range must span the entire row to be valid."
 */
class FakePageLayout extends Proxy {
  constructor(
    context: FakeRequestContext,
    private readonly sheet: () => FakeSheet | null,
  ) {
    super(context);
  }

  private layout(): FakePageSetup {
    const sheet = this.sheet();
    if (!sheet) throw new FakeOfficeError('ItemNotFound', "The requested resource doesn't exist.");
    return sheet.pageLayout;
  }

  protected read(property: string): unknown {
    const layout = this.layout();
    switch (property) {
      case 'orientation':
        return layout.orientation;
      case 'zoom':
        return { ...layout.zoom };
      default:
        throw new FakeOfficeError('InvalidArgument', `Unknown page layout property ${property}`);
    }
  }

  get orientation(): string {
    return this.get('orientation');
  }
  set orientation(value: string) {
    this.set(
      () => {
        if (value !== 'Portrait' && value !== 'Landscape')
          throw new FakeOfficeError('InvalidArgument', `The argument is invalid or missing: orientation ${value}`);
        this.layout().orientation = value;
      },
      { orientation: value },
    );
  }

  get zoom(): FakeZoom {
    return { ...this.get<FakeZoom>('zoom') };
  }
  set zoom(value: Partial<FakeZoom>) {
    this.set(
      () => {
        const fit = value.horizontalFitToPages != null || value.verticalFitToPages != null;
        const scale = value.scale ?? null;
        if (fit && scale !== null)
          throw new FakeOfficeError('InvalidArgument', 'A print zoom is a scale or a fit to pages, not both.');
        if (scale !== null && (scale < 10 || scale > 400))
          throw new FakeOfficeError('InvalidArgument', `The print scale must be between 10 and 400: ${scale}`);
        if (!fit && scale === null)
          throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing: zoom');
        this.layout().zoom = fit
          ? {
              scale: null,
              horizontalFitToPages: value.horizontalFitToPages ?? null,
              verticalFitToPages: value.verticalFitToPages ?? null,
            }
          : { scale, horizontalFitToPages: null, verticalFitToPages: null };
      },
      { zoom: value },
    );
  }

  setPrintTitleRows(rows: string | FakeRangeProxy): void {
    this.set(
      () => {
        let address: string;
        if (typeof rows === 'string') {
          const match = /^\$?(\d+):\$?(\d+)$/.exec(rows.trim());
          if (!match || Number(match[1]) < 1 || Number(match[2]) < Number(match[1]))
            throw new FakeOfficeError('InvalidArgument', `The range must span the entire row to be valid: ${rows}`);
          address = `$${match[1]}:$${match[2]}`;
        } else {
          const { range } = rows.target();
          if (range.left !== 0 || range.right !== 16_383)
            throw new FakeOfficeError('InvalidArgument', 'The range must span the entire row to be valid.');
          address = `$${range.top + 1}:$${range.bottom + 1}`;
        }
        this.layout().printTitleRows = address;
      },
      { printTitleRows: typeof rows === 'string' ? rows : 'range' },
    );
  }
}

/**
 * Worksheet.horizontalPageBreaks (docs-ref excel.pagebreakcollection.yml, ExcelApi 1.9), only as
 * documented: the collection "only contains manual page breaks"; add(pageBreakRange: Range |
 * string) "Adds a page break before the top-left cell of the range specified"; removePageBreaks()
 * "Resets all manual page breaks in the collection". What adding a break twice does is NOT
 * DOCUMENTED: the fake keeps one.
 */
class FakePageBreaks extends Proxy {
  constructor(
    context: FakeRequestContext,
    private readonly sheet: () => FakeSheet | null,
  ) {
    super(context);
  }

  private breaks(): FakeSheet {
    const sheet = this.sheet();
    if (!sheet) throw new FakeOfficeError('ItemNotFound', "The requested resource doesn't exist.");
    return sheet;
  }

  protected read(property: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `Unknown page break collection property ${property}`);
  }

  add(range: string | FakeRangeProxy): void {
    this.set(
      () => {
        const sheet = this.breaks();
        const top = typeof range === 'string' ? parseA1(range).top : range.target().range.top;
        if (!sheet.rowBreaks.includes(top)) sheet.rowBreaks = [...sheet.rowBreaks, top].sort((a, b) => a - b);
      },
      { addPageBreak: typeof range === 'string' ? range : 'range' },
    );
  }

  removePageBreaks(): void {
    this.set(
      () => {
        this.breaks().rowBreaks = [];
      },
      { removePageBreaks: true },
    );
  }
}

class FakeSheetProtection extends Proxy {
  private value: boolean | undefined;
  constructor(
    context: FakeRequestContext,
    private readonly sheet: () => FakeSheet | null,
  ) {
    super(context);
  }
  loadedValue(value: boolean): void {
    this.value = value;
  }
  get protected(): boolean {
    if (this.value !== undefined) return this.value;
    return this.get('protected');
  }
  protected read(property: string): unknown {
    return property === 'protected' ? (this.sheet()?.protected ?? false) : undefined;
  }
}

type RangeTarget = { sheet: FakeSheet; range: FakeRange } | null;

class FakeClientResult<T> {
  private result: { value: T } | null = null;
  resolve(value: T): T {
    this.result = { value };
    return value;
  }
  get value(): T {
    if (!this.result)
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        'The value of the result object has not been loaded yet. Call "context.sync()" first.',
      );
    return this.result.value;
  }
}

/** Whether a cell carries a format of its own (an empty one is kept for it). */
function formatted(cell: FakeCell): boolean {
  return Boolean(
    cell.fill ||
    cell.fontColor ||
    cell.bold ||
    cell.size ||
    cell.align ||
    cell.verticalAlign ||
    cell.wrap ||
    cell.textOrientation ||
    cell.borders,
  );
}

function* cellsOf(range: FakeRange): Generator<[number, number]> {
  for (let r = range.top; r <= range.bottom; r++) for (let c = range.left; c <= range.right; c++) yield [r, c];
}

/** A value written through range.values, as Excel stores it. */
function typed(value: unknown, existing?: FakeCell): FakeCell | null {
  const base: FakeCell = { ...(existing ?? { numberFormat: 'General' }), value: '', type: 'Empty' };
  delete base.formula;
  if (value === null || value === undefined || value === '') return existing && formatted(existing) ? base : null;
  if (typeof value === 'number') return { ...base, value, type: 'Double' };
  if (typeof value === 'boolean') return { ...base, value, type: 'Boolean' };
  const text = String(value);
  if (text.startsWith("'")) return { ...base, value: text.slice(1), type: 'String' };
  // Excel reads a leading "=" as a formula; the fake cannot evaluate it.
  if (text.startsWith('=') || text.startsWith('+') || text.startsWith('@'))
    return { ...base, value: '#NAME?', type: 'Error', formula: text };
  if (base.numberFormat === '@') return { ...base, value: text, type: 'String' };
  // Excel parses typed-in strings (docs: Range.values, "Excel interprets this value"): numbers
  // (thousands separators, spaces around), percentages, TRUE/FALSE, ISO and day/month/year dates, times.
  const trimmed = text.trim();
  if (/^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(trimmed))
    return { ...base, value: Number(trimmed.replace(/,/g, '')), type: 'Double' };
  const percent = /^([-+]?\d+(\.\d+)?)\s*%$/.exec(trimmed);
  if (percent) return { ...base, value: Number(percent[1]) / 100, type: 'Double', numberFormat: '0%' };
  if (/^(true|false)$/i.test(trimmed)) return { ...base, value: /^true$/i.test(trimmed), type: 'Boolean' };
  const serial = (y: number, m: number, d: number): number =>
    (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(trimmed);
  if (iso) {
    const time = iso[4] ? (Number(iso[4]) * 60 + Number(iso[5])) / 1440 : 0;
    return {
      ...base,
      value: serial(+iso[1], +iso[2], +iso[3]) + time,
      type: 'Double',
      numberFormat: 'yyyy-mm-dd h:mm',
    };
  }
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})$/.exec(trimmed);
  if (dmy) return { ...base, value: serial(+dmy[3], +dmy[2], +dmy[1]), type: 'Double', numberFormat: 'dd/mm/yyyy' };
  const time = /^(\d{1,2}):(\d{2})$/.exec(trimmed);
  if (time)
    return { ...base, value: (Number(time[1]) * 60 + Number(time[2])) / 1440, type: 'Double', numberFormat: 'h:mm' };
  return { ...base, value: text, type: 'String' };
}

class FakeRangeProxy extends Proxy {
  readonly format: FakeRangeFormat;

  constructor(
    context: FakeRequestContext,
    readonly resolve: () => RangeTarget,
  ) {
    super(context);
    this.format = new FakeRangeFormat(this);
  }

  target(): { sheet: FakeSheet; range: FakeRange } {
    const t = this.resolve();
    if (!t) throw new FakeOfficeError('ItemNotFound', "The requested resource doesn't exist.");
    return t;
  }

  writable(): { sheet: FakeSheet; range: FakeRange } {
    const t = this.target();
    if (t.sheet.protected) throw new FakeOfficeError('AccessDenied', `The sheet ${t.sheet.name} is protected.`);
    return t;
  }

  protected read(property: string): unknown {
    if (property === 'isNullObject') return this.resolve() === null;
    const t = this.resolve();
    if (!t) return undefined;
    const { sheet, range } = t;
    const grid = <T>(fn: (cell: FakeCell | undefined) => T): T[][] => {
      const rows: T[][] = [];
      for (let r = range.top; r <= range.bottom; r++) {
        const row: T[] = [];
        for (let c = range.left; c <= range.right; c++) row.push(fn(sheet.cells.get(key(r, c))));
        rows.push(row);
      }
      return rows;
    };
    // Past five million cells a get can return null instead of failing (office-js#4783, #6781;
    // docs: excel/performance.md, "the API doesn't always throw an error").
    const cellCount = (range.bottom - range.top + 1) * (range.right - range.left + 1);
    if (cellCount > 5_000_000 && ['values', 'valueTypes', 'numberFormat', 'formulas'].includes(property)) return null;
    switch (property) {
      case 'values':
        return grid((cell) => (cell ? cell.value : ''));
      case 'valueTypes':
        return grid((cell) => (cell ? cell.type : 'Empty'));
      case 'numberFormat':
        return grid((cell) => (cell ? cell.numberFormat : 'General'));
      case 'formulas':
        return grid((cell) => cell?.formula ?? (cell ? cell.value : ''));
      case 'rowHidden': {
        let hidden = 0;
        for (let r = range.top; r <= range.bottom; r++) if (sheet.hiddenRows.has(r)) hidden++;
        return hidden === 0 ? false : hidden === range.bottom - range.top + 1 ? true : null;
      }
      case 'address':
        return `${quoteSheet(sheet.name)}!${a1(range)}`;
      case 'rowIndex':
        return range.top;
      case 'columnIndex':
        return range.left;
      case 'rowCount':
        return range.bottom - range.top + 1;
      case 'columnCount':
        return range.right - range.left + 1;
      default:
        throw new FakeOfficeError('InvalidArgument', `Unknown range property ${property}`);
    }
  }

  /** Range.getIntersection (ExcelApi 1.2): ItemNotFound where the ranges do not meet (docs: *OrNullObject). */
  getIntersection(other: FakeRangeProxy): FakeRangeProxy {
    return new FakeRangeProxy(this.context, () => {
      const { sheet, range } = this.target();
      const b = other.target().range;
      const top = Math.max(range.top, b.top);
      const left = Math.max(range.left, b.left);
      const bottom = Math.min(range.bottom, b.bottom);
      const right = Math.min(range.right, b.right);
      if (top > bottom || left > right)
        throw new FakeOfficeError('ItemNotFound', "The requested resource doesn't exist.");
      return { sheet, range: { top, left, bottom, right } };
    });
  }

  /** Range.getEntireColumn (ExcelApi 1.1): the range's columns, every row of the sheet. */
  getEntireColumn(): FakeRangeProxy {
    return new FakeRangeProxy(this.context, () => {
      const { sheet, range } = this.target();
      return { sheet, range: { top: 0, left: range.left, bottom: 1_048_575, right: range.right } };
    });
  }

  /** Range.getBoundingRect (ExcelApi 1.2): the smallest range around both. */
  getBoundingRect(other: FakeRangeProxy): FakeRangeProxy {
    return new FakeRangeProxy(this.context, () => {
      const { sheet, range } = this.target();
      const b = other.target().range;
      return {
        sheet,
        range: {
          top: Math.min(range.top, b.top),
          left: Math.min(range.left, b.left),
          bottom: Math.max(range.bottom, b.bottom),
          right: Math.max(range.right, b.right),
        },
      };
    });
  }

  /** Range.conditionalFormats (ExcelApi 1.6): the rules that intersect the range. */
  get conditionalFormats(): FakeConditionalFormatCollection {
    return new FakeConditionalFormatCollection(this.context, () => {
      const t = this.target();
      return { sheet: t.sheet, ranges: [t.range] };
    });
  }
  /** Range.dataValidation (ExcelApi 1.8). */
  get dataValidation(): FakeDataValidation {
    return new FakeDataValidation(this.context, () => {
      const t = this.target();
      return { sheet: t.sheet, ranges: [t.range] };
    });
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get values(): unknown[][] {
    return this.get('values');
  }
  set values(values: unknown[][]) {
    this.set(() => {
      // A protected sheet still takes values in its unlocked cells (office-js#143, maintainers: "this is a bug"
      // where it did not); locked cells are refused.
      const { sheet, range } = this.target();
      if (sheet.protected)
        for (const [r, c] of cellsOf(range))
          if (sheet.cells.get(key(r, c))?.locked !== false)
            throw new FakeOfficeError('AccessDenied', `The sheet ${sheet.name} is protected.`);
      const rows = range.bottom - range.top + 1;
      const cols = range.right - range.left + 1;
      if (values.length !== rows || values.some((row) => row.length !== cols))
        throw new FakeOfficeError(
          'InvalidArgument',
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`,
        );
      values.forEach((row, r) =>
        row.forEach((value, c) => {
          const k = key(range.top + r, range.left + c);
          const cell = typed(value, sheet.cells.get(k));
          if (cell) sheet.cells.set(k, cell);
          else sheet.cells.delete(k);
        }),
      );
    }, values);
  }
  get valueTypes(): string[][] {
    return this.get('valueTypes');
  }
  get numberFormat(): unknown[][] {
    return this.get('numberFormat');
  }
  /**
   * Range.numberFormat (ExcelApi 1.1, docs-ref excel.range.yml): "Excel's number format code for the
   * given range" in en-US codes; a two-dimensional array the size of the range, as values is.
   */
  set numberFormat(formats: unknown[][]) {
    this.set(() => {
      const { sheet, range } = this.writable();
      const rows = range.bottom - range.top + 1;
      const cols = range.right - range.left + 1;
      if (formats.length !== rows || formats.some((row) => row.length !== cols))
        throw new FakeOfficeError(
          'InvalidArgument',
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`,
        );
      formats.forEach((row, r) =>
        row.forEach((format, c) => {
          const k = key(range.top + r, range.left + c);
          const cell = sheet.cells.get(k) ?? { value: '', type: 'Empty' as const, numberFormat: 'General' };
          sheet.cells.set(k, { ...cell, numberFormat: String(format) });
        }),
      );
    }, formats);
  }
  get rowHidden(): boolean | null {
    return this.get('rowHidden');
  }
  /**
   * Range.rowHidden (ExcelApi 1.2, docs-ref excel.range.yml): "Represents if all rows in the current
   * range are hidden" — true when all are, false when none are, null when some are; setting it hides
   * (or shows) every row of the range. A protected sheet refuses it unless its protection allows
   * formatting rows (WorksheetProtectionOptions.allowFormatRows), which the fake's protection does not.
   */
  set rowHidden(hidden: boolean) {
    this.set(
      () => {
        const { sheet, range } = this.writable();
        for (let r = range.top; r <= Math.min(range.bottom, 1_048_575); r++)
          if (hidden) sheet.hiddenRows.add(r);
          else sheet.hiddenRows.delete(r);
      },
      { rowHidden: hidden },
    );
  }
  get address(): string {
    return this.get('address');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }

  /** Applies a change to every cell of the range (told where the cell is in it), creating cells as needed. */
  eachCell(change: (cell: FakeCell, row: number, col: number, range: FakeRange) => void, request: unknown): void {
    this.set(() => {
      const { sheet, range } = this.writable();
      for (const [r, c] of cellsOf(range)) {
        const k = key(r, c);
        const cell = sheet.cells.get(k) ?? { value: '', type: 'Empty' as const, numberFormat: 'General' };
        change(cell, r, c, range);
        if (cell.type === 'Empty' && !formatted(cell)) sheet.cells.delete(k);
        else sheet.cells.set(k, cell);
      }
    }, request);
  }

  /** RangeFormat.rowHeight (ExcelApi 1.2), in points; useStandardHeight = true (ExcelApi 1.7) takes it back. */
  setRowHeight(points: number | null): void {
    this.set(
      () => {
        const { sheet, range } = this.writable();
        for (let r = range.top; r <= Math.min(range.bottom, 1_048_575); r++)
          if (points === null) sheet.rowHeights.delete(r);
          else sheet.rowHeights.set(r, points);
      },
      { rowHeight: points },
    );
  }

  setColumnWidth(points: number): void {
    this.set(
      () => {
        const { sheet, range } = this.writable();
        for (let c = range.left; c <= range.right; c++) sheet.columnWidths.set(c, points);
      },
      { columnWidth: points },
    );
  }

  merge(across = false): void {
    this.set(
      () => {
        const { sheet, range } = this.writable();
        if (across) throw new FakeOfficeError('InvalidArgument', 'The fake merges whole ranges only.');
        for (const m of sheet.merges)
          if (!(m.bottom < range.top || m.top > range.bottom || m.right < range.left || m.left > range.right))
            throw new FakeOfficeError('InvalidOperation', 'Cannot merge already merged cells.');
        sheet.merges.push({ ...range });
        for (const [r, c] of cellsOf(range)) if (r !== range.top || c !== range.left) sheet.cells.delete(key(r, c));
      },
      { merge: across },
    );
  }

  unmerge(): void {
    this.set(
      () => {
        const { sheet, range } = this.writable();
        sheet.merges = sheet.merges.filter(
          (m) => m.bottom < range.top || m.top > range.bottom || m.right < range.left || m.left > range.right,
        );
      },
      { unmerge: true },
    );
  }

  select(): void {
    this.set(
      () => {
        const { sheet, range } = this.target();
        if (this.context.state.activeSheet !== sheet.name)
          throw new FakeOfficeError('InvalidOperation', 'The range cannot be selected: its sheet is not active.');
        this.context.state.selection = { sheet: sheet.name, address: a1(range) };
      },
      { select: true },
    );
  }

  clear(applyTo: 'All' | 'Contents' | 'Formats' = 'All'): void {
    this.set(
      () => {
        const { sheet, range } = this.writable();
        for (const [k, cell] of [...sheet.cells]) {
          const [r, c] = k.split(',').map(Number);
          if (r < range.top || r > range.bottom || c < range.left || c > range.right) continue;
          if (applyTo === 'All') sheet.cells.delete(k);
          else if (applyTo === 'Contents')
            sheet.cells.set(k, { ...cell, value: '', type: 'Empty', formula: undefined });
          else
            sheet.cells.set(k, { value: cell.value, type: cell.type, numberFormat: 'General', formula: cell.formula });
        }
      },
      { clear: applyTo },
    );
  }

  getCellProperties(options: {
    format?: { fill?: Record<string, boolean> };
  }): FakeClientResult<
    Array<Array<{ format: { fill: { color: string; pattern: null; tintAndShade: number | null } } }>>
  > {
    const result = new FakeClientResult<
      Array<Array<{ format: { fill: { color: string; pattern: null; tintAndShade: number | null } } }>>
    >();
    this.context.enqueue(() => {
      const { sheet, range } = this.target();
      const rows = [];
      for (let r = range.top; r <= range.bottom; r++) {
        const row = [];
        for (let c = range.left; c <= range.right; c++) {
          const fill = sheet.cells.get(key(r, c))?.fill;
          // Like Excel (office-js#4900): pattern is null whether or not there is a fill; no fill reads
          // as #FFFFFF with tintAndShade null, a fill has a number there.
          const all = { color: fill ?? '#FFFFFF', pattern: null, tintAndShade: fill ? 0 : null };
          // Like Office.js, only the properties asked for come back.
          const asked = Object.keys(options.format?.fill ?? {}) as Array<keyof typeof all>;
          row.push({ format: { fill: Object.fromEntries(asked.map((k) => [k, all[k]])) as typeof all } });
        }
        rows.push(row);
      }
      return result.resolve(rows);
    });
    return result;
  }

  getRowProperties(_options: unknown): FakeClientResult<Array<{ rowIndex: number; rowHidden: boolean }>> {
    const result = new FakeClientResult<Array<{ rowIndex: number; rowHidden: boolean }>>();
    this.context.enqueue(() => {
      const { sheet, range } = this.target();
      const rows = [];
      for (let r = range.top; r <= range.bottom; r++) rows.push({ rowIndex: r, rowHidden: sheet.hiddenRows.has(r) });
      return result.resolve(rows);
    });
    return result;
  }

  /** Like Excel: only merges whose top-left cell lies inside this range. */
  /** Range.getSpecialCellsOrNullObject (ExcelApi 1.9): here only "Formulas", as rectangles of formula cells. */
  getSpecialCellsOrNullObject(cellType: string): FakeSpecialCells {
    if (cellType === 'DataValidations')
      return new FakeSpecialCells(this.context, () => {
        const t = this.resolve();
        if (!t) return null;
        const areas = t.sheet.validation.areas(t.range);
        return areas.length ? areas : null;
      });
    if (cellType !== 'Formulas')
      throw new FakeOfficeError(
        'InvalidArgument',
        `The fake supports only Formulas and AllDataValidations, not ${cellType}`,
      );
    return new FakeSpecialCells(this.context, () => {
      const t = this.resolve();
      if (!t) return null;
      const areas: FakeRange[] = [];
      for (const [k, cell] of t.sheet.cells) {
        if (!cell.formula) continue;
        const [r, c] = k.split(',').map(Number);
        if (r >= t.range.top && r <= t.range.bottom && c >= t.range.left && c <= t.range.right)
          areas.push({ top: r, left: c, bottom: r, right: c });
      }
      return areas.length ? areas : null;
    });
  }

  /**
   * Like Excel: only merges whose top-left cell lies inside this range (office-js#3611), and
   * failing past 512 merged areas (docs: Range.getMergedAreasOrNullObject).
   */
  getMergedAreasOrNullObject(): FakeSpecialCells {
    // ExcelApi 1.13 (docs-ref Range.getMergedAreasOrNullObject): an Excel without it has no such
    // call ("ApiNotFound: … It may be available in a newer version": docs-pr error codes).
    if (!this.context.supports('ExcelApi', '1.13'))
      throw new FakeOfficeError('ApiNotFound', 'The API you are trying to use could not be found (ExcelApi 1.13).');
    this.context.stats.undoStackCleared++;
    return new FakeSpecialCells(this.context, () => {
      const t = this.resolve();
      if (!t) return null;
      const inside = t.sheet.merges.filter(
        (m) => m.top >= t.range.top && m.top <= t.range.bottom && m.left >= t.range.left && m.left <= t.range.right,
      );
      if (inside.length > 512)
        throw new FakeOfficeError('GeneralException', 'The merged areas count in this range is more than 512.');
      return inside.length ? inside : null;
    });
  }
}

/** The RangeAreas of special cells: isNullObject, and areas.items with rowIndex/columnIndex/rowCount/columnCount. */
class FakeSpecialCells extends Proxy {
  readonly areas: { items: Array<{ rowIndex: number; columnIndex: number; rowCount: number; columnCount: number }> };
  constructor(
    context: FakeRequestContext,
    private readonly found: () => FakeRange[] | null,
  ) {
    super(context);
    const loaded = this.loaded;
    this.areas = {
      get items() {
        if (!loaded.has('areas'))
          throw new FakeOfficeError(
            'PropertyNotLoaded',
            "The property 'areas' is not available. Call load and sync first.",
          );
        return loaded.get('areas') as never;
      },
    };
  }
  protected read(property: string): unknown {
    if (property === 'isNullObject') return this.found() === null;
    if (property.startsWith('areas/items/'))
      return (this.found() ?? []).map((r) => ({
        rowIndex: r.top,
        columnIndex: r.left,
        rowCount: r.bottom - r.top + 1,
        columnCount: r.right - r.left + 1,
      }));
    throw new FakeOfficeError('InvalidArgument', `Unknown property ${property}`);
  }
  override load(properties: string): this {
    super.load(properties);
    // Any areas/items/* property loads the areas (the fake returns all four numbers).
    this.context.enqueue(() => {
      if ([...this.loaded.keys()].some((k) => k.startsWith('areas/items/')))
        this.loaded.set('areas', this.read('areas/items/rowIndex'));
      return undefined;
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
}

type AreasTarget = { sheet: FakeSheet; ranges: FakeRange[] } | null;

function overlaps(a: FakeRange, b: FakeRange): boolean {
  return !(a.bottom < b.top || a.top > b.bottom || a.right < b.left || a.left > b.right);
}

/** Worksheet.getRanges / RangeAreas (ExcelApi 1.9): conditional formats and validation over several areas. */
class FakeAreasProxy extends Proxy {
  constructor(
    context: FakeRequestContext,
    private readonly resolve: () => AreasTarget,
  ) {
    super(context);
  }
  private target(): { sheet: FakeSheet; ranges: FakeRange[] } {
    const t = this.resolve();
    if (!t) throw new FakeOfficeError('ItemNotFound', "The requested resource doesn't exist.");
    return t;
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return new FakeConditionalFormatCollection(this.context, () => this.target());
  }
  get dataValidation(): FakeDataValidation {
    return new FakeDataValidation(this.context, () => this.target());
  }
  /** RangeAreas.areaCount (ExcelApi 1.9). */
  get areaCount(): number {
    return this.get('areaCount');
  }
  protected read(property: string): unknown {
    if (property === 'areaCount') return this.target().ranges.length;
    throw new FakeOfficeError('InvalidArgument', `The fake has no RangeAreas property ${property}`);
  }
}

type RuleTarget = { sheet: FakeSheet; rule: FakeRule } | null;

/** Range.conditionalFormats (ExcelApi 1.6): the rules that intersect the range, in priority order. */
class FakeConditionalFormatCollection extends FakeCollection<FakeConditionalFormat> {
  constructor(
    context: FakeRequestContext,
    private readonly resolve: () => { sheet: FakeSheet; ranges: FakeRange[] },
  ) {
    super(context);
  }

  protected makeItems(): FakeConditionalFormat[] {
    const { sheet, ranges } = this.resolve();
    return sheet.rules
      .filter((rule) => rule.ranges.some((a) => ranges.some((b) => overlaps(a, b))))
      .map((rule) => new FakeConditionalFormat(this.context, () => ({ sheet, rule })));
  }

  /** "Adds a new conditional format to the collection at the first/top priority" (docs-ref). */
  add(type: FakeRule['type']): FakeConditionalFormat {
    const made: { target: RuleTarget } = { target: null };
    this.context.enqueue(
      () => {
        const { sheet, ranges } = this.resolve();
        if (sheet.protected) throw new FakeOfficeError('AccessDenied', `The sheet ${sheet.name} is protected.`);
        const rule: FakeRule = {
          type,
          ranges: ranges.map((r) => ({ ...r })),
          formula: '',
          anchor: { row: ranges[0].top, col: ranges[0].left },
        };
        sheet.rules.unshift(rule);
        made.target = { sheet, rule };
      },
      { add: type },
    );
    return new FakeConditionalFormat(this.context, () => made.target);
  }

  /**
   * By id. An id is the rule's position in the sheet's priority order (docs-ref
   * ConditionalFormat.id: "The priority of the conditional format in the current
   * ConditionalFormatCollection"; the docs sample uses getItemOrNullObject("0")), so a rule
   * anyone adds (at the top: add) moves every id by one.
   */
  getItem(id: string): FakeConditionalFormat {
    return new FakeConditionalFormat(this.context, () => {
      const { sheet } = this.resolve();
      const rule = sheet.rules[Number(id)];
      if (!rule) throw new FakeOfficeError('ItemNotFound', "The requested resource doesn't exist.");
      return { sheet, rule };
    });
  }
}

class FakeConditionalFormat extends Proxy implements ItemProxy {
  constructor(
    context: FakeRequestContext,
    private readonly resolve: () => RuleTarget,
  ) {
    super(context);
  }

  private target(): { sheet: FakeSheet; rule: FakeRule } {
    const t = this.resolve();
    if (!t || !t.sheet.rules.includes(t.rule))
      throw new FakeOfficeError('ItemNotFound', "The requested resource doesn't exist.");
    return t;
  }

  capture(props: string[]): void {
    for (const p of props) this.loaded.set(p, this.read(p));
  }
  captured(props: string[]): Record<string, unknown> {
    return Object.fromEntries(props.map((p) => [p, this.loaded.get(p)]));
  }

  protected read(property: string): unknown {
    const { sheet, rule } = this.target();
    const custom = rule.type === 'Custom';
    switch (property) {
      case 'id':
        return String(sheet.rules.indexOf(rule));
      case 'priority':
        return sheet.rules.indexOf(rule);
      case 'type':
        return rule.type;
      case 'customOrNullObject/rule/formula':
      case 'custom/rule/formula': {
        if (!custom) return this.notCustom(property);
        // Excel reads the formula relative to the top-left of the rule's range (office-js#5194).
        const first = rule.ranges[0];
        if (first.top !== rule.anchor.row || first.left !== rule.anchor.col)
          throw new Error('The fake does not move relative formulas: set a rule over the range it covers.');
        return rule.formula;
      }
      case 'customOrNullObject/format/fill/color':
      case 'custom/format/fill/color':
        return custom ? (rule.fill ?? null) : this.notCustom(property);
      case 'customOrNullObject/format/font/color':
      case 'custom/format/font/color':
        return custom ? (rule.fontColor ?? null) : this.notCustom(property);
      default:
        throw new FakeOfficeError('InvalidArgument', `Unknown conditional format property ${property}`);
    }
  }

  private notCustom(property: string): null {
    if (property.startsWith('custom/'))
      throw new FakeOfficeError('InvalidOperation', 'This conditional format is not a custom one.');
    return null;
  }

  get id(): string {
    return this.get('id');
  }
  get type(): string {
    return this.get('type');
  }
  get priority(): number {
    return this.get('priority');
  }
  /** Moves the rule; a negative priority counts from the back, past the bounds is the last (docs-ref). */
  set priority(value: number) {
    this.set(
      () => {
        const { sheet, rule } = this.target();
        sheet.rules.splice(sheet.rules.indexOf(rule), 1);
        const at = value < 0 ? Math.max(0, sheet.rules.length + 1 + value) : Math.min(value, sheet.rules.length);
        sheet.rules.splice(at, 0, rule);
      },
      { priority: value },
    );
  }

  get customOrNullObject(): {
    rule: { formula: string | null };
    format: { fill: { color: string | null }; font: { color: string | null } };
  } {
    const value = (p: string): string | null => this.get(`customOrNullObject/${p}`);
    return {
      rule: {
        get formula() {
          return value('rule/formula');
        },
      },
      format: {
        fill: {
          get color() {
            return value('format/fill/color');
          },
        },
        font: {
          get color() {
            return value('format/font/color');
          },
        },
      },
    };
  }

  get custom(): {
    rule: { formula: string };
    format: { fill: { color: string }; font: { color: string } };
  } {
    const change = (apply: (rule: FakeRule) => void, request: unknown): void =>
      this.set(() => {
        const { rule } = this.target();
        if (rule.type !== 'Custom')
          throw new FakeOfficeError('InvalidOperation', 'This conditional format is not a custom one.');
        apply(rule);
      }, request);
    return {
      rule: {
        set formula(value: string) {
          change((rule) => (rule.formula = value), { formula: value });
        },
      },
      format: {
        fill: {
          set color(value: string) {
            change((rule) => (rule.fill = value.toUpperCase()), { fill: value });
          },
        },
        font: {
          set color(value: string) {
            change((rule) => (rule.fontColor = value.toUpperCase()), { fontColor: value });
          },
        },
      },
    } as never;
  }

  delete(): void {
    this.set(
      () => {
        const { sheet, rule } = this.target();
        sheet.rules.splice(sheet.rules.indexOf(rule), 1);
      },
      { delete: true },
    );
  }

  /** ConditionalFormat.getRanges (ExcelApi 1.9). */
  getRanges(): FakeSpecialCells {
    return new FakeSpecialCells(this.context, () => this.target().rule.ranges.map((r) => ({ ...r })));
  }
}

/** DataValidation (ExcelApi 1.8) over a range or areas. */
class FakeDataValidation extends Proxy {
  constructor(
    context: FakeRequestContext,
    private readonly resolve: () => { sheet: FakeSheet; ranges: FakeRange[] },
  ) {
    super(context);
  }

  /**
   * None, one rule on every cell, some cells only (MixedCriteria), or different rules
   * (Inconsistent): docs-ref DataValidationType. A prompt-only cell (an input message on "any
   * value") reads as "None" ("allow any value") with its prompt, but counts as validation:
   * beside cells without it the range is MixedCriteria, and Excel refuses a list set over it
   * (office-js#2594: a prompt set on B5:B10, then a rule on B1:B10, "The argument is invalid
   * or missing or has an incorrect format.").
   */
  private uniform(): { type: string; validation?: FakeValidation } {
    const { sheet, ranges } = this.resolve();
    let cells = 0;
    let covered = 0;
    const distinct = new Map<string, FakeValidation>();
    for (const range of ranges) {
      cells += (range.bottom - range.top + 1) * (range.right - range.left + 1);
      const coverage = sheet.validation.coverage(range);
      covered += coverage.cells;
      for (const v of coverage.validations) distinct.set(JSON.stringify(v), v);
    }
    if (covered === 0) return { type: 'None' };
    if (covered < cells) return { type: 'MixedCriteria' };
    const set = [...distinct.values()];
    if (set.length > 1) return { type: 'Inconsistent' };
    return { type: set[0].type, validation: set[0] };
  }

  protected read(property: string): unknown {
    const { type, validation } = this.uniform();
    switch (property) {
      case 'type':
        return type;
      case 'rule':
        return validation && validation.type !== 'None'
          ? { list: { inCellDropDown: validation.inCellDropDown, source: validation.source } }
          : null;
      case 'errorAlert':
        return validation ? { ...validation.alert } : null;
      case 'prompt':
        return { title: '', message: '', showPrompt: true, ...validation?.prompt };
      default:
        throw new FakeOfficeError('InvalidArgument', `Unknown data validation property ${property}`);
    }
  }

  get prompt(): { title: string; message: string; showPrompt: boolean } {
    return this.get('prompt');
  }

  get type(): string {
    return this.get('type');
  }
  get rule(): { list?: { inCellDropDown: boolean; source: string } } | null {
    return this.get('rule');
  }
  set rule(value: { list?: { inCellDropDown?: boolean; source: string } } | null) {
    this.set(() => {
      const { sheet, ranges } = this.resolve();
      if (sheet.protected) throw new FakeOfficeError('AccessDenied', `The sheet ${sheet.name} is protected.`);
      if (!value?.list) throw new Error('The fake supports list validation only.');
      // A rule set over cells of which only some have validation fails (office-js#2594).
      if (this.uniform().type === 'MixedCriteria')
        throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      // A literal list over 255 characters: Excel keeps no such list (XlsxWriter#562, maintainer: "The total
      // length for this string, including commas, cannot exceed the Excel limit of 255 characters";
      // excelize#1878, maintainer: "an Excel limitation"). What Office.js does then is not documented:
      // the fake refuses it, as the error code Excel uses for a value it will not take.
      if (value.list.source.length > 255)
        throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      const list = value.list;
      for (const range of ranges)
        sheet.validation.setRange(range, (existing) => ({
          type: 'List',
          source: list.source,
          inCellDropDown: list.inCellDropDown ?? true,
          alert: existing?.alert ?? { title: '', message: '', style: 'Stop', showAlert: true },
          ...(existing?.prompt ? { prompt: existing.prompt } : {}),
        }));
    }, value);
  }
  get errorAlert(): FakeValidation['alert'] | null {
    return this.get('errorAlert');
  }
  set errorAlert(value: Partial<FakeValidation['alert']>) {
    this.set(() => {
      const { sheet, ranges } = this.resolve();
      if (sheet.protected) throw new FakeOfficeError('AccessDenied', `The sheet ${sheet.name} is protected.`);
      for (const range of ranges)
        sheet.validation.updateRange(range, (existing) => ({ ...existing, alert: { ...existing.alert, ...value } }));
    }, value);
  }
  /** "Clearing data validation from a range will also clear any data validation that a user has added" (docs). */
  clear(): void {
    this.set(
      () => {
        const { sheet, ranges } = this.resolve();
        if (sheet.protected) throw new FakeOfficeError('AccessDenied', `The sheet ${sheet.name} is protected.`);
        for (const range of ranges) sheet.validation.clearRange(range);
      },
      { clear: true },
    );
  }
}

const BORDER_INDEXES = [
  'EdgeTop',
  'EdgeBottom',
  'EdgeLeft',
  'EdgeRight',
  'InsideVertical',
  'InsideHorizontal',
  'DiagonalDown',
  'DiagonalUp',
];
const BORDER_STYLES = ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Double', 'SlantDashDot'];
const BORDER_WEIGHTS = ['Hairline', 'Thin', 'Medium', 'Thick'];

/**
 * RangeBorderCollection.getItem(index) (ExcelApi 1.1): one side of a range, as docs-ref's
 * example draws a grid — the four edges and, inside, InsideHorizontal and InsideVertical.
 * Only BorderIndex names, BorderLineStyle styles and BorderWeight weights are accepted.
 */
function borderOf(range: FakeRangeProxy, index: string): { style: string; weight: string; color: string } {
  if (!BORDER_INDEXES.includes(index))
    throw new FakeOfficeError('InvalidArgument', `The argument is invalid or missing: border ${index}`);
  // Which sides of the cell at (r, c) of the range this border is.
  const sides = (r: number, c: number, area: FakeRange): Array<'top' | 'bottom' | 'left' | 'right'> => {
    const out: Array<'top' | 'bottom' | 'left' | 'right'> = [];
    if (index === 'EdgeTop' && r === area.top) out.push('top');
    if (index === 'EdgeBottom' && r === area.bottom) out.push('bottom');
    if (index === 'EdgeLeft' && c === area.left) out.push('left');
    if (index === 'EdgeRight' && c === area.right) out.push('right');
    if (index === 'InsideHorizontal') {
      if (r > area.top) out.push('top');
      if (r < area.bottom) out.push('bottom');
    }
    if (index === 'InsideVertical') {
      if (c > area.left) out.push('left');
      if (c < area.right) out.push('right');
    }
    return out;
  };
  return {
    set style(value: string) {
      if (!BORDER_STYLES.includes(value))
        throw new FakeOfficeError('InvalidArgument', `The argument is invalid or missing: border style ${value}`);
      range.eachCell(
        (cell, r, c, area) => {
          for (const side of sides(r, c, area)) {
            if (value === 'None') delete cell.borders?.[side];
            else cell.borders = { ...cell.borders, [side]: value };
          }
          if (cell.borders && Object.keys(cell.borders).length === 0) delete cell.borders;
        },
        { border: index, style: value },
      );
    },
    set weight(value: string) {
      if (!BORDER_WEIGHTS.includes(value))
        throw new FakeOfficeError('InvalidArgument', `The argument is invalid or missing: border weight ${value}`);
      range.eachCell(() => undefined, { border: index, weight: value });
    },
    set color(value: string) {
      range.eachCell(() => undefined, { border: index, color: value });
    },
  } as { style: string; weight: string; color: string };
}

class FakeRangeFormat {
  readonly font: { bold: boolean; size: number; color: string };
  readonly fill: { color: string; clear: () => void };
  readonly borders: { getItem: (index: string) => { style: string; weight: string; color: string } };

  constructor(private readonly range: FakeRangeProxy) {
    this.borders = { getItem: (index: string) => borderOf(range, index) };
    const each = (change: (cell: FakeCell) => void, request: unknown) => range.eachCell(change, request);
    this.font = {
      set bold(value: boolean) {
        each((cell) => (cell.bold = value), { bold: value });
      },
      set size(value: number) {
        each((cell) => (cell.size = value), { size: value });
      },
      set color(value: string) {
        each((cell) => (cell.fontColor = value.toUpperCase()), { fontColor: value });
      },
    } as { bold: boolean; size: number; color: string };
    this.fill = {
      set color(value: string) {
        each((cell) => (cell.fill = value.toUpperCase()), { fill: value });
      },
      clear: () => each((cell) => delete cell.fill, { clearFill: true }),
    } as { color: string; clear: () => void };
  }

  set horizontalAlignment(value: string) {
    this.range.eachCell((cell) => (cell.align = value), { align: value });
  }
  set verticalAlignment(value: string) {
    if (!['Top', 'Center', 'Bottom', 'Justify', 'Distributed'].includes(value))
      throw new FakeOfficeError('InvalidArgument', `The argument is invalid or missing: vertical alignment ${value}`);
    this.range.eachCell((cell) => (cell.verticalAlign = value), { verticalAlignment: value });
  }
  set rowHeight(points: number) {
    this.range.setRowHeight(points);
  }
  /** "Only intended to be set to true. Setting it to false has no effect." (docs-ref RangeFormat.useStandardHeight) */
  set useStandardHeight(value: boolean) {
    if (value) this.range.setRowHeight(null);
  }
  set wrapText(value: boolean) {
    this.range.eachCell((cell) => (cell.wrap = value), { wrap: value });
  }
  /** docs-ref RangeFormat.textOrientation (ExcelApi 1.7): "from -90 to 90 degrees" (or 180 for stacked text). */
  set textOrientation(degrees: number) {
    if (!Number.isInteger(degrees) || ((degrees < -90 || degrees > 90) && degrees !== 180))
      throw new FakeOfficeError('InvalidArgument', `The argument is invalid or missing: textOrientation ${degrees}`);
    this.range.eachCell((cell) => (cell.textOrientation = degrees), { textOrientation: degrees });
  }
  set columnWidth(points: number) {
    this.range.setColumnWidth(points);
  }
}

export interface FakeExcelOptions {
  /** Requirement sets the fake claims, e.g. { ExcelApi: '1.13' }. */
  supports?: Record<string, string>;
  /** Where Excel runs: the undo table differs (default desktop, the stricter). */
  platform?: 'web' | 'desktop';
  /** The regional list separator getRanges takes between areas (default ","; ";" in German or Czech: office-js#1167). */
  listSeparator?: ',' | ';';
  /**
   * Excel on the web as office-js#6711 reports it: a run given both delayForCellEdit and
   * mergeUndoGroup throws RichApi.Error before anything is written (the report shows the error
   * only as a screenshot; office-js#6255 reports the same option failing as an internal error,
   * so the fake throws GeneralException). Only with platform "web".
   */
  refusesUndoGroupWithDelay?: boolean;
}

function versionAtLeast(have: string, want: string): boolean {
  const [a1v, a2] = have.split('.').map(Number);
  const [b1, b2] = want.split('.').map(Number);
  return a1v > b1 || (a1v === b1 && (a2 ?? 0) >= (b2 ?? 0));
}

/** The fake Excel: `run` and `isSetSupported` as the host uses them, over one workbook state. */
export class FakeExcel {
  readonly state = new FakeWorkbookState();
  readonly stats: FakeStats = {
    syncs: 0,
    requestBytes: 0,
    responseBytes: 0,
    maxRequestBytes: 0,
    maxResponseBytes: 0,
    refusedResponses: 0,
    undoStackCleared: 0,
    refusedRuns: 0,
    runs: [],
  };
  private editEnded: Array<() => void> = [];
  /** Office.context.document: the workbook as a file (getFileAsync), which a test sets (document.file). */
  readonly document: FakeDocument;
  /** The workbooks Excel.createWorkbook opened, as their .xlsx bytes. */
  readonly created: Uint8Array[] = [];

  constructor(private readonly options: FakeExcelOptions = { supports: { ExcelApi: '1.20' } }) {
    this.document = new FakeDocument(this);
  }

  /** Excel.createWorkbook(base64) (ExcelApi 1.8): see document.ts. */
  createWorkbook(base64?: string): Promise<void> {
    return createWorkbook(this, this.created, base64, (code, message) => new FakeOfficeError(code, message));
  }

  isSetSupported(name: string, version: string): boolean {
    const have = this.options.supports?.[name];
    return have !== undefined && versionAtLeast(have, version);
  }

  /** Ends a cell edit: requests waiting with delayForCellEdit go ahead. */
  finishEdit(): void {
    this.state.editing = false;
    for (const resume of this.editEnded.splice(0)) resume();
  }

  private readonly running = new Set<Promise<unknown>>();

  /**
   * Called as each Excel.run starts, with its options and its number (0 for the first): where a
   * test plays a co-author, changing the workbook between the read and the write.
   */
  onRun?: (options: Record<string, unknown>, index: number) => void;

  /** Resolves once every run under way has ended (a batch may go on after its caller gave up on it). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  run<T>(options: Record<string, unknown>, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const run = this.runBatch(options, batch);
    this.running.add(run);
    void run.then(
      () => this.running.delete(run),
      () => this.running.delete(run),
    );
    return run;
  }

  private async runBatch<T>(
    options: Record<string, unknown>,
    batch: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    this.stats.runs.push({ ...options });
    for (const option of Object.keys(options)) {
      const needs = option === 'mergeUndoGroup' ? '1.20' : option === 'delayForCellEdit' ? '1.11' : null;
      if (needs && !this.isSetSupported('ExcelApi', needs))
        throw new FakeOfficeError('ApiNotFound', `The option ${option} needs ExcelApi ${needs}.`);
    }
    if (this.state.editing) {
      // The code of docs' error table (application-specific-api-error-handling.md, Excel-specific codes).
      if (!options.delayForCellEdit)
        throw new FakeOfficeError(
          'InvalidOperationInCellEditMode',
          "The operation isn't available while Excel is in Edit cell mode.",
        );
      await new Promise<void>((resolve) => this.editEnded.push(resolve));
    }
    const platform = this.options.platform ?? 'desktop';
    const refused =
      platform === 'web' && this.options.refusesUndoGroupWithDelay && options.mergeUndoGroup && options.delayForCellEdit
        ? new FakeOfficeError('GeneralException', 'There was an internal error while processing the request.')
        : null;
    this.onRun?.(options, this.stats.runs.length - 1);
    const context = new FakeRequestContext(
      this.state,
      this.stats,
      options.mergeUndoGroup === true,
      platform,
      (name, version) => this.isSetSupported(name, version),
      this.options.listSeparator ?? ',',
      refused,
    );
    try {
      return await batch(context as unknown as Excel.RequestContext);
    } finally {
      // Like Excel.run: the batch ends with a sync of whatever is still queued, even after an error.
      if (context.pending > 0) await context.sync().catch(() => undefined);
    }
  }

  resetStats(): void {
    Object.assign(this.stats, {
      syncs: 0,
      requestBytes: 0,
      responseBytes: 0,
      maxRequestBytes: 0,
      maxResponseBytes: 0,
      refusedResponses: 0,
      undoStackCleared: 0,
      refusedRuns: 0,
      runs: [],
    });
  }
}
