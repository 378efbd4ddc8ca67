// Chinese names sort as people expect them to (by pinyin, as Excel and WPS do), not by code point.
// The key is stored beside the name and kept current by triggers that call this function.
import type Database from 'better-sqlite3';
import { pinyin } from 'pinyin-pro';

export function nameSortKey(name: string): string {
  // Latin letters and digits stay as they are; the name itself breaks ties between homophones.
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  return `${syllables.join(' ').toLowerCase()}\u0000${name}`;
}

/** Registers the SQL functions the schema's triggers and migrations use, on every connection that writes. */
export function registerFunctions(db: Database.Database): void {
  db.function('cp_sort_key', { deterministic: true }, (s: unknown) => (s == null ? null : nameSortKey(String(s))));
}
