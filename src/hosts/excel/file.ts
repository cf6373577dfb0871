// The workbook as a file, and a new workbook from one (SPEC §7.4, "Partner packs"): a pack
// is made from the file as Office gives it (Document.getFileAsync, the Common API) and
// opened with Excel.createWorkbook. What the docs say of both, with sources, is in
// docs/office-js-facts.md (§14, "The workbook as a file").
//
// getFileAsync: requirement sets File and CompressedFile (office.document.yml; the
// CompressedFile set lists Excel on the web, Windows and Mac, not iPad). The file comes in
// slices of at most 4 MB ("specifying file slice size of above permitted limit will result
// in an 'Internal Error' failure"), each a byte array; slices are read one after another as
// every official sample does, into one array of the file's size. "No more than two
// documents are allowed to be in memory; otherwise the Document.getFileAsync operation
// will fail": the file is closed (closeAsync) on every path. Each call is given a time-out,
// as Excel.run is (run.ts). createWorkbook: ExcelApi 1.8, "Creates and opens a new
// workbook … pre-populated with a Base64-encoded .xlsx file"; its name cannot be set
// (office-js#3184), and on a Mac it may open behind this window (office-js#6943).
import { ExcelHostError } from './errors';
import { RUN_TIMEOUT_MS } from './run';

/** An Office AsyncResult, as the Common API's callbacks get it. */
export interface AsyncResultLike<T> {
  status: 'succeeded' | 'failed';
  value: T;
  error?: { code: number; name?: string; message: string };
}

export interface SliceLike {
  /** The slice's bytes (a byte array for the compressed file type). */
  data: ArrayLike<number>;
  index: number;
  size: number;
}

export interface FileLike {
  size: number;
  sliceCount: number;
  getSliceAsync(index: number, callback: (result: AsyncResultLike<SliceLike>) => void): void;
  closeAsync(callback?: (result: AsyncResultLike<void>) => void): void;
}

/** The parts of Office.js a pack needs beyond Excel.run: injected, so tests pass the fake. */
export interface OfficeFiles {
  /** Office.context.document.getFileAsync(Office.FileType.Compressed, options, callback). */
  getFileAsync(options: { sliceSize: number }, callback: (result: AsyncResultLike<FileLike>) => void): void;
  /** Excel.createWorkbook(base64) (ExcelApi 1.8). */
  createWorkbook(base64: string): Promise<void>;
  isSetSupported(name: string, version: string): boolean;
}

/** The largest slice Office gives, and its default (office.getfileoptions.yml). */
export const MAX_SLICE = 4_194_304;

const COMMAND_LINE = 'Make the packs with the command line instead: proforma packs <plan.xlsx> -o <folder>.';

/** Why this Excel cannot give Proforma the workbook as a file; null when it can. */
export function fileUnsupported(files: OfficeFiles): string | null {
  if (!files.isSetSupported('File', '1.1') || !files.isSetSupported('CompressedFile', '1.1'))
    return `This Excel cannot give Proforma the workbook as a file (Excel on iPad cannot, nor older Excel). ${COMMAND_LINE}`;
  return null;
}

/** The Common API's error codes a user can meet here, in plain words (docs-pr javascript-api-for-office-error-codes.md). */
function fileError(error: AsyncResultLike<unknown>['error']): ExcelHostError {
  const code = error?.code;
  const why =
    code === 1007
      ? 'The workbook is too large for Excel to hand over as a file.'
      : code === 1009
        ? 'This Excel does not hand over the workbook as an .xlsx file (Excel on the web may not).'
        : code === 11001
          ? 'A network problem stopped Excel handing over the workbook; reloading the page may help.'
          : code === 5001
            ? 'Excel reported an internal error handing over the workbook (it may have run short of memory or time).'
            : `Excel could not hand over the workbook as a file${error?.message ? ` (${error.message})` : ''}.`;
  return new ExcelHostError(`${why} ${COMMAND_LINE}`, `File${code ?? ''}`);
}

function withTimeout<T>(
  start: (done: (value: T) => void, fail: (error: unknown) => void) => void,
  ms: number,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new ExcelHostError(
            `Excel did not hand over the workbook within ${Math.round(ms / 1000)} seconds. ${COMMAND_LINE}`,
            'Timeout',
          ),
        ),
      ms,
    );
    start(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * The open workbook's file as Office gives it: its slices, read one after another into one
 * array, the file closed whatever happens.
 */
export async function readDocumentFile(
  files: OfficeFiles,
  { sliceSize = MAX_SLICE, timeoutMs = RUN_TIMEOUT_MS }: { sliceSize?: number; timeoutMs?: number } = {},
): Promise<Uint8Array> {
  const unsupported = fileUnsupported(files);
  if (unsupported) throw new ExcelHostError(unsupported, 'ApiNotFound');
  const file = await withTimeout<FileLike>(
    (done, fail) =>
      files.getFileAsync({ sliceSize: Math.min(sliceSize, MAX_SLICE) }, (result) =>
        result.status === 'succeeded' ? done(result.value) : fail(fileError(result.error)),
      ),
    timeoutMs,
  );
  try {
    const bytes = new Uint8Array(file.size);
    let at = 0;
    for (let index = 0; index < file.sliceCount; index++) {
      const slice = await withTimeout<SliceLike>(
        (done, fail) =>
          file.getSliceAsync(index, (result) =>
            result.status === 'succeeded' ? done(result.value) : fail(fileError(result.error)),
          ),
        timeoutMs,
      );
      if (at + slice.data.length > bytes.length)
        throw new ExcelHostError(`Excel handed over more of the workbook than it said it had. ${COMMAND_LINE}`);
      bytes.set(slice.data, at);
      at += slice.data.length;
    }
    if (at !== bytes.length) throw new ExcelHostError(`Excel handed over only part of the workbook. ${COMMAND_LINE}`);
    return bytes;
  } finally {
    // Closed on every path: a third open file makes getFileAsync fail (office.file.yml, closeAsync).
    file.closeAsync();
  }
}

/** Bytes as Base64, as createWorkbook takes a file (in chunks: a whole file at once overflows the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, Math.min(i + 0x8000, bytes.length)));
  return btoa(binary);
}

/** Opens bytes of an .xlsx file as a new workbook (Excel.createWorkbook, ExcelApi 1.8). */
export async function openAsNewWorkbook(files: OfficeFiles, bytes: Uint8Array): Promise<void> {
  if (!files.isSetSupported('ExcelApi', '1.8'))
    throw new ExcelHostError('This Excel cannot open a new workbook for Proforma (ExcelApi 1.8).', 'ApiNotFound');
  try {
    await files.createWorkbook(toBase64(bytes));
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    throw new ExcelHostError(`Excel could not open the pack as a new workbook (${message}).`, 'CreateWorkbook');
  }
}
