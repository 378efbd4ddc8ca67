// A larger pool: 5,000 synthetic firms beside the default 11, checked against sorts done in JS.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoolRowT } from '../contract';
import { openPoolDb, type PoolDb } from '../open';
import { createService, type Service } from '../service';
import { insertFirmYear } from '../store/firmYears';
import { insertSource } from '../store/sources';
import { call, makeCreditCode, rng } from './helpers';

const N = 5000;
const TOWNS = ['运河街道', '泥沟镇', '马兰屯镇', '邳庄镇', '张山子镇'];


let dir: string;
let pool: PoolDb;
let svc: Service;
/** What was inserted, by firm id: the town and the 2022 revenue and main revenue (null also when there is no 2022 row). */
const truth = new Map<number, { town: string; row: boolean; revenue: number | null; main: number | null }>();

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-synth-test-'));
  pool = openPoolDb({ file: path.join(dir, 'pool.sqlite'), create: 'default' });
  const { db } = pool;
  const random = rng(20230728);
  db.transaction(() => {
    const src = insertSource(db, { kind: 'import', label: 'synthetic', file: 'synthetic.xlsx' });
    const firm = db.prepare('INSERT INTO firms (credit_code, name, town, chain, source_id) VALUES (?, ?, ?, ?, ?)');
    const member = db.prepare("INSERT INTO pool_members (year, firm_id, status, source_id) VALUES (2023, ?, 'member', ?)");
    for (let i = 0; i < N; i++) {
      const town = TOWNS[Math.floor(random() * TOWNS.length)];
      const id = Number(firm.run(makeCreditCode(i + 1, '91370400SY'), `合成企业${String(i).padStart(4, '0')}`, town, '高端装备', src).lastInsertRowid);
      member.run(id, src);
      const roll = random();
      if (roll < 0.03) {
        truth.set(id, { town, row: false, revenue: null, main: null }); // no figures for the data year
        continue;
      }
      // some nulls, many ties (a coarse grid), the rest spread over the plausible range
      const revenue = roll < 0.06 ? null : roll < 0.3 ? Math.floor(random() * 20) * 1000 : Math.round(random() * 1e8) / 100;
      const main = revenue === null ? null : Math.round(revenue * (0.5 + random() / 2) * 100) / 100;
      insertFirmYear(db, id, { year: 2022, revenue, main_revenue: main, share_domestic: Math.round(random() * 1000) / 10 }, src, i + 2);
      insertFirmYear(db, id, { year: 2021, revenue: Math.round(random() * 1e6) / 100 }, src, i + 2);
      truth.set(id, { town, row: true, revenue, main });
    }
  })();
  svc = createService({ db, dataFile: pool.file, actor: 'tester', appVersion: '0.0.0' });
});
afterAll(() => {
  pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function pages(
  input: { sort?: { column: 'revenue' | 'main_share' | 'name' | 'verdict'; dir: 'asc' | 'desc' }; town?: string; setId?: string; verdict?: PoolRowT['verdict'] & string },
  limit = 500,
): Promise<PoolRowT[]> {
  const out: PoolRowT[] = [];
  let total = -1;
  for (let offset = 0; total < 0 || offset < total; offset += limit) {
    const page = await call(svc, 'pool.list', { year: 2023, ...input, offset, limit });
    total = page.total;
    out.push(...page.rows);
  }
  return out;
}

function expectedOrder(rows: PoolRowT[], key: (r: PoolRowT) => number | null, dir: 'asc' | 'desc'): number[] {
  return [...rows]
    .sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === null || y === null) return x === y ? a.firmId - b.firmId : x === null ? 1 : -1;
      return (dir === 'asc' ? x - y : y - x) || a.firmId - b.firmId;
    })
    .map((r) => r.firmId);
}

describe('pool.list over 5,011 firms', () => {
  it('counts every member', async () => {
    const r = await call(svc, 'pool.list', { year: 2023, limit: 1 });
    expect(r.total).toBe(N + 11);
    expect(pool.db.prepare('SELECT count(*) FROM pool_members WHERE year = 2023').pluck().get()).toBe(N + 11);
  });

  it('returns the revenues that were inserted', async () => {
    const all = await pages({});
    expect(all).toHaveLength(N + 11);
    for (const r of all) {
      if (!truth.has(r.firmId)) continue; // a default firm
      expect(r.revenue).toBe(truth.get(r.firmId)!.revenue);
      expect(r.sample).toBe(false);
    }
  });

  for (const dir of ['asc', 'desc'] as const) {
    it(`pages sorted by revenue ${dir} in the order of a JS sort, without gaps or duplicates`, async () => {
      const all = await pages({});
      const sorted = await pages({ sort: { column: 'revenue', dir } });
      expect(sorted).toHaveLength(N + 11);
      expect(new Set(sorted.map((r) => r.firmId)).size).toBe(N + 11);
      expect(sorted.map((r) => r.firmId)).toEqual(expectedOrder(all, (r) => r.revenue, dir));
      // nulls (no revenue, or no row for the data year) are at the end
      const nulls = sorted.filter((r) => r.revenue === null).length;
      expect(nulls).toBeGreaterThan(100);
      expect(sorted.slice(-nulls).every((r) => r.revenue === null)).toBe(true);
    });
  }

  it('pages sorted by main share in the order of a JS sort with odd page sizes', async () => {
    const all = await pages({});
    const sorted = await pages({ sort: { column: 'main_share', dir: 'desc' } }, 333);
    expect(sorted.map((r) => r.firmId)).toEqual(expectedOrder(all, (r) => r.mainShare, 'desc'));
    for (const r of sorted) {
      const t = truth.get(r.firmId);
      if (t?.revenue && t.main !== null) expect(r.mainShare!).toBeCloseTo((t.main / t.revenue) * 100, 9);
    }
  });

  it('filters by town over the large pool with the right totals', async () => {
    for (const town of TOWNS) {
      const rows = await pages({ town, sort: { column: 'revenue', dir: 'desc' } });
      const expectedIds = [...truth.entries()].filter(([, t]) => t.town === town).map(([id]) => id);
      const synthetic = rows.filter((r) => truth.has(r.firmId)).map((r) => r.firmId);
      // firms without a 2022 row still belong to their town
      expect(synthetic.sort((a, b) => a - b)).toEqual(expectedIds.sort((a, b) => a - b));
      expect(expectedIds.some((id) => !truth.get(id)!.row)).toBe(true);
      expect(rows.every((r) => r.town === town)).toBe(true);
      expect(rows.map((r) => r.firmId)).toEqual(expectedOrder(rows, (r) => r.revenue, 'desc'));
    }
  });

  it('finds one synthetic firm by name and by code prefix', async () => {
    const byName = await call(svc, 'pool.list', { year: 2023, search: '合成企业4321' });
    expect(byName.rows.map((r) => r.name)).toEqual(['合成企业4321']);
    const code = makeCreditCode(4322, '91370400SY');
    const byCode = await call(svc, 'pool.list', { year: 2023, search: `${code.slice(0, 8)} ${code.slice(8, 17).toLowerCase()}` });
    expect(byCode.rows.map((r) => r.creditCode)).toEqual([code]);
    const byPrefix = await call(svc, 'pool.list', { year: 2023, search: code.slice(0, 16), limit: 500 }); // …432x
    expect(byPrefix.total).toBe(10);
    expect(byPrefix.rows.every((r) => r.creditCode.startsWith(code.slice(0, 16)))).toBe(true);
  });

  // The verdict sort walks temp.eval_verdicts' rank index one verdict at a time; the old single ORDER BY is the rule.
  // This set gives the synthetic pool three verdicts (the 2023 national one finds nearly every firm not eligible).
  const RANK = { eligible: 1, needs_review: 2, incomplete: 3, not_eligible: 4 } as const;
  const rankOf = (r: PoolRowT) => (r.verdict ? RANK[r.verdict] : null);
  const SET = { setId: 'cn-champion-2016-demo' };

  for (const dir of ['asc', 'desc'] as const) {
    it(`pages sorted by verdict ${dir} in the order of a JS sort (ties by id, no verdict last), at odd page sizes`, async () => {
      const all = await pages(SET);
      expect(new Set(all.map((r) => r.verdict)).size).toBe(3);
      for (const limit of [500, 333, 7]) {
        const sorted = await pages({ ...SET, sort: { column: 'verdict', dir } }, limit);
        expect(sorted.map((r) => r.firmId), `page size ${limit}`).toEqual(expectedOrder(all, rankOf, dir));
      }
    });
  }

  it('pages by verdict with a town filter and with a verdict filter, with the right totals', async () => {
    const all = await pages(SET);
    const town = TOWNS[2];
    const inTown = all.filter((r) => r.town === town);
    const sorted = await pages({ ...SET, town, sort: { column: 'verdict', dir: 'desc' } }, 250);
    expect(sorted.map((r) => r.firmId)).toEqual(expectedOrder(inTown, rankOf, 'desc'));
    for (const verdict of ['incomplete', 'not_eligible', 'needs_review'] as const) {
      const want = all.filter((r) => r.verdict === verdict).map((r) => r.firmId).sort((a, b) => a - b);
      expect(want.length).toBeGreaterThan(0);
      const page = await call(svc, 'pool.list', { year: 2023, ...SET, verdict, sort: { column: 'verdict', dir: 'asc' }, limit: 100, offset: 50 });
      expect(page.total).toBe(want.length);
      expect(page.rows.map((r) => r.firmId)).toEqual(want.slice(50, 150));
      expect(page.rows.every((r) => r.verdict === verdict)).toBe(true);
    }
  });

  it('keeps the verdict table true to a write that lands while it is being filled', async () => {
    // Another set than above, so its table is filled afresh (5,000 rows a turn: two turns here).
    const setId = 'cn-champion-2019-product';
    const all = await pages({ setId });
    // A firm in the first turn's rows that only its revenue keeps out (4 万元 short of 4亿 or more).
    const target = all.find((r) => truth.has(r.firmId) && r.verdict === 'not_eligible' && r.revenue !== null && r.revenue < 40000 && r.statuses.filter((c) => c.status === 'fail').length === 1)!;
    expect(target).toBeDefined();
    const listing = call(svc, 'pool.list', { year: 2023, setId, sort: { column: 'verdict', dir: 'asc' }, limit: 10 });
    const filled = () => {
      try {
        return pool.db.prepare('SELECT count(*) FROM temp.eval_verdicts').pluck().get() as number;
      } catch {
        return 0; // not made yet
      }
    };
    let n = 0;
    for (let i = 0; i < 100_000 && !((n = filled()) > 0 && n < N + 11); i++) await new Promise((ok) => setImmediate(ok));
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(N + 11);
    expect(pool.db.prepare('SELECT verdict FROM temp.eval_verdicts WHERE firm_id = ?').pluck().get(target.firmId)).toBe('not_eligible');
    // What a waiting screen is told meanwhile.
    expect(await call(svc, 'evaluate.progress', {})).toEqual({ running: true, setId, year: 2023, phase: 'table', done: n, total: N + 11 });
    await call(svc, 'firm.updateFigures', { firmId: target.firmId, years: [{ year: 2022, values: { revenue: 500000, main_revenue: 400000 } }] });
    await listing;
    const now = (await call(svc, 'evaluate.firm', { firmId: target.firmId })).evaluations.find((e) => e.setId === setId)!.verdict;
    expect(now).not.toBe('not_eligible');
    const counts = (await call(svc, 'evaluate.pool', { year: 2023, setId, dataYear: 2022, limit: 1 })).counts;
    for (const verdict of ['eligible', 'needs_review', 'incomplete', 'not_eligible'] as const) {
      const rows = await pages({ setId, verdict });
      expect(rows.length, verdict).toBe(counts[verdict]);
      expect(rows.some((r) => r.firmId === target.firmId), verdict).toBe(verdict === now);
    }
  });

  it("orders evaluate.pool by verdict, then the closest projection, then name, as a JS sort of the rows does", async () => {
    // The 2019 product set projects some synthetic firms' revenue shortfalls, over more than one number of years.
    const input = { year: 2023, setId: 'cn-champion-2019-product', dataYear: 2022 };
    const rows: { name: string; firmId: number; verdict: string | null; projection: { kind: string; years?: number } }[] = [];
    for (let offset = 0; offset === 0 || offset < N + 11; offset += 1000) rows.push(...(await call(svc, 'evaluate.pool', { ...input, offset, limit: 1000 })).rows);
    expect(rows).toHaveLength(N + 11);
    const years = new Set(rows.filter((r) => r.projection.kind === 'years').map((r) => r.projection.years));
    expect(years.size).toBeGreaterThan(1);
    const VERDICT = { eligible: 1, needs_review: 2, incomplete: 3, not_eligible: 4 } as Record<string, number>;
    const projection = (p: (typeof rows)[number]['projection']) => (p.kind === 'years' ? p.years! : p.kind === 'none' ? 0 : 99);
    const names = [...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.firmId - b.firmId));
    const place = new Map(names.map((r, i) => [r.firmId, i]));
    const expected = [...rows].sort(
      (a, b) => (a.verdict ? VERDICT[a.verdict] : 9) - (b.verdict ? VERDICT[b.verdict] : 9) || projection(a.projection) - projection(b.projection) || place.get(a.firmId)! - place.get(b.firmId)!,
    );
    expect(rows.map((r) => r.firmId)).toEqual(expected.map((r) => r.firmId));
  });
});
