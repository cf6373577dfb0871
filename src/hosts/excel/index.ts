// The Excel host: Office.js reads the workbook into the engine's snapshot in a
// fixed few syncs, and applies a plan made from that read as one change. It
// decides nothing about action plans. One concern a file:
//
//   errors.ts       Excel's error codes in plain words
//   run.ts          Excel.run with a time-out; the Office.js globals it needs (OfficeApi)
//   session.ts      what this Excel accepts, learnt once: undo grouping options (office-js#6711)
//   multi-area.ts   several areas in one address, in every locale (office-js#1167)
//   read-plan.ts    planning a read within the 5 MB limit (pure)
//   read.ts         the read: snapshot and receipt
//   live-read.ts    Proforma's rules and lists, the board's validation, merged areas
//   write.ts        the write: sheets, then one change from a load of its own
//   live-write.ts   live colours written without removing a co-author's rules or lists
//   content.ts      a planned sheet's content (the overview) as write steps
//   text.ts         text kept as text when written to Range.values
//   settings.ts     the settings sheet, read alone and saved
//   select.ts       selecting an issue's cell
//   file.ts         the workbook as a file (getFileAsync's slices), and a new workbook from one
//   office.ts       the real Office.js globals behind OfficeApi
export { ExcelHostError, explainError, EXPLAINED_CODES } from './errors';
export { RUN_TIMEOUT_MS, runInExcel, defaultOptions } from './run';
export type { OfficeApi, RunSettings } from './run';
export { ExcelSession, runChange } from './session';
export type { Grouping, UndoStep, WriteMark } from './session';
export { areaAddresses, knownListSeparator, probeListSeparator } from './multi-area';
export {
  BYTES_PER_CELL,
  MAX_CELLS,
  PAYLOAD_BUDGET,
  extentsOf,
  firstWindow,
  firstWindows,
  halve,
  outsideWindow,
  planReads,
  regroup,
} from './read-plan';
export type { Block, SheetExtents } from './read-plan';
export { readSnapshot, toCellValue } from './read';
export type { ReadReceipt, ReadResult } from './read';
export { columnParts, readMerges } from './live-read';
export type { MergeQuestion, RuleHandle, ValidationKind, ValidationPart } from './live-read';
export {
  applyPlan,
  applyStructure,
  contentOf,
  loadNow,
  nowAsRead,
  queueWrites,
  refuseIfProtected,
  structureOf,
  writePlan,
} from './write';
export type { Now, SkippedFix, WriteNotes, WriteResult } from './write';
export { moveFormula } from './live-write';
export type { ListNotWritten } from './live-write';
export { styledAreas } from './content';
export { literal, wouldBeParsed } from './text';
export { ensureSettingsSheet, readSettingsSheet, saveSettings, writeSettings } from './settings';
export { selectCell } from './select';
export { MAX_SLICE, fileUnsupported, openAsNewWorkbook, readDocumentFile, toBase64 } from './file';
export type { AsyncResultLike, FileLike, OfficeFiles, SliceLike } from './file';
