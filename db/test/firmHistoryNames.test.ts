// 修改记录 names what an analyst recorded from the criteria data, not by its stored key.
import { describe, expect, it } from 'vitest';
import { inputSubject } from '../criteria/inputNames';
import { call, defaultService } from './helpers';

const XJS = '91370405MA3C7K2E3Q'; // 鑫金山机械

describe('firm.history subjects', () => {
  it('names a judgement by its set and the criterion’s text, a flag and an indicator’s points by their labels', async () => {
    const t = defaultService();
    const firmId = t.pool.db.prepare('SELECT id FROM firms WHERE credit_code = ?').pluck().get(XJS) as number;
    await call(t.service, 'analyst.record', { firmId, kind: 'judgement', setId: 'cn-champion-2023', key: 'energy_advanced', value: false });
    await call(t.service, 'analyst.record', { firmId, kind: 'flag', key: 'st_award_3y', value: true });
    await call(t.service, 'analyst.record', { firmId, kind: 'points', key: 'inn_field', value: 10 });
    await call(t.service, 'firm.updateFigures', { firmId, years: [{ year: 2022, values: { revenue: 62000 } }] });
    const history = await call(t.service, 'firm.history', { firmId });
    const by = Object.fromEntries(history.map((h) => [h.field, h]));
    expect(by['judgement:cn-champion-2023:energy_advanced']).toMatchObject({
      entity: 'analyst_input',
      year: null,
      oldValue: null,
      newValue: 'false',
      subject: { zh: '国家级制造业单项冠军企业（2023年认定管理办法） · 能耗达到限额标准先进值', en: expect.stringContaining('Energy use at the advanced value') },
    });
    expect(by['flag:st_award_3y'].subject).toEqual({ zh: '近三年获得国家级、省级科技奖励', en: expect.any(String) });
    expect(by['points:inn_field'].subject?.zh).toMatch(/\S/);
    expect(by.revenue.subject).toBeNull(); // a figure is named by the screen from its key
  });

  it('gives null for a key the criteria data does not have, so the screen shows it as recorded', () => {
    const t = defaultService();
    for (const field of ['judgement:no-such-set:energy_advanced', 'judgement:cn-champion-2023:no_such_review', 'flag:no_such_flag', 'points:no_such_input', 'other', 'judgement:x']) {
      expect(inputSubject(t.pool.db, field), field).toBeNull();
    }
  });
});
