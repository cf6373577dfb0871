// Ribbon commands (ExecuteFunction). They share the task pane's operations and
// always call event.completed(), whatever happens.
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

export async function rebuildFromRibbon(
  operations: Operations,
  host: CommandHost,
  event: Office.AddinCommands.Event,
): Promise<void> {
  try {
    const { message, intent } = await operations.rebuild();
    publishNotice({ intent, text: message });
  } catch (error) {
    publishNotice({ intent: 'error', text: `Rebuild overview failed: ${(error as Error).message}` });
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
