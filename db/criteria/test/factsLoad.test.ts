// Loading the engine's facts from a data file: per firm, for a list of firms or a pool year, only the figures and
// years asked for, hand edits' sources, titles, and the latest record of each analyst input.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../migrate';
import { latestRevenueYear, loadFacts, readPoolFacts } from '../facts';

let db: Database.Database;

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
  const at = '2026-01-01T00:00:00+08:00';
  db.prepare("INSERT INTO sources (id, kind, label, created_at) VALUES (1, 'manual', 'a', ?), (2, 'manual', 'b', ?), (7, 'manual', 'edit', ?)").run(at, at, at);
  const firm = db.prepare('INSERT INTO firms (id, credit_code, name, segment_since, founded_year, is_new_product, listed, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, 1)');
  firm.run(1, 'C1', '甲', 2005, 1998, 1, 0);
  firm.run(2, 'C2', '乙', null, null, 0, 1);
  firm.run(3, 'C3', '丙', 2010, 2001, 0, 0);
  const year = db.prepare('INSERT INTO firm_years (firm_id, year, revenue, main_revenue, rd_expense, source_id) VALUES (?, ?, ?, ?, ?, ?)');
  year.run(1, 2021, 100, 80, 5, 1);
  year.run(1, 2022, 120, null, 6, 2);
  year.run(1, 2023, null, 90, null, 2);
  year.run(2, 2022, 50, 40, 1, 1);
  year.run(3, 2022, 70, 60, 2, 1);
  db.prepare("INSERT INTO value_overrides (firm_id, year, field, source_id) VALUES (1, 2022, 'rd_expense', 7)").run();
  db.prepare("INSERT INTO titles (firm_id, code, level, year, source_id) VALUES (1, 'little_giant', 'national', 2021, 1), (1, 'high_tech', 'national', NULL, 1), (2, 'innovative_sme', 'provincial', 2020, 1)").run();
  const input = db.prepare('INSERT INTO analyst_inputs (firm_id, kind, key, set_id, value, note, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  input.run(1, 'flag', 'export', null, 'true', '出口', 'ana', '2026-01-02T00:00:00+08:00');
  input.run(1, 'points', 'level', null, '3', null, 'ana', '2026-01-03T00:00:00+08:00');
  input.run(1, 'points', 'level', null, '5', '复核后', 'bo', '2026-01-04T00:00:00+08:00');
  input.run(1, 'judgement', 'energy', 'cn-champion-2023', 'false', null, 'ana', '2026-01-05T00:00:00+08:00');
  input.run(1, 'flag', 'cleared', null, 'true', null, 'ana', '2026-01-06T00:00:00+08:00');
  input.run(1, 'flag', 'cleared', null, 'null', null, 'ana', '2026-01-07T00:00:00+08:00');
  input.run(2, 'flag', 'export', null, 'false', null, 'ana', '2026-01-08T00:00:00+08:00');
  db.prepare("INSERT INTO pool_years (year, name, source_id, created_at) VALUES (2023, '2023', 1, ?), (2024, '2024', 1, ?)").run(at, at);
  db.prepare("INSERT INTO pool_members (year, firm_id, status, source_id) VALUES (2023, 1, 'member', 1), (2023, 3, 'new', 1), (2024, 2, 'member', 1)").run();
});

afterEach(() => db.close());

describe('loadFacts', () => {
  it('reads one firm’s attributes, figures by year with their sources, titles and inputs', () => {
    const all = loadFacts(db, { firmId: 1 });
    expect([...all.keys()]).toEqual([1]);
    const f = all.get(1)!;
    expect(f).toMatchObject({ segmentSince: 2005, foundedYear: 1998, isNewProduct: true, listed: false });
    expect([...f.figures.keys()].sort()).toEqual([2021, 2022, 2023]);
    expect(f.figures.get(2021)).toMatchObject({ values: { revenue: 100, main_revenue: 80, rd_expense: 5, net_profit: null }, sourceId: 1 });
    expect(f.figures.get(2021)!.overrides).toBeUndefined();
    expect(f.figures.get(2022)).toMatchObject({ values: { revenue: 120, main_revenue: null, rd_expense: 6 }, sourceId: 2, overrides: { rd_expense: 7 } });
    expect(f.titles.sort((a, b) => a.code.localeCompare(b.code))).toEqual([
      { code: 'high_tech', year: null },
      { code: 'little_giant', year: 2021 },
    ]);
    expect(Object.fromEntries(f.inputs)).toEqual({
      'flag:export': { value: true, note: '出口', actor: 'ana', at: '2026-01-02T00:00:00+08:00' },
      'points:level': { value: 5, note: '复核后', actor: 'bo', at: '2026-01-04T00:00:00+08:00' },
      'judgement:cn-champion-2023:energy': { value: false, note: null, actor: 'ana', at: '2026-01-05T00:00:00+08:00' },
    });
    const other = loadFacts(db, { firmId: 2 }).get(2)!;
    expect(other).toMatchObject({ segmentSince: null, foundedYear: null, isNewProduct: false, listed: true, titles: [{ code: 'innovative_sme', year: 2020 }] });
    expect(Object.fromEntries(other.inputs)).toEqual({ 'flag:export': { value: false, note: null, actor: 'ana', at: '2026-01-08T00:00:00+08:00' } });
  });

  it('reads a list of firms, or a pool year’s members only', () => {
    expect([...loadFacts(db, { firmIds: [2, 3] }).keys()].sort()).toEqual([2, 3]);
    expect(loadFacts(db, { firmIds: [] }).size).toBe(0);
    const pool = loadFacts(db, { poolYear: 2023 });
    expect([...pool.keys()].sort()).toEqual([1, 3]);
    expect(pool.get(1)!.figures.get(2022)!.overrides).toEqual({ rd_expense: 7 });
    expect(pool.get(1)!.titles).toHaveLength(2);
    expect(pool.get(1)!.inputs.size).toBe(3);
    expect(pool.get(3)!.figures.get(2022)!.values.revenue).toBe(70);
    expect([...loadFacts(db, { poolYear: 2024 }).keys()]).toEqual([2]);
    expect(loadFacts(db, { poolYear: 2030 }).size).toBe(0);
  });

  it('loads only the figures and years asked for', () => {
    const f = loadFacts(db, { firmId: 1 }, { keys: ['revenue'], years: [2022, 2023] }).get(1)!;
    expect([...f.figures.keys()].sort()).toEqual([2022, 2023]);
    expect(f.figures.get(2022)!.values).toEqual({ revenue: 120 });
    expect(f.figures.get(2023)!.values).toEqual({ revenue: null });
    expect(loadFacts(db, { firmId: 1 }, { years: [2021, 2021] }).get(1)!.figures.size).toBe(1);
  });
});

describe('readPoolFacts (the figures kept in columns)', () => {
  it('hands out each firm as loadFacts reads it, over a pool year, a list and one firm', () => {
    for (const scope of [{ poolYear: 2023 }, { firmIds: [1, 2, 3] }, { firmId: 1 }]) {
      const pool = readPoolFacts(db, scope);
      const map = loadFacts(db, scope);
      expect(pool.size).toBe(map.size);
      for (const [id, f] of map) expect(pool.get(id), `${JSON.stringify(scope)} firm ${id}`).toEqual(f);
      expect([...pool].map(([id]) => id).sort()).toEqual([...map.keys()].sort());
    }
  });

  it('keeps a zero, a null and a missing year apart, and a hand edit only on a year that was read', () => {
    db.prepare('UPDATE firm_years SET revenue = 0 WHERE firm_id = 3').run();
    const pool = readPoolFacts(db, { firmIds: [1, 3] }, { keys: ['revenue', 'main_revenue'] });
    const three = pool.get(3)!;
    expect([...three.figures.keys()]).toEqual([2022]);
    expect(three.figures.get(2022)).toEqual({ values: { revenue: 0, main_revenue: 60 }, sourceId: 1 });
    const one = pool.get(1)!;
    expect([...one.figures.keys()]).toEqual([2021, 2022, 2023]);
    expect(one.figures.get(2023)!.values).toEqual({ revenue: null, main_revenue: 90 });
    expect(one.figures.get(2022)!.overrides).toEqual({ rd_expense: 7 });
    expect(pool.has(2)).toBe(false);
    expect(pool.get(2)).toBeUndefined();
    const later = readPoolFacts(db, { firmId: 1 }, { years: [2023, 2023] }).get(1)!;
    expect([...later.figures.keys()]).toEqual([2023]);
    expect(later.figures.get(2023)!.overrides).toBeUndefined();
  });

  it('makes a new FirmFacts each time, so what one evaluation sets does not reach the next', () => {
    const pool = readPoolFacts(db, { poolYear: 2023 });
    const first = pool.get(1)!;
    first.figures.set(2030, { values: { revenue: 1 }, sourceId: null });
    first.titles.push({ code: 'champion_national', year: 2030 });
    first.inputs.clear();
    const again = pool.get(1)!;
    expect(again).not.toBe(first);
    expect(again.figures.has(2030)).toBe(false);
    expect(again.titles).toHaveLength(2);
    expect(again.inputs.size).toBe(3);
    expect(again.figures.get(2022)!.overrides).toEqual({ rd_expense: 7 });
  });

  it('keeps a firm set after a write in place of its columns, and a firm added beside them', () => {
    const pool = readPoolFacts(db, { poolYear: 2023 });
    const fresh = loadFacts(db, { firmId: 2 }).get(2)!;
    const edited = { ...pool.get(1)!, listed: true };
    pool.set(1, edited);
    expect(pool.get(1)).toBe(edited);
    expect(pool.size).toBe(2);
    pool.set(2, fresh);
    expect(pool.size).toBe(3);
    expect(pool.has(2)).toBe(true);
    const seen = new Map([...pool]);
    expect([...seen.keys()].sort()).toEqual([1, 2, 3]);
    expect(seen.get(1)).toBe(edited);
    expect(seen.get(2)).toBe(fresh);
  });

  it('reads an empty scope as no firms and no years', () => {
    const pool = readPoolFacts(db, { poolYear: 2030 });
    expect(pool.size).toBe(0);
    expect([...pool]).toEqual([]);
  });
});

describe('latestRevenueYear', () => {
  it('is the latest year with revenue, not the latest year with any figure', () => {
    expect(latestRevenueYear(loadFacts(db, { firmId: 1 }).get(1)!)).toBe(2022);
    db.prepare('UPDATE firm_years SET revenue = NULL WHERE firm_id = 2').run();
    expect(latestRevenueYear(loadFacts(db, { firmId: 2 }).get(2)!)).toBeNull();
  });

  it('does not depend on the order the years were loaded in', () => {
    const f = loadFacts(db, { firmId: 1 }).get(1)!;
    const reversed = { ...f, figures: new Map([...f.figures].reverse()) };
    expect(latestRevenueYear(reversed)).toBe(2022);
  });
});
