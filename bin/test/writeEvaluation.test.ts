// The streamed evaluation writes exactly what the whole-result formatters make, whatever the page boundaries.
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../db/contract';
import { evaluationCsv, evaluationJson, evaluationTable, writeEvaluation } from '../evaluate';

type Pool = MethodOutput<'evaluate.pool'>;
type Row = Pool['rows'][number];

const row = (i: number): Row => ({
  firmId: i,
  creditCode: `9137040000000000${i}`,
  name: i % 7 === 0 ? `=企业,"${i}"` : `企业${i}`,
  town: null,
  chain: null,
  year: i % 5 === 0 ? null : 2022,
  verdict: i % 5 === 0 ? null : i % 2 ? 'eligible' : 'not_eligible',
  score: i % 3 ? null : { lo: i, hi: i + 1 },
  projection: i % 2 ? { kind: 'none' } : { kind: 'years', years: 1 + (i % 12) },
  criteria: i % 5 === 0 ? [] : [{ id: '1', enabled: i % 4 !== 0, status: 'pass', metric: 'revenue', unit: 'money', op: '>=', value: i * 1.5, threshold: 10, gap: { abs: 0, rel: 0 }, projection: { kind: 'none' } }],
});

async function streamed(rows: Row[], format: 'json' | 'csv' | 'table'): Promise<string> {
  let out = '';
  const counts = { eligible: 0, not_eligible: 0, incomplete: 0, needs_review: 0 };
  await writeEvaluation(
    async (_m, q) => ({ total: rows.length, counts, rows: rows.slice(q.offset, q.offset + q.limit) }),
    { year: 2023, setId: 'x' },
    format,
    'heading',
    (s) => void (out += s),
  );
  return out;
}

describe('writeEvaluation', () => {
  it.each([0, 1, 999, 1000, 1001, 2500])('matches the whole-result JSON, CSV and table over %i rows', async (n) => {
    // Row 0 has no evaluation (no criteria), so the CSV has no criterion columns: start at 1 for the columns too.
    const rows = Array.from({ length: n }, (_, i) => row(i + 1));
    const pool: Pool = { total: n, counts: { eligible: 0, not_eligible: 0, incomplete: 0, needs_review: 0 }, rows };
    expect(await streamed(rows, 'json')).toBe(JSON.stringify(evaluationJson(pool), null, 2) + '\n');
    expect(await streamed(rows, 'csv')).toBe(evaluationCsv(pool));
    expect(await streamed(rows, 'table')).toBe(evaluationTable(pool, 'heading'));
  });
});
