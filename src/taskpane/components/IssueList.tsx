// The issues of a check: filtered by severity, folded by sheet (errors first in
// each), each naming its cell, the action it is about and what is wrong. Clicking
// an issue asks for its cell to be selected; Fix applies that issue's one fix.
// Hundreds of issues stay cheap: a folded sheet renders nothing, and an open one
// renders its first PAGE_SIZE issues until asked for more.
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  Badge,
  Button,
  Text,
  Toolbar,
  ToolbarToggleButton,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkCircle20Filled, ErrorCircle16Filled, Info16Filled, Warning16Filled } from '@fluentui/react-icons';
import type { Issue, Severity } from '../../engine';
import { AccordionPanel } from './AccordionPanel';

/** Issues an open sheet shows before "Show more": enough to work through, few enough to render at once. */
export const PAGE_SIZE = 50;
/** Up to this many issues, every sheet with issues starts open; past it, only the first. */
const OPEN_ALL_UP_TO = 40;

export const ISSUES_HEADING_ID = 'proforma-issues-heading';

/** A CSS variable: the height of the issues' sticky bar, where each sheet's sticky heading sits. */
const BAR_HEIGHT = '--proforma-issues-bar-height';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const SEVERITY_NAME: Record<Severity, [string, string]> = {
  error: ['Error', 'Errors'],
  warning: ['Warning', 'Warnings'],
  info: ['Note', 'Notes'],
};
const BADGE_COLOUR: Record<Severity, 'danger' | 'warning' | 'informative'> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

/** One issue among all of a check's: its cell and code on its sheet. */
export const issueKey = (issue: Issue): string => `${issue.sheet}\u0000${issue.cell}\u0000${issue.code}`;
/** The id of an issue's button, so focus can be put back on it after a change. */
export const issueElementId = (key: string): string => `proforma-issue-${encodeURIComponent(key)}`;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  // The heading and filters stay in view while the issues scroll under them.
  bar: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: '8px',
    padding: '6px 0 4px',
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  filters: { padding: 0, flexWrap: 'wrap' },
  filter: { minWidth: 0, gap: '4px' },
  clean: { display: 'flex', gap: '6px', alignItems: 'center', padding: '8px 0' },
  cleanIcon: { color: tokens.colorStatusSuccessForeground1, flexShrink: 0 },
  // A sheet's heading stays in view under the issues' heading while its issues scroll, until the next sheet's.
  sheetHeading: {
    position: 'sticky',
    top: `var(${BAR_HEIGHT}, 0px)`,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground2,
    // A name cut with "…" shows whole while the keyboard is on it (the mouse has its title).
    '& button:focus-visible [data-cut]': { whiteSpace: 'normal', overflowWrap: 'anywhere' },
  },
  sheetHeader: { display: 'flex', alignItems: 'center', gap: '4px', minWidth: 0, flexGrow: 1 },
  sheetName: {
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontWeight: tokens.fontWeightSemibold,
    marginRight: '4px',
  },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: { display: 'flex', alignItems: 'flex-start', gap: '4px', minWidth: 0 },
  issue: {
    flexGrow: 1,
    minWidth: 0,
    maxWidth: 'none',
    height: 'auto',
    justifyContent: 'flex-start',
    textAlign: 'left',
    padding: '4px 6px',
    fontWeight: tokens.fontWeightRegular,
    // The action's text, cut with "…", shows whole while the keyboard is on the issue.
    ':focus-visible [data-cut]': { whiteSpace: 'normal', overflowWrap: 'anywhere' },
  },
  // Selected: the cell Excel now shows. A bar on the left as well as the tint, so it reads without colour.
  selected: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
  },
  lines: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, width: '100%' },
  where: { display: 'flex', alignItems: 'center', gap: '6px', minWidth: 0 },
  icon: { flexShrink: 0 },
  error: { color: tokens.colorStatusDangerForeground1 },
  warning: { color: tokens.colorStatusWarningForeground1 },
  info: { color: tokens.colorBrandForeground1 },
  cell: { fontWeight: tokens.fontWeightSemibold, flexShrink: 0 },
  action: {
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    color: tokens.colorNeutralForeground2,
  },
  message: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
  fix: { flexShrink: 0, minWidth: 0, maxWidth: '40%', marginTop: '4px' },
  fixValue: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  more: { alignSelf: 'flex-start', marginTop: '4px' },
});

const SEVERITY_ICON: Record<Severity, typeof ErrorCircle16Filled> = {
  error: ErrorCircle16Filled,
  warning: Warning16Filled,
  info: Info16Filled,
};

function tally(counts: Record<Severity, number>): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${SEVERITY_NAME[s][counts[s] === 1 ? 0 : 1].toLowerCase()}`)
    .join(', ');
}

function countBy(issues: Issue[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const issue of issues) counts[issue.severity]++;
  return counts;
}

interface IssueRowProps {
  issue: Issue;
  issueKey: string;
  /** "PE3 · Develop a diversion scheme…", or null where the cell is on no action row. */
  action: string | null;
  selected: boolean;
  busy: boolean;
  /** The issue shown after this one, where focus goes once this one is fixed. */
  nextKey: string | null;
  onSelect: (issue: Issue) => void;
  onFix: (issue: Issue, nextKey: string | null) => void;
}

const IssueRow = React.memo(function IssueRow({
  issue,
  issueKey: key,
  action,
  selected,
  busy,
  nextKey,
  onSelect,
  onFix,
}: IssueRowProps): React.JSX.Element {
  const styles = useStyles();
  const Icon = SEVERITY_ICON[issue.severity];
  const name = SEVERITY_NAME[issue.severity][0];
  return (
    <li className={styles.item}>
      <Button
        id={issueElementId(key)}
        appearance="subtle"
        className={mergeClasses(styles.issue, selected && styles.selected)}
        aria-current={selected ? 'true' : undefined}
        aria-label={`${name} at ${issue.cell}${action ? `, ${action}` : ''}: ${issue.message}`}
        onClick={() => onSelect(issue)}
      >
        <span className={styles.lines}>
          <span className={styles.where}>
            <Icon className={mergeClasses(styles.icon, styles[issue.severity])} aria-hidden />
            <span className={styles.cell}>{issue.cell}</span>
            {action && (
              <span className={styles.action} title={action} data-cut>
                {action}
              </span>
            )}
          </span>
          <Text size={200} className={styles.message}>
            {issue.message}
          </Text>
        </span>
      </Button>
      {issue.fix && (
        <Button
          size="small"
          className={styles.fix}
          disabledFocusable={busy}
          aria-label={`Fix ${issue.cell}: set to ${issue.fix.value}`}
          title={`Set ${issue.cell} to ${issue.fix.value}`}
          onClick={() => onFix(issue, nextKey)}
        >
          <span className={styles.fixValue}>Fix → {issue.fix.value}</span>
        </Button>
      )}
    </li>
  );
});

/** How the user has set the list: the severities shown, the sheets open, how many issues each shows. */
export interface IssueListView {
  shown: Severity[];
  /** The sheets open; null until the user opens or folds one (the list's own choice until then). */
  open: string[] | null;
  /** Issues shown per sheet, where the user asked for more than a page. */
  limits: Record<string, number>;
}

export const INITIAL_ISSUE_VIEW: IssueListView = { shown: SEVERITIES, open: null, limits: {} };

export interface IssueListProps {
  issues: Issue[];
  /** Sheet order as in the workbook. */
  sheets: string[];
  /** The action an issue is about, as the pane names it ("PE3 · Develop…"), or null. */
  actionOf?: (issue: Issue) => string | null;
  /** The key (issueKey) of the issue whose cell was last selected. */
  selected?: string | null;
  busy: boolean;
  onSelect: (issue: Issue) => void;
  /** Fixes one issue; nextKey is the issue shown after it, for focus once it is gone. */
  onFix: (issue: Issue, nextKey: string | null) => void;
  /** The list's filters and folds, kept by the pane while another view is shown; the list keeps its own without. */
  view?: IssueListView;
  onViewChange?: (update: (was: IssueListView) => IssueListView) => void;
}

/**
 * Sheets open at first: those with errors or warnings when there are few issues,
 * else the first of them. A sheet with only notes starts folded.
 */
function initiallyOpen(groups: Array<{ sheet: string; items: Issue[] }>, total: number): string[] {
  const needing = groups.filter((g) => g.items.some((i) => i.severity !== 'info')).map((g) => g.sheet);
  return total <= OPEN_ALL_UP_TO ? needing : needing.slice(0, 1);
}

export function IssueList({
  issues,
  sheets,
  actionOf,
  selected = null,
  busy,
  onSelect,
  onFix,
  view: givenView,
  onViewChange,
}: IssueListProps): React.JSX.Element {
  const styles = useStyles();
  const counts = React.useMemo(() => countBy(issues), [issues]);
  const [ownView, setOwnView] = React.useState<IssueListView>(INITIAL_ISSUE_VIEW);
  const view = givenView ?? ownView;
  const update = onViewChange ?? setOwnView;
  const { shown, limits } = view;

  // Workbook order, then any sheet the workbook no longer lists (an issue can name one just removed).
  const bySheet = React.useMemo(() => {
    const map = new Map<string, Issue[]>(sheets.map((s) => [s, []]));
    for (const issue of issues) {
      const list = map.get(issue.sheet);
      if (list) list.push(issue);
      else map.set(issue.sheet, [issue]);
    }
    return map;
  }, [issues, sheets]);
  const groups = React.useMemo(
    () =>
      [...bySheet.entries()]
        .map(([sheet, all]) => ({ sheet, items: all.filter((i) => shown.includes(i.severity)) }))
        .filter((g) => g.items.length > 0),
    [bySheet, shown],
  );
  // The list's own choice of open sheets, made afresh for each check (a clean workbook that later has
  // issues must not show them all folded) until the user opens or folds one: then theirs stands.
  const ownChoice = React.useMemo(() => initiallyOpen(groups, issues.length), [groups, issues.length]);
  const open = view.open ?? ownChoice;
  // The bar's height varies as its filters wrap: the sheets' headings stick just under it.
  const rootRef = React.useRef<HTMLElement>(null);
  const barRef = React.useRef<HTMLDivElement>(null);
  React.useLayoutEffect(() => {
    const bar = barRef.current;
    const root = rootRef.current;
    if (!bar || !root) return;
    const update = () => root.style.setProperty(BAR_HEIGHT, `${bar.offsetHeight}px`);
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(update);
    observer.observe(bar);
    return () => observer.disconnect();
  }, []);
  // "Show more" takes focus to the first issue it shows, so a keyboard user carries on from there.
  const [focusKey, setFocusKey] = React.useState<string | null>(null);
  React.useEffect(() => {
    if (focusKey) document.getElementById(issueElementId(focusKey))?.focus();
  }, [focusKey]);

  return (
    <section ref={rootRef} className={styles.root} aria-labelledby={ISSUES_HEADING_ID}>
      <div ref={barRef} className={styles.bar}>
        <h2 id={ISSUES_HEADING_ID} className={styles.heading} tabIndex={-1}>
          Issues
        </h2>
        {issues.length > 0 && (
          <Toolbar
            className={styles.filters}
            size="small"
            aria-label="Show issues by severity"
            checkedValues={{ severity: shown }}
            onCheckedValueChange={(_, data) =>
              update((was) => ({ ...was, shown: SEVERITIES.filter((s) => data.checkedItems.includes(s)) }))
            }
          >
            {SEVERITIES.filter((s) => counts[s] > 0).map((severity) => (
              <ToolbarToggleButton
                key={severity}
                name="severity"
                value={severity}
                className={styles.filter}
                aria-label={`${SEVERITY_NAME[severity][1]}: ${counts[severity]}`}
              >
                {SEVERITY_NAME[severity][1]}
                <Badge
                  appearance={shown.includes(severity) ? 'filled' : 'outline'}
                  color={BADGE_COLOUR[severity]}
                  size="small"
                >
                  {counts[severity]}
                </Badge>
              </ToolbarToggleButton>
            ))}
          </Toolbar>
        )}
      </div>
      {issues.length === 0 ? (
        <div className={styles.clean}>
          <CheckmarkCircle20Filled className={styles.cleanIcon} aria-hidden />
          <Text>No problems found.</Text>
        </div>
      ) : groups.length === 0 ? (
        <Text className={styles.clean}>No issues shown: switch a severity on above.</Text>
      ) : (
        <Accordion
          multiple
          collapsible
          openItems={open}
          onToggle={(_, data) => {
            const sheet = data.value as string;
            // From the latest state, not the render's: two quick clicks on two sheets open both.
            update((was) => {
              const before = was.open ?? ownChoice;
              return {
                ...was,
                open: before.includes(sheet) ? before.filter((v) => v !== sheet) : [...before, sheet],
              };
            });
          }}
        >
          {groups.map(({ sheet, items }) => {
            const sheetCounts = countBy(items);
            const limit = limits[sheet] ?? PAGE_SIZE;
            const rows = items.slice(0, limit);
            return (
              <AccordionItem key={sheet} value={sheet}>
                <AccordionHeader
                  as="h3"
                  className={styles.sheetHeading}
                  button={{ 'aria-label': `${sheet}: ${tally(sheetCounts)}` }}
                >
                  <span className={styles.sheetHeader}>
                    <span className={styles.sheetName} title={sheet} data-cut>
                      {sheet}
                    </span>
                    {SEVERITIES.filter((s) => sheetCounts[s] > 0).map((s) => (
                      <Badge key={s} appearance="filled" color={BADGE_COLOUR[s]} size="small">
                        {sheetCounts[s]}
                      </Badge>
                    ))}
                  </span>
                </AccordionHeader>
                <AccordionPanel>
                  <ul className={styles.list} aria-label={`Issues on ${sheet}`}>
                    {rows.map((issue, index) => {
                      const key = issueKey(issue);
                      const next = items[index + 1];
                      return (
                        <IssueRow
                          key={key}
                          issue={issue}
                          issueKey={key}
                          action={actionOf?.(issue) ?? null}
                          selected={key === selected}
                          busy={busy}
                          nextKey={next ? issueKey(next) : null}
                          onSelect={onSelect}
                          onFix={onFix}
                        />
                      );
                    })}
                  </ul>
                  {items.length > rows.length && (
                    <Button
                      appearance="subtle"
                      size="small"
                      className={styles.more}
                      onClick={() => {
                        update((was) => ({
                          ...was,
                          limits: { ...was.limits, [sheet]: (was.limits[sheet] ?? PAGE_SIZE) + PAGE_SIZE },
                        }));
                        setFocusKey(issueKey(items[limit]));
                      }}
                    >
                      Show {Math.min(PAGE_SIZE, items.length - rows.length)} more ({items.length - rows.length} not
                      shown)
                    </Button>
                  )}
                </AccordionPanel>
              </AccordionItem>
            );
          })}
        </Accordion>
      )}
    </section>
  );
}
