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
export type { Analysis, AnalyseOptions, ActionInfo, ThemeSheet, SheetInfo, Readiness } from './analyse';
export { leftOutExplanation, summarise, summaryJson } from './summary';
export type { Summary, ThemeSummary, StatusCounts, LeftOut, TermKey } from './summary';
export { buildOverview, isOverviewStale, rebuildPlan, previousName } from './overview';
export {
  OVERVIEW_MARKER,
  OVERVIEW_NAME,
  markedOverviewSheet,
  quoteSheetName,
  renameInFormula,
  sheetOfReference,
} from './overview-marker';
export { colourPlan, mergesNeeded } from './colour';
export * from './live-colours';
export { predictSnapshot } from './predict';
export { fixPlan } from './fixes';
export { CATALOGUE, FAMILIES, ruleOf, isIssueCode } from './rules';
export type { Rule, Family } from './rules';
export { checksMarkdown, updateChecksDoc } from './rules/docs';
export { readDueDate, isDateFormatCode } from './dates';
