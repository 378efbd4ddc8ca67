// An export of any data imports back with 0 changes — names that begin with = + - @ and all-digit credit codes
// included — and the units, unit questions and new-year listings of the preview.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodOutput } from '../../contract';
import { call, defaultService } from '../../test/helpers';
import type { PoolDb } from '../../open';
import type { Service } from '../../service';
import { syntheticCsv } from './synth';

let h: PoolDb;
let service: Service;
const ok = <M extends Method>(method: M, input: unknown): Promise<MethodOutput<M>> => call(service, method, input as MethodInput<M>);
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));
const corpus = (f: string) => fs.readFileSync(path.join(CORPUS, f)).toString('base64');

beforeEach(() => {
  ({ pool: h, service } = defaultService('analyst-zhao'));
});

/** An all-digit code with a valid check character (GB 32100 allows it): 15+ digits that Excel would round. */
const DIGITS = '913704053000079196';
const NAMES = ['=HYPERLINK("http://evil.example","点我")', '+86 机械', '-伺服电机厂', '@SUM(A1)', "'=已带撇号"];

describe('export-data → import', () => {
  it.each(['csv', 'xlsx'] as const)('(%s) changes nothing, however names begin and with all-digit codes', async (format) => {
    const ids = h.db.prepare('SELECT id FROM firms ORDER BY id LIMIT ?').pluck().all(NAMES.length + 1) as number[];
    NAMES.forEach((n, i) => h.db.prepare('UPDATE firms SET name = ? WHERE id = ?').run(n, ids[i]));
    h.db.prepare('UPDATE firms SET credit_code = ? WHERE id = ?').run(DIGITS, ids[NAMES.length]);
    const file = Buffer.from((await ok('data.export', { poolYear: 2023, format })).base64, 'base64');
    if (format === 'csv') {
      const text = file.toString('utf8');
      expect(text).toContain(`"=""${DIGITS}"""`); // ="…", CSV-quoted: Excel and WPS keep it as text, not 9.13704E+17
      expect(text).toContain(`'=HYPERLINK`);
      expect(text).toContain(`''=已带撇号`);
      expect(text.split('\r\n')[0]).toContain('营业收入（万元）');
      expect(text.split('\r\n')[0]).toContain('国内市场占有率（%）');
    }
    const r = await ok('import.analyse', { fileName: `pool.${format}`, base64: file.toString('base64') });
    expect(r.problems).toEqual([]);
    expect(r.counts).toMatchObject({ newFirms: 0, changedFirms: 0, changedValues: 0, newYears: 0, newValues: 0 });
    expect(r.firms).toEqual([]);
  });
});

describe('the preview', () => {
  it('lists every value a new firm or a new year writes, with correct counts (also in the dry-run JSON)', async () => {
    const csv = syntheticCsv(2, [2022]);
    const r = await ok('import.analyse', { fileName: 'new.csv', base64: b64(csv) });
    const firm = r.firms[0];
    expect(firm.firmId).toBeNull();
    const written = firm.years[0].changes;
    // Every figure the synthetic file gives (revenue, main revenue, R&D, share, rank): none is hidden.
    expect(written.map((c) => c.field)).toEqual(['revenue', 'main_revenue', 'rd_expense', 'share_domestic', 'rank_national']);
    expect(written.every((c) => c.old === null && typeof c.new === 'number')).toBe(true);
    expect(r.counts!.newValues).toBe(r.firms.reduce((n, f) => n + f.years.reduce((m, y) => m + y.changes.length, 0), 0));
  });

  it('shows the encoding and the first names as decoded', async () => {
    const r = await ok('import.analyse', { fileName: 'a03.csv', base64: corpus('a03-gbk-excel.csv') });
    expect(r.encoding).toBe('gb18030');
    expect(r.names[0]).toMatch(/^[\u4e00-\u9fff]+有限公司$/);
  });
});

describe('元 typed into a 万元 column', () => {
  it('is asked about per column, refused until answered, and converted when the column is in 元', async () => {
    const file = corpus('r24-yuan-in-wanyuan-gbk.csv');
    const asked = await ok('import.analyse', { fileName: 'r24.csv', base64: file });
    expect(asked.refused).toBe(true);
    expect(asked.unitQuestions).toEqual([
      { key: 'revenue', header: '营业收入', count: 1, examples: [expect.objectContaining({ row: 3, value: 71875000, basis: 'column' })] },
    ]);
    expect(asked.problems[0].reason).toContain('--unit 营业收入=元');
    // The analyst says the column is really in 万元: written as it is (then refused as implausible? no: 7.2 亿元 is plausible).
    const wan = await ok('import.analyse', { fileName: 'r24.csv', base64: file, units: { 营业收入: '万元' } });
    expect(wan.refused).toBe(false);
    expect(wan.unitQuestions).toEqual([]);
    // Or in 元: every value of the column divided by 10,000.
    const yuan = await ok('import.analyse', { fileName: 'r24.csv', base64: file, units: { revenue: '元' } });
    expect(yuan.refused).toBe(false);
    const revenues = yuan.firms.map((f) => f.years[0].changes.find((c) => c.field === 'revenue')?.new);
    expect(revenues).toContain(7187.5);
    expect(revenues).toContain(4.56789);
  });

  it('is asked about when a value is 1,000 times the firm’s previous year', async () => {
    const csv = Buffer.from((await ok('data.export', { poolYear: 2023, format: 'csv' })).base64, 'base64').toString('utf8');
    const lines = csv.trimEnd().split('\r\n');
    const row = lines.find((l) => l.includes(',56847.8,'))!;
    // 2022 corrected, typed in 元: over 1,000 times 2021's figure.
    const next = row.replace(',56847.8,', ',60000000,');
    const r = await ok('import.analyse', { fileName: 'next.csv', base64: b64([lines[0], next].join('\r\n')) });
    expect(r.unitQuestions.map((q) => [q.key, q.examples[0].basis])).toContainEqual(['revenue', 'previous_year']);
    expect(r.refused).toBe(true);
  });
});

describe('warnings (a test that fails without each rule)', () => {
  it('warns, with the message the service emits, when a figure moved more than 50 % from the year before', async () => {
    // a23: two firms over 2021–2023; 台儿庄涧头集 revenue is moved by 60 % in 2023 against its own 2022 row.
    const text = fs.readFileSync(path.join(CORPUS, 'a23-several-years.csv'), 'utf8');
    const r = await ok('import.analyse', { fileName: 'a23.csv', base64: b64(text) });
    expect(r.problems.filter((p) => p.level === 'warning')).toEqual([]);
    const rows = text.split(/\r?\n/);
    const i = rows.findIndex((l) => l.includes(',2023,'));
    const cells = rows[i].split(',');
    const head = rows[0].split(',');
    const col = head.findIndex((x) => x.startsWith('营业收入'));
    const before2022 = Number(rows.find((l) => l.startsWith(cells[0]) && l.includes(',2022,'))!.split(',')[col]);
    cells[col] = String(Math.round(before2022 * 1.6 * 10) / 10);
    rows[i] = cells.join(',');
    const jumped = await ok('import.analyse', { fileName: 'a23.csv', base64: b64(rows.join('\n')) });
    expect(jumped.problems).toEqual([
      { level: 'warning', sheet: 'a23', row: i + 1, column: '营业收入', value: String(Number(cells[col])), reason: `较上年（${before2022}）变化超过 50%，请核实单位与数值` },
    ]);
  });

  it('lists errors before warnings in a capped report', async () => {
    // A script-written workbook (sheet Sheet1: a warning that comes first as the file is read) with 1,200 rows
    // whose revenue is not a number: the capped list shows errors only, and counts the warning.
    const { default: ExcelJS } = await import('../../exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    for (const line of syntheticCsv(400).toString('utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n')) ws.addRow(line.replace(/(,高端装备,)[\d.]+,/, '$1abc,').split(','));
    const r = await ok('import.analyse', { fileName: 'script.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') });
    expect(r.problemCounts).toEqual({ errors: 1200, warnings: 1 });
    expect(r.problems).toHaveLength(1000);
    expect(r.problems.every((p) => p.level === 'error' && p.column === '营业收入')).toBe(true);
  });
});

describe('ordinary input', () => {
  it('warns about a share in 0–1 even in a one-row file, as the README says', async () => {
    const { creditCode } = await import('./synth');
    const csv = `统一社会信用代码,企业名称,年度,国内市场占有率\r\n${creditCode(4242)},单行企业,2023,0.125\r\n`;
    const r = await ok('import.analyse', { fileName: 'one.csv', base64: b64(csv) });
    expect(r.refused).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ level: 'warning', row: 1, column: '国内市场占有率', reason: expect.stringContaining('0–1') })]);
  });

  it('finds a firm by its credit code typed in lower case, with spaces', async () => {
    const { credit_code: code, name } = h.db.prepare('SELECT credit_code, name FROM firms f JOIN pool_members m ON m.firm_id = f.id WHERE m.year = 2023 AND credit_code GLOB \'*[A-Z]*\' LIMIT 1').get() as { credit_code: string; name: string };
    const typed = `${code.slice(0, 6)} ${code.slice(6)}`.toLowerCase();
    const r = await ok('pool.list', { year: 2023, search: typed });
    expect(r.rows.map((x: { name: string }) => x.name)).toEqual([name]);
  });
});

describe('a credit code that only looks like a number', () => {
  it('is read when valid (9137048100000002E1), and explained when it is Excel’s scientific notation', async () => {
    const { readCell } = await import('../values');
    const { checkCharacter } = await import('../../creditCode');
    const body = '9137048100000002E';
    const code = body + checkCharacter(body);
    expect(readCell(code, 'credit_code', 'credit_code')).toEqual({ ok: true, value: code });
    const sci = readCell('9.13704E+17', 'credit_code', 'credit_code');
    expect(sci.ok).toBe(false);
    if (!sci.ok) expect(sci.reason).toContain('科学计数法');
    const num = readCell(913704053000079200, 'credit_code', 'credit_code');
    expect(num.ok).toBe(false);
    if (!num.ok) expect(num.reason).toContain('存成了数字');
  });
});
