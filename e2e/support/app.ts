// Layer 1: start the app as browser mode does (a data file, the service, the bridge serving out/renderer)
// and a fresh headless Chromium on it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../db/bridge';
import { openPoolDb, type PoolDb } from '../../db/open';
import { createService } from '../../db/service';

const UI_DIR = path.resolve(import.meta.dirname, '../../out/renderer');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts');

export interface RunningApp {
  page: Page;
  bridge: Bridge;
  handle: PoolDb;
  dir: string;
  close(): Promise<void>;
}

export async function startApp(): Promise<RunningApp> {
  if (!fs.existsSync(path.join(UI_DIR, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'champion-e2e-'));
  const handle = openPoolDb({ file: path.join(dir, 'data.sqlite'), create: 'default' });
  const events: { bridge?: Bridge } = {};
  const service = createService({ db: handle.db, dataFile: handle.file, actor: 'e2e-analyst', appVersion: 'e2e', onChange: () => events.bridge?.emit('data:changed') });
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
    handle,
    dir,
    async close() {
      await context.close();
      await bridge.close();
      handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}
