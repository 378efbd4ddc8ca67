// Planning a merge: every package's firms matched to the city's by 统一社会信用代码, and per firm, year and
// figure (or profile field) what each district reported beside what the city holds. Identical reports are not
// conflicts; a district's new report replaces its own earlier one; anything else that differs is a conflict,
// settled only by --prefer (that district's value) and otherwise left open with the city's value kept.
// Nothing is written here.
import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import { FIGURE_KEYS } from '../figures';
import { packageLabel, type OpenPackage } from './format';
import { PROFILE_FIELDS } from './sections';

export type Scalar = string | number | null;

export interface Candidate {
  district: string;
  value: Scalar;
  /** Where the value comes from: the package's label, or the city's stored source. */
  source: string;
  /** The package (index into the merge's packages) it comes from; null for the value the city holds. */
  pkg: number | null;
}

export interface PlannedConflict {
  creditCode: string;
  name: string;
  year: number | null;
  field: string;
  candidates: Candidate[];
  /** The package whose value --prefer took; null: left open. */
  chosen: number | null;
}

export interface PlannedWrite {
  kind: 'figure' | 'profile';
  creditCode: string;
  name: string;
  year: number | null;
  field: string;
  old: Scalar;
  new: Scalar;
  pkg: number;
}

export interface PackagePlan {
  label: string;
  firms: number;
  newFirms: string[];
  /** Values of firms the city holds: written where it had none, and replaced. */
  newValues: number;
  changedValues: number;
  conflicts: number;
}

export interface MergePlan {
  packages: PackagePlan[];
  /** Per credit code: the city's firm id, or the package that creates it. */
  firms: Map<string, { firmId: number | null; creator: number; name: string }>;
  /** Per firm and data year the city does not hold ("code|year"): the package that creates the row, and the
   * values it writes with it (FIGURE_KEYS order, null: none). */
  newYears: Map<string, { creator: number; values: Scalar[] }>;
  /** Per new firm: the profile its first package gives it, written with the firm. */
  newProfiles: Map<string, Map<string, Scalar>>;
  writes: PlannedWrite[];
  conflicts: PlannedConflict[];
}

type Row = Record<string, Scalar>;

/** Exactly the same report: both districts' files read the same decimal into the same double; 1 元 apart is a conflict. */
export const sameValue = (a: Scalar, b: Scalar) => a === b;
const yearKey = (code: string, year: number) => `${code}|${year}`;

/** The district a stored source belongs to, when it is a package merged earlier (and not undone). */
function districtsOfSources(city: Database.Database): Map<number, string> {
  const rows = city
    .prepare('SELECT i.source_id AS id, p.district FROM package_merges p JOIN imports i ON i.id = p.import_id WHERE i.undone_at IS NULL')
    .all() as { id: number; district: string }[];
  return new Map(rows.map((r) => [r.id, r.district]));
}

export function planMerge(city: Database.Database, pkgs: OpenPackage[], prefer?: string): MergePlan {
  if (prefer !== undefined && !pkgs.some((p) => p.manifest.district === prefer)) {
    throw new AppError('invalid_input', `优先采用的区县“${prefer}”不在所合并的报送包中（${[...new Set(pkgs.map((p) => p.manifest.district))].join('、')}）。数据文件未作任何改动。`);
  }
  const sourceDistrict = districtsOfSources(city);
  const sourceLabel = city.prepare('SELECT label FROM sources WHERE id = ?').pluck();
  const cityFirm = city.prepare(`SELECT id, name, profile_source_id, source_id, ${PROFILE_FIELDS.join(', ')} FROM firms WHERE credit_code = ?`);
  const cityYear = city.prepare('SELECT * FROM firm_years WHERE firm_id = ? AND year = ?');
  const override = city.prepare('SELECT field, source_id FROM value_overrides WHERE firm_id = ? AND year = ?');

  const labels = pkgs.map((p) => packageLabel(p.manifest));
  const plan: MergePlan = {
    packages: labels.map((label) => ({ label, firms: 0, newFirms: [], newValues: 0, changedValues: 0, conflicts: 0 })),
    firms: new Map(),
    newYears: new Map(),
    newProfiles: new Map(),
    writes: [],
    conflicts: [],
  };
  // Every package's firms and years, by credit code, read once as plain rows (a province is 140 packages and
  // 700,000 firm-years: no object per figure, no lookup of every code in every package).
  const firmRows = pkgs.map((p) => new Map((p.db.prepare('SELECT * FROM firms').all() as Row[]).map((r) => [r.credit_code as string, r])));
  const reportersOf = new Map<string, number[]>();
  firmRows.forEach((m, i) => {
    for (const code of m.keys()) {
      const list = reportersOf.get(code);
      if (list) list.push(i);
      else reportersOf.set(code, [i]);
    }
  });
  /** Per package: code → year → [credit_code, year, ...FIGURE_KEYS values]. */
  const yearRows = pkgs.map((pkg) => {
    const m = new Map<string, Map<number, Scalar[]>>();
    for (const r of pkg.db.prepare(`SELECT credit_code, year, ${FIGURE_KEYS.join(', ')} FROM firm_years`).raw().iterate() as Iterable<Scalar[]>) {
      const code = r[0] as string;
      const years = m.get(code) ?? m.set(code, new Map()).get(code)!;
      years.set(r[1] as number, r);
    }
    return m;
  });
  const codes = [...reportersOf.keys()].sort();

  /** `withRow`: where the row (a new firm, a new year) is created by a package, that package's value is written
   * with it — a province's new rows are one insert each, not one update per value. */
  const settle = (
    code: string,
    name: string,
    year: number | null,
    field: string,
    city: { value: Scalar; sourceId: number | null },
    reports: Candidate[],
    kind: PlannedWrite['kind'],
    withRow: { creator: number; put: (key: string | number, v: Scalar) => void } | undefined,
    key: string | number,
  ) => {
    if (!reports.length) return;
    const cityDistrict = city.sourceId === null ? undefined : sourceDistrict.get(city.sourceId);
    // A district's new report replaces its own earlier one; any other value the city holds stands beside the reports.
    const cityStands = city.value !== null && !(cityDistrict && reports.some((r) => r.district === cityDistrict));
    const distinct = reports.length === 1 ? reports : reports.filter((r, i) => reports.findIndex((o) => sameValue(o.value, r.value)) === i);
    const write = (r: Candidate) => {
      if (sameValue(city.value, r.value)) return;
      if (withRow && withRow.creator === r.pkg) return void withRow.put(key, r.value);
      plan.writes.push({ kind, creditCode: code, name, year, field, old: city.value, new: r.value, pkg: r.pkg! });
      const existing = plan.firms.get(code)!.firmId !== null;
      if (existing) plan.packages[r.pkg!][city.value === null ? 'newValues' : 'changedValues']++;
    };
    if (distinct.length === 1 && (!cityStands || sameValue(city.value, distinct[0].value))) return write(distinct[0]);
    const candidates: Candidate[] = [
      ...(cityStands ? [{ district: cityDistrict ?? '本库', value: city.value, source: (sourceLabel.get(city.sourceId) as string | undefined) ?? '本库', pkg: null }] : []),
      ...reports,
    ];
    const preferred = prefer === undefined ? undefined : reports.find((r) => r.district === prefer);
    if (preferred) write(preferred);
    for (const i of new Set(reports.map((r) => r.pkg!))) plan.packages[i].conflicts++;
    plan.conflicts.push({ creditCode: code, name, year, field, candidates, chosen: preferred?.pkg ?? null });
  };

  for (const code of codes) {
    const reporters = reportersOf.get(code)!;
    for (const i of reporters) plan.packages[i].firms++;
    const existing = cityFirm.get(code) as Row | undefined;
    const name = (existing?.name as string | undefined) ?? (firmRows[reporters[0]].get(code)!.name as string);
    plan.firms.set(code, { firmId: (existing?.id as number | undefined) ?? null, creator: reporters[0], name });
    if (!existing) plan.packages[reporters[0]].newFirms.push(code);
    const report = (i: number, value: Scalar): Candidate => ({ district: pkgs[i].manifest.district, value, source: labels[i], pkg: i });

    // The profile: what a new firm gets from its first package is not a write of its own (it comes with the firm).
    const profileSource = existing ? ((existing.profile_source_id ?? existing.source_id) as number) : null;
    const profile = new Map<string, Scalar>();
    if (!existing) plan.newProfiles.set(code, profile);
    const profileRow = existing ? undefined : { creator: reporters[0], put: (field: string | number, v: Scalar) => profile.set(field as string, v) };
    for (const field of PROFILE_FIELDS) {
      // One package reporting a firm the city lacks: its values come with the new firm (what settle would do).
      if (profileRow && reporters.length === 1) {
        const v = firmRows[reporters[0]].get(code)![field] ?? null;
        if (v !== null) profile.set(field, v);
        continue;
      }
      const reports = reporters.map((i) => report(i, firmRows[i].get(code)![field] ?? null)).filter((r) => r.value !== null);
      settle(code, name, null, field, { value: existing ? (existing[field] ?? null) : null, sourceId: profileSource }, reports, 'profile', profileRow, field);
    }
    // The figures of every data year any package reports.
    const years = [...new Set(reporters.flatMap((i) => [...(yearRows[i].get(code)?.keys() ?? [])]))].sort();
    for (const year of years) {
      const held = existing ? (cityYear.get(existing.id, year) as Row | undefined) : undefined;
      const byField = held ? new Map((override.all(existing!.id, year) as { field: string; source_id: number }[]).map((o) => [o.field, o.source_id])) : new Map<string, number>();
      const yearReporters = reporters.filter((i) => yearRows[i].get(code)?.has(year));
      const row = held ? undefined : { creator: yearReporters[0], values: FIGURE_KEYS.map((): Scalar => null) };
      if (row) plan.newYears.set(yearKey(code, year), row);
      const reported = yearReporters.map((i) => yearRows[i].get(code)!.get(year)!);
      if (row && yearReporters.length === 1) {
        // A year only one package reports and the city lacks: its values are the new row's.
        for (let k = 0; k < FIGURE_KEYS.length; k++) row.values[k] = reported[0][k + 2] ?? null;
        continue;
      }
      const sink = row && { creator: row.creator, put: (k: string | number, v: Scalar) => (row.values[k as number] = v) };
      FIGURE_KEYS.forEach((field, k) => {
        const reports: Candidate[] = [];
        yearReporters.forEach((i, n) => {
          const v = reported[n][k + 2] ?? null;
          if (v !== null) reports.push(report(i, v));
        });
        const value = held ? (held[field] ?? null) : null;
        settle(code, name, year, field, { value, sourceId: held ? (byField.get(field) ?? (held.source_id as number)) : null }, reports, 'figure', sink, k);
      });
    }
  }
  return plan;
}
