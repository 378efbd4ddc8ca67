// 年度更新 methods: analyse and apply an import, undo it, snapshots, the template and the data as files.
// Merged into the one contract in db/contract.ts.
import { z } from 'zod';
import { safeText, TEXT_CAPS } from '../text';

const year = z.number().int().min(1990).max(2100);
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** An uploaded file's id: random, URL-safe, never a path. */
export const UploadId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** The bridge's answer to `POST /api/upload` (a transport step, not a service method). */
export const UploadReceipt = z.object({ upload: UploadId, bytes: z.number().int().min(0) });
export type UploadReceiptT = z.output<typeof UploadReceipt>;

export const ImportInput = z.object({
  fileName: safeText(TEXT_CAPS.fileName).min(1),
  // Where the file's bytes are: exactly one of `path`, `upload` and `base64` (the service refuses none or two).
  /** A file on this machine, read by the service: the desktop passes the chosen file's path, the CLI its argument. */
  path: z.string().min(1).max(4096).optional(),
  /** Browser mode: the id `POST /api/upload` answered for the file's streamed bytes (the bridge turns it into a path). */
  upload: UploadId.optional(),
  /** The bytes inline, for small files only (scripts and tests): the bridge's JSON limit caps them, IPC never sends them. */
  base64: z.string().max(360_000_000).optional(),
  sheet: safeText(TEXT_CAPS.name).optional(),
  encoding: z.enum(['utf8', 'gbk']).optional(),
  /** The unit of a money column (template key or header → 元 / 万元 / 亿元), answering the preview's unit question. */
  units: z.record(z.string(), z.enum(['元', '万元', '亿元'])).optional(),
  /** Header text → template key, or null to ignore that column. */
  mapping: z.record(safeText(TEXT_CAPS.line), safeText(TEXT_CAPS.line).nullable()).optional(),
  setId: safeText(TEXT_CAPS.name).optional(),
  poolYear: year.optional(),
  addToPool: z.boolean().optional(),
});

export const ImportProblem = z.object({
  level: z.enum(['error', 'warning']),
  sheet: z.string(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
});

const Change = z.object({ field: z.string(), old: scalar, new: scalar });

export const ImportReport = z.object({
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv', 'xls', 'et', 'ods']),
  encoding: z.string().nullable(),
  /** The first few firm names as decoded: a wrong encoding shows here before anything is written. */
  names: z.array(z.string()),
  /** Money columns whose values look like 元 in a 万元 column; the file is refused until each is answered in `units`. */
  unitQuestions: z.array(
    z.object({
      key: z.string(),
      header: z.string(),
      count: z.number().int(),
      examples: z.array(z.object({ key: z.string(), row: z.number().int(), name: z.string(), value: z.number(), compared: z.number(), basis: z.enum(['previous_year', 'column']) })),
    }),
  ),
  sheet: z.string().nullable(),
  sheets: z.array(z.string()),
  headerRow: z.number().int().nullable(),
  columns: z.array(z.object({ index: z.number().int(), header: z.string(), key: z.string().nullable(), unit: z.string().nullable() })),
  refused: z.boolean(),
  /** Errors first, at most 1,000 listed; `problemCounts` has the whole file's. */
  problems: z.array(ImportProblem),
  problemCounts: z.object({ errors: z.number().int(), warnings: z.number().int() }),
  counts: z.object({ rows: z.number().int(), newFirms: z.number().int(), changedFirms: z.number().int(), unchangedFirms: z.number().int(), changedValues: z.number().int(), newYears: z.number().int(), newValues: z.number().int() }).nullable(),
  /** New and changed firms only, at most 500 listed (unchanged ones are counted, not listed; `counts` has all).
   * A new data year lists every value it writes as a change from null. */
  firms: z.array(
    z.object({
      creditCode: z.string(),
      name: z.string(),
      firmId: z.number().int().nullable(),
      firm: z.array(Change),
      titles: z.array(z.object({ code: z.string(), year: z.number().int().nullable() })),
      years: z.array(z.object({ year: z.number().int(), row: z.number().int(), exists: z.boolean(), changes: z.array(Change) })),
    }),
  ),
  missing: z.array(z.object({ firmId: z.number().int(), name: z.string(), creditCode: z.string() })),
  verdicts: z.array(z.object({ firmId: z.number().int(), name: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});

const ImportRecord = z.object({
  id: z.number().int(),
  file: z.string(),
  sheet: z.string().nullable(),
  rows: z.number().int(),
  newFirms: z.number().int(),
  changedValues: z.number().int(),
  snapshotFile: z.string().nullable(),
  actor: z.string(),
  at: z.string(),
  /** When it was undone (null: in force). */
  undoneAt: z.string().nullable(),
});

const UndoConflict = z.object({
  /** record: a list row a merged package added (诉求, 融资需求 …), changed since; `field` names the list. */
  kind: z.enum(['value', 'firm', 'year', 'record']),
  firmId: z.number().int().nullable(),
  name: z.string(),
  year: z.number().int().nullable(),
  field: z.string().nullable(),
  written: z.union([z.string(), z.number(), z.null()]),
  current: z.union([z.string(), z.number(), z.null()]),
  what: z.string(),
});

const UndoPlan = z.object({
  import: ImportRecord,
  counts: z.object({ values: z.number().int(), profile: z.number().int(), newYears: z.number().int(), newFirms: z.number().int(), titles: z.number().int(), members: z.number().int(), records: z.number().int() }),
  /** Later work touching what the import wrote: the analyst chooses to keep it or revert it too. */
  conflicts: z.array(UndoConflict),
});

const DoneSince = z.object({
  snapshot: z.object({ id: z.number().int(), file: z.string(), reason: z.string(), createdAt: z.string() }),
  /** What was done since the snapshot (newest first, at most 200), from the audit log; `total` counts all. */
  done: z.array(z.object({ at: z.string(), actor: z.string(), entity: z.string(), what: z.string() })),
  total: z.number().int(),
});

const File = z.object({ fileName: z.string(), mime: z.string(), base64: z.string(), savedTo: z.string().nullable().default(null) });

export const importMethods = {
  'import.analyse': { input: ImportInput, output: ImportReport },
  'import.apply': { input: ImportInput, output: z.object({ importId: z.number().int(), snapshot: z.string(), report: ImportReport }) },
  /** What the import under way (an analysis or an apply) has got to, so the import screen can say so while it
   * waits: the file opened and decoded (reading), its rows read and checked (checking: `rows`, and `done` of
   * `total` of the file where known — a CSV's characters), then planned against the data file (planning). */
  'import.progress': {
    input: z.object({}),
    output: z.object({
      running: z.boolean(),
      fileName: z.string().nullable(),
      phase: z.enum(['reading', 'checking', 'planning']).nullable(),
      rows: z.number().int().min(0),
      done: z.number().int().min(0),
      total: z.number().int().min(0),
    }),
  },
  'import.history': { input: z.object({}), output: z.array(ImportRecord) },
  'import.undoPlan': { input: z.object({}), output: UndoPlan },
  /** Reverts exactly what the last import wrote; with conflicts, `conflicts` says keep later work or revert it too. */
  'import.undo': {
    input: z.object({ conflicts: z.enum(['keep', 'revert']).optional() }),
    output: z.object({ undone: ImportRecord, before: z.string(), reverted: z.number().int(), kept: z.number().int() }),
  },
  'snapshot.since': { input: z.object({ id: z.number().int() }), output: DoneSince },
  'snapshot.restore': { input: z.object({ id: z.number().int() }), output: z.object({ restored: z.string(), before: z.string() }) },
  'template.file': { input: z.object({ format: z.enum(['xlsx', 'csv']) }), output: File },
  'data.export': { input: z.object({ poolYear: year.optional(), format: z.enum(['xlsx', 'csv']) }), output: File },
} as const;
