// Two criteria sets side by side over one pool year (the 2022 rules and a revised version, say): every member's
// verdict under each, the criteria that decide a difference, counts of firms that gain or lose eligibility, and
// the same as an xlsx file.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput, VerdictT } from '../contract';
import type { Evaluation } from '../criteria/engine';
import { requireSet } from '../criteria/library';
import type { CriteriaSet } from '../criteria/schema';
import { neutralise } from '../export/cells';
import type { Evaluator } from './evaluation';

type Result = MethodOutput<'criteria.compare'>;
type Row = Result['rows'][number];

const VERDICT_ZH: Record<VerdictT, string> = { eligible: '达标', not_eligible: '未达标', incomplete: '数据不全', needs_review: '待研判' };
const MOVE_ZH: Record<Row['move'], string> = { gained: '新达标', lost: '不再达标', changed: '结论变化', same: '无变化' };
// What makes a verdict what it is: the criteria with this status (criteria-spec §3).
const DECIDES: Record<VerdictT, Row['deciding'][number]['status'] | null> = { eligible: null, not_eligible: 'fail', incomplete: 'unknown', needs_review: 'review' };

const zeroCounts = (): Record<VerdictT, number> => ({ eligible: 0, not_eligible: 0, incomplete: 0, needs_review: 0 });

function moveOf(from: VerdictT | null, to: VerdictT | null): Row['move'] {
  if (from === to) return 'same';
  if (to === 'eligible') return 'gained';
  if (from === 'eligible') return 'lost';
  return 'changed';
}

/** The enabled criteria that make a verdict (failing ones for 未达标, unknown ones for 数据不全, …). */
function deciding(side: 'from' | 'to', set: CriteriaSet, e: Evaluation | undefined): Row['deciding'] {
  const status = e ? DECIDES[e.verdict] : null;
  if (!e || !status) return [];
  return e.criteria.filter((c) => c.enabled && c.status === status).map((c) => ({ side, criterionId: c.id, text: set.criteria.find((x) => x.id === c.id)?.text.zh ?? c.id, status }));
}

export function compareSets(db: Database.Database, evaluator: Evaluator, input: ParsedInput<'criteria.compare'>): Result {
  const from = requireSet(db, input.from);
  const to = requireSet(db, input.to);
  const a = evaluator.pool(from.id, input.year, input.dataYear);
  const b = evaluator.pool(to.id, input.year, input.dataYear);
  const firms = db
    .prepare('SELECT f.id AS firmId, f.credit_code AS creditCode, f.name FROM pool_members m JOIN firms f ON f.id = m.firm_id WHERE m.year = ? ORDER BY f.name_sort, f.id')
    .all(input.year) as { firmId: number; creditCode: string; name: string }[];
  const differing = firms.filter((f) => (a.get(f.firmId)?.verdict ?? null) !== (b.get(f.firmId)?.verdict ?? null)).map((f) => f.firmId);
  // Criterion detail only for the firms whose verdict moves: a province-sized pool moves few.
  const da = evaluator.firms(from.id, input.year, input.dataYear, differing, { provenance: false });
  const db_ = evaluator.firms(to.id, input.year, input.dataYear, differing, { provenance: false });
  const counts: Result['counts'] = { firms: firms.length, gained: 0, lost: 0, changed: 0, same: 0, from: zeroCounts(), to: zeroCounts(), moves: [] };
  const moves = new Map<string, Result['counts']['moves'][number]>();
  const rows: Row[] = firms.map((f) => {
    const va = a.get(f.firmId)?.verdict ?? null;
    const vb = b.get(f.firmId)?.verdict ?? null;
    const move = moveOf(va, vb);
    counts[move]++;
    if (va) counts.from[va]++;
    if (vb) counts.to[vb]++;
    const key = `${va}>${vb}`;
    const m = moves.get(key) ?? { from: va, to: vb, n: 0 };
    m.n++;
    moves.set(key, m);
    return {
      ...f,
      dataYear: a.get(f.firmId)?.year ?? b.get(f.firmId)?.year ?? null,
      from: va,
      to: vb,
      move,
      deciding: move === 'same' ? [] : [...deciding('from', from, da.get(f.firmId)), ...deciding('to', to, db_.get(f.firmId))],
    };
  });
  const ORDER: Row['move'][] = ['gained', 'lost', 'changed', 'same'];
  rows.sort((x, y) => ORDER.indexOf(x.move) - ORDER.indexOf(y.move));
  counts.moves = [...moves.values()].sort((x, y) => y.n - x.n);
  const head = (s: CriteriaSet) => ({ id: s.id, title: s.title.zh, notice: s.notice?.zh ?? null });
  return { from: head(from), to: head(to), year: input.year, dataYear: input.dataYear ?? null, rows, counts };
}

const verdictText = (v: VerdictT | null) => (v ? VERDICT_ZH[v] : '无数据');

/** The comparison as an xlsx workbook: the firms and their verdicts, then the counts; each set's notice on top. */
export async function compareXlsx(db: Database.Database, evaluator: Evaluator, input: ParsedInput<'criteria.compareExport'>): Promise<MethodOutput<'criteria.compareExport'>> {
  const r = compareSets(db, evaluator, input);
  const { default: ExcelJS } = await import('../exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '单项冠军培育库';
  const ws = wb.addWorksheet('标准对比');
  const lines = [
    `${r.year}年度培育库 · 标准对比：${r.from.title}（${r.from.id}） → ${r.to.title}（${r.to.id}）`,
    `数据年度：${r.dataYear ?? '各企业最近一个有营业收入的年度'}`,
    ...[r.from, r.to].filter((s) => s.notice).map((s) => `${s.id}：${s.notice}`),
  ];
  for (const l of lines) ws.addRow([neutralise(l)]).font = { bold: l === lines[0] };
  ws.addRow([]);
  const header = ws.addRow(['统一社会信用代码', '企业名称', '数据年度', `结论（${r.from.id}）`, `结论（${r.to.id}）`, '变化', '决定差异的条件']);
  header.font = { bold: true };
  for (const row of r.rows) {
    ws.addRow(
      [row.creditCode, row.name, row.dataYear, verdictText(row.from), verdictText(row.to), MOVE_ZH[row.move], row.deciding.map((d) => `${d.side === 'from' ? r.from.id : r.to.id} 条件${d.criterionId}：${d.text}`).join('；')].map((v) =>
        typeof v === 'number' ? v : neutralise(v),
      ),
    );
  }
  ws.getColumn(1).numFmt = '@';
  [22, 24, 10, 14, 14, 10, 80].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const sum = wb.addWorksheet('统计');
  sum.addRow(['项目', '企业数']).font = { bold: true };
  sum.addRow(['新达标', r.counts.gained]);
  sum.addRow(['不再达标', r.counts.lost]);
  sum.addRow(['其他结论变化', r.counts.changed]);
  sum.addRow(['无变化', r.counts.same]);
  sum.addRow([]);
  sum.addRow([`结论（${r.from.id}）`, `结论（${r.to.id}）`, '企业数']).font = { bold: true };
  for (const m of r.counts.moves) sum.addRow([verdictText(m.from), verdictText(m.to), m.n]);
  sum.getColumn(1).width = 28;
  sum.getColumn(2).width = 28;
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    fileName: `标准对比_${r.from.id}_${r.to.id}_${r.year}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: bytes.toString('base64'),
    savedTo: null,
  };
}
