// The 上市后备库 and the 奖补台账 as files: the bureau's printable table out, the same layout read back (every
// cell checked, a file with any error changes nothing). Stage dates are columns, so a round trip keeps them.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import { MARKETS, PAYMENT_KINDS, PROGRESS_STAGES, RESERVES } from '../contracts/listing';
import { REWARD_CODES, type RewardCode } from '../contracts/overview';
import type { ExportColumn } from '../export/model';
import type { ListColumn, ListRow } from '../import/listFile';
import { TITLE_NAME } from '../import/templateFile';
import { allListing, getListing, stageProblem, writeListing, writeStage, type ListingFields } from './listing';
import { DEFAULT_FILLING_UNIT, importList, listFile } from './listFiles';
import { sumAmounts } from './listAmounts';
import { allPayments, paymentProblem, writePayment, type PaymentFields } from './payments';

type Col = ExportColumn & { read?: Omit<ListColumn, 'key' | 'names'> & { names?: string[] } };
const readable = (cols: Col[]): ListColumn[] => cols.filter((c) => c.read).map((c) => ({ ...c.read!, key: c.key, names: [c.header, ...(c.read!.names ?? [])] }));
const exported = (cols: Col[]): ExportColumn[] => cols.map(({ key, header, kind, width }) => ({ key, header, kind, width }));
const str = (v: unknown) => (v == null ? null : String(v));
const LATER = PROGRESS_STAGES.slice(1);

const LISTING_COLUMNS: Col[] = [
  { key: 'index', header: '序号', kind: 'index', width: 6 },
  { key: 'name', header: '企业名称', kind: 'text', width: 22, read: { kind: 'text', required: true, names: ['企业'] } },
  { key: 'credit_code', header: '统一社会信用代码', kind: 'text', width: 21, read: { kind: 'credit_code', names: ['信用代码'] } },
  { key: 'reserve', header: '后备库', kind: 'text', width: 8, read: { kind: 'choice', required: true, choices: RESERVES } },
  { key: 'entered_on', header: '入库日期', kind: 'text', width: 13, read: { kind: 'date' } },
  ...LATER.map((s): Col => ({ key: s, header: `${s}日期`, kind: 'text', width: 13, read: { kind: 'date' } })),
  { key: '退出', header: '退出日期', kind: 'text', width: 13, read: { kind: 'date' } },
  { key: 'exit_reason', header: '退出原因', kind: 'text', width: 16, read: { kind: 'text' } },
  { key: 'stage', header: '当前阶段', kind: 'text', width: 10 },
  { key: 'market', header: '目标市场', kind: 'text', width: 12, read: { kind: 'choice', choices: MARKETS } },
  { key: 'intermediaries', header: '中介机构', kind: 'text', width: 20, read: { kind: 'text' } },
  { key: 'problems', header: '待解决问题', kind: 'text', width: 24, read: { kind: 'text', names: ['存在问题', '需解决问题'] } },
  { key: 'subsidy', header: '已获股改奖补（万元）', kind: 'amount', width: 12 },
  { key: 'source', header: '来源', kind: 'text', width: 24 },
];

export async function exportListing(db: Database.Database, input: ParsedInput<'listing.export'>): Promise<MethodOutput<'listing.export'>> {
  const firms = allListing(db).filter((f) => !input.reserve || f.reserve === input.reserve);
  const title = input.reserve ? `台儿庄区“${input.reserve}”${input.reserve === '竞跃' ? '股改' : '上市'}后备库企业名单` : '台儿庄区上市后备库企业名单';
  const rows = firms.map((f, i) => {
    const on = (s: string) => f.stages.find((x) => x.stage === s)?.onDate ?? null;
    return {
      index: i + 1,
      name: f.name,
      credit_code: f.creditCode,
      reserve: f.reserve,
      entered_on: f.enteredOn,
      ...Object.fromEntries([...LATER, '退出'].map((s) => [s, on(s)])),
      exit_reason: f.stages.find((x) => x.stage === '退出')?.reason ?? null,
      stage: f.stage,
      market: f.market,
      intermediaries: f.intermediaries,
      problems: f.problems,
      subsidy: f.subsidy,
      source: f.source,
    };
  });
  return listFile(
    {
      baseName: title,
      title,
      fillingUnit: input.fillingUnit ?? DEFAULT_FILLING_UNIT,
      date: input.date,
      subtitle: `单位：万元；共 ${firms.length} 家企业`,
      columns: exported(LISTING_COLUMNS),
      rows,
      totals: { index: '合计', name: `${firms.length} 家`, subsidy: sumAmounts(firms.map((f) => f.subsidy)) },
      notes: ['注：已获股改奖补取自奖补兑现台账；导入本表时该列及“当前阶段”“来源”不读入。'],
    },
    '上市后备库',
    input.format,
  );
}

interface ListingRecord {
  row: ListRow;
  fields: ListingFields;
  stages: { stage: (typeof PROGRESS_STAGES)[number] | '退出'; onDate: string; reason: string | null }[];
}

function listingRecords(rows: ListRow[], fail: (row: ListRow, key: string | null, reason: string) => void): ListingRecord[] {
  const out: ListingRecord[] = [];
  for (const r of rows) {
    const v = r.values;
    const key = str(v.credit_code) ?? `name:${v.name}`;
    if (out.some((o) => (o.fields.credit_code ?? `name:${o.fields.name}`) === key)) {
      fail(r, v.credit_code ? 'credit_code' : 'name', '同一企业出现多行');
      continue;
    }
    if (v.exit_reason && !v['退出']) {
      fail(r, '退出', '填写了退出原因，须同时填写退出日期');
      continue;
    }
    if (v['退出'] && !v.exit_reason) {
      fail(r, 'exit_reason', '退出须填写原因');
      continue;
    }
    const stages = [...LATER, '退出' as const].filter((s) => v[s]).map((s) => ({ stage: s, onDate: String(v[s]), reason: s === '退出' ? str(v.exit_reason) : null }));
    // The row's own dates in the order of the stages, named by the column that breaks it.
    const wrong = stages.map((s, i) => ({ s, problem: stageProblem(str(v.entered_on), stages.slice(0, i), s) })).find((x) => x.problem);
    if (wrong) {
      fail(r, wrong.s.stage, wrong.problem!);
      continue;
    }
    out.push({
      row: r,
      fields: {
        credit_code: str(v.credit_code),
        name: String(v.name),
        reserve: String(v.reserve),
        entered_on: str(v.entered_on),
        market: str(v.market),
        intermediaries: str(v.intermediaries),
        problems: str(v.problems),
        request_id: null,
      },
      stages,
    });
  }
  return out;
}

const listingId = (db: Database.Database, f: ListingFields) =>
  ((f.credit_code
    ? db.prepare('SELECT id FROM listing_firms WHERE credit_code = ?').pluck().get(f.credit_code)
    : db.prepare('SELECT id FROM listing_firms WHERE credit_code IS NULL AND name = ?').pluck().get(f.name)) as number | undefined) ?? null;

export function importListing(db: Database.Database, dataFile: string, input: ParsedInput<'listing.import'>, actor: string) {
  return importList(db, dataFile, input, {
    listName: '上市后备库',
    columns: readable(LISTING_COLUMNS),
    records: listingRecords,
    name: (r) => String(r.fields.name),
    plan: (rs) => {
      const added = rs.filter((r) => listingId(db, r.fields) === null).length;
      return { added, updated: rs.length - added };
    },
    apply: (rs, source) => {
      let added = 0;
      for (const r of rs) {
        const id = listingId(db, r.fields);
        if (id === null) added++;
        // The link to the 诉求台账 is kept: the file does not carry it.
        const requestId = id === null ? null : getListing(db, id).requestId;
        const newId = writeListing(db, id, { ...r.fields, request_id: requestId }, source, actor);
        for (const s of r.stages) writeStage(db, getListing(db, newId), s, source, actor);
      }
      return { added, updated: rs.length - added };
    },
  });
}

const TITLE_OF = new Map(REWARD_CODES.map((c) => [TITLE_NAME[c], c]));

const PAYMENT_COLUMNS: Col[] = [
  { key: 'index', header: '序号', kind: 'index', width: 6 },
  { key: 'name', header: '企业名称', kind: 'text', width: 22, read: { kind: 'text', required: true, names: ['企业'] } },
  { key: 'credit_code', header: '统一社会信用代码', kind: 'text', width: 21, read: { kind: 'credit_code', required: true, names: ['信用代码'] } },
  { key: 'kind', header: '奖补类别', kind: 'text', width: 14, read: { kind: 'choice', required: true, choices: PAYMENT_KINDS, names: ['类别', '奖补类型'] } },
  { key: 'title', header: '认定称号', kind: 'text', width: 24, read: { kind: 'choice', choices: [...TITLE_OF.keys()], names: ['称号'] } },
  { key: 'year', header: '年度', kind: 'text', width: 8, read: { kind: 'year', required: true } },
  { key: 'amount', header: '金额（万元）', kind: 'amount', width: 12, read: { kind: 'money', required: true, names: ['兑现金额', '奖补金额'] } },
  { key: 'document', header: '文件依据', kind: 'text', width: 28, read: { kind: 'text', names: ['依据文件', '文件'] } },
];

export async function exportPayments(db: Database.Database, input: ParsedInput<'payments.export'>): Promise<MethodOutput<'payments.export'>> {
  const rows = allPayments(db).filter((p) => (!input.kind || p.kind === input.kind) && (input.year === undefined || p.year === input.year));
  const title = `台儿庄区企业奖补资金兑现台账${input.year ? `（${input.year}年）` : ''}${input.kind ? `（${input.kind}）` : ''}`;
  return listFile(
    {
      baseName: title,
      title,
      fillingUnit: input.fillingUnit ?? DEFAULT_FILLING_UNIT,
      date: input.date,
      subtitle: `单位：万元；共 ${rows.length} 笔，${new Set(rows.map((r) => r.creditCode)).size} 家企业`,
      columns: exported(PAYMENT_COLUMNS),
      rows: rows.map((p, i) => ({
        index: i + 1,
        name: p.name,
        credit_code: p.creditCode,
        kind: p.kind,
        title: p.titleCode ? TITLE_NAME[p.titleCode] : null,
        year: String(p.year),
        amount: p.amount,
        document: p.document,
      })),
      totals: { index: '合计', name: `${rows.length} 笔`, amount: sumAmounts(rows.map((r) => r.amount)) },
      notes: [],
    },
    '奖补兑现台账',
    input.format,
  );
}

function paymentRecords(rows: ListRow[], fail: (row: ListRow, key: string | null, reason: string) => void): PaymentFields[] {
  const out: PaymentFields[] = [];
  for (const r of rows) {
    const v = r.values;
    const f: PaymentFields = {
      credit_code: String(v.credit_code),
      name: String(v.name),
      kind: String(v.kind),
      title_code: v.title ? (TITLE_OF.get(String(v.title)) as RewardCode) : null,
      year: v.year as number,
      amount: v.amount as number,
      document: str(v.document),
    };
    const problem = paymentProblem(f);
    if (problem) fail(r, problem.includes('称号') ? 'title' : 'amount', problem);
    else out.push(f);
  }
  return out;
}

/** The same payment recorded before: same firm, kind, title, year and amount (a re-imported ledger adds nothing). */
const paymentId = (db: Database.Database, f: PaymentFields) =>
  (db
    .prepare('SELECT id FROM payments WHERE credit_code = ? AND kind = ? AND coalesce(title_code, \'\') = coalesce(?, \'\') AND year = ? AND amount = ?')
    .pluck()
    .get(f.credit_code, f.kind, f.title_code, f.year, f.amount) as number | undefined) ?? null;

export function importPayments(db: Database.Database, dataFile: string, input: ParsedInput<'payments.import'>, actor: string) {
  return importList(db, dataFile, input, {
    listName: '奖补兑现台账',
    columns: readable(PAYMENT_COLUMNS),
    records: paymentRecords,
    name: (f) => String(f.name),
    plan: (rs) => {
      const added = rs.filter((f) => paymentId(db, f) === null).length;
      return { added, updated: rs.length - added };
    },
    apply: (rs, source) => {
      let added = 0;
      for (const f of rs) {
        const id = paymentId(db, f);
        if (id === null) added++;
        writePayment(db, id, f, source, actor);
      }
      return { added, updated: rs.length - added };
    },
  });
}
