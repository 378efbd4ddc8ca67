// The lists kept about the same firms, carried in a package beside the pool: the 诉求台账 (of the pool year's
// firms: a request hangs on a firm), and the 融资需求名单, 上市后备库 and 奖补兑现台账 whole (they are keyed by
// credit code and hold firms outside the pool too). A district's row joins the city's list unless the city
// already holds it (the same request, need, reserve entry or payment), in which case the city's row is kept;
// its child rows (progress, bank pushes, stages) come with it. Every row a merge inserts is recorded for the
// undo, and audited with the package it came with.
import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import { auditList, type ListEntity } from '../service/audit';
import { nowIso } from '../time';
import { copyRows, MEMBERS, SOURCE_TEXT, type ExportContext, type InsertedTable, type MergeContext, type PackageSection } from './section';

type Row = Record<string, string | number | null>;

interface Ledger {
  key: string;
  label: string;
  /** The city's table and the package's (same name and columns, plus the package's own `id`). */
  table: InsertedTable;
  /** Columns carried as they are. */
  columns: readonly string[];
  /** Package columns the city keeps elsewhere (the request's source, which its audit line quotes). */
  packageOnly?: readonly string[];
  /** The city's rows to export: `id` and `columns`, named parameter @year. */
  select: string;
  /** The package column types (the city's CHECKs are not repeated: the city checks on insert). */
  ddl: string;
  /** SQL over the city's table telling that a package row (named parameters, its columns) is there already. */
  same: string;
  child?: { table: string; parent: string; columns: readonly string[]; ddl: string; select: string };
  /** The values of the city-only columns (firm id, source) for an inserted row. */
  cityColumns(ctx: MergeContext, row: Row): Row;
  audit(ctx: MergeContext, row: Row, id: number): void;
}

const col = (cs: readonly string[]) => cs.join(', ');
const named = (cs: readonly string[]) => cs.map((c) => `@${c}`).join(', ');

/** "峄城区报送包（2024年3月1日）：导入：融资需求.xlsx" — where the district had it, after where the city got it. */
const sourceVia = (ctx: MergeContext, row: Row): Row => ({ source: `${ctx.label}：${row.source}` });
const auditAs = (entity: ListEntity, what: (r: Row) => string) => (ctx: MergeContext, row: Row) =>
  auditList(ctx.city, ctx.actor, entity, (row.credit_code as string | null) ?? null, 'merge', null, what(row), `合并 ${ctx.label}`);

const REQUEST_COLUMNS = ['credit_code', 'town', 'origin', 'category', 'content', 'received', 'taken_by', 'handling', 'department', 'assigned', 'deadline', 'closed', 'result', 'visited', 'rating', 'rounds', 'created_by', 'created_at', 'updated_at'] as const;
const PROGRESS_COLUMNS = ['round', 'kind', 'date', 'note', 'by', 'at'] as const;
const NEED_COLUMNS = ['credit_code', 'name', 'project', 'amount', 'purpose', 'method', 'term', 'mentor_bank', 'mentor_since', 'note', 'source', 'updated_by', 'updated_at'] as const;
const PUSH_COLUMNS = ['bank', 'pushed_on', 'result', 'reason', 'credit_amount', 'loan_amount', 'updated_by', 'updated_at'] as const;
const LISTING_COLUMNS = ['credit_code', 'name', 'reserve', 'entered_on', 'market', 'intermediaries', 'problems', 'source', 'updated_by', 'updated_at'] as const;
const STAGE_COLUMNS = ['stage', 'on_date', 'reason', 'source', 'updated_by', 'updated_at'] as const;
const PAYMENT_COLUMNS = ['credit_code', 'name', 'kind', 'title_code', 'year', 'amount', 'document', 'source', 'updated_by', 'updated_at'] as const;

const LEDGERS: Ledger[] = [
  {
    key: 'requests',
    label: '诉求台账',
    table: 'requests',
    columns: REQUEST_COLUMNS,
    packageOnly: ['source'],
    select: `SELECT r.id, ${REQUEST_COLUMNS.map((c) => `r.${c}`).join(', ')}, ${SOURCE_TEXT} || coalesce(' 第' || r.source_row || '行', '') FROM requests r JOIN sources s ON s.id = r.source_id
             WHERE r.firm_id IN (${MEMBERS}) ORDER BY r.id`,
    ddl: `CREATE TABLE requests (id INTEGER PRIMARY KEY, ${col(REQUEST_COLUMNS)}, source TEXT NOT NULL)`,
    same: 'SELECT 1 FROM requests WHERE credit_code = @credit_code AND received = @received AND category = @category AND content = @content',
    child: {
      table: 'request_progress',
      parent: 'request_id',
      columns: PROGRESS_COLUMNS,
      ddl: `CREATE TABLE request_progress (id INTEGER PRIMARY KEY, request_id INTEGER NOT NULL, ${col(PROGRESS_COLUMNS)})`,
      select: `SELECT p.id, p.request_id, ${PROGRESS_COLUMNS.map((c) => `p.${c}`).join(', ')} FROM request_progress p WHERE p.request_id IN (SELECT id FROM requests WHERE firm_id IN (${MEMBERS})) ORDER BY p.id`,
    },
    // The request's provenance is the package itself; the district's own source stays in the request's audit line.
    cityColumns: (ctx, row) => {
      const firmId = ctx.firmId(row.credit_code as string);
      // Exported only for the package's own firms, so a request without one means the package is inconsistent.
      if (firmId === undefined) throw new AppError('invalid_input', `${ctx.pkg.fileName} 的诉求台账中有一条诉求（${row.credit_code}，${row.received}）所属企业不在报送包里：报送包不完整，未合并。数据文件未作任何改动。`);
      return { firm_id: firmId, source_id: ctx.sourceId, source_row: null };
    },
    audit: (ctx, row, id) =>
      ctx.city
        .prepare("INSERT INTO audit_log (at, actor, entity, request_id, firm_id, field, old_value, new_value, note) VALUES (?, ?, 'request', ?, ?, 'create', NULL, ?, ?)")
        .run(nowIso(), ctx.actor, id, ctx.firmId(row.credit_code as string), row.content, `合并 ${ctx.label}（区县登记：${row.source}）`),
  },
  {
    key: 'financing',
    label: '融资需求',
    table: 'financing_needs',
    columns: NEED_COLUMNS,
    select: `SELECT id, ${col(NEED_COLUMNS)} FROM financing_needs ORDER BY id`,
    ddl: `CREATE TABLE financing_needs (id INTEGER PRIMARY KEY, ${col(NEED_COLUMNS)})`,
    same: 'SELECT 1 FROM financing_needs WHERE credit_code = @credit_code AND project = @project AND amount = @amount AND purpose = @purpose',
    child: {
      table: 'financing_pushes',
      parent: 'need_id',
      columns: PUSH_COLUMNS,
      ddl: `CREATE TABLE financing_pushes (id INTEGER PRIMARY KEY, need_id INTEGER NOT NULL, ${col(PUSH_COLUMNS)})`,
      select: `SELECT id, need_id, ${col(PUSH_COLUMNS)} FROM financing_pushes ORDER BY id`,
    },
    cityColumns: sourceVia,
    audit: auditAs('financing', (r) => `${r.name} · ${r.project}（${r.amount}万元）`),
  },
  {
    key: 'listing',
    label: '上市后备库',
    table: 'listing_firms',
    columns: LISTING_COLUMNS,
    select: `SELECT id, ${col(LISTING_COLUMNS)} FROM listing_firms ORDER BY id`,
    ddl: `CREATE TABLE listing_firms (id INTEGER PRIMARY KEY, ${col(LISTING_COLUMNS)})`,
    // One entry per firm: by credit code, or by name and reserve where the source gave no code.
    same: 'SELECT 1 FROM listing_firms WHERE credit_code = @credit_code OR (@credit_code IS NULL AND credit_code IS NULL AND name = @name AND reserve = @reserve)',
    child: {
      table: 'listing_stages',
      parent: 'listing_id',
      columns: STAGE_COLUMNS,
      ddl: `CREATE TABLE listing_stages (id INTEGER PRIMARY KEY, listing_id INTEGER NOT NULL, ${col(STAGE_COLUMNS)})`,
      select: `SELECT id, listing_id, ${col(STAGE_COLUMNS)} FROM listing_stages ORDER BY id`,
    },
    cityColumns: sourceVia,
    audit: auditAs('listing', (r) => `${r.name}（${r.reserve}）`),
  },
  {
    key: 'payments',
    label: '奖补兑现',
    table: 'payments',
    columns: PAYMENT_COLUMNS,
    select: `SELECT id, ${col(PAYMENT_COLUMNS)} FROM payments ORDER BY id`,
    ddl: `CREATE TABLE payments (id INTEGER PRIMARY KEY, ${col(PAYMENT_COLUMNS)})`,
    same: 'SELECT 1 FROM payments WHERE credit_code = @credit_code AND kind = @kind AND year = @year AND amount = @amount AND title_code IS @title_code AND document IS @document',
    cityColumns: sourceVia,
    audit: auditAs('payment', (r) => `${r.name} · ${r.kind} ${r.year}年（${r.amount}万元）`),
  },
];

const hasTable = (db: Database.Database, name: string) => !!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name);

/** The package's rows of a ledger; none from a package made before the ledger travelled. */
const packageRows = (pkg: Database.Database, table: string): Row[] => (hasTable(pkg, table) ? (pkg.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Row[]) : []);

function exportLedger(l: Ledger, ctx: ExportContext): number {
  const n = copyRows(ctx, l.select, l.table, ['id', ...l.columns, ...(l.packageOnly ?? [])]);
  if (l.child) copyRows(ctx, l.child.select, l.child.table, ['id', l.child.parent, ...l.child.columns]);
  return n;
}

/** A package row's carried columns, as the named parameters of the ledger's statements. */
const carried = (l: Ledger, row: Row): Row => Object.fromEntries(l.columns.map((c) => [c, row[c] ?? null]));

function mergeLedger(l: Ledger, ctx: MergeContext): { added: number; present: number } {
  const same = ctx.city.prepare(l.same);
  const inserts = new Map<string, Database.Statement>();
  const insertInto = (table: string, names: string[]) => {
    const sql = `INSERT INTO ${table} (${col(names)}) VALUES (${named(names)})`;
    return inserts.get(sql) ?? inserts.set(sql, ctx.city.prepare(sql)).get(sql)!;
  };
  // The package's child rows by their parent's package id, found once.
  const childrenOf = new Map<unknown, Row[]>();
  if (l.child) for (const c of packageRows(ctx.pkg.db, l.child.table)) childrenOf.set(c[l.child.parent], [...(childrenOf.get(c[l.child.parent]) ?? []), c]);
  let added = 0;
  let present = 0;
  for (const row of packageRows(ctx.pkg.db, l.table)) {
    const values = carried(l, row);
    if (same.get(values)) {
      present++;
      continue;
    }
    const all = { ...values, ...l.cityColumns(ctx, row) };
    const id = Number(insertInto(l.table, Object.keys(all)).run(all).lastInsertRowid);
    l.audit(ctx, row, id);
    if (l.child) {
      const { table, parent, columns } = l.child;
      const insert = insertInto(table, [parent, ...columns]);
      for (const c of childrenOf.get(row.id) ?? []) insert.run({ ...Object.fromEntries(columns.map((k) => [k, c[k] ?? null])), [parent]: id });
    }
    ctx.inserted(l.table, id);
    added++;
  }
  return { added, present };
}

function newLedgerRows(l: Ledger, city: Database.Database, pkg: Database.Database): number {
  const same = city.prepare(l.same);
  return packageRows(pkg, l.table).filter((row) => !same.get(carried(l, row))).length;
}

export const LEDGER_SECTIONS: readonly PackageSection[] = LEDGERS.map((l) => ({
  key: l.key,
  label: l.label,
  ddl: [l.ddl, l.child?.ddl].filter(Boolean).join(';\n'),
  countTable: l.table,
  exportRows: (ctx) => exportLedger(l, ctx),
  merge: (ctx) => mergeLedger(l, ctx),
  newRows: (city, pkg) => newLedgerRows(l, city, pkg),
}));
