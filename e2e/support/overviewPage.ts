// Layers 2 and 3 for 总览: where its parts are, the steps an analyst takes there, and the service's own answer
// (asked over the bridge, as the page asks it) to compare the page with.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import type { Method, MethodInput, MethodOutput } from '../../db/contract';
import type { RunningApp } from './app';

export class OverviewPage {
  constructor(
    readonly app: RunningApp,
    readonly page: Page = app.page,
  ) {}

  card = (id: 'gradient' | 'rewards' | 'targets' | 'calendar' | 'status' | 'history' | 'kpis') => this.page.getByTestId(`ov-${id}`);
  drawer = () => this.page.getByTestId('ov-drawer');

  async open() {
    await this.page.locator('a[data-nav="overview"]').click();
    await this.page.getByTestId('ov-kpis').waitFor();
  }

  async text(testId: string): Promise<string> {
    return ((await this.page.getByTestId(testId).first().textContent()) ?? '').trim();
  }

  /** Opens the list behind a number and returns the firm names and their links. */
  async listBehind(click: () => Promise<void>, shot?: (page: Page) => Promise<void>): Promise<{ title: string; names: string[]; links: string[] }> {
    await click();
    const d = this.drawer();
    await d.waitFor();
    await shot?.(this.page);
    const title = ((await d.locator('h2').textContent()) ?? '').trim();
    const names = await d.locator('ol.ov-firms a').allTextContents();
    const links = await d.locator('ol.ov-firms a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    await this.page.getByTestId('ov-drawer-close').click();
    await d.waitFor({ state: 'detached' });
    return { title, names: names.map((n) => n.trim()), links };
  }

  /** Exports a chart of the page as PNG: the file's name and bytes. */
  async exportPng(chart: 'ov-funnel' | 'ov-rewards'): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`export-${chart}`).click()]);
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
  }

  /** Calls the service over the bridge with the page's token, as the UI does. */
  async service<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const res = await fetch(new URL(`api/${method}`, this.app.bridge.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.app.bridge.token}` },
      body: JSON.stringify(input),
    });
    const env = (await res.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
    if (!env.ok) throw new Error(`${method}: ${env.error?.message}`);
    return env.data as MethodOutput<M>;
  }

  /** Waits until a test id's text satisfies `test` (the page reloads after a write): checked on each change. */
  async waitForText(testId: string, test: (s: string) => boolean, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    let s = await this.text(testId);
    while (!test(s)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${testId}: still “${s}”`);
      // Until the text differs from the one just seen; then the condition is checked again.
      await this.page
        .waitForFunction(([id, seen]) => (document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').trim() !== seen, [testId, s] as const, { timeout: left })
        .catch(() => undefined);
      s = await this.text(testId);
    }
    return s;
  }
}
