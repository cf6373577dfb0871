// The engine's public surface: pure functions from a workbook snapshot to
// issues, numbers and plans of edits.
export * from './snapshot';
export * from './settings';
export * from './scales';
export * from './layout';
export * from './refs';
export * from './issues';
export * from './plan';
export * from './headings';
export { analyse, readiness } from './analyse';
export type { AnalyseOptions, Readiness } from './analyse';
export type {
  ActionChange,
  ActionInfo,
  ActionState,
  Baseline,
  BaselineAction,
  BaselineKind,
  ChangeKind,
  IncompleteSheet,
  Movement,
  ThemeMovement,
  PeriodStatus,
  SheetInfo,
  ThemeSheet,
  UnrecognisedSheet,
  WorkbookModel,
} from './model';
export { periodName, readPeriod } from './periods';
export {
  BASELINE_SHEET,
  MAX_LABEL,
  actionStates,
  baselineFromPlan,
  baselinePlan,
  checkLabel,
  isBaselineSheet,
  readRecordedBaseline,
  recordedWhen,
} from './baseline';
export type { RecordedBaseline } from './baseline';
export {
  atBaseline,
  changeText,
  changesBetween,
  compareWithBaseline,
  compareWithPeriods,
  countsText,
  dueText,
  hasPreviousPeriods,
  isSetback,
  movedActions,
  movementJson,
  refText,
  setbackSentences,
  sinceText,
  startOf,
  statusDirection,
  totalMovement,
} from './movement';
export type { MovedAction } from './movement';
export { fingerprint, fnv1a64 } from './fingerprint';
export type { PeriodHeading } from './periods';
export { identify, matchActions, planActions, refKey, textKey } from './identity';
export type {
  ActionIdentity,
  ActionMatch,
  ActionMatching,
  ActionRecord,
  MatchedBy,
  MatchOptions,
  PlanAction,
  Unmatched,
  UnmatchedReason,
} from './identity';
export { leftOutExplanation, summarise, summaryJson } from './summary';
export type { Summary, ThemeSummary, StatusCounts, LeftOut, TermKey } from './summary';
export {
  buildOverview,
  isOverviewStale,
  planName,
  printScale,
  quarterOf,
  rebuildPlan,
  previousName,
  themeLabels,
} from './overview';
export type { OverviewTitle } from './overview';
export {
  OVERVIEW_MARKER,
  OVERVIEW_NAME,
  markedOverviewSheet,
  quoteSheetName,
  renameInFormula,
  sheetOfReference,
} from './overview-marker';
export { colourPlan, mergesNeeded, rowsBelow } from './colour';
export * from './scale-proposal';
export * from './settings-edit';
export * from './live-colours';
export { predictSnapshot } from './predict';
export { fixPlan } from './fixes';
export { CATALOGUE, FAMILIES, colourOnlyStatus, ruleOf, isIssueCode } from './rules';
export type { Rule, Family, Finding } from './rules';
export { checksMarkdown, updateChecksDoc } from './rules/docs';
export { readDueDate, isDateFormatCode, whyNoDay } from './dates';
export { QUOTE_LIMIT, quoteCell, reportValue } from './quote';
export { findPartner, leadKey, leadKeys, partnerResolver, partnersOf, splitLeads } from './partners';
export type { NoLeadRow, Partner } from './partners';
export {
  IDENTITY_ROLES,
  RETURN_SHEET,
  UPDATE_ROLES,
  isReturnSheet,
  mergeColumns,
  planFingerprint,
  readReturnRecord,
  returnRecordRows,
} from './returns';
export type { MergeColumn, RecordedRow, ReturnRecord } from './returns';
export { hiddenOwnRows, isoDay, packFileName, packPlan } from './packs';
export type { PackOptions } from './packs';
export { REASONS, cellId, mergeNeedsAttention, mergeReturns, returnChangesNothing, sameValue } from './merge';
export type { ListedCell, ListedRow, MergeOptions, MergeResult, ReturnInput, ReturnReport } from './merge';
