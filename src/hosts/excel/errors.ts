// What Excel's errors mean to a board secretary. Excel reports a failed request
// with a code from the tables of docs-pr testing/application-specific-api-error-handling.md
// ("Error codes and messages", and its Excel-specific table); its message is not
// meant for users (same page: "The error message isn't intended for consumption by
// end users"). Every code a user of Proforma can meet gets one or two plain
// sentences here that say what happened and what to do.

/** A problem the user can act on; its message is one or two plain sentences. */
export class ExcelHostError extends Error {
  override name = 'ExcelHostError';
  constructor(
    message: string,
    readonly code: string = 'Proforma',
  ) {
    super(message);
  }
}

const TOO_LARGE =
  'The workbook is too large for Excel to send in one go. Try again on the desktop version of Excel, or split the plan into smaller workbooks.';
export const CELL_EDIT =
  'Excel is busy: a cell is being edited. Press Enter or Esc to finish editing, then try again; nothing was changed.';
const CHANGED =
  'Excel could not do this to the workbook as it is now (a sheet or range may have changed meanwhile). Run Check to see it as it is, then try again.';
const UNSUPPORTED =
  'This version of Excel cannot do what Proforma asked. Update Excel, or use Excel on the desktop or on the web, then try again.';
const BUSY = 'Excel is busy or short of resources just now. Wait a moment, then try again.';

/** Plain words for each error code Excel can return to Proforma's requests. */
const FRIENDLY: Record<string, string> = {
  AccessDenied:
    'Excel refused the change: the sheet or workbook is protected, or you have read-only access. Unprotect it (Review > Unprotect) or ask for edit access, then try again.',
  ActivityLimitReached: BUSY,
  ApiNotAvailable: UNSUPPORTED,
  ApiNotFound: UNSUPPORTED,
  BadPassword: 'Excel refused the password for this workbook.',
  Conflict:
    'Someone else changed the workbook at the same moment, so Excel did not take the change. Run Check to see it as it is now, then try again.',
  FilteredRangeConflict:
    'A filter on the sheet got in the way of the change. Clear the filter (Data > Clear), then try again.',
  FormulaLengthExceedsLimit:
    'A formula Proforma wrote was longer than Excel allows; nothing more was written. Please report this, with the workbook if you can.',
  GeneralException:
    'Excel reported an unexpected problem. Save your work, then try again; if it repeats, reopen the workbook.',
  InactiveWorkbook:
    'Another workbook had the focus, so Excel would not change this one. Click into this workbook, then try again.',
  InsertDeleteConflict: CHANGED,
  // The docs' wording: "The argument is invalid or missing or has an incorrect format." Proforma's
  // requests meet it where this Excel reads addresses or lists differently (office-js#1167, #2128).
  InvalidArgument:
    'Excel did not accept part of the change as Proforma wrote it; nothing more was written. Run Check, then try again; if it repeats, please report it with your Excel version and language.',
  InvalidBinding: CHANGED,
  InvalidOperation: CHANGED,
  InvalidOperationInCellEditMode: CELL_EDIT,
  InvalidReference: CHANGED,
  InvalidRequest: CHANGED,
  InvalidSelection:
    'Excel could not select that cell just now (a chart or shape may be selected). Click a cell in the sheet, then try again.',
  ItemAlreadyExists:
    'A sheet or name Proforma wanted to add already exists, perhaps just added by someone else. Run Check again, then try again.',
  ItemNotFound:
    'A sheet changed while Proforma was working (renamed, moved or deleted). Nothing more was changed; run Check again.',
  MemoryLimitReached: BUSY,
  MergedRangeConflict:
    'Merged cells got in the way of the change. Unmerge the cells Proforma writes to, then try again.',
  NotImplemented: UNSUPPORTED,
  OperationCellsExceedLimit: TOO_LARGE,
  RangeExceedsLimit: TOO_LARGE,
  RequestAborted: 'Excel stopped the request before it finished. Try again.',
  RequestPayloadSizeLimitExceeded: TOO_LARGE,
  ResponsePayloadSizeLimitExceeded: TOO_LARGE,
  ServiceNotAvailable: 'Excel on the web could not be reached just now. Check your connection, then try again.',
  Unauthenticated: 'Excel asked you to sign in again. Sign in, then try again.',
  UndoNotSupported:
    'Excel could not group this change into one undo step and stopped; part of it may already be in the workbook. Run Check to see the workbook as it is now, then try again.',
  UnsupportedFeature: UNSUPPORTED,
  UnsupportedOperation: UNSUPPORTED,
  UnsupportedSheet: 'A chart sheet or macro sheet cannot be changed this way; nothing was changed there.',
};

/** Turns whatever Excel threw into an ExcelHostError with a message for people. */
export function explainError(error: unknown): ExcelHostError {
  if (error instanceof ExcelHostError) return error;
  const code = codeOf(error);
  if (code && FRIENDLY[code]) return new ExcelHostError(FRIENDLY[code], code);
  const message = (error as Error)?.message ?? String(error);
  return new ExcelHostError(`Excel reported a problem: ${message}`, code ?? 'Unknown');
}

/** The code of an error Excel (or the host) threw, if it has one. */
export function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Every code with a plain message: for the tests that hold each to one. */
export const EXPLAINED_CODES: readonly string[] = Object.keys(FRIENDLY);
