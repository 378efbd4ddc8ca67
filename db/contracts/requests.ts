// 诉求台账 methods: the ledger of firms' requests, its statistics, import and export (merged into the one
// contract in db/contract.ts). Dates are calendar days written YYYY-MM-DD; "as of" defaults to today.
import { z } from 'zod';
import { safeText, TEXT_CAPS } from '../text';
import { isRealDay, REQUEST_HANDLINGS, REQUEST_ORIGINS, REQUEST_RATINGS, REQUEST_STATUSES } from '../requestRules';
import { AuditEntry } from './common';
import { ImportInput, ImportProblem } from './import';

export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写作 YYYY-MM-DD')
  .refine(isRealDay, { message: '不是存在的日期' });
const line = safeText(TEXT_CAPS.line);
const name = safeText(TEXT_CAPS.name).trim().min(1);
const note = safeText(TEXT_CAPS.note, { multiline: true });
const origin = z.enum(REQUEST_ORIGINS);
const handling = z.enum(REQUEST_HANDLINGS);
const rating = z.enum(REQUEST_RATINGS);
const status = z.enum(REQUEST_STATUSES);
const light = z.enum(['red', 'yellow', 'green']);

export const REQUEST_SORT_COLUMNS = ['open_first', 'received', 'deadline', 'firm', 'department', 'category', 'town', 'status'] as const;

export const RequestRow = z.object({
  id: z.number().int(),
  firmId: z.number().int(),
  creditCode: z.string(),
  firm: z.string(),
  /** False for a firm recorded only for its requests (not a member of any pool year). */
  inPool: z.boolean(),
  town: z.string().nullable(),
  origin,
  category: z.string(),
  content: z.string(),
  received: z.string(),
  takenBy: z.string().nullable(),
  handling,
  department: z.string().nullable(),
  assigned: z.string().nullable(),
  deadline: z.string().nullable(),
  closed: z.string().nullable(),
  result: z.string().nullable(),
  visited: z.string().nullable(),
  rating: rating.nullable(),
  rounds: z.number().int(),
  sample: z.boolean(),
  /** As of the day asked. */
  status,
  overdue: z.boolean(),
  closedLate: z.boolean(),
  light: light.nullable(),
  daysLeft: z.number().int().nullable(),
  /** The last progress note, for the ledger's 办理情况. */
  lastProgress: z.string().nullable(),
});

export const RequestProgress = z.object({
  id: z.number().int(),
  round: z.number().int(),
  kind: z.enum(['progress', 'handover', 'close', 'visit', 'reopen']),
  date: z.string(),
  note: z.string(),
  by: z.string(),
  at: z.string(),
});

export const RequestDetail = RequestRow.extend({
  progress: z.array(RequestProgress),
  history: z.array(AuditEntry),
  source: z.object({ kind: z.string(), label: z.string(), file: z.string().nullable(), sheet: z.string().nullable(), row: z.number().int().nullable() }),
});

const Filters = z.object({
  asOf: day.optional(),
  /** open: not closed as of the day; closed: closed (or visited) by then. */
  scope: z.enum(['open', 'overdue', 'closed', 'all']).default('all'),
  status: status.optional(),
  overdue: z.boolean().optional(),
  category: line.optional(),
  department: line.optional(),
  town: line.optional(),
  firmId: z.number().int().optional(),
  /** 提出日期 within [from, to]. */
  from: day.optional(),
  to: day.optional(),
  search: line.optional(),
});

const Fields = z.object({
  creditCode: safeText(40).trim().min(1),
  /** Needed when the code is not yet known: the firm is recorded, marked not in the pool. */
  firmName: name.optional(),
  town: safeText(TEXT_CAPS.name).trim().nullable().optional(),
  origin,
  category: name,
  content: note.trim().min(1),
  received: day,
  takenBy: safeText(TEXT_CAPS.name).trim().nullable().optional(),
  handling,
  department: safeText(TEXT_CAPS.name).trim().nullable().optional(),
  assigned: day.nullable().optional(),
  deadline: day.nullable().optional(),
});

const Counts = z.object({ received: z.number().int(), closed: z.number().int(), closedOnTime: z.number().int(), closedLate: z.number().int(), open: z.number().int(), overdue: z.number().int(), avgDaysToClose: z.number().nullable(), rated: z.number().int(), satisfied: z.number().int(), satisfactionRate: z.number().nullable() });
export const RequestStatsGroup = Counts.extend({ key: z.string() });

export const RequestStats = z.object({
  asOf: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  total: Counts,
  byDepartment: z.array(RequestStatsGroup),
  byCategory: z.array(RequestStatsGroup),
  byTown: z.array(RequestStatsGroup),
  byMonth: z.array(RequestStatsGroup),
});

const File = z.object({ fileName: z.string(), mime: z.string(), base64: z.string(), savedTo: z.string().nullable().default(null) });

const RequestImportInput = ImportInput.pick({ fileName: true, path: true, upload: true, base64: true, sheet: true, encoding: true, mapping: true });

export const RequestImportReport = z.object({
  fileName: z.string(),
  format: z.string(),
  encoding: z.string().nullable(),
  sheet: z.string().nullable(),
  sheets: z.array(z.string()),
  headerRow: z.number().int().nullable(),
  columns: z.array(z.object({ index: z.number().int(), header: z.string(), key: z.string().nullable() })),
  refused: z.boolean(),
  problems: z.array(ImportProblem),
  counts: z.object({ rows: z.number().int(), newFirms: z.number().int(), outsidePool: z.number().int(), newCategories: z.number().int(), newDepartments: z.number().int() }),
  /** Every request the file would add, at most 500 listed. */
  rows: z.array(z.object({ row: z.number().int(), creditCode: z.string(), firm: z.string(), newFirm: z.boolean(), category: z.string(), department: z.string().nullable(), received: z.string(), deadline: z.string().nullable(), closed: z.string().nullable(), rating: z.string().nullable() })),
  /** Names not yet in the editable lists, added with the import. */
  newCategories: z.array(z.string()),
  newDepartments: z.array(z.string()),
});

const detail = { input: z.object({ id: z.number().int(), asOf: day.optional() }), output: RequestDetail };

export const requestMethods = {
  'requests.list': {
    input: Filters.extend({
      sort: z.object({ column: z.enum(REQUEST_SORT_COLUMNS), dir: z.enum(['asc', 'desc']) }).default({ column: 'open_first', dir: 'asc' }),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
    output: z.object({
      asOf: z.string(),
      rows: z.array(RequestRow),
      total: z.number().int(),
      /** Over the whole ledger as of the day, whatever the filters: for 总览 and the ledger's header. */
      counts: z.object({ all: z.number().int(), open: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int(), sample: z.number().int() }),
    }),
  },
  'requests.get': detail,
  'requests.create': { input: Fields.extend({ asOf: day.optional() }), output: RequestDetail },
  'requests.update': { input: Fields.partial().extend({ id: z.number().int(), asOf: day.optional() }), output: RequestDetail },
  /** 交办: to a department with a deadline (also used to change either later; each change is a progress entry). */
  'requests.handover': { input: z.object({ id: z.number().int(), department: name, assigned: day, deadline: day.nullable(), note: note.optional(), by: name, asOf: day.optional() }), output: RequestDetail },
  'requests.progress': { input: z.object({ id: z.number().int(), date: day, note: note.trim().min(1), by: name, asOf: day.optional() }), output: RequestDetail },
  'requests.close': { input: z.object({ id: z.number().int(), closed: day, result: note.trim().min(1), by: name, asOf: day.optional() }), output: RequestDetail },
  /** 回访: 不满意 reopens the request (重办), the round's closing and 回访 kept in its progress. */
  'requests.visit': { input: z.object({ id: z.number().int(), visited: day, rating, note: note.optional(), by: name, asOf: day.optional() }), output: RequestDetail },
  'requests.delete': { input: z.object({ id: z.number().int() }), output: z.object({ deleted: z.number().int() }) },
  'requests.lists': { input: z.object({}), output: z.object({ categories: z.array(z.string()), departments: z.array(z.string()) }) },
  'requests.setList': {
    input: z.object({ kind: z.enum(['category', 'department']), names: z.array(name).min(1).max(200) }),
    output: z.object({ categories: z.array(z.string()), departments: z.array(z.string()) }),
  },
  'requests.stats': { input: z.object({ asOf: day.optional(), from: day.optional(), to: day.optional() }), output: RequestStats },
  'requests.importAnalyse': { input: RequestImportInput, output: RequestImportReport },
  'requests.importApply': { input: RequestImportInput, output: z.object({ added: z.number().int(), snapshot: z.string(), report: RequestImportReport }) },
  'requests.template': { input: z.object({}), output: File },
  /** The ledger as the 专班 prints it (xlsx, A4 landscape), filtered as the screen is. */
  'requests.export': { input: Filters, output: File },
  /** 周报/月报: the statistics of a period as xlsx. */
  'requests.report': { input: z.object({ asOf: day.optional(), from: day.optional(), to: day.optional(), period: z.enum(['week', 'month']).default('month') }), output: File },
} as const;
