/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// A folding panel of the pane (issues by sheet, the summary, what moved, headings): a
// closing panel keeps keyboard focus out (inert), and React 18 says nothing about it.
import * as React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { Accordion, AccordionHeader, AccordionItem, FluentProvider, webLightTheme } from '@fluentui/react-components';
import { AccordionPanel } from '../../src/taskpane/components/AccordionPanel';

it('a closing panel is inert, and React logs no error about it', () => {
  const errors = jest.spyOn(console, 'error');
  try {
    render(
      <FluentProvider theme={webLightTheme}>
        <Accordion collapsible defaultOpenItems={['plan']}>
          <AccordionItem value="plan">
            <AccordionHeader>Plan</AccordionHeader>
            <AccordionPanel>
              <button type="button">Fix</button>
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      </FluentProvider>,
    );
    const panel = screen.getByRole('button', { name: 'Fix' }).parentElement!;
    expect(panel.hasAttribute('inert')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Plan' }));
    // Closed: gone, or (while it folds away) inert, so Tab cannot reach its Fix button.
    expect(panel.isConnected ? panel.getAttribute('inert') : '').toBe('');
    expect(errors.mock.calls.map((call) => String(call[0]))).toEqual([]);
  } finally {
    errors.mockRestore();
  }
});
