// The pane's logic without React: the verdict and next step, the theme from
// Office's colours, and which action an issue is about.
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { analyse, predictSnapshot, readiness, rebuildPlan, summarise, type Analysis } from '../../src/engine';
import { TODAY, action, sheet, themeSheet, workbook } from '../fixtures/snapshots';
import { paneTheme, isDark } from '../../src/taskpane/theme';
import { verdictOf } from '../../src/taskpane/verdict';
import { actionLabel, actionOf, actionsByRow } from '../../src/taskpane/issue-actions';

const checkOf = (analysis: Analysis) => ({ analysis, summary: summarise(analysis), readiness: readiness(analysis) });
const check = (...sheets: Parameters<typeof workbook>) => checkOf(analyse(workbook(...sheets), { today: TODAY }));

describe('verdictOf', () => {
  it('offers Fix all first while there are certain fixes, counting them', () => {
    const verdict = verdictOf(check(themeSheet('Prevention', [action('PE1', 'Amber '), action('PE2', 'Purple')])));
    expect(verdict).toMatchObject({ title: '1 error, 1 warning', intent: 'error', next: 'fix-all', fixable: 1 });
    expect(verdict.detail).toBe('Not ready to send: correct the errors. There is no overview yet; rebuild it.');
  });

  it('offers Rebuild overview when nothing is left to fix and the overview is missing', () => {
    const verdict = verdictOf(check(themeSheet('Prevention', [action('PE1', 'G', { lead: null })])));
    expect(verdict).toMatchObject({ title: 'Not ready to send', intent: 'warning', next: 'rebuild', fixable: 0 });
    expect(verdict.detail).toBe('There is no overview yet; rebuild it. 1 warning to look at.');
  });

  it('says Ready to send, and offers to check again, once the overview is built and nothing is wrong', () => {
    const plan = workbook(themeSheet('Prevention', [action('PE1')]));
    const built = predictSnapshot(plan, rebuildPlan(plan, analyse(plan, { today: TODAY }), TODAY));
    expect(verdictOf(checkOf(analyse(built, { today: TODAY })))).toEqual({
      title: 'Ready to send',
      detail: 'No errors, and the overview is up to date.',
      intent: 'success',
      next: 'check',
      fixable: 0,
      hasPlan: true,
    });
  });

  it('checking again is the next step when no theme sheet can be read', () => {
    expect(verdictOf(check(sheet('Notes', [['Read me']])))).toMatchObject({ next: 'check', intent: 'error' });
  });
});

describe('paneTheme', () => {
  it("paints the page with Office's body colour and its text with Office's, on Fluent's dark theme", () => {
    const theme = paneTheme({
      bodyBackgroundColor: '#1f1f1f',
      bodyForegroundColor: '#FFFFFF',
      controlBackgroundColor: '#2E2E2E',
      controlForegroundColor: '#FFFFFF',
    });
    expect(theme.colorNeutralBackground2).toBe('#1F1F1F');
    expect(theme.colorNeutralBackground1).toBe('#2E2E2E');
    expect(theme.colorNeutralForeground1).toBe('#FFFFFF');
    expect(theme.colorBrandBackground).toBe(webDarkTheme.colorBrandBackground);
  });

  it("is Fluent's light theme where Office reports nothing usable", () => {
    expect(paneTheme(undefined)).toEqual(webLightTheme);
    expect(paneTheme({ bodyBackgroundColor: 'white' })).toEqual(webLightTheme);
    expect(isDark('#262626')).toBe(true);
    expect(isDark('#F3F2F1')).toBe(false);
  });
});

describe('which action an issue is about', () => {
  const analysis = analyse(
    workbook(
      themeSheet('Prevention', [
        ['PE1', 'Priority one', null, null, null, null, null], // a priority's own row, no action on it
        action(null, 'G', { priority: null, actions: '  Develop   a diversion scheme\nfor young people ' }),
        action('PE2', 'Purple'),
      ]),
      sheet('Numbered', [
        ['Ref', 'Actions', 'RAG'],
        [12, 'Review the cohort', 'X'],
      ]),
    ),
    { today: TODAY },
  );
  const byRow = actionsByRow(analysis);
  const label = (sheetName: string, cell: string) => {
    const found = actionOf({ severity: 'error', code: 'rag-invalid', sheet: sheetName, cell, message: '' }, byRow);
    return found ? actionLabel(found) : null;
  };

  it('names the ref of the row’s group and the start of its action text, on one line', () => {
    expect(label('Prevention', 'C3')).toBe('PE1 · Priority one');
    expect(label('Prevention', 'F4')).toBe('PE1 · Develop a diversion scheme for young people');
    expect(label('Prevention', 'F5')).toBe('PE2 · Do the thing');
  });

  it('writes "Ref 12" for a bare number, and nothing for a cell on no action row', () => {
    expect(label('Numbered', 'C2')).toBe('Ref 12 · Review the cohort');
    expect(label('Prevention', 'A2')).toBeNull();
    expect(label('Notes', 'A1')).toBeNull();
  });

  it('cuts long action text', () => {
    const long = analyse(workbook(themeSheet('P', [action('P1', 'G', { actions: 'word '.repeat(40) })])), {
      today: TODAY,
    });
    const text = actionsByRow(long).get('P')!.get(2)!.text;
    expect(text.length).toBeLessThanOrEqual(80);
    expect(text.endsWith('…')).toBe(true);
  });
});
