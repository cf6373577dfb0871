// Rules about refs (SPEC §2.4): a ref column, refs present, well formed, on the right tab, unique and in sequence.
import { RefSequence, fitsScheme, fixedIn, isNormalIn, normalIn } from '../refs';
import { textKey } from '../identity';
import { isEmpty, address, cellAt, displayText } from '../snapshot';
import { invisiblesIn, withoutInvisible } from '../invisible';
import { quoteCell } from '../quote';
import { RefEntry, RuleContext, defineRule, invisibleSentence, listOf, quote } from './rule';

/** Refs that take part in uniqueness and sequence: readable in the scheme, and on their sheet's prefix. */
function countedRefs({ model, refs }: RuleContext): RefEntry[] {
  return refs.filter(
    (r) =>
      fitsScheme(r.reading, model.scheme) &&
      !(model.scheme === 'prefixed' && r.theme.prefix !== null && r.reading.prefix !== r.theme.prefix),
  );
}

/** The counted refs with later repeats of a ref marked. */
function withRepeats(context: RuleContext): Array<RefEntry & { first?: string }> {
  const seen = new Map<string, string>();
  return countedRefs(context).map((entry) => {
    const normal = normalIn(entry.reading, context.model.scheme) as string;
    const first = seen.get(normal);
    if (first === undefined) seen.set(normal, `'${entry.theme.name}'!${entry.cell}`);
    return { ...entry, first };
  });
}

export const refColumnMissing = defineRule({
  code: 'ref-column-missing',
  severity: 'warning',
  family: 'refs',
  description:
    'A plan sheet has no ref column: its refs are not checked, partners cannot cite an action by its ref, and rows whose action text is the same cannot be told apart (named in the message; cell: the header row).',
  fix: null,
  check({ model }, report) {
    for (const theme of model.themes) {
      const { columns, sheet, headerCell } = theme.layout;
      if (columns.ref !== undefined) continue;
      // Without refs, an action is known by its text (SPEC §7.1): two rows saying the same cannot be told apart.
      const rowsByText = new Map<string, { text: string; rows: number[] }>();
      for (const action of theme.actions) {
        const text = displayText(cellAt(sheet, action.row, columns.actions)).trim();
        const key = textKey(text);
        if (key === '') continue;
        const entry = rowsByText.get(key) ?? { text, rows: [] };
        entry.rows.push(action.row + 1);
        rowsByText.set(key, entry);
      }
      const alike = [...rowsByText.values()].filter((e) => e.rows.length > 1);
      const clash =
        alike.length === 0
          ? ''
          : `, but ${alike
              .slice(0, 3)
              .map((e) => `rows ${listOf(e.rows.map(String))} say the same (${quote(e.text)})`)
              .join(
                '; ',
              )}${alike.length > 3 ? ` and ${alike.length - 3} more` : ''}, so partners' returns cannot tell ${alike.length === 1 && alike[0].rows.length === 2 ? 'those two' : 'them'} apart`;
      report({
        sheet: theme.name,
        cell: headerCell,
        message: `This sheet has no ref column, so its refs cannot be checked and partners cannot cite an action by its ref; its actions are told apart by their text${clash}. Add a Ref column, or map the column that numbers the actions in the settings (column:<heading> = ref).`,
      });
    }
  },
});

export const refMissing = defineRule({
  code: 'ref-missing',
  severity: 'error',
  family: 'refs',
  description: 'A row starts a new priority, or is the sheet’s first action, but has no ref.',
  fix: null,
  check({ model }, report) {
    for (const theme of model.themes) {
      const { layout } = theme;
      const refCol = layout.columns.ref;
      if (refCol === undefined) continue;
      const firstActionGroup = layout.actions[0]?.group;
      layout.groups.forEach((group, index) => {
        if (!isEmpty(group.ref) || (group.priority === '' && index !== firstActionGroup)) return;
        const why = group.priority !== '' ? 'starts a new priority' : 'is the first action of the sheet';
        report({ sheet: theme.name, cell: address(group.row, refCol), message: `This row ${why} but has no ref.` });
      });
    }
  },
});

/** Why a ref that can be normalised is not in normal form: invisible characters, spaces, or its case and dashes. */
function refFormatMessage(raw: string, fixed: string, codes: boolean): string {
  const invisible = invisiblesIn(raw);
  const bare = withoutInvisible(raw);
  if (invisible.length > 0 && (bare === fixed || bare.trim() === fixed))
    return `Ref ${quoteCell(raw, false)} has ${invisibleSentence(invisible)}${bare === fixed ? '' : ' and spaces'} in it; write just ${fixed}.`;
  return codes
    ? `Ref ${quoteCell(raw, false)} has spaces around it; write just ${fixed}.`
    : `Ref ${quoteCell(raw, false)} should be written ${fixed} (upper case, no spaces or dashes).`;
}

export const refFormat = defineRule({
  code: 'ref-format',
  severity: 'error',
  family: 'refs',
  description:
    'A ref is not in the workbook’s scheme, or not in normal form (trimmed, upper case, no spaces or dashes).',
  fix: 'the normal form, where the ref can be normalised ("pe 3" → PE3)',
  check({ model, refs }, report) {
    const scheme = model.scheme;
    for (const { theme, cell, reading, listed } of refs) {
      // Refs listed in one cell are accepted as written (SPEC §2.4: none is ref-format).
      if (listed) continue;
      if (!fitsScheme(reading, scheme)) {
        const expected =
          scheme === 'prefixed'
            ? `letters then a number, like ${theme.prefix ?? 'PE'}3`
            : scheme === 'numbered'
              ? 'a whole number, like 12 (this workbook numbers its refs across all sheets)'
              : scheme === 'dotted'
                ? 'numbers joined by dots, like 2 or 2.1 (this workbook numbers priorities and their actions)'
                : 'a code of letters, digits, "_", "-" and "." with no spaces, like ESU01_C or SP1.2a';
        report({
          sheet: theme.name,
          cell,
          message: `Ref ${quote(reading.raw)} is not a valid ref; expected ${expected}.`,
        });
      } else if (!isNormalIn(reading, scheme)) {
        const fixed = fixedIn(reading, scheme) as string;
        report({
          sheet: theme.name,
          cell,
          message: refFormatMessage(reading.raw, fixed, scheme === 'codes'),
          fix: fixed,
        });
      }
    }
  },
});

export const refPrefix = defineRule({
  code: 'ref-prefix',
  severity: 'error',
  family: 'refs',
  description: 'Prefixed refs: a ref’s prefix differs from its sheet’s (set in the settings, else the most common).',
  fix: null,
  check({ model, refs }, report) {
    if (model.scheme !== 'prefixed') return;
    for (const { theme, cell, reading } of refs)
      if (fitsScheme(reading, 'prefixed') && theme.prefix !== null && reading.prefix !== theme.prefix)
        report({
          sheet: theme.name,
          cell,
          message: `Ref ${quote(reading.raw)} does not use this sheet's prefix ${theme.prefix}; it may belong on another tab.`,
        });
  },
});

export const refDuplicate = defineRule({
  code: 'ref-duplicate',
  severity: 'error',
  family: 'refs',
  description: 'The same ref starts two groups anywhere in the workbook (reported at each later one).',
  fix: null,
  check(context, report) {
    for (const entry of withRepeats(context))
      if (entry.first !== undefined)
        report({
          sheet: entry.theme.name,
          cell: entry.cell,
          message: `Ref ${normalIn(entry.reading, context.model.scheme)} is used already, at ${entry.first}; ${context.model.scheme === 'dotted' || context.model.scheme === 'codes' ? 'each priority and action' : 'each priority'} needs its own ref.`,
        });
  },
});

export const refSequence = defineRule({
  code: 'ref-sequence',
  severity: 'warning',
  family: 'refs',
  description:
    'Refs skip or go backwards: prefixed within a sheet, numbered across the workbook, dotted at each level.',
  fix: null,
  check(context, report) {
    const scheme = context.model.scheme;
    // A performance system's codes follow its own logic: no sequence to check.
    if (scheme === 'codes') return;
    const sequence = new RefSequence();
    let sheet: string | undefined;
    for (const entry of withRepeats(context)) {
      if (entry.first !== undefined) continue;
      if (scheme === 'prefixed' && entry.theme.name !== sheet) sequence.restart();
      sheet = entry.theme.name;
      const { reading } = entry;
      const label = (parts: number[]): string => (scheme === 'prefixed' ? reading.prefix : '') + parts.join('.');
      const slip = sequence.next(scheme === 'prefixed' ? [reading.number] : reading.parts, label);
      if (!slip) continue;
      const within =
        slip.parent !== null ? `under ${slip.parent}` : scheme === 'prefixed' ? 'on this sheet' : 'across the workbook';
      const skipped =
        slip.lastSkipped === null
          ? ''
          : slip.lastSkipped === slip.expected
            ? slip.expected
            : `${slip.expected} to ${slip.lastSkipped}`;
      report({
        sheet: entry.theme.name,
        cell: entry.cell,
        message:
          skipped !== ''
            ? `Ref ${reading.normal} skips ${skipped}; refs should run without gaps ${within}.`
            : `Ref ${reading.normal} comes after ${slip.previous}; refs should rise in order ${within}.`,
      });
    }
  },
});
