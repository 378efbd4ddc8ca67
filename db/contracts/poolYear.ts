// The pool year: start next year's pool from last year's, mark members kept / graduated / removed with a
// reason, re-check last year's entrants, and compare two years. Merged into the one contract.
import { z } from 'zod';
import { safeText, TEXT_CAPS } from '../text';

const year = z.number().int().min(1990).max(2100);
const memberStatus = z.enum(['member', 'kept', 'new', 'graduated', 'removed']);

const Flag = z.object({
  kind: z.enum(['share_fell', 'profit_fell', 'verdict_worse']),
  /** The value the year before and now (shares in %, profit in 万元, verdicts by name). */
  before: z.union([z.number(), z.string(), z.null()]),
  after: z.union([z.number(), z.string(), z.null()]),
});

export const poolYearMethods = {
  'poolYear.start': {
    input: z.object({ year, from: year.optional(), name: safeText(TEXT_CAPS.name).trim().min(1).optional() }),
    output: z.object({ year: z.number().int(), name: z.string(), carried: z.number().int() }),
  },
  'poolYear.setMember': {
    input: z.object({ year, firmId: z.number().int(), status: memberStatus, reason: safeText(TEXT_CAPS.reason, { multiline: true }).trim().min(1, '请写明原因') }),
    output: z.object({ year: z.number().int(), firmId: z.number().int(), status: memberStatus, reason: z.string() }),
  },
  'poolYear.recheck': {
    input: z.object({ year, setId: safeText(TEXT_CAPS.name), dataYear: year.optional() }),
    output: z.object({
      dataYear: z.number().int().nullable(),
      firms: z.array(z.object({ firmId: z.number().int(), name: z.string(), status: memberStatus, flags: z.array(Flag) })),
    }),
  },
  'poolYear.compare': {
    input: z.object({ a: year, b: year }),
    output: z.object({
      a: z.object({ year: z.number().int(), dataYear: z.number().int().nullable(), members: z.number().int() }),
      b: z.object({ year: z.number().int(), dataYear: z.number().int().nullable(), members: z.number().int() }),
      firms: z.array(
        z.object({
          firmId: z.number().int(),
          name: z.string(),
          statusA: memberStatus.nullable(),
          statusB: memberStatus.nullable(),
          reasonB: z.string().nullable(),
          revenueA: z.number().nullable(),
          revenueB: z.number().nullable(),
          shareA: z.number().nullable(),
          shareB: z.number().nullable(),
        }),
      ),
    }),
  },
} as const;
