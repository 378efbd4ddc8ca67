// P4 and P5 in Debian's Chromium against browser mode, started as `champion-pool serve` would be. Times are
// read inside the page (performance.now(), from the navigation's start) at the animation frame after the rows
// change, so they include the bridge round trip, React's render and layout.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { median, ROOT } from './measure';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROWS = '[data-testid="pool-table"] tbody tr[data-index]';

export interface Server {
  url: string;
  child: ChildProcess;
  close(): Promise<void>;
}

/** Browser mode's server as `npm start` runs it (the bundled CLI, `serve --db FILE --port 0`); resolves when it
 * prints the address to open. */
export function serve(db: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'out', 'cli', 'cli.mjs'), 'serve', '--db', db, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(out)?.[0];
      if (url) resolve({ url, child, close: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))) });
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
}

/** Milliseconds from navigation start to the frame after the first table rows appear. */
async function firstRows(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector(ROWS);
  return page.evaluate('window.__rowsAt') as Promise<number>;
}

/** Set before the page's own scripts: the time of the frame after rows first appear. */
const WATCH_ROWS = `window.__rowsAt = new Promise((resolve) => {
  const seen = () => document.querySelector(${JSON.stringify(ROWS)});
  const obs = new MutationObserver(() => { if (seen()) { obs.disconnect(); requestAnimationFrame(() => resolve(performance.now())); } });
  document.addEventListener('DOMContentLoaded', () => obs.observe(document.body, { childList: true, subtree: true }));
});`;

/** Milliseconds from `act` (run inside the page) to the frame after the table's first rows read differently.
 * Sent as text: the bench runs under tsx, whose helpers are not defined inside the page. */
function timeChange(page: Page, act: string): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const sig = () => [...document.querySelectorAll(${JSON.stringify(ROWS)})].slice(0, 5).map((r) => r.textContent).join('|');
    const table = document.querySelector('[data-testid="pool-table"]');
    const before = sig();
    const t0 = performance.now();
    const check = () => (sig() !== before && !table.classList.contains('is-stale') ? resolve(performance.now() - t0) : requestAnimationFrame(check));
    ${act};
    requestAnimationFrame(check);
  })`) as Promise<number>;
}

const click = (selector: string) => `document.querySelector(${JSON.stringify(selector)}).click()`;
const choose = (testId: string, index: number) =>
  `const s = document.querySelector('[data-testid="${testId}"]'); s.selectedIndex = ${index}; s.dispatchEvent(new Event('change', { bubbles: true }));`;

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return Math.round(usedSize / 1024 / 1024);
}

export interface TableFigures {
  firstRows: number;
  sortRevenue: number;
  sortName: number;
  filterTown: number;
  clearFilter: number;
  heapMb: number;
}

/** P4: a table of many firms. Each figure is the median over `runs` fresh page loads. */
export async function tableFigures(browser: Browser, server: Server, runs: number): Promise<TableFigures> {
  const all: TableFigures[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await context.addInitScript(WATCH_ROWS);
    const page = await context.newPage();
    const f: Partial<TableFigures> = { firstRows: await firstRows(page, server.url) };
    f.sortRevenue = await timeChange(page, click('button[data-column="revenue"]'));
    f.sortName = await timeChange(page, click('button[data-column="name"]'));
    f.filterTown = await timeChange(page, choose('filter-town', 1));
    f.clearFilter = await timeChange(page, choose('filter-town', 0));
    // Scroll the virtual rows through a few screens, then weigh the page's heap.
    for (let k = 0; k < 10; k++) await page.mouse.wheel(0, 3000);
    f.heapMb = await heapMb(page);
    all.push(f as TableFigures);
    await context.close();
  }
  const keys = Object.keys(all[0]) as (keyof TableFigures)[];
  return Object.fromEntries(keys.map((k) => [k, Math.round(median(all.map((a) => a[k])))])) as unknown as TableFigures;
}

/** P5: from starting the server process to the table's rows painted in an open browser. */
export async function coldStart(browser: Browser, db: string, runs: number): Promise<{ ms: number; serverMs: number }> {
  const totals: number[] = [];
  const servers: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await context.addInitScript(WATCH_ROWS);
    const page = await context.newPage();
    const t0 = performance.now();
    const server = await serve(db);
    const up = performance.now();
    const painted = await firstRows(page, server.url);
    totals.push(up - t0 + painted);
    servers.push(up - t0);
    await context.close();
    await server.close();
  }
  return { ms: Math.round(median(totals)), serverMs: Math.round(median(servers)) };
}
