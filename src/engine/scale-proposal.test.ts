// The board's own scale proposed from its words (SPEC §2.5), and chosen through the settings.
import { Raw, TODAY, action, sheet, themeSheet, workbook } from '../../tests/fixtures/snapshots';
import { analyse } from './analyse';
import { guessClass, proposalRows, proposeScale, proposedStatuses } from './scale-proposal';
import { editSettings } from './settings-edit';
import { predictSnapshot } from './predict';
import { SETTINGS_SHEET } from './settings';

const planOf = (statuses: Raw[], settings: Array<[string, string]> = []) =>
  workbook(
    themeSheet(
      'Plan',
      statuses.map((s, i) => action(`P${i + 1}`, s)),
    ),
    ...(settings.length > 0 ? [sheet(SETTINGS_SHEET, settings)] : []),
  );

const mismatch = (statuses: Raw[], settings: Array<[string, string]> = []) =>
  analyse(planOf(statuses, settings), { today: TODAY }).issues.filter((i) => i.code === 'scale-mismatch');

describe('guessing a class from a word', () => {
  it.each([
    ['Complete', 'complete'],
    ['completed', 'complete'],
    ['Done.', 'complete'],
    ['Delivered', 'complete'],
    ['In progress', 'on-track'],
    ['on-going', 'on-track'],
    ['On  Target', 'on-track'],
    ['Not started', 'at-risk'],
    ['ON HOLD', 'at-risk'],
    ['Slipping', 'at-risk'],
    ['Not achieved', 'off-track'],
    ['overdue', 'off-track'],
    ['No longer required', 'withdrawn'],
    ['Superseded', 'withdrawn'],
  ])('%s is %s', (word, cls) => expect(guessClass(word)).toBe(cls));

  it.each(['Not on track', 'Pending', 'Partly done', 'TBC', '3'])('%s is not guessed', (word) =>
    expect(guessClass(word)).toBeNull(),
  );
});

describe('scale-mismatch proposes the board’s own words', () => {
  it('Not started / In progress / Complete: a scale of those words, in class order, with the rows it would write', () => {
    const statuses = ['Complete', 'In progress', 'Not started', 'In progress', 'Complete', 'Not started'];
    const analysis = analyse(planOf(statuses), { today: TODAY });
    const proposed = proposeScale(analysis);
    if (!('proposal' in proposed)) throw new Error(`no proposal: ${proposed.reason}`);
    expect(proposed.proposal.words.map((w) => [w.code, w.class])).toEqual([
      ['Not started', 'at-risk'],
      ['In progress', 'on-track'],
      ['Complete', 'complete'],
    ]);
    expect(proposalRows(proposed.proposal)).toEqual([
      ['scale', 'custom'],
      ['status:Not started', 'at-risk; Not started; At risk; #F47738'],
      ['status:In progress', 'on-track; In progress; On track; #00703C'],
      ['status:Complete', 'complete; Complete; Complete; #1D70B8'],
    ]);
    const [issue] = analysis.issues.filter((i) => i.code === 'scale-mismatch');
    expect(issue).toMatchObject({ sheet: 'Plan', cell: 'F2', severity: 'warning' });
    expect(issue.message).toContain('6 of 6 status values are not on the rag scale');
    expect(issue.message).toContain('"Not started", "In progress", "Complete"');
    expect(issue.message).toContain('[scale = custom] [status:Not started = at-risk; Not started; At risk; #F47738]');
    expect(issue.message).toContain('settings --scale-from-values');
    expect(issue.message).not.toContain('cannot tell');
  });

  it('a "Complete" cell does not advise the ragb scale when the board’s own words are proposed', () => {
    const statuses = ['Complete', 'In progress', 'Not started', 'In progress', 'Complete', 'Not started'];
    const issues = analyse(planOf(statuses), { today: TODAY }).issues;
    const complete = issues.filter((i) => i.code === 'rag-invalid' && i.cell === 'F3');
    expect(complete.map((i) => i.message)).toEqual([
      'RAG value "Complete" is not on the scale; use one of R, A, G, W.',
    ]);
    // Without the proposal (switched off, or too few off-scale values for one) the hint stays.
    const off = analyse(planOf(statuses, [['warningsOff', 'scale-mismatch']]), { today: TODAY }).issues;
    expect(off.find((i) => i.cell === 'F3')?.message).toContain('B (complete) is on the ragb scale');
    const few = analyse(planOf(['Complete', 'G', 'A']), { today: TODAY }).issues;
    expect(few.find((i) => i.cell === 'F3')?.message).toContain('B (complete) is on the ragb scale');
  });

  it('odd spacing and case make one word, every spelling kept so that none is invalid once chosen', () => {
    const statuses = [
      'In progress',
      ' in  progress',
      'IN PROGRESS',
      'In-progress',
      'Complete',
      'complete ',
      'Inprogress',
    ];
    const analysis = analyse(planOf(statuses), { today: TODAY });
    const proposed = proposeScale(analysis);
    if (!('proposal' in proposed)) throw new Error(`no proposal: ${proposed.reason}`);
    expect(proposed.proposal.words).toEqual([
      { code: 'In progress', spellings: ['In-progress', 'Inprogress'], class: 'on-track', count: 5 },
      { code: 'Complete', spellings: [], class: 'complete', count: 2 },
    ]);
    // Chosen: every status is valid, and none gets rag-invalid.
    const edit = editSettings(planOf(statuses), analysis, { set: [], unset: [], scaleFromValues: true }, TODAY);
    if (!edit.ok) throw new Error(edit.reason);
    const after = analyse(predictSnapshot(planOf(statuses), edit.plan), { today: TODAY });
    expect(after.scale.name).toBe('custom');
    expect(after.themes[0].actions.map((a) => a.rag.state)).toEqual(statuses.map(() => 'valid'));
    expect(
      after.issues.filter((i) => /^rag-|scale-mismatch|settings-invalid/.test(i.code) && i.code !== 'rag-nonstandard'),
    ).toEqual([]);
  });

  it('lists the words it cannot classify, and never guesses them', () => {
    const statuses = ['Pending', 'Complete', 'TBC', 'Complete', 'Pending'];
    const [issue] = mismatch(statuses);
    expect(issue.message).toContain('Proforma cannot tell what "Pending" and "TBC" mean');
    const proposed = proposeScale(analyse(planOf(statuses), { today: TODAY }));
    if (!('proposal' in proposed)) throw new Error('no proposal');
    expect(proposed.proposal.words.map((w) => [w.code, w.class])).toEqual([
      ['Complete', 'complete'],
      ['Pending', null],
      ['TBC', null],
    ]);
    // The rows written are only the classified ones until the board says what the others mean.
    expect(proposedStatuses(proposed.proposal).unclassified).toEqual(['Pending', 'TBC']);
    const classified = proposedStatuses(proposed.proposal, { pending: 'at-risk', tbc: 'at-risk' });
    expect(classified.unclassified).toEqual([]);
    expect(classified.statuses.map((s) => [s.code, s.class])).toEqual([
      ['Pending', 'at-risk'],
      ['TBC', 'at-risk'],
      ['Complete', 'complete'],
    ]);
  });

  it('more than 8 distinct values: no proposal, and no warning where no built-in scale fits either', () => {
    const statuses = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7', 'h8', 'i9'];
    expect(proposeScale(analyse(planOf(statuses), { today: TODAY }))).toEqual({ reason: 'too-many', distinct: 9 });
    expect(mismatch(statuses)).toEqual([]);
    // Eight are still a few words.
    expect(mismatch(statuses.slice(0, 8))).toHaveLength(1);
  });

  it('values over 40 characters, or holding what a settings row cannot, are not words', () => {
    const long = 'Progressing as planned with the partners'.padEnd(41, '.');
    expect(proposeScale(analyse(planOf([long, 'Complete', long]), { today: TODAY }))).toMatchObject({
      reason: 'not-words',
    });
    expect(proposeScale(analyse(planOf(['Done, signed off', 'Done, signed off']), { today: TODAY }))).toMatchObject({
      reason: 'not-words',
    });
  });

  it('a built-in scale that fits is named instead, and values mostly on the scale propose nothing', () => {
    expect(mismatch(['On track', 'At risk', 'Off track'])[0].message).toContain('fit the track scale');
    expect(proposeScale(analyse(planOf(['R', 'A', 'G', 'Pending']), { today: TODAY }))).toMatchObject({
      reason: 'on-scale',
    });
    expect(mismatch(['R', 'A', 'G', 'Pending'])).toEqual([]);
  });

  it('chosen through the settings: the scale and status rows replaced, the board’s other rows kept in place', () => {
    const statuses = ['Not started', 'In progress', 'Complete'];
    const snapshot = planOf(statuses, [
      ['overviewName', 'Summary'],
      ['scale', 'rag'],
      ['warningsOff', 'lead-missing'],
    ]);
    const edit = editSettings(
      snapshot,
      analyse(snapshot, { today: TODAY }),
      { set: [], unset: [], scaleFromValues: true },
      TODAY,
    );
    if (!edit.ok) throw new Error(edit.reason);
    expect(edit.rows).toEqual([
      ['overviewName', 'Summary'],
      ['scale', 'custom'],
      ['status:Not started', 'at-risk; Not started; At risk; #F47738'],
      ['status:In progress', 'on-track; In progress; On track; #00703C'],
      ['status:Complete', 'complete; Complete; Complete; #1D70B8'],
      ['warningsOff', 'lead-missing'],
    ]);
  });

  it('unclassified words are refused until the board classifies each with status:<word> = <class>', () => {
    const snapshot = planOf(['Pending', 'Complete', 'Pending']);
    const analysis = analyse(snapshot, { today: TODAY });
    const refused = editSettings(snapshot, analysis, { set: [], unset: [], scaleFromValues: true }, TODAY);
    expect(refused).toMatchObject({ ok: false, reason: 'unclassified', words: ['Pending'] });
    const done = editSettings(
      snapshot,
      analysis,
      { set: [['status:pending', 'At-Risk']], unset: [], scaleFromValues: true },
      TODAY,
    );
    if (!done.ok) throw new Error(done.reason);
    expect(done.rows).toEqual([
      ['scale', 'custom'],
      ['status:Pending', 'at-risk; Pending; At risk; #F47738'],
      ['status:Complete', 'complete; Complete; Complete; #1D70B8'],
    ]);
  });

  it('with no proposal to choose, says why', () => {
    const snapshot = planOf(['R', 'A', 'G']);
    expect(
      editSettings(snapshot, analyse(snapshot, { today: TODAY }), { set: [], unset: [], scaleFromValues: true }, TODAY),
    ).toMatchObject({ ok: true, plan: { edits: [] }, notes: [expect.stringMatching(/on the board's scale already/)] });
  });
});
