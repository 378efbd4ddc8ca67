// The printed 申请汇总表 of every shipped criteria set: A4 landscape at 70 % or more, every column on one page
// across at that scale, computed from the workbook's own page setup and column widths (no office suite needed).
import ExcelJS from '../../exceljs';
import type { Worksheet } from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MIN_SCALE, PRINTABLE_PX, SIDE_MARGIN_IN, columnPixels } from '../../export/paper';
import { call, defaultService } from '../../test/helpers';

async function summarySheet(setId: string, includeDrafts: boolean): Promise<Worksheet> {
  const t = defaultService();
  const firmIds = t.pool.db.prepare('SELECT firm_id FROM pool_members WHERE year = 2023').pluck().all() as number[];
  const list = await call(t.service, 'shortlist.create', { name: `全部-${setId}`, year: 2023, setId, fillingUnit: '台儿庄区工业和信息化局', firmIds });
  const file = await call(t.service, 'shortlist.export', { id: list.id, format: 'xlsx', includeDrafts });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  return wb.getWorksheet('申报汇总表')!;
}

const SETS = ['cn-champion-2023', 'cn-champion-2016-demo', 'cn-champion-2019-product', 'sd-champion-2023a', 'cn-little-giant-2022', 'cn-srdi-2022', 'cn-innovative-2022', 'sd-gazelle-2020'];

describe('the printed 申请汇总表', () => {
  it('ships the sets this test covers, no more and no fewer', async () => {
    const t = defaultService();
    expect((await call(t.service, 'criteria.list', {})).map((s) => s.id).sort()).toEqual([...SETS].sort());
  });

  // With drafts (one column more) is the widest each set gets.
  it.each(SETS)('%s prints A4 landscape at 70 percent or more, one page across, rows even', async (setId) => {
    const ws = await summarySheet(setId, true);
    const ps = ws.pageSetup;
    expect(ps).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: false });
    expect(ps.margins).toMatchObject({ left: SIDE_MARGIN_IN, right: SIDE_MARGIN_IN });
    expect(ps.scale).toBeGreaterThanOrEqual(MIN_SCALE);
    expect(ps.scale).toBeLessThanOrEqual(100);
    const columns = (ws.getRow(4).values as unknown[]).filter(Boolean).length;
    const widths = Array.from({ length: columns }, (_, i) => ws.getColumn(i + 1).width ?? ws.properties.defaultColWidth!);
    const pixels = widths.reduce((s, w) => s + columnPixels(w), 0);
    expect(pixels * (ps.scale! / 100)).toBeLessThanOrEqual(PRINTABLE_PX);
    expect(ps.printTitlesColumn).toBeUndefined(); // nothing runs onto a second page across
    const heights = new Set(Array.from({ length: ws.rowCount - 4 }, (_, i) => ws.getRow(5 + i)).filter((r) => typeof r.getCell(1).value === 'number').map((r) => r.height));
    expect(heights.size).toBe(1);
  });

  it('prints a sheet too wide for 70 % at 70 %, repeating 序号 and 企业名称 on the next page across', async () => {
    const { shortlistXlsx } = await import('../../export/xlsx');
    const many = Array.from({ length: 40 }, (_, i) => ({ key: `m${i}`, header: `指标${i}（万元）`, kind: 'money' as const }));
    const buf = await shortlistXlsx({
      baseName: 'x', title: 't', fillingUnit: 'u', date: 'd', subtitle: 's', notes: [], criteria: [],
      columns: [{ key: 'index', header: '序号', kind: 'index' }, { key: 'name', header: '企业名称', kind: 'text' }, ...many],
      rows: [{ index: 1, name: '甲公司' }],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ps = wb.getWorksheet('申报汇总表')!.pageSetup;
    expect(ps.scale).toBe(MIN_SCALE);
    expect(ps.printTitlesColumn).toBe('A:B');
  });
});
