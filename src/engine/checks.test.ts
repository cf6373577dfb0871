import { analyse } from './analyse';
import { Issue, IssueCode } from './issues';
import { DEFAULT_SETTINGS } from './settings';
import { Raw, TODAY, action, sheet, themeSheet, workbook } from '../../tests/fixtures/snapshots';
import { SheetSnapshot } from './snapshot';

function issuesOf(...sheets: SheetSnapshot[]): Issue[] {
  return analyse(workbook(...sheets), { today: TODAY }).issues;
}

function only(code: IssueCode, issues: Issue[]): Issue[] {
  return issues.filter((i) => i.code === code);
}

const clean = (): SheetSnapshot => themeSheet('Prevention', [action('PE1'), action('PE2', 'A'), action('PE3', 'R')]);

describe('a clean proforma', () => {
  it('has no issues at all', () => {
    expect(issuesOf(clean())).toEqual([]);
  });
});

describe('sheet-skipped and column-missing', () => {
  it('skips a sheet with no header row, as info at A1', () => {
    const issues = issuesOf(clean(), sheet('Notes', [['How to fill this in'], ['Use R, A or G']]));
    expect(only('sheet-skipped', issues)).toEqual([
      expect.objectContaining({ severity: 'info', sheet: 'Notes', cell: 'A1' }),
    ]);
    expect(only('sheet-skipped', issues)[0].message).toMatch(/^Sheet "Notes" has no action-plan header row/);
  });

  it("names the board's own overview as such, not as a sheet without a header row", () => {
    const issues = issuesOf(clean(), sheet('Overview', [['Quarterly summary'], ['Prevention', 'R 0', 'A 2']]));
    expect(only('sheet-skipped', issues).map((i) => i.message)).toEqual([
      'Sheet "Overview" looks like the board\'s own overview: it is kept as it is and not checked (Rebuild makes Proforma\'s own overview).',
    ]);
  });

  it('reports a missing RAG column at the header row and checks nothing else there', () => {
    const s = sheet('Diversion', [
      ['Diversion'],
      [null, 'Ref', 'Actions', 'Lead', 'Outcome measure'],
      [null, 'bad ref!', 'x', '', ''],
    ]);
    const issues = issuesOf(s);
    expect(issues).toEqual([expect.objectContaining({ code: 'column-missing', severity: 'error', cell: 'B2' })]);
    expect(issues[0].message).toContain('RAG');
  });

  it('column-missing says how to map the missing column, and what each heading was read as', () => {
    const s = sheet('Plan', [
      ['Ref', 'Action', 'Lead', 'Progress score', 'Notes'],
      [1, 'x', 'Police', 3, ''],
    ]);
    expect(only('column-missing', issuesOf(s))[0].message).toBe(
      'The header row has no RAG column, so this sheet\'s actions cannot be checked or counted; map the heading that holds it in the settings (column:<heading> = rag); its headings were read as: "Ref" ref, "Lead" lead, "Progress score" evidence, "Notes" not used.',
    );
  });
});

describe('refs', () => {
  it('ref-missing: a new priority without a ref, and the first action row without one', () => {
    const s = themeSheet('P', [action(null), action('PE2'), action(null, 'G', { priority: 'A new priority' })]);
    expect(only('ref-missing', issuesOf(s)).map((i) => i.cell)).toEqual(['A3', 'A5']);
  });

  it('ref-missing: continuation rows (no ref, no new priority) are fine', () => {
    const s = themeSheet('P', [action('PE1'), action(null, 'A', { priority: null })]);
    expect(only('ref-missing', issuesOf(s))).toEqual([]);
  });

  it('ref-format: normalisable refs get a fix; others are errors without one', () => {
    const s = themeSheet('P', [action('PE1'), action('pe 2'), action('PE-3'), action(' PE4'), action('PE5a')]);
    const issues = only('ref-format', issuesOf(s));
    expect(issues.map((i) => [i.cell, i.fix?.value])).toEqual([
      ['A4', 'PE2'],
      ['A5', 'PE3'],
      ['A6', 'PE4'],
      ['A7', undefined],
    ]);
    expect(issues[0].message).toBe('Ref "pe 2" should be written PE2 (upper case, no spaces or dashes).');
  });

  it('ref-format: a ref with an invisible character pasted in is that ref, with a fix that names the character', () => {
    const s = themeSheet('P', [action('PE1'), action('PE2\u200b'), action('PE3')]);
    const issues = issuesOf(s);
    expect(only('ref-format', issues)).toEqual([
      expect.objectContaining({
        cell: 'A4',
        fix: { value: 'PE2' },
        message: 'Ref "PE2[zero-width space]" has an invisible character (zero-width space) in it; write just PE2.',
      }),
    ]);
    expect(only('ref-sequence', issues)).toEqual([]);
  });

  it('ref-prefix: a ref with another prefix than the sheet’s', () => {
    const s = themeSheet('Offender Management', [action('OM1'), action('OM2'), action('PE3')]);
    const issues = only('ref-prefix', issuesOf(s));
    expect(issues).toEqual([expect.objectContaining({ cell: 'A5', severity: 'error' })]);
    expect(issues[0].message).toContain('OM');
  });

  it('ref-prefix: the prefix set in the settings wins over the majority', () => {
    const s = themeSheet('OM', [action('XX1'), action('XX2'), action('OM3')]);
    const a = analyse(workbook(s), { today: TODAY, settings: { ...DEFAULT_SETTINGS, prefixes: { OM: 'OM' } } });
    expect(only('ref-prefix', a.issues).map((i) => i.cell)).toEqual(['A3', 'A4']);
  });

  it('ref-duplicate: the same ref starting two groups, reported at the later one, across sheets too', () => {
    const a = themeSheet('A', [action('PE1'), action('PE2'), action('PE2')]);
    const issues = only('ref-duplicate', issuesOf(a));
    expect(issues.map((i) => i.cell)).toEqual(['A5']);
    const n1 = themeSheet('One', [action(1), action(2)]);
    const n2 = themeSheet('Two', [action(3), action(2)]);
    expect(only('ref-duplicate', issuesOf(n1, n2))).toEqual([expect.objectContaining({ sheet: 'Two', cell: 'A4' })]);
  });

  it('ref-sequence: gaps and backward steps within a sheet (prefixed)', () => {
    const s = themeSheet('P', [action('PE1'), action('PE3'), action('PE2')]);
    const issues = only('ref-sequence', issuesOf(s));
    expect(issues.map((i) => [i.cell, i.severity])).toEqual([
      ['A4', 'warning'],
      ['A5', 'warning'],
    ]);
    expect(issues[0].message).toContain('skips PE2');
  });

  it('ref-sequence: prefixed refs restart at 1 on each sheet, numbered refs rise across sheets', () => {
    expect(only('ref-sequence', issuesOf(themeSheet('P', [action('PE1')]), themeSheet('O', [action('OM1')])))).toEqual(
      [],
    );
    const ok = issuesOf(themeSheet('One', [action(1), action(2)]), themeSheet('Two', [action(3)]));
    expect(only('ref-sequence', ok)).toEqual([]);
    const restart = issuesOf(themeSheet('One', [action(1), action(2)]), themeSheet('Two', [action(4)]));
    expect(only('ref-sequence', restart)).toEqual([expect.objectContaining({ sheet: 'Two', cell: 'A3' })]);
  });

  it('a cell listing several refs ("01 & 02") answers each: counted for uniqueness and sequence, never ref-format', () => {
    const listed = issuesOf(
      themeSheet('One', [action(1), action('02 & 03'), action('4, 5 and 6')]),
      themeSheet('Two', [action(7), action('8 & 10'), action('5')]),
    );
    expect(only('ref-format', listed)).toEqual([]);
    // 9 skipped inside a list, 5 answered already by a list: each listed ref counts.
    expect(only('ref-sequence', listed).map((i) => [i.sheet, i.cell, i.message])).toEqual([
      ['Two', 'A4', 'Ref 10 skips 9; refs should run without gaps across the workbook.'],
    ]);
    expect(only('ref-duplicate', listed).map((i) => [i.sheet, i.cell])).toEqual([['Two', 'A5']]);
    const prefixed = analyse(workbook(themeSheet('P', [action('PE1 & PE2'), action('PE3')])), { today: TODAY });
    expect(prefixed.scheme).toBe('prefixed');
    expect(prefixed.issues).toEqual([]);
  });

  it('detects the numbered scheme from the majority and flags the odd prefixed ref', () => {
    const a = analyse(workbook(themeSheet('One', [action(1), action('2'), action('PE3')])), { today: TODAY });
    expect(a.scheme).toBe('numbered');
    const issues = only('ref-format', a.issues);
    expect(issues.map((i) => [i.cell, i.fix])).toEqual([['A5', undefined]]);
  });
});

describe('RAG', () => {
  const rag = (value: Raw): Issue[] => issuesOf(themeSheet('P', [action('PE1', value)]));

  it('rag-missing: an action row with no RAG', () => {
    expect(only('rag-missing', rag(null))).toEqual([expect.objectContaining({ cell: 'F3', severity: 'error' })]);
    expect(only('rag-missing', rag('G'))).toEqual([]);
  });

  it('rag-nonstandard: a recognised spelling gets the code as its fix', () => {
    expect(only('rag-nonstandard', rag('Amber '))).toEqual([
      expect.objectContaining({ severity: 'warning', cell: 'F3', fix: { value: 'A' } }),
    ]);
    expect(only('rag-nonstandard', rag('A'))).toEqual([]);
  });

  it('rag-nonstandard: a status with an invisible character pasted in is read as its status, and the character named', () => {
    expect(only('rag-nonstandard', rag('G\u200b'))).toEqual([
      expect.objectContaining({
        cell: 'F3',
        fix: { value: 'G' },
        message: 'RAG value "G[zero-width space]" has an invisible character (zero-width space) in it; write just G.',
      }),
    ]);
    expect(only('rag-invalid', rag('G\u200b'))).toEqual([]);
    expect(only('rag-nonstandard', rag('\ufeffAm\u00adber'))).toEqual([
      expect.objectContaining({ fix: { value: 'A' } }),
    ]);
    // A non-breaking space is a space: "G" with one after it is "G " with spaces around it.
    expect(only('rag-nonstandard', rag('G\u00a0'))[0]).toMatchObject({ fix: { value: 'G' } });
    expect(only('rag-nonstandard', rag('G\u00a0'))[0].message).toContain('has spaces around it');
    // Nothing but an invisible character is no status at all.
    expect(only('rag-missing', rag('\u200b'))).toHaveLength(1);
  });

  it('rag-invalid names invisible characters rather than printing them', () => {
    const [issue] = only('rag-invalid', rag('Purple\u200b'));
    expect(issue.message).toBe('RAG value "Purple[zero-width space]" is not on the scale; use one of R, A, G, W.');
  });

  it('rag-invalid: values not on the scale, without a fix', () => {
    for (const value of ['Amber/ Green', 'Red/Amber', 1, true, 'B']) {
      const issues = rag(value);
      expect(only('rag-invalid', issues)).toHaveLength(1);
      expect(issues.some((i) => i.fix)).toBe(false);
    }
    expect(only('rag-invalid', rag('B'))[0].message).toContain('settings');
  });
});

describe('term', () => {
  const withTerm = (term: Raw): Issue[] =>
    issuesOf(
      sheet('T', [
        ['Ref', 'Actions', 'S M L', 'RAG'],
        [1, 'x', term, 'G'],
      ]),
    );

  it('term-missing only where a term column exists', () => {
    expect(only('term-missing', withTerm(null))).toEqual([
      expect.objectContaining({ severity: 'warning', cell: 'C2' }),
    ]);
    expect(only('term-missing', issuesOf(clean()))).toEqual([]);
  });

  it('term-invalid for values off the term scale; c/f is fine after a code', () => {
    expect(only('term-invalid', withTerm('Soon'))).toEqual([expect.objectContaining({ severity: 'error' })]);
    expect(only('term-invalid', withTerm('c/f'))).toHaveLength(1);
    for (const ok of ['S', 'M c/f', 'L (c/f)', 'Medium', 'long cf']) expect(withTerm(ok)).toEqual([]);
  });
});

describe('lead, outcome and evidence', () => {
  it('lead-missing and outcome-missing are warnings on the cell', () => {
    const issues = issuesOf(themeSheet('P', [action('PE1', 'G', { lead: '  ', outcome: null })]));
    expect(only('lead-missing', issues)).toEqual([expect.objectContaining({ cell: 'D3', severity: 'warning' })]);
    expect(only('outcome-missing', issues)).toEqual([expect.objectContaining({ cell: 'E3', severity: 'warning' })]);
  });

  it('outcome-missing only where the column exists', () => {
    const s = sheet('T', [
      ['Ref', 'Actions', 'Lead', 'RAG'],
      ['PE1', 'x', 'Police', 'G'],
    ]);
    expect(issuesOf(s)).toEqual([]);
  });

  it('evidence-missing for Red and Amber rows only', () => {
    const issues = issuesOf(
      themeSheet('P', [
        action('PE1', 'R', { evidence: null }),
        action('PE2', 'A', { evidence: '' }),
        action('PE3', 'G', { evidence: null }),
      ]),
    );
    expect(only('evidence-missing', issues).map((i) => i.cell)).toEqual(['G3', 'G4']);
  });
});

describe('cell-error', () => {
  it('reports each Excel error value in an action row', () => {
    const issues = issuesOf(themeSheet('P', [action('PE1', { error: '#REF!' }, { outcome: { error: '#N/A' } })]));
    expect(only('cell-error', issues).map((i) => [i.cell, i.message.includes('#')])).toEqual([
      ['E3', true],
      ['F3', true],
    ]);
    expect(only('rag-invalid', issues)).toEqual([]);
  });

  it('a text that merely looks like an error is not a cell error', () => {
    expect(only('cell-error', issuesOf(themeSheet('P', [action('PE1', 'G', { outcome: '#N/A in source' })])))).toEqual(
      [],
    );
  });
});

describe('overdue', () => {
  const due = (value: Raw, rag: Raw): Issue[] =>
    issuesOf(
      sheet('T', [
        ['Ref', 'Actions', 'By When', 'RAG', 'Update'],
        [1, 'x', value, rag, 'u'],
      ]),
    );

  it('warns when the due date has passed and the RAG is not G, W or B', () => {
    expect(only('overdue', due({ date: '2026-09-30' }, 'A'))).toEqual([
      expect.objectContaining({ cell: 'C2', severity: 'warning' }),
    ]);
    // The date as a board paper writes it, the status by its name.
    expect(only('overdue', due({ date: '2026-09-30' }, 'A'))[0].message).toBe(
      'This action was due by 30 Sep 2026 and is still rated Amber; update the RAG or agree a new date.',
    );
    expect(only('overdue', due('Oct 2012', 'R'))).toHaveLength(1);
    expect(only('overdue', due('31/10/2026', 'A'))).toHaveLength(1);
  });

  it('stays quiet for done actions, future dates and text with no date', () => {
    expect(only('overdue', due({ date: '2026-09-30' }, 'G'))).toEqual([]);
    expect(only('overdue', due({ date: '2026-09-30' }, 'W'))).toEqual([]);
    expect(only('overdue', due({ date: '2027-03-31' }, 'A'))).toEqual([]);
    expect(only('overdue', due('Nov 2026', 'A'))).toEqual([]); // end of this month
    expect(only('overdue', due('Ongoing', 'A'))).toEqual([]);
    expect(only('overdue', due('Jul 2011 by Dec 2030', 'A'))).toEqual([]);
  });

  it('reads a quarter of a financial year as the end of that quarter', () => {
    // Today is 20 Nov 2026: Q2 2026/27 ended on 30 Sep 2026, Q3 ends on 31 Dec 2026.
    expect(only('overdue', due('Q2 2026/27', 'A'))[0].message).toBe(
      'This action was due by 30 Sep 2026 and is still rated Amber; update the RAG or agree a new date.',
    );
    expect(only('overdue', due('Q3 2026/27', 'A'))).toEqual([]);
    expect(only('overdue', due('2025/26', 'R'))[0].message).toContain('due by 31 Mar 2026');
  });
});

describe('due-invalid', () => {
  const due = (value: Raw, rag: Raw = 'A'): Issue[] =>
    issuesOf(
      sheet('T', [
        ['Ref', 'Actions', 'By When', 'RAG', 'Update'],
        [1, 'x', value, rag, 'u'],
      ]),
    );

  it('calls a date that does not exist that, at the due cell', () => {
    expect(only('due-invalid', due('31/02/2026'))).toEqual([
      expect.objectContaining({
        cell: 'C2',
        severity: 'warning',
        message: '31/02/2026 is not a date (February 2026 has 28 days); write the day this action is due.',
      }),
    ]);
    expect(only('due-invalid', due('2026-02-30'))[0].message).toBe(
      '2026-02-30 is not a date (February 2026 has 28 days); write the day this action is due.',
    );
    expect(only('due-invalid', due('2026-13-01'))[0].message).toContain('there is no month 13');
    expect(only('due-invalid', due('31 Feb 2026'))[0].message).toMatch(/^31 Feb 2026 is not a date/);
  });

  it('says how a date written month first reads, day first', () => {
    expect(only('due-invalid', due('03/31/2026'))[0].message).toBe(
      '03/31/2026 is not a date (dates are read day first, and there is no month 31); if it means 31 March 2026, write 31/03/2026.',
    );
  });

  it('leaves words, periods and real dates alone', () => {
    for (const value of [
      'Ongoing',
      'TBC',
      'Quarterly',
      'Q4 2025/26',
      'March 2026',
      'Mar-26',
      '31.03.2026',
      '31/03/2026',
    ])
      expect(only('due-invalid', due(value))).toEqual([]);
    expect(only('due-invalid', due({ date: '2026-02-28' }))).toEqual([]);
  });

  it('an impossible date is not read as overdue, a real one beside it is', () => {
    expect(only('overdue', due('31/02/2026'))).toEqual([]);
    expect(only('overdue', due('Jul 2026, was 31/02/2026'))).toHaveLength(1);
  });
});

describe('issue order and shape', () => {
  it('groups by sheet in workbook order, errors first, and names one cell', () => {
    const a = themeSheet('A', [action('PE1', 'Amber'), action('PE2', null)]);
    const b = themeSheet('B', [action('OM1', 'Red/Amber')]);
    const issues = issuesOf(b, a);
    expect(issues.map((i) => [i.sheet, i.severity, i.cell])).toEqual([
      ['B', 'error', 'F3'],
      ['A', 'error', 'F4'],
      ['A', 'warning', 'F3'],
    ]);
    for (const issue of issues) expect(issue.message).toMatch(/^[A-Z].*\.$/);
  });
});
