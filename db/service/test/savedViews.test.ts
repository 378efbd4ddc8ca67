// Saved views of the pool table: kept in the data file, named, ordered, deleted, every write audited.
import { describe, expect, it } from 'vitest';
import { openPoolDb } from '../../open';
import { call, callError, defaultService, serviceFor } from '../../test/helpers';

const SPEC = { chain: '高端装备', title: 'little_giant', sort: { column: 'revenue', dir: 'desc' }, setId: 'cn-little-giant-2022', dataYear: 2022 } as const;
const audit = (t: ReturnType<typeof defaultService>) =>
  t.pool.db.prepare("SELECT actor, field, old_value AS old, new_value AS new, note FROM audit_log WHERE entity = 'saved_view' ORDER BY id").all();

describe('saved views', () => {
  it('saves a named view with its filters, sort, set and data year, last in the order, and keeps it in the file', async () => {
    const t = defaultService('王分析');
    expect(await call(t.service, 'views.list', {})).toEqual([]);
    const a = await call(t.service, 'views.save', { name: '小巨人候选 · 高端装备 · 按营收', spec: SPEC });
    const b = await call(t.service, 'views.save', { name: '达标企业', spec: { verdict: 'eligible' } });
    expect(a).toMatchObject({ name: '小巨人候选 · 高端装备 · 按营收', position: 1, spec: SPEC, createdBy: '王分析', updatedBy: '王分析' });
    expect(b.position).toBe(2);
    expect(t.changes).toEqual(['views.save', 'views.save']);
    expect(audit(t)).toEqual([
      { actor: '王分析', field: 'create', old: null, new: JSON.stringify({ chain: '高端装备', dataYear: 2022, setId: 'cn-little-giant-2022', sort: SPEC.sort, title: 'little_giant' }), note: a.name },
      { actor: '王分析', field: 'create', old: null, new: '{"verdict":"eligible"}', note: '达标企业' },
    ]);
    // the data file keeps them: opened again (the CLI, the next start), the same views in the same order
    t.pool.close();
    const again = serviceFor(openPoolDb({ file: t.pool.file }));
    expect((await call(again.service, 'views.list', {})).map((v) => [v.name, v.spec])).toEqual([
      [a.name, SPEC],
      [b.name, { verdict: 'eligible' }],
    ]);
    again.pool.close();
  });

  it('renames a view and replaces its settings, auditing each change and nothing when nothing changed', async () => {
    const t = defaultService();
    const v = await call(t.service, 'views.save', { name: '候选', spec: { town: '运河街道' } });
    const renamed = await call(t.service, 'views.save', { id: v.id, name: '运河街道候选', spec: { town: '运河街道', verdict: 'eligible' } });
    expect(renamed).toMatchObject({ id: v.id, name: '运河街道候选', position: 1, spec: { town: '运河街道', verdict: 'eligible' } });
    const before = audit(t).length;
    await call(t.service, 'views.save', { id: v.id, name: '运河街道候选', spec: { verdict: 'eligible', town: '运河街道' } });
    expect(audit(t)).toHaveLength(before);
    expect(audit(t).slice(1)).toEqual([
      { actor: 'tester', field: 'name', old: '候选', new: '运河街道候选', note: '运河街道候选' },
      { actor: 'tester', field: 'settings', old: '{"town":"运河街道"}', new: '{"town":"运河街道","verdict":"eligible"}', note: '运河街道候选' },
    ]);
  });

  it('refuses a duplicate or empty name, an unknown view or an unknown column, and writes nothing', async () => {
    const t = defaultService();
    const v = await call(t.service, 'views.save', { name: '达标企业', spec: {} });
    const other = await call(t.service, 'views.save', { name: '其他', spec: {} });
    const before = audit(t).length;
    expect(await callError(t.service, 'views.save', { name: '达标企业', spec: { verdict: 'eligible' } })).toMatchObject({ code: 'conflict', message: expect.stringContaining('已有名为“达标企业”的视图') });
    expect(await callError(t.service, 'views.save', { id: other.id, name: '达标企业', spec: {} })).toMatchObject({ code: 'conflict' });
    expect(await callError(t.service, 'views.save', { name: '  ', spec: {} })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(t.service, 'views.save', { id: 999, name: 'x', spec: {} })).toMatchObject({ code: 'not_found' });
    expect(await callError(t.service, 'views.save', { name: 'x', spec: { sort: { column: 'name; DROP TABLE firms', dir: 'asc' } } })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(t.service, 'views.save', { name: 'x', spec: { colour: 'red' } })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(t.service, 'views.delete', { id: 999 })).toMatchObject({ code: 'not_found' });
    expect(audit(t)).toHaveLength(before);
    expect((await call(t.service, 'views.list', {})).map((x) => x.name)).toEqual([v.name, other.name]);
  });

  it('reorders views as given, audits the order, and refuses an order that does not name every view once', async () => {
    const t = defaultService();
    const [a, b, c] = [await call(t.service, 'views.save', { name: 'A', spec: {} }), await call(t.service, 'views.save', { name: 'B', spec: {} }), await call(t.service, 'views.save', { name: 'C', spec: {} })];
    const after = await call(t.service, 'views.reorder', { ids: [c.id, a.id, b.id] });
    expect(after.map((v) => [v.name, v.position])).toEqual([
      ['C', 1],
      ['A', 2],
      ['B', 3],
    ]);
    expect(audit(t).at(-1)).toEqual({ actor: 'tester', field: 'order', old: 'A、B、C', new: 'C、A、B', note: null });
    for (const ids of [[c.id, a.id], [c.id, a.id, a.id], [c.id, a.id, b.id, 999]]) {
      expect(await callError(t.service, 'views.reorder', { ids }), JSON.stringify(ids)).toMatchObject({ code: 'conflict' });
    }
    expect((await call(t.service, 'views.list', {})).map((v) => v.name)).toEqual(['C', 'A', 'B']);
  });

  it('deletes a view, closes the gap in the order, and keeps its settings in the audit log', async () => {
    const t = defaultService();
    const a = await call(t.service, 'views.save', { name: 'A', spec: { town: '运河街道' } });
    await call(t.service, 'views.save', { name: 'B', spec: {} });
    expect(await call(t.service, 'views.delete', { id: a.id })).toEqual({ id: a.id, name: 'A' });
    expect((await call(t.service, 'views.list', {})).map((v) => [v.name, v.position])).toEqual([['B', 1]]);
    expect(audit(t).at(-1)).toEqual({ actor: 'tester', field: 'delete', old: '{"town":"运河街道"}', new: null, note: 'A' });
    // the name is free again
    expect((await call(t.service, 'views.save', { name: 'A', spec: {} })).position).toBe(2);
  });
});
