/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Settings: a view of its own, reached from the Check view (also when the first
// check failed), saved in the workbook; and the settings form on its own.
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { SettingsPanel } from '../../src/taskpane/components/SettingsPanel';
import { SETTINGS_SHEET, analyse, type Settings } from '../../src/engine';
import { TODAY, action, sarReview, sheet, themeSheet, workbook } from '../fixtures/snapshots';
import { createOperations } from '../../src/addin/operations';
import { App } from '../../src/taskpane/components/App';
import { EXAMPLE_DATE } from '../fixtures/examples';
import { fakeExcel, paneFor, setup, storedSetting } from './helpers';

const SAVE = 'Save settings in the workbook';

function openSettings(): void {
  fireEvent.click(screen.getByText('Settings'));
}

function backToCheck(): void {
  fireEvent.click(screen.getByLabelText('Back to the check'));
}

describe('Settings view', () => {
  it('replaces the Check view: no verdict or actions, focus on the way back; Back returns to the check as it was', async () => {
    setup();
    await screen.findByText(/17 actions/);
    // The user folds a sheet and switches warnings off before going to Settings.
    fireEvent.click(screen.getByLabelText(/^Offender Management: /));
    fireEvent.click(screen.getByLabelText(/^Warnings: \d+$/));
    openSettings();
    expect(screen.getByText('Settings').tagName).toBe('H1');
    expect(document.activeElement).toBe(screen.getByLabelText('Back to the check'));
    expect(screen.queryByLabelText('Proforma actions')).toBeNull();
    expect(screen.queryByText(/^5 errors/)).toBeNull();
    expect(screen.getByText(SAVE)).toBeTruthy();
    backToCheck();
    expect(document.activeElement?.textContent).toBe('Settings');
    expect(screen.getByLabelText('Proforma actions')).toBeTruthy();
    expect(screen.queryByLabelText('Issues on Offender Management')).toBeNull();
    expect(screen.queryByLabelText(/^Warning at/)).toBeNull();
  });

  it("can be opened when the first check failed: the board's own settings, and why", async () => {
    const fake = fakeExcel(
      workbook(
        themeSheet('Prevention', [action('PE1', 'Amber')]),
        sheet(SETTINGS_SHEET, [
          ['overviewName', 'Board summary'],
          ['warningsOff', 'lead-missing'],
        ]),
      ),
    );
    fake.state.set('Prevention', 'XFD5000', 'x'); // far too large to read
    render(paneFor(fake));
    await screen.findByText('Could not check the workbook');
    openSettings();
    expect(await screen.findByText("The board's settings, without its sheets.")).toBeTruthy();
    // The error stays in view, and the form holds what the board saved, not the defaults.
    expect(screen.getByText(/^The workbook is too large to check here/)).toBeTruthy();
    expect((screen.getByLabelText('Overview sheet name') as HTMLInputElement).value).toBe('Board summary');
    // A change saved there keeps the rest of the board's settings.
    fireEvent.change(screen.getByLabelText('Status scale'), { target: { value: 'ragb' } });
    fireEvent.click(screen.getByText(SAVE));
    await waitFor(() => expect(storedSetting(fake, 'scale')).toBe('ragb'));
    expect(storedSetting(fake, 'overviewName')).toBe('Board summary');
    expect(storedSetting(fake, 'warningsOff')).toBe('lead-missing');
  });

  it("saves nothing when not even the settings could be read: the defaults would replace the board's", async () => {
    const fake = fakeExcel();
    fake.state.set('Notes', 'XFD5000', 'x');
    const operations = {
      ...createOperations(fake, () => EXAMPLE_DATE),
      readSettings: () => Promise.reject(new Error('The settings sheet could not be read.')),
    };
    render(
      <FluentProvider theme={webLightTheme}>
        <App operations={operations} />
      </FluentProvider>,
    );
    await screen.findByText('Could not check the workbook');
    openSettings();
    expect(await screen.findByText("These are the default settings, not the board's.")).toBeTruthy();
    expect(screen.getByText('The settings sheet could not be read.')).toBeTruthy();
    expect(screen.getByText(SAVE).closest('button')).toHaveProperty('disabled', true);
  });

  it('saves settings in the workbook and checks again with them', async () => {
    const { fake } = setup();
    await screen.findByText(/17 actions/);
    openSettings();
    fireEvent.change(screen.getByLabelText('Status scale'), { target: { value: 'ragb' } });
    // The preview shows the chosen scale's statuses before anything is saved.
    expect(screen.getByLabelText('Statuses of the scale').textContent).toContain('B Blue');
    fireEvent.click(screen.getByLabelText('Drop-down lists of the statuses and terms when colouring rows'));
    fireEvent.click(screen.getByText(SAVE));
    expect(await screen.findByText('Settings saved in the workbook.')).toBeTruthy();
    expect(fake.state.sheet('ProformaSettings')!.visibility).toBe('VeryHidden');
    expect(storedSetting(fake, 'dropdowns')).toBe('FALSE');
    backToCheck();
    expect(screen.getByLabelText('Actions by status').textContent).toContain('Blue 0');
  });

  it('offers dotted refs and codes, and shows the prefix Proforma detected on each sheet where refs are prefixed', async () => {
    const { fake } = setup();
    await screen.findByText(/17 actions/);
    openSettings();
    const scheme = screen.getByLabelText('Ref scheme') as HTMLSelectElement;
    expect([...scheme.options].map((o) => o.textContent)).toEqual([
      'Detect from the refs (found: prefixed)',
      'Prefixed (PE1, PE2, OM1)',
      'Numbered (1, 2, 3)',
      'Dotted (1, 1.1, 1.2, 2)',
      'Codes (ESU01_C, SP1.2a, CYP-07)',
    ]);
    const om = screen.getByLabelText('Ref prefix for Offender Management') as HTMLInputElement;
    expect(om.value).toBe('');
    expect(om.placeholder).toBe('OM');
    expect(screen.getByText('Detected: OM. Leave empty to use it.')).toBeTruthy();
    // Prefixes mean nothing to dotted refs: the fields go.
    fireEvent.change(scheme, { target: { value: 'dotted' } });
    expect(screen.queryByLabelText('Ref prefix for Offender Management')).toBeNull();
    // A performance system's codes: no prefixes either, and the choice is saved as codes.
    fireEvent.change(scheme, { target: { value: 'codes' } });
    expect(screen.queryByLabelText('Ref prefix for Offender Management')).toBeNull();
    expect(screen.getByText(/letters, digits, _, - and \. in any mix/)).toBeTruthy();
    fireEvent.click(screen.getByText(SAVE));
    expect(await screen.findByText('Settings saved in the workbook.')).toBeTruthy();
    expect(storedSetting(fake, 'refScheme')).toBe('codes');
  });

  it('names a table it could not read, offers its headings, and reads it once they are mapped and saved', async () => {
    const { fake } = setup(workbook(themeSheet('Prevention', [action('PE1'), action('PE2')]), sarReview(['A', 'G'])));
    await screen.findByText(/^1 theme sheet · 2 actions/);
    expect(screen.getByText('A table not read: map its headings in Settings')).toBeTruthy();
    openSettings();
    expect(screen.getByText('Sheet “SAR review” was not read: map its headings.')).toBeTruthy();
    const sar = screen.getByLabelText('Headings of SAR review');
    expect(within(sar).getByText('Now read as RAG')).toBeTruthy();
    fireEvent.change(within(sar).getByLabelText('Rec (A2)'), { target: { value: 'ref' } });
    fireEvent.change(within(sar).getByLabelText('Finding (B2)'), { target: { value: 'actions' } });
    fireEvent.click(screen.getByText(SAVE));
    expect(await screen.findByText('Settings saved in the workbook.')).toBeTruthy();
    expect(storedSetting(fake, 'column:Rec')).toBe('ref');
    expect(storedSetting(fake, 'column:Finding')).toBe('actions');
    expect(screen.queryByText('Sheet “SAR review” was not read: map its headings.')).toBeNull();
    backToCheck();
    expect(screen.getByText(/^2 theme sheets · 4 actions/)).toBeTruthy();
    expect(screen.getByText(/^Safeguarding Adults Review.*refs R · 2 actions$/)).toBeTruthy();
  });

  it("takes the user to a folded table's headings from its warning", async () => {
    setup(workbook(themeSheet('Prevention', [action('PE1')]), sarReview(['A', 'G'])));
    await screen.findByText(/^1 theme sheet · 1 action/);
    openSettings();
    fireEvent.click(screen.getByRole('button', { name: /^SAR review: not read/ }));
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
    await screen.findByText(/^1 theme sheet · 0 actions/);
    expect(screen.getByText('Not counted: no RAG column; map one in Settings')).toBeTruthy();
    openSettings();
    expect(screen.getByText('Sheet “Action log” has no RAG column.')).toBeTruthy();
    const headings = screen.getByLabelText('Headings of Action log');
    fireEvent.change(within(headings).getByLabelText('Position (D1)'), { target: { value: 'rag' } });
    fireEvent.click(screen.getByText(SAVE));
    expect(await screen.findByText('Settings saved in the workbook.')).toBeTruthy();
    expect(storedSetting(fake, 'column:Position')).toBe('rag');
    backToCheck();
    expect(screen.getByText(/^1 theme sheet · 2 actions/)).toBeTruthy();
  });

  it('switching a warning off saves it and the check stops reporting it; errors cannot be switched off', async () => {
    const { fake } = setup();
    await screen.findByText(/17 actions/);
    expect(screen.getByLabelText(/^Warning at D9, PE4 · .*: This action has no lead partner/)).toBeTruthy();
    openSettings();
    expect(screen.queryByLabelText(/^rag-invalid/)).toBeNull();
    const lead = screen.getByLabelText(/^lead-missing: An action row has no lead partner/) as HTMLInputElement;
    expect(lead.checked).toBe(true);
    fireEvent.click(lead);
    fireEvent.click(screen.getByText(SAVE));
    expect(await screen.findByText('Settings saved in the workbook.')).toBeTruthy();
    expect(storedSetting(fake, 'warningsOff')).toBe('lead-missing');
    backToCheck();
    expect(screen.queryByLabelText(/^Warning at D9/)).toBeNull();
  });

  it('refuses a settings value Excel cannot use, with the reason', async () => {
    setup();
    await screen.findByText(/17 actions/);
    openSettings();
    fireEvent.change(screen.getByLabelText('Overview sheet name'), { target: { value: 'Q2/Q3' } });
    expect(screen.getByText(/none of \\ \/ \? \* \[ \] :/)).toBeTruthy();
    expect(screen.getByText(SAVE).closest('button')).toHaveProperty('disabled', true);
  });
});

describe('SettingsPanel on its own', () => {
  /** The settings form over a small analysed workbook; what Save sends is collected. */
  function settingsPanel(...sheets: Parameters<typeof workbook>) {
    const saved: Settings[] = [];
    const analysis = analyse(workbook(...sheets), { today: TODAY });
    render(
      <FluentProvider theme={webLightTheme}>
        <SettingsPanel analysis={analysis} busy={false} onSave={(settings) => saved.push(settings)} />
      </FluentProvider>,
    );
    const save = () => fireEvent.click(screen.getByText(SAVE));
    return { saved, save };
  }

  it("mapping a heading sends columns keyed by the heading as written, for every sheet's heading", () => {
    const { saved, save } = settingsPanel(
      themeSheet('Prevention', [action('PE1')]),
      themeSheet('Diversion', [action('DV1')]),
    );
    // Theme sheets' headings are folded away until asked for.
    expect(screen.queryByLabelText('Outcome measure (E2)')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Prevention (7 headings, row 2)' }));
    const prevention = screen.getByLabelText('Headings of Prevention');
    const outcome = within(prevention).getByLabelText('Outcome measure (E2)') as HTMLSelectElement;
    expect(outcome.value).toBe('');
    fireEvent.change(outcome, { target: { value: 'target' } });
    // One mapping per heading text: the same heading on another sheet shows it too.
    fireEvent.click(screen.getByRole('button', { name: 'Diversion (7 headings, row 2)' }));
    const diversion = screen.getByLabelText('Headings of Diversion');
    expect((within(diversion).getByLabelText('Outcome measure (E2)') as HTMLSelectElement).value).toBe('target');
    save();
    expect(saved.map((s) => s.columns)).toEqual([{ 'Outcome measure': 'target' }]);
    fireEvent.change(outcome, { target: { value: '' } });
    save();
    expect(saved[1].columns).toEqual({});
  });

  it('a mapping whose heading is on no sheet is listed and can be removed; another can be added', () => {
    const { saved, save } = settingsPanel(
      sheet(SETTINGS_SHEET, [
        ['column:Minute', 'ref'],
        ['column:Progress update', 'evidence'],
      ]),
      themeSheet('Prevention', [action('PE1')]),
    );
    const others = screen.getByLabelText('Mappings of headings not on these sheets');
    expect(others.textContent).toContain('“Minute” → Ref');
    expect((screen.getByLabelText('Progress update (G2)') as HTMLSelectElement).value).toBe('evidence');
    fireEvent.click(screen.getByLabelText('Remove the mapping of “Minute”'));
    expect(screen.queryByLabelText('Mappings of headings not on these sheets')).toBeNull();
    fireEvent.change(screen.getByLabelText('Heading, as written'), { target: { value: 'Board RAG' } });
    fireEvent.change(screen.getByLabelText('What its column holds'), { target: { value: 'rag' } });
    fireEvent.click(screen.getByText('Add mapping'));
    expect(screen.getByLabelText('Mappings of headings not on these sheets').textContent).toContain(
      '“Board RAG” → RAG',
    );
    save();
    expect(saved[0].columns).toEqual({ 'Progress update': 'evidence', 'Board RAG': 'rag' });
  });

  it('each warning and note can be switched off, never an error; saving sends warningsOff', () => {
    const { saved, save } = settingsPanel(
      sheet(SETTINGS_SHEET, [['warningsOff', 'sheet-skipped']]),
      themeSheet('Prevention', [action('PE1')]),
    );
    expect(screen.queryByLabelText(/^ref-duplicate/)).toBeNull();
    const skipped = screen.getByLabelText(/^sheet-skipped \(note\): A sheet has no proforma header row/);
    expect((skipped as HTMLInputElement).checked).toBe(false);
    fireEvent.click(skipped);
    fireEvent.click(screen.getByLabelText(/^overdue: The due date has passed/));
    fireEvent.click(screen.getByLabelText(/^lead-missing: An action row has no lead partner/));
    save();
    expect(saved[0].warningsOff).toEqual(['lead-missing', 'overdue']);
  });
});
