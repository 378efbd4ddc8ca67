// A bare address: the browser that once opened the full address (#token=…) keeps working from a bookmark or a
// new tab; any other browser gets a Chinese page saying what happened and how to get back in.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, screenshot, startApp, type RunningApp } from './support/app';
import { PoolPage } from './support/pages';

let app: RunningApp;
let stranger: Browser;

beforeAll(async () => {
  app = await startApp();
  stranger = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await stranger?.close();
  await app?.close();
});

describe('opening the bare address', () => {
  it('shows a fresh browser the Chinese page with the way back in, and no data', async () => {
    const context = await stranger.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const answers: number[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) answers.push(r.status());
    });
    await page.goto(app.bridge.url);
    const locked = page.getByTestId('locked-out');
    await locked.waitFor();
    const text = await locked.innerText();
    expect(text).toContain('请用启动时打印的完整地址打开');
    expect(text).toContain('npm start');
    expect(text).toContain(`${app.bridge.url}#token=…`);
    expect(await page.locator('[data-testid="pool-table"]').count()).toBe(0);
    expect(answers).toEqual([401]); // the one session check, refused; nothing else was asked
    await screenshot(page, 'access-locked-out-1280');

    // then the full address: the same browser is let in, and from then on the bare address works too
    await page.goto(app.bridge.openUrl);
    await new PoolPage(page).waitForRows(11);
    const bare = await context.newPage();
    await bare.goto(app.bridge.url);
    await new PoolPage(bare).waitForRows(11);
    await context.close();
  });

  it('keeps working in a new tab of the browser that opened the full address, with the cookie the page cannot read', async () => {
    const context = app.page.context();
    const cookies = await context.cookies(app.bridge.url);
    const session = cookies.find((c) => c.name === `champion-pool-session-${app.bridge.port}`);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', domain: '127.0.0.1' });
    const tab = await context.newPage();
    await tab.goto(`${app.bridge.url}#/pool`);
    await new PoolPage(tab).waitForRows(11);
    expect(await tab.evaluate(() => sessionStorage.getItem('champion-pool-token'))).toBeNull(); // no token in this tab
    expect(await tab.evaluate(() => document.cookie)).toBe(''); // HttpOnly
    await tab.close();
  });

  it('shows the page to a browser holding a wrong cookie', async () => {
    const context = await stranger.newContext({ locale: 'zh-CN' });
    await context.addCookies([{ name: `champion-pool-session-${app.bridge.port}`, value: 'not-the-session', domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    await page.goto(app.bridge.url);
    await page.getByTestId('locked-out').waitFor();
    await context.close();
  });
});
