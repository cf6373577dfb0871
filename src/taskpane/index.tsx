// Task pane entry: waits for Office, picks the Office theme, wires the real
// operations into the React app, and registers the ribbon commands (the pane and
// the commands share one runtime).
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { createOperations } from '../addin/operations';
import { Notice, clearStoredNotice, subscribeNotices } from '../addin/notices';
import { officeApi } from '../hosts/excel/office';
import { officeCommandHost, registerCommands } from '../commands/commands';
import { App } from './components/App';

function isDark(colour: string | undefined): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour ?? '');
  if (!m) return false;
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

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

void Office.onReady(() => {
  const operations = createOperations(officeApi());
  registerCommands(operations, officeCommandHost());
  const container = document.getElementById('root');
  if (!container) return;
  const dark = isDark(Office.context.officeTheme?.bodyBackgroundColor);
  createRoot(container).render(
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <Root operations={operations} />
    </FluentProvider>,
  );
});
