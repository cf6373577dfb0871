// Shared by the task pane's component tests: the real operations over the fake
// Excel, rendered in the pane's App. Queries here find things by label or text
// with fireEvent, as a user does: computing accessible roles and names in jsdom
// asks for the computed style of every element against all of Fluent's rules
// and costs a fifth of a second a query.
import * as React from 'react';
import { cleanup, configure, fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createOperations } from '../../src/addin/operations';
import type { Notice } from '../../src/addin/notices';
import { App } from '../../src/taskpane/components/App';
import { SETTINGS_SHEET, type WorkbookSnapshot } from '../../src/engine';
import { action, themeSheet, workbook } from '../fixtures/snapshots';
import { EXAMPLE_DATE, exampleSnapshot } from '../fixtures/examples';
import { FakeExcel } from '../fake-excel';
import { loadSnapshot } from '../fake-excel/from-snapshot';

// A loaded two-core machine can take over a second to answer, past testing-library's 1 s: the waits allow
// for it (they end as soon as what they wait for appears) yet give up before jest's 5 s, so a failure says
// what never appeared. The tests themselves are kept cheap rather than given a longer time limit.
configure({ asyncUtilTimeout: 4000 });

// Each test file loads Fluent, the engine and the operations afresh, and their first use costs a few hundred
// milliseconds (styles inserted, code compiled): paid here once, so each test's time is its own work.
beforeAll(async () => {
  const fake = fakeExcel(workbook(themeSheet('Prevention', [action('PE1', 'Amber ')])));
  render(paneFor(fake));
  fireEvent.click(await screen.findByText('Fix all (1)'));
  await screen.findByText('Fixed 1 cell.');
  fireEvent.click(screen.getByText('Check again'));
  await screen.findByText(/^Checked at/);
  fireEvent.click(screen.getByText('Settings'));
  cleanup();
});

export function fakeExcel(file: string | WorkbookSnapshot = 'norfolk-2019-refresh.xlsx'): FakeExcel {
  const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
  loadSnapshot(fake.state, typeof file === 'string' ? exampleSnapshot(file) : file);
  return fake;
}

export function paneFor(fake: FakeExcel, props: { refreshKey?: number; initialNotice?: Notice | null } = {}) {
  return (
    <FluentProvider theme={webLightTheme}>
      <App operations={createOperations(fake, () => EXAMPLE_DATE)} {...props} />
    </FluentProvider>
  );
}

/** The pane over a workbook (the Norfolk example unless given), checked on opening. */
export function setup(file: string | WorkbookSnapshot = 'norfolk-2019-refresh.xlsx') {
  const fake = fakeExcel(file);
  const view = render(paneFor(fake));
  return { fake, ...view };
}

/** Where a key is in the settings sheet's column A, what column B holds beside it. */
export function storedSetting(fake: FakeExcel, key: string): string | undefined {
  if (!fake.state.sheet(SETTINGS_SHEET)) return undefined;
  for (let row = 1; row <= 100; row++)
    if (fake.state.value(SETTINGS_SHEET, `A${row}`) === key) return String(fake.state.value(SETTINGS_SHEET, `B${row}`));
  return undefined;
}
