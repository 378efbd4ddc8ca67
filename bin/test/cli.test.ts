import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../db/migrations';

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../champion-pool.mjs');
let dir: string;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, CHAMPION_POOL_DB: path.join(dir, 'default.sqlite') } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'champion-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('champion-pool CLI', () => {
  it('init creates the default pool, and refuses to overwrite', async () => {
    const db = path.join(dir, 'a.sqlite');
    const first = await cli('init', '--db', db);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('已创建数据文件');
    const again = await cli('init', '--db', db);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('数据文件已存在');
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare('SELECT count(*) FROM pool_members WHERE year = 2023').pluck().get()).toBe(11);
    conn.close();
  }, 30_000);

  it('init --empty creates the schema only', async () => {
    const db = path.join(dir, 'empty.sqlite');
    expect((await cli('init', '--db', db, '--empty')).code).toBe(0);
    const info = JSON.parse((await cli('info', '--db', db, '--format', 'json')).stdout);
    expect(info.counts.firms).toBe(0);
    expect(info.pools).toEqual([]);
  }, 30_000);

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
  }, 30_000);

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
  }, 30_000);

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
  }, 30_000);

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
  }, 30_000);

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
    const missing = await cli('shortlist', '--db', path.join(dir, 'a.sqlite'), '--set', 'cn-champion-2023', '--out', csv, '--name', '没有这个名单');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('没有名为“没有这个名单”的推荐名单');
  }, 30_000);

  it('every subcommand has --help', async () => {
    for (const sub of ['init', 'info', 'serve', 'backup', 'evaluate', 'criteria', 'shortlist']) {
      const r = await cli(sub, '--help');
      expect(r.code, sub).toBe(0);
      expect(r.stdout).toContain(`Usage: champion-pool ${sub}`);
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
  }, 30_000);

  it('serve answers on 127.0.0.1 with a token and the same service', async () => {
    // npm test builds the UI before the unit tests run.
    expect(fs.existsSync(path.resolve(import.meta.dirname, '../../out/renderer/index.html')), 'run `npm run build` first').toBe(true);
    const child = spawn(process.execPath, [CLI, 'serve', '--db', path.join(dir, 'served.sqlite'), '--port', '0']);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/)#token=(\S+)/.exec(out);
          if (m) resolve(`${m[1]}|${m[2]}`);
        });
        child.on('exit', () => reject(new Error(out)));
      });
      const [base, token] = url.split('|');
      const res = await fetch(`${base}api/pool.list`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ year: 2023 }) });
      const body = (await res.json()) as { ok: boolean; data: { total: number } };
      expect(body.ok).toBe(true);
      expect(body.data.total).toBe(11);
      expect((await fetch(`${base}api/pool.list`, { method: 'POST', body: '{}' })).status).toBe(401);
      const page = await fetch(base);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});
