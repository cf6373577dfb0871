import { isDateFormatCode, readDueDate } from './dates';

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
