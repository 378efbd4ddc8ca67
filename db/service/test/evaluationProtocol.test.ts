// Summaries between the evaluation thread and the service: typed arrays one way, the same objects back, a
// province's worth decoded a few thousand a turn so other calls are answered meanwhile.
import { describe, expect, it } from 'vitest';
import type { Summary } from '../evaluation';
import { decodeSummaries, encodeSummaries } from '../evaluationProtocol';

function summaries(n: number): Map<number, Summary> {
  const verdicts = ['eligible', 'not_eligible', 'incomplete', 'needs_review'] as const;
  const out = new Map<number, Summary>();
  for (let i = 0; i < n; i++) {
    const projection: Summary['projection'] = i % 3 === 0 ? { kind: 'none' } : i % 3 === 1 ? { kind: 'not_projectable' } : { kind: 'years', years: (i % 5) + 1 };
    out.set(1000 + i * 7, { year: 2020 + (i % 5), verdict: verdicts[i % 4], score: i % 2 ? { lo: i % 100, hi: (i % 100) + 0.5, max: 100 } : null, projection });
  }
  return out;
}

describe('the evaluation thread’s summaries', () => {
  it('come back as the same summaries in the same order, 25,000 of them, with other work done between turns', async () => {
    const before = summaries(25_000);
    let turns = 0;
    let counting = true;
    const tick = () => {
      turns++;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    const after = await decodeSummaries(encodeSummaries(before));
    counting = false;
    expect(after).toEqual(before);
    expect([...after.keys()]).toEqual([...before.keys()]);
    // 25,000 at 10,000 a turn: at least two turns of other work while decoding.
    expect(turns).toBeGreaterThanOrEqual(2);
  });

  it('keep an empty evaluation empty', async () => {
    expect(await decodeSummaries(encodeSummaries(new Map()))).toEqual(new Map());
  });
});
