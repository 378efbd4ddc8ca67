// 总览 → 报送区县: the firms one district reported in the pool year, for the side panel, each with every
// district that reported it (a firm two districts reported is listed once, naming both).
import { call } from '../../api';
import type { Shown } from './model';

export async function districtList(year: number, district: string): Promise<Shown> {
  const list = await call('pool.list', { year, district, limit: 500 });
  return {
    title: district,
    firms: list.rows.map((r) => ({ firmId: r.firmId, name: r.name, sample: r.sample, extra: (r.districts ?? []).join('、') })),
    total: list.total,
  };
}
