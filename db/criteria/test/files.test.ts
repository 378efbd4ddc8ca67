import { describe, expect, it } from 'vitest';
import champion from '../../../assets/criteria/cn-champion-2023.json';
import srdi from '../../../assets/criteria/cn-srdi-2022.json';
import { CriteriaFileError, parseCriteriaSet } from '../sets';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function refusal(file: string, json: unknown): CriteriaFileError {
  try {
    parseCriteriaSet(file, json);
  } catch (e) {
    if (e instanceof CriteriaFileError) return e;
    throw e;
  }
  throw new Error('accepted a malformed criteria file');
}

describe('criteria files are validated when loaded', () => {
  it('accepts the shipped files', () => {
    expect(parseCriteriaSet('cn-champion-2023.json', champion).criteria).toHaveLength(10);
  });

  it('names the file, the place and the rule broken', () => {
    const bad = clone(champion);
    (bad.criteria[1].rule as { cmp: string }).cmp = 'avg_3y(main_revenu)';
    const e = refusal('bad.json', bad);
    expect(e.file).toBe('bad.json');
    expect(e.where).toBe('criteria.1.rule.cmp');
    expect(e.problem).toBe('unknown metric');
    expect(e.message).toContain('bad.json');
  });

  it.each([
    ['a missing text', (s: typeof champion) => delete (s.criteria[0] as { text?: unknown }).text, 'criteria.0.text'],
    ['an unknown operator', (s: typeof champion) => ((s.criteria[2].rule as { op: string }).op = '=>'), 'criteria.2.rule'],
    ['an unconfirmed criterion shipped on', (s: typeof champion) => ((s.criteria[8] as { enabled: boolean }).enabled = true), 'criteria.8.enabled'],
    ['a duplicate id', (s: typeof champion) => ((s.criteria[1] as { id: string }).id = '1'), 'criteria.1.id'],
    ['a replacement of nothing', (s: typeof champion) => ((s.criteria[9] as { replaces: string }).replaces = '99'), 'criteria.9.replaces'],
    ['a placeholder document number', (s: typeof champion) => ((s.document as { number: string }).number = '—'), 'document.number'],
    ['an effective period that ends before it starts', (s: typeof champion) => ((s as { effective_to?: string }).effective_to = '2020-01-01'), 'effective_to'],
    ['a malformed effective date', (s: typeof champion) => ((s as { effective_from: string }).effective_from = '2023/08'), 'effective_from'],
    ['an unknown title code', (s: typeof champion) => ((s.criteria[7].rule as { title: string }).title = 'ip_champion'), 'criteria.7.rule'],
    ['an unknown key', (s: typeof champion) => ((s as unknown as Record<string, unknown>).thresholds = {}), '(root)'],
  ])('refuses %s', (_label, breakIt, where) => {
    const bad = clone(champion);
    breakIt(bad);
    expect(refusal('x.json', bad).where).toBe(where);
  });

  it('refuses score tables that do not add up or are referred to wrongly', () => {
    const sum = clone(srdi);
    sum.scores.srdi.indicators[0].max = 6;
    expect(refusal('s.json', sum).problem).toMatch(/add up to 101/);
    const ref = clone(srdi);
    ((ref.criteria[3].rule as { any: { score?: string }[] }).any[0] as { score: string }).score = 'nope';
    expect(refusal('s.json', ref).problem).toMatch(/no score table nope/);
  });
});
