// The pool table: membership of one pool year joined to one data year's figures, filtered, searched,
// sorted and paged in SQL. Sort columns come from an allow-list; every value is bound.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput, PoolSortColumn } from '../contract';
import { AppError } from '../errors';
import { TITLE_CODES, TITLE_LEVEL, titleValidUntil, type TitleCode } from '../figures';
import { requireSet } from './criteria';
import { VERDICT_RANKS, type Evaluator } from './evaluation';
import { DISTRICT_FILTER, districtsOf } from '../package/conflicts';

// Gradient order of titles, highest last, for sorting the titles column by the highest title held.
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
const titleRankSql = `(SELECT max(CASE t.code ${TITLE_CODES.map((c) => `WHEN '${c}' THEN ${TITLE_RANK[c]}`).join(' ')} ELSE 0 END) FROM titles t WHERE t.firm_id = f.id)`;

const SORT_SQL: Record<PoolSortColumn, string> = {
  name: 'f.name_sort',
  town: 'f.town',
  chain: 'f.chain',
  main_product: 'f.main_product',
  titles: titleRankSql,
  revenue: 'fy.revenue',
  main_share: 'CASE WHEN fy.revenue > 0 THEN fy.main_revenue * 100.0 / fy.revenue END',
  share_domestic: 'fy.share_domestic',
  rank_national: 'fy.rank_national',
  rank_global: 'fy.rank_global',
  verdict: 'ev.verdict_rank',
};
/** Sorts on the data year's figures: only these need firm_years joined to find the page. */
const FIGURE_SORTS = new Set<PoolSortColumn>(['revenue', 'main_share', 'share_domestic', 'rank_national', 'rank_global']);

/** The data years present, found by seeking the (year, revenue) index year after year rather than reading all of
 * it: a handful of look-ups however many firms there are. */
export function dataYears(db: Database.Database): number[] {
  return db
    .prepare(
      `WITH RECURSIVE y(v) AS (SELECT min(year) FROM firm_years UNION ALL SELECT (SELECT min(year) FROM firm_years WHERE year > v) FROM y WHERE v IS NOT NULL)
       SELECT v FROM y WHERE v IS NOT NULL`,
    )
    .pluck()
    .all() as number[];
}

/** Applications in year N use data of year N−1: the latest data year before the pool year, else the latest. */
export function defaultDataYear(years: number[], poolYear: number): number | null {
  const before = years.filter((y) => y < poolYear);
  if (before.length) return before[before.length - 1];
  return years.length ? years[years.length - 1] : null;
}

export function poolYears(db: Database.Database): MethodOutput<'pool.years'> {
  const years = dataYears(db);
  const rows = db
    .prepare('SELECT p.year, p.name, (SELECT count(*) FROM pool_members m WHERE m.year = p.year) AS members FROM pool_years p ORDER BY p.year DESC')
    .all() as { year: number; name: string; members: number }[];
  return rows.map((r) => ({ ...r, dataYears: years, defaultDataYear: defaultDataYear(years, r.year) }));
}

/** Distinct towns, chains and titles of a pool's members: each distinct value is found by an index seek and kept
 * if one member has it, so a province-sized pool is not read row by row. */
export function poolFacets(db: Database.Database, { year }: ParsedInput<'pool.facets'>): MethodOutput<'pool.facets'> {
  const zh = (a: string, b: string) => a.localeCompare(b, 'zh-CN');
  const distinct = (col: 'town' | 'chain') =>
    (
      db
        .prepare(
          `WITH RECURSIVE d(v) AS (SELECT min(${col}) FROM firms UNION ALL SELECT (SELECT min(${col}) FROM firms WHERE ${col} > v) FROM d WHERE v IS NOT NULL)
           SELECT v FROM d WHERE v IS NOT NULL AND EXISTS (SELECT 1 FROM firms f JOIN pool_members m ON m.firm_id = f.id AND m.year = ? WHERE f.${col} = d.v)`,
        )
        .pluck()
        .all(year) as string[]
    ).sort(zh);
  const held = db.prepare('SELECT 1 FROM titles t JOIN pool_members m ON m.firm_id = t.firm_id AND m.year = ? WHERE t.code = ? LIMIT 1').pluck();
  const districts = (db.prepare('SELECT DISTINCT d.district FROM pool_districts d JOIN imports i ON i.id = d.import_id AND i.undone_at IS NULL WHERE d.year = ?').pluck().all(year) as string[]).sort(zh);
  // 报送区县 only where packages were merged (a district's own pool has none).
  return { towns: distinct('town'), chains: distinct('chain'), titles: TITLE_CODES.filter((c) => held.get(year, c) !== undefined), ...(districts.length ? { districts } : {}) };
}

/**
 * A page by revenue without sorting the pool: the (year, revenue, firm id) indexes, one per direction, are walked
 * in order for the firms that have a revenue that year; those without one follow (NULLS LAST) by id.
 * `count` counts (and keeps) the first group, so the page knows where it falls.
 */
function pageByRevenue(
  db: Database.Database,
  filter: string,
  dir: 'ASC' | 'DESC',
  params: Record<string, unknown>,
  input: ParsedInput<'pool.list'>,
  count: (sql: string) => number,
): number[] {
  const known = `FROM firm_years fy CROSS JOIN pool_members m ON m.firm_id = fy.firm_id AND m.year = @year CROSS JOIN firms f ON f.id = fy.firm_id
    ${filter} AND fy.year = @dataYear AND fy.revenue IS NOT NULL`;
  const withRevenue = count(`SELECT count(*) ${known}`);
  const ids: number[] = [];
  if (input.offset < withRevenue) {
    ids.push(...(db.prepare(`SELECT fy.firm_id ${known} ORDER BY fy.revenue ${dir}, fy.firm_id LIMIT @limit OFFSET @offset`).pluck().all(params) as number[]));
  }
  if (ids.length < input.limit) {
    const rest = { ...params, restLimit: input.limit - ids.length, restOffset: Math.max(0, input.offset - withRevenue) };
    const none = `FROM pool_members m JOIN firms f ON f.id = m.firm_id ${filter}
      AND NOT EXISTS (SELECT 1 FROM firm_years fy WHERE fy.firm_id = f.id AND fy.year = @dataYear AND fy.revenue IS NOT NULL)`;
    ids.push(...(db.prepare(`SELECT f.id ${none} ORDER BY f.id LIMIT @restLimit OFFSET @restOffset`).pluck().all(rest) as number[]));
  }
  return ids;
}

/**
 * A page by verdict without sorting the pool: temp.eval_verdicts' (verdict_rank, firm_id) index is walked one rank
 * at a time, best first (worst first descending), ties by firm id; members without a verdict follow by id
 * (NULLS LAST). `count` counts (and keeps) a rank's firms, only when the page starts past them.
 */
function pageByVerdict(
  db: Database.Database,
  whereSql: string,
  dir: 'ASC' | 'DESC',
  params: Record<string, unknown>,
  input: ParsedInput<'pool.list'>,
  count: (sql: string, rank: number | null) => number,
): number[] {
  const ids: number[] = [];
  let skip = input.offset;
  // Ordered by the driving table's own column, so SQLite walks its index instead of sorting what it found.
  const take = (sql: string, rank: number | null, order: string) => {
    if (ids.length >= input.limit) return;
    if (skip > 0) {
      const n = count(`SELECT count(*) ${sql}`, rank);
      if (skip >= n) return void (skip -= n);
    }
    const got = db.prepare(`SELECT f.id ${sql} ORDER BY ${order} LIMIT @n OFFSET @skip`).pluck().all({ ...params, rank, n: input.limit - ids.length, skip }) as number[];
    ids.push(...got);
    skip = 0;
  };
  const ranks = dir === 'ASC' ? VERDICT_RANKS : [...VERDICT_RANKS].reverse();
  for (const rank of ranks) {
    take(`FROM temp.eval_verdicts ev CROSS JOIN pool_members m ON m.firm_id = ev.firm_id AND m.year = @year CROSS JOIN firms f ON f.id = ev.firm_id
      WHERE ev.verdict_rank = @rank AND ${whereSql}`, rank, 'ev.firm_id');
  }
  // A verdict filter leaves out the firms without one.
  if (!input.verdict) {
    take(`FROM pool_members m JOIN firms f ON f.id = m.firm_id WHERE ${whereSql}
      AND NOT EXISTS (SELECT 1 FROM temp.eval_verdicts ev WHERE ev.firm_id = f.id)`, null, 'm.firm_id');
  }
  return ids;
}

function likePattern(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** `totals`: counts already made for a set of filters (the service drops them on every write), so a sort or a
 * scroll does not count a province's pool again. */
export async function poolList(db: Database.Database, input: ParsedInput<'pool.list'>, evaluator: Evaluator, totals = new Map<string, number>()): Promise<MethodOutput<'pool.list'>> {
  const dataYear = input.dataYear ?? defaultDataYear(dataYears(db), input.year);
  const where = ['m.year = @year'];
  const setId = input.setId;
  // Filtering or sorting by verdict needs every member's verdict (evaluated once, cached), joined from a temporary table.
  const byVerdict = Boolean(input.verdict) || sortColumn(input) === 'verdict';
  if (setId) requireSet(db, setId);
  // Filled a few thousand rows a turn; from here to the return nothing else runs, so the table stays this one's.
  if (setId && byVerdict) await evaluator.mirror(setId, input.year, dataYear ?? undefined);
  const evalJoin = setId && byVerdict ? 'LEFT JOIN temp.eval_verdicts ev ON ev.firm_id = f.id' : '';
  if (input.verdict) {
    if (!setId) throw new AppError('invalid_input', '按达标情况筛选需先选择标准集');
    where.push('ev.verdict = @verdict');
  }
  const params: Record<string, unknown> = { year: input.year, dataYear, limit: input.limit, offset: input.offset };
  if (input.verdict) params.verdict = input.verdict;
  if (input.town) {
    where.push('f.town = @town');
    params.town = input.town;
  }
  if (input.chain) {
    where.push('f.chain = @chain');
    params.chain = input.chain;
  }
  if (input.title) {
    where.push('EXISTS (SELECT 1 FROM titles t WHERE t.firm_id = f.id AND t.code = @title)');
    params.title = input.title;
  }
  if (input.district) {
    where.push(DISTRICT_FILTER);
    params.district = input.district;
  }
  const q = input.search?.trim();
  if (q) {
    where.push("(f.name LIKE @nameLike ESCAPE '\\' OR f.credit_code LIKE @codeLike ESCAPE '\\')");
    params.nameLike = `%${likePattern(q)}%`;
    params.codeLike = `${likePattern(q.replace(/\s/g, '').toUpperCase())}%`;
  }
  const whereSql = where.join(' AND ');
  const countKey = JSON.stringify([whereSql, input.year, input.verdict, input.town, input.chain, input.title, input.district, q, setId, dataYear]);
  let total = totals.get(countKey);
  if (total === undefined) {
    // Without filters the members' own key counts them (a province's pool joined to its firms costs a turn of its own).
    const from = where.length === 1 ? 'pool_members m' : `pool_members m JOIN firms f ON f.id = m.firm_id ${evalJoin}`;
    total = db.prepare(`SELECT count(*) FROM ${from} WHERE ${whereSql}`).pluck().get(params) as number;
    totals.set(countKey, total);
  }
  if (!setId && sortColumn(input) === 'verdict') throw new AppError('invalid_input', '按达标情况排序需先选择标准集');

  const sort = input.sort ?? { column: 'name' as const, dir: 'asc' as const };
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  // The page's firm ids first, over as few joins as the filters and the sort need; the page's details after.
  // By name the firms' pinyin index is walked in order (no sort of the whole pool), so the first page of
  // 100,000 firms is read in milliseconds and a deep one without joining every row it skips.
  const byName = sort.column === 'name';
  let ids: number[];
  if (sort.column === 'verdict') {
    ids = pageByVerdict(db, whereSql, dir, params, input, (sql, rank) => {
      const k = `${sql}|${rank}|${countKey}`;
      let n = totals.get(k);
      if (n === undefined) totals.set(k, (n = db.prepare(sql).pluck().get({ ...params, rank }) as number));
      return n;
    });
  } else if (sort.column === 'revenue') {
    ids = pageByRevenue(db, `${evalJoin} WHERE ${whereSql}`, dir, params, input, (sql) => {
      let n = totals.get(sql + countKey);
      if (n === undefined) totals.set(sql + countKey, (n = db.prepare(sql).pluck().get(params) as number));
      return n;
    });
  } else {
    const from = byName ? 'firms f CROSS JOIN pool_members m ON m.firm_id = f.id' : 'pool_members m JOIN firms f ON f.id = m.firm_id';
    const figures = FIGURE_SORTS.has(sort.column) ? 'LEFT JOIN firm_years fy ON fy.firm_id = f.id AND fy.year = @dataYear' : '';
    const order = byName ? `f.name_sort ${dir}, f.id ${dir}` : `${SORT_SQL[sort.column]} ${dir} NULLS LAST, f.id`;
    ids = db.prepare(`SELECT f.id FROM ${from} ${figures} ${evalJoin} WHERE ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`).pluck().all(params) as number[];
  }
  const position = new Map(ids.map((id, i) => [id, i]));
  const rows = (
    db
      .prepare(
        `SELECT f.id AS firmId, f.credit_code AS creditCode, f.name, f.town, f.chain, f.main_product AS mainProduct, m.status,
           fy.revenue, CASE WHEN fy.revenue > 0 THEN fy.main_revenue * 100.0 / fy.revenue END AS main_share,
           fy.share_domestic AS shareDomestic, fy.rank_national AS rankNational, fy.rank_global AS rankGlobal,
           (fs.kind = 'sample' OR ys.kind = 'sample') AS sample
         FROM firms f
         JOIN pool_members m ON m.firm_id = f.id AND m.year = @year
         JOIN sources fs ON fs.id = f.source_id
         LEFT JOIN firm_years fy ON fy.firm_id = f.id AND fy.year = @dataYear
         LEFT JOIN sources ys ON ys.id = fy.source_id
         WHERE f.id IN (SELECT value FROM json_each(@ids))`,
      )
      .all({ year: input.year, dataYear, ids: JSON.stringify(ids) }) as (Omit<MethodOutput<'pool.list'>['rows'][number], 'titles' | 'sample' | 'mainShare'> & { main_share: number | null; sample: number })[]
  ).sort((a, b) => position.get(a.firmId)! - position.get(b.firmId)!);

  // Titles only for the page's rows: one query, not one per row.
  const titles = new Map<number, MethodOutput<'pool.list'>['rows'][number]['titles']>();
  if (rows.length) {
    const ids = rows.map((r) => r.firmId);
    const trs = db
      .prepare(`SELECT firm_id, code, level, year, product FROM titles WHERE firm_id IN (${ids.map(() => '?').join(',')}) ORDER BY year, code`)
      .all(...ids) as { firm_id: number; code: TitleCode; level: 'national' | 'provincial' | 'city'; year: number | null; product: string | null }[];
    for (const t of trs) {
      const list = titles.get(t.firm_id) ?? [];
      list.push({ code: t.code, level: t.level ?? TITLE_LEVEL[t.code], year: t.year, product: t.product, validUntil: titleValidUntil(t.code, t.year) });
      titles.set(t.firm_id, list);
    }
  }
  // Verdicts and criterion statuses for this page's firms only: a first page needs no pool-wide evaluation.
  const districts = districtsOf(db, input.year, rows.map((r) => r.firmId));
  const results = setId ? evaluator.firms(setId, input.year, dataYear ?? undefined, rows.map((r) => r.firmId), { provenance: false }) : null;
  return {
    total,
    offset: input.offset,
    dataYear,
    rows: rows.map(({ main_share, sample, ...r }) => {
      const e = results?.get(r.firmId);
      return {
        ...r,
        mainShare: main_share,
        sample: sample === 1,
        titles: titles.get(r.firmId) ?? [],
        districts: districts.get(r.firmId) ?? [],
        verdict: e?.verdict ?? null,
        statuses: e?.criteria.map((c) => ({ id: c.id, status: c.status, enabled: c.enabled })) ?? [],
      };
    }),
  };
}

const sortColumn = (input: ParsedInput<'pool.list'>) => input.sort?.column;
