// What crosses the wire in browser mode, seen from Chromium: an import file goes up once as the raw body of
// POST /api/upload and every analyse names it by id (no base64, no big JSON); and the strict CSP (no inline
// styles) holds on every screen — the page raises no securitypolicyviolation anywhere.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { RefreshPage } from './support/refreshPage';

let app: RunningApp;
const posts: { path: string; bytes: number; body: string | null }[] = [];
/** What the bridge answered to each upload (the bytes it stored). */
const receipts: unknown[] = [];

beforeAll(async () => {
  app = await startApp();
  await app.page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  await app.page.reload();
  app.page.on('request', (r) => {
    if (r.method() !== 'POST') return;
    const body = r.postDataBuffer();
    const path = new URL(r.url()).pathname;
    posts.push({ path, bytes: body?.length ?? 0, body: path === '/api/upload' ? null : (body?.toString('utf8') ?? null) });
  });
  app.page.on('response', (r) => {
    if (new URL(r.url()).pathname === '/api/upload') void r.json().then((j: unknown) => receipts.push(j));
  });
});
afterAll(async () => {
  await app?.close();
});

const violations = () => app.page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

describe('browser mode on the wire', () => {
  it('uploads an import file once as its raw bytes, and names it by id in every analyse', async () => {
    const refresh = new RefreshPage(app.page);
    await refresh.open();
    const csv = '统一社会信用代码,企业名称,年度,营业收入\n' + '91370405MA3L7M5B1K,汉庄数控,2022,44408.6\n'.repeat(2000);
    posts.length = 0;
    await refresh.choose('台儿庄区.csv', csv);
    await app.page.getByTestId('rf-encoding').selectOption('gbk');
    await refresh.settled();

    const uploads = posts.filter((p) => p.path === '/api/upload');
    expect(uploads).toHaveLength(1);
    expect(receipts).toEqual([{ ok: true, data: { upload: expect.any(String), bytes: Buffer.byteLength(csv) } }]);
    const analyses = posts.filter((p) => p.path === '/api/import.analyse').map((p) => JSON.parse(p.body!) as Record<string, unknown>);
    expect(analyses.length).toBeGreaterThanOrEqual(2);
    for (const input of analyses) {
      expect(input).toMatchObject({ fileName: '台儿庄区.csv', upload: expect.stringMatching(/^[A-Za-z0-9_-]{16,64}$/) });
      expect(input).not.toHaveProperty('base64');
    }
    expect(new Set(analyses.map((a) => a.upload)).size).toBe(1);
    expect(Math.max(...posts.filter((p) => p.path !== '/api/upload').map((p) => p.bytes))).toBeLessThan(4096);
  });

  it('shows every screen under the CSP without inline styles, with no violation', async () => {
    const page = app.page;
    // Each screen is shown once its calls are answered. Not "networkidle": the live-update stream stays open.
    const inflight = new Set<unknown>();
    page.on('request', (r) => {
      if (/\/api\/(?!events)/.test(r.url())) inflight.add(r);
    });
    page.on('requestfinished', (r) => inflight.delete(r));
    page.on('requestfailed', (r) => inflight.delete(r));
    for (const section of ['overview', 'pool', 'benchmark', 'shortlist', 'refresh', 'criteria']) {
      await page.locator(`a[data-nav="${section}"]`).click();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await vi.waitFor(() => expect(inflight.size).toBe(0), { timeout: 20_000 });
    }
    await page.evaluate(() => (window.location.hash = '#/firm/1'));
    await page.getByTestId('firm-name').waitFor();
    await page.locator('a[data-nav="overview"]').click();
    await page.locator('.recharts-surface').first().waitFor();
    expect(await violations()).toEqual([]);
    // The listener does see a violation: an inline style attribute set through markup is blocked and reported.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<div style="color: red">x</div>'));
    await page.waitForFunction(() => (window as unknown as { cspViolations: string[] }).cspViolations.length > 0);
    expect((await violations())[0]).toMatch(/^style-src-attr inline/);
  });
});
