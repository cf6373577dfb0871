// Output for people: grouped, aligned, wrapped to the terminal, coloured on one.
import * as path from 'path';
import {
  Analysis,
  CATALOGUE,
  Edit,
  FAMILIES,
  Family,
  Issue,
  ROLE_NAMES,
  Readiness,
  Severity,
  Summary,
  TermKey,
  address,
  boardOverviews,
  colourOnlyStatus,
  countIssues,
  dateToSerial,
  displayText,
  formatDay,
  quoteCell,
  quoteSheetName,
  themeLabels,
  STATUS_CLASSES,
  ScaleProposal,
  proposalRows,
  proposalSentence,
  proposeScale,
  plannedValue,
} from '../engine';
import { NARROWEST_TEXT, padVisible, visibleWidth, wrapLine } from './wrap';

const ANSI = { red: 31, yellow: 33, green: 32, cyan: 36, dim: 2, bold: 1 } as const;
export type Tone = keyof typeof ANSI;

export function paint(text: string, tone: Tone, colour: boolean): string {
  return colour ? `\u001b[${ANSI[tone]}m${text}\u001b[0m` : text;
}

/**
 * Text from a workbook, made safe for a terminal: control characters (a cell can
 * hold ESC sequences that recolour or rewrite the screen), bidirectional
 * overrides and other invisible format characters (a zero-width space, a byte
 * order mark) are shown as \xNN / \uNNNN escapes, never printed raw. A joiner
 * inside an emoji sequence (👩‍💻) is part of the emoji and stays.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]|\p{Cf}/gu, (ch, offset: number) => {
    if (ch === '\u200d' && /\p{Extended_Pictographic}\ufe0f?$/u.test(text.slice(Math.max(0, offset - 3), offset)))
      return ch;
    const code = ch.codePointAt(0)!;
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : code <= 0xffff
        ? `\\u${code.toString(16).padStart(4, '0')}`
        : `\\u{${code.toString(16)}}`;
  });
}

const CODE_WIDTH = Math.max(...CATALOGUE.map((r) => r.code.length));

const SEVERITY_TONE: Record<Severity, Tone> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** How output for people looks: coloured or not, and how many columns it wraps to. */
export interface Style {
  colour: boolean;
  width: number;
  /** The command as the user ran it ("proforma", "npx proforma"), for hints that name a command. */
  command: string;
  /** Whose shell a hint is quoted for: Windows ('win32', double quotes) or a POSIX shell (single quotes). */
  platform: NodeJS.Platform;
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** A cell as Excel names it across sheets: Diversion!G6, 'Offender Management'!F7 (quoted as Excel would). */
export function cellName(sheet: string, cell: string): string {
  const bare = /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet);
  return `${printable(bare ? sheet : quoteSheetName(sheet))}!${cell}`;
}

/**
 * Rows of two columns, indented: the first column padded to its widest entry, the
 * second wrapped to the width with continuation lines under it. Where that would
 * leave the second column too narrow, it follows the first unpadded and wraps
 * under a small indent instead.
 */
export function formatRows(rows: Array<[string, string]>, style: Style, indent = 2): string {
  const lead = ' '.repeat(indent);
  const widest = Math.max(0, ...rows.map(([left]) => visibleWidth(left)));
  const aligned = style.width - (indent + widest + 2) >= NARROWEST_TEXT;
  return rows
    .map(([left, right]) => {
      const first = aligned ? padVisible(left, widest) : left;
      const hang = aligned ? indent + widest + 2 : indent + 2;
      return wrapLine(`${lead}${first}  ${right}`.trimEnd(), style.width, hang);
    })
    .join('\n');
}

function issueLine(issue: Issue, style: Style): string {
  const { colour } = style;
  const severity = paint(issue.severity.padEnd(7), SEVERITY_TONE[issue.severity], colour);
  const fix = issue.fix ? paint(` [fix: ${printable(issue.fix.value)}]`, 'green', colour) : '';
  const lead = `  ${severity} ${issue.cell.padEnd(6)} ${paint(issue.code.padEnd(CODE_WIDTH), 'dim', colour)} `;
  // Continuation lines hang under the message, so severity, cell and code stay a column to scan.
  return wrapLine(`${lead}${printable(issue.message)}${fix}`, style.width, visibleWidth(lead));
}

export function formatCheck(file: string, analysis: Analysis, ready: Readiness, style: Style, asOf?: Date): string {
  const { colour, width } = style;
  const lines: string[] = [paint(printable(file), 'bold', colour)];
  const themes = analysis.sheets.filter((s) => s.kind === 'theme');
  const actions = themes.reduce((n, s) => n + s.actions, 0);
  const skipped = analysis.sheets.filter((s) => s.kind === 'skipped').map((s) => s.name);
  const overview = analysis.sheets.find((s) => s.kind === 'overview');
  const refs = analysis.themes.every((t) => t.layout.columns.ref === undefined)
    ? 'no ref column'
    : analysis.scheme === 'prefixed'
      ? 'prefixed refs'
      : analysis.scheme === 'dotted'
        ? 'dotted refs (1.1, 1.2)'
        : analysis.scheme === 'codes'
          ? 'refs as performance codes'
          : 'refs numbered across the workbook';
  // Names quoted: "skipped: Partners' contacts, 2026, Blank" would not say where one name ends.
  const names = (list: string[]): string => list.map((name) => `"${printable(name)}"`).join(', ');
  const found =
    themes.length === 0
      ? 'No action plan read'
      : `${plural(themes.length, 'theme sheet')}, ${plural(actions, 'action')}, ${refs}` +
        (overview ? `; overview "${printable(overview.name)}"` : '; no overview yet');
  lines.push(
    wrapLine(
      found +
        (skipped.length ? `; skipped: ${names(skipped)}` : '') +
        // The day overdue dates were judged against, when it is not today: as people write dates.
        (asOf ? `; dates judged as of ${formatDay(dateToSerial(asOf))}` : ''),
      width,
    ),
  );

  const bySheet = new Map<string, Issue[]>();
  for (const issue of analysis.issues) bySheet.set(issue.sheet, [...(bySheet.get(issue.sheet) ?? []), issue]);
  // scale-mismatch's proposal: its words under the warning, the rows it would write, and the command that writes them.
  const proposed = analysis.issues.some((i) => i.code === 'scale-mismatch') ? proposeScale(analysis) : null;
  const issueLines = (issue: Issue): string =>
    issue.code === 'scale-mismatch' && proposed && 'proposal' in proposed
      ? [
          issueLine({ ...issue, message: proposalSentence(proposed.proposal, analysis.scale.name, false) }, style),
          formatProposal(proposed.proposal, file, style, 4),
        ].join('\n')
      : issueLine(issue, style);
  for (const sheet of analysis.sheets) {
    const issues = bySheet.get(sheet.name);
    const label = printable(
      sheet.kind === 'theme'
        ? `${sheet.name}${sheet.theme && sheet.theme !== sheet.name ? ` — ${sheet.theme}` : ''}${sheet.prefix ? ` (${sheet.prefix})` : ''}, ${plural(sheet.actions, 'action')}`
        : sheet.kind === 'overview'
          ? `${sheet.name}, Proforma's overview`
          : `${sheet.name}, not checked`,
    );
    if (!issues) {
      if (sheet.kind === 'theme')
        lines.push('', wrapLine(`${paint(label, 'bold', colour)}: ${paint('no problems', 'green', colour)}`, width));
      continue;
    }
    lines.push('', wrapLine(paint(label, 'bold', colour), width));
    for (const issue of issues) lines.push(issueLines(issue));
  }
  // Issues on sheets that are not plan sheets (the settings sheet).
  const listed = new Set(analysis.sheets.map((s) => s.name));
  for (const [sheet, issues] of bySheet) {
    if (listed.has(sheet)) continue;
    lines.push('', wrapLine(paint(printable(sheet), 'bold', colour), width));
    for (const issue of issues) lines.push(issueLine(issue, style));
  }

  const counts = countIssues(analysis.issues);
  const fixable = analysis.issues.filter((i) => i.fix).length;
  lines.push('');
  if (ready.ready) lines.push(paint('Ready to send.', 'green', colour));
  else {
    const tally = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}`;
    const fixHint = fixable > 0 ? ` ${fixable} can be fixed with \`${style.command} fix\`.` : '';
    lines.push(
      wrapLine(
        `${paint(tally, counts.error > 0 ? 'red' : 'yellow', colour)}: not ready to send. ${ready.blockers.join(' ')}${fixHint}`,
        width,
      ),
    );
  }
  return lines.join('\n');
}

/**
 * One file of a batch `check`: its counts and readiness, or why it could not be read
 * (`unreadable`: the file itself) or checked (a failure of Proforma's, to report).
 */
export type CheckedFile =
  { file: string; analysis: Analysis; ready: Readiness } | { file: string; problem: string; unreadable: boolean };

/**
 * Why a workbook is not ready, in a few words for the batch summary (its report
 * above says it in full); the readiness sentences when none of these applies.
 */
function notReadyBecause(analysis: Analysis, ready: Readiness): string {
  const reasons: string[] = [];
  if (analysis.themes.length === 0) reasons.push('no action plan read');
  if (countIssues(analysis.issues).error > 0) reasons.push('errors to correct');
  if (analysis.themes.length === 0) return reasons.join(', ');
  if (!analysis.overviewSheet) reasons.push('no overview');
  else if (analysis.issues.some((i) => i.code === 'overview-stale')) reasons.push('overview out of date');
  return reasons.length > 0 ? reasons.join(', ') : ready.blockers.join(' ');
}

/**
 * After several reports, one line per file: errors, warnings and the verdict. Files
 * from one folder are named without it (the heading says which), to leave the
 * verdict room.
 */
export function formatBatchSummary(files: CheckedFile[], style: Style): string {
  const { colour } = style;
  const folders = new Set(files.map((f) => path.dirname(f.file)));
  const folder = folders.size === 1 ? [...folders][0] : '.';
  const names = files.map((f) => printable(folder === '.' ? f.file : path.basename(f.file)));
  const nameWidth = Math.max(4, ...names.map(visibleWidth));
  const counts = (errors: string, warnings: string): string => `${errors.padStart(6)}  ${warnings.padStart(8)}`;
  const rows: Array<[string, string]> = [
    [
      paint(`${'file'.padEnd(nameWidth)}  ${counts('errors', 'warnings')}`, 'dim', colour),
      paint('verdict', 'dim', colour),
    ],
  ];
  files.forEach((checked, index) => {
    const name = names[index].padEnd(nameWidth);
    if ('problem' in checked) {
      rows.push([
        `${name}  ${counts('–', '–')}`,
        paint(
          `${checked.unreadable ? 'could not read' : 'could not check'}: ${printable(checked.problem)}`,
          'red',
          colour,
        ),
      ]);
      return;
    }
    const tally = countIssues(checked.analysis.issues);
    const verdict = checked.ready.ready
      ? paint('Ready to send', 'green', colour)
      : paint(
          `Not ready: ${notReadyBecause(checked.analysis, checked.ready)}`,
          tally.error > 0 ? 'red' : 'yellow',
          colour,
        );
    rows.push([`${name}  ${counts(String(tally.error), String(tally.warning))}`, verdict]);
  });
  // Too narrow for the verdict beside the numbers: each verdict goes on its own line under its file's.
  const widestLeft = Math.max(...rows.map(([left]) => visibleWidth(left)));
  const table =
    style.width - (2 + widestLeft + 2) >= NARROWEST_TEXT
      ? formatRows(rows, style)
      : rows
          .map(([left, right], index) =>
            index === 0 ? `  ${left}` : `  ${left}\n${wrapLine(`    ${right}`, style.width, 4)}`,
          )
          .join('\n');
  const ready = files.filter((f) => 'ready' in f && f.ready.ready).length;
  const unread = files.filter((f) => 'problem' in f && f.unreadable).length;
  const unchecked = files.filter((f) => 'problem' in f && !f.unreadable).length;
  const heading =
    `${plural(files.length, 'workbook')} checked${folder === '.' ? '' : ` in ${printable(folder)}`}: ` +
    `${ready === 0 ? 'none' : ready} ready to send` +
    (unread > 0 ? `, ${unread} could not be read` : '') +
    (unchecked > 0 ? `, ${unchecked} could not be checked` : '');
  return [paint(wrapLine(heading, style.width), 'bold', colour), table].join('\n');
}

/** `fix`: each cell changed, sheet and cell, the value found and the value written; in sheet order, row by row. */
export function formatFixes(edits: Edit[], style: Style): string {
  const changes = edits.flatMap((edit) => (edit.kind === 'set-value' ? [edit] : []));
  const sheets = [...new Set(changes.map((c) => c.sheet))];
  changes.sort((a, b) => sheets.indexOf(a.sheet) - sheets.indexOf(b.sheet) || a.row - b.row || a.col - b.col);
  const rows = changes.map((change): [string, string] => {
    const before = displayText(change.expect);
    return [
      cellName(change.sheet, address(change.row, change.col)),
      `${before === '' ? '(empty)' : printable(quoteCell(before, false))} → ${printable(displayText(plannedValue(change)))}`,
    ];
  });
  return formatRows(rows, style);
}

/** What `colour` leaves without a status colour, and why: rows without a valid status, and sheets not read. */
export function formatUncoloured(analysis: Analysis, style: Style): string {
  const lines: string[] = [];
  const rows: Array<[string, string]> = [];
  // Fixes by sheet and cell, looked up once: a search of every issue for every row is quadratic.
  const fixes = new Map<string, NonNullable<Analysis['issues'][number]['fix']>>();
  for (const issue of analysis.issues)
    if (issue.fix && !fixes.has(`${issue.sheet}\u0000${issue.cell}`))
      fixes.set(`${issue.sheet}\u0000${issue.cell}`, issue.fix);
  for (const theme of analysis.themes) {
    for (const action of theme.actions) {
      if (action.rag.state === 'valid') continue;
      const cell = address(action.row, action.statusCol);
      const fix = fixes.get(`${theme.name}\u0000${cell}`);
      const why =
        action.rag.state === 'invalid'
          ? `${printable(quoteCell(action.rag.found))} is not on the scale`
          : colourOnlyStatus(theme, action, analysis.scale)
            ? `status shown only by the cell's colour${fix ? `; \`${style.command} fix\` writes ${printable(fix.value)}` : ''}`
            : 'no status';
      rows.push([cellName(theme.name, cell), why]);
    }
  }
  if (rows.length > 0) lines.push('Rows left uncoloured:', formatRows(rows, style));

  const sheets: Array<[string, string]> = [];
  for (const sheet of analysis.incomplete)
    sheets.push([
      printable(sheet.name),
      `no ${sheet.missing.map((role) => ROLE_NAMES[role]).join(', ')} column, so its rows could not be read`,
    ]);
  const unrecognised = new Set(analysis.unrecognised.map((u) => u.name));
  const ownOverviews = new Set(boardOverviews(analysis));
  for (const sheet of analysis.sheets) {
    if (sheet.kind !== 'skipped') continue;
    sheets.push([
      printable(sheet.name),
      unrecognised.has(sheet.name)
        ? 'looks like a table of actions but its headings were not recognised; map them in the settings'
        : ownOverviews.has(sheet.name)
          ? "the board's own overview (kept as it is)"
          : 'not an action plan',
    ]);
  }
  if (sheets.length > 0) lines.push('Sheets not coloured:', formatRows(sheets, style));
  return lines.join('\n');
}

const TERM_NAME: Record<TermKey, string> = { S: 'Short', M: 'Medium', L: 'Long', none: 'No term' };

export function formatSummary(summary: Summary, style: Style): string {
  const { colour } = style;
  const codes = [...summary.scale, 'none' as const];
  // A board's own codes ("Off track") are wider than R, A, G: each column is as wide as its code, plus a gap.
  const width = (code: string): number => Math.max(6, printable(code).length + 2);
  const numbers = codes.reduce((sum, code) => sum + width(code), 0) + 6;
  // The theme column takes what the numbers leave of the terminal; a longer name is cut with "…", its count kept.
  const nameWidth = Math.max(
    12,
    Math.min(style.width - numbers, Math.max(...themeLabels(summary.themes).map((t) => printable(t).length + 8))),
  );
  // A cut label keeps its end where the end tells it apart: a theme named twice keeps the sheet
  // name added to it ("2. A Safe City… – Safer City June 2025"), as the overview shows it.
  const label = (name: string, actions: number, tail = ''): string => {
    const count = ` (${actions})`;
    const text = Array.from(printable(name));
    const end = Array.from(printable(tail));
    const room = nameWidth - 1 - count.length;
    if (text.length <= room) return text.join('') + count;
    // The whole tail where at least 8 characters of the name stay beside it, else half the room.
    const kept = Math.min(end.length, Math.max(Math.floor((room - 1) / 2), room - 9));
    const head = Math.max(1, room - 1 - kept);
    return `${text.slice(0, head).join('').trimEnd()}…${text.slice(text.length - kept).join('')}${count}`;
  };
  const header = `${'Theme'.padEnd(nameWidth)}${codes.map((c) => printable(c).padStart(width(c))).join('')}   c/f`;
  const row = (label: string, counts: Record<string, number | undefined>, cf: number): string =>
    `${label.padEnd(nameWidth)}${codes.map((c) => String(counts[c] ?? 0).padStart(width(c))).join('')}${String(cf).padStart(6)}`;
  const lines = [paint(header, 'bold', colour)];
  // Two themes of one name are told apart by their sheets, as on the overview.
  const names = themeLabels(summary.themes);
  summary.themes.forEach((theme, index) =>
    lines.push(
      row(label(names[index], theme.actions, names[index].slice(theme.name.length)), theme.rag, theme.carriedForward),
    ),
  );
  lines.push(
    paint(row(label('Total', summary.total.actions), summary.total.rag, summary.total.carriedForward), 'bold', colour),
  );
  if (summary.termKeys.length > 1) {
    lines.push('', paint('By term', 'bold', colour));
    for (const key of summary.termKeys) {
      const counts = summary.total.terms[key];
      if (counts) lines.push(row(TERM_NAME[key], counts, summary.total.carriedForwardByTerm[key] ?? 0));
    }
  }
  return lines.join('\n');
}

/** `proforma rules`: the catalogue, by family. */
export function formatRules(style: Style): string {
  const { colour, width } = style;
  const lines: string[] = [];
  for (const family of Object.keys(FAMILIES) as Family[]) {
    lines.push('', paint(FAMILIES[family], 'bold', colour));
    for (const rule of CATALOGUE.filter((r) => r.family === family)) {
      const severity = paint(rule.severity.padEnd(7), SEVERITY_TONE[rule.severity], colour);
      const lead = `  ${rule.code.padEnd(CODE_WIDTH)} ${severity} `;
      const hang = visibleWidth(lead);
      lines.push(wrapLine(`${lead}${rule.description}`, width, hang));
      if (rule.fix)
        lines.push(wrapLine(`${' '.repeat(hang)}${paint(`fix: ${rule.fix}`, 'green', colour)}`, width, hang));
    }
  }
  lines.push(
    '',
    wrapLine(
      'Warnings and notes can be switched off for a workbook in its settings: warningsOff = code, code, …',
      width,
    ),
  );
  return lines.slice(1).join('\n');
}

/**
 * A file name as the user's shell takes it, so a hint can be pasted: bare when it is plain;
 * else in single quotes for a POSIX shell, and in double quotes on Windows, which cmd.exe and
 * PowerShell both take (cmd.exe takes no single quotes). Windows file names cannot hold a double
 * quote; one in other text (a status word) is doubled, as a program's own argument parsing reads it.
 */
export function shellWord(text: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') return /^[\w.\\/:@+=,-]+$/.test(text) ? text : `"${text.replace(/"/g, '""')}"`;
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The command that chooses a proposal: `proforma settings plan.xlsx --scale-from-values --in-place`, classes asked for. */
export function proposalCommand(proposal: ScaleProposal, file: string, style: Style): string {
  const classes = proposal.words
    .filter((w) => w.class === null)
    .map((w) => ` --set ${shellWord(`status:${w.code}=<class>`, style.platform)}`)
    .join('');
  return `${style.command} settings ${shellWord(file, style.platform)} --scale-from-values${classes} --in-place`;
}

/**
 * scale-mismatch's proposal as check prints it under the warning: the rows it would write
 * (a key and a value a line), then the command that writes them.
 */
export function formatProposal(proposal: ScaleProposal, file: string, style: Style, indent: number): string {
  const rows = proposalRows(proposal).map(([key, value]): [string, string] => [printable(key), printable(value)]);
  const unclassified = proposal.words.filter((w) => w.class === null);
  for (const word of unclassified)
    rows.push([printable(`status:${word.code}`), `<class>; ${printable(word.code)}; …  (say which class)`]);
  const lines = [formatRows(rows, style, indent)];
  const classes = unclassified.length > 0 ? `, each <class> one of ${STATUS_CLASSES.join(', ')}` : '';
  lines.push(
    wrapLine(
      `${' '.repeat(indent)}To choose it: ${paint(`\`${proposalCommand(proposal, file, style)}\``, 'green', style.colour)}${classes}.`,
      style.width,
      indent + 2,
    ),
  );
  return lines.join('\n');
}
