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
  | { title: (typeof TITLE_CODES)[number] }
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
    z.object({ title: z.enum(TITLE_CODES) }).strict(),
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
    confidence: z.enum(CONFIDENCE).optional(),
    note: bilingual.optional(),
  })
  .strict()
  .refine((i) => [i.metric && i.bands, i.best_of, i.input].filter(Boolean).length === 1, {
    message: 'an indicator needs exactly one of metric+bands, best_of, or input',
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
  })
  .strict();

export const CriteriaSetSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: bilingual,
    document: z.object({ name: z.string(), number: z.string(), date: z.string() }).strict(),
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
