// The embedded default: the 2023 pool of 11 firms (assets/default-pool.json), written in one transaction.
// Facts from the seed letter keep that provenance; every illustrative value is marked sample.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import defaultPool from '../assets/default-pool.json';
import { isValidCreditCode } from './creditCode';
import { FIGURE_KEYS, TITLE_CODES, TITLE_LEVEL, type FigureKey } from './figures';
import { insertFirmYear } from './store/firmYears';
import { insertSource } from './store/sources';
import { LISTING_DEFAULTS } from './migrations/016_finance_listing_payments';
import { nowIso } from './time';

const provenance = z.enum(['seed_letter', 'sample']);
const figureShape = Object.fromEntries(FIGURE_KEYS.map((k) => [k, z.number().nullable()])) as Record<FigureKey, z.ZodNullable<z.ZodNumber>>;

const DefaultPool = z.object({
  sources: z.object({ seed_letter: z.string(), sample: z.string() }),
  pool: z.object({ year: z.number().int(), name: z.string(), provenance, note: z.string() }),
  firms: z.array(
    z.object({
      credit_code: z.string().refine(isValidCreditCode, 'GB 32100 check'),
      name: z.string(),
      provenance,
      note: z.string().nullable(),
      town: z.string(),
      chain: z.string(),
      main_product: z.string(),
      product_code: z.string(),
      segment_since: z.number().int(),
      founded_year: z.number().int(),
      is_new_product: z.boolean(),
      listed: z.boolean(),
      titles: z.array(z.object({ code: z.enum(TITLE_CODES), year: z.number().int() })),
      years: z.array(z.object({ year: z.number().int(), ...figureShape })),
    }),
  ),
});

export type DefaultPoolData = z.infer<typeof DefaultPool>;

export function loadDefaultPool(): DefaultPoolData {
  return DefaultPool.parse(defaultPool);
}

export function seedDefaultPool(db: Database.Database, actor = 'system'): void {
  const data = loadDefaultPool();
  db.transaction(() => {
    const src = {
      seed_letter: insertSource(db, { kind: 'seed_letter', label: data.sources.seed_letter, actor }),
      sample: insertSource(db, { kind: 'sample', label: data.sources.sample, actor }),
    };
    const insertFirm = db.prepare(`INSERT INTO firms
      (credit_code, name, town, chain, main_product, product_code, segment_since, founded_year, is_new_product, listed, note, source_id, profile_source_id)
      VALUES (@credit_code, @name, @town, @chain, @main_product, @product_code, @segment_since, @founded_year, @is_new_product, @listed, @note, @source_id, @profile_source_id)`);
    const insertTitle = db.prepare('INSERT INTO titles (firm_id, code, level, year, source_id) VALUES (?, ?, ?, ?, ?)');
    const insertMember = db.prepare('INSERT INTO pool_members (year, firm_id, status, reason, source_id) VALUES (?, ?, ?, ?, ?)');
    db.prepare('INSERT INTO pool_years (year, name, note, source_id, created_at) VALUES (?, ?, ?, ?, ?)').run(
      data.pool.year,
      data.pool.name,
      data.pool.note,
      src[data.pool.provenance],
      nowIso(),
    );
    for (const f of data.firms) {
      const firmId = Number(
        insertFirm.run({ ...f, is_new_product: f.is_new_product ? 1 : 0, listed: f.listed ? 1 : 0, source_id: src[f.provenance], profile_source_id: src.sample }).lastInsertRowid,
      );
      for (const t of f.titles) insertTitle.run(firmId, t.code, TITLE_LEVEL[t.code], t.year, src.sample);
      for (const y of f.years) insertFirmYear(db, firmId, y, src.sample, null);
      insertMember.run(data.pool.year, firmId, 'member', f.provenance === 'seed_letter' ? '答复函点名的培育库企业' : '示例企业', src[f.provenance]);
    }
    db.prepare('INSERT INTO audit_log (at, actor, entity, note, source_id) VALUES (?, ?, ?, ?, ?)').run(
      nowIso(),
      actor,
      'pool',
      `创建默认培育库：${data.pool.name}，${data.firms.length} 家企业`,
      src.seed_letter,
    );
    db.exec(LISTING_DEFAULTS);
  })();
}
