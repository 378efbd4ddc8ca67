// The small calls E3 and E4 time: a call's wait runs from when it was due, so a thread blocked by the work it
// waits on counts in full — including the block that ends the work, which a poller checking "still busy?" after
// its timer would never see.
import { describe, expect, it } from 'vitest';
import { callsWhile } from '../measure';

const block = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('callsWhile', () => {
  it('counts a block of the thread in the wait of the call due during it', async () => {
    let busy = true;
    setTimeout(() => block(300), 50);
    setTimeout(() => (busy = false), 150);
    const calls = await callsWhile(() => busy, async () => 'answer');
    expect(Math.max(...calls.map((c) => c.wait))).toBeGreaterThanOrEqual(200);
    expect(calls.every((c) => c.answer === 'answer' && c.wait >= 0)).toBe(true);
  });

  it('counts a block that ends the work, and waits from the first due time given', async () => {
    let busy = true;
    const start = performance.now();
    // The work blocks the thread from its start and ends with the block, before any call could be made.
    setTimeout(() => {
      block(250);
      busy = false;
    }, 0);
    const calls = await callsWhile(() => busy, async () => 1, 20, start + 20);
    expect(calls).toHaveLength(1);
    expect(calls[0].wait).toBeGreaterThanOrEqual(200);
  });

  it('makes no call once the work is over', async () => {
    expect(await callsWhile(() => false, async () => 1)).toEqual([]);
  });
});
