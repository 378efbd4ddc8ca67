// One firm: profile, titles, yearly figures with per-value provenance, memberships; edits of figures
// validated, written in one transaction with a manual source, value-level overrides and audit entries.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import { inputSubject } from '../criteria/inputNames';
import { AppError } from '../errors';
import { FIGURE_KEYS, figureProblem, figureSpec, titleValidUntil, type FigureKey } from '../figures';
import { insertFirmYear } from '../store/firmYears';
import { insertSource, sourceRefs } from '../store/sources';
import { nowIso } from '../time';

type Detail = MethodOutput<'firm.get'>;
type FirmRow = Record<string, unknown> & { id: number };

export function getFirm(db: Database.Database, firmId: number): Detail {
  const f = db.prepare('SELECT * FROM firms WHERE id = ?').get(firmId) as FirmRow | undefined;
  if (!f) throw new AppError('not_found', `找不到企业（编号 ${firmId}）`, { firmId });
  const titles = (db.prepare('SELECT code, level, year, product, source_id AS sourceId FROM titles WHERE firm_id = ? ORDER BY year, code').all(firmId) as Omit<Detail['titles'][number], 'validUntil'>[]).map((t) => ({
    ...t,
    validUntil: titleValidUntil(t.code, t.year),
  }));
  const yearRows = db.prepare('SELECT * FROM firm_years WHERE firm_id = ? ORDER BY year').all(firmId) as (Record<FigureKey, number | null> & { year: number; source_id: number; source_row: number | null })[];
  const overrides = db.prepare('SELECT year, field, source_id FROM value_overrides WHERE firm_id = ?').all(firmId) as { year: number; field: FigureKey; source_id: number }[];
  const memberships = db
    .prepare('SELECT year, status, reason, source_id AS sourceId FROM pool_members WHERE firm_id = ? ORDER BY year DESC')
    .all(firmId) as Detail['memberships'];

  const years = yearRows.map((r) => {
    const values = {} as Record<FigureKey, number | null>;
    const sources = {} as Record<FigureKey, number>;
    for (const k of FIGURE_KEYS) {
      values[k] = r[k];
      sources[k] = r.source_id;
    }
    for (const o of overrides) if (o.year === r.year) sources[o.field] = o.source_id;
    return { year: r.year, values, sources, sourceRow: r.source_row };
  });

  const ids = new Set<number>([f.source_id as number, ...(f.profile_source_id ? [f.profile_source_id as number] : []), ...titles.map((t) => t.sourceId), ...memberships.map((m) => m.sourceId)]);
  for (const y of years) for (const k of FIGURE_KEYS) ids.add(y.sources[k]);
  const sources = sourceRefs(db, [...ids]);

  return {
    firm: {
      id: f.id,
      creditCode: f.credit_code as string,
      name: f.name as string,
      town: f.town as string | null,
      chain: f.chain as string | null,
      mainProduct: f.main_product as string | null,
      productCode: f.product_code as string | null,
      segmentSince: f.segment_since as number | null,
      foundedYear: f.founded_year as number | null,
      isNewProduct: f.is_new_product === 1,
      listed: f.listed === 1,
      note: f.note as string | null,
      sourceId: f.source_id as number,
      profileSourceId: f.profile_source_id as number | null,
    },
    titles,
    years,
    memberships,
    sources,
  };
}

const EPS = 1e-9;

function crossCheck(values: Record<FigureKey, number | null>): { field: FigureKey; problem: string }[] {
  const out: { field: FigureKey; problem: string }[] = [];
  const { revenue, main_revenue, product_revenue } = values;
  if (revenue != null && main_revenue != null && main_revenue > revenue * (1 + EPS)) out.push({ field: 'main_revenue', problem: 'main_above_revenue' });
  if (main_revenue != null && product_revenue != null && product_revenue > main_revenue * (1 + EPS))
    out.push({ field: 'product_revenue', problem: 'product_above_main' });
  return out;
}

type YearChange = ParsedInput<'firm.updateFigures'>['years'][number];

function valueProblems(change: YearChange) {
  return (Object.entries(change.values) as [FigureKey, number | null][]).flatMap(([field, value]) => {
    const problem = value === null ? null : figureProblem(field, value);
    // The allowed range goes with the problem, so the page can say what would be accepted.
    const { min, max } = figureSpec(field);
    return problem ? [{ year: change.year, field, value, problem, min, max }] : [];
  });
}

export function updateFigures(db: Database.Database, input: ParsedInput<'firm.updateFigures'>, actor: string): Detail {
  const problems = input.years.flatMap(valueProblems);
  if (problems.length) throw new AppError('invalid_input', '有数值不符合要求，未保存任何修改', problems);
  const years = input.years.map((c) => c.year);
  if (new Set(years).size !== years.length) throw new AppError('invalid_input', '同一年度出现了两次，未保存任何修改', { years });

  db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM firms WHERE id = ?').get(input.firmId)) {
      throw new AppError('not_found', `找不到企业（编号 ${input.firmId}）`, { firmId: input.firmId });
    }
    let sourceId: number | null = null; // one manual source per edit, created only if something changes
    const at = nowIso();
    const audit = db.prepare(
      "INSERT INTO audit_log (at, actor, entity, firm_id, year, field, old_value, new_value, source_id, note) VALUES (?, ?, 'figure', ?, ?, ?, ?, ?, ?, ?)",
    );
    const override = db.prepare(
      'INSERT INTO value_overrides (firm_id, year, field, source_id) VALUES (?, ?, ?, ?) ON CONFLICT (firm_id, year, field) DO UPDATE SET source_id = excluded.source_id',
    );
    for (const change of input.years) {
      const current = db.prepare('SELECT * FROM firm_years WHERE firm_id = ? AND year = ?').get(input.firmId, change.year) as
        | Record<FigureKey, number | null>
        | undefined;
      const merged = { ...Object.fromEntries(FIGURE_KEYS.map((k) => [k, current?.[k] ?? null])), ...change.values } as Record<FigureKey, number | null>;
      const cross = crossCheck(merged);
      if (cross.length) {
        throw new AppError('invalid_input', '数值之间相互矛盾，未保存任何修改', cross.map((c) => ({ ...c, year: change.year, value: merged[c.field] })));
      }
      const changed = (Object.entries(change.values) as [FigureKey, number | null][]).filter(([k, v]) => (current?.[k] ?? null) !== v);
      if (!changed.length) continue;
      sourceId ??= insertSource(db, { kind: 'manual', label: '手工修改', actor });
      if (!current) insertFirmYear(db, input.firmId, { year: change.year }, sourceId, null);
      for (const [field, value] of changed) {
        // `field` is one of FIGURE_KEYS (checked by the contract), so it is safe as an identifier.
        db.prepare(`UPDATE firm_years SET ${field} = ? WHERE firm_id = ? AND year = ?`).run(value, input.firmId, change.year);
        override.run(input.firmId, change.year, field, sourceId);
        const old = current?.[field] ?? null;
        audit.run(at, actor, input.firmId, change.year, field, old === null ? null : String(old), value === null ? null : String(value), sourceId, input.note ?? null);
      }
    }
  })();
  return getFirm(db, input.firmId);
}

export function firmHistory(db: Database.Database, input: ParsedInput<'firm.history'>): MethodOutput<'firm.history'> {
  if (!db.prepare('SELECT 1 FROM firms WHERE id = ?').get(input.firmId)) throw new AppError('not_found', `找不到企业（编号 ${input.firmId}）`, { firmId: input.firmId });
  const rows = db
    .prepare(
      `SELECT id, at, actor, entity, year, field, old_value AS oldValue, new_value AS newValue, note
       FROM audit_log WHERE firm_id = ? ORDER BY id DESC LIMIT ?`,
    )
    .all(input.firmId, input.limit) as Omit<MethodOutput<'firm.history'>[number], 'firmName' | 'subject'>[];
  return rows.map((r) => ({ ...r, firmName: null, subject: r.entity === 'analyst_input' && r.field ? inputSubject(db, r.field) : null }));
}
