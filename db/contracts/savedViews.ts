// Saved views of the pool table: save, rename, reorder and delete named views of its filters, sort, criteria
// set and data year, kept in the data file. Merged into the one contract.
import { z } from 'zod';
import { TITLE_CODES } from '../figures';
import { safeText, TEXT_CAPS } from '../text';
import { VERDICTS } from './evaluation';
import { POOL_SORT_COLUMNS } from './poolSort';

const text = safeText(TEXT_CAPS.line);
const id = z.number().int();

/** What a view restores; a field left out is "all" (no filter) or, for the set and data year, left as chosen. */
export const ViewSpec = z
  .object({
    search: text.optional(),
    town: text.optional(),
    chain: text.optional(),
    title: z.enum(TITLE_CODES).optional(),
    verdict: z.enum(VERDICTS).optional(),
    sort: z.object({ column: z.enum(POOL_SORT_COLUMNS), dir: z.enum(['asc', 'desc']) }).optional(),
    setId: text.optional(),
    dataYear: z.number().int().min(1990).max(2100).optional(),
  })
  .strict();

export const SavedView = z.object({
  id,
  name: z.string(),
  /** 1, 2, 3 … in the analyst's order. */
  position: z.number().int(),
  spec: ViewSpec,
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

const name = safeText(TEXT_CAPS.name).trim().min(1, '请给视图起个名字');

export const savedViewMethods = {
  'views.list': { input: z.object({}), output: z.array(SavedView) },
  /** A new view (last in the order), or with `id` the named view's name and settings replaced. */
  'views.save': { input: z.object({ id: id.optional(), name, spec: ViewSpec }), output: SavedView },
  /** The views in the order given; it must name every view once. */
  'views.reorder': { input: z.object({ ids: z.array(id).max(500) }), output: z.array(SavedView) },
  'views.delete': { input: z.object({ id }), output: z.object({ id, name: z.string() }) },
} as const;
