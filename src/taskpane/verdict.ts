// What the pane's header says after a check, and the one step it offers next:
// "Ready to send" or what stands in the way, and Fix all, Rebuild overview or
// Check again as the primary button.
import { countIssues } from '../engine';
import type { CheckResult } from '../addin/operations';

export type NextStep = 'fix-all' | 'rebuild' | 'check';

export interface Verdict {
  /** "Ready to send", "5 errors, 8 warnings", "Not ready to send". */
  title: string;
  /** One or two sentences under the title. */
  detail: string;
  intent: 'success' | 'warning' | 'error';
  next: NextStep;
  /** Issues whose one certain fix "Fix all" applies. */
  fixable: number;
  /** Whether any theme sheet was read: without one there are no rows to colour and no overview to build. */
  hasPlan: boolean;
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function verdictOf({ analysis, readiness }: CheckResult): Verdict {
  const counts = countIssues(analysis.issues);
  const fixable = analysis.issues.filter((i) => i.fix).length;
  const hasPlan = analysis.themes.length > 0;
  const overviewToRebuild =
    analysis.themes.length > 0 && (!analysis.overviewSheet || analysis.issues.some((i) => i.code === 'overview-stale'));
  const next: NextStep = fixable > 0 ? 'fix-all' : overviewToRebuild ? 'rebuild' : 'check';
  const warnings = counts.warning > 0 ? count(counts.warning, 'warning') : '';
  // The errors are in the title; the other blockers (no theme sheet, the overview) say what else is needed.
  const blockers = readiness.blockers.filter((b) => !/^\d+ errors? to correct\.$/.test(b)).join(' ');

  if (readiness.ready)
    return {
      title: 'Ready to send',
      detail:
        counts.warning > 0
          ? `No errors, and the overview is up to date. ${warnings[0].toUpperCase()}${warnings.slice(1)} you may want to look at.`
          : 'No errors, and the overview is up to date.',
      intent: 'success',
      next,
      fixable,
      hasPlan,
    };
  if (counts.error > 0)
    return {
      title: [count(counts.error, 'error'), warnings].filter(Boolean).join(', '),
      detail: ['Not ready to send: correct the errors.', blockers].filter(Boolean).join(' '),
      intent: 'error',
      next,
      fixable,
      hasPlan,
    };
  return {
    title: 'Not ready to send',
    detail: [blockers, warnings ? `${warnings[0].toUpperCase()}${warnings.slice(1)} to look at.` : '']
      .filter(Boolean)
      .join(' '),
    intent: 'warning',
    next,
    fixable,
    hasPlan,
  };
}
