// 总览 methods (merged into the one contract in db/contract.ts): the gradient, reward exposure, the 3-year
// targets, the application calendar and the pool status in one answer, and the audited edits of the
// settings behind them (reward table, targets, calendar, the 规上 count).
import { z } from 'zod';
import { safeText, TEXT_CAPS } from '../text';
import { TITLE_CODES } from '../figures';

const year = z.number().int().min(1990).max(2100);
const titleCode = z.enum(TITLE_CODES);
const verdict = z.enum(['eligible', 'not_eligible', 'incomplete', 'needs_review']);
const source = safeText(TEXT_CAPS.reason).trim().min(1);

/** Titles with a first-recognition reward in the seed letter (万元). */
export const REWARD_CODES = ['leader_national', 'leader_provincial', 'champion_national', 'champion_provincial', 'little_giant', 'srdi_provincial', 'gazelle_provincial'] as const;
/** The yearly application tracks of the calendar. */
export const TRACKS = ['champion_national', 'champion_provincial', 'little_giant', 'srdi_provincial', 'innovative_sme', 'gazelle_provincial'] as const;
export const TARGET_KEYS = ['high_growth_firms', 'high_growth_output', 'srdi_share'] as const;
/** The gradient, lowest first (创新型 → 专精特新 / 瞪羚 → 小巨人 → 单项冠军 → 领航). */
export const GRADIENT_CODES = ['innovative_sme', 'srdi_provincial', 'gazelle_provincial', 'little_giant', 'champion_provincial', 'champion_national', 'leader_provincial', 'leader_national'] as const;

/** Month and day of a yearly date (MM-DD), a real day of a non-leap year. */
export const MonthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, '日期格式应为 MM-DD')
  .refine((s) => {
    const [m, d] = s.split('-').map(Number);
    return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(2023, m, 0)).getUTCDate();
  }, '不是有效的月日');

export const FirmRef = z.object({ firmId: z.number().int(), name: z.string(), sample: z.boolean() });
/** A list behind a number: the total, and the firms (the first 300 by name when there are more). */
export const FirmList = z.object({ total: z.number().int(), firms: z.array(FirmRef) });
/** A firm counted toward a title by its evaluation: the verdict, its data year and the years to go (0: now). */
export const Candidate = FirmRef.extend({ verdict, dataYear: z.number().int(), inYears: z.number().int() });

const Who = { updatedBy: z.string(), updatedAt: z.string() };
export const Reward = z.object({ code: z.enum(REWARD_CODES), level: z.enum(['national', 'provincial']), amount: z.number(), source: z.string(), setId: z.string().nullable(), ...Who });
export const Target = z.object({
  key: z.enum(TARGET_KEYS),
  unit: z.enum(['count', 'money', 'percent']),
  value: z.number(),
  baseYear: z.number().int(),
  dueYear: z.number().int(),
  source: z.string(),
  ...Who,
});
export const CalendarEntry = z.object({ track: z.enum(TRACKS), opens: z.string(), deadline: z.string(), note: z.string().nullable(), isDefault: z.boolean(), ...Who });
export const IndustrialFirms = z.object({ value: z.number().int(), year: z.number().int().nullable(), source: z.string(), ...Who });
const HistoryEntry = z.object({ id: z.number().int(), at: z.string(), actor: z.string(), entity: z.string(), field: z.string().nullable(), oldValue: z.string().nullable(), newValue: z.string().nullable(), note: z.string().nullable() });

const Gradient = z.object({
  codes: z.array(titleCode),
  years: z.array(z.number().int()),
  /** Pool firms holding each title at the end of each year (title obtained in or before that year). */
  cells: z.array(z.object({ year: z.number().int(), code: titleCode, list: FirmList })),
  /** Titles held without a year: counted in the latest year only. */
  undated: z.number().int(),
  /** New titles per year; `up` when above the highest title the firm held before. */
  moves: z.array(z.object({ year: z.number().int(), firmId: z.number().int(), name: z.string(), sample: z.boolean(), code: titleCode, from: titleCode.nullable(), up: z.boolean() })),
  /** The district's totals from the seed letter, as their own series. */
  district: z.object({
    source: z.string(),
    series: z.array(z.object({ label: z.string(), derived: z.boolean(), counts: z.partialRecord(titleCode, z.number().int()) })),
  }),
});

const RewardRow = z.object({
  code: z.enum(REWARD_CODES),
  amount: z.number(),
  setId: z.string().nullable(),
  /** Pool firms that hold the title already (no first-recognition reward). */
  held: z.number().int(),
  /** Per recognition year: how many firms, the firms (the first 300), and reward × count. */
  cells: z.array(z.object({ year: z.number().int(), count: z.number().int(), firms: z.array(Candidate), total: z.number() })),
  reviewCount: z.number().int(),
  review: z.array(Candidate),
  total: z.number(),
  reviewTotal: z.number(),
});

const TargetProgress = Target.extend({
  /** The measured value (count, 万元 or percent), null when an input is missing. */
  current: z.number().nullable(),
  /** current ÷ value. */
  ratio: z.number().nullable(),
  missing: z.enum(['industrial_firms']).nullable(),
  counted: FirmList,
  /** The data year of the revenue summed (output target); null: each firm's latest year. */
  dataYear: z.number().int().nullable(),
});

export const Overview = z.object({
  poolYear: z.number().int(),
  /** The data year evaluated (the one chosen, else the pool's default). */
  dataYear: z.number().int().nullable(),
  today: z.string(),
  firms: z.number().int(),
  gradient: Gradient,
  rewards: z.object({
    table: z.array(Reward),
    years: z.array(z.number().int()),
    rows: z.array(RewardRow),
    totals: z.array(z.object({ year: z.number().int(), total: z.number() })),
    total: z.number(),
    reviewTotal: z.number(),
    /** Projections beyond this many years are not budgeted. */
    horizon: z.number().int(),
  }),
  targets: z.object({ items: z.array(TargetProgress), industrialFirms: IndustrialFirms.nullable(), highGrowthCodes: z.array(titleCode), districtSrdi: z.number().int() }),
  calendar: z.array(
    CalendarEntry.extend({
      setId: z.string(),
      next: z.object({ opens: z.string(), deadline: z.string(), daysToOpen: z.number().int(), daysToDeadline: z.number().int(), open: z.boolean() }),
      prepare: z.array(Candidate),
    }),
  ),
  status: z.object({
    setId: z.string(),
    dataYear: z.number().int().nullable(),
    previousYear: z.number().int().nullable(),
    counts: z.record(verdict, z.number().int()),
    lists: z.record(verdict, FirmList),
    changes: z.array(FirmRef.extend({ before: verdict.nullable(), after: verdict.nullable() })),
  }),
  sample: z.object({ firms: z.number().int(), firmYears: z.number().int(), values: z.number().int(), poolFirms: FirmList }),
  history: z.array(HistoryEntry),
});

export const overviewMethods = {
  'overview.get': {
    input: z.object({
      year,
      setId: safeText(TEXT_CAPS.line),
      dataYear: year.optional(),
      /** Today as YYYY-MM-DD (the calendar counts days from it); default: the machine's date. */
      today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    }),
    output: Overview,
  },
  'overview.setReward': {
    input: z.object({ code: z.enum(REWARD_CODES), amount: z.number().min(0).max(100000), source, note: safeText(TEXT_CAPS.note, { multiline: true }).optional() }),
    output: Reward,
  },
  'overview.setTarget': {
    input: z.object({ key: z.enum(TARGET_KEYS), value: z.number().positive().max(1e9), dueYear: year.optional(), source, note: safeText(TEXT_CAPS.note, { multiline: true }).optional() }),
    output: Target,
  },
  'overview.setCalendar': {
    input: z.object({ track: z.enum(TRACKS), opens: MonthDay, deadline: MonthDay, note: safeText(TEXT_CAPS.reason, { multiline: true }).nullable().optional() }),
    output: CalendarEntry,
  },
  'overview.setIndustrialFirms': {
    /** The district's 规上 industrial firm count; null clears it. */
    input: z.object({ value: z.number().int().min(1).max(1e6).nullable(), year: year.optional(), source: source.optional() }),
    output: IndustrialFirms.nullable(),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type OverviewT = z.output<typeof Overview>;
export type CandidateT = z.output<typeof Candidate>;
export type FirmRefT = z.output<typeof FirmRef>;
export type FirmListT = z.output<typeof FirmList>;
export type RewardCode = (typeof REWARD_CODES)[number];
export type Track = (typeof TRACKS)[number];
export type TargetKey = (typeof TARGET_KEYS)[number];
