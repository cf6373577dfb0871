// The pane's header, which stays in view while the issues scroll: the verdict and
// the one next step (the Check view), or the way back and the view's name
// (Settings); under either, what the pane is doing and the last result. At
// Excel's narrow 350 px it stays within a third of the pane: the verdict's detail
// and the last result are cut to a few lines (the whole text a hover, focus or
// click away), the next step is always the first button and the only one with
// words, the others are icons named by their tooltips.
import * as React from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
  Toolbar,
  ToolbarButton,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowClockwiseRegular,
  ArrowLeftRegular,
  ArrowSyncRegular,
  CheckmarkCircle20Filled,
  ChevronDownRegular,
  ChevronUpRegular,
  DismissRegular,
  ErrorCircle20Filled,
  PaintBucketRegular,
  PeopleSwapRegular,
  SettingsRegular,
  Warning20Filled,
  WrenchRegular,
} from '@fluentui/react-icons';
import type { Notice } from '../../addin/notices';
import type { NextStep, Verdict } from '../verdict';

/** What the header's buttons ask for. */
export type PaneAction = NextStep | 'colour';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    padding: '10px 12px 8px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  titleRow: { display: 'flex', alignItems: 'center', gap: '6px', minWidth: 0 },
  verdictIcon: { flexShrink: 0 },
  success: { color: tokens.colorStatusSuccessForeground1 },
  warning: { color: tokens.colorStatusWarningForeground1 },
  error: { color: tokens.colorStatusDangerForeground1 },
  title: {
    margin: 0,
    flexGrow: 0,
    minWidth: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  // Pushes the settings button to the end of the row; it fills only the row's free width, never height.
  end: { marginLeft: 'auto', flexShrink: 0 },
  // Two lines at most; the whole text is the element's title (hover) and is read in full by screen readers.
  detail: {
    color: tokens.colorNeutralForeground2,
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  // One row at every width: the next step first, with its words; the others after it, as icons.
  actions: { display: 'flex', flexWrap: 'nowrap', alignItems: 'center', gap: '4px', padding: 0, minWidth: 0 },
  action: {
    minWidth: 0,
    flexShrink: 0,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    whiteSpace: 'nowrap',
  },
  // The next step's words are cut with "…" before the row would break (a 300 px pane, a long count).
  primary: { flexShrink: 1, overflow: 'hidden' },
  primaryLabel: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  // A secondary action's words show beside its icon only where the pane is wide enough for all of them.
  secondaryLabel: { display: 'none', '@media (min-width: 560px)': { display: 'inline' } },
  // The last result: three lines, and a button to show it whole.
  noticeText: {
    display: '-webkit-box',
    WebkitLineClamp: 3,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    overflowWrap: 'anywhere',
  },
  noticeWhole: { overflowWrap: 'anywhere' },
  noticeButtons: { display: 'flex', alignItems: 'flex-start', gap: '2px' },
  // One line, whatever it says: the pane's progress must never move what is under it.
  status: {
    display: 'flex',
    alignItems: 'center',
    gap: '6px',
    height: '20px',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    color: tokens.colorNeutralForeground3,
  },
});

const VERDICT_ICON = { success: CheckmarkCircle20Filled, warning: Warning20Filled, error: ErrorCircle20Filled };

/** When the pane last read the workbook, and whether it could. */
export interface LastCheck {
  at: Date;
  ok: boolean;
}

const timeOf = (date: Date): string => date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** What the pane is doing now, or how its last check went; one line, announced to screen readers. */
export function StatusLine({ busy, last }: { busy: string | null; last: LastCheck | null }): React.JSX.Element {
  const styles = useStyles();
  return (
    <div className={styles.status} role="status" aria-live="polite">
      {busy ? (
        <Spinner size="extra-tiny" label={busy} labelPosition="after" />
      ) : last ? (
        <Text size={200}>{last.ok ? `Checked at ${timeOf(last.at)}` : `Could not check at ${timeOf(last.at)}`}</Text>
      ) : null}
    </div>
  );
}

/** Whether an element's text is cut (more of it than its box shows), again whenever the pane is resized. */
function useCut(ref: React.RefObject<HTMLElement | null>, text: string): boolean {
  const [cut, setCut] = React.useState(false);
  React.useLayoutEffect(() => {
    const measure = (): void => {
      const el = ref.current;
      setCut(Boolean(el && el.scrollHeight > el.clientHeight + 1));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [ref, text]);
  return cut;
}

/**
 * The result of what the user (or a ribbon command) last did, until they dismiss it or do
 * something else: three lines at most, so the header keeps to its third of the pane, with a
 * button to show the rest (and to fold it again). Screen readers read it whole either way.
 */
export function NoticeBar({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }): React.JSX.Element {
  const styles = useStyles();
  const [whole, setWhole] = React.useState(false);
  const text = React.useRef<HTMLDivElement>(null);
  const cut = useCut(text, `${notice.text}${whole}`);
  React.useEffect(() => setWhole(false), [notice]);
  return (
    <MessageBar intent={notice.intent} layout="multiline" role={notice.intent === 'error' ? 'alert' : 'status'}>
      <MessageBarBody>
        <div ref={text} className={whole ? styles.noticeWhole : styles.noticeText}>
          {notice.text}
        </div>
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <span className={styles.noticeButtons}>
            {(cut || whole) && (
              <Button
                appearance="transparent"
                size="small"
                aria-label={whole ? 'Show less of the message' : 'Show the whole message'}
                aria-expanded={whole}
                icon={whole ? <ChevronUpRegular /> : <ChevronDownRegular />}
                onClick={() => setWhole(!whole)}
              />
            )}
            <Button
              appearance="transparent"
              size="small"
              aria-label="Dismiss message"
              icon={<DismissRegular />}
              onClick={onDismiss}
            />
          </span>
        }
      />
    </MessageBar>
  );
}

export interface CheckHeaderProps {
  /** The last check's verdict; null before the first check ends, or when it failed. */
  verdict: Verdict | null;
  /** The first check failed: there is nothing to show but the error. */
  failed: boolean;
  busy: string | null;
  last: LastCheck | null;
  notice: Notice | null;
  onDismissNotice: () => void;
  onAction: (action: PaneAction) => void;
  onOpenSettings: () => void;
  /** The settings button's id, for focus on coming back from Settings. */
  settingsButtonId?: string;
  /** Opens Partner returns (packs to send, returns to merge, SPEC §7.4). */
  onOpenReturns?: () => void;
  /** Its button's id, for focus on coming back. */
  returnsButtonId?: string;
}

/**
 * The actions in their order after the next step, which always comes first (the one primary
 * button, in the same place at every width); the others keep this order behind it.
 */
const ACTIONS: Array<{ action: PaneAction; icon: React.JSX.Element; tip: string }> = [
  {
    action: 'fix-all',
    icon: <WrenchRegular />,
    tip: 'Writes every correction Proforma is certain of (each has a Fix button below); nothing else changes.',
  },
  {
    action: 'rebuild',
    icon: <ArrowSyncRegular />,
    tip: "Builds Proforma's overview sheet from the theme sheets again. A hand-made overview is kept.",
  },
  {
    action: 'colour',
    icon: <PaintBucketRegular />,
    tip: 'Live status colours and drop-down lists on every theme sheet; the board’s own formatting stays.',
  },
  { action: 'check', icon: <ArrowClockwiseRegular />, tip: 'Reads the workbook again and lists what needs attention.' },
];

export function CheckHeader({
  verdict,
  failed,
  busy,
  last,
  notice,
  onDismissNotice,
  onAction,
  onOpenSettings,
  settingsButtonId,
  onOpenReturns,
  returnsButtonId,
}: CheckHeaderProps): React.JSX.Element {
  const styles = useStyles();
  const intent = verdict?.intent ?? (failed ? 'error' : null);
  const Icon = intent ? VERDICT_ICON[intent] : null;
  const title = verdict?.title ?? (failed ? 'Could not check the workbook' : 'Checking the workbook…');
  const detail = verdict?.detail ?? (failed ? 'See the message below, then check again, or open Settings.' : '');
  const next: NextStep = verdict?.next ?? 'check';
  // Fix all only with something to fix; until the workbook has been read, only checking (again) makes sense.
  // Colour rows and Rebuild overview only once a plan was read (a rebuild with no theme sheet is refused).
  const offered = (action: PaneAction): boolean =>
    action === 'check' || (verdict !== null && (action === 'fix-all' ? verdict.fixable > 0 : verdict.hasPlan));
  const label = (action: PaneAction): string =>
    action === 'fix-all'
      ? `Fix all (${verdict?.fixable ?? 0})`
      : action === 'rebuild'
        ? 'Rebuild overview'
        : action === 'colour'
          ? 'Colour rows'
          : verdict || failed
            ? 'Check again'
            : 'Check';
  return (
    <header className={styles.header}>
      <div className={styles.titleRow}>
        {Icon && <Icon className={mergeClasses(styles.verdictIcon, intent ? styles[intent] : undefined)} aria-hidden />}
        <h1 className={styles.title}>{title}</h1>
        {onOpenReturns && (
          // A view of its own, as Settings is: packs to send, returns to merge (SPEC §7.4).
          <Tooltip
            content="Partner returns: a pack for each lead partner to send, and the returns they send back to merge."
            relationship="description"
            withArrow
          >
            <Button
              id={returnsButtonId}
              className={styles.end}
              appearance="subtle"
              icon={<PeopleSwapRegular />}
              aria-label="Partner returns"
              onClick={onOpenReturns}
            />
          </Tooltip>
        )}
        <Button
          id={settingsButtonId}
          className={onOpenReturns ? undefined : styles.end}
          appearance="subtle"
          icon={<SettingsRegular />}
          onClick={onOpenSettings}
        >
          Settings
        </Button>
      </div>
      {detail && (
        <Text size={200} className={styles.detail} title={detail}>
          {detail}
        </Text>
      )}
      <Toolbar className={styles.actions} aria-label="Proforma actions">
        {[...ACTIONS.filter(({ action }) => action === next), ...ACTIONS.filter(({ action }) => action !== next)]
          .filter(({ action }) => offered(action))
          .map(({ action, icon, tip }) =>
            action === next ? (
              <Tooltip key={action} content={tip} relationship="description" withArrow>
                <ToolbarButton
                  className={mergeClasses(styles.action, styles.primary)}
                  appearance="primary"
                  icon={icon}
                  disabledFocusable={busy !== null}
                  onClick={() => onAction(action)}
                >
                  <span className={styles.primaryLabel}>{label(action)}</span>
                </ToolbarButton>
              </Tooltip>
            ) : (
              // Named by its label (what a screen reader says, and what the tooltip starts with).
              <Tooltip key={action} content={`${label(action)}: ${tip}`} relationship="description" withArrow>
                <ToolbarButton
                  className={styles.action}
                  appearance="subtle"
                  icon={icon}
                  aria-label={label(action)}
                  disabledFocusable={busy !== null}
                  onClick={() => onAction(action)}
                >
                  <span className={styles.secondaryLabel}>{label(action)}</span>
                </ToolbarButton>
              </Tooltip>
            ),
          )}
      </Toolbar>
      <StatusLine busy={busy} last={last} />
      {notice && <NoticeBar notice={notice} onDismiss={onDismissNotice} />}
    </header>
  );
}

export interface SettingsHeaderProps {
  /** The view's name (Settings unless given). */
  title?: string;
  notice: Notice | null;
  onDismissNotice: () => void;
  onBack: () => void;
  /** The back button's id, for focus on opening Settings. */
  backButtonId?: string;
}

export function SettingsHeader({
  title = 'Settings',
  notice,
  onDismissNotice,
  onBack,
  backButtonId,
}: SettingsHeaderProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <div className={styles.titleRow}>
        <Button
          id={backButtonId}
          appearance="subtle"
          icon={<ArrowLeftRegular />}
          aria-label="Back to the check"
          onClick={onBack}
        >
          Back
        </Button>
        <h1 className={styles.title}>{title}</h1>
      </div>
      {notice && <NoticeBar notice={notice} onDismiss={onDismissNotice} />}
    </header>
  );
}
