// Every check of the catalogue is seen to work: it fires on a case of its own
// (tests/fixtures/rule-cases.ts), at the cell the case names and with its fix,
// and the clean plan gives no check anything to report.
import { analyse } from '../analyse';
import { CATALOGUE, IssueCode, isIssueCode, ruleOf } from './catalogue';
import { PLAN_SHEET, RULE_CASES, cleanPlan } from '../../../tests/fixtures/rule-cases';
import { TODAY } from '../../../tests/fixtures/snapshots';

describe('the catalogue', () => {
  it('has a case for every rule, and a rule for every case', () => {
    const codes = CATALOGUE.map((rule) => rule.code);
    expect(codes.filter((code) => !Object.prototype.hasOwnProperty.call(RULE_CASES, code))).toEqual([]);
    expect(Object.keys(RULE_CASES).filter((code) => !codes.includes(code as IssueCode))).toEqual([]);
  });

  it('is keyed by code: one rule each, found by its code', () => {
    expect(new Set(CATALOGUE.map((rule) => rule.code)).size).toBe(CATALOGUE.length);
    for (const rule of CATALOGUE) expect(ruleOf(rule.code)).toBe(rule);
    expect(isIssueCode('rag-missing')).toBe(true);
    expect(isIssueCode('no-such-check')).toBe(false);
    // IssueCode is the union of the rules' codes, not any string.
    // @ts-expect-error: not a code of the catalogue
    const notACode: IssueCode = 'no-such-check';
    expect(notACode).toBe('no-such-check');
  });

  it('reports nothing on a clean plan (a fresh overview included)', () => {
    const analysis = analyse(cleanPlan(), { today: TODAY });
    expect(analysis.themes.map((t) => [t.name, t.actions.length])).toEqual([[PLAN_SHEET, 3]]);
    expect(analysis.overviewSheet?.name).toBe('Overview');
    expect(analysis.issues).toEqual([]);
  });

  it.each(CATALOGUE.map((rule) => [rule.code, rule.severity] as const))(
    '%s (%s) fires on its own case, once, at its cell',
    (code) => {
      const { workbook, at, fix } = RULE_CASES[code];
      const issues = analyse(workbook(), { today: TODAY }).issues.filter((issue) => issue.code === code);
      expect(issues.map((issue) => `${issue.sheet}!${issue.cell}`)).toEqual([at]);
      expect(issues[0].severity).toBe(ruleOf(code).severity);
      expect(issues[0].fix?.value).toBe(fix);
    },
  );
});
