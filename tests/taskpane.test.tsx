/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The task pane's components with the real operations over the fake Excel:
// what a partner sees and what their clicks do to the workbook.
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createOperations } from '../src/addin/operations';
import { App } from '../src/taskpane/components/App';
import { IssueList } from '../src/taskpane/components/IssueList';
import { ReadyBanner } from '../src/taskpane/components/ReadyBanner';
import { SettingsPanel } from '../src/taskpane/components/SettingsPanel';
import { SETTINGS_SHEET, analyse, type Issue, type Settings, type WorkbookSnapshot } from '../src/engine';
import { TODAY, action, sarReview as sarReviewSheet, sheet, themeSheet, workbook } from '../src/engine/test-helpers';
import { EXAMPLE_DATE, exampleSnapshot } from '../scripts/make-examples';
import { FakeExcel } from './fake-excel';
import { loadSnapshot } from './fake-excel/from-snapshot';

function setup(file: string | WorkbookSnapshot = 'norfolk-2019-refresh.xlsx') {
  const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
  loadSnapshot(fake.state, typeof file === 'string' ? exampleSnapshot(file) : file);
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

// Queries by accessible name cost a fifth of a second each in jsdom (computing a name asks for
// the computed style of every element in it, against all of Fluent's rules): the settings tests
// find controls by their labels and text instead, as a user does.
function openTab(name: 'Check' | 'Settings'): void {
  const tab = within(screen.getByLabelText('Views')).getAllByText(name)[0].closest('[role="tab"]');
  fireEvent.click(tab as HTMLElement);
}

/** A safeguarding review's table that Proforma cannot read until the board maps its headings. */
const sarReview = () => sarReviewSheet(['A', 'G']);

/** Where a value is in the settings sheet's column A, and what column B holds beside it. */
function storedSetting(fake: FakeExcel, key: string): string | undefined {
  const settings = fake.state.sheet(SETTINGS_SHEET);
  if (!settings) return undefined;
  for (let row = 1; row <= 100; row++)
    if (fake.state.value(SETTINGS_SHEET, `A${row}`) === key) return String(fake.state.value(SETTINGS_SHEET, `B${row}`));
  return undefined;
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
    const { fake } = setup();
    await screen.findByText(/17 actions/);
    openTab('Settings');
    fireEvent.change(screen.getByLabelText('Status scale'), { target: { value: 'ragb' } });
    // The preview shows the chosen scale's statuses before anything is saved.
    expect(screen.getByLabelText('Statuses of the scale').textContent).toContain('B Blue');
    fireEvent.click(screen.getByLabelText('Drop-down lists of the statuses and terms when colouring rows'));
    fireEvent.click(screen.getByText('Save settings in the workbook'));
    expect(await screen.findByText('Settings saved in the workbook.')).toBeTruthy();
    expect(fake.state.sheet('ProformaSettings')!.visibility).toBe('VeryHidden');
    expect(fake.state.value('ProformaSettings', 'A5')).toBe('dropdowns');
    expect(fake.state.value('ProformaSettings', 'B5')).toBe('FALSE');
    openTab('Check');
    expect(screen.getByLabelText('Actions by status').textContent).toContain('B Blue: 0');
  });

  it('offers dotted refs, and shows the prefix Proforma detected on each sheet where refs are prefixed', async () => {
    setup();
    await screen.findByText(/17 actions/);
    openTab('Settings');
    const scheme = screen.getByLabelText('Ref scheme') as HTMLSelectElement;
    expect([...scheme.options].map((o) => o.textContent)).toEqual([
      'Detect from the refs (found: prefixed)',
      'Prefixed (PE1, PE2, OM1)',
      'Numbered (1, 2, 3)',
      'Dotted (1, 1.1, 1.2, 2)',
    ]);
    const om = screen.getByLabelText('Ref prefix for Offender Management') as HTMLInputElement;
    expect(om.value).toBe('');
    expect(om.placeholder).toBe('OM');
    expect(screen.getByText('Detected: OM. Leave empty to use it.')).toBeTruthy();
    expect(screen.getByText('Detected: PE. Leave empty to use it.')).toBeTruthy();
    // Prefixes mean nothing to dotted refs: the fields go.
    fireEvent.change(scheme, { target: { value: 'dotted' } });
    expect(screen.queryByLabelText('Ref prefix for Offender Management')).toBeNull();
  });

  it('names a table it could not read, offers its headings, and reads it once they are mapped and saved', async () => {
    const { fake } = setup(workbook(themeSheet('Prevention', [action('PE1'), action('PE2')]), sarReview()));
    await screen.findByText(/1 theme sheet, 2 actions/);
    openTab('Settings');
    expect(screen.getByText('Sheet “SAR review” was not read: map its headings.')).toBeTruthy();
    const sar = screen.getByLabelText('Headings of SAR review');
    // Each heading with what it is read as now.
    expect(within(sar).getByLabelText('Current Status (C2)')).toBeTruthy();
    expect(within(sar).getByText('Now read as RAG')).toBeTruthy();
    expect(within(sar).getByText('Now read as Lead')).toBeTruthy();
    fireEvent.change(within(sar).getByLabelText('Rec (A2)'), { target: { value: 'ref' } });
    fireEvent.change(within(sar).getByLabelText('Finding (B2)'), { target: { value: 'actions' } });
    fireEvent.click(screen.getByText('Save settings in the workbook'));
    expect(await screen.findByText('Settings saved in the workbook.')).toBeTruthy();
    expect(storedSetting(fake, 'column:Rec')).toBe('ref');
    expect(storedSetting(fake, 'column:Finding')).toBe('actions');
    // Checked again with the mapping: the table is read as a plan.
    expect(screen.queryByText('Sheet “SAR review” was not read: map its headings.')).toBeNull();
    openTab('Check');
    expect(screen.getByText(/2 theme sheets, 4 actions/)).toBeTruthy();
    expect(screen.getByText(/^SAR review — Safeguarding Adults Review.*\(R\): 2 actions/)).toBeTruthy();
  });

  it("takes the user to a folded table's headings from its warning", async () => {
    setup(workbook(themeSheet('Prevention', [action('PE1')]), sarReview()));
    await screen.findByText(/1 theme sheet, 1 action/);
    openTab('Settings');
    // Fold the group, as a user might, then ask for it from the warning at the top.
    fireEvent.click(screen.getByText(/^SAR review: not read/));
    expect(screen.queryByLabelText('Headings of SAR review')).toBeNull();
    fireEvent.click(screen.getByText('Map the headings of “SAR review”'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Rec (A2)')));
  });

  it('offers the headings of a plan without a status column, and counts it once one is mapped', async () => {
    const log = sheet('Action log', [
      ['Ref', 'Actions', 'Lead', 'Position'],
      ['AL1', 'Publish the strategy', 'Chair', 'G'],
      ['AL2', 'Review the cohort', 'Police', 'A'],
    ]);
    const { fake } = setup(workbook(log));
    // Read as a plan, but not counted until it has a status column.
    await screen.findByText(/1 theme sheet, 0 actions/);
    openTab('Settings');
    expect(screen.getByText('Sheet “Action log” has no RAG column.')).toBeTruthy();
    const headings = screen.getByLabelText('Headings of Action log');
    expect(within(headings).getByText('Now not used')).toBeTruthy();
    fireEvent.change(within(headings).getByLabelText('Position (D1)'), { target: { value: 'rag' } });
    fireEvent.click(screen.getByText('Save settings in the workbook'));
    expect(await screen.findByText('Settings saved in the workbook.')).toBeTruthy();
    expect(storedSetting(fake, 'column:Position')).toBe('rag');
    expect(screen.queryByText('Sheet “Action log” has no RAG column.')).toBeNull();
    openTab('Check');
    expect(screen.getByText(/1 theme sheet, 2 actions/)).toBeTruthy();
  });

  it('switching a warning off saves it and the check stops reporting it; errors cannot be switched off', async () => {
    const { fake } = setup();
    await screen.findByText(/17 actions/);
    expect(screen.getByLabelText(/^Warning at D9: This action has no lead partner/)).toBeTruthy();
    openTab('Settings');
    expect(screen.queryByLabelText(/^rag-invalid/)).toBeNull();
    const lead = screen.getByLabelText(/^lead-missing: An action row has no lead partner/) as HTMLInputElement;
    expect(lead.checked).toBe(true);
    fireEvent.click(lead);
    fireEvent.click(screen.getByText('Save settings in the workbook'));
    expect(await screen.findByText('Settings saved in the workbook.')).toBeTruthy();
    expect(storedSetting(fake, 'warningsOff')).toBe('lead-missing');
    expect((screen.getByLabelText(/^lead-missing:/) as HTMLInputElement).checked).toBe(false);
    openTab('Check');
    expect(screen.queryByLabelText(/^Warning at D9/)).toBeNull();
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
    setup();
    await screen.findByText(/17 actions/);
    openTab('Settings');
    fireEvent.change(screen.getByLabelText('Overview sheet name'), { target: { value: 'Q2/Q3' } });
    expect(screen.getByText(/none of \\ \/ \? \* \[ \] :/)).toBeTruthy();
    expect(screen.getByText('Save settings in the workbook').closest('button')).toHaveProperty('disabled', true);
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

  /** The settings form over a small analysed workbook; what Save sends is collected. */
  function settingsPanel(...sheets: Parameters<typeof workbook>) {
    const saved: Settings[] = [];
    const analysis = analyse(workbook(...sheets), { today: TODAY });
    render(
      <FluentProvider theme={webLightTheme}>
        <SettingsPanel analysis={analysis} busy={false} onSave={(settings) => saved.push(settings)} />
      </FluentProvider>,
    );
    const save = () => fireEvent.click(screen.getByText('Save settings in the workbook'));
    return { saved, save };
  }

  it("SettingsPanel: mapping a heading sends columns keyed by the heading as written, for every sheet's heading", () => {
    const { saved, save } = settingsPanel(
      themeSheet('Prevention', [action('PE1')]),
      themeSheet('Diversion', [action('DV1')]),
    );
    // Theme sheets' headings are folded away until asked for.
    expect(screen.queryByLabelText('Outcome measure (E2)')).toBeNull();
    fireEvent.click(screen.getByText('Prevention (7 headings, row 2)'));
    const prevention = screen.getByLabelText('Headings of Prevention');
    const outcome = within(prevention).getByLabelText('Outcome measure (E2)') as HTMLSelectElement;
    expect(outcome.value).toBe('');
    expect(within(prevention).getAllByText('Now read as Outcome / impact measure')).toHaveLength(1);
    fireEvent.change(outcome, { target: { value: 'target' } });
    // One mapping per heading text: the same heading on another sheet shows it too.
    fireEvent.click(screen.getByText('Diversion (7 headings, row 2)'));
    const diversion = screen.getByLabelText('Headings of Diversion');
    expect((within(diversion).getByLabelText('Outcome measure (E2)') as HTMLSelectElement).value).toBe('target');
    save();
    expect(saved.map((s) => s.columns)).toEqual([{ 'Outcome measure': 'target' }]);
    // Back to as recognised: the mapping goes.
    fireEvent.change(outcome, { target: { value: '' } });
    save();
    expect(saved[1].columns).toEqual({});
  });

  it('SettingsPanel: a mapping whose heading is on no sheet is listed and can be removed; another can be added', () => {
    const { saved, save } = settingsPanel(
      sheet(SETTINGS_SHEET, [
        ['column:Minute', 'ref'],
        ['column:Progress update', 'evidence'],
      ]),
      themeSheet('Prevention', [action('PE1')]),
    );
    const others = screen.getByLabelText('Mappings of headings not on these sheets');
    expect(others.textContent).toContain('“Minute” → Ref');
    expect(others.textContent).not.toContain('Progress update');
    // A sheet with a mapped heading is open from the start.
    expect((screen.getByLabelText('Progress update (G2)') as HTMLSelectElement).value).toBe('evidence');
    fireEvent.click(screen.getByLabelText('Remove the mapping of “Minute”'));
    expect(screen.queryByLabelText('Mappings of headings not on these sheets')).toBeNull();
    // A heading on no listed sheet (one whose headings the check could not give) is mapped by its text.
    fireEvent.change(screen.getByLabelText('Heading, as written'), { target: { value: 'Board RAG' } });
    fireEvent.change(screen.getByLabelText('What its column holds'), { target: { value: 'rag' } });
    fireEvent.click(screen.getByText('Add mapping'));
    expect(screen.getByLabelText('Mappings of headings not on these sheets').textContent).toContain(
      '“Board RAG” → RAG',
    );
    save();
    expect(saved[0].columns).toEqual({ 'Progress update': 'evidence', 'Board RAG': 'rag' });
  });

  it('SettingsPanel: each warning and note can be switched off, never an error; saving sends warningsOff', () => {
    const { saved, save } = settingsPanel(
      sheet(SETTINGS_SHEET, [['warningsOff', 'sheet-skipped']]),
      themeSheet('Prevention', [action('PE1')]),
    );
    expect(screen.queryByLabelText(/^ref-duplicate/)).toBeNull();
    expect(screen.queryByLabelText(/^rag-missing/)).toBeNull();
    const skipped = screen.getByLabelText(/^sheet-skipped \(note\): A sheet has no proforma header row/);
    expect((skipped as HTMLInputElement).checked).toBe(false);
    fireEvent.click(skipped);
    fireEvent.click(screen.getByLabelText(/^overdue: The due date has passed/));
    fireEvent.click(screen.getByLabelText(/^lead-missing: An action row has no lead partner/));
    save();
    expect(saved[0].warningsOff).toEqual(['lead-missing', 'overdue']);
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
