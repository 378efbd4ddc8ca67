import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli as runCli } from './runCli';
import { LATEST_VERSION } from '../../db/migrations';
import { writeOldFile } from './oldFile';

let dir: string;

const cli = (...args: string[]) => runCli(args, { ...process.env, CHAMPION_POOL_DB: path.join(dir, 'default.sqlite') });

// The data file most tests read is made here, once, so each test runs alone (vitest -t) or in any order.
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'champion-cli-'));
  const made = await cli('init', '--db', path.join(dir, 'a.sqlite'));
  if (made.code !== 0) throw new Error(`init failed: ${made.stderr}`);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('champion-pool CLI', () => {
  it('init creates the default pool, and refuses to overwrite', async () => {
    const db = path.join(dir, 'init.sqlite');
    const first = await cli('init', '--db', db);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('已创建数据文件');
    const again = await cli('init', '--db', db);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('数据文件已存在');
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare('SELECT count(*) FROM pool_members WHERE year = 2023').pluck().get()).toBe(11);
    conn.close();
  }, 60_000);

  it('init --empty creates the schema only', async () => {
    const db = path.join(dir, 'empty.sqlite');
    expect((await cli('init', '--db', db, '--empty')).code).toBe(0);
    const info = JSON.parse((await cli('info', '--db', db, '--format', 'json')).stdout);
    expect(info.counts.firms).toBe(0);
    expect(info.pools).toEqual([]);
  }, 60_000);

  it('info prints schema version, pool years, counts, sample and snapshots (text and json)', async () => {
    const db = path.join(dir, 'a.sqlite');
    const text = await cli('info', '--db', db);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`结构版本：${LATEST_VERSION}`);
    expect(text.stdout).toContain('2023  2023年度制造业单项冠军培育库  11 家');
    expect(text.stdout).toContain('企业：11 家；年度数据：33 条');
    expect(text.stdout).toContain('示例数据：8 家示例企业');
    const json = JSON.parse((await cli('info', '--db', db, '--format', 'json')).stdout);
    expect(json).toMatchObject({ schemaVersion: LATEST_VERSION, poolYears: [2023], counts: { firms: 11, firmYears: 33 } });
  }, 60_000);

  it('errors go to stderr with a non-zero exit', async () => {
    const missing = await cli('info', '--db', path.join(dir, 'nope.sqlite'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('数据文件不存在');
    expect(missing.stdout).toBe('');
    const bad = await cli('info', '--db', path.join(dir, 'a.sqlite'), '--format', 'xml');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/xml/);
    const unknown = await cli('frobnicate');
    expect(unknown.code).not.toBe(0);
  }, 60_000);

  it('evaluate prints the verdicts as JSON with the fields the issue names', async () => {
    const r = await cli('evaluate', '--db', path.join(dir, 'a.sqlite'), '--set', 'cn-champion-2023', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { credit_code: string; name: string; year: number; verdict: string; score: unknown; projection: { kind: string; years?: number }; criteria: { id: string; status: string; value: number | null; threshold: number | null; gap: unknown }[] }[];
    expect(rows).toHaveLength(11);
    const byName = Object.fromEntries(rows.map((x) => [x.name, x]));
    expect(byName['台城新材料']).toMatchObject({ credit_code: '91370405MA3E5P1J2N', year: 2022, verdict: 'needs_review', score: null, projection: { kind: 'none' } });
    // 汉庄数控 holds no 省级单项冠军 (Shandong's recommendation condition, criterion 8): not projectable.
    expect(byName['汉庄数控']).toMatchObject({ verdict: 'not_eligible', projection: { kind: 'not_projectable' } });
    expect(byName['汉庄数控'].criteria.find((c) => c.id === '2')).toMatchObject({ status: 'fail', threshold: 40000, gap: { abs: 1800 } });
    expect(byName['汉庄数控'].criteria.find((c) => c.id === '8')).toMatchObject({ status: 'fail' });
    expect(rows.filter((x) => x.verdict === 'not_eligible')).toHaveLength(10);
  }, 60_000);

  it('evaluate prints a table and a CSV with a BOM; --year picks the data year; criteria lists the sets', async () => {
    const table = await cli('evaluate', '--db', path.join(dir, 'a.sqlite'), '--set', 'cn-srdi-2022');
    expect(table.stdout).toContain('专精特新中小企业');
    expect(table.stdout).toMatch(/共 11 家：达标 8/);
    const csv = await cli('evaluate', '--db', path.join(dir, 'a.sqlite'), '--set', 'sd-gazelle-2020', '--format', 'csv', '--year', '2021');
    expect(csv.stdout.startsWith('\ufeffcredit_code,name,year,verdict')).toBe(true);
    expect(csv.stdout.split('\r\n')[1]).toContain(',2021,');
    const unknown = await cli('evaluate', '--db', path.join(dir, 'a.sqlite'), '--set', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('cn-champion-2023');
    const sets = await cli('criteria', '--db', path.join(dir, 'a.sqlite'));
    expect(sets.stdout.match(/^[a-z0-9-]+$/gm)).toHaveLength(8);
    expect(sets.stdout).toContain('未启用：u1、u2');
  }, 60_000);

  it('shortlist writes the proposed shortlist as xlsx or CSV, and refuses other extensions and unknown names', async () => {
    const xlsx = path.join(dir, '名单.xlsx');
    const r = await cli('shortlist', '--db', path.join(dir, 'a.sqlite'), '--set', 'cn-champion-2023', '--out', xlsx);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    const csv = path.join(dir, '名单.csv');
    expect((await cli('shortlist', '--db', path.join(dir, 'a.sqlite'), '--set', 'cn-champion-2023', '--out', csv, '--unit', '台儿庄区工业和信息化局')).code).toBe(0);
    const text = fs.readFileSync(csv, 'utf8');
    expect(text.startsWith('\ufeff序号,企业名称')).toBe(true);
    // Only 台城新材料 passes Shandong's recommendation condition; no other firm is projectable with it.
    expect(text.split('\r\n').filter((l) => /^\d+,/.test(l))).toHaveLength(1);
    const bad = await cli('shortlist', '--db', path.join(dir, 'a.sqlite'), '--set', 'cn-champion-2023', '--out', path.join(dir, 'x.pdf'));
    expect(bad.code).toBe(2);
    const missing = await cli('shortlist', '--db', path.join(dir, 'a.sqlite'), '--set', 'cn-champion-2023', '--out', csv, '--force', '--name', '没有这个名单');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('没有名为“没有这个名单”的推荐名单');
  }, 60_000);

  it('every subcommand has --help', async () => {
    const subs = ['init', 'info', 'serve', 'backup', 'evaluate', 'criteria', 'shortlist'];
    const answers = await Promise.all(subs.map((sub) => cli(sub, '--help')));
    for (const [i, sub] of subs.entries()) {
      const r = answers[i];
      expect(r.code, sub).toBe(0);
      expect(r.stdout).toContain(`champion-pool ${sub} [options]`); // in the system's language (cliFirstUse.test.ts)
      expect(r.stdout).toContain('--db');
    }
  }, 90_000);

  it('backup writes a consistent copy and never overwrites', async () => {
    const out = path.join(dir, 'backup.sqlite');
    expect((await cli('backup', '--db', path.join(dir, 'a.sqlite'), '--out', out)).code).toBe(0);
    const conn = new Database(out, { readonly: true });
    expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(conn.prepare('SELECT count(*) FROM firms').pluck().get()).toBe(11);
    conn.close();
    const again = await cli('backup', '--db', path.join(dir, 'a.sqlite'), '--out', out);
    expect(again.code).not.toBe(0);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  }, 60_000);
});

describe('the read-only commands on a fresh machine and on an older data file', () => {
  it('criteria lists the shipped sets without a data file, creating none', async () => {
    const defaultFile = path.join(dir, 'default.sqlite'); // CHAMPION_POOL_DB of every cli() call
    expect(fs.existsSync(defaultFile)).toBe(false);
    const r = await cli('criteria');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^[a-z0-9-]+$/gm)).toHaveLength(8);
    expect(r.stdout).toContain('未启用：u1、u2');
    expect(r.stderr).toContain('数据文件不存在');
    const json = JSON.parse((await cli('criteria', '--format', 'json')).stdout) as { id: string }[];
    expect(json.map((s) => s.id)).toContain('cn-champion-2023');
    expect(fs.existsSync(defaultFile)).toBe(false);
  }, 60_000);

  it('info, evaluate and criteria read an older file through a migrated copy and leave it byte-identical', async () => {
    const old = path.join(dir, 'old-v3', 'pool.sqlite');
    fs.mkdirSync(path.dirname(old));
    writeOldFile(old, 3);
    const bytes = fs.readFileSync(old);

    const info = await cli('info', '--db', old);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain(`数据文件：${old}`);
    expect(info.stdout).toContain('结构版本：3');
    expect(info.stdout).toContain('2023  旧版培育库  1 家');
    expect(info.stderr).toContain(`结构版本为 3，低于本程序的 ${LATEST_VERSION}`);
    expect(info.stderr).toContain('文件本身未作任何改动');
    expect(JSON.parse((await cli('info', '--db', old, '--format', 'json')).stdout)).toMatchObject({ schemaVersion: 3, dataFile: old });

    const evaluated = await cli('evaluate', '--db', old, '--set', 'cn-champion-2023', '--format', 'json');
    expect(evaluated.code, evaluated.stderr).toBe(0);
    const rows = JSON.parse(evaluated.stdout) as { name: string; year: number }[];
    expect(rows.map((x) => [x.name, x.year])).toEqual([['旧版企业', 2022]]);

    const sets = await cli('criteria', '--db', old);
    expect(sets.code, sets.stderr).toBe(0);
    expect(sets.stdout).toContain('未启用：u1、u2');

    expect(fs.readFileSync(old).equals(bytes)).toBe(true);
    expect(fs.readdirSync(path.dirname(old))).toEqual(['pool.sqlite']); // no snapshot, lock or journal left
  }, 60_000);

  it('refuses a newer file in Chinese and leaves it as it was', async () => {
    const newer = path.join(dir, 'newer.sqlite');
    writeOldFile(newer, LATEST_VERSION);
    const conn = new Database(newer);
    conn.pragma(`user_version = ${LATEST_VERSION + 1}`);
    conn.close();
    const bytes = fs.readFileSync(newer);
    const r = await cli('info', '--db', newer);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('请升级程序后再打开');
    expect(fs.readFileSync(newer).equals(bytes)).toBe(true);
  }, 60_000);
});
