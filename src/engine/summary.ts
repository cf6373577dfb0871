// The overview's numbers (SPEC §6 `summary --json`), and the list of action
// rows left out of a status or term column, for the reconciliation line.
import type { WorkbookModel } from './model';
import { colourOnlyStatus } from './rules/status';
import { RagCode, StatusInfo, TermCode } from './scales';
import { address } from './snapshot';

export type StatusCounts = Partial<Record<RagCode, number>> & { none: number };
export type TermKey = TermCode | 'none';

export interface ThemeSummary {
  sheet: string;
  name: string;
  actions: number;
  rag: StatusCounts;
  terms: Partial<Record<TermKey, StatusCounts>>;
  carriedForward: number;
  /** Carried-forward counts per term. */
  carriedForwardByTerm: Partial<Record<TermKey, number>>;
}

export interface LeftOut {
  sheet: string;
  cell: string;
  reason:
    'RAG missing' | 'RAG invalid' | 'status shown only by colour' | 'term missing' | 'term invalid' | 'no term column';
  column: 'status' | 'term';
  /** What the cell held (an invalid status or term), or the colour that shows a colour-only status. */
  found?: string;
}

export interface Summary {
  /** The scale's codes, in order. */
  scale: RagCode[];
  statuses: StatusInfo[];
  termKeys: TermKey[];
  themes: ThemeSummary[];
  total: Omit<ThemeSummary, 'sheet' | 'name'>;
  leftOut: LeftOut[];
}

function emptyCounts(scale: RagCode[]): StatusCounts {
  const counts = {} as StatusCounts;
  for (const code of scale) counts[code] = 0;
  counts.none = 0;
  return counts;
}

function emptyTheme(scale: RagCode[], termKeys: TermKey[]): Omit<ThemeSummary, 'sheet' | 'name'> {
  const terms: ThemeSummary['terms'] = {};
  const carriedForwardByTerm: ThemeSummary['carriedForwardByTerm'] = {};
  for (const key of termKeys) {
    terms[key] = emptyCounts(scale);
    carriedForwardByTerm[key] = 0;
  }
  return { actions: 0, rag: emptyCounts(scale), terms, carriedForward: 0, carriedForwardByTerm };
}

export function summarise(analysis: WorkbookModel): Summary {
  const scale = analysis.scale.statuses.map((s) => s.code);
  const termKeys: TermKey[] = analysis.hasTermColumn ? ['S', 'M', 'L', 'none'] : ['none'];
  const total = emptyTheme(scale, termKeys);
  const leftOut: LeftOut[] = [];
  const themes = analysis.themes.map((theme) => {
    const counts: ThemeSummary = { sheet: theme.name, name: theme.theme, ...emptyTheme(scale, termKeys) };
    const { columns } = theme.layout;
    for (const action of theme.actions) {
      const status: RagCode | 'none' = action.rag.state === 'valid' ? action.rag.code : 'none';
      if (action.rag.state !== 'valid') {
        const shown = colourOnlyStatus(theme, action, analysis.scale);
        const item: LeftOut = {
          sheet: theme.name,
          cell: address(action.row, action.statusCol),
          reason: shown
            ? 'status shown only by colour'
            : action.rag.state === 'missing'
              ? 'RAG missing'
              : 'RAG invalid',
          column: 'status',
        };
        const found = shown?.colour ?? (action.rag.state === 'invalid' ? action.rag.found : undefined);
        if (found !== undefined) item.found = found;
        leftOut.push(item);
      }
      let termKey: TermKey = 'none';
      let carried = false;
      const termCol = columns.term;
      if (analysis.hasTermColumn) {
        if (action.term === null || termCol === undefined) {
          leftOut.push({
            sheet: theme.name,
            cell: address(action.row, columns.actions),
            reason: 'no term column',
            column: 'term',
          });
        } else if (action.term.state === 'valid') {
          termKey = action.term.code;
          carried = action.term.carriedForward;
        } else {
          leftOut.push({
            sheet: theme.name,
            cell: address(action.row, termCol),
            reason: action.term.state === 'missing' ? 'term missing' : 'term invalid',
            column: 'term',
            ...(action.term.state === 'invalid' ? { found: action.term.found } : {}),
          });
        }
      }
      for (const target of [counts, total]) {
        target.actions++;
        target.rag[status] = (target.rag[status] ?? 0) + 1;
        const byTerm = target.terms[termKey] as StatusCounts;
        byTerm[status] = (byTerm[status] ?? 0) + 1;
        if (carried) {
          target.carriedForward++;
          target.carriedForwardByTerm[termKey] = (target.carriedForwardByTerm[termKey] ?? 0) + 1;
        }
      }
    }
    return counts;
  });
  return { scale, statuses: analysis.scale.statuses, termKeys, themes, total, leftOut };
}

/** The exact shape of `summary --json`. */
export function summaryJson(summary: Summary): object {
  const strip = ({ carriedForwardByTerm: _unused, ...rest }: Omit<ThemeSummary, 'sheet' | 'name'>) => rest;
  return {
    themes: summary.themes.map(({ sheet, name, ...rest }) => ({ sheet, name, ...strip(rest) })),
    total: strip(summary.total),
  };
}

/** The row a left-out cell is on, as a key: a row left out of both status and term columns is one row. */
export function leftOutRow(item: LeftOut): string {
  return `${item.sheet}\u0000${item.cell.replace(/^[A-Z]+/, '')}`;
}

/** Why rows were left out of the overview's status or term columns: [one row …, several rows …]. */
const LEFT_OUT_REASONS: Record<LeftOut['reason'], [string, string]> = {
  'RAG missing': ['has no status', 'have no status'],
  'RAG invalid': ['has a status not on the scale', 'have a status not on the scale'],
  'status shown only by colour': ['shows its status only by colour', 'show their status only by colour'],
  'term missing': ['has no term', 'have no term'],
  'term invalid': ['has a term not on the term scale', 'have a term not on the term scale'],
  'no term column': ['is on a sheet with no term column', 'are on a sheet with no term column'],
};

const joined = (parts: string[]): string =>
  parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;

/**
 * Why a rebuild left rows out of the overview's status or term columns, and what
 * to do, for after the rebuild's own sentence; empty when none was. A row left
 * out for two reasons counts under each.
 */
export function leftOutExplanation(leftOut: LeftOut[]): string {
  const rowsByReason = new Map<LeftOut['reason'], Set<string>>();
  const rows = new Set<string>();
  for (const item of leftOut) {
    const row = leftOutRow(item);
    rows.add(row);
    rowsByReason.set(item.reason, (rowsByReason.get(item.reason) ?? new Set()).add(row));
  }
  if (rows.size === 0) return '';
  const reasons = [...rowsByReason.entries()].sort((a, b) => b[1].size - a[1].size);
  if (rows.size === 1)
    return `The row left out ${joined(reasons.map(([reason]) => LEFT_OUT_REASONS[reason][0]))}; correct it and rebuild.`;
  const counted = reasons.map(([reason, set]) => `${set.size} ${LEFT_OUT_REASONS[reason][set.size === 1 ? 0 : 1]}`);
  return `Of the rows left out, ${joined(counted)}; correct them and rebuild.`;
}
