// Action identity (SPEC §7.1): the same action in two copies of a plan, by sheet and
// ref, else by action text; rows that cannot be matched are said, with why.
import { analyse } from './analyse';
import { ActionRecord, identify, matchActions, planActions, refKey, textKey } from './identity';
import { TODAY, action, sheet, themeSheet, workbook } from '../../tests/fixtures/snapshots';

const rec = (sheet: string, ref: string | null, text: string): ActionRecord => ({ sheet, ref, text });
const pairs = (m: ReturnType<typeof matchActions>) => m.matched.map((p) => [p.ours.text, p.theirs.text, p.by]);

describe('keys', () => {
  it('compares refs in normal form and action text without case, spaces or line breaks', () => {
    expect(refKey(' pe 3')).toBe('PE3');
    expect(refKey('01.05')).toBe('1.5');
    expect(refKey('ESU01_C')).toBe('ESU01_C');
    expect(refKey('')).toBeNull();
    expect(refKey(null)).toBeNull();
    expect(textKey('  Refer families\nto the  HUB ')).toBe(textKey('refer families to the hub'));
    // Text pasted with an invisible character is the same action.
    expect(textKey('Refer families\u200b to the hub\ufeff')).toBe(textKey('refer families to the hub'));
    expect(refKey('PE3\u200b')).toBe('PE3');
  });

  it('identifies by ref where the ref is on one row of its sheet, else by action text', () => {
    const ids = identify([
      rec('P', 'PE1', 'Triage'),
      rec('P', 'PE2', 'Liaison'),
      rec('P', 'PE2', 'Hub'),
      rec('P', null, 'Outreach'),
      rec('Q', 'PE1', 'Other sheet'),
    ]);
    expect(ids.map((id) => [id.by, id.ref])).toEqual([
      ['ref', 'PE1'],
      ['text', 'PE2'],
      ['text', 'PE2'],
      ['text', null],
      ['ref', 'PE1'],
    ]);
    expect(ids[3]).toEqual({ sheet: 'P', by: 'text', ref: null, text: 'outreach' });
  });
});

describe('matchActions', () => {
  const plan = [rec('P', 'PE1', 'Offer triage'), rec('P', 'PE2', 'Liaison at court'), rec('P', 'PE3', 'Family hub')];

  it('matches the same plan row for row, by ref', () => {
    const m = matchActions(plan, plan);
    expect(m.matched.map((p) => [p.ours.ref, p.theirs.ref, p.by, p.refChanged, p.textChanged])).toEqual([
      ['PE1', 'PE1', 'ref', false, false],
      ['PE2', 'PE2', 'ref', false, false],
      ['PE3', 'PE3', 'ref', false, false],
    ]);
    expect(m.onlyOurs).toEqual([]);
    expect(m.onlyTheirs).toEqual([]);
  });

  it('keeps an action whose text was edited under the same ref (same ref, same action)', () => {
    const edited = [plan[0], rec('P', 'pe-2', 'Liaison workers at BOTH courts'), plan[2]];
    const m = matchActions(plan, edited);
    expect(m.matched[1]).toMatchObject({ by: 'ref', refChanged: false, textChanged: true });
    expect(m.onlyOurs).toEqual([]);
  });

  it('follows renumbered refs by the action text, and says a row whose ref and text both changed', () => {
    const renumbered = [
      rec('P', 'PE4', 'Offer triage'), // renumbered, text the same: the same action
      rec('P', 'PE2', 'Liaison at court'),
      rec('P', 'PE5', 'A new family service'), // ref and text both changed: not matched
    ];
    const m = matchActions(plan, renumbered);
    expect(pairs(m)).toEqual([
      ['Offer triage', 'Offer triage', 'text'],
      ['Liaison at court', 'Liaison at court', 'ref'],
    ]);
    expect(m.matched[0]).toMatchObject({ refChanged: true, textChanged: false });
    expect(m.onlyOurs.map((u) => [u.record.ref, u.reason, u.message])).toEqual([
      [
        'PE3',
        'not-found',
        'Its ref PE3 is not in the other copy, and no row of the other copy has its action text: it was added or removed, or its ref and action text both changed.',
      ],
    ]);
    expect(m.onlyTheirs.map((u) => [u.record.ref, u.reason])).toEqual([['PE5', 'not-found']]);
  });

  it('matches a sheet with no ref column by action text, whatever its order', () => {
    const ours = [rec('T', null, 'Offer triage'), rec('T', null, 'Liaison at court'), rec('T', null, 'Family hub')];
    const theirs = [rec('T', null, 'family  HUB'), rec('T', null, 'Offer\ntriage'), rec('T', null, 'Outreach')];
    const m = matchActions(ours, theirs);
    expect(pairs(m)).toEqual([
      ['Offer triage', 'Offer\ntriage', 'text'],
      ['Family hub', 'family  HUB', 'text'],
    ]);
    expect(m.onlyOurs.map((u) => u.message)).toEqual([
      'It has no ref, and no row of the other copy has its action text: it was added or removed, or its action text changed.',
    ]);
    expect(m.onlyTheirs.map((u) => u.record.text)).toEqual(['Outreach']);
  });

  it('matches a priority’s actions under one ref by their text, and pairs the one row left under it as shared-ref (not §7.1’s identity)', () => {
    const ours = [rec('P', 'PE1', 'Triage'), rec('P', 'PE1', 'Review'), rec('P', 'PE1', 'Report')];
    const theirs = [rec('P', 'PE1', 'Report'), rec('P', 'PE1', 'Triage'), rec('P', 'PE1', 'Review annually')];
    const m = matchActions(ours, theirs);
    expect(pairs(m)).toEqual([
      ['Triage', 'Triage', 'ref-and-text'],
      ['Review', 'Review annually', 'shared-ref'],
      ['Report', 'Report', 'ref-and-text'],
    ]);
  });

  it('does not guess between rows a duplicated ref and a repeated text cannot tell apart', () => {
    const ours = [rec('P', 'PE1', 'Review annually'), rec('P', 'PE1', 'Review annually'), rec('P', 'PE2', 'Hub')];
    const theirs = [rec('P', 'PE1', 'Review annually'), rec('P', 'PE1', 'review annually'), rec('P', 'PE2', 'Hub')];
    const m = matchActions(ours, theirs);
    expect(pairs(m)).toEqual([['Hub', 'Hub', 'ref']]);
    expect(m.onlyOurs.map((u) => [u.reason, u.message])).toEqual([
      ['ambiguous', 'Its ref PE1 is on several rows, and its action text matches several rows.'],
      ['ambiguous', 'Its ref PE1 is on several rows, and its action text matches several rows.'],
    ]);
    expect(m.onlyTheirs).toHaveLength(2);
  });

  it('pairs rows alike in ref and text in order only when asked, and only as many each side', () => {
    const ours = [rec('P', 'PE1', 'Review annually'), rec('P', 'PE1', 'Review annually'), rec('P', null, '')];
    const theirs = [rec('P', 'PE1', 'review  annually'), rec('P', 'pe-1', 'Review annually'), rec('P', null, '')];
    expect(matchActions(ours, theirs).matched).toEqual([]);
    const paired = matchActions(ours, theirs, { pairRepeats: true });
    expect(paired.matched.map((p) => [ours.indexOf(p.ours), theirs.indexOf(p.theirs), p.by])).toEqual([
      [0, 0, 'order'],
      [1, 1, 'order'],
      [2, 2, 'order'],
    ]);
    expect(paired.onlyOurs).toEqual([]);
    // Two alike against three: which two is a guess, so none is paired.
    const three = [...theirs.slice(0, 2), rec('P', 'PE1', 'Review annually')];
    const uneven = matchActions(ours.slice(0, 2), three, { pairRepeats: true });
    expect(uneven.matched).toEqual([]);
    expect(uneven.onlyOurs.map((u) => u.reason)).toEqual(['ambiguous', 'ambiguous']);
  });

  it('never matches across sheets, and says a row with neither ref nor text', () => {
    const m = matchActions([rec('P', 'PE1', 'Triage'), rec('P', null, '')], [rec('Q', 'PE1', 'Triage')]);
    expect(m.matched).toEqual([]);
    expect(m.onlyOurs.map((u) => u.reason)).toEqual(['not-found', 'no-identity']);
    expect(m.onlyTheirs.map((u) => u.reason)).toEqual(['not-found']);
  });

  it('matches stored records (no row, no snapshot) against a plan’s actions', () => {
    const snapshot = workbook(
      themeSheet('Prevention', [
        action('PE1', 'G', { actions: 'Triage' }),
        action(null, 'A', { actions: 'Hub', priority: null }),
      ]),
    );
    const actions = planActions(analyse(snapshot, { today: TODAY }));
    expect(actions.map((a) => [a.ref, a.text, a.cell, a.identity.by])).toEqual([
      ['PE1', 'Triage', 'C3', 'text'],
      ['PE1', 'Hub', 'C4', 'text'],
    ]);
    const stored = [rec('Prevention', 'PE1', 'Hub'), rec('Prevention', 'PE1', 'Triage')];
    expect(matchActions(actions, stored).matched.map((p) => [p.ours.cell, p.theirs.text])).toEqual([
      ['C3', 'Triage'],
      ['C4', 'Hub'],
    ]);
  });

  it('reads a sheet without a ref column as actions with no ref, identified by text', () => {
    const s = sheet('Tracker', [
      ['Action', 'Lead', 'RAG'],
      ['Triage', 'Police', 'G'],
      ['Hub', 'Council', 'A'],
    ]);
    const actions = planActions(analyse(workbook(s), { today: TODAY }));
    expect(actions.map((a) => [a.ref, a.identity])).toEqual([
      [null, { sheet: 'Tracker', by: 'text', ref: null, text: 'triage' }],
      [null, { sheet: 'Tracker', by: 'text', ref: null, text: 'hub' }],
    ]);
  });
});
