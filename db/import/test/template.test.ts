// The template's header matching (import-template.md): a column is found by its header, key or any synonym,
// whatever the brackets, spaces, punctuation or case; a unit in a trailing bracket is read as a unit, any other
// bracket is part of the name. And the README's column table says what the template does.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE, columnFor, headerStem, headerUnit } from '../template';

describe('header matching', () => {
  it('finds every column by its header, its key and each synonym', () => {
    for (const c of TEMPLATE) for (const name of [c.header, c.key, ...c.synonyms]) expect(columnFor(name)?.key, name).toBe(c.key);
  });

  it('ignores spaces, underscores, hyphens, colons, asterisks, case and full-width forms', () => {
    expect(columnFor(' 营业 收入 ')?.key).toBe('revenue');
    expect(columnFor('*统一社会信用代码：')?.key).toBe('credit_code');
    expect(columnFor('CREDIT-CODE')?.key).toBe('credit_code');
    expect(columnFor('Main_Revenue')?.key).toBe('main_revenue');
    expect(columnFor('ｒｅｖｅｎｕｅ')?.key).toBe('revenue');
    expect(headerStem('营业收入（亿元）')).toBe('营业收入');
    expect(columnFor('营业收入合计')).toBeUndefined();
    expect(columnFor('')).toBeUndefined();
  });

  it('reads a unit in a trailing bracket, and keeps any other bracket as part of the name', () => {
    expect(headerUnit('营业收入（亿元）')).toBe('亿元');
    expect(headerUnit('营业收入(元)')).toBe('元');
    expect(headerUnit('营业收入 ( 万元 )')).toBe('万元');
    expect(headerUnit('国内市场占有率（％）')).toBe('%');
    expect(headerUnit('国内市场占有率(%)')).toBe('%');
    expect(headerUnit('从业人员（人）')).toBe('人');
    expect(headerUnit('营业收入')).toBeNull();
    expect(headerUnit('销售收入（全部）')).toBeNull();
    expect(columnFor('销售收入（全部）')?.key).toBe('revenue');
    expect(columnFor('主导（申报）产品销售收入')?.key).toBe('product_revenue');
    // a money unit the importer does not know stays a unit, so the file is refused rather than misread
    expect(headerUnit('营业收入（美元）')).toBe('美元');
    expect(headerUnit('营业收入(万港币)')).toBe('万港币');
    expect(columnFor('营业收入（美元）')?.key).toBe('revenue');
  });

  it('reads a unit only in the last bracket, with nothing after it', () => {
    expect(headerUnit('净利润（万元）增幅')).toBeNull();
    expect(columnFor('净利润（万元）增幅')).toBeUndefined();
    expect(headerUnit('营业收入（万元）（2023年）')).toBeNull();
    expect(headerUnit('营业收入（万元） ')).toBe('万元');
  });

  it('marks the three required columns and the firm-level ones', () => {
    expect(TEMPLATE.filter((c) => c.required).map((c) => c.key)).toEqual(['credit_code', 'name', 'year']);
    expect(TEMPLATE.filter((c) => c.firmLevel).map((c) => c.key)).toEqual(['town', 'chain', 'main_product', 'product_code', 'segment_since', 'founded_year', 'is_new_product', 'listed', 'titles']);
  });
});

describe("the README's template table", () => {
  it('lists every column in order with its key, whether it is required and every other name it goes by', () => {
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    const rows = readme
      .split('\n')
      .map((l) => /^\| (\S+) \| `(\w+)` \| (是)? *\| (.*) \|$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ header: m[1], key: m[2], required: m[3] === '是', synonyms: /也认：(.*)$/.exec(m[4])?.[1].split('、') ?? [] }));
    expect(rows).toEqual(TEMPLATE.map((c) => ({ header: c.header, key: c.key, required: c.required, synonyms: [...c.synonyms] })));
  });
});
