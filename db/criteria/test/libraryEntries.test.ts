// The criteria library of a data file: shipped sets, sets added from files (a higher version standing in for the
// one it replaces until removed), analysts' switches, and the names of what an analyst records.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { migrate } from '../../migrate';
import { inputSubject } from '../inputNames';
import { addSet, criteriaSwitches, enabledFn, findSet, library, librarySets, readCriteriaFile, removeSet, requireSet } from '../library';
import { criteriaSets } from '../sets';

const t = (zh: string, en: string) => ({ zh, en });

/** A small set exercising every place a flag, a judgement or points can be named. */
const custom = (version = 1, id = 'test-set') =>
  JSON.stringify({
    id,
    version,
    title: t('测试标准', 'Test set'),
    document: { name: '文件', number: null, date: '2024' },
    effective_from: '2024',
    confidence: 'text',
    level: 'provincial',
    criteria: [
      { id: 'a', text: t('营收', 'Revenue'), rule: { all: [{ cmp: 'revenue', op: '>=', value: 1 }, { any: [{ const: false }, { flag: 'route_a', text: t('路线甲', 'Route A') }] }] } },
      { id: 'b', text: t('能耗先进', 'Energy'), rule: { review: 'energy' } },
      { id: 'c', text: t('年份', 'Years'), rule: { each_year: 2, rule: { when: { const: true }, then: { review: 'quality', text: t('质量', 'Quality') }, else: { const: false } } } },
      { id: 'd', text: t('分段', 'Banded'), rule: { band: 'main_share', cases: [{ gte: 50, rule: { flag: 'route_b', text: t('路线乙', 'Route B') } }] } },
      { id: 'e', text: t('备选', 'Alternative'), rule: { const: true }, replaces: 'a', enabled: false },
    ],
    scores: { main: { label: t('得分', 'Score'), max: 10, indicators: [{ id: 'i', label: t('水平', 'Level'), max: 10, input: 'level' }] } },
  });

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
});
afterEach(() => db.close());

const shippedIds = () => criteriaSets().map((s) => s.id);
const audit = () => db.prepare("SELECT actor, field, old_value, new_value, note FROM audit_log WHERE entity = 'criteria_set' ORDER BY id").all();
const appError = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('the library', () => {
  it('holds the shipped sets in their order, also in a file without the library table', () => {
    const entries = library(db);
    expect(entries.map((e) => e.set.id)).toEqual(shippedIds());
    expect(entries.every((e) => e.origin === 'shipped' && e.added === null && e.replacesVersion === null)).toBe(true);
    expect(library(db)).toBe(entries);
    const bare = new Database(':memory:');
    expect(librarySets(bare).map((s) => s.id)).toEqual(shippedIds());
    bare.close();
  });

  it('adds a set from a file at the end, with who added it, and records it in the history', () => {
    const entry = addSet(db, 'mine.json', custom(), 'ana');
    expect(entry).toMatchObject({ origin: 'imported', added: { fileName: 'mine.json', by: 'ana' }, replacesVersion: null });
    expect(entry.set.id).toBe('test-set');
    expect(library(db).map((e) => e.set.id)).toEqual([...shippedIds(), 'test-set']);
    expect(findSet(db, 'test-set')?.version).toBe(1);
    expect(requireSet(db, 'test-set').title.zh).toBe('测试标准');
    expect(audit()).toEqual([{ actor: 'ana', field: 'test-set', old_value: null, new_value: 'v1', note: '导入 mine.json' }]);
  });

  it('refuses a set under an existing id unless it is a higher version, saying whose it is', () => {
    const shippedId = shippedIds()[0];
    const shipped = JSON.parse(custom(1, shippedId));
    const e = appError(() => addSet(db, 'again.json', JSON.stringify(shipped), 'ana'));
    expect(e.code).toBe('conflict');
    expect(e.message).toContain(`标准集 ${shippedId} 已存在（第 1 版，内置）`);
    expect(e.message).toContain('"version": 2');
    expect(e.details).toMatchObject({ file: 'again.json', setId: shippedId, version: 1, existingVersion: 1 });
    addSet(db, 'mine.json', custom(), 'ana');
    const mine = appError(() => addSet(db, 'mine2.json', custom(1), 'bo'));
    expect(mine.message).toMatch(/第 1 版，ana 于 .+ 导入/);
    expect(audit()).toHaveLength(1);
  });

  it('lets a higher version stand in for a shipped set in its place, and brings the shipped one back on removal', () => {
    const shippedId = shippedIds()[1];
    const entry = addSet(db, 'v2.json', custom(2, shippedId), 'ana');
    expect(entry).toMatchObject({ origin: 'imported', replacesVersion: 1 });
    expect(library(db).map((e) => e.set.id)).toEqual(shippedIds());
    expect(findSet(db, shippedId)?.version).toBe(2);
    const removed = removeSet(db, shippedId, 'bo');
    expect(removed.removed).toBe(2);
    expect(removed.now).toMatchObject({ origin: 'shipped', set: { version: 1 } });
    expect(findSet(db, shippedId)?.version).toBe(1);
    expect(audit()).toEqual([
      { actor: 'ana', field: shippedId, old_value: 'v1', new_value: 'v2', note: '导入 v2.json' },
      { actor: 'bo', field: shippedId, old_value: 'v2', new_value: 'v1', note: '删除 v2.json' },
    ]);
  });

  it('removes an added set entirely, but never a shipped one, an unknown one, or one a shortlist uses', () => {
    addSet(db, 'mine.json', custom(), 'ana');
    expect(removeSet(db, 'test-set', 'bo')).toEqual({ removed: 1, now: null });
    expect(findSet(db, 'test-set')).toBeUndefined();
    expect(audit()[1]).toEqual({ actor: 'bo', field: 'test-set', old_value: 'v1', new_value: null, note: '删除 mine.json' });
    expect(appError(() => removeSet(db, 'test-set', 'bo'))).toMatchObject({ code: 'not_found', message: '没有标准集 test-set' });
    expect(appError(() => removeSet(db, shippedIds()[0], 'bo')).code).toBe('invalid_input');
    addSet(db, 'mine.json', custom(), 'ana');
    db.prepare("INSERT INTO sources (id, kind, label, created_at) VALUES (1, 'manual', 's', 'x')").run();
    db.prepare("INSERT INTO pool_years (year, name, source_id, created_at) VALUES (2024, '2024', 1, 'x')").run();
    db.prepare("INSERT INTO shortlists (name, pool_year, set_id, created_by, created_at, updated_at) VALUES ('乙名单', 2024, 'test-set', 'ana', 'x', 'x'), ('甲名单', 2024, 'test-set', 'ana', 'x', 'x')").run();
    const used = appError(() => removeSet(db, 'test-set', 'bo'));
    expect(used).toMatchObject({ code: 'conflict', details: { setId: 'test-set', shortlists: ['乙名单', '甲名单'] } });
    expect(used.message).toContain('乙名单、甲名单');
    expect(findSet(db, 'test-set')).toBeDefined();
  });

  it('names the sets it knows when asked for one it does not', () => {
    const e = appError(() => requireSet(db, 'nope'));
    expect(e).toMatchObject({ code: 'not_found', message: '没有标准集 nope' });
    expect((e.details as { known: string[] }).known).toEqual(shippedIds());
  });
});

describe('criteria files', () => {
  it('reads a file with a byte-order mark', () => {
    expect(readCriteriaFile('bom.json', `\uFEFF${custom()}`).id).toBe('test-set');
  });

  it('places a JSON syntax error by line and column, and names a broken rule', () => {
    const e = appError(() => readCriteriaFile('bad.json', '{\n  "id": "x",\n  oops\n}'));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/^标准文件 bad\.json 无效：第 3 行第 \d+ 列 — 不是有效的 JSON（.+）；未作任何改动$/);
    expect(e.details).toMatchObject({ file: 'bad.json', problem: 'invalid JSON' });
    const broken = JSON.parse(custom());
    broken.criteria[0].rule = { cmp: 'no_such_metric', op: '>=', value: 1 };
    const r = appError(() => readCriteriaFile('rule.json', JSON.stringify(broken)));
    expect(r).toMatchObject({ code: 'invalid_input', details: { file: 'rule.json', where: expect.stringContaining('criteria.0.rule') } });
    expect(r.message).toMatch(/^标准文件 rule\.json 无效：criteria\.0\.rule.*；未作任何改动$/);
  });
});

describe('switches on criteria', () => {
  it('count a criterion as the analyst switched it, else as the set ships it', () => {
    addSet(db, 'mine.json', custom(), 'ana');
    db.prepare("INSERT INTO criteria_settings (set_id, criterion_id, enabled, actor, at) VALUES ('test-set', 'a', 0, 'ana', 't1'), ('test-set', 'e', 1, 'bo', 't2'), ('other', 'b', 0, 'bo', 't3')").run();
    expect(Object.fromEntries(criteriaSwitches(db, 'test-set'))).toEqual({ a: { enabled: false, actor: 'ana', at: 't1' }, e: { enabled: true, actor: 'bo', at: 't2' } });
    const on = enabledFn(db, 'test-set');
    expect(requireSet(db, 'test-set').criteria.map((c) => [c.id, on(c)])).toEqual([
      ['a', false],
      ['b', true],
      ['c', true],
      ['d', true],
      ['e', true],
    ]);
  });
});

describe('names of recorded inputs', () => {
  beforeEach(() => {
    addSet(db, 'mine.json', custom(), 'ana');
  });

  it('names a judgement by its set and its own text, or the criterion’s text', () => {
    expect(inputSubject(db, 'judgement:test-set:quality')).toEqual({ zh: '测试标准 · 质量', en: 'Test set · Quality' });
    expect(inputSubject(db, 'judgement:test-set:energy')).toEqual({ zh: '测试标准 · 能耗先进', en: 'Test set · Energy' });
    expect(inputSubject(db, 'judgement:test-set:none')).toBeNull();
    expect(inputSubject(db, 'judgement:no-set:energy')).toBeNull();
    expect(inputSubject(db, 'judgement:test-set')).toBeNull();
  });

  it('names a flag wherever a rule nests it, and points by their indicator', () => {
    expect(inputSubject(db, 'flag:route_a')).toEqual(t('路线甲', 'Route A'));
    expect(inputSubject(db, 'flag:route_b')).toEqual(t('路线乙', 'Route B'));
    expect(inputSubject(db, 'points:level')).toEqual(t('水平', 'Level'));
    expect(inputSubject(db, 'flag:energy')).toBeNull();
    expect(inputSubject(db, 'points:route_a')).toBeNull();
    expect(inputSubject(db, 'flag:route_a:x')).toBeNull();
    expect(inputSubject(db, 'other:route_a')).toBeNull();
  });
});
