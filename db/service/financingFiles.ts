// The 融资需求名单 as files: the xlsx a bank's 信贷处 receives (all banks, or only the needs pushed to one bank),
// and the same layout read back. One row per need and bank (a need pushed to two banks is two rows, its own
// columns repeated); the 合计 row counts each need once.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import { FINANCE_METHODS, FINANCE_PURPOSES, PUSH_RESULTS, type NeedT } from '../contracts/financing';
import type { ExportColumn } from '../export/model';
import type { ListColumn } from '../import/listFile';
import { checkResult, allNeeds, writeNeed, writeResult, getNeed, type PushFields } from './financing';
import { DEFAULT_FILLING_UNIT, importList, listFile, type ListSpec } from './listFiles';
import { sumAmounts } from './listAmounts';
import { nowIso } from '../time';
import { auditList } from './audit';

const COLUMNS: (ExportColumn & { read?: Omit<ListColumn, 'key' | 'names'> & { names?: string[] } })[] = [
  { key: 'index', header: '序号', kind: 'index', width: 6 },
  { key: 'name', header: '企业名称', kind: 'text', width: 22, read: { kind: 'text', required: true, names: ['企业名称', '企业', '单位名称'] } },
  { key: 'credit_code', header: '统一社会信用代码', kind: 'text', width: 21, read: { kind: 'credit_code', required: true, names: ['统一社会信用代码', '信用代码'] } },
  { key: 'project', header: '项目名称', kind: 'text', width: 26, read: { kind: 'text', required: true, names: ['项目名称', '融资项目'] } },
  { key: 'amount', header: '融资金额（万元）', kind: 'amount', width: 12, read: { kind: 'money', required: true, names: ['融资金额', '融资需求金额', '需求金额'] } },
  { key: 'purpose', header: '融资用途', kind: 'text', width: 12, read: { kind: 'choice', required: true, choices: FINANCE_PURPOSES } },
  { key: 'method', header: '融资方式', kind: 'text', width: 10, read: { kind: 'choice', required: true, choices: FINANCE_METHODS } },
  { key: 'term', header: '期限', kind: 'text', width: 8, read: { kind: 'text', names: ['期限', '融资期限'] } },
  { key: 'bank', header: '推送银行', kind: 'text', width: 16, read: { kind: 'text', names: ['推送银行', '对接银行', '银行'] } },
  { key: 'pushed_on', header: '推送日期', kind: 'text', width: 13, read: { kind: 'date' } },
  { key: 'result', header: '对接结果', kind: 'text', width: 9, read: { kind: 'choice', choices: PUSH_RESULTS } },
  { key: 'credit', header: '授信金额（万元）', kind: 'amount', width: 12, read: { kind: 'money', names: ['授信金额'] } },
  { key: 'loan', header: '放款金额（万元）', kind: 'amount', width: 12, read: { kind: 'money', names: ['放款金额'] } },
  { key: 'reason', header: '未成功原因', kind: 'text', width: 18, read: { kind: 'text', names: ['未成功原因', '原因'] } },
  { key: 'mentor_bank', header: '金融辅导结对银行', kind: 'text', width: 14, read: { kind: 'text', names: ['金融辅导结对银行', '结对银行', '金融辅导银行'] } },
  { key: 'mentor_since', header: '结对日期', kind: 'text', width: 13, read: { kind: 'date' } },
];

export const FINANCE_COLUMNS: ListColumn[] = COLUMNS.filter((c) => c.read).map((c) => ({ ...c.read!, key: c.key, names: [c.header, ...(c.read!.names ?? [])] }));

type Row = Record<string, string | number | null>;

function rowsOf(needs: NeedT[], bank: string | undefined): Row[] {
  const rows: Row[] = [];
  for (const n of needs) {
    const base: Row = {
      name: n.name,
      credit_code: n.creditCode,
      project: n.project,
      amount: n.amount,
      purpose: n.purpose,
      method: n.method,
      term: n.term,
      mentor_bank: n.mentorBank,
      mentor_since: n.mentorSince,
    };
    const pushes = bank ? n.pushes.filter((p) => p.bank === bank) : n.pushes;
    if (!pushes.length) rows.push(base);
    for (const p of pushes) rows.push({ ...base, bank: p.bank, pushed_on: p.pushedOn, result: p.result, credit: p.credit, loan: p.loan, reason: p.reason });
  }
  return rows.map((r, i) => ({ index: i + 1, ...r }));
}

export async function exportNeeds(db: Database.Database, input: ParsedInput<'finance.export'>): Promise<MethodOutput<'finance.export'>> {
  const needs = allNeeds(db).filter((n) => !input.bank || n.pushes.some((p) => p.bank === input.bank));
  const pushes = needs.flatMap((n) => n.pushes.filter((p) => !input.bank || p.bank === input.bank));
  const title = input.bank ? `台儿庄区重点企业项目融资需求名单（推送${input.bank}）` : '台儿庄区重点企业项目融资需求名单';
  return listFile(
    {
      baseName: title,
      title,
      fillingUnit: input.fillingUnit ?? DEFAULT_FILLING_UNIT,
      date: input.date,
      subtitle: `单位：万元；共 ${needs.length} 项融资需求${input.bank ? `，均已推送${input.bank}` : ''}`,
      columns: COLUMNS.map(({ key, header, kind, width }) => ({ key, header, kind, width })),
      rows: rowsOf(needs, input.bank),
      totals: {
        index: '合计',
        name: `${needs.length} 项`,
        amount: sumAmounts(needs.map((n) => n.amount)),
        credit: sumAmounts(pushes.map((p) => p.credit)),
        loan: sumAmounts(pushes.map((p) => p.loan)),
      },
      notes: input.bank ? [] : ['注：一项需求推送多家银行时逐行列出各银行的对接结果，合计中的融资金额每项需求只计一次。'],
    },
    '融资需求名单',
    input.format,
  );
}

interface NeedRecord {
  fields: { credit_code: string; name: string; project: string; amount: number; purpose: string; method: string; term: string | null; mentor_bank: string | null; mentor_since: string | null; note: null };
  pushes: { bank: string; pushedOn: string; f: PushFields }[];
}

const str = (v: unknown) => (v == null ? null : String(v));

function records(rows: Parameters<ListSpec<NeedRecord>['records']>[0], fail: Parameters<ListSpec<NeedRecord>['records']>[1]): NeedRecord[] {
  const byKey = new Map<string, NeedRecord>();
  for (const r of rows) {
    const v = r.values;
    const fields: NeedRecord['fields'] = {
      credit_code: String(v.credit_code),
      name: String(v.name),
      project: String(v.project),
      amount: v.amount as number,
      purpose: String(v.purpose),
      method: String(v.method),
      term: str(v.term),
      mentor_bank: str(v.mentor_bank),
      mentor_since: str(v.mentor_since),
      note: null,
    };
    if (fields.amount <= 0) {
      fail(r, 'amount', '融资金额须大于 0');
      continue;
    }
    const key = `${fields.credit_code}\u0000${fields.project}`;
    const seen = byKey.get(key);
    // A need's own columns repeat on each of its bank rows, and must agree.
    const differs = seen && (['name', 'amount', 'purpose', 'method', 'term', 'mentor_bank', 'mentor_since'] as const).find((k) => seen.fields[k] !== fields[k]);
    if (differs) {
      fail(r, differs, `与同一企业同一项目的前一行不一致（前一行为“${seen.fields[differs] ?? '空'}”）`);
      continue;
    }
    const need = seen ?? { fields, pushes: [] };
    if (!seen) byKey.set(key, need);
    const bank = str(v.bank)?.trim();
    const push = { result: (str(v.result) ?? '对接中') as PushFields['result'], reason: str(v.reason), credit: (v.credit ?? null) as number | null, loan: (v.loan ?? null) as number | null }; // a column the file lacks is null, not undefined
    if (!bank) {
      if (v.pushed_on || v.result || v.credit != null || v.loan != null) fail(r, 'bank', '填写了推送日期或对接结果，但没有填写推送银行');
      continue;
    }
    if (!v.pushed_on) {
      fail(r, 'pushed_on', '填写了推送银行，须同时填写推送日期');
      continue;
    }
    if (need.pushes.some((p) => p.bank === bank)) {
      fail(r, 'bank', `同一需求重复推送${bank}`);
      continue;
    }
    const problem = checkResult(push);
    if (problem) {
      fail(r, 'result', problem);
      continue;
    }
    need.pushes.push({ bank, pushedOn: String(v.pushed_on), f: push });
  }
  return [...byKey.values()];
}

const existingId = (db: Database.Database, n: NeedRecord) =>
  (db.prepare('SELECT id FROM financing_needs WHERE credit_code = ? AND project = ?').pluck().get(n.fields.credit_code, n.fields.project) as number | undefined) ?? null;

export function importNeeds(db: Database.Database, dataFile: string, input: ParsedInput<'finance.import'>, actor: string) {
  return importList(db, dataFile, input, {
    listName: '融资需求名单',
    columns: FINANCE_COLUMNS,
    records,
    name: (n) => n.fields.name,
    plan: (rs) => {
      const added = rs.filter((n) => existingId(db, n) === null).length;
      return { added, updated: rs.length - added };
    },
    apply: (rs, source) => {
      let added = 0;
      for (const n of rs) {
        const id = existingId(db, n);
        if (id === null) added++;
        const needId = writeNeed(db, id, n.fields, source, actor);
        for (const p of n.pushes) {
          const known = getNeed(db, needId).pushes.find((x) => x.bank === p.bank);
          const label = `推送银行（${source}）：${n.fields.name} · ${n.fields.project}`;
          if (!known) {
            db.prepare('INSERT INTO financing_pushes (need_id, bank, pushed_on, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)').run(needId, p.bank, p.pushedOn, actor, nowIso());
            auditList(db, actor, 'financing', n.fields.credit_code, 'push', null, `${p.bank}（${p.pushedOn}）`, label);
          } else if (known.pushedOn !== p.pushedOn) {
            // The file's date is the one written: it corrects the date recorded before.
            db.prepare('UPDATE financing_pushes SET pushed_on = ?, updated_by = ?, updated_at = ? WHERE need_id = ? AND bank = ?').run(p.pushedOn, actor, nowIso(), needId, p.bank);
            auditList(db, actor, 'financing', n.fields.credit_code, `${p.bank}.pushed_on`, known.pushedOn, p.pushedOn, label);
          }
          writeResult(db, getNeed(db, needId), p.bank, p.f, actor);
        }
      }
      return { added, updated: rs.length - added };
    },
  });
}
