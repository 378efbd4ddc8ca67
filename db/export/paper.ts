// The 申请汇总表 designed for paper: A4 landscape at a scale of 70 % or more, so 11 pt text prints at 7.7 pt or
// larger. Columns get the width their kind needs (two-line names, numbers as wide as their longest value, headers
// wrapped over a few lines with the unit on its own line) instead of wide fixed widths shrunk by fit-to-width; the
// scale is then computed, not left to the spreadsheet. A sheet that would need less than 70 % prints at 70 % and
// runs onto a second page across, with 序号 and 企业名称 repeated, rather than shrinking to unreadable.
import { cellValue, displayWidth, shownText } from './cells';
import type { ExportColumn, ShortlistExport } from './model';

/** A4 landscape, less the side margins (inches), in pixels at 96 dpi: what one page holds across at 100 %. */
export const SIDE_MARGIN_IN = 0.3;
export const PRINTABLE_PX = Math.floor((297 / 25.4 - 2 * SIDE_MARGIN_IN) * 96);
export const MIN_SCALE = 70;

/** Pixels a column of width `w` takes: Excel's unit is the digit width of the default font (Calibri 11, 7 px) plus
 * 5 px of padding. */
export const columnPixels = (w: number): number => Math.trunc(w * 7 + 5);

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Text columns by key: [narrowest, widest]; within that, as wide as the longest value. Names wrap onto two lines. */
const TEXT_WIDTH: Record<string, [number, number]> = {
  name: [14, 14],
  credit_code: [19, 19], // 18 characters on one line: a code must never wrap
  town: [6, 9],
  main_product: [6, 12],
  product_code: [5, 11],
  verdict: [6.5, 6.5],
  status: [4.5, 4.5],
  shortfall: [8, 18],
  note: [6, 14],
};
const NUMBER_MIN: Partial<Record<ExportColumn['kind'], number>> = { index: 4, money: 8.5, percent: 6, rank: 5, count: 5, years: 5 };

/** The header as printed: the unit "（万元）" on a line of its own. */
export function paperHeader(header: string): string {
  return header.replace(/(.)(（[^（）]*）)$/, '$1\n$2');
}

function contentWidth(data: ShortlistExport, c: ExportColumn): number {
  return data.rows.reduce((w, r) => Math.max(w, displayWidth(shownText(c.kind, cellValue(c.kind, r[c.key])))), 0);
}

/** Each column's width in characters, for paper. A width the model gives is kept as it is. */
export function paperWidths(data: ShortlistExport): number[] {
  return data.columns.map((c) => {
    if (c.width) return c.width;
    const content = contentWidth(data, c);
    if (c.kind === 'text') {
      const [lo, hi] = TEXT_WIDTH[c.key] ?? [6, 14];
      return clamp(content + (c.key === 'product_code' ? 2 : 1), lo, hi);
    }
    // A number on one line; its header (without the unit) in at most four lines of CJK text.
    const name = displayWidth(paperHeader(c.header).split('\n')[0]);
    return clamp(Math.max(content + 1.5, Math.ceil(name / 8) * 2 + 1), NUMBER_MIN[c.kind] ?? 5, c.kind === 'money' ? 14 : 10);
  });
}

export interface PaperFit {
  /** The print scale, in percent: the largest that fits the page across, at least MIN_SCALE. */
  scale: number;
  /** Whether every column fits on one page across at that scale. */
  oneAcross: boolean;
  /** Pixels all columns take at 100 %. */
  pixels: number;
}

export function paperFit(widths: number[]): PaperFit {
  const pixels = widths.reduce((s, w) => s + columnPixels(w), 0);
  const fitted = Math.floor((PRINTABLE_PX / pixels) * 100);
  const scale = clamp(fitted, MIN_SCALE, 100);
  return { scale, oneAcross: fitted >= MIN_SCALE, pixels };
}
