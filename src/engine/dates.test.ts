import { isDateFormatCode, readDue, readDueDate } from './dates';
import { formatDay } from './snapshot';

describe('date number formats (both hosts read dates by them)', () => {
  it.each([
    ['dd/mm/yyyy', true],
    ['d-mmm-yy', true],
    ['[$-409]mmmm yyyy;@', true],
    ['yyyy-mm-dd h:mm', true],
    ['mmm', true],
    ['h:mm', false],
    ['[h]:mm:ss', false],
    ['mm:ss', false],
    ['General', false],
    ['0.00', false],
    ['"Due "0', false],
    ['#,##0 "days"', false],
  ])('%s → %s', (code, isDate) => {
    expect(isDateFormatCode(code)).toBe(isDate);
  });

  it('reads due dates written as text', () => {
    expect(readDueDate({ kind: 'text', text: '31/10/2012' })).toBe(41213);
  });
});

describe('due dates as boards write them', () => {
  const day = (text: string): string | undefined => {
    const serial = readDueDate({ kind: 'text', text });
    return serial === undefined ? undefined : formatDay(serial);
  };

  it('reads periods as their last day: months, quarters of a financial year, financial years', () => {
    expect(day('March 2026')).toBe('31 Mar 2026');
    expect(day('Mar-26')).toBe('31 Mar 2026');
    expect(day('Q4 2025/26')).toBe('31 Mar 2026');
    expect(day('Quarter 2 2026-27')).toBe('30 Sep 2026');
    expect(day('2026/27 Q1')).toBe('30 Jun 2026');
    expect(day('by end of Q3 2026/27')).toBe('31 Dec 2026');
    expect(day('2025/26')).toBe('31 Mar 2026');
    expect(day('FY25/26')).toBe('31 Mar 2026');
  });

  it('reads a day with an ordinal as that day, not the end of its month', () => {
    expect(day('1st March 2026')).toBe('1 Mar 2026');
    expect(day('31-03-2026')).toBe('31 Mar 2026');
  });

  it('reads no date from words, a calendar quarter or a day and month without a year', () => {
    for (const text of ['Ongoing', 'TBC', 'Quarterly', 'Annually', 'Q4 2025', '11/12'])
      expect(readDue({ kind: 'text', text })).toEqual({ impossible: [] });
  });

  it('says why a written date does not exist', () => {
    expect(readDue({ kind: 'text', text: '29/02/2027' }).impossible).toEqual([
      { text: '29/02/2027', why: 'February 2027 has 28 days' },
    ]);
    expect(readDue({ kind: 'text', text: '29/02/2028' })).toEqual({ serial: 46812, impossible: [] });
    expect(readDue({ kind: 'text', text: '0/3/2026' }).impossible[0].why).toBe('there is no day 0');
    expect(readDue({ kind: 'text', text: '31/03/202' }).impossible[0].why).toBe('the year 202 has three digits');
  });
});
