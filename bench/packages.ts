// The province of the package merge figure (P7): 140 districts' packages of 1,000 firms × 5 years each, made by
// the app's own export from district data files written here. Each district shares 50 firms with the one
// before it (a firm two districts report), of which one in ten reports another revenue (a conflict). Made once
// into bench/.data and reused. The rows are SYNTHETIC — they describe no real firm.
import fs from 'node:fs';
import path from 'node:path';
import { FIGURE_KEYS } from '../db/figures';
import { openPoolDb } from '../db/open';
import { exportPackage } from '../db/package/exportPackage';
import { nameSortKey } from '../db/sortKey';
import { insertSource } from '../db/store/sources';
import { DATA_DIR } from './data';
import { creditCode, firmName, YEARS } from './synthetic';

export const DISTRICTS = 140;
export const FIRMS_PER_DISTRICT = 1000;
const SHARED = 50;
/** Bump when the generator changes, so old packages are made again. */
const VERSION = 1;

/** A firm's figure, the same in every district that reports it, unless `district` makes it differ. */
function figure(firm: number, year: number, k: number, district: number): number | null {
  const x = Math.sin(firm * 12.9898 + year * 78.233 + k * 37.719) * 43758.5453;
  const u = x - Math.floor(x);
  if (u < 0.04) return null;
  const base = Math.round((1000 + u * 100_000) * 100) / 100;
  if (k === 0 && firm % 10 === 0 && district % 2 === 1) return base + 1; // one in ten shared firms: another revenue
  if (FIGURE_KEYS[k].startsWith('share_') || FIGURE_KEYS[k] === 'rd_staff_share') return Math.round(u * 4000) / 100;
  if (FIGURE_KEYS[k].startsWith('rank_') || k >= 15) return 1 + Math.floor(u * 200);
  return base;
}

function districtFile(dir: string, d: number): string {
  const file = path.join(dir, `district-${d}.sqlite`);
  for (const f of fs.readdirSync(dir).filter((f) => f.startsWith(`district-${d}.sqlite`))) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
  const h = openPoolDb({ file, create: 'empty' });
  try {
    const db = h.db;
    db.transaction(() => {
      const source = insertSource(db, { kind: 'import', label: `导入：区县${d}年报.xlsx`, file: `区县${d}年报.xlsx`, sheet: '企业年度数据', actor: 'bench' });
      db.prepare('INSERT INTO pool_years (year, name, source_id, created_at) VALUES (2023, ?, ?, ?)').run('2023年度培育库', source, '2024-03-01T10:00:00+08:00');
      const firm = db.prepare('INSERT INTO firms (credit_code, name, name_sort, town, source_id) VALUES (?, ?, ?, ?, ?)');
      const year = db.prepare(`INSERT INTO firm_years (firm_id, year, ${FIGURE_KEYS.join(', ')}, source_id, source_row) VALUES (?, ?, ${FIGURE_KEYS.map(() => '?').join(', ')}, ?, ?)`);
      const member = db.prepare("INSERT INTO pool_members (year, firm_id, status, reason, source_id) VALUES (2023, ?, 'member', NULL, ?)");
      const first = d * (FIRMS_PER_DISTRICT - SHARED);
      for (let i = first; i < first + FIRMS_PER_DISTRICT; i++) {
        const id = Number(firm.run(creditCode(i), firmName(i), nameSortKey(firmName(i)), `区县${d}`, source).lastInsertRowid);
        YEARS.forEach((y, row) => year.run(id, y, ...FIGURE_KEYS.map((_, k) => figure(i, y, k, d)), source, row + 2));
        member.run(id, source);
      }
    })();
    return file;
  } finally {
    h.close();
  }
}

/** The 140 package files (made on first use). */
export function packageFiles(): string[] {
  const dir = path.join(DATA_DIR, `packages-v${VERSION}-${DISTRICTS}x${FIRMS_PER_DISTRICT}`);
  const files = Array.from({ length: DISTRICTS }, (_, d) => path.join(dir, `区县${d}.cpool`));
  if (files.every((f) => fs.existsSync(f))) return files;
  const work = path.join(DATA_DIR, 'package-districts');
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(work, { recursive: true });
  files.forEach((f, d) => {
    if (fs.existsSync(f)) return;
    const h = openPoolDb({ file: districtFile(work, d), readonly: true });
    try {
      const { bytes } = exportPackage(h.db, { poolYear: 2023, district: `区县${d}`, at: new Date('2024-03-01T10:00:00') });
      fs.writeFileSync(`${f}.part`, bytes);
      fs.renameSync(`${f}.part`, f);
    } finally {
      h.close();
    }
  });
  fs.rmSync(work, { recursive: true, force: true });
  return files;
}
