// The headings the settings offer for mapping (SPEC §2.2, §2.6), and what
// Proforma detects of the refs on its own.
import { analyse } from './analyse';
import { boardOverviews, headingsOf, mapHeading } from './headings';
import { SETTINGS_SHEET } from './settings';
import { SheetSnapshot } from './snapshot';
import { Raw, TODAY, action, sarReview, sheet, themeSheet, workbook } from '../../tests/fixtures/snapshots';

const run = (...sheets: SheetSnapshot[]) => analyse(workbook(...sheets), { today: TODAY });
const settingsSheet = (pairs: Raw[][]) => sheet(SETTINGS_SHEET, pairs);

const review = () => sarReview();

describe('headingsOf', () => {
  it("lists a theme sheet's header row: each heading, its cell and the role it was read as", () => {
    const view = headingsOf(run(themeSheet('Prevention', [action('PE1')])), {});
    expect(view.sheets).toHaveLength(1);
    const [prevention] = view.sheets;
    expect(prevention).toMatchObject({ sheet: 'Prevention', kind: 'theme', headerCell: 'A2', missing: [] });
    expect(prevention.headings.map((h) => [h.text, h.cell, h.role, h.mapped])).toEqual([
      ['Ref', 'A2', 'ref', null],
      ['Priority', 'B2', 'priority', null],
      ['Actions', 'C2', 'actions', null],
      ['Lead', 'D2', 'lead', null],
      ['Outcome measure', 'E2', 'outcome', null],
      ['RAG', 'F2', 'rag', null],
      ['Progress update', 'G2', 'evidence', null],
    ]);
    expect(view.unmatched).toEqual([]);
  });

  it('says a heading is not used when another column took its role, or it names none', () => {
    const s = sheet('P', [
      ['Ref', 'Actions', 'RAG', 'Budget', 'Comments', 'Update'],
      ['P1', 'Do it', 'G', 100, 'fine', 'fine'],
    ]);
    const roles = headingsOf(run(s), {}).sheets[0].headings.map((h) => [h.text, h.role]);
    expect(roles).toEqual([
      ['Ref', 'ref'],
      ['Actions', 'actions'],
      ['RAG', 'rag'],
      ['Budget', null],
      ['Comments', 'evidence'],
      ['Update', null],
    ]);
  });

  it("offers an unrecognised table's headings, with the roles a plan still needs", () => {
    const view = headingsOf(run(themeSheet('Prevention', [action('PE1')]), review()), {});
    const sar = view.sheets.find((s) => s.sheet === 'SAR review');
    expect(sar).toMatchObject({ kind: 'unrecognised', headerCell: 'A2', missing: ['actions'] });
    expect(sar?.headings.map((h) => [h.text, h.cell, h.role])).toEqual([
      ['Rec', 'A2', null],
      ['Finding', 'B2', null],
      ['Current Status', 'C2', 'rag'],
      ['Owner', 'D2', 'lead'],
    ]);
    // Workbook order, notes and overview sheets left out.
    expect(view.sheets.map((s) => s.sheet)).toEqual(['Prevention', 'SAR review']);
  });

  it("shows the board's mappings, matched as headers are (case, spaces, punctuation), before they are saved", () => {
    const view = headingsOf(run(review()), { 'rec.': 'ref', FINDING: 'actions' });
    expect(view.sheets[0].headings.map((h) => [h.text, h.mapped])).toEqual([
      ['Rec', 'ref'],
      ['Finding', 'actions'],
      ['Current Status', null],
      ['Owner', null],
    ]);
    expect(view.unmatched).toEqual([]);
  });

  it('reads the roles a saved mapping gave, and the mapping, once the sheet is read with it', () => {
    const a = run(
      settingsSheet([
        ['column:Rec', 'ref'],
        ['column:Finding', 'actions'],
      ]),
      review(),
    );
    const [sar] = headingsOf(a, a.settings.columns).sheets;
    expect(sar.kind).toBe('theme');
    expect(sar.missing).toEqual([]);
    expect(sar.headings.map((h) => [h.text, h.role, h.mapped])).toEqual([
      ['Rec', 'ref', 'ref'],
      ['Finding', 'actions', 'actions'],
      ['Current Status', 'rag', null],
      ['Owner', 'lead', null],
    ]);
  });

  it('lists mappings whose heading is on no sheet, so they can be removed', () => {
    const view = headingsOf(run(review()), { Minute: 'ref', Rec: 'ref', 'Board RAG': 'rag' });
    expect(view.unmatched).toEqual([
      { text: 'Minute', role: 'ref' },
      { text: 'Board RAG', role: 'rag' },
    ]);
  });

  it('warns when two headings of one sheet are mapped to the same role', () => {
    const [sar] = headingsOf(run(review()), { Rec: 'ref', Finding: 'ref' }).sheets;
    expect(sar.headings.map((h) => h.sharesMappingWith)).toEqual(['Finding', 'Rec', null, null]);
  });

  it('offers the headings of a sheet read without ref, actions or RAG, saying what is missing', () => {
    const s = sheet('Half', [
      ['Ref', 'Actions', 'Lead'],
      ['P1', 'Do it', 'Police'],
    ]);
    const view = headingsOf(run(s), {});
    expect(view.sheets).toEqual([
      expect.objectContaining({ sheet: 'Half', kind: 'incomplete', missing: ['rag'], headerCell: 'A1' }),
    ]);
    expect(view.sheets[0].headings.map((h) => [h.text, h.role])).toEqual([
      ['Ref', 'ref'],
      ['Actions', 'actions'],
      ['Lead', 'lead'],
    ]);
  });

  it('keeps a line-broken heading as it appears, trimmed', () => {
    const s = sheet('P', [
      [' Ref ', 'Actions', 'R\nA\nG'],
      ['P1', 'Do it', 'G'],
    ]);
    expect(headingsOf(run(s), { rag: 'rag' }).sheets[0].headings.map((h) => [h.text, h.mapped])).toEqual([
      ['Ref', null],
      ['Actions', null],
      ['R\nA\nG', 'rag'],
    ]);
  });
});

describe('mapHeading', () => {
  it('adds a mapping under the heading as it appears', () => {
    expect(mapHeading({}, 'Lead officer(s) ', 'lead')).toEqual({ 'Lead officer(s)': 'lead' });
  });

  it('replaces any mapping of the same heading, however it was written', () => {
    expect(mapHeading({ 'r a g': 'evidence', Who: 'lead' }, 'RAG', 'rag')).toEqual({ Who: 'lead', RAG: 'rag' });
  });

  it('removes the mapping when set back to as recognised, leaving the others', () => {
    expect(mapHeading({ Rec: 'ref', Who: 'lead' }, 'rec', null)).toEqual({ Who: 'lead' });
    expect(mapHeading({}, 'Rec', null)).toEqual({});
  });
});

describe('the refs detected, whatever the settings say (analysis.detected)', () => {
  it("detects each sheet's prefix and the scheme, whatever prefix the board set", () => {
    const a = run(
      settingsSheet([['prefix:Prevention', 'XX']]),
      themeSheet('Prevention', [action('PE1'), action('PE2'), action('OM3')]),
      themeSheet('Offender Management', [action('OM1')]),
    );
    expect(a.sheets.find((s) => s.name === 'Prevention')?.prefix).toBe('XX');
    expect(a.detected).toEqual({
      scheme: 'prefixed',
      prefixes: { Prevention: 'PE', 'Offender Management': 'OM' },
    });
  });

  it('detects dotted refs even when the board chose another scheme', () => {
    const a = run(settingsSheet([['refScheme', 'numbered']]), themeSheet('P', [action('1'), action('1.1')]));
    expect(a.scheme).toBe('numbered');
    expect(a.detected).toEqual({ scheme: 'dotted', prefixes: { P: null } });
  });
});

describe('boardOverviews', () => {
  const handMade = (name: string) =>
    sheet(name, [
      ['Theme', 'R', 'A', 'G'],
      ['Prevention', 0, 1, 2],
    ]);

  it("names a hand-made sheet under the overview's name, a kept previous one, and one named as a summary", () => {
    const analysis = run(
      handMade('Overview'),
      themeSheet('Prevention', [action('PE1')]),
      handMade('Overview (previous 2)'),
      handMade('Q2 summary'),
      sheet('Notes', [['Read me first']]),
    );
    expect(boardOverviews(analysis)).toEqual(['Overview', 'Overview (previous 2)', 'Q2 summary']);
  });

  it('follows the overview name in the settings, and never names a plan or a table to map', () => {
    const analysis = run(
      settingsSheet([['overviewName', 'Board matrix']]),
      handMade('Board matrix'),
      handMade('Board matrix (previous)'),
      handMade('Matrix'),
      themeSheet('Summary of actions', [action('SA1')]),
      { ...review(), name: 'Review summary' },
    );
    expect(boardOverviews(analysis)).toEqual(['Board matrix', 'Board matrix (previous)']);
  });
});
