// A merge from files to report: every package opened and checked (nothing is written before all are), the
// refusals — not a package, damaged or changed after export, a newer schema, a bad signature, the same package
// given twice or merged before — and the plan shaped as the preview shows it. Applying it is `applyMerge`.
import type Database from 'better-sqlite3';
import type { MergeReportT } from '../contract';
import { AppError } from '../errors';
import { openPackage, type OpenPackage } from './format';
import { planMerge, type MergePlan } from './plan';
import { SECTIONS } from './sections';

export const LISTED_CONFLICTS = 2000;
export const LISTED_CHANGES = 500;

const when = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日 ${iso.slice(11, 16)}`;
};

/** Opens every package; on any refusal the ones opened are closed again and nothing else happens. */
export function openPackages(city: Database.Database, files: { fileName: string; bytes: Buffer }[], publicKeys: ReadonlyMap<string, string>): OpenPackage[] {
  const pkgs: OpenPackage[] = [];
  try {
    const merged = city.prepare(
      `SELECT p.merged_at, p.actor, p.file FROM package_merges p JOIN imports i ON i.id = p.import_id AND i.undone_at IS NULL
       WHERE p.package_id = ? OR p.content_sha256 = ? ORDER BY p.id LIMIT 1`,
    );
    for (const f of files) {
      const p = openPackage(f.bytes, f.fileName, publicKeys);
      pkgs.push(p);
      const twin = pkgs.find((o) => o !== p && o.manifest.packageId === p.manifest.packageId);
      if (twin) throw new AppError('invalid_input', `${f.fileName} 与 ${twin.fileName} 是同一个报送包（${p.manifest.district}），只能合并一次。数据文件未作任何改动。`, { refusal: 'duplicate' });
      const before = merged.get(p.manifest.packageId, p.manifest.contentSha256) as { merged_at: string; actor: string; file: string } | undefined;
      if (before) {
        throw new AppError(
          'conflict',
          `${f.fileName}（${p.manifest.district}）已于 ${when(before.merged_at)} 由 ${before.actor} 合并过（当时的文件名：${before.file}），不再重复合并。如需重新合并，请先在“年度更新”中撤销那次合并。数据文件未作任何改动。`,
          { refusal: 'already_merged', mergedAt: before.merged_at },
        );
      }
    }
    return pkgs;
  } catch (e) {
    for (const p of pkgs) p.close();
    throw e;
  }
}

/** A section's rows in a package; none where a package made by an earlier version lacks the section. */
const rowsOf = (p: OpenPackage, table: string) =>
  p.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) ? (p.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) : 0;

export function mergeReport(city: Database.Database, pkgs: OpenPackage[], plan: MergePlan): MergeReportT {
  const district = (i: number) => pkgs[i].manifest.district;
  return {
    packages: pkgs.map((p, i) => {
      const pp = plan.packages[i];
      const m = p.manifest;
      return {
        fileName: p.fileName,
        district: m.district,
        bureau: m.bureau,
        poolYear: m.poolYear,
        dataYears: m.dataYears,
        exportedAt: m.exportedAt,
        label: pp.label,
        contentSha256: m.contentSha256,
        signature: p.signature,
        fingerprint: p.fingerprint,
        firms: pp.firms,
        newFirms: pp.newFirms.length,
        newValues: pp.newValues,
        changedValues: pp.changedValues,
        conflicts: pp.conflicts,
        sections: SECTIONS.map((s) => ({ key: s.key, label: s.label, rows: rowsOf(p, s.countTable), added: s.newRows ? s.newRows(city, p.db) : null })),
      };
    }),
    newFirms: [...plan.firms.values()].filter((f) => f.firmId === null).length,
    changedValues: plan.packages.reduce((n, p) => n + p.newValues + p.changedValues, 0),
    conflicts: plan.conflicts.slice(0, LISTED_CONFLICTS).map((c) => ({
      creditCode: c.creditCode,
      name: c.name,
      year: c.year,
      field: c.field,
      values: c.candidates.map((x) => ({ district: x.district, value: x.value, source: x.source })),
      chosen: c.chosen === null ? null : district(c.chosen),
    })),
    conflictCount: plan.conflicts.length,
    changes: plan.writes
      .filter((w) => plan.firms.get(w.creditCode)!.firmId !== null)
      .slice(0, LISTED_CHANGES)
      .map((w) => ({ district: district(w.pkg), creditCode: w.creditCode, name: w.name, year: w.year, field: w.field, old: w.old, new: w.new })),
  };
}

/** Plans the merge of packages already opened, and closes them when `use` is done. */
export function withPlan<T>(city: Database.Database, pkgs: OpenPackage[], prefer: string | undefined, use: (plan: MergePlan) => T): T {
  try {
    return use(planMerge(city, pkgs, prefer));
  } finally {
    for (const p of pkgs) p.close();
  }
}
