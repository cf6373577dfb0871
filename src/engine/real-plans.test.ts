// Plans as real boards write them (SPEC §2.2, §2.4, §2.6): dotted refs, their own
// header wording and mappings, tables Proforma cannot read, warnings switched off.
import { analyse, readiness } from './analyse';
import { baselineFromPlan } from './baseline';
import { fingerprint } from './fingerprint';
import { colourPlan } from './colour';
import { LAST_ROW } from './live-colours';
import { STATUSES } from './scales';
import { summarise } from './summary';
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

  it('reads a performance system’s export (Code | Action | Assigned to | Status | Note) and “#” as a ref heading', () => {
    const pentana = sheet('Performance', [
      ['Council Plan 2025 – quarter 2 progress (Pentana export)'],
      ['Code', 'Action', 'Assigned to', 'Status', 'Note'],
      ['ESU01_C', 'Deliver the sustainability strategy', 'Env Services', 'G', ''],
      ['ESU02_C', 'Fleet electrification', 'Env Services', 'A', 'delayed by supply'],
      ['CYP-07', 'Care leavers offer', 'Children', 'R', ''],
      ['ESU01_C', 'Duplicate code', 'Env Services', 'G', ''],
    ]);
    const a = run(pentana);
    expect(a.themes[0].layout.columns).toEqual({ ref: 0, actions: 1, lead: 2, rag: 3, evidence: 4 });
    expect(a.scheme).toBe('codes');
    expect(a.issues.map((i) => [i.code, i.cell])).toEqual([
      ['ref-duplicate', 'A6'],
      ['evidence-missing', 'E5'],
    ]);
    const hash = sheet('Youth Justice', [
      ['#', 'Action', 'Lead', 'Current status', 'Progress to date'],
      ['1', 'Do a thing', 'Police', 'G', 'fine'],
    ]);
    expect(run(hash).themes[0].layout.columns.ref).toBe(0);
    for (const [header, role] of [
      ['Ref #', 'ref'],
      ['Action #', 'ref'],
      ['Assigned To', 'lead'],
      ['Managed by', 'lead'],
      ['Latest Note', 'evidence'],
      ['Notes', 'evidence'],
    ] as const)
      expect(roleOfHeader(header)).toBe(role);
  });

  it('reads “Code” and “#” as the ref only in a plan’s header and where no other heading names the ref', () => {
    // Beside a "Ref" column, a "Code" or "#" column is carried untouched: the refs are under "Ref".
    for (const extra of ['Code', '#']) {
      const s = sheet('Plan', [
        [extra, 'Ref', 'Action', 'Lead', 'Status'],
        ['PI', 'PE1', 'Do it', 'Police', 'G'],
      ]);
      expect(run(s).themes[0].layout.columns).toMatchObject({ ref: 1, actions: 2 });
    }
    // A glossary or a legend headed "Code" is no table of actions.
    const glossary = sheet('Glossary', [
      ['Code', 'Meaning', 'Notes'],
      ['IOM', 'Integrated offender management', 'Police and probation'],
      ['YOT', 'Youth offending team', 'Now youth justice service'],
    ]);
    const a = run(themeSheet('P', [action('PE1')]), glossary);
    expect(a.issues.filter((i) => i.sheet === 'Glossary').map((i) => i.code)).toEqual(['sheet-skipped']);
    for (const header of ['Post code', 'Cost code', 'Code of conduct', 'Phone #'])
      expect(roleOfHeader(header)).toBeUndefined();
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

describe('settings naming a sheet (prefix:, theme:)', () => {
  it('reports one that names no sheet of the workbook (a typo) at its row, and does not act on it', () => {
    const a = run(
      settingsSheet([
        ['theme:Ofender Management', 'Offender management'],
        ['prefix:offender management', 'OM'],
        ['prefix:Nowhere', 'NW'],
      ]),
      themeSheet('Offender Management', [action('OM1'), action('OM2')]),
    );
    expect(only('settings-invalid', a.issues).map((i) => [i.cell, i.message])).toEqual([
      [
        'B1',
        'Setting theme:Ofender Management names no sheet of this workbook, so it is not used; write the sheet\'s name as its tab shows it (the sheets are "Offender Management").',
      ],
      [
        'B3',
        'Setting prefix:Nowhere names no sheet of this workbook, so it is not used; write the sheet\'s name as its tab shows it (the sheets are "Offender Management").',
      ],
    ]);
    // A sheet name in another case is the same sheet, as in Excel.
    expect(a.settings.prefixes).toEqual({ 'offender management': 'OM' });
    expect(a.settings.themes).toEqual({});
    expect(a.themes[0].theme).toBe('Offender Management');
    expect(a.themes[0].prefix).toBe('OM');
  });
});

describe('overviewName', () => {
  it('says why a name Excel would refuse for a sheet is refused, and keeps Overview', () => {
    const a = run(
      settingsSheet([
        ['overviewName', 'Overview of the partnership action plan 2026'],
        ['overviewName', 'Overview: Q3'],
        ['overviewName', "'Overview'"],
        ['overviewName', 'history'],
      ]),
      themeSheet('P', [action('PE1')]),
    );
    expect(only('settings-invalid', a.issues).map((i) => i.message)).toEqual([
      'Setting overviewName "Overview of the partnership action plan 2026" is not a valid sheet name: it is 44 characters long, and Excel\'s sheet names hold at most 31.',
      'Setting overviewName "Overview: Q3" is not a valid sheet name: Excel does not allow ":" in a sheet name (nor any of \\ / ? * [ ] :).',
      'Setting overviewName "\'Overview\'" is not a valid sheet name: Excel does not allow a sheet name to begin or end with an apostrophe.',
      'Setting overviewName "history" is not a valid sheet name: Excel keeps the name History for itself.',
    ]);
    expect(a.settings.overviewName).toBe('Overview');
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

describe('plans with no ref column (SPEC §2.2)', () => {
  const safeguarding = (more: Raw[][] = []) =>
    sheet('Business plan', [
      ['Safeguarding Adults Board business plan 2024/25'],
      ['Priority', 'Action', 'Lead', 'By when', 'RAG', 'Update'],
      [
        'Prevention',
        'Publish the self-neglect protocol',
        'Adult social care',
        { date: '2027-03-31' },
        'G',
        'Draft out',
      ],
      [null, 'Train care home staff', 'Health', { date: '2027-06-30' }, 'A', 'Two sessions held'],
      ['Making safeguarding personal', 'Audit MSP outcomes', 'Police', { date: '2027-09-30' }, 'Red', 'Auditors found'],
      ...more,
    ]);

  it('is read, checked and counted, with one warning at the header row’s first heading', () => {
    const a = run(safeguarding());
    expect(a.themes.map((t) => [t.name, t.theme, t.actions.length])).toEqual([
      ['Business plan', 'Safeguarding Adults Board business plan 2024/25', 3],
    ]);
    expect(a.incomplete).toEqual([]);
    expect(a.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([
      ['ref-column-missing', 'warning', 'A2'],
      ['rag-nonstandard', 'warning', 'E5'],
    ]);
    expect(only('ref-column-missing', a.issues)[0].message).toContain('partners cannot cite an action');
    // No refs, so no ref checks: a new priority without a ref is not ref-missing.
    expect(a.issues.filter((i) => i.code.startsWith('ref-') && i.code !== 'ref-column-missing')).toEqual([]);
  });

  it('names rows whose action text is the same, which nothing can tell apart without refs (SPEC §7.1)', () => {
    const s = safeguarding([[null, ' train CARE home staff', 'Police', null, 'G', 'Booked']]);
    const [issue] = only('ref-column-missing', run(s).issues);
    expect(issue.message).toContain(
      'its actions are told apart by their text, but rows 4 and 6 say the same ("Train care home staff"), so partners\' returns cannot tell those two apart.',
    );
    expect(only('ref-column-missing', run(safeguarding()).issues)[0].message).not.toContain('say the same');
  });

  it('says it once whatever the rows, and a board can switch the warning off', () => {
    const a = run(settingsSheet([['warningsOff', 'ref-column-missing']]), safeguarding());
    expect(only('ref-column-missing', a.issues)).toEqual([]);
    expect(a.themes[0].actions).toHaveLength(3);
  });

  it('is still column-missing without an actions or status column, and nothing else is checked there', () => {
    const s = sheet('P', [
      ['Priority', 'Action', 'Lead', 'Update'],
      ['Prevention', 'Do it', 'Police', 'Going well'],
    ]);
    const a = run(s);
    expect(a.issues.map((i) => [i.code, i.cell])).toEqual([['column-missing', 'A1']]);
    expect(a.incomplete.map((i) => i.missing)).toEqual([['rag']]);
  });
});

describe('a status per period (SPEC §2.2)', () => {
  /** A children's partnership tracker: Q1–Q3 reported, Q4 not yet due. */
  const tracker = (rows: Raw[][]) =>
    sheet('Framework', [
      ['Children and Young People’s Partnership: delivery tracker 2025/26'],
      ['Priority', 'Action', 'Lead', 'Q1 RAG', 'Q2 RAG', 'Q3 RAG', 'Q4 RAG', 'Commentary'],
      ...rows,
    ]);
  const rows: Raw[][] = [
    ['Early help', 'Family hubs in every district', 'Council', 'A', 'A', 'G', null, 'Hubs open'],
    [null, 'Parenting offer online', 'Health', 'R', 'A', null, null, 'Platform chosen'],
    [null, 'Youth workers in schools', 'Schools', 'G', 'Purple', 'G', null, 'On plan'],
    [null, 'Transitions protocol', 'Social care', null, null, null, null, 'Not started'],
  ];

  it('reads the quarters as the status history: current is the latest filled, previous the one before', () => {
    const a = run(tracker(rows));
    const theme = a.themes[0];
    expect(theme.layout.status.map((s) => [s.col, s.label, s.period])).toEqual([
      [3, 'Q1 RAG', true],
      [4, 'Q2 RAG', true],
      [5, 'Q3 RAG', true],
      [6, 'Q4 RAG', true],
    ]);
    const first = theme.actions[0];
    expect(first.rag).toEqual({ state: 'valid', code: 'G', normal: true });
    expect(first.current).toMatchObject({ col: 5, label: 'Q3 RAG' });
    expect(first.previous).toMatchObject({ col: 4, label: 'Q2 RAG', reading: { state: 'valid', code: 'A' } });
    expect(first.periods.map((p) => [p.label, p.reading.state])).toEqual([
      ['Q1 RAG', 'valid'],
      ['Q2 RAG', 'valid'],
      ['Q3 RAG', 'valid'],
      ['Q4 RAG', 'missing'],
    ]);
    // Q2 is this row's latest: counted as A, with Q1's R as its previous.
    expect(theme.actions[1]).toMatchObject({ statusCol: 4, rag: { code: 'A' }, previous: { label: 'Q1 RAG' } });
  });

  it('counts the latest filled quarter; an empty later quarter is not missing; a row with none is, at the latest quarter filled', () => {
    const a = run(tracker(rows));
    const summary = summarise(a);
    expect(summary.total.rag).toEqual({ R: 0, A: 1, G: 2, W: 0, none: 1 });
    expect(summary.leftOut).toEqual([{ sheet: 'Framework', cell: 'F6', reason: 'RAG missing', column: 'status' }]);
    expect(a.issues.map((i) => [i.code, i.cell])).toEqual([
      ['rag-invalid', 'E5'],
      ['rag-missing', 'F6'],
      ['ref-column-missing', 'A2'],
    ]);
    expect(only('rag-invalid', a.issues)[0].message).toBe(
      'RAG value "Purple" is not on the scale; use one of R, A, G, W.',
    );
  });

  it('checks and fixes every filled quarter, not only the current one', () => {
    const a = run(tracker([['Early help', 'Hubs', 'Council', 'amber', ' G', 'Red/Amber', null, 'x']]));
    expect(a.issues.map((i) => [i.code, i.cell, i.fix?.value])).toEqual([
      ['rag-invalid', 'F3', undefined],
      ['ref-column-missing', 'A2', undefined],
      ['rag-nonstandard', 'D3', 'A'],
      ['rag-nonstandard', 'E3', 'G'],
    ]);
    // The current status is Q3's, not on the scale: the row is not counted.
    expect(summarise(a).total.rag.none).toBe(1);
  });

  it('reads period headings under a status heading, beside one, or naming one, in the wordings boards use', () => {
    const headings = (...h: string[]) =>
      run(
        sheet('T', [
          ['Action', 'Lead', ...h],
          ['Do it', 'Police', ...h.map(() => 'G')],
        ]),
      );
    const labels = (a: ReturnType<typeof run>) => a.themes[0]?.layout.status.map((s) => s.label);
    expect(labels(headings('RAG Q1', 'RAG Q2', 'RAG Q3'))).toEqual(['RAG Q1', 'RAG Q2', 'RAG Q3']);
    expect(labels(headings('Q1 BRAG', 'Q2 BRAG'))).toEqual(['Q1 BRAG', 'Q2 BRAG']);
    expect(labels(headings('Status Q3 2009/10', 'Status Q4 2009/10'))).toEqual([
      'Status Q3 2009/10',
      'Status Q4 2009/10',
    ]);
    // Beside a status heading: the status column and the periods next to it are one history.
    expect(labels(headings('Quarter 1', 'Qtr 2', 'Current status'))).toEqual(['Quarter 1', 'Qtr 2', 'Current status']);
    expect(labels(headings('Overall RAG', 'Jun 2023', 'Jul 2023'))).toEqual(['Overall RAG', 'Jun 2023', 'Jul 2023']);
    expect(labels(headings('RAG', '2016/17', '2017/18'))).toEqual(['RAG', '2016/17', '2017/18']);
    // A status column with no periods stays the one status column; a second status heading is carried untouched.
    expect(labels(headings('Status', 'Previous status'))).toEqual(['Status']);
  });

  it('reads month headings Excel turned into dates', () => {
    const s = sheet('T', [
      ['Action', 'Lead', 'RAG status', { date: '2023-06-01' }, { date: '2023-07-01' }],
      ['Do it', 'Police', 'A', 'A', 'G'],
    ]);
    const theme = run(s).themes[0];
    expect(theme.layout.status.map((p) => p.label)).toEqual(['RAG status', 'Jun 2023', 'Jul 2023']);
    expect(theme.actions[0].rag).toMatchObject({ code: 'G' });
  });

  it('warns, never skips, at a quarter tracker whose quarters stand under no status heading, and reads it once mapped', () => {
    const plain = () =>
      sheet('Tracker', [
        ['Action', 'Lead', 'Q1', 'Q2', 'Q3', 'Q4'],
        ['Family hubs', 'Council', 'A', 'G', null, null],
        ['Parenting offer', 'Health', 'R', 'R', 'A', null],
      ]);
    const a = run(themeSheet('P', [action('PE1')]), plain());
    expect(a.issues.filter((i) => i.sheet === 'Tracker').map((i) => [i.code, i.cell])).toEqual([
      ['sheet-unrecognised', 'A1'],
    ]);
    const message = only('sheet-unrecognised', a.issues)[0].message;
    expect(message).toContain('and no RAG column');
    expect(message).toContain('Its period headings "Q1", "Q2", "Q3" and "Q4" stand under or beside no status heading');
    expect(message).toContain('column:Q1 = rag');
    expect(only('sheet-skipped', a.issues)).toEqual([]);

    // With no other heading than its quarters and a first column, still a table to map, never skipped.
    const bare = sheet('Bare', [
      ['Item', 'Q1', 'Q2', 'Q3', 'Q4'],
      ['Family hubs', 'A', 'G', null, null],
      ['Parenting offer', 'R', 'A', null, null],
    ]);
    expect(
      run(themeSheet('P', [action('PE1')]), bare)
        .issues.filter((i) => i.sheet === 'Bare')
        .map((i) => i.code),
    ).toEqual(['sheet-unrecognised']);
    // A hand-made summary of counts by quarter is not a plan.
    const counts = sheet('Counts', [
      ['Theme', 'Q1', 'Q2', 'Q3', 'Q4'],
      ['Prevention', 3, 4, 4, 5],
      ['Diversion', 1, 2, 2, 2],
    ]);
    expect(
      run(themeSheet('P', [action('PE1')]), counts)
        .issues.filter((i) => i.sheet === 'Counts')
        .map((i) => i.code),
    ).toEqual(['sheet-skipped']);

    // Alone in the workbook, it is named by no-proforma as a plan to map.
    expect(run(plain()).issues.map((i) => i.code)).toEqual(['no-proforma', 'sheet-unrecognised']);

    // Several columns mapped to rag are periods, in column order.
    const mapped = run(
      settingsSheet([
        ['column:Q1', 'rag'],
        ['column:Q2', 'rag'],
        ['column:Q3', 'rag'],
        ['column:Q4', 'rag'],
      ]),
      plain(),
    );
    const theme = mapped.themes[0];
    expect(theme.layout.status.map((s) => s.label)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    expect(theme.actions.map((x) => [x.current?.label, x.previous?.label])).toEqual([
      ['Q2', 'Q1'],
      ['Q3', 'Q2'],
    ]);
    expect(mapped.issues.map((i) => i.code)).toEqual(['ref-column-missing']);
  });

  it('colours every quarter’s cell by its own status, tints the row by the current one, and lists the scale on every quarter', () => {
    const a = run(tracker(rows.slice(0, 2)));
    const live = colourPlan(a).edits.find((e) => e.kind === 'live-colours');
    if (live?.kind !== 'live-colours') throw new Error('no live colours');
    // Per status one rule for each quarter's cells; then, behind every one of them, each status's row tint.
    expect(live.rules).toHaveLength(4 * 5);
    expect(live.rules.slice(0, 4).map((r) => [r.ranges, r.fill])).toEqual([
      [[{ top: 2, bottom: LAST_ROW, left: 3, right: 3 }], STATUSES.R.colour],
      [[{ top: 2, bottom: LAST_ROW, left: 4, right: 4 }], STATUSES.R.colour],
      [[{ top: 2, bottom: LAST_ROW, left: 5, right: 5 }], STATUSES.R.colour],
      [[{ top: 2, bottom: LAST_ROW, left: 6, right: 6 }], STATUSES.R.colour],
    ]);
    expect(live.rules.slice(16).map((r) => [r.ranges, r.fill])).toEqual(
      [STATUSES.R, STATUSES.A, STATUSES.G, STATUSES.W].map((status) => [
        [{ top: 2, bottom: LAST_ROW, left: 0, right: 7 }],
        status.tint,
      ]),
    );
    expect(live.rules[16].formula).toBe(
      'N("Proforma R")+IF(TRIM(CLEAN($G3))<>"",OR(TRIM(CLEAN($G3))="r",TRIM(CLEAN($G3))="red"),' +
        'IF(TRIM(CLEAN($F3))<>"",OR(TRIM(CLEAN($F3))="r",TRIM(CLEAN($F3))="red"),' +
        'IF(TRIM(CLEAN($E3))<>"",OR(TRIM(CLEAN($E3))="r",TRIM(CLEAN($E3))="red"),' +
        'OR(TRIM(CLEAN($D3))="r",TRIM(CLEAN($D3))="red"))))',
    );
    // One list over every quarter, a range a column, as hosts read a list back; rules and
    // lists run on below the table to the sheet's end, for rows a partner adds (SPEC §4.1).
    expect(live.dropDowns.map((d) => d.ranges)).toEqual([
      [3, 4, 5, 6].map((c) => ({ top: 2, bottom: LAST_ROW, left: c, right: c })),
    ]);
  });
});

describe('live colours over a long status history', () => {
  const MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];
  const monthly = (scale: Raw[][]) =>
    run(
      settingsSheet(scale),
      sheet('Monthly', [
        ['Action', 'Lead', ...MONTHS.map((m) => `RAG ${m} 2025`)],
        ['Do it', 'Police', ...MONTHS.map(() => null)],
      ]),
    );
  const liveOf = (a: ReturnType<typeof run>) => {
    const live = colourPlan(a).edits.find((e) => e.kind === 'live-colours');
    if (live?.kind !== 'live-colours') throw new Error('no live colours');
    return live;
  };

  it.each([[[]], [[['scale', 'ragb']]], [[['scale', 'track']]]])(
    'tints rows by a year of monthly statuses within Excel’s 8,192 characters a formula (%j)',
    (scale) => {
      const rules = liveOf(monthly(scale)).rules;
      const tints = rules.filter((r) => r.fontColour === undefined);
      expect(tints.length).toBeGreaterThan(0);
      expect(Math.max(...rules.map((r) => r.formula.length))).toBeLessThanOrEqual(8192);
    },
  );

  it('leaves out the row tints, and says so, where a board’s many spellings would pass that limit', () => {
    const spellings = Array.from({ length: 40 }, (_, i) => `spelling number ${i}`).join(', ');
    const a = monthly([
      ['scale', 'custom'],
      ['status:Behind', `at-risk; Behind; Behind; #F47738; ${spellings}`],
      ['status:Done', 'complete; Done; Done; #1D70B8'],
    ]);
    const plan = colourPlan(a);
    const live = liveOf(a);
    expect(live.rules.every((r) => r.fontColour !== undefined)).toBe(true);
    expect(live.rules).toHaveLength(2 * 12);
    expect(plan.description).toContain(
      'Rows on "Monthly" are not tinted: the status history is too long for one conditional format; each status cell still takes its colour.',
    );
  });
});

describe('a progress update per period (SPEC §2.2, §3)', () => {
  /** "Q1 RAG | Q1 Update | Q2 RAG | Q2 Update | Q3 RAG | Q3 Update", as the reviewer's tracker. */
  const tracker = (rows: Raw[][], head = ['Q1 RAG', 'Q1 Update', 'Q2 RAG', 'Q2 Update', 'Q3 RAG', 'Q3 Update']) =>
    sheet('Tracker', [['Ref', 'Action', 'Lead', ...head], ...rows]);
  const rows: Raw[][] = [
    ['1', 'Quit smoking service', 'Public Health', 'G', 'fine', 'A', 'slipping', 'R', null],
    ['2', 'Falls', 'NHS', 'R', null, 'R', 'Recovery plan agreed', null, null],
    ['3', 'Weight', 'Council', 'G', 'ok', 'G', 'ok', 'G', 'ok'],
  ];

  it("pairs each period's update with its status and reads the current period's for evidence-missing", () => {
    const a = run(tracker(rows));
    expect(a.themes[0].layout.status.map((s) => [s.label, s.update])).toEqual([
      ['Q1 RAG', 4],
      ['Q2 RAG', 6],
      ['Q3 RAG', 8],
    ]);
    expect(a.themes[0].actions.map((x) => x.evidenceCol)).toEqual([8, 6, 8]);
    // Ref 1 is Red in Q3 with no Q3 update; ref 2 is Red in Q2 and its Q2 update says what is happening.
    expect(a.issues.map((i) => [i.code, i.cell])).toEqual([['evidence-missing', 'I2']]);
  });

  it('pairs the wordings boards use, in either order, and a two-row header of periods over status and update', () => {
    const pairs = (...head: string[]) =>
      run(tracker([['1', 'Do it', 'Police', ...head.map(() => 'A')]], head)).themes[0].layout.status.map(
        (s) => s.update,
      );
    expect(pairs('RAG Q1', 'Commentary Q1', 'RAG Q2', 'Commentary Q2')).toEqual([4, 6]);
    expect(pairs('Quarter 1 status', 'Qtr 2 status', 'Q1 progress update', 'Q2 progress update')).toEqual([5, 6]);
    expect(pairs('Q3 2025-26 RAG', 'Q3 2025/26 Update', 'Q4 2025-26 RAG', 'Q4 2025/26 Update')).toEqual([4, 6]);
    const twoRow = sheet(
      'Tracker',
      [
        ['Ref', 'Action', 'Lead', 'Q1', null, 'Q2', null],
        [null, null, null, 'RAG', 'Update', 'RAG', 'Update'],
        ['1', 'Do it', 'Police', 'A', 'Started', 'R', null],
      ],
      {
        merges: [
          { top: 0, left: 3, bottom: 0, right: 4 },
          { top: 0, left: 5, bottom: 0, right: 6 },
        ],
      },
    );
    const a = run(twoRow);
    expect(a.themes[0].layout.status.map((s) => [s.label, s.update])).toEqual([
      ['Q1 RAG', 4],
      ['Q2 RAG', 6],
    ]);
    expect(cells('evidence-missing', a.issues)).toEqual(['Tracker!G3']);
  });

  it('keeps one evidence column where there is one: a plain update, or a single dated one beside the periods', () => {
    const plain = run(tracker([['1', 'Do it', 'Police', 'A', 'R', null]], ['Q1 RAG', 'Q2 RAG', 'Update']));
    expect(plain.themes[0].layout.columns.evidence).toBe(5);
    expect(cells('evidence-missing', plain.issues)).toEqual(['Tracker!F2']);
    const single = run(
      tracker([['1', 'Do it', 'Police', 'A', 'R', null, 'x']], ['Q1 RAG', 'Q2 RAG', 'Q3 RAG', 'Q3 Update']),
    );
    expect(single.themes[0].layout.status.map((s) => s.update)).toEqual([undefined, undefined, undefined]);
    expect(single.themes[0].layout.columns.evidence).toBe(6);
    // Updates per period and a general comments column: the comments column serves a period without its own.
    const both = run(
      tracker(
        [['1', 'Do it', 'Police', 'A', 'Started', 'R', 'Late', 'R', null]],
        ['Q1 RAG', 'Q1 Update', 'Q2 RAG', 'Q2 Update', 'Q3 RAG', 'Comments'],
      ),
    );
    expect(both.themes[0].layout.columns.evidence).toBe(8);
    expect(cells('evidence-missing', both.issues)).toEqual(['Tracker!I2']);
  });

  it("records the current period's update in a baseline, and compares it with the previous period's", () => {
    const a = run(tracker(rows));
    // The baseline's fingerprint is of the current period's update: ref 1 has none in Q3, ref 2 "Recovery plan agreed".
    expect(baselineFromPlan(a, 'q2.xlsx').actions.map((x) => x.evidence)).toEqual([
      null,
      fingerprint('Recovery plan agreed'),
      fingerprint('ok'),
    ]);
    const copied: Raw[][] = [['1', 'Smoking', 'Public Health', 'G', 'fine', 'A', 'Slipping', 'R', 'Slipping']];
    const moved = run(tracker(copied)).movement;
    expect(moved?.since.kind).toBe('periods');
    expect(moved?.actions.map((c) => [c.change, c.cell])).toEqual([
      ['status', 'H2'],
      ['update-unchanged', 'I2'],
    ]);
    expect(a.movement?.actions.filter((c) => c.change === 'update-unchanged')).toEqual([
      expect.objectContaining({ ref: '3', cell: 'I4' }),
    ]);
    // A Red action whose Q3 update repeats Q2's word for word is update-unchanged, at the Q3 update.
    expect(cells('update-unchanged', run(tracker(copied)).issues)).toEqual(['Tracker!I2']);
  });
});

describe('two-row headers (SPEC §2.2)', () => {
  const rows = (): Raw[][] => [
    ['Youth justice plan 2025/26'],
    ['Ref', 'Action', 'Lead', 'RAG status', null, null, null, 'Update', null],
    [null, null, null, 'Q1', 'Q2', 'Q3', 'Q4', 'Date', 'Commentary'],
    ['YJ1', 'Reduce first-time entrants', 'YOT', 'A', 'G', null, null, { date: '2025-10-01' }, 'Triage live'],
    ['YJ2', 'Education for all in custody', 'Education', 'R', null, null, null, null, null],
  ];
  const merges = [
    { top: 1, left: 0, bottom: 2, right: 0 },
    { top: 1, left: 1, bottom: 2, right: 1 },
    { top: 1, left: 2, bottom: 2, right: 2 },
    { top: 1, left: 3, bottom: 1, right: 6 },
    { top: 1, left: 7, bottom: 1, right: 8 },
  ];

  it.each([
    ['with its merges', merges],
    ['read without merges, as Excel’s check reads it', []],
  ])('reads each sub-heading with its group heading, and data from below the second row (%s)', (_, m) => {
    const a = run(sheet('Youth justice', rows(), { merges: m }));
    const { layout, actions } = a.themes[0];
    expect([layout.headerTop, layout.headerRow, layout.headerCell, layout.theme]).toEqual([
      1,
      2,
      'A2',
      'Youth justice plan 2025/26',
    ]);
    expect(layout.headings.map((h) => h.text)).toEqual([
      'Ref',
      'Action',
      'Lead',
      'RAG status Q1',
      'RAG status Q2',
      'RAG status Q3',
      'RAG status Q4',
      'Update Date',
      'Update Commentary',
    ]);
    expect(layout.columns).toMatchObject({ ref: 0, actions: 1, lead: 2, rag: 3, evidence: 8 });
    expect(layout.status.map((s) => s.label)).toEqual([
      'RAG status Q1',
      'RAG status Q2',
      'RAG status Q3',
      'RAG status Q4',
    ]);
    expect(actions.map((x) => [x.row, x.current?.label])).toEqual([
      [3, 'RAG status Q2'],
      [4, 'RAG status Q1'],
    ]);
    expect(a.issues.map((i) => [i.code, i.cell])).toEqual([['evidence-missing', 'I5']]);
  });

  it('is read so even when the upper row alone names three roles', () => {
    const s = sheet('P', [
      ['Ref', 'Action', 'Lead', 'RAG status', null],
      [null, null, null, 'Q1', 'Q2'],
      ['P1', 'Do it', 'Police', 'G', 'A'],
    ]);
    const theme = run(s).themes[0];
    expect(theme.layout.headerRow).toBe(1);
    expect(theme.actions.map((x) => [x.row, x.rag])).toEqual([[2, { state: 'valid', code: 'A', normal: true }]]);
  });

  it('does not take a title merged across the table, or a first row of data, for a group heading', () => {
    const titled = sheet(
      'P',
      [
        ['Prevention', null, null, null],
        ['Ref', 'Actions', 'Lead', 'RAG'],
        ['P1', 'Do it', 'Police', 'G'],
      ],
      { merges: [{ top: 0, left: 0, bottom: 0, right: 3 }] },
    );
    expect(run(titled).themes[0].layout).toMatchObject({ headerTop: 1, headerRow: 1, theme: 'Prevention' });
    const gap = sheet('P', [
      ['Ref', 'Actions', null, 'Lead', 'RAG'],
      ['P1', 'Do it', 'and more', 'Police', 'G'],
    ]);
    expect(run(gap).themes[0].actions.map((x) => x.row)).toEqual([1]);
  });
});

describe('group rows (SPEC §2.3)', () => {
  const log = () =>
    sheet(
      'Action tracker',
      [
        ['Serious incident action tracker'],
        ['No.', 'Recommendation', 'Action', 'Lead', 'Due', 'Status'],
        ['May 2012'],
        ['1', 'Handover', 'Use SBAR at every handover', 'Ward manager', { date: '2012-06-30' }, 'G'],
        ['2', 'Staffing', 'Review night staffing', 'Matron', { date: '2012-07-31' }, 'A'],
        [{ date: '2012-04-01' }],
        ['3', 'Records', 'Audit the notes', 'Lead nurse', { date: '2012-05-31' }, 'G'],
        ['PARKING AND TRANSPORT', null, null, null, null, null],
        ['4', 'Parking', 'Free parking for families', 'Estates', { date: '2012-09-30' }, 'R'],
        ['Section 5'],
        ['5', 'Lead', 'Lead', 'Lead', null, 'Lead'],
      ],
      { merges: [{ top: 7, left: 0, bottom: 7, right: 5 }] },
    );

  it('reads months and section titles inside a table as titles: not counted, no ref or status checks', () => {
    const a = run(log());
    expect(a.themes[0].actions.map((x) => x.row)).toEqual([3, 4, 6, 8, 10]);
    expect(a.scheme).toBe('numbered');
    // A data row whose cells merely hold "Lead" is an action (its status is not on the scale).
    expect(a.issues.filter((i) => i.code !== 'overdue').map((i) => [i.code, i.cell])).toEqual([['rag-invalid', 'F11']]);
    expect(summarise(a).total.actions).toBe(5);
  });

  it('reads them the same with or without the merge (Excel’s check reads no merges)', () => {
    const unmerged = { ...log(), merges: [] };
    expect(run(unmerged).themes[0].actions.map((x) => x.row)).toEqual([3, 4, 6, 8, 10]);
  });

  it('still starts a group at a ref alone on its row, and counts a lone action text or status', () => {
    const s = sheet('P', [
      ['Ref', 'Priority', 'Actions', 'RAG'],
      ['PE1'],
      [null, null, 'First', 'G'],
      [null, null, 'Second, nothing else filled yet', null],
      [null, null, null, 'A'],
    ]);
    const a = run(s);
    expect(a.themes[0].layout.groups.map((g) => g.row)).toEqual([1]);
    expect(a.themes[0].actions.map((x) => x.row)).toEqual([2, 3, 4]);
    expect(a.issues.map((i) => [i.code, i.cell])).toEqual([['rag-missing', 'D4']]);
  });

  it('reads a lone section title typed in capitals in the actions column as a title; a lone sentence or acronym stays an action', () => {
    const s = sheet('Plan', [
      ['Ref', 'Action', 'Lead', 'RAG', 'Update'],
      ['1', 'Rough sleeping outreach', 'Council', 'G', 'x'],
      [null, 'HOUSING AND HOMELESSNESS'],
      ['2', 'Temporary accommodation audit', 'Council', 'G', 'x'],
      [null, ' HOUSING '],
      ['3', 'Landlord licensing', 'Council', 'G', 'x'],
      [null, 'Agree the housing protocol'],
      [null, 'ASB'],
      [null, 'REVIEW Of CCTV'],
    ]);
    const a = run(s);
    expect(a.themes[0].actions.map((x) => x.row)).toEqual([1, 3, 5, 6, 7, 8]);
    expect(cells('rag-missing', a.issues)).toEqual(['Plan!D7', 'Plan!D8', 'Plan!D9']);
    // A status alone in the status column is an action, whatever its case.
    const status = run(
      sheet('Plan', [
        ['Ref', 'Action', 'Lead', 'RAG', 'Update'],
        ['1', 'Outreach', 'Council', 'G', 'x'],
        [null, null, null, 'AMBER'],
      ]),
    );
    expect(status.themes[0].actions.map((x) => x.row)).toEqual([1, 2]);
  });
});

describe('performance codes (SPEC §2.4)', () => {
  const codes = (refs: Raw[]) =>
    sheet('Council plan', [
      ['Council Plan 2023-27: progress report'],
      ['Code', 'Ref', 'Measure', 'Actions', 'Lead officer', 'Status'],
      ...refs.map((ref, i) => ['PI', ref, `Measure ${i}`, `Action ${i}`, 'Head of service', 'G']),
    ]);

  it('detects a performance system’s codes, finds duplicates, and warns of no sequence', () => {
    const a = run(codes(['ESU01_C', 'SP1.2a', 'CYP-07', 'ESU01_C', 'ESU03', 'SP1.1a']));
    expect(a.scheme).toBe('codes');
    expect(a.issues.map((i) => [i.code, i.cell, i.message])).toEqual([
      [
        'ref-duplicate',
        'B6',
        "Ref ESU01_C is used already, at 'Council plan'!B3; each priority and action needs its own ref.",
      ],
    ]);
  });

  it('takes the trimmed text as the normal form, with a fix, and reports what is not a code', () => {
    const a = run(codes(['ESU01_C', ' SP1.2a ', 'CYP 07', 'esu01_c']));
    expect(a.issues.map((i) => [i.code, i.cell, i.fix?.value])).toEqual([
      ['ref-format', 'B4', 'SP1.2a'],
      ['ref-format', 'B5', undefined],
    ]);
    expect(only('ref-format', a.issues)[1].message).toContain('expected a code of letters, digits');
  });

  it('is chosen only when most refs fit no other scheme, or when the settings say so', () => {
    expect(run(codes(['PE1', 'PE2', 'ESU01_C'])).scheme).toBe('prefixed');
    const set = run(settingsSheet([['refScheme', 'codes']]), codes(['PE1', 'PE3', '2.1']));
    expect(set.scheme).toBe('codes');
    expect(set.issues).toEqual([]);
    expect(settingsFromPairs([['refScheme', 'codes']]).settings.refScheme).toBe('codes');
    expect(settingsFromPairs([['refScheme', 'letters']]).problems[0].message).toBe(
      'Setting refScheme should be auto, prefixed, numbered, dotted or codes, not "letters".',
    );
  });
});
