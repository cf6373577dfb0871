// The issues of a check, grouped by sheet with errors first. Clicking an issue
// asks for its cell to be selected; Fix applies that issue's one certain fix.
import * as React from 'react';
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Issue, Severity } from '../../engine';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: '4px', marginBottom: '12px' },
  heading: { fontWeight: tokens.fontWeightSemibold, margin: '4px 0' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  item: { display: 'flex', alignItems: 'flex-start', gap: '4px' },
  issue: {
    flexGrow: 1,
    justifyContent: 'flex-start',
    textAlign: 'left',
    minWidth: 0,
    height: 'auto',
    padding: '4px 6px',
    fontWeight: tokens.fontWeightRegular,
  },
  body: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
  where: { display: 'flex', gap: '6px', alignItems: 'center' },
  message: { whiteSpace: 'normal', wordBreak: 'break-word' },
});

const LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };
const COLOUR: Record<Severity, 'danger' | 'warning' | 'informative'> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

export interface IssueListProps {
  issues: Issue[];
  /** Sheet order as in the workbook. */
  sheets: string[];
  busy: boolean;
  onSelect: (issue: Issue) => void;
  onFix: (issue: Issue) => void;
}

function tally(issues: Issue[]): string {
  const count = (s: Severity) => issues.filter((i) => i.severity === s).length;
  const parts = (['error', 'warning', 'info'] as Severity[])
    .map((s) => [s, count(s)] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  return parts.join(', ');
}

export function IssueList({ issues, sheets, busy, onSelect, onFix }: IssueListProps): React.JSX.Element {
  const styles = useStyles();
  if (issues.length === 0) return <Text>No problems found.</Text>;
  const order = [...sheets, ...issues.map((i) => i.sheet).filter((s) => !sheets.includes(s))];
  const groups = order
    .map((sheet) => ({ sheet, items: issues.filter((i) => i.sheet === sheet) }))
    .filter((g) => g.items.length > 0);
  return (
    <div aria-label="Issues">
      {groups.map(({ sheet, items }) => (
        <section key={sheet} className={styles.group} aria-label={`${sheet}: ${tally(items)}`}>
          <h3 className={styles.heading}>
            {sheet} <Text size={200}>({tally(items)})</Text>
          </h3>
          <ul className={styles.list}>
            {items.map((issue) => (
              <li key={`${issue.code}-${issue.cell}`} className={styles.item}>
                <Button
                  appearance="subtle"
                  className={styles.issue}
                  onClick={() => onSelect(issue)}
                  aria-label={`${LABEL[issue.severity]} at ${issue.cell}: ${issue.message} Select the cell.`}
                >
                  <span className={styles.body}>
                    <span className={styles.where}>
                      <Badge appearance="filled" color={COLOUR[issue.severity]} size="small">
                        {LABEL[issue.severity]}
                      </Badge>
                      <Text weight="semibold">{issue.cell}</Text>
                    </span>
                    <Text className={styles.message} size={200}>
                      {issue.message}
                    </Text>
                  </span>
                </Button>
                {issue.fix && (
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => onFix(issue)}
                    aria-label={`Fix ${issue.cell}: change it to ${issue.fix.value}`}
                  >
                    Fix
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
