// What an import would change, worked out before anything is written: new firms, changed values (old → new),
// unchanged rows, titles to add, and warnings for values that jumped more than 50 % from the year before.
import type Database from 'better-sqlite3';
import { FIGURE_KEYS, figureAt, figureSpec, type FigureKey, type FigureRow } from '../figures';
import type { FirmFields, ImportRecord, Problem } from './parse';
import { drain, type Steps } from '../turns';
import { MONEY_KEYS, UNIT_JUMP, type UnitSuspect } from './units';

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
  years: { year: number; row: number; exists: boolean; changes: ValueChange[]; values: FigureRow }[];
}

export interface ImportPlan {
  firms: FirmPlan[];
  counts: { rows: number; newFirms: number; changedFirms: number; unchangedFirms: number; changedValues: number; newYears: number; newValues: number };
  warnings: Problem[];
  /** Money values 1,000 times or more above the firm's previous year: probably 元 in a 万元 column. */
  unitSuspects: UnitSuspect[];
}

type FirmRow = { id: number; name: string } & Record<string, unknown>;

/** Figures that do not swing by half in a year unless a unit is wrong (financing and profit may). */
const JUMP_CHECKED: FigureKey[] = ['revenue', 'main_revenue', 'product_revenue', 'total_assets', 'employees'];

/** The firm-level fields a row may set (name and credit code aside), in the firms table's order. */
export const FIRM_FIELDS = ['town', 'chain', 'main_product', 'product_code', 'segment_since', 'founded_year', 'is_new_product', 'listed'] as const satisfies readonly (keyof FirmFields)[];
const asDb = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

export function planImport(db: Database.Database, records: ImportRecord[], sheet: string): ImportPlan {
  return drain(planSteps(db, records, sheet));
}

/** The plan in steps of `firmsPerStep` firms (a province file's plan is seconds of work: see turns.ts). */
export function* planSteps(db: Database.Database, records: ImportRecord[], sheet: string, firmsPerStep = 2000): Steps<ImportPlan> {
  const byCode = new Map<string, ImportRecord[]>();
  for (let i = 0; i < records.length; i++) {
    if (i > 0 && i % (firmsPerStep * 25) === 0) yield; // grouping a row is far cheaper than planning a firm
    const r = records[i];
    const list = byCode.get(r.creditCode);
    if (list) list.push(r);
    else byCode.set(r.creditCode, [r]);
  }
  // One pass over the firms' codes: a province file is mostly new firms, which need no further look-up.
  const known = new Map((db.prepare('SELECT credit_code, id FROM firms').raw().all() as [string, number][]).map(([c, id]) => [c, id]));
  const firmStmt = db.prepare('SELECT * FROM firms WHERE id = ?');
  const yearsStmt = db.prepare('SELECT * FROM firm_years WHERE firm_id = ?');
  const titlesStmt = db.prepare('SELECT code FROM titles WHERE firm_id = ?').pluck();
  const warnings: Problem[] = [];
  const unitSuspects: UnitSuspect[] = [];
  const firms: FirmPlan[] = [];
  let changedValues = 0;
  let newYears = 0;
  let newValues = 0;
  let changedFirms = 0;

  for (const [code, recs] of byCode) {
    if (firms.length > 0 && firms.length % firmsPerStep === 0) yield;
    recs.sort((a, b) => a.year - b.year);
    const id = known.get(code);
    // Stryker disable next-line ConditionalExpression: looking up no id finds no firm either
    const existing = id === undefined ? undefined : (firmStmt.get(id) as FirmRow);
    const latest = recs[recs.length - 1];
    const firm: ValueChange[] = [];
    if (!existing || existing.name !== latest.name) firm.push({ field: 'name', old: existing?.name ?? null, new: latest.name });
    for (const f of FIRM_FIELDS) {
      // The latest row that gives the field wins; an empty cell leaves what is stored.
      let v: FirmFields[typeof f] | undefined;
      for (let i = recs.length - 1; i >= 0 && (v === undefined || v === null); i--) v = recs[i].firm[f];
      if (v === undefined || v === null) continue;
      const old = existing ? existing[f] : null;
      if (!existing || asDb(v) !== old) firm.push({ field: f, old: (old as string | number | null) ?? null, new: v });
    }
    // Stryker disable next-line ArrayDeclaration: a new firm holds no title, and no title is called "Stryker was here"
    const held = new Set(existing ? (titlesStmt.all(existing.id) as string[]) : []);
    const titles: FirmPlan['titles'] = [];
    for (const r of recs) for (const t of r.titles ?? []) if (!held.has(t.code) && !titles.some((x) => x.code === t.code)) titles.push(t);

    const stored = new Map<number, Record<string, number | null>>();
    if (existing) for (const y of yearsStmt.all(existing.id) as (Record<string, number | null> & { year: number })[]) stored.set(y.year, y);
    const years = recs.map((r) => {
      const old = stored.get(r.year);
      const changes: ValueChange[] = [];
      if (old) {
        for (let i = 0; i < FIGURE_KEYS.length; i++) {
          const v = r.figures[i];
          if (Number.isNaN(v)) continue; // not reported: keep what is stored
          const k = FIGURE_KEYS[i];
          const before = old[k] ?? null;
          // Exact: a number read from a file's text is the double nearest that text, the same double the data file
          // keeps for it (exported and imported back, it is equal), so any difference is a change in the file.
          if (v !== before) changes.push({ field: k, old: before, new: v });
        }
        changedValues += changes.length;
      } else {
        newYears++;
        for (let i = 0; i < r.figures.length; i++) if (!Number.isNaN(r.figures[i])) newValues++;
      }
      return { year: r.year, row: r.row, exists: Boolean(old), changes, values: r.figures };
    });
    if (existing && (firm.length || titles.length || years.some((y) => !y.exists || y.changes.length))) changedFirms++;
    firms.push({ creditCode: code, name: latest.name, firmId: existing?.id ?? null, firm, titles, years });

    // Jumps of more than 50 % on new or changed values, against the file's or the stored previous year.
    for (let i = 0; i < recs.length; i++) {
      const r = recs[i];
      const y = years[i];
      const inFile = i > 0 && recs[i - 1].year === r.year - 1 ? recs[i - 1].figures : null;
      const inStore = stored.get(r.year - 1);
      if (!inFile && !inStore) continue;
      const previous = (k: FigureKey) => (inFile ? figureAt(inFile, k) : (inStore![k] ?? null));
      const written = (k: FigureKey) => !y.exists || y.changes.some((c) => c.field === k); // only new or changed values
      const suspect = new Set<FigureKey>();
      for (const k of MONEY_KEYS) {
        const now = figureAt(r.figures, k);
        const before = previous(k);
        if (now == null || before == null || before <= 0 || now < UNIT_JUMP * before || !written(k)) continue;
        suspect.add(k);
        unitSuspects.push({ key: k, row: r.row, name: r.name, value: now, compared: before, basis: 'previous_year' });
      }
      for (const k of JUMP_CHECKED) {
        const now = figureAt(r.figures, k);
        const before = previous(k);
        if (now == null || before == null || before <= 0 || Math.abs(now / before - 1) <= 0.5) continue;
        if (!written(k) || suspect.has(k)) continue;
        warnings.push({ level: 'warning', sheet, row: r.row, column: figureSpec(k).zh, value: String(now), reason: `较上年（${before}）变化超过 50%，请核实单位与数值` });
      }
    }
  }
  const newFirms = firms.filter((f) => f.firmId === null).length;
  return {
    firms,
    counts: { rows: records.length, newFirms, changedFirms, unchangedFirms: firms.length - newFirms - changedFirms, changedValues, newYears, newValues },
    warnings,
    unitSuspects,
  };
}
