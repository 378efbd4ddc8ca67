// Layers 2 and 3 for 对标分析: where the charts are, and the steps an analyst takes there.
import fs from 'node:fs';
import type { Page } from 'playwright-core';

export type ChartId = 'bars' | 'quadrant' | 'trend' | 'matrix' | 'funnel';

export class BenchmarkPage {
  constructor(readonly page: Page) {}

  card = (chart: ChartId) => this.page.locator(`section[data-chart="${chart}"]`);
  sampleNote = () => this.page.getByTestId('benchmark-sample');

  async open() {
    await this.page.locator('a[data-nav="benchmark"]').click();
    await this.page.getByTestId('benchmark').waitFor();
  }

  /** Opens a chart's tab and waits until it has drawn at least one mark of `selector`. */
  async show(chart: ChartId, selector: string) {
    await this.page.locator(`.bm-tabs button[data-tab="${chart}"]`).click();
    await this.card(chart).locator(selector).first().waitFor();
  }

  async count(chart: ChartId, selector: string): Promise<number> {
    return this.card(chart).locator(selector).count();
  }

  async attrs(chart: ChartId, selector: string, name: string): Promise<(string | null)[]> {
    return this.card(chart)
      .locator(selector)
      .evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);
  }

  async texts(chart: ChartId, selector: string): Promise<string[]> {
    return this.card(chart)
      .locator(selector)
      .evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
  }

  /** Texts of SVG labels from the top of the chart down. */
  async textsTopDown(chart: ChartId, selector: string): Promise<string[]> {
    const items = await this.card(chart)
      .locator(selector)
      .evaluateAll((els) => els.map((e) => ({ y: Number(e.getAttribute('y')), text: (e.textContent ?? '').trim() })));
    return items.sort((a, b) => a.y - b.y).map((i) => i.text);
  }

  /** Clicks the chart's PNG export; returns the suggested file name and the file's bytes. */
  async exportPng(chart: ChartId): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`export-${chart}`).click()]);
    const file = await download.path();
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
  }
}
