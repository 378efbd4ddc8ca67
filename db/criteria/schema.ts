// The shape of a criteria-set file (assets/criteria/*.json): the set's source and confidence, and per
// criterion its text, rule and own confidence. Rules and score tables are data; the engine interprets them.
import { z } from 'zod';
import { TITLE_CODES } from '../figures';
import { isMetric } from './metrics';

export const CONFIDENCE = ['text', 'multi', 'single', 'unconfirmed'] as const;
export type Confidence = (typeof CONFIDENCE)[number];

const bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) });
const metric = z.string().refine(isMetric, { message: 'unknown metric' });
const op = z.enum(['>=', '>', '<=', '<', '==']);
/** One or more document numbers, `；`-separated, each like 工信部企业〔2022〕63号. */
const DOC_NUMBER = /^[^〔〕；\s]+〔\d{4}〕\d+号(；[^〔〕；\s]+〔\d{4}〕\d+号)*$/;
/** A day, or a month or year when the source gives no more (2022-06 is read as from its first day / to its last). */
const period = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, { message: 'a date as YYYY-MM-DD (or YYYY-MM, YYYY)' });

/** One band of a score indicator or a revenue branch: bounds written out explicitly (criteria-spec §4). */
const bounds = {
  gte: z.number().optional(),
  gt: z.number().optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
};

export type Rule =
  | { cmp: string; op: z.infer<typeof op>; value: number }
  | { all: Rule[] }
  | { any: Rule[] }
  | { each_year: number; rule: Rule }
  | { when: Rule; then: Rule; else: Rule }
  | { band: string; cases: ({ rule: Rule } & Partial<Record<'gte' | 'gt' | 'lt' | 'lte', number>>)[] }
  | { title: (typeof TITLE_CODES)[number]; valid?: boolean }
  | { flag: string; text: { zh: string; en: string } }
  | { review: string; text?: { zh: string; en: string } }
  | { score: string; block?: string; op: '>=' | '>'; value: number }
  | { const: boolean };

export const RuleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.union([
    z.object({ cmp: metric, op, value: z.number() }).strict(),
    z.object({ all: z.array(RuleSchema).min(1) }).strict(),
    z.object({ any: z.array(RuleSchema).min(1) }).strict(),
    z.object({ each_year: z.number().int().min(1).max(5), rule: RuleSchema }).strict(),
    z.object({ when: RuleSchema, then: RuleSchema, else: RuleSchema }).strict(),
    z.object({ band: metric, cases: z.array(z.object({ rule: RuleSchema, ...bounds }).strict()).min(1) }).strict(),
    /** `valid`: obtained in Y−2 … Y (criteria-spec §1); without it, obtained in or before Y. */
    z.object({ title: z.enum(TITLE_CODES), valid: z.boolean().optional() }).strict(),
    z.object({ flag: z.string().min(1), text: bilingual }).strict(),
    z.object({ review: z.string().min(1), text: bilingual.optional() }).strict(),
    z.object({ score: z.string().min(1), block: z.string().optional(), op: z.enum(['>=', '>']), value: z.number() }).strict(),
    z.object({ const: z.boolean() }).strict(),
  ]),
);

const Band = z.object({ ...bounds, points: z.number().min(0) }).strict();

const Indicator = z
  .object({
    id: z.string().min(1),
    label: bilingual,
    block: z.string().optional(),
    max: z.number().positive(),
    /** Banded on a metric (an `input:KEY` metric reads an analyst's recorded level). */
    metric: metric.optional(),
    bands: z.array(Band).optional(),
    /** The higher of several banded metrics ("rd_expense ≥ 500 or rd_intensity ≥ 10"). */
    best_of: z.array(z.object({ metric, bands: z.array(Band).min(1) }).strict()).optional(),
    /** Points an analyst records directly, clamped to [0, max]. */
    input: z.string().optional(),
    /** For `input`: the fewest points any answer scores (创新型's field: other → 5), so an unrecorded one counts
     * as [min, max] rather than [0, max] (criteria-spec §3). */
    min: z.number().min(0).optional(),
    confidence: z.enum(CONFIDENCE).optional(),
    note: bilingual.optional(),
  })
  .strict()
  .refine((i) => [i.metric && i.bands, i.best_of, i.input].filter(Boolean).length === 1, {
    message: 'an indicator needs exactly one of metric+bands, best_of, or input',
  })
  .refine((i) => i.min === undefined || (i.input !== undefined && i.min <= i.max), {
    message: 'min applies only to an input indicator and cannot exceed its max',
  });

const Criterion = z
  .object({
    id: z.string().min(1),
    text: bilingual,
    rule: RuleSchema,
    confidence: z.enum(CONFIDENCE).optional(),
    /** Unconfirmed criteria ship disabled, with the reason shown. */
    enabled: z.boolean().default(true),
    reason: bilingual.optional(),
    /** When this (alternative) criterion is switched on, it stands in for another. */
    replaces: z.string().optional(),
    /** Shown beside the criterion wherever it appears, e.g. that it is a province's recommendation condition. */
    tag: bilingual.optional(),
  })
  .strict();

export const CriteriaSetSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: bilingual,
    /** A set replacing another of the same id says so with a higher version (shipped sets are version 1). */
    version: z.number().int().min(1).max(999).default(1),
    document: z
      .object({
        name: z.string().min(1),
        /** The document number as issued (工信部企业〔2022〕63号); null when the source shows none — never a placeholder. */
        number: z.string().regex(DOC_NUMBER, { message: 'not a document number such as 工信部企业〔2022〕63号 (write null when there is none)' }).nullable(),
        date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { message: 'a date as YYYY, YYYY-MM or YYYY-MM-DD' }),
      })
      .strict(),
    /** The period the rules apply to (inclusive); effective_to null: still in force. */
    effective_from: period,
    effective_to: period.nullable().default(null),
    /** Shown with the set on screen, in exports and in the CLI (e.g. that a revised version applies from a date). */
    notice: bilingual.optional(),
    confidence: z.enum(CONFIDENCE),
    level: z.enum(['national', 'provincial']),
    title_code: z.enum(TITLE_CODES).optional(),
    note: bilingual.optional(),
    criteria: z.array(Criterion).min(1),
    scores: z
      .record(z.string(), z.object({ label: bilingual, max: z.number().positive(), blocks: z.record(z.string(), bilingual).optional(), indicators: z.array(Indicator).min(1) }).strict())
      .default({}),
  })
  .strict();

export type CriteriaSet = z.output<typeof CriteriaSetSchema>;
export type Criterion = CriteriaSet['criteria'][number];
export type ScoreTable = CriteriaSet['scores'][string];
export type Indicator = ScoreTable['indicators'][number];
export type BandT = z.infer<typeof Band>;
