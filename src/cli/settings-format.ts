// `proforma settings`, for people: the board's settings as its settings sheet
// holds them, what Proforma detects in the workbook, and what a change wrote; and
// the hint that turns a scale proposal into one command.
import {
  Analysis,
  filledStatusCells,
  NoProposal,
  STATUS_CLASSES,
  SettingsChange,
  SETTINGS_SHEET,
  WorkbookSnapshot,
  headingsOf,
  proposalSentence,
  proposeScale,
  QUOTE_LIMIT,
  quoteCell,
  settingsRows,
} from '../engine';
import { Style, formatProposal, formatRows, paint, printable, shellWord } from './format';
import { wrapLine } from './wrap';

/** A value as typed when it is short; a long one quoted and cut (SPEC §6). */
function shortText(text: string): string {
  return Array.from(text).length <= QUOTE_LIMIT ? text : quoteCell(text, false);
}

/** Why --scale-from-values has nothing to choose, as the one line on stderr. */
export function noProposalMessage(why: NoProposal): string {
  switch (why.reason) {
    case 'no-plan':
      return 'no action plan was read, so there are no status values to make a scale of; nothing was written';
    case 'on-scale':
      return `most status values (${why.filled - why.invalid} of ${why.filled}) are on the board's scale already, so there is no scale to propose; nothing was written`;
    case 'built-in':
      return `the status values fit the built-in ${why.scale} scale; choose it with --set scale=${why.scale}; nothing was written`;
    case 'not-words':
      return `the status values are not a few words a scale can be made of (${quoteCell(why.example)}: at most ${40} characters, without "," or ";"); nothing was written`;
    case 'too-many':
      return `the status values are not a few words used consistently: ${why.distinct} different ones, and a scale is made of at most 8; nothing was written`;
  }
}

/** Words the board must classify before --scale-from-values can write the scale, as the one line on stderr. */
export function unclassifiedMessage(words: string[], style: Pick<Style, 'platform'>): string {
  const list = words.map((w) => `"${printable(w)}"`).join(' and ');
  const sets = words.map((w) => `--set ${shellWord(`status:${w}=<class>`, style.platform)}`).join(' ');
  return `Proforma cannot tell what ${list} mean${words.length === 1 ? 's' : ''}; say which class ${words.length === 1 ? 'it is' : 'each is'} with ${sets} (${STATUS_CLASSES.join(', ')}); nothing was written`;
}

/** What a change wrote: each row set (with what it was) or removed. */
export function formatChanges(changes: SettingsChange[], style: Style): string {
  const rows = changes.map((change): [string, string] =>
    change.kind === 'unset'
      ? [printable(change.key), `removed (was ${printable(quoteCell(change.was, false))})`]
      : [
          printable(change.key),
          change.was === undefined || change.was === change.value
            ? printable(shortText(change.value))
            : `${printable(shortText(change.value))} (was ${printable(quoteCell(change.was, false))})`,
        ],
  );
  return formatRows(rows, style);
}

/** Where a theme's name comes from, in words. */
function themeSource(analysis: Analysis, sheet: string, theme: string): string {
  if (Object.keys(analysis.settings.themes).some((s) => s.toLowerCase() === sheet.toLowerCase()))
    return 'set in the settings';
  return theme === sheet ? "the sheet's name" : 'from the title rows';
}

/**
 * `proforma settings` without changes: the rows of the settings sheet (with any that cannot be
 * used), then what Proforma detects: ref scheme, prefixes, scale, and per sheet its theme and
 * columns (what each heading was read as, and the board's mappings).
 */
export function formatSettings(file: string, snapshot: WorkbookSnapshot, analysis: Analysis, style: Style): string {
  const { colour, width } = style;
  const lines: string[] = [paint(printable(file), 'bold', colour)];
  const sheet = snapshot.sheets.find((s) => s.name === SETTINGS_SHEET);
  const rows = settingsRows(snapshot);
  const where = sheet
    ? `${SETTINGS_SHEET}, ${sheet.visibility === 'veryHidden' ? 'very hidden' : sheet.visibility === 'hidden' ? 'hidden' : 'a visible sheet'}`
    : null;
  lines.push('', paint('Settings', 'bold', colour));
  if (rows.every((r) => (r[0] ?? '').trim() === ''))
    lines.push(wrapLine(`  None${where ? ` (${where}, empty)` : ''}: the defaults apply.`, width, 2));
  else {
    lines.push(wrapLine(`  In ${where}:`, width, 2));
    lines.push(
      formatRows(
        rows
          .filter((r) => (r[0] ?? '').trim() !== '')
          .map((r): [string, string] => [printable(r[0]), printable(shortText(r[1] ?? ''))]),
        style,
        4,
      ),
    );
  }
  const problems = analysis.issues.filter((i) => i.code === 'settings-invalid');
  for (const problem of problems)
    lines.push(
      wrapLine(
        `  ${paint('error', 'red', colour)} ${problem.cell} ${printable(problem.message)} (not acted on)`,
        width,
        4,
      ),
    );

  lines.push('', paint('Detected', 'bold', colour));
  const detected: Array<[string, string]> = [];
  const { scheme } = analysis.detected;
  const setScheme = analysis.settings.refScheme;
  detected.push([
    'ref scheme',
    analysis.themes.length === 0
      ? 'none (no plan read)'
      : analysis.themes.every((t) => t.layout.columns.ref === undefined)
        ? 'none (no sheet has a ref column)'
        : `${scheme}${setScheme === 'auto' ? ' (refScheme: auto)' : setScheme === scheme ? '' : ` (the settings choose ${setScheme})`}`,
  ]);
  // Every filled status cell, every period's (as check and the scale proposal count them).
  const filled = filledStatusCells(analysis);
  const valid = filled.filter((cell) => cell.valid).length;
  const codes = analysis.scale.statuses.map((s) => (s.name === s.code ? s.code : `${s.code} ${s.name}`));
  detected.push([
    'scale',
    `${analysis.scale.name}: ${printable(codes.join(', '))}` +
      (filled.length > 0 ? `; ${valid} of ${filled.length} status values are on it` : ''),
  ]);
  lines.push(formatRows(detected, style));
  const proposed = proposeScale(analysis);
  if ('proposal' in proposed) {
    lines.push(
      wrapLine(`  ${printable(proposalSentence(proposed.proposal, analysis.scale.name, false))}`, width, 2),
      formatProposal(proposed.proposal, file, style, 4),
    );
  } else if (proposed.reason === 'built-in')
    lines.push(
      wrapLine(
        `  Most status values fit the built-in ${proposed.scale} scale: \`${style.command} settings ${shellWord(file, style.platform)} --set scale=${proposed.scale} --in-place\` chooses it.`,
        width,
        2,
      ),
    );

  const headings = headingsOf(analysis, analysis.settings.columns);
  for (const info of analysis.sheets) {
    if (info.kind === 'overview') continue;
    const heads = headings.sheets.find((h) => h.sheet === info.name);
    if (info.kind === 'skipped' && !heads) continue;
    lines.push('', paint(printable(info.name), 'bold', colour));
    const facts: Array<[string, string]> = [];
    const theme = analysis.themes.find((t) => t.name === info.name);
    if (theme) {
      facts.push(['theme', `${printable(theme.theme)} (${themeSource(analysis, info.name, theme.theme)})`]);
      const found = analysis.detected.prefixes[info.name];
      const set = analysis.settings.prefixes[info.name];
      if (analysis.scheme === 'prefixed')
        facts.push([
          'prefix',
          set
            ? `${set} (set in the settings${found && found !== set ? `; the refs mostly use ${found}` : ''})`
            : `${found ?? 'none found'} (detected)`,
        ]);
      facts.push(['actions', String(theme.actions.length)]);
    } else if (heads?.kind === 'incomplete') facts.push(['read', `no, it has no ${heads.missing.join(', ')} column`]);
    else if (heads?.kind === 'unrecognised') facts.push(['read', 'no: its headings were not recognised; map them']);
    if (heads) {
      const columns = heads.headings.map((h) => {
        const role = h.role ?? h.mapped;
        const mapped = h.mapped !== null ? ` (column:${h.text} = ${h.mapped})` : '';
        // A heading on one line ("R A G" for R, A, G on three lines of its cell).
        const text = h.text.replace(/\s+/g, ' ');
        return `${h.cell} ${printable(quoteCell(text))} ${role ?? 'not used'}${mapped}`;
      });
      facts.push(['columns', columns.join('; ')]);
    }
    lines.push(formatRows(facts, style));
  }
  const others = analysis.sheets.filter(
    (info) => info.kind !== 'theme' && !headings.sheets.some((h) => h.sheet === info.name),
  );
  if (others.length > 0)
    lines.push(
      '',
      wrapLine(
        `Not plans: ${others.map((o) => `"${printable(o.name)}"${o.kind === 'overview' ? " (Proforma's overview)" : ''}`).join(', ')}.`,
        width,
      ),
    );
  if (headings.unmatched.length > 0)
    lines.push(
      '',
      wrapLine(
        `Mappings for headings on no sheet: ${headings.unmatched.map((u) => `column:${printable(u.text)} = ${u.role}`).join('; ')}.`,
        width,
      ),
    );
  return lines.join('\n');
}
