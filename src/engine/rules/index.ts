// The rules' public face: the catalogue, and runCatalogue, which analyse() calls
// to turn the rules' findings into issues.
import type { Issue } from '../issues';
import { CATALOGUE } from './catalogue';
import type { RuleContext } from './rule';

export type { IssueCode } from './catalogue';
export { CATALOGUE, isIssueCode, ruleOf, severityOf } from './catalogue';
export type { Family, Finding, Rule, RuleContext, RefEntry, Severity } from './rule';
export { FAMILIES } from './rule';
export { colourOnlyStatus } from './status';

/** Runs every rule the board has not switched off; issues come in catalogue order (sorted later). */
export function runCatalogue(context: RuleContext, switchedOff: readonly string[], only?: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  for (const rule of CATALOGUE) {
    if (rule.severity !== 'error' && switchedOff.includes(rule.code)) continue;
    if (only && !only.includes(rule.code)) continue;
    rule.check(context, ({ sheet, cell, message, fix }) => {
      const issue: Issue = { severity: rule.severity, code: rule.code, sheet, cell, message };
      if (fix !== undefined) issue.fix = { value: fix };
      issues.push(issue);
    });
  }
  return issues;
}
