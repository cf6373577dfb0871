/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Partner returns in the pane (SPEC §7.4), with the real operations over the fake Excel:
// the partners listed, a pack made from the file and opened as a new workbook (or offered
// to save), returned files picked, each conflict with a choice, and one merge.
import * as React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createOperations } from '../../src/addin/operations';
import type { OfficeFiles } from '../../src/hosts/excel';
import { App } from '../../src/taskpane/components/App';
import { EXAMPLE_DATE, exampleBytes, exampleSnapshot } from '../fixtures/examples';
import { packBytes, typedInto } from '../fixtures/returns';
import { FakeExcel } from '../fake-excel';
import { loadSnapshot } from '../fake-excel/from-snapshot';
import './helpers';

const NORFOLK = 'norfolk-2019-refresh.xlsx';
const P = 'Prevention & Early Intervention';
const O = 'Offender Management';

function pane(supports: Record<string, string> = { ExcelApi: '1.20', File: '1.1', CompressedFile: '1.1' }) {
  const fake = new FakeExcel({ supports });
  loadSnapshot(fake.state, exampleSnapshot(NORFOLK));
  fake.document.file = exampleBytes(NORFOLK);
  const files: OfficeFiles = {
    getFileAsync: (options, callback) => fake.document.getFileAsync('compressed', options, (r) => callback(r as never)),
    createWorkbook: (base64) => fake.createWorkbook(base64),
    isSetSupported: (name, version) => fake.isSetSupported(name, version),
  };
  const operations = createOperations(
    fake,
    () => EXAMPLE_DATE,
    () => 'C:\\Board\\Norfolk plan.xlsx',
    files,
  );
  render(
    <FluentProvider theme={webLightTheme}>
      <App operations={operations} />
    </FluentProvider>,
  );
  return fake;
}

async function openReturns(): Promise<void> {
  await screen.findByText(/^Checked at/);
  fireEvent.click(screen.getByLabelText('Partner returns'));
  await screen.findByText('Partner packs');
}

/** Files as the secretary picks them in the file dialog. */
function pick(files: Array<{ name: string; bytes: Uint8Array }>): void {
  const input = screen.getByLabelText('Returned files') as HTMLInputElement;
  fireEvent.change(input, {
    target: { files: files.map((f) => new File([f.bytes as Uint8Array<ArrayBuffer>], f.name)) },
  });
}

test('the lead partners are listed, and a pack opens as a new workbook with what to save it as', async () => {
  const fake = pane();
  await openReturns();
  expect(screen.getByText('OPCCN').textContent).toBe('OPCCN 4 action rows (1 hidden in the plan)');
  expect(
    screen.getByText(/^1 action row has no lead, so it goes in no pack: Prevention & Early Intervention D9\.$/),
  ).toBeTruthy();
  fireEvent.click(screen.getByLabelText('Make the pack for OPCCN'));
  await screen.findByText(
    /^The pack for OPCCN \(4 action rows\) has opened as a new workbook; it may be behind this window\. Save it as "Norfolk plan - OPCCN\.xlsx"/,
  );
  expect(fake.created).toHaveLength(1);
});

test('where Excel cannot open a new workbook, the pack is offered to save', async () => {
  // jsdom has no object URLs (every browser a pane runs in has): the link's address is all that is needed here.
  const made: Blob[] = [];
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => (made.push(blob), `blob:pack-${made.length}`),
    revokeObjectURL: () => undefined,
  });
  pane({ ExcelApi: '1.7', File: '1.1', CompressedFile: '1.1' });
  await openReturns();
  fireEvent.click(screen.getByLabelText('Make the pack for Norfolk Constabulary'));
  const link = await screen.findByText('Save “Norfolk plan - Norfolk Constabulary.xlsx”');
  expect(link.closest('a')?.getAttribute('download')).toBe('Norfolk plan - Norfolk Constabulary.xlsx');
  expect(link.closest('a')?.getAttribute('href')).toBe('blob:pack-1');
  expect(made[0].size).toBeGreaterThan(10_000);
});

test('an Excel that cannot hand over its file says to use the command line, and lists no pack buttons', async () => {
  pane({ ExcelApi: '1.20' });
  await openReturns();
  expect(screen.getByText(/^This Excel cannot give Proforma the workbook as a file/)).toBeTruthy();
  expect(screen.queryByLabelText('Make the pack for OPCCN')).toBeNull();
});

test('returned files previewed per file; a conflict settled by taking the return’s value; one merge, then the check', async () => {
  const fake = pane();
  fake.state.set(O, 'F7', 'R');
  await openReturns();
  const plan = exampleBytes(NORFOLK);
  pick([
    {
      name: 'OPCCN.xlsx',
      bytes: typedInto(packBytes(plan, 'OPCCN', NORFOLK), { [`${P}!F5`]: 'G', [`${O}!F6`]: 'R' }),
    },
    {
      name: 'Constabulary.xlsx',
      bytes: typedInto(packBytes(plan, 'Norfolk Constabulary', NORFOLK), { [`${O}!F7`]: 'G' }),
    },
  ]);
  await screen.findByText('OPCCN.xlsx');
  expect(screen.getByText('OPCCN, sent 24 Nov 2026')).toBeTruthy();
  expect(screen.getByText(/Offender Management F6/).closest('li')?.textContent).toBe(
    'Offender Management F6 OM2 R A G: "G" → "R" — led by Norfolk Constabulary',
  );
  expect(screen.getByText('Merge 1 cell')).toBeTruthy();
  // The conflict: the plan holds R (changed since the pack was sent), the return G.
  fireEvent.click(screen.getByLabelText('Take the return’s: "G"'));
  fireEvent.click(await screen.findByText('Merge 2 cells'));
  await screen.findByText('Merged 2 cells from the returns.');
  expect(fake.state.value(P, 'F5')).toBe('G');
  expect(fake.state.value(O, 'F7')).toBe('G');
  expect(fake.state.value(O, 'F6')).toBe('G');
  // Back in the check, as merged.
  await waitFor(() => expect(screen.queryByText('Partner packs')).toBeNull());
});

test('a file that is not a workbook is said and left out', async () => {
  pane();
  await openReturns();
  pick([{ name: 'minutes.docx', bytes: new TextEncoder().encode('not a workbook') }]);
  await screen.findByText('minutes.docx: cannot read it: it is not an .xlsx file (not a zip package). It is left out.');
  expect(screen.getByText('Nothing to merge')).toBeTruthy();
});

test('a row renamed in the plan since the packs went out is listed with the update merged; a tidied status is no conflict', async () => {
  const fake = pane();
  // Since the packs went out: PE3’s action text edited, and PE1's "Amber " tidied to "A".
  fake.state.set(P, 'C7', 'Upskill Early Help partners');
  fake.state.set(P, 'F5', 'A');
  await openReturns();
  const plan = exampleBytes(NORFOLK);
  pick([
    { name: 'OPCCN.xlsx', bytes: typedInto(packBytes(plan, 'OPCCN', NORFOLK), { [`${P}!F5`]: 'G' }) },
    {
      name: 'Constabulary.xlsx',
      bytes: typedInto(packBytes(plan, 'Norfolk Constabulary', NORFOLK), { [`${P}!F7`]: 'G' }),
    },
  ]);
  await screen.findByText('Constabulary.xlsx');
  expect(screen.getByText('Rows changed in the plan since the pack was sent: 1')).toBeTruthy();
  expect(screen.getByText(/Prevention & Early Intervention C7/).closest('li')?.textContent).toMatch(
    /^Prevention & Early Intervention C7 PE3 "Upskill Early Help partners" — Its action text changed in the plan since the pack was sent: "Support work to upskill Early Help partners.* → "Upskill Early Help partners"\. Matched by its ref, so the return’s changes to the row are merged as listed\.$/,
  );
  expect(screen.queryByText(/^Conflicts/)).toBeNull();
  fireEvent.click(await screen.findByText('Merge 2 cells'));
  await screen.findByText('Merged 2 cells from the returns.');
  expect([fake.state.value(P, 'F5'), fake.state.value(P, 'F7')]).toEqual(['G', 'G']);
});
