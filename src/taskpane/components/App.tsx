// The task pane. It holds the pane's state and calls the operations it is given;
// it knows nothing of Office.js. The pane is one column as tall as the window: a
// header that stays put (the verdict and the next step, or the way back from
// Settings) over a body that scrolls. Nothing in it grows to fill space.
import * as React from 'react';
import { MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { analyse, quarterOf, type Analysis, type Issue, type Settings } from '../../engine';
import type {
  ChangeResult,
  CheckResult,
  MergePreview,
  Operations,
  PackResult,
  ReturnedFile,
} from '../../addin/operations';
import type { Notice } from '../../addin/notices';
import { actionLabel, actionOf, actionsByRow } from '../issue-actions';
import { verdictOf } from '../verdict';
import {
  INITIAL_ISSUE_VIEW,
  ISSUES_HEADING_ID,
  IssueList,
  issueElementId,
  issueKey,
  type IssueListView,
} from './IssueList';
import { MovedPanel } from './MovedPanel';
import { CheckHeader, SettingsHeader, StatusLine, type LastCheck, type PaneAction } from './PaneHeader';
import { ReturnsPanel } from './ReturnsPanel';
import { ScaleProposalPanel } from './ScaleProposalPanel';
import { SettingsPanel } from './SettingsPanel';
import { SummaryPanel } from './SummaryPanel';

const SETTINGS_BUTTON_ID = 'proforma-open-settings';
const RETURNS_BUTTON_ID = 'proforma-open-returns';
const BACK_BUTTON_ID = 'proforma-back';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    height: '100vh',
    overflow: 'hidden',
    boxSizing: 'border-box',
    minWidth: '280px',
    color: tokens.colorNeutralForeground1,
    // The page colour (Office's body colour; see theme.ts); controls sit on colorNeutralBackground1.
    backgroundColor: tokens.colorNeutralBackground2,
  },
  // The one part that scrolls. Its children keep their own height (no shrinking, no growing).
  body: {
    flexGrow: 1,
    minHeight: 0,
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: '14px',
    // No top padding: the issues' sticky heading sticks at the padding edge, and would show rows scrolling above it.
    padding: '0 12px 16px',
    '& > *': { flexShrink: 0 },
    '& > :first-child': { marginTop: '10px' },
  },
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

/** The settings form when the workbook could not be read: an empty workbook's analysis, with the defaults. */
const emptyAnalysis = (): Analysis => analyse({ sheets: [] }, { today: new Date() });

export function App({
  operations,
  initialNotice = null,
  checkOnOpen = true,
  refreshKey = 0,
}: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [result, setResult] = React.useState<CheckResult | null>(null);
  const [failed, setFailed] = React.useState(false);
  const [last, setLast] = React.useState<LastCheck | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<Notice | null>(initialNotice);
  const [view, setView] = React.useState<'check' | 'settings' | 'returns'>('check');
  // Partner returns (SPEC §7.4): the merge previewed, the choices made for its conflicts, the last pack made.
  const [preview, setPreview] = React.useState<MergePreview | null>(null);
  const [choices, setChoices] = React.useState<ReadonlyMap<string, number | 'plan'>>(new Map());
  const [pack, setPack] = React.useState<PackResult | null>(null);
  const [selected, setSelected] = React.useState<string | null>(null);
  // The issue list's filters and folds, and how far the check was scrolled: as the user left them for Settings.
  const [issueView, setIssueView] = React.useState<IssueListView>(INITIAL_ISSUE_VIEW);
  const checkBody = React.useRef<HTMLElement>(null);
  const checkScroll = React.useRef(0);
  React.useLayoutEffect(() => {
    if (view === 'check' && checkBody.current) checkBody.current.scrollTop = checkScroll.current;
  }, [view]);
  // An element to focus once the change that removed the focused one has rendered.
  const [pendingFocus, setPendingFocus] = React.useState<{ id: string; fallback: string } | null>(null);

  React.useEffect(() => setNotice(initialNotice), [initialNotice]);

  React.useLayoutEffect(() => {
    if (!pendingFocus) return;
    (document.getElementById(pendingFocus.id) ?? document.getElementById(pendingFocus.fallback))?.focus();
    setPendingFocus(null);
  }, [pendingFocus]);

  // Whether any check has succeeded: a later failure then leaves the last result in view.
  const everChecked = React.useRef(false);
  const showResult = React.useCallback((next: CheckResult) => {
    everChecked.current = true;
    setResult(next);
    setFailed(false);
    setLast({ at: new Date(), ok: true });
  }, []);

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
      if (checked) showResult(checked);
      else {
        setLast({ at: new Date(), ok: false });
        if (!everChecked.current) setFailed(true);
      }
    },
    [operations, run, showResult],
  );

  const change = React.useCallback(
    async (label: string, work: (progress: (step: string) => void) => Promise<ChangeResult>, focusAfter?: string) => {
      const done = await run(label, work);
      if (!done) return;
      showResult(done.result);
      setNotice({ intent: done.intent, text: done.message });
      if (focusAfter) setPendingFocus({ id: focusAfter, fallback: ISSUES_HEADING_ID });
    },
    [run, showResult],
  );

  React.useEffect(() => {
    // Keep a message that came with the opening, e.g. why a ribbon command failed.
    if (checkOnOpen) void check(true);
  }, [check, checkOnOpen]);

  // Shown again, or a ribbon command changed the workbook: what the pane shows may be old.
  const firstRefresh = React.useRef(refreshKey);
  React.useEffect(() => {
    if (refreshKey !== firstRefresh.current) void check(true);
  }, [check, refreshKey]);

  const onAction = (action: PaneAction): void => {
    if (action === 'check') void check();
    // The Fix all button goes once nothing is left to fix: focus goes to the issues' heading.
    else if (action === 'fix-all') void change('Fixing…', (p) => operations.fix(undefined, p), ISSUES_HEADING_ID);
    else if (action === 'colour') void change('Colouring rows…', (p) => operations.colour(p));
    else void change('Rebuilding the overview…', (p) => operations.rebuild(p));
  };

  // Selecting a cell changes nothing in the workbook: no progress, and the last message stays.
  const onSelect = React.useCallback(
    (issue: Issue) => {
      setSelected(issueKey(issue));
      operations
        .select(issue.sheet, issue.cell)
        .catch((error: Error) => setNotice({ intent: 'error', text: error.message }));
    },
    [operations],
  );

  const onFix = React.useCallback(
    (issue: Issue, nextKey: string | null) =>
      void change(
        `Fixing ${issue.cell}…`,
        (p) => operations.fix([issue], p),
        nextKey ? issueElementId(nextKey) : ISSUES_HEADING_ID,
      ),
    [change, operations],
  );

  // An action that moved: Excel goes to its row. Like an issue, selecting changes nothing and keeps the last message.
  const onSelectCell = React.useCallback(
    (sheet: string, cell: string) => {
      operations.select(sheet, cell).catch((error: Error) => setNotice({ intent: 'error', text: error.message }));
    },
    [operations],
  );

  const onRecordBaseline = React.useCallback(
    (label: string) => void change('Recording the baseline…', (p) => operations.recordBaseline(label, p)),
    [change, operations],
  );

  // The board's own words as its scale: saved through the settings, then the pane shows the check that follows.
  const onUseScale = React.useCallback(
    (settings: Settings, words: string[]) =>
      void run('Saving the scale…', async () => {
        const saved = await operations.saveSettings(settings);
        showResult(saved);
        setNotice({
          intent: 'success',
          text: `The board's own scale is saved in the workbook: ${words.join(', ')}. Colour rows now to give the status column its colours and a drop-down of these words.`,
        });
      }),
    [operations, run, showResult],
  );

  const analysis = result?.analysis;
  const sheetOrder = React.useMemo(() => analysis?.sheets.map((s) => s.name) ?? [], [analysis]);
  const byRow = React.useMemo(() => (analysis ? actionsByRow(analysis) : null), [analysis]);
  const actionNameOf = React.useCallback(
    (issue: Issue) => {
      const action = byRow ? actionOf(issue, byRow) : null;
      return action ? actionLabel(action) || null : null;
    },
    [byRow],
  );
  const verdict = React.useMemo(() => (result ? verdictOf(result) : null), [result]);
  // When the workbook could not be read, the settings view reads the settings sheet alone, so that it
  // shows (and a save replaces) the board's own settings, not defaults; if even that fails, nothing is saved.
  const [settingsOnly, setSettingsOnly] = React.useState<Analysis | 'unreadable' | null>(null);
  React.useEffect(() => {
    // Only once the check has failed: while the first check runs, its result is on its way.
    if (view !== 'settings' || analysis || settingsOnly || !failed) return;
    void run(
      'Reading the settings…',
      async () => {
        try {
          setSettingsOnly(await operations.readSettings());
        } catch (error) {
          setSettingsOnly('unreadable');
          throw error;
        }
      },
      true,
    );
  }, [view, analysis, settingsOnly, failed, operations, run]);
  React.useEffect(() => {
    if (analysis) setSettingsOnly(null);
  }, [analysis]);
  const settingsAnalysis = React.useMemo(() => {
    if (view !== 'settings') return null;
    if (analysis) return analysis;
    return settingsOnly && settingsOnly !== 'unreadable' ? settingsOnly : emptyAnalysis();
  }, [view, analysis, settingsOnly]);
  const notRead = analysis ? undefined : settingsOnly && settingsOnly !== 'unreadable' ? 'sheets' : 'settings';

  const openView = (next: 'check' | 'settings' | 'returns') => {
    if (view === 'check') checkScroll.current = checkBody.current?.scrollTop ?? 0;
    // The button pressed is gone with the header it was in: focus its counterpart.
    const back = view === 'returns' ? RETURNS_BUTTON_ID : SETTINGS_BUTTON_ID;
    setView(next);
    setPendingFocus(next === 'check' ? { id: back, fallback: back } : { id: BACK_BUTTON_ID, fallback: BACK_BUTTON_ID });
  };

  // Partner returns: files read in the pane, compared with the workbook as it is now.
  const onPickFiles = (files: ReturnedFile[]) =>
    void run('Reading the returned files…', async (progress) => {
      const next = await operations.previewMerge(files, progress);
      setPreview(next);
      setChoices(new Map());
    });
  // Merged as one change; then the pane shows the check of the workbook as merged.
  const onApplyMerge = () => {
    if (!preview) return;
    void run('Merging the returns…', async (progress) => {
      const done = await operations.applyMerge(preview, choices, progress);
      showResult(done.result);
      setNotice({ intent: done.intent, text: done.message });
      setPreview(null);
      setChoices(new Map());
      setView('check');
      setPendingFocus({ id: RETURNS_BUTTON_ID, fallback: ISSUES_HEADING_ID });
    });
  };
  const onMakePack = (partner: string) =>
    void run(`Making the pack for ${partner}…`, async (progress) => {
      const made = await operations.makePack(partner, progress);
      setPack(made);
      setNotice({ intent: made.intent, text: made.message });
    });

  return (
    <div className={styles.root} aria-busy={busy !== null}>
      {view === 'check' ? (
        <CheckHeader
          verdict={verdict}
          failed={failed}
          busy={busy}
          last={last}
          notice={notice}
          onDismissNotice={() => setNotice(null)}
          onAction={onAction}
          onOpenSettings={() => openView('settings')}
          settingsButtonId={SETTINGS_BUTTON_ID}
          onOpenReturns={() => openView('returns')}
          returnsButtonId={RETURNS_BUTTON_ID}
        />
      ) : (
        <SettingsHeader
          title={view === 'returns' ? 'Partner returns' : 'Settings'}
          notice={notice}
          onDismissNotice={() => setNotice(null)}
          onBack={() => openView('check')}
          backButtonId={BACK_BUTTON_ID}
        />
      )}
      {view === 'check' && (
        <main ref={checkBody} className={styles.body} aria-label="Check">
          {result && analysis ? (
            <>
              <SummaryPanel analysis={analysis} summary={result.summary} />
              <MovedPanel
                movement={analysis.movement}
                baselineProblem={analysis.baselineProblem}
                suggestedLabel={quarterOf(new Date())}
                busy={busy !== null}
                onSelect={onSelectCell}
                onRecord={onRecordBaseline}
              />
              <ScaleProposalPanel analysis={analysis} busy={busy !== null} onUse={onUseScale} />
              {analysis.settingsProblems.map((problem) => (
                <MessageBar key={problem} intent="warning" layout="multiline">
                  <MessageBarBody>{problem}</MessageBarBody>
                </MessageBar>
              ))}
              <IssueList
                issues={analysis.issues}
                sheets={sheetOrder}
                actionOf={actionNameOf}
                selected={selected}
                busy={busy !== null}
                onSelect={onSelect}
                onFix={onFix}
                view={issueView}
                onViewChange={setIssueView}
              />
            </>
          ) : (
            failed && (
              <Text>
                Once Proforma can read the workbook, what it found and the issues to correct appear here. Settings can
                be changed meanwhile.
              </Text>
            )
          )}
        </main>
      )}
      {view === 'returns' && (
        <>
          <StatusLine busy={busy} last={null} />
          <ReturnsPanel
            analysis={analysis ?? null}
            busy={busy !== null}
            packsUnavailable={operations.packsUnavailable()}
            pack={pack}
            onMakePack={onMakePack}
            preview={preview}
            choices={choices}
            onChoose={(cell, choice) =>
              setChoices((current) => {
                const next = new Map(current);
                if (choice === 'plan') next.delete(cell);
                else next.set(cell, choice);
                return next;
              })
            }
            onPickFiles={onPickFiles}
            onReadError={(message) => setNotice({ intent: 'error', text: message })}
            onApply={onApplyMerge}
            onClearPreview={() => {
              setPreview(null);
              setChoices(new Map());
            }}
          />
        </>
      )}
      {view === 'settings' && settingsAnalysis && (
        <SettingsPanel
          analysis={settingsAnalysis}
          notRead={notRead}
          busy={busy !== null}
          status={<StatusLine busy={busy} last={null} />}
          onSave={(settings: Settings) =>
            void run('Saving settings…', async () => {
              const saved = await operations.saveSettings(settings);
              showResult(saved);
              setNotice({ intent: 'success', text: 'Settings saved in the workbook.' });
            })
          }
        />
      )}
    </div>
  );
}
