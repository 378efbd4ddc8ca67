// What a new analyst meets first on the command line: help in Chinese (English where the system is English),
// a shortlist export that never overwrites a file unasked, is filed under the saved 填报单位 and lists drafts only
// when asked, and times in the analyst's own clock and words.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPoolDb } from '../../db/open';
import { createService, dispatch } from '../../db/service';
import { localDateTimeZh } from '../../db/time';
import { cliLang, errorZh, HELP_ZH } from '../help';
import { formatInfo } from '../info';
import { cli as runCli, initPool } from './runCli';

let dir: string;
let db: string;
const zhEnv = { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const enEnv = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const cli = (...args: string[]) => runCli(args, zhEnv);

beforeAll(async () => {
  ({ dir, db } = await initPool('champion-cli-first-'));
  // A saved shortlist: 台城新材料 recommended, 鑫金山机械 a draft, filed under the bureau's unit.
  const h = openPoolDb({ file: db });
  try {
    const service = createService({ db: h.db, dataFile: h.file, actor: 'tester', appVersion: 'test' });
    const id = (name: string) => h.db.prepare('SELECT id FROM firms WHERE name = ?').pluck().get(name) as number;
    const made = await dispatch(service, 'shortlist.create', { name: '第一批', year: 2023, setId: 'cn-champion-2023', fillingUnit: '台儿庄区工业和信息化局', firmIds: [id('台城新材料'), id('鑫金山机械')] });
    if (!made.ok) throw new Error(made.error.message);
    const listId = (made.data as { id: number }).id;
    const marked = await dispatch(service, 'shortlist.annotate', { id: listId, firmId: id('台城新材料'), status: 'recommended' });
    if (!marked.ok) throw new Error(marked.error.message);
  } finally {
    h.close();
  }
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('--help', () => {
  it('has a Chinese text for every description the commands declare', () => {
    // Every description string of the command modules (a command's, an option's, a default's) must be translated.
    const declared = ['../cli.ts', '../criteria.ts'].flatMap((f) => {
      const src = fs.readFileSync(path.resolve(import.meta.dirname, f), 'utf8');
      const str = String.raw`('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")`;
      const patterns = [String.raw`\.description\(` + str + String.raw`\)`, String.raw`[oO]ption\('--[^']+', ` + str, String.raw`\.default\([^,()]+(?:\(\))?, ` + str + String.raw`\)`];
      return patterns.flatMap((p) => [...src.matchAll(new RegExp(p, 'g'))].map((m) => m[1].slice(1, -1).replace(/\\(['"])/g, '$1')));
    });
    expect(declared.length).toBeGreaterThan(50);
    expect(declared.filter((d) => !(d in HELP_ZH))).toEqual([]);
  });

  it('speaks Chinese on a Chinese (or unnamed) system', async () => {
    for (const args of [['--help'], ['shortlist', '--help'], ['criteria', 'compare', '--help']]) {
      const r = await cli(...args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('用法：');
      expect(r.stdout).toContain('显示帮助');
      // Option names stay; no description is left in English (three English words in a row).
      const english = r.stdout.split('\n').filter((l) => !l.startsWith('用法：') && /\b[a-z]{3,} [a-z]{3,} [a-z]{3,}\b/i.test(l));
      expect(english).toEqual([]);
      if (args[0] === 'shortlist') {
        expect(r.stdout).toContain('--force');
        expect(r.stdout).toContain('输出文件已存在时覆盖它');
        expect(r.stdout).toContain('数据文件（默认：本用户的数据文件）');
      }
      if (args[0] === 'criteria') expect(r.stdout).toContain('输出格式（可选：table、json；默认：table）');
    }
  }, 240_000);

  it('speaks English where the system language is English', async () => {
    const r = await runCli(['shortlist', '--help'], enEnv);
    expect(r.stdout).toContain('Usage: champion-pool shortlist');
    expect(r.stdout).toContain('overwrite the output file if it exists');
  }, 120_000);

  it('picks the language from LC_ALL, LC_MESSAGES, LANG, and Chinese when none says English', () => {
    expect(cliLang({ LANG: 'en_US.UTF-8' }, 'linux')).toBe('en');
    expect(cliLang({ LANG: 'en' }, 'linux')).toBe('en');
    expect(cliLang({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, 'linux')).toBe('zh');
    expect(cliLang({ LC_MESSAGES: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' }, 'linux')).toBe('en');
    expect(cliLang({ LANG: 'C.UTF-8' }, 'linux')).toBe('zh');
    expect(cliLang({}, 'linux')).toBe('zh');
    expect(cliLang({ LANG: 'eng' }, 'linux')).toBe('zh');
  });

  it('says commander’s own errors in Chinese', async () => {
    expect(errorZh("error: required option '--set <id>' not specified\n")).toBe('错误：缺少必需的选项 --set <id>\n');
    expect(errorZh("error: unknown option '--sett'\n(Did you mean --set?)\n")).toBe('错误：未知选项 --sett\n（是否想输入 --set？）\n');
    const r = await cli('info', '--db', db, '--format', 'xml');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('错误：选项 --format <format> 的值 “xml” 无效，可选：text, json。');
  }, 120_000);
});

describe('shortlist --out', () => {
  it('refuses to overwrite an existing file unless --force, as backup does', async () => {
    const out = path.join(dir, '已有.csv');
    fs.writeFileSync(out, '分析员自己的表');
    const refused = await cli('shortlist', '--db', db, '--set', 'cn-champion-2023', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`目标文件已存在，未作改动：${out}（加 --force 覆盖）`);
    expect(fs.readFileSync(out, 'utf8')).toBe('分析员自己的表');
    const forced = await cli('shortlist', '--db', db, '--set', 'cn-champion-2023', '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').startsWith('\ufeff序号')).toBe(true);
  }, 120_000);

  it('files the proposal under the 填报单位 saved in the data file, unless --unit names another', async () => {
    const xlsx = path.join(dir, '建议.xlsx');
    expect((await cli('shortlist', '--db', db, '--set', 'cn-champion-2023', '--out', xlsx)).code).toBe(0);
    const { default: ExcelJS } = await import('../../db/exceljs');
    const unitOf = async (file: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
      return String(wb.getWorksheet('申报汇总表')!.getCell(2, 1).value);
    };
    expect(await unitOf(xlsx)).toBe('填报单位：台儿庄区工业和信息化局');
    expect((await cli('shortlist', '--db', db, '--set', 'cn-champion-2023', '--out', xlsx, '--force', '--unit', '某某区工信局')).code).toBe(0);
    expect(await unitOf(xlsx)).toBe('填报单位：某某区工信局');
  }, 120_000);

  it('exports a saved list’s 推荐 entries, and its drafts with a 状态 column only with --include-drafts', async () => {
    const csv = path.join(dir, '第一批.csv');
    expect((await cli('shortlist', '--db', db, '--set', 'cn-champion-2023', '--name', '第一批', '--out', csv)).code).toBe(0);
    const text = fs.readFileSync(csv, 'utf8');
    expect(text).toContain('台城新材料');
    expect(text).not.toContain('鑫金山机械');
    expect(text).toContain('草稿企业 1 家未列入本表');
    expect((await cli('shortlist', '--db', db, '--set', 'cn-champion-2023', '--name', '第一批', '--out', csv, '--force', '--include-drafts')).code).toBe(0);
    const lines = fs.readFileSync(csv, 'utf8').slice(1).split('\r\n').map((l) => l.split(','));
    const status = lines[0].indexOf('状态');
    expect(status).toBeGreaterThan(0);
    expect(lines.slice(1, 3).map((l) => [l[1], l[status]])).toEqual([['台城新材料', '推荐'], ['鑫金山机械', '草稿']]);
  }, 120_000);
});

describe('times the CLI prints', () => {
  it('are local, written as 2023年7月28日 14:05', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      expect(localDateTimeZh('2023-07-28T06:05:09Z')).toBe('2023年7月28日 14:05');
      expect(localDateTimeZh('2023-07-28T14:05:09+08:00')).toBe('2023年7月28日 14:05');
      expect(localDateTimeZh('not a time')).toBe('not a time');
      const text = formatInfo({
        appVersion: '0.1.0',
        schemaVersion: 13,
        dataFile: '/data/pool.sqlite',
        counts: { firms: 0, firmYears: 0, titles: 0, auditEntries: 0 },
        sample: { firms: 0, firmYears: 0, values: 0 },
        snapshots: [{ file: '/data/snapshots/a.sqlite', reason: '手动', createdAt: '2026-11-30T01:02:00Z', exists: true, own: true }],
        pools: [],
      });
      expect(text).toContain('  2026年11月30日 09:02  手动  /data/snapshots/a.sqlite');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('in info and snapshot, for a snapshot just taken', async () => {
    expect((await cli('snapshot', '--db', db, '--take', '测试')).code).toBe(0);
    const local = /\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/;
    const info = await cli('info', '--db', db);
    expect(info.stdout).toMatch(local);
    expect(info.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect((await cli('snapshot', '--db', db)).stdout).toMatch(local);
  }, 120_000);
});
