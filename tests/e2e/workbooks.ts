// The workbooks the browser tests open, built in code from the examples and the
// benchmark's generator: one ready to send, and a real-size plan with many issues.
import {
  analyse,
  fixPlan,
  predictSnapshot,
  rebuildPlan,
  type CellValue,
  type WorkbookSnapshot,
} from '../../src/engine';
import { benchSnapshot } from '../../scripts/bench-data';
import { EXAMPLE_DATE, exampleSnapshot } from '../../scripts/make-examples';

const text = (value: string): CellValue => ({ kind: 'text', text: value });

/**
 * The Norfolk example with its errors corrected by hand, its certain fixes
 * applied and the overview rebuilt: "Ready to send". Its hand-made overview is
 * kept as "Overview (previous)" and its notes sheet stays.
 */
export function readyWorkbook(): WorkbookSnapshot {
  const snapshot = exampleSnapshot('norfolk-2019-refresh.xlsx');
  const set = (sheet: string, row: number, col: number, value: string) => {
    const target = snapshot.sheets.find((s) => s.name === sheet);
    if (!target) throw new Error(`no sheet ${sheet}`);
    target.cells[row][col] = text(value);
  };
  // What a secretary corrects by hand: the cells no fix is certain for (0-based rows and columns).
  set('Prevention & Early Intervention', 8, 5, 'G'); // F9 "Amber/ Green"
  set('Offender Management', 6, 4, 'DA cohort reoffending rate'); // E7 an error value
  set('Offender Management', 10, 5, 'A'); // F11 empty
  set('Prevention & Early Intervention', 5, 6, 'Scheme agreed with the districts; first referrals in May.'); // G6
  set('Prevention & Early Intervention', 8, 3, 'Youth Offending Team'); // D9
  set('Offender Management', 10, 6, 'Cohort review moved to the September board.'); // G11
  const fixed = predictSnapshot(snapshot, fixPlan(analyse(snapshot, { today: EXAMPLE_DATE })));
  const ready = predictSnapshot(fixed, rebuildPlan(fixed, analyse(fixed, { today: EXAMPLE_DATE }), EXAMPLE_DATE));
  const analysis = analyse(ready, { today: EXAMPLE_DATE });
  if (analysis.issues.some((i) => i.severity === 'error') || !analysis.overviewSheet)
    throw new Error('The ready workbook is not ready to send.');
  return ready;
}

/**
 * 300 actions on three theme sheets (the benchmark's generator: refs, merged
 * groups, statuses spelt five ways) with more of what real returns hold: a lead
 * left blank on every other row, a quarter for a term on every fifth, and
 * "Amber " with no progress update on every third: some 600 issues.
 */
export function manyIssuesWorkbook(): WorkbookSnapshot {
  const snapshot = benchSnapshot({ sheets: 3, rows: 100 });
  const LEAD = 3;
  const TERM = 5;
  const RAG = 6;
  const UPDATE = 7;
  for (const sheet of snapshot.sheets)
    sheet.cells.forEach((row, r) => {
      if (r < 2) return; // title and header
      if (r % 2 === 0) row[LEAD] = { kind: 'empty' };
      if (r % 5 === 0) row[TERM] = text('Q3');
      if (r % 3 === 0) {
        row[RAG] = text('Amber ');
        row[UPDATE] = { kind: 'empty' };
      }
    });
  return snapshot;
}
