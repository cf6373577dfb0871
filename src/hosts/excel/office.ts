// The real Office.js globals behind the host's OfficeApi and OfficeFiles interfaces.
import type { FileLike, OfficeFiles } from './file';
import type { OfficeApi } from './run';

export function officeApi(): OfficeApi {
  return {
    run: (options, batch) => Excel.run(options, batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  };
}

/** The real Common API and Excel calls behind OfficeFiles (a pack from the file, opened as a new workbook). */
export function officeFiles(): OfficeFiles {
  return {
    getFileAsync: (options, callback) =>
      Office.context.document.getFileAsync(Office.FileType.Compressed, options, (result) =>
        callback({
          status: result.status === Office.AsyncResultStatus.Succeeded ? 'succeeded' : 'failed',
          value: result.value as unknown as FileLike,
          error: result.error
            ? { code: result.error.code, name: result.error.name, message: result.error.message }
            : undefined,
        }),
      ),
    createWorkbook: (base64) => Excel.createWorkbook(base64),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  };
}
