/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The pane's "What moved" (SPEC §8) with the real operations over the fake Excel:
// since which baseline, grouped by theme, each mover going to its row; and
// "Record baseline", which asks for a label and records the plan in the workbook.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { BASELINE_SHEET, quarterOf } from '../../src/engine';
import { movedWorkbook } from '../fixtures/pane-workbooks';
import { action, themeSheet, workbook } from '../fixtures/snapshots';
import { setup } from './helpers';

const movedSection = (): HTMLElement => screen.getByText(/^What moved/, { selector: 'h2' }).closest('section')!;

describe('What moved', () => {
  it('says since which baseline, counts per theme, and lists each action that moved under its theme', async () => {
    setup(movedWorkbook());
    const heading = await screen.findByText('What moved since Q1 2026/27');
    expect(heading.tagName).toBe('H2');
    const section = movedSection();
    expect(
      within(section).getByText(/^Compared with the baseline "Q1 2026\/27" recorded in the workbook on 16 Jul 2026/),
    ).toBeTruthy();
    expect(within(section).getByText('4 improved, 3 worse, 17 unchanged, 1 new, 1 removed.')).toBeTruthy();
    // Grouped by theme, each with its counts.
    expect(within(section).getByText('1 improved, 1 worse, 5 unchanged, 0 new, 0 removed')).toBeTruthy();
    const prevention = within(section).getByLabelText('What moved on Prevention');
    const buttons = [...prevention.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'));
    expect(buttons).toEqual([
      'G4, ref 1 · Agree funding and host organisation for the role: Amber → Green (better)',
      'G8, ref 2 · Commission pilot projects from the hidden victims fund: Green → Amber (worse)',
      'E9, ref 3 · Extend the youth diversion scheme to all districts: due 30 Jun 2026 → 30 Sep 2026 (slipped)',
    ]);
    // A removed action is said, with nowhere to go.
    const diversion = within(section).getByLabelText('What moved on Diversion');
    expect(diversion.textContent).toContain('Removed ref 5 · Map health screening in every police custody suite');
    expect(diversion.textContent).toContain('removed (was Green)');
    // Updates left as they were are counted, not listed; the check warns of the red one.
    expect(within(section).getByLabelText('What moved on Offender Management').textContent).toContain(
      '2 progress updates are word for word as they were.',
    );
    expect(screen.getByLabelText(/^Warning at H13, Ref 10 · Commission a perpetrator/)).toBeTruthy();
  });

  it('selecting a mover goes to its row in Excel, and marks it', async () => {
    const { fake } = setup(movedWorkbook());
    await screen.findByText('What moved since Q1 2026/27');
    const mover = screen.getByLabelText(/^G8, ref 2 · Commission pilot projects/);
    fireEvent.click(mover);
    await waitFor(() => expect(fake.state.selection).toEqual({ sheet: 'Prevention', address: 'G8' }));
    expect(mover.getAttribute('aria-current')).toBe('true');
  });

  it('Record baseline asks for a label, suggesting the current quarter, and records the plan in the workbook', async () => {
    const { fake } = setup(movedWorkbook());
    await screen.findByText('What moved since Q1 2026/27');
    fireEvent.click(screen.getByText('Record baseline…'));
    const label = screen.getByLabelText('Label for this baseline') as HTMLInputElement;
    expect(label.value).toBe(quarterOf(new Date()));
    expect(document.activeElement).toBe(label);
    expect(screen.getByText(/It replaces the baseline recorded before\./)).toBeTruthy();
    fireEvent.change(label, { target: { value: 'Q2 2026/27' } });
    fireEvent.click(screen.getByText('Record'));
    expect(
      await screen.findByText(
        'Baseline "Q2 2026/27" recorded: 25 actions, replacing the one recorded before. Next quarter, compare the plan with it to see what moved; until partners write new updates, those of actions off track or at risk show as unchanged.',
      ),
    ).toBeTruthy();
    expect(fake.state.value(BASELINE_SHEET, 'B2')).toBe('Q2 2026/27');
    expect(fake.state.sheet(BASELINE_SHEET)?.visibility).toBe('VeryHidden');
    // Nothing has moved since the baseline just recorded.
    expect(screen.getByText('What moved since Q2 2026/27')).toBeTruthy();
    expect(within(movedSection()).getByText('0 improved, 0 worse, 25 unchanged, 0 new, 0 removed.')).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Record baseline…');
  });

  it('without a baseline says how to get one; a blank label cannot be recorded, and Escape gives up', async () => {
    const { fake } = setup(workbook(themeSheet('Prevention', [action('PE1'), action('PE2', 'A')])));
    await screen.findByText(/^No baseline yet\. Record one after the board meets/);
    fireEvent.click(screen.getByText('Record baseline…'));
    const label = screen.getByLabelText('Label for this baseline');
    fireEvent.change(label, { target: { value: '  ' } });
    expect(screen.getByText('A baseline needs a label.')).toBeTruthy();
    fireEvent.click(screen.getByText('Record'));
    fireEvent.keyDown(label, { key: 'Escape' });
    expect(screen.queryByLabelText('Label for this baseline')).toBeNull();
    expect(fake.state.sheet(BASELINE_SHEET)).toBeUndefined();
  });

  it('a quarter tracker is compared with its own previous period, and says so', async () => {
    setup('partnership-quarterly-tracker.xlsx');
    await screen.findByText('What moved since the previous period');
    expect(
      screen.getByText(
        "Each action's latest status compared with the one before it, in the plan's own period columns.",
      ),
    ).toBeTruthy();
    expect(screen.getByText('A recorded baseline is used only where the plan keeps no earlier period.')).toBeTruthy();
  });
});
