// 总览: the pool's firms as the overview reads them, and the gradient — titles held at the end of each
// year, the moves up, and the district's totals from the seed letter as a series of their own.
import type Database from 'better-sqlite3';
import type { MethodOutput } from '../contract';
import type { TitleCode } from '../figures';

type Out = MethodOutput<'overview.get'>;
type FirmList = Out['status']['lists']['eligible'];
type FirmRef = FirmList['firms'][number];

export interface PoolFirm {
  firmId: number;
  name: string;
  sample: boolean;
  titles: { code: TitleCode; year: number | null }[];
}

/** Lists behind a number carry at most this many firms (the total is always given). */
export const LIST_CAP = 300;

export const ref = (f: { firmId: number; name: string; sample: boolean }): FirmRef => ({ firmId: f.firmId, name: f.name, sample: f.sample });
export function firmList(firms: readonly { firmId: number; name: string; sample: boolean }[]): FirmList {
  return { total: firms.length, firms: firms.slice(0, LIST_CAP).map(ref) };
}

/** The pool year's firms in name order (pinyin), each with its titles and whether any of its figures are sample. */
export function loadPoolFirms(db: Database.Database, poolYear: number): PoolFirm[] {
  const rows = db
    .prepare(
      `SELECT f.id AS firmId, f.name,
         (fs.kind = 'sample' OR EXISTS (SELECT 1 FROM firm_years fy JOIN sources s ON s.id = fy.source_id WHERE fy.firm_id = f.id AND s.kind = 'sample')) AS sample
       FROM pool_members m JOIN firms f ON f.id = m.firm_id JOIN sources fs ON fs.id = f.source_id
       WHERE m.year = ? ORDER BY f.name_sort, f.id`,
    )
    .all(poolYear) as { firmId: number; name: string; sample: number }[];
  const firms = new Map<number, PoolFirm>(rows.map((r) => [r.firmId, { firmId: r.firmId, name: r.name, sample: r.sample === 1, titles: [] }]));
  const titles = db.prepare('SELECT t.firm_id AS firmId, t.code, t.year FROM titles t JOIN pool_members m ON m.firm_id = t.firm_id AND m.year = ?').all(poolYear) as {
    firmId: number;
    code: TitleCode;
    year: number | null;
  }[];
  for (const t of titles) firms.get(t.firmId)?.titles.push({ code: t.code, year: t.year });
  return [...firms.values()];
}

/** The gradient, lowest first; 高新技术企业 is not part of it. */
export const GRADIENT: readonly TitleCode[] = ['innovative_sme', 'srdi_provincial', 'gazelle_provincial', 'little_giant', 'champion_provincial', 'champion_national', 'leader_provincial', 'leader_national'];
const RANK: Partial<Record<TitleCode, number>> = {
  innovative_sme: 1,
  srdi_provincial: 2,
  gazelle_provincial: 2,
  little_giant: 3,
  champion_provincial: 4,
  champion_national: 5,
  leader_provincial: 6,
  leader_national: 7,
};
/** A title's step on the gradient (0: not part of it). */
export const rankOf = (code: TitleCode): number => RANK[code] ?? 0;
/** How many years back the gradient goes at most. */
export const GRADIENT_YEARS = 8;

export const SEED_LETTER = '答复函（台工信字〔2023〕16号，2023年7月28日）';
/** 截至目前（2023年7月）: 小巨人 5, 省级单项冠军 1, 创新型 42, 专精特新 32, 瞪羚 8. */
export const DISTRICT_2023_07: Partial<Record<TitleCode, number>> = { innovative_sme: 42, srdi_provincial: 32, gazelle_provincial: 8, little_giant: 5, champion_provincial: 1 };
/** 2023年以来新增: 小巨人 1, 专精特新 20, 创新型 22, 瞪羚 2 (no 单项冠军 named). */
export const DISTRICT_2023_ADDED: Partial<Record<TitleCode, number>> = { innovative_sme: 22, srdi_provincial: 20, gazelle_provincial: 2, little_giant: 1 };

/** Held at the end of `year`: obtained in or before it; a title without a year counts in the latest year only. */
const heldAt = (t: { year: number | null }, year: number, latest: number) => (t.year == null ? year === latest : t.year <= year);

export function gradient(firms: PoolFirm[], poolYear: number): Out['gradient'] {
  const dated = firms.flatMap((f) => f.titles.filter((t) => RANK[t.code] != null && t.year != null && t.year <= poolYear).map((t) => t.year as number));
  const first = dated.length ? Math.max(Math.min(...dated), poolYear - GRADIENT_YEARS + 1) : poolYear;
  const years: number[] = [];
  for (let y = first; y <= poolYear; y++) years.push(y);

  const cells: Out['gradient']['cells'] = [];
  for (const year of years) {
    for (const code of GRADIENT) {
      cells.push({ year, code, list: firmList(firms.filter((f) => f.titles.some((t) => t.code === code && heldAt(t, year, poolYear)))) });
    }
  }

  const moves: Out['gradient']['moves'] = [];
  for (const f of firms) {
    const own = f.titles.filter((t) => RANK[t.code] != null);
    for (const t of own) {
      if (t.year == null || t.year < first || t.year > poolYear) continue;
      // The highest title held before this year (titles of the same year are not "before").
      const before = own.filter((o) => o.year != null && o.year < (t.year as number)).sort((a, b) => (RANK[b.code] ?? 0) - (RANK[a.code] ?? 0))[0];
      const from = before?.code ?? null;
      moves.push({ year: t.year, firmId: f.firmId, name: f.name, sample: f.sample, code: t.code, from, up: from == null || (RANK[t.code] ?? 0) > (RANK[from] ?? 0) });
    }
  }
  moves.sort((a, b) => b.year - a.year || (RANK[b.code] ?? 0) - (RANK[a.code] ?? 0) || a.name.localeCompare(b.name, 'zh-CN'));

  // End of 2022, derived: the July 2023 count less the 2023 additions (assuming no firm lost its title).
  const derived: Partial<Record<TitleCode, number>> = {};
  for (const [code, n] of Object.entries(DISTRICT_2023_07) as [TitleCode, number][]) derived[code] = n - (DISTRICT_2023_ADDED[code] ?? 0);
  return {
    codes: [...GRADIENT],
    years,
    cells,
    undated: firms.reduce((n, f) => n + f.titles.filter((t) => RANK[t.code] != null && t.year == null).length, 0),
    moves,
    district: {
      source: SEED_LETTER,
      series: [
        { label: '2022', derived: true, counts: derived },
        { label: '2023-07', derived: false, counts: { ...DISTRICT_2023_07 } },
        { label: '2023-added', derived: false, counts: { ...DISTRICT_2023_ADDED } },
      ],
    },
  };
}
