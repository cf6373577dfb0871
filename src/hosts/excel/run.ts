// Running a batch in Excel: Excel.run with the options asked for, a time-out per
// sync, and Excel's errors turned into plain messages (errors.ts). After a
// time-out the batch may still be running in Excel: every later use of its
// context is refused, so nothing more is written, and the message says that part
// of a change may already be in the workbook.
import { ExcelHostError, explainError } from './errors';

/** The parts of the Office.js globals the host needs: injected, so tests can pass a fake. */
export interface OfficeApi {
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
}

export const RUN_TIMEOUT_MS = 60_000;

export interface RunSettings {
  /** A change: the time-out message says part of it may be in the workbook. */
  write?: boolean;
  /**
   * Excel.run's options. By default delayForCellEdit where the running Excel has it, and for
   * a write mergeUndoGroup (ExcelApi 1.20) too; a write whose options this Excel may refuse
   * goes through session.ts instead.
   */
  options?: Excel.RunOptions;
  timeoutMs?: number;
}

/** The options a run takes where nothing else is known: wait for a cell edit; group a write's undo where Excel can. */
export function defaultOptions(api: OfficeApi, write: boolean): Excel.RunOptions {
  const options: Excel.RunOptions = {};
  // Wait for a cell edit to finish rather than fail at once (docs: excel-add-ins-delay-in-cell-edit.md).
  if (api.isSetSupported('ExcelApi', '1.11')) options.delayForCellEdit = true;
  // One undo step for the whole change (ExcelApi 1.20).
  if (write && api.isSetSupported('ExcelApi', '1.20')) options.mergeUndoGroup = true;
  return options;
}

/**
 * Excel.run with a time-out and clear errors. The limit is per sync: a long change that keeps
 * answering is not cut short.
 */
export async function runInExcel<T>(
  api: OfficeApi,
  batch: (context: Excel.RequestContext) => Promise<T>,
  { write = false, options, timeoutMs = RUN_TIMEOUT_MS }: RunSettings = {},
): Promise<T> {
  const runOptions = options ?? defaultOptions(api, write);
  let cancelled = false;
  const stopped = (): ExcelHostError =>
    new ExcelHostError(
      write
        ? `Excel did not answer within ${Math.round(timeoutMs / 1000)} seconds, so Proforma stopped; nothing more will be written, but part of the change may already be in the workbook. If a cell is being edited, finish it; then run Check to see the workbook as it is.`
        : `Excel did not answer within ${Math.round(timeoutMs / 1000)} seconds. If a cell is being edited, finish it; then try again.`,
      'Timeout',
    );
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expire: () => void = () => undefined;
  const timeout = new Promise<never>((_, reject) => {
    expire = () => {
      cancelled = true;
      reject(stopped());
    };
  });
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(expire, timeoutMs);
  };
  // Excel.run ends every batch, a failed one too, with a sync of whatever is still queued
  // (office-js: ClientRequestContext cleanup). So once timed out, the batch may queue nothing
  // more: every use of the context throws. The limit is per sync: a long change that keeps
  // answering is not cut short.
  const guarded = (context: Excel.RequestContext): Excel.RequestContext =>
    new Proxy(context, {
      get(target, property, receiver) {
        if (cancelled) throw stopped();
        if (property !== 'sync') return Reflect.get(target, property, receiver);
        return async () => {
          await target.sync();
          if (cancelled) throw stopped();
          arm();
        };
      },
    });
  arm();
  const running = api.run(runOptions, (context) => batch(guarded(context)));
  // A batch that fails after the time-out has already been reported; its error is expected.
  running.catch(() => undefined);
  timeout.catch(() => undefined);
  try {
    return await Promise.race([running, timeout]);
  } catch (error) {
    throw explainError(error);
  } finally {
    clearTimeout(timer);
  }
}
