// Messages between the service and its evaluation thread. Summaries travel as typed arrays (one per field), moved
// rather than copied: a province's 100,000 summaries as objects would take longer to clone than to work out.
import type { Projection } from '../criteria/projection';
import type { VerdictT } from '../contract';
import type { Summary } from './evaluation';
import { nextTurn } from '../turns';

export interface JobRequest {
  id: number;
  file: string;
  setId: string;
  poolYear: number;
  dataYear: number | undefined;
  /** The service's count of writes when asked: the thread reloads its facts when it changes. */
  generation: number;
  /** Shared with the service: set to 1 when a newer request supersedes this one. */
  cancel: Int32Array;
}

export interface EncodedSummaries {
  firmId: Int32Array;
  year: Int32Array;
  verdict: Uint8Array;
  /** The main score's interval and maximum; NaN when the set has no score. */
  lo: Float64Array;
  hi: Float64Array;
  max: Float64Array;
  /** 0 none, −1 not projectable, else the years. */
  projection: Int32Array;
}

export type JobReply =
  /** `facts`: reading the pool's figures (no count yet); `evaluating`: `done` of `total` firms worked out. */
  | { id: number; kind: 'progress'; phase: 'facts' | 'evaluating'; done: number; total: number }
  | { id: number; kind: 'done'; summaries: EncodedSummaries }
  | { id: number; kind: 'cancelled' }
  | { id: number; kind: 'error'; message: string; code: string };

const VERDICTS: VerdictT[] = ['eligible', 'not_eligible', 'incomplete', 'needs_review'];

export function encodeSummaries(results: Map<number, Summary>): EncodedSummaries {
  const n = results.size;
  const out: EncodedSummaries = {
    firmId: new Int32Array(n),
    year: new Int32Array(n),
    verdict: new Uint8Array(n),
    lo: new Float64Array(n),
    hi: new Float64Array(n),
    max: new Float64Array(n),
    projection: new Int32Array(n),
  };
  let i = 0;
  for (const [firmId, s] of results) {
    out.firmId[i] = firmId;
    out.year[i] = s.year;
    out.verdict[i] = VERDICTS.indexOf(s.verdict);
    out.lo[i] = s.score?.lo ?? NaN;
    out.hi[i] = s.score?.hi ?? NaN;
    out.max[i] = s.score?.max ?? NaN;
    out.projection[i] = s.projection.kind === 'none' ? 0 : s.projection.kind === 'not_projectable' ? -1 : s.projection.years;
    i++;
  }
  return out;
}

/** Summaries decoded between two turns of the service's event loop: a province's 100,000 at once would keep every
 * other call waiting. */
const DECODE_CHUNK = 10_000;

/** The summaries as objects again, `DECODE_CHUNK` a turn. */
export async function decodeSummaries(s: EncodedSummaries): Promise<Map<number, Summary>> {
  const out = new Map<number, Summary>();
  for (let i = 0; i < s.firmId.length; i++) {
    if (i > 0 && i % DECODE_CHUNK === 0) await nextTurn();
    const p = s.projection[i];
    const projection: Projection = p === 0 ? { kind: 'none' } : p === -1 ? { kind: 'not_projectable' } : { kind: 'years', years: p };
    out.set(s.firmId[i], {
      year: s.year[i],
      verdict: VERDICTS[s.verdict[i]],
      score: Number.isNaN(s.lo[i]) ? null : { lo: s.lo[i], hi: s.hi[i], max: s.max[i] },
      projection,
    });
  }
  return out;
}
