// What Proforma read: theme sheets, actions, the overview, counts by status, and
// each sheet as what it is (a plan, Proforma's overview, the board's own overview,
// a table to map, a sheet that is not a plan).
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { AccordionPanel } from './AccordionPanel';
import { ROLE_NAMES, boardOverviews, type Analysis, type Summary } from '../../engine';

/** Up to this many sheets, the list of sheets starts open; a longer one starts folded. */
const OPEN_SHEETS_UP_TO = 6;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  statuses: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: '14px',
    rowGap: '4px',
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  status: { display: 'inline-flex', alignItems: 'center', gap: '6px' },
  // A swatch of the status colour beside its name: the name carries the meaning, the colour matches the sheet.
  swatch: {
    width: '12px',
    height: '12px',
    borderRadius: tokens.borderRadiusSmall,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    flexShrink: 0,
  },
  none: {
    backgroundImage: `repeating-linear-gradient(45deg, ${tokens.colorNeutralForeground3} 0 1px, transparent 1px 4px)`,
  },
  count: { fontWeight: tokens.fontWeightSemibold },
  sheets: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  sheet: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  // A sheet name is up to 31 characters with no spaces to break at: cut with an ellipsis, whole in its title.
  sheetName: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontWeight: tokens.fontWeightSemibold,
  },
  detail: { color: tokens.colorNeutralForeground2 },
});

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

export interface SummaryPanelProps {
  analysis: Analysis;
  summary: Summary;
}

interface SheetLine {
  name: string;
  detail: string;
}

/** Each sheet of the workbook, in order, with what Proforma made of it. */
function sheetLines(analysis: Analysis, summary: Summary): SheetLine[] {
  const boards = new Set(boardOverviews(analysis));
  const hasOurs = analysis.sheets.some((s) => s.kind === 'overview');
  const tables = new Set(analysis.unrecognised.map((u) => u.name));
  const incomplete = new Map(analysis.incomplete.map((i) => [i.name, i]));
  const counted = new Map(summary.themes.map((t) => [t.sheet, t]));
  return analysis.sheets.map((sheet): SheetLine => {
    if (sheet.kind === 'overview') return { name: sheet.name, detail: "Proforma's overview" };
    if (boards.has(sheet.name))
      return {
        name: sheet.name,
        detail: hasOurs
          ? "The board's own overview (kept)"
          : "The board's own overview (kept; Rebuild makes Proforma's)",
      };
    if (tables.has(sheet.name)) return { name: sheet.name, detail: 'A table not read: map its headings in Settings' };
    if (sheet.kind === 'skipped') return { name: sheet.name, detail: 'Not an action plan' };
    const missing = incomplete.get(sheet.name);
    if (missing)
      return {
        name: sheet.name,
        detail: `Not counted: no ${missing.missing.map((r) => ROLE_NAMES[r]).join(' or ')} column; map one in Settings`,
      };
    const theme = counted.get(sheet.name);
    const parts = [
      sheet.theme && sheet.theme !== sheet.name ? sheet.theme : '',
      sheet.prefix ? `refs ${sheet.prefix}` : '',
      plural(theme?.actions ?? sheet.actions, 'action'),
    ];
    return { name: sheet.name, detail: parts.filter(Boolean).join(' · ') };
  });
}

export function SummaryPanel({ analysis, summary }: SummaryPanelProps): React.JSX.Element {
  const styles = useStyles();
  const ids = React.useId();
  const themes = analysis.sheets.filter((s) => s.kind === 'theme').length;
  const overview = analysis.sheets.find((s) => s.kind === 'overview');
  const rag = summary.total.rag;
  const lines = sheetLines(analysis, summary);
  return (
    <section className={styles.root} aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className={styles.heading}>
        What Proforma read
      </h2>
      <Text>
        {plural(themes, 'theme sheet')} · {plural(summary.total.actions, 'action')} ·{' '}
        {overview ? `overview “${overview.name}”` : 'no overview yet'}
      </Text>
      <ul className={styles.statuses} aria-label="Actions by status">
        {summary.statuses.map((status) => (
          <li key={status.code} className={styles.status} title={`${status.code}: ${status.meaning}`}>
            <span className={styles.swatch} style={{ backgroundColor: status.colour }} aria-hidden />
            <span>
              {status.name} <span className={styles.count}>{rag[status.code] ?? 0}</span>
            </span>
          </li>
        ))}
        {rag.none > 0 && (
          <li className={styles.status} title="Missing, not on the scale, or shown only by colour">
            <span className={mergeClasses(styles.swatch, styles.none)} aria-hidden />
            <span>
              No valid status <span className={styles.count}>{rag.none}</span>
            </span>
          </li>
        )}
      </ul>
      <Accordion collapsible defaultOpenItems={lines.length <= OPEN_SHEETS_UP_TO ? ['sheets'] : []}>
        <AccordionItem value="sheets">
          <AccordionHeader size="small">Sheets ({lines.length})</AccordionHeader>
          <AccordionPanel>
            <ul className={styles.sheets} aria-label="Sheets">
              {lines.map((line) => (
                <li key={line.name} className={styles.sheet}>
                  <Text size={200} className={styles.sheetName} title={line.name}>
                    {line.name}
                  </Text>
                  <Text size={200} className={styles.detail}>
                    {line.detail}
                  </Text>
                </li>
              ))}
            </ul>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}
