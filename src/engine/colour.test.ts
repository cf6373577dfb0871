import { analyse } from './analyse';
import { colourPlan } from './colour';
import { LAST_ROW, isProformaRule } from './live-colours';
import { Edit } from './plan';
import { predictSnapshot } from './predict';
import { STATUSES } from './scales';
import { HEADER, TODAY, action, sheet, themeSheet, toValue, workbook } from '../../tests/fixtures/snapshots';

type Live = Extract<Edit, { kind: 'live-colours' }>;

function liveEdit(edits: Edit[]): Live {
  const live = edits.filter((e): e is Live => e.kind === 'live-colours');
  expect(live).toHaveLength(1);
  return live[0];
}

describe('colour plan: live colours (SPEC §4.1)', () => {
  it('gives a sheet two rules per status (every status cell’s rule first, then the row tints) over its action rows and the rows below', () => {
    const wb = workbook(themeSheet('P', [action('PE1', 'G'), action('PE2', 'Purple'), action('PE3', 'R')]));
    const plan = colourPlan(analyse(wb, { today: TODAY }));
    const { rules, sheet: name } = liveEdit(plan.edits);
    expect(name).toBe('P');
    // To the end of the sheet: a row a partner adds below the last action takes its colour.
    const status = { top: 2, bottom: LAST_ROW, left: 5, right: 5 };
    const row = { top: 2, bottom: LAST_ROW, left: 0, right: 6 };
    expect(rules.map((r) => [r.ranges, r.fill, r.fontColour])).toEqual([
      [[status], STATUSES.R.colour, STATUSES.R.textColour],
      [[status], STATUSES.A.colour, STATUSES.A.textColour],
      [[status], STATUSES.G.colour, STATUSES.G.textColour],
      [[status], STATUSES.W.colour, STATUSES.W.textColour],
      [[row], STATUSES.R.tint, undefined],
      [[row], STATUSES.A.tint, undefined],
      [[row], STATUSES.G.tint, undefined],
      [[row], STATUSES.W.tint, undefined],
    ]);
    expect(rules[0].formula).toBe('N("Proforma R")+OR(TRIM(CLEAN($F3))="r",TRIM(CLEAN($F3))="red")');
    expect(rules.every((r) => isProformaRule(r.formula))).toBe(true);
    expect(plan.description).toBe(
      'Colours are live on 1 sheet: each row, and any row added below the table, takes its status colour as soon as a status is typed. 1 action row has no valid status and stays uncoloured until one is chosen.',
    );
  });

  it('has the same number of rules for 3 rows and for 3,000', () => {
    const count = (n: number): number => {
      const rows = Array.from({ length: n }, (_, i) => action(`PE${i + 1}`, ['R', 'A', 'G'][i % 3]));
      return liveEdit(colourPlan(analyse(workbook(themeSheet('P', rows)), { today: TODAY })).edits).rules.length;
    };
    expect(count(3000)).toBe(count(3));
  });

  it('leaves out header repeats and title rows, keeps empty rows between actions, and gives cells merged across rows no tint', () => {
    const s = sheet('P', [
      ['P'],
      HEADER,
      action('PE1', 'G'),
      action(null, 'A', { priority: null }),
      [],
      HEADER, // a page-break repeat of the header
      ['Strategic priority: Offender management, the next table'],
      action('PE2', 'R'),
    ]);
    s.merges = [{ top: 2, bottom: 3, left: 1, right: 1 }]; // B3:B4, one priority over two actions
    const { rules } = liveEdit(colourPlan(analyse(workbook(s), { today: TODAY })).edits);
    expect(rules[0].ranges).toEqual([
      { top: 2, bottom: 4, left: 5, right: 5 },
      { top: 7, bottom: LAST_ROW, left: 5, right: 5 },
    ]);
    // The first row tint, after the four status-cell rules.
    expect(rules[4].ranges).toEqual([
      { top: 2, bottom: 3, left: 0, right: 0 },
      { top: 2, bottom: 3, left: 2, right: 6 },
      { top: 4, bottom: 4, left: 0, right: 6 },
      { top: 7, bottom: LAST_ROW, left: 0, right: 6 },
    ]);
    // The formula's relative row is the first range's top row.
    expect(rules[4].formula).toContain('$F3');
  });

  it('offers drop-downs of the scale on the status and term columns, around the board’s own validation', () => {
    const s = sheet('P', [
      ['P'],
      ['Ref', 'Actions', 'Lead', 'Term', 'RAG'],
      ['PE1', 'Do', 'Police', 'S', 'G'],
      ['PE2', 'Do', 'Police', 'M c/f', 'A'],
      ['PE3', 'Do', 'Police', 'L', 'R'],
    ]);
    s.boardValidation = [{ top: 3, bottom: 3, left: 4, right: 4 }]; // E4: the board's own rule
    const { dropDowns } = liveEdit(colourPlan(analyse(workbook(s), { today: TODAY })).edits);
    expect(dropDowns.map((d) => [d.ranges, d.values])).toEqual([
      [[{ top: 2, bottom: LAST_ROW, left: 3, right: 3 }], ['S', 'M', 'L', 'S c/f', 'M c/f', 'L c/f']],
      [
        [
          { top: 2, bottom: 2, left: 4, right: 4 },
          { top: 4, bottom: LAST_ROW, left: 4, right: 4 },
        ],
        ['R', 'A', 'G', 'W'],
      ],
    ]);
    const off = analyse(workbook(s), {
      today: TODAY,
      settings: { ...analyse(workbook(s), { today: TODAY }).settings, dropdowns: false },
    });
    expect(liveEdit(colourPlan(off).edits).dropDowns).toEqual([]);
  });

  it('follows the scale: B on adds two rules and the code to the list', () => {
    const wb = workbook(themeSheet('P', [action('PE1', 'B')]));
    const settings = { ...analyse(wb, { today: TODAY }).settings, scale: 'ragb' as const };
    const { rules, dropDowns } = liveEdit(colourPlan(analyse(wb, { today: TODAY, settings })).edits);
    expect(rules).toHaveLength(10);
    expect(rules[4].fill).toBe(STATUSES.B.colour);
    expect(rules[9].fill).toBe(STATUSES.B.tint);
    expect(dropDowns[0].values).toEqual(['R', 'A', 'G', 'W', 'B']);
  });

  it('writes nothing when the sheet already has these rules and lists: colouring twice is colouring once', () => {
    const wb = workbook(themeSheet('P', [action('PE1', 'G'), action('PE2', 'R')]));
    const plan = colourPlan(analyse(wb, { today: TODAY }));
    const after = predictSnapshot(wb, plan);
    const again = colourPlan(analyse(after, { today: TODAY }));
    expect(again.edits).toEqual([]);
    expect(again.description).toBe('Colours are already live on 1 sheet; nothing to change.');
    // A partner's action added at the bottom is covered already: nothing to write again.
    after.sheets[0].cells.push(action('PE3', 'A').map(toValue));
    expect(colourPlan(analyse(after, { today: TODAY })).edits).toEqual([]);
    // A note typed further down bounds the rows below: the rules are written again, to the row before it.
    after.sheets[0].cells[9] = [toValue('Notes: figures from the March board')];
    const bounded = liveEdit(colourPlan(analyse(after, { today: TODAY })).edits);
    expect(bounded.rules[0].ranges).toEqual([{ top: 2, bottom: 8, left: 5, right: 5 }]);
    expect(bounded.dropDowns[0].ranges).toEqual([{ top: 2, bottom: 8, left: 5, right: 5 }]);
  });

  it('covers the rows below the table to the row before the next title or table, and stops at once where one follows', () => {
    const s = sheet('P', [
      ['P'],
      HEADER,
      action('PE1', 'G'),
      action('PE2', 'A'),
      [],
      [],
      ['Key: R off track, A at risk, G on track'],
      HEADER,
      action('OM1', 'R'),
    ]);
    // A cell merged down from the last action across the empty rows gets no tint; the rest of them do.
    s.merges = [{ top: 3, bottom: 4, left: 6, right: 6 }];
    const { rules, dropDowns } = liveEdit(colourPlan(analyse(workbook(s), { today: TODAY })).edits);
    expect(rules[0].ranges).toEqual([
      { top: 2, bottom: 5, left: 5, right: 5 },
      { top: 8, bottom: LAST_ROW, left: 5, right: 5 },
    ]);
    expect(rules[4].ranges).toEqual([
      { top: 2, bottom: 2, left: 0, right: 6 },
      { top: 3, bottom: 4, left: 0, right: 5 },
      { top: 5, bottom: 5, left: 0, right: 6 },
      { top: 8, bottom: LAST_ROW, left: 0, right: 6 },
    ]);
    expect(dropDowns[0].ranges).toEqual(rules[0].ranges);
    // A row holding something right after the last action: nothing below is added.
    const tight = sheet('P', [['P'], HEADER, action('PE1', 'G'), ['', '', '', '', '', '', 'Source: police data']]);
    expect(liveEdit(colourPlan(analyse(workbook(tight), { today: TODAY })).edits).rules[0].ranges).toEqual([
      { top: 2, bottom: 2, left: 5, right: 5 },
    ]);
  });

  it('writes no status drop-down on a sheet whose status values are mostly not on the scale, and says so', () => {
    const s = sheet('P', [
      ['P'],
      ['Ref', 'Actions', 'Lead', 'Term', 'Status'],
      ['PE1', 'Do', 'Police', 'S', 'In progress'],
      ['PE2', 'Do', 'Police', 'M', 'Complete'],
      ['PE3', 'Do', 'Police', 'L', 'G'],
    ]);
    const plan = colourPlan(analyse(workbook(s), { today: TODAY }));
    const { rules, dropDowns } = liveEdit(plan.edits);
    expect(rules).toHaveLength(8);
    // The term list stays; the status list of R, A, G, W over "In progress" would help no one.
    expect(dropDowns.map((d) => d.values)).toEqual([['S', 'M', 'L', 'S c/f', 'M c/f', 'L c/f']]);
    expect(plan.description).toContain(
      'No status drop-down on "P": most of its status values are not on the scale (R, A, G, W), so a list of it would help no one; choose the board\'s scale in the settings, then colour again.',
    );
    // Half on the scale is not most off it: the list is written.
    s.cells[3][4] = toValue('A');
    expect(liveEdit(colourPlan(analyse(workbook(s), { today: TODAY })).edits).dropDowns).toHaveLength(2);
  });

  it('clears the static fills earlier versions painted, with their text colour, and not the board’s own', () => {
    const s = themeSheet('P', [action('PE1', 'Purple'), action('PE2', '')]);
    // Row 3: Proforma's tint in A, its strong green in the RAG cell F, the board's yellow in C.
    s.fills = {
      '2,0': STATUSES.G.tint,
      '2,2': '#FFFF00',
      '2,5': STATUSES.G.colour,
      '3,1': '#FFFF00',
      '0,0': STATUSES.G.tint,
    };
    const plan = colourPlan(analyse(workbook(s), { today: TODAY }));
    expect(plan.edits.filter((e) => e.kind === 'format')).toEqual([
      { kind: 'format', sheet: 'P', range: { top: 2, bottom: 2, left: 0, right: 0 }, fill: null },
      { kind: 'format', sheet: 'P', range: { top: 2, bottom: 2, left: 5, right: 5 }, fill: null, fontColour: null },
    ]);
  });

  it('clears a sheet of old fills in a few rectangles, not a format a cell', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => action(`PE${i + 1}`, 'G'));
    const s = themeSheet('P', rows);
    // Earlier versions tinted whole rows and painted the status cell: 1,000 rows of them.
    for (let r = 2; r < 1002; r++) {
      for (let c = 0; c <= 6; c++) if (c !== 5) s.fills[`${r},${c}`] = STATUSES.G.tint;
      s.fills[`${r},5`] = STATUSES.G.colour;
    }
    const clears = colourPlan(analyse(workbook(s), { today: TODAY })).edits.filter((e) => e.kind === 'format');
    expect(clears).toEqual([
      { kind: 'format', sheet: 'P', range: { top: 2, bottom: 1001, left: 0, right: 4 }, fill: null },
      { kind: 'format', sheet: 'P', range: { top: 2, bottom: 1001, left: 5, right: 5 }, fill: null, fontColour: null },
      { kind: 'format', sheet: 'P', range: { top: 2, bottom: 1001, left: 6, right: 6 }, fill: null },
    ]);
  });

  it('looks merges up by row: a sheet 4 times as long costs 4 times as many merge look-ups, not 16', () => {
    const plan = (n: number) => {
      const s = themeSheet(
        'P',
        Array.from({ length: n }, (_, i) => action(`PE${i + 1}`, ['R', 'A', 'G'][i % 3])),
      );
      // Column B merged down every pair of rows; each merge counts how often it is looked at.
      let reads = 0;
      for (let r = 2; r + 1 < n + 2; r += 2)
        s.merges.push(
          new Proxy(
            { top: r, bottom: r + 1, left: 1, right: 1 },
            {
              get(target, property, receiver) {
                reads++;
                return Reflect.get(target, property, receiver);
              },
            },
          ),
        );
      const analysis = analyse(workbook(s), { today: TODAY });
      reads = 0;
      return { rules: liveEdit(colourPlan(analysis).edits).rules, reads: () => reads };
    };
    const small = plan(500);
    const large = plan(2_000);
    // No tint in column B, the rest of each row tinted; the rows below the table (no merge there) whole.
    expect(large.rules[4].ranges).toEqual([
      { top: 2, bottom: 2_001, left: 0, right: 0 },
      { top: 2, bottom: 2_001, left: 2, right: 6 },
      { top: 2_002, bottom: LAST_ROW, left: 0, right: 6 },
    ]);
    expect(large.reads()).toBeLessThan(small.reads() * 4.5);
  });
});
