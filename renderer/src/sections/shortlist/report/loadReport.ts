// Everything the report shows, loaded once: the shortlist, its criteria set, and the evaluation and pool rows
// of the listed firms (paged until all are found, so a large pool costs only what it must).
import type { CriteriaSetInfoT, EvaluationRowT, PoolRowT, ShortlistDetailT } from '../../../../../db/contract';
import { call } from '../../../api';

export interface ReportData {
  detail: ShortlistDetailT;
  set: CriteriaSetInfoT | undefined;
  /** By firm id, for the firms on the shortlist. */
  evaluation: Map<number, EvaluationRowT>;
  pool: Map<number, PoolRowT>;
  /** The data year evaluated (the shortlist's, else the pool year's default). */
  dataYear: number | null;
  poolName: string;
}

async function pages<T extends { firmId: number }>(want: Set<number>, page: (offset: number) => Promise<{ rows: T[]; total: number }>): Promise<Map<number, T>> {
  const found = new Map<number, T>();
  if (want.size === 0) return found;
  for (let offset = 0; found.size < want.size; ) {
    const res = await page(offset);
    for (const r of res.rows) if (want.has(r.firmId)) found.set(r.firmId, r);
    offset += res.rows.length;
    if (res.rows.length === 0 || offset >= res.total) break;
  }
  return found;
}

export async function loadReport(id: number): Promise<ReportData> {
  const detail = await call('shortlist.get', { id });
  const want = new Set(detail.entries.map((e) => e.firmId));
  const dataYear = detail.dataYear ?? undefined;
  const [sets, years, evaluation, pool] = await Promise.all([
    call('criteria.list', {}),
    call('pool.years', {}),
    pages(want, (offset) => call('evaluate.pool', { year: detail.poolYear, setId: detail.setId, dataYear, offset, limit: 1000 })),
    pages(want, (offset) => call('pool.list', { year: detail.poolYear, dataYear, setId: detail.setId, offset, limit: 500 })),
  ]);
  const year = years.find((y) => y.year === detail.poolYear);
  return {
    detail,
    set: sets.find((s) => s.id === detail.setId),
    evaluation,
    pool,
    dataYear: detail.dataYear ?? year?.defaultDataYear ?? null,
    poolName: year?.name ?? String(detail.poolYear),
  };
}
