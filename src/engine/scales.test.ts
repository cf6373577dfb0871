import { readRef, detectScheme, commonPrefix } from './refs';
import { STATUSES, builtInScale, readRag, readTerm } from './scales';
import { DEFAULT_SETTINGS, scaleOf, settingsFromPairs, settingsToPairs } from './settings';
import { toValue } from '../../tests/fixtures/snapshots';

const RAG = scaleOf(DEFAULT_SETTINGS);
const withB = builtInScale('ragb');

describe('RAG normalisation', () => {
  it.each([
    ['red', 'R'],
    [' Red ', 'R'],
    ['amber', 'A'],
    ['Amb', 'A'],
    ['ORANGE', 'A'],
    ['yellow', 'A'],
    ['green', 'G'],
    ['Superseded', 'W'],
    ['super-ceded', 'W'],
    ['withdrawn', 'W'],
    ['a', 'A'],
  ])('reads %p as %s, not in normal form', (text, code) => {
    expect(readRag(toValue(text), RAG)).toEqual({ state: 'valid', code, normal: false });
  });

  it('takes the bare codes as normal', () => {
    for (const code of ['R', 'A', 'G', 'W']) expect(readRag(toValue(code), RAG)).toMatchObject({ normal: true });
  });

  it('knows B only when switched on', () => {
    expect(readRag(toValue('Complete'), RAG)).toMatchObject({ state: 'invalid', offScale: 'B' });
    expect(readRag(toValue('Complete'), withB)).toEqual({ state: 'valid', code: 'B', normal: false });
    expect(readRag(toValue('B'), withB)).toEqual({ state: 'valid', code: 'B', normal: true });
  });

  it('knows W only when it is on the scale', () => {
    expect(readRag(toValue('W'), builtInScale('rag', false))).toMatchObject({ state: 'invalid' });
  });

  it('rejects mixed ratings, numbers and booleans', () => {
    for (const raw of ['Red/Amber', 'Amber/ Green', 1, true]) expect(readRag(toValue(raw), RAG).state).toBe('invalid');
    expect(readRag(toValue(null), RAG).state).toBe('missing');
  });
});

describe('term normalisation', () => {
  it.each([
    ['S', 'S', false],
    ['Short', 'S', false],
    ['medium', 'M', false],
    ['M c/f', 'M', true],
    ['M cf', 'M', true],
    ['L (c/f)', 'L', true],
    ['Long c/f', 'L', true],
  ])('reads %p', (text, code, carriedForward) => {
    expect(readTerm(toValue(text))).toEqual({ state: 'valid', code, carriedForward });
  });

  it('rejects anything else', () => {
    for (const raw of ['c/f', 'Soon', 'X', 2]) expect(readTerm(toValue(raw)).state).toBe('invalid');
    expect(readTerm(toValue('  ')).state).toBe('missing');
  });
});

describe('refs', () => {
  it('normalises case, spaces and dashes', () => {
    expect(readRef(toValue('pe 3'))).toMatchObject({
      normal: 'PE3',
      isNormal: false,
      shape: 'prefixed',
      prefix: 'PE',
      number: 3,
    });
    expect(readRef(toValue('PE-3'))).toMatchObject({ normal: 'PE3', isNormal: false });
    expect(readRef(toValue('RR10'))).toMatchObject({ normal: 'RR10', isNormal: true, number: 10 });
    expect(readRef(toValue(7))).toMatchObject({ normal: '7', isNormal: true, shape: 'numbered' });
    expect(readRef(toValue(' 7'))).toMatchObject({ normal: '7', isNormal: false, shape: 'numbered' });
  });

  it('has no normal form for other values', () => {
    for (const raw of ['PE3a', '1.2.x', '1..2', '0.1', '?', 0, -2.5, 'P E 3 x'])
      expect(readRef(toValue(raw)).normal).toBeNull();
  });

  it('detects the scheme by majority unless set', () => {
    const refs = ['1', '2', 'PE3'].map((r) => readRef(toValue(r)));
    expect(detectScheme('auto', refs)).toBe('numbered');
    expect(detectScheme('prefixed', refs)).toBe('prefixed');
    expect(commonPrefix(['OM1', 'PE2', 'OM3'].map((r) => readRef(toValue(r))))).toBe('OM');
  });
});

describe('settings', () => {
  it('round-trips through key/value pairs', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      scale: 'ragb' as const,
      refScheme: 'numbered' as const,
      prefixes: { 'Offender Management': 'OM' },
      overviewName: 'Summary',
    };
    expect(settingsFromPairs(settingsToPairs(settings))).toEqual({ settings, problems: [] });
  });

  it('reports settings it cannot use and keeps the defaults', () => {
    const { settings, problems } = settingsFromPairs([
      ['ragWithB', 'perhaps'],
      ['overviewName', 'Bad/Name'],
      ['colour', 'blue'],
    ]);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems).toHaveLength(3);
    // An unknown key says what the keys are.
    expect(problems[2].message).toMatch(/^Unknown setting "colour": this row is not used\. The settings are scale, /);
  });

  it('reads a heading row a board typed over its own settings sheet ("Key | Value") as no setting', () => {
    for (const heading of [
      ['Key', 'Value'],
      ['Setting', 'Value'],
      ['SETTINGS', 'values'],
    ] as Array<[string, string]>) {
      const { settings, problems } = settingsFromPairs([heading, ['overviewName', 'Summary']]);
      expect([heading, problems, settings.overviewName]).toEqual([heading, [], 'Summary']);
    }
    // Below the first row, or with another value, it is a setting Proforma does not know.
    expect(
      settingsFromPairs([
        ['overviewName', 'Summary'],
        ['Key', 'Value'],
      ]).problems,
    ).toHaveLength(1);
    expect(settingsFromPairs([['Key', 'Owner']]).problems).toHaveLength(1);
  });
});

describe('status colours', () => {
  // WCAG 2 relative luminance and contrast ratio.
  const luminance = (hex: string): number => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const lin = (c: number): number => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (a: string, b: string): number => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };

  it.each(Object.values(STATUSES).map((s) => [s.code, s]))(
    '%s: RAG cell text meets WCAG AA, row tint keeps black text readable',
    (_code, status) => {
      expect(contrast(status.colour, status.textColour)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(status.tint, '#000000')).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('gives every status its own colour, with red and amber apart in lightness', () => {
    expect(Math.abs(luminance(STATUSES.R.colour) - luminance(STATUSES.A.colour))).toBeGreaterThan(0.1);
    expect(new Set(Object.values(STATUSES).map((s) => s.colour)).size).toBe(5);
  });
});
