import { analyse } from './analyse';
import { findHeaderRow, headerKey, recogniseSheet, roleOfHeader } from './layout';
import { SETTINGS_SHEET, settingsFromPairs, settingsToPairs } from './settings';
import { HEADER, Raw, TODAY, action, sheet, themeSheet, workbook } from '../../tests/fixtures/snapshots';

describe('header synonyms', () => {
  it.each([
    ['ref', ['Ref', 'Ref.', 'Reference', 'No', 'No.', ' REF ']],
    ['priority', ['Priority', 'Key Deliverable', 'Deliverable', 'Objective']],
    ['actions', ['Actions', 'Action', 'Key Actions', 'Priority Actions']],
    [
      'lead',
      [
        'Responsible Partner / Lead',
        'Responsible Partner',
        'Lead',
        'Lead Partner',
        'Owner',
        'Responsible Partner /\nLead',
      ],
    ],
    ['outcome', ['Outcome / impact measure', 'Outcome measure', 'Impact measure', 'Performance measure(s)', 'Measure']],
    ['term', ['S M L', 'Term', 'Timescale', 'SML', 'S\nM\nL']],
    ['rag', ['RAG', 'R A G', 'R\nA\nG', 'RAG Status', 'Status', 'r.a.g.']],
    ['evidence', ['Evidence / Progress update', 'Progress update', 'Evidence', 'Update', 'Comments']],
    ['due', ['By When', 'Due', 'Due date', 'Target date', 'Deadline']],
    ['target', ['Target']],
  ])('recognises every %s header', (role, headers) => {
    for (const header of headers) expect(roleOfHeader(header)).toBe(role);
  });

  it('ignores case, punctuation, repeated spaces and line breaks', () => {
    expect(headerKey('R\nA\nG')).toBe(headerKey('r  a  g'));
    expect(headerKey('Performance measure(s)')).toBe('performancemeasures');
  });

  it('does not take an unrelated header for a role', () => {
    expect(roleOfHeader('Linked priorities')).toBeUndefined();
    expect(roleOfHeader('Budget')).toBeUndefined();
  });
});

describe('header row', () => {
  it('is the first row with three roles, below any title rows', () => {
    const s = sheet('T', [['Appendix 1: Proforma'], ['Prevention'], ['Ref', 'Actions', 'RAG'], ['PE1', 'x', 'G']]);
    expect(findHeaderRow(s)?.row).toBe(2);
  });

  it('needs three roles: two are not enough', () => {
    expect(findHeaderRow(sheet('T', [['Ref', 'Actions', 'Budget']]))).toBeUndefined();
  });

  it('is looked for only in the first 30 rows', () => {
    const rows = Array.from({ length: 30 }, () => ['padding']);
    const late = sheet('T', [...rows, ['Ref', 'Actions', 'RAG']]);
    const inTime = sheet('T', [...rows.slice(1), ['Ref', 'Actions', 'RAG']]);
    expect(findHeaderRow(late)).toBeUndefined();
    expect(findHeaderRow(inTime)?.row).toBe(29);
  });

  it('maps columns in any order', () => {
    const s = sheet('T', [
      ['RAG', 'Lead', 'Actions', 'Ref'],
      ['G', 'Police', 'Do it', 'PE1'],
    ]);
    const r = recogniseSheet(s);
    if (r.kind !== 'proforma') throw new Error('not recognised');
    expect(r.layout.columns).toMatchObject({ rag: 0, lead: 1, actions: 2, ref: 3 });
    expect(r.layout.actions.map((a) => a.row)).toEqual([1]);
  });
});

describe('theme name', () => {
  it('is the nearest title text above the header', () => {
    const s = themeSheet('Prevention & Early Intervention', [action('PE1')], 'Prevention/Early Intervention');
    s.cells.unshift([{ kind: 'text', text: 'Appendix 1: Strategic Framework - Action Plan Proforma' }]);
    const r = recogniseSheet(s);
    expect(r.kind === 'proforma' && r.layout.theme).toBe('Prevention/Early Intervention');
  });

  const themeOf = (rows: Raw[][], name = 'Reducing Crime'): string => {
    const r = recogniseSheet(sheet(name, [...rows, HEADER, action('RC1')]));
    if (r.kind !== 'proforma') throw new Error('not recognised');
    return r.layout.theme;
  };

  it('skips a "Last updated", "Updated", "Version", "Date", "Publication date" or "Prepared by" line', () => {
    for (const line of [
      'Last updated by: J Smith',
      'Updated 3 March 2026',
      'Version 2.1 (draft)',
      'Date of meeting: 14 May',
      'Publication date: June 2026',
      'Prepared by the CSP manager',
    ])
      expect(themeOf([['2. A Safe City / Reducing Crime'], [line]])).toBe('2. A Safe City / Reducing Crime');
  });

  it('skips key and legend rows: status captions in several cells, a "Key" caption, one cell naming the statuses', () => {
    const keyRows: Raw[][] = [
      ['OFF TRACK – not started or stalled', 'AT RISK – some delay', 'ON TRACK – as planned'],
      ['Red: off track', 'Amber: at risk', 'Green: on track', 'Blue: complete'],
      ['R', 'A', 'G'],
      ['Key: RAG rating at the end of the quarter'],
      ['KEY'],
      ['Red = not started, Amber = in progress, Green = complete'],
    ];
    for (const key of keyRows) expect(themeOf([['Safer Streets'], key])).toBe('Safer Streets');
  });

  it('skips a date or a date range alone, and a sentence over 100 characters', () => {
    for (const line of [
      'June 2026',
      '31/03/2026',
      '2025-27',
      'April 2026 – March 2027',
      'Q2 2026/27',
      '1st Apr 2026 to 31st Mar 2027',
      `This plan sets out how the partners will work together over the next three years to reduce reoffending.`,
    ])
      expect(themeOf([['Diversion'], [line]])).toBe('Diversion');
    // Words around a date make a title.
    expect(themeOf([['Delivery Plan 2025-27']])).toBe('Delivery Plan 2025-27');
    expect(themeOf([['2. A Safe City / Reducing Crime']])).toBe('2. A Safe City / Reducing Crime');
  });

  it('is the sheet name when every line above the header is a key, a date or a note', () => {
    expect(themeOf([['Last updated by: J Smith'], ['June 2026'], ['Key', 'R', 'A', 'G']], 'Safer Lives')).toBe(
      'Safer Lives',
    );
  });

  it('is the setting theme:<sheet name> where the board gives one, over the title rows', () => {
    const s = sheet('Crime Jun', [['Last updated by: J Smith'], ['Reducing Crime'], HEADER, action('RC1')]);
    const settings = settingsFromPairs([['theme:crime jun', '  2. A Safe City /  Reducing Crime ']]);
    expect(settings.problems).toEqual([]);
    const a = analyse(workbook(s), { today: TODAY, settings: settings.settings });
    expect(a.themes[0].theme).toBe('2. A Safe City / Reducing Crime');
    expect(a.sheets[0].theme).toBe('2. A Safe City / Reducing Crime');
    // Stored in the workbook's settings sheet, as a board without the add-in would type it.
    const stored = workbook(s, sheet(SETTINGS_SHEET, [['theme:Crime Jun', 'Crime (June)']]));
    expect(analyse(stored, { today: TODAY }).themes[0].theme).toBe('Crime (June)');
    // Saved settings keep it.
    expect(settingsToPairs(settings.settings)).toContainEqual(['theme:crime jun', '2. A Safe City / Reducing Crime']);
    expect(settingsFromPairs([['theme:', 'X']]).problems[0].message).toMatch(/names no sheet/);
    expect(settingsFromPairs([['theme:Crime', ' ']]).problems[0].message).toMatch(/gives no theme name/);
  });

  it('falls back to the sheet name when there is no title', () => {
    const s = sheet('Offender Management', [
      ['Ref', 'Actions', 'RAG'],
      ['OM1', 'x', 'G'],
    ]);
    const r = recogniseSheet(s);
    expect(r.kind === 'proforma' && r.layout.theme).toBe('Offender Management');
  });
});

describe('rows', () => {
  const header = ['Ref', 'Key Deliverable', 'Actions', 'RAG'];

  it('treats empty ref cells as continuing the group above', () => {
    const s = sheet('T', [header, [1, 'D1', 'a', 'G'], [null, null, 'b', 'A'], [2, 'D2', 'c', 'R']]);
    const r = recogniseSheet(s);
    if (r.kind !== 'proforma') throw new Error();
    expect(r.layout.actions.map((a) => a.group)).toEqual([0, 0, 1]);
    expect(r.layout.groups.map((g) => g.row)).toEqual([1, 3]);
  });

  it('reads vertically merged ref and deliverable cells like empty continuation cells, even where a reader echoed the value', () => {
    // Some readers report the merge's top value in every cell: the engine must not see three groups.
    const s = sheet('T', [header, [1, 'D1', 'a', 'G'], [1, 'D1', 'b', 'A'], [1, 'D1', 'c', 'R']], {
      merges: [
        { top: 1, left: 0, bottom: 3, right: 0 },
        { top: 1, left: 1, bottom: 3, right: 1 },
      ],
    });
    const a = analyse(workbook(s), { today: TODAY });
    expect(a.themes[0].layout.groups).toHaveLength(1);
    expect(a.issues.filter((i) => i.code === 'ref-duplicate')).toEqual([]);
  });

  it('counts a row with only a RAG value or only action text as an action', () => {
    const s = sheet('T', [header, [1, 'D', 'a', null], [null, null, null, 'G']]);
    const r = recogniseSheet(s);
    expect(r.kind === 'proforma' && r.layout.actions.map((a) => a.row)).toEqual([1, 2]);
  });

  it('skips empty rows, repeated header rows and lone title rows between tables', () => {
    const s = sheet('T', [
      header,
      [1, 'D', 'a', 'G'],
      [],
      [null, null, '', '   '],
      ['REF', 'Key deliverable', 'ACTIONS', 'R A G'],
      ['Carried forward from the 2016-18 plan'],
      [null, null, null, null],
      [2, 'D2', 'b', 'A'],
    ]);
    const r = recogniseSheet(s);
    if (r.kind !== 'proforma') throw new Error();
    expect(r.layout.actions.map((a) => a.row)).toEqual([1, 7]);
    expect(r.layout.groups.map((g) => g.row)).toEqual([1, 7]);
  });

  it('counts a data row whose cells merely hold role words ("Action", "Lead", "Evidence"): rows never vanish', () => {
    const s = sheet('T', [
      ['Ref', 'Priority', 'Actions', 'Responsible Partner / Lead', 'RAG', 'Evidence / Progress update'],
      [1, 'Reduce reoffending', 'Action', 'Lead', 'G', 'Evidence'],
      [null, null, 'Update', 'Owner', 'Status', 'Comments'],
      ['Ref', 'Priority', 'Actions', 'Responsible Partner / Lead', 'RAG', 'Evidence / Progress update'],
      [2, 'Housing', 'Find beds', 'Council', 'A', 'Half found'],
    ]);
    const r = recogniseSheet(s);
    if (r.kind !== 'proforma') throw new Error();
    // Rows 1 and 2 are data; row 3 repeats the header's own texts and is skipped.
    expect(r.layout.actions.map((a) => a.row)).toEqual([1, 2, 4]);
  });

  it('keeps hidden rows as rows of the plan', () => {
    const s = sheet('T', [header, [1, 'D', 'a', 'G'], [null, null, 'hidden one', 'R']], { hiddenRows: [2] });
    const a = analyse(workbook(s), { today: TODAY });
    expect(a.themes[0].actions).toHaveLength(2);
  });
});
