// Before a whole snapshot is restored, the analyst sees what was done since it was taken: every audit entry after
// the last one the snapshot holds, newest first, in words (firm, year, field: old → new, note).
import fs from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodOutput } from '../../contract';
import { call, defaultService } from '../../test/helpers';
import type { PoolDb } from '../../open';
import type { Service } from '../../service';
import { snapshotPath } from '../../snapshots';

let h: PoolDb;
let service: Service;
const ok = <M extends Method>(method: M, input: unknown): Promise<MethodOutput<M>> => call(service, method, input as MethodInput<M>);

beforeEach(() => {
  ({ pool: h, service } = defaultService('analyst-zhao'));
});

const HZ = '91370405MA3L7M5B1K'; // 汉庄数控 of the default pool

describe('what was done since a snapshot', () => {
  it('lists every edit since, newest first, from the last entry the snapshot holds', async () => {
    const id = h.db.prepare('SELECT id FROM firms WHERE credit_code = ?').pluck().get(HZ) as number;
    await ok('firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { intl_revenue: null } }] });
    const snap = await ok('snapshot.create', { reason: '走访前' });
    await ok('firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { intl_revenue: 500 } }] });
    await ok('firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { revenue: null } }] });
    await ok('shortlist.create', { name: '2023年推荐', year: 2023, setId: 'cn-champion-2023', firmIds: [id] });
    const since = await ok('snapshot.since', { id: snap.id });
    expect(since.total).toBe(4);
    expect(since.done.map((d) => [d.actor, d.entity, d.what])).toEqual([
      ['analyst-zhao', 'shortlist', '汉庄数控 add：空 → not_eligible'],
      ['analyst-zhao', 'shortlist', 'create：空 → 2023年推荐'],
      ['analyst-zhao', 'figure', '汉庄数控 2022 revenue：44408.6 → 空'],
      ['analyst-zhao', 'figure', '汉庄数控 2022 intl_revenue：空 → 500'],
    ]);
    // The snapshot is read and let go: a file held open could not be rotated away or replaced on every system.
    const file = snapshotPath(h.file, snap.file);
    if (fs.existsSync('/proc/self/fd')) {
      const open = fs.readdirSync('/proc/self/fd').map((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
          return '';
        }
      });
      expect(open).not.toContain(fs.realpathSync(file));
    }
  });

  it('without the snapshot’s file, goes by its time and leaves no empty file in its place', async () => {
    const id = h.db.prepare('SELECT id FROM firms WHERE credit_code = ?').pluck().get(HZ) as number;
    const snap = await ok('snapshot.create', { reason: '走访前' });
    await ok('firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { revenue: 45000 } }] });
    const file = snapshotPath(h.file, snap.file);
    fs.rmSync(file);
    const since = await ok('snapshot.since', { id: snap.id });
    expect(since.done.map((d) => d.what)).toContain('汉庄数控 2022 revenue：44408.6 → 45000');
    expect(fs.existsSync(file)).toBe(false);
  });
});
