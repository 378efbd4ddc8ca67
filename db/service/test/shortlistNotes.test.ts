// The visible notes of an exported shortlist: the sheet must say when it rests on unconfirmed criteria the
// analyst switched on, and must not say so when they are off (the shipped default).
import ExcelJS from '../../exceljs';
import { describe, expect, it } from 'vitest';
import { call, defaultService, type TestService } from '../../test/helpers';

const firmIds = (t: TestService) => t.pool.db.prepare("SELECT id FROM firms WHERE name IN ('台城新材料', '鑫金山机械') ORDER BY id").pluck().all() as number[];

let made = 0;
async function exportedText(t: TestService, format: 'xlsx' | 'csv'): Promise<string> {
  const list = await call(t.service, 'shortlist.create', { name: `名单${++made}`, year: 2023, setId: 'cn-champion-2023', firmIds: firmIds(t) });
  const file = await call(t.service, 'shortlist.export', { id: list.id, format, includeDrafts: true });
  const bytes = Buffer.from(file.base64, 'base64');
  if (format === 'csv') return bytes.toString('utf8');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return JSON.stringify(wb.getWorksheet('申报汇总表')!.getSheetValues());
}

describe('the unconfirmed-criteria note of an exported shortlist', () => {
  it('names each unconfirmed criterion switched on, in the xlsx and the CSV', async () => {
    const t = defaultService();
    await call(t.service, 'criteria.setEnabled', { setId: 'cn-champion-2023', criterionId: 'u1', enabled: true });
    const note = '注：已启用未证实的条件：条件u1（申请产品销售收入占主营业务收入比重70%以上）。';
    expect(await exportedText(t, 'xlsx')).toContain(note);
    expect(await exportedText(t, 'csv')).toContain(note);

    await call(t.service, 'criteria.setEnabled', { setId: 'cn-champion-2023', criterionId: 'u2', enabled: true });
    expect(await exportedText(t, 'xlsx')).toContain('条件u1（申请产品销售收入占主营业务收入比重70%以上）；条件u2（');
  });

  it('says nothing of unconfirmed criteria while they are off, beside the sample note', async () => {
    const t = defaultService();
    const text = await exportedText(t, 'xlsx');
    expect(text).toContain('示例数据');
    expect(text).not.toContain('未证实');
  });
});
