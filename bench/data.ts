// The benchmark's files, generated once into bench/.data and reused while the generator is unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { TEMPLATE } from '../db/import/template';
import { openPoolDb } from '../db/open';
import { writeCsv, writeXlsx } from './files';
import { BENCH_DIR } from './measure';

export const DATA_DIR = path.join(BENCH_DIR, '.data');
/** Bump when the generator changes, so old files are made again. */
const VERSION = 1;

/** Removes a data file with everything named after it (-wal, -shm, its journal, its snapshots folder). */
export function removeDataFile(file: string): void {
  for (const f of fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith(path.basename(file)))) fs.rmSync(path.join(path.dirname(file), f), { recursive: true, force: true });
}

/** The analyst's answer to the unit question, given up front: every money column in 万元, as the template's headers
 * say (the synthetic figures jump a thousandfold here and there). */
export const MONEY_IN_WANYUAN = Object.fromEntries(TEMPLATE.filter((c) => c.kind === 'money').map((c) => [c.key, '万元' as const]));

export async function dataFile(firms: number, format: 'csv' | 'xlsx'): Promise<string> {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, `synthetic-v${VERSION}-${firms}.${format}`);
  if (!fs.existsSync(file)) {
    const tmp = `${file}.part`;
    if (format === 'csv') await writeCsv(tmp, firms);
    else await writeXlsx(tmp, firms);
    fs.renameSync(tmp, file);
  }
  return file;
}

/** A data file holding only the default 11-firm pool: every import starts from a copy of it. */
export function defaultPoolFile(): string {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, 'default-pool.sqlite');
  removeDataFile(file);
  openPoolDb({ file, create: 'default' }).close();
  return file;
}

export const workFile = (name: string) => path.join(DATA_DIR, name);
