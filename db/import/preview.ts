// The import's verdict preview: the pool's verdicts under one set before the file and after it, worked out in memory
// — the plan's values laid over the stored facts as applyPlan writes them — so nothing is written, and no write is
// held open, while a province's pool is evaluated. A firm's verdict reads its own facts only, so only the firms the
// file names can change: the others are evaluated once, for "before".
import type Database from 'better-sqlite3';
import { compileSet } from '../criteria/compiled';
import { latestRevenueYear, loadFacts, readPoolFacts } from '../criteria/facts';
import type { FirmFacts, YearFigures } from '../criteria/metrics';
import { FIGURE_KEYS, type FigureKey, type FigureRow, type TitleCode } from '../figures';
import { enabledFn, requireSet } from '../criteria/library';
import type { FirmPlan, ImportPlan } from './plan';
import { drain, type Steps } from '../turns';

export interface VerdictChange {
  firmId: number;
  name: string;
  before: string | null;
  after: string | null;
}

const blank = (): FirmFacts => ({ segmentSince: null, foundedYear: null, isNewProduct: false, listed: false, titles: [], figures: new Map(), inputs: new Map() });

/** A figure row of the file as the data file stores it: every figure, an empty cell as null. */
function storedValues(row: FigureRow): Partial<Record<FigureKey, number | null>> {
  const values: Partial<Record<FigureKey, number | null>> = {};
  FIGURE_KEYS.forEach((k, i) => (values[k] = Number.isNaN(row[i]) ? null : row[i]));
  return values;
}

/** A firm's facts after its part of the plan (`base`: as stored, or blank for a new firm; not changed). */
export function factsAfter(base: FirmFacts, f: FirmPlan): FirmFacts {
  const after: FirmFacts = { ...base, titles: [...base.titles, ...f.titles.map((t) => ({ code: t.code as TitleCode, year: t.year }))], figures: new Map(base.figures) };
  for (const c of f.firm) {
    if (c.field === 'segment_since') after.segmentSince = c.new as number;
    else if (c.field === 'founded_year') after.foundedYear = c.new as number;
    else if (c.field === 'is_new_product') after.isNewProduct = c.new === true || c.new === 1;
    else if (c.field === 'listed') after.listed = c.new === true || c.new === 1;
  }
  for (const y of f.years) {
    if (!y.exists) {
      after.figures.set(y.year, { values: storedValues(y.values), sourceId: null });
      continue;
    }
    if (!y.changes.length) continue;
    const stored = after.figures.get(y.year);
    const values = { ...stored?.values };
    for (const c of y.changes) values[c.field as FigureKey] = c.new as number | null;
    after.figures.set(y.year, { ...stored, values, sourceId: stored?.sourceId ?? null } satisfies YearFigures);
  }
  return after;
}

/** The verdicts that the plan would change in `poolYear`'s pool (the file's firms join it, as applyPlan does). */
export function verdictPreview(db: Database.Database, plan: ImportPlan, setId: string, poolYear: number): VerdictChange[] {
  return drain(previewSteps(db, plan, setId, poolYear));
}

/** verdictPreview in steps of `firmsPerStep` evaluations (see turns.ts). */
export function* previewSteps(db: Database.Database, plan: ImportPlan, setId: string, poolYear: number, firmsPerStep = 2000): Steps<VerdictChange[]> {
  let done = 0;
  const step = () => ++done % firmsPerStep === 0;
  const summary = compileSet(requireSet(db, setId), enabledFn(db, setId));
  const verdictOf = (f: FirmFacts) => {
    const year = latestRevenueYear(f);
    return year == null ? null : summary(f, year).verdict;
  };
  const members = readPoolFacts(db, { poolYear });
  const named = new Set(plan.firms.flatMap((f) => (f.firmId === null ? [] : [f.firmId])));
  const before = new Map<number, string | null>();
  const stored = new Map<number, FirmFacts>();
  for (const [id, f] of members) {
    if (step()) yield;
    before.set(id, verdictOf(f));
    if (named.has(id)) stored.set(id, f);
  }
  const outside = [...named].filter((id) => !stored.has(id));
  if (outside.length) for (const [id, f] of loadFacts(db, { firmIds: outside })) stored.set(id, f);

  // A new firm would get the next row id, in the plan's order, as the firms table gives them.
  let next = ((db.prepare('SELECT max(id) FROM firms').pluck().get() as number | null) ?? 0) + 1;
  const out: VerdictChange[] = [];
  for (const f of plan.firms) {
    if (step()) yield;
    const id = f.firmId ?? next++;
    const was = before.get(id) ?? null;
    const now = verdictOf(factsAfter((f.firmId !== null && stored.get(f.firmId)) || blank(), f));
    if (was !== now) out.push({ firmId: id, name: f.name, before: was, after: now });
  }
  return out;
}
