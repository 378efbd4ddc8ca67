// Layers 2 and 3: where things are on each screen, and the steps an analyst takes there.
import type { Page } from 'playwright-core';

export class PoolPage {
  constructor(readonly page: Page) {}

  table = () => this.page.getByTestId('pool-table');
  rows = () => this.table().locator('tbody tr[data-index]');
  names = () => this.table().locator('tbody .firm-name');
  count = () => this.page.getByTestId('pool-count');
  banner = () => this.page.getByTestId('sample-banner');
  header = (column: string) => this.table().locator(`button[data-column="${column}"]`);

  async waitForRows(n: number) {
    await this.page.waitForFunction(
      (expected) => document.querySelectorAll('[data-testid="pool-table"] tbody .firm-name').length === expected,
      n,
    );
  }

  /** Waits until exactly these firms are shown (in any order): a count alone can match the previous answer. */
  async waitForNames(names: string[]) {
    await this.page.waitForFunction(
      (expected) => {
        const shown = [...document.querySelectorAll('[data-testid="pool-table"] tbody .firm-name')].map((e) => (e.firstChild?.textContent ?? '').trim()).sort();
        return JSON.stringify(shown) === JSON.stringify([...expected].sort());
      },
      names,
    );
  }

  /** Firm names in display order (without the sample tag). */
  async nameList(): Promise<string[]> {
    return this.names().evaluateAll((els) => els.map((e) => (e.firstChild?.textContent ?? '').trim()));
  }

  async column(column: string): Promise<string[]> {
    const index = await this.table()
      .locator('thead th button')
      .evaluateAll((bs, c) => bs.findIndex((b) => b.getAttribute('data-column') === c), column);
    return this.rows().evaluateAll((trs, i) => trs.map((tr) => tr.children[i]?.textContent?.trim() ?? ''), index);
  }

  /** Clicks a column header and waits until the rows of the new order are shown. */
  async sortBy(column: string, dir: 'ascending' | 'descending') {
    await this.header(column).click();
    await this.page.locator(`th[aria-sort="${dir}"] button[data-column="${column}"]`).waitFor();
    await this.page.locator('[data-testid="pool-table"]:not(.is-stale)').waitFor();
  }

  async filter(testId: 'filter-town' | 'filter-chain' | 'filter-title' | 'filter-verdict', value: string) {
    await this.page.getByTestId(testId).selectOption(value);
  }

  async search(text: string) {
    await this.page.getByRole('searchbox').fill(text);
  }

  async openFirm(name: string) {
    await this.table().locator('a.firm-link', { hasText: name }).click();
    await this.page.getByTestId('firm-name').waitFor();
  }
}

export class FirmPage {
  constructor(readonly page: Page) {}

  grid = () => this.page.getByTestId('figures-grid');
  history = () => this.page.getByTestId('firm-history');
  /** The history's text once its entries have loaded (until then it reads 正在加载…). */
  async historyText(): Promise<string> {
    await this.history().locator('li').first().waitFor();
    return (await this.history().textContent()) ?? '';
  }
  cell = (figure: string, year: number) => this.grid().locator(`tr[data-figure="${figure}"] td[data-year="${year}"]`);

  async value(figure: string, year: number): Promise<string> {
    return (await this.cell(figure, year).locator('.value').textContent())?.trim() ?? '';
  }

  async editFigure(figure: string, year: number, text: string, note?: string) {
    await this.grid().getByRole('button', { name: /编辑数据|Edit figures/ }).click();
    await this.cell(figure, year).locator('input').fill(text);
    if (note) await this.grid().locator('.note-input').fill(note);
    await this.grid().getByRole('button', { name: /^保存$|^Save$/ }).click();
  }
}
