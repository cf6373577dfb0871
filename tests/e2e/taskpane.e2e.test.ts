// The built task pane in headless Chromium, with the fake Office host loaded in
// place of office.js: a partner's session from opening the pane to a rebuilt
// overview. Screenshots of each state go to test-results/ (not committed).
import { promises as fs, existsSync, mkdtempSync } from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { AddressInfo } from 'net';
import { build } from 'esbuild';
import { BrowserContext, Page, chromium } from 'playwright-core';
import { exampleSnapshot } from '../../scripts/make-examples';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist-web');
const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

let server: http.Server;
let base: string;
let fakeOffice: string;
let context: BrowserContext;

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'application/javascript',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

beforeAll(async () => {
  if (!existsSync(path.join(DIST, 'taskpane.html')))
    throw new Error('dist-web/ is missing: run `npm run build:web` first.');
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\`.`);
  await fs.mkdir(RESULTS, { recursive: true });
  const bundle = await build({
    entryPoints: [path.join(__dirname, 'fake-office.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
  });
  fakeOffice = bundle.outputFiles[0].text;
  server = http.createServer(async (req, res) => {
    const file = path.join(DIST, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(DIST)) return void res.writeHead(403).end();
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  context = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'proforma-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 320, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
});

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function openPane(file: string, theme = '#FFFFFF'): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as unknown as { errors: string[] }).errors = errors;
  // Nothing leaves the machine: office.js comes from the fake, anything else external is refused.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    route.request().url() === OFFICE_JS
      ? route.fulfill({ body: fakeOffice, contentType: 'application/javascript' })
      : route.abort(),
  );
  const snapshot = exampleSnapshot(file);
  await page.addInitScript(
    (seed) => {
      (window as unknown as { __PROFORMA_SEED__: unknown }).__PROFORMA_SEED__ = seed;
    },
    { snapshot, theme },
  );
  await page.goto(`${base}/taskpane.html`);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(RESULTS, name), fullPage: true });
const state = <T>(page: Page, fn: string): Promise<T> =>
  page.evaluate(`(() => { const s = window.__fakeOffice.fake.state; return ${fn}; })()`) as Promise<T>;

describe('task pane in Chromium', () => {
  it('check, select, fix all, colour, rebuild, and the ribbon button', async () => {
    const page = await openPane('norfolk-2019-refresh.xlsx');
    await page.getByText('3 theme sheets, 17 actions; no overview yet').waitFor();
    await shot(page, '01-opened-and-checked.png');

    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByText('Not ready to send').waitFor();
    await page.getByRole('button', { name: /^Error at F11/ }).click();
    await page.waitForFunction(() => window.__fakeOffice.fake.state.selection !== null);
    expect(await state(page, 's.selection')).toEqual({ sheet: 'Offender Management', address: 'F11' });
    await shot(page, '02-issue-selected.png');

    await page.getByRole('button', { name: 'Fix all (6)' }).click();
    await page.getByText('Fixed 6 cells.').waitFor();
    expect(await state(page, "s.value('Prevention & Early Intervention', 'F5')")).toBe('A');
    expect(await state(page, "s.value('Offender Management', 'A6')")).toBe('OM2');
    await shot(page, '03-fixed-all.png');

    await page.getByRole('button', { name: 'Colour rows' }).click();
    await page.getByText(/^Colours are live on 3 sheets/).waitFor();
    // Live rules, not painted cells: strong colour on the status cells, then the row tint, per status.
    expect(await state(page, "s.sheet('Prevention & Early Intervention').rules.map((r) => r.fill).join(' ')")).toBe(
      '#D4351C #F6D7D2 #F47738 #FDE4D7 #00703C #CCE2D8 #B1B4B6 #EFF0F0',
    );
    expect(await state(page, "s.cell('Prevention & Early Intervention', 'F4').fill ?? null")).toBeNull();
    await shot(page, '04-coloured.png');

    await page.getByRole('button', { name: 'Rebuild overview' }).click();
    await page
      .getByText(
        /^Overview rebuilt: 3 themes, 17 actions, 2 rows left out — see Prevention & Early Intervention F9, Offender Management F11\./,
      )
      .waitFor();
    expect(await state(page, 's.sheets.map((x) => x.name)')).toEqual([
      'Overview',
      'Overview (previous)',
      'Prevention & Early Intervention',
      'Offender Management',
      'Rehabilitation & Resettlement',
      'Notes',
    ]);
    expect(await state(page, "s.value('Overview', 'A1')")).toBe('Action plan overview');
    await shot(page, '05-overview-rebuilt.png');

    // The ribbon's Rebuild overview: runs without the pane and completes its event.
    await page.evaluate(() => window.__fakeOffice.invoke('rebuildOverview'));
    expect(await page.evaluate(() => window.__fakeOffice.completed)).toBe(1);
    expect(await state(page, 's.sheets.filter((x) => x.name.startsWith("Overview")).length')).toBe(2);

    // Shown again after someone changed the workbook: the pane checks again by itself.
    await page.evaluate(() => window.__fakeOffice.fake.state.set('Rehabilitation & Resettlement', 'F4', 'Purple'));
    await page.evaluate(() => window.__fakeOffice.show());
    await page
      .getByText(/RAG value "Purple" is not on the scale/)
      .first()
      .waitFor();

    // A protected sheet: the pane says what to do and nothing is changed.
    // (The overview is rewritten in place, so it is the overview sheet's protection that stops a rebuild.)
    await page.evaluate(() => {
      window.__fakeOffice.fake.state.sheet('Overview')!.protected = true;
    });
    await page.getByRole('button', { name: 'Rebuild overview' }).click();
    await page
      .getByRole('alert')
      .getByText(/sheet "Overview" is protected/)
      .waitFor();
    await shot(page, '06-error-protected.png');
    expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('works by keyboard and follows a dark Office theme', async () => {
    const page = await openPane('quarterly-performance-report.xlsx', '#1F1F1F');
    await page.getByText(/4 theme sheets, 25 actions/).waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('main')!).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r + g + b).toBeLessThan(200);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Check');
    await page.keyboard.press('Enter');
    await page.getByText('Not ready to send').waitFor();
    await shot(page, '07-dark-theme.png');
    await page.close();
  });

  it('counts the syncs of each operation on the biggest example', async () => {
    const page = await openPane('quarterly-performance-report.xlsx');
    await page.getByText(/4 theme sheets, 25 actions/).waitFor();
    const counts: Record<string, number> = {};
    const measure = async (name: string, button: string, done: RegExp) => {
      await page.evaluate(() => window.__fakeOffice.fake.resetStats());
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.getByText(done).first().waitFor();
      counts[name] = await page.evaluate(() => window.__fakeOffice.fake.stats.syncs);
    };
    await measure('check', 'Check', /Not ready to send/);
    await measure('fix all', 'Fix all (2)', /^Fixed 2 cells\./);
    await measure('colour', 'Colour rows', /^Colours are live/);
    await measure('rebuild', 'Rebuild overview', /^Overview rebuilt/);
    await fs.writeFile(path.join(RESULTS, 'sync-counts.json'), JSON.stringify(counts, null, 2));
    console.log(`syncs per operation: ${JSON.stringify(counts)}`);
    // A check is two syncs (the sheets, then their cells); a change is the read it is planned from
    // plus one write sync (the new state is predicted, not read again).
    expect(counts).toEqual({ check: 2, 'fix all': 3, colour: 3, rebuild: 3 });
    await page.close();
  });
});
