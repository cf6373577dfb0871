// Task pane entry: waits for Office, picks the Office theme, wires the real
// operations into the React app, and registers the ribbon commands (the pane and
// the commands share one runtime).
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider } from '@fluentui/react-components';
import { createOperations } from '../addin/operations';
import { Notice, clearStoredNotice, subscribeNotices } from '../addin/notices';
import { officeApi, officeFiles } from '../hosts/excel/office';
import { officeCommandHost, registerCommands } from '../commands/commands';
import { App } from './components/App';
import { OFFICE_WAIT_MS, showOfficeMissing } from './office-missing';
import { paneTheme } from './theme';

function Root({ operations }: { operations: ReturnType<typeof createOperations> }): React.JSX.Element {
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [refreshKey, setRefreshKey] = React.useState(0);
  const refresh = React.useCallback(() => setRefreshKey((k) => k + 1), []);
  React.useEffect(
    () =>
      // A ribbon command tells the pane how it went: the workbook changed, so check again.
      subscribeNotices((n) => {
        setNotice(n);
        clearStoredNotice();
        refresh();
      }),
    [refresh],
  );
  React.useEffect(() => {
    // In the shared runtime the pane lives on while hidden; shown again, it checks again
    // (docs: show-hide-add-in.md, "Handle the visibility changed event"; SharedRuntime 1.1).
    if (!Office.context.requirements.isSetSupported('SharedRuntime', '1.1')) return;
    let remove: (() => Promise<void>) | undefined;
    void Office.addin
      .onVisibilityModeChanged((message) => {
        if (message.visibilityMode === Office.VisibilityMode.taskpane) refresh();
      })
      .then((off) => (remove = off));
    return () => void remove?.();
  }, [refresh]);
  return <App operations={operations} initialNotice={notice} refreshKey={refreshKey} />;
}

function start(info: { host: Office.HostType | null } | undefined): void {
  const container = document.getElementById('root');
  // Office answered, but not from an Office application: the page was opened in a browser on its own.
  if (!info?.host) {
    if (container) showOfficeMissing(container, 'browser');
    return;
  }
  const operations = createOperations(officeApi(), undefined, () => Office.context.document?.url, officeFiles());
  registerCommands(operations, officeCommandHost());
  if (!container) return;
  const theme = paneTheme(Office.context.officeTheme);
  // The page behind the pane too, so no white shows around it in a dark Office.
  document.body.style.backgroundColor = theme.colorNeutralBackground2;
  createRoot(container).render(
    <FluentProvider theme={theme}>
      <Root operations={operations} />
    </FluentProvider>,
  );
}

const root = document.getElementById('root');
if (typeof Office === 'undefined') {
  // office.js (taskpane.html loads it from Microsoft) did not load: nothing of Office to wait for.
  if (root) showOfficeMissing(root, 'library');
} else {
  // Until Office answers, "Loading Proforma…"; after a few seconds, why it may not and what to do.
  // Office may still answer after that: the pane then replaces the message.
  const waiting = window.setTimeout(() => root && showOfficeMissing(root, 'waiting'), OFFICE_WAIT_MS);
  void Office.onReady((info) => {
    window.clearTimeout(waiting);
    start(info);
  });
}
