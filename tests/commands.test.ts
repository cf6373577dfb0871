// The ribbon's "Rebuild overview": shares the pane's operations, always calls
// event.completed(), and on failure leaves the error for the pane and opens it.
import { createOperations } from '../src/addin/operations';
import { publishNotice, subscribeNotices, type Notice } from '../src/addin/notices';
import { rebuildFromRibbon, type CommandHost } from '../src/commands/commands';
import { EXAMPLE_DATE, exampleSnapshot } from './fixtures/examples';
import { FakeExcel } from './fake-excel';
import { loadSnapshot } from './fake-excel/from-snapshot';
import { sheet } from './fixtures/snapshots';

function setup() {
  const fake = new FakeExcel({ supports: { ExcelApi: '1.20', SharedRuntime: '1.1' } });
  loadSnapshot(fake.state, exampleSnapshot('quarterly-performance-report.xlsx'));
  const shown: string[] = [];
  const host: CommandHost = { associate: () => undefined, showTaskpane: async () => (shown.push('pane'), true) };
  const event = { completed: jest.fn() } as unknown as Office.AddinCommands.Event;
  const notices: Notice[] = [];
  const unsubscribe = subscribeNotices((n) => notices.push(n), undefined);
  return { fake, host, event, shown, notices, unsubscribe, operations: createOperations(fake, () => EXAMPLE_DATE) };
}

describe('Rebuild overview from the ribbon', () => {
  it('rebuilds, completes the event, and opens the pane with the result', async () => {
    const { fake, host, event, shown, notices, unsubscribe, operations } = setup();
    await rebuildFromRibbon(operations, host, event);
    unsubscribe();
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(shown).toEqual(['pane']);
    // Rows left out of the overview's columns: done, but a warning to act on, not a plain success.
    expect(notices).toEqual([
      {
        intent: 'warning',
        text: expect.stringMatching(
          /^Overview rebuilt: .*3 rows left out.* Of the rows left out, 1 has a status not on the scale/,
        ),
      },
    ]);
    expect(fake.state.activeSheet).toBe('Overview');
  });

  it('on failure completes the event too, opens the pane and tells it why', async () => {
    const { fake, host, event, shown, notices, unsubscribe, operations } = setup();
    // The overview is rewritten in place, so a protected overview sheet is what stops it.
    fake.state.sheet('Overview')!.protected = true;
    await rebuildFromRibbon(operations, host, event);
    unsubscribe();
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(shown).toEqual(['pane']);
    expect(notices).toHaveLength(1);
    expect(notices[0].intent).toBe('error');
    expect(notices[0].text).toMatch(/^Rebuild overview failed: The sheet "Overview" is protected/);
  });

  it('refuses a workbook with no plan, writing nothing, and says which sheet to map', async () => {
    const fake = new FakeExcel({ supports: { ExcelApi: '1.20', SharedRuntime: '1.1' } });
    loadSnapshot(fake.state, {
      sheets: [
        sheet('SAR review', [
          ['Rec', 'Finding', 'Current Status', 'Owner'],
          ['R1', 'Information was not shared', 'Amber', 'Adult social care'],
          ['R2', 'No single plan', 'Green', 'Health'],
        ]),
      ],
    });
    const shown: string[] = [];
    const host: CommandHost = { associate: () => undefined, showTaskpane: async () => (shown.push('pane'), true) };
    const event = { completed: jest.fn() } as unknown as Office.AddinCommands.Event;
    const notices: Notice[] = [];
    const unsubscribe = subscribeNotices((n) => notices.push(n), undefined);
    await rebuildFromRibbon(
      createOperations(fake, () => EXAMPLE_DATE),
      host,
      event,
    );
    unsubscribe();
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(notices).toEqual([
      {
        intent: 'error',
        text: 'Rebuild overview failed: No sheet holds an action plan that could be read, so there is no overview to build; nothing was changed. Map the headings of "SAR review" in the settings (column:<heading> = ref, actions, rag …), then rebuild.',
      },
    ]);
    expect(fake.state.sheets.map((s) => s.name)).toEqual(['SAR review']);
    expect(shown).toEqual(['pane']);
  });

  it("never runs at the same time as the pane's first check: one reads before the other writes", async () => {
    const { fake, host, event, unsubscribe, operations } = setup();
    let running = 0;
    let most = 0;
    const run = fake.run.bind(fake);
    fake.run = async (options, batch) => {
      running++;
      most = Math.max(most, running);
      try {
        return await run(options, batch);
      } finally {
        running--;
      }
    };
    // The pane's page loads with the command (one runtime): its check on opening starts as the rebuild does.
    const [checked] = await Promise.all([
      operations.check(),
      rebuildFromRibbon(operations, host, event),
      operations.check(),
    ]);
    unsubscribe();
    expect(most).toBe(1);
    expect(checked.analysis.overviewSheet?.name).toBe('Overview');
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('completes the event even when the pane cannot be opened', async () => {
    const { fake, event, unsubscribe, operations } = setup();
    // The overview is rewritten in place, so a protected overview sheet is what stops it.
    fake.state.sheet('Overview')!.protected = true;
    const host: CommandHost = {
      associate: () => undefined,
      showTaskpane: async () => {
        throw new Error('not supported');
      },
    };
    await rebuildFromRibbon(operations, host, event);
    unsubscribe();
    expect(event.completed).toHaveBeenCalledTimes(1);
  });
});

describe('notices between the ribbon and the pane', () => {
  function memoryStorage(initial: Record<string, string> = {}): Storage {
    const data = new Map(Object.entries(initial));
    return {
      get length() {
        return data.size;
      },
      clear: () => data.clear(),
      getItem: (k) => data.get(k) ?? null,
      key: (i) => [...data.keys()][i] ?? null,
      removeItem: (k) => void data.delete(k),
      setItem: (k, v) => void data.set(k, v),
    };
  }

  it('a pane opened later finds the message the ribbon left', () => {
    const storage = memoryStorage();
    publishNotice({ intent: 'error', text: 'Rebuild overview failed: protected.' }, storage);
    const heard: Notice[] = [];
    const unsubscribe = subscribeNotices((n) => heard.push(n), storage);
    unsubscribe();
    expect(heard).toEqual([{ intent: 'error', text: 'Rebuild overview failed: protected.' }]);
  });

  it('drops a stored message it cannot read', () => {
    const storage = memoryStorage({ 'proforma.notice': '{not json' });
    const heard: Notice[] = [];
    subscribeNotices((n) => heard.push(n), storage)();
    expect(heard).toEqual([]);
    expect(storage.getItem('proforma.notice')).toBeNull();
  });
});
