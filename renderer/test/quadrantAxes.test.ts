// The quadrant's lines come from the selected criteria set, read from the shipped criteria files.
import { describe, expect, it } from 'vitest';
import champion2016 from '../../assets/criteria/cn-champion-2016-demo.json';
import champion2023 from '../../assets/criteria/cn-champion-2023.json';
import innovative from '../../assets/criteria/cn-innovative-2022.json';
import littleGiant from '../../assets/criteria/cn-little-giant-2022.json';
import sdChampion from '../../assets/criteria/sd-champion-2023a.json';
import type { CriteriaSetInfoT, EvaluationRowT, PoolRowT } from '../../db/contract';
import { meets, quadrantAxes, valueOf } from '../src/sections/benchmark/quadrantAxes';

const info = (file: unknown, off: string[] = []): CriteriaSetInfoT => {
  const set = file as CriteriaSetInfoT;
  return { ...set, effective: Object.fromEntries(set.criteria.map((c) => [c.id, !off.includes(c.id) && (c.enabled ?? true)])), switchedBy: {} } as CriteriaSetInfoT;
};
const LIBRARY = [info(champion2016), info(champion2023), info(innovative), info(littleGiant), info(sdChampion)];
const pick = (l: ReturnType<typeof quadrantAxes>['size']) => l && { metric: l.metric, op: l.op, value: l.value, criterionId: l.criterionId, setId: l.setId, own: l.own };

describe('the quadrant’s lines', () => {
  it('are the set’s own: 单项冠军 2023 three-year average main revenue ≥ 4亿元 and global top 3', () => {
    const axes = quadrantAxes(info(champion2023), LIBRARY);
    expect(pick(axes.size)).toEqual({ metric: 'avg_3y(main_revenue)', op: '>=', value: 40000, criterionId: '2', setId: 'cn-champion-2023', own: true });
    expect(pick(axes.position)).toEqual({ metric: 'rank_global', op: '<=', value: 3, criterionId: '3', setId: 'cn-champion-2023', own: true });
    expect(axes.position?.unit).toBe('rank');
  });

  it('follow each set: 小巨人 share ≥ 10 %, 山东单项冠军 national top 5 and yearly revenue ≥ 4亿元', () => {
    expect(pick(quadrantAxes(info(littleGiant), LIBRARY).position)).toMatchObject({ metric: 'share_domestic', op: '>=', value: 10, criterionId: '5', own: true });
    const sd = quadrantAxes(info(sdChampion), LIBRARY);
    expect(pick(sd.position)).toMatchObject({ metric: 'rank_national', op: '<=', value: 5, own: true });
    expect(pick(sd.size)).toMatchObject({ metric: 'revenue', op: '>=', value: 40000, criterionId: '3', own: true });
  });

  it('borrow a line the set lacks from the first library set with a plain figure, and say it is borrowed', () => {
    // 小巨人 has no revenue floor (its revenue only picks R&D bands)
    expect(pick(quadrantAxes(info(littleGiant), LIBRARY).size)).toEqual({ metric: 'revenue', op: '>=', value: 40000, criterionId: '4', setId: 'cn-champion-2016-demo', own: false });
    // a library holding only 单项冠军 2023, whose lines are not plain figures, has nothing to lend
    expect(quadrantAxes(info(littleGiant), [info(champion2023)]).size).toBeNull();
    expect(quadrantAxes(info(innovative), LIBRARY).position?.own).toBe(false);
  });

  it('skip a switched-off criterion', () => {
    expect(pick(quadrantAxes(info(champion2023, ['3']), LIBRARY).position)).toMatchObject({ metric: 'rank_global', setId: 'cn-champion-2016-demo', own: false });
  });

  it('read a firm’s value where the verdict reads it, and compare it as the criterion does', () => {
    const { size, position } = quadrantAxes(info(champion2023), LIBRARY);
    const row = { firmId: 1, revenue: 50000, shareDomestic: 20, rankGlobal: 2, rankNational: 1 } as PoolRowT;
    const evaluation = { firmId: 1, criteria: [{ id: '2', metric: 'avg_3y(main_revenue)', value: 38000 }, { id: '3', metric: 'rank_global', value: 4 }] } as unknown as EvaluationRowT;
    expect(valueOf(size!, row, evaluation)).toBe(38000); // not this year's revenue
    expect(valueOf(size!, row, undefined)).toBeNull();
    expect(valueOf(position!, row, evaluation)).toBe(4);
    expect(valueOf(position!, row, undefined)).toBe(2);
    expect([meets(size!, 40000), meets(size!, 39999.9), meets(position!, 3), meets(position!, 4)]).toEqual([true, false, true, false]);
  });
});
