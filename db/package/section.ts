// The parts every package section is made of: what exporting and merging a section are given, and the
// copy of a pool year's rows into the package. The sections themselves are in sections.ts (the pool) and
// ledgers.ts (the lists kept about the same firms).
import type Database from 'better-sqlite3';
import type { OpenPackage } from './format';

export interface ExportContext {
  /** The district's data file (read only). */
  city: Database.Database;
  pkg: Database.Database;
  poolYear: number;
}

/** Tables whose rows a merge inserts outside the import-writes ledger (import_rows.tbl). */
export type InsertedTable = 'analyst_inputs' | 'shortlists' | 'requests' | 'financing_needs' | 'listing_firms' | 'payments';

export interface MergeContext {
  city: Database.Database;
  pkg: OpenPackage;
  /** The city's firm id for a credit code (after the core sections are merged). */
  firmId(creditCode: string): number | undefined;
  /** Records a row this merge inserted (after its child rows), so undoing the merge removes exactly it. */
  inserted(table: InsertedTable, rowId: number): void;
  /** The source the package's values get ("峄城区报送包（2024年3月1日）"). */
  sourceId: number;
  poolYear: number;
  /** "峄城区报送包（2024年3月1日）" */
  label: string;
  actor: string;
  at: string;
}

export interface PackageSection {
  key: string;
  /** What the preview calls it. */
  label: string;
  /** The package tables of this section. */
  ddl: string;
  /** The table whose rows the preview counts. */
  countTable: string;
  exportRows(ctx: ExportContext): number;
  /** Absent for the core sections, which the merge planner handles together. */
  merge?(ctx: MergeContext): { added: number; present: number };
  /** How many of the package's rows the city file lacks (the preview's 新增); absent for the core sections. */
  newRows?(city: Database.Database, pkg: Database.Database): number;
}

/** A stored source as one line of provenance: "导入：年报.xlsx（企业年度数据 第3行）". */
export const SOURCE_TEXT = `s.label || CASE WHEN s.file IS NOT NULL AND instr(s.label, s.file) = 0 THEN '（' || s.file || coalesce(' ' || s.sheet, '') || '）' ELSE '' END`;
export const MEMBERS = 'SELECT firm_id FROM pool_members WHERE year = @year';

/** Copies the rows of `select` (named parameters: @year) into `table`, by position. */
export function copyRows(ctx: ExportContext, select: string, table: string, columns: readonly string[]): number {
  const insert = ctx.pkg.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  let n = 0;
  for (const row of ctx.city.prepare(select).raw().iterate({ year: ctx.poolYear }) as Iterable<unknown[]>) {
    insert.run(row);
    n++;
  }
  return n;
}
