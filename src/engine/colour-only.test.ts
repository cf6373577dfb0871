// rag-colour-only (SPEC §2.5): a status shown only by the status cell's fill.
import { analyse } from './analyse';
import { fixPlan } from './fixes';
import { builtInScale, statusOfFill } from './scales';
import { summarise } from './summary';
import { TODAY, action, sheet, themeSheet, workbook } from '../../tests/fixtures/snapshots';
import { SheetSnapshot } from './snapshot';

/** Rows PE1.. with an empty status cell (F, column 5) filled in each colour. */
function filled(colours: Array<string | null>, rag: string | null = null): SheetSnapshot {
  const s = themeSheet(
    'Prevention',
    colours.map((_, i) => action(`PE${i + 1}`, rag)),
  );
  colours.forEach((colour, i) => {
    if (colour) s.fills[`${i + 2},5`] = colour;
  });
  return s;
}

describe('rag-colour-only', () => {
  it.each([
    ['#FF0000', 'R', 'red'], // Excel's standard red
    ['#C00000', 'R', 'red'], // dark red
    ['#FFC7CE', 'R', 'red'], // Excel's "light red fill"
    ['#D4351C', 'R', 'red'], // GOV.UK red
    ['#FFC000', 'A', 'yellow'], // Excel's standard orange-amber
    ['#FFEB9C', 'A', 'yellow'], // Excel's "yellow fill"
    ['#FFFF00', 'A', 'yellow'],
    ['#F47738', 'A', 'orange'], // GOV.UK orange
    ['#00B050', 'G', 'green'],
    ['#C6EFCE', 'G', 'green'], // Excel's "green fill"
    ['#92D050', 'G', 'green'], // light green
  ])('reads an empty status cell filled %s as %s, naming the colour', (colour, code, word) => {
    const [issue] = analyse(workbook(filled([colour])), { today: TODAY }).issues;
    expect(issue).toMatchObject({ code: 'rag-colour-only', severity: 'error', cell: 'F3', fix: { value: code } });
    expect(issue.message).toContain(`${word} (${colour})`);
  });

  it('is a missing status where the fill is no status colour: white, grey, black, or none', () => {
    const issues = analyse(workbook(filled(['#FFFFFF', '#D9D9D9', '#000000', null])), { today: TODAY }).issues;
    expect(issues.map((i) => i.code)).toEqual(['rag-missing', 'rag-missing', 'rag-missing', 'rag-missing']);
  });

  it('says nothing of a fill behind a status that is written', () => {
    expect(analyse(workbook(filled(['#FF0000', '#00B050'], 'G')), { today: TODAY }).issues).toEqual([]);
  });

  it('knows blue only where the scale has it', () => {
    expect(statusOfFill('#0070C0', builtInScale('rag'))?.status.code).not.toBe('B');
    expect(statusOfFill('#0070C0', builtInScale('ragb'))?.status.code).toBe('B');
    expect(statusOfFill('#BDD7EE', builtInScale('ragb'))?.status.code).toBe('B');
  });

  it('counts the row as having no status until fixed; the fix writes the code', () => {
    const analysis = analyse(workbook(filled(['#FF0000', '#00B050'])), { today: TODAY });
    expect(summarise(analysis).total.rag).toMatchObject({ R: 0, G: 0, none: 2 });
    const plan = fixPlan(analysis);
    expect(plan.edits).toEqual([
      expect.objectContaining({ kind: 'set-value', sheet: 'Prevention', row: 2, col: 5, value: 'R' }),
      expect.objectContaining({ kind: 'set-value', sheet: 'Prevention', row: 3, col: 5, value: 'G' }),
    ]);
  });

  describe('a later quarter shown only by its fill (SPEC §2.2, §2.5)', () => {
    /** Q1–Q3 statuses; Q4 not yet due. Fills are given per "row,col" (0-based). */
    const tracker = (fills: Record<string, string>) =>
      sheet(
        'Tracker',
        [
          ['Ref', 'Action', 'Lead', 'Q1 RAG', 'Q2 RAG', 'Q3 RAG', 'Q4 RAG'],
          ['1', 'Quit smoking service', 'Public Health', 'G', null, null, null],
          ['2', 'Falls prevention', 'NHS', 'G', 'A', null, null],
          ['3', 'Healthy weight', 'Council', 'G', 'G', 'G', null],
        ],
        { fills },
      );

    it('is rag-colour-only at that cell, with its fix, and the row counts as none, not as the older status', () => {
      // Ref 1: Q2 empty with a red fill; ref 2: Q3 empty with a green fill.
      const a = analyse(workbook(tracker({ '1,4': '#FF0000', '2,5': '#00B050' })), { today: TODAY });
      expect(a.issues.map((i) => [i.code, i.cell, i.fix?.value])).toEqual([
        ['rag-colour-only', 'E2', 'R'],
        ['rag-colour-only', 'F3', 'G'],
      ]);
      expect(a.themes[0].actions.map((x) => [x.statusCol, x.rag.state])).toEqual([
        [4, 'missing'],
        [5, 'missing'],
        [5, 'valid'],
      ]);
      const summary = summarise(a);
      expect(summary.total.rag).toMatchObject({ R: 0, A: 0, G: 1, none: 2 });
      expect(summary.leftOut.map((l) => [l.cell, l.reason])).toEqual([
        ['E2', 'status shown only by colour'],
        ['F3', 'status shown only by colour'],
      ]);
      expect(fixPlan(a).edits).toEqual([
        expect.objectContaining({ kind: 'set-value', row: 1, col: 4, value: 'R' }),
        expect.objectContaining({ kind: 'set-value', row: 2, col: 5, value: 'G' }),
      ]);
    });

    it('leaves alone a fill the whole row has (a painted row), one before the latest status, and a grey one', () => {
      const paintedRow = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((c) => [`1,${c}`, '#C6EFCE']));
      const a = analyse(workbook(tracker({ ...paintedRow, '2,3': '#FF0000', '3,6': '#D9D9D9' })), { today: TODAY });
      expect(a.issues).toEqual([]);
      expect(summarise(a).total.rag).toMatchObject({ A: 1, G: 2, none: 0 });
    });
  });
});
