// Loaded in the browser in place of office.js: the fake Excel behind the real
// task pane, seeded with a workbook by the test, and a handle for the test to
// inspect the workbook and press ribbon buttons.
import type { WorkbookSnapshot } from '../../src/engine';
import { FakeExcel } from '../fake-excel';
import { loadSnapshot } from '../fake-excel/from-snapshot';

type Handler = (event: { completed: () => void; source: { id: string } }) => void;

export interface FakeOfficeHandle {
  fake: FakeExcel;
  completed: number;
  taskpaneShown: number;
  invoke(name: string): Promise<void>;
  /** The user shows the task pane again (Office.addin's VisibilityModeChanged, SharedRuntime 1.1). */
  show(): void;
}

/** Office.context.officeTheme's colours, as Office reports them. */
export interface FakeOfficeTheme {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
  controlBackgroundColor: string;
  controlForegroundColor: string;
}

export interface FakeOfficeSeed {
  snapshot: WorkbookSnapshot;
  theme?: FakeOfficeTheme;
  /** Cells set after loading, as a user would type them (e.g. a stray value far out that makes the workbook too large). */
  edits?: Array<[sheet: string, address: string, value: string]>;
  /** The workbook as Office hands it over as a file (getFileAsync), Base64; none when not given. */
  file?: string;
  /** Office.context.document.url: the workbook's path or address. */
  url?: string;
}

declare global {
  interface Window {
    __PROFORMA_SEED__: FakeOfficeSeed;
    __fakeOffice: FakeOfficeHandle;
  }
}

const LIGHT: FakeOfficeTheme = {
  bodyBackgroundColor: '#FFFFFF',
  bodyForegroundColor: '#000000',
  controlBackgroundColor: '#FFFFFF',
  controlForegroundColor: '#000000',
};

const seed = window.__PROFORMA_SEED__;
const fake = new FakeExcel({
  supports: { ExcelApi: '1.20', SharedRuntime: '1.1', File: '1.1', CompressedFile: '1.1' },
});
loadSnapshot(fake.state, seed.snapshot);
if (seed.file) fake.document.file = Uint8Array.from(atob(seed.file), (c) => c.charCodeAt(0));
for (const [sheet, address, value] of seed.edits ?? []) fake.state.set(sheet, address, value);
const actions = new Map<string, Handler>();
const visibilityHandlers: Array<(message: { visibilityMode: string }) => void> = [];

const handle: FakeOfficeHandle = {
  fake,
  completed: 0,
  taskpaneShown: 0,
  show() {
    for (const handler of visibilityHandlers) handler({ visibilityMode: 'Taskpane' });
  },
  invoke(name) {
    const handler = actions.get(name);
    if (!handler) return Promise.reject(new Error(`No function registered as ${name}`));
    return new Promise((resolve) =>
      handler({
        source: { id: name },
        completed: () => {
          handle.completed++;
          resolve();
        },
      }),
    );
  },
};

const globals = window as unknown as Record<string, unknown>;
globals.Excel = {
  run: (options: unknown, batch?: unknown) =>
    typeof options === 'function'
      ? fake.run({}, options as never)
      : fake.run(options as Record<string, unknown>, batch as never),
  createWorkbook: (base64?: string) => fake.createWorkbook(base64),
};
globals.Office = {
  onReady: (callback?: (info: { host: string; platform: string }) => void) => {
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    setTimeout(() => callback?.(info), 0);
    return Promise.resolve(info);
  },
  context: {
    requirements: { isSetSupported: (name: string, version: string) => fake.isSetSupported(name, version) },
    officeTheme: seed.theme ?? LIGHT,
    document: {
      url: seed.url ?? null,
      getFileAsync: (fileType: string, options: { sliceSize?: number }, callback: (result: unknown) => void) =>
        fake.document.getFileAsync(fileType, options, callback),
    },
  },
  // The enums' values as Microsoft's client library defines them (@microsoft/office-js, dist/excel-*-16.00.debug.js).
  FileType: { Compressed: 'compressed', Pdf: 'pdf', Text: 'text' },
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  actions: { associate: (name: string, handler: Handler) => actions.set(name, handler) },
  VisibilityMode: { hidden: 'Hidden', taskpane: 'Taskpane' },
  addin: {
    showAsTaskpane: async () => {
      handle.taskpaneShown++;
    },
    onVisibilityModeChanged: async (handler: (message: { visibilityMode: string }) => void) => {
      visibilityHandlers.push(handler);
      return async () => {
        visibilityHandlers.splice(visibilityHandlers.indexOf(handler), 1);
      };
    },
  },
};
window.__fakeOffice = handle;
