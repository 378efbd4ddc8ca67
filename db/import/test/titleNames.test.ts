// The three national honours the 创新型 route counts, read from the template's 已获称号 column under their usual
// names, and a title named twice (re-recognised) keeping the later year its validity runs from.
import { describe, expect, it } from 'vitest';
import { templateXlsx } from '../templateFile';
import { readCell } from '../values';

const titles = (s: string) => readCell(s, 'titles', 'titles');

describe('title names in imports', () => {
  it.each([
    ['国家级技术创新示范企业(2021)', 'tech_innovation_demo'],
    ['技术创新示范企业（2021年）', 'tech_innovation_demo'],
    ['国家知识产权优势企业(2021)', 'ip_advantage'],
    ['知识产权优势企业(2021)', 'ip_advantage'],
    ['国家知识产权示范企业(2021)', 'ip_demo'],
    ['国家级知识产权示范企业(2021)', 'ip_demo'],
  ])('reads %s as %s', (text, code) => {
    expect(titles(text)).toEqual({ ok: true, value: [{ code, year: 2021 }] });
  });

  it('keeps the honours apart from 高新技术企业 and 创新型中小企业 in one cell', () => {
    expect(titles('高新技术企业(2020);知识产权优势企业(2022);创新型中小企业(2023)')).toEqual({
      ok: true,
      value: [
        { code: 'high_tech', year: 2020 },
        { code: 'ip_advantage', year: 2022 },
        { code: 'innovative_sme', year: 2023 },
      ],
    });
  });

  it('a title re-recognised keeps the later year', () => {
    expect(titles('省级专精特新中小企业(2018);省级专精特新中小企业(2021)')).toEqual({ ok: true, value: [{ code: 'srdi_provincial', year: 2021 }] });
    expect(titles('省级专精特新中小企业(2021);省级专精特新中小企业(2018)')).toEqual({ ok: true, value: [{ code: 'srdi_provincial', year: 2021 }] });
  });

  it('the template instructions name the new honours and say a title runs three years', async () => {
    const { default: ExcelJS } = await import('../../exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateXlsx()) as unknown as ArrayBuffer);
    const text = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join('\n');
    expect(text).toContain('国家级技术创新示范企业');
    expect(text).toContain('国家知识产权优势企业');
    expect(text).toContain('国家知识产权示范企业');
    expect(text).toContain('有效期三年');
  });
});
