// 上市后备库 (竞跃 股改后备库 / 凌云 上市后备库) and the ledger of rewards and subsidies paid (奖补兑现).
// Merged into the one contract in db/contract.ts.
import { z } from 'zod';
import { safeText, TEXT_CAPS } from '../text';
import { MARKETS, PAYMENT_KINDS, RESERVES, STAGES } from '../migrations/016_finance_listing_payments';
import { AuditEntry } from './common';
import { AmountInput, DistrictContext, IsoDate, ListExportInput, ListFileInput, ListImportReport } from './lists';
import { REWARD_CODES } from './overview';
import { ExportFile } from './shortlist';

export { MARKETS, PAYMENT_KINDS, RESERVES, STAGES };
/** The stages a firm moves through, in order (退出 leaves the funnel at any of them). */
export const PROGRESS_STAGES = STAGES.filter((s) => s !== '退出') as Exclude<(typeof STAGES)[number], '退出'>[];

const line = safeText(TEXT_CAPS.line);
const name = safeText(TEXT_CAPS.name).trim().min(1);
const note = safeText(TEXT_CAPS.note, { multiline: true });

export const StageEntry = z.object({ stage: z.enum(STAGES), onDate: z.string().nullable(), reason: z.string().nullable(), source: z.string(), updatedBy: z.string(), updatedAt: z.string() });

export const ListingFirm = z.object({
  id: z.number().int(),
  creditCode: z.string().nullable(),
  name: z.string(),
  firmId: z.number().int().nullable(),
  reserve: z.enum(RESERVES),
  enteredOn: z.string().nullable(),
  market: z.enum(MARKETS).nullable(),
  intermediaries: z.string().nullable(),
  problems: z.string().nullable(),
  /** The 诉求台账 entry the problems are tracked under (linked once that ledger exists). */
  requestId: z.number().int().nullable(),
  source: z.string(),
  /** The furthest stage reached (入库 at least), and whether the firm has left the reserve. */
  stage: z.enum(STAGES),
  exited: z.boolean(),
  /** 入库 (the entry date) first, then each later stage recorded, in the order of the stages. */
  stages: z.array(StageEntry),
  /** 股改奖补 paid to the firm, from the ledger (万元). */
  subsidy: z.number(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

export const Payment = z.object({
  id: z.number().int(),
  creditCode: z.string(),
  name: z.string(),
  firmId: z.number().int().nullable(),
  kind: z.enum(PAYMENT_KINDS),
  titleCode: z.enum(REWARD_CODES).nullable(),
  year: z.number().int(),
  amount: z.number(),
  document: z.string().nullable(),
  source: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

const Sum = { count: z.number().int(), firms: z.number().int(), amount: z.number() };

export const listingMethods = {
  'listing.list': {
    input: z.object({ reserve: z.enum(RESERVES).optional(), search: line.optional(), creditCode: line.optional() }),
    output: z.object({
      firms: z.array(ListingFirm),
      /** Firms that reached each stage (exited ones count for the stages they reached). */
      funnel: z.array(z.object({ stage: z.enum(STAGES), count: z.number().int() })),
      exited: z.number().int(),
      district: DistrictContext,
      history: z.array(AuditEntry),
    }),
  },
  'listing.save': {
    input: z.object({
      id: z.number().int().optional(),
      creditCode: line.nullable().optional(),
      name,
      reserve: z.enum(RESERVES),
      enteredOn: IsoDate.nullable().optional(),
      market: z.enum(MARKETS).nullable().optional(),
      intermediaries: note.nullable().optional(),
      problems: note.nullable().optional(),
      requestId: z.number().int().nullable().optional(),
    }),
    output: ListingFirm,
  },
  'listing.setStage': {
    /** Records a stage after 入库 on its date; 退出 needs the reason. */
    input: z.object({ id: z.number().int(), stage: z.enum(STAGES).exclude(['入库']), onDate: IsoDate, reason: safeText(TEXT_CAPS.reason).nullable().optional() }),
    output: ListingFirm,
  },
  'listing.export': { input: z.object({ reserve: z.enum(RESERVES).optional(), ...ListExportInput }), output: ExportFile },
  'listing.import': { input: ListFileInput, output: ListImportReport },
  'payments.list': {
    input: z.object({ creditCode: line.optional(), kind: z.enum(PAYMENT_KINDS).optional(), year: z.number().int().optional() }),
    output: z.object({
      rows: z.array(Payment),
      total: z.number(),
      byKind: z.array(z.object({ kind: z.enum(PAYMENT_KINDS), ...Sum })),
      byYear: z.array(z.object({ year: z.number().int(), ...Sum })),
      /** First-recognition rewards paid per title (for 总览's reward card, beside the budget). */
      byTitle: z.array(z.object({ code: z.enum(REWARD_CODES), ...Sum })),
      district: DistrictContext,
      history: z.array(AuditEntry),
    }),
  },
  'payments.save': {
    input: z.object({
      id: z.number().int().optional(),
      creditCode: line,
      name,
      kind: z.enum(PAYMENT_KINDS),
      titleCode: z.enum(REWARD_CODES).nullable().optional(),
      year: z.number().int().min(1990).max(2100),
      amount: AmountInput,
      document: safeText(TEXT_CAPS.line).nullable().optional(),
    }),
    output: Payment,
  },
  'payments.delete': { input: z.object({ id: z.number().int() }), output: z.object({ deleted: z.number().int() }) },
  'payments.export': { input: z.object({ kind: z.enum(PAYMENT_KINDS).optional(), year: z.number().int().optional(), ...ListExportInput }), output: ExportFile },
  'payments.import': { input: ListFileInput, output: ListImportReport },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type ListingFirmT = z.output<typeof ListingFirm>;
export type PaymentT = z.output<typeof Payment>;
export type ListingListT = z.output<(typeof listingMethods)['listing.list']['output']>;
export type PaymentsListT = z.output<(typeof listingMethods)['payments.list']['output']>;
