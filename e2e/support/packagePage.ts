// Layers 2 and 3 for 报送包: where things are, and the steps a city analyst takes there (choose packages,
// read the preview, merge, settle a conflict).
import type { Page } from 'playwright-core';

export class PackagePage {
  constructor(readonly page: Page) {}

  section = () => this.page.getByTestId('package');
  report = () => this.page.getByTestId('pk-report');
  packages = () => this.report().getByTestId('pk-package');
  totals = () => this.page.getByTestId('pk-totals');
  previewConflicts = () => this.report().getByTestId('pk-conflict');
  done = () => this.page.getByTestId('pk-done');
  error = () => this.page.getByTestId('pk-error');
  openConflicts = () => this.page.getByTestId('pk-open-conflict');
  districts = () => this.page.getByTestId('pk-district-row');
  keys = () => this.page.getByTestId('pk-key-row');

  /** Holds a district's public key (the PEM text pasted) and waits until it is listed. */
  async holdKey(district: string, pem: string) {
    await this.page.getByTestId('pk-key-district').fill(district);
    await this.page.getByTestId('pk-key-pem').fill(pem);
    await this.page.getByTestId('pk-key-save').click();
    await this.page.getByTestId('pk-key-done').waitFor();
    await this.keys().filter({ hasText: district }).waitFor();
  }

  async removeKey(district: string) {
    const row = this.keys().filter({ hasText: district });
    await row.getByTestId('pk-key-remove').click();
    await row.waitFor({ state: 'detached' });
  }

  async open() {
    await this.page.locator('a[data-nav="package"]').click();
    await this.section().waitFor();
  }

  /** Chooses package files and waits for the preview (or the refusal). */
  async choose(files: { name: string; bytes: Buffer }[]) {
    await this.page.getByTestId('pk-files').setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: f.bytes })));
    await this.page.locator('[data-testid="pk-report"], [data-testid="pk-error"]').first().waitFor();
  }

  async merge() {
    await this.page.getByTestId('pk-apply').click();
    await this.done().waitFor();
  }

  /** Picks one district's value for the open conflict about `firm` and waits until it is settled. */
  async resolve(firm: string, district: string) {
    const item = this.openConflicts().filter({ hasText: firm });
    await item.getByRole('radio', { name: new RegExp(`^${district}：`) }).check();
    await item.getByTestId('pk-resolve').click();
    await item.waitFor({ state: 'detached' });
  }
}
