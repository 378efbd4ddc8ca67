// Workbooks other than xlsx — Excel 97–2003 .xls, WPS .et (the same OLE2 layout) and OpenDocument .ods — read
// with SheetJS (the maintained 0.20 line, published as @e965/xlsx). These files are small (an .xls holds at most
// 65,536 rows), so the whole workbook is read at once.
import { PercentCell, type RawCell } from './values';
import type { RowSink } from './read';

/** A number format shows a percentage when it has a % outside quotes and escapes. */
// Stryker disable next-line StringLiteral: whatever stands in for a quoted or escaped part holds no %, only its removal matters
export const isPercentFormat = (fmt: string | undefined | null): boolean => !!fmt && /%/.test(fmt.replace(/"[^"]*"|\\./g, ''));

type Cell = { t: string; v?: unknown; z?: string };

function raw(c: Cell | undefined): RawCell {
  // Stryker disable next-line ConditionalExpression: read without sheetStubs, SheetJS gives every cell a value
  if (!c || c.v == null) return null;
  switch (c.t) {
    case 'n':
      return isPercentFormat(c.z) ? new PercentCell(c.v as number) : (c.v as number);
    case 's':
    case 'b':
      return c.v as string | boolean;
    case 'd':
      return c.v as Date;
    default:
      return null; // an error cell (#N/A, #DIV/0!) holds no value
  }
}

/** SheetJS reports some OpenDocument number formats it only approximates on console.error; a percent sign is
 * all that is read of a format, so the notes are left out of the app's log. */
function quietly<T>(read: () => T): T {
  const error = console.error;
  console.error = () => {};
  try {
    return read();
  } finally {
    console.error = error;
  }
}

export async function readOldWorkbook(bytes: Uint8Array, open: (sheet: string) => RowSink | null): Promise<string[]> {
  const XLSX = await import('@e965/xlsx');
  const wb = quietly(() => XLSX.read(bytes, { type: 'array', cellNF: true, cellDates: true, dense: false }));
  for (const name of wb.SheetNames) {
    const sink = open(name);
    const ws = wb.Sheets[name];
    // Stryker disable next-line OptionalChaining: SheetJS gives every sheet it names an object
    if (!sink || !ws?.['!ref']) continue;
    const range = XLSX.utils.decode_range(ws['!ref']);
    for (let r = range.s.r; r <= range.e.r; r++) {
      const cells: RawCell[] = new Array(range.e.c + 1).fill(null);
      for (let c = range.s.c; c <= range.e.c; c++) cells[c] = raw(ws[XLSX.utils.encode_cell({ r, c })] as Cell | undefined);
      sink(cells, r + 1);
    }
  }
  return wb.SheetNames;
}
