// What Proforma recognised: theme sheets, prefixes, actions and counts by status.
import * as React from 'react';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { type SheetInfo, type Summary } from '../../engine';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '6px' },
  statuses: { display: 'flex', flexWrap: 'wrap', gap: '6px', listStyle: 'none', margin: 0, padding: 0 },
  status: {
    display: 'inline-flex',
    gap: '4px',
    alignItems: 'center',
    padding: '2px 8px',
    borderRadius: tokens.borderRadiusMedium,
    fontWeight: tokens.fontWeightSemibold,
  },
  sheets: { margin: 0, paddingLeft: '18px' },
});

export interface SummaryPanelProps {
  sheets: SheetInfo[];
  summary: Summary;
}

export function SummaryPanel({ sheets, summary }: SummaryPanelProps): React.JSX.Element {
  const styles = useStyles();
  const themes = sheets.filter((s) => s.kind === 'theme');
  const skipped = sheets.filter((s) => s.kind === 'skipped');
  const overview = sheets.find((s) => s.kind === 'overview');
  const rag = summary.total.rag;
  return (
    <div className={styles.root}>
      <Text>
        {themes.length} theme sheet{themes.length === 1 ? '' : 's'}, {summary.total.actions} action
        {summary.total.actions === 1 ? '' : 's'}
        {overview ? `; overview "${overview.name}"` : '; no overview yet'}
      </Text>
      <ul className={styles.statuses} aria-label="Actions by status">
        {summary.statuses.map((status) => (
          <li
            key={status.code}
            className={styles.status}
            style={{ background: status.colour, color: status.textColour }}
          >
            {status.code === status.name ? status.code : `${status.code} ${status.name}`}: {rag[status.code] ?? 0}
          </li>
        ))}
        {rag.none > 0 && <li className={styles.status}>No valid status: {rag.none}</li>}
      </ul>
      <ul className={styles.sheets} aria-label="Theme sheets">
        {themes.map((s) => (
          <li key={s.name}>
            <Text size={200}>
              {s.name}
              {s.theme && s.theme !== s.name ? ` — ${s.theme}` : ''}
              {s.prefix ? ` (${s.prefix})` : ''}: {s.actions} action{s.actions === 1 ? '' : 's'}
            </Text>
          </li>
        ))}
      </ul>
      {skipped.length > 0 && <Text size={200}>Not action plans: {skipped.map((s) => s.name).join(', ')}</Text>}
    </div>
  );
}
