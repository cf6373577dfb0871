// The catalogue of checks (SPEC §3): every rule, in the order the docs and
// `proforma rules` list them. analyse() runs it; the settings read it for
// the warnings a board may switch off.
import type { IssueCode, Severity } from '../issues';
import { Issue } from '../issues';
import { Rule, RuleContext } from './rule';
import { cellError, evidenceMissing, leadMissing, outcomeMissing } from './completeness';
import { overdue } from './dates';
import { refDuplicate, refFormat, refMissing, refPrefix, refSequence } from './refs';
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

export type { Family, Rule, RuleContext, RefEntry } from './rule';
export { FAMILIES } from './rule';

// Keyed by code so the compiler insists on exactly one rule per issue code.
const BY_CODE: Record<IssueCode, Rule> = {
  'no-proforma': noProforma,
  'sheet-skipped': sheetSkipped,
  'sheet-unrecognised': sheetUnrecognised,
  'column-missing': columnMissing,
  'settings-invalid': settingsInvalid,
  'overview-stale': overviewStale,
  'ref-missing': refMissing,
  'ref-format': refFormat,
  'ref-prefix': refPrefix,
  'ref-duplicate': refDuplicate,
  'ref-sequence': refSequence,
  'rag-missing': ragMissing,
  'rag-colour-only': ragColourOnly,
  'rag-invalid': ragInvalid,
  'rag-nonstandard': ragNonstandard,
  'scale-mismatch': scaleMismatch,
  'term-missing': termMissing,
  'term-invalid': termInvalid,
  'lead-missing': leadMissing,
  'outcome-missing': outcomeMissing,
  'evidence-missing': evidenceMissing,
  'cell-error': cellError,
  overdue: overdue,
};

export const CATALOGUE: readonly Rule[] = Object.freeze(
  (Object.entries(BY_CODE) as Array<[IssueCode, Rule]>).map(([code, rule]) => {
    if (rule.code !== code) throw new Error(`rule ${rule.code} is filed under ${code}`);
    return rule;
  }),
);

export function ruleOf(code: IssueCode): Rule {
  return BY_CODE[code];
}

export function severityOf(code: IssueCode): Severity {
  return BY_CODE[code].severity;
}

export function isIssueCode(code: string): code is IssueCode {
  return Object.prototype.hasOwnProperty.call(BY_CODE, code);
}

/** Runs every rule the board has not switched off; issues come in catalogue order (sorted later). */
export function runCatalogue(context: RuleContext, switchedOff: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  for (const rule of CATALOGUE) {
    if (rule.severity !== 'error' && switchedOff.includes(rule.code)) continue;
    rule.check(context, (sheet, cell, message, fix) => {
      const issue: Issue = { severity: rule.severity, code: rule.code, sheet, cell, message };
      if (fix !== undefined) issue.fix = { value: fix };
      issues.push(issue);
    });
  }
  return issues;
}
