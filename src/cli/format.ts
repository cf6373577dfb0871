// Output for people: grouped, aligned, coloured on a terminal.
import * as path from 'path';
import {
  Analysis,
  CATALOGUE,
  FAMILIES,
  Family,
  Issue,
  Readiness,
  Severity,
  Summary,
  TermKey,
  countIssues,
} from '../engine';

const ANSI = { red: 31, yellow: 33, green: 32, cyan: 36, dim: 2, bold: 1 } as const;
export type Tone = keyof typeof ANSI;

export function paint(text: string, tone: Tone, colour: boolean): string {
  return colour ? `\u001b[${ANSI[tone]}m${text}\u001b[0m` : text;
}

/**
 * Text from a workbook, made safe for a terminal: control characters (a cell can
 * hold ESC sequences that recolour or rewrite the screen) and bidirectional
 * overrides are shown as \xNN / \uNNNN escapes, never printed raw.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const CODE_WIDTH = Math.max(...CATALOGUE.map((r) => r.code.length));

const SEVERITY_TONE: Record<Severity, Tone> = { error: 'red', warning: 'yellow', info: 'cyan' };

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

function issueLine(issue: Issue, colour: boolean): string {
  const severity = paint(issue.severity.padEnd(7), SEVERITY_TONE[issue.severity], colour);
  const fix = issue.fix ? paint(` [fix: ${printable(issue.fix.value)}]`, 'green', colour) : '';
  return `  ${severity} ${issue.cell.padEnd(6)} ${paint(issue.code.padEnd(CODE_WIDTH), 'dim', colour)} ${printable(issue.message)}${fix}`;
}

export function formatCheck(file: string, analysis: Analysis, ready: Readiness, colour: boolean): string {
  const lines: string[] = [paint(printable(path.basename(file)), 'bold', colour)];
  const themes = analysis.sheets.filter((s) => s.kind === 'theme');
  const actions = themes.reduce((n, s) => n + s.actions, 0);
  const skipped = analysis.sheets.filter((s) => s.kind === 'skipped').map((s) => s.name);
  const overview = analysis.sheets.find((s) => s.kind === 'overview');
  const refs =
    analysis.scheme === 'prefixed'
      ? 'prefixed refs'
      : analysis.scheme === 'dotted'
        ? 'dotted refs (1.1, 1.2)'
        : 'refs numbered across the workbook';
  lines.push(
    `${plural(themes.length, 'theme sheet')}, ${plural(actions, 'action')}, ${refs}` +
      (overview ? `; overview "${printable(overview.name)}"` : '; no overview yet') +
      (skipped.length ? `; skipped: ${printable(skipped.join(', '))}` : ''),
  );

  const bySheet = new Map<string, Issue[]>();
  for (const issue of analysis.issues) bySheet.set(issue.sheet, [...(bySheet.get(issue.sheet) ?? []), issue]);
  for (const sheet of analysis.sheets) {
    const issues = bySheet.get(sheet.name);
    const label = printable(
      sheet.kind === 'theme'
        ? `${sheet.name}${sheet.theme && sheet.theme !== sheet.name ? ` — ${sheet.theme}` : ''}${sheet.prefix ? ` (${sheet.prefix})` : ''}, ${plural(sheet.actions, 'action')}`
        : `${sheet.name} (${sheet.kind})`,
    );
    if (!issues) {
      if (sheet.kind === 'theme')
        lines.push('', `${paint(label, 'bold', colour)}: ${paint('no problems', 'green', colour)}`);
      continue;
    }
    lines.push('', paint(label, 'bold', colour));
    for (const issue of issues) lines.push(issueLine(issue, colour));
  }
  // Issues on sheets that are not plan sheets (the settings sheet).
  const listed = new Set(analysis.sheets.map((s) => s.name));
  for (const [sheet, issues] of bySheet) {
    if (listed.has(sheet)) continue;
    lines.push('', paint(printable(sheet), 'bold', colour));
    for (const issue of issues) lines.push(issueLine(issue, colour));
  }

  const counts = countIssues(analysis.issues);
  const fixable = analysis.issues.filter((i) => i.fix).length;
  lines.push('');
  if (ready.ready) lines.push(paint('Ready to send.', 'green', colour));
  else {
    const tally = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}`;
    const fixHint = fixable > 0 ? ` ${fixable} can be fixed with \`proforma fix\`.` : '';
    lines.push(
      `${paint(tally, counts.error > 0 ? 'red' : 'yellow', colour)}: not ready to send. ${ready.blockers.join(' ')}${fixHint}`,
    );
  }
  return lines.join('\n');
}

const TERM_NAME: Record<TermKey, string> = { S: 'Short', M: 'Medium', L: 'Long', none: 'No term' };

export function formatSummary(summary: Summary, colour: boolean): string {
  const codes = [...summary.scale, 'none' as const];
  const nameWidth = Math.max(12, ...summary.themes.map((t) => printable(t.name).length + 6));
  // A board's own codes ("Off track") are wider than R, A, G: each column is as wide as its code, plus a gap.
  const width = (code: string): number => Math.max(6, printable(code).length + 2);
  const header = `${'Theme'.padEnd(nameWidth)}${codes.map((c) => printable(c).padStart(width(c))).join('')}   c/f`;
  const row = (label: string, counts: Record<string, number | undefined>, cf: number): string =>
    `${label.padEnd(nameWidth)}${codes.map((c) => String(counts[c] ?? 0).padStart(width(c))).join('')}${String(cf).padStart(6)}`;
  const lines = [paint(header, 'bold', colour)];
  for (const theme of summary.themes)
    lines.push(row(`${printable(theme.name)} (${theme.actions})`, theme.rag, theme.carriedForward));
  lines.push(
    paint(row(`Total (${summary.total.actions})`, summary.total.rag, summary.total.carriedForward), 'bold', colour),
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
export function formatRules(colour: boolean): string {
  const lines: string[] = [];
  for (const family of Object.keys(FAMILIES) as Family[]) {
    lines.push('', paint(FAMILIES[family], 'bold', colour));
    for (const rule of CATALOGUE.filter((r) => r.family === family)) {
      const severity = paint(rule.severity.padEnd(7), SEVERITY_TONE[rule.severity], colour);
      lines.push(`  ${rule.code.padEnd(CODE_WIDTH)} ${severity} ${rule.description}`);
      if (rule.fix) lines.push(`  ${' '.repeat(CODE_WIDTH + 8)} ${paint(`fix: ${rule.fix}`, 'green', colour)}`);
    }
  }
  lines.push('', 'Warnings and notes can be switched off for a workbook in its settings: warningsOff = code, code, …');
  return lines.slice(1).join('\n');
}
