// 总览 settings: the reward table, the targets, the calendar and the 规上 count — read as the contract
// carries them, and changed with every changed field in the audit log (entities `overview_*`).
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import { AppError } from '../errors';
import { CALENDAR_DEFAULT_NOTE } from '../migrations/007_overview';
import { nowIso } from '../time';

type Reward = MethodOutput<'overview.setReward'>;
type Target = MethodOutput<'overview.setTarget'>;
type CalendarEntry = MethodOutput<'overview.setCalendar'>;
type Industrial = NonNullable<MethodOutput<'overview.setIndustrialFirms'>>;
type History = MethodOutput<'overview.get'>['history'];

/** The criteria set that decides each rewarded title (the 领航 titles have none shipped). */
export const REWARD_SET: Record<Reward['code'], string | null> = {
  leader_national: null,
  leader_provincial: null,
  champion_national: 'cn-champion-2023',
  champion_provincial: 'sd-champion-2023a',
  little_giant: 'cn-little-giant-2022',
  srdi_provincial: 'cn-srdi-2022',
  gazelle_provincial: 'sd-gazelle-2020',
};
/** The criteria set whose firms to prepare for each application track. */
export const TRACK_SET: Record<CalendarEntry['track'], string> = {
  champion_national: 'cn-champion-2023',
  champion_provincial: 'sd-champion-2023a',
  little_giant: 'cn-little-giant-2022',
  srdi_provincial: 'cn-srdi-2022',
  innovative_sme: 'cn-innovative-2022',
  gazelle_provincial: 'sd-gazelle-2020',
};

const REWARD_ORDER = Object.keys(REWARD_SET);
const TRACK_ORDER = Object.keys(TRACK_SET);
const TARGET_ORDER = ['high_growth_firms', 'high_growth_output', 'srdi_share'];
const INDUSTRIAL = 'industrial_firms';

type RewardRow = { code: Reward['code']; level: Reward['level']; amount: number; source: string; updated_by: string; updated_at: string };
type TargetRow = { key: Target['key']; unit: Target['unit']; value: number; base_year: number; due_year: number; source: string; updated_by: string; updated_at: string };
type CalendarRow = { track: CalendarEntry['track']; opens: string; deadline: string; note: string | null; is_default: number; updated_by: string; updated_at: string };
type InputRow = { value: number; year: number | null; source: string; updated_by: string; updated_at: string };

const reward = (r: RewardRow): Reward => ({ code: r.code, level: r.level, amount: r.amount, source: r.source, setId: REWARD_SET[r.code], updatedBy: r.updated_by, updatedAt: r.updated_at });
const target = (r: TargetRow): Target => ({ key: r.key, unit: r.unit, value: r.value, baseYear: r.base_year, dueYear: r.due_year, source: r.source, updatedBy: r.updated_by, updatedAt: r.updated_at });
const entry = (r: CalendarRow): CalendarEntry => ({ track: r.track, opens: r.opens, deadline: r.deadline, note: r.note, isDefault: r.is_default === 1, updatedBy: r.updated_by, updatedAt: r.updated_at });

export function rewardTable(db: Database.Database): Reward[] {
  const rows = (db.prepare('SELECT * FROM overview_rewards').all() as RewardRow[]).map(reward);
  return rows.sort((a, b) => REWARD_ORDER.indexOf(a.code) - REWARD_ORDER.indexOf(b.code));
}

export function targetTable(db: Database.Database): Target[] {
  const rows = (db.prepare('SELECT * FROM overview_targets').all() as TargetRow[]).map(target);
  return rows.sort((a, b) => TARGET_ORDER.indexOf(a.key) - TARGET_ORDER.indexOf(b.key));
}

export function calendarTable(db: Database.Database): CalendarEntry[] {
  const rows = (db.prepare('SELECT * FROM overview_calendar').all() as CalendarRow[]).map(entry);
  return rows.sort((a, b) => TRACK_ORDER.indexOf(a.track) - TRACK_ORDER.indexOf(b.track));
}

export function industrialFirms(db: Database.Database): Industrial | null {
  const r = db.prepare('SELECT * FROM overview_inputs WHERE key = ?').get(INDUSTRIAL) as InputRow | undefined;
  return r ? { value: r.value, year: r.year, source: r.source, updatedBy: r.updated_by, updatedAt: r.updated_at } : null;
}

export function overviewHistory(db: Database.Database, limit = 50): History {
  return db
    .prepare("SELECT id, at, actor, entity, field, old_value AS oldValue, new_value AS newValue, note FROM audit_log WHERE entity LIKE 'overview\\_%' ESCAPE '\\' ORDER BY id DESC LIMIT ?")
    .all(limit) as History;
}

const str = (v: string | number | null) => (v == null ? null : String(v));

/** Writes an audit line for each field whose value changes; returns whether anything changed. */
function auditChanges(db: Database.Database, actor: string, entity: string, id: string, changes: [field: string, old: string | number | null, now: string | number | null][], note?: string): boolean {
  const ins = db.prepare('INSERT INTO audit_log (at, actor, entity, field, old_value, new_value, note) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let any = false;
  for (const [field, old, now] of changes) {
    if (str(old) === str(now)) continue;
    ins.run(nowIso(), actor, entity, `${id}.${field}`, str(old), str(now), note ?? null);
    any = true;
  }
  return any;
}

export function setReward(db: Database.Database, input: ParsedInput<'overview.setReward'>, actor: string): Reward {
  return db.transaction(() => {
    const old = db.prepare('SELECT * FROM overview_rewards WHERE code = ?').get(input.code) as RewardRow | undefined;
    if (!old) throw new AppError('not_found', `奖励表中没有 ${input.code}`);
    const changes: [string, number | string, number | string][] = [
      ['amount', old.amount, input.amount],
      ['source', old.source, input.source],
    ];
    if (auditChanges(db, actor, 'overview_reward', input.code, changes, input.note)) {
      db.prepare('UPDATE overview_rewards SET amount = ?, source = ?, updated_by = ?, updated_at = ? WHERE code = ?').run(input.amount, input.source, actor, nowIso(), input.code);
    }
    return reward(db.prepare('SELECT * FROM overview_rewards WHERE code = ?').get(input.code) as RewardRow);
  })();
}

export function setTarget(db: Database.Database, input: ParsedInput<'overview.setTarget'>, actor: string): Target {
  return db.transaction(() => {
    const old = db.prepare('SELECT * FROM overview_targets WHERE key = ?').get(input.key) as TargetRow | undefined;
    if (!old) throw new AppError('not_found', `没有目标 ${input.key}`);
    if (old.unit === 'percent' && input.value > 100) throw new AppError('invalid_input', `比例目标不能超过 100%（收到 ${input.value}）`, { key: input.key });
    if (old.unit === 'count' && !Number.isInteger(input.value)) throw new AppError('invalid_input', `企业数目标应为整数（收到 ${input.value}）`, { key: input.key });
    const due = input.dueYear ?? old.due_year;
    if (due < old.base_year) throw new AppError('invalid_input', `目标年份 ${due} 早于起始年份 ${old.base_year}`, { key: input.key });
    const changes: [string, number | string, number | string][] = [
      ['value', old.value, input.value],
      ['due_year', old.due_year, due],
      ['source', old.source, input.source],
    ];
    if (auditChanges(db, actor, 'overview_target', input.key, changes, input.note)) {
      db.prepare('UPDATE overview_targets SET value = ?, due_year = ?, source = ?, updated_by = ?, updated_at = ? WHERE key = ?').run(input.value, due, input.source, actor, nowIso(), input.key);
    }
    return target(db.prepare('SELECT * FROM overview_targets WHERE key = ?').get(input.key) as TargetRow);
  })();
}

export function setCalendar(db: Database.Database, input: ParsedInput<'overview.setCalendar'>, actor: string): CalendarEntry {
  return db.transaction(() => {
    const old = db.prepare('SELECT * FROM overview_calendar WHERE track = ?').get(input.track) as CalendarRow | undefined;
    if (!old) throw new AppError('not_found', `没有申报事项 ${input.track}`);
    if (input.opens === input.deadline) throw new AppError('invalid_input', '开始日期与截止日期相同', { track: input.track });
    // The shipped "these are default dates" remark no longer holds once the analyst sets the dates.
    const kept = input.note === undefined ? old.note : input.note;
    const note = kept?.replace(`。${CALENDAR_DEFAULT_NOTE}`, '').replace(CALENDAR_DEFAULT_NOTE, '').trim() || null;
    const changes: [string, string | null, string | null][] = [
      ['opens', old.opens, input.opens],
      ['deadline', old.deadline, input.deadline],
      ['note', old.note, note],
    ];
    if (auditChanges(db, actor, 'overview_calendar', input.track, changes)) {
      db.prepare('UPDATE overview_calendar SET opens = ?, deadline = ?, note = ?, is_default = 0, updated_by = ?, updated_at = ? WHERE track = ?').run(input.opens, input.deadline, note, actor, nowIso(), input.track);
    }
    return entry(db.prepare('SELECT * FROM overview_calendar WHERE track = ?').get(input.track) as CalendarRow);
  })();
}

export function setIndustrialFirms(db: Database.Database, input: ParsedInput<'overview.setIndustrialFirms'>, actor: string): Industrial | null {
  return db.transaction(() => {
    const old = industrialFirms(db);
    if (input.value === null) {
      if (old) {
        db.prepare('DELETE FROM overview_inputs WHERE key = ?').run(INDUSTRIAL);
        auditChanges(db, actor, 'overview_input', INDUSTRIAL, [['value', old.value, null]]);
      }
      return null;
    }
    const source = input.source ?? `分析员录入（${actor}）`;
    const year = input.year ?? old?.year ?? null;
    const changed = auditChanges(db, actor, 'overview_input', INDUSTRIAL, [
      ['value', old?.value ?? null, input.value],
      ['year', old?.year ?? null, year],
      ['source', old?.source ?? null, source],
    ]);
    if (changed) {
      db.prepare(
        `INSERT INTO overview_inputs (key, value, year, source, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, year = excluded.year, source = excluded.source, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ).run(INDUSTRIAL, input.value, year, source, actor, nowIso());
    }
    return industrialFirms(db);
  })();
}
