// The requests the Excel host sends, as Microsoft's own client library serialises
// them (@microsoft/office-js, dist/excel-web-16.00.debug.js, run in jsdom with a
// request executor that records each body instead of sending it), for colouring
// both examples: what Excel would receive, not what the fake makes of it.
import { readFileSync } from 'fs';
import { JSDOM } from 'jsdom';
import { Plan, WorkbookSnapshot, analyse, colourPlan, mergesNeeded } from '../src/engine';
import { contentOf, loadNow, nowAsRead, queueWrites, readMerges } from '../src/hosts/excel';
import { EXAMPLE_DATE, exampleSnapshot } from './fixtures/examples';

interface ObjectPath {
  Id: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[] };
}
interface Body {
  ObjectPaths: Record<string, ObjectPath>;
}

let RequestContext: new (url: string) => Record<string, unknown>;

beforeAll(() => {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', {
    url: 'https://localhost/',
    runScripts: 'outside-only',
  });
  const library = require.resolve('@microsoft/office-js/dist/excel-web-16.00.debug.js');
  dom.window.eval(readFileSync(library, 'utf8'));
  RequestContext = (dom.window as unknown as { Excel: { RequestContext: typeof RequestContext } }).Excel.RequestContext;
});

/** A request context whose requests are recorded, answered with nothing. */
function recorder(bodies: Body[]): Excel.RequestContext {
  const context = new RequestContext('https://example.invalid/');
  context._requestExecutor = {
    executeAsync: (_data: unknown, _flags: unknown, message: { Body: Body }) => {
      bodies.push(message.Body);
      return Promise.resolve({
        HttpStatusCode: 200,
        ErrorCode: null,
        ErrorMessage: null,
        Headers: {},
        Body: { Results: [] },
      });
    },
  };
  return context as unknown as Excel.RequestContext;
}

/** The requests of a colour's change: its load (the recording has no answer to it, which ends it), then its writes. */
async function colourRequests(snapshot: WorkbookSnapshot, separator: ',' | ';'): Promise<Body[]> {
  const plan: Plan = contentOf(colourPlan(analyse(snapshot, { today: EXAMPLE_DATE })));
  const bodies: Body[] = [];
  await loadNow(recorder(bodies), plan, snapshot, separator).catch(() => undefined);
  const receipt = { colours: true, rules: {}, merges: 'not-read' as const };
  await queueWrites(recorder(bodies), plan, snapshot, nowAsRead(plan, snapshot, receipt, separator));
  return bodies;
}

const paths = (bodies: Body[]): ObjectPath[] => bodies.flatMap((b) => Object.values(b.ObjectPaths));

/** Each getRanges address, with what was reached through it. */
function getRanges(bodies: Body[]): Array<{ address: string; then: string[] }> {
  return bodies.flatMap((body) => {
    const all = Object.values(body.ObjectPaths);
    return all
      .filter((p) => p.Name === 'GetRanges')
      .map((p) => ({
        address: String(p.ArgumentInfo?.Arguments?.[0]),
        then: all.filter((c) => c.ParentObjectPathId === p.Id).map((c) => c.Name),
      }));
  });
}

describe.each(['quarterly-performance-report.xlsx', 'norfolk-2019-refresh.xlsx'])('colouring %s', (file) => {
  it('in a ";" locale: no address of several areas joined by ","', async () => {
    const bodies = await colourRequests(exampleSnapshot(file), ';');
    expect(bodies.length).toBe(2);
    for (const { address } of getRanges(bodies)) expect(address).not.toContain(',');
  });

  it('lists and clears are written area by area; only a rule over several areas names several', async () => {
    const bodies = await colourRequests(exampleSnapshot(file), ',');
    for (const { address, then } of getRanges(bodies)) {
      expect(then).toEqual(['ConditionalFormats']);
      expect(address.split(',').length).toBeGreaterThan(1);
    }
    const plan = colourPlan(analyse(exampleSnapshot(file), { today: EXAMPLE_DATE }));
    const several = plan.edits
      .flatMap((e) => (e.kind === 'live-colours' ? e.rules : []))
      .filter((r) => r.ranges.length > 1);
    expect(getRanges(bodies)).toHaveLength(several.length);
  });

  it('never asks for merged areas in the change', async () => {
    const bodies = await colourRequests(exampleSnapshot(file), ',');
    expect(paths(bodies).some((p) => /MergedAreas/i.test(p.Name))).toBe(false);
  });
});

describe('merged areas in the read', () => {
  const mergeRequests = async (snapshot: WorkbookSnapshot): Promise<Body[]> => {
    const bodies: Body[] = [];
    const questions = mergesNeeded(analyse(snapshot, { today: EXAMPLE_DATE }));
    await readMerges(recorder(bodies), snapshot, questions).catch(() => undefined);
    return bodies;
  };

  it('are asked for where a table could hide one (the quarterly example merges refs down rows)', async () => {
    const bodies = await mergeRequests(exampleSnapshot('quarterly-performance-report.xlsx'));
    expect(paths(bodies).filter((p) => p.Name === 'GetMergedAreasOrNullObject').length).toBeGreaterThan(0);
  });

  it('are not asked for where every cell of every table is filled', async () => {
    const snapshot = exampleSnapshot('norfolk-2019-refresh.xlsx');
    const analysis = analyse(snapshot, { today: EXAMPLE_DATE });
    for (const theme of analysis.themes)
      for (const row of theme.layout.sheet.cells.slice(theme.actions[0].row, theme.actions.at(-1)!.row + 1))
        for (let c = theme.layout.firstCol; c <= theme.layout.lastCol; c++)
          if (!row[c] || row[c].kind === 'empty') row[c] = { kind: 'text', text: 'n/a' };
    expect(mergesNeeded(analyse(snapshot, { today: EXAMPLE_DATE }))).toEqual([]);
    expect(await mergeRequests(snapshot)).toEqual([]);
  });
});
