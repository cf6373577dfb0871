/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The pane's Check view with the real operations over the fake Excel: what a
// partner sees on opening, and what their clicks do to the workbook and to focus.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createOperations } from '../../src/addin/operations';
import { EXAMPLE_DATE } from '../fixtures/examples';
import { sarReview, workbook } from '../fixtures/snapshots';
import { fakeExcel, paneFor, setup } from './helpers';

const OPENED = '3 theme sheets · 17 actions · no overview yet';
const issueButtons = (list: HTMLElement): string[] =>
  [...list.querySelectorAll('button[id^="proforma-issue-"]')].map((b) => b.getAttribute('aria-label') ?? '');

describe('Check view', () => {
  it('opens with the verdict, what it read, and the issues by sheet, errors first, each naming its action', async () => {
    setup();
    await screen.findByText(OPENED);
    expect(screen.getByText(/^5 errors, \d+ warnings$/).tagName).toBe('H1');
    expect(screen.getByText(/^Not ready to send: correct the errors\. There is no overview yet/)).toBeTruthy();
    // The status's name and count, not its code again.
    const statuses = screen.getByLabelText('Actions by status').textContent;
    expect(statuses).toContain('Red 2');
    expect(statuses).not.toContain('R Red');
    // The board's hand-made overview is listed as what it is.
    expect(screen.getByText("The board's own overview (kept; Rebuild makes Proforma's)")).toBeTruthy();
    const om = issueButtons(screen.getByLabelText('Issues on Offender Management'));
    expect(om.map((label) => label.split(',')[0])).toEqual(['Error at A6', 'Error at E7', 'Error at F11']);
    expect(om[2]).toMatch(/^Error at F11, OM3 · Develop\/strengthen resettlement provision for women offenders/);
    expect(om[2]).toMatch(/: This action has no RAG status; enter one of R, A, G, W\.$/);
    // Fix says what it writes.
    expect(screen.getByLabelText('Fix A6: set to OM2').textContent).toBe('Fix → OM2');
    expect(screen.getByText('Fix all (6)')).toBeTruthy();
  });

  it('selecting an issue selects its cell, keeps the message, and stays marked as selected', async () => {
    const fake = fakeExcel();
    const { container } = render(
      paneFor(fake, { initialNotice: { intent: 'success', text: 'Overview rebuilt from the ribbon.' } }),
    );
    await screen.findByText(OPENED);
    const issue = screen.getByLabelText(/^Error at F11/);
    fireEvent.click(issue);
    // Nothing in the workbook changes: no progress shown, nothing above the list moves.
    expect(container.querySelector('[aria-busy="true"]')).toBeNull();
    await waitFor(() => expect(fake.state.selection).toEqual({ sheet: 'Offender Management', address: 'F11' }));
    expect(issue.getAttribute('aria-current')).toBe('true');
    expect(screen.getByText('Overview rebuilt from the ribbon.')).toBeTruthy();
    // Another issue takes the mark; the mark outlives a fresh check.
    fireEvent.click(screen.getByLabelText(/^Error at E7/));
    expect(issue.getAttribute('aria-current')).toBeNull();
    fireEvent.click(screen.getByText('Check again'));
    await screen.findByText(/^Checked at/);
    expect(screen.getByLabelText(/^Error at E7/).getAttribute('aria-current')).toBe('true');
  });

  it('a single Fix changes its one cell and puts focus on the next issue; Fix all puts it on the issues heading', async () => {
    const { fake } = setup();
    await screen.findByText(OPENED);
    fireEvent.click(screen.getByLabelText('Fix A6: set to OM2'));
    await screen.findByText('Fixed 1 cell.');
    expect(fake.state.value('Offender Management', 'A6')).toBe('OM2');
    expect(fake.state.value('Prevention & Early Intervention', 'F5')).toBe('Amber ');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Error at E7/);

    fireEvent.click(screen.getByText('Fix all (5)'));
    await screen.findByText('Fixed 5 cells.');
    expect(fake.state.value('Prevention & Early Intervention', 'F5')).toBe('A');
    expect(fake.state.value('Rehabilitation & Resettlement', 'A5')).toBe('RR2');
    // The Fix all button is gone with nothing left to fix; focus is not lost with it.
    expect(screen.queryByText(/^Fix all/)).toBeNull();
    expect(document.activeElement?.id).toBe('proforma-issues-heading');
  });

  it('says Ready to send once the errors are corrected and the overview rebuilt', async () => {
    const { fake } = setup();
    await screen.findByText(OPENED);
    fake.state.set('Prevention & Early Intervention', 'F9', 'G');
    fake.state.set('Offender Management', 'E7', 'DA cohort reoffending rate');
    fake.state.set('Offender Management', 'F11', 'A');
    fireEvent.click(screen.getByText(/^Fix all \(\d+\)$/));
    await screen.findByText(/^Fixed \d+ cells\./);
    expect(screen.getByText('Not ready to send')).toBeTruthy();
    fireEvent.click(screen.getByText('Rebuild overview'));
    expect(await screen.findByText(/^Overview rebuilt: 3 themes, 17 actions/)).toBeTruthy();
    expect(screen.getByText('Ready to send').tagName).toBe('H1');
    expect(screen.getByText("The board's own overview (kept)")).toBeTruthy();
    expect(fake.state.sheets[0].name).toBe('Overview');
  });

  it('says how many rows a rebuild left out and why', async () => {
    setup();
    await screen.findByText(OPENED);
    fireEvent.click(screen.getByText('Rebuild overview'));
    const rebuilt = await screen.findByText(/^Overview rebuilt: 3 themes, 17 actions, 2 rows left out/);
    expect(rebuilt.textContent).toMatch(/Of the rows left out, 1 has a status not on the scale and 1 has no status/);
    // A warning to act on, not a success: still not ready.
    expect(screen.getByText(/^5 errors/)).toBeTruthy();
  });

  it('shows a clear error and changes nothing when a sheet is protected; the message can be dismissed', async () => {
    const { fake } = setup();
    await screen.findByText(OPENED);
    fake.state.sheet('Offender Management')!.protected = true;
    fireEvent.click(screen.getByText('Colour rows'));
    const message = await screen.findByText(/The sheet "Offender Management" is protected\./);
    expect(message.closest('[role="alert"]')).toBeTruthy();
    expect(
      [...fake.state.sheet('Prevention & Early Intervention')!.cells.values()].some((c) => c.fill === '#CCE2D8'),
    ).toBe(false);
    fireEvent.click(screen.getByLabelText('Dismiss message'));
    expect(screen.queryByText(/is protected/)).toBeNull();
  });

  it('checks again when the workbook may have changed behind it (shown again, a ribbon command)', async () => {
    const fake = fakeExcel();
    const { rerender } = render(paneFor(fake, { refreshKey: 0 }));
    await screen.findByText(OPENED);
    // Someone rebuilds the overview from the ribbon; the pane is told and checks again.
    await createOperations(fake, () => EXAMPLE_DATE).rebuild();
    rerender(paneFor(fake, { refreshKey: 1 }));
    expect(await screen.findByText('3 theme sheets · 17 actions · overview “Overview”')).toBeTruthy();
  });

  it('keeps a message it opened with (a failed ribbon command) through the check on opening', async () => {
    render(
      paneFor(fakeExcel(), {
        initialNotice: { intent: 'error', text: 'Rebuild overview failed: The sheet "Notes" is protected.' },
      }),
    );
    await screen.findByText(OPENED);
    const alert = screen.getByText('Rebuild overview failed: The sheet "Notes" is protected.');
    expect(alert.closest('[role="alert"]')).toBeTruthy();
  });

  it('when the workbook cannot be read, says why and offers only to check again', async () => {
    const fake = fakeExcel();
    fake.state.set('Notes', 'XFD5000', 'x'); // a stray value far out: too large to read
    render(paneFor(fake));
    expect(await screen.findByText('Could not check the workbook')).toBeTruthy();
    expect(screen.getByText(/^The workbook is too large to check here/).closest('[role="alert"]')).toBeTruthy();
    const actions = within(screen.getByLabelText('Proforma actions'));
    expect(actions.getByText('Check again')).toBeTruthy();
    expect(actions.queryByText('Rebuild overview')).toBeNull();
  });

  it('with no action plan in the workbook, says so and offers neither a rebuild nor colours', async () => {
    setup(workbook(sarReview()));
    expect(await screen.findByText('1 error, 1 warning')).toBeTruthy();
    expect(screen.getByText(/No theme sheet could be read\./).textContent).not.toMatch(/rebuild/i);
    const actions = within(screen.getByLabelText('Proforma actions'));
    expect(actions.getByText('Check again')).toBeTruthy();
    expect(actions.queryByText('Rebuild overview')).toBeNull();
    expect(actions.queryByText('Colour rows')).toBeNull();
  });
});
