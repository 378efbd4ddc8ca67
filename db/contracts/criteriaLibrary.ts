// Criteria sets added from files, removed, and two sets compared over a pool (merged into db/contract.ts).
import { z } from 'zod';
import { safeText, TEXT_CAPS } from '../text';
import { VERDICTS } from './evaluation';
import { ExportFile } from './shortlist';

const year = z.number().int().min(1990).max(2100);
const setId = z.string().min(1).max(100);
const verdict = z.enum(VERDICTS);

/** One firm under both sets: its verdicts and, where they differ, the criteria that decide the difference. */
export const CompareRow = z.object({
  firmId: z.number().int(),
  creditCode: z.string(),
  name: z.string(),
  dataYear: z.number().int().nullable(),
  from: verdict.nullable(),
  to: verdict.nullable(),
  /** gained / lost: eligibility won or lost; changed: another verdict; same: no change. */
  move: z.enum(['gained', 'lost', 'changed', 'same']),
  deciding: z.array(z.object({ side: z.enum(['from', 'to']), criterionId: z.string(), text: z.string(), status: z.enum(['fail', 'unknown', 'review', 'pass']) })),
});

const compareInput = z.object({ from: setId, to: setId, year, dataYear: year.optional() });

export const CompareResult = z.object({
  from: z.object({ id: z.string(), title: z.string(), notice: z.string().nullable() }),
  to: z.object({ id: z.string(), title: z.string(), notice: z.string().nullable() }),
  year,
  dataYear: z.number().int().nullable(),
  rows: z.array(CompareRow),
  counts: z.object({
    firms: z.number().int(),
    gained: z.number().int(),
    lost: z.number().int(),
    changed: z.number().int(),
    same: z.number().int(),
    from: z.record(verdict, z.number().int()),
    to: z.record(verdict, z.number().int()),
    /** Firms per pair of verdicts (from → to), for the chart of the moves. */
    moves: z.array(z.object({ from: verdict.nullable(), to: verdict.nullable(), n: z.number().int() })),
  }),
});

export const criteriaLibraryMethods = {
  'criteria.import': {
    input: z.object({ fileName: safeText(TEXT_CAPS.fileName).min(1), text: z.string().max(2_000_000) }),
    output: z.object({ setId: z.string(), version: z.number().int(), replacesVersion: z.number().int().nullable(), addedBy: z.string(), addedAt: z.string() }),
  },
  'criteria.remove': {
    input: z.object({ setId }),
    output: z.object({ setId: z.string(), removedVersion: z.number().int(), nowVersion: z.number().int().nullable() }),
  },
  'criteria.compare': {
    input: compareInput,
    output: CompareResult,
  },
  'criteria.compareExport': {
    input: compareInput,
    output: ExportFile,
  },
} as const;
