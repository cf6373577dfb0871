/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The task pane's components with the real operations over the fake Excel:
// what a partner sees and what their clicks do to the workbook.
import * as React from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createOperations } from '../src/addin/operations';
import { App } from '../src/taskpane/components/App';
import { IssueList } from '../src/taskpane/components/IssueList';
import { ReadyBanner } from '../src/taskpane/components/ReadyBanner';
import type { Issue } from '../src/engine';
import { EXAMPLE_DATE, exampleSnapshot } from '../scripts/make-examples';
import { FakeExcel } from './fake-excel';
import { loadSnapshot } from './fake-excel/from-snapshot';

function setup(file = 'norfolk-2019-refresh.xlsx') {
  const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
  loadSnapshot(fake.state, exampleSnapshot(file));
  const operations = createOperations(fake, () => EXAMPLE_DATE);
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <App operations={operations} />
    </FluentProvider>,
  );
  return { fake, user };
}

async function issuesFor(sheet: string): Promise<HTMLElement> {
  return screen.findByRole('region', { name: new RegExp(`^${sheet}:`) });
}

describe('task pane', () => {
  it('checks again when the workbook may have changed behind it (shown again, a ribbon command)', async () => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    loadSnapshot(fake.state, exampleSnapshot('norfolk-2019-refresh.xlsx'));
    const operations = createOperations(fake, () => EXAMPLE_DATE);
    const view = (refreshKey: number) => (
      <FluentProvider theme={webLightTheme}>
        <App operations={operations} refreshKey={refreshKey} />
      </FluentProvider>
    );
    const { rerender } = render(view(0));
    expect(await screen.findByText(/3 theme sheets, 17 actions; no overview yet/)).toBeTruthy();
    // Someone rebuilds the overview from the ribbon; the pane is told and checks again.
    await createOperations(fake, () => EXAMPLE_DATE).rebuild();
    rerender(view(1));
    expect(await screen.findByText(/3 theme sheets, 17 actions; overview "Overview"/)).toBeTruthy();
  });

  it('checks on opening: what it recognised, and the issues grouped by sheet, errors first', async () => {
    setup();
    expect(await screen.findByText(/3 theme sheets, 17 actions; no overview yet/)).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Actions by status' }).textContent).toContain('R Red: 2');
    expect(screen.getByText(/Offender Management \(OM\): 9 actions/)).toBeTruthy();
    const om = await issuesFor('Offender Management');
    const items = within(om).getAllByRole('button', { name: /^(Error|Warning)/ });
    expect(items.map((b) => b.getAttribute('aria-label')?.split(':')[0])).toEqual([
      'Error at A6',
      'Error at E7',
      'Error at F11',
    ]);
    expect(screen.getByText('Not ready to send')).toBeTruthy();
  });

  it('clicking an issue selects its cell in Excel', async () => {
    const { fake, user } = setup();
    const om = await issuesFor('Offender Management');
    await user.click(within(om).getByRole('button', { name: /^Error at F11/ }));
    await waitFor(() => expect(fake.state.selection).toEqual({ sheet: 'Offender Management', address: 'F11' }));
  });

  it('Fix changes that one cell; Fix all (N) changes every certain one', async () => {
    const { fake, user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Fix A6: change it to OM2' }));
    await waitFor(() => expect(fake.state.value('Offender Management', 'A6')).toBe('OM2'));
    expect(fake.state.value('Prevention & Early Intervention', 'F5')).toBe('Amber ');
    expect(await screen.findByText('Fixed 1 cell.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Fix all (5)' }));
    await waitFor(() => expect(fake.state.value('Prevention & Early Intervention', 'F5')).toBe('A'));
    expect(fake.state.value('Rehabilitation & Resettlement', 'A5')).toBe('RR2');
    expect(await screen.findByRole('button', { name: 'Fix all (0)' })).toHaveProperty('disabled', true);
  });

  it('shows Ready to send once the errors are gone and the overview is rebuilt', async () => {
    const { fake, user } = setup();
    await screen.findByText(/17 actions/);
    fake.state.set('Prevention & Early Intervention', 'F9', 'G');
    fake.state.set('Offender Management', 'E7', 'DA cohort reoffending rate');
    fake.state.set('Offender Management', 'F11', 'A');
    await user.click(screen.getByRole('button', { name: 'Fix all (6)' }));
    await screen.findByText('Fixed 6 cells.');
    expect(screen.getByText('Not ready to send')).toBeTruthy();
    expect(screen.getByText(/There is no overview yet/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Rebuild overview' }));
    expect(await screen.findByText(/^Overview rebuilt: 3 themes, 17 actions/)).toBeTruthy();
    expect(screen.getByText('Ready to send')).toBeTruthy();
    expect(fake.state.sheets[0].name).toBe('Overview');
  });

  it('shows a clear error and changes nothing when a sheet is protected', async () => {
    const { fake, user } = setup();
    await screen.findByText(/17 actions/);
    fake.state.sheet('Offender Management')!.protected = true;
    await user.click(screen.getByRole('button', { name: 'Colour rows' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The sheet "Offender Management" is protected.');
    expect(
      [...fake.state.sheet('Prevention & Early Intervention')!.cells.values()].some((c) => c.fill === '#CCE2D8'),
    ).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Dismiss message' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('saves settings in the workbook and checks again with them', async () => {
    const { fake, user } = setup();
    await screen.findByText(/17 actions/);
    await user.click(screen.getByRole('tab', { name: 'Settings' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status scale' }), 'ragb');
    // The preview shows the chosen scale's statuses before anything is saved.
    expect(screen.getByRole('list', { name: 'Statuses of the scale' }).textContent).toContain('B Blue');
    await user.click(
      screen.getByRole('switch', { name: 'Drop-down lists of the statuses and terms when colouring rows' }),
    );
    await user.click(screen.getByRole('button', { name: 'Save settings in the workbook' }));
    expect(await screen.findByText('Settings saved in the workbook.')).toBeTruthy();
    expect(fake.state.sheet('ProformaSettings')!.visibility).toBe('VeryHidden');
    expect(fake.state.value('ProformaSettings', 'A5')).toBe('dropdowns');
    expect(fake.state.value('ProformaSettings', 'B5')).toBe('FALSE');
    await user.click(screen.getByRole('tab', { name: 'Check' }));
    expect(screen.getByRole('list', { name: 'Actions by status' }).textContent).toContain('B Blue: 0');
  });

  it('keeps a message it opened with (a failed ribbon command) through the check on opening', async () => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    loadSnapshot(fake.state, exampleSnapshot('norfolk-2019-refresh.xlsx'));
    render(
      <FluentProvider theme={webLightTheme}>
        <App
          operations={createOperations(fake, () => EXAMPLE_DATE)}
          initialNotice={{ intent: 'error', text: 'Rebuild overview failed: The sheet "Notes" is protected.' }}
        />
      </FluentProvider>,
    );
    await screen.findByText(/17 actions/);
    expect(screen.getByRole('alert').textContent).toContain('Rebuild overview failed: The sheet "Notes" is protected.');
  });

  it('refuses a settings value Excel cannot use, with the reason', async () => {
    const { user } = setup();
    await screen.findByText(/17 actions/);
    await user.click(screen.getByRole('tab', { name: 'Settings' }));
    const name = screen.getByRole('textbox', { name: 'Overview sheet name' });
    await user.clear(name);
    await user.type(name, 'Q2/Q3');
    expect(screen.getByText(/none of \\ \/ \? \* \[ \] :/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save settings in the workbook' })).toHaveProperty('disabled', true);
  });
});

describe('components on their own', () => {
  const issue = (over: Partial<Issue>): Issue => ({
    severity: 'warning',
    code: 'lead-missing',
    sheet: 'A',
    cell: 'D4',
    message: 'This action has no lead partner.',
    ...over,
  });

  it('IssueList: sheets in workbook order, a Fix button only where a fix exists', async () => {
    const selected: Issue[] = [];
    const fixed: Issue[] = [];
    const user = userEvent.setup();
    render(
      <IssueList
        issues={[
          issue({
            sheet: 'B',
            cell: 'F3',
            severity: 'error',
            code: 'rag-invalid',
            message: 'RAG value "X" is not on the scale.',
          }),
          issue({ sheet: 'A', cell: 'F5', code: 'rag-nonstandard', message: 'Write A.', fix: { value: 'A' } }),
        ]}
        sheets={['A', 'B']}
        busy={false}
        onSelect={(i) => selected.push(i)}
        onFix={(i) => fixed.push(i)}
      />,
    );
    const regions = screen.getAllByRole('region');
    expect(regions.map((r) => r.getAttribute('aria-label'))).toEqual(['A: 1 warning', 'B: 1 error']);
    expect(screen.getAllByRole('button', { name: /^Fix/ })).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Fix F5: change it to A' }));
    await user.click(screen.getByRole('button', { name: /^Error at F3/ }));
    expect(fixed.map((i) => i.cell)).toEqual(['F5']);
    expect(selected.map((i) => i.cell)).toEqual(['F3']);
  });

  it('IssueList says so when there is nothing to report', () => {
    render(<IssueList issues={[]} sheets={[]} busy={false} onSelect={() => undefined} onFix={() => undefined} />);
    expect(screen.getByText('No problems found.')).toBeTruthy();
  });

  it('ReadyBanner: ready, or the reasons why not', () => {
    const { rerender } = render(<ReadyBanner readiness={{ ready: true, blockers: [] }} />);
    expect(screen.getByText('Ready to send')).toBeTruthy();
    rerender(
      <ReadyBanner
        readiness={{ ready: false, blockers: ['2 errors to correct.', 'The overview is out of date; rebuild it.'] }}
      />,
    );
    expect(screen.getByText('Not ready to send')).toBeTruthy();
    expect(screen.getByText(/2 errors to correct\. The overview is out of date/)).toBeTruthy();
  });
});
