// The fake's workbook as a file (Document.getFileAsync, the Common API) and new workbooks
// made from one (Excel.createWorkbook), as strict as the docs say real Office is. Sources
// (office-js-docs-reference, office-js-docs-pr, OfficeDev/office-js issues) are cited where
// each behaviour is modelled; docs/office-js-facts.md §14 collects them.
import { unzipSync } from 'fflate';

/** An Office AsyncResult as the callbacks get it (office.asyncresult.yml): status, value, error. */
export interface FakeAsyncResult<T> {
  status: 'succeeded' | 'failed';
  value: T;
  error?: { code: number; name: string; message: string };
}

export interface FakeSlice {
  /** office.slice.yml: "data" is typed any; the official Excel sample handles it as a plain array of bytes. */
  data: number[];
  index: number;
  size: number;
}

/** GetFileOptions.sliceSize: "The maximum (and the default) is 4194304 (4MB)." (office.getfileoptions.yml) */
export const MAX_SLICE_SIZE = 4_194_304;

function failed<T>(code: number, name: string, message: string): FakeAsyncResult<T> {
  return { status: 'failed', value: undefined as T, error: { code, name, message } };
}

/** What the fake Excel it belongs to answers: its requirement sets (an iPad is an Excel without CompressedFile). */
export interface FakeDocumentHost {
  isSetSupported(name: string, version: string): boolean;
}

/**
 * Office.context.document as the fake models it: `file` is the workbook as Office hands it over
 * (a test sets the bytes of the workbook as saved).
 */
export class FakeDocument {
  file: Uint8Array | null = null;
  /** Files opened by getFileAsync and not closed yet. */
  open = 0;
  /** Every getFileAsync call's options, and every slice asked for, in order: what a test asserts on. */
  readonly calls: Array<{ sliceSize: number } | { slice: number } | 'close'> = [];
  /** Fails every getFileAsync with this error code (11001: a network problem, office-js#98, #5297). */
  failWith: number | null = null;

  constructor(private readonly host: FakeDocumentHost) {}

  /**
   * Document.getFileAsync(fileType, options, callback). Modelled:
   * - the compressed (.xlsx) type needs the CompressedFile set; Excel on iPad has none and the docs'
   *   table says "Not supported" there: the call fails with 1009, "The specified file type is not
   *   supported" (docs-pr javascript-api-for-office-error-codes.md);
   * - a slice size over 4194304 fails "Internal Error" (office.document.yml: "specifying file slice
   *   size of above permitted limit will result in an 'Internal Error' failure"), code 5001;
   * - "No more than two documents are allowed to be in memory; otherwise the Document.getFileAsync
   *   operation will fail" (office.file.yml, closeAsync): a third fails. The docs name no code for
   *   it; the fake says 5001 (Internal Error), the code Office gives its other refusals here;
   * - the callback comes later, never during the call (an asynchronous API).
   */
  getFileAsync(
    fileType: string,
    options: { sliceSize?: number },
    callback: (result: FakeAsyncResult<FakeFile>) => void,
  ): void {
    const sliceSize = options.sliceSize ?? MAX_SLICE_SIZE;
    this.calls.push({ sliceSize });
    const answer = (result: FakeAsyncResult<FakeFile>): void => void setTimeout(() => callback(result), 0);
    if (fileType !== 'compressed' || !this.host.isSetSupported('CompressedFile', '1.1'))
      return answer(failed(1009, 'Invalid File Type', 'The specified file type is not supported.'));
    if (this.failWith !== null)
      return answer(failed(this.failWith, 'Network Error', 'A network problem has prevented retrieval of the file.'));
    if (sliceSize > MAX_SLICE_SIZE || sliceSize < 1)
      return answer(failed(5001, 'Internal Error', 'An internal error has occurred.'));
    if (this.open >= 2)
      return answer(
        failed(5001, 'Internal Error', 'No more than two documents are allowed to be in memory; close one first.'),
      );
    if (!this.file) throw new Error('FakeDocument: a test must set the file Office hands over (fake.document.file).');
    this.open++;
    answer({ status: 'succeeded', value: new FakeFile(this, this.file.slice(), sliceSize) });
  }
}

/** Office.File (office.file.yml): size, sliceCount, getSliceAsync, closeAsync. */
export class FakeFile {
  private closed = false;
  readonly size: number;
  readonly sliceCount: number;

  constructor(
    private readonly document: FakeDocument,
    private readonly bytes: Uint8Array,
    private readonly sliceSize: number,
  ) {
    this.size = bytes.length;
    this.sliceCount = Math.max(1, Math.ceil(bytes.length / sliceSize));
  }

  /** getSliceAsync(sliceIndex, callback): "Returns the specified slice"; zero-based index. A closed file has none. */
  getSliceAsync(index: number, callback: (result: FakeAsyncResult<FakeSlice>) => void): void {
    this.document.calls.push({ slice: index });
    const answer = (result: FakeAsyncResult<FakeSlice>): void => void setTimeout(() => callback(result), 0);
    if (this.closed) return answer(failed(5001, 'Internal Error', 'The file is closed.'));
    if (!Number.isInteger(index) || index < 0 || index >= this.sliceCount)
      return answer(failed(5001, 'Internal Error', `There is no slice ${index}.`));
    const part = this.bytes.subarray(index * this.sliceSize, Math.min((index + 1) * this.sliceSize, this.size));
    answer({ status: 'succeeded', value: { data: Array.from(part), index, size: part.length } });
  }

  /** closeAsync(callback?): "Closes the document file." Closing twice changes nothing. */
  closeAsync(callback?: (result: FakeAsyncResult<void>) => void): void {
    this.document.calls.push('close');
    if (!this.closed) this.document.open--;
    this.closed = true;
    setTimeout(() => callback?.({ status: 'succeeded', value: undefined }), 0);
  }
}

/**
 * Excel.createWorkbook(base64) (ExcelApi 1.8, docs-ref excel.yml): "Creates and opens a new
 * workbook. Optionally, the workbook can be pre-populated with a Base64-encoded .xlsx file." What
 * is not Base64 of a workbook package is refused as Excel refuses a file it cannot take,
 * "The argument is invalid, missing or has an incorrect format." (office-js#2537). The new
 * workbook cannot be named (office-js#3184): the fake keeps its bytes, nothing else.
 */
export function createWorkbook(
  host: FakeDocumentHost,
  created: Uint8Array[],
  base64: string | undefined,
  error: (code: string, message: string) => Error,
): Promise<void> {
  if (!host.isSetSupported('ExcelApi', '1.8'))
    return Promise.reject(error('ApiNotFound', 'The API you are trying to use could not be found (ExcelApi 1.8).'));
  if (base64 === undefined) {
    created.push(new Uint8Array());
    return Promise.resolve();
  }
  const invalid = error('InvalidArgument', 'The argument is invalid, missing or has an incorrect format.');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) return Promise.reject(invalid);
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  try {
    if (!('xl/workbook.xml' in unzipSync(bytes, { filter: (f) => f.name === 'xl/workbook.xml' })))
      return Promise.reject(invalid);
  } catch {
    return Promise.reject(invalid);
  }
  created.push(bytes);
  return Promise.resolve();
}
