// 总览 settings: the reward table (first recognition, 万元), the 3-year targets, the yearly application
// calendar and the analyst's inputs (the district's 规上 industrial firm count). Each row says where its value
// came from and who changed it last; every change is also in the audit log (entities `overview_*`).
// Seeded with the seed letter's values; the calendar's dates are typical windows, marked as defaults to edit.
const LETTER = '答复函（台工信字〔2023〕16号，2023年7月28日）';
/** Said in the note of every shipped date; dropped from the note once the analyst sets the dates. */
export const CALENDAR_DEFAULT_NOTE = '默认日期（典型申报窗口，非当年通知），请按当年申报通知修改';
const NOW = "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')";

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

const rewards: [code: string, level: string, amount: number][] = [
  ['leader_national', 'national', 300],
  ['leader_provincial', 'provincial', 100],
  ['champion_national', 'national', 100],
  ['champion_provincial', 'provincial', 50],
  ['little_giant', 'national', 50],
  ['srdi_provincial', 'provincial', 30],
  ['gazelle_provincial', 'provincial', 30],
];

// 力争3年内培育“专精特新”、单项冠军等高成长型企业60家、产值过100亿元，“专精特新”企业总数占全区规上企业总数的40%以上
// (the letter's plan 工业倍增计划（2023-2026年）). The output target is stored in 万元 (100 亿元 = 1,000,000 万元).
const targets: [key: string, unit: string, value: number][] = [
  ['high_growth_firms', 'count', 60],
  ['high_growth_output', 'money', 1_000_000],
  ['srdi_share', 'percent', 40],
];

const calendar: [track: string, opens: string, deadline: string, note: string][] = [
  ['champion_national', '06-15', '09-15', '国家级单项冠军：年中发通知，9月前后截止'],
  ['champion_provincial', '11-15', '12-15', '山东省单项冠军：名单在12月报送'],
  ['little_giant', '04-01', '06-30', '国家级专精特新“小巨人”：春季至年中'],
  ['srdi_provincial', '03-01', '05-31', '省级专精特新：每年集中申报一批'],
  ['innovative_sme', '02-15', '04-15', '省级创新型中小企业：年初评价'],
  ['gazelle_provincial', '06-01', '07-31', '省级瞪羚企业：年中申报'],
];

export const overview = `
CREATE TABLE overview_rewards (
  code TEXT PRIMARY KEY,
  level TEXT NOT NULL CHECK (level IN ('national', 'provincial')),
  amount REAL NOT NULL CHECK (amount >= 0),
  source TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE overview_targets (
  key TEXT PRIMARY KEY,
  unit TEXT NOT NULL CHECK (unit IN ('count', 'money', 'percent')),
  value REAL NOT NULL CHECK (value > 0),
  base_year INTEGER NOT NULL,
  due_year INTEGER NOT NULL CHECK (due_year >= base_year),
  source TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE overview_calendar (
  track TEXT PRIMARY KEY,
  opens TEXT NOT NULL,
  deadline TEXT NOT NULL,
  note TEXT,
  is_default INTEGER NOT NULL DEFAULT 1 CHECK (is_default IN (0, 1)),
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE overview_inputs (
  key TEXT PRIMARY KEY,
  value REAL NOT NULL,
  year INTEGER,
  source TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO overview_rewards (code, level, amount, source, updated_by, updated_at) VALUES
${rewards.map(([c, l, a]) => `  (${q(c)}, ${q(l)}, ${a}, ${q(`${LETTER}：首次认定奖励`)}, 'system', ${NOW})`).join(',\n')};

INSERT INTO overview_targets (key, unit, value, base_year, due_year, source, updated_by, updated_at) VALUES
${targets.map(([k, u, v]) => `  (${q(k)}, ${q(u)}, ${v}, 2023, 2026, ${q(`${LETTER}：力争3年内（工业倍增计划 2023—2026年）`)}, 'system', ${NOW})`).join(',\n')};

INSERT INTO overview_calendar (track, opens, deadline, note, is_default, updated_by, updated_at) VALUES
${calendar.map(([t, o, d, n]) => `  (${q(t)}, ${q(o)}, ${q(d)}, ${q(`${n}。${CALENDAR_DEFAULT_NOTE}`)}, 1, 'system', ${NOW})`).join(',\n')};
`;
