// Status scales as data (SPEC §2.5): the built-in word scale, a board's own scale
// from the settings, classes that drive evidence and overdue, scale-mismatch.
import { analyse } from './analyse';
import { colourPlan } from './colour';
import { buildOverview } from './overview';
import { builtInScale, contrast, readRag, statusColours } from './scales';
import { DEFAULT_SETTINGS, SETTINGS_SHEET, scaleOf, settingsFromPairs, settingsToPairs } from './settings';
import { summarise } from './summary';
import { Raw, TODAY, action, sheet, themeSheet, workbook } from '../../tests/fixtures/snapshots';
import { SheetSnapshot } from './snapshot';

const settingsSheet = (pairs: Array<[string, string]>): SheetSnapshot => ({
  ...sheet(SETTINGS_SHEET, pairs),
  visibility: 'veryHidden',
});

/** A 1–4 progress score, as a board might define it. */
const SCORE: Array<[string, string]> = [
  ['scale', 'custom'],
  ['status:1', 'off-track; Not started; No progress yet; #D4351C; not started'],
  ['status:2', 'at-risk; Some progress; Behind plan; #F47738'],
  ['status:3', 'on-track; Good progress; On plan; #00703C'],
  ['status:4', 'complete; Done; Delivered; #1D70B8; done, complete'],
];

describe('the track scale (words)', () => {
  const track = builtInScale('track');
  it.each([
    ['On track', 'On track', true],
    ['on-track', 'On track', false],
    ['On Track ', 'On track', false],
    ['OFF TRACK', 'Off track', false],
    ['at risk', 'At risk', false],
    ['Completed', 'Complete', false],
  ])('reads %p as %s', (text, code, normal) => {
    expect(readRag({ kind: 'text', text }, track)).toEqual({ state: 'valid', code, normal });
  });

  it('does not take the RAG letters', () => {
    expect(readRag({ kind: 'text', text: 'G' }, track).state).toBe('invalid');
  });

  it('is the scale of a workbook that says so, with evidence and overdue by class', () => {
    const plan = themeSheet('Prevention', [
      action('PE1', 'On track'),
      action('PE2', 'off-track', { evidence: null }),
      action('PE3', 'At risk'),
      action('PE4', 'G'),
    ]);
    const analysis = analyse(workbook(plan, settingsSheet([['scale', 'track']])), { today: TODAY });
    const codes = analysis.issues.map((i) => `${i.code} ${i.cell}`);
    expect(codes).toEqual(['rag-invalid F6', 'rag-nonstandard F4', 'evidence-missing G4']);
    expect(analysis.issues[1].fix).toEqual({ value: 'Off track' });
    expect(analysis.issues[2].message).toBe(
      'This action is rated Off track but has no evidence or progress update; say what is happening.',
    );
    expect(summarise(analysis).total.rag).toEqual({
      'Off track': 1,
      'At risk': 1,
      'On track': 1,
      Complete: 0,
      none: 1,
    });
  });
});

describe("a board's own scale in the settings", () => {
  const plan = (rows: Raw[]): SheetSnapshot =>
    themeSheet(
      'Recommendations',
      rows.map((score, i) => action(`R${i + 1}`, score)),
    );

  it('reads a 1–4 score written as numbers or text, and spellings it defines', () => {
    const analysis = analyse(workbook(plan([1, '2', 3, 'Done', 5]), settingsSheet(SCORE)), { today: TODAY });
    expect(analysis.settingsProblems).toEqual([]);
    expect(analysis.scale.statuses.map((s) => s.code)).toEqual(['1', '2', '3', '4']);
    expect(analysis.issues.map((i) => `${i.code} ${i.cell}`)).toEqual(['rag-invalid F7', 'rag-nonstandard F6']);
    expect(analysis.issues[1].fix).toEqual({ value: '4' });
    expect(analysis.issues[0].message).toBe('Status "5" is not on the scale; use one of 1, 2, 3, 4.');
  });

  it('gives each status readable text and a pale tint from its colour', () => {
    for (const colour of ['#D4351C', '#FFDD00', '#6F72AF', '#00703C', '#0B0C0C']) {
      const s = statusColours(colour);
      expect(contrast(s.colour, s.textColour)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(s.tint, '#000000')).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('puts its statuses in the overview, the colours and the drop-down', () => {
    const analysis = analyse(workbook(plan([1, 2, 4]), settingsSheet(SCORE)), { today: TODAY });
    const overview = buildOverview(analysis, TODAY);
    const texts = overview.cells.flat().map((c) => String(c?.value ?? ''));
    expect(texts).toContain('1: Not started');
    expect(texts).toContain('4: Done');
    const live = colourPlan(analysis).edits.find((e) => e.kind === 'live-colours');
    expect(live && live.kind === 'live-colours' && live.dropDowns[0].values).toEqual(['1', '2', '3', '4']);
    expect(live && live.kind === 'live-colours' && live.rules.map((r) => r.formula.slice(0, 16))).toContain(
      'N("Proforma 4")+',
    );
  });

  it('round-trips through the settings sheet', () => {
    const { settings } = settingsFromPairs(SCORE);
    expect(settingsFromPairs(settingsToPairs(settings))).toEqual({ settings, problems: [] });
    expect(scaleOf(settings).name).toBe('custom');
  });

  it.each([
    [
      ['status:1', 'stuck; Red; x; #D4351C'],
      'Status 1 has class "stuck"; use one of off-track, at-risk, on-track, complete, withdrawn.',
    ],
    [['status:1', 'off-track; Red; x; red'], 'Status 1 has colour "red"; write it as #RRGGBB, e.g. #D4351C.'],
    [['status:1,2', 'off-track; Red; x; #D4351C'], 'Status code "1,2" should be 1–40 characters without commas.'],
    [
      ['status:1', 'off-track'],
      expect.stringMatching(/^Status 1 should read "<class>; <name>; <meaning>; #RRGGBB; <spellings>"/),
    ],
  ])('reports %p at its cell and never uses it', (pair, message) => {
    const pairs: Array<[string, string]> = [
      ['scale', 'custom'],
      pair as [string, string],
      ['status:2', 'on-track; Fine; ok; #00703C'],
    ];
    const analysis = analyse(workbook(plan([2]), settingsSheet(pairs)), { today: TODAY });
    expect(analysis.issues.filter((i) => i.code === 'settings-invalid')).toEqual([
      expect.objectContaining({ sheet: SETTINGS_SHEET, cell: 'B2', message }),
    ]);
    expect(analysis.scale.statuses.map((s) => s.code)).toEqual(['2']);
  });

  it('refuses a spelling two statuses share, and a custom scale with no statuses', () => {
    const { settings, problems } = settingsFromPairs([
      ['scale', 'custom'],
      ['status:Done', 'complete; Done; Delivered; #1D70B8; finished'],
      ['status:Closed', 'complete; Closed; Closed; #1D70B8; finished'],
    ]);
    expect(problems).toEqual([{ pair: 2, message: 'Status Closed: "finished" already means status Done.' }]);
    expect(settings.customStatuses.map((s) => s.code)).toEqual(['Done']);
    expect(settingsFromPairs([['scale', 'custom']]).problems[0].message).toMatch(/no status:<code> rows/);
    expect(settingsFromPairs([['scale', 'custom']]).settings.scale).toBe('rag');
  });

  it('takes the older ragWithB key as the ragb scale', () => {
    expect(settingsFromPairs([['ragWithB', 'TRUE']]).settings.scale).toBe('ragb');
    expect(
      settingsFromPairs([
        ['scale', 'track'],
        ['ragWithB', 'TRUE'],
      ]).settings.scale,
    ).toBe('track');
    expect(settingsFromPairs([]).settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('overdue and evidence follow the classes', () => {
  const dated = (rag: Raw): SheetSnapshot =>
    sheet('Prevention', [
      ['Prevention'],
      ['Ref', 'Actions', 'Lead', 'RAG', 'Progress update', 'By when'],
      ['PE1', 'Do it', 'Police', rag, 'Update', { date: '2026-01-31' }],
    ]);
  it.each([
    ['R', true],
    ['A', true],
    ['G', false],
    ['W', false],
    ['Red/Amber', false],
    [null, false],
  ])('status %p past its date: overdue %p', (rag, overdue) => {
    const issues = analyse(workbook(dated(rag)), { today: TODAY }).issues;
    expect(issues.some((i) => i.code === 'overdue')).toBe(overdue);
  });
});

describe('scale-mismatch', () => {
  it('names the scale the values fit, at the status header, and how to choose it', () => {
    const words = themeSheet('Prevention', [
      action('PE1', 'On track'),
      action('PE2', 'At risk'),
      action('PE3', 'on-track'),
      action('PE4', 'G'),
    ]);
    const issues = analyse(workbook(words), { today: TODAY }).issues;
    expect(issues.filter((i) => i.code === 'scale-mismatch')).toEqual([
      {
        severity: 'warning',
        code: 'scale-mismatch',
        sheet: 'Prevention',
        cell: 'F2',
        message:
          '3 of 4 status values are not on the rag scale but fit the track scale (Off track, At risk, On track, Complete); choose it in the settings (scale: track), or run the command line with --scale track.',
      },
    ]);
    // Chosen for a run, the same values are read on it: no mismatch, one invalid G.
    const onTrack = analyse(workbook(words), { today: TODAY, scale: 'track' });
    expect(onTrack.issues.map((i) => i.code).sort()).toEqual(['rag-invalid', 'rag-nonstandard']);
  });

  it('stays quiet while most values fit the scale', () => {
    const mostly = themeSheet('Prevention', [action('PE1', 'G'), action('PE2', 'A'), action('PE3', 'On track')]);
    expect(analyse(workbook(mostly), { today: TODAY }).issues.some((i) => i.code === 'scale-mismatch')).toBe(false);
  });
});

describe('a status of a built-in scale the board has not chosen', () => {
  it('points at the ragb scale for B, and at the W switch for W', () => {
    // Most values on the scale: no scale is proposed, so each cell says which switch its status needs.
    const plan = themeSheet('Prevention', [
      action('PE1', 'Complete'),
      action('PE2', 'Withdrawn'),
      action('PE3', 'G'),
      action('PE4', 'A'),
    ]);
    const noW = settingsSheet([['ragWithW', 'FALSE']]);
    const issues = analyse(workbook(plan, noW), { today: TODAY }).issues.filter((i) => i.code === 'rag-invalid');
    expect(issues.map((i) => i.message)).toEqual([
      'RAG value "Complete" is not on the scale; use one of R, A, G. B (complete) is on the ragb scale; choose that scale in the settings if the board uses it.',
      'RAG value "Withdrawn" is not on the scale; use one of R, A, G. W is not on this board\'s scale; switch it on in the settings if the board uses it.',
    ]);
  });
});
