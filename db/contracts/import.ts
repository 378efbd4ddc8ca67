// 年度更新 methods: analyse and apply an import, undo it, snapshots, the template and the data as files.
// Merged into the one contract in db/contract.ts.
import { z } from 'zod';
import { safeText, TEXT_CAPS } from '../text';

const year = z.number().int().min(1990).max(2100);
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ImportInput = z.object({
  fileName: safeText(TEXT_CAPS.fileName).min(1),
  /** The file's bytes (browser mode uploads them; the desktop reads the file the user chose): up to 256 MB. */
  base64: z.string().max(360_000_000),
  sheet: safeText(TEXT_CAPS.name).optional(),
  encoding: z.enum(['utf8', 'gbk']).optional(),
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
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable(),
  sheet: z.string().nullable(),
  sheets: z.array(z.string()),
  headerRow: z.number().int().nullable(),
  columns: z.array(z.object({ index: z.number().int(), header: z.string(), key: z.string().nullable(), unit: z.string().nullable() })),
  refused: z.boolean(),
  /** Errors first, at most 1,000 listed; `problemCounts` has the whole file's. */
  problems: z.array(ImportProblem),
  problemCounts: z.object({ errors: z.number().int(), warnings: z.number().int() }),
  counts: z.object({ rows: z.number().int(), newFirms: z.number().int(), changedFirms: z.number().int(), unchangedFirms: z.number().int(), changedValues: z.number().int(), newYears: z.number().int() }).nullable(),
  /** New and changed firms only, at most 500 listed (unchanged ones are counted, not listed; `counts` has all). */
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
});

const File = z.object({ fileName: z.string(), mime: z.string(), base64: z.string(), savedTo: z.string().nullable().default(null) });

export const importMethods = {
  'import.analyse': { input: ImportInput, output: ImportReport },
  'import.apply': { input: ImportInput, output: z.object({ importId: z.number().int(), snapshot: z.string(), report: ImportReport }) },
  'import.history': { input: z.object({}), output: z.array(ImportRecord) },
  'import.undo': { input: z.object({}), output: z.object({ undone: ImportRecord, before: z.string() }) },
  'snapshot.restore': { input: z.object({ id: z.number().int() }), output: z.object({ restored: z.string(), before: z.string() }) },
  'template.file': { input: z.object({ format: z.enum(['xlsx', 'csv']) }), output: File },
  'data.export': { input: z.object({ poolYear: year.optional(), format: z.enum(['xlsx', 'csv']) }), output: File },
} as const;
