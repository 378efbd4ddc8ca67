// Saved views of the pool table, kept in the data file. Each write is one transaction with its audit line
// (entity `saved_view`): who saved, renamed, reordered or deleted which view, with the settings before and after.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { MethodOutput, ParsedInput } from '../contract';
import type { savedViewMethods, ViewSpec } from '../contracts/savedViews';
import { AppError } from '../errors';
import { nowIso } from '../time';
import type { PartContext } from './context';
import type { Service } from './index';

type View = MethodOutput<'views.list'>[number];
type Spec = z.output<typeof ViewSpec>;
interface Row {
  id: number;
  name: string;
  position: number;
  spec: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

const view = (r: Row): View => ({
  id: r.id,
  name: r.name,
  position: r.position,
  spec: JSON.parse(r.spec) as Spec,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

function listViews(db: Database.Database): View[] {
  return (db.prepare('SELECT * FROM saved_views ORDER BY position, id').all() as Row[]).map(view);
}

function rowOf(db: Database.Database, id: number): Row {
  const r = db.prepare('SELECT * FROM saved_views WHERE id = ?').get(id) as Row | undefined;
  if (!r) throw new AppError('not_found', `没有编号为 ${id} 的视图（可能已被删除），请刷新后再试。`, { id });
  return r;
}

function requireFreeName(db: Database.Database, name: string, id: number | null): void {
  const other = db.prepare('SELECT id FROM saved_views WHERE name = ? AND id IS NOT ?').pluck().get(name, id) as number | undefined;
  if (other !== undefined) throw new AppError('conflict', `已有名为“${name}”的视图，请换一个名字，或选中它后保存以更新。`, { name, id: other });
}

/** Keys in a fixed order, so the stored text and the audit line compare equal for equal settings. */
const specText = (spec: Spec) => JSON.stringify(Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b))));

function saveView(db: Database.Database, input: ParsedInput<'views.save'>, actor: string): View {
  return db.transaction(() => {
    const at = nowIso();
    const audit = db.prepare("INSERT INTO audit_log (at, actor, entity, field, old_value, new_value, note) VALUES (?, ?, 'saved_view', ?, ?, ?, ?)");
    const spec = specText(input.spec);
    requireFreeName(db, input.name, input.id ?? null);
    if (input.id == null) {
      const position = ((db.prepare('SELECT max(position) FROM saved_views').pluck().get() as number | null) ?? 0) + 1;
      const id = Number(
        db
          .prepare('INSERT INTO saved_views (name, position, spec, created_by, created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(input.name, position, spec, actor, at, actor, at).lastInsertRowid,
      );
      audit.run(at, actor, 'create', null, spec, input.name);
      return view(rowOf(db, id));
    }
    const old = rowOf(db, input.id);
    if (old.name === input.name && old.spec === spec) return view(old);
    db.prepare('UPDATE saved_views SET name = ?, spec = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(input.name, spec, actor, at, input.id);
    if (old.name !== input.name) audit.run(at, actor, 'name', old.name, input.name, input.name);
    if (old.spec !== spec) audit.run(at, actor, 'settings', old.spec, spec, input.name);
    return view(rowOf(db, input.id));
  })();
}

function reorderViews(db: Database.Database, input: ParsedInput<'views.reorder'>, actor: string): View[] {
  return db.transaction(() => {
    const before = listViews(db);
    const known = new Set(before.map((v) => v.id));
    if (input.ids.length !== known.size || new Set(input.ids).size !== input.ids.length || input.ids.some((id) => !known.has(id))) {
      throw new AppError('conflict', '视图列表已在别处改变，未调整顺序；请刷新后再试。', { ids: input.ids, current: [...known] });
    }
    const names = (vs: { name: string }[]) => vs.map((v) => v.name).join('、');
    const byId = new Map(before.map((v) => [v.id, v]));
    const after = input.ids.map((id) => byId.get(id)!);
    if (names(after) === names(before)) return before;
    const move = db.prepare('UPDATE saved_views SET position = ? WHERE id = ?');
    input.ids.forEach((id, i) => move.run(i + 1, id));
    db.prepare("INSERT INTO audit_log (at, actor, entity, field, old_value, new_value) VALUES (?, ?, 'saved_view', 'order', ?, ?)").run(nowIso(), actor, names(before), names(after));
    return listViews(db);
  })();
}

function deleteView(db: Database.Database, input: ParsedInput<'views.delete'>, actor: string): MethodOutput<'views.delete'> {
  return db.transaction(() => {
    const old = rowOf(db, input.id);
    db.prepare('DELETE FROM saved_views WHERE id = ?').run(input.id);
    // Close the gap so positions stay 1, 2, 3 …
    db.prepare('UPDATE saved_views SET position = position - 1 WHERE position > ?').run(old.position);
    db.prepare("INSERT INTO audit_log (at, actor, entity, field, old_value, new_value, note) VALUES (?, ?, 'saved_view', 'delete', ?, NULL, ?)").run(nowIso(), actor, old.spec, old.name);
    return { id: old.id, name: old.name };
  })();
}

/** Views change no figure, input or member: no evaluation is dropped, but windows are told to reload them. */
export function savedViewService(ctx: PartContext): Pick<Service, keyof typeof savedViewMethods> {
  const { db, actor, changed } = ctx;
  const none = { kind: 'none' } as const;
  return {
    'views.list': () => listViews(db),
    'views.save': (input) => changed('views.save', saveView(db, input, actor), none),
    'views.reorder': (input) => changed('views.reorder', reorderViews(db, input, actor), none),
    'views.delete': (input) => changed('views.delete', deleteView(db, input, actor), none),
  };
}
