// Plans as real boards write them (SPEC §2.2, §2.4, §2.6): dotted refs, their own
// header wording and mappings, tables Proforma cannot read, warnings switched off.
import { analyse, readiness } from './analyse';
import { Issue, IssueCode } from './issues';
import { roleOfHeader } from './layout';
import { SETTINGS_SHEET, settingsFromPairs, settingsToPairs } from './settings';
import { SheetSnapshot } from './snapshot';
import { Raw, TODAY, action, sarReview, sheet, themeSheet, workbook } from '../../tests/fixtures/snapshots';

const run = (...sheets: SheetSnapshot[]) => analyse(workbook(...sheets), { today: TODAY });
const only = (code: IssueCode, issues: Issue[]) => issues.filter((i) => i.code === code);
const cells = (code: IssueCode, issues: Issue[]) => only(code, issues).map((i) => `${i.sheet}!${i.cell}`);
const settingsSheet = (pairs: Raw[][]) => sheet(SETTINGS_SHEET, pairs);

/** One action per ref, each its own row (as action logs number them). */
const dotted = (name: string, refs: Raw[]) =>
  themeSheet(
    name,
    refs.map((ref) => action(ref)),
  );

describe('dotted refs', () => {
  it('reads a plan numbered 1, 1.1, 1.2, 2, 2.1 across sheets as the dotted scheme, with nothing to report', () => {
    const a = run(dotted('Prevention', ['1', '1.1', '1.2']), dotted('Diversion', ['2', '2.1', '2.2', '3.1']));
    expect(a.scheme).toBe('dotted');
    expect(a.issues.filter((i) => i.code.startsWith('ref-'))).toEqual([]);
  });

  it('takes number cells as Excel stores a typed 1.1', () => {
    const a = run(dotted('P', [1, 1.1, 1.2, 2.1]));
    expect(a.scheme).toBe('dotted');
    expect(a.issues.filter((i) => i.code.startsWith('ref-'))).toEqual([]);
  });

  it('reports a gap at its level: a skipped action under its parent, a skipped priority across the workbook', () => {
    const issues = run(dotted('P', ['1.1', '1.3', '3.1'])).issues;
    expect(only('ref-sequence', issues).map((i) => [i.cell, i.message])).toEqual([
      ['A4', 'Ref 1.3 skips 1.2; refs should run without gaps under 1.'],
      ['A5', 'Ref 3.1 skips 2; refs should run without gaps across the workbook.'],
    ]);
  });

  it('reports a duplicate, and nothing else, at the repeat (leading zeros read as written)', () => {
    const issues = run(dotted('P', ['1.1', '1.2']), dotted('Q', ['01.02', '1.3'])).issues;
    expect(only('ref-duplicate', issues).map((i) => [i.sheet, i.cell, i.message])).toEqual([
      ['Q', 'A3', "Ref 1.2 is used already, at 'P'!A4; each priority and action needs its own ref."],
    ]);
    expect(issues.filter((i) => i.code !== 'ref-duplicate' && i.code.startsWith('ref-'))).toEqual([]);
  });

  it('accepts leading zeros and a trailing dot as written, and normalises spaces with a fix', () => {
    const issues = run(dotted('P', ['01.01', '1.2.', '1. 3', '1.4'])).issues;
    expect(only('ref-format', issues).map((i) => [i.cell, i.fix?.value])).toEqual([['A5', '1.3']]);
    expect(only('ref-sequence', issues)).toEqual([]);
  });

  it('reads a number cell at the 15 digits Excel shows (a column built with =A2+0.1)', () => {
    const a = run(dotted('P', [1.1, 1.1 + 0.1, 1.2 + 0.1]));
    expect(a.issues.filter((i) => i.code.startsWith('ref-'))).toEqual([]);
  });

  it('offers no fix where digits are split by a dash or space ("1-5" may be 1.5 or 15), and shows the spaces it found', () => {
    const issues = run(dotted('P', ['1.1', '1-2', ' 1.3'])).issues;
    expect(only('ref-format', issues).map((i) => [i.cell, i.fix?.value, i.message])).toEqual([
      ['A4', undefined, expect.stringMatching(/^Ref "1-2" is not a valid ref/)],
      ['A5', '1.3', 'Ref " 1.3" should be written 1.3 (upper case, no spaces or dashes).'],
    ]);
  });

  it('lets a child imply its parent: a log that starts at 85.6 warns once, then runs on', () => {
    const issues = run(dotted('Log', ['85.6', '85.7', '86.1', '86.2'])).issues;
    expect(only('ref-sequence', issues).map((i) => [i.cell, i.message])).toEqual([
      ['A3', 'Ref 85.6 skips 1 to 84; refs should run without gaps across the workbook.'],
    ]);
  });

  it('counts siblings from the first one seen, and reports going backwards', () => {
    const issues = run(dotted('P', ['1.4', '1.5', '2', '2.2', '2.1'])).issues;
    expect(only('ref-sequence', issues).map((i) => [i.cell, i.message])).toEqual([
      ['A7', 'Ref 2.1 comes after 2.2; refs should rise in order under 2.'],
    ]);
  });

  it('follows deeper levels: 2.1.3 after 2.1.1 skips 2.1.2', () => {
    const issues = run(dotted('P', ['1', '2', '2.1', '2.1.1', '2.1.3'])).issues;
    expect(only('ref-sequence', issues).map((i) => i.message)).toEqual([
      'Ref 2.1.3 skips 2.1.2; refs should run without gaps under 2.1.',
    ]);
  });

  it('detects the scheme by majority: whole numbers vote dotted once any dotted ref is present', () => {
    expect(run(dotted('P', ['1', '2', '3', '3.1'])).scheme).toBe('dotted');
    expect(run(dotted('P', ['1', '2', '3'])).scheme).toBe('numbered');
    expect(run(dotted('P', ['PE1', 'PE2', 'PE3', '1.1'])).scheme).toBe('prefixed');
  });

  it('reports a dotted ref in a numbered workbook, and a prefixed ref in a dotted one, as not valid', () => {
    const numbered = run(settingsSheet([['refScheme', 'numbered']]), dotted('P', ['1', '2', '2.1'])).issues;
    expect(only('ref-format', numbered).map((i) => i.cell)).toEqual(['A5']);
    const inDotted = only('ref-format', run(dotted('P', ['1.1', '1.2', 'PE3'])).issues);
    expect(inDotted.map((i) => i.message)).toEqual([
      'Ref "PE3" is not a valid ref; expected numbers joined by dots, like 2 or 2.1 (this workbook numbers priorities and their actions).',
    ]);
  });
});

describe('headers as real plans word them', () => {
  it.each([
    ['Current Status', 'rag'],
    ['Overall RAG', 'rag'],
    ['RAG rating (Q2)', 'rag'],
    ['Action Status', 'rag'],
    ['Lead officer(s)', 'lead'],
    ['Action owner', 'lead'],
    ['Person responsible', 'lead'],
    ['Latest update', 'evidence'],
    ['Status update', 'evidence'],
    ['Progress commentary', 'evidence'],
    ['Recommendation', 'priority'],
    ['Action required', 'actions'],
    ['Key milestones', 'actions'],
    ['Revised due date', 'due'],
    ['Measure of success', 'outcome'],
    ['Action No.', 'ref'],
    // Compounds whose first word is another role's: the last word says what the column holds.
    ['Workstream Lead', 'lead'],
    ['Recommendation Owner', 'lead'],
    ['Action RAG', 'rag'],
    ['Milestone Status', 'rag'],
    ['Progress Status', 'rag'],
    ['Milestone due date', 'due'],
    ['Action by date', 'due'],
    ['Deliverable Ref', 'ref'],
  ])('%s is the %s column', (header, role) => {
    expect(roleOfHeader(header)).toBe(role);
  });

  it('lets the longest synonym win, and equal lengths go to the role listed first', () => {
    // "progress update" (14 letters) is longer than "status" (6).
    expect(roleOfHeader('Status: progress update')).toBe('evidence');
    // "status" and "update" are both 6: the status role comes first in the table.
    expect(roleOfHeader('Update status')).toBe('rag');
  });

  it('does not read short words inside longer headers, or sentences, as headings', () => {
    expect(roleOfHeader('Yes / No')).toBeUndefined();
    expect(roleOfHeader('Phone number')).toBeUndefined();
    expect(roleOfHeader('Please give the status of each action and say who will lead it next')).toBeUndefined();
    expect(roleOfHeader('Leading')).toBeUndefined();
    for (const header of ['Date action raised', 'Update date', 'Mitigating actions', 'Risk ID', 'Rating'])
      expect(roleOfHeader(header)).toBeUndefined();
  });

  it('reads a council delivery plan headed in its own words', () => {
    const plan = sheet('Delivery plan', [
      ['Community Safety Delivery Plan 2025/26'],
      ['Ref', 'Commitment', 'Key milestones', 'Lead officer(s)', 'Target date', 'Current Status', 'Latest update'],
      ['CS1', 'Safer streets', 'Install lighting', 'Highways', { date: '2027-03-31' }, 'G', 'Done in two wards'],
      ['CS2', 'Less ASB', 'Youth outreach', '', { date: '2027-03-31' }, 'R', ''],
    ]);
    const a = run(plan);
    expect(a.themes.map((t) => [t.name, t.theme, t.actions.length])).toEqual([
      ['Delivery plan', 'Community Safety Delivery Plan 2025/26', 2],
    ]);
    expect(a.issues.map((i) => [i.code, i.cell])).toEqual([
      ['lead-missing', 'D4'],
      ['evidence-missing', 'G4'],
    ]);
  });

  it('takes the leftmost of two columns with the same role', () => {
    const s = sheet('P', [
      ['Ref', 'Action', 'Action required', 'RAG'],
      ['P1', 'first', 'second', 'G'],
    ]);
    expect(run(s).themes[0].layout.columns).toMatchObject({ ref: 0, actions: 1, rag: 3 });
  });
});

describe('column mappings (settings column:<header>)', () => {
  const log = () =>
    sheet('Action log', [
      ['Board action log'],
      ['Minute', 'What was agreed', 'Who', 'Current Status', 'RAG'],
      ['12.1', 'Publish the strategy', 'Chair', 'Agreed at board', 'G'],
      ['12.2', 'Review the cohort', 'Police', 'Slipped', 'A'],
    ]);

  it('reads headers the synonyms do not know once the board maps them', () => {
    expect(run(log()).themes).toEqual([]);
    const mapped = run(
      settingsSheet([
        ['column:Minute', 'ref'],
        ['column:What was agreed', 'actions'],
        ['column:current status', 'evidence'],
      ]),
      log(),
    );
    expect(mapped.themes[0].layout.columns).toMatchObject({ ref: 0, actions: 1, lead: 2, evidence: 3, rag: 4 });
    expect(mapped.scheme).toBe('dotted');
    expect(mapped.issues).toEqual([expect.objectContaining({ code: 'ref-sequence', cell: 'A3' })]);
  });

  it('overrides recognition: a mapped column takes its role from a column the synonyms gave it to', () => {
    const s = sheet('P', [
      ['Ref', 'Actions', 'Status', 'Board RAG'],
      ['P1', 'Do it', 'Waiting on funding', 'A'],
    ]);
    const a = run(settingsSheet([['column:Board RAG', 'rag']]), s);
    expect(a.themes[0].layout.columns).toMatchObject({ rag: 3 });
    expect(a.themes[0].actions[0].rag).toMatchObject({ state: 'valid', code: 'A' });
  });

  it('reports a mapping to a role that does not exist, and a header mapped twice, at their cells', () => {
    const a = run(
      settingsSheet([
        ['column:Minute', 'reference'],
        ['column:Who', 'lead'],
        ['column:WHO', 'lead'],
      ]),
      log(),
    );
    expect(only('settings-invalid', a.issues).map((i) => [i.cell, i.message])).toEqual([
      ['B1', expect.stringContaining('Column "Minute" is mapped to "reference"; use one of ref, priority, actions')],
      ['B3', 'Column "WHO" is mapped already, as "Who".'],
    ]);
  });
});

describe('sheet-unrecognised and no-proforma', () => {
  const review = () => sarReview();

  it('warns at a table with two recognised headings, saying what it found and how to map the rest', () => {
    const a = run(review());
    expect(only('sheet-unrecognised', a.issues)).toEqual([
      expect.objectContaining({ severity: 'warning', sheet: 'SAR review', cell: 'A2' }),
    ]);
    const message = only('sheet-unrecognised', a.issues)[0].message;
    expect(message).toContain('RAG ("Current Status")');
    expect(message).toContain('Lead ("Owner")');
    expect(message).toContain('and no Actions column.');
    expect(message).toContain('"Rec", "Finding"');
    expect(message).toContain('column:<heading>');
    expect(only('sheet-skipped', a.issues)).toEqual([]);
    expect(a.unrecognised.map((u) => u.name)).toEqual(['SAR review']);
  });

  it("warns at a header-like row of short texts over rows of words, with one plan's heading among them", () => {
    const s = sheet('Tracker', [
      [],
      [null, 'Item', 'Detail', 'What we will do'],
      [null, 'Housing', 'Too few beds', 'Bid for funding'],
      [null, 'Jobs', 'Few employers', 'Employer event'],
    ]);
    expect(cells('sheet-unrecognised', run(s).issues)).toEqual(['Tracker!B2']);
  });

  it('says nothing of ordinary tables: contacts, version history, a glossary, a meeting schedule', () => {
    const tables = [
      sheet('Contacts', [
        ['Name', 'Organisation', 'Role', 'Email'],
        ['Sam Jones', 'Police', 'Inspector', 'sam@example.org'],
        ['Ali Khan', 'Probation', 'Head of service', 'ali@example.org'],
      ]),
      sheet('Versions', [
        ['Version', 'Date', 'Author', 'Comments'],
        ['v1', 'March', 'Board secretary', 'First draft'],
        ['v2', 'April', 'Board secretary', 'Partner comments'],
      ]),
      sheet('Glossary', [
        ['Acronym', 'Meaning', 'Notes'],
        ['IOM', 'Integrated offender management', 'Police and probation'],
        ['YOT', 'Youth offending team', 'Now youth justice service'],
      ]),
      sheet('Meetings', [
        ['Meeting', 'Date', 'Venue', 'Chair'],
        ['Board', 'June', 'County hall', 'Chief constable'],
        ['Board', 'September', 'Police headquarters', 'Council leader'],
      ]),
    ];
    const issues = run(themeSheet('P', [action('PE1')]), ...tables).issues;
    expect(only('sheet-unrecognised', issues)).toEqual([]);
    expect(only('column-missing', issues)).toEqual([]);
  });

  it('does not read a risk register as a plan: its mitigations and rating are not actions and statuses', () => {
    const risks = sheet('Risks', [
      ['Ref', 'Risk', 'Owner', 'Likelihood', 'Impact', 'Rating', 'Mitigating actions'],
      ['RK1', 'Funding ends', 'Treasurer', 'High', 'High', 'High', 'Seek new grant'],
      ['RK2', 'Data not shared', 'Chair', 'Low', 'Medium', 'Medium', 'Sign the protocol'],
    ]);
    const a = run(themeSheet('P', [action('PE1')]), risks);
    expect(a.themes.map((t) => t.name)).toEqual(['P']);
    expect(a.issues.filter((i) => i.sheet === 'Risks').map((i) => i.code)).toEqual(['sheet-unrecognised']);
  });

  it('says nothing of notes, a contacts list of one column pair, or a hand-made overview of counts', () => {
    const notes = sheet('Notes', [['How to fill this in'], ['Use R, A or G']]);
    const contacts = sheet('Contacts', [
      ['Partner', 'Contact'],
      ['Police', 'Board secretary'],
      ['Probation', 'Head of service'],
    ]);
    const counts = sheet('Old overview', [
      ['Theme', 'R', 'A', 'G'],
      ['Prevention (6)', 1, 2, 3],
      ['Diversion (4)', 0, 1, 3],
    ]);
    const issues = run(themeSheet('P', [action('PE1')]), notes, contacts, counts).issues;
    expect(only('sheet-unrecognised', issues)).toEqual([]);
    expect(cells('sheet-skipped', issues)).toEqual(['Notes!A1', 'Contacts!A1', 'Old overview!A1']);
  });

  it('is an error, no-proforma, when no sheet holds a plan; the table found is named', () => {
    const a = run(sheet('Cover', [['Board papers']]), review());
    expect(only('no-proforma', a.issues)).toEqual([
      expect.objectContaining({ severity: 'error', sheet: 'Cover', cell: 'A1' }),
    ]);
    expect(only('no-proforma', a.issues)[0].message).toContain('"SAR review" looks like a plan');
    // Not ready, and not told to rebuild an overview there is nothing to build from (a rebuild is refused).
    expect(readiness(a)).toEqual({ ready: false, blockers: ['No theme sheet could be read.', '1 error to correct.'] });
  });

  it('is read once mapped, and then no warning is left', () => {
    const a = run(
      settingsSheet([
        ['column:Rec', 'ref'],
        ['column:Finding', 'actions'],
      ]),
      review(),
    );
    expect(a.themes.map((t) => t.actions.length)).toEqual([2]);
    expect(a.scheme).toBe('prefixed');
    expect(a.issues.map((i) => i.code)).toEqual(['rag-nonstandard', 'rag-nonstandard']);
  });

  it('does not report no-proforma when a plan sheet lacks a column: column-missing says what to do', () => {
    const s = sheet('P', [
      ['Ref', 'Lead', 'Actions'],
      ['P1', 'Police', 'Do it'],
    ]);
    expect(run(s).issues.map((i) => i.code)).toEqual(['column-missing']);
  });
});

describe('warningsOff', () => {
  const plan = () => themeSheet('P', [action('PE1', 'G', { lead: null }), action('PE3', 'A', { evidence: null })]);

  it('leaves out the warnings a board switched off, and keeps the rest', () => {
    const a = run(settingsSheet([['warningsOff', 'lead-missing, Ref-Sequence']]), plan());
    expect(a.settings.warningsOff).toEqual(['lead-missing', 'ref-sequence']);
    expect(a.issues.map((i) => i.code)).toEqual(['evidence-missing']);
  });

  it('refuses to switch off an error or a code that does not exist', () => {
    const a = run(settingsSheet([['warningsOff', 'rag-missing, leads-missing']]), plan());
    expect(only('settings-invalid', a.issues).map((i) => i.message)).toEqual([
      'Setting warningsOff names rag-missing, an error; only warnings can be switched off.',
      'Setting warningsOff names "leads-missing", which is not a check\'s code.',
    ]);
    expect(a.settings.warningsOff).toEqual([]);
  });

  it('round-trips with column mappings and the dotted scheme through the settings pairs', () => {
    const { settings } = settingsFromPairs([
      ['refScheme', 'dotted'],
      ['column:Current Status', 'rag'],
      ['warningsOff', 'lead-missing'],
    ]);
    expect(settingsFromPairs(settingsToPairs(settings))).toEqual({ settings, problems: [] });
    expect(settings).toMatchObject({
      refScheme: 'dotted',
      columns: { 'Current Status': 'rag' },
      warningsOff: ['lead-missing'],
    });
  });
});
