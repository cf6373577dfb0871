// The task pane. It holds the pane's state and calls the operations it is given;
// it knows nothing of Office.js.
import * as React from 'react';
import {
  Button,
  Divider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Issue, Settings } from '../../engine';
import type { ChangeResult, CheckResult, Operations } from '../../addin/operations';
import type { Notice } from '../../addin/notices';
import { IssueList } from './IssueList';
import { ReadyBanner } from './ReadyBanner';
import { SettingsPanel } from './SettingsPanel';
import { SummaryPanel } from './SummaryPanel';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: '10px',
    padding: '12px',
    minWidth: '280px',
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: '100vh',
    boxSizing: 'border-box',
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '6px' },
  section: { margin: '4px 0 0', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

export interface AppProps {
  operations: Operations;
  /** A message from outside the pane, such as a ribbon command that failed. */
  initialNotice?: Notice | null;
  /** Check as soon as the pane opens. */
  checkOnOpen?: boolean;
  /** Changes when the workbook may have changed behind the pane (shown again, a ribbon command ran): check again. */
  refreshKey?: number;
}

export function App({
  operations,
  initialNotice = null,
  checkOnOpen = true,
  refreshKey = 0,
}: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [result, setResult] = React.useState<CheckResult | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<Notice | null>(initialNotice);
  const [tab, setTab] = React.useState<'check' | 'settings'>('check');

  React.useEffect(() => setNotice(initialNotice), [initialNotice]);

  /** Runs an operation with progress; a user's new action replaces the last message, the check on opening does not. */
  const run = React.useCallback(
    async <T,>(label: string, work: (progress: (step: string) => void) => Promise<T>, keepNotice = false) => {
      setBusy(label);
      if (!keepNotice) setNotice(null);
      try {
        return await work((step) => setBusy(step));
      } catch (error) {
        setNotice({ intent: 'error', text: (error as Error).message });
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    [],
  );

  const check = React.useCallback(
    async (keepNotice = false) => {
      const checked = await run('Checking…', (progress) => operations.check(progress), keepNotice);
      if (checked) setResult(checked);
    },
    [operations, run],
  );

  const change = async (label: string, work: (progress: (step: string) => void) => Promise<ChangeResult>) => {
    const done = await run(label, work);
    if (done) {
      setResult(done.result);
      setNotice({ intent: done.intent, text: done.message });
    }
  };

  React.useEffect(() => {
    // Keep a message that came with the opening, e.g. why a ribbon command failed.
    if (checkOnOpen) void check(true);
  }, [check, checkOnOpen]);

  // Shown again, or a ribbon command changed the workbook: what the pane shows may be old.
  const firstRefresh = React.useRef(refreshKey);
  React.useEffect(() => {
    if (refreshKey !== firstRefresh.current) void check(true);
  }, [check, refreshKey]);

  const issues = result?.analysis.issues ?? [];
  const fixable = issues.filter((i) => i.fix);
  const sheetOrder = result?.analysis.sheets.map((s) => s.name) ?? [];

  return (
    <main className={styles.root} aria-busy={busy !== null}>
      <h1 className={styles.title}>Proforma</h1>
      <Text size={200}>Check the action plan before you send it.</Text>
      <div className={styles.actions} role="toolbar" aria-label="Proforma actions">
        <Button appearance="primary" disabled={busy !== null} onClick={() => void check()}>
          Check
        </Button>
        <Button
          disabled={busy !== null || fixable.length === 0}
          onClick={() => void change('Fixing…', (p) => operations.fix(undefined, p))}
        >
          Fix all ({fixable.length})
        </Button>
        <Button disabled={busy !== null} onClick={() => void change('Colouring rows…', (p) => operations.colour(p))}>
          Colour rows
        </Button>
        <Button
          disabled={busy !== null}
          onClick={() => void change('Rebuilding the overview…', (p) => operations.rebuild(p))}
        >
          Rebuild overview
        </Button>
      </div>
      <div aria-live="polite" role="status">
        {busy && <Spinner size="tiny" label={busy} labelPosition="after" />}
      </div>
      {notice && (
        <MessageBar intent={notice.intent} layout="multiline" role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="transparent" onClick={() => setNotice(null)} aria-label="Dismiss message">
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {result && <ReadyBanner readiness={result.readiness} />}
      <TabList
        aria-label="Views"
        selectedValue={tab}
        onTabSelect={(_, data) => setTab(data.value as 'check' | 'settings')}
      >
        <Tab value="check">Check</Tab>
        <Tab value="settings">Settings</Tab>
      </TabList>
      {tab === 'check' && result && (
        <>
          <h2 className={styles.section}>What Proforma found</h2>
          <SummaryPanel sheets={result.analysis.sheets} summary={result.summary} />
          {result.analysis.settingsProblems.map((p) => (
            <MessageBar key={p} intent="warning" layout="multiline">
              <MessageBarBody>{p}</MessageBarBody>
            </MessageBar>
          ))}
          <Divider />
          <h2 className={styles.section}>Issues</h2>
          <IssueList
            issues={issues}
            sheets={sheetOrder}
            busy={busy !== null}
            onSelect={(issue: Issue) =>
              void run('Selecting…', async () => {
                await operations.select(issue.sheet, issue.cell);
              })
            }
            onFix={(issue: Issue) => void change(`Fixing ${issue.cell}…`, (p) => operations.fix([issue], p))}
          />
        </>
      )}
      {tab === 'settings' && result && (
        <SettingsPanel
          analysis={result.analysis}
          busy={busy !== null}
          onSave={(settings: Settings) =>
            void run('Saving settings…', async () => {
              const saved = await operations.saveSettings(settings);
              setResult(saved);
              setNotice({ intent: 'success', text: 'Settings saved in the workbook.' });
            })
          }
        />
      )}
    </main>
  );
}
