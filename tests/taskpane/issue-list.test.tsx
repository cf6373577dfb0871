/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The issue list on its own: filtered by severity, folded by sheet, rendered a
// page at a time, each issue naming its action and its fix.
import * as React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { IssueList, PAGE_SIZE, issueKey, type IssueListProps } from '../../src/taskpane/components/IssueList';
import { actionLabel, actionOf, actionsByRow } from '../../src/taskpane/issue-actions';
import { analyse, type Issue } from '../../src/engine';
import { TODAY, action, themeSheet, workbook } from '../fixtures/snapshots';
import './helpers';

const issue = (over: Partial<Issue>): Issue => ({
  severity: 'warning',
  code: 'lead-missing',
  sheet: 'A',
  cell: 'D4',
  message: 'This action has no lead partner.',
  ...over,
});

const ISSUES: Issue[] = [
  issue({
    sheet: 'A',
    cell: 'F3',
    severity: 'error',
    code: 'rag-invalid',
    message: 'RAG value "X" is not on the scale.',
  }),
  issue({ sheet: 'A', cell: 'F5', code: 'rag-nonstandard', message: 'Write A.', fix: { value: 'A' } }),
  issue({ sheet: 'A', cell: 'D6' }),
  issue({ sheet: 'B', cell: 'F3', severity: 'error', code: 'rag-missing', message: 'No RAG.' }),
  issue({ sheet: 'Notes', cell: 'A1', severity: 'info', code: 'sheet-skipped', message: 'Not a plan.' }),
];

function list(props: Partial<IssueListProps> = {}) {
  const selected: Issue[] = [];
  const fixed: Array<[Issue, string | null]> = [];
  const all: IssueListProps = {
    issues: ISSUES,
    sheets: ['A', 'B', 'Notes'],
    busy: false,
    onSelect: (i) => selected.push(i),
    onFix: (i, next) => fixed.push([i, next]),
    ...props,
  };
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <IssueList {...all} />
    </FluentProvider>,
  );
  return {
    selected,
    fixed,
    rerender: (p: Partial<IssueListProps>) =>
      view.rerender(
        <FluentProvider theme={webLightTheme}>
          <IssueList {...all} {...p} />
        </FluentProvider>,
      ),
  };
}

const shownIssues = (): string[] =>
  [...document.querySelectorAll('button[id^="proforma-issue-"]')].map(
    (b) => b.getAttribute('aria-label')!.split(':')[0],
  );

describe('IssueList', () => {
  it('filters by severity, with the count of each, and brings them back', () => {
    list();
    expect(shownIssues()).toEqual(['Error at F3', 'Warning at F5', 'Warning at D6', 'Error at F3']);
    const warnings = screen.getByLabelText('Warnings: 2');
    expect(warnings.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(warnings);
    expect(warnings.getAttribute('aria-pressed')).toBe('false');
    expect(shownIssues()).toEqual(['Error at F3', 'Error at F3']);
    // A sheet left with nothing to show goes; the others say what is shown.
    fireEvent.click(screen.getByLabelText('Errors: 2'));
    fireEvent.click(screen.getByLabelText('Notes: 1'));
    expect(shownIssues()).toEqual([]);
    expect(screen.getByText(/^No issues shown/)).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Warnings: 2'));
    expect(shownIssues()).toEqual(['Warning at F5', 'Warning at D6']);
  });

  it('folds and opens each sheet; a sheet of notes only starts folded and renders nothing until opened', () => {
    list();
    expect(screen.queryByLabelText('Issues on Notes')).toBeNull();
    fireEvent.click(screen.getByLabelText('A: 1 error, 2 warnings'));
    expect(screen.queryByLabelText('Issues on A')).toBeNull();
    expect(shownIssues()).toEqual(['Error at F3']);
    fireEvent.click(screen.getByLabelText('Notes: 1 note'));
    expect(shownIssues()).toEqual(['Error at F3', 'Note at A1']);
    fireEvent.click(screen.getByLabelText('A: 1 error, 2 warnings'));
    expect(screen.getByLabelText('Issues on A')).toBeTruthy();
  });

  it('opens the sheets with errors and warnings when a later check finds them, until the user folds or opens one', () => {
    const { rerender } = list({ issues: [ISSUES[4]] });
    expect(screen.queryByLabelText('Issues on Notes')).toBeNull();
    rerender({ issues: ISSUES });
    expect(shownIssues()).toEqual(['Error at F3', 'Warning at F5', 'Warning at D6', 'Error at F3']);
    // Once the user folds one, their choice stands through the next check.
    fireEvent.click(screen.getByLabelText('A: 1 error, 2 warnings'));
    rerender({ issues: ISSUES.slice(0, 4) });
    expect(shownIssues()).toEqual(['Error at F3']);
  });

  it('names the new value on each Fix, and says which issue comes next', () => {
    const { fixed, selected } = list();
    const fix = screen.getByLabelText('Fix F5: set to A');
    expect(fix.textContent).toBe('Fix → A');
    expect(screen.queryByLabelText(/^Fix F3/)).toBeNull();
    fireEvent.click(fix);
    expect(fixed.map(([i, next]) => [i.cell, next])).toEqual([['F5', issueKey(ISSUES[2])]]);
    fireEvent.click(screen.getByLabelText(/^Warning at D6/));
    expect(selected.map((i) => i.cell)).toEqual(['D6']);
  });

  it('marks the selected issue', () => {
    const { rerender } = list({ selected: issueKey(ISSUES[2]) });
    expect(screen.getByLabelText(/^Warning at D6/).getAttribute('aria-current')).toBe('true');
    expect(screen.getByLabelText(/^Warning at F5/).getAttribute('aria-current')).toBeNull();
    rerender({ selected: issueKey(ISSUES[1]) });
    expect(screen.getByLabelText(/^Warning at F5/).getAttribute('aria-current')).toBe('true');
  });

  it('with many issues opens only the first sheet, shows a page of it, and more on request with focus on the first new one', () => {
    const many = [
      ...Array.from({ length: PAGE_SIZE + 7 }, (_, i) => issue({ sheet: 'A', cell: `D${i + 4}` })),
      ...Array.from({ length: 3 }, (_, i) => issue({ sheet: 'B', cell: `D${i + 4}` })),
    ];
    list({ issues: many, sheets: ['A', 'B'] });
    expect(shownIssues()).toHaveLength(PAGE_SIZE);
    expect(screen.queryByLabelText('Issues on B')).toBeNull();
    fireEvent.click(screen.getByText('Show 7 more (7 not shown)'));
    expect(shownIssues()).toHaveLength(PAGE_SIZE + 7);
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(`Warning at D${PAGE_SIZE + 4}:`);
    expect(screen.queryByText(/^Show \d+ more/)).toBeNull();
  });

  it("names each issue's action by its ref and the start of its text, from the analysis", () => {
    const analysis = analyse(
      workbook(
        themeSheet('Prevention', [
          action('PE1'),
          action('PE2', 'G', { lead: null, actions: 'Develop a diversion scheme for young people across the county' }),
          action(null, 'A', { priority: null, actions: 'Train the staff', evidence: null }),
        ]),
      ),
      { today: TODAY },
    );
    const byRow = actionsByRow(analysis);
    list({
      issues: analysis.issues,
      sheets: ['Prevention'],
      actionOf: (i) => {
        const found = actionOf(i, byRow);
        return found ? actionLabel(found) : null;
      },
    });
    expect(screen.getByLabelText(/^Warning at D4/).getAttribute('aria-label')).toBe(
      'Warning at D4, PE2 · Develop a diversion scheme for young people across the county: ' +
        analysis.issues.find((i) => i.cell === 'D4')!.message,
    );
    // A row continuing a group has the group's ref.
    expect(screen.getByLabelText(/^Warning at G5, PE2 · Train the staff:/)).toBeTruthy();
  });
});
