// Criteria and evaluation methods (merged into the one contract in db/contract.ts).
import { z } from 'zod';
import { safeText, TEXT_CAPS } from '../text';
import { CriteriaSetSchema } from '../criteria/schema';
import { SourceRef } from './common';

const year = z.number().int().min(1990).max(2100);
const text = safeText(TEXT_CAPS.line);

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
  /** Shipped with the app, or added by an analyst from a file (with who, when and which file). */
  origin: z.enum(['shipped', 'imported']),
  added: z.object({ fileName: z.string(), by: z.string(), at: z.string() }).nullable(),
  /** The earlier version of the same id this one stands in for. */
  replacesVersion: z.number().int().nullable(),
  /** With a pool year asked for: whether the set's rules are in force in it. */
  inForce: z.enum(['yes', 'partly', 'no']).nullable(),
});

export const evaluationMethods = {
  'criteria.list': {
    input: z.object({ poolYear: year.optional() }),
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
  /** What a pool-wide evaluation under way (for a verdict sort or filter, or evaluate.pool) has got to, so a
   * waiting screen can say so: reading the figures, firms worked out, verdicts written for the table's sort. */
  'evaluate.progress': {
    input: z.object({}),
    output: z.object({
      running: z.boolean(),
      setId: z.string().nullable(),
      year: z.number().int().nullable(),
      phase: z.enum(['facts', 'evaluating', 'table']).nullable(),
      done: z.number().int().min(0),
      total: z.number().int().min(0),
    }),
  },
  'analyst.record': {
    input: z.object({
      firmId: z.number().int(),
      kind: z.enum(['flag', 'points', 'judgement']),
      key: z.string().regex(/^[a-z0-9_]+$/).max(60),
      setId: text.optional(),
      /** flag and judgement: yes/no; points: a number; null clears the record. */
      value: z.union([z.boolean(), z.number().min(0).max(100), z.null()]),
      note: safeText(TEXT_CAPS.note, { multiline: true }).optional(),
    }),
    output: AnalystInput,
  },
} as const;
