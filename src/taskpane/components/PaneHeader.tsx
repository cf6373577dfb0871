// The pane's header, which stays in view while the issues scroll: the verdict and
// the one next step (the Check view), or the way back and the view's name
// (Settings); under either, what the pane is doing and the last result.
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
  DismissRegular,
  ErrorCircle20Filled,
  PaintBucketRegular,
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
  detail: { color: tokens.colorNeutralForeground2 },
  // As many to a row as fit: two rows at 300 to 500 px, never a button's words broken over two lines.
  actions: { display: 'flex', flexWrap: 'wrap', gap: '4px', padding: 0 },
  action: {
    minWidth: 0,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    whiteSpace: 'nowrap',
  },
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

/** The result of what the user (or a ribbon command) last did, until they dismiss it or do something else. */
export function NoticeBar({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }): React.JSX.Element {
  return (
    <MessageBar intent={notice.intent} layout="multiline" role={notice.intent === 'error' ? 'alert' : 'status'}>
      <MessageBarBody>{notice.text}</MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            size="small"
            aria-label="Dismiss message"
            icon={<DismissRegular />}
            onClick={onDismiss}
          />
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
}

/** The buttons, always in this order so none moves when the next step changes; the next step is the primary one. */
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
        <Button
          id={settingsButtonId}
          className={styles.end}
          appearance="subtle"
          icon={<SettingsRegular />}
          onClick={onOpenSettings}
        >
          Settings
        </Button>
      </div>
      {detail && (
        <Text size={200} className={styles.detail}>
          {detail}
        </Text>
      )}
      <Toolbar className={styles.actions} aria-label="Proforma actions">
        {ACTIONS.filter(({ action }) => offered(action)).map(({ action, icon, tip }) => (
          <Tooltip key={action} content={tip} relationship="description" withArrow>
            <ToolbarButton
              className={styles.action}
              appearance={action === next ? 'primary' : 'subtle'}
              icon={icon}
              disabledFocusable={busy !== null}
              onClick={() => onAction(action)}
            >
              {label(action)}
            </ToolbarButton>
          </Tooltip>
        ))}
      </Toolbar>
      <StatusLine busy={busy} last={last} />
      {notice && <NoticeBar notice={notice} onDismiss={onDismissNotice} />}
    </header>
  );
}

export interface SettingsHeaderProps {
  notice: Notice | null;
  onDismissNotice: () => void;
  onBack: () => void;
  /** The back button's id, for focus on opening Settings. */
  backButtonId?: string;
}

export function SettingsHeader({
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
        <h1 className={styles.title}>Settings</h1>
      </div>
      {notice && <NoticeBar notice={notice} onDismiss={onDismissNotice} />}
    </header>
  );
}
