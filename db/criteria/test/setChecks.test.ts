// What a criteria file must satisfy beyond its shape: indicators with exactly one way of scoring, a minimum only
// for analyst-scored items, score references wherever a rule nests them, periods in order, maxima that add up.
import { describe, expect, it } from 'vitest';
import { CriteriaFileError, criteriaSet, criteriaSets, parseCriteriaSet } from '../sets';

const t = { zh: '条件', en: 'condition' };

function file(over: { criteria?: unknown[]; indicators?: unknown[]; tableMax?: number; effective_to?: string | null } = {}) {
  return {
    id: 'check-set',
    title: t,
    document: { name: '文件', number: '工信部企业〔2022〕63号', date: '2022-06' },
    effective_from: '2022-06',
    effective_to: over.effective_to ?? null,
    confidence: 'text',
    level: 'national',
    criteria: over.criteria ?? [{ id: 'a', text: t, rule: { score: 'main', op: '>=', value: 1 } }],
    scores: {
      main: {
        label: t,
        max: over.tableMax ?? 10,
        indicators: over.indicators ?? [
          { id: 'x', label: t, block: 'b1', max: 4, metric: 'revenue', bands: [{ gte: 1, points: 4 }] },
          { id: 'y', label: t, block: 'b2', max: 6, input: 'level', min: 2 },
        ],
      },
    },
  };
}

function refusal(json: unknown): CriteriaFileError {
  try {
    parseCriteriaSet('check.json', json);
  } catch (e) {
    if (e instanceof CriteriaFileError) return e;
    throw e;
  }
  throw new Error('accepted a malformed criteria file');
}

describe('a criteria file', () => {
  it('is accepted when consistent, and says in its message which file, where and what', () => {
    expect(parseCriteriaSet('check.json', file()).id).toBe('check-set');
    const e = refusal(file({ effective_to: '2022-05' }));
    expect(e).toMatchObject({ name: 'CriteriaFileError', file: 'check.json', where: 'effective_to', problem: 'ends (2022-05) before it starts (2022-06)' });
    expect(e.message).toBe('标准文件 check.json 无效：effective_to — ends (2022-05) before it starts (2022-06)');
    expect(parseCriteriaSet('check.json', file({ effective_to: '2022-06' })).effective_to).toBe('2022-06');
  });

  it('needs exactly one way of scoring each indicator', () => {
    const base = { id: 'x', label: t, max: 10 };
    const bands = [{ gte: 1, points: 10 }];
    expect(parseCriteriaSet('check.json', file({ indicators: [{ ...base, best_of: [{ metric: 'revenue', bands }] }] })).scores.main.indicators).toHaveLength(1);
    for (const ind of [{ ...base }, { ...base, metric: 'revenue' }, { ...base, metric: 'revenue', bands, input: 'level' }, { ...base, input: 'level', best_of: [{ metric: 'revenue', bands }] }]) {
      expect(refusal(file({ indicators: [ind] })).problem).toBe('an indicator needs exactly one of metric+bands, best_of, or input');
    }
  });

  it('allows a minimum only on an analyst-scored item, and not above its maximum', () => {
    const base = { id: 'x', label: t, max: 10 };
    expect(parseCriteriaSet('check.json', file({ indicators: [{ ...base, input: 'level', min: 10 }] })).scores.main.indicators[0].min).toBe(10);
    const problem = 'min applies only to an input indicator and cannot exceed its max';
    expect(refusal(file({ indicators: [{ ...base, input: 'level', min: 11 }] })).problem).toBe(problem);
    expect(refusal(file({ indicators: [{ ...base, metric: 'revenue', bands: [{ gte: 1, points: 10 }], min: 1 }] })).problem).toBe(problem);
  });

  it('checks score references nested in any rule form, and their blocks', () => {
    const score = (extra: object = {}) => ({ score: 'main', op: '>=', value: 1, ...extra });
    const nested = [
      { all: [{ const: true }, score({ score: 'nope' })] },
      { any: [{ const: true }, score({ score: 'nope' })] },
      { each_year: 2, rule: score({ score: 'nope' }) },
      { when: { const: true }, then: { const: true }, else: score({ score: 'nope' }) },
      { band: 'revenue', cases: [{ gte: 1, rule: score({ score: 'nope' }) }] },
    ];
    for (const rule of nested) {
      const e = refusal(file({ criteria: [{ id: 'a', text: t, rule: { const: true } }, { id: 'b', text: t, rule }] }));
      expect([e.where, e.problem], JSON.stringify(rule)).toEqual(['criteria.1.rule', 'no score table nope']);
    }
    expect(parseCriteriaSet('check.json', file({ criteria: [{ id: 'a', text: t, rule: score({ block: 'b2' }) }] })).criteria).toHaveLength(1);
    expect(refusal(file({ criteria: [{ id: 'a', text: t, rule: score({ block: 'b3' }) }] })).problem).toBe('no block b3 in main');
  });

  it('needs indicator maxima adding up to the table’s, decimals included', () => {
    const ind = (id: string, max: number) => ({ id, label: t, max, input: id });
    expect(parseCriteriaSet('check.json', file({ tableMax: 0.3, indicators: [ind('p', 0.1), ind('q', 0.2)] })).scores.main.max).toBe(0.3);
    const e = refusal(file({ tableMax: 10, indicators: [ind('p', 4), ind('q', 5)] }));
    expect([e.where, e.problem]).toEqual(['scores.main', 'indicator maxima add up to 9, not 10']);
    expect(refusal(file({ tableMax: 10, indicators: [ind('p', 4), ind('q', 7)] })).problem).toBe('indicator maxima add up to 11, not 10');
  });

  it('names the root when the whole file is wrong', () => {
    expect(refusal('not a set').where).toBe('(root)');
  });
});

describe('the shipped sets', () => {
  it('are read once and found by id', () => {
    expect(criteriaSets()).toBe(criteriaSets());
    expect(criteriaSet('cn-champion-2023')?.id).toBe('cn-champion-2023');
    expect(criteriaSet('no-such-set')).toBeUndefined();
  });
});
