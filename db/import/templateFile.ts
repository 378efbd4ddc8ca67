// The template as a file: blank (with an instructions sheet) or filled with a pool's figures. Exporting and
// re-importing a filled one changes nothing: values are written in the units and forms the importer reads;
// xlsx text cells are written as they are (they never run as formulas); a CSV guards text a spreadsheet would
// run (a leading ') and writes an all-digit code as ="…" so Excel and WPS keep it as text, not 9.13704E+17.
import type Database from 'better-sqlite3';
import Papa from 'papaparse';
import { neutralise } from '../export/cells';
import type { TitleCode } from '../figures';
import { TEMPLATE, TEMPLATE_SHEET, writtenHeader } from './template';

export const TITLE_NAME: Record<TitleCode, string> = {
  innovative_sme: '创新型中小企业',
  srdi_provincial: '省级专精特新中小企业',
  gazelle_provincial: '省级瞪羚企业',
  little_giant: '国家级专精特新“小巨人”企业',
  champion_provincial: '省级制造业单项冠军企业',
  champion_national: '国家级制造业单项冠军企业',
  leader_provincial: '省级领航企业',
  leader_national: '国家级领航企业',
  high_tech: '高新技术企业',
  tech_innovation_demo: '国家级技术创新示范企业',
  ip_advantage: '国家知识产权优势企业',
  ip_demo: '国家知识产权示范企业',
};

type Row = (string | number | null)[];

const INSTRUCTIONS = [
  '每行填写一家企业一个数据年度的数据；同一企业同一年度只能有一行。',
  '金额默认以“万元”计；如以元或亿元填写，请在表头注明，如“营业收入（元）”。',
  '占比填百分数，如 12.5 表示 12.5%；也可填“12.5%”，或把单元格设为百分比格式（显示 12.5%）。',
  '请勿把以元为单位的金额填入“（万元）”列：数值比上年或同列其他企业大 1000 倍以上时，导入会要求确认该列单位。',
  '可填写“1.2亿”“3500万元”“12,345.6”，全角数字也可识别。',
  '无数据请留空，或填“—”“-”“/”“无”；不要填 0。',
  '是否类填写“是/否”（或 Y/N、1/0）。',
  '已获称号以“;”分隔，每项写作“称号(年份)”，如：国家级专精特新“小巨人”企业(2021);高新技术企业(2020)。',
  '可填称号：创新型中小企业、省级专精特新中小企业、省级瞪羚企业、国家级专精特新“小巨人”企业、省级/国家级制造业单项冠军企业、省级/国家级领航企业、高新技术企业、国家级技术创新示范企业、国家知识产权优势企业、国家知识产权示范企业。',
  '年份填获评（或复核通过）的年份：创新型、专精特新、瞪羚、“小巨人”、高新技术企业及知识产权优势/示范企业有效期三年，年份决定是否仍在有效期内；同一称号重新认定的，填最近一次的年份。',
  '统一社会信用代码须为 18 位，校验位错误的行将被拒绝；全数字代码请把该列设为“文本”格式，否则会被改成科学计数法而丢失末几位。',
];

export async function templateXlsx(rows: Row[] = []): Promise<Buffer> {
  const { default: ExcelJS } = await import('../exceljs'); // loaded when first needed: a quicker start
  const wb = new ExcelJS.Workbook();
  wb.creator = '单项冠军培育库';
  const data = wb.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  data.addRow(TEMPLATE.map(writtenHeader));
  data.getRow(1).font = { bold: true };
  data.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  TEMPLATE.forEach((c, i) => {
    data.getColumn(i + 1).width = c.key === 'name' ? 24 : c.key === 'credit_code' ? 22 : c.key === 'titles' ? 36 : 12;
    if (c.kind === 'credit_code' || c.kind === 'product_code') data.getColumn(i + 1).numFmt = '@';
  });
  for (const r of rows) data.addRow(r);
  const help = wb.addWorksheet('填表说明');
  help.columns = [
    { header: '列名', width: 22 },
    { header: '英文键', width: 18 },
    { header: '必填', width: 6 },
    { header: '说明', width: 60 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of TEMPLATE) {
    const alsoAs = c.synonyms.length
      ? `也可写作：${c.synonyms.join('、')}`
      : // Stryker disable next-line StringLiteral: every template column has other names; this only guards one added without
        '';
    help.addRow([writtenHeader(c), c.key, c.required ? '是' : '', [c.note, alsoAs].filter(Boolean).join('；')]);
  }
  help.addRow([]);
  for (const line of INSTRUCTIONS) help.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CODE_COLUMNS = new Set(TEMPLATE.flatMap((c, i) => (c.kind === 'credit_code' || c.kind === 'product_code' ? [i] : [])));

/** A CSV cell: an all-digit code as ="…" (kept as text by Excel and WPS, read back by the importer), other text guarded. */
function csvCell(v: string | number | null, column: number): string | number | null {
  if (typeof v === 'string' && CODE_COLUMNS.has(column) && /^\d+$/.test(v)) return `="${v}"`;
  return neutralise(v);
}

// Stryker disable next-line ObjectLiteral: CRLF is also Papa's default; said here so that a change of default cannot drop it
const CSV_LINES = { newline: '\r\n' };

export function templateCsv(rows: Row[] = []): Buffer {
  const csv = Papa.unparse({ fields: TEMPLATE.map(writtenHeader), data: rows.map((r) => r.map(csvCell)) }, CSV_LINES);
  // Papa ends a header without rows with a line end, and the last row without one: every line ends with one.
  return Buffer.from('\ufeff' + csv + (rows.length ? '\r\n' : ''), 'utf8');
}

/** Every firm-year of a pool year's members (or of all firms), in the template's columns. */
export function templateRows(db: Database.Database, poolYear?: number): Row[] {
  const where = poolYear === undefined ? '' : 'WHERE f.id IN (SELECT firm_id FROM pool_members WHERE year = @poolYear)';
  const rows = db
    .prepare(`SELECT f.*, fy.* FROM firms f JOIN firm_years fy ON fy.firm_id = f.id ${where} ORDER BY f.name_sort, fy.year`)
    .all(poolYear === undefined ? {} : { poolYear }) as Record<string, unknown>[];
  const titles = new Map<number, string>();
  for (const t of db.prepare('SELECT firm_id, code, year FROM titles ORDER BY year, code').all() as { firm_id: number; code: TitleCode; year: number | null }[]) {
    const text = t.year == null ? TITLE_NAME[t.code] : `${TITLE_NAME[t.code]}(${t.year})`;
    titles.set(t.firm_id, titles.has(t.firm_id) ? `${titles.get(t.firm_id)};${text}` : text);
  }
  return rows.map((r) =>
    TEMPLATE.map((c) => {
      if (c.key === 'titles') return titles.get(r.firm_id as number) ?? null;
      const v = r[c.key];
      if (c.kind === 'bool') return v ? '是' : '否'; // both yes/no columns are NOT NULL
      return (v as string | number | null) ?? null;
    }),
  );
}
