// 标准库: where things are on the criteria screen, and the steps an analyst takes there.
import path from 'node:path';
import type { Page } from 'playwright-core';

export class CriteriaPage {
  constructor(readonly page: Page) {}

  sets = () => this.page.getByTestId('criteria-sets').locator('button[data-set]');
  detail = () => this.page.getByTestId('set-detail');
  criterion = (id: string) => this.detail().getByTestId(`criterion-${id}`);
  toggle = (id: string) => this.page.getByTestId(`toggle-${id}`);

  async open() {
    await this.page.locator('a[data-nav="criteria"]').click();
    await this.detail().waitFor();
  }

  async openSet(id: string) {
    await this.page.getByTestId('criteria-sets').locator(`button[data-set="${id}"]`).click();
    await this.page.locator(`[data-testid="set-detail"][data-set="${id}"]`).waitFor();
  }

  /** Flips a criterion's switch and waits until the page shows the new state. */
  async switchTo(id: string, on: boolean) {
    await this.toggle(id).click();
    await this.page.locator(`[data-testid="criterion-${id}"][data-effective="${on ? 'on' : 'off'}"]`).waitFor();
    await this.page.locator(`[data-testid="toggle-${id}"]:not([disabled])`).waitFor();
  }

  /** The colour the criterion's wording is drawn in (greyed criteria use the muted colour). */
  textColour(id: string): Promise<string> {
    return this.criterion(id).locator('.cl-text').evaluate((el) => getComputedStyle(el).color);
  }

  // 导入标准, 删除 and 对比.
  importOutcome = () => this.page.getByTestId('criteria-import-outcome');
  compareRows = () => this.page.getByTestId('compare-row');

  async showView(view: 'sets' | 'import' | 'compare') {
    await this.page.getByTestId(`cl-view-${view}`).click();
  }

  /** Chooses a criteria file and imports it; resolves with what the page says (done, or why refused). */
  async importFile(file: string): Promise<string> {
    await this.showView('import');
    await this.page.getByTestId('criteria-file').setInputFiles(file);
    await this.page.getByTestId('criteria-import-go').click();
    // A refusal stays on the import view; success opens the new set, whose origin names the file. (Any set's origin
    // would do too early: the set chosen before may be shown for a moment on the way back to the list.)
    const added = this.detail().getByTestId('set-origin').filter({ hasText: path.basename(file) });
    await Promise.race([this.importOutcome().waitFor(), added.waitFor()]);
    if (await this.importOutcome().isVisible()) return (await this.importOutcome().textContent()) ?? '';
    return (await this.detail().getAttribute('data-set')) ?? '';
  }

  /** Compares two sets over the pool chosen in the top bar; waits for the table. */
  async compare(from: string, to: string) {
    await this.showView('compare');
    await this.page.getByTestId('compare-from').selectOption(from);
    await this.page.getByTestId('compare-to').selectOption(to);
    await this.page.locator(`[data-testid="compare-table"] th:has-text("${to}")`).waitFor();
    await this.compareRows().first().waitFor();
  }

  /** The compare table as rows of [firm, from, to, change]. */
  async compareTable(): Promise<string[][]> {
    return this.compareRows().evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent ?? '')));
  }

  /** Exports the comparison; resolves with the downloaded file's name and path. */
  async exportCompare(): Promise<{ name: string; path: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('compare-export').click()]);
    return { name: download.suggestedFilename(), path: (await download.path()) ?? '' };
  }

  /** Removes the open (added) set, accepting the confirmation, and waits until it is gone from the list. */
  async removeOpenSet() {
    const id = await this.detail().getAttribute('data-set');
    this.page.once('dialog', (d) => void d.accept());
    await this.page.getByTestId('remove-set').click();
    await this.page.locator(`[data-testid="criteria-sets"] button[data-set="${id}"]`).waitFor({ state: 'detached' });
  }

  /** Switches off Shandong's recommendation condition (cn-champion-2023 criterion 8, a provincial title) through
   * the page, as an analyst can, for tests of other features on the national standard alone; then goes back to
   * the screen it started from. */
  async nationalStandardOnly() {
    const start = this.page.url();
    await this.open();
    await this.openSet('cn-champion-2023');
    await this.switchTo('8', false);
    await this.page.goto(start);
    await this.page.reload();
  }
}
