import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, initPool } from './runCli';

const XIN = '91370405MA3C7K2E3Q';

describe('champion-pool finance import|list|export', () => {
  it('imports a CSV (dry run first), lists it as JSON with the named fields, exports per bank', async () => {
    const { dir, db } = await initPool('cp-finance-');
    const file = path.join(dir, '融资需求.csv');
    fs.writeFileSync(
      file,
      [
        '企业名称,统一社会信用代码,项目名称,融资金额（万元）,融资用途,融资方式,推送银行,推送日期,对接结果,授信金额（万元）',
        `鑫金山机械,${XIN},智能化改造,1.2亿,技术改造,项目贷款,工商银行,2023-08-01,已授信,5000`,
        `鑫金山机械,${XIN},智能化改造,1.2亿,技术改造,项目贷款,农业银行,2023-08-02,对接中,`,
        `鑫金山机械,${XIN},流动资金,"12,345.6",流动资金,信用贷款,,,,`,
      ].join('\n'),
    );
    const dry = await cli(['finance', 'import', '--db', db, '--file', file, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('检查通过（未写入）：将新增 2 条');
    expect(JSON.parse((await cli(['finance', 'list', '--db', db, '--format', 'json'])).stdout)).toEqual([]);
    const done = await cli(['finance', 'import', '--db', db, '--file', file]);
    expect(done.stdout).toContain('已导入：新增 2 条');
    const items = JSON.parse((await cli(['finance', 'list', '--db', db, '--format', 'json'])).stdout);
    expect(items.map((i: Record<string, unknown>) => [i.credit_code, i.name, i.project, i.amount, i.banks, i.status])).toEqual([
      [XIN, '鑫金山机械', '智能化改造', 12000, ['工商银行', '农业银行'], '已授信'],
      [XIN, '鑫金山机械', '流动资金', 12345.6, [], '未推送'],
    ]);
    const table = await cli(['finance', 'list', '--db', db]);
    expect(table.stdout).toContain('合计 2 项：融资金额 24345.6 万元，授信 5000 万元，放款 0 万元');
    const out = path.join(dir, '农行.xlsx');
    const exp = await cli(['finance', 'export', '--db', db, '--bank', '农业银行', '--out', out]);
    expect(exp.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, `企业名称,统一社会信用代码,项目名称,融资金额（万元）,融资用途,融资方式\n鑫金山机械,${XIN},新项目,很多,研发,债券\n`);
    const refused = await cli(['finance', 'import', '--db', db, '--file', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('错误：bad 第 2 行“融资金额（万元）”列（很多）：不是数字');
    expect(JSON.parse((await cli(['finance', 'list', '--db', db, '--format', 'json'])).stdout)).toHaveLength(2);
  }, 180_000);
});

describe('champion-pool listing|payouts', () => {
  it('lists the letter’s reserve firms with their source as JSON; payouts import, list and export keep 858.737', async () => {
    const { dir, db } = await initPool('cp-listing-');
    const items = JSON.parse((await cli(['listing', 'list', '--db', db, '--format', 'json'])).stdout);
    expect(items.map((i: Record<string, unknown>) => [i.credit_code, i.name, i.reserve, i.stage])).toEqual([
      [XIN, '鑫金山机械', '凌云', '入库'],
      [null, '永彬木业', '竞跃', '入库'],
    ]);
    expect(items[0].source).toMatch(/^答复函（台工信字〔2023〕16号，2023年7月28日）：/);
    expect((await cli(['listing', 'list', '--db', db])).stdout).toContain('全区情况（答复函（台工信字〔2023〕16号，2023年7月28日））：“竞跃”股改后备库 20余家 20 家');
    const file = path.join(dir, '奖补.csv');
    fs.writeFileSync(file, `企业名称,统一社会信用代码,奖补类别,年度,金额（万元）\n鑫金山机械,${XIN},人才项目补贴,2022,858.737\n`);
    expect((await cli(['payouts', 'import', '--db', db, '--file', file])).stdout).toContain('已导入：新增 1 条');
    const paid = JSON.parse((await cli(['payouts', 'list', '--db', db, '--format', 'json'])).stdout);
    expect(paid).toMatchObject([{ credit_code: XIN, kind: '人才项目补贴', year: 2022, amount: 858.737 }]);
    const out = path.join(dir, '台账.csv');
    expect((await cli(['payouts', 'export', '--db', db, '--out', out])).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('858.737');
    const lOut = path.join(dir, '后备库.xlsx');
    expect((await cli(['listing', 'export', '--db', db, '--reserve', '凌云', '--out', lOut])).code).toBe(0);
    expect(fs.existsSync(lOut)).toBe(true);
  }, 180_000);
});
