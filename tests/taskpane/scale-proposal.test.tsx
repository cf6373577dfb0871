/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// scale-mismatch's proposal in the pane (SPEC §2.5): the board's own status words, one button that
// saves them as its scale through the settings, and the check that follows.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { SETTINGS_SHEET } from '../../src/engine';
import { action, themeSheet, workbook } from '../fixtures/snapshots';
import { setup, storedSetting } from './helpers';

const USE = 'Use these words as the scale';

const plan = (statuses: string[]) =>
  workbook(
    themeSheet(
      'Community Safety',
      statuses.map((s, i) => action(`CS${i + 1}`, s)),
    ),
  );

describe('the board’s own words as its scale', () => {
  it('shows the words with their classes; one button saves them and the check that follows finds none invalid', async () => {
    const { fake } = setup(plan(['In progress', 'Not started', 'Complete', 'in progress ', 'Complete']));
    await screen.findByText("The board's own statuses");
    const words = screen.getByLabelText("The board's status words and what each means");
    expect(words.textContent).toBe('Not startedat riskIn progresson trackCompletecomplete');
    expect(screen.getAllByText(/5 of 5 status values are not on the rag scale/).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByText(USE));
    await screen.findByText(/^The board's own scale is saved in the workbook: Not started, In progress, Complete\./);
    // Written through the settings' own path, to the very hidden sheet.
    expect(fake.state.sheet(SETTINGS_SHEET)?.visibility).toBe('VeryHidden');
    expect(storedSetting(fake, 'scale')).toBe('custom');
    expect(storedSetting(fake, 'status:Not started')).toBe('at-risk; Not started; At risk; #F47738');
    // Checked again: no status is invalid, and the proposal is gone.
    await waitFor(() => expect(screen.queryByText("The board's own statuses")).toBeNull());
    expect(screen.queryByText(/rag-invalid|is not on the scale/)).toBeNull();
    expect(screen.getByLabelText('Actions by status').textContent).toContain('Not started');
  });

  it('asks what a word it cannot classify means before the button can be used', async () => {
    const { fake } = setup(plan(['Pending', 'Complete', 'Pending']));
    await screen.findByText("The board's own statuses");
    const button = screen.getByText(USE).closest('button') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByText('Say what each word without a class means first.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('What "Pending" means'), { target: { value: 'at-risk' } });
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    await screen.findByText(/^The board's own scale is saved in the workbook: Pending, Complete\./);
    expect(storedSetting(fake, 'status:Pending')).toBe('at-risk; Pending; At risk; #F47738');
  });

  it('is not offered where the statuses are on the scale', async () => {
    setup(plan(['R', 'A', 'G']));
    await screen.findByLabelText('Actions by status');
    expect(screen.queryByText("The board's own statuses")).toBeNull();
    expect(screen.queryByText(USE)).toBeNull();
  });

  it('Colour rows says the status column gets no drop-down while its values are mostly off the scale, and writes none', async () => {
    const { fake } = setup(plan(['In progress', 'Not started', 'Complete']));
    await screen.findByText("The board's own statuses");
    fireEvent.click(screen.getByText('Colour rows'));
    await screen.findByText(
      /No status drop-down on "Community Safety": most of its status values are not on the scale \(R, A, G, W\)/,
    );
    // The status column (F) has no list; the rules are written all the same.
    const sheet = fake.state.sheet('Community Safety')!;
    expect(sheet.validation.get('2,5')).toBeUndefined();
    expect(sheet.rules.length).toBe(8);
  });
});
