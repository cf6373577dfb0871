// Partner packs (SPEC §7.2): leads split and joined, rows with no lead listed, other
// partners' rows hidden, colours live, and the record of what was sent.
import { analyse } from './analyse';
import { identify } from './identity';
import { packFileName, packPlan } from './packs';
import { findPartner, partnersOf, splitLeads } from './partners';
import { predictSnapshot } from './predict';
import { RETURN_SHEET, readReturnRecord } from './returns';
import { settingsFromPairs, settingsToPairs } from './settings';
import { TODAY, action, sheet, themeSheet, workbook } from '../../tests/fixtures/snapshots';

describe('lead partners', () => {
  test('a lead cell naming several partners is split at "/", ";", "," and line breaks', () => {
    expect(splitLeads(' Police / Probation;Health,\nCouncil ')).toEqual(['Police', 'Probation', 'Health', 'Council']);
    expect(splitLeads('  ')).toEqual([]);
  });

  test('leads are grouped by their trimmed text without case; rows with no lead are listed', () => {
    const snapshot = workbook(
      themeSheet('Prevention', [
        action('PE1', 'G', { lead: 'Police', actions: 'Triage' }),
        action('PE2', 'A', { lead: ' POLICE / Health ', actions: 'Hub' }),
        action('PE3', 'R', { lead: null, actions: 'Court liaison' }),
      ]),
      themeSheet('Diversion', [action('DV1', 'G', { lead: 'health', actions: 'Outreach' })]),
    );
    const { partners, noLead } = partnersOf(analyse(snapshot, { today: TODAY }));
    expect(partners.map((p) => [p.name, p.spellings, p.rows.map((r) => `${r.sheet}:${r.row + 1}`)])).toEqual([
      ['Police', ['Police', 'POLICE'], ['Prevention:3', 'Prevention:4']],
      ['Health', ['Health', 'health'], ['Prevention:4', 'Diversion:3']],
    ]);
    expect(noLead).toEqual([{ sheet: 'Prevention', row: 4, cell: 'D5', text: 'Court liaison' }]);
  });

  test('a lead with an invisible character pasted in is the same partner; one of nothing but that is no lead', () => {
    const snapshot = workbook(
      themeSheet('Prevention', [
        action('PE1', 'G', { lead: 'Police', actions: 'Triage' }),
        action('PE2', 'A', { lead: 'Police\u200b', actions: 'Hub' }),
        action('PE3', 'R', { lead: '\ufeff\u200b', actions: 'Court liaison' }),
      ]),
    );
    const analysis = analyse(snapshot, { today: TODAY });
    const { partners, noLead } = partnersOf(analysis);
    expect(partners.map((p) => [p.name, p.spellings, p.rows.length])).toEqual([['Police', ['Police'], 2]]);
    expect(noLead.map((r) => r.cell)).toEqual(['D5']);
    expect(analysis.issues.filter((i) => i.code === 'lead-missing').map((i) => i.cell)).toEqual(['D5']);
  });

  test('a lead merged down several action rows leads each of them', () => {
    const s = themeSheet('Prevention', [
      action('PE1', 'G', { lead: 'Police', actions: 'Triage' }),
      action(null, 'A', { lead: null, actions: 'Panel', priority: null }),
    ]);
    s.merges.push({ top: 2, left: 3, bottom: 3, right: 3 });
    const { partners, noLead } = partnersOf(analyse(workbook(s), { today: TODAY }));
    expect(partners.map((p) => [p.name, p.rows.length])).toEqual([['Police', 2]]);
    expect(noLead).toEqual([]);
  });

  test('a partner is found by any of its spellings, or its settings name', () => {
    const snapshot = workbook(
      themeSheet('P', [action('PE1', 'G', { lead: 'NPS' })]),
      sheet('ProformaSettings', [['partner:Probation Service', 'NPS, National Probation Service']]),
    );
    const analysis = analyse(snapshot, { today: TODAY });
    const { partners } = partnersOf(analysis);
    expect(findPartner(partners, 'national probation service', analysis.settings)?.name).toBe('Probation Service');
    expect(findPartner(partners, 'nps', analysis.settings)?.name).toBe('Probation Service');
    expect(findPartner(partners, 'Police', analysis.settings)).toBeUndefined();
  });

  test('partner: settings are written back as read (the pane saves every setting it read)', () => {
    const { settings } = settingsFromPairs([['partner:Probation Service', 'NPS,  National Probation Service']]);
    expect(settings.partners).toEqual({ 'Probation Service': ['NPS', 'National Probation Service'] });
    expect(settingsToPairs(settings)).toContainEqual(['partner:Probation Service', 'NPS, National Probation Service']);
    expect(settingsFromPairs(settingsToPairs(settings)).settings.partners).toEqual(settings.partners);
  });

  test('a spelling claimed by two partners is a setting that cannot be used', () => {
    const analysis = analyse(
      workbook(
        themeSheet('P', [action('PE1')]),
        sheet('ProformaSettings', [
          ['partner:Probation', 'NPS'],
          ['partner:Police', 'nps'],
        ]),
      ),
      { today: TODAY },
    );
    expect(analysis.settingsProblems).toEqual([
      'Setting partner:Police: "nps" is already a spelling of partner Probation.',
    ]);
  });
});

describe('a pack', () => {
  const snapshot = workbook(
    themeSheet('Prevention', [
      action('PE1', 'G', { lead: 'Police', actions: 'Triage' }),
      action('PE2', 'A', { lead: 'Health', actions: 'Hub' }),
      action('PE3', 'R', { lead: 'Police; Health', actions: 'Court liaison' }),
    ]),
    sheet('Notes', [['Kept by the secretary']]),
  );
  const analysis = analyse(snapshot, { today: TODAY });
  const police = findPartner(partnersOf(analysis).partners, 'Police', analysis.settings);
  if (!police) throw new Error('no police');
  const plan = packPlan(analysis, police, { planFile: 'Plan 2026.xlsx', now: TODAY });
  const pack = predictSnapshot(snapshot, plan);

  test('hides the other partners’ action rows (never deletes them), colours the rows and records what was sent', () => {
    expect(plan.description).toBe(
      'The pack for Police: 2 action rows to update, 1 action row of other partners hidden.',
    );
    expect(plan.edits.map((e) => e.kind)).toEqual(['hide-rows', 'live-colours', 'record-sheet']);
    expect(pack.sheets.map((s) => [s.name, s.visibility, s.hiddenRows])).toEqual([
      ['Prevention', 'visible', [3]],
      ['Notes', 'visible', []],
      [RETURN_SHEET, 'veryHidden', []],
    ]);
    expect(pack.sheets[0].cells).toEqual(snapshot.sheets[0].cells);
    expect(pack.sheets[0].statusRules?.length).toBeGreaterThan(0);
    expect(pack.sheets[0].dropDowns?.length).toBeGreaterThan(0);
  });

  test('the record holds every action row of the plan, its identity and its values as sent', () => {
    const record = readReturnRecord(pack);
    if (!record || 'damaged' in record) throw new Error('no record');
    expect([record.plan, record.partner, record.sent]).toEqual(['Plan 2026.xlsx', 'Police', '2026-11-20']);
    expect(record.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(record.rows.map((r) => [r.sheet, r.row, r.ref, r.text])).toEqual([
      ['Prevention', 2, 'PE1', 'Triage'],
      ['Prevention', 3, 'PE2', 'Hub'],
      ['Prevention', 4, 'PE3', 'Court liaison'],
    ]);
    expect(Object.fromEntries(record.rows[1].values)).toEqual({
      ref: { kind: 'text', text: 'PE2' },
      priority: { kind: 'text', text: 'Priority PE2' },
      lead: { kind: 'text', text: 'Health' },
      outcome: { kind: 'text', text: 'Fewer victims' },
      'rag:rag': { kind: 'text', text: 'A' },
      evidence: { kind: 'text', text: 'On track' },
    });
    expect(identify(record.rows).map((id) => id.by)).toEqual(['ref', 'ref', 'ref']);
  });

  test('the record keeps a value’s type: a date, a number, a boolean', () => {
    const typed = workbook(
      sheet('Delivery', [
        ['Ref', 'Action', 'Lead', 'By when', 'Target', 'RAG'],
        ['D1', 'Open', 'Council', { date: '2027-03-31' }, 40, 'G'],
        ['D2', 'Train', 'Council', null, true, 'A'],
      ]),
    );
    const a = analyse(typed, { today: TODAY });
    const council = partnersOf(a).partners[0];
    const record = readReturnRecord(predictSnapshot(typed, packPlan(a, council, { planFile: 'x.xlsx', now: TODAY })));
    if (!record || 'damaged' in record) throw new Error('no record');
    expect(record.rows[0].values.get('due')).toEqual({ kind: 'date', serial: 46477 });
    expect(record.rows[0].values.get('target')).toEqual({ kind: 'number', value: 40 });
    expect(record.rows[1].values.get('target')).toEqual({ kind: 'boolean', value: true });
    expect(record.rows[1].values.has('due')).toBe(false);
  });

  test('a plan file’s name and the partner make the pack’s name, safe in any file system', () => {
    expect(packFileName('returns/Plan 2026.xlsx', 'Police', '.xlsx')).toBe('Plan 2026 - Police.xlsx');
    expect(packFileName('Plan.xlsm', 'Health: "ICB" <north>', '.xlsm')).toBe('Plan - Health- -ICB- -north-.xlsm');
    expect(packFileName('Plan.xlsx', 'Police', '.xlsx', ['plan - police.xlsx'])).toBe('Plan - Police (2).xlsx');
    expect(packFileName('Plan.xlsx', 'Youth Offending Team. ', '.xlsx')).toBe('Plan - Youth Offending Team.xlsx');
  });
});
