// What a package holds, as a registry of sections: one entry per table group, saying how its rows are exported
// for a pool year and how they are merged into a city file by credit code. The core sections (firms, figures,
// titles, membership) are merged together by the merge planner, which sees every package at once so that two
// districts' different reports become a conflict; every other section merges one package at a time through
// its own `merge`. A new ledger (诉求台账, 融资需求, 上市后备库 …) is one more entry here.
import { FIGURE_KEYS } from '../figures';
import { LEDGER_SECTIONS } from './ledgers';
import { copyRows, MEMBERS, SOURCE_TEXT, type PackageSection } from './section';

export type { ExportContext, MergeContext, PackageSection } from './section';

export const PROFILE_FIELDS = ['town', 'chain', 'main_product', 'product_code', 'segment_since', 'founded_year', 'is_new_product', 'listed', 'note'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

const firms: PackageSection = {
  key: 'firms',
  label: '企业',
  countTable: 'firms',
  ddl: `CREATE TABLE firms (credit_code TEXT PRIMARY KEY, name TEXT NOT NULL, ${PROFILE_FIELDS.join(', ')}, source TEXT NOT NULL)`,
  exportRows: (ctx) =>
    copyRows(
      ctx,
      `SELECT f.credit_code, f.name, ${PROFILE_FIELDS.map((c) => `f.${c}`).join(', ')}, ${SOURCE_TEXT}
       FROM firms f JOIN sources s ON s.id = coalesce(f.profile_source_id, f.source_id) WHERE f.id IN (${MEMBERS}) ORDER BY f.credit_code`,
      'firms',
      ['credit_code', 'name', ...PROFILE_FIELDS, 'source'],
    ),
};

const figures: PackageSection = {
  key: 'figures',
  label: '年度数据',
  countTable: 'firm_years',
  ddl: `CREATE TABLE firm_years (credit_code TEXT NOT NULL, year INTEGER NOT NULL, ${FIGURE_KEYS.join(', ')}, source TEXT NOT NULL, PRIMARY KEY (credit_code, year));
        CREATE TABLE value_sources (credit_code TEXT NOT NULL, year INTEGER NOT NULL, field TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (credit_code, year, field))`,
  exportRows(ctx) {
    const n = copyRows(
      ctx,
      `SELECT f.credit_code, y.year, ${FIGURE_KEYS.map((k) => `y.${k}`).join(', ')}, ${SOURCE_TEXT} || coalesce(' 第' || y.source_row || '行', '')
       FROM firm_years y JOIN firms f ON f.id = y.firm_id JOIN sources s ON s.id = y.source_id WHERE y.firm_id IN (${MEMBERS})`,
      'firm_years',
      ['credit_code', 'year', ...FIGURE_KEYS, 'source'],
    );
    copyRows(
      ctx,
      `SELECT f.credit_code, o.year, o.field, ${SOURCE_TEXT} || coalesce(' 第' || o.source_row || '行', '')
       FROM value_overrides o JOIN firms f ON f.id = o.firm_id JOIN sources s ON s.id = o.source_id WHERE o.firm_id IN (${MEMBERS})`,
      'value_sources',
      ['credit_code', 'year', 'field', 'source'],
    );
    return n;
  },
};

const titles: PackageSection = {
  key: 'titles',
  label: '称号',
  countTable: 'titles',
  ddl: 'CREATE TABLE titles (credit_code TEXT NOT NULL, code TEXT NOT NULL, level TEXT NOT NULL, year INTEGER, product TEXT, source TEXT NOT NULL, PRIMARY KEY (credit_code, code))',
  exportRows: (ctx) =>
    copyRows(
      ctx,
      `SELECT f.credit_code, t.code, t.level, t.year, t.product, ${SOURCE_TEXT} FROM titles t JOIN firms f ON f.id = t.firm_id JOIN sources s ON s.id = t.source_id WHERE t.firm_id IN (${MEMBERS})`,
      'titles',
      ['credit_code', 'code', 'level', 'year', 'product', 'source'],
    ),
};

const membership: PackageSection = {
  key: 'membership',
  label: '入库情况',
  countTable: 'members',
  ddl: 'CREATE TABLE members (credit_code TEXT PRIMARY KEY, status TEXT NOT NULL, reason TEXT, source TEXT NOT NULL)',
  exportRows: (ctx) =>
    copyRows(
      ctx,
      `SELECT f.credit_code, m.status, m.reason, ${SOURCE_TEXT} FROM pool_members m JOIN firms f ON f.id = m.firm_id JOIN sources s ON s.id = m.source_id WHERE m.year = @year`,
      'members',
      ['credit_code', 'status', 'reason', 'source'],
    ),
};

const INPUT_COLUMNS = ['kind', 'key', 'set_id', 'value', 'note', 'actor', 'recorded_at'] as const;

const judgements: PackageSection = {
  key: 'judgements',
  label: '研判与标记',
  countTable: 'judgements',
  ddl: `CREATE TABLE judgements (credit_code TEXT NOT NULL, ${INPUT_COLUMNS.join(', ')})`,
  exportRows: (ctx) =>
    copyRows(
      ctx,
      `SELECT f.credit_code, ${INPUT_COLUMNS.map((c) => `a.${c}`).join(', ')} FROM analyst_inputs a JOIN firms f ON f.id = a.firm_id WHERE a.firm_id IN (${MEMBERS})`,
      'judgements',
      ['credit_code', ...INPUT_COLUMNS],
    ),
  merge(ctx) {
    // The district's inputs join the city's history as they were recorded (who, when), each note saying
    // which package it came with; one already there (same firm, input, value and time) is not added again.
    const exists = ctx.city.prepare(
      'SELECT 1 FROM analyst_inputs WHERE firm_id = ? AND kind = ? AND key = ? AND set_id IS ? AND value = ? AND actor = ? AND recorded_at = ?',
    );
    const insert = ctx.city.prepare('INSERT INTO analyst_inputs (firm_id, kind, key, set_id, value, note, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    let added = 0;
    let present = 0;
    const rows = ctx.pkg.db.prepare(`SELECT credit_code, ${INPUT_COLUMNS.join(', ')} FROM judgements`).all() as Record<string, string | null>[];
    for (const r of rows) {
      const firmId = ctx.firmId(r.credit_code!);
      if (firmId === undefined) continue;
      if (exists.get(firmId, r.kind, r.key, r.set_id, r.value, r.actor, r.recorded_at)) {
        present++;
        continue;
      }
      const note = r.note ? `${r.note}（${ctx.label}）` : ctx.label;
      ctx.inserted('analyst_inputs', Number(insert.run(firmId, r.kind, r.key, r.set_id, r.value, note, r.actor, r.recorded_at).lastInsertRowid));
      added++;
    }
    return { added, present };
  },
};

const shortlists: PackageSection = {
  key: 'shortlists',
  label: '推荐名单',
  countTable: 'shortlists',
  ddl: `CREATE TABLE shortlists (name TEXT PRIMARY KEY, set_id TEXT NOT NULL, data_year INTEGER, filling_unit TEXT, created_by TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE shortlist_entries (shortlist TEXT NOT NULL, credit_code TEXT NOT NULL, position INTEGER NOT NULL, note TEXT, status TEXT NOT NULL, verdict_at_add TEXT, PRIMARY KEY (shortlist, credit_code))`,
  exportRows(ctx) {
    const n = copyRows(ctx, 'SELECT name, set_id, data_year, filling_unit, created_by, created_at FROM shortlists WHERE pool_year = @year', 'shortlists', [
      'name',
      'set_id',
      'data_year',
      'filling_unit',
      'created_by',
      'created_at',
    ]);
    copyRows(
      ctx,
      `SELECT l.name, f.credit_code, e.position, e.note, e.status, e.verdict_at_add FROM shortlist_entries e JOIN shortlists l ON l.id = e.shortlist_id JOIN firms f ON f.id = e.firm_id WHERE l.pool_year = @year`,
      'shortlist_entries',
      ['shortlist', 'credit_code', 'position', 'note', 'status', 'verdict_at_add'],
    );
    return n;
  },
  merge(ctx) {
    // A district's list arrives as the city's own list named after the district ("峄城区：冠军推荐"), so the
    // city sees each district's recommendation as sent; a list of that name already in the city is kept.
    const lists = ctx.pkg.db.prepare('SELECT * FROM shortlists ORDER BY name').all() as { name: string; set_id: string; data_year: number | null; filling_unit: string | null; created_by: string; created_at: string }[];
    const taken = ctx.city.prepare('SELECT 1 FROM shortlists WHERE name = ?');
    const insert = ctx.city.prepare('INSERT INTO shortlists (name, pool_year, set_id, data_year, filling_unit, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const entries = ctx.pkg.db.prepare('SELECT * FROM shortlist_entries WHERE shortlist = ? ORDER BY position');
    const entry = ctx.city.prepare(
      'INSERT INTO shortlist_entries (shortlist_id, firm_id, position, note, status, verdict_at_add, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const district = ctx.pkg.manifest.district;
    let added = 0;
    let present = 0;
    for (const l of lists) {
      const name = `${district}：${l.name}`.slice(0, 100);
      if (taken.get(name)) {
        present++;
        continue;
      }
      const id = Number(insert.run(name, ctx.poolYear, l.set_id, l.data_year, l.filling_unit, l.created_by, l.created_at, ctx.at).lastInsertRowid);
      ctx.inserted('shortlists', id);
      for (const e of entries.all(l.name) as { credit_code: string; position: number; note: string | null; status: string; verdict_at_add: string | null }[]) {
        const firmId = ctx.firmId(e.credit_code);
        if (firmId !== undefined) entry.run(id, firmId, e.position, e.note, e.status, e.verdict_at_add, ctx.label, ctx.at);
      }
      added++;
    }
    return { added, present };
  },
};

/** Every section, in export and merge order. */
export const SECTIONS: readonly PackageSection[] = [firms, figures, titles, membership, judgements, shortlists, ...LEDGER_SECTIONS];
