// The new state of a workbook after a change is derived from the read the
// change was planned from (predictSnapshot), not read again. Here both hosts
// are held to it: for every operation on both examples, a fresh read after the
// write equals the prediction.
import {
  BASELINE_SHEET,
  Plan,
  WorkbookSnapshot,
  analyse,
  baselinePlan,
  SETTINGS_SHEET,
  colourPlan,
  displayText,
  editSettings,
  fixPlan,
  mergeReturns,
  packPlan,
  partnersOf,
  predictSnapshot,
  rebuildPlan,
  withoutMergeContinuations,
} from '../src/engine';
import { readSnapshot, runInExcel, writePlan } from '../src/hosts/excel';
import * as xlsx from '../src/hosts/xlsx';
import { EXAMPLE_DATE, exampleBytes, exampleSnapshot } from './fixtures/examples';
import { FakeExcel } from './fake-excel';
import { loadSnapshot } from './fake-excel/from-snapshot';
import { returnSnapshot } from './fixtures/returns';
import type { Raw } from './fixtures/snapshots';

type Planner = (snapshot: WorkbookSnapshot) => Plan;
const OPERATIONS: Array<[string, Planner]> = [
  ['fix', (s) => fixPlan(analyse(s, { today: EXAMPLE_DATE }))],
  ['colour', (s) => colourPlan(analyse(s, { today: EXAMPLE_DATE }))],
  ['rebuild', (s) => rebuildPlan(s, analyse(s, { today: EXAMPLE_DATE }), EXAMPLE_DATE)],
  // A very hidden settings sheet added at the end, then its rows replaced (a record sheet).
  [
    'settings',
    (s) => {
      const analysis = analyse(s, { today: EXAMPLE_DATE });
      const round = s.sheets.some((sheet) => sheet.name === SETTINGS_SHEET) ? 'again' : 'first';
      const set: Array<[string, string]> =
        round === 'first'
          ? [
              ['overviewName', 'Board summary'],
              ['warningsOff', 'lead-missing'],
            ]
          : [['dropdowns', 'FALSE']];
      const result = editSettings(s, analysis, { set, unset: round === 'first' ? [] : ['warningsOff'] }, EXAMPLE_DATE);
      if (!result.ok) throw new Error(`settings refused: ${result.reason}`);
      return result.plan;
    },
  ],
  // "Record baseline": a very hidden ProformaBaseline added at the end, then replaced by the next quarter's.
  [
    'baseline',
    (s) => {
      const label = s.sheets.some((sheet) => sheet.name === BASELINE_SHEET) ? 'Q3 2026/27' : 'Q2 2026/27';
      return baselinePlan(analyse(s, { today: EXAMPLE_DATE }), s, label, EXAMPLE_DATE);
    },
  ],
];
/** A partner's return per example (SPEC §7): a status, text Excel would parse, a number, a date where text was. */
const RETURNS: Record<string, { lead: string; edits: Record<string, Raw> }> = {
  'norfolk-2019-refresh.xlsx': {
    lead: 'OPCCN',
    edits: {
      'Prevention & Early Intervention!F5': 'G',
      'Prevention & Early Intervention!G5': '12/03/2027',
      'Offender Management!E12': 42,
    },
  },
  'quarterly-performance-report.xlsx': {
    lead: 'Norfolk Youth Offending Team',
    edits: { 'Prevention!E10': { date: '2027-03-31' }, 'Prevention!G10': 'A', 'Prevention!H9': 'All districts live' },
  },
};

/** The pack of the first lead partner (rows hidden, colours live, the record sheet). */
const packOf: Planner = (s) => {
  const analysis = analyse(s, { today: EXAMPLE_DATE });
  return packPlan(analysis, partnersOf(analysis).partners[0], { planFile: 'plan.xlsx', now: EXAMPLE_DATE });
};

/** The example's partner return merged in (the second round finds nothing new). */
const mergeOf =
  (file: string): Planner =>
  (s) => {
    const { lead, edits } = RETURNS[file];
    const returned = returnSnapshot(s, lead, edits);
    return mergeReturns({ snapshot: s, model: analyse(s, { today: EXAMPLE_DATE }) }, [
      { file: 'return.xlsx', snapshot: returned, model: analyse(returned, { today: EXAMPLE_DATE }) },
    ]).plan;
  };

const EXAMPLE_FILES = ['norfolk-2019-refresh.xlsx', 'quarterly-performance-report.xlsx'];
const RETURNS_OPERATIONS = (file: string): Array<[string, Planner]> => [
  ['pack', packOf],
  ['merge', mergeOf(file)],
];

/**
 * What a person sees of a workbook: sheets in order, values (no trailing blanks), fills, merges,
 * hidden rows, names, live colours. The Excel host's merges are left out: it reads them only to
 * colour (the call clears Excel's undo history).
 */
function seen(snapshot: WorkbookSnapshot, merges = true): unknown {
  return {
    sheets: snapshot.sheets.map((original) => {
      const sheet = withoutMergeContinuations(original);
      const values = sheet.cells.map((line) => {
        const texts = line.map(displayText);
        while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
        return texts;
      });
      while (values.length > 0 && values[values.length - 1].length === 0) values.pop();
      return {
        name: sheet.name,
        visibility: sheet.visibility,
        values,
        fills: Object.fromEntries(Object.entries(sheet.fills).sort()),
        merges: merges ? [...sheet.merges].sort((a, b) => a.top - b.top || a.left - b.left) : [],
        hiddenRows: [...sheet.hiddenRows].sort((a, b) => a - b),
        // Live colours: Proforma's rules and drop-down lists, and where the board's validation is.
        statusRules: sheet.statusRules ?? [],
        dropDowns: sheet.dropDowns ?? [],
        boardValidation: sheet.boardValidation ?? [],
      };
    }),
    names: [...(snapshot.names ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

describe.each(EXAMPLE_FILES)('%s: the predicted state is what a fresh read finds', (file) => {
  it.each([...OPERATIONS, ...RETURNS_OPERATIONS(file)])('%s, in the .xlsx host', (_op, planner) => {
    let pkg = xlsx.readPackage(exampleBytes(file));
    // Twice: the second run starts from the first one's result (a rebuild then rewrites in place).
    for (let round = 0; round < 2; round++) {
      const plan = planner(pkg.snapshot);
      const predicted = predictSnapshot(pkg.snapshot, plan);
      pkg = xlsx.readPackage(xlsx.applyPlan(pkg, plan, EXAMPLE_DATE));
      expect(seen(pkg.snapshot)).toEqual(seen(predicted));
    }
  });

  it.each([...OPERATIONS, ...RETURNS_OPERATIONS(file)])('%s, in Excel (the fake)', async (_op, planner) => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    loadSnapshot(fake.state, exampleSnapshot(file));
    for (let round = 0; round < 2; round++) {
      // Read as colouring reads (with rules and lists), so they are compared too.
      const { snapshot: before, receipt } = await runInExcel(fake, (context) =>
        readSnapshot(context, { colours: true }),
      );
      const plan = planner(before);
      const predicted = predictSnapshot(before, plan);
      await writePlan(fake, plan, before, receipt);
      const { snapshot: after } = await runInExcel(fake, (context) => readSnapshot(context, { colours: true }));
      expect(seen(after, false)).toEqual(seen(predicted, false));
    }
  });
});

describe('a rebuild that renames the overview (the board changed overviewName)', () => {
  const renamed = (snapshot: WorkbookSnapshot): WorkbookSnapshot => ({
    ...snapshot,
    sheets: [
      ...snapshot.sheets,
      {
        name: 'ProformaSettings',
        visibility: 'veryHidden',
        cells: [
          [
            { kind: 'text', text: 'overviewName' },
            { kind: 'text', text: 'Board summary' },
          ],
        ],
        merges: [],
        hiddenRows: [],
        fills: {},
      },
    ],
  });

  it('is predicted in Excel (the fake) as a fresh read finds it: renamed in place, the mark following', async () => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20' } });
    loadSnapshot(fake.state, renamed(exampleSnapshot('quarterly-performance-report.xlsx')));
    const { snapshot: before, receipt } = await runInExcel(fake, (context) => readSnapshot(context));
    const plan = rebuildPlan(before, analyse(before, { today: EXAMPLE_DATE }), EXAMPLE_DATE);
    expect(plan.edits.map((e) => e.kind)).toEqual(['rename-sheet', 'replace-sheet', 'mark-overview']);
    const predicted = predictSnapshot(before, plan);
    await writePlan(fake, plan, before, receipt);
    const { snapshot: after } = await runInExcel(fake, (context) => readSnapshot(context));
    expect(seen(after, false)).toEqual(seen(predicted, false));
    expect(after.sheets[0].name).toBe('Board summary');
    expect(analyse(after, { today: EXAMPLE_DATE }).overviewSheet?.name).toBe('Board summary');
  });
});
