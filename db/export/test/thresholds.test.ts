// The 标准与出处 sheet writes each threshold with its unit, as the policy does ("≥ 4亿元", "≥ 70 %").
import { describe, expect, it } from 'vitest';
import champion from '../../../assets/criteria/cn-champion-2023.json';
import giant from '../../../assets/criteria/cn-little-giant-2022.json';
import gazelle from '../../../assets/criteria/sd-gazelle-2020.json';
import { parseCriteriaSet } from '../../criteria/sets';
import { amountText, thresholdText } from '../shortlistData';

const rule = (set: unknown, id: string) => parseCriteriaSet('x.json', set).criteria.find((c) => c.id === id)!.rule;

describe('thresholds in the 标准与出处 sheet', () => {
  it('carry their units', () => {
    expect(thresholdText(rule(champion, '2'))).toBe('近三年平均主营业务收入 ≥ 4亿元');
    expect(thresholdText(rule(champion, '3'))).toMatch(/≤ 第3名$/);
    expect(thresholdText(rule(giant, '2'))).toBe('主营业务收入占比 ≥ 70 %');
    expect(thresholdText(rule(giant, '4'))).toBe('资产负债率 ≤ 70 %');
    expect(thresholdText(rule(gazelle, '6'))).toMatch(/≥ 75分$/);
  });

  it('writes money in 万元 below one 亿 and in 亿元 from there', () => {
    expect(amountText(40000, 'money')).toBe('4亿元');
    expect(amountText(15000, 'money')).toBe('1.5亿元');
    expect(amountText(1000, 'money')).toBe('1000万元');
    expect(amountText(10, 'years')).toBe('10年');
    expect(amountText(2, 'count')).toBe('2项');
  });
});
