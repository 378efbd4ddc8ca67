// 标准库: where things are on the criteria screen, and the steps an analyst takes there.
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
}
