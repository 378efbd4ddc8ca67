// Writing a merge plan, in one transaction (the caller has taken a snapshot). Each package is one import
// record with its own source ("峄城区报送包（2024年3月1日）") and its writes in the import-writes ledger, so the
// import undo takes a merged package back exactly (the newest first); the rows other sections insert are
// recorded beside it (import_rows). The conflicts are kept, open or settled by --prefer.
import type Database from 'better-sqlite3';
import { withIndexesRebuilt } from '../import/apply';
import { TITLE_LEVEL, FIGURE_KEYS, type TitleCode } from '../figures';
import { nameSortKey } from '../sortKey';
import { insertFigureRow } from '../store/firmYears';
import { ledgerRowState } from '../store/ledgerRows';
import { insertSource } from '../store/sources';
import { nowIso } from '../time';
import type { OpenPackage } from './format';
import type { MergePlan, Scalar } from './plan';
import { PROFILE_FIELDS, SECTIONS } from './sections';

export interface MergeMeta {
  actor: string;
  snapshotFile: string | null;
}

export interface MergeResult {
  importIds: number[];
  sections: { key: string; label: string; added: number; present: number }[][];
}

const str = (v: unknown) => (v == null ? null : String(v));
const FIGURES = new Set<string>(FIGURE_KEYS);
const PROFILE = new Set<string>(['name', ...PROFILE_FIELDS]);

export function applyMerge(city: Database.Database, pkgs: OpenPackage[], plan: MergePlan, meta: MergeMeta): MergeResult {
  const write = (): MergeResult => {
    const at = nowIso();
    const sources = pkgs.map((p, i) => insertSource(city, { kind: 'import', label: plan.packages[i].label, file: p.fileName, sheet: p.manifest.district, actor: meta.actor }));
    const importIds = pkgs.map((p, i) => {
      const pp = plan.packages[i];
      const id = Number(
        city
          .prepare('INSERT INTO imports (source_id, file, sheet, rows, new_firms, changed_values, snapshot_file, actor, at, writes_recorded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)')
          .run(sources[i], p.fileName, p.manifest.district, pp.firms, pp.newFirms.length, pp.newValues + pp.changedValues, meta.snapshotFile, meta.actor, at).lastInsertRowid,
      );
      city
        .prepare('INSERT INTO package_merges (import_id, package_id, content_sha256, district, bureau, pool_year, exported_at, signature, file, merged_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, p.manifest.packageId, p.manifest.contentSha256, p.manifest.district, p.manifest.bureau, p.manifest.poolYear, p.manifest.exportedAt, p.signature, p.fileName, at, meta.actor);
      return id;
    });
    const wrote = city.prepare('INSERT INTO import_writes (import_id, kind, firm_id, year, field, old_value, new_value, old_source_id, old_source_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const audit = city.prepare('INSERT INTO audit_log (at, actor, entity, firm_id, year, field, old_value, new_value, source_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const firmIds = new Map<string, number>();
    for (const [code, f] of plan.firms) if (f.firmId !== null) firmIds.set(code, f.firmId);
    const createdBy = new Map<string, number>();

    const insertFirm = city.prepare(
      `INSERT INTO firms (credit_code, name, name_sort, ${PROFILE_FIELDS.join(', ')}, source_id, profile_source_id) VALUES (${Array(PROFILE_FIELDS.length + 5).fill('?').join(', ')})`,
    );

    const override = city.prepare(
      `INSERT INTO value_overrides (firm_id, year, field, source_id, source_row) VALUES (?, ?, ?, ?, NULL)
       ON CONFLICT (firm_id, year, field) DO UPDATE SET source_id = excluded.source_id, source_row = NULL`,
    );
    const overrideNow = city.prepare('SELECT source_id, source_row FROM value_overrides WHERE firm_id = ? AND year = ? AND field = ?');
    const profileSource = city.prepare('SELECT coalesce(profile_source_id, source_id) FROM firms WHERE id = ?').pluck();
    const insertTitle = city.prepare('INSERT OR IGNORE INTO titles (firm_id, code, level, year, product, source_id) VALUES (?, ?, ?, ?, ?, ?)');
    const poolYear = city.prepare('INSERT OR IGNORE INTO pool_years (year, name, note, source_id, created_at) VALUES (?, ?, ?, ?, ?)');
    const member = city.prepare('INSERT OR IGNORE INTO pool_members (year, firm_id, status, reason, source_id) VALUES (?, ?, ?, ?, ?)');
    const district = city.prepare('INSERT OR IGNORE INTO pool_districts (year, firm_id, district, import_id) VALUES (?, ?, ?, ?)');
    const rowRecord = city.prepare('INSERT INTO import_rows (import_id, tbl, row_id, state) VALUES (?, ?, ?, ?)');
    const updates = new Map<string, Database.Statement>();
    const update = (sql: string) => updates.get(sql) ?? updates.set(sql, city.prepare(sql)).get(sql)!;

    // Each package's part, found once: a province's merge has 140 packages and a million values.
    const writesOf = pkgs.map((): MergePlan['writes'] => []);
    for (const w of plan.writes) writesOf[w.pkg].push(w);
    const yearsOf = pkgs.map((): [string, Scalar[]][] => []);
    for (const [key, row] of plan.newYears) yearsOf[row.creator].push([key, row.values]);

    const result: MergeResult = { importIds, sections: [] };
    pkgs.forEach((p, i) => {
      const importId = importIds[i];
      const source = sources[i];
      const label = plan.packages[i].label;
      const note = `合并 ${label}`;
      const firmRows = p.db.prepare('SELECT credit_code, name FROM firms ORDER BY credit_code').all() as { credit_code: string; name: string }[];
      for (const f of firmRows) {
        if (plan.firms.get(f.credit_code)!.firmId !== null || plan.firms.get(f.credit_code)!.creator !== i) continue;
        const given = plan.newProfiles.get(f.credit_code);
        const profile = PROFILE_FIELDS.map((k) => given?.get(k) ?? (k === 'is_new_product' || k === 'listed' ? 0 : null));
        const id = Number(insertFirm.run(f.credit_code, f.name, nameSortKey(f.name), ...profile, source, source).lastInsertRowid);
        firmIds.set(f.credit_code, id);
        createdBy.set(f.credit_code, i);
        wrote.run(importId, 'firm', id, null, null, null, null, null, null);
      }
      // New year rows, with the values their package gives them; other packages' values follow as writes.
      for (const [key, values] of yearsOf[i]) {
        const [code, y] = key.split('|');
        const firmId = firmIds.get(code)!;
        insertFigureRow(city, firmId, Number(y), values.map((v) => (v === null ? NaN : Number(v))), source, null);
        if (createdBy.get(code) !== i) wrote.run(importId, 'year', firmId, Number(y), null, null, null, null, null);
      }
      for (const w of writesOf[i]) {
        const firmId = firmIds.get(w.creditCode)!;
        if (w.kind === 'profile') {
          if (!PROFILE.has(w.field)) continue;
          const old = profileSource.get(firmId) as number | null;
          wrote.run(importId, 'profile', firmId, null, w.field, w.old, w.new, old, null);
          update(`UPDATE firms SET ${w.field} = ?, profile_source_id = ? WHERE id = ?`).run(w.new, source, firmId);
          audit.run(at, meta.actor, 'firm', firmId, null, w.field, str(w.old), str(w.new), source, note);
          continue;
        }
        if (!FIGURES.has(w.field)) continue;
        const yearCreated = plan.newYears.get(`${w.creditCode}|${w.year}`)?.creator;
        const before = overrideNow.get(firmId, w.year, w.field) as { source_id: number; source_row: number | null } | undefined;
        update(`UPDATE firm_years SET ${w.field} = ? WHERE firm_id = ? AND year = ?`).run(w.new, firmId, w.year);
        // A value in a row its own package created needs no override (the row's source says it); any other does.
        if (yearCreated !== i) override.run(firmId, w.year, w.field, source);
        if (yearCreated === undefined || (yearCreated !== i && createdBy.get(w.creditCode) !== i)) {
          wrote.run(importId, 'figure', firmId, w.year, w.field, w.old, w.new, before?.source_id ?? null, before?.source_row ?? null);
        }
        audit.run(at, meta.actor, 'figure', firmId, w.year, w.field, str(w.old), str(w.new), source, note);
      }
      for (const t of p.db.prepare('SELECT credit_code, code, level, year, product FROM titles').all() as { credit_code: string; code: TitleCode; level: string; year: number | null; product: string | null }[]) {
        const firmId = firmIds.get(t.credit_code);
        if (firmId === undefined) continue;
        const added = insertTitle.run(firmId, t.code, TITLE_LEVEL[t.code] ?? t.level, t.year, t.product, source).changes > 0;
        if (added && createdBy.get(t.credit_code) !== i) wrote.run(importId, 'title', firmId, null, t.code, null, null, null, null);
      }
      const year = p.manifest.poolYear;
      poolYear.run(year, `${year}年度制造业单项冠军培育库`, `由报送包合并建立：${label}`, source, at);
      for (const m of p.db.prepare('SELECT credit_code, status, reason FROM members').all() as { credit_code: string; status: string; reason: string | null }[]) {
        const firmId = firmIds.get(m.credit_code)!;
        const reason = `${p.manifest.district}报送${m.reason ? `：${m.reason}` : ''}`.slice(0, 200);
        if (member.run(year, firmId, m.status, reason, source).changes > 0 && createdBy.get(m.credit_code) !== i) wrote.run(importId, 'member', firmId, year, null, null, null, null, null);
      }
      for (const f of firmRows) district.run(year, firmIds.get(f.credit_code)!, p.manifest.district, importId);
      result.sections.push(
        SECTIONS.filter((s) => s.merge).map((s) => ({
          key: s.key,
          label: s.label,
          ...s.merge!({
            city,
            pkg: p,
            firmId: (code) => firmIds.get(code),
            inserted: (tbl, rowId) => rowRecord.run(importId, tbl, rowId, ledgerRowState(city, tbl, rowId)),
            sourceId: source,
            poolYear: year,
            label,
            actor: meta.actor,
            at,
          }),
        })),
      );
    });

    const conflict = city.prepare(
      "INSERT INTO merge_conflicts (firm_id, year, field, candidates, status, chosen_district, resolved_how, resolved_by, resolved_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (const c of plan.conflicts) {
      const candidates = c.candidates.map((x) => ({ district: x.district, value: x.value, source: x.source, importId: x.pkg === null ? null : importIds[x.pkg] }));
      const chosen = c.chosen === null ? null : pkgs[c.chosen].manifest.district;
      conflict.run(firmIds.get(c.creditCode)!, c.year, c.field, JSON.stringify(candidates), chosen ? 'resolved' : 'open', chosen, chosen ? 'prefer' : null, chosen ? meta.actor : null, chosen ? at : null, at);
    }
    // The packages' import entries come after all the merge wrote, so no package's undo counts another's writes
    // in the same merge as later work.
    pkgs.forEach((p, i) => {
      const pp = plan.packages[i];
      audit.run(at, meta.actor, 'import', null, null, null, null, null, sources[i], `合并 ${pp.label}（${p.fileName}）：企业 ${pp.firms} 家，新增企业 ${pp.newFirms.length} 家，写入数值 ${pp.newValues + pp.changedValues} 个，冲突 ${pp.conflicts} 处`);
    });
    return result;
  };
  return city.transaction(() => withIndexesRebuilt(city, plan.newYears.size + [...plan.firms.values()].filter((f) => f.firmId === null).length, write))();
}
