// Layers 2 and 3 for 年度更新: where things are, and the steps an analyst takes there (download, choose a
// file, map a column, apply, undo, restore, the pool year).
import fs from 'node:fs';
import type { Page } from 'playwright-core';

export class RefreshPage {
  constructor(readonly page: Page) {}

  section = () => this.page.getByTestId('refresh');
  step = (id: 'download' | 'file' | 'mapping' | 'problems' | 'preview' | 'apply') => this.page.getByTestId(`rf-step-${id}`);
  mappingItem = (header: string) => this.page.locator(`[data-testid="rf-mapping"] li[data-header="${header}"]`);
  problems = () => this.page.getByTestId('rf-problems');
  errorRows = () => this.problems().locator('tbody tr[data-level="error"]');
  counts = () => this.page.getByTestId('rf-counts');
  changedFirm = (name: string) => this.page.locator(`[data-testid="rf-changed-firms"] tbody[data-firm="${name}"]`);
  newFirms = () => this.page.getByTestId('rf-new-firms');
  verdicts = () => this.page.getByTestId('rf-verdicts');
  applyButton = () => this.page.getByTestId('rf-apply');
  history = () => this.page.getByTestId('rf-history');
  snapshots = () => this.page.getByTestId('rf-snapshots');

  async open() {
    await this.page.locator('a[data-nav="refresh"]').click();
    await this.section().waitFor();
  }

  /** Clicks a download button and returns the download's suggested name and bytes. */
  async download(what: 'template' | 'data', format: 'xlsx' | 'csv'): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`rf-${what}-${format}`).click()]);
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
  }

  /** Chooses a file through the file input and waits until the service's analysis of it is shown. */
  async choose(name: string, text: string) {
    await this.page.getByTestId('rf-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    await this.page.locator(`[data-testid="rf-file-name"]`, { hasText: name }).waitFor();
    await this.settled();
  }

  /** Waits until no analysis runs (the progress bar is gone) and the steps show a report. */
  async settled() {
    await this.page.getByTestId('rf-analysing').waitFor({ state: 'detached' });
    await this.step('problems').locator('.rf-waiting').waitFor({ state: 'detached' });
  }

  async mapColumn(header: string, key: string) {
    await this.mappingItem(header).locator('select').selectOption(key);
    await this.page.locator(`[data-testid="rf-mapping"] li[data-header="${header}"]:not(.is-unrecognised) .rf-tag`).waitFor();
    await this.settled();
  }

  /** The preview's counts by name (rows, newFirms, …). */
  async countValues(): Promise<Record<string, number>> {
    return this.counts()
      .locator('[data-count]')
      .evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-count'), Number(e.querySelector('dd')?.textContent?.replaceAll(',', ''))])));
  }

  async apply() {
    await this.applyButton().click();
    await this.page.getByTestId('rf-applied').waitFor({ timeout: 30_000 });
  }

  async undo() {
    await this.history().getByTestId('rf-undo').click();
    await this.page.getByTestId('rf-undo-confirm').waitFor();
  }

  async confirmUndo(button = '确认撤销') {
    await this.page.getByTestId('rf-undo-confirm').getByRole('button', { name: button }).click();
    await this.page.getByTestId('rf-undone').waitFor({ timeout: 30_000 });
  }

  /** The later edits the undo confirmation lists, one text each. */
  async undoConflicts(): Promise<string[]> {
    const list = this.page.getByTestId('rf-undo-conflicts');
    if (!(await list.count())) return [];
    return list.locator('li').allTextContents();
  }

  /** Opens the restore question for a snapshot and returns what it says was done since. */
  async askRestore(snapshotReason: RegExp): Promise<string> {
    await this.snapshots().locator('li', { hasText: snapshotReason }).first().getByTestId('rf-restore').click();
    return (await this.page.getByTestId('rf-done-since').textContent()) ?? '';
  }

  async restore(snapshotReason: RegExp) {
    await this.snapshots().locator('li', { hasText: snapshotReason }).first().getByTestId('rf-restore').click();
    await this.page.getByTestId('rf-done-since').waitFor();
    await this.page.getByTestId('rf-restore-confirm').getByRole('button', { name: '确认恢复' }).click();
    await this.page.getByTestId('rf-restored').waitFor({ timeout: 30_000 });
  }

  async openPoolYear() {
    await this.page.getByTestId('rf-tab-poolYear').click();
    await this.page.getByTestId('rf-members').waitFor();
  }

  member = (name: string) => this.page.locator(`[data-testid="rf-member-table"] tr[data-firm="${name}"]`);

  async setMember(name: string, status: 'kept' | 'graduated' | 'removed' | 'new', reason: string) {
    const row = this.member(name);
    await row.getByTestId('rf-member-change').click();
    await row.getByTestId('rf-member-status').selectOption(status);
    await row.getByTestId('rf-member-reason').fill(reason);
    await row.getByTestId('rf-member-save').click();
    await this.page.locator(`[data-testid="rf-member-table"] tr[data-firm="${name}"][data-status="${status}"]`).waitFor();
  }
}
