// The catalogue of checks (SPEC §3): every rule, in the order the docs and
// `proforma rules` list them. The issue codes are the rules' own: IssueCode is
// the union of their `code` literals, so adding a rule adds its code.
import { cellError, evidenceMissing, leadMissing, outcomeMissing } from './completeness';
import { dueInvalid, overdue } from './dates';
import { dueSlipped, updateUnchanged } from './moved';
import { refColumnMissing, refDuplicate, refFormat, refMissing, refPrefix, refSequence } from './refs';
import type { Rule, Severity } from './rule';
import {
  ragColourOnly,
  ragInvalid,
  ragMissing,
  ragNonstandard,
  scaleMismatch,
  termInvalid,
  termMissing,
} from './status';
import { columnMissing, noProforma, overviewStale, settingsInvalid, sheetSkipped, sheetUnrecognised } from './workbook';

const RULES = [
  noProforma,
  sheetSkipped,
  sheetUnrecognised,
  columnMissing,
  settingsInvalid,
  overviewStale,
  refColumnMissing,
  refMissing,
  refFormat,
  refPrefix,
  refDuplicate,
  refSequence,
  ragMissing,
  ragColourOnly,
  ragInvalid,
  ragNonstandard,
  scaleMismatch,
  termMissing,
  termInvalid,
  leadMissing,
  outcomeMissing,
  evidenceMissing,
  cellError,
  dueInvalid,
  overdue,
  updateUnchanged,
  dueSlipped,
] as const;

/** Every issue code: the codes of the catalogue's rules. */
export type IssueCode = (typeof RULES)[number]['code'];

export const CATALOGUE: readonly Rule<IssueCode>[] = Object.freeze([...RULES]);

const BY_CODE: ReadonlyMap<string, Rule<IssueCode>> = new Map(CATALOGUE.map((rule) => [rule.code, rule]));
if (BY_CODE.size !== CATALOGUE.length) throw new Error('Two rules of the catalogue have the same code.');

export function ruleOf(code: IssueCode): Rule<IssueCode> {
  return BY_CODE.get(code)!;
}

export function severityOf(code: IssueCode): Severity {
  return ruleOf(code).severity;
}

export function isIssueCode(code: string): code is IssueCode {
  return BY_CODE.has(code);
}
