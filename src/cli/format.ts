// Output for people: grouped, aligned, coloured on a terminal.
import * as path from 'path';
import { Analysis, Issue, Readiness, Severity, Summary, TermKey, countIssues } from '../engine';

const ANSI = { red: 31, yellow: 33, green: 32, cyan: 36, dim: 2, bold: 1 } as const;
export type Tone = keyof typeof ANSI;

export function paint(text: string, tone: Tone, colour: boolean): string {
  return colour ? `\u001b[${ANSI[tone]}m${text}\u001b[0m` : text;
}

const SEVERITY_TONE: Record<Severity, Tone> = { error: 'red', warning: 'yellow', info: 'cyan' };

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

function issueLine(issue: Issue, colour: boolean): string {
  const severity = paint(issue.severity.padEnd(7), SEVERITY_TONE[issue.severity], colour);
  const fix = issue.fix ? paint(` [fix: ${issue.fix.value}]`, 'green', colour) : '';
  return `  ${severity} ${issue.cell.padEnd(6)} ${paint(issue.code.padEnd(16), 'dim', colour)} ${issue.message}${fix}`;
}

export function formatCheck(file: string, analysis: Analysis, ready: Readiness, colour: boolean): string {
  const lines: string[] = [paint(path.basename(file), 'bold', colour)];
  const themes = analysis.sheets.filter((s) => s.kind === 'theme');
  const actions = themes.reduce((n, s) => n + s.actions, 0);
  const skipped = analysis.sheets.filter((s) => s.kind === 'skipped').map((s) => s.name);
  const overview = analysis.sheets.find((s) => s.kind === 'overview');
  const refs = analysis.scheme === 'prefixed' ? 'prefixed refs' : 'refs numbered across the workbook';
  lines.push(
    `${plural(themes.length, 'theme sheet')}, ${plural(actions, 'action')}, ${refs}` +
      (overview ? `; overview "${overview.name}"` : '; no overview yet') +
      (skipped.length ? `; skipped: ${skipped.join(', ')}` : ''),
  );
  for (const problem of analysis.settingsProblems) lines.push(paint(`settings: ${problem}`, 'yellow', colour));

  const bySheet = new Map<string, Issue[]>();
  for (const issue of analysis.issues) bySheet.set(issue.sheet, [...(bySheet.get(issue.sheet) ?? []), issue]);
  for (const sheet of analysis.sheets) {
    const issues = bySheet.get(sheet.name);
    const label =
      sheet.kind === 'theme'
        ? `${sheet.name}${sheet.theme && sheet.theme !== sheet.name ? ` — ${sheet.theme}` : ''}${sheet.prefix ? ` (${sheet.prefix})` : ''}, ${plural(sheet.actions, 'action')}`
        : `${sheet.name} (${sheet.kind})`;
    if (!issues) {
      if (sheet.kind === 'theme')
        lines.push('', `${paint(label, 'bold', colour)}: ${paint('no problems', 'green', colour)}`);
      continue;
    }
    lines.push('', paint(label, 'bold', colour));
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
  const nameWidth = Math.max(12, ...summary.themes.map((t) => t.name.length + 6));
  const header = `${'Theme'.padEnd(nameWidth)}${codes.map((c) => c.padStart(6)).join('')}   c/f`;
  const row = (label: string, counts: Record<string, number | undefined>, cf: number): string =>
    `${label.padEnd(nameWidth)}${codes.map((c) => String(counts[c] ?? 0).padStart(6)).join('')}${String(cf).padStart(6)}`;
  const lines = [paint(header, 'bold', colour)];
  for (const theme of summary.themes)
    lines.push(row(`${theme.name} (${theme.actions})`, theme.rag, theme.carriedForward));
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
