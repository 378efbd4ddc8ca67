// 报送包 in the browser: the city (the default 2023 pool) merges two districts' packages, made here from two
// district data files. The preview lists each package and the one conflict (a district reporting another
// revenue than the city holds) before anything is written; after the merge the analyst settles the conflict in
// the UI, and the pool table shows a firm both districts reported once, naming both.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPoolDb } from '../db/open';
import { exportPackage } from '../db/package/exportPackage';
import { generateKeyPair, keyFingerprint } from '../db/package/format';
import { screenshot, startApp, type RunningApp } from './support/app';
import { PackagePage } from './support/packagePage';
import { PoolPage } from './support/pages';

const FIRM = '鑫金山机械';

/** A district's package of the default 2023 pool, with `edit` applied to its data file first. */
function districtPackage(dir: string, district: string, edit?: (db: ReturnType<typeof openPoolDb>['db']) => void, privateKey?: string): { name: string; bytes: Buffer } {
  const h = openPoolDb({ file: path.join(dir, `${district}-${privateKey ? 'signed' : 'plain'}.sqlite`), create: 'default' });
  try {
    edit?.(h.db);
    return { name: `${district}.cpool`, bytes: exportPackage(h.db, { poolYear: 2023, district, at: new Date('2024-03-01T10:00:00'), privateKey }).bytes };
  } finally {
    h.close();
  }
}

describe('报送包: merge preview and a conflict settled in the UI', () => {
  let app: RunningApp;
  let dir: string;
  let pk: PackagePage;
  let sent: { name: string; bytes: Buffer }[] = [];
  const revenue = () =>
    app.handle.db
      .prepare(
        `SELECT y.revenue, s.label FROM firm_years y JOIN firms f ON f.id = y.firm_id
         JOIN sources s ON s.id = coalesce((SELECT o.source_id FROM value_overrides o WHERE o.firm_id = y.firm_id AND o.year = y.year AND o.field = 'revenue'), y.source_id)
         WHERE f.name = ? AND y.year = 2022`,
      )
      .get(FIRM) as { revenue: number; label: string };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-e2e-package-'));
    app = await startApp();
    await new PoolPage(app.page).waitForRows(11);
    pk = new PackagePage(app.page);
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('previews two packages, merges them, and settles the conflict by picking a district’s value', async () => {
    const files = (sent = [
      districtPackage(dir, '峄城区'),
      districtPackage(dir, '台儿庄区', (db) => db.prepare('UPDATE firm_years SET revenue = 99999 WHERE year = 2022 AND firm_id = (SELECT id FROM firms WHERE name = ?)').run(FIRM)),
    ]);
    const before = revenue();
    await pk.open();
    await pk.choose(files);
    await expect.poll(() => pk.packages().count()).toBe(2);
    expect(await pk.packages().allInnerTexts()).toEqual([expect.stringContaining('峄城区'), expect.stringContaining('台儿庄区')]);
    // The lists travel too: the letter's two reserve entries, which this file already holds.
    expect(await pk.packages().first().getByTestId('pk-lists').innerText()).toBe('上市后备库 2 条（本库没有的 0 条）');
    expect(await pk.totals().innerText()).toBe('合计：新增企业 0 家，写入已有企业的数值 0 个，冲突 1 处');
    const conflict = await pk.previewConflicts().innerText();
    expect(conflict).toContain(FIRM);
    expect(conflict).toContain('2022 营业收入');
    expect(conflict).toContain('台儿庄区 99,999');
    expect(conflict).toContain('暂保留本库原值');
    // The preview wrote nothing.
    expect(revenue()).toEqual(before);
    await screenshot(app.page, 'package-preview');

    await pk.merge();
    expect(await pk.done().innerText()).toContain('已合并 2 个报送包');
    expect(revenue()).toEqual(before); // no choice made: the city keeps what it had
    await expect.poll(() => pk.openConflicts().count()).toBe(1);
    await screenshot(app.page, 'package-conflict');
    await pk.resolve(FIRM, '台儿庄区');
    expect(revenue()).toEqual({ revenue: 99999, label: '台儿庄区报送包（2024年3月1日）' });
    await app.page.getByText('没有待处理的合并冲突。').waitFor();
    expect(await pk.districts().allInnerTexts()).toEqual(['台儿庄区 11 家', '峄城区 11 家']);

    // The pool table: one row per firm, naming both districts; filtering by district.
    const pool = new PoolPage(app.page);
    await app.page.locator('a[data-nav="pool"]').click();
    await pool.waitForRows(11);
    const row = pool.table().locator('tbody tr', { hasText: FIRM });
    await expect.poll(() => row.getByTestId('firm-districts').innerText()).toBe('台儿庄区、峄城区');
    expect(await app.page.getByTestId('filter-district').locator('option').allInnerTexts()).toEqual(['全部', '台儿庄区', '峄城区']);
  });

  it('refuses the same package again, saying when it was merged, and a file that is not a package; nothing is written', async () => {
    const imports = () => app.handle.db.prepare('SELECT count(*) FROM imports').pluck().get();
    const before = imports();
    await pk.open();
    await pk.choose([sent[0]]);
    await expect.poll(() => pk.error().innerText()).toMatch(/^峄城区\.cpool（峄城区）已于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 由 e2e-analyst 合并过/);
    await pk.choose([{ name: '名单.cpool', bytes: Buffer.from('统一社会信用代码,企业名称\n') }]);
    await expect.poll(() => pk.error().innerText()).toContain('名单.cpool 不是报送包（不是 SQLite 文件）');
    expect(imports()).toBe(before);
  });

  it('holds a district’s public key entered in the UI: its signed package previews as verified, an unsigned one is refused', async () => {
    const keys = generateKeyPair();
    const signed = districtPackage(dir, '山亭区', undefined, keys.privateKey);
    const unsigned = districtPackage(dir, '山亭区');
    await pk.open();
    await pk.holdKey('山亭区', keys.publicKey);
    await expect.poll(() => pk.keys().allInnerTexts()).toEqual([expect.stringContaining(`山亭区 ${keyFingerprint(keys.publicKey)}`)]);
    await pk.choose([signed]);
    await expect.poll(() => pk.packages().first().innerText()).toContain('已核验');
    await pk.choose([unsigned]);
    await expect.poll(() => pk.error().innerText()).toContain('山亭区.cpool（山亭区）没有签名，而本库持有该区县的公钥');
    await screenshot(app.page, 'package-keys');
    await pk.removeKey('山亭区');
    await expect.poll(() => pk.keys().count()).toBe(0);
  });
});
