// A shortlist as the file people expect: the xlsx 申请汇总表 or a CSV that opens in Excel and WPS.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import { AppError } from '../errors';
import { shortlistCsv } from '../export/csv';
import { shortlistExportData } from '../export/shortlistData';
import { shortlistXlsx } from '../export/xlsx';
import { dataYears, defaultDataYear } from './pool';
import { enabledFn, requireSet } from './criteria';
import type { Evaluator } from './evaluation';
import { getShortlist, proposeShortlist } from './shortlist';
import { nowIso } from '../time';

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

type Detail = MethodOutput<'shortlist.get'>;

export function exportShortlist(db: Database.Database, evaluator: Evaluator, input: ParsedInput<'shortlist.export'>): Promise<MethodOutput<'shortlist.export'>> {
  return exportDetail(db, evaluator, getShortlist(db, evaluator, input.id), input.format, input.includeDrafts);
}

/** The proposal laid out as a shortlist that was never saved (entries in the proposed order, no notes): every
 * entry a draft, listed with its 状态 and a note that nobody has decided to recommend them yet. */
export function exportProposal(db: Database.Database, evaluator: Evaluator, input: ParsedInput<'shortlist.exportProposal'>): Promise<MethodOutput<'shortlist.export'>> {
  const rows = proposeShortlist(evaluator, input);
  const now = nowIso();
  const detail: Detail = {
    id: 0,
    name: '系统建议名单',
    poolYear: input.year,
    setId: input.setId,
    dataYear: input.dataYear ?? null,
    fillingUnit: input.fillingUnit ?? savedFillingUnit(db),
    createdBy: 'system',
    createdAt: now,
    updatedAt: now,
    history: [],
    entries: rows.map((r, i) => ({
      firmId: r.firmId,
      name: r.name,
      creditCode: r.creditCode,
      town: r.town,
      mainProduct: null,
      position: i + 1,
      note: null,
      status: 'draft' as const,
      verdictAtAdd: r.verdict,
      verdictNow: r.verdict,
      projection: r.projection,
      addedBy: 'system',
      addedAt: now,
    })),
  };
  return exportDetail(db, evaluator, detail, input.format, true);
}

/** The 填报单位 the analyst last saved on a shortlist: what a proposal exported without one is filed under. */
function savedFillingUnit(db: Database.Database): string | null {
  return (db.prepare("SELECT filling_unit FROM shortlists WHERE trim(coalesce(filling_unit, '')) <> '' ORDER BY updated_at DESC, id DESC LIMIT 1").pluck().get() as string | undefined) ?? null;
}

async function exportDetail(db: Database.Database, evaluator: Evaluator, detail: Detail, format: 'xlsx' | 'csv', includeDrafts: boolean): Promise<MethodOutput<'shortlist.export'>> {
  const set = requireSet(db, detail.setId);
  const dataYear = detail.dataYear ?? defaultDataYear(dataYears(db), detail.poolYear);
  if (dataYear == null) throw new AppError('not_found', '数据文件中没有年度数据，无法导出');
  const enabled = enabledFn(db, set.id);
  const effective = (id: string) => enabled(set.criteria.find((c) => c.id === id)!);
  const results = evaluator.firms(set.id, detail.poolYear, dataYear, detail.entries.map((e) => e.firmId));
  const data = shortlistExportData(db, detail, set, results, effective, dataYear, includeDrafts);
  const bytes = format === 'xlsx' ? await shortlistXlsx(data) : shortlistCsv(data);
  return { fileName: `${data.baseName}.${format}`, mime: MIME[format], base64: Buffer.from(bytes).toString('base64'), savedTo: null };
}
