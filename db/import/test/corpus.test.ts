// The corpus of bad and awkward import files (issue 5, Tests): every accepted value form and every refusal of
// the annual data template (import-template.md), one small file each, with its expected outcome. The files are
// fixtures, generated once; corpus/README.md says what each one exercises.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../../creditCode';
import { figureAt, type FigureKey } from '../../figures';
import { parseImportFile, type ImportRecord, type Mapping, type Problem } from '../parse';
import type { Encoding, ReadFile } from '../read';
import { answeredKeys, columnSuspects, unitQuestions } from '../units';

const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));

const code = (s6: string) => {
  const body = `91370405MA3${s6}`;
  return body + checkCharacter(body);
};

// The corpus's fictitious firms of 台儿庄区.
const LIDIAN = code('N4R8T1'); // 山东运河锂电科技有限公司
const ZHUZAO = code('P2W6K3'); // 枣庄泥沟精工铸造有限公司
const LIANLUN = code('Q7H3L5'); // 台儿庄涧头集链传动有限公司
const XIANWEI = code('R1M9X2'); // 山东台城特种纤维股份有限公司
const JICHUANG = code('T5D2Y8'); // 枣庄马兰屯数控机床有限公司
const ZHIYAO = code('U3F7G4'); // 山东邳庄生物制药有限公司
const JIANCAI = code('W8B1J6'); // 枣庄张山子新型建材有限公司
const SHIPIN = code('X6E4A9'); // 台儿庄古城食品机械有限公司
const DIANJIEYE = code('Y9L5C7'); // 山东峄南电解液有限公司
const ZHOUCHENG = code('K2N8P4'); // 枣庄鲁南轴承有限公司

interface Located {
  /** null for a problem of the whole file. */
  row: number | null;
  column: string | null;
  reasonContains: string;
}

interface Case {
  refused: boolean;
  /** The analyst's encoding override. */
  encoding?: Encoding;
  /** The analyst's sheet choice. */
  sheet?: string;
  /** The analyst's column mapping. */
  mapping?: Mapping;
  detected?: ReadFile['encoding'];
  format?: ReadFile['format'];
  /** The file cannot be read at all: refused with this text (and what to do). */
  unreadable?: string;
  chosenSheet?: string;
  headerRow?: number | null;
  /** Exactly these errors, in this order (none when absent). */
  errors?: Located[];
  /** Exactly these warnings (none when absent). */
  warnings?: Located[];
  records?: number;
  /** The spreadsheet rows the records come from. */
  recordRows?: number[];
  /** header text → template key (null: ignored). */
  columns?: Record<string, string | null>;
  /** `code|year` → { field: value }; field is name, titles, firm.<key> or a figure key. */
  values?: Record<string, Record<string, unknown>>;
  /** A known importer defect: the case states what the template asks for and runs as it.fails until fixed. */
  bug?: string;
}

const err = (row: number | null, column: string | null, reasonContains: string): Located => ({ row, column, reasonContains });
const at = (c: string, year = 2023) => `${c}|${year}`;

const MANIFEST: Record<string, Case> = {
  // ─── accepted ────────────────────────────────────────────────────────────
  'a01-utf8-plain.csv': {
    refused: false,
    detected: 'utf-8',
    chosenSheet: 'a01-utf8-plain',
    headerRow: 1,
    records: 3,
    values: {
      [at(LIDIAN)]: { name: '山东运河锂电科技有限公司', 'firm.town': '运河街道', 'firm.chain': '锂电新能源', revenue: 45678.9, rd_expense: 1523.4, share_domestic: 18.6, rank_national: 3, employees: 412 },
      [at(LIANLUN)]: { net_profit: 2450.1, invention_patents: 19 },
    },
  },
  'a02-utf8-bom.csv': {
    refused: false,
    detected: 'utf-8-bom',
    columns: { 统一社会信用代码: 'credit_code' },
    records: 3,
    values: { [at(XIANWEI)]: { name: '山东台城特种纤维股份有限公司', revenue: 67890.2 }, [at(JICHUANG)]: { net_profit: -230.6 } },
  },
  'a03-gbk-excel.csv': {
    refused: false,
    detected: 'gb18030',
    columns: { Ⅰ类知识产权数: 'ip_class1', 是否上市: 'listed' },
    records: 3,
    values: {
      [at(DIANJIEYE)]: { name: '山东峄南电解液有限公司', 'firm.town': '邳庄镇', revenue: 38920.6, net_profit: 2890.4, share_domestic: 7.5, ip_class1: 5, 'firm.listed': false },
      [at(ZHOUCHENG)]: { name: '枣庄鲁南轴承有限公司', net_profit: null, ip_class1: null, 'firm.listed': true },
    },
  },
  'a04-gbk-override.csv': {
    refused: false,
    encoding: 'gbk',
    detected: 'gb18030',
    records: 3,
    values: { [at(code('J3H5K7'))]: { name: '鲁台铜业', revenue: 15620.4 }, [at(code('L6M2N9'))]: { name: '山庄医药' }, [at(code('M8P4Q1'))]: { name: '全鲁镁业', net_profit: 1290.8 } },
  },
  'a05-xlsx-template.xlsx': {
    refused: false,
    chosenSheet: '企业年度数据',
    headerRow: 1,
    records: 3,
    values: {
      [at(LIANLUN)]: {
        'firm.product_code': '35110305',
        'firm.segment_since': 2008,
        'firm.founded_year': 2004,
        'firm.is_new_product': true,
        'firm.listed': false,
        titles: [
          { code: 'little_giant', year: 2021 },
          { code: 'high_tech', year: 2018 },
        ],
        revenue: 31280.5,
        equity_financing: 0,
        share_provincial: 41.5,
        rank_provincial: 1,
        ip_class1: 4,
        utility_software: 36,
        standards_led: 3,
        rd_staff_share: 14.2,
        credit_score: 86.5,
      },
      [at(XIANWEI)]: { 'firm.product_code': '2829010100', 'firm.is_new_product': true, 'firm.listed': false, share_global: null, rank_global: null },
      [at(JICHUANG)]: { 'firm.is_new_product': true, 'firm.listed': false, titles: [], net_profit: -230.6, intl_revenue: null, credit_score: null },
    },
  },
  'a06-xlsx-title-rows.xlsx': {
    refused: false,
    headerRow: 5,
    records: 3,
    recordRows: [6, 7, 9],
    values: { [at(SHIPIN)]: { name: '台儿庄古城食品机械有限公司', revenue: 9876.5 }, [at(JIANCAI)]: { rank_national: 4 } },
  },
  'a07-header-unit-yuan.csv': {
    refused: false,
    columns: { '营业收入（元）': 'revenue', '净利润(元)': 'net_profit' },
    records: 2,
    values: {
      [at(LIDIAN)]: { revenue: 45678.9012, rd_expense: 1523.4, net_profit: -230.6 },
      [at(ZHUZAO)]: { revenue: 23456.7, rd_expense: 812.3, net_profit: 1105.2 },
    },
  },
  'a08-header-unit-yi.csv': {
    refused: false,
    records: 3,
    values: {
      [at(XIANWEI)]: { revenue: 67900, total_assets: 90300 },
      [at(ZHIYAO)]: { revenue: 52300, total_assets: 11000 },
      [at(JIANCAI)]: { revenue: 12000, total_assets: 5600 },
    },
  },
  'a09-header-units-xlsx-numbers.xlsx': {
    refused: false,
    records: 3,
    values: {
      [at(XIANWEI)]: { revenue: 67900, total_assets: 90300, net_profit: 5120.8 },
      [at(ZHIYAO)]: { revenue: 52300, total_assets: 11000, net_profit: 6012.3 },
      [at(JIANCAI)]: { revenue: 12000, total_assets: 5600, net_profit: 230.6 },
    },
  },
  'a10-header-synonyms.csv': {
    refused: false,
    columns: { 统一代码: 'credit_code', 单位名称: 'name', 数据年度: 'year', 镇街: 'town', 营收: 'revenue', 研发投入: 'rd_expense', 利润净额: 'net_profit', 总资产: 'total_assets', 国内占有率: 'share_domestic', 国内排名: 'rank_national', 发明专利数: 'invention_patents', 年末从业人员: 'employees' },
    records: 2,
    values: { [at(DIANJIEYE)]: { revenue: 38920.6, total_assets: 52310.8, rank_national: 8, employees: 376 } },
  },
  'a11-synonym-sales-all.csv': {
    refused: false,
    columns: { '销售收入（全部）': 'revenue' },
    records: 2,
    values: { [at(LIDIAN)]: { revenue: 45678.9 }, [at(ZHUZAO)]: { revenue: 23456.7 } },
  },
  'a12-keys-as-headers.csv': {
    refused: false,
    columns: { credit_code: 'credit_code', name: 'name', year: 'year', net_profit: 'net_profit', rd_staff_share: 'rd_staff_share' },
    records: 2,
    values: { [at(SHIPIN)]: { 'firm.town': '运河街道', 'firm.listed': false, share_domestic: 11.2, rd_staff_share: 16.5 } },
  },
  'a13-thousands-separators.csv': {
    refused: false,
    records: 2,
    values: { [at(LIDIAN)]: { revenue: 45678.9, main_revenue: 43012.35, total_assets: 61234.5, employees: 1412 }, [at(XIANWEI)]: { total_assets: 90321 } },
  },
  'a14-fullwidth.csv': {
    refused: false,
    records: 2,
    values: {
      [at(ZHUZAO)]: { revenue: 23456.7, net_profit: 1105.2, share_domestic: 9.4, rank_national: 7, employees: 286 },
      // This row's credit code and year are written in full-width characters too.
      [at(JICHUANG)]: { revenue: 18765.4, net_profit: -230.6, share_domestic: 6.8 },
    },
  },
  'a15-units-in-cells.csv': {
    refused: false,
    records: 3,
    values: {
      [at(JIANCAI)]: { revenue: 12000, rd_expense: 380.2, net_profit: 640.7, share_domestic: 12.5, rd_staff_share: 15 },
      [at(ZHIYAO)]: { revenue: 52300, rd_expense: 3120.4, share_domestic: 4.2 },
      [at(SHIPIN)]: { revenue: 9876.5, rd_expense: 455, net_profit: 512, share_domestic: 11.2 },
    },
  },
  'a16-empty-markers.csv': {
    refused: false,
    records: 3,
    values: {
      [at(LIDIAN)]: { 'firm.town': '运河街道', 'firm.main_product': null, revenue: null, rd_expense: null, net_profit: null, share_domestic: null, rank_national: null, invention_patents: null, employees: 412 },
      [at(ZHUZAO)]: { 'firm.town': null, 'firm.main_product': null, revenue: 23456.7, rd_expense: null, net_profit: null, share_domestic: null, rank_national: null, invention_patents: 0 },
      // A short row: the missing trailing cells are no value.
      [at(LIANLUN)]: { revenue: null, employees: null },
    },
  },
  'a17-booleans.csv': {
    refused: false,
    records: 7,
    values: {
      [at(LIDIAN)]: { 'firm.is_new_product': true, 'firm.listed': false },
      [at(ZHUZAO)]: { 'firm.is_new_product': true, 'firm.listed': false },
      [at(LIANLUN)]: { 'firm.is_new_product': true, 'firm.listed': false },
      [at(XIANWEI)]: { 'firm.is_new_product': true, 'firm.listed': false },
      [at(JICHUANG)]: { 'firm.is_new_product': true, 'firm.listed': false },
      [at(ZHIYAO)]: { 'firm.is_new_product': true, 'firm.listed': false },
      [at(JIANCAI)]: { 'firm.is_new_product': true, 'firm.listed': null },
    },
  },
  'a18-titles.csv': {
    refused: false,
    records: 5,
    values: {
      [at(LIANLUN)]: {
        titles: [
          { code: 'little_giant', year: 2021 },
          { code: 'high_tech', year: 2020 },
        ],
      },
      [at(XIANWEI)]: {
        titles: [
          { code: 'srdi_provincial', year: 2019 },
          { code: 'innovative_sme', year: 2022 },
          { code: 'gazelle_provincial', year: 2021 },
        ],
      },
      [at(DIANJIEYE)]: { titles: [{ code: 'high_tech', year: null }] },
      [at(SHIPIN)]: { titles: [] },
      [at(ZHOUCHENG)]: {
        titles: [
          { code: 'little_giant', year: 2022 },
          { code: 'champion_provincial', year: 2023 },
        ],
      },
    },
  },
  'a19-negative-profit.csv': {
    refused: false,
    records: 4,
    values: { [at(JICHUANG)]: { net_profit: -120.5 }, [at(SHIPIN)]: { net_profit: -120.5 }, [at(JIANCAI)]: { net_profit: -35.2 }, [at(ZHOUCHENG)]: { net_profit: -1876.2 } },
  },
  'a20-xlsx-numbers-as-text.xlsx': {
    refused: false,
    records: 2,
    values: { [at(LIDIAN)]: { revenue: 45678.9, share_domestic: 18.6, rank_national: 3, employees: 412 }, [at(ZHIYAO)]: { revenue: 52310, net_profit: 6012.3 } },
  },
  'a21-xlsx-formulas.xlsx': {
    refused: false,
    records: 2,
    values: {
      [at(XIANWEI)]: { name: '山东台城特种纤维股份有限公司', revenue: 67890.2, total_liabilities: 40120.8, net_profit: 5118.9, main_revenue: 65012.4 },
      [at(ZHIYAO)]: { revenue: 52310, total_liabilities: 21033.8, net_profit: 6012.3, employees: 667 },
    },
  },
  'a22-code-spaces-lowercase.csv': {
    refused: false,
    records: 3,
    values: { [at(LIDIAN)]: { revenue: 45678.9 }, [at(ZHUZAO)]: { revenue: 23456.7 }, [at(LIANLUN)]: { revenue: 31280.5 } },
  },
  'a23-several-years.csv': {
    refused: false,
    records: 6,
    values: {
      [at(DIANJIEYE, 2021)]: { revenue: 30115.2 },
      [at(DIANJIEYE, 2022)]: { revenue: 34780.4 },
      [at(DIANJIEYE, 2023)]: { revenue: 38920.6 },
      [at(ZHOUCHENG, 2021)]: { share_domestic: 4.6 },
      [at(ZHOUCHENG, 2023)]: { share_domestic: 5.1 },
    },
  },
  'a24-extra-columns.csv': {
    refused: false,
    columns: { 序号: null, 联系人: null, 联系电话: null, '营业收入增长率（%）': null, 填报日期: null, 备注: null, 营业收入: 'revenue' },
    records: 2,
    values: { [at(SHIPIN)]: { revenue: 9876.5 }, [at(JIANCAI)]: { revenue: 12034.8 } },
  },
  'a25-multi-sheet.xlsx': {
    refused: false,
    chosenSheet: '2023年数据',
    warnings: [err(null, null, '已读取含有表头行的工作表“2023年数据”')],
    records: 3,
    values: { [at(DIANJIEYE)]: { revenue: 38920.6 } },
  },
  'a26-explicit-sheet.xlsx': {
    refused: false,
    sheet: '2023年',
    chosenSheet: '2023年',
    records: 2,
    values: { [at(LIDIAN)]: { revenue: 45678.9 }, [at(ZHUZAO)]: { revenue: 23456.7 } },
  },
  'a27-header-linebreaks.xlsx': {
    refused: false,
    columns: { '*统一社会信用代码': 'credit_code', '*企业名称': 'name', '*年度': 'year', '营业收入\n（万元）': 'revenue', '研发费用\n(万元)': 'rd_expense', '国内市场占有率\n（%）': 'share_domestic', 全国排名: 'rank_national', '从业人员（人）': 'employees' },
    records: 2,
    values: { [at(ZHOUCHENG)]: { revenue: 27650.3, rd_expense: 1012.7, share_domestic: 5.1, rank_national: 12, employees: 309 } },
  },
  'a28-stats-extract-mapping.csv': {
    refused: false,
    mapping: { '营业收入（上年同期）': null, 单位详细名称: 'name', 从业人员期末人数: 'employees' },
    columns: { 统计年度: 'year', '营业收入（万元）': 'revenue', '营业收入（上年同期）': null, 利润总额: null, 从业人员期末人数: 'employees' },
    records: 2,
    values: { [at(LIDIAN)]: { name: '山东运河锂电科技有限公司', revenue: 45678.9, employees: 412 } },
  },
  'a29-csv-title-rows.csv': {
    refused: false,
    headerRow: 3,
    records: 2,
    recordRows: [4, 6],
    values: { [at(JICHUANG)]: { net_profit: -230.6, rank_national: 11 } },
  },
  'a30-fullwidth-text-kept.csv': {
    refused: false,
    records: 2,
    values: {
      [at(ZHOUCHENG)]: { name: '枣庄鲁南轴承（集团）有限公司', 'firm.main_product': 'Ⅱ型圆锥滚子轴承', revenue: 27650.3 },
      [at(LIANLUN)]: { 'firm.main_product': '矿用链轮（刮板输送机用）' },
    },
  },
  'a32-percent-cells-openpyxl.xlsx': {
    refused: false,
    // openpyxl writes absolute sheet targets: the sheet keeps its own name, not Sheet1.
    chosenSheet: '企业年度数据',
    records: 3,
    // 12.5% typed in a percent-formatted cell is stored as 0.125: read as 12.5; plain 9.4 in the same column stays 9.4.
    values: { [at(LIDIAN)]: { share_domestic: 12.5, rd_staff_share: 14.2 }, [at(ZHUZAO)]: { share_domestic: 9.4, rd_staff_share: 15.5 }, [at(LIANLUN)]: { share_domestic: 22.3, rd_staff_share: null } },
  },
  'a33-utf8-keys-latin-names.csv': {
    refused: false,
    detected: 'utf-8',
    records: 2,
    values: { [at(LIDIAN)]: { name: '山东运河·锂电科技有限公司', 'firm.main_product': 'Φ12 锂电池隔膜' }, [at(ZHUZAO)]: { 'firm.main_product': '球墨铸铁阀体 200×150' } },
  },
  'a34-utf8-chinese-headers-phi.csv': {
    refused: false,
    detected: 'utf-8',
    records: 2,
    values: { [at(LIDIAN)]: { 'firm.main_product': 'Φ6–Φ40 精密轴承', revenue: 45678.9 }, [at(ZHUZAO)]: { name: '枣庄泥沟精工铸造(Société)有限公司' } },
  },
  'a35-short-semicolon-titles.csv': {
    // Two rows, titles with ';', the second row short: papaparse's own guess would split at ';'.
    refused: false,
    headerRow: 1,
    records: 2,
    values: {
      [at(LIANLUN)]: { revenue: 31280.5, titles: [{ code: 'little_giant', year: 2021 }, { code: 'high_tech', year: 2020 }, { code: 'innovative_sme', year: 2019 }] },
      [at(LIDIAN)]: { revenue: null, titles: [{ code: 'high_tech', year: 2019 }, { code: 'innovative_sme', year: 2022 }, { code: 'srdi_provincial', year: 2021 }] },
    },
  },
  'a36-tab-separated.csv': {
    refused: false,
    records: 2,
    values: { [at(LIDIAN)]: { revenue: 45678.9, titles: [{ code: 'high_tech', year: 2019 }, { code: 'innovative_sme', year: 2022 }] }, [at(ZHUZAO)]: { revenue: 23456.7, titles: [] } },
  },
  'a37-libreoffice.xls': {
    refused: false,
    format: 'xls',
    chosenSheet: '企业年度数据',
    records: 3,
    values: { [at(LIDIAN)]: { revenue: 45678.9, share_domestic: 18.6 }, [at(ZHUZAO)]: { share_domestic: 9.4, titles: [] }, [at(LIANLUN)]: { titles: [{ code: 'high_tech', year: 2018 }] } },
  },
  'a38-libreoffice.ods': {
    refused: false,
    format: 'ods',
    chosenSheet: '企业年度数据',
    records: 3,
    values: { [at(LIDIAN)]: { revenue: 45678.9, share_domestic: 18.6 }, [at(ZHUZAO)]: { share_domestic: 9.4 } },
  },
  'a39-wps-et.et': {
    refused: false,
    format: 'et',
    records: 3,
    values: { [at(LIANLUN)]: { name: '台儿庄涧头集链传动有限公司', revenue: 31280.5, share_domestic: 22.3 } },
  },
  'a40-openpyxl-sheet1.xlsx': {
    refused: false,
    chosenSheet: 'Sheet1',
    warnings: [err(null, null, '已读取含有表头行的工作表“Sheet1”')],
    records: 2,
    values: { [at(LIDIAN)]: { revenue: 45678.9 } },
  },
  'a41-year-suffixes.csv': {
    refused: false,
    records: 3,
    values: { [at(LIDIAN)]: { revenue: 45678.9 }, [at(ZHUZAO)]: { revenue: 23456.7 }, [at(LIANLUN, 2022)]: { revenue: 31280.5 } },
  },
  'a42-share-percent-cells.xlsx': {
    refused: false,
    records: 3,
    values: { [at(LIDIAN)]: { share_domestic: 18.6 }, [at(LIANLUN)]: { share_domestic: 22.3 } },
  },
  'a45-utf16-unicode-text.txt': {
    refused: false,
    format: 'csv',
    detected: 'utf-16le',
    records: 2,
    values: { [at(LIDIAN)]: { name: '山东运河锂电科技有限公司', revenue: 45678.9, share_domestic: 18.6 } },
  },
  'a44-csv-named-xlsx.xlsx': { refused: false, format: 'csv', records: 1, values: { [at(LIDIAN)]: { revenue: 45678.9 } } },
  'a31-gbk-looks-like-utf8.csv': {
    refused: false,
    detected: 'gb18030',
    records: 3,
    values: { [at(code('N7Q2R5'))]: { name: '实强铜业' }, [at(code('P9T4U6'))]: { name: '台庄药业' }, [at(code('Q3W8X1'))]: { name: '鲁源镁业' } },
  },

  // ─── refused ─────────────────────────────────────────────────────────────
  'r01-bad-check-character.csv': { refused: true, errors: [err(3, '统一社会信用代码', '校验位')], records: 2 },
  'r02-code-length.csv': { refused: true, errors: [err(2, '统一社会信用代码', '18 位'), err(3, '统一社会信用代码', '18 位')], records: 1 },
  'r03-code-forbidden-letters.csv': {
    refused: true,
    errors: [err(2, '统一社会信用代码', '不允许的字符'), err(3, '统一社会信用代码', '不允许的字符'), err(4, '统一社会信用代码', '不允许的字符')],
    records: 1,
  },
  'r04-duplicate-rows.csv': { refused: true, errors: [err(5, '统一社会信用代码', '与第 2 行重复')], records: 3 },
  'r05-year-out-of-range.csv': { refused: true, errors: [err(2, '年度', '1990–2100'), err(3, '年度', '1990–2100')], records: 1 },
  'r06-share-over-100.xlsx': { refused: true, headerRow: 3, errors: [err(5, '国内市场占有率（%）', '0–100')], records: 2, recordRows: [4, 6] },
  'r07-negative-rank.csv': { refused: true, errors: [err(2, '全国排名', '排名应为 1'), err(3, '全国排名', '排名应为 1')], records: 1 },
  'r08-negative-count.csv': { refused: true, errors: [err(2, '有效发明专利数', '不能为负数'), err(3, '从业人员', '不能为负数')], records: 1 },
  'r09-text-for-number.csv': {
    refused: true,
    errors: [err(2, '营业收入', '不是数字'), err(3, '研发费用', '不是数字'), err(4, '净利润', '不是数字')],
    records: 1,
  },
  'r10-revenue-implausible.csv': { refused: true, errors: [err(3, '营业收入', '单位错误')], records: 1 },
  'r11-header-unit-usd.csv': { refused: true, errors: [err(1, '营业收入（美元）', '美元')], records: 0 },
  'r12-no-header.csv': { refused: true, headerRow: null, errors: [err(null, null, '找不到表头行')], records: 0 },
  'r13-empty.csv': { refused: true, errors: [err(null, null, '空')], records: 0 },
  'r14-empty-sheet.xlsx': { refused: true, chosenSheet: '企业年度数据', errors: [err(null, null, '空')], records: 0 },
  // The missing column is named in the reason; there is no cell to point at, so `column` stays null.
  'r15-missing-year-column.csv': { refused: true, errors: [err(1, null, '缺少必填列“年度”')], records: 0 },
  'r16-name-empty.csv': { refused: true, errors: [err(3, '企业名称', '不能为空'), err(4, '企业名称', '不能为空')], records: 1 },
  'r17-code-as-number.xlsx': { refused: true, errors: [err(2, '统一社会信用代码', '存成了数字，末几位已丢失：请把该列设为“文本”格式')], records: 1 },
  'r18-two-columns-one-field.csv': { refused: true, errors: [err(1, '营收', '同一项')], records: 0 },
  'r19-header-only.csv': { refused: true, errors: [err(null, null, '没有任何数据行')], records: 0 },
  'r20-old-xls.xls': { refused: true, unreadable: '另存为 .xlsx' },
  'r21-bad-text-fields.csv': {
    refused: true,
    errors: [err(2, '已获称号', '无法识别的称号'), err(3, '产品分类代码', '8 或 10 位'), err(4, '是否上市', '是”或“否'), err(5, '已获称号', '1990–2100')],
    records: 1,
  },

  'r22-formula-without-result.xlsx': { refused: true, errors: [err(3, '营业收入', '第3行 营业收入列是公式且没有计算结果：请在 Excel 中打开并保存一次')], records: 1 },
  'r23-code-scientific.csv': {
    refused: true,
    errors: [err(3, '统一社会信用代码', '科学计数法（9.13704E+17）'), err(4, '统一社会信用代码', '末尾的 0 可能是表格软件把它当作数字时丢失的位数')],
    records: 1,
  },
  'r24-yuan-in-wanyuan-gbk.csv': {
    refused: true,
    detected: 'gb18030',
    errors: [err(3, '营业收入', '可能是以元填写的：请选择这一列的单位')],
    records: 3,
    values: { [at(ZHUZAO)]: { revenue: 71875000 } },
  },
  'r25-pdf-named-xlsx.xlsx': { refused: true, unreadable: '请在 Excel/WPS 中打开并另存为 .xlsx' },

  // ─── warned, accepted ────────────────────────────────────────────────────
  'w02-rd-staff-fractions.csv': {
    refused: false,
    warnings: [err(1, '研发人员占比', '0–1')],
    records: 3,
    values: { [at(XIANWEI)]: { rd_staff_share: 0.15 }, [at(JIANCAI)]: { rd_staff_share: null } },
  },
};

function field(rec: ImportRecord, key: string): unknown {
  if (key === 'name' || key === 'titles' || key === 'row') return rec[key];
  if (key.startsWith('firm.')) return (rec.firm as Record<string, unknown>)[key.slice(5)];
  return figureAt(rec.figures, key as FigureKey);
}

function expectLocated(actual: Problem[], expected: Located[] = []) {
  expect(actual.map((p) => ({ row: p.row, column: p.column }))).toEqual(expected.map((e) => ({ row: e.row, column: e.column })));
  expected.forEach((e, i) => expect(actual[i].reason).toContain(e.reasonContains));
}

async function check(file: string, c: Case) {
  const bytes = new Uint8Array(fs.readFileSync(path.join(CORPUS, file)));
  if (c.unreadable) {
    await expect(parseImportFile(bytes, file, {})).rejects.toThrow(c.unreadable);
    return;
  }
  const { file: read, parsed: chosen } = await parseImportFile(bytes, file, { encoding: c.encoding, sheet: c.sheet, mapping: c.mapping });
  if (c.detected !== undefined) expect(read.encoding).toBe(c.detected);
  if (c.format !== undefined) expect(read.format).toBe(c.format);
  expect(chosen).not.toBeNull();
  const parsed = chosen!;
  const sheet = { name: parsed.sheet };
  if (c.chosenSheet !== undefined) expect(sheet.name).toBe(c.chosenSheet);
  if (c.headerRow !== undefined) expect(parsed.headerRow).toBe(c.headerRow);

  // A column that looks like 元 in a 万元 one refuses the file until the analyst answers (as analyseImport does).
  const asked = unitQuestions(columnSuspects(parsed.records), parsed.columns, answeredKeys({}, parsed.columns), parsed.sheet).problems;
  const errors = [...parsed.problems, ...asked].filter((p) => p.level === 'error');
  const warnings = parsed.problems.filter((p) => p.level === 'warning');
  expect(errors.length > 0).toBe(c.refused);
  expectLocated(errors, c.errors);
  expectLocated(warnings, c.warnings);
  for (const p of parsed.problems) {
    expect(p.sheet).toBe(sheet!.name);
    expect(p.sheet).not.toBe('');
    expect(p.reason).not.toBe('');
    // A problem in a data row always names its column.
    if (p.row !== null && parsed.headerRow !== null && p.row > parsed.headerRow) expect(p.column).not.toBeNull();
  }

  if (c.records !== undefined) expect(parsed.records).toHaveLength(c.records);
  if (c.recordRows) expect(parsed.records.map((r) => r.row)).toEqual(c.recordRows);
  for (const [header, key] of Object.entries(c.columns ?? {})) {
    const col = parsed.columns.find((x) => x.header === header);
    expect(col, `column “${header}”`).toBeDefined();
    expect(col!.key, `column “${header}”`).toBe(key);
  }
  for (const [k, fields] of Object.entries(c.values ?? {})) {
    const [creditCode, year] = k.split('|');
    const rec = parsed.records.find((r) => r.creditCode === creditCode && r.year === Number(year));
    expect(rec, `record ${k}`).toBeDefined();
    for (const [f, v] of Object.entries(fields)) expect(field(rec!, f), `${k} ${f}`).toStrictEqual(v);
  }
}

describe('import corpus', () => {
  for (const [file, c] of Object.entries(MANIFEST)) {
    const outcome = c.refused ? 'refused' : c.warnings?.length ? 'accepted with a warning' : 'accepted';
    if (c.bug) it.fails(`${file}: ${outcome} — known defect: ${c.bug}`, () => check(file, c));
    else it(`${file}: ${outcome}`, () => check(file, c));
  }

  it('holds at least 30 files, every one of them in the manifest and in the README', () => {
    const files = fs.readdirSync(CORPUS).filter((f) => f !== 'README.md');
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect([...files].sort()).toEqual(Object.keys(MANIFEST).sort());
    const readme = fs.readFileSync(path.join(CORPUS, 'README.md'), 'utf8');
    for (const f of files) expect(readme, f).toContain(`\`${f}\``);
  });
});
