// Layers 2 and 3 for 诉求台账: where its parts are and the steps an analyst takes there (recording a request,
// moving it on in the side panel, reading the statistics, importing a ledger).
import type { Page } from 'playwright-core';

export class RequestsPage {
  constructor(readonly page: Page) {}

  section = () => this.page.getByTestId('requests');
  panel = () => this.page.getByTestId('rq-panel');
  table = () => this.page.getByTestId('rq-table');
  row = (id: number) => this.table().locator(`tr[data-request="${id}"]`);

  async open() {
    await this.page.locator('a[data-nav="requests"]').click();
    await this.table().waitFor();
  }

  async asOf(day: string) {
    await this.page.getByTestId('rq-asof').fill(day);
    await this.page.locator(`[data-testid="rq-counts"][data-asof="${day}"]`).waitFor();
  }

  async tab(name: 'ledger' | 'stats' | 'import') {
    await this.page.locator(`button[data-tab="${name}"]`).click();
  }

  /** Fills the side panel's form (fields by name) and saves; returns the request's id from the ledger's selection. */
  async add(fields: Record<string, string>): Promise<number> {
    await this.page.getByTestId('rq-add').click();
    const form = this.page.getByTestId('rq-form');
    await form.waitFor();
    await this.fill(form, fields);
    await this.page.getByTestId('rq-save').click();
    await form.waitFor({ state: 'detached' });
    const selected = this.table().locator('tr.is-selected');
    await selected.waitFor();
    return Number(await selected.getAttribute('data-request'));
  }

  /** One step in the side panel: 交办 (handover), progress, 办结 (finish) or 回访 (visit). */
  async step(action: 'handover' | 'progress' | 'finish' | 'visit', fields: Record<string, string>) {
    await this.panel().locator(`button[data-action="${action}"]`).click();
    const form = this.page.getByTestId('rq-step');
    await this.fill(form, fields);
    await this.page.getByTestId('rq-step-save').click();
    await form.waitFor({ state: 'detached' });
  }

  private async fill(form: ReturnType<Page['getByTestId']>, fields: Record<string, string>) {
    for (const [name, value] of Object.entries(fields)) {
      const control = form.locator(`[data-field="${name}"]`);
      if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(value);
      else await control.fill(value);
    }
  }

  /** Waits until the side panel shows this status (it reloads the request after each step). */
  async expectStatus(status: string): Promise<void> {
    await this.panel().locator(`.rq-panel-status [data-status="${status}"]`).waitFor();
  }

  async light(id: number): Promise<string | null> {
    const l = this.row(id).locator('[data-light]');
    return (await l.count()) ? l.getAttribute('data-light') : null;
  }

  /** A row of a statistics table: its metrics by name. */
  async statsRow(table: 'department' | 'category' | 'town' | 'month', key: string): Promise<Record<string, string>> {
    const row = this.page.getByTestId(`rq-stats-${table}`).locator(`tr[data-key="${key}"]`);
    await row.waitFor();
    const cells = await row.locator('td[data-metric]').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-metric') ?? '', (td.textContent ?? '').trim()]));
    return Object.fromEntries(cells);
  }
}
