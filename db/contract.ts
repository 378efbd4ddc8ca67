// The one contract: every operation the UI can ask for, by name, with its zod input and output.
// Electron IPC, the loopback bridge and the CLI all dispatch through it; the renderer imports its types only.
import { z } from 'zod';
import { importMethods } from './contracts/import';
import { poolYearMethods } from './contracts/poolYear';
import { overviewMethods } from './contracts/overview';
import { CriteriaSetSchema } from './criteria/schema';
import { FIGURE_KEYS, TITLE_CODES } from './figures';

export { FIGURE_KEYS, TITLE_CODES };
export type { FigureKey, FigureUnit, TitleCode } from './figures';

const year = z.number().int().min(1990).max(2100);
const figureKey = z.enum(FIGURE_KEYS);
const titleCode = z.enum(TITLE_CODES);
const text = z.string().max(200);

export const SourceRef = z.object({
  id: z.number().int(),
  kind: z.enum(['sample', 'seed_letter', 'import', 'manual']),
  label: z.string(),
  file: z.string().nullable(),
  sheet: z.string().nullable(),
  actor: z.string().nullable(),
  at: z.string(),
});

export const TitleHeld = z.object({
  code: titleCode,
  level: z.enum(['national', 'provincial', 'city']),
  year: z.number().int().nullable(),
  product: z.string().nullable(),
});

export const VERDICTS = ['eligible', 'not_eligible', 'incomplete', 'needs_review'] as const;
const verdict = z.enum(VERDICTS);
const status = z.enum(['pass', 'fail', 'unknown', 'review']);
const interval = z.object({ lo: z.number(), hi: z.number() });

export const Projection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('years'), years: z.number().int() }),
  z.object({ kind: z.literal('not_projectable') }),
]);

const UsedValue = z.object({ key: z.string(), year: z.number().int().nullable(), value: z.number().nullable(), sourceId: z.number().int().nullable() });
export const Check = z.object({
  metric: z.string(),
  op: z.enum(['>=', '>', '<=', '<', '==']),
  threshold: z.number(),
  year: z.number().int(),
  unit: z.enum(['money', 'percent', 'years', 'count', 'rank', 'flag', 'points']),
  state: z.enum(['known', 'unknown', 'undefined']),
  value: z.number().nullable(),
  reason: z.string().nullable(),
  status,
  gap: z.object({ abs: z.number(), rel: z.number().nullable() }).nullable(),
  used: z.array(UsedValue),
});
const Item = z.object({
  kind: z.enum(['title', 'flag', 'review', 'score']),
  key: z.string(),
  status,
  recorded: z.object({ value: z.boolean(), note: z.string().nullable(), actor: z.string(), at: z.string() }).nullable(),
});
export const CriterionResult = z.object({
  id: z.string(),
  enabled: z.boolean(),
  status,
  primary: Check.nullable(),
  checks: z.array(Check),
  items: z.array(Item),
  score: interval.nullable(),
  projection: Projection,
});
const ScoreResult = interval.extend({
  max: z.number(),
  blocks: z.record(z.string(), interval),
  indicators: z.array(interval.extend({ id: z.string(), block: z.string().nullable(), max: z.number(), used: z.array(UsedValue) })),
});
export const Evaluation = z.object({
  setId: z.string(),
  year: z.number().int(),
  verdict,
  score: interval.extend({ max: z.number() }).nullable(),
  scores: z.record(z.string(), ScoreResult),
  projection: Projection,
  criteria: z.array(CriterionResult),
});
/** One firm's line in a pool evaluation: the verdict and, per criterion, the deciding value, threshold and gap. */
export const EvaluationRow = z.object({
  firmId: z.number().int(),
  creditCode: z.string(),
  name: z.string(),
  town: z.string().nullable(),
  chain: z.string().nullable(),
  year: z.number().int().nullable(),
  verdict: verdict.nullable(),
  score: interval.nullable(),
  projection: Projection,
  criteria: z.array(
    z.object({
      id: z.string(),
      enabled: z.boolean(),
      status,
      metric: z.string().nullable(),
      unit: Check.shape.unit.nullable(),
      op: Check.shape.op.nullable(),
      value: z.number().nullable(),
      threshold: z.number().nullable(),
      gap: Check.shape.gap,
      projection: Projection,
    }),
  ),
});
export const AnalystInput = z.object({
  kind: z.enum(['flag', 'points', 'judgement']),
  key: z.string(),
  setId: z.string().nullable(),
  value: z.union([z.boolean(), z.number(), z.null()]),
  note: z.string().nullable(),
  actor: z.string(),
  at: z.string(),
});
export const CriteriaSetInfo = CriteriaSetSchema.extend({
  /** Whether each criterion counts now (the shipped default, or the analyst's switch). */
  effective: z.record(z.string(), z.boolean()),
  switchedBy: z.record(z.string(), z.object({ actor: z.string(), at: z.string() })),
});

export const ENTRY_STATUSES = ['draft', 'recommended', 'withdrawn'] as const;
const entryStatus = z.enum(ENTRY_STATUSES);

export const ShortlistSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  poolYear: z.number().int(),
  setId: z.string(),
  dataYear: z.number().int().nullable(),
  fillingUnit: z.string().nullable(),
  entries: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ShortlistEntry = z.object({
  firmId: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  town: z.string().nullable(),
  mainProduct: z.string().nullable(),
  position: z.number().int(),
  note: z.string().nullable(),
  status: entryStatus,
  verdictAtAdd: verdict.nullable(),
  /** The verdict now, under the shortlist's set and data year. */
  verdictNow: verdict.nullable(),
  projection: Projection,
  addedBy: z.string(),
  addedAt: z.string(),
});
export const ShortlistDetail = ShortlistSummary.extend({
  entries: z.array(ShortlistEntry),
  history: z.array(z.lazy(() => AuditEntry)),
});
/** A file for the user to keep: in browser mode downloaded, under Electron saved where the user chooses. */
export const ExportFile = z.object({
  fileName: z.string(),
  mime: z.string(),
  base64: z.string(),
  /** Set by the desktop shell once it has saved the file where the user chose (the bytes are then not sent on). */
  savedTo: z.string().nullable().default(null),
});

export const POOL_SORT_COLUMNS = [
  'name',
  'town',
  'chain',
  'main_product',
  'titles',
  'revenue',
  'main_share',
  'share_domestic',
  'rank_national',
  'rank_global',
  'verdict',
] as const;

export const PoolRow = z.object({
  firmId: z.number().int(),
  creditCode: z.string(),
  name: z.string(),
  town: z.string().nullable(),
  chain: z.string().nullable(),
  mainProduct: z.string().nullable(),
  titles: z.array(TitleHeld),
  revenue: z.number().nullable(),
  mainShare: z.number().nullable(),
  shareDomestic: z.number().nullable(),
  rankNational: z.number().nullable(),
  rankGlobal: z.number().nullable(),
  status: z.enum(['member', 'kept', 'new', 'graduated', 'removed']),
  sample: z.boolean(),
  /** With a criteria set chosen: the verdict and each criterion's status. */
  verdict: verdict.nullable(),
  statuses: z.array(z.object({ id: z.string(), status, enabled: z.boolean() })),
});

const Snapshot = z.object({
  id: z.number().int(),
  file: z.string(),
  reason: z.string(),
  schemaVersion: z.number().int(),
  bytes: z.number().nullable(),
  createdAt: z.string(),
  exists: z.boolean(),
});

const FigureValues = z.record(figureKey, z.number().nullable());

export const FirmYear = z.object({
  year: z.number().int(),
  values: FigureValues,
  /** Where each value came from: the row's source, or a value-level override for a manual edit. */
  sources: z.record(figureKey, z.number().int()),
  /** The spreadsheet row the figures were imported from, when they were. */
  sourceRow: z.number().int().nullable(),
});

export const FirmDetail = z.object({
  firm: z.object({
    id: z.number().int(),
    creditCode: z.string(),
    name: z.string(),
    town: z.string().nullable(),
    chain: z.string().nullable(),
    mainProduct: z.string().nullable(),
    productCode: z.string().nullable(),
    segmentSince: z.number().int().nullable(),
    foundedYear: z.number().int().nullable(),
    isNewProduct: z.boolean(),
    listed: z.boolean(),
    note: z.string().nullable(),
    sourceId: z.number().int(),
    profileSourceId: z.number().int().nullable(),
  }),
  titles: z.array(TitleHeld.extend({ sourceId: z.number().int() })),
  years: z.array(FirmYear),
  memberships: z.array(z.object({ year: z.number().int(), status: PoolRow.shape.status, reason: z.string().nullable(), sourceId: z.number().int() })),
  /** Every source referred to above, by id. */
  sources: z.array(SourceRef),
});

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  entity: z.string(),
  year: z.number().int().nullable(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  note: z.string().nullable(),
  /** The firm a shortlist change concerns (shortlist histories name it). */
  firmName: z.string().nullable().default(null),
});

export const contract = {
  'app.info': {
    input: z.object({}),
    output: z.object({
      appVersion: z.string(),
      schemaVersion: z.number().int(),
      dataFile: z.string(),
      poolYears: z.array(z.number().int()),
      counts: z.object({ firms: z.number().int(), firmYears: z.number().int(), titles: z.number().int(), auditEntries: z.number().int() }),
      sample: z.object({ firms: z.number().int(), firmYears: z.number().int(), values: z.number().int() }),
      snapshots: z.array(Snapshot),
    }),
  },
  'pool.years': {
    input: z.object({}),
    output: z.array(z.object({ year: z.number().int(), name: z.string(), members: z.number().int(), dataYears: z.array(z.number().int()), defaultDataYear: z.number().int().nullable() })),
  },
  'pool.facets': {
    input: z.object({ year }),
    output: z.object({ towns: z.array(z.string()), chains: z.array(z.string()), titles: z.array(titleCode) }),
  },
  'pool.list': {
    input: z.object({
      year,
      dataYear: year.optional(),
      search: text.optional(),
      town: text.optional(),
      chain: text.optional(),
      title: titleCode.optional(),
      setId: text.optional(),
      verdict: verdict.optional(),
      sort: z.object({ column: z.enum(POOL_SORT_COLUMNS), dir: z.enum(['asc', 'desc']) }).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ rows: z.array(PoolRow), total: z.number().int(), offset: z.number().int(), dataYear: z.number().int().nullable() }),
  },
  'firm.get': {
    input: z.object({ firmId: z.number().int() }),
    output: FirmDetail,
  },
  'firm.updateFigures': {
    input: z.object({
      firmId: z.number().int(),
      /** Every year's changes of one edit; all are written in one transaction or none is. */
      years: z.array(z.object({ year, values: z.partialRecord(figureKey, z.number().nullable()) })).min(1).max(50),
      note: z.string().max(500).optional(),
    }),
    output: FirmDetail,
  },
  'firm.history': {
    input: z.object({ firmId: z.number().int(), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.array(AuditEntry),
  },
  'criteria.list': {
    input: z.object({}),
    output: z.array(CriteriaSetInfo),
  },
  'criteria.setEnabled': {
    input: z.object({ setId: text, criterionId: text, enabled: z.boolean() }),
    output: CriteriaSetInfo,
  },
  'evaluate.firm': {
    input: z.object({ firmId: z.number().int(), dataYear: year.optional() }),
    output: z.object({ dataYear: z.number().int().nullable(), dataYears: z.array(z.number().int()), evaluations: z.array(Evaluation), inputs: z.array(AnalystInput), sources: z.array(SourceRef) }),
  },
  'evaluate.pool': {
    input: z.object({
      year,
      setId: text,
      /** Omitted: each firm's latest year with revenue (criteria-spec §1). */
      dataYear: year.optional(),
      verdict: verdict.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ total: z.number().int(), counts: z.record(verdict, z.number().int()), rows: z.array(EvaluationRow) }),
  },
  'analyst.record': {
    input: z.object({
      firmId: z.number().int(),
      kind: z.enum(['flag', 'points', 'judgement']),
      key: z.string().regex(/^[a-z0-9_]+$/).max(60),
      setId: text.optional(),
      /** flag and judgement: yes/no; points: a number; null clears the record. */
      value: z.union([z.boolean(), z.number().min(0).max(100), z.null()]),
      note: z.string().max(500).optional(),
    }),
    output: AnalystInput,
  },
  'shortlist.list': {
    input: z.object({ year: year.optional() }),
    output: z.array(ShortlistSummary),
  },
  'shortlist.propose': {
    input: z.object({ year, setId: text, dataYear: year.optional(), limit: z.number().int().min(1).max(500).default(20) }),
    output: z.array(EvaluationRow),
  },
  'shortlist.create': {
    input: z.object({
      name: z.string().trim().min(1).max(100),
      year,
      setId: text,
      dataYear: year.optional(),
      fillingUnit: z.string().max(100).optional(),
      /** The firms to start with, in order (e.g. the proposal the analyst accepted). */
      firmIds: z.array(z.number().int()).max(1000).default([]),
    }),
    output: ShortlistDetail,
  },
  'shortlist.get': { input: z.object({ id: z.number().int() }), output: ShortlistDetail },
  'shortlist.update': {
    input: z.object({ id: z.number().int(), name: z.string().trim().min(1).max(100).optional(), fillingUnit: z.string().max(100).nullable().optional() }),
    output: ShortlistDetail,
  },
  'shortlist.addFirm': { input: z.object({ id: z.number().int(), firmId: z.number().int(), note: z.string().max(500).optional() }), output: ShortlistDetail },
  'shortlist.removeFirm': { input: z.object({ id: z.number().int(), firmId: z.number().int() }), output: ShortlistDetail },
  'shortlist.move': { input: z.object({ id: z.number().int(), firmId: z.number().int(), position: z.number().int().min(1) }), output: ShortlistDetail },
  'shortlist.annotate': {
    input: z.object({ id: z.number().int(), firmId: z.number().int(), note: z.string().max(500).nullable().optional(), status: entryStatus.optional() }),
    output: ShortlistDetail,
  },
  'shortlist.delete': { input: z.object({ id: z.number().int() }), output: z.object({ deleted: z.number().int() }) },
  'shortlist.export': { input: z.object({ id: z.number().int(), format: z.enum(['xlsx', 'csv']) }), output: ExportFile },
  'shortlist.exportProposal': {
    /** The proposal as a file, without saving a shortlist (the CLI's `shortlist` without --name). */
    input: z.object({ year, setId: text, dataYear: year.optional(), fillingUnit: z.string().max(100).optional(), limit: z.number().int().min(1).max(500).default(20), format: z.enum(['xlsx', 'csv']) }),
    output: ExportFile,
  },
  'report.pdf': {
    /** The printable report of a shortlist as PDF. Only the desktop shell can print; elsewhere the page prints itself. */
    input: z.object({ shortlistId: z.number().int() }),
    output: ExportFile,
  },
  'snapshot.create': {
    input: z.object({ reason: z.string().min(1).max(200) }),
    output: Snapshot,
  },
  ...overviewMethods,
  ...importMethods,
  ...poolYearMethods,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;
export const METHODS = Object.keys(contract) as Method[];

export type PoolSortColumn = (typeof POOL_SORT_COLUMNS)[number];
export type PoolRowT = z.output<typeof PoolRow>;
export type FirmDetailT = z.output<typeof FirmDetail>;
export type SourceRefT = z.output<typeof SourceRef>;
export type AuditEntryT = z.output<typeof AuditEntry>;
export type VerdictT = (typeof VERDICTS)[number];
export type EvaluationT = z.output<typeof Evaluation>;
export type EvaluationRowT = z.output<typeof EvaluationRow>;
export type CriteriaSetInfoT = z.output<typeof CriteriaSetInfo>;
export type CheckT = z.output<typeof Check>;
export type ProjectionT = z.output<typeof Projection>;
export type AnalystInputT = z.output<typeof AnalystInput>;
export type ShortlistSummaryT = z.output<typeof ShortlistSummary>;
export type ShortlistDetailT = z.output<typeof ShortlistDetail>;
export type ShortlistEntryT = z.output<typeof ShortlistEntry>;
export type ExportFileT = z.output<typeof ExportFile>;

export interface ErrorPayload {
  code: string;
  message: string;
  details?: unknown;
}
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload };

/** Methods whose answer is a file for the user to keep: the desktop shell saves it where the user chooses. */
export const FILE_METHODS = ['shortlist.export', 'shortlist.exportProposal', 'report.pdf', 'template.file', 'data.export'] as const satisfies readonly Method[];

/** Events the shell pushes to the UI (menu commands, data changes). */
export const EVENTS = ['menu:navigate', 'data:changed'] as const;
export type EventName = (typeof EVENTS)[number];

/** The one IPC channel prefix; the bridge uses the same names under /api/. */
export const CHANNEL_PREFIX = 'cp:';
