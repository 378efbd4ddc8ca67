// Shapes the three lists share (融资需求名单, 上市后备库, 奖补兑现台账): amounts as typed, dates, a list file's
// import report and the letter's district totals shown as context.
import { z } from 'zod';
import { safeText, TEXT_CAPS } from '../text';
import { ImportProblem } from './import';
import { UploadId } from './import';

/** 万元: a number, or text as the figures import reads it (`1.2亿`, `3500万元`, `12,345.6`). */
export const AmountInput = z.union([z.number(), safeText(TEXT_CAPS.line)]);
/** A calendar date as YYYY-MM-DD (shown as 2023年7月28日). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '不是有效日期');

/** A list file to read: exactly one of path (desktop, CLI), upload (browser mode) or base64 (small files). */
export const ListFileInput = z.object({
  fileName: safeText(TEXT_CAPS.fileName).min(1),
  path: z.string().min(1).max(4096).optional(),
  upload: UploadId.optional(),
  base64: z.string().max(50_000_000).optional(),
  encoding: z.enum(['utf8', 'gbk']).optional(),
  /** Check and report only; nothing is written. */
  dryRun: z.boolean().default(false),
});

export const ListImportReport = z.object({
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv', 'xls', 'et', 'ods']),
  sheet: z.string().nullable(),
  /** Records read (a need, a reserve firm, a payment). */
  records: z.number().int(),
  added: z.number().int(),
  /** Records already in the list: written with the file's values where they differ (each change audited). */
  updated: z.number().int(),
  /** The first few names as decoded: a wrong encoding shows here before anything is written. */
  names: z.array(z.string()),
  problems: z.array(ImportProblem),
  /** Any error refuses the whole file; nothing is written. */
  refused: z.boolean(),
  applied: z.boolean(),
  /** The snapshot taken before the file was applied. */
  snapshot: z.string().nullable(),
});

/** The letter's own totals, shown beside the list as the district's context (not counted from the list). */
export const DistrictContext = z.object({
  source: z.string(),
  items: z.array(z.object({ key: z.string(), label: z.string(), value: z.number(), unit: z.enum(['firms', 'wan']) })),
});

export const ListExportInput = {
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  fillingUnit: safeText(TEXT_CAPS.name).optional(),
  /** The date printed on the form (YYYY-MM-DD); default: today. */
  date: IsoDate.optional(),
};

export type ListImportReportT = z.output<typeof ListImportReport>;
export type DistrictContextT = z.output<typeof DistrictContext>;
