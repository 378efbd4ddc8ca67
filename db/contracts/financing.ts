// 融资需求名单: the firms' financing needs, the banks each was pushed to and when, each bank's 对接结果 with
// its reason and amounts, 金融辅导 pairing; the list with totals and statistics, files in and out.
import { z } from 'zod';
import { safeText, TEXT_CAPS } from '../text';
import { FINANCE_METHODS, FINANCE_PURPOSES, PUSH_RESULTS } from '../migrations/016_finance_listing_payments';
import { AmountInput, IsoDate, ListExportInput, ListFileInput, ListImportReport } from './lists';
import { ExportFile } from './shortlist';
import { AuditEntry } from './common';

export { FINANCE_METHODS, FINANCE_PURPOSES, PUSH_RESULTS };
/** A need's state over its banks: the furthest any bank got, 未推送 before the first push. */
export const NEED_STATUSES = ['未推送', ...PUSH_RESULTS] as const;

const line = safeText(TEXT_CAPS.line);
const name = safeText(TEXT_CAPS.name).trim().min(1);
const bank = safeText(TEXT_CAPS.name).trim().min(1);

export const Push = z.object({
  bank: z.string(),
  pushedOn: z.string(),
  result: z.enum(PUSH_RESULTS),
  reason: z.string().nullable(),
  credit: z.number().nullable(),
  loan: z.number().nullable(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

export const Need = z.object({
  id: z.number().int(),
  creditCode: z.string(),
  name: z.string(),
  /** The firm's page, when the data file holds the firm. */
  firmId: z.number().int().nullable(),
  project: z.string(),
  amount: z.number(),
  purpose: z.enum(FINANCE_PURPOSES),
  method: z.enum(FINANCE_METHODS),
  term: z.string().nullable(),
  mentorBank: z.string().nullable(),
  mentorSince: z.string().nullable(),
  note: z.string().nullable(),
  source: z.string(),
  status: z.enum(NEED_STATUSES),
  credit: z.number(),
  loan: z.number(),
  pushes: z.array(Push),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

const Sums = { needs: z.number().int(), amount: z.number(), credit: z.number(), loan: z.number() };

export const financeMethods = {
  'finance.list': {
    input: z.object({
      search: line.optional(),
      creditCode: line.optional(),
      bank: line.optional(),
      purpose: z.enum(FINANCE_PURPOSES).optional(),
      status: z.enum(NEED_STATUSES).optional(),
    }),
    output: z.object({
      needs: z.array(Need),
      totals: z.object(Sums),
      /** Per bank: the needs pushed to it and that bank's own 授信 / 放款, and how many per result. */
      byBank: z.array(z.object({ bank: z.string(), ...Sums, results: z.record(z.enum(PUSH_RESULTS), z.number().int()) })),
      byPurpose: z.array(z.object({ purpose: z.enum(FINANCE_PURPOSES), ...Sums })),
      /** Every bank named in the data file (for the filters and the per-bank export). */
      banks: z.array(z.string()),
      /** The latest changes to the 名单, newest first. */
      history: z.array(AuditEntry),
    }),
  },
  'finance.save': {
    input: z.object({
      id: z.number().int().optional(),
      creditCode: line,
      name,
      project: name,
      amount: AmountInput,
      purpose: z.enum(FINANCE_PURPOSES),
      method: z.enum(FINANCE_METHODS),
      term: safeText(TEXT_CAPS.name).nullable().optional(),
      mentorBank: safeText(TEXT_CAPS.name).nullable().optional(),
      mentorSince: IsoDate.nullable().optional(),
      note: safeText(TEXT_CAPS.note, { multiline: true }).nullable().optional(),
    }),
    output: Need,
  },
  'finance.delete': { input: z.object({ id: z.number().int() }), output: z.object({ deleted: z.number().int() }) },
  'finance.push': {
    input: z.object({ needId: z.number().int(), banks: z.array(bank).min(1).max(50), pushedOn: IsoDate }),
    output: Need,
  },
  'finance.setResult': {
    input: z.object({
      needId: z.number().int(),
      bank,
      result: z.enum(PUSH_RESULTS),
      reason: safeText(TEXT_CAPS.reason).nullable().optional(),
      credit: AmountInput.nullable().optional(),
      loan: AmountInput.nullable().optional(),
    }),
    output: Need,
  },
  'finance.export': {
    /** The 名单 as a bank's 信贷处 receives it; with `bank`, only the needs pushed to that bank. */
    input: z.object({ bank: bank.optional(), ...ListExportInput }),
    output: ExportFile,
  },
  'finance.import': { input: ListFileInput, output: ListImportReport },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type NeedT = z.output<typeof Need>;
export type FinanceListT = z.output<(typeof financeMethods)['finance.list']['output']>;
