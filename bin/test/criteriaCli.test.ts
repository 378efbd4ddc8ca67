// champion-pool criteria import | compare | remove, and the 2022 notice in the listing and the evaluation.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli as runCli, initPool } from './runCli';
import srdi from '../../assets/criteria/cn-srdi-2022.json';

let dir: string;
let db: string;

const cli = (...args: string[]) => runCli(args);

beforeAll(async () => {
  ({ dir, db } = await initPool('champion-criteria-cli-'));
  const revised = { ...JSON.parse(JSON.stringify(srdi)), id: 'cn-srdi-2026', document: { name: '优质中小企业梯度培育管理办法 附件', number: '工信部企业〔2026〕2号', date: '2026-01' }, effective_from: '2026-04-01', effective_to: null, confidence: 'unconfirmed' };
  delete revised.notice;
  revised.criteria[2].rule.any[0].value = 40000;
  fs.writeFileSync(path.join(dir, 'cn-srdi-2026.json'), JSON.stringify(revised, null, 1));
  fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ ...revised, criteria: [{ ...revised.criteria[0], rule: { cmp: 'years_in_segmnt', op: '>=', value: 2 } }] }, null, 1));
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('champion-pool criteria', () => {
  it('lists the sets without changes, the 2022 sets saying a revised version applies from 2026-04-01', async () => {
    const r = await cli('criteria', '--db', db);
    expect(r.code).toBe(0);
    const block = r.stdout.split(/\n(?=\S)/).find((b) => b.startsWith('cn-little-giant-2022'))!;
    expect(block).toContain('适用期 2022-06 至 2026-03-31');
    expect(block).toContain('修订后的《优质中小企业梯度培育管理办法》自2026年4月1日起施行');
    expect(r.stdout).toContain('山东省瞪羚、独角兽企业认定管理办法，无文号');
  }, 30_000);

  it('evaluate shows the set\'s notice: under the heading of the table, on stderr beside JSON', async () => {
    const r = await cli('evaluate', '--db', db, '--set', 'cn-srdi-2022', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(11);
    expect(r.stderr).toContain('2022年版标准');
    const table = await cli('evaluate', '--db', db, '--set', 'cn-srdi-2022');
    expect(table.stdout.split('\n')[1]).toContain('注意：2022年版标准');
  }, 30_000);

  it('refuses a malformed file with the file, the place and the rule, and stores nothing', async () => {
    const r = await cli('criteria', 'import', '--db', db, '--file', path.join(dir, 'bad.json'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('bad.json');
    expect(r.stderr).toContain('criteria.0.rule.cmp');
    expect(r.stderr).toContain('unknown metric');
    expect((await cli('criteria', '--db', db, '--format', 'json')).stdout).not.toContain('cn-srdi-2026');
  }, 30_000);

  it('imports a set, compares it as a table, JSON and xlsx, and removes it', async () => {
    const added = await cli('criteria', 'import', '--db', db, '--file', path.join(dir, 'cn-srdi-2026.json'));
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('已导入标准集 cn-srdi-2026（第 1 版）');
    const listed = JSON.parse((await cli('criteria', '--db', db, '--format', 'json')).stdout) as { id: string; origin: string; added: { fileName: string } | null }[];
    expect(listed.find((s) => s.id === 'cn-srdi-2026')).toMatchObject({ origin: 'imported', added: { fileName: 'cn-srdi-2026.json' } });
    expect((await cli('criteria', 'import', '--db', db, '--file', path.join(dir, 'cn-srdi-2026.json'))).stderr).toContain('"version": 2');

    const json = await cli('criteria', 'compare', '--db', db, '--from', 'cn-srdi-2022', '--to', 'cn-srdi-2026', '--format', 'json', '--out', path.join(dir, 'cmp.xlsx'));
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout) as { rows: Record<string, unknown>[]; counts: { gained: number; lost: number; firms: number } };
    expect(out.rows).toHaveLength(11);
    expect(Object.keys(out.rows[0]).sort()).toEqual(['credit_code', 'from', 'name', 'to']);
    expect(out.rows.find((x) => x.name === '明源机械')).toMatchObject({ from: 'eligible', to: 'not_eligible' });
    expect(out.counts).toMatchObject({ firms: 11, gained: 0, lost: 1 });
    expect(fs.statSync(path.join(dir, 'cmp.xlsx')).size).toBeGreaterThan(1000);
    const table = await cli('criteria', 'compare', '--db', db, '--from', 'cn-srdi-2022', '--to', 'cn-srdi-2026', '--year', '2022', '--pool', '2023');
    expect(table.stdout).toMatch(/明源机械.*达标 → 未达标.*不再达标.*新条件3/);
    expect(table.stdout).toContain('不再达标 1');

    const removed = await cli('criteria', 'remove', '--db', db, '--id', 'cn-srdi-2026');
    expect(removed.stdout).toContain('已删除标准集 cn-srdi-2026 第 1 版');
    expect((await cli('criteria', 'remove', '--db', db, '--id', 'cn-srdi-2022')).stderr).toContain('内置标准，不能删除');
  }, 180_000);
});
