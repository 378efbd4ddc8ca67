// Layer 1: start the app as browser mode does (a data file, the service, the bridge serving out/renderer)
// and a fresh headless Chromium on it. `reset()` gives a test its own start state: the data file as it was
// at start (the default 2023 pool), a new service (no cached evaluation) and a freshly loaded page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../db/bridge';
import type { Method, MethodInput, MethodOutput } from '../../db/contract';
import { openPoolDb, type PoolDb } from '../../db/open';
import { copyDatabase } from '../../db/snapshots';
import { closeService, createService, dispatch, type Service } from '../../db/service';

const UI_DIR = path.resolve(import.meta.dirname, '../../out/renderer');
// Import files are read on the import thread browser mode starts (built beside the CLI by npm run build).
const IMPORT_WORKER = path.resolve(import.meta.dirname, '../../out/cli/importWorker.mjs');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts');
const ACTOR = 'e2e-analyst';

export interface StartOptions {
  /** The service's today (YYYY-MM-DD) for 总览's calendar and the 诉求台账's overdue, instead of the machine's clock. */
  today?: string;
}

export interface RunningApp {
  page: Page;
  bridge: Bridge;
  /** The open data file (a new handle after each reset). */
  readonly handle: PoolDb;
  dir: string;
  /** Puts the data file back as it was at start and reloads the page on it (returns once it is loaded). */
  reset(): Promise<void>;
  /** Calls the service the page uses (to reach a test's start state quickly); throws on an error answer. */
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): Promise<void>;
}

/** The service with `today` put into every 总览 request that does not name one. */
function withToday(service: Service, today: string | undefined): Service {
  if (!today) return service;
  return { ...service, 'overview.get': (input: MethodInput<'overview.get'>) => service['overview.get']({ ...input, today: input.today ?? today }) } as Service;
}

export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  if (!fs.existsSync(path.join(UI_DIR, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'champion-e2e-'));
  const file = path.join(dir, 'data.sqlite');
  const pristine = path.join(dir, 'pristine.sqlite');
  const events: { bridge?: Bridge } = {};
  const open = () => {
    const handle = openPoolDb({ file, create: 'default' });
    const threaded = createService({ db: handle.db, dataFile: handle.file, actor: ACTOR, appVersion: 'e2e', onChange: () => events.bridge?.emit('data:changed'), importWorker: IMPORT_WORKER, today: options.today ? () => options.today! : undefined });
    // `threaded` owns the import thread, closed with it before the file is.
    return { handle, service: withToday(threaded, options.today), threaded };
  };
  let current = open();
  copyDatabase(current.handle.db, pristine);
  // The bridge keeps one service object; it answers with whichever data file is current.
  const service = new Proxy({} as Service, { get: (_, method) => current.service[method as Method] });
  const bridge = await startBridge({ service, staticDir: UI_DIR });
  events.bridge = bridge;
  const context: BrowserContext = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(bridge.openUrl);
  return {
    page,
    bridge,
    get handle() {
      return current.handle;
    },
    dir,
    async call(method, input) {
      const answer = await dispatch(current.service, method, input);
      if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
      return answer.data as never;
    },
    async reset() {
      await closeService(current.threaded);
      current.handle.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
      fs.copyFileSync(pristine, file);
      current = open();
      // Nothing of the last test survives: its stored choices (language, criteria set) are cleared, then the
      // page is loaded anew from the address browser mode prints (route, drawers and caches start over).
      await page.evaluate(() => localStorage.clear());
      await page.goto('about:blank');
      await page.goto(bridge.openUrl);
    },
    async close() {
      await context.close();
      await bridge.close();
      await closeService(current.threaded);
      current.handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}
