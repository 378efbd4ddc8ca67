// Layers 2 and 3 for 上市后备库 and 奖补兑现: where things are, and the steps an analyst takes there.
import type { Page } from 'playwright-core';

export class ListingPage {
  constructor(readonly page: Page) {}

  section = () => this.page.getByTestId('listing-section');
  row = (name: string) => this.page.getByTestId('ls-table').locator(`tbody tr[data-name="${name}"]`);
  funnelLabels = () => this.page.getByTestId('ls-funnel').locator('.recharts-label-list text').allTextContents();
  context = () => this.page.getByTestId('ls-context');

  async open() {
    await this.page.locator('a[data-nav="listing"]').click();
    await this.section().waitFor();
  }

  async recordStage(name: string, stage: string, date: string, reason?: string) {
    await this.row(name).getByTestId('ls-open').click();
    const form = this.page.getByTestId('ls-stage-form');
    await form.getByTestId('ls-stage').selectOption(stage);
    await form.getByTestId('ls-stage-date').fill(date);
    if (reason) await form.getByTestId('ls-stage-reason').fill(reason);
    await form.getByTestId('ls-stage-save').click();
    await this.row(name).locator(`li[data-stage="${stage}"]`).waitFor();
  }
}

export class PayoutsPage {
  constructor(readonly page: Page) {}

  section = () => this.page.getByTestId('payouts-section');

  async open() {
    await this.page.locator('a[data-nav="payouts"]').click();
    await this.section().waitFor();
  }

  async add(p: { name: string; creditCode: string; kind: string; title?: string; year: number; amount: string }) {
    await this.page.getByTestId('py-add').click();
    const form = this.page.getByTestId('py-form');
    await form.locator('input[name="name"]').fill(p.name);
    await form.locator('input[name="creditCode"]').fill(p.creditCode);
    await form.locator('select[name="kind"]').selectOption(p.kind);
    if (p.title) await form.locator('select[name="titleCode"]').selectOption(p.title);
    await form.locator('input[name="year"]').fill(String(p.year));
    await form.locator('input[name="amount"]').fill(p.amount);
    await this.page.getByTestId('py-save').click();
    await form.waitFor({ state: 'detached' });
  }
}
