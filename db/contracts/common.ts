// Shapes several parts of the contract share: where a value came from, and an audit entry.
import { z } from 'zod';

export const SourceRef = z.object({
  id: z.number().int(),
  kind: z.enum(['sample', 'seed_letter', 'import', 'manual']),
  label: z.string(),
  file: z.string().nullable(),
  sheet: z.string().nullable(),
  actor: z.string().nullable(),
  at: z.string(),
});

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  entity: z.string(),
  year: z.number().int().nullable(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  note: z.string().nullable(),
  /** The firm a shortlist change concerns (shortlist histories name it). */
  firmName: z.string().nullable().default(null),
  /** What an analyst's recorded input concerns, named from the criteria data (firm histories fill it). */
  subject: z.object({ zh: z.string(), en: z.string() }).nullable().optional(),
});
