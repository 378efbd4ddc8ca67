// Reading one template cell at the edges of what it accepts: cells a spreadsheet stored in another form than the
// column wants (percent-formatted, dates, formulas), units that only look like money units, title years at their
// limits, and the reason given for a figure out of range.
import { describe, expect, it } from 'vitest';
import { moneyFactor, PercentCell, readCell, readMoney, UncomputedFormula } from '../values';

const ok = (value: unknown) => ({ ok: true, value });
const refused = (reason: string) => ({ ok: false, reason });

describe('cells stored in another form than the column wants', () => {
  it('a percent-formatted number in a text column reads as the percentage the spreadsheet showed', () => {
    expect(readCell(new PercentCell(0.07), 'text', 'chain')).toEqual(ok('7%'));
    expect(readCell(new PercentCell(0.125), 'text', 'chain')).toEqual(ok('12.5%'));
  });

  it('a date in a text column reads as its day, written 2023-07-28', () => {
    expect(readCell(new Date('2023-07-28T00:00:00Z'), 'text', 'main_product')).toEqual(ok('2023-07-28'));
  });

  it('a date cell holding no real date is refused with a reason in any column, not an exception from reading it', () => {
    const noDate = new Date(Number.NaN);
    for (const [kind, key] of [['text', 'name'], ['bool', 'listed'], ['titles', 'titles'], ['credit_code', 'credit_code'], ['money', 'revenue']] as const) {
      expect(readCell(noDate, kind, key), kind).toEqual(refused('不是有效日期'));
    }
    expect(readMoney(noDate)).toEqual({ reason: '此处应为数字' });
  });

  it('a formula saved without its result is shown as written, with its equals sign', () => {
    expect(String(new UncomputedFormula('C1+1'))).toBe('=C1+1');
  });

  it('a year column formatted as a percentage still reads the year stored', () => {
    expect(readCell(new PercentCell(2023), 'year', 'year')).toEqual(ok(2023));
  });
});

describe('text and numbers as typed', () => {
  it('keeps a name without any of the blanks typed after or before it', () => {
    expect(readCell('山东某某有限公司 \u3000  ', 'text', 'name')).toEqual(ok('山东某某有限公司'));
    expect(readCell(' \u3000山东某某有限公司', 'text', 'name')).toEqual(ok('山东某某有限公司'));
  });

  it('reads an amount written without its leading zero', () => {
    expect(readMoney('.55')).toEqual({ value: 0.55 });
    expect(readMoney('(.25)')).toEqual({ value: -0.25 });
  });
});

describe('money header units', () => {
  it('a unit that only begins or ends like a money unit is not one: per ton, per person, per year, 十亿', () => {
    expect([moneyFactor('元/吨'), moneyFactor('十亿元'), moneyFactor('亿元/年'), moneyFactor('人均千元'), moneyFactor('千元/人')]).toEqual([null, null, null, null, null]);
  });
});

describe('titles', () => {
  it('ignores a separator left at either end or doubled', () => {
    expect(readCell('高企；', 'titles', 'titles')).toEqual(ok([{ code: 'high_tech', year: null }]));
    expect(readCell('、小巨人(2021)；；高企', 'titles', 'titles')).toEqual(
      ok([
        { code: 'little_giant', year: 2021 },
        { code: 'high_tech', year: null },
      ]),
    );
  });

  it('names an unknown title without the blanks typed around it', () => {
    expect(readCell('高企; 优秀企业', 'titles', 'titles')).toEqual(refused('无法识别的称号“优秀企业”'));
  });

  it('reads a year with blanks inside its brackets', () => {
    expect(readCell('高新技术企业（ 2020 年）', 'titles', 'titles')).toEqual(ok([{ code: 'high_tech', year: 2020 }]));
  });

  it('takes a year only when it closes the title: words after it leave the year unknown', () => {
    expect(readCell('高新技术企业(2020)复审', 'titles', 'titles')).toEqual(ok([{ code: 'high_tech', year: null }]));
  });

  it('accepts title years from 1990 to 2100 and refuses one outside', () => {
    expect(readCell('高企(1990)', 'titles', 'titles')).toEqual(ok([{ code: 'high_tech', year: 1990 }]));
    expect(readCell('高企(2100)', 'titles', 'titles')).toEqual(ok([{ code: 'high_tech', year: 2100 }]));
    expect(readCell('高企(2101)', 'titles', 'titles')).toEqual(refused('称号年份超出 1990–2100：高企(2101)'));
  });

  it('a title named twice without years keeps no year', () => {
    expect(readCell('高企、高企', 'titles', 'titles')).toEqual(ok([{ code: 'high_tech', year: null }]));
  });
});

describe('credit codes a spreadsheet showed in scientific notation', () => {
  const fix = '请把该列设为“文本”格式，重新填入完整的 18 位代码后再导入';
  it('knows the short form without decimals (9E+17)', () => {
    expect(readCell('9E+17', 'credit_code', 'credit_code')).toEqual(refused(`统一社会信用代码显示为科学计数法（9E+17），表格软件已把它当作数字，末几位已丢失：${fix}`));
  });

  it('takes only a whole cell in that form for it; anything else is a code of the wrong length', () => {
    expect(readCell('9137E+17', 'credit_code', 'credit_code')).toEqual(refused('统一社会信用代码应为 18 位'));
    expect(readCell('9.13704E+175', 'credit_code', 'credit_code')).toEqual(refused('统一社会信用代码应为 18 位'));
  });
});

describe('figures out of range', () => {
  it('a count or rank takes no percent sign and no money unit of the column', () => {
    expect(readCell('12%', 'count', 'invention_patents')).toEqual(refused('此处不应为百分数'));
    expect(readCell(new PercentCell(0.5), 'count', 'invention_patents')).toEqual(refused('应为整数'));
    expect(readCell('12', 'count', 'invention_patents', 1e-4)).toEqual(ok(12));
  });

  it('a rank past a million is too large, said as such', () => {
    expect(readCell('2000000', 'rank', 'rank_global')).toEqual(refused('数值过大'));
  });

  it('a number too long to hold is not a valid number', () => {
    expect(readCell('9'.repeat(400), 'count', 'invention_patents')).toEqual(refused('不是有效数字'));
  });
});
