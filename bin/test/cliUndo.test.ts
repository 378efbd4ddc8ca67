// champion-pool import --unit and restore --last-import: a column that looks like 元 is refused with how to say
// its unit; undoing the last import lists later edits of what it wrote and needs --keep-later or --revert-later.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli as runCli, initPool } from './runCli';

const CORPUS = path.resolve(import.meta.dirname, '../../db/import/test/corpus');
let dir: string;
let db: string;

const cli = (...args: string[]) => runCli(args);

beforeAll(async () => {
  ({ dir, db } = await initPool('champion-cli-undo-'));
}, 30_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('champion-pool import --unit', () => {
  it('refuses a column that looks like 元 until told its unit', async () => {
    const file = path.join(CORPUS, 'r24-yuan-in-wanyuan-gbk.csv');
    const refused = await cli('import', '--db', db, '--file', file, '--dry-run');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('--unit 营业收入=元 或 --unit 营业收入=万元');
    const yuan = await cli('import', '--db', db, '--file', file, '--dry-run', '--unit', '营业收入=元', '--format', 'json');
    expect(yuan.code).toBe(0);
    const firms = JSON.parse(yuan.stdout).firms as { years: { changes: { field: string; new: number }[] }[] }[];
    expect(firms.map((f) => f.years[0].changes.find((c) => c.field === 'revenue')!.new)).toContain(7187.5);
    expect((await cli('import', '--db', db, '--file', file, '--unit', '营业收入=美元')).code).toBe(2);
  }, 60_000);
});

describe('champion-pool restore --last-import', () => {
  it('reverts exactly what the import wrote; a later edit of it is listed, and kept when asked', async () => {
    const csv = path.join(dir, 'pool.csv');
    await cli('export-data', '--db', db, '--year', '2023', '--out', csv);
    const text = fs.readFileSync(csv, 'utf8');
    fs.writeFileSync(csv, text.replace(',56847.8,', ',61000,').replace(',52300,', ',52400,'));
    expect((await cli('import', '--db', db, '--file', csv)).code).toBe(0);
    // A later edit of one value the import wrote, as the app's figure editor writes it.
    const edit = new Database(db);
    edit.prepare('UPDATE firm_years SET revenue = 62000 WHERE revenue = 61000').run();
    edit.prepare("INSERT INTO audit_log (at, actor, entity, firm_id, year, field, old_value, new_value) SELECT '2099-01-01T00:00:00Z', 'analyst-qian', 'figure', firm_id, year, 'revenue', '61000', '62000' FROM firm_years WHERE revenue = 62000").run();
    edit.close();

    const asked = await cli('restore', '--db', db, '--last-import');
    expect(asked.code).toBe(1);
    expect(asked.stdout).toContain('导入之后有 1 处改动涉及它写入的内容');
    expect(asked.stdout).toMatch(/2022 revenue：导入写入 61000，现在为 62000（.*analyst-qian/);
    expect(asked.stderr).toContain('--keep-later');

    const kept = await cli('restore', '--db', db, '--last-import', '--keep-later');
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain('已撤销 pool.csv：撤销 1 项写入，保留之后的改动 1 项');
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT count(*) FROM firm_years WHERE revenue = 62000').pluck().get()).toBe(1);
    expect(check.prepare('SELECT count(*) FROM firm_years WHERE revenue = 52400').pluck().get()).toBe(0);
    check.close();
    expect((await cli('restore', '--db', db, '--last-import')).stderr).toContain('没有可以撤销的导入');
  }, 120_000);

  it('lists what was done since a snapshot before restoring it', async () => {
    const snap = await cli('snapshot', '--db', db, '--take', '测试点');
    expect(snap.code).toBe(0);
    const id = /(\d+)/.exec(snap.stdout)![1];
    const csv = path.join(dir, 'pool2.csv');
    await cli('export-data', '--db', db, '--year', '2023', '--out', csv);
    fs.writeFileSync(csv, fs.readFileSync(csv, 'utf8').replace(',52300,', ',52500,'));
    expect((await cli('import', '--db', db, '--file', csv)).code).toBe(0);
    const r = await cli('restore', '--db', db, '--id', id);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/之后的 \d+ 项操作将被撤回/);
    expect(r.stdout).toContain('导入 pool2.csv');
  }, 120_000);
});
