// What one Excel has been found to accept, learnt once and kept for the session
// (the pane's lifetime): the run options a change can be grouped with, and the list
// separator its getRanges reads. A session is an object the caller holds and passes
// in; nothing here is module state.
//
// Run options, probed rather than assumed. A change is one undo step where Excel
// groups it: Excel.run({ delayForCellEdit, mergeUndoGroup }) (ExcelApi 1.20; docs-pr
// excel-add-ins-undo-capabilities.md, "Undo grouping"). Excel on the web has been
// reported to throw RichApi.Error as soon as that pair is passed (office-js#6711;
// office-js#6255: an internal error with mergeUndoGroup alone), before anything is
// written. So the first change tries the pair, then mergeUndoGroup alone, then no
// grouping, each only while nothing has been written, and the session keeps the first
// that works. Excel may also refuse to group a large change part-way with
// UndoNotSupported (office-js#6491): that change is made again ungrouped — safe,
// because every write decides what it deletes and overwrites from a load made in its
// own run (write.ts) — and the session is not changed, as the refusal depends on size.
import { codeOf } from './errors';
import { OfficeApi, RunSettings, runInExcel } from './run';

/** How this Excel takes a change: grouped with delayForCellEdit, grouped without it, or not grouped. */
export type Grouping = 'grouped' | 'grouped-without-delay' | 'not-grouped';

export class ExcelSession {
  /** How changes run on this Excel; undefined until the first change has run. */
  grouping: Grouping | undefined = undefined;
  /**
   * The separator this Excel's Worksheet.getRanges takes between areas: "," in English,
   * ";" where the regional list separator is ";" (office-js#1167, #1985); null where
   * neither worked; undefined until probed (multi-area.ts).
   */
  listSeparator: ',' | ';' | null | undefined = undefined;
}

/** How a change was made, for the message: one undo step, or not, and why not. */
export type UndoStep =
  /** The whole change is one undo step. */
  | 'grouped'
  /** This Excel refused to group it (office-js#6711, #6491): each part undoes on its own. */
  | 'refused'
  /** This Excel has no undo grouping (before ExcelApi 1.20). */
  | 'unsupported';

/** Codes that say what went wrong by themselves: no other options would help. */
const MEANINGFUL = new Set([
  'AccessDenied',
  'ItemNotFound',
  'ItemAlreadyExists',
  'InvalidOperationInCellEditMode',
  'RequestPayloadSizeLimitExceeded',
  'ResponsePayloadSizeLimitExceeded',
  'Timeout',
  'TooLarge',
  'Proforma',
  'PropertyNotLoaded',
  'Unauthenticated',
  'ServiceNotAvailable',
]);

function optionsFor(api: OfficeApi, grouping: Grouping): Excel.RunOptions {
  const delay = api.isSetSupported('ExcelApi', '1.11');
  if (grouping === 'grouped')
    return delay ? { delayForCellEdit: true, mergeUndoGroup: true } : { mergeUndoGroup: true };
  if (grouping === 'grouped-without-delay') return { mergeUndoGroup: true };
  return delay ? { delayForCellEdit: true } : {};
}

/** Tells a change's run when it starts writing: up to then, a failure changed nothing. */
export interface WriteMark {
  writing(): void;
}

/**
 * Runs a change as one undo step where this Excel allows it (see the head of this file). The
 * batch calls mark.writing() before its first sync that changes anything.
 */
export async function runChange<T>(
  api: OfficeApi,
  session: ExcelSession,
  batch: (context: Excel.RequestContext, mark: WriteMark) => Promise<T>,
  settings: Omit<RunSettings, 'options' | 'write'> = {},
): Promise<{ value: T; undo: UndoStep }> {
  const attempt = (options: Excel.RunOptions) => {
    let wrote = false;
    const mark: WriteMark = { writing: () => (wrote = true) };
    return {
      wrote: () => wrote,
      run: () => runInExcel(api, (context) => batch(context, mark), { ...settings, write: true, options }),
    };
  };
  if (!api.isSetSupported('ExcelApi', '1.20')) {
    const value = await attempt(optionsFor(api, 'not-grouped')).run();
    return { value, undo: 'unsupported' };
  }
  const order: Grouping[] = ['grouped', 'grouped-without-delay', 'not-grouped'];
  const candidates = session.grouping ? order.slice(order.indexOf(session.grouping)) : order;
  // Options that come to the same (no delayForCellEdit on this Excel) are tried once.
  const tried = new Set<string>();
  let first: unknown;
  for (const grouping of candidates) {
    const options = optionsFor(api, grouping);
    if (tried.has(JSON.stringify(options))) continue;
    tried.add(JSON.stringify(options));
    const run = attempt(options);
    try {
      const value = await run.run();
      session.grouping = grouping;
      return { value, undo: grouping === 'not-grouped' ? 'refused' : 'grouped' };
    } catch (error) {
      const code = codeOf(error);
      if (run.wrote()) {
        // Refused part-way for its size (office-js#6491): this change again, ungrouped.
        if (code === 'UndoNotSupported' && grouping !== 'not-grouped') {
          const value = await attempt(optionsFor(api, 'not-grouped')).run();
          return { value, undo: 'refused' };
        }
        throw error;
      }
      first ??= error;
      // A known session's options failing is the change's own problem, as is any meaningful code.
      if (session.grouping !== undefined || MEANINGFUL.has(code ?? '')) throw error;
    }
  }
  throw first;
}
