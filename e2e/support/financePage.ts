// Layers 2 and 3 for 融资需求名单: where things are, and the steps an analyst takes there.
import fs from 'node:fs';
import type { Page } from 'playwright-core';

export class FinancePage {
  constructor(readonly page: Page) {}

  section = () => this.page.getByTestId('finance-section');
  table = () => this.page.getByTestId('fn-table');
  row = (project: string) => this.table().locator('tbody tr[data-need]', { hasText: project });
  totals = () => this.page.getByTestId('fn-totals');

  async open() {
    await this.page.locator('a[data-nav="finance"]').click();
    await this.section().waitFor();
  }

  /** Adds a need through the form; the firm is picked by name from the pool (its code fills in). */
  async addNeed(n: { firm: string; project: string; amount: string; purpose: string; method: string; term?: string }) {
    await this.page.getByTestId('fn-add').click();
    const form = this.page.getByTestId('fn-form');
    await form.locator('input[name="name"]').fill(n.firm);
    await form.locator('input[name="project"]').fill(n.project);
    await form.locator('input[name="amount"]').fill(n.amount);
    await form.locator('select[name="purpose"]').selectOption(n.purpose);
    await form.locator('select[name="method"]').selectOption(n.method);
    if (n.term) await form.locator('input[name="term"]').fill(n.term);
    await this.page.getByTestId('fn-save').click();
    await this.row(n.project).waitFor();
  }

  async openNeed(project: string) {
    await this.row(project).getByTestId('fn-open').click();
    await this.page.getByTestId('fn-push-form').waitFor();
  }

  async push(project: string, banks: string[], date: string) {
    await this.page.getByTestId('fn-push-banks').fill(banks.join('、'));
    await this.page.getByTestId('fn-push-date').fill(date);
    await this.page.getByTestId('fn-push-save').click();
    for (const b of banks) await this.row(project).locator(`li[data-bank="${b}"]`).waitFor();
  }

  async recordResult(project: string, bank: string, result: string, fields: { credit?: string; loan?: string; reason?: string }) {
    await this.page.getByTestId('fn-result-bank').selectOption(bank);
    await this.page.getByTestId('fn-result-value').selectOption(result);
    if (fields.credit) await this.page.getByTestId('fn-result-credit').fill(fields.credit);
    if (fields.loan) await this.page.getByTestId('fn-result-loan').fill(fields.loan);
    if (fields.reason) await this.page.getByTestId('fn-result-reason').fill(fields.reason);
    await this.page.getByTestId('fn-result-save').click();
    await this.row(project).locator(`li[data-bank="${bank}"]`, { hasText: result }).waitFor();
  }

  /** Exports the list pushed to one bank; returns the download's name and bytes. */
  async exportBank(bank: string): Promise<{ name: string; bytes: Buffer }> {
    await this.page.getByTestId('fn-export-bank').selectOption(bank);
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('fn-export-bank-xlsx').click()]);
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
  }
}
