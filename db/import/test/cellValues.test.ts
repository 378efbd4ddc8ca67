// Reading one template cell: money in any of its written forms and units, percentages, years, yes/no, codes, and
// the reason given for each refused value.
import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../../creditCode';
import { moneyFactor, PercentCell, readCell, readMoney, UncomputedFormula } from '../values';

const code = (first17: string) => first17 + checkCharacter(first17);
const ok = (value: unknown) => ({ ok: true, value });
const refused = (reason: string) => ({ ok: false, reason });

describe('money units', () => {
  it('converts each header unit to 万元, and knows no other', () => {
    expect([moneyFactor(null), moneyFactor(''), moneyFactor('万元'), moneyFactor('万'), moneyFactor(' 万 元 ')]).toEqual([1, 1, 1, 1, 1]);
    expect([moneyFactor('元'), moneyFactor('人民币元'), moneyFactor('亿元'), moneyFactor('亿'), moneyFactor('千元')]).toEqual([1e-4, 1e-4, 1e4, 1e4, 0.1]);
    expect([moneyFactor('美元'), moneyFactor('万元整'), moneyFactor('百万元')]).toEqual([null, null, null]);
  });
});

describe('readMoney', () => {
  it('reads the written forms of an amount in 万元', () => {
    expect(readMoney('12,345.6')).toEqual({ value: 12345.6 });
    expect(readMoney('１２３４５．６')).toEqual({ value: 12345.6 });
    expect(readMoney('1.2亿')).toEqual({ value: 12000 });
    expect(readMoney('5.23亿元')).toEqual({ value: 52300 });
    expect(readMoney('3500万元')).toEqual({ value: 3500 });
    expect(readMoney('3500万')).toEqual({ value: 3500 });
    expect(readMoney('120千元')).toEqual({ value: 12 });
    expect(readMoney('50000元')).toEqual({ value: 5 });
    expect(readMoney('(120)')).toEqual({ value: -120 });
    expect(readMoney('-7.5')).toEqual({ value: -7.5 });
    expect(readMoney('+.5')).toEqual({ value: 0.5 });
    expect(readMoney('12.')).toEqual({ value: 12 });
    expect(readMoney(' 1 234 ')).toEqual({ value: 1234 });
  });

  it('applies the column’s unit to bare numbers, rounding away binary noise', () => {
    expect(readMoney(71875000, 1e-4)).toEqual({ value: 7187.5 });
    expect(readMoney('71875000', 1e-4)).toEqual({ value: 7187.5 });
    expect(readMoney(5.23, 1e4)).toEqual({ value: 52300 });
    expect(readMoney(new PercentCell(0.5), 2)).toEqual({ value: 1 });
  });

  it('reads the empty markers as missing, never 0', () => {
    for (const empty of [null, undefined, '', ' ', '-', '--', '—', '——', '/', '无', '空', 'N/A', 'na']) expect(readMoney(empty), String(empty)).toEqual({ value: null });
  });

  it('refuses what is not an amount, saying why', () => {
    expect(readMoney('12.5%')).toEqual({ reason: '此处不应为百分数' });
    expect(readMoney('abc')).toEqual({ reason: '不是数字' });
    expect(readMoney('1.2.3')).toEqual({ reason: '不是数字' });
    expect(readMoney('.')).toEqual({ reason: '不是数字' });
    expect(readMoney('x12')).toEqual({ reason: '不是数字' });
    expect(readMoney('12x')).toEqual({ reason: '不是数字' });
    expect(readMoney(Infinity)).toEqual({ reason: '不是有效数字' });
    expect(readMoney(true)).toEqual({ reason: '此处应为数字' });
    expect(readMoney(new Date('2023-01-01'))).toEqual({ reason: '此处应为数字' });
    expect(readMoney(new UncomputedFormula('A1*2'))).toEqual({ reason: '此处应为数字' });
  });
});

describe('readCell', () => {
  it('reads percentages as written, percent cells ×100 in a percent column', () => {
    expect(readCell('12.5%', 'percent', 'share_global')).toEqual(ok(12.5));
    expect(readCell(new PercentCell(0.125), 'percent', 'share_global')).toEqual(ok(12.5));
    expect(readCell('12.5', 'percent', 'share_global')).toEqual(ok(12.5));
    expect(readCell('150', 'percent', 'share_global')).toEqual(refused('占比应在 0–100 之间'));
    expect(readCell('-1', 'percent', 'share_global')).toEqual(refused('不能为负数'));
    expect(readCell('3万元', 'percent', 'share_global')).toEqual(refused('此处不应带金额单位“万元”'));
  });

  it('reads money with the column’s unit and refuses an implausible amount', () => {
    expect(readCell('50000', 'money', 'revenue', 1e-4)).toEqual(ok(5));
    expect(readCell('2亿', 'money', 'revenue', 1e-4)).toEqual(ok(20000));
    expect(readCell('200000000', 'money', 'revenue')).toEqual(refused('金额超过 1 万亿元，可能是单位错误（本表金额以万元计）'));
    expect(readCell('-5', 'money', 'revenue')).toEqual(refused('不能为负数'));
    expect(readCell('-5', 'money', 'net_profit')).toEqual(ok(-5));
  });

  it('reads counts and ranks as integers in range', () => {
    expect(readCell('12', 'count', 'invention_patents')).toEqual(ok(12));
    expect(readCell('1.5', 'count', 'invention_patents')).toEqual(refused('应为整数'));
    expect(readCell('0', 'rank', 'rank_global')).toEqual(refused('排名应为 1 或以上的整数'));
    expect(readCell('3', 'rank', 'rank_global')).toEqual(ok(3));
    expect(readCell('-2', 'count', 'invention_patents')).toEqual(refused('不能为负数'));
  });

  it('reads years written with 年 or 年度, within the range for data years or founding years', () => {
    expect(readCell('2023年', 'year', 'year')).toEqual(ok(2023));
    expect(readCell('２０２３ 年度', 'year', 'year')).toEqual(ok(2023));
    expect(readCell(2023, 'year', 'year')).toEqual(ok(2023));
    expect(readCell('1989', 'year', 'year')).toEqual(refused('年份应在 1990–2100 之间'));
    expect(readCell('1990', 'year', 'year')).toEqual(ok(1990));
    expect(readCell('1950', 'year', 'founded_year')).toEqual(ok(1950));
    expect(readCell('1899', 'year', 'founded_year')).toEqual(refused('年份应在 1900–2100 之间'));
    expect(readCell('2100', 'year', 'founded_year')).toEqual(ok(2100));
    expect(readCell('2101', 'year', 'founded_year')).toEqual(refused('年份应在 1900–2100 之间'));
    expect(readCell('2023.5', 'year', 'year')).toEqual(refused('年份应在 1990–2100 之间'));
    expect(readCell('明年', 'year', 'year')).toEqual(refused('年份不是数字'));
  });

  it('reads yes and no in their written forms', () => {
    for (const yes of ['是', 'Y', 'yes', 'TRUE', '1', '√', true]) expect(readCell(yes, 'bool', 'listed'), String(yes)).toEqual(ok(true));
    for (const no of ['否', 'n', 'No', 'false', '0', '×', false]) expect(readCell(no, 'bool', 'listed'), String(no)).toEqual(ok(false));
    expect(readCell('也许', 'bool', 'listed')).toEqual(refused('应填“是”或“否”'));
  });

  it('reads product codes of 8 or 10 digits', () => {
    expect(readCell('1234 5678', 'product_code', 'product_code')).toEqual(ok('12345678'));
    expect(readCell('1234567890', 'product_code', 'product_code')).toEqual(ok('1234567890'));
    for (const bad of ['1234567', '123456789', '12345678901', 'A2345678']) expect(readCell(bad, 'product_code', 'product_code'), bad).toEqual(refused('产品分类代码应为 8 或 10 位数字'));
  });

  it('keeps text as written apart from surrounding blanks, and reads empty cells as missing', () => {
    expect(readCell('\u3000 山东某某 有限公司 ', 'text', 'name')).toEqual(ok('山东某某 有限公司'));
    expect(readCell('—', 'text', 'name')).toEqual(ok(null));
    expect(readCell(null, 'money', 'revenue')).toEqual(ok(null));
  });

  it('reads a credit code, and says when a spreadsheet turned it into a number', () => {
    const valid = code('91370481MA0000001');
    expect(readCell(valid, 'credit_code', 'credit_code')).toEqual(ok(valid));
    expect(readCell(` ${valid.toLowerCase()} `, 'credit_code', 'credit_code')).toEqual(ok(valid));
    const fix = '请把该列设为“文本”格式，重新填入完整的 18 位代码后再导入';
    expect(readCell(913704810000000000, 'credit_code', 'credit_code')).toEqual(refused(`统一社会信用代码被存成了数字，末几位已丢失：${fix}`));
    expect(readCell('9.13704E+17', 'credit_code', 'credit_code')).toEqual(refused(`统一社会信用代码显示为科学计数法（9.13704E+17），表格软件已把它当作数字，末几位已丢失：${fix}`));
    expect(readCell('9137048100', 'credit_code', 'credit_code')).toEqual(refused('统一社会信用代码应为 18 位'));
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect(readCell(wrongCheck, 'credit_code', 'credit_code')).toEqual(refused('统一社会信用代码校验位不符'));
  });

  it('reads titles with their years, the later year of a title named twice, and refuses unknown ones', () => {
    expect(readCell('专精特新“小巨人”（2021年）；高新技术企业(2020)', 'titles', 'titles')).toEqual(
      ok([
        { code: 'little_giant', year: 2021 },
        { code: 'high_tech', year: 2020 },
      ]),
    );
    expect(readCell('高企(2019)、高企(2022)、高企', 'titles', 'titles')).toEqual(ok([{ code: 'high_tech', year: 2022 }]));
    expect(readCell('高企、高企(2019)', 'titles', 'titles')).toEqual(ok([{ code: 'high_tech', year: 2019 }]));
    expect(readCell('省级领航企业', 'titles', 'titles')).toEqual(ok([{ code: 'leader_provincial', year: null }]));
    expect(readCell('领航企业', 'titles', 'titles')).toEqual(ok([{ code: 'leader_national', year: null }]));
    expect(readCell('山东省制造业单项冠军', 'titles', 'titles')).toEqual(ok([{ code: 'champion_provincial', year: null }]));
    expect(readCell('优秀企业', 'titles', 'titles')).toEqual(refused('无法识别的称号“优秀企业”'));
    expect(readCell('高企(1989)', 'titles', 'titles')).toEqual(refused('称号年份超出 1990–2100：高企(1989)'));
  });
});
