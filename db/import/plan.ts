// What an import would change, worked out before anything is written: new firms, changed values (old → new),
// unchanged rows, titles to add, and warnings for values that jumped more than 50 % from the year before.
import type Database from 'better-sqlite3';
import { figureSpec, type FigureKey } from '../figures';
import type { FirmFields, ImportRecord, Problem } from './parse';

export interface ValueChange {
  field: string;
  old: string | number | boolean | null;
  new: string | number | boolean | null;
}

export interface FirmPlan {
  creditCode: string;
  name: string;
  firmId: number | null;
  /** Firm-level fields to set (the latest row of the file wins). */
  firm: ValueChange[];
  titles: { code: string; year: number | null }[];
  years: { year: number; row: number; exists: boolean; changes: ValueChange[]; values: Partial<Record<FigureKey, number | null>> }[];
}

export interface ImportPlan {
  firms: FirmPlan[];
  counts: { rows: number; newFirms: number; changedFirms: number; unchangedFirms: number; changedValues: number; newYears: number };
  warnings: Problem[];
}

type FirmRow = { id: number; name: string } & Record<string, unknown>;

/** Figures that do not swing by half in a year unless a unit is wrong (financing and profit may). */
const JUMP_CHECKED: FigureKey[] = ['revenue', 'main_revenue', 'product_revenue', 'total_assets', 'employees'];

const FIRM_FIELDS: (keyof FirmFields)[] = ['town', 'chain', 'main_product', 'product_code', 'segment_since', 'founded_year', 'is_new_product', 'listed'];
const asDb = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
const same = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) : a === b);

export function planImport(db: Database.Database, records: ImportRecord[], sheet: string): ImportPlan {
  const byCode = new Map<string, ImportRecord[]>();
  for (const r of records) byCode.set(r.creditCode, [...(byCode.get(r.creditCode) ?? []), r]);
  const firmStmt = db.prepare('SELECT * FROM firms WHERE credit_code = ?');
  const yearsStmt = db.prepare('SELECT * FROM firm_years WHERE firm_id = ?');
  const titlesStmt = db.prepare('SELECT code FROM titles WHERE firm_id = ?').pluck();
  const warnings: Problem[] = [];
  const firms: FirmPlan[] = [];
  let changedValues = 0;
  let newYears = 0;
  let changedFirms = 0;

  for (const [code, recs] of byCode) {
    recs.sort((a, b) => a.year - b.year);
    const existing = firmStmt.get(code) as FirmRow | undefined;
    const latest = recs[recs.length - 1];
    const firm: ValueChange[] = [];
    if (!existing || existing.name !== latest.name) firm.push({ field: 'name', old: existing?.name ?? null, new: latest.name });
    for (const f of FIRM_FIELDS) {
      // The latest row that gives the field wins; an empty cell leaves what is stored.
      const given = [...recs].reverse().find((r) => r.firm[f] !== undefined && r.firm[f] !== null);
      if (!given) continue;
      const v = given.firm[f]!;
      const old = existing ? existing[f] : null;
      if (!existing || !same(asDb(v), old)) firm.push({ field: f, old: (old as string | number | null) ?? null, new: v });
    }
    const held = new Set(existing ? (titlesStmt.all(existing.id) as string[]) : []);
    const titles = recs.flatMap((r) => r.titles ?? []).filter((t, i, all) => !held.has(t.code) && all.findIndex((x) => x.code === t.code) === i);

    const stored = new Map<number, Record<string, number | null>>();
    if (existing) for (const y of yearsStmt.all(existing.id) as (Record<string, number | null> & { year: number })[]) stored.set(y.year, y);
    const years = recs.map((r) => {
      const old = stored.get(r.year);
      const changes: ValueChange[] = [];
      for (const [k, v] of Object.entries(r.figures) as [FigureKey, number | null][]) {
        if (v === null) continue; // not reported: keep what is stored
        const before = old ? (old[k] ?? null) : null;
        if (!old || !same(v, before)) changes.push({ field: k, old: before, new: v });
      }
      return { year: r.year, row: r.row, exists: Boolean(old), changes, values: r.figures };
    });
    for (const y of years) {
      changedValues += y.exists ? y.changes.length : 0;
      if (!y.exists) newYears++;
    }
    if (existing && (firm.length || titles.length || years.some((y) => !y.exists || y.changes.length))) changedFirms++;
    firms.push({ creditCode: code, name: latest.name, firmId: existing?.id ?? null, firm, titles, years });

    // Jumps of more than 50 % on new or changed values, against the file's or the stored previous year.
    for (const y of years) {
      const r = recs.find((x) => x.year === y.year)!;
      const prev = recs.find((x) => x.year === r.year - 1)?.figures ?? stored.get(r.year - 1) ?? null;
      if (!prev) continue;
      const touched = new Set(y.exists ? y.changes.map((c) => c.field) : Object.keys(r.figures));
      for (const k of JUMP_CHECKED) {
        const now = r.figures[k];
        const before = (prev as Record<string, number | null | undefined>)[k];
        if (!touched.has(k) || now == null || before == null || before <= 0) continue;
        if (Math.abs(now / before - 1) > 0.5) {
          warnings.push({ level: 'warning', sheet, row: r.row, column: figureSpec(k).zh, value: String(now), reason: `较上年（${before}）变化超过 50%，请核实单位与数值` });
        }
      }
    }
  }
  const newFirms = firms.filter((f) => f.firmId === null).length;
  return {
    firms,
    counts: { rows: records.length, newFirms, changedFirms, unchangedFirms: firms.length - newFirms - changedFirms, changedValues, newYears },
    warnings,
  };
}
