// `champion-pool evaluate` and `champion-pool criteria`: the evaluation as a table, JSON or CSV.
import Papa from 'papaparse';
import type { MethodOutput } from '../db/contract';

type Pool = MethodOutput<'evaluate.pool'>;
type Sets = MethodOutput<'criteria.list'>;
type Row = Pool['rows'][number];

const VERDICT_ZH: Record<string, string> = { eligible: '达标', not_eligible: '未达标', incomplete: '数据不全', needs_review: '待研判' };
const STATUS_MARK: Record<string, string> = { pass: '✓', fail: '✗', unknown: '?', review: '…' };

export function projectionText(p: Row['projection']): string {
  if (p.kind === 'none') return '';
  if (p.kind === 'not_projectable') return '无法预测';
  return p.years > 10 ? '10年以上' : `${p.years}年后`;
}

/** The JSON the issue names: per firm credit_code, name, year, verdict, score, projection and criteria. */
export function evaluationJson(pool: Pool) {
  return pool.rows.map((r) => ({
    credit_code: r.creditCode,
    name: r.name,
    year: r.year,
    verdict: r.verdict,
    score: r.score,
    projection: r.projection,
    criteria: r.criteria.map((c) => ({ id: c.id, enabled: c.enabled, status: c.status, value: c.value, threshold: c.threshold, gap: c.gap })),
  }));
}

/** Display width in a terminal: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export function evaluationTable(pool: Pool, setTitle: string): string {
  const ids = pool.rows[0]?.criteria.filter((c) => c.enabled).map((c) => c.id) ?? [];
  const header = ['企业名称', '数据年度', '达标情况', '评分', '预计', ...ids.map((id) => `条件${id}`)];
  const lines = pool.rows.map((r) => [
    r.name,
    String(r.year ?? '—'),
    r.verdict ? VERDICT_ZH[r.verdict] : '—',
    r.score ? (r.score.lo === r.score.hi ? `${r.score.lo}` : `${r.score.lo}–${r.score.hi}`) : '',
    projectionText(r.projection),
    // A firm with no data year has no criteria: blank cells, not a shorter line.
    ...ids.map((id) => {
      const c = r.criteria.find((x) => x.id === id);
      return c ? STATUS_MARK[c.status] : '';
    }),
  ]);
  const widths = header.map((h, i) => Math.max(width(h), ...lines.map((l) => width(l[i]))));
  const fmt = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join('  ').trimEnd();
  const counts = Object.entries(pool.counts).map(([k, n]) => `${VERDICT_ZH[k]} ${n}`).join('，');
  return [setTitle, fmt(header), ...lines.map(fmt), `共 ${pool.total} 家：${counts}（✓ 符合  ✗ 不符合  ? 缺数据  … 待研判）`].join('\n') + '\n';
}

/** A cell that a spreadsheet would run as a formula is neutralised with a leading apostrophe. */
function safe(v: unknown): unknown {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** The CSV's columns: the criteria of the first row (every evaluated row has its set's criteria, in order). */
function csvFields(first: Row | undefined): string[] {
  const ids = first?.criteria.map((c) => c.id) ?? [];
  return ['credit_code', 'name', 'year', 'verdict', 'score_lo', 'score_hi', 'projection', ...ids.flatMap((id) => [`c${id}_status`, `c${id}_value`, `c${id}_threshold`, `c${id}_gap`])];
}

function csvData(rows: Row[]): unknown[][] {
  return rows.map((r) =>
    [
      r.creditCode,
      r.name,
      r.year,
      r.verdict,
      r.score?.lo ?? '',
      r.score?.hi ?? '',
      projectionText(r.projection),
      ...r.criteria.flatMap((c) => [c.enabled ? c.status : `${c.status} (off)`, c.value ?? '', c.threshold ?? '', c.gap?.abs ?? '']),
    ].map(safe),
  );
}

export function evaluationCsv(pool: Pool): string {
  return '\ufeff' + Papa.unparse({ fields: csvFields(pool.rows[0]), data: csvData(pool.rows) }, { newline: '\r\n' }) + '\r\n';
}

/** stdout, waiting when the pipe is full (a province's JSON is hundreds of MB). */
export function writeOut(chunk: string): Promise<void> | void {
  if (!process.stdout.write(chunk)) return new Promise((ok) => process.stdout.once('drain', () => ok()));
}

type Call = (method: 'evaluate.pool', input: { year: number; setId: string; dataYear?: number; offset: number; limit: number }) => Promise<unknown>;
type Format = 'table' | 'json' | 'csv';

/**
 * The whole evaluation written as it is read, a page of 1,000 firms at a time: each page costs the service one
 * page's details (the pool's order is worked out once), and JSON and CSV never hold the whole result. The bytes are
 * those of evaluationJson / evaluationCsv over all rows; a table needs every row for its column widths.
 */
export async function writeEvaluation(
  call: Call,
  query: { year: number; setId: string; dataYear?: number },
  format: Format,
  heading: string,
  write: (chunk: string) => void | Promise<void>,
): Promise<void> {
  const PAGE = 1000;
  const all: Row[] = [];
  let first: Pool | null = null;
  let fields: string[] = [];
  let items = 0;
  for (let offset = 0; first === null || offset < first.total; offset += PAGE) {
    const page = (await call('evaluate.pool', { ...query, offset, limit: PAGE })) as Pool;
    if (format === 'table') all.push(...page.rows);
    else if (format === 'json') {
      // The page's items as JSON.stringify(all, null, 2) lays them out: the page's own array without its brackets.
      const json = evaluationJson(page);
      if (json.length) await write((items ? ',\n' : '[\n') + JSON.stringify(json, null, 2).slice(2, -2));
      items += json.length;
    } else {
      if (!first) fields = csvFields(page.rows[0]);
      const head = first ? '' : '\ufeff' + Papa.unparse([fields], { newline: '\r\n' });
      const rows = page.rows.length ? '\r\n' + Papa.unparse({ fields, data: csvData(page.rows) }, { header: false, newline: '\r\n' }) : '';
      await write(head + rows);
      items += page.rows.length;
    }
    first ??= page;
    if (!page.rows.length) break;
  }
  if (format === 'table') await write(evaluationTable({ ...first!, rows: all }, heading));
  else if (format === 'json') await write(items ? '\n]\n' : '[]\n');
  else await write(items ? '\r\n' : '\r\n\r\n'); // Papa ends a header with no rows with a line break
}

export function criteriaTable(sets: Sets): string {
  const CONF: Record<string, string> = { text: '原文', multi: '多来源', single: '单一来源', unconfirmed: '未证实' };
  return (
    sets
      .map((s) => {
        const off = s.criteria.filter((c) => !s.effective[c.id]).map((c) => c.id);
        const added = s.added ? `\n  分析员导入：${s.added.by}，${s.added.at}，文件 ${s.added.fileName}（第 ${s.version} 版）` : '';
        const notice = s.notice ? `\n  注意：${s.notice.zh}` : '';
        return `${s.id}\n  ${s.title.zh}\n  ${s.document.number ?? `${s.document.name}，无文号`}（${s.document.date}）· 适用期 ${s.effective_from} 至 ${s.effective_to ?? '今'} · 可信度：${CONF[s.confidence]} · ${s.criteria.length} 项条件${off.length ? `（未启用：${off.join('、')}）` : ''}${added}${notice}`;
      })
      .join('\n') + '\n'
  );
}
