// Layers 2 and 3 for 推荐名单 and its report: where things are, and the steps an analyst takes there.
import fs from 'node:fs';
import type { Page } from 'playwright-core';

export class ShortlistPage {
  constructor(readonly page: Page) {}

  section = () => this.page.getByTestId('shortlist');
  list = () => this.page.getByTestId('sl-list');
  create = () => this.page.getByTestId('sl-create');
  proposal = () => this.page.getByTestId('sl-proposal');
  detail = () => this.page.getByTestId('sl-detail');
  entries = () => this.page.getByTestId('sl-entries');
  row = (firm: string) => this.entries().locator(`tbody tr[data-firm="${firm}"]`);
  history = () => this.page.getByTestId('sl-history');
  outcome = () => this.page.getByTestId('sl-export-outcome');

  async open() {
    await this.page.locator('a[data-nav="shortlist"]').click();
    await this.section().waitFor();
  }

  /** Opens the form and waits for the proposal; returns the proposed firms in order. */
  async openProposal(): Promise<string[]> {
    await this.page.getByTestId('sl-new').click();
    await this.proposal().locator('li').first().waitFor();
    return this.proposal()
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-firm') ?? ''));
  }

  async untick(firm: string) {
    await this.proposal().locator(`li[data-firm="${firm}"] input[type="checkbox"]`).uncheck();
  }

  async submitProposal() {
    await this.page.getByTestId('sl-create-submit').click();
    await this.entries().waitFor();
  }

  /** Firm names in the shortlist's order. */
  async names(): Promise<string[]> {
    return this.entries()
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-firm') ?? ''));
  }

  /** Waits until the table shows exactly these firms in this order. */
  async waitForOrder(names: string[]) {
    await this.page.waitForFunction(
      (expected) => {
        const got = [...document.querySelectorAll('[data-testid="sl-entries"] tbody tr')].map((tr) => tr.getAttribute('data-firm'));
        return JSON.stringify(got) === JSON.stringify(expected);
      },
      names,
    );
  }

  async moveUp(firm: string) {
    await this.row(firm).getByTestId('sl-up').click();
  }

  async setStatus(firm: string, status: 'draft' | 'recommended' | 'withdrawn') {
    await this.row(firm).getByTestId('sl-status').selectOption(status);
    await this.page.locator(`[data-testid="sl-entries"] tr[data-firm="${firm}"][data-status="${status}"]`).waitFor();
  }

  async writeNote(firm: string, note: string) {
    const input = this.row(firm).getByTestId('sl-note');
    await input.fill(note);
    await input.press('Enter');
    await this.history().getByText(note, { exact: false }).first().waitFor();
  }

  async addFirm(search: string, firm: string) {
    await this.page.getByTestId('sl-add-search').fill(search);
    await this.page.getByTestId('sl-found').getByRole('button', { name: `添加 ${firm}` }).click();
    await this.row(firm).waitFor();
  }

  /** Clicks an export button and returns the download's suggested name and bytes. */
  async export(format: 'xlsx' | 'csv'): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`sl-export-${format}`).click()]);
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
  }

  /** Opens the printable report and waits until it says it is ready. */
  async openReport() {
    await this.page.getByTestId('sl-print').click();
    await this.page.locator('[data-report-ready="true"]').waitFor({ timeout: 30_000 });
  }
}
