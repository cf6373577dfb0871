// analyse() is pure: it reads the snapshot it is given and changes nothing in it,
// so a host (or the pane) can keep using its read after a check. So are the plans
// made from its result.
import { analyse } from './analyse';
import { colourPlan } from './colour';
import { fixPlan } from './fixes';
import { rebuildPlan } from './overview';
import { SETTINGS_SHEET } from './settings';
import { summarise } from './summary';
import { HEADER, TODAY, deepFreeze, sheet, workbook } from '../../tests/fixtures/snapshots';

/** A plan whose ref and priority cells are merged down three rows, as a reader that echoes merges reports them. */
function echoedMerges() {
  return workbook(
    sheet(
      'Prevention',
      [
        ['Prevention'],
        HEADER,
        ['PE1', 'Early help', 'First action', 'Police', 'Fewer cases', 'amber ', 'Under way'],
        ['PE1', 'Early help', 'Second action', 'Council', 'More cases seen', 'R', ''],
        ['PE1', 'Early help', 'Third action', '', '', 'Green', 'Done'],
      ],
      {
        merges: [
          { top: 2, left: 0, bottom: 4, right: 0 },
          { top: 2, left: 1, bottom: 4, right: 1 },
        ],
        fills: { '2,5': '#FFC000' },
      },
    ),
    sheet(SETTINGS_SHEET, [['scale', 'rag']]),
  );
}

describe('analyse is pure', () => {
  it('leaves the snapshot it is given as it was, merged cells included, and still reads merges as one value', () => {
    const snapshot = echoedMerges();
    const before = structuredClone(snapshot);
    const analysis = analyse(snapshot, { today: TODAY });
    expect(snapshot).toEqual(before);
    // The echoed PE1s under the merge are continuation cells: one group, no duplicate refs.
    expect(analysis.themes[0].layout.groups).toHaveLength(1);
    expect(analysis.issues.map((i) => i.code)).not.toContain('ref-duplicate');
    expect(analysis.issues.map((i) => `${i.code} ${i.cell}`)).toContain('rag-nonstandard F3');
  });

  it('never writes to its input: a deep-frozen snapshot is analysed, and planned from, without an error', () => {
    const snapshot = deepFreeze(echoedMerges());
    const analysis = analyse(snapshot, { today: TODAY });
    expect(() => [
      summarise(analysis),
      fixPlan(analysis),
      colourPlan(analysis),
      rebuildPlan(snapshot, analysis, TODAY),
    ]).not.toThrow();
    expect(analysis.themes[0].actions).toHaveLength(3);
  });
});

describe('only some checks (a command that needs the model and a few findings)', () => {
  it('runs just those checks, and reads the model as a whole analysis does', () => {
    const snapshot = echoedMerges();
    const whole = analyse(snapshot, { today: TODAY });
    const some = analyse(snapshot, { today: TODAY, only: ['rag-nonstandard'] });
    expect(new Set(whole.issues.map((i) => i.code)).size).toBeGreaterThan(1);
    expect(some.issues).toEqual(whole.issues.filter((i) => i.code === 'rag-nonstandard'));
    expect(some.themes).toEqual(whole.themes);
    expect(colourPlan(some)).toEqual(colourPlan(whole));
  });
});
