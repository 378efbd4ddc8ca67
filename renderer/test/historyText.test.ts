import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntryT } from '../../db/contract';
import { historyLine } from '../src/sections/historyText';

const entry = (e: Partial<AuditEntryT>): AuditEntryT => ({
  id: 1,
  at: '2026-11-30T08:00:00.000Z',
  actor: '王分析',
  entity: 'figure',
  year: null,
  field: null,
  oldValue: null,
  newValue: null,
  note: null,
  firmName: null,
  ...e,
});
const zh = (e: Partial<AuditEntryT>) => historyLine(entry(e), i18next.t, 'zh-CN');

afterEach(() => void i18next.changeLanguage('zh-CN'));

describe('a line of 修改记录', () => {
  it('gives a figure its name and unit', () => {
    expect(zh({ year: 2022, field: 'revenue', oldValue: '56847.8', newValue: '62000' })).toBe('2022年 营业收入：56,847.8 万元 → 62,000 万元');
    expect(zh({ year: 2022, field: 'share_global', oldValue: null, newValue: '12.5' })).toBe('2022年 全球市场占有率：（空） → 12.5%');
    expect(zh({ year: 2021, field: 'rank_global', oldValue: '3', newValue: '2' })).toBe('2021年 全球排名：第3名 → 第2名');
    expect(zh({ year: 2021, field: 'invention_patents', oldValue: '12', newValue: '15' })).toBe('2021年 有效发明专利数：12 项 → 15 项');
  });

  it('names a recorded judgement by the criterion, shows 是/否, and gives no year when there is none', () => {
    const line = zh({
      entity: 'analyst_input',
      field: 'judgement:cn-champion-2023:energy_advanced',
      oldValue: null,
      newValue: 'false',
      subject: { zh: '国家级制造业单项冠军企业（2023年认定管理办法） · 能耗达到限额标准先进值', en: 'x · Energy use at the advanced value' },
    });
    expect(line).toBe('国家级制造业单项冠军企业（2023年认定管理办法） · 能耗达到限额标准先进值：（空） → 否');
    expect(line).not.toMatch(/^年|judgement:|false/);
    expect(zh({ entity: 'analyst_input', field: 'flag:st_award_3y', oldValue: 'false', newValue: 'true', subject: { zh: '近三年获得国家级、省级科技奖励', en: 'y' } })).toBe('近三年获得国家级、省级科技奖励：否 → 是');
    expect(zh({ entity: 'analyst_input', field: 'points:inn_field', oldValue: '5', newValue: 'null', subject: { zh: '主导产品所属领域', en: 'z' } })).toBe('主导产品所属领域：5 分 → （空）');
    // a key the criteria data no longer has is shown as recorded rather than dropped
    expect(zh({ entity: 'analyst_input', field: 'flag:gone', newValue: 'true' })).toBe('flag:gone：（空） → 是');
  });

  it('names profile fields and membership changes in words', () => {
    expect(zh({ entity: 'firm', field: 'listed', oldValue: 'false', newValue: 'true' })).toBe('上市或受上市公司控制：否 → 是');
    expect(zh({ entity: 'firm', field: 'town', oldValue: '运河街道', newValue: '张山子镇' })).toBe('所属镇街：运河街道 → 张山子镇');
    expect(zh({ entity: 'pool', year: 2023, field: 'status', oldValue: 'member', newValue: 'removed' })).toBe('2023年度培育库 入库状态：在库 → 已移出');
    expect(zh({ entity: 'import', note: '导入 a.csv：3 行' })).toBe('导入 a.csv：3 行');
  });

  it('speaks English in English', async () => {
    await i18next.changeLanguage('en');
    const line = historyLine(entry({ entity: 'analyst_input', field: 'flag:x', oldValue: null, newValue: 'true', subject: { zh: '中文', en: 'Science award' } }), i18next.t, 'en');
    expect(line).toBe('Science award: (empty) → Yes');
  });
});
