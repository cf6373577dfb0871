// A failure of Proforma's own on one file of a batch (a bug, not the file's fault):
// the other files are still checked, and the failure is not passed off as an
// unreadable file. Made to happen by a reader that throws a TypeError for one file.
import * as path from 'path';
import { main } from '../src/cli';

jest.mock('../src/hosts/xlsx/files', () => {
  const actual = jest.requireActual('../src/hosts/xlsx/files');
  return {
    ...actual,
    readWorkbookFile: async (file: string) => {
      if (file.endsWith('norfolk-2019-refresh.xlsx'))
        throw new TypeError("Cannot read properties of undefined (reading 'cells')");
      return actual.readWorkbookFile(file);
    },
  };
});

const EXAMPLES = path.join(__dirname, '..', 'examples');

it('a failure of its own on one file is said with the file, asked to be reported, and the rest still checked', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const norfolk = path.join(EXAMPLES, 'norfolk-2019-refresh.xlsx');
  const code = await main(['check', norfolk, path.join(EXAMPLES, 'quarterly-performance-report.xlsx')], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    colour: false,
    width: 200,
    now: () => new Date(Date.UTC(2026, 10, 20, 9, 30)),
  });
  expect(code).toBe(2);
  expect(err).toEqual([
    `proforma: cannot check ${norfolk}: Proforma failed on this file (Cannot read properties of undefined (reading 'cells')); please report it`,
  ]);
  const text = out.join('\n');
  expect(text).toContain('2 workbooks checked in ');
  expect(text).toContain(': none ready to send, 1 could not be checked\n');
  expect(text).toMatch(/norfolk-2019-refresh\.xlsx +– +– {2}could not check: Proforma failed on this file/);
  expect(text).toMatch(/quarterly-performance-report\.xlsx +3 +8 {2}Not ready/);
});
