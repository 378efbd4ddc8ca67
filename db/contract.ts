// The one contract: every operation the UI can ask for, by name, with its zod input and output.
// Electron IPC, the loopback bridge and the CLI all dispatch through it; the renderer imports its types only.
import { z } from 'zod';
import { safeText, TEXT_CAPS } from './text';
import { AuditEntry, SourceRef } from './contracts/common';
import { Check, CriteriaSetInfo, Evaluation, EvaluationRow, AnalystInput, evaluationMethods, Projection, VERDICTS } from './contracts/evaluation';
import { criteriaLibraryMethods } from './contracts/criteriaLibrary';
import { financeMethods } from './contracts/financing';
import { listingMethods } from './contracts/listing';
import { packageMethods } from './contracts/package';
import { importMethods } from './contracts/import';
import { poolYearMethods } from './contracts/poolYear';
import { POOL_SORT_COLUMNS } from './contracts/poolSort';
import { savedViewMethods } from './contracts/savedViews';
import { overviewMethods } from './contracts/overview';
import { requestMethods } from './contracts/requests';
import { ExportFile, ShortlistDetail, ShortlistEntry, ShortlistSummary, shortlistMethods } from './contracts/shortlist';
import { FIGURE_KEYS, TITLE_CODES } from './figures';

export { FIGURE_KEYS, TITLE_CODES };
export { AuditEntry, SourceRef, Check, CriteriaSetInfo, Evaluation, EvaluationRow, AnalystInput, Projection, VERDICTS, ExportFile, ShortlistDetail, ShortlistEntry, ShortlistSummary };
export { ENTRY_STATUSES } from './contracts/shortlist';
export type { UploadReceiptT } from './contracts/import';
export type { NeedT, FinanceListT } from './contracts/financing';
export type { ListImportReportT, DistrictContextT } from './contracts/lists';
export type { ListingFirmT, PaymentT, ListingListT, PaymentsListT } from './contracts/listing';
export { CompareResult, CompareRow } from './contracts/criteriaLibrary';
export { RequestDetail, RequestRow, RequestStats, REQUEST_SORT_COLUMNS } from './contracts/requests';
export type { MergeReportT, ConflictT } from './contracts/package';
export type { FigureKey, FigureUnit, TitleCode } from './figures';

const year = z.number().int().min(1990).max(2100);
const figureKey = z.enum(FIGURE_KEYS);
const titleCode = z.enum(TITLE_CODES);
const text = safeText(TEXT_CAPS.line);
const verdict = z.enum(VERDICTS);
const status = z.enum(['pass', 'fail', 'unknown', 'review']);

export const TitleHeld = z.object({
  code: titleCode,
  level: z.enum(['national', 'provincial', 'city']),
  year: z.number().int().nullable(),
  product: z.string().nullable(),
  /** The last data year the title is valid in (three-year recognitions); null when it does not lapse or has no year. */
  validUntil: z.number().int().nullable(),
});

export { POOL_SORT_COLUMNS };

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
  /** The districts whose merged packages reported the firm in this pool year (报送区县). */
  districts: z.array(z.string()).optional(),
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
  /** Taken by this data file; false for a record a copy inherited from its original (never deleted or restored here). */
  own: z.boolean(),
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
    output: z.object({ towns: z.array(z.string()), chains: z.array(z.string()), titles: z.array(titleCode), districts: z.array(z.string()).optional() }),
  },
  'pool.list': {
    input: z.object({
      year,
      dataYear: year.optional(),
      search: text.optional(),
      town: text.optional(),
      chain: text.optional(),
      title: titleCode.optional(),
      /** Firms a district reported in a merged package (报送区县). */
      district: text.optional(),
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
      note: safeText(TEXT_CAPS.note, { multiline: true }).optional(),
    }),
    output: FirmDetail,
  },
  'firm.history': {
    input: z.object({ firmId: z.number().int(), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.array(AuditEntry),
  },
  ...evaluationMethods,
  ...shortlistMethods,
  'snapshot.create': {
    input: z.object({ reason: safeText(TEXT_CAPS.line).min(1) }),
    output: Snapshot,
  },
  ...overviewMethods,
  ...importMethods,
  ...poolYearMethods,
  ...criteriaLibraryMethods,
  ...requestMethods,
  ...savedViewMethods,
  ...financeMethods,
  ...listingMethods,
  ...packageMethods,
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
export const FILE_METHODS = ['shortlist.export', 'shortlist.exportProposal', 'report.pdf', 'template.file', 'data.export', 'criteria.compareExport', 'requests.template', 'requests.export', 'requests.report', 'finance.export', 'listing.export', 'payments.export', 'package.export'] as const satisfies readonly Method[];

/** Events the shell pushes to the UI (menu commands, data changes). */
export const EVENTS = ['menu:navigate', 'data:changed'] as const;
export type EventName = (typeof EVENTS)[number];

/** The one IPC channel prefix; the bridge uses the same names under /api/. */
export const CHANNEL_PREFIX = 'cp:';
