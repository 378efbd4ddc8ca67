// champion-pool requests import | list | stats | export | template | report.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli as runCli, initPool } from './runCli';

let dir: string;
let db: string;
const cli = (...args: string[]) => runCli(args);

const HEADER = '统一社会信用代码,企业名称,所属镇街,诉求来源,诉求类别,诉求内容,提出日期,处理方式,责任部门,交办日期,办理时限,办结日期,办理结果,企业评价';
const ROWS = [
  '91370405MA3C7K2E3Q,鑫金山机械,涧头集镇,镇街走访,用地厂房,扩建用地,2024-03-01,上报专班,区自然资源局,2024-03-02,2024-03-31,2024-04-02,已供地,满意',
  '91370405MA3D1R8N2F,越成制动,运河街道,企业反馈,融资,流动资金贷款,2024-03-05,上报专班,区地方金融服务中心,2024-03-06,2024-03-20,,,',
];

beforeAll(async () => {
  ({ dir, db } = await initPool('champion-requests-cli-'));
  fs.writeFileSync(path.join(dir, 'ledger.csv'), [HEADER, ...ROWS].join('\n'));
  fs.writeFileSync(path.join(dir, 'bad.csv'), [HEADER, ROWS[0].replace('2024-03-31', '2024-02-30')].join('\n'));
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('champion-pool requests', { timeout: 120_000 }, () => {
  it('refuses a bad ledger with its row and column, exit 1, and a dry run writes nothing', async () => {
    const bad = await cli('requests', 'import', '--db', db, '--file', path.join(dir, 'bad.csv'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('第2行 办理时限列（2024-02-30）');
    const dry = await cli('requests', 'import', '--db', db, '--file', path.join(dir, 'ledger.csv'), '--dry-run', '--format', 'json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).counts.rows).toBe(2);
    expect(JSON.parse((await cli('requests', 'list', '--db', db, '--format', 'json', '--as-of', '2024-12-31')).stdout)).toEqual([]);
  });

  it('imports, then lists as of a day with status and overdue, and counts per department', async () => {
    const applied = await cli('requests', 'import', '--db', db, '--file', path.join(dir, 'ledger.csv'));
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('已导入 2 件');
    const list = JSON.parse((await cli('requests', 'list', '--db', db, '--as-of', '2024-03-20', '--format', 'json')).stdout) as Record<string, unknown>[];
    expect(list.map((r) => [r.firm, r.received, r.deadline, r.closed, r.status, r.overdue])).toEqual([
      ['鑫金山机械', '2024-03-01', '2024-03-31', '2024-04-02', 'in_progress', false],
      ['越成制动', '2024-03-05', '2024-03-20', null, 'in_progress', false],
    ]);
    for (const k of ['id', 'credit_code', 'category', 'content', 'department']) expect(list[0]).toHaveProperty(k);
    const overdue = JSON.parse((await cli('requests', 'list', '--db', db, '--as-of', '2024-03-21', '--status', 'overdue', '--format', 'json')).stdout) as { firm: string }[];
    expect(overdue.map((r) => r.firm)).toEqual(['越成制动']);
    const csv = (await cli('requests', 'list', '--db', db, '--format', 'csv', '--as-of', '2024-04-30')).stdout;
    expect(csv.split('\n')[0]).toContain('credit_code');
    const stats = JSON.parse((await cli('requests', 'stats', '--db', db, '--as-of', '2024-04-30', '--format', 'json')).stdout);
    expect(stats.byDepartment.find((g: { key: string }) => g.key === '区自然资源局')).toMatchObject({ received: 1, closed: 1, closedLate: 1 });
    expect((await cli('requests', 'stats', '--db', db, '--as-of', '2024-04-30')).stdout).toContain('【按责任部门】');
  });

  it('writes the ledger, the 月报 and the template as xlsx', async () => {
    for (const args of [
      ['export', '--db', db, '--out', path.join(dir, '台账.xlsx'), '--as-of', '2024-04-30'],
      ['report', '--db', db, '--out', path.join(dir, '月报.xlsx'), '--as-of', '2024-04-30'],
      ['template', '--out', path.join(dir, '模板.xlsx')],
    ]) {
      const r = await cli('requests', ...args);
      expect(r.code, r.stderr).toBe(0);
      const out = args[args.indexOf('--out') + 1];
      expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    }
    expect((await cli('requests', 'list', '--db', db, '--as-of', '2024-4-1')).code).toBe(2);
  });
});
