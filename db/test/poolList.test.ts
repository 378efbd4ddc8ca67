import { nameSortKey } from '../sortKey';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import defaultPool from '../../assets/default-pool.json';
import { POOL_SORT_COLUMNS, type PoolRowT, type PoolSortColumn, type TitleCode, type VerdictT } from '../contract';
import { openPoolDb, type PoolDb } from '../open';
import { createService, type Service } from '../service';
import { insertFirmYear } from '../store/firmYears';
import { insertSource } from '../store/sources';
import { call, callError, makeCreditCode } from './helpers';

// The title gradient the titles column sorts by (highest title held), restated here on purpose.
const TITLE_RANK: Record<TitleCode, number> = {
  high_tech: 1,
  tech_innovation_demo: 1,
  ip_advantage: 1,
  ip_demo: 1,
  innovative_sme: 2,
  srdi_provincial: 3,
  gazelle_provincial: 3,
  little_giant: 4,
  champion_provincial: 5,
  champion_national: 6,
  leader_provincial: 7,
  leader_national: 8,
};

// Best first, as the verdict column sorts.
const VERDICT_RANK: Record<VerdictT, number> = { eligible: 1, needs_review: 2, incomplete: 3, not_eligible: 4 };
const SET_ID = 'cn-little-giant-2022';

let dir: string;
let pool: PoolDb;
let svc: Service;
const extra: Record<string, number> = {};

/** Adds firms with nulls, ties, LIKE wildcards in names, a Latin name and a second pool year. */
function addExtraFirms(): void {
  const { db } = pool;
  const manual = insertSource(db, { kind: 'manual', label: 'test', actor: 'tester' });
  const imported = insertSource(db, { kind: 'import', label: 'test import', file: 'x.xlsx', sheet: 'S' });
  const sample = insertSource(db, { kind: 'sample', label: 'test sample' });
  const firm = db.prepare(
    'INSERT INTO firms (credit_code, name, town, chain, main_product, source_id) VALUES (@code, @name, @town, @chain, @product, @source)',
  );
  const add = (key: string, n: number, name: string, town: string | null, chain: string | null, product: string | null, source: number) => {
    extra[key] = Number(firm.run({ code: makeCreditCode(n), name, town, chain, product, source }).lastInsertRowid);
    return extra[key];
  };
  const member = db.prepare("INSERT INTO pool_members (year, firm_id, status, source_id) VALUES (?, ?, 'member', ?)");
  const title = db.prepare('INSERT INTO titles (firm_id, code, level, year, source_id) VALUES (?, ?, ?, 2021, ?)');

  // no figures at all, no town/chain/product, no titles
  member.run(2023, add('acme', 1, 'ACME精工', null, null, null, manual), manual);
  // revenue 0 (main share undefined), some nulls, the top title
  const pct = add('pct', 2, '百分之百%科技', '运河街道', '新材料', '测试产品', imported);
  member.run(2023, pct, imported);
  insertFirmYear(db, pct, { year: 2022, revenue: 0, main_revenue: 0, rank_national: 3 }, sample, 7);
  title.run(pct, 'champion_national', 'national', imported);
  // ties with 汉庄数控 on revenue, domestic share and national rank; a title tied in rank with srdi_provincial
  const under = add('under', 3, 'A_B精工', '泥沟镇', null, '铸件', manual);
  member.run(2023, under, manual);
  insertFirmYear(db, under, { year: 2022, revenue: 44408.6, main_revenue: 100, share_domestic: 22.3, rank_national: 2, rank_global: 3 }, manual, null);
  title.run(under, 'gazelle_provincial', 'provincial', manual);
  // a member of another pool year only
  db.prepare("INSERT INTO pool_years (year, name, source_id, created_at) VALUES (2024, '2024年度', ?, '2024-01-01')").run(manual);
  member.run(2024, add('only2024', 4, '只在2024', '运河街道', '高端装备', null, manual), manual);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-pool-test-'));
  pool = openPoolDb({ file: path.join(dir, 'pool.sqlite'), create: 'default' });
  addExtraFirms();
  svc = createService({ db: pool.db, dataFile: pool.file, actor: 'tester', appVersion: '0.0.0' });
});
afterAll(() => {
  pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const list = (input: Omit<Parameters<typeof call<'pool.list'>>[2], 'year'> & { year?: number } = {}) =>
  call(svc, 'pool.list', { year: 2023, limit: 500, ...input });
const names = (rows: PoolRowT[]) => rows.map((r) => r.name);

async function allPages(input: Parameters<typeof list>[0], limit: number): Promise<PoolRowT[]> {
  const out: PoolRowT[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await list({ ...input, offset, limit });
    expect(page.offset).toBe(offset);
    out.push(...page.rows);
    if (page.rows.length < limit) {
      expect(out).toHaveLength(page.total);
      return out;
    }
    expect(page.rows).toHaveLength(limit);
  }
}

function sortKey(r: PoolRowT, c: PoolSortColumn): string | number | null {
  switch (c) {
    case 'name':
      return nameSortKey(r.name); // pinyin order (db/sortKey.ts)
    case 'town':
      return r.town;
    case 'chain':
      return r.chain;
    case 'main_product':
      return r.mainProduct;
    case 'titles':
      return r.titles.length ? Math.max(...r.titles.map((t) => TITLE_RANK[t.code])) : null;
    case 'revenue':
      return r.revenue;
    case 'main_share':
      return r.mainShare;
    case 'share_domestic':
      return r.shareDomestic;
    case 'rank_national':
      return r.rankNational;
    case 'rank_global':
      return r.rankGlobal;
    case 'verdict':
      return r.verdict === null ? null : VERDICT_RANK[r.verdict];
  }
}

/** Code-point order for text (what SQLite's BINARY collation does on UTF-8), numeric order for numbers. */
function cmp(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = [...String(a)].map((c) => c.codePointAt(0)!);
  const y = [...String(b)].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function jsSort(rows: PoolRowT[], c: PoolSortColumn, dir: 'asc' | 'desc'): PoolRowT[] {
  return [...rows].sort((ra, rb) => {
    const a = sortKey(ra, c);
    const b = sortKey(rb, c);
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1; // nulls last in both directions
    } else {
      const d = cmp(a, b);
      if (d !== 0) return dir === 'asc' ? d : -d;
    }
    return ra.firmId - rb.firmId;
  });
}

describe('pool.list', () => {
  it('lists the members of the pool year, by name by default', async () => {
    const r = await list();
    expect(r.total).toBe(14);
    expect(r.rows).toHaveLength(14);
    expect(names(r.rows)).not.toContain('只在2024');
    expect(r.rows.map((x) => x.firmId)).toEqual(jsSort(r.rows, 'name', 'asc').map((x) => x.firmId));
    const only = await list({ year: 2024 });
    expect(names(only.rows)).toEqual(['只在2024']);
    expect((await list({ year: 2030 })).total).toBe(0);
  });

  it('pages: windows concatenate to the full sorted list, without duplicates', async () => {
    const full = (await list({ sort: { column: 'revenue', dir: 'desc' } })).rows;
    for (const limit of [1, 3, 5, 13, 14, 100]) {
      const paged = await allPages({ sort: { column: 'revenue', dir: 'desc' } }, limit);
      expect(paged.map((x) => x.firmId)).toEqual(full.map((x) => x.firmId));
      expect(new Set(paged.map((x) => x.firmId)).size).toBe(paged.length);
    }
    const past = await list({ offset: 100, limit: 10 });
    expect(past.rows).toEqual([]);
    expect(past.total).toBe(14);
  });

  for (const column of POOL_SORT_COLUMNS) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`sorts by ${column} ${dir}, nulls last, in pages as in full`, async () => {
        // the verdict column needs a criteria set to sort by
        const setId = column === 'verdict' ? { setId: SET_ID } : {};
        const full = (await list(setId)).rows;
        const expected = jsSort(full, column, dir).map((x) => x.firmId);
        const sorted = await list({ ...setId, sort: { column, dir } });
        expect(sorted.rows.map((x) => x.firmId)).toEqual(expected);
        const paged = await allPages({ ...setId, sort: { column, dir } }, 4);
        expect(paged.map((x) => x.firmId)).toEqual(expected);
        // a null key exists in most columns; it sits at the end whichever the direction
        const keys = sorted.rows.map((x) => sortKey(x, column));
        const firstNull = keys.indexOf(null);
        if (firstNull >= 0) expect(keys.slice(firstNull).every((k) => k === null)).toBe(true);
      });
    }
  }

  it('has null keys to sort in every figure and text column but name', async () => {
    const full = (await list({ setId: SET_ID })).rows;
    for (const c of POOL_SORT_COLUMNS.filter((x) => x !== 'name' && x !== 'verdict')) expect(full.some((r) => sortKey(r, c) === null), c).toBe(true);
    // with a set, every member has a verdict (of the chosen data year) and its criteria statuses
    expect(full.every((r) => r.verdict !== null && r.statuses.length > 0)).toBe(true);
  });

  it('refuses to sort or filter by verdict without a criteria set', async () => {
    expect((await callError(svc, 'pool.list', { year: 2023, sort: { column: 'verdict', dir: 'asc' } })).code).toBe('invalid_input');
    expect((await callError(svc, 'pool.list', { year: 2023, verdict: 'eligible' })).code).toBe('invalid_input');
    expect((await list()).rows.every((r) => r.verdict === null && r.statuses.length === 0)).toBe(true);
  });

  it('breaks ties by firm id in both directions', async () => {
    for (const dir of ['asc', 'desc'] as const) {
      const rows = (await list({ sort: { column: 'share_domestic', dir } })).rows;
      const tied = rows.filter((r) => r.shareDomestic === 22.3).map((r) => r.firmId);
      expect(tied).toHaveLength(2);
      expect(tied[0]).toBeLessThan(tied[1]);
    }
  });

  it('filters by town, chain and title, alone and combined', async () => {
    const expected = (pred: (f: (typeof defaultPool.firms)[number]) => boolean) =>
      defaultPool.firms.filter(pred).map((f) => f.name).sort(cmp);
    const check = async (input: Parameters<typeof list>[0], want: string[]) => {
      const r = await list(input);
      expect(names(r.rows).sort(cmp)).toEqual([...want].sort(cmp));
      expect(r.total).toBe(want.length);
    };
    await check({ town: '泥沟镇' }, [...expected((f) => f.town === '泥沟镇'), 'A_B精工']);
    await check({ chain: '锂电新能源' }, ['运河锂能科技', '鲁南电解液']);
    await check({ title: 'little_giant' }, expected((f) => f.titles.some((t) => t.code === 'little_giant')));
    await check({ title: 'little_giant' }, ['鑫金山机械', '越成制动', '台城新材料', '汉庄数控']);
    await check({ chain: '高端装备', title: 'little_giant' }, ['鑫金山机械', '越成制动', '汉庄数控']);
    await check({ town: '运河街道', chain: '高端装备' }, ['越成制动', '汉庄数控']);
    await check({ town: '运河街道', chain: '新材料', title: 'champion_national' }, ['百分之百%科技']);
    await check({ town: '泥沟镇', title: 'little_giant' }, []);
    await check({ town: '不存在镇' }, []);
    await check({ title: 'leader_national' }, []);
  });

  it('searches by part of a name, case-insensitively for Latin letters', async () => {
    expect(names((await list({ search: '金山' })).rows)).toEqual(['鑫金山机械']);
    expect(names((await list({ search: '  金山\u3000' })).rows)).toEqual(['鑫金山机械']);
    expect(names((await list({ search: 'acme' })).rows)).toEqual(['ACME精工']);
    expect(names((await list({ search: 'Me精' })).rows)).toEqual(['ACME精工']);
    expect(names((await list({ search: '机械' })).rows).sort(cmp)).toEqual(['明源机械', '鑫金山机械'].sort(cmp));
    expect((await list({ search: '   ' })).total).toBe(14); // blank search = no filter
  });

  it('searches by credit-code prefix, case-insensitive and ignoring spaces', async () => {
    const xjs = '91370405MA3C7K2E3Q';
    for (const q of ['91370405MA3C', '91370405ma3c', ' 9137 0405 ma3c ', '9137\u30000405MA3C7K2E3Q', xjs.toLowerCase()]) {
      expect(names((await list({ search: q })).rows), q).toEqual(['鑫金山机械']);
    }
    expect((await list({ search: '91370405' })).total).toBe(11);
    expect((await list({ search: '9137 0481' })).total).toBe(3);
    // a prefix, not any part of the code
    expect((await list({ search: 'MA3C7K' })).total).toBe(0);
    // combined with a filter
    expect((await list({ search: '91370405', chain: '新材料' })).total).toBe(2);
  });

  it('treats LIKE wildcards in a search literally', async () => {
    expect(names((await list({ search: '%' })).rows)).toEqual(['百分之百%科技']);
    expect(names((await list({ search: '_' })).rows)).toEqual(['A_B精工']);
    expect(names((await list({ search: 'A_B' })).rows)).toEqual(['A_B精工']);
    expect((await list({ search: 'A%B' })).total).toBe(0);
    expect((await list({ search: '%%' })).total).toBe(0);
    expect((await list({ search: '9137040_' })).total).toBe(0);
    expect((await list({ search: '\\' })).total).toBe(0);
    expect((await list({ search: '\\%' })).total).toBe(0);
  });

  it('refuses an unknown sort column, a bad direction and out-of-range paging with invalid_input', async () => {
    const bad = [
      { year: 2023, sort: { column: 'credit_code', dir: 'asc' } },
      { year: 2023, sort: { column: 'revenue; DROP TABLE firms', dir: 'asc' } },
      { year: 2023, sort: { column: 'revenue', dir: 'sideways' } },
      { year: 2023, limit: 501 },
      { year: 2023, limit: 0 },
      { year: 2023, offset: -1 },
      { year: 2023, offset: 1.5 },
      { year: 1989 },
      { year: 2023, title: 'nobel' },
      { year: 2023, search: 'x'.repeat(201) },
      {},
    ];
    for (const input of bad) {
      const e = await callError(svc, 'pool.list', input);
      expect(e.code, JSON.stringify(input)).toBe('invalid_input');
    }
    expect(pool.db.prepare('SELECT count(*) FROM firms').pluck().get()).toBe(15);
    expect((await list({ limit: 500 })).rows).toHaveLength(14);
    expect((await call(svc, 'pool.list', { year: 2023 })).rows).toHaveLength(14); // default limit 100
  });

  it('defaults the data year to 2022 for pool year 2023 and honours an explicit one', async () => {
    const r = await list();
    expect(r.dataYear).toBe(2022);
    const xjs = defaultPool.firms[0];
    const row = (rows: PoolRowT[]) => rows.find((x) => x.name === xjs.name)!;
    expect(row(r.rows).revenue).toBe(xjs.years.find((y) => y.year === 2022)!.revenue);
    const r2020 = await list({ dataYear: 2020 });
    expect(r2020.dataYear).toBe(2020);
    expect(row(r2020.rows).revenue).toBe(xjs.years.find((y) => y.year === 2020)!.revenue);
    expect(row(r2020.rows).rankGlobal).toBe(4);
    const none = await list({ dataYear: 2019 });
    expect(none.rows.every((x) => x.revenue === null && x.mainShare === null)).toBe(true);

    const years = await call(svc, 'pool.years', {});
    expect(years).toEqual([
      { year: 2024, name: '2024年度', members: 1, dataYears: [2020, 2021, 2022], defaultDataYear: 2022 },
      { year: 2023, name: defaultPool.pool.name, members: 14, dataYears: [2020, 2021, 2022], defaultDataYear: 2022 },
    ]);
  });

  it('reports mainShare = main_revenue / revenue × 100, null when revenue is 0 or missing', async () => {
    const rows = (await list()).rows;
    for (const r of rows) {
      const fy = pool.db.prepare('SELECT revenue, main_revenue FROM firm_years WHERE firm_id = ? AND year = 2022').get(r.firmId) as
        | { revenue: number | null; main_revenue: number | null }
        | undefined;
      if (!fy || !fy.revenue || fy.main_revenue === null) expect(r.mainShare, r.name).toBeNull();
      else expect(r.mainShare!, r.name).toBeCloseTo((fy.main_revenue / fy.revenue) * 100, 9);
    }
    const xjs = rows.find((x) => x.name === '鑫金山机械')!;
    expect(xjs.mainShare!).toBeCloseTo((52300 / 56847.8) * 100, 9);
    expect(rows.find((x) => x.name === '百分之百%科技')!.mainShare).toBeNull();
  });

  it('flags rows whose firm or figures are sample', async () => {
    const rows = (await list()).rows;
    const flag = (name: string) => rows.find((r) => r.name === name)!.sample;
    for (const f of defaultPool.firms) expect(flag(f.name), f.name).toBe(true); // all seeded figures are sample
    expect(flag('百分之百%科技')).toBe(true); // imported firm, sample figures
    expect(flag('A_B精工')).toBe(false); // manual firm and figures
    expect(flag('ACME精工')).toBe(false); // manual firm without figures
  });

  it('returns titles, status and the firm fields per row', async () => {
    const rows = (await list()).rows;
    const tc = rows.find((r) => r.name === '台城新材料')!;
    expect(tc.status).toBe('member');
    expect(tc.creditCode).toBe('91370405MA3E5P1J2N');
    expect(tc.titles.map((t) => t.code).sort()).toEqual(['champion_provincial', 'high_tech', 'little_giant', 'srdi_provincial']);
    expect(tc.titles.find((t) => t.code === 'little_giant')!.level).toBe('national');
    expect(rows.find((r) => r.name === 'ACME精工')!.titles).toEqual([]);
  });
});

describe('pool.facets', () => {
  it('lists the towns, chains and titles of the pool year', async () => {
    const f = await call(svc, 'pool.facets', { year: 2023 });
    expect(f.towns.sort()).toEqual([...new Set([...defaultPool.firms.map((x) => x.town)])].sort());
    expect(f.chains.sort()).toEqual(['新医药', '新材料', '锂电新能源', '高端装备'].sort());
    expect(f.titles).toContain('champion_national');
    expect(f.titles).not.toContain('leader_national');
    expect(await call(svc, 'pool.facets', { year: 2024 })).toEqual({ towns: ['运河街道'], chains: ['高端装备'], titles: [] });
  });
});

describe('name order', () => {
  it('follows pinyin, reading polyphones in context, with Latin names first', () => {
    const names = ['台城新材料', '长安机械', '重庆重工', 'ACME精工', '汉庄数控', '兰祺医药', '银行街'];
    expect([...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1))).toEqual(['ACME精工', '长安机械', '重庆重工', '汉庄数控', '兰祺医药', '台城新材料', '银行街']);
  });
});

describe('a pool with no figures at all (no data year, so no verdicts)', () => {
  it('sorts by verdict with every member last-by-id, page after page, and filters to none', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-noverdict-test-'));
    const p = openPoolDb({ file: path.join(d, 'pool.sqlite'), create: 'empty' });
    try {
      const src = insertSource(p.db, { kind: 'manual', label: 'test' });
      p.db.prepare("INSERT INTO pool_years (year, name, source_id, created_at) VALUES (2023, '2023年度', ?, '2023-01-01')").run(src);
      const ids: number[] = [];
      for (let i = 0; i < 8; i++) {
        const id = Number(p.db.prepare('INSERT INTO firms (credit_code, name, source_id) VALUES (?, ?, ?)').run(makeCreditCode(i + 1, '91370400NV'), `无数据企业${8 - i}`, src).lastInsertRowid);
        p.db.prepare("INSERT INTO pool_members (year, firm_id, status, source_id) VALUES (2023, ?, 'member', ?)").run(id, src);
        ids.push(id);
      }
      const s = createService({ db: p.db, dataFile: p.file, actor: 'tester', appVersion: '0.0.0' });
      for (const dir of ['asc', 'desc'] as const) {
        const seen: number[] = [];
        for (let offset = 0; offset < 8; offset += 3) {
          const page = await call(s, 'pool.list', { year: 2023, setId: SET_ID, sort: { column: 'verdict', dir }, offset, limit: 3 });
          expect(page.total).toBe(8);
          expect(page.rows.every((r) => r.verdict === null)).toBe(true);
          seen.push(...page.rows.map((r) => r.firmId));
        }
        expect(seen).toEqual(ids);
      }
      expect((await call(s, 'pool.list', { year: 2023, setId: SET_ID, verdict: 'incomplete' })).total).toBe(0);
    } finally {
      p.close();
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
