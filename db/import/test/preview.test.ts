// The import's verdict preview, worked out in memory (preview.ts), held to the way it was done before: the plan
// applied inside a savepoint, every member of the pool evaluated by the engine, and rolled back. Files: the default
// pool's own export with its figures, titles and firm fields changed at random (seeded), and new firms joining.
import type Database from 'better-sqlite3';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluate } from '../../criteria/engine';
import { latestRevenueYear, loadFacts } from '../../criteria/facts';
import { enabledFn, librarySets, requireSet } from '../../criteria/library';
import { call, defaultService, rng } from '../../test/helpers';
import type { PoolDb } from '../../open';
import type { Service } from '../../service';
import { applyPlan } from '../apply';
import { analyseImport } from '../run';
import { verdictPreview, type VerdictChange } from '../preview';
import type { ImportPlan } from '../plan';
import { creditCode, syntheticCsv } from './synth';

let h: PoolDb;
let service: Service;
beforeEach(() => ({ pool: h, service } = defaultService('analyst')));
afterEach(() => h.close());

/** The preview as it was worked out before the in-memory one. */
function savepointPreview(db: Database.Database, plan: ImportPlan, setId: string, poolYear: number): VerdictChange[] {
  const verdicts = () => {
    const [set, enabled] = [requireSet(db, setId), enabledFn(db, setId)];
    const out = new Map<number, string>();
    for (const [id, f] of loadFacts(db, { poolYear })) {
      const y = latestRevenueYear(f);
      if (y != null) out.set(id, evaluate(set, f, y, enabled).verdict);
    }
    return out;
  };
  const before = verdicts();
  db.exec('SAVEPOINT oracle');
  let after: Map<number, string>;
  let names: Map<number, string>;
  try {
    applyPlan(db, plan, { fileName: 'x.csv', sheet: 'x', actor: 'oracle', poolYear });
    after = verdicts();
    names = new Map((db.prepare('SELECT id, name FROM firms').all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
  } finally {
    db.exec('ROLLBACK TO oracle');
    db.exec('RELEASE oracle');
  }
  const out: VerdictChange[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const [b, a] = [before.get(id) ?? null, after.get(id) ?? null];
    if (b !== a) out.push({ firmId: id, name: names.get(id)!, before: b, after: a });
  }
  return out;
}


const TEXT = new Set(['统一社会信用代码', '企业名称', '年度', '所属镇街', '产业链', '主导产品', '产品分类代码', '已获称号']);
const YES_NO = new Set(['是否新产品', '是否上市']);

/** The pool's export with some figures scaled or emptied, yes/no fields flipped, a year added and a name changed. */
async function changedExport(seed: number): Promise<Buffer> {
  const csv = Buffer.from((await call(service, 'data.export', { poolYear: 2023, format: 'csv' })).base64, 'base64').toString('utf8');
  const parsed = Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const random = rng(seed);
  const out = rows.map((row) =>
    row.map((cell, i) => {
      const col = header[i];
      if (col === '企业名称' && random() < 0.05) return `${cell}（新名）`;
      // A provincial 专精特新 title, which the 小巨人 set asks for, granted in the file.
      if (col === '已获称号' && random() < 0.3) return [cell, '省级专精特新中小企业(2021)'].filter(Boolean).join(';');
      if (TEXT.has(col)) return cell;
      // Founded the year before: too young for the gazelle set's three years.
      if (col === '成立年份' && random() < 0.2) return '2021';
      if (YES_NO.has(col)) return random() < 0.2 ? (cell === '是' ? '否' : '是') : cell;
      if (cell === '' || random() < 0.6) return cell;
      const n = Number(cell);
      // Shares and ranks stay in range; money and counts swing both ways across the thresholds.
      if (col.includes('占有率') || col.includes('占比')) return String(Math.min(100, Math.round(n * (0.5 + random()) * 10) / 10));
      if (col.includes('排名')) return String(Math.max(1, Math.round(n * (0.5 + random()))));
      if (col.includes('年份')) return String(n + Math.round(random() * 6) - 3);
      const scaled = n * (0.7 + random() * 0.6);
      // Counts stay whole; money keeps one decimal.
      return String(cell.includes('.') ? Math.round(scaled * 10) / 10 : Math.round(scaled));
    }),
  );
  // A year after the latest for two firms: their data year moves.
  const year = header.indexOf('年度');
  for (const row of out.filter((r) => r[year] === '2022').slice(seed % 5, (seed % 5) + 2)) out.push(row.map((c, i) => (i === year ? '2023' : c)));
  return Buffer.from('\ufeff' + Papa.unparse([header, ...out], { newline: '\r\n' }) + '\r\n', 'utf8');
}

const WANYUAN = { revenue: '万元', main_revenue: '万元', rd_expense: '万元' } as const;
const byId = (v: VerdictChange[]) => [...v].sort((a, b) => a.firmId - b.firmId);

async function compare(bytes: Buffer, sets: string[]): Promise<number> {
  const report = await analyseImport(h.db, { bytes, fileName: 'x.csv', units: WANYUAN });
  expect(report.refused, JSON.stringify(report.problems.filter((p) => p.level === 'error'))).toBe(false);
  let changes = 0;
  for (const setId of sets) {
    const memory = verdictPreview(h.db, report.plan!, setId, 2023);
    expect(byId(memory), setId).toEqual(byId(savepointPreview(h.db, report.plan!, setId, 2023)));
    changes += memory.length;
  }
  return changes;
}

describe('the verdict preview in memory', () => {
  it('gives the verdicts the savepoint preview gave, under every set, for changed figures, titles and firm fields', async () => {
    const sets = librarySets(h.db).map((s) => s.id);
    let changes = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const file = await changedExport(seed);
      // From the fourth file on, three of the file's firms are no longer members: they join the pool again.
      if (seed === 4) h.db.prepare('DELETE FROM pool_members WHERE year = 2023 AND firm_id IN (SELECT firm_id FROM pool_members WHERE year = 2023 ORDER BY firm_id LIMIT 3)').run();
      changes += await compare(file, sets);
    }
    // The files do move verdicts: the comparison is not of empty lists.
    expect(changes).toBeGreaterThan(10);
  });

  it('gives the same for new firms joining the pool, with the ids they would get', async () => {
    const sets = librarySets(h.db).map((s) => s.id);
    const changes = await compare(syntheticCsv(40, [2020, 2021, 2022]), sets);
    expect(changes).toBeGreaterThan(0);
    const report = await analyseImport(h.db, { bytes: syntheticCsv(3), fileName: 'x.csv', units: WANYUAN, setId: sets[0], poolYear: 2023 });
    const max = h.db.prepare('SELECT max(id) FROM firms').pluck().get() as number;
    expect(report.plan!.firms.map((f) => f.creditCode)).toEqual([1000, 1001, 1002].map(creditCode));
    for (const v of report.verdicts) expect(v.firmId).toBe(max + 1 + report.plan!.firms.findIndex((f) => f.name === v.name));
  });

  it('writes nothing to the data file', async () => {
    const total = () => h.db.prepare('SELECT (SELECT count(*) FROM firms) + (SELECT count(*) FROM firm_years) + (SELECT count(*) FROM audit_log)').pluck().get();
    const before = total();
    const report = await analyseImport(h.db, { bytes: await changedExport(3), fileName: 'x.csv', setId: 'cn-champion-2023', poolYear: 2023 });
    expect(report.plan).not.toBeNull();
    expect(total()).toBe(before);
    expect(h.db.inTransaction).toBe(false);
  });
});
