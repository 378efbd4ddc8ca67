// The pool year in the service (db/contracts/poolYear.ts): every membership change is audited with its reason.
import type Database from 'better-sqlite3';
import type { poolYearMethods } from '../contracts/poolYear';
import { evaluate } from '../criteria/engine';
import { loadFacts } from '../criteria/facts';
import { AppError } from '../errors';
import { insertSource } from '../store/sources';
import { nowIso } from '../time';
import type { PartContext } from './context';
import { requireSet } from './criteria';
import type { Service } from './index';
import { dataYears, defaultDataYear } from './pool';

const VERDICT_RANK: Record<string, number> = { eligible: 0, needs_review: 1, incomplete: 2, not_eligible: 3 };

function requirePoolYear(db: Database.Database, year: number): { name: string } {
  const p = db.prepare('SELECT name FROM pool_years WHERE year = ?').get(year) as { name: string } | undefined;
  if (!p) throw new AppError('not_found', `没有 ${year} 年度培育库`);
  return p;
}

function verdicts(db: Database.Database, setId: string, poolYear: number, dataYear: number): Map<number, string> {
  const set = requireSet(db, setId);
  const out = new Map<number, string>();
  for (const [id, f] of loadFacts(db, { poolYear })) out.set(id, evaluate(set, f, dataYear).verdict);
  return out;
}

export function poolYearService(ctx: PartContext): Pick<Service, keyof typeof poolYearMethods> {
  const { db } = ctx;
  const audit = db.prepare("INSERT INTO audit_log (at, actor, entity, firm_id, year, field, old_value, new_value, note) VALUES (?, ?, 'pool', ?, ?, ?, ?, ?, ?)");
  return {
    'poolYear.start': (input) => {
      if (db.prepare('SELECT 1 FROM pool_years WHERE year = ?').get(input.year)) throw new AppError('conflict', `${input.year} 年度培育库已存在`);
      const from = input.from ?? (db.prepare('SELECT max(year) FROM pool_years WHERE year < ?').pluck().get(input.year) as number | null);
      if (from != null) requirePoolYear(db, from);
      const name = input.name ?? `${input.year}年度制造业单项冠军培育库`;
      const carried = db.transaction(() => {
        const at = nowIso();
        const source = insertSource(db, { kind: 'manual', label: `新建 ${input.year} 年度培育库`, actor: ctx.actor });
        db.prepare('INSERT INTO pool_years (year, name, note, source_id, created_at) VALUES (?, ?, ?, ?, ?)').run(input.year, name, from ? `由 ${from} 年度结转` : null, source, at);
        // Members carry over as "kept" until the analyst decides otherwise; those removed last year do not.
        const n = from
          ? db
              .prepare("INSERT INTO pool_members (year, firm_id, status, reason, source_id) SELECT ?, firm_id, 'kept', ?, ? FROM pool_members WHERE year = ? AND status <> 'removed'")
              .run(input.year, `由 ${from} 年度结转`, source, from).changes
          : 0;
        audit.run(at, ctx.actor, null, input.year, 'start', null, name, `结转 ${n} 家`);
        return n;
      })();
      return ctx.changed('poolYear.start', { year: input.year, name, carried });
    },
    'poolYear.setMember': (input) => {
      requirePoolYear(db, input.year);
      if (!db.prepare('SELECT 1 FROM firms WHERE id = ?').get(input.firmId)) throw new AppError('not_found', `找不到企业（编号 ${input.firmId}）`);
      db.transaction(() => {
        const old = db.prepare('SELECT status FROM pool_members WHERE year = ? AND firm_id = ?').pluck().get(input.year, input.firmId) as string | undefined;
        const source = insertSource(db, { kind: 'manual', label: '调整培育库成员', actor: ctx.actor });
        db.prepare(
          `INSERT INTO pool_members (year, firm_id, status, reason, source_id) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (year, firm_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, source_id = excluded.source_id`,
        ).run(input.year, input.firmId, input.status, input.reason, source);
        audit.run(nowIso(), ctx.actor, input.firmId, input.year, 'status', old ?? null, input.status, input.reason);
      })();
      return ctx.changed('poolYear.setMember', { year: input.year, firmId: input.firmId, status: input.status, reason: input.reason });
    },
    'poolYear.recheck': (input) => {
      requirePoolYear(db, input.year);
      const dataYear = input.dataYear ?? defaultDataYear(dataYears(db), input.year);
      const members = db
        .prepare('SELECT f.id, f.name, m.status FROM pool_members m JOIN firms f ON f.id = m.firm_id WHERE m.year = ? ORDER BY f.name_sort')
        .all(input.year) as { id: number; name: string; status: 'member' | 'kept' | 'new' | 'graduated' | 'removed' }[];
      if (dataYear == null) return { dataYear: null, firms: members.map((m) => ({ firmId: m.id, name: m.name, status: m.status, flags: [] })) };
      const fig = db.prepare('SELECT year, share_domestic, net_profit FROM firm_years WHERE firm_id = ? AND year IN (?, ?)');
      const now = verdicts(db, input.setId, input.year, dataYear);
      const then = verdicts(db, input.setId, input.year, dataYear - 1);
      return {
        dataYear,
        firms: members.map((m) => {
          const rows = fig.all(m.id, dataYear - 1, dataYear) as { year: number; share_domestic: number | null; net_profit: number | null }[];
          const prev = rows.find((r) => r.year === dataYear - 1);
          const cur = rows.find((r) => r.year === dataYear);
          const flags: { kind: 'share_fell' | 'profit_fell' | 'verdict_worse'; before: number | string | null; after: number | string | null }[] = [];
          if (prev?.share_domestic != null && cur?.share_domestic != null && cur.share_domestic < prev.share_domestic) flags.push({ kind: 'share_fell', before: prev.share_domestic, after: cur.share_domestic });
          if (prev?.net_profit != null && cur?.net_profit != null && cur.net_profit < prev.net_profit) flags.push({ kind: 'profit_fell', before: prev.net_profit, after: cur.net_profit });
          const a = then.get(m.id);
          const b = now.get(m.id);
          if (a && b && VERDICT_RANK[b] > VERDICT_RANK[a]) flags.push({ kind: 'verdict_worse', before: a, after: b });
          return { firmId: m.id, name: m.name, status: m.status, flags };
        }),
      };
    },
    'poolYear.compare': (input) => {
      requirePoolYear(db, input.a);
      requirePoolYear(db, input.b);
      const years = dataYears(db);
      const da = defaultDataYear(years, input.a);
      const dbYear = defaultDataYear(years, input.b);
      const rows = db
        .prepare(
          `SELECT f.id AS firmId, f.name, ma.status AS statusA, mb.status AS statusB, mb.reason AS reasonB,
             ya.revenue AS revenueA, yb.revenue AS revenueB, ya.share_domestic AS shareA, yb.share_domestic AS shareB
           FROM firms f
           LEFT JOIN pool_members ma ON ma.firm_id = f.id AND ma.year = @a
           LEFT JOIN pool_members mb ON mb.firm_id = f.id AND mb.year = @b
           LEFT JOIN firm_years ya ON ya.firm_id = f.id AND ya.year = @da
           LEFT JOIN firm_years yb ON yb.firm_id = f.id AND yb.year = @db
           WHERE ma.firm_id IS NOT NULL OR mb.firm_id IS NOT NULL
           ORDER BY f.name_sort`,
        )
        .all({ a: input.a, b: input.b, da, db: dbYear }) as MethodFirm[];
      const count = (y: number) => db.prepare('SELECT count(*) FROM pool_members WHERE year = ?').pluck().get(y) as number;
      return { a: { year: input.a, dataYear: da, members: count(input.a) }, b: { year: input.b, dataYear: dbYear, members: count(input.b) }, firms: rows };
    },
  };
}

type MethodFirm = {
  firmId: number;
  name: string;
  statusA: 'member' | 'kept' | 'new' | 'graduated' | 'removed' | null;
  statusB: 'member' | 'kept' | 'new' | 'graduated' | 'removed' | null;
  reasonB: string | null;
  revenueA: number | null;
  revenueB: number | null;
  shareA: number | null;
  shareB: number | null;
};
