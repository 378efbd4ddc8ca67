// A list row (诉求, 融资需求, 上市后备库 entry, payment) with its child rows as one comparable text: recorded when a
// merged package inserts the row, compared when the merge is undone, so work done on the row since — an edit,
// a progress note, a bank's answer — is told apart exactly rather than by clocks.
import type Database from 'better-sqlite3';

export const LEDGER_CHILDREN: Record<string, { table: string; parent: string } | null> = {
  requests: { table: 'request_progress', parent: 'request_id' },
  financing_needs: { table: 'financing_pushes', parent: 'need_id' },
  listing_firms: { table: 'listing_stages', parent: 'listing_id' },
  payments: null,
};

export function ledgerRowState(db: Database.Database, table: string, id: number): string | null {
  if (!(table in LEDGER_CHILDREN)) return null;
  const row = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).raw().get(id);
  const child = LEDGER_CHILDREN[table];
  const children = child ? db.prepare(`SELECT * FROM ${child.table} WHERE ${child.parent} = ? ORDER BY id`).raw().all(id) : [];
  return JSON.stringify([row ?? null, children]);
}
