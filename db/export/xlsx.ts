// The shortlist as an xlsx workbook laid out like the bureau's paper 申报汇总表: title, filling unit and
// date, subtitle, one bordered table, notes in red under it; a second sheet lists the criteria and sources.
import type { Borders, Fill, Workbook, Worksheet } from 'exceljs';
import { cellValue, displayWidth } from './cells';
import type { ColumnKind, ShortlistExport } from './model';
import { SIDE_MARGIN_IN, paperFit, paperHeader, paperWidths } from './paper';

const FONT = '宋体'; // what the bureau's own forms use; present on every Chinese Windows and WPS install
const HEADER_ROW = 4;
const THIN: Partial<Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const RED = 'FFFF0000';
const LINE_HEIGHT = 14.5; // points per line of 11pt text, for rows Excel would otherwise leave one line high

const NUM_FMT: Partial<Record<ColumnKind, string>> = {
  money: '#,##0.0',
  amount: '#,##0.0#####',
  percent: '0.0',
  rank: '0',
  count: '0',
  years: '0',
  index: '0',
};

// Text cells are stored as text: they never run as formulas, so nothing is prefixed.
const text = (s: string | null | undefined): string => s ?? '';

/** Rows needed to show `s` wrapped in a column `width` characters wide. */
function lines(s: string, width: number): number {
  // A line holds whole CJK characters (two units each) within the width less the cell's padding.
  const perLine = Math.max(2, Math.floor((width - 1.5) / 2) * 2);
  return s.split(/\r?\n/).reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / perLine)), 0);
}

function heightFor(count: number, lineHeight = LINE_HEIGHT): number | undefined {
  return count > 1 ? Math.ceil(count * lineHeight + 4) : undefined;
}

/** A merged row of red bold text across `span` columns, sized to its wrapped length. */
function noteRow(ws: Worksheet, rowNo: number, span: number, note: string, width: number): void {
  const shown = note.startsWith('注') ? note : `注：${note}`;
  ws.mergeCells(rowNo, 1, rowNo, span);
  const cell = ws.getCell(rowNo, 1);
  cell.value = text(shown);
  cell.font = { name: FONT, size: 11, bold: true, color: { argb: RED } };
  cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  const h = heightFor(lines(shown, width));
  if (h) ws.getRow(rowNo).height = h;
}

/** How a table sheet names itself and labels its second row (the paper form's 填报单位 and 填报日期). */
export interface SheetLabels {
  sheet: string;
  unit: string;
  date: string;
}

const SUMMARY_LABELS: SheetLabels = { sheet: '申报汇总表', unit: '填报单位', date: '填报日期' };

function summarySheet(wb: Workbook, data: ShortlistExport, labels: SheetLabels = SUMMARY_LABELS): void {
  const ws = wb.addWorksheet(labels.sheet);
  const n = data.columns.length;
  const widths = paperWidths(data);
  ws.properties.defaultColWidth = 9; // exceljs leaves out a width of 9 as its default: say what that default is
  const total = widths.reduce((a, b) => a + b, 0);
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = text(data.title);
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 32;

  // Filling unit on the left half, date on the right half, as on the paper form.
  const unit = `${labels.unit}：${data.fillingUnit}`;
  const date = `${labels.date}：${data.date}`;
  if (n >= 2) {
    const left = Math.ceil(n / 2);
    ws.mergeCells(2, 1, 2, left);
    if (left + 1 < n) ws.mergeCells(2, left + 1, 2, n);
    ws.getCell(2, 1).value = text(unit);
    ws.getCell(2, 1).alignment = { horizontal: 'left', vertical: 'middle' };
    ws.getCell(2, left + 1).value = text(date);
    ws.getCell(2, left + 1).alignment = { horizontal: 'right', vertical: 'middle' };
    ws.getCell(2, left + 1).font = { name: FONT, size: 11 };
  } else {
    ws.getCell(2, 1).value = text(`${unit}\u3000${date}`);
  }
  ws.getCell(2, 1).font = { name: FONT, size: 11 };
  ws.getRow(2).height = 20;

  ws.mergeCells(3, 1, 3, n);
  const sub = ws.getCell(3, 1);
  sub.value = text(data.subtitle);
  sub.font = { name: FONT, size: 10 };
  sub.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(3).height = heightFor(lines(data.subtitle, total), 13) ?? 18;

  const header = ws.getRow(HEADER_ROW);
  const headers = data.columns.map((c) => paperHeader(c.header));
  headers.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text(h);
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  });
  header.height = heightFor(Math.max(2, ...headers.map((h, i) => lines(h, widths[i])))) ?? 30;

  // Every data row as tall as the tallest needs, so the printed table reads evenly and nothing is cut off.
  const tall = Math.max(
    1,
    ...data.rows.flatMap((r) =>
      data.columns.map((c, i) => {
        const v = cellValue(c.kind, r[c.key]);
        return typeof v === 'string' ? lines(v, widths[i]) : 1;
      }),
    ),
  );
  data.rows.forEach((r, ri) => {
    const row = ws.getRow(HEADER_ROW + 1 + ri);
    data.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = cellValue(c.kind, r[c.key]);
      cell.value = v;
      cell.font = { name: FONT, size: 11 };
      cell.border = THIN;
      const fmt = NUM_FMT[c.kind];
      if (typeof v === 'number' && fmt) cell.numFmt = fmt;
      cell.alignment =
        c.kind === 'index'
          ? { horizontal: 'center', vertical: 'middle' }
          : typeof v === 'number'
            ? { horizontal: 'right', vertical: 'middle' }
            : { horizontal: 'left', vertical: 'middle', wrapText: true };
    });
    row.height = heightFor(tall) ?? LINE_HEIGHT + 4;
  });

  const totals = data.totals;
  if (totals) {
    const row = ws.getRow(HEADER_ROW + 1 + data.rows.length);
    data.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = cellValue(c.kind, totals[c.key]);
      cell.value = v;
      cell.font = { name: FONT, size: 11, bold: true };
      cell.border = THIN;
      const fmt = NUM_FMT[c.kind];
      if (typeof v === 'number' && fmt) cell.numFmt = fmt;
      cell.alignment = typeof v === 'number' ? { horizontal: 'right', vertical: 'middle' } : { horizontal: 'center', vertical: 'middle' };
    });
  }
  const tableEnd = HEADER_ROW + data.rows.length + (totals ? 1 : 0);

  if (data.notes.length) {
    const first = tableEnd + 2; // one blank row between table and notes
    data.notes.forEach((note, i) => noteRow(ws, first + i, n, note, total));
  }

  // Freeze below the header and after 序号 + 企业名称, so both stay in sight while scrolling.
  const xSplit = Math.min(2, n);
  ws.views = [{ state: 'frozen', xSplit, ySplit: HEADER_ROW, topLeftCell: `${ws.getColumn(xSplit + 1).letter}${HEADER_ROW + 1}` }]; // getCell would add a row
  const fit = paperFit(widths);
  ws.pageSetup = {
    ...paperSetup(fit.scale),
    printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    // Too wide even at the smallest legible scale: the rest runs onto a page of its own, the firm named on each.
    ...(fit.oneAcross ? {} : { printTitlesColumn: `A:${ws.getColumn(xSplit).letter}` }),
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' };
}

/** A4 landscape at a set scale (no fit-to-width: that is what shrank a wide sheet to 39 %), pages as tall as needed. */
function paperSetup(scale: number): Worksheet['pageSetup'] {
  return {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: false,
    scale,
    horizontalCentered: true,
    margins: { left: SIDE_MARGIN_IN, right: SIDE_MARGIN_IN, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

const CRITERIA_COLUMNS: { header: string; width: number }[] = [
  { header: '条件', width: 9 },
  { header: '条件内容', width: 40 },
  { header: '门槛', width: 28 },
  { header: '出处', width: 36 },
  { header: '可信度', width: 12 },
  { header: '是否计入', width: 10 },
  { header: '说明', width: 36 },
];

function criteriaSheet(wb: Workbook, data: ShortlistExport): void {
  const ws = wb.addWorksheet('标准与出处');
  const n = CRITERIA_COLUMNS.length;
  CRITERIA_COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const total = CRITERIA_COLUMNS.reduce((a, c) => a + c.width, 0);

  const header = ws.getRow(1);
  CRITERIA_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  });
  header.height = 22;

  data.criteria.forEach((c, ri) => {
    const values = [
      /^条件/.test(c.id) ? c.id : `条件${c.id}`,
      c.text,
      c.threshold,
      c.source,
      c.confidence,
      c.enabled ? '计入' : '未启用',
      c.reason ?? '',
    ];
    const row = ws.getRow(2 + ri);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = text(v);
      cell.font = { name: FONT, size: 11 };
      cell.border = THIN;
      const centred = i === 0 || i === 4 || i === 5;
      cell.alignment = { horizontal: centred ? 'center' : 'left', vertical: 'middle', wrapText: true };
    });
    const h = heightFor(Math.max(...values.map((v, i) => lines(v, CRITERIA_COLUMNS[i].width))));
    if (h) row.height = h;
  });

  const first = 2 + data.criteria.length + 1;
  data.notes.forEach((note, i) => noteRow(ws, first + i, n, note, total));

  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' }];
  ws.pageSetup = { ...paperSetup(paperFit(CRITERIA_COLUMNS.map((c) => c.width)).scale), printTitlesRow: '1:1' };
}

async function newWorkbook(title: string): Promise<Workbook> {
  const { default: ExcelJS } = await import('../exceljs'); // loaded when first needed: a quicker start
  const wb = new ExcelJS.Workbook();
  const now = new Date();
  wb.creator = '单项冠军培育库';
  wb.lastModifiedBy = '单项冠军培育库';
  wb.created = now;
  wb.modified = now;
  wb.title = title;
  return wb;
}

export async function shortlistXlsx(data: ShortlistExport): Promise<Buffer> {
  if (data.columns.length === 0) throw new Error('导出失败：汇总表没有任何列');
  const wb = await newWorkbook(data.title);
  summarySheet(wb, data);
  criteriaSheet(wb, data);
  // exceljs types this as an ArrayBuffer-like; hand callers a real Node Buffer.
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Tables laid out as the shortlist's summary sheet (title, a labelled second row, subtitle, bordered table, notes
 * in red; A4 landscape, header repeated on every page), one sheet each: the 诉求台账 and its reports. */
export async function tablesXlsx(title: string, sheets: { data: ShortlistExport; labels: SheetLabels }[]): Promise<Buffer> {
  const wb = await newWorkbook(title);
  for (const s of sheets) summarySheet(wb, s.data, s.labels);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A list (融资需求名单, 上市后备库, 奖补台账) as one printable sheet laid out like the 申报汇总表, with its 合计 row. */
export async function listXlsx(data: ShortlistExport, sheetName: string): Promise<Buffer> {
  if (data.columns.length === 0) throw new Error('导出失败：表格没有任何列');
  const wb = await newWorkbook(data.title);
  summarySheet(wb, data, { ...SUMMARY_LABELS, sheet: sheetName });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
