// A criteria set around the rules a test gives: one criterion per rule (c0, c1, … or the ids given), scores as given.
import { CriteriaSetSchema, type Rule } from '../schema';

export const text = { zh: '条件', en: 'condition' };

export function setOf(rules: Rule[] | Record<string, Rule>, scores: Record<string, unknown> = {}) {
  const entries = Array.isArray(rules) ? rules.map((r, i) => [`c${i}`, r] as const) : Object.entries(rules);
  return CriteriaSetSchema.parse({
    id: 'test-set',
    title: text,
    document: { name: '文件', number: null, date: '2023' },
    effective_from: '2023',
    confidence: 'text',
    level: 'national',
    criteria: entries.map(([id, rule]) => ({ id, text, rule })),
    scores,
  });
}
