// Ribbon commands (ExecuteFunction). They share the task pane's operations, show
// their outcome in the pane, and always call event.completed(), whatever happens.
import type { Operations } from '../addin/operations';
import { publishNotice } from '../addin/notices';

export const REBUILD_OVERVIEW = 'rebuildOverview';

export interface CommandHost {
  associate(name: string, handler: (event: Office.AddinCommands.Event) => void): void;
  /** Opens the task pane where the host can (SharedRuntime 1.1); resolves false where it cannot. */
  showTaskpane(): Promise<boolean>;
}

export function officeCommandHost(): CommandHost {
  return {
    associate: (name, handler) => Office.actions.associate(name, handler),
    showTaskpane: async () => {
      if (!Office.context.requirements.isSetSupported('SharedRuntime', '1.1')) return false;
      await Office.addin.showAsTaskpane();
      return true;
    },
  };
}

/**
 * "Rebuild overview" from the ribbon. Its result is shown, not only stored: the pane is opened
 * with the outcome in its message bar (SharedRuntime 1.1, Office.addin.showAsTaskpane). Where
 * the pane cannot be opened (no shared runtime, or Office ignores the call: docs-pr
 * show-hide-add-in.md says it does for add-ins from the Marketplace since February 2026), the
 * message waits for the pane's next opening. The rebuild shares the pane's operations, which run
 * one at a time, so the pane's own first check (its page loads with the command) reads the
 * workbook before or after the rebuild, never during it.
 */
export async function rebuildFromRibbon(
  operations: Operations,
  host: CommandHost,
  event: Office.AddinCommands.Event,
): Promise<void> {
  try {
    try {
      const { message, intent } = await operations.rebuild();
      publishNotice({ intent, text: message });
    } catch (error) {
      publishNotice({ intent: 'error', text: `Rebuild overview failed: ${(error as Error).message}` });
    }
    try {
      await host.showTaskpane();
    } catch {
      // The message waits in the pane for the next time it opens.
    }
  } finally {
    event.completed();
  }
}

export function registerCommands(operations: Operations, host: CommandHost): void {
  host.associate(REBUILD_OVERVIEW, (event) => void rebuildFromRibbon(operations, host, event));
}
